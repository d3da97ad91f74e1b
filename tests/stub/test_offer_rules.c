/*
 * tests/stub/test_offer_rules.c - the pure offer rules (server-stub/src/rules/offer_rules.h):
 * validity on a building-local date (both ends inclusive) and the shape of a code, worked by hand.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/offer_rules.h"
#include "rules/pass_rules.h"

static int64_t day(const char *text)
{
    int64_t d;
    ck_assert_msg(ms_parse_date(text, &d), "%s", text);
    return d;
}

/* An offer from 1 to 31 January: not started on 31 December, valid on both ends, ended on
 * 1 February; a one-day offer is valid on that day only. */
START_TEST(test_validity_is_inclusive)
{
    int64_t from = day("2027-01-01"), until = day("2027-01-31");
    ck_assert_int_eq(ms_offer_validity_on(day("2026-12-31"), from, until), MS_OFFER_NOT_STARTED);
    ck_assert_int_eq(ms_offer_validity_on(from, from, until), MS_OFFER_VALID);
    ck_assert_int_eq(ms_offer_validity_on(day("2027-01-15"), from, until), MS_OFFER_VALID);
    ck_assert_int_eq(ms_offer_validity_on(until, from, until), MS_OFFER_VALID);
    ck_assert_int_eq(ms_offer_validity_on(day("2027-02-01"), from, until), MS_OFFER_EXPIRED);
    int64_t one = day("2027-01-04");
    ck_assert_int_eq(ms_offer_validity_on(one - 1, one, one), MS_OFFER_NOT_STARTED);
    ck_assert_int_eq(ms_offer_validity_on(one, one, one), MS_OFFER_VALID);
    ck_assert_int_eq(ms_offer_validity_on(one + 1, one, one), MS_OFFER_EXPIRED);
}
END_TEST

/* Codes are 1-40 letters, digits, '-' or '_': what a member types at a till. */
START_TEST(test_code_shape)
{
    static const char *const good[] = {"MCBLUE20", "CULT-7Q4M-2KX9", "a_b", "7",
                                       "0123456789012345678901234567890123456789"};
    static const char *const bad[] = {"",       "has space",
                                      "ÉCLAIR", "semi;colon",
                                      "tab\t",  "01234567890123456789012345678901234567890"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(ms_offer_code_ok(good[i]), "'%s' refused", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!ms_offer_code_ok(bad[i]), "'%s' taken", bad[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("offer_rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_validity_is_inclusive);
    tcase_add_test(tc, test_code_shape);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
