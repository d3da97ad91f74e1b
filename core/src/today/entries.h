/*
 * today/entries.h - what Today's files share: the member's building-local day being read,
 * today's bookings, desk day and passes as entries, and growing and paging helpers.
 */
#ifndef MCI_TODAY_ENTRIES_H
#define MCI_TODAY_ENTRIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/today.h"
#include "read/page.h"
#include "read/read.h"
#include "rules/zone.h"

/* The member's day: its date, bounds and zone (the member's building's; UTC without one). */
typedef struct mci_today_day {
    const char *building_id; /* "" when none */
    const mci_zone *zone;    /* NULL: UTC */
    char date[16];           /* "YYYY-MM-DD" */
    int64_t day;             /* its day number */
    int64_t start_ms, end_ms;
    int64_t now_ms;
} mci_today_day;

/* Entries being gathered. */
typedef struct mci_today_entries {
    mc_today_entry *items;
    size_t count;
    size_t cap;
} mci_today_entries;

/* Today's room bookings, desk booking and passes into list, by start. Errors: the modules'
 * reads' (MC_ERR_STORAGE, MC_ERR_NO_MEMORY). */
mc_status mci_today_entries_read(mci_reader *r, const mci_today_day *day, mci_today_entries *list,
                                 mc_error *err);

/* Free what an entry holds (not the entry). */
void mci_today_entry_clear(mc_today_entry *e);

/* Room for one more of size bytes in *items (count used, *cap allocated); false when out of
 * memory (*items unchanged). */
bool mci_today_grow(void **items, size_t count, size_t *cap, size_t size);

/* The page of limit items after cursor (NULL: the first) for a list keyed by number or text.
 * Free with mci_page_done. Errors: mci_page_start's. */
mc_status mci_today_next_page(const char *cursor, int32_t limit, bool numeric_key, mci_page *out,
                              mc_error *err);

#endif
