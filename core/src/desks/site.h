/*
 * desks/site.h - what a desk booking is checked against, read from the local store: the
 * building's desk terms (price, credits, cut-off) with its rules model, a date's facts at
 * the client's clock, and the member's means (desk days and credits left, as last synced,
 * less what this device has queued; a dedicated desk). Caller holds a read transaction or
 * the client lock.
 */
#ifndef MCI_DESKS_SITE_H
#define MCI_DESKS_SITE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "catalog/building.h"
#include "desks/rules.h"
#include "membercore/desks.h"
#include "store/stmt_cache.h"

typedef struct mci_desk_site {
    mci_building *building;
    int64_t day_price_minor; /* before tax, in the building's currency */
    int32_t day_credits;
    int32_t cutoff_min;
} mci_desk_site;

/* building_id's terms. MC_ERR_NOT_FOUND (not synced), MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_desk_site_load(sqlite3 *db, mci_stmt_cache *stmts, const char *building_id,
                             mci_desk_site *out, mc_error *err);
void mci_desk_site_free(mci_desk_site *site);

/* A day price with the building's tax. */
mc_money mci_desk_site_price(const mci_desk_site *site);

/* The facts of date (day number `day`) at now_ms; label is filled with the zone's label at
 * the cut-off (cap >= MC_ZONE_LABEL_MAX), blackout reason borrowed from the site. */
void mci_desk_site_day(const mci_desk_site *site, const char *date, int64_t day, int64_t now_ms,
                       char *label, size_t cap, mci_desk_day_facts *out);

/* The date's cut-off instant (UTC). */
int64_t mci_desk_site_cutoff_ms(const mci_desk_site *site, int64_t day);

/* The member's means. */
typedef struct mci_desk_means {
    char building_id[64];    /* the member's building ("" when none) */
    char company_id[64];     /* "" without a company */
    int64_t credits_left;    /* -1 without a company */
    int32_t allowance;       /* the plan's desk days a month; 0: none */
    int32_t desk_days_left;  /* the date's month's, less the queued ones */
    char dedicated_desk[64]; /* the member's dedicated desk's id, "" when none */
} mci_desk_means;

/* user_id's means for a date of month ("YYYY-MM"): desk days are the allowance of the
 * date's month (the synced `used` counts when the membership's month is that one) less
 * this device's queued plan bookings of that month, as the server counts them.
 * MC_ERR_UNAUTHORIZED (nobody signed in), MC_ERR_STORAGE. */
mc_status mci_desk_means_load(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                              const char *month, mci_desk_means *out, mc_error *err);

#endif
