/*
 * test_values.c - memberctl reads amounts, counts and ids as a person types
 * them: rupees become exact integer paise, junk is refused (never guessed
 * at); guests ("Name <email>") and day passes ("DATE" or "DATE:Name
 * <email>") are taken only in their one written shape. Dates and times:
 * test_datetime.c.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/values.h"

static int64_t paise_of(const char *text)
{
    int64_t paise = -1;
    ck_assert_msg(values_parse_amount(text, &paise), "'%s' should parse", text);
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
        ck_assert_msg(!values_parse_amount(junk[i], &paise), "'%s' should be refused", junk[i]);
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

START_TEST(test_budget_is_an_amount_and_a_currency)
{
    mc_money budget = {0};
    ck_assert(values_parse_budget("50000", &budget));
    ck_assert_int_eq(budget.minor, 5000000);
    ck_assert_str_eq(budget.currency, "INR");
    ck_assert(values_parse_budget("2,000.50 GBP", &budget));
    ck_assert_int_eq(budget.minor, 200050);
    ck_assert_str_eq(budget.currency, "GBP");
    static const char *const junk[] = {"2000 gbp", "2000 GB",   "2000 JPY", "2000  GBP",
                                       "GBP",      "2000 GBPX", ""};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        ck_assert_msg(!values_parse_budget(junk[i], &budget), "'%s' should be refused", junk[i]);
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

START_TEST(test_guests_are_name_and_address)
{
    char name[VALUES_GUEST_NAME_MAX], email[VALUES_GUEST_EMAIL_MAX];
    ck_assert(values_parse_guest("Ravi <ravi@example.in>", name, sizeof name, email, sizeof email));
    ck_assert_str_eq(name, "Ravi");
    ck_assert_str_eq(email, "ravi@example.in");
    ck_assert(values_parse_guest("  Ravi  Kumar<ravi.kumar+x@example.co.in>", name, sizeof name,
                                 email, sizeof email));
    ck_assert_str_eq(name, "Ravi  Kumar");
    ck_assert_str_eq(email, "ravi.kumar+x@example.co.in");
    ck_assert(
        values_parse_guest("Zoë Ōta <zoe@example.jp>", name, sizeof name, email, sizeof email));
    ck_assert_str_eq(name, "Zoë Ōta");

    static const char *const junk[] = {
        "",
        "Ravi",
        "ravi@example.in",
        "<ravi@example.in>",
        "   <ravi@example.in>",
        "Ravi <>",
        "Ravi <ravi@example.in",
        "Ravi ravi@example.in>",
        "Ravi <ravi@example.in> ",
        "Ravi <ravi@example.in> x",
        "Ravi <ravi @example.in>",
        "Ravi <ravi>",
        "Ravi <@example.in>",
        "Ravi <ravi@>",
        "Ravi <ravi@a@b.in>",
        "Ravi <<ravi@example.in>>",
        "Ra>vi <ravi@example.in>",
        "Ravi <ravi@example.in>, Meera <meera@example.in>",
    };
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        ck_assert_msg(!values_parse_guest(junk[i], name, sizeof name, email, sizeof email),
                      "'%s' should be refused", junk[i]);

    /* A part too long for its buffer is refused, never cut. */
    char small[5];
    ck_assert(!values_parse_guest("Ravi Kumar <r@e.in>", small, sizeof small, email, sizeof email));
    ck_assert(
        !values_parse_guest("Ravi <ravi@example.in>", name, sizeof name, small, sizeof small));
}
END_TEST

START_TEST(test_passes_are_a_date_and_maybe_a_guest)
{
    char date[DATETIME_DATE_MAX], name[VALUES_GUEST_NAME_MAX], email[VALUES_GUEST_EMAIL_MAX];
    ck_assert(
        values_parse_pass("2027-03-01", date, sizeof date, name, sizeof name, email, sizeof email));
    ck_assert_str_eq(date, "2027-03-01");
    ck_assert_str_eq(name, "");
    ck_assert_str_eq(email, "");
    ck_assert(values_parse_pass("2028-02-29:Ravi Kumar <ravi@example.in>", date, sizeof date, name,
                                sizeof name, email, sizeof email));
    ck_assert_str_eq(date, "2028-02-29");
    ck_assert_str_eq(name, "Ravi Kumar");
    ck_assert_str_eq(email, "ravi@example.in");
    /* The first ':' after the date splits; later ones belong to the guest's name. */
    ck_assert(values_parse_pass("2027-03-01: Dr: Meera <m@example.in>", date, sizeof date, name,
                                sizeof name, email, sizeof email));
    ck_assert_str_eq(name, "Dr: Meera");

    static const char *const junk[] = {
        "",
        "2027-03-1",
        "2027-02-29",
        "2027-03-01:",
        "2027-03-01 ",
        "2027-03-01:Ravi",
        "2027-03-01:ravi@example.in",
        "2027-03-01 Ravi <ravi@example.in>",
        "2027-03-01Ravi <ravi@example.in>",
        "Ravi <ravi@example.in>",
        "2027-03-01:Ravi <ravi@example.in>:2027-03-02",
        "today",
        "2027/03/01:Ravi <ravi@example.in>",
    };
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        strcpy(date, "unchanged");
        ck_assert_msg(
            !values_parse_pass(junk[i], date, sizeof date, name, sizeof name, email, sizeof email),
            "'%s' should be refused", junk[i]);
        ck_assert_str_eq(date, "unchanged");
    }
    char small[10]; /* one short of a date */
    ck_assert(!values_parse_pass("2027-03-01", small, sizeof small, name, sizeof name, email,
                                 sizeof email));
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
    tcase_add_test(tc, test_budget_is_an_amount_and_a_currency);
    tcase_add_test(tc, test_ids_are_positive_digits);
    tcase_add_test(tc, test_guests_are_name_and_address);
    tcase_add_test(tc, test_passes_are_a_date_and_maybe_a_guest);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
