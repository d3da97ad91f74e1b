/* catalog/buildings.c - the synced buildings for the app's pickers: hours and day-pass pricing. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "read/items.h"
#include "membercore/catalog.h"
#include "util/error.h"
#include "util/json.h"
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

static const mci_list_query buildings_query = {
    "SELECT id, id, data FROM entity WHERE kind = 'building' AND id > ?2 ORDER BY id LIMIT ?3",
    "reading buildings", MCI_KEY_TEXT_ASC};

static bool read_building(const cJSON *d, void *item)
{
    mc_building *b = item;
    const cJSON *open_space = cJSON_GetObjectItemCaseSensitive(d, "open_space");
    const cJSON *hours = cJSON_GetObjectItemCaseSensitive(d, "hours");
    const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(open_space, "tiers");
    b->id = mci_strdup(mci_json_string(d, "id", ""));
    b->name = mci_strdup(mci_json_string(d, "name", ""));
    b->city = mci_strdup(mci_json_string(d, "city", ""));
    b->timezone =
        mci_strdup(mci_json_string(cJSON_GetObjectItemCaseSensitive(d, "zone"), "name", ""));
    b->booking_window_days = (int32_t)mci_json_int(d, "booking_window_days", 0);
    b->day_pass_price_paise = mci_json_int(open_space, "day_pass_price_paise", 0);
    b->open_space_capacity = (int32_t)mci_json_int(open_space, "capacity", 0);
    int nh = cJSON_GetArraySize(hours), nt = cJSON_GetArraySize(tiers);
    b->hours = nh > 0 ? calloc((size_t)nh, sizeof *b->hours) : NULL;
    b->tiers = nt > 0 ? calloc((size_t)nt, sizeof *b->tiers) : NULL;
    if ((nh > 0 && b->hours == NULL) || (nt > 0 && b->tiers == NULL))
        return false;
    const cJSON *x = NULL;
    cJSON_ArrayForEach(x, hours)
    {
        b->hours[b->hours_count++] = (mc_opening_hours){(int32_t)mci_json_int(x, "weekday", 0),
                                                        (int32_t)mci_json_int(x, "open_min", 0),
                                                        (int32_t)mci_json_int(x, "close_min", 0)};
    }
    cJSON_ArrayForEach(x, tiers)
    {
        b->tiers[b->tier_count++] = (mc_bundle_tier){(int32_t)mci_json_int(x, "passes", 0),
                                                     (int32_t)mci_json_int(x, "discount_pct", 0)};
    }
    return b->id && b->name && b->city && b->timezone;
}

mc_status mc_buildings_list(mc_client *c, mc_building_list **out, mc_error *err)
{
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_building_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_page all;
    mci_page_all(&all);
    char *more = NULL; /* never set: every building, in one page */
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_read_items(r, &buildings_query, &all, (void **)&list->items, sizeof *list->items,
                            &list->count, &more, read_building, err);
    mci_read_end(c->readers, r);
    free(more);
    if (st != MC_OK) {
        mc_building_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}
