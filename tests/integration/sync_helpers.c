/* tests/integration/sync_helpers.c - shared helpers of the sync tests (see the header). */
#include "sync_helpers.h"

#include <check.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tempdir.h"

static int64_t injected_clock(void *context)
{
    return *(int64_t *)context;
}

mc_client *helper_open_client(const char *data_dir, const char *url)
{
    return helper_open_client_at(data_dir, url, NULL);
}

mc_client *helper_open_client_at(const char *data_dir, const char *url, int64_t *now_ms)
{
    mc_config cfg;
    mc_config_init(&cfg);
    if (now_ms != NULL) {
        cfg.clock = injected_clock;
        cfg.clock_context = now_ms;
    }
    cfg.data_dir = data_dir;
    cfg.server_url = url;
    cfg.connect_timeout_ms = 2000;
    cfg.request_timeout_ms = 5000;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &c, &err) == MC_OK, "open: %s", err.message);
    return c;
}

void helper_sign_in(mc_client *client, const stub_process *stub, const char *phone)
{
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_request_otp(client, phone, &req, &err) == MC_OK, "request: %s",
                  err.message);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, req.phone, code), 0);
    ck_assert_msg(mc_auth_verify_otp(client, code, NULL, NULL, &err) == MC_OK, "verify: %s",
                  err.message);
}

mc_status helper_sync_until_drained(mc_client *client, int tries)
{
    mc_status st = MC_ERR_NETWORK;
    for (int i = 0; i < tries; i++) {
        mc_error err = MC_ERROR_INIT;
        st = mc_sync_once(client, NULL, &err);
        mc_sync_status status;
        mc_sync_status_get(client, &status, NULL);
        if (st == MC_OK && status.queue_depth == 0)
            return MC_OK;
        if (st == MC_ERR_UNAUTHORIZED || st == MC_ERR_STORAGE)
            return st;
    }
    return st;
}

static cJSON *canonical(const char *kind, const char *id, const char *data, cJSON *into)
{
    char key[256];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    cJSON *parsed = cJSON_Parse(data);
    ck_assert_msg(parsed != NULL, "unparseable data for %s", key);
    cJSON_AddItemToObject(into, key, parsed);
    return into;
}

cJSON *helper_server_view(const stub_process *stub, const char *phone)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sync/view?phone=%%2B%s", phone + 1);
    char *body = NULL;
    ck_assert_int_eq(stub_request(stub, "GET", path, NULL, NULL, &body), 200);
    cJSON *answer = cJSON_Parse(body);
    free(body);
    cJSON *view = cJSON_CreateObject();
    const cJSON *e = NULL;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(answer, "entities"))
    {
        char *data = cJSON_PrintUnformatted(cJSON_GetObjectItem(e, "data"));
        canonical(cJSON_GetObjectItem(e, "kind")->valuestring,
                  cJSON_GetObjectItem(e, "id")->valuestring, data, view);
        cJSON_free(data);
    }
    cJSON_Delete(answer);
    return view;
}

static sqlite3 *open_store(const char *data_dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/membercore.db", data_dir);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return db;
}

cJSON *helper_local_view(const char *data_dir)
{
    sqlite3 *db = open_store(data_dir);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT kind, id, data FROM entity", -1, &stmt, NULL),
                     SQLITE_OK);
    cJSON *view = cJSON_CreateObject();
    while (sqlite3_step(stmt) == SQLITE_ROW)
        canonical((const char *)sqlite3_column_text(stmt, 0),
                  (const char *)sqlite3_column_text(stmt, 1),
                  (const char *)sqlite3_column_text(stmt, 2), view);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return view;
}

bool helper_views_equal(const cJSON *a, const cJSON *b)
{
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, a)
    {
        const cJSON *other = cJSON_GetObjectItemCaseSensitive(b, item->string);
        if (other == NULL || !cJSON_Compare(item, other, true)) {
            char *x = cJSON_PrintUnformatted(item);
            char *y = other ? cJSON_PrintUnformatted(other) : NULL;
            fprintf(stderr, "views differ at %s:\n  %s\n  %s\n", item->string, x,
                    y ? y : "(missing)");
            cJSON_free(x);
            cJSON_free(y);
            return false;
        }
    }
    cJSON_ArrayForEach(item, b)
    {
        if (cJSON_GetObjectItemCaseSensitive(a, item->string) == NULL) {
            fprintf(stderr, "views differ: %s only on one side\n", item->string);
            return false;
        }
    }
    return true;
}

