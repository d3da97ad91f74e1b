/* catalog/building.c - the one parse of a synced building, and loading one from the store. */
#include "catalog/building.h"

#include <stdbool.h>
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
    free(b->name);
    free(b->city);
    free(b->timezone);
    free(b->transitions);
    free(b->opening);
    for (size_t i = 0; b->blackout_reasons != NULL && i < b->blackout_count; i++)
        free(b->blackout_reasons[i]);
    free(b->blackout_reasons);
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

/* A zeroed array of n items, or NULL for none (n <= 0) and when out of memory. */
static void *calloc_items(int n, size_t size)
{
    return n > 0 ? calloc((size_t)n, size) : NULL;
}

bool mci_zone_from_json(const cJSON *zone, mci_zone_transition **transitions, size_t *count)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(zone, "transitions");
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;
    *count = 0;
    *transitions = calloc_items(n, sizeof **transitions);
    if (n > 0 && *transitions == NULL)
        return false;
    const cJSON *t = NULL;
    if (n > 0) {
        cJSON_ArrayForEach(t, list)
        {
            mci_zone_transition *out = &(*transitions)[(*count)++];
            out->at_ms = mci_json_int(t, "at_ms", 0);
            out->offset_min = (int32_t)mci_json_int(t, "offset_min", 0);
            mci_zone_set_abbrev(out->abbrev, mci_json_string(t, "abbrev", ""));
        }
    }
    return true;
}

static bool parse_zone(const cJSON *zone, mci_building *b)
{
    size_t count = 0;
    if (!mci_zone_from_json(zone, &b->transitions, &count))
        return false;
    b->zone = (mci_zone){b->transitions, count};
    return true;
}

static bool parse_hours(const cJSON *hours, mci_building *b)
{
    int n = cJSON_GetArraySize(hours);
    b->opening = calloc_items(n, sizeof *b->opening);
    if (n > 0 && b->opening == NULL)
        return false;
    const cJSON *h = NULL;
    cJSON_ArrayForEach(h, hours)
    {
        int64_t weekday = mci_json_int(h, "weekday", 0);
        int64_t open = mci_json_int(h, "open_min", 0), close = mci_json_int(h, "close_min", 0);
        b->opening[b->opening_count++] =
            (mc_opening_hours){(int32_t)weekday, (int32_t)open, (int32_t)close};
        if (weekday >= 1 && weekday <= 7 && open >= 0 && close <= 1440 && open <= close)
            b->hours[weekday] = (mci_hours){(int32_t)open, (int32_t)close};
    }
    return true;
}

static bool parse_open_space(const cJSON *open_space, mci_building *b)
{
    b->day_pass_price =
        mci_money_of(mci_json_int(open_space, "day_pass_price_paise", 0), b->currency);
    b->open_space_capacity = (int32_t)mci_json_int(open_space, "capacity", 0);
    const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(open_space, "tiers");
    int n = cJSON_GetArraySize(tiers);
    b->tiers = calloc_items(n, sizeof *b->tiers);
    if (n > 0 && b->tiers == NULL)
        return false;
    const cJSON *tier = NULL;
    cJSON_ArrayForEach(tier, tiers)
    {
        b->tiers[b->tier_count++] = (mci_tier){(int32_t)mci_json_int(tier, "passes", 0),
                                               (int32_t)mci_json_int(tier, "discount_pct", 0)};
    }
    return true;
}

/* The building's currency and tax rule, with the defaults of data that names none. */
static void parse_money(const cJSON *d, mci_building *b)
{
    mc_money currency =
        mci_money_of(0, mci_json_string(d, "currency", MCI_BUILDING_DEFAULT_CURRENCY));
    memcpy(b->currency, currency.currency[0] ? currency.currency : MCI_BUILDING_DEFAULT_CURRENCY,
           sizeof b->currency);
    const cJSON *tax = cJSON_GetObjectItemCaseSensitive(d, "tax");
    b->tax =
        cJSON_IsObject(tax)
            ? mci_tax_of(mci_json_string(tax, "name", ""), (int32_t)mci_json_int(tax, "rate_bp", 0))
            : mci_tax_of(MCI_BUILDING_DEFAULT_TAX_NAME, MCI_BUILDING_DEFAULT_TAX_BP);
}

