/* domain/rsvps.h - a member's RSVP to an event with its capacity and waitlist
 * (docs/today-desks-community.md "Event waitlists"): going, waitlisted on a full event, not going;
 * the first waitlisted member promoted when a place opens. */
#ifndef MS_RSVPS_H
#define MS_RSVPS_H

#include <cjson/cJSON.h>

#include "base/app.h"
#include "domain/bookings.h"

/*
 * rsvp.set {event_id, status: going | not_going} for user_id, in the caller's transaction (the
 * lock serialises it: race-safe). going on an event with a free place and nobody waiting: going;
 * otherwise waitlisted, last in line (asking again changes nothing). not_going from going frees a
 * place: before the event starts, the first waitlisted member becomes going and is told
 * (event.promoted, category events, linking the event, its time in the building's local time);
 * not_going from the waitlist leaves it. Every RSVP whose status or waitlist position moved, and
 * the event (going_count, waitlist_count), are change-logged. 0 applied; 1 refused with why
 * (invalid_argument, not_found); -1 on error.
 */
int ms_rsvp_set(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

#endif
