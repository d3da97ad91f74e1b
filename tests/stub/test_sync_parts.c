/*
 * tests/stub/test_sync_parts.c - the pure parts of memberstub's sync: the pull cursor (round trip,
 * everything else refused) and the seeded fault injector (deterministic, rate, kinds, only
 * /v1/sync/). No sockets, no database.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/entities.h"
#include "rules/cursor.h"
#include "base/faults.h"

/* A snapshot cursor and a log cursor come back exactly as encoded, in base64url. */
START_TEST(test_cursor_round_trips)
{
    ms_cursor snap = {.snapshot = true, .high_water = 1234, .kind = 5};
    snprintf(snap.after, sizeof snap.after, "%s", "EVT-BLR-DIWALI");
    ms_cursor log = {.snapshot = false, .seq = 9007199254740991LL};
    ms_cursor first = {.snapshot = true}; /* the very start: kind 0, nothing sent */
    const ms_cursor *all[] = {&snap, &log, &first};
    for (int i = 0; i < 3; i++) {
        char text[MS_CURSOR_MAX], epoch[MS_EPOCH_MAX];
        ms_cursor back;
        ck_assert_int_eq(ms_cursor_encode("ep_0123456789abcdef", all[i], text), 0);
        ck_assert_uint_eq(strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-_"),
                          strlen(text));
        ck_assert_int_eq(ms_cursor_decode(text, MS_KIND_COUNT, epoch, &back), 0);
        ck_assert_str_eq(epoch, "ep_0123456789abcdef");
        ck_assert(back.snapshot == all[i]->snapshot);
        if (back.snapshot) {
            ck_assert(back.high_water == all[i]->high_water);
            ck_assert_int_eq(back.kind, all[i]->kind);
            ck_assert_str_eq(back.after, all[i]->after);
        } else {
            ck_assert(back.seq == all[i]->seq);
        }
    }
}
END_TEST

/* base64url without padding. */
static void b64url(const char *in, char *out)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t len = strlen(in), o = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)(unsigned char)in[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)(unsigned char)in[i + 1] << 8;
        if (i + 2 < len)
            v |= (unsigned char)in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (i + 1 < len)
            out[o++] = alphabet[(v >> 6) & 63];
        if (i + 2 < len)
            out[o++] = alphabet[v & 63];
    }
    out[o] = '\0';
}

/* Anything the server did not issue is refused. */
START_TEST(test_cursor_refuses_anything_else)
{
    static const char *raw[] = {
        "",
        "v1",
        "v1|ep_1",
        "v2|ep_1|l|5",
        "v1||l|5",
        "v1|ep_1|l|",
        "v1|ep_1|l|-5",
        "v1|ep_1|l|+5",
        "v1|ep_1|l| 5",
        "v1|ep_1|l|5x",
        "v1|ep_1|l|5|6",
        "v1|ep_1|l|99999999999999999999",
        "v1|ep_1|x|5",
        "v1|ep_1|s|5|1",
        "v1|ep_1|s|5|23|", /* MS_KIND_COUNT: one past the last kind */
        "v1|ep_1|s|5|-1|",
        "v1|ep_1|s|x|1|",
        "v1|ep_1|s|5|1|0123456789012345678901234567890123456789",
        "v1|ep_0123456789abcdef0123456789abcdef0123456789|l|5",
    };
    ck_assert_int_eq(MS_KIND_COUNT, 23);
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        char text[512], epoch[MS_EPOCH_MAX];
        ms_cursor c;
        b64url(raw[i], text);
        ck_assert_msg(ms_cursor_decode(text, MS_KIND_COUNT, epoch, &c) == -1, "accepted \"%s\"",
                      raw[i]);
    }
    static const char *text[] = {"!!!!", "dj=", "djF8ZXBfMXxsfDU=", "d", "dj", "a b"};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        char epoch[MS_EPOCH_MAX];
        ms_cursor c;
        ck_assert_msg(ms_cursor_decode(text[i], MS_KIND_COUNT, epoch, &c) == -1, "accepted \"%s\"",
                      text[i]);
    }
    /* A snapshot's last id may itself hold a '|' (everything after the fifth one). */
    char t[128], epoch[MS_EPOCH_MAX];
    ms_cursor c;
    b64url("v1|ep_1|s|5|1|a|b", t);
    ck_assert_int_eq(ms_cursor_decode(t, MS_KIND_COUNT, epoch, &c), 0);
    ck_assert_str_eq(c.after, "a|b");
    char long_text[MS_CURSOR_MAX + 8];
    memset(long_text, 'A', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    ck_assert_int_eq(ms_cursor_decode(long_text, MS_KIND_COUNT, epoch, &c), -1);
}
END_TEST

/* The faults drawn for n requests, one letter per request ('-' none, 'a' + kind). */
static void draws(ms_faults *f, int n, char *out)
{
    for (int i = 0; i < n; i++) {
        int32_t delay = -1;
        ms_fault k = ms_faults_draw(f, "/v1/sync/push", &delay);
        out[i] = k == MS_FAULT_NONE ? '-' : (char)('a' + k);
        if (k == MS_FAULT_DELAY)
            ck_assert_int_eq(delay, 25);
    }
    out[n] = '\0';
}

