/*
 * cmd_notifications.c - notifications and read: the inbox from the local
 * store (works offline) with unread counts per category, and marking one
 * read, queued for the server (membercore/community.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "values.h"

/* The categories in the order they are shown: "other" last. */
static mc_notification_category category_at(int i)
{
    return (mc_notification_category)((i + 1) % MC_NOTIFY_CATEGORY_COUNT);
}

static cJSON *notification_json(const mc_notification *n)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(n->id)) != NULL &&
              cJSON_AddStringToObject(obj, "category",
                                      mc_notification_category_name(n->category)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(n->title)) != NULL &&
              cJSON_AddStringToObject(obj, "body", out_str(n->body)) != NULL &&
              cJSON_AddStringToObject(obj, "deep_link", out_str(n->deep_link)) != NULL &&
              out_add_time_json(obj, "created_at", n->created_at_ms, false) &&
              cJSON_AddBoolToObject(obj, "read", n->read) != NULL &&
              cJSON_AddBoolToObject(obj, "pending", n->pending) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *inbox_json(const mc_notification_list *list)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *counts = NULL, *array = NULL;
    bool ok = root != NULL &&
              cJSON_AddNumberToObject(root, "unread_total", list->unread_total) != NULL &&
              (counts = cJSON_AddObjectToObject(root, "unread_by_category")) != NULL;
    for (int i = 0; ok && i < MC_NOTIFY_CATEGORY_COUNT; i++) {
        mc_notification_category c = category_at(i);
        ok = cJSON_AddNumberToObject(counts, mc_notification_category_name(c),
                                     list->unread_by_category[c]) != NULL;
    }
    ok = ok && (array = cJSON_AddArrayToObject(root, "notifications")) != NULL;
    for (size_t i = 0; ok && i < list->count; i++) {
        cJSON *n = notification_json(&list->items[i]);
        ok = n != NULL && cJSON_AddItemToArray(array, n);
        if (!ok)
            cJSON_Delete(n);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_inbox_human(const mc_notification_list *list, bool unread_only)
{
    printf("Unread: %d (", (int)list->unread_total);
    for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++) {
        mc_notification_category c = category_at(i);
        printf("%s%s %d", i > 0 ? ", " : "", mc_notification_category_name(c),
               (int)list->unread_by_category[c]);
    }
    printf(")\n");
    if (list->count == 0) {
        printf("No %snotifications on this device%s.\n", unread_only ? "unread " : "",
               unread_only ? "" : " yet (memberctl sync fetches them)");
        return;
    }
    int id_width = 0;
    for (size_t i = 0; i < list->count; i++) {
        int len = (int)strlen(out_str(list->items[i].id));
        id_width = len > id_width ? len : id_width;
    }
    for (size_t i = 0; i < list->count; i++) {
        const mc_notification *n = &list->items[i];
        char created[VALUES_TIME_MAX], state[32];
        values_format_time(n->created_at_ms, created, sizeof created);
        snprintf(state, sizeof state, "%s%s", n->read ? "read" : "unread",
                 n->pending ? " (pending)" : "");
        printf("  %-*s  %-13s  %s  %-16s  %s\n", id_width, out_str(n->id),
               mc_notification_category_name(n->category), created, state, out_str(n->title));
    }
    if (list->unread_total > 0)
        printf("Mark one read with: memberctl read NOTIFICATION_ID\n");
}

static int run_notifications(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--unread", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool unread_only = args_value(&p, "--unread") != NULL;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notifications_list(client, unread_only, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    if (a->json) {
        rc = out_json(a, inbox_json(list));
    } else {
        print_inbox_human(list, unread_only);
        rc = MEMBERCTL_EXIT_OK;
    }
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
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "List them with: memberctl notifications (memberctl sync fetches "
                            "new ones)\n");
        return rc;
    }

    /* Queued, or was it read already (nothing queued)? The inbox says. */
    bool queued = true;
    mc_notification_list *list = NULL;
    if (mc_notifications_list(client, false, &list, NULL) == MC_OK) {
        for (size_t i = 0; i < list->count; i++) {
            if (strcmp(out_str(list->items[i].id), id) == 0)
                queued = list->items[i].pending;
        }
    }
    mc_notification_list_free(list);

    if (!a->json) {
        if (queued)
            printf("Marked %s read on this device and queued: it will sync when online "
                   "(memberctl sync).\n",
                   id);
        else
            printf("%s was already read; nothing to send.\n", id);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL && cJSON_AddStringToObject(root, "notification_id", id) != NULL &&
              cJSON_AddBoolToObject(root, "read", true) != NULL &&
              cJSON_AddBoolToObject(root, "queued", queued) != NULL;
    if (!ok) {
        cJSON_Delete(root);
        root = NULL;
    }
    return out_json(a, root);
}

const command cmd_notifications = {
    "notifications",
    "notifications [--unread]",
    "list your notifications, unread counts per category (local)",
    "Shows the inbox from the local store, newest first: no network needed\n"
    "(memberctl sync fetches new ones). First the unread counts per category\n"
    "(billing, support, bookings, events, announcements, other), then each\n"
    "notification: id, category, when (UTC), read or unread (pending until the\n"
    "server confirms a read), title.\n"
    "  --unread   only the unread ones (the counts are always over all)\n"
    "\n"
    "JSON: {\"unread_total\",\"unread_by_category\":{\"billing\":N,...},\n"
    "       \"notifications\":[{\"id\",\"category\",\"title\",\"body\",\"deep_link\",\n"
    "       \"created_at_ms\",\"created_at\",\"read\",\"pending\"}]}\n",
    run_notifications,
};

const command cmd_read = {
    "read",
    "read NOTIFICATION_ID",
    "mark a notification read (works offline; queued for the server)",
    "Marks the notification read on this device at once and queues it for the\n"
    "server (sent on the next memberctl sync). Marking one that is already\n"
    "read changes nothing.\n"
    "\n"
    "JSON: {\"notification_id\",\"read\":true,\"queued\"}\n",
    run_read,
};
