/*
 * tests/unit/test_money.c - money reads as a member expects it: the currency's symbol, its
 * minor digits, its grouping (the Indian way for rupees), one minus sign, and tax rules named
 * with their rate ("VAT 20%").
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/money.h>

static const char *format(int64_t minor, const char *currency)
{
    static char text[MC_MONEY_TEXT_MAX];
    mc_money m = {.minor = minor};
    memcpy(m.currency, currency, strlen(currency) + 1);
    size_t n = mc_money_format(m, text, sizeof text);
    ck_assert_uint_eq(n, strlen(text));
    return text;
}

/* Each currency the operator serves or a member meets, with its symbol. */
START_TEST(test_symbols_and_minor_digits)
{
    ck_assert_str_eq(format(94400, "INR"), "\u20b9944.00");
    ck_assert_str_eq(format(3000, "GBP"), "\u00a330.00");
    ck_assert_str_eq(format(1205, "USD"), "$12.05");
    ck_assert_str_eq(format(999, "EUR"), "\u20ac9.99");
    ck_assert_str_eq(format(1200, "JPY"), "\u00a51,200");
    ck_assert_str_eq(format(1500, "KWD"), "KWD 1.500");
    ck_assert_int_eq(mc_currency_minor_digits("JPY"), 0);
    ck_assert_int_eq(mc_currency_minor_digits("KWD"), 3);
    ck_assert_int_eq(mc_currency_minor_digits("GBP"), 2);
    ck_assert_int_eq(mc_currency_minor_digits("XYZ"), 2);
    ck_assert_int_eq(mc_currency_minor_digits(NULL), 2);
}
END_TEST

/* Rupees group in lakhs and crores; every other currency in thousands. */
START_TEST(test_grouping)
{
    ck_assert_str_eq(format(4248000, "INR"), "\u20b942,480.00");
    ck_assert_str_eq(format(10000000, "INR"), "\u20b91,00,000.00");
    ck_assert_str_eq(format(1234567800, "INR"), "\u20b91,23,45,678.00");
    ck_assert_str_eq(format(12345678, "GBP"), "\u00a3123,456.78");
    ck_assert_str_eq(format(100000, "USD"), "$1,000.00");
    ck_assert_str_eq(format(99999, "USD"), "$999.99");
}
END_TEST

/* Below zero: one minus sign before the symbol; INT64_MIN does not overflow. */
START_TEST(test_negative_amounts)
{
    ck_assert_str_eq(format(-350, "GBP"), "-\u00a33.50");
    ck_assert_str_eq(format(-5, "INR"), "-\u20b90.05");
    ck_assert_str_eq(format(INT64_MIN, "USD"), "-$92,233,720,368,547,758.08");
}
END_TEST

/* A code the table lacks is written before the number; a malformed one is left out. */
START_TEST(test_unknown_and_malformed_codes)
{
    ck_assert_str_eq(format(1200, "XYZ"), "XYZ 12.00");
    ck_assert_str_eq(format(1200, "CHF"), "CHF 12.00");
    ck_assert_str_eq(format(1200, ""), "12.00");
    ck_assert_str_eq(format(1200, "gbp"), "12.00");
    ck_assert_str_eq(format(1200, "G1P"), "12.00");
}
END_TEST

/* A short buffer gets what fits, NUL-terminated, and the whole length is returned. */
START_TEST(test_short_buffer_truncates)
{
    mc_money m = {4248000, "INR"};
    char small[6];
    size_t n = mc_money_format(m, small, sizeof small);
    ck_assert_uint_eq(n, strlen("\u20b942,480.00"));
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    ck_assert_uint_eq(mc_money_format(m, NULL, 0), n);
}
END_TEST

/* A tax rule reads as its name and rate, without trailing zeros. */
START_TEST(test_tax_rules)
{
    char text[MC_MONEY_TEXT_MAX];
    mc_tax vat = {"VAT", 2000}, gst = {"GST", 1800}, odd = {"VAT", 1250}, fine = {"TAX", 725},
           none = {"", 0};
    mc_tax_format(vat, text, sizeof text);
    ck_assert_str_eq(text, "VAT 20%");
    mc_tax_format(gst, text, sizeof text);
    ck_assert_str_eq(text, "GST 18%");
    mc_tax_format(odd, text, sizeof text);
    ck_assert_str_eq(text, "VAT 12.5%");
    mc_tax_format(fine, text, sizeof text);
    ck_assert_str_eq(text, "TAX 7.25%");
    mc_tax_format(none, text, sizeof text);
    ck_assert_str_eq(text, "no tax");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("money");
    TCase *tc = tcase_create("format");
    tcase_add_test(tc, test_symbols_and_minor_digits);
    tcase_add_test(tc, test_grouping);
    tcase_add_test(tc, test_negative_amounts);
    tcase_add_test(tc, test_unknown_and_malformed_codes);
    tcase_add_test(tc, test_short_buffer_truncates);
    tcase_add_test(tc, test_tax_rules);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
