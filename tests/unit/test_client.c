/*
 * tests/unit/test_client.c - opening a client: every bad configuration is named, the
 * injected clock and random source are the ones used, the install id and the secure
 * storage are kept as promised, and errors map to the codes the UI acts on.
 */
#include <check.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <membercore/membercore.h>

#include "access/kinds.h"
#include "billing/states.h"
#include "handle/handle.h"
#include "linux/platform_linux.h"
#include "net/http.h"
#include "util/error.h"
#include "tempdir.h"

static char *dir;

static void setup(void)
{
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    dir = NULL;
}

static mc_status counting_random(void *context, uint8_t *buf, size_t len)
{
    int *calls = context;
    (*calls)++;
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(0xA0 + i);
    return MC_OK;
}

static int64_t fixed_clock(void *context)
{
    return *(int64_t *)context;
}

static void expect_config_error(mc_config cfg, const char *field)
{
    mc_client *client = (mc_client *)0x1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(client);
    ck_assert_msg(strstr(err.message, field) != NULL, "'%s' should name %s", err.message, field);
}

/* Each invalid configuration is refused with the field named. */
START_TEST(test_open_names_the_bad_config_field)
{
    mc_config cfg;
    mc_config_init(&cfg);
    expect_config_error(cfg, "data_dir");
    cfg.data_dir = dir;
    cfg.connect_timeout_ms = 0;
    expect_config_error(cfg, "connect_timeout_ms");
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.request_timeout_ms = -1;
    expect_config_error(cfg, "request_timeout_ms");
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = "ftp://example.com";
    expect_config_error(cfg, "server_url");
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.platform.secure_get = mcp_file_store_get;
    expect_config_error(cfg, "platform");

    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(NULL, NULL, &err), MC_ERR_INVALID_ARG);
    mc_client *client = NULL;
    ck_assert_int_eq(mc_client_open(NULL, &client, NULL), MC_ERR_INVALID_ARG);
    mc_client_close(NULL); /* accepted */
    mc_client_free(NULL);  /* accepted */
}
END_TEST

/* A data directory that cannot be created is a storage error naming it. */
START_TEST(test_open_unusable_data_dir_is_storage_error)
{
    char *file = tempdir_path(dir, "plain-file");
    FILE *f = fopen(file, "w");
    fclose(f);
    char *inside = tempdir_path(file, "data");
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = inside;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_ERR_STORAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "data"));
    free(inside);
    free(file);
}
END_TEST

/* Missing parent directories of the data directory are created, private to the user. */
START_TEST(test_open_creates_missing_parents)
{
    char *deep = tempdir_path(dir, "a/b/c");
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = deep;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    mc_client_free(client);
    struct stat st;
    ck_assert_int_eq(stat(deep, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0700);
    free(deep);
}
END_TEST

/* The install's client id comes from the injected random source and survives reopening. */
START_TEST(test_client_id_uses_injected_random_and_persists)
{
    int calls = 0;
    int64_t now = 1767225600000; /* 2026-01-01T00:00:00Z */
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.random = counting_random;
    cfg.random_context = &calls;
    cfg.clock = fixed_clock;
    cfg.clock_context = &now;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_OK);
    ck_assert_int_eq(calls, 1);
    /* bytes a0..af with the version and variant bits set */
    ck_assert_str_eq(client->client_id, "a0a1a2a3-a4a5-46a7-a8a9-aaabacadaeaf");
    ck_assert_int_eq(mci_client_now(client), now);
    mc_client_free(client);

    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_OK);
    ck_assert_int_eq(calls, 1); /* not generated again */
    ck_assert_str_eq(client->client_id, "a0a1a2a3-a4a5-46a7-a8a9-aaabacadaeaf");
    mc_client_free(client);
}
END_TEST

/* Without an injected source, ids are random v4 UUIDs that differ between installs. */
START_TEST(test_default_random_gives_distinct_v4_ids)
{
    char ids[2][40];
    for (int i = 0; i < 2; i++) {
        char *sub = tempdir_path(dir, i == 0 ? "a" : "b");
        mc_config cfg;
        mc_config_init(&cfg);
        cfg.data_dir = sub;
        mc_client *client = NULL;
        ck_assert_int_eq(mc_client_open(&cfg, &client, NULL), MC_OK);
        snprintf(ids[i], sizeof ids[i], "%s", client->client_id);
        mc_client_free(client);
        free(sub);
        ck_assert_int_eq(strlen(ids[i]), 36);
        ck_assert_int_eq(ids[i][14], '4');
        ck_assert(strchr("89ab", ids[i][19]) != NULL);
    }
    ck_assert_str_ne(ids[0], ids[1]);
}
END_TEST

