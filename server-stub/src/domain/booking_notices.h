/* domain/booking_notices.h - what a room booking tells its member: confirmed, cancelled, and a
 * reminder 15 minutes before it starts (docs/notifications-protocol.md, bookings). */
#ifndef MS_BOOKING_NOTICES_H
#define MS_BOOKING_NOTICES_H

#include <stdint.h>

#include "base/app.h"

/* How long before a confirmed booking starts its member is reminded. */
#define MS_BOOKING_REMINDER_MS (15 * 60 * 1000LL)

/*
 * Tell the member of reservation_id: kind "booking.confirmed", "booking.cancelled" or
 * "booking.reminder" (urgent; once; its title counts the minutes left: "Starts in 15
 * minutes: Focus Room"). The title names the room; the body its building, the
 * span in the building's local time with its label, then `then` (a sentence, or NULL: for a
 * confirmation, how it was paid). Bookings, link membercore://bookings/<id>. 0 / -1 (also
 * for a reminder that had been sent: the upkeep only asks for those that were not).
 */
int ms_booking_notify(ms_app *app, const char *reservation_id, const char *kind, const char *then);

/*
 * The upkeep's part: every confirmed booking starting within the next 15 minutes that was
 * booked before that moment came gets its "booking.reminder", once. 0 / -1.
 */
int ms_bookings_remind_due(ms_app *app, int64_t now_ms);

#endif
