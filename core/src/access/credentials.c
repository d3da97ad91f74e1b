/*
 * access/credentials.c - the signed-in member's access credentials from the local store,
 * and the rotating door payload of one at the client's clock (offline; the secret never
 * leaves the core and is wiped after use).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/codes.h"
#include "access/credentials.h"
#include "access/kinds.h"
#include "account/account.h"
#include "catalog/zones.h"
#include "handle/handle.h"
#include "crypto/crypto.h"
#include "membercore/access.h"
#include "read/items.h"
#include "read/list.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

/* Longest secret accepted from the store (the server issues 32 bytes). */
#define SECRET_MAX 64

/* A page of unexpired credentials, soonest valid first, from the typed table: ?1 ?2 the
 * cursor (valid_from_ms, id), ?3 the fetch limit, ?4 now. */
static const mci_list_query credentials_query = {
    "SELECT valid_from_ms, id, kind, building_id, valid_until_ms, pass_id, reservation_id, "
    "desk_booking_id "
    "FROM credential_row WHERE valid_until_ms > ?4 AND (valid_from_ms, id) > (?1, ?2) "
    "ORDER BY valid_from_ms, id LIMIT ?3",
    "reading credentials", MCI_KEY_INT_ASC};

/* Bytes kept of a credential's building id, for its messages. */
#define BUILDING_ID_MAX 64

static const char secret_sql[] =
    "SELECT json_extract(data, '$.valid_from_ms'), json_extract(data, '$.valid_until_ms'), "
    "json_extract(data, '$.secret_hex'), json_extract(data, '$.building_id') FROM entity "
    "WHERE kind = 'credential' AND id = ?1";

static const char building_sql[] =
    "SELECT json_extract(data, '$.building_id') FROM entity WHERE kind = 'credential' AND id = ?1";

static void credential_clear(mc_credential *cr)
{
    free(cr->id);
    free(cr->building_id);
    free(cr->pass_id);
    free(cr->reservation_id);
    free(cr->desk_booking_id);
}

void mc_credential_list_free(mc_credential_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        credential_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

static bool read_credential(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    mc_credential *cr = item;
    cr->valid_from_ms = sqlite3_column_int64(row, 0);
    cr->id = mci_strdup(mci_column_text(row, 1));
    cr->kind = mci_credential_kind_parse((const char *)sqlite3_column_text(row, 2));
    cr->building_id = mci_strdup(mci_column_text(row, 3));
    cr->valid_until_ms = sqlite3_column_int64(row, 4);
    cr->pass_id = mci_strdup(mci_column_text(row, 5));
    cr->reservation_id = mci_strdup(mci_column_text(row, 6));
    cr->desk_booking_id = mci_strdup(mci_column_text(row, 7));
    return cr->id && cr->building_id && cr->pass_id && cr->reservation_id && cr->desk_booking_id;
}

/* A credential's window in its building's local time (an mci_localize_fn). */
static mc_status localize_credential(mci_zone_book *book, void *item, mc_error *err)
{
    mc_credential *cr = item;
    mc_status st =
        mci_zone_book_local(book, cr->building_id, cr->valid_from_ms, &cr->valid_from, err);
    return st == MC_OK ? mci_zone_book_local(book, cr->building_id, cr->valid_until_ms,
                                             &cr->valid_until, err)
                       : st;
}

bool mci_credential_ready(mci_reader *r, const char *credential_id)
{
    if (credential_id == NULL || credential_id[0] == '\0')
        return false;
    sqlite3_stmt *stmt = mci_read_stmt(r, secret_sql, "reading a credential", NULL);
    if (stmt == NULL)
        return false;
    sqlite3_bind_text(stmt, 1, credential_id, -1, SQLITE_STATIC);
    bool ready = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 2) == SQLITE_TEXT &&
                 sqlite3_column_bytes(stmt, 2) > 0;
    sqlite3_reset(stmt);
    return ready;
}

static void bind_now(sqlite3_stmt *stmt, void *context)
{
    sqlite3_bind_int64(stmt, 4, *(const int64_t *)context);
}

static mc_status list_credentials(mc_client *c, const void *args, const mci_page *page, void **out,
                                  mc_error *err)
{
    (void)args;
    mc_credential_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    int64_t now = mci_client_now(c);
    if (st == MC_OK)
        st = mci_read_rows(r, &credentials_query, page, bind_now, read_credential, &now,
                           (void **)&list->items, sizeof *list->items, &list->count,
                           &list->next_cursor, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                localize_credential, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_credential_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_credentials_page(mc_client *c, const mc_page *page, mc_credential_list **out,
                              mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_credentials, NULL, (void **)out, err);
}

mc_status mc_credentials_list(mc_client *c, mc_credential_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_credentials, NULL, (void **)out, err);
}

