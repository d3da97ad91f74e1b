/*
 * tests/integration/test_signin.c - the sign-in journey of DOMAIN.md section 1, through the
 * public C API, against a real memberstub on 127.0.0.1 (started per test, ephemeral port).
 *
 * The server's clock is moved through its test endpoint; nothing sleeps.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "stub_process.h"
#include "tempdir.h"

static stub_process *stub;
static char *dir;
static mc_client *client;

/* 2027-01-04T04:30:00Z, a Monday morning in Bengaluru. */
#define T0_MS 1799037000000LL

static mc_client *open_client_at(const char *data_dir, const char *url)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = data_dir;
    cfg.server_url = url;
    cfg.connect_timeout_ms = 2000;
    cfg.request_timeout_ms = 5000;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &c, &err) == MC_OK, "open: %s", err.message);
    return c;
}

static void setup(void)
{
    stub = stub_start_at(T0_MS, NULL, NULL);
    ck_assert_msg(stub != NULL, "memberstub did not start");
    dir = tempdir_new();
    client = open_client_at(dir, stub_url(stub));
}

static void teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
    dir = NULL;
    int status = stub_stop(stub);
    stub = NULL;
    ck_assert_msg(status == 0, "memberstub exited with status %d (a sanitizer report?)", status);
}

static void request_code(const char *typed, char code[7])
{
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_request_otp(client, typed, &req, &err) == MC_OK, "request: %s",
                  err.message);
    ck_assert_int_eq(stub_latest_otp(stub, req.phone, code), 0);
}

static mc_account *sign_in(const char *typed, bool *new_user)
{
    char code[7];
    request_code(typed, code);
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_verify_otp(client, code, new_user, &account, &err) == MC_OK, "verify: %s",
                  err.message);
    return account;
}

/* A wrong code: the first six-digit string that is not the real one. */
static void wrong_code_for(const char code[7], char wrong[7])
{
    memcpy(wrong, code, 7);
    wrong[5] = (char)(code[5] == '9' ? '0' : code[5] + 1);
}

/* The token the core keeps in the Linux secure storage (tests may peek). */
static void read_session_token(char *token, size_t cap)
{
    char *path = tempdir_path(dir, "secure/session_token");
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "no session token file");
    ck_assert_ptr_nonnull(fgets(token, (int)cap, f));
    fclose(f);
    free(path);
}

/* A new number: OTP, account at once, profile -> lead "new", on-demand -> ondemanduser. */
START_TEST(test_new_user_signs_up_completes_profile_and_goes_on_demand)
{
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "+91 98765-43210", &req, &err), MC_OK);
    ck_assert_str_eq(req.phone, "+919876543210");
    ck_assert(!req.registered);
    ck_assert_int_eq(req.expires_in_s, 300);
    ck_assert_int_eq(req.resend_after_s, 30);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, "+919876543210", code), 0);

    bool new_user = false;
    mc_account *account = NULL;
    ck_assert_int_eq(mc_auth_verify_otp(client, code, &new_user, &account, &err), MC_OK);
    ck_assert(new_user);
    ck_assert_str_eq(account->phone, "+919876543210");
    ck_assert(!account->profile_complete);
    ck_assert_uint_eq(account->roles, 0);
    ck_assert_str_eq(account->lead_id, "");
    mc_account_free(account);
    ck_assert(mc_auth_is_signed_in(client));

    /* The intent comes after the profile. */
    mc_intent_details on_demand = {MC_INTENT_ON_DEMAND, NULL, 0, NULL, {0, ""}};
    ck_assert_int_eq(mc_auth_set_intent(client, &on_demand, &account, &err), MC_ERR_STATE);
    ck_assert_ptr_null(account);

    mc_profile profile = {"Meera Iyer", "meera@iyerlabs.example", "Iyer Labs", "Bengaluru"};
    ck_assert_msg(mc_auth_complete_profile(client, &profile, &account, &err) == MC_OK, "%s",
                  err.message);
    ck_assert(account->profile_complete);
    ck_assert_str_eq(account->name, "Meera Iyer");
    ck_assert_str_eq(account->email, "meera@iyerlabs.example");
    ck_assert_str_eq(account->company, "Iyer Labs");
    ck_assert_str_eq(account->city, "Bengaluru");
    ck_assert_str_ne(account->lead_id, "");
    ck_assert_str_eq(account->lead_status, "new");
    ck_assert_uint_eq(account->roles, MC_ROLE_LEAD);
    mc_account_free(account);

    ck_assert_int_eq(mc_auth_set_intent(client, &on_demand, &account, &err), MC_OK);
    ck_assert(account->roles & MC_ROLE_ONDEMAND);
    ck_assert_int_eq(account->intent, MC_INTENT_ON_DEMAND);
    mc_account_free(account);

    /* whoami answers from the local store, with the server gone. */
    int status = stub_stop(stub);
    stub = NULL;
    ck_assert_int_eq(status, 0);
    ck_assert_int_eq(mc_account_get(client, &account, &err), MC_OK);
    ck_assert_str_eq(account->name, "Meera Iyer");
    ck_assert(account->roles & MC_ROLE_ONDEMAND);
    mc_account_free(account);
}
END_TEST

