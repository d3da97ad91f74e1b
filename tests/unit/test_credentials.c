/*
 * tests/unit/test_credentials.c - credentials from the local store: the signed-in member's
 * list (expired ones left out, soonest first), and the rotating payload at the injected
 * clock, refused by name before and after its window, with the instant to redraw it.
 */
#include <cJSON.h>
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "account/account.h"
#include "handle/handle.h"
#include "sync/pull.h"
#include "tempdir.h"

/* 2027-01-05 00:00 IST and the next midnight */
#define DAY_START  1799087400000LL
#define DAY_END    (DAY_START + 86400000LL)
#define SECRET_HEX "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static char *dir;
static int64_t now;
static mc_client *client;

static int64_t test_clock(void *context)
{
    return *(int64_t *)context;
}

static void exec(const char *sql)
{
    char *msg = NULL;
    pthread_mutex_lock(&client->lock);
    int rc = sqlite3_exec(client->db, sql, NULL, NULL, &msg);
    pthread_mutex_unlock(&client->lock);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
    sqlite3_free(msg);
}

static void sign_in(void)
{
    cJSON *user = cJSON_Parse("{\"id\":\"usr_1\",\"phone\":\"+919800000001\"}");
    mc_account *account = NULL;
    ck_assert_int_eq(mci_account_from_json(user, &account, NULL), MC_OK);
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(mci_account_save(client->db, account, now, NULL), MC_OK);
    pthread_mutex_unlock(&client->lock);
    mc_account_free(account);
    cJSON_Delete(user);
}

/* A change applied through the pull path, as sync would (entity and its projection). */
static void pull_upsert(const char *kind, const char *id, const char *data_json)
{
    cJSON *page = cJSON_CreateObject();
    cJSON *change = cJSON_CreateObject();
    cJSON_AddStringToObject(change, "kind", kind);
    cJSON_AddStringToObject(change, "id", id);
    cJSON_AddStringToObject(change, "op", "upsert");
    cJSON_AddStringToObject(change, "data_json", data_json);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(page, "changes"), change);
    cJSON_AddStringToObject(page, "cursor", "c1");
    mci_page_result result;
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_pull_apply(client->db, page, "usr_1", now, &result, &err);
    pthread_mutex_unlock(&client->lock);
    ck_assert_msg(st == MC_OK, "%s", err.message);
    cJSON_Delete(page);
}

static void add_credential(const char *id, const char *kind, int64_t from, int64_t until,
                           const char *secret_hex)
{
    bool pass = strcmp(kind, "pass") == 0;
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"kind\":\"%s\",\"building_id\":\"BLR-1\",\"valid_from_ms\":%lld,"
             "\"valid_until_ms\":%lld,\"secret_hex\":\"%s\",\"%s\":\"%s\"}",
             id, kind, (long long)from, (long long)until, secret_hex,
             pass ? "pass_id" : "reservation_id", pass ? "pas_1" : "res_1");
    pull_upsert("credential", id, data);
}

static void setup(void)
{
    dir = tempdir_new();
    now = DAY_START + 10 * 3600000LL + 12345; /* 10:00:12.345 IST on the pass date */
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.clock = test_clock;
    cfg.clock_context = &now;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    sign_in();
    pull_upsert("building", "BLR-1",
                "{\"id\":\"BLR-1\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":"
                "[{\"at_ms\":0,\"offset_min\":330,\"abbrev\":\"IST\"}]}}");
    add_credential("crd_today", "pass", DAY_START, DAY_END, SECRET_HEX);
    add_credential("crd_tomorrow", "pass", DAY_END, DAY_END + 86400000LL, SECRET_HEX);
    add_credential("crd_guest", "booking_guest", DAY_START + 9 * 3600000LL,
                   DAY_START + 12 * 3600000LL, SECRET_HEX);
    add_credential("crd_yesterday", "pass", DAY_START - 86400000LL, DAY_START, SECRET_HEX);
    /* other kinds are not credentials */
    pull_upsert("pass", "pas_1", "{\"id\":\"pas_1\"}");
}

static void teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
}

