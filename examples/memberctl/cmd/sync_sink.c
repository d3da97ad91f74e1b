/*
 * sync_sink.c - memberctl's sync listener: each event rendered
 * (render/sync.c) as a line of text or a JSON object {"event":NAME,...},
 * printed at once or kept for the command's one JSON object.
 */
#include "cmd/sync_sink.h"

#include <stdio.h>

#include "render/json.h"
#include "render/render.h"

/* The listener: print the event, or keep it for the JSON output. */
void sync_sink_deliver(void *context, const mc_sync_event *ev)
{
    event_sink *sink = context;
    pthread_mutex_lock(&sink->lock);
    if (ev->type == MC_SYNC_EVENT_STATUS_CHANGED) {
        sink->status_dirty = true;
    } else if (sink->mode == SINK_HUMAN) {
        render_sync_event_text(ev, sink->timestamps);
        fflush(stdout);
    } else if (sink->mode == SINK_JSON_LINES) {
        if (!render_json_line(render_sync_event_json(ev, true)))
            sink->out_of_memory = true;
        fflush(stdout);
    } else {
        cJSON *obj = render_sync_event_json(ev, false);
        if (!json_append(sink->events, obj)) /* events NULL: no memory */
            sink->out_of_memory = true;
    }
    pthread_mutex_unlock(&sink->lock);
}
