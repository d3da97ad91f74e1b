/* sync/push.c - sending the outbox in order and classifying each answer (SYNC.md "Push"). */
#include "sync/push.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/http.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

enum { STATE_PENDING = 0, STATE_IN_FLIGHT = 1, STATE_REJECTED = 2, STATE_ACKNOWLEDGED = 3 };

/* One row of the batch, as the push needs it after the answer. */
typedef struct batch_row {
    int64_t mutation_id;
    char *kind;
    char *entity_id;
} batch_row;

typedef struct batch {
    batch_row rows[MCI_PUSH_BATCH];
    int count;
    int64_t first, last;
} batch;

static void batch_free(batch *b)
{
    for (int i = 0; i < b->count; i++) {
        free(b->rows[i].kind);
        free(b->rows[i].entity_id);
    }
}

/* Read the next batch into b and the request body; mark it in flight. Lock held. */
static mc_status take_batch(mc_client *c, const char *user_id, batch *b, cJSON *mutations,
                            mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT mutation_id, idempotency_key, kind, entity_id, payload "
                           "FROM outbox WHERE user_id = ?1 AND state IN (0, 1) "
                           "ORDER BY mutation_id LIMIT ?2",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(c->db, err, "reading the outbox");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, MCI_PUSH_BATCH);
    mc_status st = MC_OK;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        batch_row *row = &b->rows[b->count];
        row->mutation_id = sqlite3_column_int64(stmt, 0);
        row->kind = mci_strdup((const char *)sqlite3_column_text(stmt, 2));
        row->entity_id = mci_strdup((const char *)sqlite3_column_text(stmt, 3));
        b->count++;
        cJSON *m = cJSON_CreateObject();
        cJSON *payload = cJSON_Parse((const char *)sqlite3_column_text(stmt, 4));
        if (m == NULL || payload == NULL || row->kind == NULL || row->entity_id == NULL ||
            !cJSON_AddNumberToObject(m, "mutation_id", (double)row->mutation_id) ||
            !cJSON_AddStringToObject(m, "idempotency_key",
                                     (const char *)sqlite3_column_text(stmt, 1)) ||
            !cJSON_AddStringToObject(m, "kind", row->kind)) {
            cJSON_Delete(m);
            cJSON_Delete(payload);
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory building a push");
            break;
        }
        cJSON_AddItemToObject(m, "payload", payload);
        cJSON_AddItemToArray(mutations, m);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(c->db, err, "reading the outbox");
    sqlite3_finalize(stmt);
    if (st != MC_OK || b->count == 0)
        return st;
    b->first = b->rows[0].mutation_id;
    b->last = b->rows[b->count - 1].mutation_id;
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE outbox SET state = 1, attempts = attempts + 1 WHERE user_id = ?1 AND "
             "state IN (0, 1) AND mutation_id BETWEEN %lld AND %lld",
             (long long)b->first, (long long)b->last);
    if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(c->db, err, "marking changes in flight");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    st = sqlite3_step(stmt) == SQLITE_DONE
             ? MC_OK
             : mci_store_fail(c->db, err, "marking changes in flight");
    sqlite3_finalize(stmt);
    return st;
}

