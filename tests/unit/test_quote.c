/*
 * tests/unit/test_quote.c - a day-pass cart is priced from the synced building and every
 * rule the device can know is reported with the pass and the rule: past dates, beyond the
 * window, closed days, blackouts, one pass per person per date. A real store file, no server.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "tempdir.h"

static char *dir;
static mc_client *client;
/* Monday 2027-01-04 10:00 IST */
static int64_t now = 1799037000000LL;

static int64_t clock_fn(void *context)
{
    (void)context;
    return now;
}

static void setup(void)
{
    dir = tempdir_new();
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.clock = clock_fn;
    ck_assert_int_eq(mc_client_open(&cfg, &client, NULL), MC_OK);
    char *path = tempdir_path(dir, "membercore.db");
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    free(path);
    /* BLR-1 as the server syncs it: IST, Mon-Sat 08-22, a blackout on 2027-01-26 */
    const char *sql =
        "INSERT INTO account (singleton, user_id, phone, updated_at_ms) VALUES "
        "(1, 'usr_1', '+919800000001', 0);"
        "INSERT INTO entity VALUES ('building', 'BLR-1', '{\"id\":\"BLR-1\",\"zone\":{\"name\":"
        "\"Asia/Kolkata\",\"transitions\":[{\"at_ms\":0,\"offset_min\":330}]},\"hours\":["
        "{\"weekday\":1,\"open_min\":480,\"close_min\":1320},{\"weekday\":2,\"open_min\":480,"
        "\"close_min\":1320},{\"weekday\":3,\"open_min\":480,\"close_min\":1320},{\"weekday\":4,"
        "\"open_min\":480,\"close_min\":1320},{\"weekday\":5,\"open_min\":480,\"close_min\":1320},"
        "{\"weekday\":6,\"open_min\":480,\"close_min\":1320}],\"booking_window_days\":30,"
        "\"blackouts\":[{\"start_ms\":1800901800000,\"end_ms\":1800988200000}],"
        "\"open_space\":{\"day_pass_price_paise\":80000,\"capacity\":40,\"tiers\":["
        "{\"passes\":1,\"discount_pct\":0},{\"passes\":5,\"discount_pct\":10},"
        "{\"passes\":10,\"discount_pct\":15}]}}');"
        /* LON-1: GMT, open every day, pounds and VAT 20%, a day pass at 25.00 */
        "INSERT INTO entity VALUES ('building', 'LON-1', '{\"id\":\"LON-1\",\"zone\":{\"name\":"
        "\"Europe/London\",\"transitions\":[{\"at_ms\":0,\"offset_min\":0}]},\"hours\":["
        "{\"weekday\":1,\"open_min\":0,\"close_min\":1440},{\"weekday\":2,\"open_min\":0,"
        "\"close_min\":1440},{\"weekday\":3,\"open_min\":0,\"close_min\":1440}],"
        "\"booking_window_days\":30,\"currency\":\"GBP\",\"tax\":{\"name\":\"VAT\","
        "\"rate_bp\":2000},\"open_space\":{\"day_pass_price_paise\":2500,\"capacity\":30,"
        "\"tiers\":[{\"passes\":1,\"discount_pct\":0},{\"passes\":5,\"discount_pct\":10}]}}');";
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* signed in: a token in the Linux secure storage */
    char *token = tempdir_path(dir, "secure/session_token");
    FILE *f = fopen(token, "w");
    fputs("mcs_test", f);
    fclose(f);
    free(token);
}

static void teardown(void)
{
    mc_client_free(client);
    tempdir_free(dir);
}

static mc_quote *quote_at(const char *building, const mc_pass_item *items, size_t n)
{
    mc_cart cart = {building, items, n};
    mc_quote *q = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_passes_quote(client, &cart, &q, &err) == MC_OK, "quote: %s", err.message);
    return q;
}

static mc_quote *quote(const mc_pass_item *items, size_t n)
{
    return quote_at("BLR-1", items, n);
}

static void expect_money(mc_money m, int64_t minor, const char *currency, const char *text)
{
    char shown[MC_MONEY_TEXT_MAX];
    mc_money_format(m, shown, sizeof shown);
    ck_assert_int_eq(m.minor, minor);
    ck_assert_str_eq(m.currency, currency);
    ck_assert_str_eq(shown, text);
}