/* Private and virtual office intents record what the sales team needs on the lead. */
START_TEST(test_office_intent_records_details_on_lead)
{
    mc_account *account = sign_in("9123456780", NULL);
    mc_account_free(account);
    mc_error err = MC_ERROR_INIT;
    mc_profile profile = {"Kabir Das", "kabir@dohas.example", "Dohas", "Mumbai"};
    ck_assert_int_eq(mc_auth_complete_profile(client, &profile, NULL, &err), MC_OK);
    /* a budget keeps its currency: pounds stay pounds */
    mc_intent_details office = {
        MC_INTENT_PRIVATE_OFFICE, "Publishing", 12, "within 3 months", {1500000, "GBP"}};
    ck_assert_msg(mc_auth_set_intent(client, &office, &account, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(account->intent, MC_INTENT_PRIVATE_OFFICE);
    ck_assert_str_eq(account->industry, "Publishing");
    ck_assert_int_eq(account->employees, 12);
    ck_assert_str_eq(account->timeline, "within 3 months");
    ck_assert_int_eq(account->budget.minor, 1500000);
    ck_assert_str_eq(account->budget.currency, "GBP");
    ck_assert(!(account->roles & MC_ROLE_ONDEMAND));
    ck_assert_str_eq(account->lead_status, "new");
    mc_account_free(account);

    /* A bad detail is refused locally, naming the field. */
    office.employees = 0;
    ck_assert_int_eq(mc_auth_set_intent(client, &office, NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "employees"));

    /* A change of mind to on-demand grants the role and keeps the office needs, on the
     * server's lead and in the local store. */
    mc_intent_details on_demand = {MC_INTENT_ON_DEMAND, NULL, 0, NULL, {0, ""}};
    ck_assert_msg(mc_auth_set_intent(client, &on_demand, &account, &err) == MC_OK, "%s",
                  err.message);
    ck_assert_int_eq(account->intent, MC_INTENT_ON_DEMAND);
    ck_assert(account->roles & MC_ROLE_ONDEMAND);
    ck_assert_str_eq(account->industry, "Publishing");
    mc_account_free(account);
    ck_assert_int_eq(mc_account_get(client, &account, &err), MC_OK);
    ck_assert_int_eq(account->intent, MC_INTENT_ON_DEMAND);
    ck_assert_str_eq(account->industry, "Publishing");
    ck_assert_int_eq(account->employees, 12);
    ck_assert_str_eq(account->timeline, "within 3 months");
    ck_assert_int_eq(account->budget.minor, 1500000);
    ck_assert_str_eq(account->budget.currency, "GBP"); /* pounds stay pounds */
    mc_account_free(account);
}
END_TEST

/* A seeded member signs in to their membership: ACME, BLR-1, "Cabin 1019". */
START_TEST(test_seeded_member_signs_in_to_cabin_1019)
{
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "98000 00001", &req, &err), MC_OK);
    ck_assert(req.registered);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, req.phone, code), 0);
    bool new_user = true;
    mc_account *account = NULL;
    ck_assert_int_eq(mc_auth_verify_otp(client, code, &new_user, &account, &err), MC_OK);
    ck_assert(!new_user);
    ck_assert_str_eq(account->name, "Asha Rao");
    ck_assert(account->roles & MC_ROLE_MEMBER);
    ck_assert(account->profile_complete);
    ck_assert_str_eq(account->company_id, "ACME");
    ck_assert_str_eq(account->building_id, "BLR-1");
    ck_assert_str_eq(account->seat, "Cabin 1019");
    mc_account_free(account);

    /* London member, typed with spaces. */
    mc_auth_logout(client, &err);
    stub_advance_clock(stub, 31 * 1000);
    account = sign_in("+44 7700 900001", NULL);
    ck_assert_str_eq(account->name, "Olivia Hart");
    ck_assert_str_eq(account->building_id, "LON-1");
    mc_account_free(account);
}
END_TEST

