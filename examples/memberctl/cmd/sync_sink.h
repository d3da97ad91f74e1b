/*
 * sync_sink.h - where memberctl's sync listeners put the engine's events
 * (membercore/sync.h): printed as text, collected for one JSON object
 * (sync), or printed as one JSON object per line (sync --watch --json).
 */
#ifndef MEMBERCTL_SYNC_SINK_H
#define MEMBERCTL_SYNC_SINK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "memberctl.h"
#include "render/render.h"

typedef enum sink_mode {
    SINK_HUMAN,      /* a line of text each, on stdout */
    SINK_JSON_ARRAY, /* collected into `events` for the command's one object */
    SINK_JSON_LINES, /* one JSON object per line (sync --watch --json) */
} sink_mode;

/* The context of memberctl's sync listeners. */
typedef struct event_sink {
    sink_mode mode;
    bool timestamps;           /* human lines start with the time (--watch) */
    pthread_mutex_t lock;      /* MC_DELIVER_IMMEDIATE may call from another thread */
    cJSON *events;             /* SINK_JSON_ARRAY */
    bool out_of_memory;        /* an event could not be kept */
    bool status_dirty;         /* a STATUS_CHANGED arrived since the last look */
    render_photo_names photos; /* the photos waiting to upload, named (sync_sink_name_photos) */
} event_sink;

/* The listener's mask for a sync round: refusals, an expired session, a snapshot's
 * progress and the photos' uploads. */
#define SYNC_SINK_EVENTS                                                                           \
    (MC_SYNC_EVENT_MUTATION_REJECTED | MC_SYNC_EVENT_SESSION_EXPIRED | MC_SYNC_EVENT_PROGRESS |    \
     MC_SYNC_EVENT_UPLOAD_PROGRESS | MC_SYNC_EVENT_UPLOAD_FAILED)

/*
 * Name the photos waiting to upload ("photo 2 of T-1001") from the local store, before
 * the sync starts: a listener must not call the core. Nothing named (and no error) when
 * the store cannot say. Free with sync_sink_free.
 */
void sync_sink_name_photos(event_sink *sink, mc_client *client);

/* Free what the sink holds (its events are the caller's). */
void sync_sink_free(event_sink *sink);

/*
 * The listener (an mc_sync_listener_fn; context is an event_sink): prints
 * the event or keeps it, by the sink's mode. A STATUS_CHANGED only sets
 * status_dirty: the watch loop prints the status itself.
 */
void sync_sink_deliver(void *context, const mc_sync_event *ev);

#endif /* MEMBERCTL_SYNC_SINK_H */
