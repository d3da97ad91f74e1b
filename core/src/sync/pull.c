/* sync/pull.c - pulling the server's changes page by page, each page applied in one transaction. */
#include "sync/pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "net/http.h"
#include "store/projection.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/json.h"

/* Check the page's shape before touching the store, so a bad page changes nothing. */
static mc_status check_page(const cJSON *page, mc_error *err)
{
    const cJSON *changes = cJSON_GetObjectItemCaseSensitive(page, "changes");
    if (!cJSON_IsArray(changes))
        return mci_error_set(err, MC_ERR_SERVER, "the pull page has no changes array");
    if (mci_json_string(page, "cursor", NULL) == NULL)
        return mci_error_set(err, MC_ERR_SERVER, "the pull page has no cursor");
    const cJSON *ch = NULL;
    cJSON_ArrayForEach(ch, changes)
    {
        const char *op = mci_json_string(ch, "op", "");
        bool upsert = strcmp(op, "upsert") == 0;
        const char *text = mci_json_string(ch, "data_json", NULL);
        bool has_data = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(ch, "data")) ||
                        (text != NULL && text[0] == '{');
        if (mci_json_string(ch, "kind", NULL) == NULL || mci_json_string(ch, "id", NULL) == NULL ||
            (!upsert && strcmp(op, "delete") != 0) || (upsert && !has_data))
            return mci_error_set(err, MC_ERR_SERVER,
                                 "a change in the pull page lacks kind, id, op or data");
    }
    return MC_OK;
}

/* The profile of the signed-in user also refreshes the account row. */
static mc_status refresh_account(sqlite3 *db, const cJSON *data, int64_t now_ms, mc_error *err)
{
    mc_account *account = NULL;
    mc_status st = mci_account_from_json(data, &account, err);
    if (st == MC_OK)
        st = mci_account_save(db, account, now_ms, err);
    mc_account_free(account);
    return st;
}

/* One projection statement: ?1 the id, ?2 the data (when given). The statements
 * come from a cache kept for the page: one compile per page, not per change. */
static mc_status project_step(sqlite3 *db, mci_stmt_cache *stmts, const char *sql, const char *id,
                              const char *data, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "projecting a pulled change");
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    if (data != NULL)
        sqlite3_bind_text(stmt, 2, data, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    /* A constraint the data breaks (a field its kind needs is missing or of the wrong type) is
     * the page's fault, not the device's: refused as malformed, like invalid JSON. */
    mc_status st = rc == SQLITE_DONE ? MC_OK
                   : (rc & 0xff) == SQLITE_CONSTRAINT || rc == SQLITE_MISMATCH
                       ? mci_error_set(err, MC_ERR_SERVER,
                                       "change %.64s in the pull page has malformed data (%s)", id,
                                       sqlite3_errmsg(db))
                       : mci_store_fail(db, err, "projecting a pulled change");
    sqlite3_reset(stmt);
    return st;
}

/* Keep a kind's typed projection (and its child rows) in step with `entity`, in the
 * same transaction. */
static mc_status project(sqlite3 *db, mci_stmt_cache *stmts, const mci_projection *projection,
                         bool is_upsert, const char *id, const char *data, mc_error *err)
{
    if (!is_upsert)
        return project_step(db, stmts, projection->delete_sql, id, NULL, err);
    mc_status st = project_step(db, stmts, projection->upsert_sql, id, data, err);
    if (st == MC_OK && projection->children_sql != NULL)
        st = project_step(db, stmts, projection->children_sql, id, data, err);
    if (st == MC_OK && projection->more_children_sql != NULL)
        st = project_step(db, stmts, projection->more_children_sql, id, data, err);
    return st;
}

