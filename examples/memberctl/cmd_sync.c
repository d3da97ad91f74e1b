/*
 * cmd_sync.c - sync and status: the offline-first engine (membercore/sync.h)
 * as a person drives it. "sync" runs one round on this thread; "sync --watch"
 * runs the background thread and prints what it does until Ctrl-C.
 */
#include "memberctl.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "output.h"
#include "values.h"

/* How often sync --watch delivers the queued events. */
#define WATCH_TICK_MS 200

/* Where sync events go. */
typedef enum sink_mode {
    SINK_HUMAN,      /* a line of text each, on stdout */
    SINK_JSON_ARRAY, /* collected into `events` for the command's one object */
    SINK_JSON_LINES, /* one JSON object per line (sync --watch --json) */
} sink_mode;

/* The context of memberctl's sync listeners. */
typedef struct event_sink {
    sink_mode mode;
    bool timestamps;      /* human lines start with the time (--watch) */
    pthread_mutex_t lock; /* MC_DELIVER_IMMEDIATE may call from another thread */
    cJSON *events;        /* SINK_JSON_ARRAY */
    bool out_of_memory;   /* an event could not be kept */
    bool status_dirty;    /* a STATUS_CHANGED arrived since the last look */
} event_sink;

static int64_t now_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *event_name(mc_sync_event_type type)
{
    switch (type) {
    case MC_SYNC_EVENT_DATA_CHANGED:
        return "data_changed";
    case MC_SYNC_EVENT_MUTATION_REJECTED:
        return "mutation_rejected";
    case MC_SYNC_EVENT_SESSION_EXPIRED:
        return "session_expired";
    case MC_SYNC_EVENT_PROGRESS:
        return "progress";
    case MC_SYNC_EVENT_STATUS_CHANGED:
        return "status_changed";
    }
    return "unknown";
}

/* The refusal's code as the server named it, else the status name. */
static const char *rejection_code(const mc_sync_event *ev)
{
    return ev->server_code != NULL && ev->server_code[0] != '\0' ? ev->server_code
                                                                 : mc_status_name(ev->code);
}

