/*
 * tests/stub/test_stub_http.c - memberstub over real HTTP: every route of the contract, every
 * error code, the OTP rules end to end (the server clock is moved through /v1/test/clock; nothing
 * sleeps), the seeded members, and that no request leaves a half-written row or breaks the
 * server. Each test gets its own memberstub process (fresh database) on 127.0.0.1, and checks
 * that it shuts down cleanly (exit status 0: no sanitizer report, no leak).
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "stub_process.h"
#include "stub_test_util.h"

#define SEC 1000LL
#define MIN (60 * SEC)
#define DAY (24 * 60 * MIN)

static void setup_plain(void)
{
    stub = stub_start(false);
    ck_assert_msg(stub != NULL, "memberstub did not start");
}

/* ---- helpers (the shared ones are in stub_test_util.h) ---------------------------------- */

static void call_ok(const char *method, const char *path, const char *body, const char *bearer,
                    int expect)
{
    cJSON_Delete(call(method, path, body, bearer, expect));
}

static bool flag(const cJSON *o, const char *key)
{
    const cJSON *f = field(o, key);
    ck_assert_msg(cJSON_IsBool(f), "field '%s' is not a boolean", key);
    return cJSON_IsTrue(f);
}

/* The roles of a user object as "a,b". */
static void roles_of(const cJSON *user, char *out, size_t cap)
{
    const cJSON *roles = field(user, "roles");
    ck_assert(cJSON_IsArray(roles));
    out[0] = '\0';
    const cJSON *r;
    cJSON_ArrayForEach(r, roles)
    {
        ck_assert(cJSON_IsString(r));
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", used ? "," : "", r->valuestring);
    }
}

static void assert_roles(const cJSON *user, const char *expected)
{
    char roles[128];
    roles_of(user, roles, sizeof roles);
    ck_assert_str_eq(roles, expected);
}

static void advance(int64_t ms)
{
    ck_assert_int_eq(stub_advance_clock(stub, ms), 0);
}

static void set_clock(int64_t ms)
{
    ck_assert_int_eq(stub_set_clock(stub, ms), 0);
}

static void otp_body(char *out, size_t cap, const char *phone)
{
    snprintf(out, cap, "{\"phone\": \"%s\"}", phone);
}

static void verify_body(char *out, size_t cap, const char *phone, const char *code)
{
    snprintf(out, cap, "{\"phone\": \"%s\", \"code\": \"%s\"}", phone, code);
}

/* POST /v1/auth/otp/request for phone and return the answer (asserting 200). */
static cJSON *request_otp(const char *phone)
{
    char body[128];
    otp_body(body, sizeof body, phone);
    return call("POST", "/v1/auth/otp/request", body, NULL, 200);
}

/* Request a code for an E.164 phone and read it from the simulated SMS. */
static void texted_code(const char *e164, char code[7])
{
    cJSON_Delete(request_otp(e164));
    ck_assert_int_eq(stub_latest_otp(stub, e164, code), 0);
}

/* A six-digit code that is not `code`. */
static void other_code(const char code[7], char wrong[7])
{
    memcpy(wrong, code, 7);
    wrong[0] = code[0] == '9' ? '0' : (char)(code[0] + 1);
}

static cJSON *verify(const char *phone, const char *code, int expect)
{
    char body[128];
    verify_body(body, sizeof body, phone, code);
    return call("POST", "/v1/auth/otp/verify", body, NULL, expect);
}

/* Sign an E.164 phone in; returns the verify answer. */
static cJSON *sign_in(const char *e164)
{
    char code[7];
    texted_code(e164, code);
    return verify(e164, code, 200);
}

/* Sign in and keep only the token (malloc'd). */
static char *sign_in_token(const char *e164)
{
    cJSON *answer = sign_in(e164);
    char *token = strdup(str(answer, "token"));
    cJSON_Delete(answer);
    return token;
}

/* GET /v1/me for token; returns the user object's owner (caller deletes). */
static cJSON *me(const char *token)
{
    return call("GET", "/v1/me", NULL, token, 200);
}

static const char *profile_json =
    "{\"name\": \"Meera Iyer\", \"email\": \"meera@example.com\", \"company\": \"Iyer Labs\","
    " \"city\": \"Chennai\"}";

/* A raw request that also returns one response header (want) into out, "" if absent. */
typedef struct header_capture {
    const char *want;
    char *out;
    size_t cap;
} header_capture;

static size_t on_header(char *line, size_t size, size_t n, void *userdata)
{
    header_capture *h = userdata;
    size_t len = size * n, want = strlen(h->want);
    if (len > want + 1 && strncasecmp(line, h->want, want) == 0 && line[want] == ':') {
        const char *v = line + want + 1;
        while (*v == ' ')
            v++;
        size_t vlen = (size_t)(line + len - v);
        while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n'))
            vlen--;
        snprintf(h->out, h->cap, "%.*s", (int)vlen, v);
    }
    return len;
}

static size_t discard(char *ptr, size_t size, size_t n, void *userdata)
{
    (void)ptr;
    (void)userdata;
    return size * n;
}

static int raw_request(const char *method, const char *path, const char *body,
                       const char *extra_header, const char *want, char *out, size_t cap)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", stub_url(stub), path);
    out[0] = '\0';
    header_capture h = {want, out, cap};
    CURL *curl = curl_easy_init();
    ck_assert_ptr_nonnull(curl);
    struct curl_slist *headers = curl_slist_append(NULL, "Expect:");
    if (extra_header)
        headers = curl_slist_append(headers, extra_header);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (body)
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    long status = -1;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return (int)status;
}

/* ---- health and routing --------------------------------------------------------------- */

/* Health answers ok, the version and that test mode is on. */
START_TEST(test_health_reports_version_and_test_mode)
{
    cJSON *h = call("GET", "/v1/health", NULL, NULL, 200);
    ck_assert_str_eq(str(h, "status"), "ok");
    ck_assert_str_eq(str(h, "version"), "0.1.0");
    ck_assert(flag(h, "test_mode"));
    cJSON_Delete(h);
}
END_TEST

/* An unknown route is 404 not_found. */
START_TEST(test_unknown_route_is_not_found)
{
    check_error_mentioning("GET", "/v1/nothing", NULL, NULL, 404, "not_found", "/v1/nothing");
    check_error("POST", "/v1/me/", "{}", NULL, 404, "not_found");
    check_error("GET", "/", NULL, NULL, 404, "not_found");
}
END_TEST

