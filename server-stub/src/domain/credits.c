/* domain/credits.c - company credits: the balance, the ledger, the monthly reset (building-local
 * month).
 */
#include "domain/credits.h"

#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "base/log.h"
#include "domain/users.h"
#include "rules/zone.h"

/*
 * Append a ledger line (its id "led_" + the zero-padded sequence) at at_ms, or at the company's
 * latest line's instant if that is later (a clock set back): a line is never dated before the
 * line it follows, so the ledger read newest first by its instants is the order its running
 * balance was written in. Logged. 0 / -1.
 */
static int add_line(sqlite3 *db, const char *company_id, int64_t delta, int64_t balance_after,
                    const char *reason, const char *reservation_id, const char *desk_booking_id,
                    int64_t at_ms)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT (SELECT coalesce(max(seq), 0) + 1 FROM credit_ledger),"
                                     " (SELECT max(at_ms) FROM credit_ledger WHERE company_id = ?)",
                                     "t", company_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    int64_t seq = rc == 1 ? sqlite3_column_int64(stmt, 0) : 0;
    if (rc == 1 && sqlite3_column_type(stmt, 1) != SQLITE_NULL &&
        sqlite3_column_int64(stmt, 1) > at_ms)
        at_ms = sqlite3_column_int64(stmt, 1);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    char id[MS_ID_MAX];
    snprintf(id, sizeof id, "led_%012lld", (long long)seq);
    if (ms_db_run(db,
                  "INSERT INTO credit_ledger (seq, id, company_id, delta, balance_after, reason,"
                  " reservation_id, desk_booking_id, at_ms) VALUES (?, ?, ?, ?, ?, ?,"
                  " nullif(?, ''), nullif(?, ''), ?)",
                  "ittiittti", seq, id, company_id, delta, balance_after, reason,
                  reservation_id ? reservation_id : "", desk_booking_id ? desk_booking_id : "",
                  at_ms) != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_CREDIT_LEDGER, company_id, id) == 0 &&
                   ms_change_upsert(db, MS_KIND_COMPANY, NULL, company_id) == 0
               ? 0
               : -1;
}

int ms_credits_refresh(sqlite3 *db, const char *company_id, int64_t now_ms)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT c.monthly_credits, c.credit_balance, c.credit_month,"
                                     " b.timezone FROM companies c JOIN buildings b"
                                     " ON b.id = c.building_id WHERE c.id = ?",
                                     "t", company_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    int64_t monthly = 0, balance = 0;
    char month[16] = "", zone_name[64] = "";
    if (rc == 1) {
        monthly = sqlite3_column_int64(stmt, 0);
        balance = sqlite3_column_int64(stmt, 1);
        ms_db_text(stmt, 2, month, sizeof month);
        ms_db_text(stmt, 3, zone_name, sizeof zone_name);
    }
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    const ms_zone *zone = ms_zone_find(zone_name);
    if (!zone) {
        ms_log("credits: no rule for the time zone '%s'", zone_name);
        return -1;
    }
    ms_local local;
    char now_month[16];
    ms_zone_local(zone, now_ms, &local);
    ms_local_format_month(&local, now_month, sizeof now_month);
    if (strcmp(now_month, month) <= 0)
        return 0;
    if (ms_db_run(db, "UPDATE companies SET credit_balance = ?, credit_month = ? WHERE id = ?",
                  "itt", monthly, now_month, company_id) != 0)
        return -1;
    /* The line is dated when the month began on the building's wall clock (00:00 on the 1st),
     * whenever the first request after it came. */
    int64_t month_start;
    if (!ms_zone_first_instant(zone, ms_days_from_civil(local.year, local.month, 1) * MS_DAY_MS,
                               &month_start))
        month_start = now_ms;
    if (add_line(db, company_id, monthly - balance, monthly, "monthly_reset", NULL, NULL,
                 month_start) != 0)
        return -1;
    /* A new month of desk days too (membership.desk_days.month is the company's month). */
    sqlite3_stmt *members =
        ms_db_query(db, "SELECT user_id FROM memberships WHERE company_id = ?", "t", company_id);
    if (!members)
        return -1;
    while ((rc = ms_db_step(members)) == 1) {
        char user[MS_ID_MAX];
        ms_db_text(members, 0, user, sizeof user);
        if (ms_change_upsert(db, MS_KIND_MEMBERSHIP, user, user) != 0) {
            rc = -1;
            break;
        }
    }
    sqlite3_finalize(members);
    return rc < 0 ? -1 : 0;
}

int ms_credits_refresh_all(sqlite3 *db, int64_t now_ms)
{
    char id[MS_ID_MAX] = "";
    for (;;) {
        /* One at a time (keyset order): the refresh writes to the table being read. */
        sqlite3_stmt *stmt =
            ms_db_query(db, "SELECT id FROM companies WHERE id > ? ORDER BY id LIMIT 1", "t", id);
        if (!stmt)
            return -1;
        int rc = ms_db_step(stmt);
        if (rc == 1)
            ms_db_text(stmt, 0, id, sizeof id);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_credits_refresh(db, id, now_ms) != 0)
            return -1;
    }
}

int ms_credits_balance(sqlite3 *db, const char *company_id, int64_t *out)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT credit_balance FROM companies WHERE id = ?", "t", company_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

/* ms_credits_apply for a room reservation or a desk booking (the other NULL). */
static int apply_for(sqlite3 *db, const char *company_id, int64_t delta, const char *reason,
                     const char *reservation_id, const char *desk_booking_id, int64_t now_ms)
{
    int64_t balance;
    if (ms_credits_balance(db, company_id, &balance) != 0)
        return -1;
    if (balance + delta < 0)
        return 1;
    if (ms_db_run(db, "UPDATE companies SET credit_balance = ? WHERE id = ?", "it", balance + delta,
                  company_id) != 0)
        return -1;
    return add_line(db, company_id, delta, balance + delta, reason, reservation_id, desk_booking_id,
                    now_ms);
}

int ms_credits_apply(sqlite3 *db, const char *company_id, int64_t delta, const char *reason,
                     const char *reservation_id, int64_t now_ms)
{
    return apply_for(db, company_id, delta, reason, reservation_id, NULL, now_ms);
}

int ms_credits_apply_desk(sqlite3 *db, const char *company_id, int64_t delta, const char *reason,
                          const char *desk_booking_id, int64_t now_ms)
{
    return apply_for(db, company_id, delta, reason, NULL, desk_booking_id, now_ms);
}
