/*
 * tests/stub/test_stub_outside.c - the real memberstub started WITHOUT --test-mode, as on a shared
 * host: it refuses the published Razorpay secrets and secrets on the command line or in a file
 * others can read; takes them from a 0600 secrets file or the environment; keeps its database,
 * WAL and shared-memory files 0600 whatever the umask; keeps no readable copy of a sent sign-in
 * code (the outbox masks it, and the database's own OTP key cannot check a code without the
 * pepper); limits sign-in codes per client address and overall (SMS pumping). Test mode keeps
 * none of these limits by default.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <mbedtls/md.h>
#include <sqlite3.h>

#include "stub_process.h"

#define KEY_SECRET     "rzp_secret_of_this_host_1"
#define WEBHOOK_SECRET "whsec_of_this_host_1"
#define PEPPER         "pepper-of-this-host-0123456789abcdef"
/* What server-stub/README.md publishes (base/app.h). */
#define PUBLISHED_KEY_SECRET     "memberstub_test_key_secret"
#define PUBLISHED_WEBHOOK_SECRET "memberstub_test_webhook_secret"

/* This test's own directory (secrets files, databases, logs), removed by teardown. */
static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/stub-outside-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(command), 0);
}

static char *path_in_dir(const char *name)
{
    static char path[4][160];
    static int next;
    char *out = path[next++ % 4];
    snprintf(out, sizeof path[0], "%s/%s", dir, name);
    return out;
}

/* A secrets file in dir with text, at mode; its path. */
static const char *secrets_file(const char *text, mode_t mode)
{
    const char *path = path_in_dir("secrets");
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(chmod(path, mode), 0);
    return path;
}

static const char *good_secrets(void)
{
    return secrets_file("# this host's secrets\n"
                        "razorpay_key_secret = " KEY_SECRET "\n"
                        "razorpay_webhook_secret = " WEBHOOK_SECRET "\n"
                        "otp_pepper = " PEPPER "\n",
                        0600);
}

/* Run memberstub without --test-mode with env_and_args ("VAR=x ... -- --opt y"): its exit status
 * (-1 if it was still serving after 3 s) and its stderr in err. */
