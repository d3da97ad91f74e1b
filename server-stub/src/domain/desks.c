/* domain/desks.c - hot desks by the day (docs/today-desks-community.md "Desks"): book, cancel,
 * pay, hold lapse, check-in at the door and the release at the building's cut-off. */
#include "domain/desks.h"

#include <stdio.h>
#include <string.h>

#include "api/fields.h"
#include "base/log.h"
#include "db/db.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/credits.h"
#include "domain/money.h"
#include "domain/notify.h"
#include "domain/payments.h"
#include "rules/hold_limits.h"
#include "rules/money.h"
#include "rules/pass_rules.h"
#include "base/text.h"

/* A desk and what its building says about booking it. */
typedef struct desk_ctx {
    char desk_id[MS_ID_MAX];
    char building_id[MS_ID_MAX];
    char name[MS_TEXT_MAX];
    char area[MS_TEXT_MAX];
    char building_name[MS_TEXT_MAX];
    bool dedicated;
    char assigned_user_id[MS_ID_MAX];
    const ms_zone *zone;
    ms_open_hours hours;
    int64_t window_days;
    int64_t day_price_minor;
    int64_t day_credits;
    int cutoff_min;
    ms_money_rule money;
} desk_ctx;

/* Load desk_id with its building's settings. 0; 1 when there is no such desk; -1. */
static int desk_load(sqlite3 *db, const char *desk_id, desk_ctx *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT d.id, d.building_id, d.name, d.area, d.kind,"
                                     " coalesce(d.assigned_user_id, ''), b.name, b.timezone,"
                                     " b.booking_window_days, s.day_price_paise, s.day_credits,"
                                     " s.checkin_cutoff_min FROM desks d JOIN buildings b"
                                     " ON b.id = d.building_id JOIN desk_settings s"
                                     " ON s.building_id = d.building_id WHERE d.id = ?",
                                     "t", desk_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    char zone[64] = "", kind[16] = "";
    if (rc == 1) {
        ms_db_text(stmt, 0, out->desk_id, sizeof out->desk_id);
        ms_db_text(stmt, 1, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 2, out->name, sizeof out->name);
        ms_db_text(stmt, 3, out->area, sizeof out->area);
        ms_db_text(stmt, 4, kind, sizeof kind);
        out->dedicated = strcmp(kind, "dedicated") == 0;
        ms_db_text(stmt, 5, out->assigned_user_id, sizeof out->assigned_user_id);
        ms_db_text(stmt, 6, out->building_name, sizeof out->building_name);
        ms_db_text(stmt, 7, zone, sizeof zone);
        out->window_days = sqlite3_column_int64(stmt, 8);
        out->day_price_minor = sqlite3_column_int64(stmt, 9);
        out->day_credits = sqlite3_column_int64(stmt, 10);
        out->cutoff_min = sqlite3_column_int(stmt, 11);
    }
    sqlite3_finalize(stmt);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    out->zone = ms_zone_find(zone);
    if (!out->zone) {
        ms_log("desks: no rule for the time zone '%s'", zone);
        return -1;
    }
    if (ms_building_money(db, out->building_id, &out->money) != 0)
        return -1;
    return ms_building_hours(db, out->building_id, &out->hours);
}

/* "Tue 5 Jan 2027": local date `day`. */
static void day_words(const ms_zone *zone, int64_t day, char *out, size_t cap)
{
    ms_local local;
    ms_zone_local(zone, ms_zone_day_start(zone, day), &local);
    ms_local_format_date(&local, out, cap);
}

/* "11:00 IST": the cut-off of local date `day` on the building's wall clock. */
static void cutoff_words(const desk_ctx *desk, int64_t day, char *out, size_t cap)
{
    int64_t at = ms_desk_cutoff_instant(desk->zone, day, desk->cutoff_min);
    ms_local local;
    char hhmm[8];
    ms_zone_local(desk->zone, at, &local);
    ms_local_format_time(&local, hhmm, sizeof hhmm);
    snprintf(out, cap, "%s %s", hhmm, ms_zone_abbrev(desk->zone, at));
}

/* "January 2027" for "2027-01". */
static void month_words(const char *month, char *out, size_t cap)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    int m = (month[5] - '0') * 10 + (month[6] - '0');
    snprintf(out, cap, "%s %.4s", m >= 1 && m <= 12 ? names[m - 1] : "?", month);
}

/* ---- the request ------------------------------------------------------------------------ */

