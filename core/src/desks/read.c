/* desks/read.c - the member's desk bookings from the local store (server truth, this
 * device's queued bookings and cancellations layered on), one booking, and the member's
 * dedicated desk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desks/booking.h"
#include "desks/site.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "read/items.h"
#include "read/list.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

/* ---- names and freeing ----------------------------------------------------------------- */

static const char *const status_names[] = {"pending",  "pending_payment", "confirmed", "cancelled",
                                           "released", "expired",         "unknown"};

const char *mc_desk_booking_status_name(mc_desk_booking_status status)
{
    return mci_name_of(status_names, MCI_COUNT(status_names), (int)status);
}

const char *mc_desk_payment_name(mc_desk_payment pay)
{
    static const char *const names[] = {"unknown", "plan", "credits", "razorpay"};
    return mci_name_of(names, MCI_COUNT(names), (int)pay);
}

bool mci_desk_booking_holds(mc_desk_booking_status status)
{
    return status == MC_DESK_BOOKING_PENDING || status == MC_DESK_BOOKING_PENDING_PAYMENT ||
           status == MC_DESK_BOOKING_CONFIRMED;
}

void mci_desk_booking_clear(mc_desk_booking *b)
{
    char **strings[] = {&b->id,       &b->desk_id,         &b->desk_name,
                        &b->area,     &b->building_id,     &b->date,
                        &b->order_id, &b->razorpay_key_id, &b->credential_id};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(*strings[i]);
}

void mc_desk_booking_free(mc_desk_booking *b)
{
    if (b == NULL)
        return;
    mci_desk_booking_clear(b);
    free(b);
}

