/*
 * sync/uploads.c - the photo upload queue: queue a photo with its declaring mutation, and in
 * each sync round send the bytes of the photos whose mutation was applied, 1 MiB a request,
 * streamed from the file, resuming at what the server says it has.
 *
 * What survives a kill: the `upload` row (sent_bytes is what the server last confirmed) and
 * the local copy of the file. A new process asks the server first (GET .../upload), so it
 * goes on from the server's `received`, never from zero, and never trusts sent_bytes alone.
 */
#include "sync/uploads.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "sync/engine.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/* 409 offset_mismatch answers in a row (each followed by a fresh GET) before giving up for
 * this round: the server and the client disagree for a reason a retry will not fix. */
#define MISMATCH_RETRIES 3

static bool is_sha256_hex(const char *s)
{
    if (s == NULL || strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static bool filled(const char *s)
{
    return s != NULL && s[0] != '\0';
}

mc_status mci_upload_enqueue(mc_client *c, const mci_upload_item *item, mc_error *err)
{
    if (item == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "no upload to queue");
    if (!filled(item->id) || !filled(item->entity_id) || !filled(item->remote_path) ||
        !filled(item->local_path) || !filled(item->content_type))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "an upload needs its photo id, ticket id, paths and content type");
    if (item->bytes < 1)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "photo %s has no bytes", item->id);
    if (!is_sha256_hex(item->sha256_hex))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "photo %s: the sha256 must be 64 lower-case hex digits", item->id);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO upload (id, entity_id, mutation_id, remote_path, "
                           "local_path, content_type, bytes, sha256, created_at_ms) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(c->db, err, "queueing a photo upload");
    sqlite3_bind_text(stmt, 1, item->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, item->entity_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, item->mutation_id);
    sqlite3_bind_text(stmt, 4, item->remote_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, item->local_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, item->content_type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, item->bytes);
    sqlite3_bind_text(stmt, 8, item->sha256_hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 9, mci_client_now(c));
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(c->db, err, "queueing a photo upload");
    sqlite3_finalize(stmt);
    return st;
}

/* ---- The queue as the round sees it ------------------------------------------------ */

/* Whether the declaring mutation lets the upload go. */
typedef enum gate { GATE_WAIT, GATE_GO, GATE_REJECTED } gate;

typedef struct upload_row {
    char *id, *ticket_id, *remote_path, *local_path;
    int64_t bytes;
    gate gate;
    mc_status rejected_code; /* GATE_REJECTED: the mutation's error */
    char *rejected_server_code, *rejected_message;
} upload_row;

static void rows_free(upload_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].id);
        free(rows[i].ticket_id);
        free(rows[i].remote_path);
        free(rows[i].local_path);
        free(rows[i].rejected_server_code);
        free(rows[i].rejected_message);
    }
    free(rows);
}

static char *column_dup(sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    return mci_strdup(text ? (const char *)text : "");
}

/* Every waiting upload, oldest first (then as queued), with its mutation's gate (caller holds the
 * lock). */
static mc_status load_waiting(sqlite3 *db, upload_row **out, size_t *count, mc_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT u.id, u.entity_id, u.remote_path, u.local_path, u.bytes, "
                           "o.state, o.error_code, o.error_server_code, o.error_message "
                           "FROM upload u LEFT JOIN outbox o ON o.mutation_id = u.mutation_id "
                           "WHERE u.state = 'waiting' ORDER BY u.created_at_ms, u.rowid",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "listing photo uploads");
    upload_row *rows = NULL;
    size_t n = 0, cap = 0;
    mc_status st = MC_OK;
    int rc;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t grown_cap = cap ? cap * 2 : 8;
            upload_row *grown = realloc(rows, grown_cap * sizeof *rows);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory listing uploads");
                break;
            }
            rows = grown;
            cap = grown_cap;
        }
        upload_row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->id = column_dup(stmt, 0);
        r->ticket_id = column_dup(stmt, 1);
        r->remote_path = column_dup(stmt, 2);
        r->local_path = column_dup(stmt, 3);
        r->bytes = sqlite3_column_int64(stmt, 4);
        if (sqlite3_column_type(stmt, 5) == SQLITE_NULL) {
            r->gate = GATE_GO; /* gone from the outbox: the pull confirmed it applied */
        } else {
            int state = sqlite3_column_int(stmt, 5);
            r->gate = state == MC_MUTATION_ACKNOWLEDGED ? GATE_GO
                      : state == MC_MUTATION_REJECTED   ? GATE_REJECTED
                                                        : GATE_WAIT;
            r->rejected_code = (mc_status)sqlite3_column_int(stmt, 6);
            r->rejected_server_code = column_dup(stmt, 7);
            r->rejected_message = column_dup(stmt, 8);
        }
        if (!r->id || !r->ticket_id || !r->remote_path || !r->local_path ||
            (sqlite3_column_type(stmt, 5) != SQLITE_NULL &&
             (!r->rejected_server_code || !r->rejected_message)))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory listing uploads");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(db, err, "listing photo uploads");
    sqlite3_finalize(stmt);
    if (st != MC_OK) {
        rows_free(rows, n);
        return st;
    }
    *out = rows;
    *count = n;
    return MC_OK;
}