bool ms_desk_request_parse(const cJSON *obj, bool online, ms_desk_request *in, ms_refusal *why)
{
    memset(in, 0, sizeof *in);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "booking_id");
    if (!id)
        return ms_refuse(why, "invalid_argument", "field 'booking_id' is missing") == 0;
    if (!cJSON_IsString(id) || !ms_opaque_ok(id->valuestring) ||
        strlen(id->valuestring) >= MS_ID_MAX)
        return ms_refuse(why, "invalid_argument",
                         "field 'booking_id' must be 1 to %d printable ASCII characters without"
                         " spaces",
                         MS_ID_MAX - 1) == 0;
    snprintf(in->booking_id, sizeof in->booking_id, "%s", id->valuestring);
    const cJSON *desk = cJSON_GetObjectItemCaseSensitive(obj, "desk_id");
    if (!cJSON_IsString(desk) || !desk->valuestring[0])
        return ms_refuse(why, "invalid_argument", "field 'desk_id' must be a non-empty string") ==
               0;
    snprintf(in->desk_id, sizeof in->desk_id, "%s",
             strlen(desk->valuestring) < MS_ID_MAX ? desk->valuestring : "");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(obj, "date");
    if (!cJSON_IsString(date) || !ms_parse_date(date->valuestring, &in->day))
        return ms_refuse(why, "invalid_argument",
                         "field 'date' must be a real date written YYYY-MM-DD") == 0;
    snprintf(in->date, sizeof in->date, "%s", date->valuestring);
    in->pay = MS_DESK_PAY_RAZORPAY;
    if (online)
        return true;
    const cJSON *pay = cJSON_GetObjectItemCaseSensitive(obj, "pay");
    if (!cJSON_IsString(pay) || !ms_desk_pay_parse(pay->valuestring, &in->pay) ||
        in->pay == MS_DESK_PAY_RAZORPAY)
        return ms_refuse(why, "invalid_argument",
                         "field 'pay' must be \"plan\" or \"credits\" (a card payment is made"
                         " online, not queued)") == 0;
    return true;
}

/* ---- reading ---------------------------------------------------------------------------- */

