/*
 * test_values.c - memberctl reads amounts, counts and ids as a person types
 * them: rupees become exact integer paise, junk is refused (never guessed
 * at); times are shown as ISO-8601 UTC.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "values.h"

static int64_t paise_of(const char *text)
{
    int64_t paise = -1;
    ck_assert_msg(values_parse_rupees(text, &paise), "'%s' should parse", text);
    return paise;
}

START_TEST(test_whole_rupees_become_paise)
{
    ck_assert_int_eq(paise_of("50000"), 5000000);
    ck_assert_int_eq(paise_of("0"), 0);
    ck_assert_int_eq(paise_of("7"), 700);
}
END_TEST

START_TEST(test_decimals_are_exact_paise)
{
    ck_assert_int_eq(paise_of("50000.50"), 5000050);
    ck_assert_int_eq(paise_of("50000.5"), 5000050);
    ck_assert_int_eq(paise_of("0.10"), 10);
    ck_assert_int_eq(paise_of("0.01"), 1);
    ck_assert_int_eq(paise_of("19.99"), 1999);
}
END_TEST

START_TEST(test_grouping_commas_are_accepted)
{
    ck_assert_int_eq(paise_of("50,000"), 5000000);
    ck_assert_int_eq(paise_of("5,00,000.25"), 50000025);
}
END_TEST

START_TEST(test_junk_amounts_are_refused)
{
    static const char *const junk[] = {
        "",      "abc",
        "-5",    "+5",
        " 5",    "5 ",
        "5.",    ".5",
        "5.555", "1e3",
        "5..0",  ",5",
        "5,",    "5,,000",
        "5,.5",  "Rs 5",
        "5.5.5", "0x10",
        "₹500",  "10000000000000000", /* beyond any budget, and would overflow paise */
    };
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        int64_t paise = 42;
        ck_assert_msg(!values_parse_rupees(junk[i], &paise), "'%s' should be refused", junk[i]);
        ck_assert_int_eq(paise, 42);
    }
}
END_TEST

START_TEST(test_counts_are_plain_digits)
{
    int32_t n = -1;
    ck_assert(values_parse_count("12", &n));
    ck_assert_int_eq(n, 12);
    ck_assert(values_parse_count("100000", &n));
    ck_assert_int_eq(n, 100000);
    static const char *const junk[] = {"", "twelve", "-1", "+1", "1.5", " 1", "1 ", "1234567890"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        ck_assert_msg(!values_parse_count(junk[i], &n), "'%s' should be refused", junk[i]);
}
END_TEST

START_TEST(test_paise_format_as_rupees)
{
    char buf[32];
    values_format_rupees(5000050, buf, sizeof buf);
    ck_assert_str_eq(buf, "50000.50");
    values_format_rupees(7, buf, sizeof buf);
    ck_assert_str_eq(buf, "0.07");
    values_format_rupees(INT64_MIN, buf, sizeof buf);
    ck_assert_str_eq(buf, "-92233720368547758.08");
}
END_TEST

START_TEST(test_ids_are_positive_digits)
{
    int64_t id = -1;
    ck_assert(values_parse_id("7", &id));
    ck_assert_int_eq(id, 7);
    ck_assert(values_parse_id("999999999999999999", &id));
    ck_assert_int_eq(id, 999999999999999999LL);
    static const char *const junk[] = {"",   "0",  "00", "-7",  "+7",
                                       "#7", "7x", " 7", "1e3", "1234567890123456789"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        id = 42;
        ck_assert_msg(!values_parse_id(junk[i], &id), "'%s' should be refused", junk[i]);
        ck_assert_int_eq(id, 42);
    }
}
END_TEST

START_TEST(test_times_format_as_iso8601_utc)
{
    char buf[VALUES_TIME_MAX];
    values_format_time(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
    values_format_time(1799929800999, buf, sizeof buf); /* ms are dropped */
    ck_assert_str_eq(buf, "2027-01-14T12:30:00Z");
    values_format_time(-1, buf, sizeof buf);
    ck_assert_str_eq(buf, "1969-12-31T23:59:59Z");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memberctl_values");
    TCase *tc = tcase_create("values");
    tcase_add_test(tc, test_whole_rupees_become_paise);
    tcase_add_test(tc, test_decimals_are_exact_paise);
    tcase_add_test(tc, test_grouping_commas_are_accepted);
    tcase_add_test(tc, test_junk_amounts_are_refused);
    tcase_add_test(tc, test_counts_are_plain_digits);
    tcase_add_test(tc, test_paise_format_as_rupees);
    tcase_add_test(tc, test_ids_are_positive_digits);
    tcase_add_test(tc, test_times_format_as_iso8601_utc);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
