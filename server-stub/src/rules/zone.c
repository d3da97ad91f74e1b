/* rules/zone.c - the UTC offsets of the seed's time zones, by rule (no tz database), and civil
 * dates. */
#include "rules/zone.h"

#include <stdio.h>
#include <string.h>

struct ms_zone {
    const char *name;
    int std_offset_min;
    /* The EU rule: dst_offset_min from the last Sunday of March 01:00 UTC to the last
     * Sunday of October 01:00 UTC. */
    bool eu_summer_time;
    int dst_offset_min;
    const char *std_abbrev; /* the short names members read: "IST"; "GMT" and "BST" */
    const char *dst_abbrev;
};

static const ms_zone zones[] = {
    {"Asia/Kolkata", 330, false, 330, "IST", "IST"},
    {"Europe/London", 0, true, 60, "GMT", "BST"},
};

const ms_zone *ms_zone_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof zones / sizeof zones[0]; i++)
        if (strcmp(zones[i].name, name) == 0)
            return &zones[i];
    return NULL;
}

const char *ms_zone_name(const ms_zone *zone)
{
    return zone->name;
}

/* ---- civil dates ------------------------------------------------------------------------ */

int64_t ms_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* H. Hinnant's days_from_civil / civil_from_days. */
int64_t ms_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ms_civil_from_days(int64_t days, int *y, int *m, int *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = month;
    *y = (int)(yoe + era * 400 + (month <= 2));
}

int ms_weekday_of_days(int64_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    return (int)((days % 7 + 7 + 3) % 7) + 1;
}

int ms_utc_year(int64_t utc_ms)
{
    int y, m, d;
    ms_civil_from_days(ms_floor_div(utc_ms, MS_DAY_MS), &y, &m, &d);
    return y;
}

/* Days since the epoch of the last Sunday of month m of year y. */
static int64_t last_sunday(int y, int m)
{
    int64_t last = ms_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
    return last - ms_weekday_of_days(last) % 7;
}

/* The EU summer-time span of year y: [start, end) in UTC ms. */
static void eu_summer(int y, int64_t *start, int64_t *end)
{
    *start = last_sunday(y, 3) * MS_DAY_MS + MS_HOUR_MS;
    *end = last_sunday(y, 10) * MS_DAY_MS + MS_HOUR_MS;
}

int ms_zone_offset_min(const ms_zone *zone, int64_t utc_ms)
{
    if (!zone->eu_summer_time)
        return zone->std_offset_min;
    int64_t start, end;
    eu_summer(ms_utc_year(utc_ms), &start, &end);
    return utc_ms >= start && utc_ms < end ? zone->dst_offset_min : zone->std_offset_min;
}

int ms_zone_transitions(const ms_zone *zone, int64_t from_ms, int64_t to_ms,
                        ms_zone_transition *out, size_t cap)
{
    size_t n = 0;
    if (cap < 1)
        return -1;
    int first = ms_zone_offset_min(zone, from_ms);
    out[n++] = (ms_zone_transition){from_ms, first,
                                    zone->eu_summer_time && first == zone->dst_offset_min
                                        ? zone->dst_abbrev
                                        : zone->std_abbrev};
    if (!zone->eu_summer_time)
        return (int)n;
    for (int y = ms_utc_year(from_ms), last = ms_utc_year(to_ms); y <= last; y++) {
        int64_t at[2];
        eu_summer(y, &at[0], &at[1]);
        int offset[2] = {zone->dst_offset_min, zone->std_offset_min};
        const char *abbrev[2] = {zone->dst_abbrev, zone->std_abbrev};
        for (int k = 0; k < 2; k++) {
            if (at[k] <= from_ms || at[k] >= to_ms)
                continue;
            if (n == cap)
                return -1;
            out[n++] = (ms_zone_transition){at[k], offset[k], abbrev[k]};
        }
    }
    return (int)n;
}

void ms_zone_cover(int year, int64_t *from_ms, int64_t *to_ms)
{
    *from_ms = ms_days_from_civil(year - 2, 1, 1) * MS_DAY_MS;
    *to_ms = ms_days_from_civil(year + 4, 1, 1) * MS_DAY_MS;
}

void ms_zone_local(const ms_zone *zone, int64_t utc_ms, ms_local *out)
{
    out->offset_min = ms_zone_offset_min(zone, utc_ms);
    out->wall_ms = utc_ms + out->offset_min * MS_MINUTE_MS;
    out->day = ms_floor_div(out->wall_ms, MS_DAY_MS);
    out->minute = (int)((out->wall_ms - out->day * MS_DAY_MS) / MS_MINUTE_MS);
    ms_civil_from_days(out->day, &out->year, &out->month, &out->day_of_month);
    out->weekday = ms_weekday_of_days(out->day);
}

bool ms_zone_first_instant(const ms_zone *zone, int64_t wall_ms, int64_t *utc_ms)
{
    int offsets[2] = {zone->std_offset_min, zone->dst_offset_min};
    bool found = false;
    for (int k = 0; k < 2; k++) {
        int64_t t = wall_ms - offsets[k] * MS_MINUTE_MS;
        if (ms_zone_offset_min(zone, t) == offsets[k] && (!found || t < *utc_ms)) {
            *utc_ms = t;
            found = true;
        }
    }
    return found;
}

static const char *const weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int64_t ms_zone_day_start(const ms_zone *zone, int64_t day)
{
    int64_t utc;
    for (int h = 0; h < 24; h++)
        if (ms_zone_first_instant(zone, day * MS_DAY_MS + h * MS_HOUR_MS, &utc))
            return utc;
    return day * MS_DAY_MS; /* unreachable for the zones memberstub knows */
}

void ms_local_format_date(const ms_local *local, char *out, size_t cap)
{
    snprintf(out, cap, "%s %d %s %d", weekday_names[local->weekday - 1], local->day_of_month,
             month_names[local->month - 1], local->year);
}

void ms_local_format_time(const ms_local *local, char *out, size_t cap)
{
    snprintf(out, cap, "%02d:%02d", local->minute / 60, local->minute % 60);
}

void ms_local_format_month(const ms_local *local, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02d", local->year, local->month);
}

const char *ms_zone_abbrev(const ms_zone *zone, int64_t utc_ms)
{
    return zone->eu_summer_time && ms_zone_offset_min(zone, utc_ms) == zone->dst_offset_min
               ? zone->dst_abbrev
               : zone->std_abbrev;
}

void ms_zone_words(const ms_zone *zone, int64_t utc_ms, char *out, size_t cap)
{
    ms_local local;
    ms_zone_local(zone, utc_ms, &local);
    char date[32], time[8];
    ms_local_format_date(&local, date, sizeof date);
    ms_local_format_time(&local, time, sizeof time);
    snprintf(out, cap, "%s %s %s", date, time, ms_zone_abbrev(zone, utc_ms));
}
