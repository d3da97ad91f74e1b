/*
 * cmd_events.c - events and rsvp: community events from the local store
 * (works offline) with the member's RSVP, and RSVPs queued for the server
 * (membercore/community.h). Times are shown in UTC for now.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "output.h"
#include "values.h"

#define EVENTS_HINT "List the events with: memberctl events --all (memberctl sync fetches them)"

/* "none", "going", "not going". */
static const char *rsvp_words(mc_rsvp rsvp)
{
    return rsvp == MC_RSVP_NOT_GOING ? "not going" : mc_rsvp_name(rsvp);
}

static cJSON *event_json(const mc_event *e)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(e->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(e->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(e->title)) != NULL &&
              cJSON_AddStringToObject(obj, "description", out_str(e->description)) != NULL &&
              out_add_time_json(obj, "starts_at", e->starts_at_ms, false) &&
              out_add_time_json(obj, "ends_at", e->ends_at_ms, false) &&
              cJSON_AddNumberToObject(obj, "capacity", e->capacity) != NULL &&
              cJSON_AddNumberToObject(obj, "going_count", e->going_count) != NULL &&
              cJSON_AddStringToObject(obj, "my_rsvp", mc_rsvp_name(e->my_rsvp)) != NULL &&
              cJSON_AddBoolToObject(obj, "pending", e->pending) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/*
 * EVT-1  Networking Hour
 *        BLR-1, starts 2027-01-14T12:30:00Z, 12/40 going, my RSVP: going (pending)
 */
static void print_event_human(const mc_event *e)
{
    char starts[VALUES_TIME_MAX];
    values_format_time(e->starts_at_ms, starts, sizeof starts);
    bool full = e->capacity > 0 && e->going_count >= e->capacity;
    printf("%s  %s\n", out_str(e->id), out_str(e->title));
    printf("    %s, starts %s, %d/%d going%s, my RSVP: %s%s\n", out_str(e->building_id), starts,
           (int)e->going_count, (int)e->capacity, full ? " (full)" : "", rsvp_words(e->my_rsvp),
           e->pending ? " (pending)" : "");
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int run_events(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_event_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_events_list(client, all ? 0 : now_ms(), &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "events") : NULL;
        bool ok = array != NULL;
        for (size_t i = 0; ok && i < list->count; i++) {
            cJSON *e = event_json(&list->items[i]);
            ok = e != NULL && cJSON_AddItemToArray(array, e);
            if (!ok)
                cJSON_Delete(e);
        }
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_event_list_free(list);
        return out_json(a, root);
    }

    if (list->count == 0) {
        printf("No %sevents on this device yet; fetch them with: memberctl sync\n",
               all ? "" : "upcoming ");
    } else {
        printf("%zu %sevent%s (times in UTC; building time zones come later):\n", list->count,
               all ? "" : "upcoming ", list->count == 1 ? "" : "s");
        for (size_t i = 0; i < list->count; i++)
            print_event_human(&list->items[i]);
        printf("RSVP with: memberctl rsvp EVENT_ID going|not-going\n");
    }
    mc_event_list_free(list);
    return MEMBERCTL_EXIT_OK;
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
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "%s\n", EVENTS_HINT);
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "The event looks full on this device; memberctl sync refreshes it.\n");
        return rc;
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
    bool queued = event == NULL || event->pending;

    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "event_id", event_id) != NULL &&
                  cJSON_AddStringToObject(root, "rsvp", mc_rsvp_name(rsvp)) != NULL &&
                  cJSON_AddBoolToObject(root, "queued", queued) != NULL;
        if (ok && event == NULL) {
            ok = cJSON_AddNullToObject(root, "event") != NULL;
        } else if (ok) {
            cJSON *obj = event_json(event);
            ok = obj != NULL && cJSON_AddItemToObject(root, "event", obj);
            if (!ok)
                cJSON_Delete(obj);
        }
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_event_list_free(list);
        return out_json(a, root);
    }
    if (queued)
        printf("RSVP '%s' for %s saved on this device and queued: "
               "it will sync when online (memberctl sync).\n",
               rsvp_words(rsvp), event_id);
    else
        printf("RSVP '%s' for %s: already confirmed by the server, nothing to send.\n",
               rsvp_words(rsvp), event_id);
    if (event != NULL)
        print_event_human(event);
    mc_event_list_free(list);
    return MEMBERCTL_EXIT_OK;
}

const command cmd_events = {
    "events",
    "events [--all]",
    "list upcoming events with your RSVP (local)",
    "Lists the events from the local store, soonest first: no network needed\n"
    "(memberctl sync fetches new ones). For each: id, title, building, start\n"
    "(ISO-8601 UTC; building time zones come later), going/capacity and your\n"
    "RSVP, marked (pending) until the server confirms it.\n"
    "  --all   also the events that have ended\n"
    "\n"
    "JSON: {\"events\":[{\"id\",\"building_id\",\"title\",\"description\",\"starts_at_ms\",\n"
    "       \"starts_at\",\"ends_at_ms\",\"ends_at\",\"capacity\",\"going_count\",\n"
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