/* One integer a query answers into *out (0 when no row). 0 / -1. */
static int query_int(sqlite3_stmt *stmt, int64_t *out)
{
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    *out = rc == 1 ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* One text a query answers into out ("" when no row): 1 found, 0 none, -1. */
static int query_text(sqlite3_stmt *stmt, char *out, size_t cap)
{
    out[0] = '\0';
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_desk_booking_mine(sqlite3 *db, const char *user_id, const char *booking_id)
{
    char found[MS_ID_MAX];
    return query_text(ms_db_query(db, "SELECT id FROM desk_bookings WHERE id = ? AND user_id = ?",
                                  "tt", booking_id, user_id),
                      found, sizeof found);
}

/* What user_id has to pay a desk day of local month `month` ("YYYY-MM") with; company into
 * company ("" when none). 0 / -1. */
static int purse_of(sqlite3 *db, const char *user_id, const char *month, int64_t now,
                    ms_desk_purse *purse, char company[MS_ID_MAX])
{
    memset(purse, 0, sizeof *purse);
    if (query_text(
            ms_db_query(db, "SELECT company_id FROM memberships WHERE user_id = ?", "t", user_id),
            company, MS_ID_MAX) < 0 ||
        query_int(ms_db_query(db,
                              "SELECT desk_days_per_month FROM memberships WHERE user_id = ?"
                              " AND status = 'active'",
                              "t", user_id),
                  &purse->allowance) != 0 ||
        query_int(ms_db_query(db,
                              "SELECT count(*) FROM desk_bookings WHERE user_id = ?"
                              " AND paid_by = 'plan' AND status IN ('confirmed', 'released')"
                              " AND substr(date, 1, 7) = ?",
                              "tt", user_id, month),
                  &purse->used) != 0)
        return -1;
    purse->has_company = company[0] != '\0';
    if (purse->has_company && (ms_credits_refresh(db, company, now) != 0 ||
                               ms_credits_balance(db, company, &purse->balance) != 0))
        return -1;
    return 0;
}

/* ---- booking ---------------------------------------------------------------------------- */

/* The date rules with their messages. 0 free; 1 refused; -1. */
static int check_date(sqlite3 *db, const desk_ctx *desk, const ms_desk_request *in, int64_t now,
                      ms_refusal *why)
{
    ms_local local;
    ms_zone_local(desk->zone, now, &local);
    char date[32], today[32], cut[32];
    day_words(desk->zone, in->day, date, sizeof date);
    day_words(desk->zone, local.day, today, sizeof today);
    switch (ms_desk_date_check(in->day, local.day, local.minute, desk->window_days, &desk->hours,
                               desk->cutoff_min)) {
    case MS_DESK_DATE_OK:
        break;
    case MS_DESK_DATE_PAST:
        return ms_refuse(why, "past", "%s is past: today is %s in %s", date, today,
                         desk->building_name);
    case MS_DESK_DATE_BEYOND_WINDOW: {
        char last[32];
        day_words(desk->zone, local.day + desk->window_days, last, sizeof last);
        return ms_refuse(why, "beyond_window",
                         "%s takes desk bookings up to %lld days ahead (until %s)",
                         desk->building_name, (long long)desk->window_days, last);
    }
    case MS_DESK_DATE_CLOSED:
        return ms_refuse(why, "closed", "%s is closed on %s", desk->building_name, date);
    case MS_DESK_DATE_AFTER_CUTOFF:
        cutoff_words(desk, in->day, cut, sizeof cut);
        return ms_refuse(why, "after_cutoff",
                         "desks for today can be booked until the check-in cut-off, %s: a desk"
                         " booked now would be released at once",
                         cut);
    }
    int64_t from, until;
    ms_desk_validity(desk->zone, in->day, &from, &until);
    char reason[MS_TEXT_MAX];
    int rc = query_text(ms_db_query(db,
                                    "SELECT reason FROM building_blackouts WHERE building_id = ?"
                                    " AND start_ms < ? AND end_ms > ? ORDER BY start_ms LIMIT 1",
                                    "tii", desk->building_id, until, from),
                        reason, sizeof reason);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "blackout", "%s is closed on %s: %s", desk->building_name, date,
                         reason);
    return 0;
}

/*
 * The hold limits of a Razorpay desk day (rules/hold_limits.h): at most MS_DESK_HOLDS_MAX
 * unpaid desk days at once; the same desk on the same date, let lapse or cancelled unpaid,
 * stays out of the member's reach for MS_HOLD_COOLDOWN_MIN minutes. 0; 1 refused; -1.
 */
static int check_holds(sqlite3 *db, const char *user_id, const desk_ctx *desk,
                       const ms_desk_request *in, int64_t now, ms_refusal *why)
{
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT (SELECT count(*) FROM desk_bookings WHERE user_id = ?1"
                    "  AND status = 'pending_payment'),"
                    " (SELECT max(k.cancelled_at_ms) FROM desk_bookings k WHERE k.user_id = ?1"
                    "  AND k.desk_id = ?2 AND k.date = ?3 AND k.status = 'cancelled'"
                    "  AND k.paid_by = 'razorpay' AND k.cancelled_at_ms > ?4"
                    "  AND (k.cancel_reason = 'hold_expired' OR EXISTS (SELECT 1 FROM invoices i"
                    "   WHERE i.id = k.invoice_id AND i.status = 'void')))",
                    "ttti", user_id, desk->desk_id, in->date, now - MS_HOLD_COOLDOWN_MS);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    int64_t held = 0, let_go = 0;
    bool cooling = false;
    if (rc == 1) {
        held = sqlite3_column_int64(stmt, 0);
        cooling = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
        let_go = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    if (held >= MS_DESK_HOLDS_MAX)
        return ms_refuse(why, MS_CODE_HOLD_LIMIT,
                         "you already hold %lld unpaid desk days, the most one member may hold at"
                         " once (%d): pay for one or cancel it first",
                         (long long)held, MS_DESK_HOLDS_MAX);
    if (cooling)
        return ms_refuse(why, MS_CODE_HOLD_COOLDOWN,
                         "you let an unpaid hold of desk %s on %s go; it can be held again by you"
                         " in %lld minutes (a %d-minute cool-down)",
                         desk->name, in->date, ms_minutes_until(now, let_go + MS_HOLD_COOLDOWN_MS),
                         MS_HOLD_COOLDOWN_MIN);
    return 0;
}

/* Who may hold the desk, and whether user_id may book one at all. 0; 1 refused; -1. */
static int check_holder(sqlite3 *db, const char *user_id, const desk_ctx *desk,
                        const ms_desk_request *in, ms_refusal *why)
{
    char own[MS_ID_MAX], own_name[MS_TEXT_MAX] = "";
    int rc =
        query_text(ms_db_query(db, "SELECT id FROM desks WHERE assigned_user_id = ?", "t", user_id),
                   own, sizeof own);
    if (rc < 0 ||
        (rc == 1 && query_text(ms_db_query(db, "SELECT name FROM desks WHERE id = ?", "t", own),
                               own_name, sizeof own_name) < 0))
        return -1;
    if (rc == 1)
        return ms_refuse(why, "has_dedicated_desk",
                         "you have your own desk, %s; hot desks are for members without one",
                         own_name);
    char date[32], other[MS_ID_MAX];
    day_words(desk->zone, in->day, date, sizeof date);
    rc =
        query_text(ms_db_query(db,
                               "SELECT d.name FROM desk_bookings k JOIN desks d ON d.id = k.desk_id"
                               " WHERE k.user_id = ? AND k.date = ?"
                               " AND k.status IN ('pending_payment', 'confirmed')",
                               "tt", user_id, in->date),
                   other, sizeof other);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "already_booked_that_day",
                         "you already have desk %s on %s: one desk a day", other, date);
    char busy[2 * MS_ID_MAX + 16];
    snprintf(busy, sizeof busy, "%s@%s", desk->desk_id, in->date);
    rc = query_text(ms_db_query(db, "SELECT id FROM desk_busy WHERE id = ?", "t", busy), other,
                    sizeof other);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "desk_taken", "desk %s is taken on %s; pick another desk", desk->name,
                         date);
    return 0;
}