/* The session survives closing and reopening the client (a restarted app). */
START_TEST(test_session_survives_restart)
{
    mc_account_free(sign_in("98000 00002", NULL));
    mc_client_free(client);
    client = open_client_at(dir, stub_url(stub));
    ck_assert(mc_auth_is_signed_in(client));
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_account_refresh(client, &account, &err), MC_OK);
    ck_assert_str_eq(account->name, "Vikram Shah");
    mc_account_free(account);
}
END_TEST

/* The pending phone survives a restart between requesting and entering the code. */
START_TEST(test_verify_after_restart_uses_remembered_phone)
{
    char code[7];
    request_code("9876501234", code);
    mc_client_free(client);
    client = open_client_at(dir, stub_url(stub));
    char phone[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_OK);
    ck_assert_str_eq(phone, "+919876501234");
    mc_account *account = NULL;
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, &account, &err), MC_OK);
    ck_assert_str_eq(account->phone, "+919876501234");
    mc_account_free(account);
    ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_ERR_NOT_FOUND);
}
END_TEST

/* A wrong code says so and how many attempts remain; the right one still works. */
START_TEST(test_wrong_code_is_refused_with_attempts_left)
{
    char code[7], wrong[7];
    request_code("9876543210", code);
    wrong_code_for(code, wrong);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_verify_otp(client, wrong, NULL, NULL, &err), MC_ERR_OTP_WRONG);
    ck_assert_int_eq(err.code, MC_ERR_OTP_WRONG);
    ck_assert_str_eq(err.server_code, "otp_wrong");
    ck_assert_int_eq(err.attempts_left, 4);
    ck_assert(!mc_auth_is_signed_in(client));
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_OK);
    ck_assert(mc_auth_is_signed_in(client));
}
END_TEST

/* Five wrong codes kill the code: even the right one is then refused as exhausted. */
START_TEST(test_five_wrong_codes_then_dead)
{
    char code[7], wrong[7];
    request_code("9876543210", code);
    wrong_code_for(code, wrong);
    mc_error err = MC_ERROR_INIT;
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(mc_auth_verify_otp(client, wrong, NULL, NULL, &err), MC_ERR_OTP_WRONG);
        ck_assert_int_eq(err.attempts_left, 4 - i);
    }
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_ERR_OTP_EXHAUSTED);
    ck_assert(!mc_auth_is_signed_in(client));
    /* A new code (after the cooldown) works. */
    stub_advance_clock(stub, 30 * 1000);
    mc_account_free(sign_in("9876543210", NULL));
}
END_TEST

