/*
 * render/sync.c - membercore/sync.h as memberctl shows it: the engine's
 * status, a round's report, the outbox and its mutations, the events a
 * listener receives and the lines of sync --watch; as text or JSON.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"

/* ---- Names ---------------------------------------------------------------------- */

static const char *kind_name(uint32_t kind)
{
    return mc_kind_name((mc_kind)kind);
}

/* "1 change" / "3 changes". */
static const char *changes(int32_t n)
{
    return n == 1 ? "change" : "changes";
}

bool render_json_line(cJSON *obj)
{
    char *text = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
    if (text != NULL)
        printf("%s\n", text);
    cJSON_free(text);
    cJSON_Delete(obj);
    return text != NULL;
}

/* ---- The status ---------------------------------------------------------------- */

cJSON *render_sync_status_json(const mc_sync_status *s)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "state", mc_sync_state_name(s->state)) != NULL &&
              cJSON_AddBoolToObject(obj, "running", s->running) != NULL &&
              cJSON_AddNumberToObject(obj, "queue_depth", s->queue_depth) != NULL &&
              cJSON_AddNumberToObject(obj, "rejected_count", s->rejected_count) != NULL &&
              json_add_time(obj, "last_sync", s->last_sync_ms, true) &&
              json_add_time(obj, "next_attempt", s->next_attempt_ms, true);
    if (ok && s->last_error == MC_OK) {
        ok = cJSON_AddNullToObject(obj, "last_error") != NULL;
    } else if (ok) {
        cJSON *error = cJSON_AddObjectToObject(obj, "last_error");
        ok = error != NULL &&
             cJSON_AddStringToObject(error, "code", mc_status_name(s->last_error)) != NULL &&
             cJSON_AddNumberToObject(error, "status", (int)s->last_error) != NULL &&
             cJSON_AddStringToObject(error, "message", s->last_error_message) != NULL;
    }
    return json_finish(obj, ok);
}

/* The status's last error as "offline: could not connect ...", or "none". */
static void last_error_text(const mc_sync_status *s, char *out, size_t out_cap)
{
    if (s->last_error == MC_OK)
        snprintf(out, out_cap, "none");
    else if (s->last_error_message[0] != '\0')
        snprintf(out, out_cap, "%s: %s", mc_status_name(s->last_error), s->last_error_message);
    else
        snprintf(out, out_cap, "%s", mc_status_name(s->last_error));
}

/* A device instant (last sync, next attempt) in the signed-in member's building's local time
 * (the core converts; "UTC" when nobody is signed in), or if_unset for 0. */
static void device_time_text(mc_client *client, int64_t ms, const char *if_unset, char *out,
                             size_t out_cap)
{
    mc_local_time local;
    if (client == NULL || mc_local_time_in_building(client, NULL, ms, &local, NULL) != MC_OK)
        datetime_format_time_or(ms, if_unset, out, out_cap);
    else
        datetime_format_local(&local, true, if_unset, out, out_cap);
}

static void status_text(mc_client *client, const mc_sync_status *s)
{
    char last_sync[DATETIME_LOCAL_MAX], next[DATETIME_LOCAL_MAX], error[MC_ERROR_MESSAGE_MAX + 32];
    device_time_text(client, s->last_sync_ms, "never", last_sync, sizeof last_sync);
    device_time_text(client, s->next_attempt_ms, "none due", next, sizeof next);
    last_error_text(s, error, sizeof error);
    printf("Sync status:\n");
    printf("  %-13s %s%s\n", "State:", mc_sync_state_name(s->state),
           s->running ? " (background sync running)" : "");
    printf("  %-13s %d %s not yet accepted by the server\n", "Queued:", (int)s->queue_depth,
           changes(s->queue_depth));
    printf("  %-13s %d\n", "Rejected:", (int)s->rejected_count);
    printf("  %-13s %s\n", "Last sync:", last_sync);
    printf("  %-13s %s\n", "Next attempt:", next);
    printf("  %-13s %s\n", "Last error:", error);
}

static void status_hints_text(const mc_sync_status *s)
{
    if (s->state == MC_SYNC_SIGNED_OUT)
        printf("Sign in with: memberctl login PHONE\n");
    if (s->rejected_count > 0)
        printf("See why with: memberctl outbox\n");
    if (s->queue_depth > 0)
        printf("Send them with: memberctl sync\n");
}

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
    return json_finish(obj, ok);
}