/* A known route with the wrong method is 405 method_not_allowed, with an Allow header. */
START_TEST(test_wrong_method_is_method_not_allowed)
{
    check_error_mentioning("GET", "/v1/auth/otp/request", NULL, NULL, 405, "method_not_allowed",
                           "GET");
    check_error("DELETE", "/v1/me", NULL, NULL, 405, "method_not_allowed");
    char allow[64];
    ck_assert_int_eq(raw_request("DELETE", "/v1/me", NULL, NULL, "Allow", allow, sizeof allow),
                     405);
    ck_assert_str_eq(allow, "GET");
    ck_assert_int_eq(raw_request("PUT", "/v1/test/clock", "{}", NULL, "Allow", allow, sizeof allow),
                     405);
    ck_assert_str_eq(allow, "GET, POST");
}
END_TEST

/* A body that is not a JSON object is 400 invalid_json, whatever is wrong with it. */
START_TEST(test_malformed_json_is_invalid_json)
{
    static const char *bodies[] = {
        "{",
        "not json",
        "[1, 2]",
        "\"phone\"",
        "{\"phone\": \"9876543210\"} trailing",
        "{'a': 1}",
        "{\"phone\": \"98765\xff\"}",
        "{\"a\": 1,}",
        "null",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        check_error("POST", "/v1/auth/otp/request", bodies[i], NULL, 400, "invalid_json");
    check_error_mentioning("POST", "/v1/auth/otp/request", "", NULL, 400, "invalid_json", "empty");
    check_error("POST", "/v1/auth/otp/verify", NULL, NULL, 400, "invalid_json");
    check_error("POST", "/v1/test/clock", "{\"now_ms\": }", NULL, 400, "invalid_json");
}
END_TEST

/* A body over 64 KiB is 413 payload_too_large; exactly 64 KiB is read normally. */
START_TEST(test_body_over_64_kib_is_payload_too_large)
{
    size_t limit = 64 * 1024;
    char *body = malloc(limit + 2);
    ck_assert_ptr_nonnull(body);
    /* Exactly 64 KiB: a valid request padded with spaces. */
    const char *head = "{\"phone\": \"+919876543210\"";
    memset(body, ' ', limit);
    memcpy(body, head, strlen(head));
    body[limit - 1] = '}';
    body[limit] = '\0';
    cJSON *ok = call("POST", "/v1/auth/otp/request", body, NULL, 200);
    cJSON_Delete(ok);
    /* One byte more. */
    body[limit - 1] = ' ';
    body[limit] = '}';
    body[limit + 1] = '\0';
    cJSON *err = call("POST", "/v1/auth/otp/request", body, NULL, 413);
    free(body);
    ck_assert_str_eq(str(err, "code"), "payload_too_large");
    cJSON_Delete(err);

    char *huge = malloc(1024 * 1024 + 1);
    ck_assert_ptr_nonnull(huge);
    memset(huge, 'x', 1024 * 1024);
    huge[1024 * 1024] = '\0';
    cJSON *err2 = call("PUT", "/v1/me/profile", huge, "whatever", 413);
    free(huge);
    cJSON_Delete(err2);
    call_ok("GET", "/v1/health", NULL, NULL, 200);
}
END_TEST

/* ---- OTP request ---------------------------------------------------------------------- */

/* A phone as typed comes back in E.164; an unknown number is not registered; times are given. */
START_TEST(test_otp_request_normalises_the_phone)
{
    cJSON *a = request_otp("98765 43210");
    ck_assert_str_eq(str(a, "phone"), "+919876543210");
    ck_assert(!flag(a, "registered"));
    ck_assert_int_eq((int)num(a, "expires_in_s"), 300);
    ck_assert_int_eq((int)num(a, "resend_after_s"), 30);
    cJSON_Delete(a);
}
END_TEST

/* A seeded member's number is reported as registered. */
START_TEST(test_otp_request_says_registered_for_a_member)
{
    cJSON *a = request_otp("+91 98000 00001");
    ck_assert_str_eq(str(a, "phone"), "+919800000001");
    ck_assert(flag(a, "registered"));
    cJSON_Delete(a);
}
END_TEST

/* A bad, missing or mistyped phone is 400 invalid_argument naming the problem. */
START_TEST(test_otp_request_rejects_a_bad_phone)
{
    check_error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\": \"abc\"}", NULL, 400,
                           "invalid_argument", "phone");
    check_error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\": \"12345\"}", NULL, 400,
                           "invalid_argument", "phone");
    check_error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\": \"\"}", NULL, 400,
                           "invalid_argument", "phone");
    check_error_mentioning("POST", "/v1/auth/otp/request", "{}", NULL, 400, "invalid_argument",
                           "field 'phone' is missing");
    check_error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\": 9876543210}", NULL, 400,
                           "invalid_argument", "field 'phone' must be a string");
    check_error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\": null}", NULL, 400,
                           "invalid_argument", "field 'phone' must be a string");
}
END_TEST

/* The code is texted (simulated) as 6 digits at the server's time, to the E.164 number. */
START_TEST(test_otp_is_texted_as_six_digits)
{
    cJSON_Delete(request_otp("9876543210"));
    /* '+' unencoded (decodes as a space), encoded, and a typed national form all work. */
    static const char *queries[] = {"?phone=+919876543210", "?phone=%2B919876543210",
                                    "?phone=9876543210"};
    for (int i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "/v1/test/sms/latest%s", queries[i]);
        cJSON *sms = call("GET", path, NULL, NULL, 200);
        ck_assert_str_eq(str(sms, "phone"), "+919876543210");
        const char *code = str(sms, "code");
        ck_assert_uint_eq(strlen(code), 6);
        ck_assert_uint_eq(strspn(code, "0123456789"), 6);
        ck_assert(num(sms, "sent_at_ms") == T0);
        cJSON_Delete(sms);
    }
}
END_TEST

/* The SMS test route needs a phone, and says 404 when nothing was sent to it. */
START_TEST(test_sms_latest_without_sms_is_not_found)
{
    check_error_mentioning("GET", "/v1/test/sms/latest?phone=%2B919876543210", NULL, NULL, 404,
                           "not_found", "+919876543210");
    check_error_mentioning("GET", "/v1/test/sms/latest", NULL, NULL, 400, "invalid_argument",
                           "phone");
    check_error("GET", "/v1/test/sms/latest?phone=abc", NULL, NULL, 400, "invalid_argument");
}
END_TEST

