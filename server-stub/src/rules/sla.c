/* rules/sla.c - a ticket's SLA due instants in the building's business hours (pure). */
#include "rules/sla.h"

/* The instant the local wall time wall_ms first happens (an hour later when it was skipped). */
static int64_t instant_of(const ms_zone *zone, int64_t wall_ms)
{
    int64_t utc;
    if (!ms_zone_first_instant(zone, wall_ms, &utc) &&
        !ms_zone_first_instant(zone, wall_ms + MS_HOUR_MS, &utc))
        utc = wall_ms - (int64_t)ms_zone_offset_min(zone, wall_ms) * MS_MINUTE_MS;
    return utc;
}

int64_t ms_sla_business_add(const ms_zone *zone, const ms_open_hours *hours, int64_t start_ms,
                            int64_t business_ms)
{
    bool any = false;
    for (int wd = 1; wd <= 7; wd++)
        any = any || hours->open[wd];
    if (!any)
        return start_ms + business_ms;
    int64_t t = start_ms, left = business_ms;
    /* At most one pass per local day; a week holds at least one open day, so the loop ends
     * within (left / the shortest open day + 1) weeks; the bound only guards against bad data. */
    for (int guard = 0; guard < 100000; guard++) {
        ms_local local;
        ms_zone_local(zone, t, &local);
        int64_t midnight_wall = local.day * MS_DAY_MS;
        int wd = local.weekday;
        if (hours->open[wd]) {
            int64_t open = instant_of(zone, midnight_wall + hours->open_min[wd] * MS_MINUTE_MS);
            int64_t close = instant_of(zone, midnight_wall + hours->close_min[wd] * MS_MINUTE_MS);
            if (t < open)
                t = open;
            if (t < close) {
                if (left <= close - t)
                    return t + left;
                left -= close - t;
                t = close;
            }
        }
        int64_t next = instant_of(zone, midnight_wall + MS_DAY_MS);
        if (next > t)
            t = next;
    }
    return t + left;
}

ms_sla_due ms_sla_due_of(const ms_zone *zone, const ms_open_hours *hours, int64_t filed_ms,
                         int64_t response_min, int64_t resolution_min, ms_ticket_priority priority)
{
    int64_t response = ms_ticket_priority_minutes(response_min, priority) * MS_MINUTE_MS;
    int64_t resolution = ms_ticket_priority_minutes(resolution_min, priority) * MS_MINUTE_MS;
    ms_sla_due due = {
        .response_due_ms = ms_sla_business_add(zone, hours, filed_ms, response),
        .resolution_due_ms = ms_sla_business_add(zone, hours, filed_ms, resolution),
        .at_risk_from_ms = ms_sla_business_add(zone, hours, filed_ms, resolution / 10 * 8),
    };
    return due;
}