void helper_client_id(const char *data_dir, char out[64])
{
    sqlite3 *db = open_store(data_dir);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(
        sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'client_id'", -1, &stmt, NULL),
        SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    snprintf(out, 64, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

int helper_local_count(const char *data_dir, const char *sql)
{
    sqlite3 *db = open_store(data_dir);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

void helper_effects(const stub_process *stub, const char *client_id, int *total, int *max_count,
                    int *keys)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/test/effects?client_id=%s", client_id);
    char *body = NULL;
    ck_assert_int_eq(stub_request(stub, "GET", path, NULL, NULL, &body), 200);
    cJSON *answer = cJSON_Parse(body);
    free(body);
    ck_assert_ptr_nonnull(answer);
    *total = cJSON_GetObjectItem(answer, "total")->valueint;
    *max_count = 0;
    *keys = 0;
    const cJSON *k = NULL;
    cJSON_ArrayForEach(k, cJSON_GetObjectItem(answer, "keys"))
    {
        (*keys)++;
        if (k->valueint > *max_count)
            *max_count = k->valueint;
    }
    cJSON_Delete(answer);
}

void helper_set_faults(const stub_process *stub, double rate, unsigned seed)
{
    char body[96];
    snprintf(body, sizeof body, "{\"rate\":%.3f,\"seed\":%u}", rate, seed);
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults", body, NULL, NULL), 200);
}

char *helper_create_event_at(const stub_process *stub, const char *building_id, const char *title,
                             int64_t starts_at_ms, int64_t ends_at_ms, int capacity)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"building_id\":\"%s\",\"title\":\"%s\",\"starts_at_ms\":%lld,"
             "\"ends_at_ms\":%lld,\"capacity\":%d}",
             building_id, title, (long long)starts_at_ms, (long long)ends_at_ms, capacity);
    char *answer = NULL;
    int status = stub_request(stub, "POST", "/v1/test/events", body, NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "create event: %d %s", status, answer);
    cJSON *json = cJSON_Parse(answer);
    free(answer);
    const cJSON *id = cJSON_GetObjectItem(json, "id");
    if (id == NULL)
        id = cJSON_GetObjectItem(cJSON_GetObjectItem(json, "event"), "id");
    ck_assert_msg(cJSON_IsString(id), "create event: no id in the answer");
    char *copy = strdup(id->valuestring);
    cJSON_Delete(json);
    return copy;
}

char *helper_create_event(const stub_process *stub, const char *title, int capacity)
{
    return helper_create_event_at(stub, "BLR-1", title, 1830000000000LL, 1830003600000LL, capacity);
}

void helper_fixture_start(helper_fixture *f, int64_t now_ms)
{
    f->stub = stub_start_at(now_ms, NULL, NULL); /* seeded at now_ms */
    ck_assert_msg(f->stub != NULL, "memberstub did not start");
    f->dir = tempdir_new();
    helper_fixture_set_now(f, now_ms);
}

void helper_fixture_stop(helper_fixture *f)
{
    tempdir_free(f->dir);
    int status = stub_stop(f->stub);
    ck_assert_msg(status == 0, "memberstub exited with status %d", status);
}

void helper_fixture_set_now(helper_fixture *f, int64_t now_ms)
{
    f->now = now_ms;
    ck_assert_int_eq(stub_set_clock(f->stub, now_ms), 0);
}

mc_client *helper_fixture_member(helper_fixture *f, const char *name, const char *phone)
{
    char *sub = tempdir_path(f->dir, name);
    mc_client *c = helper_open_client_at(sub, stub_url(f->stub), &f->now);
    free(sub);
    helper_sign_in(c, f->stub, phone);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    return c;
}