static int run_refused(const char *env, const char *args, char *err, size_t cap)
{
    char command[2048];
    const char *log = path_in_dir("refused.log");
    snprintf(command, sizeof command,
             "env -u MEMBERSTUB_RAZORPAY_KEY_ID -u MEMBERSTUB_RAZORPAY_KEY_SECRET"
             " -u MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET -u MEMBERSTUB_OTP_PEPPER %s"
             " timeout 3 '%s' --db '%s/refused.db' --port 0 %s 2>'%s'",
             env, getenv("MEMBERSTUB"), dir, args, log);
    int status = system(command);
    ck_assert(WIFEXITED(status));
    FILE *f = fopen(log, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(err, 1, cap - 1, f);
    err[n] = '\0';
    fclose(f);
    return WEXITSTATUS(status) == 124 ? -1 : WEXITSTATUS(status);
}

static void check_refused(const char *env, const char *args, const char *mentions)
{
    char err[2048];
    int status = run_refused(env, args, err, sizeof err);
    ck_assert_msg(status == 2, "expected exit 2 for [%s %s], got %d: %s", env, args, status, err);
    ck_assert_msg(strstr(err, mentions), "expected '%s' in: %s", mentions, err);
    /* The message names the secret, never its value. */
    ck_assert_ptr_null(strstr(err, KEY_SECRET));
    ck_assert_ptr_null(strstr(err, PUBLISHED_KEY_SECRET));
}

/* Secrets: the published ones, none, on the command line, or in a file others can read: refused
 * with a message saying what to do. */
START_TEST(test_refuses_published_or_exposed_secrets)
{
    static const char own[] =
        "MEMBERSTUB_RAZORPAY_KEY_SECRET=" KEY_SECRET
        " MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET=" WEBHOOK_SECRET " MEMBERSTUB_OTP_PEPPER=" PEPPER;
    check_refused("", "", "razorpay_key_secret must be given in --secrets-file or the environment");
    check_refused("MEMBERSTUB_RAZORPAY_KEY_SECRET=" PUBLISHED_KEY_SECRET
                  " MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET=" WEBHOOK_SECRET
                  " MEMBERSTUB_OTP_PEPPER=" PEPPER,
                  "", "razorpay_key_secret is the test secret published");
    check_refused("MEMBERSTUB_RAZORPAY_KEY_SECRET=" KEY_SECRET
                  " MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET=" PUBLISHED_WEBHOOK_SECRET
                  " MEMBERSTUB_OTP_PEPPER=" PEPPER,
                  "", "razorpay_webhook_secret is the test secret published");
    check_refused("MEMBERSTUB_RAZORPAY_KEY_SECRET=" KEY_SECRET
                  " MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET=" WEBHOOK_SECRET
                  " MEMBERSTUB_OTP_PEPPER=short",
                  "", "otp_pepper must be 32 to 256 bytes");
    check_refused(own, "--razorpay-key-secret " KEY_SECRET, "not taken from the command line");
    check_refused(own, "--razorpay-webhook-secret " WEBHOOK_SECRET,
                  "not taken from the command line");

    char args[256];
    snprintf(args, sizeof args, "--secrets-file '%s'",
             secrets_file("razorpay_key_secret = " KEY_SECRET "\n", 0644));
    check_refused("", args, "(it is mode 0644");
    ck_assert_int_eq(chmod(path_in_dir("secrets"), 0640), 0);
    check_refused("", args, "chmod 600");
    secrets_file("razorpay_key_secret = " PUBLISHED_KEY_SECRET "\n"
                 "razorpay_webhook_secret = " WEBHOOK_SECRET "\notp_pepper = " PEPPER "\n",
                 0600);
    check_refused("", args, "razorpay_key_secret is the test secret published");
    secrets_file("razorpay_secret = " KEY_SECRET "\n", 0600);
    check_refused("", args, "line 1: unknown name 'razorpay_secret'");

    /* The environment alone is enough (no secrets file). */
    char err[2048];
    ck_assert_int_eq(run_refused(own, "", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "listening on"), "%s", err);
}
END_TEST

/* The hex HMAC-SHA256 of body with secret (a Razorpay webhook signature). */
static void sign(const char *secret, const char *body, char out[65])
{
    unsigned char mac[32];
    ck_assert_int_eq(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
                                     (const unsigned char *)secret, strlen(secret),
                                     (const unsigned char *)body, strlen(body), mac),
                     0);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

/* A webhook call signed with secret: the error code of the answer ("" for a 2xx). */
static void webhook_code(stub_process *s, const char *secret, char *code, size_t cap)
{
    static const char body[] = "{\"event\":\"payment.failed\",\"payload\":{}}";
    char signature[65], header[128];
    sign(secret, body, signature);
    snprintf(header, sizeof header, "X-Razorpay-Signature: %s", signature);
    const char *headers[] = {"Content-Type: application/json", header,
                             "X-Razorpay-Event-Id: evt_outside_1", NULL};
    char *answer = NULL;
    int status = stub_request_headers(s, "POST", "/v1/webhooks/razorpay", body, headers, &answer);
    ck_assert_int_gt(status, 0);
    cJSON *json = cJSON_Parse(answer ? answer : "");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(json, "code");
    snprintf(code, cap, "%s", status < 300 ? "" : cJSON_IsString(c) ? c->valuestring : "?");
    cJSON_Delete(json);
    free(answer);
}

/* With the secrets file: a webhook forged with the published secret is refused, one signed with
 * this host's secret passes the signature check. */
START_TEST(test_webhook_needs_this_hosts_secret)
{
    char file_arg[200];
    snprintf(file_arg, sizeof file_arg, "%s", good_secrets());
    const char *args[] = {"--secrets-file", file_arg, NULL};
    stub_process *s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    char code[64];
    webhook_code(s, PUBLISHED_WEBHOOK_SECRET, code, sizeof code);
    ck_assert_str_eq(code, "invalid_signature");
    webhook_code(s, WEBHOOK_SECRET, code, sizeof code);
    ck_assert_str_ne(code, "invalid_signature");
    ck_assert_int_eq(stub_stop(s), 0);
}
END_TEST

/* POST /v1/auth/otp/request for phone from source address (127.0.0.x): the status, the answer
 * in *body (caller frees) when body is not NULL. */
static int request_code_from(stub_process *s, const char *source, const char *phone, char **body)
{
    char url[128], json[64], interface[64];
    snprintf(url, sizeof url, "%s/v1/auth/otp/request", stub_url(s));
    snprintf(json, sizeof json, "{\"phone\":\"%s\"}", phone);
    snprintf(interface, sizeof interface, "host!%s", source);
    FILE *mem;
    char *text = NULL;
    size_t len = 0;
    mem = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(mem);
    CURL *curl = curl_easy_init();
    ck_assert_ptr_nonnull(curl);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_INTERFACE, interface);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, mem);
    CURLcode rc = curl_easy_perform(curl);
    long status = -1;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    fclose(mem);
    ck_assert_msg(rc == CURLE_OK, "request from %s: %s", source, curl_easy_strerror(rc));
    if (body)
        *body = text;
    else
        free(text);
    return (int)status;
}

