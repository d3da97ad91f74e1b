/*
 * test_words.c - memberctl writes sizes, SLA durations, upload shares and the core's
 * state names as a member reads them: "4.2 MB of 8.0 MB", "1 hour 30 minutes", "42%",
 * "in progress", and clips a description to one line at a character boundary.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "render/words.h"

static const char *bytes_text(int64_t bytes)
{
    static char out[WORDS_MAX];
    words_bytes(bytes, out, sizeof out);
    return out;
}

static const char *minutes_text(int32_t minutes)
{
    static char out[WORDS_MAX];
    words_minutes(minutes, out, sizeof out);
    return out;
}

START_TEST(test_sizes_read_in_bytes_kb_and_mb)
{
    ck_assert_str_eq(bytes_text(0), "0 bytes");
    ck_assert_str_eq(bytes_text(1), "1 byte");
    ck_assert_str_eq(bytes_text(68), "68 bytes");
    ck_assert_str_eq(bytes_text(1023), "1023 bytes");
    ck_assert_str_eq(bytes_text(1024), "1.0 KB");
    ck_assert_str_eq(bytes_text(12595), "12.3 KB");
    ck_assert_str_eq(bytes_text(4404019), "4.2 MB"); /* 4.2 MiB */
    ck_assert_str_eq(bytes_text(8388608), "8.0 MB");
    ck_assert_str_eq(bytes_text(10485760), "10.0 MB"); /* the photo limit, as the help says */
}
END_TEST

START_TEST(test_a_size_that_would_round_to_1024_moves_up_a_unit)
{
    ck_assert_str_eq(bytes_text(1048575), "1.0 MB");      /* not "1024.0 KB" */
    ck_assert_str_eq(bytes_text(1048576 - 40), "1.0 MB"); /* 1023.96 KB */
    ck_assert_str_eq(bytes_text(1048576 - 60), "1023.9 KB");
    ck_assert_str_eq(bytes_text(-1), "?");
}
END_TEST

START_TEST(test_sla_minutes_read_in_hours_and_minutes_never_days)
{
    ck_assert_str_eq(minutes_text(1), "1 minute");
    ck_assert_str_eq(minutes_text(15), "15 minutes");
    ck_assert_str_eq(minutes_text(60), "1 hour");
    ck_assert_str_eq(minutes_text(90), "1 hour 30 minutes");
    ck_assert_str_eq(minutes_text(121), "2 hours 1 minute");
    ck_assert_str_eq(minutes_text(1440), "24 hours"); /* business hours, not a calendar day */
    ck_assert_str_eq(minutes_text(-5), "?");
}
END_TEST

START_TEST(test_upload_share_is_whole_percent_rounded_down)
{
    ck_assert_int_eq(words_percent(0, 100), 0);
    ck_assert_int_eq(words_percent(42, 100), 42);
    ck_assert_int_eq(words_percent(3523216, 8388608), 42); /* 42.00000x% */
    ck_assert_int_eq(words_percent(3523215, 8388608), 41); /* 41.99999x% */
    ck_assert_int_eq(words_percent(8388607, 8388608), 99); /* not yet 100 */
    ck_assert_int_eq(words_percent(8388608, 8388608), 100);
    ck_assert_int_eq(words_percent(5, 0), 0);
}
END_TEST

START_TEST(test_core_names_read_as_words)
{
    char out[WORDS_MAX];
    words_name("in_progress", out, sizeof out);
    ck_assert_str_eq(out, "in progress");
    words_name("on_track", out, sizeof out);
    ck_assert_str_eq(out, "on track");
    words_name("open", out, sizeof out);
    ck_assert_str_eq(out, "open");
    char tiny[4];
    words_name("at_risk", tiny, sizeof tiny);
    ck_assert_str_eq(tiny, "at ");
}
END_TEST

START_TEST(test_clip_keeps_one_line_and_whole_characters)
{
    char out[64];
    words_clip("Tap leaking\nnear the sink", 40, out, sizeof out);
    ck_assert_str_eq(out, "Tap leaking near the sink");
    words_clip("abcdefghij", 10, out, sizeof out);
    ck_assert_str_eq(out, "abcdefghij"); /* exactly the limit: whole */
    words_clip("abcdefghijk", 10, out, sizeof out);
    ck_assert_str_eq(out, "abcdefghi\xE2\x80\xA6"); /* 9 and the ellipsis: 10 characters */
    /* "é" is two bytes and one character: counted as one, never cut in half. */
    words_clip("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3, out, sizeof out);
    ck_assert_str_eq(out, "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
    char small[6]; /* room for "éé" and a NUL, not a third "é" */
    words_clip("\xC3\xA9\xC3\xA9\xC3\xA9", 10, small, sizeof small);
    ck_assert_str_eq(small, "\xC3\xA9\xC3\xA9");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memberctl_words");
    TCase *tc = tcase_create("words");
    tcase_add_test(tc, test_sizes_read_in_bytes_kb_and_mb);
    tcase_add_test(tc, test_a_size_that_would_round_to_1024_moves_up_a_unit);
    tcase_add_test(tc, test_sla_minutes_read_in_hours_and_minutes_never_days);
    tcase_add_test(tc, test_upload_share_is_whole_percent_rounded_down);
    tcase_add_test(tc, test_core_names_read_as_words);
    tcase_add_test(tc, test_clip_keeps_one_line_and_whole_characters);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