/* The Linux secure storage keeps values in 0600 files inside a 0700 directory. */
START_TEST(test_secure_storage_files_are_private)
{
    char *secure = tempdir_path(dir, "secure");
    mcp_file_store *store = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mcp_file_store_new(secure, &store, &err), MC_OK);
    ck_assert_int_eq(mcp_file_store_set(store, "session_token", "mcs_secret"), MC_OK);
    ck_assert_int_eq(mcp_file_store_set(store, "session_token", "mcs_second"), MC_OK);
    char value[64];
    ck_assert_int_eq(mcp_file_store_get(store, "session_token", value, sizeof value), MC_OK);
    ck_assert_str_eq(value, "mcs_second");
    struct stat st;
    ck_assert_int_eq(stat(secure, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0700);
    char *file = tempdir_path(secure, "session_token");
    ck_assert_int_eq(stat(file, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    char tiny[4];
    ck_assert_int_eq(mcp_file_store_get(store, "session_token", tiny, sizeof tiny),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mcp_file_store_get(store, "../escape", value, sizeof value),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mcp_file_store_delete(store, "session_token"), MC_OK);
    ck_assert_int_eq(mcp_file_store_delete(store, "session_token"), MC_OK);
    ck_assert_int_eq(mcp_file_store_get(store, "session_token", value, sizeof value),
                     MC_ERR_NOT_FOUND);
    mcp_file_store_free(store);
    free(file);
    free(secure);
}
END_TEST

/* Nobody is signed in on a fresh install; whoami says so. */
START_TEST(test_fresh_client_is_signed_out)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    mc_client *client = NULL;
    ck_assert_int_eq(mc_client_open(&cfg, &client, NULL), MC_OK);
    ck_assert(!mc_auth_is_signed_in(client));
    mc_account *account = (mc_account *)0x1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_account_get(client, &account, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_ptr_null(account);
    char phone[MC_PHONE_MAX];
    ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_auth_verify_otp(client, "123456", NULL, NULL, &err), MC_ERR_STATE);
    ck_assert_int_eq(mc_auth_logout(client, &err), MC_OK);
    mc_client_free(client);
}
END_TEST

/* With no server configured, network calls say offline and change nothing. */
START_TEST(test_no_server_configured_is_offline)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    mc_client *client = NULL;
    ck_assert_int_eq(mc_client_open(&cfg, &client, NULL), MC_OK);
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err), MC_ERR_OFFLINE);
    ck_assert_ptr_nonnull(strstr(err.message, "server_url"));
    char phone[MC_PHONE_MAX];
    ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_ERR_NOT_FOUND);
    mc_client_free(client);
}
END_TEST

/* Server error codes map to the statuses the UI acts on; unknown ones by HTTP status. */
START_TEST(test_server_codes_map_to_statuses)
{
    ck_assert_int_eq(mci_http_status_for("otp_wrong", 400), MC_ERR_OTP_WRONG);
    ck_assert_int_eq(mci_http_status_for("hold_limit", 409), MC_ERR_CONFLICT);
    ck_assert_int_eq(mci_http_status_for("booking_too_long", 400), MC_ERR_CONFLICT);
    ck_assert_int_eq(mci_http_status_for("hold_cooldown", 409), MC_ERR_CONFLICT);
    ck_assert_int_eq(mci_rule_of_server_code("hold_limit"), MC_RULE_HOLD_LIMIT);
    ck_assert_int_eq(mci_rule_of_server_code("booking_too_long"), MC_RULE_TOO_LONG);
    ck_assert_int_eq(mci_rule_of_server_code("hold_cooldown"), MC_RULE_HOLD_COOLDOWN);
    ck_assert_int_eq(mci_http_status_for("otp_expired", 400), MC_ERR_OTP_EXPIRED);
    ck_assert_int_eq(mci_http_status_for("otp_exhausted", 400), MC_ERR_OTP_EXHAUSTED);
    ck_assert_int_eq(mci_http_status_for("otp_rate_limited", 429), MC_ERR_OTP_RATE_LIMITED);
    ck_assert_int_eq(mci_http_status_for("profile_incomplete", 409), MC_ERR_STATE);
    ck_assert_int_eq(mci_http_status_for("unauthorized", 401), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mci_http_status_for("something_new", 404), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mci_http_status_for(NULL, 401), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mci_http_status_for(NULL, 503), MC_ERR_SERVER);
    ck_assert_int_eq(mci_http_status_for(NULL, 429), MC_ERR_NETWORK);
}
END_TEST

