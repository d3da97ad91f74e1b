/*
 * rules/zone.h - building-local wall-clock time <-> UTC, from the offsets the server
 * sends with the building (never the device's tz database). Pure; no I/O.
 *
 * A zone is a sorted list of transitions {at_ms, offset_min}: from at_ms on, local =
 * UTC + offset_min. The first entry's offset also applies before it.
 */
#ifndef MCI_RULES_ZONE_H
#define MCI_RULES_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MCI_MS_PER_MIN 60000LL
#define MCI_MS_PER_DAY 86400000LL

/* Bytes of a zone abbreviation ("IST", "BST"), NUL included; longer ones are dropped. */
#define MCI_ZONE_ABBREV_MAX 8

typedef struct mci_zone_transition {
    int64_t at_ms;
    int32_t offset_min;
    char abbrev[MCI_ZONE_ABBREV_MAX]; /* the zone's short name from at_ms on; "" when none */
} mci_zone_transition;

typedef struct mci_zone {
    const mci_zone_transition *transitions; /* sorted by at_ms; count >= 1 */
    size_t count;
} mci_zone;

/* The offset in effect at a UTC instant. O(log n). */
int32_t mci_zone_offset_at(const mci_zone *zone, int64_t utc_ms);

/* The transition in effect at a UTC instant (the first one before it). O(log n). */
const mci_zone_transition *mci_zone_transition_at(const mci_zone *zone, int64_t utc_ms);

/* Copy text into abbrev when it is a plausible zone abbreviation (1 to
 * MCI_ZONE_ABBREV_MAX - 1 of A-Z, a-z, 0-9, '+', '-'), else leave abbrev "". */
void mci_zone_set_abbrev(char abbrev[MCI_ZONE_ABBREV_MAX], const char *text);

/*
 * The UTC instants at which the local wall clock reads local_ms (a wall-clock
 * time written as if it were UTC: day * MCI_MS_PER_DAY + minute * MCI_MS_PER_MIN).
 * Returns 0 (the time is skipped: spring forward), 1, or 2 (it repeats: fall
 * back), written to out in increasing order. O(log n).
 */
int mci_zone_local_to_utc(const mci_zone *zone, int64_t local_ms, int64_t out[2]);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t mci_days_from_civil(int year, int month, int day);
void mci_civil_from_days(int64_t days, int *year, int *month, int *day);

/* ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
int mci_weekday(int64_t days);

/* Parse "YYYY-MM-DD" (a real date) into a day number; false if malformed. */
bool mci_parse_date(const char *text, int64_t *days);

/* Parse "HH:MM" (00:00 to 24:00) into minutes; false if malformed. */
bool mci_parse_hhmm(const char *text, int32_t *minutes);

#endif