/* One UPDATE of an upload row in its own transaction, under the client lock: sql names the
 * row ?1 (id) and uses whichever of ?2 (number), ?3 and ?4 (texts) it needs, in order. */
static mc_status update_row(mc_client *c, const char *sql, const char *id, int64_t number,
                            const char *text1, const char *text2, mc_error *err)
{
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_store_begin(c->db, err);
    if (st == MC_OK) {
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
            st = mci_store_fail(c->db, err, "recording an upload's progress");
        } else {
            int params = sqlite3_bind_parameter_count(stmt);
            sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
            if (params >= 2)
                sqlite3_bind_int64(stmt, 2, number);
            if (params >= 3)
                sqlite3_bind_text(stmt, 3, text1 ? text1 : "", -1, SQLITE_STATIC);
            if (params >= 4)
                sqlite3_bind_text(stmt, 4, text2 ? text2 : "", -1, SQLITE_STATIC);
            if (sqlite3_step(stmt) != SQLITE_DONE)
                st = mci_store_fail(c->db, err, "recording an upload's progress");
            sqlite3_finalize(stmt);
        }
        if (st == MC_OK)
            st = mci_store_commit(c->db, err);
        else
            mci_store_rollback(c->db);
    }
    pthread_mutex_unlock(&c->lock);
    return st;
}

static mc_status record_sent(mc_client *c, const upload_row *r, int64_t sent, mc_error *err)
{
    return update_row(c, "UPDATE upload SET sent_bytes = ?2 WHERE id = ?1", r->id, sent, NULL, NULL,
                      err);
}

static void emit_progress(mc_client *c, const upload_row *r, int64_t done)
{
    mc_sync_event ev = {.type = MC_SYNC_EVENT_UPLOAD_PROGRESS,
                        .photo_id = r->id,
                        .ticket_id = r->ticket_id,
                        .done = done,
                        .total = r->bytes};
    mci_sync_emit(c, &ev);
}

/* The server has every byte: drop the local copy, then mark it done (a kill in between
 * finds it complete on the server next time), and say so. */
static mc_status finish(mc_client *c, const upload_row *r, mc_error *err)
{
    if (unlink(r->local_path) != 0 && errno != ENOENT)
        mci_client_log(c, MC_LOG_WARN, "upload %s: cannot delete the local copy: %s", r->id,
                       strerror(errno));
    mc_status st = update_row(c, "UPDATE upload SET state = 'done', sent_bytes = ?2 WHERE id = ?1",
                              r->id, r->bytes, NULL, NULL, err);
    if (st == MC_OK)
        emit_progress(c, r, r->bytes);
    return st;
}

/* Refused for good: mark it failed, drop the local copy, tell the listeners. */
static mc_status fail(mc_client *c, const upload_row *r, mc_status code, const char *server_code,
                      const char *message, mc_error *err)
{
    mci_client_log(c, MC_LOG_WARN, "upload %s failed: %s (%s)", r->id, message, server_code);
    mc_status st = update_row(c,
                              "UPDATE upload SET state = 'failed', error_code = ?3, "
                              "error_message = ?4 WHERE id = ?1",
                              r->id, 0, server_code, message, err);
    if (st != MC_OK)
        return st;
    if (unlink(r->local_path) != 0 && errno != ENOENT)
        mci_client_log(c, MC_LOG_WARN, "upload %s: cannot delete the local copy: %s", r->id,
                       strerror(errno));
    mc_sync_event ev = {.type = MC_SYNC_EVENT_UPLOAD_FAILED,
                        .photo_id = r->id,
                        .ticket_id = r->ticket_id,
                        .code = code,
                        .server_code = server_code,
                        .message = message};
    mci_sync_emit(c, &ev);
    return MC_OK;
}

/* fail() with the server's refusal in err (its code and message copied first: fail may
 * reuse err). */
static mc_status fail_refused(mc_client *c, const upload_row *r, mc_status st, mc_error *err)
{
    char code[sizeof err->server_code];
    char message[sizeof err->message];
    mci_strlcpy(code, err->server_code[0] ? err->server_code : mc_status_name(st), sizeof code);
    mci_strlcpy(message, err->message, sizeof message);
    return fail(c, r, st, code, message, err);
}

