/*
 * catalog/building.h - the one model of a synced building: parsed once from the server's
 * JSON, read by the catalog's list (mc_buildings_list), by booking (zone, hours, window,
 * notice, cut-off, blackouts) and by billing (currency, tax rule, day-pass price, seats,
 * bundle tiers).
 *
 * mci_building_parse is pure (JSON in, struct out); mci_building_load reads one building
 * from the local store and requires what the rules need (its zone).
 */
#ifndef MCI_CATALOG_BUILDING_H
#define MCI_CATALOG_BUILDING_H

#include <cJSON.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "membercore/catalog.h"
#include "membercore/error.h"
#include "rules/currency.h"
#include "rules/pricing.h"
#include "rules/slots.h"
#include "rules/zone.h"

/* The currency and tax rule of a building whose data names none (every building before
 * buildings carried their own: docs/sync-protocol.md, "Money on the wire"). */
#define MCI_BUILDING_DEFAULT_CURRENCY "INR"
#define MCI_BUILDING_DEFAULT_TAX_NAME "GST"
#define MCI_BUILDING_DEFAULT_TAX_BP   1800

/* booking_window_days when the server sends none. */
#define MCI_BUILDING_DEFAULT_WINDOW_DAYS 30

typedef struct mci_building {
    char *id;
    char *name;
    char *city;
    char *timezone;                   /* the zone's name, "" when the server sent none */
    mci_zone_transition *transitions; /* NULL when the server sent no zone */
    mci_zone zone;                    /* count 0 when the server sent no zone */
    mc_opening_hours *opening;        /* the hours as the server listed them */
    size_t opening_count;
    mci_hours hours[8]; /* by ISO weekday, the well-formed entries; closed: open == close */
    int32_t booking_window_days;
    int32_t min_notice_min;
    int32_t cancel_cutoff_min;
    mci_interval *blackouts;
    char **blackout_reasons; /* blackout_count of them, "" when the server gave none */
    size_t blackout_count;
    /* money: every amount of this building is in its currency, taxed by its rule */
    char currency[4]; /* ISO 4217 */
    mc_tax tax;
    /* open space (day passes): price, seats, bundle tiers */
    mc_money day_pass_price;
    int32_t open_space_capacity;
    mci_tier *tiers;
    size_t tier_count;
} mci_building;

/* A building from its synced data. MC_ERR_NO_MEMORY; nothing else fails (a missing field
 * takes its default). Pure. Free *out with mci_building_free. */
mc_status mci_building_parse(const cJSON *data, mci_building **out, mc_error *err);

/* Load building id from the store for its rules. MC_ERR_NOT_FOUND when it is not synced;
 * MC_ERR_SERVER when its data lacks the zone; MC_ERR_STORAGE. Caller holds the lock. */
mc_status mci_building_load(sqlite3 *db, const char *id, mci_building **out, mc_error *err);

/* Call fn with every synced building in id order (the building is freed after the call);
 * the first error fn returns stops the walk and is returned. MC_ERR_STORAGE,
 * MC_ERR_NO_MEMORY. Caller holds the lock. */
typedef mc_status (*mci_building_fn)(const mci_building *building, void *context, mc_error *err);
mc_status mci_building_each(sqlite3 *db, mci_building_fn fn, void *context, mc_error *err);

/* A building's zone object {"name", "transitions": [{at_ms, offset_min, abbrev}]} into a
 * new array (*transitions, free() it; NULL and *count 0 when none). false when out of
 * memory. Pure. */
bool mci_zone_from_json(const cJSON *zone, mci_zone_transition **transitions, size_t *count);

/* NULL is a no-op. */
void mci_building_free(mci_building *building);

/* The building-local day number of a UTC instant. */
int64_t mci_building_local_day(const mci_building *b, int64_t utc_ms);

#endif