/* A new code waits 30 s after the previous one: 429 with retry_after_s and Retry-After. */
START_TEST(test_otp_resend_waits_thirty_seconds)
{
    cJSON_Delete(request_otp("+919876543210"));
    advance(29 * SEC);
    cJSON *e = error_of("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                        "otp_rate_limited");
    ck_assert_int_eq((int)num(e, "retry_after_s"), 1);
    cJSON_Delete(e);
    char retry[16];
    ck_assert_int_eq(raw_request("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}",
                                 NULL, "Retry-After", retry, sizeof retry),
                     429);
    ck_assert_str_eq(retry, "1");
    advance(SEC - 1);
    e = error_of("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                 "otp_rate_limited");
    ck_assert_int_eq((int)num(e, "retry_after_s"), 1); /* 1 ms, rounded up */
    cJSON_Delete(e);
    advance(1);
    cJSON_Delete(request_otp("+919876543210"));
    /* Another phone is not held up. */
    cJSON_Delete(request_otp("+919876543211"));
}
END_TEST

/* At most five codes per phone per rolling hour; the sixth waits for the oldest to age out. */
START_TEST(test_otp_at_most_five_codes_per_hour)
{
    for (int i = 0; i < 5; i++) {
        cJSON_Delete(request_otp("+919876543210"));
        advance(MIN);
    }
    /* Now T0 + 5 min; the oldest code (T0) leaves the window at T0 + 60 min. */
    cJSON *e = error_of("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                        "otp_rate_limited");
    ck_assert_int_eq((int)num(e, "retry_after_s"), 55 * 60);
    cJSON_Delete(e);
    set_clock(T0 + 60 * MIN - 1);
    e = error_of("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                 "otp_rate_limited");
    ck_assert_int_eq((int)num(e, "retry_after_s"), 1);
    cJSON_Delete(e);
    set_clock(T0 + 60 * MIN);
    cJSON_Delete(request_otp("+919876543210"));
}
END_TEST

/* A refused request is not a code: refusals do not count toward the hourly cap. */
START_TEST(test_refused_requests_do_not_count_toward_the_cap)
{
    cJSON_Delete(request_otp("+919876543210"));
    for (int i = 0; i < 10; i++) {
        advance(SEC);
        check_error("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                    "otp_rate_limited");
    }
    for (int i = 0; i < 4; i++) {
        advance(30 * SEC);
        cJSON_Delete(request_otp("+919876543210"));
    }
    advance(30 * SEC);
    check_error("POST", "/v1/auth/otp/request", "{\"phone\": \"+919876543210\"}", NULL, 429,
                "otp_rate_limited");
}
END_TEST

/* Requesting a new code replaces the old one: the old code no longer works. */
START_TEST(test_new_code_replaces_the_old_one)
{
    char first[7], second[7];
    texted_code("+919876543210", first);
    advance(30 * SEC);
    texted_code("+919876543210", second);
    if (strcmp(first, second) != 0) {
        cJSON *e = verify("+919876543210", first, 400);
        ck_assert_str_eq(str(e, "code"), "otp_wrong");
        cJSON_Delete(e);
    }
    cJSON_Delete(verify("+919876543210", second, 200));
}
END_TEST

/* ---- OTP verify ------------------------------------------------------------------------ */

/* The code must be exactly six ASCII digits (as a string): otherwise 400 invalid_argument. */
START_TEST(test_verify_needs_exactly_six_digits)
{
    static const char *codes[] = {"12345", "1234567", "12a456", " 123456", "", "12345\xd9\xa1"};
    cJSON_Delete(request_otp("+919876543210"));
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char body[128];
        verify_body(body, sizeof body, "+919876543210", codes[i]);
        check_error_mentioning("POST", "/v1/auth/otp/verify", body, NULL, 400, "invalid_argument",
                               "field 'code'");
    }
    check_error_mentioning("POST", "/v1/auth/otp/verify",
                           "{\"phone\": \"+919876543210\", \"code\": 123456}", NULL, 400,
                           "invalid_argument", "field 'code' must be a string");
    check_error_mentioning("POST", "/v1/auth/otp/verify", "{\"phone\": \"+919876543210\"}", NULL,
                           400, "invalid_argument", "field 'code' is missing");
    check_error_mentioning("POST", "/v1/auth/otp/verify", "{\"code\": \"123456\"}", NULL, 400,
                           "invalid_argument", "field 'phone' is missing");
    /* None of these used up an attempt. */
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, "+919876543210", code), 0);
    char wrong[7];
    other_code(code, wrong);
    cJSON *e = verify("+919876543210", wrong, 400);
    ck_assert_int_eq((int)num(e, "attempts_left"), 4);
    cJSON_Delete(e);
}
END_TEST

/* Verifying with no code outstanding is 400 otp_expired. */
START_TEST(test_verify_without_a_code_is_expired)
{
    cJSON *e = verify("+919876543210", "123456", 400);
    ck_assert_str_eq(str(e, "code"), "otp_expired");
    cJSON_Delete(e);
}
END_TEST

/* A code works until 5 minutes after it was sent, and is otp_expired from then on. */
START_TEST(test_otp_expires_after_five_minutes)
{
    char a[7], b[7];
    texted_code("+919876543210", a);
    texted_code("+919876543211", b);
    advance(5 * MIN - 1);
    cJSON_Delete(verify("+919876543210", a, 200));
    advance(1);
    cJSON *e = verify("+919876543211", b, 400);
    ck_assert_str_eq(str(e, "code"), "otp_expired");
    cJSON_Delete(e);
}
END_TEST

/* Wrong answers count down attempts_left to 0; after five even the right code is exhausted. */
START_TEST(test_wrong_code_counts_down_to_exhausted)
{
    char code[7], wrong[7];
    texted_code("+919876543210", code);
    other_code(code, wrong);
    for (int i = 1; i <= 5; i++) {
        cJSON *e = verify("+919876543210", wrong, 400);
        ck_assert_str_eq(str(e, "code"), "otp_wrong");
        ck_assert_int_eq((int)num(e, "attempts_left"), 5 - i);
        cJSON_Delete(e);
    }
    cJSON *e = verify("+919876543210", code, 400);
    ck_assert_str_eq(str(e, "code"), "otp_exhausted");
    cJSON_Delete(e);
    /* A new code (after the cooldown) works again. */
    advance(30 * SEC);
    texted_code("+919876543210", code);
    cJSON_Delete(verify("+919876543210", code, 200));
}
END_TEST

/* A code is consumed by signing in: using it again is otp_expired. */
START_TEST(test_code_cannot_be_used_twice)
{
    char code[7];
    texted_code("+919876543210", code);
    cJSON_Delete(verify("+919876543210", code, 200));
    cJSON *e = verify("+919876543210", code, 400);
    ck_assert_str_eq(str(e, "code"), "otp_expired");
    cJSON_Delete(e);
}
END_TEST

/* A verified new number gets an account at once, and a 30-day session token. */
START_TEST(test_new_number_is_provisioned_at_once)
{
    cJSON *a = sign_in("+919876543210");
    ck_assert(flag(a, "new_user"));
    const char *token = str(a, "token");
    ck_assert_uint_eq(strlen(token), 47);
    ck_assert(strncmp(token, "mcs_", 4) == 0);
    ck_assert(num(a, "expires_at_ms") == (T0 + 30 * DAY));
    const cJSON *u = field(a, "user");
    const char *id = str(u, "id");
    ck_assert_uint_eq(strlen(id), 20);
    ck_assert(strncmp(id, "usr_", 4) == 0);
    ck_assert_uint_eq(strspn(id + 4, "0123456789abcdef"), 16);
    ck_assert_str_eq(str(u, "phone"), "+919876543210");
    ck_assert_str_eq(str(u, "name"), "");
    ck_assert_str_eq(str(u, "email"), "");
    ck_assert_str_eq(str(u, "company"), "");
    ck_assert_str_eq(str(u, "city"), "");
    assert_roles(u, "");
    ck_assert(!flag(u, "profile_complete"));
    ck_assert(cJSON_IsNull(field(u, "lead")));
    ck_assert(cJSON_IsNull(field(u, "membership")));
    char first_id[32];
    snprintf(first_id, sizeof first_id, "%s", id);
    cJSON_Delete(a);

    /* Signing in again finds the same account. */
    advance(30 * SEC);
    cJSON *again = sign_in("+919876543210");
    ck_assert(!flag(again, "new_user"));
    ck_assert_str_eq(str(field(again, "user"), "id"), first_id);
    cJSON_Delete(again);
}
END_TEST

/* Seeded members sign in to their membership: Asha's "Cabin 1019", Vikram's desk, Olivia's LON-1.
 */
START_TEST(test_seeded_members_sign_in_with_their_membership)
{
    cJSON *a = sign_in("+919800000001");
    ck_assert(!flag(a, "new_user"));
    const cJSON *u = field(a, "user");
    ck_assert_str_eq(str(u, "name"), "Asha Rao");
    ck_assert_str_eq(str(u, "email"), "asha.rao@acme.example");
    ck_assert_str_eq(str(u, "company"), "Acme Corp");
    ck_assert_str_eq(str(u, "city"), "Bengaluru");
    assert_roles(u, "member");
    ck_assert(flag(u, "profile_complete"));
    ck_assert(cJSON_IsNull(field(u, "lead")));
    const cJSON *m = field(u, "membership");
    ck_assert_str_eq(str(m, "company_id"), "ACME");
    ck_assert_str_eq(str(m, "building_id"), "BLR-1");
    ck_assert_str_eq(str(m, "seat"), "Cabin 1019");
    cJSON_Delete(a);

    a = sign_in("+919800000002");
    u = field(a, "user");
    ck_assert_str_eq(str(u, "name"), "Vikram Shah");
    assert_roles(u, "member");
    ck_assert_str_eq(str(field(u, "membership"), "company_id"), "ACME");
    ck_assert_str_eq(str(field(u, "membership"), "seat"), "Desk D-14");
    cJSON_Delete(a);

    a = sign_in("+447700900001");
    u = field(a, "user");
    ck_assert_str_eq(str(u, "name"), "Olivia Hart");
    ck_assert_str_eq(str(field(u, "membership"), "building_id"), "LON-1");
    cJSON_Delete(a);

    a = sign_in("+919800000009");
    u = field(a, "user");
    assert_roles(u, "staff");
    ck_assert(cJSON_IsNull(field(u, "membership")));
    cJSON_Delete(a);
}
END_TEST

/* ---- sessions -------------------------------------------------------------------------- */

/* /v1/me needs a live bearer token: missing, malformed or unknown is 401 unauthorized. */
START_TEST(test_me_requires_a_bearer_token)
{
    check_error("GET", "/v1/me", NULL, NULL, 401, "unauthorized");
    check_error("GET", "/v1/me", NULL, "mcs_not-a-real-token", 401, "unauthorized");
    check_error("PUT", "/v1/me/profile", profile_json, NULL, 401, "unauthorized");
    check_error("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", NULL, 401, "unauthorized");
    check_error("POST", "/v1/auth/logout", NULL, NULL, 401, "unauthorized");
    char www[64];
    ck_assert_int_eq(raw_request("GET", "/v1/me", NULL, "Authorization: Basic dXNlcjpwdw==",
                                 "WWW-Authenticate", www, sizeof www),
                     401);
    ck_assert_str_eq(www, "Bearer");
    ck_assert_int_eq(raw_request("GET", "/v1/me", NULL, "Authorization: Bearer", "WWW-Authenticate",
                                 www, sizeof www),
                     401);

    char *token = sign_in_token("+919876543210");
    cJSON *m = me(token);
    ck_assert_str_eq(str(field(m, "user"), "phone"), "+919876543210");
    cJSON_Delete(m);
    /* The scheme is case-insensitive. */
    char header[128];
    snprintf(header, sizeof header, "Authorization: bearer %s", token);
    ck_assert_int_eq(raw_request("GET", "/v1/me", NULL, header, "X-None", www, sizeof www), 200);
    free(token);
}
END_TEST

/* A session lasts 30 days by the server clock, then is 401. */
START_TEST(test_session_expires_after_thirty_days)
{
    char *token = sign_in_token("+919876543210");
    advance(30 * DAY - 1);
    cJSON_Delete(me(token));
    advance(1);
    check_error_mentioning("GET", "/v1/me", NULL, token, 401, "unauthorized", "expired");
    free(token);
}
END_TEST

/* Logout answers 204 with no body and revokes the token; other sessions live on. */
START_TEST(test_logout_revokes_the_token)
{
    char *first = sign_in_token("+919876543210");
    advance(30 * SEC);
    char *second = sign_in_token("+919876543210");
    char *body = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/auth/logout", NULL, first, &body), 204);
    ck_assert_str_eq(body, "");
    free(body);
    check_error("GET", "/v1/me", NULL, first, 401, "unauthorized");
    check_error("POST", "/v1/auth/logout", NULL, first, 401, "unauthorized");
    cJSON_Delete(me(second));
    free(first);
    free(second);
}
END_TEST

/* ---- profile --------------------------------------------------------------------------- */

/* The first profile completion makes a CRM lead (status new, intent none) and the lead role. */
START_TEST(test_profile_completion_creates_a_lead)
{
    char *token = sign_in_token("+919876543210");
    cJSON *a = call("PUT", "/v1/me/profile",
                    "{\"name\": \"  Meera Iyer \", \"email\": \" meera@example.com\","
                    " \"company\": \"Iyer Labs\", \"city\": \"Chennai\"}",
                    token, 200);
    const cJSON *u = field(a, "user");
    ck_assert_str_eq(str(u, "name"), "Meera Iyer");
    ck_assert_str_eq(str(u, "email"), "meera@example.com");
    ck_assert_str_eq(str(u, "company"), "Iyer Labs");
    ck_assert_str_eq(str(u, "city"), "Chennai");
    ck_assert(flag(u, "profile_complete"));
    assert_roles(u, "lead");
    const cJSON *lead = field(u, "lead");
    const char *lead_id = str(lead, "id");
    ck_assert_uint_eq(strlen(lead_id), 21);
    ck_assert(strncmp(lead_id, "lead_", 5) == 0);
    ck_assert_str_eq(str(lead, "status"), "new");
    ck_assert_str_eq(str(lead, "intent"), "none");
    ck_assert_str_eq(str(lead, "industry"), "");
    ck_assert_int_eq((int)num(lead, "employees"), 0);
    ck_assert_str_eq(str(lead, "timeline"), "");
    ck_assert_int_eq((int)num(lead, "budget_paise"), 0);
    ck_assert(cJSON_IsNull(field(u, "membership")));
    char first_lead[32];
    snprintf(first_lead, sizeof first_lead, "%s", lead_id);
    cJSON_Delete(a);

    /* Later calls update the profile only: same lead, same roles. */
    a = call("PUT", "/v1/me/profile",
             "{\"name\": \"Meera R. Iyer\", \"email\": \"meera@iyerlabs.in\","
             " \"company\": \"Iyer Labs\", \"city\": \"Chennai\"}",
             token, 200);
    u = field(a, "user");
    ck_assert_str_eq(str(u, "name"), "Meera R. Iyer");
    ck_assert_str_eq(str(field(u, "lead"), "id"), first_lead);
    assert_roles(u, "lead");
    cJSON_Delete(a);
    cJSON *m = me(token);
    ck_assert_str_eq(str(field(m, "user"), "email"), "meera@iyerlabs.in");
    cJSON_Delete(m);
    free(token);
}
END_TEST

/* A member updating the profile gets no lead and keeps the member role. */
START_TEST(test_member_profile_update_creates_no_lead)
{
    char *token = sign_in_token("+919800000001");
    cJSON *a = call("PUT", "/v1/me/profile",
                    "{\"name\": \"Asha Rao\", \"email\": \"asha@acme.example\","
                    " \"company\": \"Acme Corp\", \"city\": \"Bengaluru\"}",
                    token, 200);
    const cJSON *u = field(a, "user");
    assert_roles(u, "member");
    ck_assert(cJSON_IsNull(field(u, "lead")));
    ck_assert_str_eq(str(field(u, "membership"), "seat"), "Cabin 1019");
    cJSON_Delete(a);
    free(token);
}
END_TEST

/* All four profile fields are required strings; the error names the field. */
START_TEST(test_profile_requires_all_four_fields)
{
    char *token = sign_in_token("+919876543210");
    check_error_mentioning("PUT", "/v1/me/profile",
                           "{\"email\": \"a@b.co\", \"company\": \"C\", \"city\": \"D\"}", token,
                           400, "invalid_argument", "field 'name' is missing");
    check_error_mentioning("PUT", "/v1/me/profile",
                           "{\"name\": \"A\", \"company\": \"C\", \"city\": \"D\"}", token, 400,
                           "invalid_argument", "field 'email' is missing");
    check_error_mentioning("PUT", "/v1/me/profile",
                           "{\"name\": \"A\", \"email\": \"a@b.co\", \"city\": \"D\"}", token, 400,
                           "invalid_argument", "field 'company' is missing");
    check_error_mentioning("PUT", "/v1/me/profile",
                           "{\"name\": \"A\", \"email\": \"a@b.co\", \"company\": \"C\"}", token,
                           400, "invalid_argument", "field 'city' is missing");
    check_error_mentioning(
        "PUT", "/v1/me/profile",
        "{\"name\": 7, \"email\": \"a@b.co\", \"company\": \"C\", \"city\": \"D\"}", token, 400,
        "invalid_argument", "field 'name' must be a string");
    check_error_mentioning("PUT", "/v1/me/profile", "{}", token, 400, "invalid_argument",
                           "field 'name'");
    free(token);
}
END_TEST

/* Bad values are 400 invalid_argument: blank, too long, control characters, bad emails. */
START_TEST(test_profile_rejects_bad_values)
{
    char *token = sign_in_token("+919876543210");
    static const struct {
        const char *field, *value, *mentions;
    } cases[] = {
        {"name", "   ", "field 'name' must not be empty"},
        {"name", "Tab\there", "field 'name' contains a control character"},
        {"company", "", "field 'company' must not be empty"},
        {"city", "", "field 'city' must not be empty"},
        {"email", "meera.example.com", "field 'email'"},
        {"email", "meera@@example.com", "field 'email'"},
        {"email", "a@b@example.com", "field 'email'"},
        {"email", "@example.com", "field 'email'"},
        {"email", "meera@localhost", "field 'email'"},
        {"email", "meera@example.", "field 'email'"},
        {"email", "meera@.example.com", "field 'email'"},
        {"email", "meera iyer@example.com", "field 'email'"},
        {"email", "", "field 'email' must not be empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *body = cJSON_Parse(profile_json);
        cJSON_ReplaceItemInObject(body, cases[i].field, cJSON_CreateString(cases[i].value));
        char *text = cJSON_PrintUnformatted(body);
        cJSON_Delete(body);
        cJSON *e = call("PUT", "/v1/me/profile", text, token, 400);
        free(text);
        ck_assert_str_eq(str(e, "code"), "invalid_argument");
        ck_assert_msg(strstr(str(e, "message"), cases[i].mentions) != NULL,
                      "%s = \"%s\": message \"%s\" should mention \"%s\"", cases[i].field,
                      cases[i].value, str(e, "message"), cases[i].mentions);
        cJSON_Delete(e);
    }
    free(token);
}
END_TEST

/* Lengths count characters, not bytes: name and company 100, city 60, email 254. */
START_TEST(test_profile_limits_count_characters)
{
    char *token = sign_in_token("+919876543210");
    /* 100 x "é" (200 bytes) is a 100-character name. */
    char name[512] = "", city[512] = "", email[300];
    for (int i = 0; i < 100; i++)
        strcat(name, "\xc3\xa9");
    for (int i = 0; i < 60; i++)
        strcat(city, "\xe0\xa4\x95"); /* क */
    memset(email, 'a', 242);
    strcpy(email + 242, "@example.com"); /* 254 */
    char body[2048];
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"email\": \"%s\", \"company\": \"%s\", \"city\": \"%s\"}", name,
             email, name, city);
    call_ok("PUT", "/v1/me/profile", body, token, 200);

    strcat(name, "x");
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"email\": \"%s\", \"company\": \"C\", \"city\": \"D\"}", name,
             email);
    check_error_mentioning("PUT", "/v1/me/profile", body, token, 400, "invalid_argument",
                           "field 'name' must be at most 100 characters");
    strcat(city, "x");
    snprintf(body, sizeof body,
             "{\"name\": \"N\", \"email\": \"%s\", \"company\": \"C\", \"city\": \"%s\"}", email,
             city);
    check_error_mentioning("PUT", "/v1/me/profile", body, token, 400, "invalid_argument",
                           "field 'city' must be at most 60 characters");
    memset(email, 'a', 243);
    strcpy(email + 243, "@example.com"); /* 255 */
    snprintf(body, sizeof body,
             "{\"name\": \"N\", \"email\": \"%s\", \"company\": \"C\", \"city\": \"D\"}", email);
    check_error_mentioning("PUT", "/v1/me/profile", body, token, 400, "invalid_argument",
                           "field 'email'");
    free(token);
}
END_TEST

/* A refused profile update writes nothing: no half profile, no lead, no role. */
START_TEST(test_failed_profile_update_changes_nothing)
{
    char *token = sign_in_token("+919876543210");
    check_error_mentioning(
        "PUT", "/v1/me/profile",
        "{\"name\": \"Meera\", \"email\": \"meera@example.com\", \"company\": \"Iyer\","
        " \"city\": \"\"}",
        token, 400, "invalid_argument", "field 'city'");
    cJSON *m = me(token);
    const cJSON *u = field(m, "user");
    ck_assert_str_eq(str(u, "name"), "");
    ck_assert(!flag(u, "profile_complete"));
    ck_assert(cJSON_IsNull(field(u, "lead")));
    assert_roles(u, "");
    cJSON_Delete(m);
    free(token);
}
END_TEST

/* ---- intent ---------------------------------------------------------------------------- */

/* Stating an intent before completing the profile is 409 profile_incomplete. */
START_TEST(test_intent_needs_a_complete_profile)
{
    char *token = sign_in_token("+919876543210");
    check_error("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 409,
                "profile_incomplete");
    free(token);
}
END_TEST

/* On-demand grants the ondemanduser role at once and is recorded on the lead. */
START_TEST(test_on_demand_grants_the_role_at_once)
{
    char *token = sign_in_token("+919876543210");
    call_ok("PUT", "/v1/me/profile", profile_json, token, 200);
    cJSON *a = call("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 200);
    const cJSON *u = field(a, "user");
    assert_roles(u, "lead,ondemanduser");
    ck_assert_str_eq(str(field(u, "lead"), "intent"), "on_demand");
    ck_assert_str_eq(str(field(u, "lead"), "status"), "new");
    cJSON_Delete(a);
    free(token);
}
END_TEST

/* From private office to on-demand: the role is granted and the office needs are kept. */
START_TEST(test_on_demand_after_an_office_keeps_its_needs)
{
    char *token = sign_in_token("+919876543210");
    call_ok("PUT", "/v1/me/profile", profile_json, token, 200);
    call_ok("PUT", "/v1/me/intent",
            "{\"intent\": \"private_office\", \"industry\": \"Fintech\", \"employees\": 25,"
            " \"timeline\": \"within 3 months\", \"budget_paise\": 45000000}",
            token, 200);
    cJSON *a = call("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 200);
    const cJSON *u = field(a, "user");
    const cJSON *lead = field(u, "lead");
    assert_roles(u, "lead,ondemanduser");
    ck_assert_str_eq(str(lead, "intent"), "on_demand");
    ck_assert_str_eq(str(lead, "industry"), "Fintech");
    ck_assert_int_eq((int)num(lead, "employees"), 25);
    ck_assert_str_eq(str(lead, "timeline"), "within 3 months");
    ck_assert(num(lead, "budget_paise") == 45000000LL);
    cJSON_Delete(a);
    free(token);
}
END_TEST

/* The refusal before a profile names what to do, not an API path. */
START_TEST(test_intent_refusal_names_no_api_path)
{
    char *token = sign_in_token("+919876543210");
    cJSON *e = error_mentioning("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 409,
                                "profile_incomplete", "name, email, company and city");
    ck_assert_ptr_null(strstr(str(e, "message"), "/v1"));
    cJSON_Delete(e);
    free(token);
}
END_TEST

/* Private and virtual office intents record industry, employees, timeline and budget. */
START_TEST(test_office_intent_records_details_on_the_lead)
{
    char *token = sign_in_token("+919876543210");
    call_ok("PUT", "/v1/me/profile", profile_json, token, 200);
    cJSON *a = call("PUT", "/v1/me/intent",
                    "{\"intent\": \"private_office\", \"industry\": \"Fintech\","
                    " \"employees\": 25, \"timeline\": \"within 3 months\","
                    " \"budget_paise\": 45000000}",
                    token, 200);
    const cJSON *u = field(a, "user");
    const cJSON *lead = field(u, "lead");
    ck_assert_str_eq(str(lead, "intent"), "private_office");
    ck_assert_str_eq(str(lead, "industry"), "Fintech");
    ck_assert_int_eq((int)num(lead, "employees"), 25);
    ck_assert_str_eq(str(lead, "timeline"), "within 3 months");
    ck_assert(num(lead, "budget_paise") == 45000000LL);
    assert_roles(u, "lead");
    cJSON_Delete(a);

    a = call("PUT", "/v1/me/intent",
             "{\"intent\": \"virtual_office\", \"industry\": \"Design\", \"employees\": 1,"
             " \"timeline\": \"now\", \"budget_paise\": 1}",
             token, 200);
    lead = field(field(a, "user"), "lead");
    ck_assert_str_eq(str(lead, "intent"), "virtual_office");
    ck_assert_int_eq((int)num(lead, "employees"), 1);
    cJSON_Delete(a);
    free(token);
}
END_TEST

/* Office details are checked: each is required, integers are integers within range. */
START_TEST(test_office_intent_validates_details)
{
    char *token = sign_in_token("+919876543210");
    call_ok("PUT", "/v1/me/profile", profile_json, token, 200);
    static const struct {
        const char *body, *mentions;
    } cases[] = {
        {"{\"intent\": \"private_office\", \"employees\": 5, \"timeline\": \"soon\","
         " \"budget_paise\": 100}",
         "field 'industry' is missing"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": \"12\","
         " \"timeline\": \"soon\", \"budget_paise\": 100}",
         "field 'employees' must be an integer"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 12.5,"
         " \"timeline\": \"soon\", \"budget_paise\": 100}",
         "field 'employees' must be an integer"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 0,"
         " \"timeline\": \"soon\", \"budget_paise\": 100}",
         "field 'employees' must be between 1 and 100000"},
        {"{\"intent\": \"virtual_office\", \"industry\": \"IT\", \"employees\": 100001,"
         " \"timeline\": \"soon\", \"budget_paise\": 100}",
         "field 'employees' must be between 1 and 100000"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 5,"
         " \"budget_paise\": 100}",
         "field 'timeline' is missing"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 5,"
         " \"timeline\": \"soon\", \"budget_paise\": 0}",
         "field 'budget_paise' must be at least 1"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 5,"
         " \"timeline\": \"soon\"}",
         "field 'budget_paise' is missing"},
        {"{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 5,"
         " \"timeline\": \"soon\", \"budget_paise\": 1e16}",
         "field 'budget_paise' is too large"},
        {"{\"intent\": \"private_office\", \"industry\": \" \", \"employees\": 5,"
         " \"timeline\": \"soon\", \"budget_paise\": 100}",
         "field 'industry' must not be empty"},
        {"{\"intent\": \"coworking\"}", "field 'intent' must be one of"},
        {"{\"intent\": \"none\"}", "field 'intent' must be one of"},
        {"{\"intent\": 1}", "field 'intent' must be a string"},
        {"{}", "field 'intent' is missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_error_mentioning("PUT", "/v1/me/intent", cases[i].body, token, 400,
                               "invalid_argument", cases[i].mentions);
    free(token);
}
END_TEST

/* A refused intent writes nothing: the lead keeps what it had. */
START_TEST(test_failed_intent_changes_nothing)
{
    char *token = sign_in_token("+919876543210");
    call_ok("PUT", "/v1/me/profile", profile_json, token, 200);
    call_ok("PUT", "/v1/me/intent",
            "{\"intent\": \"private_office\", \"industry\": \"IT\", \"employees\": 5,"
            " \"timeline\": \"soon\", \"budget_paise\": 100}",
            token, 200);
    check_error_mentioning(
        "PUT", "/v1/me/intent",
        "{\"intent\": \"virtual_office\", \"industry\": \"Law\", \"employees\": 9,"
        " \"timeline\": \"later\", \"budget_paise\": -5}",
        token, 400, "invalid_argument", "budget_paise");
    cJSON *m = me(token);
    const cJSON *lead = field(field(m, "user"), "lead");
    ck_assert_str_eq(str(lead, "intent"), "private_office");
    ck_assert_str_eq(str(lead, "industry"), "IT");
    ck_assert_int_eq((int)num(lead, "employees"), 5);
    cJSON_Delete(m);
    free(token);
}
END_TEST

/* Members (and staff) are not leads: stating an intent is 403 forbidden. */
START_TEST(test_member_cannot_state_an_intent)
{
    char *token = sign_in_token("+919800000001");
    check_error("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 403, "forbidden");
    cJSON *m = me(token);
    assert_roles(field(m, "user"), "member");
    cJSON_Delete(m);
    free(token);
}
END_TEST

/* ---- test clock ------------------------------------------------------------------------ */

/* The test clock can be set, read and advanced, and refuses nonsense. */
START_TEST(test_clock_can_be_set_read_and_advanced)
{
    cJSON *c = call("POST", "/v1/test/clock", "{\"now_ms\": 1800000000000}", NULL, 200);
    ck_assert(num(c, "now_ms") == 1800000000000LL);
    cJSON_Delete(c);
    c = call("GET", "/v1/test/clock", NULL, NULL, 200);
    ck_assert(num(c, "now_ms") == 1800000000000LL);
    cJSON_Delete(c);
    c = call("POST", "/v1/test/clock", "{\"advance_ms\": 1500}", NULL, 200);
    ck_assert(num(c, "now_ms") == 1800000001500LL);
    cJSON_Delete(c);
    check_error_mentioning("POST", "/v1/test/clock", "{}", NULL, 400, "invalid_argument", "now_ms");
    check_error("POST", "/v1/test/clock", "{\"now_ms\": 1, \"advance_ms\": 1}", NULL, 400,
                "invalid_argument");
    check_error_mentioning("POST", "/v1/test/clock", "{\"advance_ms\": -1}", NULL, 400,
                           "invalid_argument", "advance_ms");
    check_error_mentioning("POST", "/v1/test/clock", "{\"now_ms\": \"soon\"}", NULL, 400,
                           "invalid_argument", "field 'now_ms' must be an integer");
    c = call("GET", "/v1/test/clock", NULL, NULL, 200);
    ck_assert(num(c, "now_ms") == 1800000001500LL);
    cJSON_Delete(c);
}
END_TEST

/* ---- robustness ------------------------------------------------------------------------ */

/* No request, however odd, gets a 5xx or breaks the server. */
START_TEST(test_odd_requests_never_break_the_server)
{
    static const char *paths[] = {
        "/v1/health",
        "/v1/auth/otp/request",
        "/v1/auth/otp/verify",
        "/v1/auth/logout",
        "/v1/me",
        "/v1/me/profile",
        "/v1/me/intent",
        "/v1/test/clock",
        "/v1/test/sms/latest?phone=%00",
        "/v1/%ff%fe",
        "/v1/me?x=1&x=2",
    };
    static const char *methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
    static const char *bodies[] = {
        NULL,
        "{}",
        "{\"phone\": {\"deep\": [1, 2, {\"x\": null}]}, \"code\": [1]}",
        "{\"name\": \"\\u0000\", \"email\": \"\\ud800\", \"intent\": \"\\u0041\"}",
        "{\"employees\": 1e400, \"budget_paise\": -0, \"now_ms\": 1e300, \"advance_ms\": 0.5}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "\xef\xbb\xbf{}",
        "{\"phone\": \"+919876543210\", \"phone\": \"+919876543211\"}",
    };
    char *token = sign_in_token("+919876543210");
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++)
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
            for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++)
                for (int auth = 0; auth < 2; auth++) {
                    int status = stub_request(stub, methods[m], paths[p], bodies[b],
                                              auth ? token : NULL, NULL);
                    ck_assert_msg(status >= 200 && status < 500, "%s %s -> %d", methods[m],
                                  paths[p], status);
                }
    /* Deep nesting past the parser's limit is refused, not a crash. */
    char deep[4100];
    memset(deep, '[', 2000);
    memset(deep + 2000, ']', 2000);
    deep[4000] = '\0';
    check_error("POST", "/v1/auth/otp/request", deep, NULL, 400, "invalid_json");
    free(token);
    /* Still serving: a fresh sign-in works end to end. */
    advance(30 * SEC);
    token = sign_in_token("+919876543210");
    cJSON_Delete(me(token));
    free(token);
}
END_TEST

typedef struct worker {
    char phone[20];
    int failures;
} worker;

static void *sign_in_and_read(void *arg)
{
    worker *w = arg;
    char body[128], code[7];
    char *answer = NULL;
    otp_body(body, sizeof body, w->phone);
    if (stub_request(stub, "POST", "/v1/auth/otp/request", body, NULL, NULL) != 200 ||
        stub_latest_otp(stub, w->phone, code) != 0) {
        w->failures++;
        return NULL;
    }
    verify_body(body, sizeof body, w->phone, code);
    if (stub_request(stub, "POST", "/v1/auth/otp/verify", body, NULL, &answer) != 200) {
        w->failures++;
        free(answer);
        return NULL;
    }
    cJSON *json = cJSON_Parse(answer);
    free(answer);
    const cJSON *token = cJSON_GetObjectItemCaseSensitive(json, "token");
    for (int i = 0; i < 20; i++)
        if (!cJSON_IsString(token) ||
            stub_request(stub, "GET", "/v1/me", NULL, token->valuestring, NULL) != 200)
            w->failures++;
    cJSON_Delete(json);
    return NULL;
}

/* Concurrent clients are all served correctly (the pool answers, the database is serialised). */
START_TEST(test_concurrent_clients_are_all_served)
{
    enum { N = 8 };
    pthread_t threads[N];
    worker workers[N];
    for (int i = 0; i < N; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        snprintf(workers[i].phone, sizeof workers[i].phone, "+91987654320%d", i);
        ck_assert_int_eq(pthread_create(&threads[i], NULL, sign_in_and_read, &workers[i]), 0);
    }
    int failures = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(threads[i], NULL);
        failures += workers[i].failures;
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

/* ---- without --test-mode --------------------------------------------------------------- */

/* Without --test-mode the test routes do not exist (404, like any unknown route). */
START_TEST(test_test_routes_are_not_found_without_test_mode)
{
    check_error("GET", "/v1/test/clock", NULL, NULL, 404, "not_found");
    check_error("POST", "/v1/test/clock", "{\"now_ms\": 1}", NULL, 404, "not_found");
    check_error("PUT", "/v1/test/clock", "{}", NULL, 404, "not_found");
    check_error("GET", "/v1/test/sms/latest?phone=%2B919876543210", NULL, NULL, 404, "not_found");
    ck_assert_int_eq(stub_set_clock(stub, T0), -1);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, "+919876543210", code), -1);
}
END_TEST

/* Health says test_mode false, and sign-in still works (codes are simply not readable). */
START_TEST(test_health_reports_test_mode_off)
{
    cJSON *h = call("GET", "/v1/health", NULL, NULL, 200);
    ck_assert(!flag(h, "test_mode"));
    cJSON_Delete(h);
    cJSON_Delete(request_otp("+919876543210"));
}
END_TEST

static TCase *with_stub(const char *name, void (*fixture)(void))
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, fixture, teardown);
    tcase_set_timeout(tc, 60);
    return tc;
}