void mc_desk_booking_list_free(mc_desk_booking_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        mci_desk_booking_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

void mci_desk_clear(mc_desk *d)
{
    free(d->id);
    free(d->building_id);
    free(d->name);
    free(d->area);
    for (size_t i = 0; i < d->feature_count; i++)
        free(d->features[i]);
    free(d->features);
}

void mc_desk_free(mc_desk *d)
{
    if (d == NULL)
        return;
    mci_desk_clear(d);
    free(d);
}

bool mci_desk_of_row(sqlite3_stmt *row, int first, mc_desk *d)
{
    memset(d, 0, sizeof *d);
    d->id = mci_strdup(mci_column_text(row, first));
    d->building_id = mci_strdup(mci_column_text(row, first + 1));
    d->name = mci_strdup(mci_column_text(row, first + 2));
    d->area = mci_strdup(mci_column_text(row, first + 3));
    const char *joined = mci_column_text(row, first + 4);
    d->kind =
        strcmp(mci_column_text(row, first + 5), "dedicated") == 0 ? MC_DESK_DEDICATED : MC_DESK_HOT;
    d->mine = sqlite3_column_int(row, first + 6) != 0;
    bool ok = d->id && d->building_id && d->name && d->area;
    size_t n = joined[0] != '\0';
    for (const char *p = joined; *p; p++)
        n += *p == 31;
    if (ok && n > 0 && (d->features = calloc(n, sizeof *d->features)) == NULL)
        ok = false;
    for (const char *p = joined; ok && n > 0 && d->feature_count < n;) {
        size_t len = strcspn(p, "\x1f");
        if ((d->features[d->feature_count] = malloc(len + 1)) == NULL)
            ok = false;
        else {
            memcpy(d->features[d->feature_count], p, len);
            d->features[d->feature_count++][len] = '\0';
        }
        p += len + (p[len] == 31);
    }
    return ok;
}

/* ---- the bookings ---------------------------------------------------------------------- */

/* This device's outbox rows still its own: waiting, in flight, or accepted and not yet
 * pulled (a refused one drops out, which rolls its effect back). */
#define QUEUED(o) o ".state IN (0, 1, 3)"
/* A queued cancellation of booking `id`; whether any is queued at all is uncorrelated, so
 * SQLite works it out once per statement and skips each row's lookup when none is. */
#define CANCELLING(id)                                                                             \
    "CASE WHEN (SELECT EXISTS (SELECT 1 FROM outbox c WHERE c.kind = 'desk.cancel')) THEN "        \
    "EXISTS (SELECT 1 FROM outbox x WHERE x.kind = 'desk.cancel' AND x.entity_id = " id            \
    " AND x.user_id = ?4 AND " QUEUED("x") ") ELSE 0 END"
/* Columns: 0 date, 1 id, 2 a queued creation, 3 a queued cancellation, 4 desk, 5 building,
 * 6 status, 7 paid_by, 8 credits, 9 desk_days, 10 amount, 11 currency, 12 order, 13 key,
 * 14 hold expiry, 15 credential, 16 checked in, 17 released, 18 cancel reason, 19 the
 * desk's name, 20 its area, 21 the door code here. */
#define SERVER_ROWS                                                                                \
    "SELECT b.date AS date, b.id AS id, 0, " CANCELLING(                                           \
        "b.id") ", b.desk_id, b.building_id, b.status, b.paid_by, b.credits, b.desk_days, "        \
                "b.amount_paise, b.currency, b.order_id, b.key_id, b.hold_expires_at_ms, "         \
                "b.credential_id, b.checked_in_at_ms, b.released_at_ms, b.cancel_reason, "         \
                "coalesce(d.name, ''), coalesce(d.area, ''), EXISTS (SELECT 1 FROM entity e "      \
                "WHERE e.kind = 'credential' AND e.id = b.credential_id AND "                      \
                "json_extract(e.data, '$.secret_hex') IS NOT NULL) "                               \
                "FROM desk_booking_row b LEFT JOIN desk_row d ON d.id = b.desk_id"
#define PENDING_ROWS                                                                               \
    "SELECT p.date AS date, p.booking_id AS id, 1, " CANCELLING(                                   \
        "p.booking_id") ", p.desk_id, p.building_id, 'pending', p.paid_by, p.credits, "            \
                        "p.desk_days, 0, coalesce((SELECT json_extract(e.data, '$.currency') "     \
                        "FROM entity e WHERE e.kind = 'building' AND e.id = p.building_id), "      \
                        "'INR'), '', '', 0, '', 0, 0, '', coalesce(d.name, ''), "                  \
                        "coalesce(d.area, ''), 0 FROM pending_desk_booking p JOIN outbox o ON "    \
                        "o.mutation_id = p.mutation_id LEFT JOIN desk_row d ON d.id = p.desk_id "  \
                        "WHERE p.user_id = ?4 AND " QUEUED(                                        \
                            "o") " AND NOT EXISTS (SELECT 1 FROM desk_booking_row x WHERE x.id = " \
                                 "p.booking_id)"

/* ?1 ?2 the cursor (date, id), ?3 the fetch limit, ?4 the member, ?5 the first date. */
static const mci_list_query bookings_query = {
    "SELECT * FROM (" SERVER_ROWS " WHERE b.date >= ?5 AND (b.date, b.id) > (?1, ?2) "
    "UNION ALL " PENDING_ROWS " AND p.date >= ?5 AND (p.date, p.booking_id) > (?1, ?2)) "
    "ORDER BY 1, 2 LIMIT ?3",
    "reading your desk bookings", MCI_KEY_TEXT_ASC};

/* ?4 the member, ?5 the booking. */
static const char find_sql[] =
    "SELECT * FROM (" SERVER_ROWS " WHERE b.id = ?5 UNION ALL " PENDING_ROWS
    " AND p.booking_id = ?5) LIMIT 1";

static mc_desk_booking_status status_of(const char *name, const char *cancel_reason)
{
    if (strcmp(name, "cancelled") == 0 && strcmp(cancel_reason, "hold_expired") == 0)
        return MC_DESK_BOOKING_EXPIRED;
    return (mc_desk_booking_status)mci_value_of(status_names, MCI_COUNT(status_names), name,
                                                MC_DESK_BOOKING_UNKNOWN);
}

static mc_desk_payment payment_of(const char *name)
{
    return strcmp(name, "razorpay") == 0  ? MC_DESK_PAY_RAZORPAY
           : strcmp(name, "credits") == 0 ? MC_DESK_PAY_CREDITS
                                          : MC_DESK_PAY_PLAN;
}

/* A row of the queries above (an mci_row_fn); local times are filled later. */
static bool read_booking_row(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    mc_desk_booking *b = item;
    memset(b, 0, sizeof *b);
    b->date = mci_strdup(mci_column_text(row, 0));
    b->id = mci_strdup(mci_column_text(row, 1));
    b->pending = sqlite3_column_int(row, 2) != 0;
    b->desk_id = mci_strdup(mci_column_text(row, 4));
    b->building_id = mci_strdup(mci_column_text(row, 5));
    b->status = status_of(mci_column_text(row, 6), mci_column_text(row, 18));
    b->paid_by = payment_of(mci_column_text(row, 7));
    b->credits = sqlite3_column_int(row, 8);
    b->desk_days = sqlite3_column_int(row, 9);
    b->amount = mci_money_of(sqlite3_column_int64(row, 10), mci_column_text(row, 11));
    b->order_id = mci_strdup(mci_column_text(row, 12));
    b->razorpay_key_id = mci_strdup(mci_column_text(row, 13));
    b->credential_id = mci_strdup(mci_column_text(row, 15));
    b->checked_in = sqlite3_column_int64(row, 16) > 0;
    b->desk_name = mci_strdup(mci_column_text(row, 19));
    b->area = mci_strdup(mci_column_text(row, 20));
    b->door_code_ready = sqlite3_column_int(row, 21) != 0 && b->status == MC_DESK_BOOKING_CONFIRMED;
    if (sqlite3_column_int(row, 3) != 0 && mci_desk_booking_holds(b->status)) {
        b->status = MC_DESK_BOOKING_CANCELLED; /* a cancellation is waiting */
        b->pending = true;
        b->door_code_ready = false;
    }
    return b->date && b->id && b->desk_id && b->building_id && b->order_id && b->razorpay_key_id &&
           b->credential_id && b->desk_name && b->area;
}

/* The instants of a row, kept beside the list while it is read (three per booking). */
typedef struct instants {
    int64_t hold_ms, checked_in_ms, released_ms;
} instants;

/* A few buildings' desk terms, loaded once per read. */
#define SITES_MAX 8
typedef struct site_cache {
    mci_desk_site sites[SITES_MAX];
    size_t count;
} site_cache;

static const mci_desk_site *site_for(mci_reader *r, site_cache *cache, const char *building_id)
{
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->sites[i].building->id, building_id) == 0)
            return &cache->sites[i];
    if (cache->count == SITES_MAX)
        return NULL;
    mc_error ignored = MC_ERROR_INIT;
    if (mci_desk_site_load(r->db, r->stmts, building_id, &cache->sites[cache->count], &ignored) !=
        MC_OK) {
        mci_desk_site_free(&cache->sites[cache->count]);
        return NULL; /* a building not on this device: its times stay unset */
    }
    return &cache->sites[cache->count++];
}

