/* rules/quiet_hours.h - quiet hours: whether an instant falls inside a member's nightly window on
 * the building's wall clock, and when that window ends. Pure: no I/O, no clock. */
#ifndef MS_QUIET_HOURS_H
#define MS_QUIET_HOURS_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/zone.h"

/* A window [from_min, to_min) of minutes after local midnight (0..1439, from != to); it crosses
 * midnight when from_min > to_min (22:00-07:00 is {1320, 420}). */
typedef struct ms_quiet_window {
    int from_min;
    int to_min;
} ms_quiet_window;

/* Whether from_min and to_min make a window: each 0..1439 and not equal. */
bool ms_quiet_window_valid(int from_min, int to_min);

/* Whether minute (after local midnight, 0..1439) lies inside the window: from_min is inside,
 * to_min is not. */
bool ms_quiet_contains(ms_quiet_window window, int minute);

/*
 * Whether utc_ms, on zone's wall clock, lies inside the window; when it does and release_ms is
 * not NULL, the instant the window ends (the next to_min on the wall clock after utc_ms; when a
 * clock change skips that local time, the first instant after the skipped hour).
 */
bool ms_quiet_hold_until(const ms_zone *zone, ms_quiet_window window, int64_t utc_ms,
                         int64_t *release_ms);

#endif