/* Expect the OTP request to be refused 429 otp_rate_limited, its message mentioning mentions and
 * a positive retry_after_s. */
static void check_rate_limited(stub_process *s, const char *source, const char *phone,
                               const char *mentions)
{
    char *body = NULL;
    int status = request_code_from(s, source, phone, &body);
    ck_assert_msg(status == 429, "expected 429 for %s from %s, got %d: %s", phone, source, status,
                  body);
    cJSON *json = cJSON_Parse(body);
    ck_assert_str_eq(cJSON_GetObjectItem(json, "code")->valuestring, "otp_rate_limited");
    const char *message = cJSON_GetObjectItem(json, "message")->valuestring;
    ck_assert_msg(strstr(message, mentions), "expected '%s' in '%s'", mentions, message);
    ck_assert_int_gt((int)cJSON_GetObjectItem(json, "retry_after_s")->valuedouble, 0);
    cJSON_Delete(json);
    free(body);
}

static const char *phone(int n)
{
    static char out[4][20];
    static int next;
    char *p = out[next++ % 4];
    snprintf(p, sizeof out[0], "+9198765%05d", n);
    return p;
}

/* Many phones from one address: cut off at the per-address limit (default 10 an hour); another
 * address still gets codes. */
START_TEST(test_codes_limited_per_client_address)
{
    char file_arg[200];
    snprintf(file_arg, sizeof file_arg, "%s", good_secrets());
    const char *args[] = {"--secrets-file", file_arg, NULL};
    stub_process *s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(i), NULL), 200);
    check_rate_limited(s, "127.0.0.1", phone(10), "from your address (at most 10 an hour)");
    ck_assert_int_eq(request_code_from(s, "127.0.0.2", phone(11), NULL), 200);
    ck_assert_int_eq(stub_stop(s), 0);

    const char *three[] = {"--secrets-file", file_arg, "--otp-max-per-address", "3", NULL};
    s = stub_start_args(false, three, NULL);
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(i), NULL), 200);
    check_rate_limited(s, "127.0.0.1", phone(3), "at most 3 an hour");
    ck_assert_int_eq(request_code_from(s, "127.0.0.2", phone(3), NULL), 200);
    ck_assert_int_eq(stub_stop(s), 0);
}
END_TEST

