/* catalog/buildings.c - mc_buildings_list: the synced buildings for the app's pickers, from the
 * one building model (catalog/building.h). */
#include <stdlib.h>
#include <string.h>

#include "catalog/building.h"
#include "handle/handle.h"
#include "read/read.h"
#include "membercore/catalog.h"
#include "util/error.h"
#include "util/strutil.h"

void mc_building_list_free(mc_building_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        mc_building *b = &list->items[i];
        free(b->id);
        free(b->name);
        free(b->city);
        free(b->timezone);
        free(b->hours);
        free(b->tiers);
    }
    free(list->items);
    free(list);
}

/* Append building to the list (a mci_building_fn). */
static mc_status add_building(const mci_building *b, void *context, mc_error *err)
{
    mc_building_list *list = context;
    mc_building *grown = realloc(list->items, (list->count + 1) * sizeof *grown);
    if (grown == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    list->items = grown;
    mc_building *item = &list->items[list->count++];
    *item = (mc_building){
        .id = mci_strdup(b->id),
        .name = mci_strdup(b->name),
        .city = mci_strdup(b->city),
        .timezone = mci_strdup(b->timezone),
        .hours = b->opening_count > 0 ? calloc(b->opening_count, sizeof *item->hours) : NULL,
        .hours_count = b->opening_count,
        .booking_window_days = b->booking_window_days,
        .tax = b->tax,
        .day_pass_price = b->day_pass_price,
        .open_space_capacity = b->open_space_capacity,
        .tiers = b->tier_count > 0 ? calloc(b->tier_count, sizeof *item->tiers) : NULL,
        .tier_count = b->tier_count,
    };
    memcpy(item->currency, b->currency, sizeof item->currency);
    if (!item->id || !item->name || !item->city || !item->timezone ||
        (b->opening_count > 0 && item->hours == NULL) || (b->tier_count > 0 && item->tiers == NULL))
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < b->opening_count; i++)
        item->hours[i] = b->opening[i];
    for (size_t i = 0; i < b->tier_count; i++)
        item->tiers[i] = (mc_bundle_tier){b->tiers[i].passes, b->tiers[i].discount_pct};
    return MC_OK;
}

mc_status mc_buildings_list(mc_client *c, mc_building_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_building_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL; /* a member's view */
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_building_each(r->db, add_building, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_building_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}
