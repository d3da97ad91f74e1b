/*
 * tests/unit/test_building.c - one parse of a synced building serves every reader: the
 * catalog's list sees the hours as sent, booking sees each weekday's well-formed hours,
 * the zone, window, notice, cut-off and blackouts, billing sees the price and tiers. Pure:
 * JSON in, struct out.
 */
#include <cJSON.h>
#include <check.h>
#include <stdlib.h>

#include "catalog/building.h"

static mci_building *parse(const char *text)
{
    cJSON *json = cJSON_Parse(text);
    ck_assert_ptr_nonnull(json);
    mci_building *b = NULL;
    mc_error err = {0};
    ck_assert_int_eq(mci_building_parse(json, &b, &err), MC_OK);
    cJSON_Delete(json);
    return b;
}

START_TEST(test_every_field)
{
    mci_building *b = parse(
        "{\"id\": \"blr-1\", \"name\": \"Indiranagar\", \"city\": \"Bengaluru\","
        " \"zone\": {\"name\": \"Asia/Kolkata\", \"transitions\": [{\"at_ms\": 0, \"offset_min\":"
        " 330}]},"
        " \"hours\": [{\"weekday\": 1, \"open_min\": 480, \"close_min\": 1320},"
        "  {\"weekday\": 6, \"open_min\": 600, \"close_min\": 1080},"
        "  {\"weekday\": 9, \"open_min\": 0, \"close_min\": 1440},"
        "  {\"weekday\": 7, \"open_min\": 900, \"close_min\": 600}],"
        " \"booking_window_days\": 14, \"min_notice_min\": 30, \"cancel_cutoff_min\": 120,"
        " \"blackouts\": [{\"start_ms\": 1000, \"end_ms\": 2000}],"
        " \"open_space\": {\"day_pass_price_paise\": 80000, \"capacity\": 40,"
        "  \"tiers\": [{\"passes\": 5, \"discount_pct\": 10}, {\"passes\": 10, \"discount_pct\": "
        "15}]}}");
    ck_assert_str_eq(b->id, "blr-1");
    ck_assert_str_eq(b->name, "Indiranagar");
    ck_assert_str_eq(b->city, "Bengaluru");
    ck_assert_str_eq(b->timezone, "Asia/Kolkata");
    ck_assert_uint_eq(b->zone.count, 1);
    ck_assert_int_eq(b->zone.transitions[0].offset_min, 330);
    /* the list shows the hours as sent, malformed ones too */
    ck_assert_uint_eq(b->opening_count, 4);
    ck_assert_int_eq(b->opening[2].weekday, 9);
    ck_assert_int_eq(b->opening[3].open_minute, 900);
    /* the rules take only well-formed ones, by weekday; the rest are closed */
    ck_assert_int_eq(b->hours[1].open_min, 480);
    ck_assert_int_eq(b->hours[1].close_min, 1320);
    ck_assert_int_eq(b->hours[6].open_min, 600);
    ck_assert_int_eq(b->hours[7].open_min, b->hours[7].close_min);
    ck_assert_int_eq(b->hours[2].open_min, b->hours[2].close_min);
    ck_assert_int_eq(b->booking_window_days, 14);
    ck_assert_int_eq(b->min_notice_min, 30);
    ck_assert_int_eq(b->cancel_cutoff_min, 120);
    ck_assert_uint_eq(b->blackout_count, 1);
    ck_assert_int_eq(b->blackouts[0].end_ms, 2000);
    ck_assert_int_eq(b->day_pass_price.minor, 80000);
    /* a building that names no currency or tax is in rupees with GST, as before buildings did */
    ck_assert_str_eq(b->day_pass_price.currency, "INR");
    ck_assert_str_eq(b->currency, "INR");
    ck_assert_str_eq(b->tax.name, "GST");
    ck_assert_int_eq(b->tax.rate_bp, 1800);
    ck_assert_int_eq(b->open_space_capacity, 40);
    ck_assert_uint_eq(b->tier_count, 2);
    ck_assert_int_eq(b->tiers[1].passes, 10);
    ck_assert_int_eq(b->tiers[1].discount_pct, 15);
    /* 2024-01-01 00:00 UTC is 05:30 the same day in the building */
    ck_assert_int_eq(mci_building_local_day(b, 1704067200000LL), 19723);
    ck_assert_int_eq(mci_building_local_day(b, 1704067200000LL - 330 * 60000LL), 19723);
    ck_assert_int_eq(mci_building_local_day(b, 1704067200000LL - 330 * 60000LL - 1), 19722);
    mci_building_free(b);
}
END_TEST

/* A building with nothing but an id parses to defaults: no zone (loading it for the rules
 * refuses that), closed every day, the default window, no day passes. */
START_TEST(test_defaults)
{
    mci_building *b = parse("{\"id\": \"x\"}");
    ck_assert_str_eq(b->name, "");
    ck_assert_str_eq(b->timezone, "");
    ck_assert_uint_eq(b->zone.count, 0);
    ck_assert_ptr_null(b->transitions);
    ck_assert_uint_eq(b->opening_count, 0);
    for (int day = 1; day <= 7; day++)
        ck_assert_int_eq(b->hours[day].open_min, b->hours[day].close_min);
    ck_assert_int_eq(b->booking_window_days, MCI_BUILDING_DEFAULT_WINDOW_DAYS);
    ck_assert_int_eq(b->day_pass_price.minor, 0);
    ck_assert_uint_eq(b->tier_count, 0);
    ck_assert_uint_eq(b->blackout_count, 0);
    mci_building_free(b);
    mci_building_free(NULL);
}
END_TEST

/* London: pounds and VAT, as its building says; its day pass is in pence. */
START_TEST(test_currency_and_tax)
{
    mci_building *b = parse("{\"id\": \"LON-1\", \"currency\": \"GBP\","
                            " \"tax\": {\"name\": \"VAT\", \"rate_bp\": 2000},"
                            " \"open_space\": {\"day_pass_price_paise\": 2500, \"capacity\": 30}}");
    ck_assert_str_eq(b->currency, "GBP");
    ck_assert_str_eq(b->tax.name, "VAT");
    ck_assert_int_eq(b->tax.rate_bp, 2000);
    ck_assert_int_eq(b->day_pass_price.minor, 2500);
    ck_assert_str_eq(b->day_pass_price.currency, "GBP");
    mci_building_free(b);
    /* a malformed currency falls back to rupees rather than showing garbage */
    b = parse("{\"id\": \"x\", \"currency\": \"pounds\"}");
    ck_assert_str_eq(b->currency, "INR");
    mci_building_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("building");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_every_field);
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_currency_and_tax);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