int render_sync_status(const app *a, const mc_sync_status *status, const mc_mutation_list *outbox)
{
    const mc_mutation *failed = queue_error(outbox);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "status", render_sync_status_json(status)) &&
                  json_add_item(root, "queue_error", queue_error_json(failed));
        return out_json(a, json_finish(root, ok));
    }
    status_text(a->client, status);
    if (failed != NULL) {
        char reason[2 * MC_ERROR_MESSAGE_MAX];
        render_mutation_reason(failed, reason, sizeof reason);
        printf("  %-13s %s (change %lld, %d attempt%s)\n", "Queue error:", reason,
               (long long)failed->mutation_id, (int)failed->attempts,
               failed->attempts == 1 ? "" : "s");
    }
    status_hints_text(status);
    return MEMBERCTL_EXIT_OK;
}

/* ---- Mutations and the outbox ------------------------------------------------ */

void render_mutation_reason(const mc_mutation *m, char *out, size_t out_cap)
{
    const char *code = m->error_server_code != NULL && m->error_server_code[0] != '\0'
                           ? m->error_server_code
                           : mc_status_name(m->error_code);
    const char *message = out_str(m->error_message);
    if (message[0] != '\0')
        snprintf(out, out_cap, "%s: %s", code, message);
    else
        snprintf(out, out_cap, "%s", code);
}

/* "payload": the JSON the mutation carries, parsed (as text if it is not JSON). */
static bool add_payload_json(cJSON *obj, const char *payload)
{
    if (payload == NULL)
        return cJSON_AddNullToObject(obj, "payload") != NULL;
    cJSON *parsed = cJSON_Parse(payload);
    if (parsed == NULL)
        return cJSON_AddStringToObject(obj, "payload", payload) != NULL;
    return json_add_item(obj, "payload", parsed);
}

static bool add_mutation_error_json(cJSON *obj, const mc_mutation *m)
{
    if (m->error_code == MC_OK)
        return cJSON_AddNullToObject(obj, "error") != NULL;
    cJSON *error = cJSON_AddObjectToObject(obj, "error");
    return error != NULL &&
           cJSON_AddStringToObject(error, "code", mc_status_name(m->error_code)) != NULL &&
           cJSON_AddNumberToObject(error, "status", (int)m->error_code) != NULL &&
           cJSON_AddStringToObject(error, "server_code", out_str(m->error_server_code)) != NULL &&
           cJSON_AddStringToObject(error, "message", out_str(m->error_message)) != NULL;
}

static cJSON *mutation_json(const void *item)
{
    const mc_mutation *m = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddNumberToObject(obj, "mutation_id", (double)m->mutation_id) != NULL &&
              cJSON_AddStringToObject(obj, "kind", out_str(m->kind)) != NULL &&
              cJSON_AddStringToObject(obj, "entity_id", out_str(m->entity_id)) != NULL &&
              cJSON_AddStringToObject(obj, "state", mc_mutation_state_name(m->state)) != NULL &&
              cJSON_AddNumberToObject(obj, "attempts", m->attempts) != NULL &&
              json_add_time(obj, "created_at", m->created_at_ms, true) &&
              json_add_time(obj, "next_attempt", m->next_attempt_ms, true) &&
              add_payload_json(obj, m->payload) && add_mutation_error_json(obj, m);
    return json_finish(obj, ok);
}

/* The outbox table's column widths. */
typedef struct outbox_columns {
    int id, kind, entity;
} outbox_columns;

static void id_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%lld", (long long)((const mc_mutation *)item)->mutation_id);
}

static void kind_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_mutation *)item)->kind));
}

static void entity_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_mutation *)item)->entity_id));
}

/* "  7  rsvp.set  EVT-9  rejected   1 attempt   event_full: ..." */
static void mutation_row_text(const void *item, const void *context)
{
    const mc_mutation *m = item;
    const outbox_columns *w = context;
    char attempts[32];
    snprintf(attempts, sizeof attempts, "%d attempt%s", (int)m->attempts,
             m->attempts == 1 ? "" : "s");
    printf("  %-*lld  %-*s  %-*s  %-12s  %-10s", w->id, (long long)m->mutation_id, w->kind,
           out_str(m->kind), w->entity, out_str(m->entity_id), mc_mutation_state_name(m->state),
           attempts);
    if (m->error_code != MC_OK) {
        char reason[2 * MC_ERROR_MESSAGE_MAX];
        render_mutation_reason(m, reason, sizeof reason);
        printf("  %s%s", m->state == MC_MUTATION_REJECTED ? "" : "last error ", reason);
    }
    printf("\n");
}

