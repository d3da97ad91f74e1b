/* routes/sync.c - the sync protocol: pull (snapshot, then the change log) and push (mutations). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/changes.h"
#include "rules/cursor.h"
#include "db/db.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "domain/mutations.h"
#include "routes/routes.h"

#define PULL_LIMIT_DEFAULT 500
#define PULL_LIMIT_MAX     5000

/* ---- pull ------------------------------------------------------------------------------- */

/* What one pull page reads from. */
typedef struct pull_ctx {
    sqlite3 *db;
    ms_viewer viewer;
    /* The viewer's scopes in the change log: "u:<user>" and "c:<company>" (or the user's again). */
    char user_scope[2 * MS_ID_MAX];
    char company_scope[2 * MS_ID_MAX];
    int64_t head;
    /* The change-log rows after the position, visible to the viewer, streamed in order. */
    sqlite3_stmt *log;
} pull_ctx;

/*
 * {"kind", "id", "op", "data_json"}: an upsert carries its data object as text
 * (docs/sync-protocol.md: both ends keep entity documents as text); a delete
 * (data_json NULL) none. NULL if memory runs out.
 */
static cJSON *change_item(const char *kind, const char *id, const char *data_json)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o && cJSON_AddStringToObject(o, "kind", kind) &&
              cJSON_AddStringToObject(o, "id", id) &&
              cJSON_AddStringToObject(o, "op", data_json ? "upsert" : "delete") &&
              (!data_json || cJSON_AddStringToObject(o, "data_json", data_json));
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The next snapshot entity after pos (advancing it): 1 with *item, 0 when the snapshot is done. */
static int next_snapshot_item(pull_ctx *ctx, ms_cursor *pos, cJSON **item)
{
    while (pos->kind < MS_KIND_COUNT) {
        char id[MS_ID_MAX];
        int rc =
            ms_entity_next(ctx->db, &ctx->viewer, (ms_kind)pos->kind, pos->after, id, sizeof id);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            cJSON *data;
            if (ms_entity_data(ctx->db, (ms_kind)pos->kind, ctx->viewer.user_id, id, &data) != 0)
                return -1;
            char *text = cJSON_PrintUnformatted(data);
            cJSON_Delete(data);
            if (!text)
                return -1;
            *item = change_item(ms_kind_name((ms_kind)pos->kind), id, text);
            cJSON_free(text);
            snprintf(pos->after, sizeof pos->after, "%s", id);
            return *item ? 1 : -1;
        }
        pos->kind++;
        pos->after[0] = '\0';
    }
    return 0;
}

/* The next visible change-log row after pos: 1 with *item, 0 at the head (pos moved there). */
static int next_log_item(pull_ctx *ctx, ms_cursor *pos, cJSON **item)
{
    if (!ctx->log) {
        ctx->log = ms_db_query(ctx->db,
                               "SELECT seq, kind, entity_id, op, data FROM changes"
                               " WHERE seq > ? AND scope IN ('*', ?, ?) ORDER BY seq",
                               "itt", pos->seq, ctx->user_scope, ctx->company_scope);
        if (!ctx->log)
            return -1;
    }
    int rc = ms_db_step(ctx->log);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        pos->seq = ctx->head;
        return 0;
    }
    /* The log keeps the data object's text as it was printed: sent as is. */
    *item = change_item((const char *)sqlite3_column_text(ctx->log, 1),
                        (const char *)sqlite3_column_text(ctx->log, 2),
                        (const char *)sqlite3_column_text(ctx->log, 4));
    pos->seq = sqlite3_column_int64(ctx->log, 0);
    return *item ? 1 : -1;
}

/* The next item of the stream after pos: the snapshot, then the change log from its mark. */
static int next_item(pull_ctx *ctx, ms_cursor *pos, cJSON **item)
{
    if (pos->snapshot) {
        int rc = next_snapshot_item(ctx, pos, item);
        if (rc != 0)
            return rc;
        /* Snapshot done: go on with the changes made since it began. */
        pos->snapshot = false;
        pos->seq = pos->high_water;
    }
    return next_log_item(ctx, pos, item);
}