static void site_cache_free(site_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++)
        mci_desk_site_free(&cache->sites[i]);
}

static void fill_time(const mci_zone *zone, int64_t ms, mc_local_time *out)
{
    if (ms > 0)
        mci_local_time_fill(zone, ms, out);
    else
        memset(out, 0, sizeof *out);
}

/* Each booking's cut-off and instants on its building's wall clock. */
static void localize(mci_reader *r, mc_desk_booking *items, const instants *at, size_t count)
{
    site_cache cache = {.count = 0};
    for (size_t i = 0; i < count; i++) {
        mc_desk_booking *b = &items[i];
        const mci_desk_site *site = site_for(r, &cache, b->building_id);
        int64_t day = 0;
        if (site == NULL || !mci_parse_date(b->date, &day))
            continue;
        const mci_zone *zone = &site->building->zone;
        fill_time(zone, mci_desk_site_cutoff_ms(site, day), &b->checkin_by);
        fill_time(zone, at[i].hold_ms, &b->hold_expires_at);
        fill_time(zone, at[i].checked_in_ms, &b->checked_in_at);
        fill_time(zone, at[i].released_ms, &b->released_at);
    }
    site_cache_free(&cache);
}

typedef struct list_context {
    const char *user_id;
    const char *from_date;
    instants *at; /* grown beside the list */
    size_t at_cap;
    size_t at_count;
    bool ok;
} list_context;

static void bind_list(sqlite3_stmt *stmt, void *context)
{
    const list_context *l = context;
    sqlite3_bind_text(stmt, 4, l->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, l->from_date, -1, SQLITE_STATIC);
}

static bool keep_instants(list_context *l, sqlite3_stmt *row)
{
    if (l->at_count == l->at_cap) {
        size_t cap = l->at_cap ? l->at_cap * 2 : 16;
        instants *grown = realloc(l->at, cap * sizeof *grown);
        if (grown == NULL)
            return false;
        l->at = grown;
        l->at_cap = cap;
    }
    l->at[l->at_count++] = (instants){sqlite3_column_int64(row, 14), sqlite3_column_int64(row, 16),
                                      sqlite3_column_int64(row, 17)};
    return true;
}

