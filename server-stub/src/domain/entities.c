/* domain/entities.c - the synced entity kinds: who may see each, its data object, the snapshot
 * order. */
#include "domain/entities.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "base/log.h"
#include "domain/announcements.h"
#include "domain/offers.h"
#include "domain/prefs.h"
#include "domain/tickets.h"
#include "domain/user_json.h"
#include "domain/visitors.h"
#include "rules/zone.h"

/*
 * Per kind: the wire name, who sees it, and the keyset query of the snapshot,
 * with the named parameters :user (the viewer), :company (their company, ""
 * when none) and :after (the id to start after; "" for the first).
 */
static const struct {
    const char *name;
    ms_visibility visibility;
    const char *next_sql;
} kinds[MS_KIND_COUNT] = {
    [MS_KIND_PROFILE] = {"profile", MS_VISIBLE_TO_USER,
                         "SELECT id FROM users WHERE id = :user AND id > :after"},
    [MS_KIND_COMPANY] = {"company", MS_VISIBLE_TO_COMPANY,
                         "SELECT id FROM companies WHERE id = :company AND id > :after"},
    [MS_KIND_BUILDING] = {"building", MS_VISIBLE_TO_ALL,
                          "SELECT id FROM buildings WHERE id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_ROOM] = {"room", MS_VISIBLE_TO_ALL,
                      "SELECT id FROM rooms WHERE id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_RESERVATION] = {"reservation", MS_VISIBLE_TO_USER,
                             "SELECT id FROM reservations WHERE user_id = :user"
                             " AND id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_EVENT] = {"event", MS_VISIBLE_TO_ALL,
                       "SELECT id FROM events WHERE id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_RSVP] = {"rsvp", MS_VISIBLE_TO_USER,
                      "SELECT event_id FROM rsvps WHERE user_id = :user"
                      " AND event_id > :after ORDER BY event_id LIMIT 1"},
    [MS_KIND_NOTIFICATION] = {"notification", MS_VISIBLE_TO_USER,
                              "SELECT id FROM notifications WHERE user_id = :user"
                              " AND id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_ROOM_BUSY] = {"room_busy", MS_VISIBLE_TO_ALL,
                           "SELECT id FROM room_busy WHERE id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_CREDIT_LEDGER] = {"credit_ledger", MS_VISIBLE_TO_COMPANY,
                               "SELECT id FROM credit_ledger WHERE company_id = :company"
                               " AND id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_PASS] = {"pass", MS_VISIBLE_TO_USER,
                      "SELECT id FROM passes WHERE user_id = :user AND id > :after"
                      " ORDER BY id LIMIT 1"},
    [MS_KIND_INVOICE] = {"invoice", MS_VISIBLE_TO_BILLED,
                         /* The smaller of the two indexed next ids (the user's, the company's):
                          * an OR here plans as a multi-index OR sorted in a temporary B-tree,
                          * O(remaining invoices) per item. */
                         "SELECT id FROM (SELECT min(id) AS id FROM ("
                         "SELECT min(id) AS id FROM invoices WHERE user_id = :user AND id > :after"
                         " UNION ALL SELECT min(id) FROM invoices WHERE company_id = :company"
                         " AND id > :after)) WHERE id IS NOT NULL"},
    [MS_KIND_CREDENTIAL] = {"credential", MS_VISIBLE_TO_USER,
                            "SELECT id FROM credentials WHERE holder_user_id = :user"
                            " AND id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_MEMBERSHIP] = {"membership", MS_VISIBLE_TO_USER,
                            "SELECT id FROM users WHERE id = :user AND id > :after"},
    [MS_KIND_TICKET_CATEGORY] = {"ticket_category", MS_VISIBLE_TO_ALL,
                                 "SELECT id FROM ticket_categories WHERE id > :after"
                                 " ORDER BY id LIMIT 1"},
    [MS_KIND_TICKET] = {"ticket", MS_VISIBLE_TO_USER,
                        "SELECT id FROM tickets WHERE user_id = :user AND id > :after"
                        " ORDER BY id LIMIT 1"},
    [MS_KIND_VISITOR] = {"visitor", MS_VISIBLE_TO_USER,
                         "SELECT id FROM visitors WHERE host_user_id = :user AND id > :after"
                         " ORDER BY id LIMIT 1"},
    [MS_KIND_NOTIFICATION_PREFS] = {"notification_prefs", MS_VISIBLE_TO_USER,
                                    "SELECT id FROM users WHERE id = :user AND id > :after"},
    /* Hot desks to everyone, a dedicated desk to its member (changes.c scopes it so). */
    [MS_KIND_DESK] = {"desk", MS_VISIBLE_TO_ALL,
                      "SELECT id FROM desks WHERE id > :after"
                      " AND (kind = 'hot' OR assigned_user_id = :user) ORDER BY id LIMIT 1"},
    [MS_KIND_DESK_BUSY] = {"desk_busy", MS_VISIBLE_TO_ALL,
                           "SELECT id FROM desk_busy WHERE id > :after ORDER BY id LIMIT 1"},
    [MS_KIND_DESK_BOOKING] = {"desk_booking", MS_VISIBLE_TO_USER,
                              "SELECT id FROM desk_bookings WHERE user_id = :user"
                              " AND id > :after ORDER BY id LIMIT 1"},
    /* Not expired, of the member's building (or operator-wide). */
    [MS_KIND_ANNOUNCEMENT] = {"announcement", MS_VISIBLE_TO_USER,
                              "SELECT id FROM announcements WHERE id > :after"
                              " AND " MS_ANNOUNCEMENT_LIVE
                              " AND " MS_ANNOUNCEMENT_FOR(":user") " ORDER BY id LIMIT 1"},
    /* Not over, in scope of the member's building (on-demand users: every one). */
    [MS_KIND_OFFER] = {"offer", MS_VISIBLE_TO_USER,
                       "SELECT id FROM offers o WHERE id > :after AND " MS_OFFER_LIVE
                       " AND " MS_OFFER_FOR("o.id", ":user") " ORDER BY id LIMIT 1"},
};