/* "2026-12-07 09:00 IST": ms in the credential's building's local time, for a message. */
static void format_local(mc_client *c, const char *building_id, int64_t ms, char out[48])
{
    mc_local_time t;
    if (mci_local_time_in(c, building_id, ms, &t, NULL) == MC_OK && mc_local_time_is_set(&t))
        snprintf(out, 48, "%04d-%02d-%02d %02d:%02d %s", (int)t.year, (int)t.month, (int)t.day,
                 (int)t.hour, (int)t.minute, t.label);
    else
        snprintf(out, 48, "%" PRId64 " ms", ms);
}

/* The validity window, building and secret of credential_id, read through the read layer. */
static mc_status load_secret(mc_client *c, const char *credential_id, int64_t *from_ms,
                             int64_t *until_ms, char building_id[BUILDING_ID_MAX],
                             uint8_t secret[SECRET_MAX], size_t *secret_len, mc_error *err)
{
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    sqlite3_stmt *stmt = NULL;
    if (st == MC_OK && (stmt = mci_read_stmt(r, secret_sql, "reading the credential", err)) == NULL)
        st = MC_ERR_STORAGE;
    if (st == MC_OK) {
        sqlite3_bind_text(stmt, 1, credential_id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            st = mci_error_set(err, MC_ERR_NOT_FOUND,
                               "no credential '%s' on this device (sync to fetch new ones)",
                               credential_id);
        } else if (rc != SQLITE_ROW) {
            st = mci_read_fail(r, "reading the credential", err);
        } else {
            *from_ms = sqlite3_column_int64(stmt, 0);
            *until_ms = sqlite3_column_int64(stmt, 1);
            snprintf(building_id, BUILDING_ID_MAX, "%s", mci_column_text(stmt, 3));
            const char *hex = mci_column_text(stmt, 2);
            if (!mci_hex_decode(hex, secret, SECRET_MAX, secret_len) || *secret_len == 0)
                st = mci_error_set(err, MC_ERR_STORAGE,
                                   "credential '%s' has no usable secret in the local store",
                                   credential_id);
        }
        sqlite3_reset(stmt); /* drops the row, and SQLite's copy of the secret with it */
        sqlite3_clear_bindings(stmt);
    }
    mci_read_end(c->readers, r);
    return st;
}

mc_status mc_credential_payload(mc_client *c, const char *credential_id, char *out, size_t out_cap,
                                int64_t *refresh_at_ms, mc_error *err)
{
    MCI_ENTER(c, err);
    if (refresh_at_ms != NULL)
        *refresh_at_ms = 0;
    if (out != NULL && out_cap > 0)
        out[0] = '\0';
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (credential_id == NULL || credential_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "credential_id is required");
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    if (out_cap < MC_ACCESS_PAYLOAD_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out_cap must be at least %d (got %zu)",
                             MC_ACCESS_PAYLOAD_MAX, out_cap);
    int64_t now = mci_client_now(c);
    int64_t from_ms = 0, until_ms = 0;
    uint8_t secret[SECRET_MAX];
    size_t secret_len = 0;
    char building_id[BUILDING_ID_MAX] = "";
    mc_status st =
        load_secret(c, credential_id, &from_ms, &until_ms, building_id, secret, &secret_len, err);
    char when[48];
    if (st == MC_OK && now < from_ms) {
        format_local(c, building_id, from_ms, when);
        st = mci_error_set(err, MC_ERR_STATE, "credential '%s' is not valid yet: valid from %s",
                           credential_id, when);
    } else if (st == MC_OK && now >= until_ms) {
        format_local(c, building_id, until_ms, when);
        st = mci_error_set(err, MC_ERR_STATE, "credential '%s' has expired: valid until %s",
                           credential_id, when);
    }
    if (st == MC_OK)
        st = mc_access_payload(credential_id, secret, secret_len, now, out, out_cap, err);
    mci_wipe(secret, sizeof secret);
    if (st != MC_OK)
        return st;
    if (refresh_at_ms != NULL) {
        int64_t next = mci_access_next_step_ms(mci_access_step(now));
        *refresh_at_ms = next < until_ms ? next : until_ms;
    }
    return MC_OK;
}

mc_status mc_credential_local_time(mc_client *c, const char *credential_id, int64_t utc_ms,
                                   mc_local_time *out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (c == NULL || credential_id == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is NULL",
                             c == NULL               ? "client"
                             : credential_id == NULL ? "credential_id"
                                                     : "out");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    sqlite3_stmt *stmt = NULL;
    if (st == MC_OK &&
        (stmt = mci_read_stmt(r, building_sql, "reading the credential", err)) == NULL)
        st = MC_ERR_STORAGE;
    char building_id[BUILDING_ID_MAX] = "";
    if (st == MC_OK) {
        sqlite3_bind_text(stmt, 1, credential_id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            snprintf(building_id, sizeof building_id, "%s", mci_column_text(stmt, 0));
        else if (rc != SQLITE_DONE)
            st = mci_read_fail(r, "reading the credential", err);
        sqlite3_reset(stmt);
    }
    mci_read_end(c->readers, r);
    return st == MC_OK ? mci_local_time_in(c, building_id, utc_ms, out, err) : st;
}
