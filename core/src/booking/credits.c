/* booking/credits.c - the member's company credits and ledger, from the local store. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "booking/bookings.h"
#include "handle/handle.h"
#include "membercore/booking.h"
#include "read/page.h"
#include "read/read.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

void mc_credits_free(mc_credits *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->ledger_count; i++) {
        free(c->ledger[i].id);
        free(c->ledger[i].reason);
        free(c->ledger[i].reservation_id);
    }
    free(c->ledger);
    free(c->ledger_next_cursor);
    free(c->company_id);
    free(c->company_name);
    free(c);
}

static mc_status read_company(mci_reader *r, const char *company_id, mc_credits *out, mc_error *err)
{
    sqlite3_stmt *stmt =
        mci_read_stmt(r,
                      "SELECT json_extract(data, '$.name'), json_extract(data, "
                      "'$.monthly_credits'), json_extract(data, '$.credit_balance') FROM "
                      "entity WHERE kind = 'company' AND id = ?1",
                      "reading credits", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, company_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    if (rc == SQLITE_ROW) {
        out->company_id = mci_strdup(company_id);
        out->company_name = mci_strdup(mci_column_text(stmt, 0));
        out->monthly_credits = sqlite3_column_int(stmt, 1);
        out->balance = sqlite3_column_int(stmt, 2);
        if (!out->company_id || !out->company_name)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    } else {
        st = rc == SQLITE_DONE ? mci_error_set(err, MC_ERR_NOT_FOUND,
                                               "company '%s' is not synced yet", company_id)
                               : mci_read_fail(r, "reading credits", err);
    }
    return st;
}

/* A page of the company's ledger, newest first, from the typed table: ?1 the company,
 * ?2 ?3 the cursor (at_ms, id), ?4 the fetch limit. */
static mc_status read_ledger(mci_reader *r, const char *company_id, const mci_page *page,
                             mc_credits *out, mc_error *err)
{
    sqlite3_stmt *stmt =
        mci_read_stmt(r,
                      "SELECT id, delta, balance_after, reason, reservation_id, at_ms FROM "
                      "credit_line_row WHERE company_id = ?1 AND (at_ms, id) < (?2, ?3) "
                      "ORDER BY at_ms DESC, id DESC LIMIT ?4",
                      "reading the credit ledger", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, company_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, page->has_cursor ? page->key : INT64_MAX);
    sqlite3_bind_text(stmt, 3, page->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, mci_page_fetch_limit(page));
    mc_status st = MC_OK;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (page->limit >= 0 && out->ledger_count == (size_t)page->limit) {
            const mc_credit_line *last = &out->ledger[out->ledger_count - 1];
            if ((out->ledger_next_cursor = mci_page_cursor_int(last->at_ms, last->id)) == NULL)
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
            return st;
        }
        if (out->ledger_count == cap) {
            cap = cap ? cap * 2 : 16;
            mc_credit_line *grown = realloc(out->ledger, cap * sizeof *grown);
            if (grown == NULL)
                return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
            out->ledger = grown;
        }
        mc_credit_line *l = &out->ledger[out->ledger_count++];
        l->id = mci_strdup(mci_column_text(stmt, 0));
        l->delta = sqlite3_column_int(stmt, 1);
        l->balance_after = sqlite3_column_int(stmt, 2);
        l->reason = mci_strdup(mci_column_text(stmt, 3));
        l->reservation_id = mci_strdup(mci_column_text(stmt, 4));
        l->at_ms = sqlite3_column_int64(stmt, 5);
        if (!l->id || !l->reason || !l->reservation_id)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading the credit ledger", err);
    return st;
}

static mc_status get_credits(mc_client *c, const mci_page *page, mc_credits **out, mc_error *err)
{
    mc_credits *credits = calloc(1, sizeof *credits);
    if (credits == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    sqlite3_stmt *company = NULL;
    if (st == MC_OK &&
        (company = mci_read_stmt(r, "SELECT company_id FROM account WHERE singleton = 1",
                                 "reading credits", err)) == NULL)
        st = MC_ERR_STORAGE;
    const char *company_id = "";
    if (st == MC_OK && sqlite3_step(company) == SQLITE_ROW)
        company_id = mci_column_text(company, 0); /* valid until the reader ends */
    if (st == MC_OK && company_id[0] == '\0')
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "you have no company credit plan");
    if (st == MC_OK)
        st = read_company(r, company_id, credits, err);
    if (st == MC_OK)
        st = read_ledger(r, company_id, page, credits, err);
    if (st == MC_OK) {
        credits->pending_debit = mci_booking_pending_debit(r->stmts, r->user_id);
        credits->balance -= credits->pending_debit;
    }
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_credits_free(credits);
        return st;
    }
    *out = credits;
    return MC_OK;
}

mc_status mc_credits_get_page(mc_client *c, const mc_page *page, mc_credits **out, mc_error *err)
{
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mci_page p;
    mc_status st = mci_page_start(page, true, &p, err);
    if (st == MC_OK)
        st = get_credits(c, &p, out, err);
    mci_page_done(&p);
    return st;
}

mc_status mc_credits_get(mc_client *c, mc_credits **out, mc_error *err)
{
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mci_page all;
    mci_page_all(&all);
    return get_credits(c, &all, out, err);
}
