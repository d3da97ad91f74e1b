/*
 * cmd_notifications.c - notifications and read: the inbox from the local
 * store (works offline) with unread counts per category, marking one, all or a
 * category's read (membercore/community.h, notifications.h); and the preferences:
 * which channels each category reaches the member on, and quiet hours. Every
 * write is saved and queued at once and sent right away when the server answers.
 */
#include "memberctl.h"

#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

static int notifications_list(app *a, const command *self, int argc, char **argv)
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

/* read --all [--category C]: every unread one (of the category) as the inbox is now. */
static int read_all(app *a, const command *self, const char *category_word)
{
    bool all_categories = category_word == NULL;
    mc_notification_category category = MC_NOTIFY_OTHER;
    mc_error err = MC_ERROR_INIT;
    if (!all_categories && mc_notification_category_parse(category_word, &category, &err) != MC_OK)
        return out_usage(a, self, "option '--category': %s", err.message);
    mc_client *client = NULL;
    int rc = command_client(a, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    int64_t mark = outbox_mark(client);
    int32_t marked = 0;
    mc_status st = mc_notifications_mark_all_read(client, all_categories, category, &marked, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    sent_state sent;
    if ((rc = send_since_or_refusal(a, client, "notification.read_all", mark, NULL, &sent)) !=
        COMMAND_CONTINUE)
        return rc;
    return render_read_all_done(a, all_categories, category, marked, sent);
}

static int run_read(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}, {"--category", true, NULL}};
    args p = {.opts = opts, .nopts = 2, .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;
    const char *category = args_value(&p, "--category");
    if (all && p.npos > 0)
        return out_usage(a, self, "give NOTIFICATION_ID or --all, not both");
    if (category != NULL && !all)
        return out_usage(a, self, "option '--category' goes with '--all'");
    if (all)
        return read_all(a, self, category);
    if (p.npos == 0)
        return out_usage(a, self, "missing NOTIFICATION_ID (or --all)");
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

/* ---- notifications prefs ------------------------------------------------------------- */

/* The preferences as they now are into *out; COMMAND_CONTINUE or the exit code. */
static int load_prefs(app *a, mc_client *client, mc_notification_prefs *out)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notification_prefs_get(client, out, &err);
    return st == MC_OK ? COMMAND_CONTINUE : out_core_error(a, st, &err);
}

static int prefs_show(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_notification_prefs prefs;
    if ((rc = load_prefs(a, client, &prefs)) != COMMAND_CONTINUE)
        return rc;
    return render_notification_prefs(a, &prefs);
}

/* prefs set CATEGORY CHANNEL on|off */
static int prefs_set(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 3};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos < 3)
        return out_usage(a, self, "missing %s (prefs set CATEGORY push|email|sms on|off)",
                         p.npos == 0   ? "CATEGORY"
                         : p.npos == 1 ? "CHANNEL"
                                       : "on or off");
    mc_notification_category category;
    mc_channel channel;
    mc_error err = MC_ERROR_INIT;
    if (mc_notification_category_parse(p.pos[0], &category, &err) != MC_OK)
        return out_usage(a, self, "%s", err.message);
    if (mc_channel_parse(p.pos[1], &channel, &err) != MC_OK)
        return out_usage(a, self, "%s", err.message);
    bool on = strcmp(p.pos[2], "on") == 0;
    if (!on && strcmp(p.pos[2], "off") != 0)
        return out_usage(a, self, "'%s' is not on or off", p.pos[2]);
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    int64_t mark = outbox_mark(client);
    mc_status st = mc_notification_pref_set(client, category, channel, on, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    sent_state sent;
    if ((rc = send_since_or_refusal(a, client, "notification_prefs.set", mark, NULL, &sent)) !=
        COMMAND_CONTINUE)
        return rc;
    mc_notification_prefs prefs;
    if ((rc = load_prefs(a, client, &prefs)) != COMMAND_CONTINUE)
        return rc;
    return render_pref_set(a, category, channel, on, &prefs, sent);
}

/* prefs quiet HH:MM-HH:MM|off */
static int prefs_quiet(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing HH:MM-HH:MM (e.g. 22:00-07:00) or off");
    bool enabled = strcmp(p.pos[0], "off") != 0;
    int32_t from = 0, to = 0;
    if (enabled && !datetime_parse_hhmm_span(p.pos[0], &from, &to))
        return out_usage(a, self,
                         "'%s' is not quiet hours: HH:MM-HH:MM from 00:00 to 23:59, two different "
                         "times (22:00-07:00 crosses midnight), or off",
                         p.pos[0]);
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_notification_prefs prefs;
    if ((rc = load_prefs(a, client, &prefs)) != COMMAND_CONTINUE)
        return rc;
    if (!enabled) { /* off keeps the hours for when they are switched on again */
        from = prefs.quiet_from_min;
        to = prefs.quiet_to_min;
    }
    int64_t mark = outbox_mark(client);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notification_quiet_hours_set(client, enabled, from, to, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    sent_state sent;
    if ((rc = send_since_or_refusal(a, client, "notification_prefs.quiet_hours", mark, NULL,
                                    &sent)) != COMMAND_CONTINUE)
        return rc;
    if ((rc = load_prefs(a, client, &prefs)) != COMMAND_CONTINUE)
        return rc;
    return render_quiet_hours_set(a, &prefs, sent);
}

static int notifications_prefs(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0 || argv[0][0] == '-')
        return prefs_show(a, self, argc, argv);
    if (strcmp(argv[0], "set") == 0)
        return prefs_set(a, self, argc - 1, argv + 1);
    if (strcmp(argv[0], "quiet") == 0)
        return prefs_quiet(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand 'prefs %s' (set or quiet)", argv[0]);
}

static int run_notifications(app *a, const command *self, int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "prefs") == 0)
        return notifications_prefs(a, self, argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "read") == 0)
        return run_read(a, self, argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "list") == 0)
        return notifications_list(a, self, argc - 1, argv + 1);
    return notifications_list(a, self, argc, argv);
}

