/* domain/event_notices.h - what an event tells the members going: it changed (the operator's
 * edit) and a reminder 24 hours before it starts (docs/notifications-protocol.md, events). */
#ifndef MS_EVENT_NOTICES_H
#define MS_EVENT_NOTICES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/app.h"

/* How long before an event starts the members going are reminded. */
#define MS_EVENT_REMINDER_MS (24 * 60 * 60 * 1000LL)

/* The operator's change to an event: each field is changed when its has_ flag is set. */
typedef struct ms_event_patch {
    bool has_starts, has_ends;
    int64_t starts_at_ms, ends_at_ms;
    const char *title;       /* NULL: unchanged */
    const char *description; /* NULL: unchanged */
} ms_event_patch;

/*
 * Change event id by patch (the result must still start before it ends), change-log it, and
 * tell every member going ("event.updated", events, link membercore://events/<id>) what
 * changed, in the building's local time. A patch that changes nothing changes and tells
 * nothing. 0; 1 no such event; 2 the result would not start before it ends; -1 on error.
 */
int ms_event_change(ms_app *app, const char *id, const ms_event_patch *patch);

/*
 * The upkeep's part: every member going to an event that starts within the next 24 hours,
 * who said so before that moment came, gets its "event.reminder", once per start instant
 * (an event moved later reminds again). 0 / -1.
 */
int ms_events_remind_due(ms_app *app, int64_t now_ms);

#endif
