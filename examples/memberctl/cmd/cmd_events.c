/*
 * cmd_events.c - events and rsvp: community events from the local store
 * (works offline) with the member's RSVP, and RSVPs queued for the server
 * (membercore/community.h). Times are the building's local time.
 */
#include "memberctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cmd/send_now.h"
#include "parse/datetime.h"
#include "render/render.h"

/*
 * The events to show, shallow copies of list's in shown: the member's own building's first,
 * soonest first within each part; the other buildings' only when all (or when the member has
 * no building of their own). *others counts those left out. false without memory.
 */
static bool own_building_first(const mc_event_list *list, const char *own, bool all,
                               mc_event_list *shown, size_t *others)
{
    shown->items = list->count ? calloc(list->count, sizeof *shown->items) : NULL;
    shown->count = 0;
    shown->next_cursor = NULL;
    *others = 0;
    if (list->count > 0 && shown->items == NULL)
        return false;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < list->count; i++) {
            bool mine = own[0] == '\0' || strcmp(out_str(list->items[i].building_id), own) == 0;
            if (pass == 0 && mine)
                shown->items[shown->count++] = list->items[i];
            else if (pass == 1 && !mine && all)
                shown->items[shown->count++] = list->items[i];
            else if (pass == 1 && !mine)
                (*others)++;
        }
    }
    return true;
}

static int run_events(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;
    mc_event_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_events_list(client, all ? 0 : datetime_clock_ms(CLOCK_REALTIME), &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    mc_account *account = NULL;
    char own[64] = "";
    if (mc_account_get(client, &account, NULL) == MC_OK)
        snprintf(own, sizeof own, "%s", out_str(account->building_id));
    mc_account_free(account);
    mc_event_list shown;
    size_t others = 0;
    if (!own_building_first(list, own, all, &shown, &others)) {
        mc_event_list_free(list);
        return out_error_in(a, "no_memory", MC_ERR_NO_MEMORY, "out of memory", NULL);
    }
    rc = render_events(a, &shown, all, own, others);
    free(shown.items); /* the events themselves are list's */
    mc_event_list_free(list);
    return rc;
}

/* "going" -> GOING; "not-going" or "not_going" -> NOT_GOING; else NONE. */
static mc_rsvp rsvp_from_word(const char *word)
{
    if (strcmp(word, "going") == 0)
        return MC_RSVP_GOING;
    if (strcmp(word, "not-going") == 0 || strcmp(word, "not_going") == 0)
        return MC_RSVP_NOT_GOING;
    return MC_RSVP_NONE;
}

/* Whether the member's RSVP to event_id waits for the server. */
static bool pending_rsvp(mc_client *client, const char *event_id)
{
    mc_event_list *list = NULL;
    bool pending = false;
    if (mc_events_list(client, 0, &list, NULL) == MC_OK)
        for (size_t i = 0; i < list->count; i++)
            if (strcmp(out_str(list->items[i].id), event_id) == 0)
                pending = list->items[i].pending;
    mc_event_list_free(list);
    return pending;
}

static int run_rsvp(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 2};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing EVENT_ID");
    if (p.npos == 1)
        return out_usage(a, self, "missing the answer (going or not-going)");
    const char *event_id = p.pos[0];
    mc_rsvp rsvp = rsvp_from_word(p.pos[1]);
    if (rsvp == MC_RSVP_NONE)
        return out_usage(a, self, "unknown answer '%s' (going or not-going)", p.pos[1]);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_event_rsvp(client, event_id, rsvp, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND,
             "List the events with: memberctl events --all (memberctl sync fetches them)"},
            {MC_ERR_CONFLICT, "The event looks full on this device; memberctl sync refreshes it."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }

    /* Queued (the RSVP changed) and sent at once when the server answers; then the event
     * as the member now sees it. */
    sent_outcome sent = {pending_rsvp(client, event_id) ? SENT_QUEUED : SENT_NOTHING,
                         MC_ERROR_INIT};
    if (sent.state == SENT_QUEUED)
        sent = send_now(client, "rsvp.set", event_id);
    if (sent.state == SENT_REFUSED)
        return out_core_error(a, sent.why.code, &sent.why);
    mc_event_list *list = NULL;
    const mc_event *event = NULL;
    if (mc_events_list(client, 0, &list, NULL) == MC_OK) {
        for (size_t i = 0; i < list->count && event == NULL; i++) {
            if (strcmp(out_str(list->items[i].id), event_id) == 0)
                event = &list->items[i];
        }
    }
    rc = render_rsvp_done(a, event_id, rsvp, event, sent.state);
    mc_event_list_free(list);
    return rc;
}

const command cmd_events = {
    "events",
    "events [--all]",
    "list upcoming events with your RSVP (local)",
    "Lists the upcoming events of your own building from the local store,\n"
    "soonest first: no network needed (memberctl sync fetches new ones). For\n"
    "each: id, title, building, start and end (the building's local time and\n"
    "zone label), going/capacity, how many wait on its waitlist, and your\n"
    "RSVP (waitlisted with your place in line: 1 is next), marked (pending)\n"
    "until the server confirms it. Without a building of your own: every\n"
    "building's.\n"
    "  --all   every building's events, yours first, and those that have ended\n"
    "\n"
    "JSON: {\"events\":[{\"id\",\"building_id\",\"title\",\"description\",\"starts_at_ms\",\n"
    "       \"starts_at\",\"starts_at_local\",\"starts_at_zone\",\"ends_at_ms\",\"ends_at\",\n"
    "       \"ends_at_local\",\"ends_at_zone\",\"capacity\",\"going_count\",\n"
    "       \"my_rsvp\":\"none\"|\"going\"|\"not_going\"|\"waitlisted\",\"waitlist_count\",\n"
    "       \"waitlist_position\":N|null (1: next; null unless waitlisted),\"pending\"}]}\n",
    run_events,
};

const command cmd_rsvp = {
    "rsvp",
    "rsvp EVENT_ID going|not-going",
    "RSVP to an event (works offline; sent at once when online)",
    "Records your answer on this device at once and sends it to the server\n"
    "right away, saying it was sent and confirmed. When the server cannot be\n"
    "reached it stays queued (events shows it as pending) and the next\n"
    "memberctl sync sends it. Going to a full event puts you on its waitlist\n"
    "(the server gives your place in line; memberctl events shows it): when\n"
    "someone going drops out, the first in line is moved to going and gets a\n"
    "notification. not-going leaves the event, or its waitlist.\n"
    "\n"
    "JSON: {\"event_id\",\"rsvp\",\"queued\",\"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\n"
    "       \"nothing\",\"event\":{...as in events}|null}\n",
    run_rsvp,
};
