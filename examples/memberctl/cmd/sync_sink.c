/*
 * sync_sink.c - memberctl's sync listener: each event rendered
 * (render/sync.c) as a line of text or a JSON object {"event":NAME,...},
 * printed at once or kept for the command's one JSON object.
 */
#include "cmd/sync_sink.h"

#include <stdio.h>
#include <stdlib.h>

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
        render_sync_event_text(ev, sink->timestamps, &sink->photos);
        fflush(stdout);
    } else if (sink->mode == SINK_JSON_LINES) {
        if (!render_json_line(render_sync_event_json(ev, true, &sink->photos)))
            sink->out_of_memory = true;
        fflush(stdout);
    } else {
        cJSON *obj = render_sync_event_json(ev, false, &sink->photos);
        if (!json_append(sink->events, obj)) /* events NULL: no memory */
            sink->out_of_memory = true;
    }
    pthread_mutex_unlock(&sink->lock);
}

/* Keep the names of t's photos that wait to upload; false without memory. */
static bool name_ticket_photos(render_photo_names *names, const mc_ticket *t)
{
    for (size_t i = 0; i < t->photo_count; i++) {
        if (t->photos[i].uploaded)
            continue;
        render_photo_name *grown = realloc(names->items, (names->count + 1) * sizeof *grown);
        if (grown == NULL)
            return false;
        names->items = grown;
        render_photo_name_of(t, i, &names->items[names->count++]);
    }
    return true;
}

void sync_sink_name_photos(event_sink *sink, mc_client *client)
{
    mc_page page = {.limit = MC_PAGE_MAX_LIMIT, .cursor = NULL};
    mc_ticket_list *list = NULL;
    if (mc_tickets_page(client, &page, &list, NULL) != MC_OK)
        return;
    bool ok = true;
    for (size_t i = 0; ok && i < list->count; i++) {
        mc_ticket *t = NULL;
        if (list->items[i].photos_waiting <= 0 ||
            mc_ticket_get(client, list->items[i].id, &t, NULL) != MC_OK)
            continue;
        ok = name_ticket_photos(&sink->photos, t);
        mc_ticket_free(t);
    }
    mc_ticket_list_free(list);
}

void sync_sink_free(event_sink *sink)
{
    free(sink->photos.items);
    sink->photos = (render_photo_names){NULL, 0};
}
