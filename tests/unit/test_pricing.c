/*
 * tests/unit/test_pricing.c - day-pass carts cost what finance expects: the bundle tier,
 * the discount and the building's tax (GST 18% in India, VAT 20% in the UK) each rounded
 * half up to the minor unit, in integer minor units.
 */
#include <check.h>
#include <stdlib.h>

#include "rules/pricing.h"

static const mci_tier tiers[] = {{1, 0}, {5, 10}, {10, 15}};

typedef struct price_case {
    int32_t passes;
    int64_t unit;
    int64_t subtotal, discount, gst, total;
    int32_t tier;
} price_case;

/* The table: tiers, and rounding exactly at and around half a paisa. */
START_TEST(test_price_table)
{
    static const price_case cases[] = {
        /* passes unit  subtotal discount gst    total  tier */
        {1, 80000, 80000, 0, 14400, 94400, 1},
        {4, 80000, 320000, 0, 57600, 377600, 1},
        {5, 80000, 400000, 40000, 64800, 424800, 5},
        {9, 80000, 720000, 72000, 116640, 764640, 5},
        {10, 80000, 800000, 120000, 122400, 802400, 10},
        {12, 80000, 960000, 144000, 146880, 962880, 10},
        /* 5 x 99.99: discount 49.995 -> 50 (half up); GST of 449.95 = 80.991 -> 80.99 */
        {5, 9999, 49995, 5000, 8099, 53094, 5},
        /* 1 x 0.25: GST 0.045 -> 0.05 (half up) */
        {1, 25, 25, 0, 5, 30, 1},
        /* 1 x 0.02: GST 0.0036 -> 0.00 */
        {1, 2, 2, 0, 0, 2, 1},
        {0, 80000, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const price_case *c = &cases[i];
        mci_price p = mci_price_passes(c->passes, c->unit, tiers, 3, 1800);
        ck_assert_msg(p.subtotal_minor == c->subtotal && p.discount_minor == c->discount &&
                          p.tax_minor == c->gst && p.total_minor == c->total &&
                          p.tier_passes == c->tier,
                      "case %zu: got %lld/%lld/%lld/%lld tier %d", i, (long long)p.subtotal_minor,
                      (long long)p.discount_minor, (long long)p.tax_minor, (long long)p.total_minor,
                      p.tier_passes);
    }
}
END_TEST

/* London: pence, VAT at 20% on the subtotal less the discount. */
START_TEST(test_vat_at_twenty_percent_in_pence)
{
    static const price_case cases[] = {
        /* passes unit subtotal discount vat  total tier */
        {1, 2500, 2500, 0, 500, 3000, 1},
        {5, 2500, 12500, 1250, 2250, 13500, 5},
        {10, 2500, 25000, 3750, 4250, 25500, 10},
        /* 1 x 0.03: VAT 0.006 -> 0.01 (half up) */
        {1, 3, 3, 0, 1, 4, 1},
        /* 1 x 0.02: VAT 0.004 -> 0.00 */
        {1, 2, 2, 0, 0, 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const price_case *c = &cases[i];
        mci_price p = mci_price_passes(c->passes, c->unit, tiers, 3, 2000);
        ck_assert_msg(p.subtotal_minor == c->subtotal && p.discount_minor == c->discount &&
                          p.tax_minor == c->gst && p.total_minor == c->total,
                      "case %zu: got %lld/%lld/%lld/%lld", i, (long long)p.subtotal_minor,
                      (long long)p.discount_minor, (long long)p.tax_minor,
                      (long long)p.total_minor);
    }
    ck_assert_int_eq(mci_tax_on(1250, 1250), 156); /* 12.5% of 12.50 = 1.5625 -> 1.56 */
    ck_assert_int_eq(mci_tax_on(1000, 0), 0);
}
END_TEST

/* Tiers may come in any order; the largest that applies wins. */
START_TEST(test_tiers_in_any_order)
{
    static const mci_tier shuffled[] = {{10, 15}, {1, 0}, {5, 10}};
    ck_assert_int_eq(mci_price_passes(7, 1000, shuffled, 3, 1800).discount_pct, 10);
    ck_assert_int_eq(mci_price_passes(11, 1000, shuffled, 3, 1800).discount_pct, 15);
    ck_assert_int_eq(mci_price_passes(3, 1000, NULL, 0, 1800).discount_pct, 0);
}
END_TEST

/* Half up, not half even, and exact on whole values. */
START_TEST(test_round_half_up)
{
    ck_assert_int_eq(mci_div_round_half_up(5, 10), 1);
    ck_assert_int_eq(mci_div_round_half_up(15, 10), 2);
    ck_assert_int_eq(mci_div_round_half_up(25, 10), 3);
    ck_assert_int_eq(mci_div_round_half_up(14, 10), 1);
    ck_assert_int_eq(mci_div_round_half_up(20, 10), 2);
    ck_assert_int_eq(mci_div_round_half_up(0, 100), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pricing");
    TCase *tc = tcase_create("passes");
    tcase_add_test(tc, test_price_table);
    tcase_add_test(tc, test_vat_at_twenty_percent_in_pence);
    tcase_add_test(tc, test_tiers_in_any_order);
    tcase_add_test(tc, test_round_half_up);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