/* A code is good for five minutes: at 4:59 it works, at 5:00 it has expired. */
START_TEST(test_otp_expires_after_five_minutes)
{
    char code[7];
    request_code("9876543210", code);
    stub_advance_clock(stub, 5 * 60 * 1000);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_ERR_OTP_EXPIRED);
    ck_assert(!mc_auth_is_signed_in(client));

    request_code("9876543210", code);
    stub_advance_clock(stub, 5 * 60 * 1000 - 1000);
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_OK);
    /* and a used code cannot sign anyone in again */
    char body[96];
    snprintf(body, sizeof body, "{\"phone\":\"+919876543210\",\"code\":\"%s\"}", code);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/auth/otp/verify", body, NULL, &answer), 400);
    ck_assert_ptr_nonnull(strstr(answer, "otp_expired"));
    free(answer);
}
END_TEST

/* A new code no sooner than 30 s after the last: rate-limited, with the wait. */
START_TEST(test_resend_too_soon_is_rate_limited)
{
    char code[7];
    request_code("9876543210", code);
    stub_advance_clock(stub, 10 * 1000);
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err),
                     MC_ERR_OTP_RATE_LIMITED);
    ck_assert_int_eq(err.retry_after_s, 20);
    ck_assert_int_eq(err.http_status, 429);
    ck_assert_str_eq(err.message, "too many codes requested for +919876543210; try again in 20 s");
    /* the first code is still the one that works */
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_OK);
}
END_TEST

/* At most five codes per phone per hour; the sixth waits for the oldest to age out. */
START_TEST(test_hourly_cap_of_five_codes)
{
    char code[7];
    mc_error err = MC_ERROR_INIT;
    for (int i = 0; i < 5; i++) {
        request_code("9876543210", code);
        stub_advance_clock(stub, 60 * 1000);
    }
    mc_otp_request req;
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err),
                     MC_ERR_OTP_RATE_LIMITED);
    /* five minutes have passed since the first code: 55 more to wait */
    ck_assert_int_eq(err.retry_after_s, 55 * 60);
    ck_assert_str_eq(err.message,
                     "too many codes requested for +919876543210; try again in 55 min");
    /* Another number is not affected. */
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543211", &req, &err), MC_OK);
    stub_advance_clock(stub, 55 * 60 * 1000);
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err), MC_OK);
}
END_TEST

/* Nobody listening: offline, distinct from a server error, and nothing changes locally. */
START_TEST(test_server_unreachable_is_offline)
{
    ck_assert_int_eq(stub_stop(stub), 0);
    stub = NULL;
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err), MC_ERR_OFFLINE);
    ck_assert_int_eq(err.http_status, 0);
    ck_assert_ptr_nonnull(strstr(err.message, "unreachable"));
    char phone[MC_PHONE_MAX];
    ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_ERR_NOT_FOUND);
}
END_TEST

