/*
 * cmd_events.c - events and rsvp: community events from the local store
 * (works offline) with the member's RSVP, and RSVPs queued for the server
 * (membercore/community.h). Times are the building's local time.
 */
#include "memberctl.h"

#include <string.h>
#include <time.h>

#include "args.h"
#include "parse/datetime.h"
#include "render/render.h"

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

    rc = render_events(a, list, all);
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

    /* The event as the member now sees it, the RSVP layered on top. */
    mc_event_list *list = NULL;
    const mc_event *event = NULL;
    if (mc_events_list(client, 0, &list, NULL) == MC_OK) {
        for (size_t i = 0; i < list->count && event == NULL; i++) {
            if (strcmp(out_str(list->items[i].id), event_id) == 0)
                event = &list->items[i];
        }
    }
    rc = render_rsvp_done(a, event_id, rsvp, event);
    mc_event_list_free(list);
    return rc;
}

const command cmd_events = {
    "events",
    "events [--all]",
    "list upcoming events with your RSVP (local)",
    "Lists the events from the local store, soonest first: no network needed\n"
    "(memberctl sync fetches new ones). For each: id, title, building, start\n"
    "and end (the building's local time and zone label), going/capacity and\n"
    "your RSVP, marked (pending) until the server confirms it.\n"
    "  --all   also the events that have ended\n"
    "\n"
    "JSON: {\"events\":[{\"id\",\"building_id\",\"title\",\"description\",\"starts_at_ms\",\n"
    "       \"starts_at\",\"starts_at_local\",\"starts_at_zone\",\"ends_at_ms\",\"ends_at\",\n"
    "       \"ends_at_local\",\"ends_at_zone\",\"capacity\",\"going_count\",\n"
    "       \"my_rsvp\":\"none\"|\"going\"|\"not_going\",\"pending\"}]}\n",
    run_events,
};

const command cmd_rsvp = {
    "rsvp",
    "rsvp EVENT_ID going|not-going",
    "RSVP to an event (works offline; queued for the server)",
    "Records your answer on this device at once (events shows it as pending)\n"
    "and queues it: it reaches the server on the next memberctl sync, which\n"
    "has the last word (an event may fill up meanwhile: then the RSVP is\n"
    "rejected, and memberctl outbox says why). An event that already looks\n"
    "full here is refused at once (exit 2, conflict).\n"
    "\n"
    "JSON: {\"event_id\",\"rsvp\",\"queued\",\"event\":{...as in events}|null}\n",
    run_rsvp,
};