/* The payment rules with their messages. 0; 1 refused; -1. */
static int check_pay(sqlite3 *db, const char *user_id, const desk_ctx *desk,
                     const ms_desk_request *in, int64_t now, char company[MS_ID_MAX],
                     ms_refusal *why)
{
    char month[8], words[32];
    snprintf(month, sizeof month, "%.7s", in->date);
    month_words(month, words, sizeof words);
    ms_desk_purse purse;
    if (purse_of(db, user_id, month, now, &purse, company) != 0)
        return -1;
    switch (ms_desk_pay_check(in->pay, &purse, desk->day_credits)) {
    case MS_DESK_PAY_OK:
        return 0;
    case MS_DESK_PAY_NO_PLAN_DESK_DAYS:
        return ms_refuse(why, "no_plan_desk_days",
                         "your plan has no desk days; pay with credits or by card");
    case MS_DESK_PAY_NO_DESK_DAYS_LEFT:
        return ms_refuse(why, "no_desk_days_left",
                         "your plan's %lld desk days of %s are used up; pay with credits or by"
                         " card",
                         (long long)purse.allowance, words);
    case MS_DESK_PAY_NO_COMPANY:
        return ms_refuse(why, "no_company",
                         "only members of a company with credits can pay with credits");
    case MS_DESK_PAY_INSUFFICIENT_CREDITS:
        return ms_refuse(why, "insufficient_credits",
                         "a desk day at %s takes %lld credits and your company has %lld left"
                         " this month",
                         desk->building_name, (long long)desk->day_credits,
                         (long long)purse.balance);
    }
    return -1;
}

/* The member and the desk's building: the membership's change (desk days) is logged. */
static int log_membership(sqlite3 *db, const char *user_id)
{
    return ms_change_upsert(db, MS_KIND_MEMBERSHIP, user_id, user_id);
}

/* Confirm booking id of owner at now: its credential for that local day, logged, and the
 * desk.confirmed notification. */
static int confirm(ms_app *app, const char *id, const char *owner, int64_t now)
{
    sqlite3 *db = app->db;
    char desk_id[MS_ID_MAX], date[16];
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT desk_id, date FROM desk_bookings WHERE id = ?", "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, desk_id, sizeof desk_id);
        ms_db_text(stmt, 1, date, sizeof date);
    }
    sqlite3_finalize(stmt);
    desk_ctx desk;
    int64_t day;
    if (rc != 1 || desk_load(db, desk_id, &desk) != 0 || !ms_parse_date(date, &day))
        return -1;
    ms_credential c = {.kind = MS_CREDENTIAL_DESK};
    snprintf(c.building_id, sizeof c.building_id, "%s", desk.building_id);
    snprintf(c.holder_user_id, sizeof c.holder_user_id, "%s", owner);
    snprintf(c.desk_booking_id, sizeof c.desk_booking_id, "%s", id);
    ms_desk_validity(desk.zone, day, &c.valid_from_ms, &c.valid_until_ms);
    rc = ms_credential_issue(db, app->rng, &c, now);
    ms_wipe(c.secret, sizeof c.secret);
    if (rc != 0 ||
        ms_db_run(db,
                  "UPDATE desk_bookings SET status = 'confirmed', hold_expires_at_ms = NULL,"
                  " credential_id = ?, updated_at_ms = ? WHERE id = ?",
                  "tit", c.id, now, id) != 0 ||
        ms_change_upsert(db, MS_KIND_CREDENTIAL, owner, c.id) != 0 ||
        ms_change_upsert(db, MS_KIND_DESK_BOOKING, owner, id) != 0)
        return -1;
    char words[32], cut[32], title[2 * MS_TEXT_MAX], body[4 * MS_TEXT_MAX], link[96];
    day_words(desk.zone, day, words, sizeof words);
    cutoff_words(&desk, day, cut, sizeof cut);
    snprintf(title, sizeof title, "Desk %s booked: %s", desk.name, words);
    snprintf(body, sizeof body,
             "Desk %s (%s) at %s is yours on %s. Check in at the door by %s or it is released"
             " for others.",
             desk.name, desk.area, desk.building_name, words, cut);
    snprintf(link, sizeof link, "membercore://desks/%s", id);
    ms_notice n = {.user_id = owner,
                   .building_id = desk.building_id,
                   .kind = "desk.confirmed",
                   .category = "bookings",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_send(app, &n, NULL);
}

/* A Razorpay booking's draft invoice (one line, the building's tax) and its order; both ids
 * written to the booking. */