static bool parse_blackouts(const cJSON *blackouts, mci_building *b)
{
    int n = cJSON_GetArraySize(blackouts);
    b->blackouts = calloc_items(n, sizeof *b->blackouts);
    b->blackout_reasons = calloc_items(n, sizeof *b->blackout_reasons);
    if (n > 0 && (b->blackouts == NULL || b->blackout_reasons == NULL))
        return false;
    const cJSON *x = NULL;
    cJSON_ArrayForEach(x, blackouts)
    {
        char *reason = mci_strdup(mci_json_string(x, "reason", ""));
        if (reason == NULL)
            return false;
        b->blackout_reasons[b->blackout_count] = reason;
        b->blackouts[b->blackout_count++] =
            (mci_interval){mci_json_int(x, "start_ms", 0), mci_json_int(x, "end_ms", 0)};
    }
    return true;
}

mc_status mci_building_parse(const cJSON *d, mci_building **out, mc_error *err)
{
    *out = NULL;
    mci_building *b = calloc(1, sizeof *b);
    if (b == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *zone = cJSON_GetObjectItemCaseSensitive(d, "zone");
    b->id = mci_strdup(mci_json_string(d, "id", ""));
    b->name = mci_strdup(mci_json_string(d, "name", ""));
    b->city = mci_strdup(mci_json_string(d, "city", ""));
    b->timezone = mci_strdup(mci_json_string(zone, "name", ""));
    b->booking_window_days =
        (int32_t)mci_json_int(d, "booking_window_days", MCI_BUILDING_DEFAULT_WINDOW_DAYS);
    b->min_notice_min = (int32_t)mci_json_int(d, "min_notice_min", 0);
    b->cancel_cutoff_min = (int32_t)mci_json_int(d, "cancel_cutoff_min", 0);
    parse_money(d, b);
    bool ok = b->id && b->name && b->city && b->timezone && parse_zone(zone, b) &&
              parse_hours(cJSON_GetObjectItemCaseSensitive(d, "hours"), b) &&
              parse_open_space(cJSON_GetObjectItemCaseSensitive(d, "open_space"), b) &&
              parse_blackouts(cJSON_GetObjectItemCaseSensitive(d, "blackouts"), b);
    if (!ok) {
        mci_building_free(b);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading a building");
    }
    *out = b;
    return MC_OK;
}

/* The building in the current row of stmt (its data in column 0). */
static mc_status parse_row(sqlite3_stmt *stmt, mci_building **out, mc_error *err)
{
    cJSON *json = cJSON_Parse(mci_column_text(stmt, 0));
    mc_status st = json != NULL ? mci_building_parse(json, out, err)
                                : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    cJSON_Delete(json);
    return st;
}

mc_status mci_building_load(sqlite3 *db, const char *id, mci_building **out, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT data FROM entity WHERE kind = 'building' AND id = ?1", -1,
                           &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the building");
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mci_building *b = NULL;
    mc_status st = rc == SQLITE_ROW ? parse_row(stmt, &b, err) : MC_OK;
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no building '%s' (sync to fetch buildings)",
                             id);
    if (rc != SQLITE_ROW)
        return mci_store_fail(db, err, "reading the building");
    if (st == MC_OK && b->zone.count == 0)
        st = mci_error_set(err, MC_ERR_SERVER, "building %s has no zone transitions", id);
    if (st != MC_OK) {
        mci_building_free(b);
        return st;
    }
    *out = b;
    return MC_OK;
}

mc_status mci_building_each(sqlite3 *db, mci_building_fn fn, void *context, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT data FROM entity WHERE kind = 'building' ORDER BY id", -1,
                           &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the buildings");
    mc_status st = MC_OK;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        mci_building *b = NULL;
        st = parse_row(stmt, &b, err);
        if (st == MC_OK)
            st = fn(b, context, err);
        mci_building_free(b);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(db, err, "reading the buildings");
    sqlite3_finalize(stmt);
    return st;
}