int render_outbox(const app *a, const mc_mutation_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("outbox", &v, mutation_json));

    size_t rejected = 0;
    for (size_t i = 0; i < list->count; i++)
        rejected += list->items[i].state == MC_MUTATION_REJECTED;
    size_t waiting = list->count - rejected;
    if (list->count == 0) {
        printf("The outbox is empty: every change made here is confirmed by the server.\n");
    } else {
        printf("%zu %s waiting for the server, %zu rejected:\n", waiting,
               waiting == 1 ? "change" : "changes", rejected);
        outbox_columns w = {list_column_width(&v, "ID", id_cell),
                            list_column_width(&v, "KIND", kind_cell),
                            list_column_width(&v, "ENTITY", entity_cell)};
        printf("  %-*s  %-*s  %-*s  %-12s  %-10s  %s\n", w.id, "ID", w.kind, "KIND", w.entity,
               "ENTITY", "STATE", "ATTEMPTS", "ERROR");
        list_text(&v, mutation_row_text, &w);
    }
    if (waiting > 0)
        printf("Send them with: memberctl sync\n");
    if (rejected > 0)
        printf("Dismiss a rejected one once seen: memberctl outbox dismiss ID\n");
    return MEMBERCTL_EXIT_OK;
}

int render_dismissed(const app *a, int64_t mutation_id)
{
    if (!a->json) {
        printf("Dismissed rejected change %lld.\n", (long long)mutation_id);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    return out_json(
        a, json_finish(root, root != NULL &&
                                 cJSON_AddNumberToObject(root, "dismissed", (double)mutation_id)));
}

/* ---- A round: sync ------------------------------------------------------------ */

static cJSON *report_json(const mc_sync_report *r)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "pushed", r->pushed) != NULL &&
              cJSON_AddNumberToObject(obj, "rejected", r->rejected) != NULL &&
              cJSON_AddNumberToObject(obj, "pulled", r->pulled) != NULL &&
              json_add_item(obj, "changed_kinds", json_bit_names(r->changed_kinds, kind_name)) &&
              cJSON_AddBoolToObject(obj, "reset", r->reset) != NULL;
    return json_finish(obj, ok);
}

static void report_text(const mc_sync_report *r)
{
    char kinds[128];
    text_bit_names(r->changed_kinds, kind_name, "nothing", kinds, sizeof kinds);
    printf("Pushed %d, rejected %d, pulled %d.\n", (int)r->pushed, (int)r->rejected,
           (int)r->pulled);
    printf("Changed: %s\n", kinds);
    printf("Reset: %s\n", r->reset ? "yes (a fresh snapshot was pulled)" : "no");
}

static bool is_rejected(const void *item, const void *context)
{
    (void)context;
    return ((const mc_mutation *)item)->state == MC_MUTATION_REJECTED;
}

static void rejected_text(const void *item, const void *context)
{
    const mc_mutation *m = item;
    bool *any = (bool *)context;
    if (!*any)
        printf("Rejected (shown until dismissed: memberctl outbox dismiss ID):\n");
    *any = true;
    char reason[2 * MC_ERROR_MESSAGE_MAX];
    render_mutation_reason(m, reason, sizeof reason);
    printf("  %lld  %s %s: %s\n", (long long)m->mutation_id, out_str(m->kind),
           out_str(m->entity_id), reason);
}

/* {"report":{...},"events":[...],"rejected_mutations":[...],"status":{...}|null};
 * takes events. NULL when out of memory. */
static cJSON *sync_json(const render_sync_round *r)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL) {
        cJSON_Delete(r->events);
        return NULL;
    }
    list_view rejected = {NULL, 0, sizeof(mc_mutation), is_rejected, NULL};
    if (r->outbox != NULL)
        rejected =
            (list_view){r->outbox->items, r->outbox->count, sizeof(mc_mutation), is_rejected, NULL};
    bool ok = json_add_item(root, "report", report_json(r->report));
    ok = json_add_item(root, "events", r->events) && ok;
    ok = ok && list_add_json(root, "rejected_mutations", &rejected, mutation_json);
    ok =
        ok && (r->status != NULL ? json_add_item(root, "status", render_sync_status_json(r->status))
                                 : cJSON_AddNullToObject(root, "status") != NULL);
    return json_finish(root, ok && !r->events_out_of_memory);
}