static int write_invoice(ms_app *app, const char *user_id, const desk_ctx *desk,
                         const ms_desk_request *in, int64_t now, int64_t *amount)
{
    sqlite3 *db = app->db;
    ms_pass_price price =
        ms_pass_price_of(1, desk->day_price_minor, NULL, 0, desk->money.tax_rate_bp);
    char invoice[MS_ID_MAX], order[MS_RZP_ID_MAX], words[32], line[4 * MS_TEXT_MAX];
    day_words(desk->zone, in->day, words, sizeof words);
    snprintf(line, sizeof line, "Desk %s (%s), %s, %s", desk->name, desk->desk_id,
             desk->building_name, words);
    *amount = price.total_minor;
    if (ms_rng_id(app->rng, "inv_", invoice, sizeof invoice) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoices (id, user_id, status, subtotal_paise, discount_paise,"
                  " gst_paise, total_paise, building_id, created_at_ms, hold_expires_at_ms,"
                  " desk_booking_id) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)",
                  "ttiiiitiit", invoice, user_id, price.subtotal_minor, price.discount_minor,
                  price.tax_minor, price.total_minor, desk->building_id, now, now + MS_DESK_HOLD_MS,
                  in->booking_id) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoice_lines (invoice_id, position, description, quantity,"
                  " unit_paise, amount_paise) VALUES (?, 0, ?, 1, ?, ?)",
                  "ttii", invoice, line, desk->day_price_minor, desk->day_price_minor) != 0 ||
        ms_order_create(app, user_id, NULL, invoice, price.total_minor, now, order) != 0 ||
        ms_db_run(db, "UPDATE invoices SET order_id = ? WHERE id = ?", "tt", order, invoice) != 0 ||
        ms_db_run(db,
                  "UPDATE desk_bookings SET order_id = ?, invoice_id = ?, amount_paise = ?"
                  " WHERE id = ?",
                  "ttit", order, invoice, price.total_minor, in->booking_id) != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_INVOICE, NULL, invoice);
}

/* The writes of a checked booking. 0; 1 when a unique index refused it (taken meanwhile); -1. */
static int write_booking(ms_app *app, const char *user_id, const desk_ctx *desk,
                         const ms_desk_request *in, const char *company, int64_t now)
{
    sqlite3 *db = app->db;
    bool card = in->pay == MS_DESK_PAY_RAZORPAY;
    int64_t credits = in->pay == MS_DESK_PAY_CREDITS ? desk->day_credits : 0;
    /* The order id is set by write_invoice; the CHECK wants one from the start. */
    if (ms_db_run(db,
                  "INSERT INTO desk_bookings (id, user_id, desk_id, building_id, date, status,"
                  " paid_by, credits, desk_days, currency, order_id, hold_expires_at_ms,"
                  " created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'pending_payment', ?, ?,"
                  " ?, ?, nullif(?, ''), ?, ?, ?)",
                  "ttttttiittiii", in->booking_id, user_id, desk->desk_id, desk->building_id,
                  in->date, ms_desk_pay_name(in->pay), credits,
                  (int64_t)(in->pay == MS_DESK_PAY_PLAN), desk->money.currency,
                  card ? "pending" : "", now + MS_DESK_HOLD_MS, now, now) != 0)
        return sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE ? 1 : -1;
    char busy[2 * MS_ID_MAX + 16];
    snprintf(busy, sizeof busy, "%s@%s", desk->desk_id, in->date);
    if (ms_db_run(db,
                  "INSERT INTO desk_busy (id, desk_id, building_id, date, desk_booking_id)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "ttttt", busy, desk->desk_id, desk->building_id, in->date, in->booking_id) != 0)
        return sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_PRIMARYKEY ||
                       sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE
                   ? 1
                   : -1;
    if (ms_change_upsert(db, MS_KIND_DESK_BUSY, NULL, busy) != 0)
        return -1;
    if (card) {
        int64_t amount;
        return write_invoice(app, user_id, desk, in, now, &amount) == 0 &&
                       ms_change_upsert(db, MS_KIND_DESK_BOOKING, user_id, in->booking_id) == 0
                   ? 0
                   : -1;
    }
    if (credits > 0) {
        int rc = ms_credits_apply_desk(db, company, -credits, "booking", in->booking_id, now);
        if (rc != 0)
            return rc < 0 ? -1 : 1; /* checked before: only a bug gets here */
    }
    if (confirm(app, in->booking_id, user_id, now) != 0)
        return -1;
    return in->pay == MS_DESK_PAY_PLAN ? log_membership(db, user_id) : 0;
}

int ms_desk_book(ms_app *app, const char *user_id, const ms_desk_request *in, ms_refusal *why)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    char used[MS_ID_MAX], company[MS_ID_MAX] = "";
    int rc = query_text(
        ms_db_query(db, "SELECT id FROM desk_bookings WHERE id = ?", "t", in->booking_id), used,
        sizeof used);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "invalid_argument",
                                  "booking_id '%s' is already used; each booking needs a new one",
                                  in->booking_id);
    desk_ctx desk;
    rc = in->desk_id[0] ? desk_load(db, in->desk_id, &desk) : 1;
    if (rc < 0)
        return -1;
    /* Another member's dedicated desk is not there for this member at all. */
    const char *desk_shown = in->desk_id[0] ? in->desk_id : "(an id too long to be one)";
    if (rc > 0 || (desk.dedicated && strcmp(desk.assigned_user_id, user_id) != 0))
        return ms_refuse(why, "not_found", "no desk '%.*s'", (int)ms_utf8_prefix(desk_shown, 40),
                         desk_shown);
    if (in->pay == MS_DESK_PAY_RAZORPAY) {
        int64_t roles;
        if (query_int(ms_db_query(db,
                                  "SELECT count(*) FROM user_roles WHERE user_id = ?"
                                  " AND role IN ('ondemanduser', 'member')",
                                  "t", user_id),
                      &roles) != 0)
            return -1;
        if (roles == 0)
            return ms_refuse(why, "forbidden",
                             "choose On-Demand (or become a member) to book desks by the day");
    }
    /* Lapsed holds and released desks free their desk-days before the checks. */
    if (ms_desk_holds_lapse_due(app, now) != 0 || ms_desks_release_due(app, now) != 0)
        return -1;
    if ((rc = check_holder(db, user_id, &desk, in, why)) != 0 ||
        (in->pay == MS_DESK_PAY_RAZORPAY &&
         (rc = check_holds(db, user_id, &desk, in, now, why)) != 0) ||
        (rc = check_date(db, &desk, in, now, why)) != 0 ||
        (rc = check_pay(db, user_id, &desk, in, now, company, why)) != 0)
        return rc;
    /* All checked: write everything, or (should a unique index still refuse) nothing. */
    if (ms_db_exec(db, "SAVEPOINT desk_book") != 0)
        return -1;
    rc = write_booking(app, user_id, &desk, in, company, now);
    if (rc != 0) {
        ms_db_exec(db, "ROLLBACK TO desk_book");
        ms_db_exec(db, "RELEASE desk_book");
        if (rc < 0)
            return -1;
        char date[32];
        day_words(desk.zone, in->day, date, sizeof date);
        return ms_refuse(why, "desk_taken", "desk %s is taken on %s; pick another desk", desk.name,
                         date);
    }
    return ms_db_exec(db, "RELEASE desk_book");
}

