/* tests/unit/unit_store.c - a signed-in client over a fresh store, pulls applied to it, row
 * counts (tests/unit/unit_store.h). */
#include "unit_store.h"

#include <cJSON.h>
#include <check.h>
#include <pthread.h>
#include <sqlite3.h>

#include "account/account.h"
#include "account/session.h"
#include "handle/handle.h"
#include "sync/pull.h"

static int64_t injected_clock(void *context)
{
    return *(int64_t *)context;
}

mc_client *unit_store_open(const char *dir, int64_t *now)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.clock = injected_clock;
    cfg.clock_context = now;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    cJSON *user = cJSON_Parse("{\"id\":\"usr_1\",\"phone\":\"+919800000001\","
                              "\"membership\":{\"building_id\":\"BLR-1\"}}");
    mc_account *account = NULL;
    ck_assert_int_eq(mci_account_from_json(user, &account, NULL), MC_OK);
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(mci_account_save(client->db, account, *now, NULL), MC_OK);
    pthread_mutex_unlock(&client->lock);
    ck_assert_int_eq(mci_session_save(client, "test-token", NULL), MC_OK);
    mc_account_free(account);
    cJSON_Delete(user);
    return client;
}

void unit_store_pull(mc_client *client, int64_t now, const char *kind, const char *id,
                     const char *data)
{
    cJSON *page = cJSON_CreateObject();
    cJSON *changes = cJSON_AddArrayToObject(page, "changes");
    cJSON *ch = cJSON_CreateObject();
    cJSON_AddStringToObject(ch, "kind", kind);
    cJSON_AddStringToObject(ch, "id", id);
    cJSON_AddStringToObject(ch, "op", "upsert");
    cJSON_AddStringToObject(ch, "data_json", data);
    cJSON_AddItemToArray(changes, ch);
    cJSON_AddStringToObject(page, "cursor", "c1");
    mci_page_result result;
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_pull_apply(client->db, page, "usr_1", now, &result, &err);
    pthread_mutex_unlock(&client->lock);
    ck_assert_msg(st == MC_OK, "%s", err.message);
    cJSON_Delete(page);
}

int unit_store_count(mc_client *client, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(sqlite3_prepare_v2(client->db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    pthread_mutex_unlock(&client->lock);
    return n;
}
