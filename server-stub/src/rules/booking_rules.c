/* rules/booking_rules.c - which room blocks exist and may be booked now, as pure decisions (no
 * I/O). */
#include "rules/booking_rules.h"

/* The block starting at local minute `minute` of a day with this weekday is inside the hours. */
static bool within_hours(const ms_open_hours *hours, int weekday, int minute)
{
    return hours->open[weekday] && hours->open_min[weekday] <= minute &&
           minute + 60 <= hours->close_min[weekday];
}

ms_block_verdict ms_block_offered(const ms_zone *zone, const ms_open_hours *hours, int64_t utc_ms)
{
    ms_local local;
    ms_zone_local(zone, utc_ms, &local);
    if (local.wall_ms % MS_HOUR_MS != 0)
        return MS_BLOCK_MISALIGNED;
    int64_t first;
    if (!ms_zone_first_instant(zone, local.wall_ms, &first) || first != utc_ms)
        return MS_BLOCK_OUTSIDE_HOURS; /* the repeated hour, second time round */
    return within_hours(hours, local.weekday, local.minute) ? MS_BLOCK_OK : MS_BLOCK_OUTSIDE_HOURS;
}

ms_block_verdict ms_booking_check(const ms_zone *zone, const ms_open_hours *hours,
                                  const ms_booking_policy *policy, int64_t now_ms, int64_t start_ms,
                                  int64_t count)
{
    for (int64_t k = 0; k < count; k++) {
        ms_block_verdict v = ms_block_offered(zone, hours, start_ms + k * MS_HOUR_MS);
        if (v == MS_BLOCK_OUTSIDE_HOURS) {
            ms_local at;
            ms_zone_local(zone, start_ms + k * MS_HOUR_MS, &at);
            return hours->open[at.weekday] ? v : MS_BLOCK_CLOSED_DAY;
        }
        if (v != MS_BLOCK_OK)
            return k == 0 ? v : MS_BLOCK_OUTSIDE_HOURS;
    }
    if (start_ms < now_ms)
        return MS_BLOCK_PAST;
    if (start_ms < now_ms + policy->min_notice_min * MS_MINUTE_MS)
        return MS_BLOCK_TOO_SOON;
    ms_local today, last;
    ms_zone_local(zone, now_ms, &today);
    ms_zone_local(zone, start_ms + (count - 1) * MS_HOUR_MS, &last);
    if (last.day > today.day + policy->window_days)
        return MS_BLOCK_BEYOND_WINDOW;
    return MS_BLOCK_OK;
}

size_t ms_blocks_of_day(const ms_zone *zone, const ms_open_hours *hours, int y, int m, int d,
                        int64_t *starts, int *local_min, size_t cap)
{
    int64_t day = ms_days_from_civil(y, m, d);
    int weekday = ms_weekday_of_days(day);
    size_t n = 0;
    for (int hour = 0; hour < 24; hour++) {
        int64_t t;
        if (!within_hours(hours, weekday, hour * 60) ||
            !ms_zone_first_instant(zone, day * MS_DAY_MS + hour * MS_HOUR_MS, &t))
            continue;
        if (n < cap) {
            starts[n] = t;
            if (local_min)
                local_min[n] = hour * 60;
        }
        n++;
    }
    return n;
}
