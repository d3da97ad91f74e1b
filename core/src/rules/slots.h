/*
 * rules/slots.h - the availability engine: which 60-minute blocks of a building-local
 * day each room has free. Pure C over plain structs: no SQLite, no sockets.
 *
 * Complexity, for one day with B blocks (B <= 25) and a room with R busy intervals
 * (reservations, holds and blackouts together): O(R log R) to sort and merge them,
 * then O(B + R) for one sweep. A building-day of N rooms is O(sum R log R + N B).
 */
#ifndef MCI_RULES_SLOTS_H
#define MCI_RULES_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "rules/zone.h"

/* At most 25 blocks a day: a 25-hour day, open 24 hours. */
#define MCI_MAX_DAY_BLOCKS 25

/* Opening hours of one weekday in local minutes; closed: open_min == close_min. */
typedef struct mci_hours {
    int32_t open_min;  /* 0..1440 */
    int32_t close_min; /* open_min..1440 */
} mci_hours;

/* A half-open UTC interval [start_ms, end_ms). */
typedef struct mci_interval {
    int64_t start_ms;
    int64_t end_ms;
} mci_interval;

/* One block of the day. */
typedef struct mci_block {
    int64_t start_ms;  /* UTC */
    int32_t local_min; /* local wall-clock minute of day it starts at */
} mci_block;

/*
 * The day's blocks: each local hour h:00 with open <= h:00 and h:00 + 60 <= close
 * (hours[weekday], weekday 1..7 = Mon..Sun, so hours has 8 entries, [0] unused),
 * mapped to UTC. A skipped local hour is left out; a repeated one appears once,
 * at its first occurrence. Blocks come out in increasing start_ms; returns the
 * count (<= MCI_MAX_DAY_BLOCKS).
 */
size_t mci_day_blocks(const mci_zone *zone, int64_t local_day, const mci_hours hours[8],
                      mci_block out[MCI_MAX_DAY_BLOCKS]);

/*
 * Sort busy[0..n) by start and merge overlapping or touching intervals in place;
 * returns the merged count. O(n log n).
 */
size_t mci_intervals_merge(mci_interval *busy, size_t n);

/*
 * Bit i set when blocks[i] (60 minutes from its start) overlaps nothing in
 * `merged` (sorted, disjoint, as mci_intervals_merge leaves them) and starts
 * at or after earliest_ms. One sweep: O(nblocks + nmerged).
 */
uint32_t mci_free_mask(const mci_block *blocks, size_t nblocks, const mci_interval *merged,
                       size_t nmerged, int64_t earliest_ms);

/*
 * Why a block that is not free is refused, in the order a member reads them:
 * it has started (MC_RULE_PAST), it starts before earliest_ms, the minimum
 * notice (MC_RULE_TOO_SOON), it overlaps one of blackouts[0..n)
 * (MC_RULE_BLACKOUT, *which gets the first one's index when which is not
 * NULL), else MC_RULE_TAKEN. O(n).
 */
mc_rule mci_block_refusal(int64_t start_ms, int64_t now_ms, int64_t earliest_ms,
                          const mci_interval *blackouts, size_t n, size_t *which);

/*
 * One rule for many (a room's refused blocks, a search's rooms): MC_RULE_NONE
 * for none; the rule they share; when mixed, the most frequent of the rules
 * that still hold later (all but PAST and TOO_SOON; ties go to the lower
 * value), or TOO_SOON when only PAST and TOO_SOON are left and any is
 * TOO_SOON. O(n).
 */
mc_rule mci_rules_summary(const mc_rule *rules, size_t n);

#endif