/* Many addresses at once: cut off at the overall limit, whatever the address. */
START_TEST(test_codes_limited_overall)
{
    char file_arg[200];
    snprintf(file_arg, sizeof file_arg, "%s", good_secrets());
    const char *args[] = {"--secrets-file", file_arg, "--otp-max-overall", "3", NULL};
    stub_process *s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(0), NULL), 200);
    ck_assert_int_eq(request_code_from(s, "127.0.0.2", phone(1), NULL), 200);
    ck_assert_int_eq(request_code_from(s, "127.0.0.3", phone(2), NULL), 200);
    check_rate_limited(s, "127.0.0.4", phone(3), "from everyone (at most 3 an hour)");
    ck_assert_int_eq(stub_stop(s), 0);
}
END_TEST

/* Test mode keeps no address or overall limit unless asked (every suite signs many members in
 * from 127.0.0.1); asked, it applies them as outside. */
START_TEST(test_test_mode_limits_only_when_asked)
{
    stub_process *s = stub_start(true);
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < 15; i++)
        ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(i), NULL), 200);
    ck_assert_int_eq(stub_stop(s), 0);
    const char *args[] = {"--otp-max-per-address", "2", NULL};
    s = stub_start_args(true, args, NULL);
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(i), NULL), 200);
    check_rate_limited(s, "127.0.0.1", phone(2), "at most 2 an hour");
    ck_assert_int_eq(stub_stop(s), 0);
}
END_TEST

static unsigned mode_of(const char *path)
{
    struct stat st;
    ck_assert_msg(stat(path, &st) == 0, "%s is missing", path);
    return (unsigned)(st.st_mode & 07777);
}

/* The database, its WAL and shared memory are 0600 under umask 022, and an existing 0644
 * database is made 0600. */
START_TEST(test_database_files_are_private)
{
    char file_arg[200], db_arg[200];
    snprintf(file_arg, sizeof file_arg, "%s", good_secrets());
    snprintf(db_arg, sizeof db_arg, "%s", path_in_dir("stub.db"));
    mode_t old = umask(022);
    const char *args[] = {"--secrets-file", file_arg, "--db", db_arg, NULL};
    stub_process *s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(request_code_from(s, "127.0.0.1", phone(0), NULL), 200);
    char wal[220], shm[220];
    snprintf(wal, sizeof wal, "%s-wal", db_arg);
    snprintf(shm, sizeof shm, "%s-shm", db_arg);
    ck_assert_uint_eq(mode_of(db_arg), 0600);
    ck_assert_uint_eq(mode_of(wal), 0600);
    ck_assert_uint_eq(mode_of(shm), 0600);
    ck_assert_int_eq(stub_stop(s), 0);

    /* A database left readable by an older memberstub (or copied in) is made private. */
    ck_assert_int_eq(chmod(db_arg, 0644), 0);
    s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(mode_of(db_arg), 0600);
    ck_assert_int_eq(stub_stop(s), 0);
    umask(old);
}
END_TEST

/* HMAC-SHA256(key, phone "|" code) for code = 000000..999999: the first code whose hash is
 * target, or -1 when none is. */
static int brute_force(const unsigned char *key, size_t key_len, const char *phone_e164,
                       const unsigned char *target)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    ck_assert_int_eq(mbedtls_md_setup(&ctx, md, 1), 0);
    ck_assert_int_eq(mbedtls_md_hmac_starts(&ctx, key, key_len), 0);
    int found = -1;
    char message[64];
    unsigned char mac[32];
    for (int code = 0; code < 1000000 && found < 0; code++) {
        int n = snprintf(message, sizeof message, "%s|%06d", phone_e164, code);
        mbedtls_md_hmac_reset(&ctx);
        mbedtls_md_hmac_update(&ctx, (const unsigned char *)message, (size_t)n);
        mbedtls_md_hmac_finish(&ctx, mac);
        if (memcmp(mac, target, sizeof mac) == 0)
            found = code;
    }
    mbedtls_md_free(&ctx);
    return found;
}