const char *ms_kind_name(ms_kind kind)
{
    return kind >= 0 && kind < MS_KIND_COUNT ? kinds[kind].name : "?";
}

const char *ms_kind_snapshot_sql(ms_kind kind)
{
    return kinds[kind].next_sql;
}

ms_visibility ms_kind_visibility(ms_kind kind)
{
    return kinds[kind].visibility;
}

int ms_viewer_load(sqlite3 *db, const char *user_id, ms_viewer *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->user_id, sizeof out->user_id, "%s", user_id);
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT company_id FROM memberships WHERE user_id = ?", "t", user_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        ms_db_text(stmt, 0, out->company_id, sizeof out->company_id);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* Bind value to the named parameter if the statement has it. */
static bool bind_named(sqlite3_stmt *stmt, const char *name, const char *value)
{
    int index = sqlite3_bind_parameter_index(stmt, name);
    return index == 0 || sqlite3_bind_text(stmt, index, value, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

int ms_entity_next(sqlite3 *db, const ms_viewer *viewer, ms_kind kind, const char *after, char *out,
                   size_t cap)
{
    sqlite3_stmt *stmt = ms_db_kept(db, kinds[kind].next_sql, "");
    if (!stmt)
        return -1;
    int rc = -1;
    if (bind_named(stmt, ":user", viewer->user_id) &&
        bind_named(stmt, ":company", viewer->company_id) && bind_named(stmt, ":after", after))
        rc = ms_db_step(stmt);
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    ms_db_release(stmt);
    return rc;
}

int ms_entity_count(sqlite3 *db, const ms_viewer *viewer, int64_t *out)
{
    sqlite3_stmt *stmt = ms_db_query(
        db,
        "SELECT (SELECT count(*) FROM users WHERE id = ?1)"
        " + (SELECT count(*) FROM companies WHERE id = ?2)"
        " + (SELECT count(*) FROM buildings) + (SELECT count(*) FROM rooms)"
        " + (SELECT count(*) FROM reservations WHERE user_id = ?1)"
        " + (SELECT count(*) FROM events)"
        " + (SELECT count(*) FROM rsvps WHERE user_id = ?1)"
        " + (SELECT count(*) FROM notifications WHERE user_id = ?1)"
        " + (SELECT count(*) FROM room_busy)"
        " + (SELECT count(*) FROM credit_ledger WHERE company_id = ?2)"
        " + (SELECT count(*) FROM passes WHERE user_id = ?1)"
        " + (SELECT count(*) FROM invoices WHERE user_id = ?1)"
        " + (SELECT count(*) FROM invoices WHERE company_id = ?2)"
        " + (SELECT count(*) FROM credentials WHERE holder_user_id = ?1)"
        " + (SELECT count(*) FROM users WHERE id = ?1)"
        " + (SELECT count(*) FROM ticket_categories)"
        " + (SELECT count(*) FROM tickets WHERE user_id = ?1)"
        " + (SELECT count(*) FROM visitors WHERE host_user_id = ?1)"
        " + (SELECT count(*) FROM users WHERE id = ?1)"
        " + (SELECT count(*) FROM desks WHERE kind = 'hot'"
        "  OR assigned_user_id = ?1)"
        " + (SELECT count(*) FROM desk_busy)"
        " + (SELECT count(*) FROM desk_bookings WHERE user_id = ?1)"
        " + (SELECT count(*) FROM announcements WHERE " MS_ANNOUNCEMENT_LIVE
        " AND " MS_ANNOUNCEMENT_FOR("?1") ")"
                                          " + (SELECT count(*) FROM offers o WHERE " MS_OFFER_LIVE
                                          " AND " MS_OFFER_FOR("o.id", "?1") ")",
        "tt", viewer->user_id, viewer->company_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

/* ---- data objects ------------------------------------------------------------------------- */

/*
 * The current row of stmt as a JSON object keyed by column name: integers as
 * numbers, text as strings, NULL as null. A column named "read", "urgent" or "pinned" becomes
 * a boolean. NULL when memory runs out.
 */
static cJSON *row_object(sqlite3_stmt *stmt)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int n = sqlite3_column_count(stmt);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(stmt, i);
        cJSON *item;
        switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
            if (strcmp(name, "read") == 0 || strcmp(name, "urgent") == 0 ||
                strcmp(name, "pinned") == 0)
                item = cJSON_CreateBool(sqlite3_column_int64(stmt, i) != 0);
            else
                item = cJSON_CreateNumber((double)sqlite3_column_int64(stmt, i));
            break;
        case SQLITE_NULL:
            item = cJSON_CreateNull();
            break;
        default:
            item = cJSON_CreateString((const char *)sqlite3_column_text(stmt, i));
            break;
        }
        if (!item || !cJSON_AddItemToObject(o, name, item)) {
            cJSON_Delete(item);
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

/* The one row sql answers as an object: 0 and *out, 1 when no row, -1 on error. */
static int query_object(sqlite3_stmt *stmt, cJSON **out)
{
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        *out = row_object(stmt);
        rc = *out ? 0 : -1;
    } else if (rc == 0) {
        rc = 1;
    }
    ms_db_release(stmt);
    return rc;
}

/* Add under key an array of the objects of every row of stmt (released here). */
static bool add_rows(cJSON *o, const char *key, sqlite3_stmt *stmt)
{
    if (!stmt)
        return false;
    cJSON *array = cJSON_AddArrayToObject(o, key);
    bool ok = array != NULL;
    int rc;
    while (ok && (rc = ms_db_step(stmt)) == 1) {
        cJSON *row = row_object(stmt);
        ok = row && cJSON_AddItemToArray(array, row);
        if (!ok)
            cJSON_Delete(row);
    }
    ms_db_release(stmt);
    return ok && rc == 0;
}

/* Add under key an array of the text of column 0 of every row of stmt (finalized here). */
static bool add_strings(cJSON *o, const char *key, sqlite3_stmt *stmt)
{
    if (!stmt)
        return false;
    cJSON *array = cJSON_AddArrayToObject(o, key);
    bool ok = array != NULL;
    int rc;
    while (ok && (rc = ms_db_step(stmt)) == 1) {
        cJSON *s = cJSON_CreateString((const char *)sqlite3_column_text(stmt, 0));
        ok = s && cJSON_AddItemToArray(array, s);
        if (!ok)
            cJSON_Delete(s);
    }
    sqlite3_finalize(stmt);
    return ok && rc == 0;
}

static int profile_data(sqlite3 *db, const char *id, cJSON **out)
{
    ms_user user;
    int rc = ms_user_load(db, id, &user);
    if (rc != 0)
        return rc;
    *out = ms_user_json(&user);
    return *out ? 0 : -1;
}

/* The blackouts of a building or room (sql selects start_ms, end_ms, reason by id), by start. */
static bool add_blackouts(sqlite3 *db, cJSON *o, const char *sql, const char *id)
{
    return add_rows(o, "blackouts", ms_db_query(db, sql, "t", id));
}

/* {"name", "transitions": [{at_ms, offset_min, abbrev}]} around the UTC year `year`
 * (ms_zone_cover). */
static cJSON *zone_object(const char *name, int year)
{
    const ms_zone *zone = ms_zone_find(name);
    if (!zone) {
        ms_log("building data: no rule for the time zone '%s'", name);
        return NULL;
    }
    int64_t from, to;
    ms_zone_cover(year, &from, &to);
    ms_zone_transition t[32];
    int n = ms_zone_transitions(zone, from, to, t, sizeof t / sizeof t[0]);
    cJSON *o = cJSON_CreateObject();
    cJSON *list = o && cJSON_AddStringToObject(o, "name", name)
                      ? cJSON_AddArrayToObject(o, "transitions")
                      : NULL;
    bool ok = list && n > 0;
    for (int i = 0; ok && i < n; i++) {
        cJSON *item = cJSON_CreateObject();
        if (!item || !cJSON_AddItemToArray(list, item)) {
            cJSON_Delete(item);
            ok = false;
            break;
        }
        ok = cJSON_AddNumberToObject(item, "at_ms", (double)t[i].at_ms) &&
             cJSON_AddNumberToObject(item, "offset_min", t[i].offset_min) &&
             cJSON_AddStringToObject(item, "abbrev", t[i].abbrev);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Move every field of src (deleted here) to the end of dst, in order. */
static bool append_fields(cJSON *dst, cJSON *src)
{
    bool ok = src != NULL;
    while (ok && src->child) {
        cJSON *item = cJSON_DetachItemViaPointer(src, src->child);
        ok = cJSON_AddItemToObject(dst, item->string, item);
        if (!ok)
            cJSON_Delete(item);
    }
    cJSON_Delete(src);
    return ok;
}

/* "open_space": {day_pass_price_paise, capacity, tiers: [{passes, discount_pct}]} or null. */
static bool add_open_space(sqlite3 *db, cJSON *o, const char *id)
{
    cJSON *space = NULL;
    int rc = query_object(ms_db_query(db,
                                      "SELECT day_pass_price_paise, capacity FROM open_space"
                                      " WHERE building_id = ?",
                                      "t", id),
                          &space);
    if (rc == 1)
        return cJSON_AddNullToObject(o, "open_space") != NULL;
    if (rc != 0)
        return false;
    if (!add_rows(space, "tiers",
                  ms_db_query(db,
                              "SELECT passes, discount_percent AS discount_pct"
                              " FROM pass_bundle_tiers WHERE building_id = ? ORDER BY passes",
                              "t", id)) ||
        !cJSON_AddItemToObject(o, "open_space", space)) {
        cJSON_Delete(space);
        return false;
    }
    return true;
}

/* "desks": {day_price_paise, day_credits, checkin_cutoff_min} or null (no desks). */
static bool add_desk_settings(sqlite3 *db, cJSON *o, const char *id)
{
    cJSON *desks = NULL;
    int rc = query_object(ms_db_query(db,
                                      "SELECT day_price_paise, day_credits, checkin_cutoff_min"
                                      " FROM desk_settings WHERE building_id = ?",
                                      "t", id),
                          &desks);
    if (rc == 1)
        return cJSON_AddNullToObject(o, "desks") != NULL;
    if (rc != 0 || !cJSON_AddItemToObject(o, "desks", desks)) {
        cJSON_Delete(desks);
        return false;
    }
    return true;
}

/* "tax": {name, rate_bp}, the tax rule a building charges (or an invoice charged). */
static bool add_tax(cJSON *o, const char *name, int64_t rate_bp)
{
    cJSON *tax = cJSON_AddObjectToObject(o, "tax");
    return tax && cJSON_AddStringToObject(tax, "name", name) &&
           cJSON_AddNumberToObject(tax, "rate_bp", (double)rate_bp);
}

static int building_data(sqlite3 *db, const char *id, cJSON **out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT b.name, b.city, b.timezone, o.day_pass_price_paise,"
                                     " o.capacity, b.zone_year, b.booking_window_days,"
                                     " b.min_notice_min, b.cancel_cutoff_min, b.currency,"
                                     " b.tax_name, b.tax_rate_bp"
                                     " FROM buildings b LEFT JOIN open_space o"
                                     " ON o.building_id = b.id WHERE b.id = ?",
                                     "t", id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc != 1) {
        sqlite3_finalize(stmt);
        return rc == 0 ? 1 : -1;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON *zone =
        zone_object((const char *)sqlite3_column_text(stmt, 2), sqlite3_column_int(stmt, 5));
    bool ok =
        o && zone && cJSON_AddStringToObject(o, "id", id) &&
        cJSON_AddStringToObject(o, "name", (const char *)sqlite3_column_text(stmt, 0)) &&
        cJSON_AddStringToObject(o, "city", (const char *)sqlite3_column_text(stmt, 1)) &&
        cJSON_AddStringToObject(o, "timezone", (const char *)sqlite3_column_text(stmt, 2)) &&
        add_rows(o, "hours",
                 ms_db_query(db,
                             "SELECT weekday, open_min, close_min FROM building_hours"
                             " WHERE building_id = ? ORDER BY weekday",
                             "t", id)) &&
        cJSON_AddNumberToObject(o, "day_pass_price_paise", (double)sqlite3_column_int64(stmt, 3)) &&
        cJSON_AddNumberToObject(o, "open_space_capacity", (double)sqlite3_column_int64(stmt, 4)) &&
        cJSON_AddItemToObject(o, "zone", zone);
    if (ok)
        zone = NULL;
    ok = ok &&
         cJSON_AddNumberToObject(o, "booking_window_days", (double)sqlite3_column_int64(stmt, 6)) &&
         cJSON_AddNumberToObject(o, "min_notice_min", (double)sqlite3_column_int64(stmt, 7)) &&
         cJSON_AddNumberToObject(o, "cancel_cutoff_min", (double)sqlite3_column_int64(stmt, 8)) &&
         add_blackouts(db, o,
                       "SELECT start_ms, end_ms, reason FROM building_blackouts"
                       " WHERE building_id = ? ORDER BY start_ms, end_ms, id",
                       id) &&
         add_open_space(db, o, id) &&
         cJSON_AddStringToObject(o, "currency", (const char *)sqlite3_column_text(stmt, 9)) &&
         add_tax(o, (const char *)sqlite3_column_text(stmt, 10), sqlite3_column_int64(stmt, 11)) &&
         add_desk_settings(db, o, id);
    sqlite3_finalize(stmt);
    cJSON_Delete(zone);
    if (!ok) {
        cJSON_Delete(o);
        return -1;
    }
    *out = o;
    return 0;
}

static int room_data(sqlite3 *db, const char *id, cJSON **out)
{
    int rc = query_object(ms_db_query(db,
                                      "SELECT id, building_id, name, capacity FROM rooms"
                                      " WHERE id = ?",
                                      "t", id),
                          out);
    if (rc != 0)
        return rc;
    sqlite3_stmt *prices =
        ms_db_query(db,
                    "SELECT r.price_per_hour_paise, r.credits_per_hour, b.currency FROM rooms r"
                    " JOIN buildings b ON b.id = r.building_id WHERE r.id = ?",
                    "t", id);
    bool ok =
        add_strings(*out, "amenities",
                    ms_db_query(db,
                                "SELECT amenity FROM room_amenities WHERE room_id = ?"
                                " ORDER BY amenity",
                                "t", id)) &&
        prices && ms_db_step(prices) == 1 &&
        cJSON_AddNumberToObject(*out, "price_per_hour_paise",
                                (double)sqlite3_column_int64(prices, 0)) &&
        cJSON_AddNumberToObject(*out, "credits_per_hour",
                                (double)sqlite3_column_int64(prices, 1)) &&
        cJSON_AddStringToObject(*out, "currency", (const char *)sqlite3_column_text(prices, 2)) &&
        add_blackouts(db, *out,
                      "SELECT start_ms, end_ms, reason FROM room_blackouts WHERE room_id = ?"
                      " ORDER BY start_ms, end_ms, id",
                      id);
    sqlite3_finalize(prices);
    if (!ok) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/*
 * {id, room_id, building_id, start_ms, end_ms, status, paid_by, credits,
 * amount_paise, guests: [{name, email, credential_id}], order_id, created_at_ms, currency,
 * cancel_reason ("member", "hold_expired" or null), paid_at_ms (the order's; null when
 * unpaid or by credits), invoice_id (a Razorpay booking's, once paid)}
 */
static int reservation_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    int rc = query_object(ms_db_query(db,
                                      "SELECT id, room_id, building_id, start_ms, end_ms,"
                                      " status, paid_by, credits, amount_paise FROM reservations"
                                      " WHERE id = ? AND user_id = ?",
                                      "tt", id, owner),
                          out);
    if (rc != 0)
        return rc;
    cJSON *tail = NULL;
    bool ok = add_rows(*out, "guests",
                       ms_db_query(db,
                                   "SELECT name, email, credential_id FROM reservation_guests"
                                   " WHERE reservation_id = ? ORDER BY position",
                                   "t", id)) &&
              query_object(ms_db_query(db,
                                       "SELECT r.order_id, r.created_at_ms, b.currency,"
                                       " r.cancel_reason, o.paid_at_ms, (SELECT i.id"
                                       "  FROM invoices i WHERE i.reservation_id = r.id)"
                                       " AS invoice_id FROM reservations r JOIN buildings b"
                                       " ON b.id = r.building_id LEFT JOIN razorpay_orders o"
                                       " ON o.id = r.order_id WHERE r.id = ?",
                                       "t", id),
                           &tail) == 0;
    /* The tail's two fields go after guests, in the contract's order. */
    ok = append_fields(*out, tail) && ok;
    if (!ok) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* {id, building_id, date, holder: "self" or {name, email}, status, invoice_id, credential_id,
 * currency} */
static int pass_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT p.building_id, p.date, p.guest_name, p.guest_email,"
                                     " p.status, p.invoice_id, p.credential_id, b.currency"
                                     " FROM passes p JOIN buildings b ON b.id = p.building_id"
                                     " WHERE p.id = ? AND p.user_id = ?",
                                     "tt", id, owner);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc != 1) {
        sqlite3_finalize(stmt);
        return rc == 0 ? 1 : -1;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON *holder = sqlite3_column_type(stmt, 2) == SQLITE_NULL ? cJSON_CreateString("self")
                                                                : cJSON_CreateObject();
    bool ok =
        o && holder &&
        (cJSON_IsString(holder) ||
         (cJSON_AddStringToObject(holder, "name", (const char *)sqlite3_column_text(stmt, 2)) &&
          cJSON_AddStringToObject(holder, "email", (const char *)sqlite3_column_text(stmt, 3)))) &&
        cJSON_AddStringToObject(o, "id", id) &&
        cJSON_AddStringToObject(o, "building_id", (const char *)sqlite3_column_text(stmt, 0)) &&
        cJSON_AddStringToObject(o, "date", (const char *)sqlite3_column_text(stmt, 1)) &&
        cJSON_AddItemToObject(o, "holder", holder);
    if (ok)
        holder = NULL;
    ok = ok && cJSON_AddStringToObject(o, "status", (const char *)sqlite3_column_text(stmt, 4)) &&
         cJSON_AddStringToObject(o, "invoice_id", (const char *)sqlite3_column_text(stmt, 5)) &&
         (sqlite3_column_type(stmt, 6) == SQLITE_NULL
              ? cJSON_AddNullToObject(o, "credential_id") != NULL
              : cJSON_AddStringToObject(o, "credential_id",
                                        (const char *)sqlite3_column_text(stmt, 6)) != NULL) &&
         cJSON_AddStringToObject(o, "currency", (const char *)sqlite3_column_text(stmt, 7));
    sqlite3_finalize(stmt);
    cJSON_Delete(holder);
    if (!ok) {
        cJSON_Delete(o);
        return -1;
    }
    *out = o;
    return 0;
}

/*
 * {id, number, status, lines: [{description, quantity, unit_paise, amount_paise}],
 * subtotal_paise, discount_paise, gst_paise, total_paise, order_id, issued_at_ms,
 * due_at_ms, paid_at_ms, hold_expires_at_ms, voided_at_ms, void_reason, reservation_id,
 * building_id, currency, tax: {name, rate_bp}, refunds: [{id, order_id, amount_paise,
 * currency, reason, status, created_at_ms}]}: amounts in the minor unit of its building's
 * currency, gst_paise the tax it names
 */
static int invoice_data(sqlite3 *db, const char *id, cJSON **out)
{
    int rc = query_object(
        ms_db_kept(db, "SELECT id, number, status FROM invoices WHERE id = ?", "t", id), out);
    if (rc != 0)
        return rc;
    cJSON *tail = NULL;
    bool ok = add_rows(*out, "lines",
                       ms_db_kept(db,
                                  "SELECT description, quantity, unit_paise, amount_paise"
                                  " FROM invoice_lines WHERE invoice_id = ? ORDER BY position",
                                  "t", id)) &&
              query_object(ms_db_kept(db,
                                      "SELECT subtotal_paise, discount_paise, gst_paise,"
                                      " total_paise, order_id, issued_at_ms, due_at_ms,"
                                      " paid_at_ms, hold_expires_at_ms, voided_at_ms,"
                                      " void_reason, reservation_id FROM invoices"
                                      " WHERE id = ?",
                                      "t", id),
                           &tail) == 0;
    ok = append_fields(*out, tail) && ok;
    sqlite3_stmt *money = ms_db_kept(db,
                                     "SELECT building_id, currency, tax_name, tax_rate_bp"
                                     " FROM invoice_money WHERE invoice_id = ?",
                                     "t", id);
    ok =
        ok && money && ms_db_step(money) == 1 &&
        cJSON_AddStringToObject(*out, "building_id", (const char *)sqlite3_column_text(money, 0)) &&
        cJSON_AddStringToObject(*out, "currency", (const char *)sqlite3_column_text(money, 1)) &&
        add_tax(*out, (const char *)sqlite3_column_text(money, 2), sqlite3_column_int64(money, 3));
    ms_db_release(money);
    ok = ok && add_rows(*out, "refunds",
                        ms_db_kept(db,
                                   "SELECT id, order_id, amount_paise, currency, reason, status,"
                                   " created_at_ms FROM refunds WHERE invoice_id = ?"
                                   " ORDER BY created_at_ms, id",
                                   "t", id));
    if (!ok) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/*
 * {status: "active"/"none", plan, company_id, building_id, seat, contract_start, contract_end,
 * desk_days: {allowance, used, month}}: the desk days of the company's credit month (the
 * building-local month, moved by the monthly reset), used by desk bookings paid by plan.
 */
static int membership_data(sqlite3 *db, const char *id, cJSON **out)
{
    int rc = query_object(ms_db_query(db,
                                      "SELECT CASE WHEN m.user_id IS NULL THEN 'none'"
                                      " ELSE m.status END AS status, m.plan, m.company_id,"
                                      " m.building_id, m.seat,"
                                      " nullif(m.contract_start, '') AS contract_start,"
                                      " nullif(m.contract_end, '') AS contract_end"
                                      " FROM users u LEFT JOIN memberships m ON m.user_id = u.id"
                                      " WHERE u.id = ?",
                                      "t", id),
                          out);
    if (rc != 0)
        return rc;
    cJSON *days = NULL;
    rc = query_object(ms_db_query(db,
                                  "SELECT coalesce(m.desk_days_per_month, 0) AS allowance,"
                                  " (SELECT count(*) FROM desk_bookings k WHERE k.user_id = u.id"
                                  "  AND k.paid_by = 'plan' AND k.status IN ('confirmed',"
                                  "  'released') AND substr(k.date, 1, 7) = c.credit_month)"
                                  " AS used, nullif(c.credit_month, '') AS month"
                                  " FROM users u LEFT JOIN memberships m ON m.user_id = u.id"
                                  " LEFT JOIN companies c ON c.id = m.company_id WHERE u.id = ?",
                                  "t", id),
                      &days);
    if (rc != 0 || !cJSON_AddItemToObject(*out, "desk_days", days)) {
        cJSON_Delete(days);
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* {id, building_id, name, area, features: [..], kind: "hot"/"dedicated", mine}: mine when owner
 * is the member a dedicated desk is assigned to; a dedicated desk is no one else's. */
static int desk_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    int rc = query_object(ms_db_query(db,
                                      "SELECT id, building_id, name, area FROM desks WHERE id = ?1"
                                      " AND (kind = 'hot' OR assigned_user_id = ?2)",
                                      "tt", id, owner ? owner : ""),
                          out);
    if (rc != 0)
        return rc;
    sqlite3_stmt *kind = ms_db_query(db,
                                     "SELECT kind, assigned_user_id IS NOT NULL"
                                     " AND assigned_user_id = ? FROM desks WHERE id = ?",
                                     "tt", owner ? owner : "", id);
    bool ok = add_strings(*out, "features",
                          ms_db_query(db,
                                      "SELECT feature FROM desk_features WHERE desk_id = ?"
                                      " ORDER BY feature",
                                      "t", id)) &&
              kind && ms_db_step(kind) == 1 &&
              cJSON_AddStringToObject(*out, "kind", (const char *)sqlite3_column_text(kind, 0)) &&
              cJSON_AddBoolToObject(*out, "mine", sqlite3_column_int(kind, 1) != 0);
    sqlite3_finalize(kind);
    if (!ok) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* The member's view of ticket id, when owner filed it. */
static int ticket_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    ms_ticket t;
    int rc = ms_ticket_load(db, id, &t);
    if (rc != 0)
        return rc;
    return strcmp(t.user_id, owner) == 0 ? ms_ticket_json(db, id, false, out) : 1;
}

/* The host's view of visitor id, when owner is its host. */
static int visitor_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    ms_visitor v;
    int rc = ms_visitor_load(db, id, &v);
    if (rc != 0)
        return rc;
    return strcmp(v.host_user_id, owner) == 0 ? ms_visitor_json(db, id, false, out) : 1;
}

/*
 * {id, partner, title, description, terms, building_ids: [..] (empty: every building), valid_from,
 * valid_until, code_kind, remaining (single-use codes left; null for shared), redemption: {code,
 * redeemed_at_ms} or null}: owner's view, when the offer is in scope for them.
 */
static int offer_data(sqlite3 *db, const char *owner, const char *id, cJSON **out)
{
    int rc = query_object(ms_db_query(db,
                                      "SELECT id, partner, title, description, terms FROM offers o"
                                      " WHERE id = ?1 AND " MS_OFFER_FOR("o.id", "?2"),
                                      "tt", id, owner),
                          out);
    if (rc != 0)
        return rc;
    cJSON *tail = NULL, *redemption = NULL;
    bool ok = add_strings(*out, "building_ids",
                          ms_db_query(db,
                                      "SELECT building_id FROM offer_buildings WHERE offer_id = ?"
                                      " ORDER BY building_id",
                                      "t", id)) &&
              query_object(ms_db_query(db,
                                       "SELECT valid_from, valid_until, code_kind, CASE"
                                       " WHEN code_kind = 'single_use' THEN (SELECT count(*)"
                                       "  FROM offer_codes c WHERE c.offer_id = o.id"
                                       "  AND c.user_id IS NULL) END AS remaining"
                                       " FROM offers o WHERE id = ?",
                                       "t", id),
                           &tail) == 0;
    ok = append_fields(*out, tail) && ok;
    rc = ok ? query_object(ms_db_query(db,
                                       "SELECT code, redeemed_at_ms FROM offer_redemptions"
                                       " WHERE offer_id = ? AND user_id = ?",
                                       "tt", id, owner),
                           &redemption)
            : -1;
    ok = rc == 0 ? cJSON_AddItemToObject(*out, "redemption", redemption)
                 : rc == 1 && cJSON_AddNullToObject(*out, "redemption") != NULL;
    if (!ok) {
        if (rc == 0)
            cJSON_Delete(redemption);
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

int ms_entity_data(sqlite3 *db, ms_kind kind, const char *owner, const char *id, cJSON **out)
{
    *out = NULL;
    switch (kind) {
    case MS_KIND_PROFILE:
        return profile_data(db, id, out);
    case MS_KIND_COMPANY:
        return query_object(ms_db_query(db,
                                        "SELECT id, name, building_id, monthly_credits,"
                                        " credit_balance, credit_month FROM companies"
                                        " WHERE id = ?",
                                        "t", id),
                            out);
    case MS_KIND_BUILDING:
        return building_data(db, id, out);
    case MS_KIND_ROOM:
        return room_data(db, id, out);
    case MS_KIND_RESERVATION:
        return reservation_data(db, owner, id, out);
    case MS_KIND_EVENT:
        return query_object(ms_db_query(db,
                                        "SELECT id, building_id, title, description,"
                                        " starts_at_ms, ends_at_ms, capacity,"
                                        " (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id"
                                        "  AND r.status = 'going') AS going_count,"
                                        " (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id"
                                        "  AND r.status = 'waitlisted') AS waitlist_count"
                                        " FROM events e WHERE id = ?",
                                        "t", id),
                            out);
    case MS_KIND_RSVP:
        return query_object(ms_db_query(db,
                                        "SELECT event_id, status, CASE WHEN status ="
                                        " 'waitlisted' THEN (SELECT count(*) FROM rsvps w"
                                        "  WHERE w.event_id = r.event_id AND w.status ="
                                        "  'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)"
                                        " END AS waitlist_position FROM rsvps r"
                                        " WHERE event_id = ? AND user_id = ?",
                                        "tt", id, owner),
                            out);
    case MS_KIND_NOTIFICATION:
        return query_object(ms_db_query(db,
                                        "SELECT id, category, title, body, created_at_ms,"
                                        " is_read AS read, deep_link, building_id,"
                                        " kind, urgent FROM notifications"
                                        " WHERE id = ? AND user_id = ?",
                                        "tt", id, owner),
                            out);
    case MS_KIND_ROOM_BUSY:
        return query_object(ms_db_query(db,
                                        "SELECT id, room_id, start_ms, end_ms FROM room_busy"
                                        " WHERE id = ?",
                                        "t", id),
                            out);
    case MS_KIND_CREDIT_LEDGER:
        return query_object(ms_db_query(db,
                                        "SELECT l.id, l.company_id, l.delta, l.balance_after,"
                                        " l.reason, l.reservation_id, l.at_ms, c.building_id,"
                                        " l.desk_booking_id"
                                        " FROM credit_ledger l JOIN companies c"
                                        " ON c.id = l.company_id WHERE l.id = ?",
                                        "t", id),
                            out);
    case MS_KIND_PASS:
        return pass_data(db, owner, id, out);
    case MS_KIND_INVOICE:
        return invoice_data(db, id, out);
    case MS_KIND_CREDENTIAL:
        return query_object(ms_db_query(db,
                                        "SELECT id, kind, building_id, valid_from_ms,"
                                        " valid_until_ms, lower(hex(secret)) AS secret_hex,"
                                        " pass_id, reservation_id, desk_booking_id"
                                        " FROM credentials"
                                        " WHERE id = ? AND holder_user_id = ?",
                                        "tt", id, owner),
                            out);
    case MS_KIND_MEMBERSHIP:
        return membership_data(db, id, out);
    case MS_KIND_TICKET_CATEGORY:
        return ms_ticket_category_json(db, id, out);
    case MS_KIND_TICKET:
        return ticket_data(db, owner, id, out);
    case MS_KIND_VISITOR:
        return visitor_data(db, owner, id, out);
    case MS_KIND_NOTIFICATION_PREFS:
        return owner && strcmp(owner, id) == 0 ? ms_prefs_json(db, id, out) : 1;
    case MS_KIND_DESK:
        return desk_data(db, owner, id, out);
    case MS_KIND_DESK_BUSY:
        return query_object(ms_db_query(db,
                                        "SELECT id, desk_id, building_id, date FROM desk_busy"
                                        " WHERE id = ?",
                                        "t", id),
                            out);
    case MS_KIND_DESK_BOOKING:
        return query_object(ms_db_query(db,
                                        "SELECT id, desk_id, building_id, date, status, paid_by,"
                                        " credits, desk_days, amount_paise, currency, order_id,"
                                        " hold_expires_at_ms, credential_id, checked_in_at_ms,"
                                        " released_at_ms, cancel_reason, created_at_ms,"
                                        " invoice_id FROM desk_bookings WHERE id = ?"
                                        " AND user_id = ?",
                                        "tt", id, owner ? owner : ""),
                            out);
    case MS_KIND_ANNOUNCEMENT:
        return query_object(ms_db_query(db,
                                        "SELECT id, building_id, title, body, pinned,"
                                        " published_at_ms, expires_at_ms, EXISTS (SELECT 1"
                                        "  FROM announcement_reads r WHERE r.user_id = ?2"
                                        "  AND r.announcement_id = a.id) AS read"
                                        " FROM announcements a WHERE id = ?1"
                                        " AND (?2 IS NULL OR " MS_ANNOUNCEMENT_FOR("?2") ")",
                                        "tt", id, owner),
                            out);
    case MS_KIND_OFFER:
        return offer_data(db, owner ? owner : "", id, out);
    case MS_KIND_COUNT:
        break;
    }
    return -1;
}
