/*
 * tests/unit/test_pull_apply.c - a pull page is applied whole or not at all, twice is the
 * same as once, tombstones delete, acknowledged outbox rows leave with the page that
 * reflects them, and the member's profile refreshes the account. A real SQLite file.
 */
#include <check.h>
#include <cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/pull.h"
#include "tempdir.h"

static char *dir;
static sqlite3 *db;

static void setup(void)
{
    dir = tempdir_new();
    char *path = tempdir_path(dir, "membercore.db");
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_store_open(path, &db, &err), MC_OK);
    free(path);
}

static void teardown(void)
{
    mci_store_close(db);
    tempdir_free(dir);
}

static mc_status apply(const char *json, mci_page_result *r, mc_error *err)
{
    cJSON *page = cJSON_Parse(json);
    ck_assert_ptr_nonnull(page);
    mc_status st = mci_pull_apply(db, page, "usr_1", 1000, r, err);
    cJSON_Delete(page);
    return st;
}

static int count(const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

static char *meta(const char *key)
{
    char *v = NULL;
    mci_meta_get(db, key, &v, NULL);
    return v;
}

static const char *page1 =
    "{\"changes\":["
    "{\"kind\":\"event\",\"id\":\"EVT-1\",\"op\":\"upsert\",\"data\":{\"id\":\"EVT-1\","
    "\"title\":\"Networking Hour\",\"going_count\":3}},"
    "{\"kind\":\"notification\",\"id\":\"N-1\",\"op\":\"upsert\",\"data\":{\"id\":\"N-1\"}},"
    "{\"kind\":\"hologram\",\"id\":\"H-1\",\"op\":\"upsert\",\"data\":{\"id\":\"H-1\"}}],"
    "\"cursor\":\"c1\",\"has_more\":true,\"acked_mutation_id\":0,\"snapshot_total\":5}";

/* A page's upserts land with its cursor; unknown kinds are kept for later versions. */
START_TEST(test_page_upserts_and_cursor_land_together)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply(page1, &r, &err), MC_OK);
    ck_assert_int_eq(r.applied, 3);
    ck_assert_uint_eq(r.kinds, MC_KIND_EVENT | MC_KIND_NOTIFICATION);
    ck_assert(r.has_more);
    ck_assert_int_eq(r.snapshot_total, 5);
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 3);
    char *cursor = meta(MCI_META_CURSOR);
    ck_assert_str_eq(cursor, "c1");
    free(cursor);
    char *owner = meta(MCI_META_SYNC_USER);
    ck_assert_str_eq(owner, "usr_1");
    free(owner);
}
END_TEST

/* Applying the same page twice leaves the same state. */
START_TEST(test_page_applied_twice_is_the_same)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply(page1, &r, &err), MC_OK);
    ck_assert_int_eq(apply(page1, &r, &err), MC_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 3);
    ck_assert_int_eq(count("SELECT count(*) FROM entity WHERE kind='event' AND "
                           "json_extract(data,'$.going_count') = 3"),
                     1);
}
END_TEST

/* A tombstone deletes; an upsert replaces the whole object. */
START_TEST(test_tombstones_delete_and_upserts_replace)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply(page1, &r, &err), MC_OK);
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"notification\",\"id\":\"N-1\",\"op\":"
                           "\"delete\"},{\"kind\":\"event\",\"id\":\"EVT-1\",\"op\":\"upsert\","
                           "\"data\":{\"id\":\"EVT-1\",\"going_count\":4}}],\"cursor\":\"c2\"}",
                           &r, &err),
                     MC_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM entity WHERE kind='notification'"), 0);
    ck_assert_int_eq(count("SELECT json_extract(data,'$.going_count') FROM entity WHERE "
                           "kind='event'"),
                     4);
    ck_assert_int_eq(count("SELECT json_extract(data,'$.title') IS NULL FROM entity WHERE "
                           "kind='event'"),
                     1);
    /* deleting what is not there is fine */
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"notification\",\"id\":\"N-1\",\"op\":"
                           "\"delete\"}],\"cursor\":\"c3\"}",
                           &r, &err),
                     MC_OK);
}
END_TEST

/* A malformed page changes nothing: not even the entities before the bad change. */
START_TEST(test_malformed_page_changes_nothing)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"event\",\"id\":\"E\",\"op\":\"upsert\","
                           "\"data\":{}},{\"kind\":\"event\",\"op\":\"upsert\",\"data\":{}}],"
                           "\"cursor\":\"bad\"}",
                           &r, &err),
                     MC_ERR_SERVER);
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 0);
    ck_assert_ptr_null(meta(MCI_META_CURSOR));
    ck_assert_int_eq(apply("{\"changes\":[]}", &r, &err), MC_ERR_SERVER);
    ck_assert_ptr_nonnull(strstr(err.message, "cursor"));
    ck_assert_int_eq(apply("{\"cursor\":\"x\"}", &r, &err), MC_ERR_SERVER);
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"event\",\"id\":\"E\",\"op\":\"zap\"}],"
                           "\"cursor\":\"x\"}",
                           &r, &err),
                     MC_ERR_SERVER);
}
END_TEST

/* Data sent as text (data_json) is stored as the same object; malformed text is refused
 * and the page changes nothing. */