static mc_status apply_changes(sqlite3 *db, const cJSON *changes, const char *user_id,
                               int64_t now_ms, mci_page_result *result, mc_error *err)
{
    sqlite3_stmt *upsert = NULL, *tombstone = NULL;
    mci_stmt_cache *stmts = mci_stmt_cache_new(db);
    mc_status st = stmts ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    /* json_valid() checks data sent as text in SQLite's own parser (an invalid
     * one becomes NULL, which the NOT NULL column refuses: the page rolls back). */
    if (st == MC_OK &&
        (sqlite3_prepare_v2(db,
                            "INSERT INTO entity (kind, id, data) VALUES (?1, ?2, CASE WHEN "
                            "json_valid(?3) THEN ?3 END) "
                            "ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data",
                            -1, &upsert, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(db, "DELETE FROM entity WHERE kind = ?1 AND id = ?2", -1, &tombstone,
                            NULL) != SQLITE_OK))
        st = mci_store_fail(db, err, "applying a pull page");
    const cJSON *ch = NULL;
    cJSON_ArrayForEach(ch, changes)
    {
        if (st != MC_OK)
            break;
        const char *kind = mci_json_string(ch, "kind", "");
        const char *id = mci_json_string(ch, "id", "");
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(ch, "data");
        const char *data_json = mci_json_string(ch, "data_json", NULL);
        bool is_upsert = strcmp(mci_json_string(ch, "op", ""), "upsert") == 0;
        sqlite3_stmt *stmt = is_upsert ? upsert : tombstone;
        char *printed = NULL;
        sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
        if (is_upsert) {
            /* data_json: the server's own text, stored without a second parse
             * in cJSON (docs/sync-protocol.md); data: an object to print. */
            if (data_json == NULL && (printed = cJSON_PrintUnformatted(data)) == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory applying a pull page");
                break;
            }
            sqlite3_bind_text(stmt, 3, data_json ? data_json : printed, -1, SQLITE_STATIC);
        }
        if (sqlite3_step(stmt) != SQLITE_DONE)
            st = strstr(sqlite3_errmsg(db), "entity.data") != NULL /* json_valid said no */
                     ? mci_error_set(err, MC_ERR_SERVER,
                                     "%s %s in the pull page has malformed data", kind, id)
                     : mci_store_fail(db, err, "applying a pull page");
        sqlite3_reset(stmt);
        const mci_projection *projection = st == MC_OK ? mci_projection_find(kind) : NULL;
        if (projection != NULL)
            st =
                project(db, stmts, projection, is_upsert, id, data_json ? data_json : printed, err);
        cJSON_free(printed);
        uint32_t bit = mci_kind_bit(kind);
        if (st == MC_OK && is_upsert && bit == MC_KIND_PROFILE && user_id != NULL &&
            strcmp(id, user_id) == 0) {
            cJSON *parsed = data_json ? cJSON_Parse(data_json) : NULL;
            st = refresh_account(db, parsed ? parsed : data, now_ms, err);
            cJSON_Delete(parsed);
        }
        result->applied++;
        result->kinds |= bit;
    }
    sqlite3_finalize(upsert);
    sqlite3_finalize(tombstone);
    mci_stmt_cache_free(stmts);
    return st;
}

mc_status mci_pull_apply(sqlite3 *db, const cJSON *page, const char *user_id, int64_t now_ms,
                         mci_page_result *result, mc_error *err)
{
    memset(result, 0, sizeof *result);
    result->snapshot_total = -1;
    mc_status st = check_page(page, err);
    if (st != MC_OK)
        return st;
    int64_t acked = mci_json_int(page, "acked_mutation_id", 0);
    char *stored = NULL;
    if (mci_meta_get(db, MCI_META_ACKED, &stored, NULL) == MC_OK) {
        int64_t previous = strtoll(stored, NULL, 10);
        if (previous > acked)
            acked = previous; /* acknowledgements only move forward */
        free(stored);
    }
    char acked_text[24];
    snprintf(acked_text, sizeof acked_text, "%lld", (long long)acked);

    st = mci_store_begin(db, err);
    if (st == MC_OK)
        st = apply_changes(db, cJSON_GetObjectItemCaseSensitive(page, "changes"), user_id, now_ms,
                           result, err);
    if (st == MC_OK)
        st = mci_outbox_forget_acked(db, acked, err);
    if (st == MC_OK)
        st = mci_meta_set(db, MCI_META_ACKED, acked_text, err);
    if (st == MC_OK)
        st = mci_meta_set(db, MCI_META_CURSOR, mci_json_string(page, "cursor", ""), err);
    if (st == MC_OK && user_id != NULL)
        st = mci_meta_set(db, MCI_META_SYNC_USER, user_id, err);
    if (st != MC_OK) {
        mci_store_rollback(db);
        return st;
    }
    st = mci_store_commit(db, err);
    result->has_more = mci_json_bool(page, "has_more", false);
    result->snapshot_total = mci_json_int(page, "snapshot_total", -1);
    return st;
}

/* The cursor to pull from; "" starts a snapshot. Server truth of another
 * user is wiped first. Lock held. *cursor is malloc'd. */
static mc_status load_cursor(mc_client *c, const char *user_id, char **cursor, mc_error *err)
{
    char *owner = NULL;
    mc_status st = mci_meta_get(c->db, MCI_META_SYNC_USER, &owner, err);
    if (st == MC_ERR_NOT_FOUND || (st == MC_OK && strcmp(owner, user_id) != 0)) {
        free(owner);
        owner = NULL;
        st = mci_store_forget_server_truth(c->db, err);
    }
    free(owner);
    if (st != MC_OK)
        return st;
    st = mci_meta_get(c->db, MCI_META_CURSOR, cursor, err);
    if (st == MC_ERR_NOT_FOUND) {
        *cursor = strdup("");
        st = *cursor ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    return st;
}

mc_status mci_pull_next(mc_client *c, const char *token, const char *user_id,
                        mci_page_size *page_size, mc_sync_report *report, bool *has_more,
                        mci_snapshot_progress *progress, mc_error *err)
{
    *has_more = false;
    char *cursor = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = load_cursor(c, user_id, &cursor, err);
    pthread_mutex_unlock(&c->lock);
    if (st != MC_OK)
        return st;
    if (cursor[0] == '\0' && !progress->active) {
        progress->active = true;
        progress->done = 0;
        progress->total = -1;
    }

    char limit[16];
    snprintf(limit, sizeof limit, "%d", (int)page_size->limit);
    const char *params[] = {"client_id", c->client_id, "limit", limit, "cursor", cursor};
    cJSON *page = NULL;
    st = mci_http_call_query(&c->http, "GET", "/v1/sync/pull", params, cursor[0] ? 3 : 2, NULL,
                             token, &page, err);
    free(cursor);
    if (st != MC_OK) {
        cJSON_Delete(page);
        /* No answer in time (no HTTP status): the next try asks for a smaller page. */
        if (st == MC_ERR_NETWORK && err->http_status == 0)
            mci_page_size_timed_out(page_size);
        if (err->http_status == 410 && strcmp(err->server_code, "cursor_reset") == 0) {
            /* The server cannot serve our cursor: wipe server truth, keep the
             * outbox, and start a fresh snapshot. */
            pthread_mutex_lock(&c->lock);
            st = mci_store_forget_server_truth(c->db, err);
            pthread_mutex_unlock(&c->lock);
            if (st == MC_OK) {
                *has_more = true;
                progress->active = false;
                if (report != NULL) {
                    report->reset = true;
                    report->changed_kinds |= MCI_KIND_ALL;
                }
            }
        }
        return st;
    }

    mci_page_size_arrived(page_size);
    mci_page_result result;
    pthread_mutex_lock(&c->lock);
    st = mci_pull_apply(c->db, page, user_id, mci_client_now(c), &result, err);
    pthread_mutex_unlock(&c->lock);
    cJSON_Delete(page);
    if (st != MC_OK)
        return st;
    *has_more = result.has_more;
    if (report != NULL) {
        report->pulled += result.applied;
        report->changed_kinds |= result.kinds;
    }
    if (progress->active) {
        progress->done += result.applied;
        if (result.snapshot_total >= 0)
            progress->total = result.snapshot_total;
        mc_sync_event ev = {
            .type = MC_SYNC_EVENT_PROGRESS, .done = progress->done, .total = progress->total};
        mci_sync_emit(c, &ev);
        if (!result.has_more)
            progress->active = false;
    }
    return MC_OK;
}
