/*
 * tests/unit/test_text.c - text the core quotes or reads from the wire: UTF-8 prefixes and copies
 * cut on character boundaries at every length, repair of cut or bad text, error messages that stay
 * UTF-8 however long or whatever they quote (checked with iconv, a strict validator that is not
 * the core's), and the JSON escape \u0000 found in raw text before cJSON decodes it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "membercore/notifications.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

#include "strict_utf8.h"

/* One, two, three and four bytes per character, mixed. */
static const char mixed[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z\xe0\xa4\xb9\xc3\xa9";

START_TEST(test_prefix_cuts_on_character_boundaries_at_every_length)
{
    size_t len = strlen(mixed);
    ck_assert(strict_utf8(mixed, len));
    for (size_t max = 0; max <= len + 2; max++) {
        size_t n = mci_utf8_prefix(mixed, max);
        ck_assert_uint_le(n, max < len ? max : len);
        ck_assert_msg(strict_utf8(mixed, n), "cut at %zu of %zu is not UTF-8", n, max);
        size_t next = n + 1; /* the next character boundary lies past max */
        while (next < len && ((unsigned char)mixed[next] & 0xC0) == 0x80)
            next++;
        ck_assert_msg(n == len || next > max, "cut at %zu of %zu is not the longest", n, max);
    }
    ck_assert_uint_eq(mci_utf8_prefix(NULL, 40), 0);
    ck_assert_uint_eq(mci_utf8_prefix("ab\0cd", 5), 2);
    ck_assert_uint_eq(mci_utf8_prefix("ab\xff"
                                      "cd",
                                      5),
                      2);
    ck_assert_uint_eq(mci_utf8_prefix("ab\xc0\xaf", 4), 2);         /* overlong '/' */
    ck_assert_uint_eq(mci_utf8_prefix("ab\xed\xa0\x80", 5), 2);     /* a surrogate */
    ck_assert_uint_eq(mci_utf8_prefix("ab\xf4\x90\x80\x80", 6), 2); /* past U+10FFFF */
    /* The code point count it shares its decoder with. */
    ck_assert_int_eq(mci_utf8_length(mixed), 7);
    ck_assert_int_eq(mci_utf8_length("ab\xc3"), -1);
    ck_assert_int_eq(mci_utf8_length("ab\xed\xa0\x80"), -1);
    ck_assert_int_eq(mci_utf8_length(""), 0);
}
END_TEST

/* A copy into a small buffer is cut before a character that does not fit, at every size. */
START_TEST(test_strlcpy_cuts_on_character_boundaries_at_every_size)
{
    size_t len = strlen(mixed);
    for (size_t cap = 1; cap <= len + 2; cap++) {
        char out[64];
        bool fits = mci_strlcpy(out, mixed, cap);
        ck_assert(fits == (len < cap));
        ck_assert(strict_utf8(out, strlen(out)));
        ck_assert_uint_eq(strlen(out), mci_utf8_prefix(mixed, cap - 1));
    }
}
END_TEST

START_TEST(test_scrub_repairs_cut_and_bad_text)
{
    for (size_t cut = 0; cut <= strlen(mixed); cut++) {
        char s[64];
        memcpy(s, mixed, cut);
        s[cut] = '\0';
        mci_utf8_scrub(s);
        ck_assert(strict_utf8(s, strlen(s)));
        ck_assert_uint_eq(strlen(s), mci_utf8_prefix(mixed, cut));
    }
    char bad[] = "x\xff"
                 "y\xc3(z\xe2\x82";
    mci_utf8_scrub(bad);
    ck_assert_str_eq(bad, "x?y?(z");
    mci_utf8_scrub(NULL);
}
END_TEST

/* A message longer than the buffer, of multi-byte text, is cut on a character at every length;
 * an input quoted by a public parse is too. */
START_TEST(test_error_messages_stay_utf8)
{
    char text[MC_ERROR_MESSAGE_MAX * 2];
    for (size_t pad = 0; pad < 4; pad++) {
        memset(text, 'x', pad);
        text[pad] = '\0';
        for (int i = 0; i < 150; i++)
            strcat(text, "\xe2\x82\xac");
        mc_error err;
        mci_error_set(&err, MC_ERR_INVALID_ARG, "%s", text);
        ck_assert_msg(strict_utf8(err.message, strlen(err.message)), "pad %zu", pad);
        ck_assert_uint_ge(strlen(err.message), MC_ERROR_MESSAGE_MAX - 4);
        mci_refuse(&err, MC_RULE_NONE, "%s", text);
        ck_assert(strict_utf8(err.message, strlen(err.message)));
    }
    mc_error err;
    char name[128] = "";
    for (int i = 0; i < 20; i++)
        strcat(name, "\xe2\x82\xac");
    mc_channel ch;
    ck_assert_int_eq(mc_channel_parse(name, &ch, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strict_utf8(err.message, strlen(err.message)), "%s", err.message);
    ck_assert_ptr_nonnull(strstr(err.message, "'\xe2\x82\xac"));
    ck_assert_int_eq(mc_channel_parse("ab\xff", &ch, &err), MC_ERR_INVALID_ARG);
    ck_assert(strict_utf8(err.message, strlen(err.message)));
}
END_TEST

static bool nul_in(const char *json, char *field, size_t cap)
{
    return mci_json_nul_escape(json, strlen(json), field, cap);
}

START_TEST(test_nul_escape_found_in_raw_json_and_named)
{
    char f[16];
    ck_assert(nul_in("{\"a\":\"x\",\"name\":\"b\\u0000c\"}", f, sizeof f));
    ck_assert_str_eq(f, "name");
    ck_assert(nul_in("{\"a\":{\"b\":1},\"tags\" : [\"ok\", \"\\u0000\"]}", f, sizeof f));
    ck_assert_str_eq(f, "tags");
    ck_assert(nul_in("{\"changes\":[{\"kind\":\"event\",\"data\":{\"title\":\"\\u0000\"}}]}", f,
                     sizeof f));
    ck_assert_str_eq(f, "title");
    ck_assert(nul_in("{\"k\\u0000y\" :1}", f, sizeof f));
    ck_assert_str_eq(f, "k\\u0000y");
    ck_assert(nul_in("[\"\\u0000\"]", f, sizeof f));
    ck_assert_str_eq(f, "");
    ck_assert(nul_in("{\"\xe2\x82\xac\xe2\x82\xac\":\"\\u0000\"}", f, 6));
    ck_assert_str_eq(f, "\xe2\x82\xac");
    ck_assert(!nul_in("{\"a\":\"\\\\u0000\",\"b\":\"\\u0001\"}", f, sizeof f));
    ck_assert(!nul_in("{\"a\":\"\\u0010\",\"b\":\"u0000\"}", f, sizeof f));
    ck_assert(!mci_json_nul_escape("{\"a\":\"\\u0000\"}", 9, f, sizeof f));
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_prefix_cuts_on_character_boundaries_at_every_length);
    tcase_add_test(tc, test_strlcpy_cuts_on_character_boundaries_at_every_size);
    tcase_add_test(tc, test_scrub_repairs_cut_and_bad_text);
    tcase_add_test(tc, test_error_messages_stay_utf8);
    tcase_add_test(tc, test_nul_escape_found_in_raw_json_and_named);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