/* The batch failed as a whole: pending again, with the reason kept. */
static void put_back(mc_client *c, const batch *b, const mc_error *why)
{
    sqlite3_stmt *stmt = NULL;
    pthread_mutex_lock(&c->lock);
    if (sqlite3_prepare_v2(c->db,
                           "UPDATE outbox SET state = 0, error_code = ?1, error_server_code = ?2, "
                           "error_message = ?3 WHERE state = 1 AND mutation_id BETWEEN ?4 AND ?5",
                           -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_int(stmt, 1, (int)why->code);
        sqlite3_bind_text(stmt, 2, why->server_code, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, why->message, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 4, b->first);
        sqlite3_bind_int64(stmt, 5, b->last);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    pthread_mutex_unlock(&c->lock);
}

static const batch_row *find_row(const batch *b, int64_t id)
{
    for (int i = 0; i < b->count; i++)
        if (b->rows[i].mutation_id == id)
            return &b->rows[i];
    return NULL;
}

/* A refusal, kept for the event after the transaction. */
typedef struct refusal {
    const batch_row *row;
    mc_status code;
    char server_code[MC_ERROR_SERVER_CODE_MAX];
    char message[MC_ERROR_MESSAGE_MAX];
} refusal;

/* Record the server's verdicts in one transaction. Lock held. */
static mc_status record_results(mc_client *c, const batch *b, const cJSON *results,
                                refusal *refused, int *nrefused, int *naccepted, mc_error *err)
{
    sqlite3_stmt *accept = NULL, *refuse = NULL;
    mc_status st = mci_store_begin(c->db, err);
    if (st != MC_OK)
        return st;
    if (sqlite3_prepare_v2(c->db,
                           "UPDATE outbox SET state = 3, error_code = 0, error_server_code = '', "
                           "error_message = '' WHERE mutation_id = ?1 AND state = 1",
                           -1, &accept, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db,
                           "UPDATE outbox SET state = 2, error_code = ?2, error_server_code = ?3, "
                           "error_message = ?4 WHERE mutation_id = ?1 AND state = 1",
                           -1, &refuse, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "recording push results");
    /* One verdict per row: a second one for the same mutation (a hostile or broken server) is
     * ignored, so refused[] never holds more than the batch. */
    bool answered[MCI_PUSH_BATCH] = {false};
    const cJSON *r = NULL;
    cJSON_ArrayForEach(r, results)
    {
        if (st != MC_OK)
            break;
        const batch_row *row = find_row(b, mci_json_int(r, "mutation_id", -1));
        if (row == NULL || answered[row - b->rows])
            continue; /* not ours, or answered already: ignore rather than trust */
        const char *status = mci_json_string(r, "status", "");
        sqlite3_stmt *stmt;
        if (strcmp(status, "applied") == 0) {
            stmt = accept;
            (*naccepted)++;
        } else if (strcmp(status, "rejected") == 0) {
            refusal *x = &refused[(*nrefused)++];
            x->row = row;
            const char *code = mci_json_string(r, "code", "rejected");
            x->code = mci_http_status_for(code, 409);
            mci_strlcpy(x->server_code, code, sizeof x->server_code);
            mci_strlcpy(x->message, mci_json_string(r, "message", "refused by the server"),
                        sizeof x->message);
            stmt = refuse;
            sqlite3_bind_int(stmt, 2, (int)x->code);
            sqlite3_bind_text(stmt, 3, x->server_code, -1, SQLITE_STATIC);
            sqlite3_bind_text(stmt, 4, x->message, -1, SQLITE_STATIC);
        } else {
            continue; /* unknown verdict: stays in flight, resent next round */
        }
        answered[row - b->rows] = true;
        sqlite3_bind_int64(stmt, 1, row->mutation_id);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            st = mci_store_fail(c->db, err, "recording push results");
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(accept);
    sqlite3_finalize(refuse);
    /* Rows the answer did not mention go back to pending, in order. */
    char sql[128];
    snprintf(sql, sizeof sql,
             "UPDATE outbox SET state = 0 WHERE state = 1 AND mutation_id BETWEEN %lld AND %lld",
             (long long)b->first, (long long)b->last);
    if (st == MC_OK && sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "recording push results");
    if (st == MC_OK)
        return mci_store_commit(c->db, err);
    mci_store_rollback(c->db);
    return st;
}

mc_status mci_push_batch(mc_client *c, const char *token, const char *user_id,
                         mc_sync_report *report, int *sent, mc_error *err)
{
    *sent = 0;
    batch b = {0};
    cJSON *body = cJSON_CreateObject();
    cJSON *mutations = cJSON_CreateArray();
    if (body == NULL || mutations == NULL) {
        cJSON_Delete(body);
        cJSON_Delete(mutations);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory building a push");
    }
    cJSON_AddStringToObject(body, "client_id", c->client_id);
    cJSON_AddItemToObject(body, "mutations", mutations);

    pthread_mutex_lock(&c->lock);
    mc_status st = take_batch(c, user_id, &b, mutations, err);
    pthread_mutex_unlock(&c->lock);
    if (st != MC_OK || b.count == 0) {
        cJSON_Delete(body);
        batch_free(&b);
        return st;
    }
    *sent = b.count;

    cJSON *answer = NULL;
    st = mci_http_call(&c->http, "POST", "/v1/sync/push", body, token, &answer, err);
    cJSON_Delete(body);
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(answer, "results");
    if (st == MC_OK && !cJSON_IsArray(results))
        st = mci_error_set(err, MC_ERR_NETWORK, "the push answer has no results array");
    if (st != MC_OK) {
        put_back(c, &b, err); /* err is never NULL inside the engine */
        cJSON_Delete(answer);
        batch_free(&b);
        return st;
    }

    refusal refused[MCI_PUSH_BATCH];
    int nrefused = 0, naccepted = 0;
    pthread_mutex_lock(&c->lock);
    st = record_results(c, &b, results, refused, &nrefused, &naccepted, err);
    pthread_mutex_unlock(&c->lock);
    cJSON_Delete(answer);
    if (st == MC_OK) {
        if (report != NULL) {
            report->pushed += naccepted;
            report->rejected += nrefused;
        }
        uint32_t overlay_kinds = 0;
        for (int i = 0; i < nrefused; i++) {
            mc_sync_event ev = {.type = MC_SYNC_EVENT_MUTATION_REJECTED,
                                .mutation_id = refused[i].row->mutation_id,
                                .mutation_kind = refused[i].row->kind,
                                .entity_id = refused[i].row->entity_id,
                                .code = refused[i].code,
                                .server_code = refused[i].server_code,
                                .rule = refused[i].code == MC_ERR_CONFLICT
                                            ? mci_rule_of_server_code(refused[i].server_code)
                                            : MC_RULE_NONE,
                                .message = refused[i].message,
                                .total = 0};
            mci_sync_emit(c, &ev);
            const mci_mutation_kind *kind = mci_mutation_kind_find(refused[i].row->kind);
            overlay_kinds |= kind ? kind->touches : 0;
        }
        if (report != NULL)
            report->changed_kinds |= overlay_kinds; /* the overlay was rolled back */
    }
    batch_free(&b);
    return st;
}
