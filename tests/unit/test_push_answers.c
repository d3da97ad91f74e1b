/*
 * tests/unit/test_push_answers.c - the engine trusts a push answer only as far as the batch it
 * sent: a verdict per row, however many the server repeats. The answer comes byte for byte
 * from a loopback HTTP server (tests/fuzz/answer_server.c); the store is a real SQLite file.
 */
#include <check.h>
#include <cJSON.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "account/session.h"
#include "answer_server.h"
#include "handle/handle.h"
#include "store/store.h"
#include "sync/outbox.h"
#include "sync/push.h"
#include "tempdir.h"

static char *dir;
static answer_server *server;
static mc_client *client;
static int64_t now = 1799037000000LL;

static int64_t injected_clock(void *context)
{
    return *(int64_t *)context;
}

static void setup(void)
{
    dir = tempdir_new();
    server = answer_server_start();
    ck_assert_ptr_nonnull(server);
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = answer_server_url(server);
    cfg.clock = injected_clock;
    cfg.clock_context = &now;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    cJSON *user = cJSON_Parse("{\"id\":\"usr_1\",\"phone\":\"+919800000001\"}");
    mc_account *account = NULL;
    ck_assert_int_eq(mci_account_from_json(user, &account, NULL), MC_OK);
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(mci_account_save(client->db, account, now, NULL), MC_OK);
    ck_assert_int_eq(mci_store_begin(client->db, NULL), MC_OK);
    for (int i = 1; i <= 2; i++) {
        char id[16];
        snprintf(id, sizeof id, "ntf_%d", i);
        cJSON *payload = cJSON_CreateObject();
        cJSON_AddStringToObject(payload, "notification_id", id);
        ck_assert_int_eq(
            mci_outbox_enqueue(client, "usr_1", "notification.read", id, payload, NULL, &err),
            MC_OK);
        cJSON_Delete(payload);
    }
    ck_assert_int_eq(mci_store_commit(client->db, NULL), MC_OK);
    pthread_mutex_unlock(&client->lock);
    ck_assert_int_eq(mci_session_save(client, "test-token", NULL), MC_OK);
    mc_account_free(account);
    cJSON_Delete(user);
}

static void teardown(void)
{
    mc_client_close(client);
    answer_server_stop(server);
    tempdir_free(dir);
}

static int state_of(int64_t mutation_id)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(client->db,
                                        "SELECT state FROM outbox WHERE mutation_id = ?1", -1,
                                        &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(stmt, 1, mutation_id);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int state = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return state;
}

/* 120 "rejected" verdicts for one mutation of a two-row batch (found by
 * tests/fuzz/fuzz_push_answer: each was kept in a 100-slot array on the stack, so the
 * 101st wrote past it): one rejection counts, the other row's "applied" too. */
START_TEST(test_repeated_verdicts_count_once)
{
    cJSON *answer = cJSON_CreateObject();
    cJSON *results = cJSON_AddArrayToObject(answer, "results");
    for (int i = 0; i < 120; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "mutation_id", 1);
        cJSON_AddStringToObject(r, "status", "rejected");
        cJSON_AddStringToObject(r, "code", "invalid_argument");
        cJSON_AddStringToObject(r, "message", "no such notification");
        cJSON_AddItemToArray(results, r);
    }
    cJSON *applied = cJSON_CreateObject();
    cJSON_AddNumberToObject(applied, "mutation_id", 2);
    cJSON_AddStringToObject(applied, "status", "applied");
    cJSON_AddItemToArray(results, applied);
    char *text = cJSON_PrintUnformatted(answer);
    answer_server_set(server, 200, text, strlen(text));
    free(text);
    cJSON_Delete(answer);

    mc_sync_report report = {0};
    mc_error err = MC_ERROR_INIT;
    int sent = 0;
    ck_assert_msg(mci_push_batch(client, "test-token", "usr_1", &report, &sent, &err) == MC_OK,
                  "%s", err.message);
    ck_assert_int_eq(sent, 2);
    ck_assert_int_eq(report.rejected, 1);
    ck_assert_int_eq(report.pushed, 1);
    ck_assert_int_eq(state_of(1), 2); /* REJECTED */
    ck_assert_int_eq(state_of(2), 3); /* ACKNOWLEDGED */
}
END_TEST

static Suite *push_answers_suite(void)
{
    Suite *s = suite_create("push_answers");
    TCase *tc = tcase_create("answers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_repeated_verdicts_count_once);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(push_answers_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
