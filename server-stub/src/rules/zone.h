/* rules/zone.h - the UTC offsets of the seed's time zones, by rule (no tz database), and civil
 * dates. */
#ifndef MS_ZONE_H
#define MS_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_MINUTE_MS (60 * 1000LL)
#define MS_HOUR_MS   (60 * MS_MINUTE_MS)
#define MS_DAY_MS    (24 * MS_HOUR_MS)

/*
 * A zone's rule. memberstub ships no tz database: it knows the rules of the
 * zones its seed uses, as they stand today (Asia/Kolkata: a fixed +05:30;
 * Europe/London: +01:00 from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC, else +00:00). Pure: no I/O, no clock.
 */
typedef struct ms_zone ms_zone;

/* The zone named name ("Europe/London"), or NULL when memberstub has no rule for it. */
const ms_zone *ms_zone_find(const char *name);
const char *ms_zone_name(const ms_zone *zone);
/* The offset from UTC, in minutes east, in force at utc_ms. */
int ms_zone_offset_min(const ms_zone *zone, int64_t utc_ms);

typedef struct ms_zone_transition {
    int64_t at_ms;
    int offset_min;     /* in force from at_ms on */
    const char *abbrev; /* the zone's short name from at_ms on: "IST", "GMT", "BST" (static) */
} ms_zone_transition;

/*
 * The offsets over [from_ms, to_ms) as the wire's building.zone.transitions
 * wants them: first {from_ms, the offset then} (which also applies before
 * it), then every change in (from_ms, to_ms), in order. The number of
 * entries (at most cap are written), or -1 when cap is too small.
 */
int ms_zone_transitions(const ms_zone *zone, int64_t from_ms, int64_t to_ms,
                        ms_zone_transition *out, size_t cap);

/*
 * The span the transitions sent to clients cover, chosen by the UTC year of
 * now: from 1 January of year - 2 to 1 January of year + 4 (UTC), which holds
 * [now - 400 days, now + 800 days] and only moves when the year does.
 */
void ms_zone_cover(int year, int64_t *from_ms, int64_t *to_ms);

/* ---- civil dates (proleptic Gregorian) ------------------------------------------------ */

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31). */
int64_t ms_days_from_civil(int64_t y, int m, int d);
/* The date of days since 1970-01-01. */
void ms_civil_from_days(int64_t days, int *y, int *m, int *d);
/* ISO weekday, 1 = Monday .. 7 = Sunday, of days since 1970-01-01. */
int ms_weekday_of_days(int64_t days);
/* floor(a / b) for b > 0. */
int64_t ms_floor_div(int64_t a, int64_t b);
/* The UTC year of utc_ms. */
int ms_utc_year(int64_t utc_ms);

/* An instant seen on the zone's wall clock. */
typedef struct ms_local {
    int64_t wall_ms; /* utc_ms + offset: the local time as if it were UTC */
    int64_t day;     /* local date, as days since 1970-01-01 */
    int year, month, day_of_month;
    int weekday; /* 1 = Monday .. 7 = Sunday */
    int minute;  /* minutes after local midnight */
    int offset_min;
} ms_local;

void ms_zone_local(const ms_zone *zone, int64_t utc_ms, ms_local *out);

/*
 * The first instant whose wall-clock time in zone is wall_ms (a local time
 * written as ms since 1970-01-01 "local"): false when that local time does not
 * exist (skipped by a change to a larger offset). When it happens twice (a
 * change to a smaller offset), the earlier one.
 */
bool ms_zone_first_instant(const ms_zone *zone, int64_t wall_ms, int64_t *utc_ms);

/* The first instant of local date `day` (days since 1970-01-01) in zone: its midnight, or the
 * first local hour of it that exists. */
int64_t ms_zone_day_start(const ms_zone *zone, int64_t day);

/* "Tue 5 Jan 2027" into out. */
void ms_local_format_date(const ms_local *local, char *out, size_t cap);
/* "HH:MM" into out (cap >= 6). */
void ms_local_format_time(const ms_local *local, char *out, size_t cap);
/* "YYYY-MM" into out (cap >= 8). */
void ms_local_format_month(const ms_local *local, char *out, size_t cap);

/* The zone's short name members read at utc_ms: "IST", "GMT" or "BST" (static). */
const char *ms_zone_abbrev(const ms_zone *zone, int64_t utc_ms);
/* "Sat 9 Jan 2027 21:53 IST": utc_ms on the zone's wall clock with its label, into out. */
void ms_zone_words(const ms_zone *zone, int64_t utc_ms, char *out, size_t cap);

#endif
