/*
 * membercore/calendar.h - the member's calendar as an iCalendar file (RFC
 * 5545): room bookings, desk days, day passes and the events the member is
 * going to, each in its building's time zone (a VTIMEZONE per zone, built from
 * the synced zone). docs/today-desks-community.md, "Calendar", says what goes in.
 */
#ifndef MEMBERCORE_CALENDAR_H
#define MEMBERCORE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The member's bookings, desk days, passes and events (going) that end on or
 * after from_ms and start before to_ms (0: no bound), from the local store, as
 * one iCalendar text (CRLF line ends, UTF-8) into *ics (NUL-terminated; the
 * caller frees with mc_calendar_free) and its length into *len (may be NULL).
 * Cancelled, released and expired ones are left out; pending ones are
 * STATUS:TENTATIVE. Errors: MC_ERR_INVALID_ARG (to_ms before from_ms),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE, MC_ERR_NO_MEMORY. Any thread.
 */
mc_status mc_calendar_export(mc_client *client, int64_t from_ms, int64_t to_ms, char **ics,
                             size_t *len, mc_error *err);

/* Free the text mc_calendar_export made. NULL is a no-op. Any thread. */
void mc_calendar_free(char *ics);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_CALENDAR_H */
