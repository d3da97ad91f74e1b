/* booking/credits.c - the member's company credits and ledger, from the local store. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "booking/bookings.h"
#include "catalog/zones.h"
#include "handle/handle.h"
#include "membercore/booking.h"
#include "read/items.h"
#include "read/list.h"
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

mc_status mci_credits_read_company(mci_reader *r, const char *company_id, mc_credits *out,
                                   mc_error *err)
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
    if (st == MC_OK) {
        out->pending_debit = mci_booking_pending_debit(r->stmts, r->user_id);
        out->balance -= out->pending_debit;
    }
    return st;
}

/* A page of the company's ledger, newest first, from the typed table: ?1 ?2 the cursor
 * (at_ms, id), ?3 the fetch limit, ?4 the company. */
static const mci_list_query ledger_query = {
    "SELECT at_ms, id, delta, balance_after, reason, reservation_id, building_id "
    "FROM credit_line_row "
    "WHERE company_id = ?4 AND (at_ms, id) < (?1, ?2) ORDER BY at_ms DESC, id DESC LIMIT ?3",
    "reading the credit ledger", MCI_KEY_INT_DESC};

/* The company and the page's zone book, for binding and for each line. */
typedef struct ledger_args {
    const char *company_id;
    mci_zone_book *book;
} ledger_args;

/* A line, with its instant in its building's local time (the member's when it names none). */
static bool read_line(sqlite3_stmt *row, void *item, void *context)
{
    const ledger_args *a = context;
    mc_credit_line *l = item;
    l->at_ms = sqlite3_column_int64(row, 0);
    l->id = mci_strdup(mci_column_text(row, 1));
    l->delta = sqlite3_column_int(row, 2);
    l->balance_after = sqlite3_column_int(row, 3);
    l->reason = mci_strdup(mci_column_text(row, 4));
    l->reservation_id = mci_strdup(mci_column_text(row, 5));
    return l->id && l->reason && l->reservation_id &&
           mci_zone_book_local(a->book, mci_column_text(row, 6), l->at_ms, &l->at, NULL) == MC_OK;
}

static void bind_company(sqlite3_stmt *stmt, void *context)
{
    sqlite3_bind_text(stmt, 4, ((const ledger_args *)context)->company_id, -1, SQLITE_STATIC);
}

static mc_status get_credits(mc_client *c, const void *args, const mci_page *page, void **out,
                             mc_error *err)
{
    (void)args;
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
        st = mci_credits_read_company(r, company_id, credits, err);
    ledger_args page_args = {company_id, NULL};
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &page_args.book, err);
    if (st == MC_OK)
        st = mci_read_rows(r, &ledger_query, page, bind_company, read_line, &page_args,
                           (void **)&credits->ledger, sizeof *credits->ledger,
                           &credits->ledger_count, &credits->ledger_next_cursor, err);
    mci_zone_book_free(page_args.book);
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
    MCI_ENTER(c, err);
    return mci_list(c, page, true, get_credits, NULL, (void **)out, err);
}

mc_status mc_credits_get(mc_client *c, mc_credits **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, get_credits, NULL, (void **)out, err);
}