/* Every status has a stable name; unknown values are "unknown". */
START_TEST(test_status_names_are_stable)
{
    ck_assert_str_eq(mc_status_name(MC_OK), "ok");
    ck_assert_str_eq(mc_status_name(MC_ERR_OFFLINE), "offline");
    ck_assert_str_eq(mc_status_name(MC_ERR_OTP_RATE_LIMITED), "otp_rate_limited");
    for (int s = MC_OK; s <= MC_ERR_FORBIDDEN; s++)
        ck_assert_str_ne(mc_status_name((mc_status)s), "unknown");
    ck_assert_str_eq(mc_status_name((mc_status)999), "unknown");
    ck_assert_str_eq(mc_role_name(MC_ROLE_ONDEMAND), "ondemanduser");
    ck_assert_str_eq(mc_intent_name(MC_INTENT_VIRTUAL_OFFICE), "virtual_office");
    ck_assert_str_eq(mc_intent_name((mc_intent)9), "unknown");
    ck_assert_str_eq(mc_version(), "0.1.0");
}
END_TEST

/* A config compiled against an older, smaller mc_config: init writes only its bytes, open
 * reads only those and gives the newer fields their defaults; an uninitialised one is named. */
START_TEST(test_config_can_grow)
{
    size_t old_size = offsetof(mc_config, random); /* before random, random_context, platform */
    unsigned char buf[sizeof(mc_config) + 16];
    memset(buf, 0xAB, sizeof buf);
    mc_config *old = (mc_config *)(void *)buf;
    mc_config_init_sized(old, old_size);
    for (size_t i = old_size; i < sizeof buf; i++)
        ck_assert_msg(buf[i] == 0xAB, "init wrote byte %zu past the caller's struct", i);
    ck_assert_uint_eq(old->size, old_size);
    ck_assert_int_eq(old->request_timeout_ms, 15000);
    old->data_dir = dir;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(old, &client, &err) == MC_OK, "%s", err.message);
    ck_assert(!mc_auth_is_signed_in(client)); /* the default secure storage: platform unset */
    mc_client_free(client);

    mc_config zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    zeroed.data_dir = dir;
    ck_assert_int_eq(mc_client_open(&zeroed, &client, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "mc_config_init"));
}
END_TEST

/* Named states: each enum's wire names both ways, and a wire value newer than the library
 * reads as UNKNOWN and prints as "unknown". */
