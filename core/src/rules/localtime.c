/* rules/localtime.c - an instant on a building's wall clock, from the server's zone. Pure. */
#include "rules/localtime.h"

#include <stdio.h>
#include <string.h>

/* floor(a / b) for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return a % b != 0 && a < 0 ? q - 1 : q;
}

void mci_offset_label(int32_t offset_min, char *out, size_t cap)
{
    if (offset_min == 0) {
        snprintf(out, cap, "UTC");
        return;
    }
    int32_t magnitude = offset_min < 0 ? -offset_min : offset_min;
    snprintf(out, cap, "UTC%c%02d:%02d", offset_min < 0 ? '-' : '+', (int)(magnitude / 60 % 100),
             (int)(magnitude % 60));
}

void mci_local_time_fill(const mci_zone *zone, int64_t utc_ms, mc_local_time *out)
{
    memset(out, 0, sizeof *out);
    if (utc_ms == 0)
        return;
    bool zoned = zone != NULL && zone->count > 0;
    const mci_zone_transition *t = zoned ? mci_zone_transition_at(zone, utc_ms) : NULL;
    int32_t offset = t != NULL ? t->offset_min : 0;
    int64_t local_ms = utc_ms + (int64_t)offset * MCI_MS_PER_MIN;
    int64_t days = floor_div(local_ms, MCI_MS_PER_DAY);
    int64_t ms_of_day = local_ms - days * MCI_MS_PER_DAY;
    int year, month, day;
    mci_civil_from_days(days, &year, &month, &day);
    out->utc_ms = utc_ms;
    out->offset_min = offset;
    out->year = year;
    out->month = month;
    out->day = day;
    out->hour = (int32_t)(ms_of_day / 3600000);
    out->minute = (int32_t)(ms_of_day / MCI_MS_PER_MIN % 60);
    out->second = (int32_t)(ms_of_day / 1000 % 60);
    out->weekday = mci_weekday(days);
    int32_t magnitude = offset < 0 ? -offset : offset;
    snprintf(out->iso8601, sizeof out->iso8601, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year,
             month, day, (int)out->hour, (int)out->minute, (int)out->second, offset < 0 ? '-' : '+',
             (int)(magnitude / 60 % 100), (int)(magnitude % 60));
    if (t != NULL && t->abbrev[0] != '\0')
        snprintf(out->label, sizeof out->label, "%s", t->abbrev);
    else if (zoned)
        mci_offset_label(offset, out->label, sizeof out->label);
    else
        snprintf(out->label, sizeof out->label, "UTC");
}
