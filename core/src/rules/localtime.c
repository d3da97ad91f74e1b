/* rules/localtime.c - an instant on a building's wall clock, from the server's zone. Pure. */
#include "rules/localtime.h"

#include <stdio.h>
#include <string.h>

_Static_assert(MCI_ZONE_ABBREV_MAX <= MC_ZONE_LABEL_MAX, "an abbreviation fits a label");

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

/* Write v (0 <= v < 10^width) as width digits at p; returns the end. */
static char *digits(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* out->iso8601 from out's fields: "2026-12-07T16:00:00+05:30". By hand, not snprintf: a page
 * of a list fills one per instant. */
static void format_iso(mc_local_time *out, int year)
{
    int32_t magnitude = out->offset_min < 0 ? -out->offset_min : out->offset_min;
    char *p = out->iso8601;
    if (year < 0 || year > 9999) { /* outside ISO 8601's four digits: rare enough for snprintf */
        snprintf(p, sizeof out->iso8601, "%d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year,
                 (int)out->month, (int)out->day, (int)out->hour, (int)out->minute, (int)out->second,
                 out->offset_min < 0 ? '-' : '+', (int)(magnitude / 60 % 100),
                 (int)(magnitude % 60));
        return;
    }
    p = digits(p, year, 4);
    *p++ = '-';
    p = digits(p, (int)out->month, 2);
    *p++ = '-';
    p = digits(p, (int)out->day, 2);
    *p++ = 'T';
    p = digits(p, (int)out->hour, 2);
    *p++ = ':';
    p = digits(p, (int)out->minute, 2);
    *p++ = ':';
    p = digits(p, (int)out->second, 2);
    *p++ = out->offset_min < 0 ? '-' : '+';
    p = digits(p, (int)(magnitude / 60 % 100), 2);
    *p++ = ':';
    p = digits(p, (int)(magnitude % 60), 2);
    *p = '\0';
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
    format_iso(out, year);
    if (t != NULL && t->abbrev[0] != '\0')
        memcpy(out->label, t->abbrev, sizeof t->abbrev); /* NUL-terminated, shorter */
    else if (zoned)
        mci_offset_label(offset, out->label, sizeof out->label);
    else
        memcpy(out->label, "UTC", sizeof "UTC");
}