/* Five passes split between the buyer and guests over dates take the 10% bundle tier. */
START_TEST(test_bundle_of_five_prices_with_tier)
{
    mc_pass_item items[] = {{"2027-01-05", NULL, NULL},
                            {"2027-01-06", NULL, NULL},
                            {"2027-01-05", "Ravi", "ravi@example.in"},
                            {"2027-01-06", "Ravi", "ravi@example.in"},
                            {"2027-01-07", "Meera", "meera@example.in"}};
    mc_quote *q = quote(items, 5);
    ck_assert_int_eq(q->violation_count, 0);
    expect_money(q->unit, 80000, "INR", "\u20b9800.00");
    expect_money(q->subtotal, 400000, "INR", "\u20b94,000.00");
    ck_assert_int_eq(q->tier_passes, 5);
    expect_money(q->discount, 40000, "INR", "\u20b9400.00");
    char rule[MC_MONEY_TEXT_MAX];
    mc_tax_format(q->tax_rule, rule, sizeof rule);
    ck_assert_str_eq(rule, "GST 18%");
    expect_money(q->tax, 64800, "INR", "\u20b9648.00");
    expect_money(q->total, 424800, "INR", "\u20b94,248.00");
    mc_quote_free(q);
}
END_TEST

/* A London day pass is quoted in pounds with VAT 20%, not in rupees with GST. */
START_TEST(test_london_pass_quotes_in_pounds_with_vat)
{
    mc_pass_item items[] = {{"2027-01-05", NULL, NULL}};
    mc_quote *q = quote_at("LON-1", items, 1);
    ck_assert_int_eq(q->violation_count, 0);
    expect_money(q->unit, 2500, "GBP", "\u00a325.00");
    char rule[MC_MONEY_TEXT_MAX];
    mc_tax_format(q->tax_rule, rule, sizeof rule);
    ck_assert_str_eq(rule, "VAT 20%");
    expect_money(q->tax, 500, "GBP", "\u00a35.00");
    expect_money(q->total, 3000, "GBP", "\u00a330.00");
    mc_quote_free(q);
}
END_TEST

static void expect_rule(const mc_quote *q, int index, const char *rule)
{
    for (size_t i = 0; i < q->violation_count; i++)
        if (q->violations[i].index == index && strcmp(q->violations[i].rule, rule) == 0) {
            ck_assert_ptr_nonnull(strstr(q->violations[i].message, "pass"));
            return;
        }
    ck_abort_msg("no %s violation for pass %d", rule, index);
}

/* Each broken rule names its pass and its rule; today counts, yesterday does not. */
START_TEST(test_rules_name_pass_and_rule)
{
    mc_pass_item items[] = {
        {"2027-01-04", NULL, NULL},                /* today: fine */
        {"2027-01-03", NULL, NULL},                /* past */
        {"2027-02-10", NULL, NULL},                /* beyond the 30-day window */
        {"2027-01-10", NULL, NULL},                /* Sunday: closed */
        {"2027-01-26", NULL, NULL},                /* blacked out */
        {"2027-01-05", "Ravi", "ravi@example.in"}, /* fine */
        {"2027-01-05", "Ravi", "RAVI@example.in"}, /* the same guest again */
        {"2027-01-04", NULL, NULL},                /* the buyer twice on one date */
    };
    mc_quote *q = quote(items, 8);
    expect_rule(q, 1, "past_date");
    expect_rule(q, 2, "beyond_window");
    expect_rule(q, 3, "closed");
    expect_rule(q, 4, "blackout");
    expect_rule(q, 6, "duplicate");
    expect_rule(q, 7, "duplicate");
    ck_assert_int_eq(q->violation_count, 6);
    mc_quote_free(q);
}
END_TEST

