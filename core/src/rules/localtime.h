/*
 * rules/localtime.h - an instant as a building's wall clock shows it (membercore/localtime.h),
 * from the zone the server sent with the building. Pure; no I/O.
 */
#ifndef MCI_RULES_LOCALTIME_H
#define MCI_RULES_LOCALTIME_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/localtime.h"
#include "rules/zone.h"

/*
 * Fill *out with utc_ms on zone's wall clock: the offset in force, the civil fields, the
 * ISO-8601 text with the offset, and the label (the transition's abbreviation, else
 * "UTC+05:30" from the offset). zone NULL or without transitions: UTC, label "UTC".
 * utc_ms 0 (the API's "none") gives the all-zero value.
 */
void mci_local_time_fill(const mci_zone *zone, int64_t utc_ms, mc_local_time *out);

/* "UTC", "UTC+05:30", "UTC-03:00" for an offset in minutes east, into out (cap >= 10). */
void mci_offset_label(int32_t offset_min, char *out, size_t cap);

#endif
