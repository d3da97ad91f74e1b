/* booking/building.c - a building's booking rules parsed from its synced JSON. */
#include "booking/building.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

void mci_building_free(mci_building *b)
{
    if (b == NULL)
        return;
    free(b->id);
    free(b->timezone);
    free(b->transitions);
    free(b->blackouts);
    free(b->tiers);
    free(b);
}

int64_t mci_building_local_day(const mci_building *b, int64_t utc_ms)
{
    int64_t local = utc_ms + (int64_t)mci_zone_offset_at(&b->zone, utc_ms) * MCI_MS_PER_MIN;
    int64_t day = local / MCI_MS_PER_DAY;
    return local < 0 && local % MCI_MS_PER_DAY != 0 ? day - 1 : day;
}

static mc_status parse(const cJSON *json, mci_building *b, mc_error *err)
{
    const cJSON *zone = cJSON_GetObjectItemCaseSensitive(json, "zone");
    const cJSON *transitions = cJSON_GetObjectItemCaseSensitive(zone, "transitions");
    int n = cJSON_GetArraySize(transitions);
    if (!cJSON_IsArray(transitions) || n < 1)
        return mci_error_set(err, MC_ERR_SERVER, "building %s has no zone transitions", b->id);
    b->timezone = mci_strdup(mci_json_string(zone, "name", ""));
    b->transitions = calloc((size_t)n, sizeof *b->transitions);
    if (b->timezone == NULL || b->transitions == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *t = NULL;
    size_t count = 0;
    cJSON_ArrayForEach(t, transitions)
    {
        b->transitions[count].at_ms = mci_json_int(t, "at_ms", 0);
        b->transitions[count].offset_min = (int32_t)mci_json_int(t, "offset_min", 0);
        count++;
    }
    b->zone = (mci_zone){b->transitions, count};

    const cJSON *h = NULL;
    cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(json, "hours"))
    {
        int64_t weekday = mci_json_int(h, "weekday", 0);
        int64_t open = mci_json_int(h, "open_min", 0), close = mci_json_int(h, "close_min", 0);
        if (weekday >= 1 && weekday <= 7 && open >= 0 && close <= 1440 && open <= close)
            b->hours[weekday] = (mci_hours){(int32_t)open, (int32_t)close};
    }
    b->booking_window_days = (int32_t)mci_json_int(json, "booking_window_days", 30);
    b->min_notice_min = (int32_t)mci_json_int(json, "min_notice_min", 0);
    b->cancel_cutoff_min = (int32_t)mci_json_int(json, "cancel_cutoff_min", 0);

    const cJSON *open_space = cJSON_GetObjectItemCaseSensitive(json, "open_space");
    b->day_pass_price_paise = mci_json_int(open_space, "day_pass_price_paise", 0);
    b->open_space_capacity = (int32_t)mci_json_int(open_space, "capacity", 0);
    const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(open_space, "tiers");
    int nt = cJSON_GetArraySize(tiers);
    if (nt > 0) {
        b->tiers = calloc((size_t)nt, sizeof *b->tiers);
        if (b->tiers == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        const cJSON *tier = NULL;
        cJSON_ArrayForEach(tier, tiers)
        {
            b->tiers[b->tier_count++] = (mci_tier){(int32_t)mci_json_int(tier, "passes", 0),
                                                   (int32_t)mci_json_int(tier, "discount_pct", 0)};
        }
    }

    const cJSON *blackouts = cJSON_GetObjectItemCaseSensitive(json, "blackouts");
    int nb = cJSON_GetArraySize(blackouts);
    if (nb > 0) {
        b->blackouts = calloc((size_t)nb, sizeof *b->blackouts);
        if (b->blackouts == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        const cJSON *x = NULL;
        cJSON_ArrayForEach(x, blackouts)
        {
            b->blackouts[b->blackout_count++] =
                (mci_interval){mci_json_int(x, "start_ms", 0), mci_json_int(x, "end_ms", 0)};
        }
    }
    return MC_OK;
}

mc_status mci_building_load(sqlite3 *db, const char *id, mci_building **out, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT data FROM entity WHERE kind = 'building' AND id = ?1", -1,
                           &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the building");
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    cJSON *json = rc == SQLITE_ROW ? cJSON_Parse(mci_column_text(stmt, 0)) : NULL;
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no building '%s' (sync to fetch buildings)",
                             id);
    if (rc != SQLITE_ROW)
        return mci_store_fail(db, err, "reading the building");
    mci_building *b = calloc(1, sizeof *b);
    mc_status st = b && json ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK) {
        b->id = mci_strdup(id);
        st = b->id ? parse(json, b, err) : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    cJSON_Delete(json);
    if (st != MC_OK) {
        mci_building_free(b);
        return st;
    }
    *out = b;
    return MC_OK;
}