/* Invalid input never reaches the server and names the field. */
START_TEST(test_bad_input_is_refused_locally)
{
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(client, "12345", &req, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "phone"));
    ck_assert_int_eq(mc_auth_request_otp(client, NULL, &req, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_auth_request_otp(NULL, "9876543210", &req, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", NULL, &err), MC_ERR_INVALID_ARG);
    char code[7];
    request_code("9876543210", code);
    ck_assert_int_eq(mc_auth_verify_otp(client, "12 456", NULL, NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "6 digits"));
    ck_assert_int_eq(mc_auth_verify_otp(client, code, NULL, NULL, &err), MC_OK);
    mc_profile bad = {"Name", "not-an-email", "Co", "City"};
    ck_assert_int_eq(mc_auth_complete_profile(client, &bad, NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "email"));
    /* Calls that need a session say unauthorised when there is none. */
    ck_assert_int_eq(mc_auth_logout(client, &err), MC_OK);
    mc_profile good = {"Name", "a@b.example", "Co", "City"};
    ck_assert_int_eq(mc_auth_complete_profile(client, &good, NULL, &err), MC_ERR_UNAUTHORIZED);
}
END_TEST

/* Logout revokes the token on the server and forgets the member locally. */
START_TEST(test_logout_revokes_session_and_forgets_account)
{
    mc_account_free(sign_in("98000 00001", NULL));
    char token[256];
    read_session_token(token, sizeof token);
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/me", NULL, token, NULL), 200);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_logout(client, &err), MC_OK);
    ck_assert(!mc_auth_is_signed_in(client));
    mc_account *account = NULL;
    ck_assert_int_eq(mc_account_get(client, &account, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/me", NULL, token, NULL), 401);
}
END_TEST

/* Logout offline signs out at once; the revocation is sent with the next sign-in. */
START_TEST(test_logout_offline_revokes_later)
{
    mc_account_free(sign_in("98000 00001", NULL));
    char token[256];
    read_session_token(token, sizeof token);
    /* Point a second client at a dead port, sharing the data directory. */
    mc_client_free(client);
    client = open_client_at(dir, "http://127.0.0.1:1");
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_logout(client, &err), MC_OK);
    ck_assert(!mc_auth_is_signed_in(client));
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/me", NULL, token, NULL), 200);
    mc_client_free(client);
    client = open_client_at(dir, stub_url(stub));
    stub_advance_clock(stub, 31 * 1000);
    mc_otp_request req;
    ck_assert_int_eq(mc_auth_request_otp(client, "9876543210", &req, &err), MC_OK);
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/me", NULL, token, NULL), 401);
}
END_TEST

/* A session the server expired (30 days) is dropped, and the app is told to sign in. */
START_TEST(test_expired_session_is_unauthorized)
{
    mc_account_free(sign_in("98000 00002", NULL));
    stub_advance_clock(stub, 31LL * 24 * 3600 * 1000);
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_account_refresh(client, &account, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_ptr_null(account);
    ck_assert(!mc_auth_is_signed_in(client));
}
END_TEST

/* Names outside ASCII (Devanagari, emoji) go to the server and back intact. */
START_TEST(test_unicode_profile_round_trips)
{
    mc_account_free(sign_in("9876543210", NULL));
    const char *name = "\xE0\xA4\xAE\xE0\xA5\x80\xE0\xA4\xB0\xE0\xA4\xBE \xF0\x9F\x9A\x80";
    mc_profile profile = {name, "meera@example.in",
                          "\xE0\xA4\x95\xE0\xA4\x82\xE0\xA4\xAA\xE0\xA4\xA8\xE0\xA5\x80", "Pune"};
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_complete_profile(client, &profile, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_account_refresh(client, &account, &err), MC_OK);
    ck_assert_str_eq(account->name, name);
    ck_assert_str_eq(account->company, profile.company);
    mc_account_free(account);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("signin");
    TCase *tc = tcase_create("journey");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_new_user_signs_up_completes_profile_and_goes_on_demand);
    tcase_add_test(tc, test_office_intent_records_details_on_lead);
    tcase_add_test(tc, test_seeded_member_signs_in_to_cabin_1019);
    tcase_add_test(tc, test_session_survives_restart);
    tcase_add_test(tc, test_verify_after_restart_uses_remembered_phone);
    tcase_add_test(tc, test_wrong_code_is_refused_with_attempts_left);
    tcase_add_test(tc, test_five_wrong_codes_then_dead);
    tcase_add_test(tc, test_otp_expires_after_five_minutes);
    tcase_add_test(tc, test_resend_too_soon_is_rate_limited);
    tcase_add_test(tc, test_hourly_cap_of_five_codes);
    tcase_add_test(tc, test_server_unreachable_is_offline);
    tcase_add_test(tc, test_bad_input_is_refused_locally);
    tcase_add_test(tc, test_logout_revokes_session_and_forgets_account);
    tcase_add_test(tc, test_logout_offline_revokes_later);
    tcase_add_test(tc, test_expired_session_is_unauthorized);
    tcase_add_test(tc, test_unicode_profile_round_trips);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
