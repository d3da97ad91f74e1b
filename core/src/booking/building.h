/*
 * booking/building.h - a building's booking rules as the server sent them (zone offsets,
 * opening hours, window, notice, cut-off, blackouts), read from the local store.
 */
#ifndef MCI_BOOKING_BUILDING_H
#define MCI_BOOKING_BUILDING_H

#include <sqlite3.h>

#include "booking/slots.h"
#include "billing/pricing.h"
#include "booking/zone.h"
#include "membercore/error.h"

typedef struct mci_building {
    char *id;
    char *timezone;
    mci_zone_transition *transitions;
    mci_zone zone;
    mci_hours hours[8]; /* by ISO weekday; closed days open == close */
    int32_t booking_window_days;
    int32_t min_notice_min;
    int32_t cancel_cutoff_min;
    mci_interval *blackouts;
    size_t blackout_count;
    /* open space (day passes): price, seats, bundle tiers */
    int64_t day_pass_price_paise;
    int32_t open_space_capacity;
    mci_tier *tiers;
    size_t tier_count;
} mci_building;

/* Load building id from `entity`. MC_ERR_NOT_FOUND when it is not synced;
 * MC_ERR_SERVER when its data lacks the zone. Caller holds the lock. */
mc_status mci_building_load(sqlite3 *db, const char *id, mci_building **out, mc_error *err);
void mci_building_free(mci_building *building);

/* The building-local day number of a UTC instant. */
int64_t mci_building_local_day(const mci_building *b, int64_t utc_ms);

#endif