/* A decimal integer in [min, max] filling the whole of text. */
static bool parse_int(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* The position to pull from: a fresh snapshot, or the cursor's; false after a 410. */
static bool start_position(pull_ctx *ctx, const char *text, ms_cursor *pos, ms_reply *reply)
{
    char epoch[MS_EPOCH_MAX], named[MS_EPOCH_MAX];
    int64_t min_seq;
    if (ms_changes_state(ctx->db, epoch, &min_seq) != 0) {
        ms_reply_internal(reply);
        return false;
    }
    if (!text || !text[0]) {
        memset(pos, 0, sizeof *pos);
        pos->snapshot = true;
        pos->high_water = ctx->head;
        return true;
    }
    const char *why = NULL;
    if (ms_cursor_decode(text, MS_KIND_COUNT, named, pos) != 0)
        why = "the cursor is not one this server issued";
    else if (strcmp(named, epoch) != 0)
        why = "the server's dataset was replaced (a new epoch)";
    else if ((pos->snapshot ? pos->high_water : pos->seq) > ctx->head)
        why = "the cursor is not one this server issued";
    else if ((pos->snapshot ? pos->high_water : pos->seq) < min_seq)
        why = "the change log was compacted past the cursor";
    if (!why)
        return true;
    ms_reply_error(reply, 410, "cursor_reset", "%s; pull again without a cursor", why);
    return false;
}

/* The page after pos: up to limit items into changes; pos moves to the page's end. */
static int fill_page(pull_ctx *ctx, ms_cursor *pos, long limit, cJSON *changes, bool *has_more)
{
    int rc = 0;
    for (long n = 0; n < limit; n++) {
        cJSON *item = NULL;
        rc = next_item(ctx, pos, &item);
        if (rc <= 0)
            break;
        if (!cJSON_AddItemToArray(changes, item)) {
            cJSON_Delete(item);
            return -1;
        }
    }
    if (rc < 0)
        return -1;
    if (rc == 0) {
        *has_more = false; /* at the head */
        return 0;
    }
    /* A full page: look one item ahead (without sending it) to tell whether more follow. */
    ms_cursor peek = *pos;
    cJSON *item = NULL;
    rc = next_item(ctx, &peek, &item);
    cJSON_Delete(item);
    if (rc < 0)
        return -1;
    *has_more = rc == 1;
    if (!*has_more)
        *pos = peek; /* nothing visible in between: the page reaches the head */
    return 0;
}

/* GET /v1/sync/pull?client_id=&cursor=&limit= (auth) */
void ms_handle_sync_pull(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *client_id = ms_query(req, "client_id");
    const char *cursor_text = ms_query(req, "cursor");
    const char *limit_text = ms_query(req, "limit");
    long limit = PULL_LIMIT_DEFAULT;
    if (!client_id) {
        ms_reply_invalid(reply, "query parameter 'client_id' is missing");
        return;
    }
    if (!ms_opaque_ok(client_id)) {
        ms_reply_invalid(reply,
                         "query parameter 'client_id' must be 1 to %d printable ASCII"
                         " characters without spaces",
                         MS_OPAQUE_MAX);
        return;
    }
    if (limit_text && !parse_int(limit_text, 1, PULL_LIMIT_MAX, &limit)) {
        ms_reply_invalid(reply, "query parameter 'limit' must be an integer from 1 to %d",
                         PULL_LIMIT_MAX);
        return;
    }

    pull_ctx ctx = {.db = app->db};
    ms_cursor pos;
    if (ms_changes_head(app->db, &ctx.head) != 0 ||
        ms_viewer_load(app->db, req->user_id, &ctx.viewer) != 0) {
        ms_reply_internal(reply);
        return;
    }
    if (!start_position(&ctx, cursor_text, &pos, reply))
        return;
    bool fresh = !(cursor_text && cursor_text[0]);
    snprintf(ctx.user_scope, sizeof ctx.user_scope, "u:%s", ctx.viewer.user_id);
    snprintf(ctx.company_scope, sizeof ctx.company_scope, "%s%s",
             ctx.viewer.company_id[0] ? "c:" : "u:",
             ctx.viewer.company_id[0] ? ctx.viewer.company_id : ctx.viewer.user_id);

    cJSON *body = cJSON_CreateObject();
    cJSON *changes = body ? cJSON_AddArrayToObject(body, "changes") : NULL;
    bool has_more = false;
    int64_t total = 0, acked = 0;
    char cursor[MS_CURSOR_MAX], epoch[MS_EPOCH_MAX];
    int64_t min_seq;
    bool ok = changes && fill_page(&ctx, &pos, limit, changes, &has_more) == 0 &&
              ms_changes_state(app->db, epoch, &min_seq) == 0 &&
              ms_cursor_encode(epoch, &pos, cursor) == 0 &&
              /* Until the snapshot is complete the data reflects no mutation for sure. */
              (pos.snapshot ||
               ms_mutation_acked(app->db, req->user_id, client_id, pos.seq, &acked) == 0) &&
              (!fresh || ms_entity_count(app->db, &ctx.viewer, &total) == 0) &&
              cJSON_AddStringToObject(body, "cursor", cursor) &&
              cJSON_AddBoolToObject(body, "has_more", has_more) &&
              ms_json_add_int(body, "acked_mutation_id", acked) &&
              (!fresh || cJSON_AddNumberToObject(body, "snapshot_total", (double)total));
    sqlite3_finalize(ctx.log);
    if (!ok) {
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}

/* ---- push ------------------------------------------------------------------------------- */

/* The envelope's mutations into out (checked: ids, keys, order); false after a 400. */
static bool read_envelope(const cJSON *array, ms_mutation *out, int *count, ms_reply *reply)
{
    if (!cJSON_IsArray(array)) {
        ms_reply_invalid(reply, array ? "field 'mutations' must be an array"
                                      : "field 'mutations' is missing");
        return false;
    }
    int n = cJSON_GetArraySize(array);
    if (n > MS_PUSH_MAX) {
        ms_reply_invalid(reply, "at most %d mutations per push (got %d)", MS_PUSH_MAX, n);
        return false;
    }
    int i = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, array)
    {
        if (!cJSON_IsObject(m)) {
            ms_reply_invalid(reply, "mutations[%d] must be an object", i);
            return false;
        }
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "mutation_id");
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(m, "idempotency_key");
        double v = cJSON_IsNumber(id) ? id->valuedouble : -1;
        if (!(v >= 1 && v <= (double)MS_JSON_INT_MAX && v == (double)(int64_t)v)) {
            ms_reply_invalid(reply, "mutations[%d].mutation_id must be an integer >= 1", i);
            return false;
        }
        if (!cJSON_IsString(key) || !key->valuestring || !ms_opaque_ok(key->valuestring)) {
            ms_reply_invalid(reply,
                             "mutations[%d].idempotency_key must be 1 to %d printable ASCII"
                             " characters without spaces",
                             i, MS_OPAQUE_MAX);
            return false;
        }
        out[i] = (ms_mutation){(int64_t)v, key->valuestring, m};
        if (i > 0 && out[i].mutation_id <= out[i - 1].mutation_id) {
            ms_reply_invalid(reply,
                             "mutations must be in increasing mutation_id order"
                             " (mutations[%d])",
                             i);
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (strcmp(out[j].idempotency_key, out[i].idempotency_key) == 0) {
                ms_reply_invalid(reply,
                                 "mutations[%d] repeats the idempotency_key of"
                                 " mutations[%d]",
                                 i, j);
                return false;
            }
        }
        i++;
    }
    *count = i;
    return true;
}

