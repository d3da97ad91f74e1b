/* desks/site.c - a desk booking's building terms, date facts and the member's means, from the
 * local store. Reads the company's credits and the queued room bookings' debit by SQL, as
 * booking/ does (docs/architecture.md). */
#include "desks/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "rules/currency.h"
#include "rules/localtime.h"
#include "rules/pricing.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

static const char terms_sql[] =
    "SELECT coalesce(json_extract(data, '$.desks.day_price_paise'), 0), "
    "coalesce(json_extract(data, '$.desks.day_credits'), 0), "
    "coalesce(json_extract(data, '$.desks.checkin_cutoff_min'), -1) FROM entity "
    "WHERE kind = 'building' AND id = ?1";

mc_status mci_desk_site_load(sqlite3 *db, mci_stmt_cache *stmts, const char *building_id,
                             mci_desk_site *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status st = mci_building_load(db, building_id, &out->building, err);
    if (st != MC_OK)
        return st;
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, terms_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading the building's desk terms");
    sqlite3_bind_text(stmt, 1, building_id, -1, SQLITE_STATIC);
    out->cutoff_min = MCI_DESK_DEFAULT_CUTOFF_MIN;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        out->day_price_minor = sqlite3_column_int64(stmt, 0);
        out->day_credits = sqlite3_column_int(stmt, 1);
        int cutoff = sqlite3_column_int(stmt, 2);
        if (cutoff >= 0 && cutoff <= 1440)
            out->cutoff_min = cutoff;
    }
    sqlite3_reset(stmt);
    return MC_OK;
}

void mci_desk_site_free(mci_desk_site *site)
{
    mci_building_free(site->building);
    site->building = NULL;
}

mc_money mci_desk_site_price(const mci_desk_site *site)
{
    int64_t net = site->day_price_minor;
    return mci_money_of(net + mci_tax_on(net, site->building->tax.rate_bp),
                        site->building->currency);
}

int64_t mci_desk_site_cutoff_ms(const mci_desk_site *site, int64_t day)
{
    return mci_desk_local_instant(&site->building->zone, day, site->cutoff_min);
}

void mci_desk_site_day(const mci_desk_site *site, const char *date, int64_t day, int64_t now_ms,
                       char *label, size_t cap, mci_desk_day_facts *out)
{
    const mci_building *b = site->building;
    mc_local_time now, cutoff;
    mci_local_time_fill(&b->zone, now_ms, &now);
    mci_local_time_fill(&b->zone, mci_desk_site_cutoff_ms(site, day), &cutoff);
    mci_strlcpy(label, cutoff.label, cap);
    int weekday = mci_weekday(day);
    size_t which = 0;
    memset(out, 0, sizeof *out);
    out->building_id = b->id;
    out->date = date;
    out->day = day;
    out->today = mci_building_local_day(b, now_ms);
    out->now_min = now.hour * 60 + now.minute;
    out->window_days = b->booking_window_days;
    out->hours = b->hours[weekday];
    out->blacked_out =
        mci_desk_day_blacked_out(&b->zone, day, b->blackouts, b->blackout_count, &which);
    out->blackout_reason = out->blacked_out ? b->blackout_reasons[which] : "";
    out->cutoff_min = site->cutoff_min;
    out->cutoff_label = label;
}

/* Column 0 of sql's one row (?1 bound to text, ?2 to second when not NULL) as an integer,
 * fallback when no row or NULL. */
static mc_status one_int_of(sqlite3 *db, mci_stmt_cache *stmts, const char *sql, const char *text,
                            const char *second, int64_t fallback, int64_t *out, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading your desk days and credits");
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    if (second != NULL)
        sqlite3_bind_text(stmt, 2, second, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *out = rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL
               ? sqlite3_column_int64(stmt, 0)
               : fallback;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? MC_OK
               : mci_store_fail(db, err, "reading your desk days and credits");
}

/* Queued outbox rows: waiting, in flight, or accepted and not yet pulled. */
#define QUEUED "o.state IN (0, 1, 3)"

static const char balance_sql[] =
    "SELECT json_extract(data, '$.credit_balance') FROM entity WHERE kind = 'company' AND id = ?1";
static const char queued_credits_sql[] =
    "SELECT (SELECT coalesce(sum(p.credits), 0) FROM pending_booking p JOIN outbox o ON "
    "o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND " QUEUED ") + "
    "(SELECT coalesce(sum(p.credits), 0) FROM pending_desk_booking p JOIN outbox o ON "
    "o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND " QUEUED ")";
static const char queued_days_sql[] =
    "SELECT coalesce(sum(p.desk_days), 0) FROM pending_desk_booking p JOIN outbox o ON "
    "o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND substr(p.date, 1, 7) = ?2 AND " QUEUED;

static const char membership_sql[] =
    "SELECT coalesce(json_extract(data, '$.desk_days.allowance'), 0), "
    "coalesce(json_extract(data, '$.desk_days.used'), 0), "
    "coalesce(json_extract(data, '$.desk_days.month'), ''), "
    "coalesce(json_extract(data, '$.plan'), '') FROM entity WHERE kind = 'membership' "
    "ORDER BY id LIMIT 1";
static const char dedicated_sql[] =
    "SELECT id FROM desk_row WHERE mine != 0 AND kind = 'dedicated' ORDER BY id LIMIT 1";

static mc_status read_membership(sqlite3 *db, mci_stmt_cache *stmts, const char *month,
                                 mci_desk_means *m, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, membership_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading your membership");
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        m->allowance = sqlite3_column_int(stmt, 0);
        int used = strcmp(mci_column_text(stmt, 2), month) == 0 ? sqlite3_column_int(stmt, 1) : 0;
        m->desk_days_left = m->allowance > used ? m->allowance - used : 0;
        if (strcmp(mci_column_text(stmt, 3), "dedicated_desk") == 0)
            mci_strlcpy(m->dedicated_desk, "your dedicated desk", sizeof m->dedicated_desk);
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return mci_store_fail(db, err, "reading your membership");
    stmt = mci_stmt_cache_get(stmts, dedicated_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading your desk");
    if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        mci_strlcpy(m->dedicated_desk, mci_column_text(stmt, 0), sizeof m->dedicated_desk);
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK
                                                 : mci_store_fail(db, err, "reading your desk");
}

mc_status mci_desk_means_load(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                              const char *month, mci_desk_means *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    out->credits_left = -1;
    mc_account *account = NULL;
    mc_status st = mci_account_require(db, &account, err);
    if (st != MC_OK)
        return st;
    mci_strlcpy(out->building_id, account->building_id ? account->building_id : "",
                sizeof out->building_id);
    mci_strlcpy(out->company_id, account->company_id ? account->company_id : "",
                sizeof out->company_id);
    mc_account_free(account);
    int64_t queued_credits = 0, queued_days = 0;
    st = read_membership(db, stmts, month, out, err);
    if (st == MC_OK && out->company_id[0] != '\0')
        st = one_int_of(db, stmts, balance_sql, out->company_id, NULL, -1, &out->credits_left, err);
    if (st == MC_OK)
        st = one_int_of(db, stmts, queued_credits_sql, user_id, NULL, 0, &queued_credits, err);
    if (st == MC_OK)
        st = one_int_of(db, stmts, queued_days_sql, user_id, month, 0, &queued_days, err);
    if (st == MC_OK && out->credits_left >= 0)
        out->credits_left =
            out->credits_left > queued_credits ? out->credits_left - queued_credits : 0;
    if (st == MC_OK)
        out->desk_days_left =
            out->desk_days_left > queued_days ? out->desk_days_left - (int32_t)queued_days : 0;
    return st;
}