/* Whether text holds six digits in a row (a code). */
static bool has_six_digits(const char *text)
{
    int run = 0;
    for (; *text; text++) {
        run = *text >= '0' && *text <= '9' ? run + 1 : 0;
        if (run == 6)
            return true;
    }
    return false;
}

/* One blob or text column of the first row of sql into out (up to cap bytes): its length. */
static int read_column(sqlite3 *db, const char *sql, void *out, int cap)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int len = sqlite3_column_bytes(stmt, 0);
    ck_assert_int_le(len, cap);
    memcpy(out, sqlite3_column_blob(stmt, 0), (size_t)len);
    sqlite3_finalize(stmt);
    return len;
}

/* A copy of the database is no use for a sent code: the outbox masks it and the database's own
 * key does not check any of the million codes (the attack of issue 14 took 3 s). The pepper
 * from the secrets file with it does: the code found so signs in. */
START_TEST(test_database_copy_reveals_no_code)
{
    char file_arg[200], db_arg[200];
    snprintf(file_arg, sizeof file_arg, "%s", good_secrets());
    snprintf(db_arg, sizeof db_arg, "%s", path_in_dir("stub.db"));
    const char *args[] = {"--secrets-file", file_arg, "--db", db_arg, NULL};
    stub_process *s = stub_start_args(false, args, NULL);
    ck_assert_ptr_nonnull(s);
    const char *who = "+919876543210";
    ck_assert_int_eq(request_code_from(s, "127.0.0.1", who, NULL), 200);

    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(db_arg, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sms[200] = {0};
    read_column(db, "SELECT body FROM sms_outbox WHERE phone = '+919876543210'", sms,
                (int)sizeof sms - 1);
    ck_assert_msg(strncmp(sms, "****** is your membercore sign-in code.", 39) == 0, "%s", sms);
    ck_assert_msg(!has_six_digits(sms), "a code in the stored SMS: %s", sms);
    unsigned char db_key[32], stored[32];
    ck_assert_int_eq(read_column(db, "SELECT value FROM secrets WHERE name = 'otp_key'", db_key,
                                 (int)sizeof db_key),
                     32);
    ck_assert_int_eq(read_column(db, "SELECT code_hmac FROM otps WHERE phone = '+919876543210'",
                                 stored, (int)sizeof stored),
                     32);
    sqlite3_close(db);

    ck_assert_int_eq(brute_force(db_key, sizeof db_key, who, stored), -1);

    /* With the pepper (what the database alone lacks) the key is HMAC-SHA256(pepper, db key). */
    unsigned char key[32];
    ck_assert_int_eq(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
                                     (const unsigned char *)PEPPER, strlen(PEPPER), db_key,
                                     sizeof db_key, key),
                     0);
    int code = brute_force(key, sizeof key, who, stored);
    ck_assert_int_ge(code, 0);
    char body[96], *answer = NULL;
    snprintf(body, sizeof body, "{\"phone\":\"%s\",\"code\":\"%06d\"}", who, code);
    ck_assert_int_eq(stub_request(s, "POST", "/v1/auth/otp/verify", body, NULL, &answer), 200);
    ck_assert_ptr_nonnull(strstr(answer, "\"token\""));
    free(answer);
    ck_assert_int_eq(stub_stop(s), 0);
}
END_TEST

static Suite *outside_suite(void)
{
    Suite *s = suite_create("stub_outside_test_mode");
    TCase *tc = tcase_create("outside");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_refuses_published_or_exposed_secrets);
    tcase_add_test(tc, test_webhook_needs_this_hosts_secret);
    tcase_add_test(tc, test_codes_limited_per_client_address);
    tcase_add_test(tc, test_codes_limited_overall);
    tcase_add_test(tc, test_test_mode_limits_only_when_asked);
    tcase_add_test(tc, test_database_files_are_private);
    tcase_add_test(tc, test_database_copy_reveals_no_code);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(outside_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