START_TEST(test_data_json_is_stored_and_checked)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"event\",\"id\":\"E\",\"op\":\"upsert\","
                           "\"data_json\":\"{\\\"id\\\": \\\"E\\\", \\\"capacity\\\": 5}\"}],"
                           "\"cursor\":\"c\"}",
                           &r, &err),
                     MC_OK);
    ck_assert_int_eq(count("SELECT json_extract(data,'$.capacity') FROM entity WHERE id='E'"), 5);
    /* kept as the server wrote it */
    ck_assert_int_eq(count("SELECT data = '{\"id\": \"E\", \"capacity\": 5}' FROM entity"), 1);
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"event\",\"id\":\"F\",\"op\":\"upsert\","
                           "\"data\":{}},{\"kind\":\"event\",\"id\":\"G\",\"op\":\"upsert\","
                           "\"data_json\":\"{not json\"}],\"cursor\":\"d\"}",
                           &r, &err),
                     MC_ERR_SERVER);
    ck_assert_ptr_nonnull(strstr(err.message, "malformed"));
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 1);
    char *cursor = meta(MCI_META_CURSOR);
    ck_assert_str_eq(cursor, "c");
    free(cursor);
}
END_TEST

/* Data that is valid JSON but lacks what its kind's projection needs (a room_busy without
 * room_id: found by tests/fuzz/fuzz_pull_page) is the server's fault: MC_ERR_SERVER, not a
 * storage error, and the page changes nothing. */
START_TEST(test_data_missing_a_projected_field_is_malformed)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply("{\"changes\":[{\"kind\":\"event\",\"id\":\"E\",\"op\":\"upsert\","
                           "\"data\":{}},{\"kind\":\"room_busy\",\"id\":\"rb_1\","
                           "\"op\":\"upsert\",\"data_json\":\"{\\\"id\\\":\\\"rb_1\\\","
                           "\\\"start_ms\\\":1799227800000,\\\"end_ms\\\":1799231400000}\"}],"
                           "\"cursor\":\"c1\"}",
                           &r, &err),
                     MC_ERR_SERVER);
    ck_assert_ptr_nonnull(strstr(err.message, "rb_1"));
    ck_assert_ptr_nonnull(strstr(err.message, "malformed"));
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 0);
    ck_assert_ptr_null(meta(MCI_META_CURSOR));
}
END_TEST

/* Acknowledged outbox rows up to acked_mutation_id leave with the page; others stay. */
START_TEST(test_acked_rows_leave_with_the_page)
{
    ck_assert_int_eq(
        sqlite3_exec(db,
                     "INSERT INTO outbox (mutation_id, user_id, idempotency_key, kind, entity_id, "
                     "payload, state, created_at_ms) VALUES "
                     "(1,'usr_1','k1','rsvp.set','E','{}',3,0),"
                     "(2,'usr_1','k2','rsvp.set','E','{}',2,0),"
                     "(3,'usr_1','k3','rsvp.set','E','{}',3,0),"
                     "(4,'usr_1','k4','rsvp.set','E','{}',0,0)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply("{\"changes\":[],\"cursor\":\"c\",\"acked_mutation_id\":3}", &r, &err),
                     MC_OK);
    /* 1 and 3 confirmed and gone; 2 (rejected) and 4 (pending) stay */
    ck_assert_int_eq(count("SELECT group_concat(mutation_id) = '2,4' FROM outbox"), 1);
    /* acknowledgements never move back */
    ck_assert_int_eq(apply("{\"changes\":[],\"cursor\":\"d\",\"acked_mutation_id\":1}", &r, &err),
                     MC_OK);
    char *acked = meta(MCI_META_ACKED);
    ck_assert_str_eq(acked, "3");
    free(acked);
}
END_TEST

/* The member's own profile refreshes the account row; someone else's does not. */
START_TEST(test_own_profile_refreshes_account)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(
        apply("{\"changes\":[{\"kind\":\"profile\",\"id\":\"usr_1\",\"op\":\"upsert\",\"data\":"
              "{\"id\":\"usr_1\",\"phone\":\"+919800000001\",\"name\":\"Asha Rao\","
              "\"roles\":[\"member\"],\"membership\":{\"seat\":\"Cabin 1019\"}}},"
              "{\"kind\":\"profile\",\"id\":\"usr_2\",\"op\":\"upsert\",\"data\":"
              "{\"id\":\"usr_2\",\"phone\":\"+919800000002\",\"name\":\"Vikram\"}}],"
              "\"cursor\":\"c\"}",
              &r, &err),
        MC_OK);
    mc_account *a = NULL;
    ck_assert_int_eq(mci_account_load(db, &a, &err), MC_OK);
    ck_assert_str_eq(a->name, "Asha Rao");
    ck_assert_str_eq(a->seat, "Cabin 1019");
    ck_assert_uint_eq(a->roles, MC_ROLE_MEMBER);
    mc_account_free(a);
}
END_TEST

/* Wiping server truth keeps the outbox and the account. */
START_TEST(test_forget_server_truth_keeps_outbox)
{
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(apply(page1, &r, &err), MC_OK);
    ck_assert_int_eq(
        sqlite3_exec(db,
                     "INSERT INTO outbox (user_id, idempotency_key, kind, entity_id, "
                     "payload, created_at_ms) VALUES ('usr_1','k','rsvp.set','E','{}',0)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    ck_assert_int_eq(mci_store_forget_server_truth(db, &err), MC_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM entity"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 1);
    ck_assert_ptr_null(meta(MCI_META_CURSOR));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pull_apply");
    TCase *tc = tcase_create("page");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_page_upserts_and_cursor_land_together);
    tcase_add_test(tc, test_page_applied_twice_is_the_same);
    tcase_add_test(tc, test_tombstones_delete_and_upserts_replace);
    tcase_add_test(tc, test_malformed_page_changes_nothing);
    tcase_add_test(tc, test_data_json_is_stored_and_checked);
    tcase_add_test(tc, test_data_missing_a_projected_field_is_malformed);
    tcase_add_test(tc, test_acked_rows_leave_with_the_page);
    tcase_add_test(tc, test_own_profile_refreshes_account);
    tcase_add_test(tc, test_forget_server_truth_keeps_outbox);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
