/*
 * membercore/catalog.h - the operator's buildings as last synced: where they are, when
 * they open, their currency and tax rule, and their open-space day-pass pricing.
 */
#ifndef MEMBERCORE_CATALOG_H
#define MEMBERCORE_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/money.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_bundle_tier {
    int32_t passes;       /* from this many passes on */
    int32_t discount_pct; /* this discount */
} mc_bundle_tier;

typedef struct mc_opening_hours {
    int32_t weekday;      /* 1 = Monday ... 7 = Sunday; days not listed are closed */
    int32_t open_minute;  /* building-local minutes, 0..1440 */
    int32_t close_minute; /* 1440 = midnight; 0..1440 is open all day */
} mc_opening_hours;

typedef struct mc_building {
    char *id;
    char *name;
    char *city;
    char *timezone; /* e.g. "Asia/Kolkata" */
    mc_opening_hours *hours;
    size_t hours_count;
    int32_t booking_window_days;
    char currency[4];        /* ISO 4217: every amount of this building is in it */
    mc_tax tax;              /* the tax its prices are charged with, e.g. {"VAT", 2000} */
    mc_money day_pass_price; /* before tax; minor 0: no day passes here */
    int32_t open_space_capacity;
    mc_bundle_tier *tiers;
    size_t tier_count;
} mc_building;

typedef struct mc_building_list {
    mc_building *items; /* by id */
    size_t count;
} mc_building_list;

/* The synced buildings, from the local store (offline). Free with
 * mc_building_list_free. Errors: MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE. Any thread. */
mc_status mc_buildings_list(mc_client *client, mc_building_list **out, mc_error *err);
/* Free an mc_building_list and everything it holds. NULL is a no-op. Any thread. */
void mc_building_list_free(mc_building_list *list);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_CATALOG_H */