int ms_desk_book_op(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    ms_desk_request in;
    if (!ms_desk_request_parse(payload, false, &in, why))
        return 1;
    return ms_desk_book(app, user_id, &in, why);
}

/* ---- cancel, pay, lapse, release, check-in ---------------------------------------------- */

/* The booking's state the later steps read. */
typedef struct desk_booking {
    char id[MS_ID_MAX];
    char user_id[MS_ID_MAX];
    char desk_id[MS_ID_MAX];
    char date[16];
    int64_t day;
    char status[20];
    char paid_by[12];
    int64_t credits;
    char credential_id[MS_ID_MAX];
    char invoice_id[MS_ID_MAX];
} desk_booking;

/* Load desk booking id (of user_id when not NULL). 0; 1 none; -1. */
static int booking_load(sqlite3 *db, const char *id, const char *user_id, desk_booking *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, user_id, desk_id, date, status, paid_by, credits,"
                                     " coalesce(credential_id, ''), coalesce(invoice_id, '')"
                                     " FROM desk_bookings WHERE id = ?1"
                                     " AND (?2 = '' OR user_id = ?2)",
                                     "tt", id, user_id ? user_id : "");
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->user_id, sizeof out->user_id);
        ms_db_text(stmt, 2, out->desk_id, sizeof out->desk_id);
        ms_db_text(stmt, 3, out->date, sizeof out->date);
        ms_db_text(stmt, 4, out->status, sizeof out->status);
        ms_db_text(stmt, 5, out->paid_by, sizeof out->paid_by);
        out->credits = sqlite3_column_int64(stmt, 6);
        ms_db_text(stmt, 7, out->credential_id, sizeof out->credential_id);
        ms_db_text(stmt, 8, out->invoice_id, sizeof out->invoice_id);
        if (!ms_parse_date(out->date, &out->day))
            rc = -1;
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* The desk-day is free again: desk_busy deleted, the credential revoked; both logged. */
static int free_desk_day(sqlite3 *db, const desk_booking *b, int64_t at)
{
    char busy[MS_ID_MAX] = "";
    if (query_text(
            ms_db_query(db, "SELECT id FROM desk_busy WHERE desk_booking_id = ?", "t", b->id), busy,
            sizeof busy) < 0 ||
        ms_db_run(db, "DELETE FROM desk_busy WHERE desk_booking_id = ?", "t", b->id) != 0 ||
        (busy[0] && ms_change_delete(db, MS_KIND_DESK_BUSY, NULL, busy) != 0))
        return -1;
    if (!b->credential_id[0])
        return 0;
    return ms_credential_revoke(db, b->credential_id, at) == 0 &&
                   ms_change_upsert(db, MS_KIND_CREDENTIAL, b->user_id, b->credential_id) == 0
               ? 0
               : -1;
}