/* A malformed cart is refused outright with the field named. */
START_TEST(test_bad_cart_names_the_field)
{
    mc_error err = MC_ERROR_INIT;
    mc_quote *q = NULL;
    mc_pass_item bad_date[] = {{"2027-02-30", NULL, NULL}};
    mc_cart cart = {"BLR-1", bad_date, 1};
    ck_assert_int_eq(mc_passes_quote(client, &cart, &q, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "items[0].date"));
    mc_pass_item half_guest[] = {{"2027-01-05", "Ravi", NULL}};
    cart.items = half_guest;
    ck_assert_int_eq(mc_passes_quote(client, &cart, &q, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "guest"));
    mc_pass_item bad_email[] = {{"2027-01-05", "Ravi", "ravi-at-example"}};
    cart.items = bad_email;
    ck_assert_int_eq(mc_passes_quote(client, &cart, &q, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "guest_email"));
    cart.count = 0;
    ck_assert_int_eq(mc_passes_quote(client, &cart, &q, &err), MC_ERR_INVALID_ARG);
    mc_cart elsewhere = {"PAR-1", bad_date, 1};
    mc_pass_item ok[] = {{"2027-01-05", NULL, NULL}};
    elsewhere.items = ok;
    ck_assert_int_eq(mc_passes_quote(client, &elsewhere, &q, &err), MC_ERR_NOT_FOUND);
}
END_TEST

/* With nothing synced, lists are empty and membership is "none". */
START_TEST(test_empty_lists_and_no_membership)
{
    mc_error err = MC_ERROR_INIT;
    mc_pass_list *passes = NULL;
    ck_assert_int_eq(mc_passes_list(client, &passes, &err), MC_OK);
    ck_assert_int_eq(passes->count, 0);
    mc_pass_list_free(passes);
    mc_invoice_list *invoices = NULL;
    ck_assert_int_eq(mc_invoices_list(client, &invoices, &err), MC_OK);
    ck_assert_int_eq(invoices->count, 0);
    mc_invoice_list_free(invoices);
    mc_membership *m = NULL;
    ck_assert_int_eq(mc_membership_get(client, &m, &err), MC_OK);
    ck_assert_int_eq(m->status, MC_MEMBERSHIP_NONE);
    mc_membership_free(m);
    /* checkout and pay need the server: none is configured */
    mc_pass_item ok[] = {{"2027-01-05", NULL, NULL}};
    mc_cart cart = {"BLR-1", ok, 1};
    mc_order *order = NULL;
    ck_assert_int_eq(mc_passes_checkout(client, &cart, &order, &err), MC_ERR_OFFLINE);
    ck_assert_int_eq(mc_invoice_pay(client, "inv/../x", &order, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* The synced buildings list their hours and day-pass pricing for the app's pickers. */
START_TEST(test_buildings_list)
{
    mc_building_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_buildings_list(client, &list, &err), MC_OK);
    ck_assert_int_eq(list->count, 2);
    const mc_building *b = &list->items[0];
    ck_assert_str_eq(b->id, "BLR-1");
    ck_assert_str_eq(b->timezone, "Asia/Kolkata");
    expect_money(b->day_pass_price, 80000, "INR", "\u20b9800.00");
    ck_assert_str_eq(b->currency, "INR");
    ck_assert_str_eq(b->tax.name, "GST");
    const mc_building *lon = &list->items[1];
    ck_assert_str_eq(lon->id, "LON-1");
    ck_assert_str_eq(lon->currency, "GBP");
    ck_assert_int_eq(lon->tax.rate_bp, 2000);
    expect_money(lon->day_pass_price, 2500, "GBP", "\u00a325.00");
    ck_assert_int_eq(b->open_space_capacity, 40);
    ck_assert_int_eq(b->tier_count, 3);
    ck_assert_int_eq(b->tiers[1].passes, 5);
    ck_assert_int_eq(b->tiers[1].discount_pct, 10);
    ck_assert_int_eq(b->hours_count, 6); /* closed on Sunday */
    ck_assert_int_eq(b->hours[0].weekday, 1);
    ck_assert_int_eq(b->hours[0].open_minute, 480);
    ck_assert_int_eq(b->hours[0].close_minute, 1320);
    ck_assert_int_eq(b->booking_window_days, 30);
    mc_building_list_free(list);
    ck_assert_int_eq(mc_buildings_list(NULL, &list, &err), MC_ERR_INVALID_ARG);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("passes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_bundle_of_five_prices_with_tier);
    tcase_add_test(tc, test_london_pass_quotes_in_pounds_with_vat);
    tcase_add_test(tc, test_rules_name_pass_and_rule);
    tcase_add_test(tc, test_bad_cart_names_the_field);
    tcase_add_test(tc, test_empty_lists_and_no_membership);
    tcase_add_test(tc, test_buildings_list);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