static Suite *stub_http_suite(void)
{
    Suite *s = suite_create("stub_http");

    TCase *routing = with_stub("routing", setup);
    tcase_add_test(routing, test_health_reports_version_and_test_mode);
    tcase_add_test(routing, test_unknown_route_is_not_found);
    tcase_add_test(routing, test_wrong_method_is_method_not_allowed);
    tcase_add_test(routing, test_malformed_json_is_invalid_json);
    tcase_add_test(routing, test_body_over_64_kib_is_payload_too_large);
    suite_add_tcase(s, routing);

    TCase *request = with_stub("otp_request", setup);
    tcase_add_test(request, test_otp_request_normalises_the_phone);
    tcase_add_test(request, test_otp_request_says_registered_for_a_member);
    tcase_add_test(request, test_otp_request_rejects_a_bad_phone);
    tcase_add_test(request, test_otp_is_texted_as_six_digits);
    tcase_add_test(request, test_sms_latest_without_sms_is_not_found);
    tcase_add_test(request, test_otp_resend_waits_thirty_seconds);
    tcase_add_test(request, test_otp_at_most_five_codes_per_hour);
    tcase_add_test(request, test_refused_requests_do_not_count_toward_the_cap);
    tcase_add_test(request, test_new_code_replaces_the_old_one);
    suite_add_tcase(s, request);

    TCase *verify_tc = with_stub("otp_verify", setup);
    tcase_add_test(verify_tc, test_verify_needs_exactly_six_digits);
    tcase_add_test(verify_tc, test_verify_without_a_code_is_expired);
    tcase_add_test(verify_tc, test_otp_expires_after_five_minutes);
    tcase_add_test(verify_tc, test_wrong_code_counts_down_to_exhausted);
    tcase_add_test(verify_tc, test_code_cannot_be_used_twice);
    tcase_add_test(verify_tc, test_new_number_is_provisioned_at_once);
    tcase_add_test(verify_tc, test_seeded_members_sign_in_with_their_membership);
    suite_add_tcase(s, verify_tc);

    TCase *sessions = with_stub("sessions", setup);
    tcase_add_test(sessions, test_me_requires_a_bearer_token);
    tcase_add_test(sessions, test_session_expires_after_thirty_days);
    tcase_add_test(sessions, test_logout_revokes_the_token);
    suite_add_tcase(s, sessions);

    TCase *profile = with_stub("profile", setup);
    tcase_add_test(profile, test_profile_completion_creates_a_lead);
    tcase_add_test(profile, test_member_profile_update_creates_no_lead);
    tcase_add_test(profile, test_profile_requires_all_four_fields);
    tcase_add_test(profile, test_profile_rejects_bad_values);
    tcase_add_test(profile, test_profile_limits_count_characters);
    tcase_add_test(profile, test_failed_profile_update_changes_nothing);
    suite_add_tcase(s, profile);

    TCase *intent = with_stub("intent", setup);
    tcase_add_test(intent, test_intent_needs_a_complete_profile);
    tcase_add_test(intent, test_on_demand_grants_the_role_at_once);
    tcase_add_test(intent, test_on_demand_after_an_office_keeps_its_needs);
    tcase_add_test(intent, test_intent_refusal_names_no_api_path);
    tcase_add_test(intent, test_office_intent_records_details_on_the_lead);
    tcase_add_test(intent, test_office_intent_validates_details);
    tcase_add_test(intent, test_failed_intent_changes_nothing);
    tcase_add_test(intent, test_member_cannot_state_an_intent);
    suite_add_tcase(s, intent);

    TCase *misc = with_stub("clock_and_robustness", setup);
    tcase_add_test(misc, test_clock_can_be_set_read_and_advanced);
    tcase_add_test(misc, test_odd_requests_never_break_the_server);
    tcase_add_test(misc, test_concurrent_clients_are_all_served);
    suite_add_tcase(s, misc);

    TCase *plain = with_stub("without_test_mode", setup_plain);
    tcase_add_test(plain, test_test_routes_are_not_found_without_test_mode);
    tcase_add_test(plain, test_health_reports_test_mode_off);
    suite_add_tcase(s, plain);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_http_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