/* Cancel b as of at for reason ("member", "hold_expired"): freed, its draft invoice void (with
 * void_reason hold_expired for a lapse, none when the member cancelled). */
static int cancel_booking(sqlite3 *db, const desk_booking *b, const char *reason, int64_t at)
{
    if (ms_db_run(db,
                  "UPDATE desk_bookings SET status = 'cancelled', cancel_reason = ?,"
                  " cancelled_at_ms = ?, hold_expires_at_ms = NULL, updated_at_ms = ?"
                  " WHERE id = ?",
                  "tiit", reason, at, at, b->id) != 0 ||
        free_desk_day(db, b, at) != 0)
        return -1;
    if (b->invoice_id[0]) {
        if (ms_db_run(db,
                      "UPDATE invoices SET status = 'void', voided_at_ms = ?,"
                      " void_reason = nullif(?, 'member'), hold_expires_at_ms = NULL"
                      " WHERE id = ? AND status = 'draft'",
                      "itt", at, reason, b->invoice_id) != 0)
            return -1;
        if (sqlite3_changes(db) > 0 && ms_change_upsert(db, MS_KIND_INVOICE, NULL, b->invoice_id))
            return -1;
    }
    return ms_change_upsert(db, MS_KIND_DESK_BOOKING, b->user_id, b->id);
}

int ms_desk_cancel(ms_app *app, const char *user_id, const char *booking_id, ms_refusal *why)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    if (ms_desk_holds_lapse_due(app, now) != 0 || ms_desks_release_due(app, now) != 0)
        return -1;
    desk_booking b;
    desk_ctx desk;
    int rc = booking_load(db, booking_id, user_id, &b);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "not_found", "you have no desk booking '%.*s'",
                                  (int)ms_utf8_prefix(booking_id, 40), booking_id);
    if (desk_load(db, b.desk_id, &desk) != 0)
        return -1;
    char date[32], cut[32];
    day_words(desk.zone, b.day, date, sizeof date);
    cutoff_words(&desk, b.day, cut, sizeof cut);
    if (strcmp(b.status, "cancelled") == 0)
        return ms_refuse(why, "invalid_argument", "your desk booking for %s is already cancelled",
                         date);
    if (strcmp(b.status, "released") == 0 ||
        !ms_desk_cancel_open(desk.zone, b.day, desk.cutoff_min, now))
        return ms_refuse(why, "after_cutoff",
                         "desk %s on %s can no longer be cancelled: its check-in cut-off, %s, has"
                         " passed",
                         desk.name, date, cut);
    bool confirmed = strcmp(b.status, "confirmed") == 0;
    if (cancel_booking(db, &b, "member", now) != 0)
        return -1;
    if (confirmed && strcmp(b.paid_by, "credits") == 0 && b.credits > 0) {
        char company[MS_ID_MAX];
        rc = query_text(ms_db_query(db,
                                    "SELECT company_id FROM credit_ledger WHERE desk_booking_id = ?"
                                    " AND reason = 'booking'",
                                    "t", b.id),
                        company, sizeof company);
        if (rc < 0 ||
            (rc == 1 && (ms_credits_refresh(db, company, now) != 0 ||
                         ms_credits_apply_desk(db, company, b.credits, "refund", b.id, now) != 0)))
            return -1;
    }
    return strcmp(b.paid_by, "plan") == 0 ? log_membership(db, b.user_id) : 0;
}

int ms_desk_cancel_op(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(payload, "booking_id");
    if (!cJSON_IsString(id) || !id->valuestring[0])
        return ms_refuse(why, "invalid_argument",
                         "payload field 'booking_id' must be a non-empty string");
    return ms_desk_cancel(app, user_id, id->valuestring, why);
}

int ms_desk_invoice_paid(ms_app *app, const char *invoice_id, int64_t now_ms)
{
    char id[MS_ID_MAX], owner[MS_ID_MAX];
    /* A seed step of a version before 12 runs the live payment rule: no desks yet. */
    int rc = query_text(
        ms_db_query(app->db, "SELECT name FROM sqlite_master WHERE name = 'desk_bookings'", ""), id,
        sizeof id);
    if (rc <= 0)
        return rc;
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT id, user_id FROM desk_bookings WHERE invoice_id = ?"
                                     " AND status = 'pending_payment'",
                                     "t", invoice_id);
    rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, id, sizeof id);
        ms_db_text(stmt, 1, owner, sizeof owner);
    }
    sqlite3_finalize(stmt);
    if (rc <= 0)
        return rc;
    return confirm(app, id, owner, now_ms);
}

