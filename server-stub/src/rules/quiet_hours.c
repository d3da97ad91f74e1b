/* rules/quiet_hours.c - quiet hours: whether an instant falls inside a member's nightly window on
 * the building's wall clock, and when that window ends. Pure: no I/O, no clock. */
#include "rules/quiet_hours.h"

bool ms_quiet_window_valid(int from_min, int to_min)
{
    return from_min >= 0 && from_min < 1440 && to_min >= 0 && to_min < 1440 && from_min != to_min;
}

bool ms_quiet_contains(ms_quiet_window window, int minute)
{
    if (!ms_quiet_window_valid(window.from_min, window.to_min) || minute < 0 || minute >= 1440)
        return false;
    if (window.from_min < window.to_min)
        return minute >= window.from_min && minute < window.to_min;
    return minute >= window.from_min || minute < window.to_min;
}

bool ms_quiet_hold_until(const ms_zone *zone, ms_quiet_window window, int64_t utc_ms,
                         int64_t *release_ms)
{
    ms_local local;
    ms_zone_local(zone, utc_ms, &local);
    if (!ms_quiet_contains(window, local.minute))
        return false;
    if (!release_ms)
        return true;
    /* The window ends today when to_min is still ahead on the wall clock, else tomorrow. */
    int64_t end_day = local.minute < window.to_min ? local.day : local.day + 1;
    int64_t wall = end_day * MS_DAY_MS + window.to_min * MS_MINUTE_MS;
    int64_t at;
    /* A skipped local time (the clocks went forward over it): the first minute that exists. */
    while (!ms_zone_first_instant(zone, wall, &at))
        wall += MS_MINUTE_MS;
    *release_ms = at;
    return true;
}