/* The list holds the credentials not yet expired, soonest valid first, with their fields. */
START_TEST(test_list_soonest_first_without_expired)
{
    mc_credential_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_credentials_list(client, &list, &err) == MC_OK, "%s", err.message);
    ck_assert_uint_eq(list->count, 3);
    ck_assert_str_eq(list->items[0].id, "crd_today");
    ck_assert_str_eq(list->items[1].id, "crd_guest");
    ck_assert_str_eq(list->items[2].id, "crd_tomorrow");
    const mc_credential *today = &list->items[0];
    ck_assert_int_eq(today->kind, MC_CREDENTIAL_PASS);
    ck_assert_str_eq(today->building_id, "BLR-1");
    ck_assert_int_eq(today->valid_from_ms, DAY_START);
    ck_assert_int_eq(today->valid_until_ms, DAY_END);
    /* the window as the member reads it: the building's midnight to midnight */
    ck_assert_str_eq(today->valid_from.iso8601, "2027-01-05T00:00:00+05:30");
    ck_assert_str_eq(today->valid_until.iso8601, "2027-01-06T00:00:00+05:30");
    ck_assert_str_eq(today->valid_until.label, "IST");
    ck_assert_str_eq(today->pass_id, "pas_1");
    ck_assert_str_eq(today->reservation_id, "");
    ck_assert_int_eq(list->items[1].kind, MC_CREDENTIAL_BOOKING_GUEST);
    ck_assert_str_eq(list->items[1].pass_id, "");
    ck_assert_str_eq(list->items[1].reservation_id, "res_1");
    mc_credential_list_free(list);

    now = DAY_END; /* the day is over: only tomorrow's is left */
    ck_assert_int_eq(mc_credentials_list(client, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, "crd_tomorrow");
    mc_credential_list_free(list);
    mc_credential_list_free(NULL);

    ck_assert_int_eq(mc_credentials_list(NULL, &list, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_credentials_list(client, NULL, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* The payload is mc_access_payload's at the client's clock with the stored secret, and is
 * to be redrawn at the next step. */
START_TEST(test_payload_at_client_clock)
{
    char out[MC_ACCESS_PAYLOAD_MAX], expected[MC_ACCESS_PAYLOAD_MAX];
    int64_t refresh = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_credential_payload(client, "crd_today", out, sizeof out, &refresh, &err) ==
                      MC_OK,
                  "%s", err.message);
    uint8_t secret[32];
    for (int i = 0; i < 32; i++)
        secret[i] = (uint8_t)i;
    ck_assert_int_eq(
        mc_access_payload("crd_today", secret, sizeof secret, now, expected, sizeof expected, NULL),
        MC_OK);
    ck_assert_str_eq(out, expected);
    ck_assert_int_eq(refresh, (now / 30000 + 1) * 30000);
    ck_assert_int_gt(refresh, now);

    /* Same step, same payload; the next step, another. */
    now = refresh - 1;
    char same[MC_ACCESS_PAYLOAD_MAX];
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", same, sizeof same, NULL, &err),
                     MC_OK);
    ck_assert_str_eq(same, out);
    now = refresh;
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", same, sizeof same, NULL, &err),
                     MC_OK);
    ck_assert_str_ne(same, out);

    /* The guest credential ends at 12:00: the last step redraws at the end, not after it. */
    now = DAY_START + 12 * 3600000LL - 10000;
    ck_assert_int_eq(mc_credential_payload(client, "crd_guest", out, sizeof out, &refresh, &err),
                     MC_OK);
    ck_assert_int_eq(refresh, DAY_START + 12 * 3600000LL);
}
END_TEST

/* Outside its window the payload is refused, and the message says which side. */
START_TEST(test_payload_outside_window)
{
    char out[MC_ACCESS_PAYLOAD_MAX];
    int64_t refresh = 42;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_credential_payload(client, "crd_tomorrow", out, sizeof out, &refresh, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "not valid yet") != NULL, "%s", err.message);
    ck_assert_msg(strstr(err.message, "valid from 2027-01-06 00:00 IST") != NULL, "%s",
                  err.message);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(refresh, 0);
    ck_assert_int_eq(mc_credential_payload(client, "crd_yesterday", out, sizeof out, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "expired") != NULL, "%s", err.message);
    ck_assert_msg(strstr(err.message, "valid until 2027-01-05 00:00 IST") != NULL, "%s",
                  err.message);

    /* valid_from is inside, valid_until outside */
    now = DAY_END - 1;
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", out, sizeof out, NULL, &err),
                     MC_OK);
    now = DAY_END;
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", out, sizeof out, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_ptr_nonnull(strstr(err.message, "expired"));
    ck_assert_int_eq(mc_credential_payload(client, "crd_tomorrow", out, sizeof out, NULL, &err),
                     MC_OK);
}
END_TEST

/* Unknown ids, bad arguments, a signed-out client and a damaged secret are each named. */
START_TEST(test_payload_errors)
{
    char out[MC_ACCESS_PAYLOAD_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_credential_payload(client, "crd_nope", out, sizeof out, NULL, &err),
                     MC_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, "crd_nope"));
    ck_assert_int_eq(mc_credential_payload(client, "pas_1", out, sizeof out, NULL, &err),
                     MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_credential_payload(NULL, "crd_today", out, sizeof out, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_credential_payload(client, NULL, out, sizeof out, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "credential_id"));
    ck_assert_int_eq(mc_credential_payload(client, "", out, sizeof out, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", NULL, 64, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", out, 63, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "out_cap"));

    add_credential("crd_broken", "pass", DAY_START, DAY_END, "zz");
    ck_assert_int_eq(mc_credential_payload(client, "crd_broken", out, sizeof out, NULL, &err),
                     MC_ERR_STORAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "secret"));
    ck_assert_ptr_null(strstr(err.message, "zz"));
    add_credential("crd_empty", "pass", DAY_START, DAY_END, "");
    ck_assert_int_eq(mc_credential_payload(client, "crd_empty", out, sizeof out, NULL, &err),
                     MC_ERR_STORAGE);

    exec("DELETE FROM account");
    ck_assert_int_eq(mc_credential_payload(client, "crd_today", out, sizeof out, NULL, &err),
                     MC_ERR_UNAUTHORIZED);
    mc_credential_list *list = (mc_credential_list *)0x1;
    ck_assert_int_eq(mc_credentials_list(client, &list, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_ptr_null(list);
}
END_TEST

/* The synced kinds this work adds are known by name. */
START_TEST(test_kind_names)
{
    ck_assert_str_eq(mc_kind_name(MC_KIND_CREDENTIAL), "credential");
    ck_assert_str_eq(mc_kind_name(MC_KIND_PASS), "pass");
    ck_assert_str_eq(mc_kind_name(MC_KIND_INVOICE), "invoice");
    ck_assert_str_eq(mc_kind_name(MC_KIND_MEMBERSHIP), "membership");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("credentials");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_list_soonest_first_without_expired);
    tcase_add_test(tc, test_payload_at_client_clock);
    tcase_add_test(tc, test_payload_outside_window);
    tcase_add_test(tc, test_payload_errors);
    tcase_add_test(tc, test_kind_names);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
