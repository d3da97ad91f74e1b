/* rules/slots.c - the availability engine: a day's blocks and each room's free ones. Pure. */
#include "rules/slots.h"

#include <stdbool.h>
#include <stdlib.h>

#define BLOCK_MS (60 * MCI_MS_PER_MIN)

size_t mci_day_blocks(const mci_zone *zone, int64_t local_day, const mci_hours hours[8],
                      mci_block out[MCI_MAX_DAY_BLOCKS])
{
    const mci_hours *h = &hours[mci_weekday(local_day)];
    size_t n = 0;
    /* whole hours only: a block starts on h:00 */
    int32_t first = (h->open_min + 59) / 60 * 60;
    for (int32_t minute = first; minute + 60 <= h->close_min && n < MCI_MAX_DAY_BLOCKS;
         minute += 60) {
        int64_t utc[2];
        int found = mci_zone_local_to_utc(
            zone, local_day * MCI_MS_PER_DAY + (int64_t)minute * MCI_MS_PER_MIN, utc);
        if (found == 0)
            continue; /* skipped by a spring-forward change */
        out[n].start_ms = utc[0];
        out[n].local_min = minute;
        n++;
    }
    return n;
}

static int by_start(const void *a, const void *b)
{
    const mci_interval *x = a, *y = b;
    return (x->start_ms > y->start_ms) - (x->start_ms < y->start_ms);
}

size_t mci_intervals_merge(mci_interval *busy, size_t n)
{
    if (n == 0)
        return 0;
    qsort(busy, n, sizeof *busy, by_start);
    size_t out = 0;
    for (size_t i = 1; i < n; i++) {
        if (busy[i].start_ms <= busy[out].end_ms) {
            if (busy[i].end_ms > busy[out].end_ms)
                busy[out].end_ms = busy[i].end_ms;
        } else {
            busy[++out] = busy[i];
        }
    }
    return out + 1;
}

uint32_t mci_free_mask(const mci_block *blocks, size_t nblocks, const mci_interval *merged,
                       size_t nmerged, int64_t earliest_ms)
{
    uint32_t mask = 0;
    size_t j = 0;
    for (size_t i = 0; i < nblocks; i++) {
        int64_t start = blocks[i].start_ms, end = start + BLOCK_MS;
        /* intervals ending at or before this block cannot touch it, nor any later one */
        while (j < nmerged && merged[j].end_ms <= start)
            j++;
        bool overlaps = j < nmerged && merged[j].start_ms < end;
        if (!overlaps && start >= earliest_ms)
            mask |= 1u << i;
    }
    return mask;
}

mc_rule mci_block_refusal(int64_t start_ms, int64_t now_ms, int64_t earliest_ms,
                          const mci_interval *blackouts, size_t n, size_t *which)
{
    if (start_ms < now_ms)
        return MC_RULE_PAST;
    if (start_ms < earliest_ms)
        return MC_RULE_TOO_SOON;
    for (size_t i = 0; i < n; i++) {
        if (blackouts[i].start_ms < start_ms + BLOCK_MS && blackouts[i].end_ms > start_ms) {
            if (which != NULL)
                *which = i;
            return MC_RULE_BLACKOUT;
        }
    }
    return MC_RULE_TAKEN;
}

#define RULE_SLOTS 16

mc_rule mci_rules_summary(const mc_rule *rules, size_t n)
{
    size_t count[RULE_SLOTS] = {0};
    for (size_t i = 0; i < n; i++)
        if ((unsigned)rules[i] < RULE_SLOTS)
            count[rules[i]]++;
    mc_rule best = MC_RULE_NONE;
    for (int r = 1; r < RULE_SLOTS; r++) {
        if (r == MC_RULE_PAST || r == MC_RULE_TOO_SOON)
            continue;
        if (count[r] > 0 && (best == MC_RULE_NONE || count[r] > count[best]))
            best = (mc_rule)r;
    }
    if (best != MC_RULE_NONE)
        return best;
    if (count[MC_RULE_TOO_SOON] > 0)
        return MC_RULE_TOO_SOON;
    return count[MC_RULE_PAST] > 0 ? MC_RULE_PAST : MC_RULE_NONE;
}