int render_sync_round_result(const app *a, const render_sync_round *r)
{
    if (a->json) {
        cJSON *root = sync_json(r);
        if (r->sync_status != MC_OK && root != NULL)
            return out_core_error_in(a, r->sync_status, r->sync_error, root);
        return out_json(a, root);
    }
    const mc_sync_report *report = r->report;
    if (r->sync_status == MC_OK)
        printf("Synced.\n");
    else if (report->pushed == 0 && report->rejected == 0 && report->pulled == 0)
        printf("Sync failed before anything was exchanged.\n");
    else
        printf("Sync stopped by an error; what succeeded before it is kept:\n");
    report_text(report);
    if (r->outbox != NULL) {
        bool any = false;
        list_view rejected = {r->outbox->items, r->outbox->count, sizeof(mc_mutation), is_rejected,
                              NULL};
        list_text(&rejected, rejected_text, &any);
    }
    const mc_sync_status *status = r->status;
    if (r->sync_status != MC_OK && status != NULL && status->queue_depth > 0)
        printf("%d %s still queued on this device; %s will sync when online.\n",
               (int)status->queue_depth, changes(status->queue_depth),
               status->queue_depth == 1 ? "it" : "they");
    if (r->sync_status == MC_OK)
        return MEMBERCTL_EXIT_OK;
    fflush(stdout);
    return out_core_error(a, r->sync_status, r->sync_error);
}

/* ---- sync --watch ----------------------------------------------------------- */

/* One line: "status: idle; 0 queued, 0 rejected; ...". */
static void watch_status_text(const mc_sync_status *s)
{
    char at[DATETIME_TIME_MAX], last_sync[DATETIME_TIME_MAX], error[MC_ERROR_MESSAGE_MAX + 32];
    datetime_format_time(datetime_clock_ms(CLOCK_REALTIME), at, sizeof at);
    datetime_format_time_or(s->last_sync_ms, "never", last_sync, sizeof last_sync);
    printf("%s  status: %s; %d queued, %d rejected; last sync %s", at, mc_sync_state_name(s->state),
           (int)s->queue_depth, (int)s->rejected_count, last_sync);
    if (s->next_attempt_ms != 0) {
        char next[DATETIME_TIME_MAX];
        datetime_format_time(s->next_attempt_ms, next, sizeof next);
        printf("; next try %s", next);
    }
    if (s->last_error != MC_OK) {
        last_error_text(s, error, sizeof error);
        printf("; last error %s", error);
    }
    printf("\n");
}

void render_watch_status(const app *a, const mc_sync_status *s)
{
    if (!a->json) {
        watch_status_text(s);
        return;
    }
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "status") != NULL &&
              json_add_time(obj, "at", datetime_clock_ms(CLOCK_REALTIME), false) &&
              json_add_item(obj, "status", render_sync_status_json(s));
    render_json_line(json_finish(obj, ok));
}

void render_watch_started(const app *a, int32_t seconds)
{
    if (!a->json) {
        if (seconds >= 0)
            printf("Syncing in the background for %d s (Ctrl-C stops sooner).\n", (int)seconds);
        else
            printf("Syncing in the background; Ctrl-C stops.\n");
        return;
    }
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "started") != NULL &&
              (seconds >= 0 ? cJSON_AddNumberToObject(obj, "seconds", seconds)
                            : cJSON_AddNullToObject(obj, "seconds")) != NULL;
    render_json_line(json_finish(obj, ok));
}

void render_watch_stopped(const app *a, const char *why)
{
    if (!a->json) {
        printf("Stopped (%s).\n", why);
        return;
    }
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "event", "stopped") != NULL &&
              cJSON_AddStringToObject(obj, "reason", why) != NULL;
    render_json_line(json_finish(obj, ok));
}

/* ---- The listener's events -------------------------------------------------- */

/* The refusal's code as the server named it, else the status name. */
static const char *rejection_code(const mc_sync_event *ev)
{
    return ev->server_code != NULL && ev->server_code[0] != '\0' ? ev->server_code
                                                                 : mc_status_name(ev->code);
}

/* "ticket_number" and "photo_number" of an upload's photo when it was named, else null. */
static bool add_photo_name_json(cJSON *obj, const render_photo_names *photos, const char *photo_id)
{
    const render_photo_name *name = render_photo_name_find(photos, photo_id);
    bool numbered = name != NULL && strncmp(name->ticket, "T-", 2) == 0;
    return json_add_string_or_null(obj, "ticket_number", numbered ? name->ticket : NULL) &&
           (name != NULL ? cJSON_AddNumberToObject(obj, "photo_number", name->number)
                         : cJSON_AddNullToObject(obj, "photo_number")) != NULL;
}