/* {"event":NAME, ...what applies to the type}; NULL when out of memory. */
static cJSON *event_json(const mc_sync_event *ev, bool with_time)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", event_name(ev->type)) != NULL &&
              (!with_time || out_add_time_json(obj, "at", now_ms(CLOCK_REALTIME), false));
    switch (ev->type) {
    case MC_SYNC_EVENT_DATA_CHANGED: {
        cJSON *kinds = ok ? out_kinds_json(ev->kinds) : NULL;
        ok = kinds != NULL && cJSON_AddItemToObject(obj, "kinds", kinds);
        if (!ok)
            cJSON_Delete(kinds);
        break;
    }
    case MC_SYNC_EVENT_MUTATION_REJECTED:
        ok = ok && cJSON_AddNumberToObject(obj, "mutation_id", (double)ev->mutation_id) != NULL &&
             cJSON_AddStringToObject(obj, "kind", out_str(ev->mutation_kind)) != NULL &&
             cJSON_AddStringToObject(obj, "entity_id", out_str(ev->entity_id)) != NULL &&
             cJSON_AddStringToObject(obj, "code", rejection_code(ev)) != NULL &&
             cJSON_AddNumberToObject(obj, "status", (int)ev->code) != NULL &&
             cJSON_AddStringToObject(obj, "message", out_str(ev->message)) != NULL;
        break;
    case MC_SYNC_EVENT_SESSION_EXPIRED:
        ok = ok && cJSON_AddStringToObject(obj, "code", mc_status_name(ev->code)) != NULL &&
             cJSON_AddStringToObject(obj, "message", out_str(ev->message)) != NULL;
        break;
    case MC_SYNC_EVENT_PROGRESS:
        ok = ok && cJSON_AddNumberToObject(obj, "done", (double)ev->done) != NULL &&
             (ev->total < 0 ? cJSON_AddNullToObject(obj, "total")
                            : cJSON_AddNumberToObject(obj, "total", (double)ev->total)) != NULL;
        break;
    case MC_SYNC_EVENT_STATUS_CHANGED:
        break;
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* "rejected: rsvp.set EVT-9: event_full: ...", "snapshot: 120/300", ... */
static void print_event_human(const mc_sync_event *ev, bool timestamp)
{
    char kinds[128];
    if (ev->type == MC_SYNC_EVENT_STATUS_CHANGED)
        return; /* the watch loop prints the status itself */
    if (timestamp) {
        char at[VALUES_TIME_MAX];
        values_format_time(now_ms(CLOCK_REALTIME), at, sizeof at);
        printf("%s  ", at);
    }
    switch (ev->type) {
    case MC_SYNC_EVENT_DATA_CHANGED:
        out_kinds(ev->kinds, kinds, sizeof kinds);
        printf("data changed: %s\n", kinds);
        break;
    case MC_SYNC_EVENT_MUTATION_REJECTED:
        printf("rejected: %s %s: %s", out_str(ev->mutation_kind), out_str(ev->entity_id),
               rejection_code(ev));
        if (ev->message != NULL && ev->message[0] != '\0')
            printf(": %s", ev->message);
        printf("\n");
        break;
    case MC_SYNC_EVENT_SESSION_EXPIRED:
        printf("session expired: sign in again (memberctl login PHONE); changes are kept\n");
        break;
    case MC_SYNC_EVENT_PROGRESS:
        if (ev->total >= 0)
            printf("snapshot: %lld/%lld\n", (long long)ev->done, (long long)ev->total);
        else
            printf("snapshot: %lld\n", (long long)ev->done);
        break;
    case MC_SYNC_EVENT_STATUS_CHANGED:
        break;
    }
}

/* The listener: print the event, or keep it for the JSON output. */
static void on_sync_event(void *context, const mc_sync_event *ev)
{
    event_sink *sink = context;
    pthread_mutex_lock(&sink->lock);
    if (ev->type == MC_SYNC_EVENT_STATUS_CHANGED) {
        sink->status_dirty = true;
    } else if (sink->mode == SINK_HUMAN) {
        print_event_human(ev, sink->timestamps);
        fflush(stdout);
    } else if (sink->mode == SINK_JSON_LINES) {
        cJSON *obj = event_json(ev, true);
        char *text = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
        if (text != NULL)
            printf("%s\n", text);
        else
            sink->out_of_memory = true;
        fflush(stdout);
        cJSON_free(text);
        cJSON_Delete(obj);
    } else {
        cJSON *obj = event_json(ev, false);
        if (sink->events == NULL || obj == NULL || !cJSON_AddItemToArray(sink->events, obj)) {
            cJSON_Delete(obj);
            sink->out_of_memory = true;
        }
    }
    pthread_mutex_unlock(&sink->lock);
}

/* ---- The status ---------------------------------------------------------- */

static cJSON *status_json(const mc_sync_status *s)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "state", out_sync_state_name(s->state)) != NULL &&
              cJSON_AddBoolToObject(obj, "running", s->running) != NULL &&
              cJSON_AddNumberToObject(obj, "queue_depth", s->queue_depth) != NULL &&
              cJSON_AddNumberToObject(obj, "rejected_count", s->rejected_count) != NULL &&
              out_add_time_json(obj, "last_sync", s->last_sync_ms, true) &&
              out_add_time_json(obj, "next_attempt", s->next_attempt_ms, true);
    if (ok && s->last_error == MC_OK) {
        ok = cJSON_AddNullToObject(obj, "last_error") != NULL;
    } else if (ok) {
        cJSON *error = cJSON_AddObjectToObject(obj, "last_error");
        ok = error != NULL &&
             cJSON_AddStringToObject(error, "code", mc_status_name(s->last_error)) != NULL &&
             cJSON_AddNumberToObject(error, "status", (int)s->last_error) != NULL &&
             cJSON_AddStringToObject(error, "message", s->last_error_message) != NULL;
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* "offline: could not connect ..." or "none". */
static void format_last_error(const mc_sync_status *s, char *out, size_t out_cap)
{
    if (s->last_error == MC_OK)
        snprintf(out, out_cap, "none");
    else if (s->last_error_message[0] != '\0')
        snprintf(out, out_cap, "%s: %s", mc_status_name(s->last_error), s->last_error_message);
    else
        snprintf(out, out_cap, "%s", mc_status_name(s->last_error));
}

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
    format_last_error(s, error, sizeof error);
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

/* One line for sync --watch: "status: idle; 0 queued, 0 rejected; ...". */
static void print_status_line(const mc_sync_status *s)
{
    char at[VALUES_TIME_MAX], last_sync[VALUES_TIME_MAX], error[MC_ERROR_MESSAGE_MAX + 32];
    values_format_time(now_ms(CLOCK_REALTIME), at, sizeof at);
    out_time(s->last_sync_ms, "never", last_sync, sizeof last_sync);
    printf("%s  status: %s; %d queued, %d rejected; last sync %s", at,
           out_sync_state_name(s->state), (int)s->queue_depth, (int)s->rejected_count, last_sync);
    if (s->next_attempt_ms != 0) {
        char next[VALUES_TIME_MAX];
        values_format_time(s->next_attempt_ms, next, sizeof next);
        printf("; next try %s", next);
    }
    if (s->last_error != MC_OK) {
        format_last_error(s, error, sizeof error);
        printf("; last error %s", error);
    }
    printf("\n");
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

/* Add item to root under name, or delete it; false when item is NULL. */
static bool add_item(cJSON *root, const char *name, cJSON *item)
{
    if (item != NULL && cJSON_AddItemToObject(root, name, item))
        return true;
    cJSON_Delete(item);
    return false;
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
    bool ok = add_item(root, "report", report_json(report));
    ok = add_item(root, "events", events) && ok;
    ok = ok && add_item(root, "rejected_mutations", rejected_json(outbox));
    ok = ok && (status != NULL ? add_item(root, "status", status_json(status))
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
    mc_status st = mc_sync_listener_add(client,
                                        MC_SYNC_EVENT_MUTATION_REJECTED |
                                            MC_SYNC_EVENT_SESSION_EXPIRED | MC_SYNC_EVENT_PROGRESS,
                                        MC_DELIVER_IMMEDIATE, on_sync_event, &sink, &token, &err);
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

/* ---- sync --watch ------------------------------------------------------------ */

static volatile sig_atomic_t stop_signal = 0;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* The fields of a status worth a new line when they change (the human line
 * does not show `running`). */
static bool status_differs(const mc_sync_status *x, const mc_sync_status *y, bool with_running)
{
    return x->state != y->state || (with_running && x->running != y->running) ||
           x->queue_depth != y->queue_depth || x->rejected_count != y->rejected_count ||
           x->last_sync_ms != y->last_sync_ms || x->next_attempt_ms != y->next_attempt_ms ||
           x->last_error != y->last_error ||
           strcmp(x->last_error_message, y->last_error_message) != 0;
}

/* Print one JSON object on its own line (sync --watch --json). */
static void print_json_line(cJSON *obj)
{
    char *text = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
    if (text != NULL)
        printf("%s\n", text);
    cJSON_free(text);
    cJSON_Delete(obj);
}

/* Print the status when it differs from *last (or always, when !*printed). */
static void watch_status(const app *a, mc_client *client, mc_sync_status *last, bool *printed)
{
    mc_sync_status now;
    memset(&now, 0, sizeof now);
    if (mc_sync_status_get(client, &now, NULL) != MC_OK)
        return;
    if (*printed && !status_differs(&now, last, a->json))
        return;
    *last = now;
    *printed = true;
    if (!a->json) {
        print_status_line(&now);
    } else {
        cJSON *obj = cJSON_CreateObject();
        bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "status") != NULL &&
                  out_add_time_json(obj, "at", now_ms(CLOCK_REALTIME), false) &&
                  add_item(obj, "status", status_json(&now));
        if (!ok) {
            cJSON_Delete(obj);
            obj = NULL;
        }
        print_json_line(obj);
    }
    fflush(stdout);
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL); /* a signal cuts it short: the loop checks */
}

/* seconds < 0: until SIGINT or SIGTERM. */
static int sync_watch(app *a, mc_client *client, int32_t seconds)
{
    event_sink sink = {.mode = a->json ? SINK_JSON_LINES : SINK_HUMAN, .timestamps = true};
    pthread_mutex_init(&sink.lock, NULL);
    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(
        client,
        MC_SYNC_EVENT_DATA_CHANGED | MC_SYNC_EVENT_MUTATION_REJECTED |
            MC_SYNC_EVENT_SESSION_EXPIRED | MC_SYNC_EVENT_PROGRESS | MC_SYNC_EVENT_STATUS_CHANGED,
        MC_DELIVER_QUEUED, on_sync_event, &sink, &token, &err);
    if (st != MC_OK) {
        pthread_mutex_destroy(&sink.lock);
        return out_core_error(a, st, &err);
    }

    /* SIGINT and SIGTERM set a flag. They are blocked while the sync thread
     * is created, so that it inherits the block and they reach this thread. */
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigset_t stop_set, old_set;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGINT);
    sigaddset(&stop_set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_set, &old_set);
    st = mc_sync_start(client, &err);
    pthread_sigmask(SIG_SETMASK, &old_set, NULL);
    if (st != MC_OK) {
        mc_sync_listener_remove(client, token, NULL);
        pthread_mutex_destroy(&sink.lock);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        return out_core_error(a, st, &err);
    }

    if (!a->json) {
        if (seconds >= 0)
            printf("Syncing in the background for %d s (Ctrl-C stops sooner).\n", (int)seconds);
        else
            printf("Syncing in the background; Ctrl-C stops.\n");
    } else {
        cJSON *obj = cJSON_CreateObject();
        bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "started") != NULL &&
                  (seconds >= 0 ? cJSON_AddNumberToObject(obj, "seconds", seconds)
                                : cJSON_AddNullToObject(obj, "seconds")) != NULL;
        if (!ok) {
            cJSON_Delete(obj);
            obj = NULL;
        }
        print_json_line(obj);
    }
    fflush(stdout);

    mc_sync_status last;
    bool printed = false;
    watch_status(a, client, &last, &printed);
    int64_t deadline = now_ms(CLOCK_MONOTONIC) + (int64_t)(seconds >= 0 ? seconds : 0) * 1000;
    while (stop_signal == 0) {
        int64_t tick = WATCH_TICK_MS;
        if (seconds >= 0) {
            int64_t left = deadline - now_ms(CLOCK_MONOTONIC);
            if (left <= 0)
                break;
            tick = left < tick ? left : tick;
        }
        sleep_ms(tick);
        mc_sync_deliver_queued(client);
        if (sink.status_dirty) {
            sink.status_dirty = false;
            watch_status(a, client, &last, &printed);
        }
    }

    /* Stop (a round in progress finishes first), then show what it did. */
    mc_sync_stop(client);
    mc_sync_deliver_queued(client);
    watch_status(a, client, &last, &printed);
    mc_sync_listener_remove(client, token, NULL);
    pthread_mutex_destroy(&sink.lock);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    const char *why = stop_signal == SIGINT    ? "SIGINT"
                      : stop_signal == SIGTERM ? "SIGTERM"
                                               : "time is up";
    if (!a->json) {
        printf("Stopped (%s).\n", why);
    } else {
        cJSON *obj = cJSON_CreateObject();
        bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "stopped") != NULL &&
                  cJSON_AddStringToObject(obj, "reason", why) != NULL;
        if (!ok) {
            cJSON_Delete(obj);
            obj = NULL;
        }
        print_json_line(obj);
    }
    if (sink.out_of_memory)
        fprintf(stderr, "memberctl: no_memory: some events could not be shown\n");
    return MEMBERCTL_EXIT_OK;
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
    if (root != NULL && (!add_item(root, "status", status_json(&status)) ||
                         !add_item(root, "queue_error", queue_error_json(failed)))) {
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
    "Sends the changes queued on this device (RSVPs, notifications read) in\n"
    "order, then fetches everything new from the server, and says what\n"
    "changed. Refusals (e.g. an event already full) are shown as they happen\n"
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
