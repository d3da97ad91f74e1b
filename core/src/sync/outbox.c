/* sync/outbox.c - the outbox: enqueue pending intents, recover after a crash, list them for the UI.
 */
#include "sync/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

mc_status mci_outbox_enqueue(mc_client *c, const char *user_id, const char *kind,
                             const char *entity_id, const cJSON *payload, int64_t *mutation_id,
                             mc_error *err)
{
    uint8_t raw[16];
    char key[MCI_UUID_STR_LEN];
    mc_status st = mci_client_random(c, raw, sizeof raw, err);
    if (st != MC_OK)
        return st;
    mci_uuid_format(raw, key);
    char *text = cJSON_PrintUnformatted(payload);
    if (text == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory queueing a change");
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO outbox (user_id, idempotency_key, kind, entity_id, "
                           "payload, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &stmt, NULL) != SQLITE_OK) {
        cJSON_free(text);
        return mci_store_fail(c->db, err, "queueing a change");
    }
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, entity_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, mci_client_now(c));
    st =
        sqlite3_step(stmt) == SQLITE_DONE ? MC_OK : mci_store_fail(c->db, err, "queueing a change");
    sqlite3_finalize(stmt);
    cJSON_free(text);
    if (st == MC_OK && mutation_id != NULL)
        *mutation_id = sqlite3_last_insert_rowid(c->db);
    return st;
}

static mc_status exec(sqlite3 *db, const char *sql, mc_error *err, const char *doing)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, doing);
    return MC_OK;
}

mc_status mci_outbox_recover(sqlite3 *db, mc_error *err)
{
    return exec(db, "UPDATE outbox SET state = 0 WHERE state = 1", err,
                "recovering in-flight changes");
}

mc_status mci_outbox_counts(sqlite3 *db, int32_t *unconfirmed, int32_t *rejected, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT coalesce(sum(state IN (0, 1)), 0), coalesce(sum(state = 2), 0) "
                           "FROM outbox",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "counting queued changes");
    mc_status st = MC_OK;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *unconfirmed = sqlite3_column_int(stmt, 0);
        *rejected = sqlite3_column_int(stmt, 1);
    } else {
        st = mci_store_fail(db, err, "counting queued changes");
    }
    sqlite3_finalize(stmt);
    return st;
}

mc_status mci_outbox_forget_acked(sqlite3 *db, int64_t acked, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "DELETE FROM outbox WHERE state = 3 AND mutation_id <= ?1", -1,
                           &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "forgetting confirmed changes");
    sqlite3_bind_int64(stmt, 1, acked);
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(db, err, "forgetting confirmed changes");
    sqlite3_finalize(stmt);
    return st;
}

/* ---- The public outbox view -------------------------------------------------- */

const char *mc_mutation_state_name(mc_mutation_state state)
{
    static const char *const names[] = {"pending", "in_flight", "rejected", "acknowledged"};
    return (unsigned)state < sizeof names / sizeof *names ? names[state] : "unknown";
}

void mc_mutation_list_free(mc_mutation_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        mc_mutation *m = &list->items[i];
        free(m->kind);
        free(m->entity_id);
        free(m->payload);
        free(m->error_server_code);
        free(m->error_message);
    }
    free(list->items);
    free(list);
}

mc_status mc_outbox_list(mc_client *c, mc_mutation_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_mutation_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    pthread_mutex_lock(&c->lock);
    char *user_id = NULL;
    mc_status st = mci_account_user_id(c->db, &user_id, err);
    sqlite3_stmt *stmt = NULL;
    if (st == MC_OK &&
        sqlite3_prepare_v2(c->db,
                           "SELECT mutation_id, kind, entity_id, payload, state, attempts, "
                           "created_at_ms, next_attempt_ms, error_code, error_server_code, "
                           "error_message FROM outbox WHERE user_id = ?1 AND state != 3 "
                           "ORDER BY mutation_id",
                           -1, &stmt, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "listing queued changes");
    if (st == MC_OK)
        sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (list->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            mc_mutation *grown = realloc(list->items, ncap * sizeof *grown);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            list->items = grown;
            cap = ncap;
        }
        mc_mutation *m = &list->items[list->count++];
        memset(m, 0, sizeof *m);
        m->mutation_id = sqlite3_column_int64(stmt, 0);
        m->kind = mci_strdup(mci_column_text(stmt, 1));
        m->entity_id = mci_strdup(mci_column_text(stmt, 2));
        m->payload = mci_strdup(mci_column_text(stmt, 3));
        m->state = (mc_mutation_state)sqlite3_column_int(stmt, 4);
        m->attempts = sqlite3_column_int(stmt, 5);
        m->created_at_ms = sqlite3_column_int64(stmt, 6);
        m->next_attempt_ms = sqlite3_column_int64(stmt, 7);
        m->error_code = (mc_status)sqlite3_column_int(stmt, 8);
        m->error_server_code = mci_strdup(mci_column_text(stmt, 9));
        m->error_message = mci_strdup(mci_column_text(stmt, 10));
        m->error_rule = m->state == MC_MUTATION_REJECTED && m->error_code == MC_ERR_CONFLICT
                            ? mci_rule_of_server_code(m->error_server_code)
                            : MC_RULE_NONE;
        if (!m->kind || !m->entity_id || !m->payload || !m->error_server_code || !m->error_message)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(c->db, err, "listing queued changes");
    sqlite3_finalize(stmt);
    pthread_mutex_unlock(&c->lock);
    free(user_id);
    if (st != MC_OK) {
        mc_mutation_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_outbox_dismiss(mc_client *c, int64_t mutation_id, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    pthread_mutex_lock(&c->lock);
    sqlite3_stmt *stmt = NULL;
    mc_status st = MC_OK;
    if (sqlite3_prepare_v2(c->db, "SELECT state FROM outbox WHERE mutation_id = ?1", -1, &stmt,
                           NULL) != SQLITE_OK) {
        st = mci_store_fail(c->db, err, "dismissing a change");
    } else {
        sqlite3_bind_int64(stmt, 1, mutation_id);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            st = mci_error_set(err, MC_ERR_NOT_FOUND, "no queued change %lld",
                               (long long)mutation_id);
        else if (rc != SQLITE_ROW)
            st = mci_store_fail(c->db, err, "dismissing a change");
        else if (sqlite3_column_int(stmt, 0) != MC_MUTATION_REJECTED)
            st = mci_error_set(err, MC_ERR_STATE,
                               "change %lld was not rejected; only rejected changes can be "
                               "dismissed",
                               (long long)mutation_id);
    }
    sqlite3_finalize(stmt);
    if (st == MC_OK) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM outbox WHERE mutation_id = %lld AND state = 2",
                 (long long)mutation_id);
        st = exec(c->db, sql, err, "dismissing a change");
    }
    pthread_mutex_unlock(&c->lock);
    return st;
}