/* An answer the server gives for good (retrying changes nothing): the upload fails. */
static bool refused_for_good(mc_status st, const mc_error *e)
{
    return st == MC_ERR_NOT_FOUND || st == MC_ERR_INVALID_ARG || st == MC_ERR_FORBIDDEN ||
           (e->http_status == 409 && strcmp(e->server_code, "offset_mismatch") != 0);
}

/* Where the server is: *received bytes kept, *complete. */
static mc_status ask_server(mc_client *c, const upload_row *r, const char *token, int64_t *received,
                            bool *complete, mc_error *err)
{
    cJSON *json = NULL;
    mc_status st = mci_http_call(&c->http, "GET", r->remote_path, NULL, token, &json, err);
    if (st == MC_OK) {
        *received = mci_json_int(json, "received", -1);
        *complete = mci_json_bool(json, "complete", false);
        if (*received < 0 || *received > r->bytes)
            st = mci_error_set(err, MC_ERR_SERVER, "the server's upload state for %s is unreadable",
                               r->id);
    }
    cJSON_Delete(json);
    return st;
}

/* Send one photo from where the server is. MC_OK when it is done or failed for good. */
static mc_status send_one(mc_client *c, const upload_row *r, const char *token, mc_error *err)
{
    int64_t received = 0;
    bool complete = false;
    mc_status st = ask_server(c, r, token, &received, &complete, err);
    if (st != MC_OK)
        return refused_for_good(st, err) ? fail_refused(c, r, st, err) : st;
    if (complete)
        return finish(c, r, err);
    int fd = open(r->local_path, O_RDONLY | O_CLOEXEC);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0 || (int64_t)info.st_size != r->bytes) {
        char message[256];
        snprintf(message, sizeof message,
                 fd < 0 ? "the photo's local copy is gone (%s)"
                        : "the photo's local copy changed size (%s)",
                 fd < 0 ? strerror(errno) : "not the declared bytes");
        if (fd >= 0)
            close(fd);
        return fail(c, r, MC_ERR_STORAGE, "local_copy_lost", message, err);
    }
    int mismatches = 0;
    while (st == MC_OK) {
        if (mci_sync_should_yield(c))
            break; /* closing or paused: the next round goes on from the server's received */
        int64_t length = r->bytes - received;
        if (length > MCI_UPLOAD_CHUNK_BYTES)
            length = MCI_UPLOAD_CHUNK_BYTES;
        if (length <= 0) {
            st = mci_error_set(err, MC_ERR_SERVER,
                               "the server has all of %s's bytes but does not call it complete",
                               r->id);
            break;
        }
        cJSON *json = NULL;
        st = mci_http_patch_file(&c->http, r->remote_path, token, fd, received, length, &json, err);
        if (st == MC_OK) {
            int64_t now_received = mci_json_int(json, "received", -1);
            complete = mci_json_bool(json, "complete", false);
            cJSON_Delete(json);
            mismatches = 0;
            if (complete) {
                st = finish(c, r, err);
                break;
            }
            if (now_received <= received || now_received > r->bytes) {
                st = mci_error_set(err, MC_ERR_SERVER,
                                   "the server kept no bytes of %s at offset %lld", r->id,
                                   (long long)received);
                break;
            }
            received = now_received;
            st = record_sent(c, r, received, err);
            if (st == MC_OK)
                emit_progress(c, r, received);
        } else if (err->http_status == 409 && strcmp(err->server_code, "offset_mismatch") == 0 &&
                   ++mismatches <= MISMATCH_RETRIES) {
            st = ask_server(c, r, token, &received, &complete, err);
            if (st == MC_OK && complete) {
                st = finish(c, r, err);
                break;
            }
        } else if (refused_for_good(st, err)) {
            st = fail_refused(c, r, st, err);
            break;
        }
    }
    close(fd);
    return st;
}

mc_status mci_uploads_run(mc_client *c, const char *token, mc_sync_report *report, mc_error *err)
{
    (void)report;
    upload_row *rows = NULL;
    size_t n = 0;
    pthread_mutex_lock(&c->lock);
    mc_status st = load_waiting(c->db, &rows, &n, err);
    pthread_mutex_unlock(&c->lock);
    for (size_t i = 0; st == MC_OK && i < n && !mci_sync_should_yield(c); i++) {
        const upload_row *r = &rows[i];
        if (r->gate == GATE_WAIT)
            continue;
        if (r->gate == GATE_REJECTED) {
            char message[300];
            snprintf(message, sizeof message,
                     "the ticket change carrying this photo was refused: %s",
                     r->rejected_message[0] ? r->rejected_message : r->rejected_server_code);
            st = fail(c, r, r->rejected_code ? r->rejected_code : MC_ERR_CONFLICT,
                      r->rejected_server_code[0] ? r->rejected_server_code : "mutation_rejected",
                      message, err);
            continue;
        }
        st = send_one(c, r, token, err);
    }
    rows_free(rows, n);
    return st;
}