cJSON *render_sync_event_json(const mc_sync_event *ev, bool with_time,
                              const render_photo_names *photos)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "event", mc_sync_event_type_name(ev->type)) != NULL &&
              (!with_time || json_add_time(obj, "at", datetime_clock_ms(CLOCK_REALTIME), false));
    switch (ev->type) {
    case MC_SYNC_EVENT_DATA_CHANGED:
        ok = ok && json_add_item(obj, "kinds", json_bit_names(ev->kinds, kind_name));
        break;
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
    case MC_SYNC_EVENT_UPLOAD_PROGRESS:
        ok = ok && cJSON_AddStringToObject(obj, "photo_id", out_str(ev->photo_id)) != NULL &&
             cJSON_AddStringToObject(obj, "ticket_id", out_str(ev->ticket_id)) != NULL &&
             add_photo_name_json(obj, photos, ev->photo_id) &&
             cJSON_AddNumberToObject(obj, "sent", (double)ev->done) != NULL &&
             cJSON_AddNumberToObject(obj, "total", (double)ev->total) != NULL;
        break;
    case MC_SYNC_EVENT_UPLOAD_FAILED:
        ok = ok && cJSON_AddStringToObject(obj, "photo_id", out_str(ev->photo_id)) != NULL &&
             cJSON_AddStringToObject(obj, "ticket_id", out_str(ev->ticket_id)) != NULL &&
             add_photo_name_json(obj, photos, ev->photo_id) &&
             cJSON_AddStringToObject(obj, "code", rejection_code(ev)) != NULL &&
             cJSON_AddStringToObject(obj, "message", out_str(ev->message)) != NULL;
        break;
    case MC_SYNC_EVENT_STATUS_CHANGED:
        break;
    }
    return json_finish(obj, ok);
}

void render_sync_event_text(const mc_sync_event *ev, bool timestamp,
                            const render_photo_names *photos)
{
    char kinds[128];
    if (ev->type == MC_SYNC_EVENT_STATUS_CHANGED)
        return; /* the watch loop prints the status itself */
    if (timestamp) {
        char at[DATETIME_TIME_MAX];
        datetime_format_time(datetime_clock_ms(CLOCK_REALTIME), at, sizeof at);
        printf("%s  ", at);
    }
    switch (ev->type) {
    case MC_SYNC_EVENT_DATA_CHANGED:
        text_bit_names(ev->kinds, kind_name, "nothing", kinds, sizeof kinds);
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
    case MC_SYNC_EVENT_UPLOAD_PROGRESS:
    case MC_SYNC_EVENT_UPLOAD_FAILED:
        render_upload_event_text(ev, photos);
        break;
    case MC_SYNC_EVENT_STATUS_CHANGED:
        break;
    }
}

/* ---- A change sent at once ------------------------------------------------------ */

const char *sent_state_name(sent_state state)
{
    static const char *const names[] = {"confirmed", "accepted",   "refused", "queued",
                                        "nothing",   "signed_out", "retry"};
    return (unsigned)state < sizeof names / sizeof *names ? names[state] : "queued";
}

bool sent_is_queued(sent_state state)
{
    return state == SENT_QUEUED || state == SENT_SIGNED_OUT || state == SENT_RETRY;
}

void render_sent(sent_state state, const char *what)
{
    switch (state) {
    case SENT_CONFIRMED:
        printf("%s: sent to the server and confirmed.\n", what);
        break;
    case SENT_ACCEPTED:
        printf("%s: sent; the server accepted it, and the next sync confirms it here.\n", what);
        break;
    case SENT_REFUSED:
    case SENT_NOTHING:
        break;
    case SENT_QUEUED:
        printf("%s: saved on this device and queued; it will sync when online (memberctl "
               "sync).\n",
               what);
        break;
    case SENT_SIGNED_OUT:
        printf("%s: saved on this device and queued, not sent: the session has expired. Sign in "
               "again (memberctl login PHONE) and it is sent.\n",
               what);
        break;
    case SENT_RETRY:
        printf("%s: saved on this device and queued, not sent: the server could not take it "
               "just now. memberctl sync tries again.\n",
               what);
        break;
    }
}
