/*
 * cmd_sync.c - sync and status: the offline-first engine (membercore/sync.h)
 * as a person drives it. "sync" runs one round on this thread; "sync --watch"
 * (cmd_watch.c) runs the background thread and prints what it does until
 * Ctrl-C.
 */
#include "memberctl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "sync_sink.h"
#include "values.h"

/* ---- The status ---------------------------------------------------------- */

/* "1 change" / "3 changes". */
static const char *changes(int32_t n)
{
    return n == 1 ? "change" : "changes";
}

static void print_status_human(const mc_sync_status *s)
{
    char last_sync[VALUES_TIME_MAX], next[VALUES_TIME_MAX], error[MC_ERROR_MESSAGE_MAX + 32];
    out_time(s->last_sync_ms, "never", last_sync, sizeof last_sync);
    out_time(s->next_attempt_ms, "none due", next, sizeof next);
    out_sync_last_error(s, error, sizeof error);
    printf("Sync status:\n");
    printf("  %-13s %s%s\n", "State:", out_sync_state_name(s->state),
           s->running ? " (background sync running)" : "");
    printf("  %-13s %d %s not yet accepted by the server\n", "Queued:", (int)s->queue_depth,
           changes(s->queue_depth));
    printf("  %-13s %d\n", "Rejected:", (int)s->rejected_count);
    printf("  %-13s %s\n", "Last sync:", last_sync);
    printf("  %-13s %s\n", "Next attempt:", next);
    printf("  %-13s %s\n", "Last error:", error);
}

static void print_status_hints(const mc_sync_status *s)
{
    if (s->state == MC_SYNC_SIGNED_OUT)
        printf("Sign in with: memberctl login PHONE\n");
    if (s->rejected_count > 0)
        printf("See why with: memberctl outbox\n");
    if (s->queue_depth > 0)
        printf("Send them with: memberctl sync\n");
}

/* ---- sync ------------------------------------------------------------------ */

static cJSON *report_json(const mc_sync_report *r)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *kinds = out_kinds_json(r->changed_kinds);
    bool ok = obj != NULL && kinds != NULL &&
              cJSON_AddNumberToObject(obj, "pushed", r->pushed) != NULL &&
              cJSON_AddNumberToObject(obj, "rejected", r->rejected) != NULL &&
              cJSON_AddNumberToObject(obj, "pulled", r->pulled) != NULL &&
              cJSON_AddItemToObject(obj, "changed_kinds", kinds);
    if (!ok)
        cJSON_Delete(kinds);
    if (!ok || cJSON_AddBoolToObject(obj, "reset", r->reset) == NULL) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static void print_report_human(const mc_sync_report *r)
{
    char kinds[128];
    out_kinds(r->changed_kinds, kinds, sizeof kinds);
    printf("Pushed %d, rejected %d, pulled %d.\n", (int)r->pushed, (int)r->rejected,
           (int)r->pulled);
    printf("Changed: %s\n", kinds);
    printf("Reset: %s\n", r->reset ? "yes (a fresh snapshot was pulled)" : "no");
}

/* The rejected mutations of the outbox, with their reasons. */
static void print_rejected_human(const mc_mutation_list *outbox)
{
    bool any = false;
    for (size_t i = 0; i < outbox->count; i++) {
        const mc_mutation *m = &outbox->items[i];
        if (m->state != MC_MUTATION_REJECTED)
            continue;
        if (!any)
            printf("Rejected (shown until dismissed: memberctl outbox dismiss ID):\n");
        any = true;
        char reason[2 * MC_ERROR_MESSAGE_MAX];
        out_mutation_reason(m, reason, sizeof reason);
        printf("  %lld  %s %s: %s\n", (long long)m->mutation_id, out_str(m->kind),
               out_str(m->entity_id), reason);
    }
}

