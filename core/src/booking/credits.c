/* booking/credits.c - the member's company credits and ledger, from the local store. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "booking/bookings.h"
#include "handle/handle.h"
#include "membercore/booking.h"
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
    free(c->company_id);
    free(c->company_name);
    free(c);
}

static mc_status read_company(sqlite3 *db, const char *company_id, mc_credits *out, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT json_extract(data, '$.name'), json_extract(data, "
                           "'$.monthly_credits'), json_extract(data, '$.credit_balance') FROM "
                           "entity WHERE kind = 'company' AND id = ?1",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading credits");
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
                               : mci_store_fail(db, err, "reading credits");
    }
    sqlite3_finalize(stmt);
    return st;
}

static mc_status read_ledger(sqlite3 *db, const char *company_id, mc_credits *out, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, json_extract(data, '$.delta'), json_extract(data, "
                           "'$.balance_after'), json_extract(data, '$.reason'), "
                           "json_extract(data, '$.reservation_id'), json_extract(data, '$.at_ms') "
                           "FROM entity WHERE kind = 'credit_ledger' AND "
                           "json_extract(data, '$.company_id') = ?1 ORDER BY 6 DESC, id DESC",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the credit ledger");
    sqlite3_bind_text(stmt, 1, company_id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    size_t cap = 0;
    while (st == MC_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        if (out->ledger_count == cap) {
            cap = cap ? cap * 2 : 16;
            mc_credit_line *grown = realloc(out->ledger, cap * sizeof *grown);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
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
    sqlite3_finalize(stmt);
    return st;
}

mc_status mc_credits_get(mc_client *c, mc_credits **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_credits *credits = calloc(1, sizeof *credits);
    if (credits == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_account *account = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_account_load(c->db, &account, err);
    if (st == MC_ERR_NOT_FOUND)
        st = mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    if (st == MC_OK && account->company_id[0] == '\0')
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "you have no company credit plan");
    if (st == MC_OK)
        st = read_company(c->db, account->company_id, credits, err);
    if (st == MC_OK)
        st = read_ledger(c->db, account->company_id, credits, err);
    if (st == MC_OK) {
        credits->pending_debit = mci_booking_pending_debit(c->db, account->user_id);
        credits->balance -= credits->pending_debit;
    }
    pthread_mutex_unlock(&c->lock);
    mc_account_free(account);
    if (st != MC_OK) {
        mc_credits_free(credits);
        return st;
    }
    *out = credits;
    return MC_OK;
}