/* The same seed draws the same faults; configuring again starts the sequence over. */
START_TEST(test_faults_are_deterministic_for_a_seed)
{
    ms_faults a, b;
    ms_faults_init(&a);
    ms_faults_init(&b);
    char sa[201], sb[201], sc[201];
    ms_faults_configure(&a, 0.3, 42, 0, 25);
    ms_faults_configure(&b, 0.3, 42, 0, 25);
    draws(&a, 200, sa);
    draws(&b, 200, sb);
    ck_assert_str_eq(sa, sb);
    ms_faults_configure(&a, 0.3, 42, 0, 25);
    draws(&a, 200, sc);
    ck_assert_str_eq(sa, sc);
    ms_faults_configure(&b, 0.3, 43, 0, 25);
    draws(&b, 200, sb);
    ck_assert_str_ne(sa, sb);
    /* Every default kind shows up over 200 draws at 30 %; nul_escape only when named. */
    for (int k = 0; k < MS_FAULT_NUL_ESCAPE; k++)
        ck_assert_msg(strchr(sa, 'a' + k) != NULL, "%s never drawn", ms_fault_name(k));
    ck_assert_ptr_null(strchr(sa, 'a' + MS_FAULT_NUL_ESCAPE));
    ms_faults_destroy(&a);
    ms_faults_destroy(&b);
}
END_TEST

/* The rate is respected (0 never, 1 always, 0.3 about 30 %) and counted per kind. */
START_TEST(test_fault_rate_and_counts)
{
    ms_faults f;
    ms_faults_init(&f);
    char s[10001];
    draws(&f, 100, s); /* off by default */
    ck_assert_uint_eq(strspn(s, "-"), 100);
    ms_faults_configure(&f, 1, 7, 0, 25);
    draws(&f, 100, s);
    ck_assert_ptr_null(strchr(s, '-'));
    ms_faults_configure(&f, 0.3, 7, 0, 25);
    draws(&f, 10000, s);
    size_t hit = 0;
    for (int i = 0; i < 10000; i++)
        hit += s[i] != '-';
    ck_assert_uint_ge(hit, 2700);
    ck_assert_uint_le(hit, 3300);
    cJSON *json = ms_faults_json(&f);
    ck_assert_int_eq((int)cJSON_GetObjectItem(json, "requests")->valuedouble, 10000);
    ck_assert_int_eq((int)cJSON_GetObjectItem(json, "total_injected")->valuedouble, (int)hit);
    const cJSON *injected = cJSON_GetObjectItem(json, "injected");
    ck_assert_int_eq(cJSON_GetArraySize(injected), MS_FAULT_COUNT);
    double sum = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, injected)
    {
        sum += n->valuedouble;
    }
    ck_assert_int_eq((int)sum, (int)hit);
    cJSON_Delete(json);
    ms_faults_configure(&f, 0, 7, 0, 25);
    draws(&f, 100, s);
    ck_assert_uint_eq(strspn(s, "-"), 100);
    ms_faults_destroy(&f);
}
END_TEST

/* Only the allowed kinds are drawn, and only for /v1/sync/ paths. */
START_TEST(test_fault_kinds_and_paths)
{
    ms_faults f;
    ms_faults_init(&f);
    ms_faults_configure(&f, 1, 1, 1u << MS_FAULT_TRUNCATE | 1u << MS_FAULT_ERROR_429, 25);
    char s[501];
    draws(&f, 500, s);
    ck_assert_uint_eq(strspn(s, "eg"), 500); /* error_429 = 'e', truncate = 'g' */
    ck_assert_ptr_nonnull(strchr(s, 'e'));
    ck_assert_ptr_nonnull(strchr(s, 'g'));
    int32_t delay;
    static const char *other[] = {"/v1/me", "/v1/test/faults", "/v1/syncx", "/v1/sync", "/"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        ck_assert_int_eq(ms_faults_draw(&f, other[i], &delay), MS_FAULT_NONE);
    cJSON *json = ms_faults_json(&f);
    ck_assert_int_eq((int)cJSON_GetObjectItem(json, "requests")->valuedouble, 500);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(json, "kinds")), 2);
    cJSON_Delete(json);
    for (int k = 0; k < MS_FAULT_COUNT; k++)
        ck_assert_int_eq(ms_fault_from_name(ms_fault_name(k)), k);
    ck_assert_int_eq(ms_fault_from_name("explode"), MS_FAULT_NONE);
    ck_assert_ptr_null(ms_fault_name(MS_FAULT_COUNT));
    ms_faults_destroy(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync_parts");
    TCase *cursor = tcase_create("cursor");
    tcase_add_test(cursor, test_cursor_round_trips);
    tcase_add_test(cursor, test_cursor_refuses_anything_else);
    suite_add_tcase(s, cursor);
    TCase *faults = tcase_create("faults");
    tcase_add_test(faults, test_faults_are_deterministic_for_a_seed);
    tcase_add_test(faults, test_fault_rate_and_counts);
    tcase_add_test(faults, test_fault_kinds_and_paths);
    suite_add_tcase(s, faults);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