static bool read_list_row(sqlite3_stmt *row, void *item, void *context)
{
    return keep_instants(context, row) && read_booking_row(row, item, context);
}

mc_status mci_desk_bookings_read(mci_reader *r, const char *from_date, const mci_page *page,
                                 mc_desk_booking_list *list, mc_error *err)
{
    list_context l = {.user_id = r->user_id, .from_date = from_date ? from_date : ""};
    mc_status st =
        mci_read_rows(r, &bookings_query, page, bind_list, read_list_row, &l, (void **)&list->items,
                      sizeof *list->items, &list->count, &list->next_cursor, err);
    if (st == MC_OK)
        localize(r, list->items, l.at, list->count < l.at_count ? list->count : l.at_count);
    free(l.at);
    return st;
}

mc_status mci_desk_booking_find(mci_reader *r, const char *booking_id, mc_desk_booking *out,
                                mc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *doing = "reading the desk booking";
    sqlite3_stmt *stmt = mci_read_stmt(r, find_sql, doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 4, r->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, booking_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    instants at = {0, 0, 0};
    if (rc == SQLITE_ROW) {
        at = (instants){sqlite3_column_int64(stmt, 14), sqlite3_column_int64(stmt, 16),
                        sqlite3_column_int64(stmt, 17)};
        if (!read_booking_row(stmt, out, NULL))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
    } else if (rc == SQLITE_DONE)
        st = mci_error_set(err, MC_ERR_NOT_FOUND,
                           "no desk booking '%.*s' among yours on this device (sync to see the "
                           "latest)",
                           (int)mci_utf8_prefix(booking_id, 64), booking_id);
    else
        st = mci_read_fail(r, doing, err);
    sqlite3_reset(stmt);
    if (st == MC_OK)
        localize(r, out, &at, 1);
    else
        mci_desk_booking_clear(out);
    return st;
}

mc_status mci_desk_booking_get(mc_client *c, const char *booking_id, mc_desk_booking **out,
                               mc_error *err)
{
    mc_desk_booking *b = calloc(1, sizeof *b);
    if (b == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_desk_booking_find(r, booking_id, b, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        free(b);
        return st;
    }
    *out = b;
    return MC_OK;
}

/* args: the from date ("" for all). */
static mc_status list_bookings(mc_client *c, const void *args, const mci_page *page, void **out,
                               mc_error *err)
{
    mc_desk_booking_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_desk_bookings_read(r, args, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_desk_booking_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

static mc_status check_from(const char *from_date, mc_error *err)
{
    int64_t day;
    if (from_date != NULL && !mci_parse_date(from_date, &day))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "from_date must be a real YYYY-MM-DD date (or NULL for all)");
    return MC_OK;
}

mc_status mc_desk_bookings_list(mc_client *c, const char *from_date, mc_desk_booking_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    mc_status st = check_from(from_date, err);
    return st != MC_OK ? st
                       : mci_list(c, MCI_LIST_ALL, false, list_bookings, from_date ? from_date : "",
                                  (void **)out, err);
}

mc_status mc_desk_bookings_page(mc_client *c, const char *from_date, const mc_page *page,
                                mc_desk_booking_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    mc_status st = check_from(from_date, err);
    return st != MC_OK ? st
                       : mci_list(c, page, false, list_bookings, from_date ? from_date : "",
                                  (void **)out, err);
}

/* ---- the member's own desk ---------------------------------------------------------------- */

static const char mine_sql[] = "SELECT id, building_id, name, area, features, kind, mine FROM "
                               "desk_row WHERE mine != 0 AND kind = 'dedicated' ORDER BY id "
                               "LIMIT 1";

mc_status mc_desk_mine(mc_client *c, mc_desk **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    sqlite3_stmt *stmt = NULL;
    if (st == MC_OK && (stmt = mci_read_stmt(r, mine_sql, "reading your desk", err)) == NULL)
        st = MC_ERR_STORAGE;
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_DONE;
    mc_desk *d = NULL;
    if (st == MC_OK && rc == SQLITE_ROW) {
        if ((d = calloc(1, sizeof *d)) == NULL || !mci_desk_of_row(stmt, 0, d)) {
            mc_desk_free(d);
            d = NULL;
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        }
    } else if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading your desk", err);
    if (stmt != NULL)
        sqlite3_reset(stmt);
    mci_read_end(c->readers, r);
    *out = d;
    return st;
}
