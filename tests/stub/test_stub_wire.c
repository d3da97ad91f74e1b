/*
 * tests/stub/test_stub_wire.c - text on memberstub's wire: the UTF-8 helpers (base/text: prefixes
 * cut on character boundaries at every length, repair, the JSON escape \u0000 found in raw text)
 * as plain functions, then over HTTP against a real memberstub: answers that quote multi-byte
 * input are valid UTF-8 (checked with iconv, a strict validator that is not the stub's), stored
 * and replayed ones too, and a body whose string holds \u0000 is refused naming the field.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "strict_utf8.h"
#include "stub_test_util.h"

#define ASHA "+919800000001"

/* One, two, three and four bytes per character, mixed. */
static const char mixed[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z\xe0\xa4\xb9\xc3\xa9";

/* Every cut of multi-byte text is the longest whole-character prefix that fits. */
START_TEST(test_prefix_cuts_on_character_boundaries_at_every_length)
{
    size_t len = strlen(mixed);
    ck_assert(strict_utf8(mixed, len));
    for (size_t max = 0; max <= len + 2; max++) {
        size_t n = ms_utf8_prefix(mixed, max);
        ck_assert_uint_le(n, max < len ? max : len);
        ck_assert_msg(strict_utf8(mixed, n), "cut at %zu of %zu is not UTF-8", n, max);
        /* Longest: the next character boundary after n lies past max. */
        size_t next = n + 1;
        while (next < len && ((unsigned char)mixed[next] & 0xC0) == 0x80)
            next++;
        ck_assert_msg(n == len || next > max, "cut at %zu of %zu is not the longest", n, max);
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%.*s'", (int)n, mixed);
        ck_assert(strict_utf8(quoted, strlen(quoted)));
    }
    ck_assert_uint_eq(ms_utf8_prefix(NULL, 40), 0);
    /* It stops at a NUL and at the first byte that is not UTF-8. */
    ck_assert_uint_eq(ms_utf8_prefix("ab\0cd", 5), 2);
    ck_assert_uint_eq(ms_utf8_prefix("ab\xff"
                                     "cd",
                                     5),
                      2);
    ck_assert_uint_eq(ms_utf8_prefix("ab\xc0\xaf", 4), 2);         /* overlong '/' */
    ck_assert_uint_eq(ms_utf8_prefix("ab\xed\xa0\x80", 5), 2);     /* a surrogate */
    ck_assert_uint_eq(ms_utf8_prefix("ab\xf4\x90\x80\x80", 6), 2); /* past U+10FFFF */
}
END_TEST

/* Repair: bad bytes become '?', a character cut at the end goes, good text stays. */
START_TEST(test_scrub_repairs_cut_and_bad_text)
{
    for (size_t cut = 0; cut <= strlen(mixed); cut++) {
        char s[64];
        memcpy(s, mixed, cut);
        s[cut] = '\0';
        ms_utf8_scrub(s);
        ck_assert(strict_utf8(s, strlen(s)));
        ck_assert_uint_eq(strlen(s), ms_utf8_prefix(mixed, cut));
        ck_assert(strncmp(s, mixed, strlen(s)) == 0);
    }
    char bad[] = "x\xff"
                 "y\xc3(z\xe2\x82";
    ms_utf8_scrub(bad);
    ck_assert_str_eq(bad, "x?y?(z");
    char good[sizeof mixed];
    memcpy(good, mixed, sizeof mixed);
    ms_utf8_scrub(good);
    ck_assert_str_eq(good, mixed);
    ms_utf8_scrub(NULL);
}
END_TEST

static bool nul_in(const char *json, char *field, size_t cap)
{
    return ms_json_nul_escape(json, strlen(json), field, cap);
}

/* \u0000 is found in values, keys and arrays and named by its key; look-alikes are not. */
START_TEST(test_nul_escape_found_in_raw_json_and_named)
{
    char f[16];
    ck_assert(nul_in("{\"a\":\"x\",\"name\":\"b\\u0000c\"}", f, sizeof f));
    ck_assert_str_eq(f, "name");
    ck_assert(nul_in("{\"a\":{\"b\":1},\"tags\" : [\"ok\", \"\\u0000\"]}", f, sizeof f));
    ck_assert_str_eq(f, "tags");
    ck_assert(nul_in("{\"p\":{\"deep\":[{\"text\":\"\\u0000\"}]}}", f, sizeof f));
    ck_assert_str_eq(f, "text");
    ck_assert(nul_in("{\"k\\u0000y\" :1}", f, sizeof f));
    ck_assert_str_eq(f, "k\\u0000y");
    ck_assert(nul_in("[\"\\u0000\"]", f, sizeof f));
    ck_assert_str_eq(f, "");
    /* The name is cut on a character boundary to fit. */
    ck_assert(nul_in("{\"\xe2\x82\xac\xe2\x82\xac\":\"\\u0000\"}", f, 6));
    ck_assert_str_eq(f, "\xe2\x82\xac");
    /* An escaped backslash before u0000, other escapes, and text outside strings are fine. */
    ck_assert(!nul_in("{\"a\":\"\\\\u0000\",\"b\":\"\\u0001\"}", f, sizeof f));
    /* After an escaped quote the string goes on; \u0000 followed by a digit is still a NUL. */
    ck_assert(nul_in("{\"a\":\"\\\"\\u00001\"}", f, sizeof f));
    ck_assert_str_eq(f, "a");
    ck_assert(!nul_in("{\"a\":\"\\u0010\",\"b\":\"u0000\"}", f, sizeof f));
    /* Cut short: the escape must be whole. */
    ck_assert(!ms_json_nul_escape("{\"a\":\"\\u0000\"}", 9, f, sizeof f));
}
END_TEST

/* The raw answer to a request, asserting its status; caller frees. */
static char *raw(const char *method, const char *path, const char *body, const char *bearer,
                 int expect)
{
    char *text = NULL;
    int status = stub_request(stub, method, path, body, bearer, &text);
    ck_assert_msg(status == expect, "%s %s: expected %d, got %d: %s", method, path, expect, status,
                  text ? text : "");
    ck_assert_ptr_nonnull(text);
    return text;
}

/* An id of 20 euro signs (60 bytes) quoted in a 404 was cut mid-character at 40 bytes. */
START_TEST(test_quoted_multibyte_path_param_answers_valid_utf8)
{
    char *asha = token_for(ASHA);
    char path[512] = "/v1/invoices/";
    for (int i = 0; i < 20; i++)
        strcat(path, "%E2%82%AC");
    strcat(path, "/pay");
    char *text = raw("POST", path, "{}", asha, 404);
    ck_assert_msg(strict_utf8(text, strlen(text)), "not UTF-8: %s", text);
    ck_assert_ptr_nonnull(strstr(text, "'\xe2\x82\xac\xe2\x82\xac")); /* the quote is kept */
    free(text);
    /* Bytes that are not UTF-8 in the path are not sent back as they are. */
    text = raw("POST", "/v1/invoices/ab%FF%C3cd/pay", "{}", asha, 404);
    ck_assert_msg(strict_utf8(text, strlen(text)), "not UTF-8: %s", text);
    free(text);
    text = raw("GET", "/v1/no%E2%82/such%FF", NULL, NULL, 404);
    ck_assert_msg(strict_utf8(text, strlen(text)), "not UTF-8: %s", text);
    free(text);
    free(asha);
}
END_TEST

/* A push whose mutation kind is multi-byte: its stored rejection and its replay are UTF-8. */
START_TEST(test_stored_and_replayed_rejection_is_valid_utf8)
{
    char *asha = token_for(ASHA);
    char kind[128] = "";
    for (int i = 0; i < 20; i++)
        strcat(kind, "\xe2\x82\xac");
    char body[512];
    snprintf(body, sizeof body,
             "{\"client_id\":\"c1\",\"mutations\":[{\"mutation_id\":1,\"idempotency_key\":\"k1\","
             "\"kind\":\"%s\",\"payload\":{}}]}",
             kind);
    for (int round = 0; round < 2; round++) { /* the answer, then its replay */
        char *text = raw("POST", "/v1/sync/push", body, asha, 200);
        ck_assert_msg(strict_utf8(text, strlen(text)), "round %d not UTF-8: %s", round, text);
        ck_assert_ptr_nonnull(strstr(text, "unknown mutation kind '\xe2\x82\xac"));
        free(text);
    }
    free(asha);
}
END_TEST

/* A string holding \u0000 is refused naming the field, whatever the route; "\\u0000" is text. */
START_TEST(test_body_with_nul_escape_is_refused_naming_the_field)
{
    char *asha = token_for(ASHA);
    check_error_mentioning("POST", "/v1/sync/push",
                           "{\"client_id\":\"c\\u0000x\",\"mutations\":[]}", asha, 400,
                           "invalid_argument", "'client_id'");
    check_error_mentioning("POST", "/v1/sync/push",
                           "{\"client_id\":\"c1\",\"mutations\":[{\"mutation_id\":1,"
                           "\"idempotency_key\":\"k1\",\"kind\":\"ticket_comment\","
                           "\"payload\":{\"text\":\"hi\\u0000 there\"}}]}",
                           asha, 400, "invalid_argument", "'text'");
    cJSON *e = error_mentioning("POST", "/v1/auth/otp/request", "{\"phone\":\"98\\u0000\"}", NULL,
                                400, "invalid_argument", "\\u0000");
    ck_assert_ptr_nonnull(strstr(str(e, "message"), "'phone'"));
    cJSON_Delete(e);
    /* An escaped backslash then u0000 is six characters of text, not a NUL. */
    e = error_of("POST", "/v1/auth/otp/request", "{\"phone\":\"\\\\u0000\"}", NULL, 400,
                 "invalid_argument");
    ck_assert_ptr_null(strstr(str(e, "message"), "NUL"));
    cJSON_Delete(e);
    /* Nothing of a refused push was applied. */
    cJSON *r = push_mutation(asha, "c1", 1, "ticket_comment", "{\"text\":\"x\"}");
    ck_assert_str_ne(str(r, "status"), "duplicate");
    cJSON_Delete(r);
    free(asha);
}
END_TEST

/* In test mode the nul_escape fault puts \u0000 into an answer's first string (for the core's
 * test), only when named. */
START_TEST(test_fault_nul_escape_only_when_named)
{
    char *asha = token_for(ASHA);
    cJSON *f = call("POST", "/v1/test/faults", "{\"rate\":1,\"seed\":1}", NULL, 200);
    cJSON_Delete(f);
    f = call("GET", "/v1/test/faults", NULL, NULL, 200);
    char kinds[256] = "";
    const cJSON *k;
    cJSON_ArrayForEach(k, field(f, "kinds"))
    {
        strcat(kinds, k->valuestring);
        strcat(kinds, " ");
    }
    ck_assert_ptr_null(strstr(kinds, "nul_escape"));
    cJSON_Delete(f);
    f = call("POST", "/v1/test/faults", "{\"rate\":1,\"seed\":1,\"kinds\":[\"nul_escape\"]}", NULL,
             200);
    cJSON_Delete(f);
    char *text = raw("GET", "/v1/sync/pull?client_id=c1", NULL, asha, 200);
    char name[64];
    ck_assert(ms_json_nul_escape(text, strlen(text), name, sizeof name));
    ck_assert_ptr_nonnull(strstr(text, "\":\"\\u0000"));
    free(text);
    f = call("POST", "/v1/test/faults", "{\"rate\":0}", NULL, 200);
    cJSON_Delete(f);
    free(asha);
}
END_TEST

static Suite *stub_wire_suite(void)
{
    Suite *s = suite_create("stub_wire");
    TCase *text = tcase_create("text");
    tcase_add_test(text, test_prefix_cuts_on_character_boundaries_at_every_length);
    tcase_add_test(text, test_scrub_repairs_cut_and_bad_text);
    tcase_add_test(text, test_nul_escape_found_in_raw_json_and_named);
    suite_add_tcase(s, text);
    TCase *http = tcase_create("http");
    tcase_add_checked_fixture(http, setup, teardown);
    tcase_set_timeout(http, 60);
    tcase_add_test(http, test_quoted_multibyte_path_param_answers_valid_utf8);
    tcase_add_test(http, test_stored_and_replayed_rejection_is_valid_utf8);
    tcase_add_test(http, test_body_with_nul_escape_is_refused_naming_the_field);
    tcase_add_test(http, test_fault_nul_escape_only_when_named);
    suite_add_tcase(s, http);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_wire_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