static cJSON *rejected_json(const mc_mutation_list *outbox)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && outbox != NULL && i < outbox->count; i++) {
        if (outbox->items[i].state != MC_MUTATION_REJECTED)
            continue;
        cJSON *m = out_mutation_json(&outbox->items[i]);
        if (m == NULL || !cJSON_AddItemToArray(array, m)) {
            cJSON_Delete(m);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

/*
 * {"report":{...},"events":[...],"rejected_mutations":[...],"status":{...}};
 * outbox and status may be NULL (not available). Takes events. NULL when out
 * of memory.
 */
static cJSON *sync_json(const mc_sync_report *report, cJSON *events, const mc_mutation_list *outbox,
                        const mc_sync_status *status)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL) {
        cJSON_Delete(events);
        return NULL;
    }
    bool ok = out_add_item(root, "report", report_json(report));
    ok = out_add_item(root, "events", events) && ok;
    ok = ok && out_add_item(root, "rejected_mutations", rejected_json(outbox));
    ok = ok && (status != NULL ? out_add_item(root, "status", out_sync_status_json(status))
                               : cJSON_AddNullToObject(root, "status") != NULL);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static int sync_once(app *a, mc_client *client)
{
    event_sink sink = {.mode = a->json ? SINK_JSON_ARRAY : SINK_HUMAN};
    pthread_mutex_init(&sink.lock, NULL);
    if (a->json)
        sink.events = cJSON_CreateArray();

    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(
        client,
        MC_SYNC_EVENT_MUTATION_REJECTED | MC_SYNC_EVENT_SESSION_EXPIRED | MC_SYNC_EVENT_PROGRESS,
        MC_DELIVER_IMMEDIATE, sync_sink_deliver, &sink, &token, &err);
    if (st != MC_OK) {
        cJSON_Delete(sink.events);
        pthread_mutex_destroy(&sink.lock);
        return out_core_error(a, st, &err);
    }

    mc_sync_report report;
    memset(&report, 0, sizeof report);
    mc_error sync_err = MC_ERROR_INIT;
    mc_status sync_st = mc_sync_once(client, &report, &sync_err);
    mc_sync_listener_remove(client, token, NULL);
    pthread_mutex_destroy(&sink.lock);

    /* What is left afterwards: the rejected mutations and the queue. Signed
     * out, there is no outbox to show: the sync error says why. */
    mc_mutation_list *outbox = NULL;
    err = (mc_error)MC_ERROR_INIT;
    st = mc_outbox_list(client, &outbox, &err);
    if (st != MC_OK && sync_st == MC_OK) {
        cJSON_Delete(sink.events);
        return out_core_error(a, st, &err);
    }
    mc_sync_status status;
    memset(&status, 0, sizeof status);
    bool have_status = mc_sync_status_get(client, &status, NULL) == MC_OK;

    int rc = MEMBERCTL_EXIT_OK;
    if (a->json) {
        cJSON *root = sync_json(&report, sink.events, outbox, have_status ? &status : NULL);
        if (root == NULL || sink.out_of_memory) {
            cJSON_Delete(root);
            root = NULL;
        }
        if (sync_st != MC_OK && root != NULL)
            rc = out_core_error_in(a, sync_st, &sync_err, root);
        else
            rc = out_json(a, root);
    } else {
        if (sync_st == MC_OK)
            printf("Synced.\n");
        else if (report.pushed == 0 && report.rejected == 0 && report.pulled == 0)
            printf("Sync failed before anything was exchanged.\n");
        else
            printf("Sync stopped by an error; what succeeded before it is kept:\n");
        print_report_human(&report);
        if (outbox != NULL)
            print_rejected_human(outbox);
        if (sync_st != MC_OK && have_status && status.queue_depth > 0)
            printf("%d %s still queued on this device; %s will sync when online.\n",
                   (int)status.queue_depth, changes(status.queue_depth),
                   status.queue_depth == 1 ? "it" : "they");
        if (sync_st != MC_OK) {
            fflush(stdout);
            rc = out_core_error(a, sync_st, &sync_err);
        }
    }
    mc_mutation_list_free(outbox);
    return rc;
}

static int run_sync(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--watch", false, NULL}, {"--seconds", true, NULL}};
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool watch = args_value(&p, "--watch") != NULL;
    const char *seconds_text = args_value(&p, "--seconds");
    int32_t seconds = -1;
    if (seconds_text != NULL && !watch)
        return out_usage(a, self, "option '--seconds' is only for --watch");
    if (seconds_text != NULL && !values_parse_count(seconds_text, &seconds))
        return out_usage(a, self, "option '--seconds': '%s' is not a whole number of seconds",
                         seconds_text);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    return watch ? sync_watch(a, client, seconds) : sync_once(a, client);
}

/* ---- status ------------------------------------------------------------------ */

/*
 * The oldest queued change that failed to send, or NULL. The engine's own
 * last error (mc_sync_status) lives in memory, so a new process would say
 * "none" after a failed sync; the outbox keeps each change's last error.
 */
static const mc_mutation *queue_error(const mc_mutation_list *outbox)
{
    for (size_t i = 0; outbox != NULL && i < outbox->count; i++) {
        const mc_mutation *m = &outbox->items[i];
        if (m->state != MC_MUTATION_REJECTED && m->error_code != MC_OK)
            return m;
    }
    return NULL;
}

static cJSON *queue_error_json(const mc_mutation *m)
{
    if (m == NULL)
        return cJSON_CreateNull();
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddNumberToObject(obj, "mutation_id", (double)m->mutation_id) != NULL &&
              cJSON_AddStringToObject(obj, "code", mc_status_name(m->error_code)) != NULL &&
              cJSON_AddNumberToObject(obj, "status", (int)m->error_code) != NULL &&
              cJSON_AddStringToObject(obj, "server_code", out_str(m->error_server_code)) != NULL &&
              cJSON_AddStringToObject(obj, "message", out_str(m->error_message)) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static int run_status(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_sync_status status;
    memset(&status, 0, sizeof status);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_status_get(client, &status, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    /* Signed out there is no outbox to look at: no queue error then. */
    mc_mutation_list *outbox = NULL;
    if (status.queue_depth > 0)
        mc_outbox_list(client, &outbox, NULL);
    const mc_mutation *failed = queue_error(outbox);

    if (!a->json) {
        print_status_human(&status);
        if (failed != NULL) {
            char reason[2 * MC_ERROR_MESSAGE_MAX];
            out_mutation_reason(failed, reason, sizeof reason);
            printf("  %-13s %s (change %lld, %d attempt%s)\n", "Queue error:", reason,
                   (long long)failed->mutation_id, (int)failed->attempts,
                   failed->attempts == 1 ? "" : "s");
        }
        print_status_hints(&status);
        mc_mutation_list_free(outbox);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    if (root != NULL && (!out_add_item(root, "status", out_sync_status_json(&status)) ||
                         !out_add_item(root, "queue_error", queue_error_json(failed)))) {
        cJSON_Delete(root);
        root = NULL;
    }
    mc_mutation_list_free(outbox);
    return out_json(a, root);
}

const command cmd_sync = {
    "sync",
    "sync [--watch [--seconds N]]",
    "send queued changes and fetch the server's (--watch: keep syncing)",
    "Sends the changes queued on this device (RSVPs, notifications read, room\n"
    "bookings paid with credits, cancellations) in order, then fetches\n"
    "everything new from the server, and says what changed. Refusals (e.g. an\n"
    "event already full, a room block taken) are shown as they happen\n"
    "and listed after, until dismissed with 'memberctl outbox dismiss ID'.\n"
    "Offline, exits 2 and keeps every change queued for the next sync.\n"
    "  --watch       run the background sync and print its events and status\n"
    "                changes until Ctrl-C (SIGINT) or SIGTERM; exits 0\n"
    "  --seconds N   with --watch: stop after N seconds\n"
    "\n"
    "JSON: {\"report\":{\"pushed\",\"rejected\",\"pulled\",\"changed_kinds\":[names],"
    "\"reset\"},\n"
    "       \"events\":[{\"event\",...}],\"rejected_mutations\":[{...}],\"status\":{...}}\n"
    "      plus \"error\":{...} when the sync failed (exit 2).\n"
    "      --watch: one object per line: {\"event\":\"started\"|\"status\"|\"data_changed\"|\n"
    "      \"mutation_rejected\"|\"session_expired\"|\"progress\"|\"stopped\",\"at\",...}\n",
    run_sync,
};

const command cmd_status = {
    "status",
    "status",
    "show the sync state: queue, rejections, last sync (local)",
    "Shows the sync engine's state: no network needed. State is idle,\n"
    "syncing, offline, paused or signed_out; then how many changes wait for\n"
    "the server, how many it refused, when the last complete sync ended (UTC),\n"
    "when the next attempt is due and the last error. The queue, refusals and\n"
    "last sync are stored; state, next attempt and last error belong to the\n"
    "engine of this run (see them live with memberctl sync --watch). So the\n"
    "queue error, stored with the oldest change that failed to send, is shown\n"
    "too.\n"
    "\n"
    "JSON: {\"status\":{\"state\",\"running\",\"queue_depth\",\"rejected_count\",\n"
    "       \"last_sync_ms\",\"last_sync\",\"next_attempt_ms\",\"next_attempt\",\n"
    "       \"last_error\":{\"code\",\"status\",\"message\"}|null},\n"
    "       \"queue_error\":{\"mutation_id\",\"code\",\"status\",\"server_code\",\n"
    "       \"message\"}|null}\n",
    run_status,
};