const command cmd_notifications = {
    "notifications",
    "notifications [list] [--unread]\n"
    "   or: memberctl notifications read NOTIFICATION_ID | --all [--category C]\n"
    "   or: memberctl notifications prefs\n"
    "   or: memberctl notifications prefs set CATEGORY push|email|sms on|off\n"
    "   or: memberctl notifications prefs quiet HH:MM-HH:MM|off",
    "your notifications, unread counts per category; channels and quiet hours",
    "list (the default): the inbox from the local store, newest first: no\n"
    "network needed (memberctl sync fetches new ones). First the unread counts\n"
    "per category (billing, support, bookings, events, announcements, other),\n"
    "then each notification: id, category, when (local time and zone label),\n"
    "read or unread (pending until the server confirms a read), title (urgent\n"
    "ones say so), the body, and where its link leads in words (\"Link: opens\n"
    "invoice INV-2026-0011\", \"opens visitor ...\") with the link itself.\n"
    "  --unread   only the unread ones (the counts are always over all)\n"
    "\n"
    "read: as memberctl read (one by id, or --all [--category C]).\n"
    "\n"
    "prefs: where each category reaches you: push (this and your other devices\n"
    "with a push token: memberctl push register), email (your profile's) and\n"
    "SMS (your phone), on or off, \"(pending)\" until the server confirms a\n"
    "change; the messages that reach you whatever the switches say, and why\n"
    "(visitor arrivals, payment confirmations); quiet hours in your building's\n"
    "local time with its zone label (push and SMS that are not urgent wait\n"
    "until they end; email and urgent ones are never held).\n"
    "prefs set CATEGORY CHANNEL on|off: CATEGORY billing, support, bookings,\n"
    "events or announcements; CHANNEL push, email or sms. Saved and queued at\n"
    "once (offline too), sent right away when the server answers; the server\n"
    "honours it from then on.\n"
    "prefs quiet HH:MM-HH:MM|off: e.g. 22:00-07:00 (across midnight); off keeps\n"
    "the hours for later.\n"
    "\n"
    "JSON: list: {\"unread_total\",\"unread_by_category\":{\"billing\":N,...},\n"
    "       \"notifications\":[{\"id\",\"category\",\"title\",\"body\",\"deep_link\",\n"
    "       \"link_kind\",\"link_id\",\"link_text\",\"created_at_ms\",\"created_at\",\n"
    "       \"created_at_local\",\"created_at_zone\",\"read\",\"pending\",\"kind\",\n"
    "       \"urgent\"}]}\n"
    "      prefs: {\"prefs\":PREFS}\n"
    "      prefs set: {\"category\",\"channel\",\"on\",\"queued\",\"sent\",\"prefs\":PREFS}\n"
    "      prefs quiet: {\"quiet_hours\":QUIET,\"queued\",\"sent\"}\n"
    "      PREFS: {\"channels\":{\"billing\":{\"push\",\"email\",\"sms\"},...},\n"
    "       \"pending\":{the same shape},\"always\":{\"billing\":TEXT|null,...},\n"
    "       \"quiet_hours\":QUIET,\"synced\"}\n"
    "      QUIET: {\"enabled\",\"from\",\"to\",\"from_min\",\"to_min\",\"zone\",\"pending\"}\n"
    "      (\"sent\": "
    "\"confirmed\"|\"accepted\"|\"queued\"|\"nothing\"|\"signed_out\"|\"retry\")\n",
    run_notifications,
};

const command cmd_read = {
    "read",
    "read NOTIFICATION_ID\n"
    "   or: memberctl read --all [--category C]",
    "mark a notification, or all, read (works offline; sent at once when online)",
    "Marks the notification read on this device at once and sends it to the\n"
    "server right away; when the server cannot be reached it stays queued for\n"
    "the next memberctl sync. Marking one that is already read changes\n"
    "nothing.\n"
    "  --all           every unread notification as this device has them now\n"
    "                  (one that arrives meanwhile stays unread)\n"
    "  --category C    with --all: only billing, support, bookings, events or\n"
    "                  announcements\n"
    "\n"
    "JSON: {\"notification_id\",\"read\":true,\"queued\",\n"
    "       \"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\"nothing\"}\n"
    "      --all: {\"marked\",\"category\"|null,\"queued\",\"sent\"}\n",
    run_read,
};
