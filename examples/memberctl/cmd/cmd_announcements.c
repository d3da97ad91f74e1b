/*
 * cmd_announcements.c - announcements and announcements read: the operator's
 * announcements for the member's building and everyone, from the local store (works
 * offline), and one read in full and marked read: saved at once, queued and sent right
 * away (membercore/announcements.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

static int announcements_list(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_announcement_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_announcements_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_announcements(a, list);
    mc_announcement_list_free(list);
    return rc;
}

/* The live announcements now (free the list), and in *found the one with id (NULL when
 * not among them). NULL when the store cannot be read. */
static mc_announcement_list *announcement_now(mc_client *client, const char *id,
                                              const mc_announcement **found)
{
    mc_announcement_list *list = NULL;
    *found = NULL;
    if (mc_announcements_list(client, &list, NULL) != MC_OK)
        return NULL;
    for (size_t i = 0; i < list->count && *found == NULL; i++) {
        if (strcmp(out_str(list->items[i].id), id) == 0)
            *found = &list->items[i];
    }
    return list;
}

static int announcements_read(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv,
                                "ANNOUNCEMENT_ID (memberctl announcements lists them)", &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *id = p.pos[0];
    mc_error err = MC_ERROR_INIT;
    int64_t mark = outbox_mark(client);
    mc_status st = mc_announcement_mark_read(client, id, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List them with: memberctl announcements (memberctl sync fetches "
                               "new ones)"},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    sent_state sent = SENT_NOTHING;
    if ((rc = send_since_or_refusal(a, client, "announcement.read", mark, NULL, &sent)) !=
        COMMAND_CONTINUE)
        return rc;
    const mc_announcement *now = NULL;
    mc_announcement_list *list = announcement_now(client, id, &now);
    mc_announcement gone = {.id = (char *)id, .read = true}; /* expired since: not listed */
    rc = render_announcement_read(a, now != NULL ? now : &gone, sent);
    mc_announcement_list_free(list);
    return rc;
}

static int run_announcements(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return announcements_list(a, self, argc, argv);
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "list") == 0)
        return announcements_list(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "read") == 0)
        return announcements_read(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (list or read)", sub);
}

const command cmd_announcements = {
    "announcements",
    "announcements [list]\n"
    "   or: memberctl announcements read ANNOUNCEMENT_ID",
    "the operator's announcements (local); read one",
    "list (the default): the live announcements of your building and those\n"
    "for everyone, from the local store (no network needed; memberctl sync\n"
    "fetches new ones): pinned first, then newest first. For each: id, title,\n"
    "[pinned], the building (or everyone), when it was published and until\n"
    "when it runs (the building's local time with its zone label), read or\n"
    "unread (pending until the server has your mark), the start of the body.\n"
    "An expired one is not listed.\n"
    "\n"
    "read: shows one in full and marks it read: saved on this device at once\n"
    "and sent to the server right away (offline: queued until memberctl sync).\n"
    "Reading a read one again sends nothing.\n"
    "\n"
    "JSON: list: {\"announcements\":[ANNOUNCEMENT],\"unread_count\"}\n"
    "      read: {\"announcement\":ANNOUNCEMENT,\"queued\",\"sent\"}\n"
    "      ANNOUNCEMENT: {\"id\",\"building_id\":ID|null (null: everyone),\"title\",\"body\",\n"
    "       \"pinned\",\"published_at_ms\",\"published_at\",\"published_at_local\",\n"
    "       \"published_at_zone\",\"expires_at\"(_ms,_local,_zone: null when none),\n"
    "       \"read\",\"pending\"}\n",
    run_announcements,
};