START_TEST(test_state_names_both_ways)
{
    ck_assert_str_eq(mc_pass_status_name(MC_PASS_HELD), "held");
    ck_assert_str_eq(mc_pass_status_name(MC_PASS_RELEASED), "released");
    ck_assert_str_eq(mc_invoice_status_name(MC_INVOICE_OVERDUE), "overdue");
    ck_assert_str_eq(mc_invoice_status_name(MC_INVOICE_VOID), "void");
    ck_assert_str_eq(mc_invoice_status_name(MC_INVOICE_EXPIRED), "expired");
    ck_assert_str_eq(mc_booking_status_name(MC_BOOKING_EXPIRED), "expired");
    ck_assert_str_eq(mc_membership_status_name(MC_MEMBERSHIP_NONE), "none");
    ck_assert_str_eq(mc_credential_kind_name(MC_CREDENTIAL_BOOKING_GUEST), "booking_guest");
    ck_assert_str_eq(mc_booking_status_name(MC_BOOKING_PENDING_PAYMENT), "pending_payment");
    ck_assert_str_eq(mc_pass_status_name((mc_pass_status)99), "unknown");
    ck_assert_str_eq(mc_invoice_status_name((mc_invoice_status)-1), "unknown");
    ck_assert_str_eq(mc_booking_status_name(MC_BOOKING_UNKNOWN), "unknown");
    ck_assert_str_eq(mc_payment_name(MC_PAY_CREDITS), "credits");
    ck_assert_str_eq(mc_payment_name(MC_PAY_RAZORPAY), "razorpay");
    ck_assert_str_eq(mc_payment_name((mc_payment)0), "unknown");
    ck_assert_str_eq(mc_sync_event_type_name(MC_SYNC_EVENT_DATA_CHANGED), "data_changed");
    ck_assert_str_eq(mc_sync_event_type_name(MC_SYNC_EVENT_STATUS_CHANGED), "status_changed");
    ck_assert_str_eq(mc_sync_event_type_name(MC_SYNC_EVENT_UPLOAD_PROGRESS), "upload_progress");
    ck_assert_str_eq(mc_sync_event_type_name(MC_SYNC_EVENT_UPLOAD_FAILED), "upload_failed");
    ck_assert_str_eq(mc_sync_event_type_name((mc_sync_event_type)(1 << 7)), "unknown");
    ck_assert_str_eq(mc_sync_event_type_name(
                         (mc_sync_event_type)(MC_SYNC_EVENT_DATA_CHANGED | MC_SYNC_EVENT_PROGRESS)),
                     "unknown");

    ck_assert_int_eq(mci_pass_status_parse("active"), MC_PASS_ACTIVE);
    ck_assert_int_eq(mci_invoice_status_parse("paid"), MC_INVOICE_PAID);
    ck_assert_int_eq(mci_membership_status_parse("active"), MC_MEMBERSHIP_ACTIVE);
    ck_assert_int_eq(mci_credential_kind_parse("pass"), MC_CREDENTIAL_PASS);
    ck_assert_int_eq(mci_pass_status_parse("refunded"), MC_PASS_UNKNOWN); /* newer */
    ck_assert_int_eq(mci_invoice_status_parse(NULL), MC_INVOICE_UNKNOWN);
    ck_assert_int_eq(mci_credential_kind_parse("desk"), MC_CREDENTIAL_DESK);
    ck_assert_int_eq(mci_credential_kind_parse("locker"), MC_CREDENTIAL_UNKNOWN); /* newer */
    for (int v = MC_INVOICE_DRAFT; v <= MC_INVOICE_EXPIRED; v++)
        ck_assert_int_eq(mci_invoice_status_parse(mc_invoice_status_name((mc_invoice_status)v)), v);
}
END_TEST

/* The default data directory follows XDG, then HOME; a small buffer is refused. */
START_TEST(test_default_data_dir_follows_xdg)
{
    char out[256];
    mc_error err = MC_ERROR_INIT;
    setenv("XDG_DATA_HOME", "/xdg/data", 1);
    ck_assert_int_eq(mc_platform_default_data_dir(out, sizeof out, &err), MC_OK);
    ck_assert_str_eq(out, "/xdg/data/membercore");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/asha", 1);
    ck_assert_int_eq(mc_platform_default_data_dir(out, sizeof out, &err), MC_OK);
    ck_assert_str_eq(out, "/home/asha/.local/share/membercore");
    ck_assert_int_eq(mc_platform_default_data_dir(out, 8, &err), MC_ERR_INVALID_ARG);
    unsetenv("HOME");
    ck_assert_int_eq(mc_platform_default_data_dir(out, sizeof out, &err), MC_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, "HOME"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("client");
    TCase *tc = tcase_create("open");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_open_names_the_bad_config_field);
    tcase_add_test(tc, test_open_unusable_data_dir_is_storage_error);
    tcase_add_test(tc, test_open_creates_missing_parents);
    tcase_add_test(tc, test_client_id_uses_injected_random_and_persists);
    tcase_add_test(tc, test_default_random_gives_distinct_v4_ids);
    tcase_add_test(tc, test_secure_storage_files_are_private);
    tcase_add_test(tc, test_fresh_client_is_signed_out);
    tcase_add_test(tc, test_no_server_configured_is_offline);
    tcase_add_test(tc, test_server_codes_map_to_statuses);
    tcase_add_test(tc, test_status_names_are_stable);
    tcase_add_test(tc, test_state_names_both_ways);
    tcase_add_test(tc, test_config_can_grow);
    tcase_add_test(tc, test_default_data_dir_follows_xdg);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
