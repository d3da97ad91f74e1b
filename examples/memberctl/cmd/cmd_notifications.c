/*
 * cmd_notifications.c - notifications and read: the inbox from the local
 * store (works offline) with unread counts per category, and marking one
 * read, queued for the server (membercore/community.h).
 */
#include "memberctl.h"

#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

static int run_notifications(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--unread", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool unread_only = args_value(&p, "--unread") != NULL;
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notifications_list(client, unread_only, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    rc = render_inbox(a, list, unread_only);
    mc_notification_list_free(list);
    return rc;
}

static int run_read(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing NOTIFICATION_ID");
    const char *id = p.pos[0];

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notification_mark_read(client, id, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND,
             "List them with: memberctl notifications (memberctl sync fetches new ones)"},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }

    /* Queued, or was it read already (nothing queued)? The inbox says. Queued: sent at once
     * when the server answers. */
    bool queued = true;
    mc_notification_list *list = NULL;
    if (mc_notifications_list(client, false, &list, NULL) == MC_OK) {
        for (size_t i = 0; i < list->count; i++) {
            if (strcmp(out_str(list->items[i].id), id) == 0)
                queued = list->items[i].pending;
        }
    }
    mc_notification_list_free(list);
    sent_outcome sent = {SENT_NOTHING, MC_ERROR_INIT};
    if (queued)
        sent = send_now(client, "notification.read", id);
    if (sent.state == SENT_REFUSED)
        return out_core_error(a, sent.why.code, &sent.why);
    return render_read_done(a, id, sent.state);
}

const command cmd_notifications = {
    "notifications",
    "notifications [--unread]",
    "list your notifications, unread counts per category (local)",
    "Shows the inbox from the local store, newest first: no network needed\n"
    "(memberctl sync fetches new ones). First the unread counts per category\n"
    "(billing, support, bookings, events, announcements, other), then each\n"
    "notification: id, category, when (local time and zone label), read or\n"
    "unread (pending until the server confirms a read), title.\n"
    "  --unread   only the unread ones (the counts are always over all)\n"
    "\n"
    "JSON: {\"unread_total\",\"unread_by_category\":{\"billing\":N,...},\n"
    "       \"notifications\":[{\"id\",\"category\",\"title\",\"body\",\"deep_link\",\n"
    "       \"created_at_ms\",\"created_at\",\"created_at_local\",\"created_at_zone\",\n"
    "       \"read\",\"pending\"}]}\n",
    run_notifications,
};

const command cmd_read = {
    "read",
    "read NOTIFICATION_ID",
    "mark a notification read (works offline; sent at once when online)",
    "Marks the notification read on this device at once and sends it to the\n"
    "server right away; when the server cannot be reached it stays queued for\n"
    "the next memberctl sync. Marking one that is already read changes\n"
    "nothing.\n"
    "\n"
    "JSON: {\"notification_id\",\"read\":true,\"queued\",\n"
    "       \"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\"nothing\"}\n",
    run_read,
};