static cJSON *result_json(const ms_mutation *m, const ms_mutation_result *r)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o && ms_json_add_int(o, "mutation_id", m->mutation_id) &&
              cJSON_AddStringToObject(o, "idempotency_key", m->idempotency_key) &&
              cJSON_AddStringToObject(o, "status", r->applied ? "applied" : "rejected") &&
              (r->applied ? cJSON_AddNullToObject(o, "code") != NULL
                          : cJSON_AddStringToObject(o, "code", r->code) != NULL) &&
              (r->applied ? cJSON_AddNullToObject(o, "message") != NULL
                          : cJSON_AddStringToObject(o, "message", r->message) != NULL) &&
              cJSON_AddBoolToObject(o, "replayed", r->replayed);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* POST /v1/sync/push (auth) {"client_id", "mutations": [...]} */
void ms_handle_sync_push(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *client_id;
    if (!ms_field_string(reply, req->json, "client_id", &client_id))
        return;
    if (!ms_opaque_ok(client_id)) {
        ms_reply_invalid(reply,
                         "field 'client_id' must be 1 to %d printable ASCII characters"
                         " without spaces",
                         MS_OPAQUE_MAX);
        return;
    }
    ms_mutation mutations[MS_PUSH_MAX];
    int count = 0;
    if (!read_envelope(cJSON_GetObjectItemCaseSensitive(req->json, "mutations"), mutations, &count,
                       reply))
        return;

    cJSON *body = cJSON_CreateObject();
    cJSON *results = body ? cJSON_AddArrayToObject(body, "results") : NULL;
    if (!results)
        goto fail;
    for (int i = 0; i < count; i++) {
        /* Each mutation in its own transaction: the dispatcher's for the first, then anew. */
        if (i > 0 && (ms_db_commit(app->db) != 0 || ms_db_begin(app->db, true) != 0))
            goto fail;
        ms_mutation_result r;
        if (ms_mutation_process(app, req->user_id, client_id, &mutations[i], &r) != 0)
            goto fail; /* this mutation is rolled back; the ones before stay processed */
        cJSON *item = result_json(&mutations[i], &r);
        if (!item || !cJSON_AddItemToArray(results, item)) {
            cJSON_Delete(item);
            goto fail;
        }
    }
    int64_t last;
    if (ms_mutation_last(app->db, req->user_id, client_id, &last) != 0 ||
        !ms_json_add_int(body, "last_mutation_id", last))
        goto fail;
    ms_reply_json(reply, 200, body);
    return;
fail:
    cJSON_Delete(body);
    ms_db_rollback(app->db);
    ms_reply_internal(reply);
}
