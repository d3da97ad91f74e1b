/*
 * sync_sink.c - the sync events as memberctl shows them: a line of text, or
 * a JSON object {"event":NAME,...}, printed at once or kept for later.
 */
#include "sync_sink.h"

#include <stdio.h>

#include "output.h"
#include "values.h"

int64_t sync_sink_clock_ms(clockid_t clock)
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
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "event", event_name(ev->type)) != NULL &&
        (!with_time || out_add_time_json(obj, "at", sync_sink_clock_ms(CLOCK_REALTIME), false));
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
        values_format_time(sync_sink_clock_ms(CLOCK_REALTIME), at, sizeof at);
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
void sync_sink_deliver(void *context, const mc_sync_event *ev)
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