int ms_desk_holds_lapse_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        char id[MS_ID_MAX];
        int64_t at = now_ms;
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id, hold_expires_at_ms FROM desk_bookings"
                                         " WHERE hold_expires_at_ms IS NOT NULL"
                                         " AND hold_expires_at_ms <= ? ORDER BY id LIMIT 1",
                                         "i", now_ms);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            at = sqlite3_column_int64(stmt, 1);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        /* Cancelled as of the instant the hold ran out, whenever a request noticed. */
        desk_booking b;
        if (booking_load(app->db, id, NULL, &b) != 0 ||
            cancel_booking(app->db, &b, "hold_expired", at) != 0)
            return -1;
    }
}

/* Release b (its cut-off at `at` passed unchecked) and tell its member once. */
static int release(ms_app *app, const desk_booking *b, const desk_ctx *desk, int64_t at)
{
    sqlite3 *db = app->db;
    if (ms_db_run(db,
                  "UPDATE desk_bookings SET status = 'released', released_at_ms = ?,"
                  " updated_at_ms = ? WHERE id = ?",
                  "iit", at, at, b->id) != 0 ||
        free_desk_day(db, b, at) != 0 ||
        ms_change_upsert(db, MS_KIND_DESK_BOOKING, b->user_id, b->id) != 0)
        return -1;
    char cut[32], date[32], title[2 * MS_TEXT_MAX], body[4 * MS_TEXT_MAX], link[96], kept[96];
    cutoff_words(desk, b->day, cut, sizeof cut);
    day_words(desk->zone, b->day, date, sizeof date);
    if (strcmp(b->paid_by, "credits") == 0)
        snprintf(kept, sizeof kept, "its %lld credits are", (long long)b->credits);
    else if (strcmp(b->paid_by, "razorpay") == 0)
        snprintf(kept, sizeof kept, "its payment is");
    else
        snprintf(kept, sizeof kept, "the desk day is");
    snprintf(title, sizeof title, "Desk %s released: not checked in by %s", desk->name, cut);
    snprintf(body, sizeof body,
             "Nobody checked in at the door for desk %s at %s on %s by %s, so it is free for"
             " others for the rest of the day. The desk was kept for you all morning, so %s not"
             " given back.",
             desk->name, desk->building_name, date, cut, kept);
    snprintf(link, sizeof link, "membercore://desks/%s", b->id);
    ms_notice n = {.user_id = b->user_id,
                   .building_id = desk->building_id,
                   .kind = "desk.released",
                   .category = "bookings",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_once(app, &n, b->id) < 0 ? -1 : 0;
}

int ms_desks_release_due(ms_app *app, int64_t now_ms)
{
    /* No building-local date is later than the UTC date after now's. */
    int y, m, d;
    ms_civil_from_days(ms_floor_div(now_ms, MS_DAY_MS) + 1, &y, &m, &d);
    char last[16], after_date[16] = "", after_id[MS_ID_MAX] = "";
    snprintf(last, sizeof last, "%04d-%02d-%02d", y, m, d);
    for (;;) {
        /* Keyset over the unchecked confirmed bookings by (date, id): one at a time, since a
         * release writes to the table being read. */
        char id[MS_ID_MAX];
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id, date FROM desk_bookings"
                                         " WHERE status = 'confirmed' AND checked_in_at_ms IS NULL"
                                         " AND date <= ?1 AND (date > ?2 OR (date = ?2"
                                         " AND id > ?3)) ORDER BY date, id LIMIT 1",
                                         "ttt", last, after_date, after_id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            ms_db_text(stmt, 1, after_date, sizeof after_date);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        snprintf(after_id, sizeof after_id, "%s", id);
        desk_booking b;
        desk_ctx desk;
        if (booking_load(app->db, id, NULL, &b) != 0 || desk_load(app->db, b.desk_id, &desk) != 0)
            return -1;
        int64_t cutoff = ms_desk_cutoff_instant(desk.zone, b.day, desk.cutoff_min);
        if (now_ms >= cutoff && release(app, &b, &desk, cutoff) != 0)
            return -1;
    }
}

int ms_desk_checked_in(ms_app *app, const char *desk_booking_id, int64_t now_ms)
{
    if (ms_db_run(app->db,
                  "UPDATE desk_bookings SET checked_in_at_ms = ?, updated_at_ms = ?"
                  " WHERE id = ? AND status = 'confirmed' AND checked_in_at_ms IS NULL",
                  "iit", now_ms, now_ms, desk_booking_id) != 0)
        return -1;
    if (sqlite3_changes(app->db) == 0)
        return 0;
    char owner[MS_ID_MAX];
    return query_text(ms_db_query(app->db, "SELECT user_id FROM desk_bookings WHERE id = ?", "t",
                                  desk_booking_id),
                      owner, sizeof owner) == 1 &&
                   ms_change_upsert(app->db, MS_KIND_DESK_BOOKING, owner, desk_booking_id) == 0
               ? 0
               : -1;
}
