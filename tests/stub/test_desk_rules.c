/*
 * tests/stub/test_desk_rules.c - the pure desk rules (rules/desk_rules.h), worked examples by
 * hand: which dates may be booked (past, window, closed weekday, the same day's cut-off), how a
 * desk day may be paid, the cut-off instant in Bengaluru and London (also across the clock
 * change), cancelling before it, and a desk credential's validity over the local day.
 */
#include <check.h>
#include <stdlib.h>

#include "rules/desk_rules.h"
#include "rules/zone.h"

/* BLR-1's hours: 08:00-22:00 Monday-Saturday, closed Sunday. */
static ms_open_hours blr_hours(void)
{
    ms_open_hours h = {0};
    for (int wd = 1; wd <= 6; wd++) {
        h.open[wd] = true;
        h.open_min[wd] = 480;
        h.close_min[wd] = 1320;
    }
    return h;
}

static int64_t day_of(int y, int m, int d)
{
    return ms_days_from_civil(y, m, d);
}

START_TEST(test_dates_in_rule_order)
{
    ms_open_hours h = blr_hours();
    int64_t today = day_of(2027, 1, 4); /* a Monday */
    ck_assert_int_eq(ms_desk_date_check(today, today, 600, 30, &h, 660), MS_DESK_DATE_OK);
    ck_assert_int_eq(ms_desk_date_check(today - 1, today, 600, 30, &h, 660), MS_DESK_DATE_PAST);
    ck_assert_int_eq(ms_desk_date_check(today + 30, today, 600, 30, &h, 660), MS_DESK_DATE_OK);
    ck_assert_int_eq(ms_desk_date_check(today + 31, today, 600, 30, &h, 660),
                     MS_DESK_DATE_BEYOND_WINDOW);
    /* Sunday 10 January: closed all day. */
    ck_assert_int_eq(ms_desk_date_check(day_of(2027, 1, 10), today, 600, 30, &h, 660),
                     MS_DESK_DATE_CLOSED);
    /* Today at 10:59 is before the 11:00 cut-off; at 11:00 it is too late; tomorrow is fine. */
    ck_assert_int_eq(ms_desk_date_check(today, today, 659, 30, &h, 660), MS_DESK_DATE_OK);
    ck_assert_int_eq(ms_desk_date_check(today, today, 660, 30, &h, 660), MS_DESK_DATE_AFTER_CUTOFF);
    ck_assert_int_eq(ms_desk_date_check(today + 1, today, 1439, 30, &h, 660), MS_DESK_DATE_OK);
}
END_TEST

START_TEST(test_payments)
{
    ms_desk_pay pay;
    ck_assert(ms_desk_pay_parse("plan", &pay) && pay == MS_DESK_PAY_PLAN);
    ck_assert(ms_desk_pay_parse("credits", &pay) && pay == MS_DESK_PAY_CREDITS);
    ck_assert(ms_desk_pay_parse("razorpay", &pay) && pay == MS_DESK_PAY_RAZORPAY);
    ck_assert(!ms_desk_pay_parse("card", &pay) && !ms_desk_pay_parse(NULL, &pay));
    ck_assert_str_eq(ms_desk_pay_name(MS_DESK_PAY_CREDITS), "credits");

    ms_desk_purse asha = {.allowance = 8, .used = 7, .has_company = true, .balance = 4};
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_PLAN, &asha, 4), MS_DESK_PAY_OK);
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_CREDITS, &asha, 4), MS_DESK_PAY_OK);
    asha.used = 8;
    asha.balance = 3;
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_PLAN, &asha, 4), MS_DESK_PAY_NO_DESK_DAYS_LEFT);
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_CREDITS, &asha, 4),
                     MS_DESK_PAY_INSUFFICIENT_CREDITS);
    ms_desk_purse guest = {0};
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_PLAN, &guest, 4), MS_DESK_PAY_NO_PLAN_DESK_DAYS);
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_CREDITS, &guest, 4), MS_DESK_PAY_NO_COMPANY);
    ck_assert_int_eq(ms_desk_pay_check(MS_DESK_PAY_RAZORPAY, &guest, 4), MS_DESK_PAY_OK);
}
END_TEST

START_TEST(test_cutoff_and_validity)
{
    const ms_zone *ist = ms_zone_find("Asia/Kolkata"), *london = ms_zone_find("Europe/London");
    ck_assert_ptr_nonnull(ist);
    ck_assert_ptr_nonnull(london);
    /* Tue 5 Jan 2027 11:00 IST is 05:30Z. */
    int64_t tue = day_of(2027, 1, 5), cut = ms_desk_cutoff_instant(ist, tue, 660);
    ck_assert_int_eq(cut, tue * MS_DAY_MS + 330 * MS_MINUTE_MS);
    ck_assert(ms_desk_cancel_open(ist, tue, 660, cut - 1));
    ck_assert(!ms_desk_cancel_open(ist, tue, 660, cut));
    /* In London's summer (BST, UTC+1) 11:00 is 10:00Z; in winter 11:00Z. */
    int64_t july = day_of(2027, 7, 1);
    ck_assert_int_eq(ms_desk_cutoff_instant(london, july, 660), july * MS_DAY_MS + 10 * MS_HOUR_MS);
    ck_assert_int_eq(ms_desk_cutoff_instant(london, tue, 660), tue * MS_DAY_MS + 11 * MS_HOUR_MS);
    /* A cut-off at 01:30 on the spring-forward night (28 Mar 2027: 01:00 -> 02:00) does not
     * exist on the wall clock: the first minute after it that does, 02:00 BST = 01:00Z. */
    int64_t spring = day_of(2027, 3, 28);
    ck_assert_int_eq(ms_desk_cutoff_instant(london, spring, 90),
                     spring * MS_DAY_MS + 1 * MS_HOUR_MS);
    /* A desk credential is good over the local day: 4 Jan 18:30Z to 5 Jan 18:30Z for IST, and
     * 23 hours on London's spring-forward day. */
    int64_t from, until;
    ms_desk_validity(ist, tue, &from, &until);
    ck_assert_int_eq(from, tue * MS_DAY_MS - 330 * MS_MINUTE_MS);
    ck_assert_int_eq(until - from, MS_DAY_MS);
    ms_desk_validity(london, spring, &from, &until);
    ck_assert_int_eq(until - from, 23 * MS_HOUR_MS);
}
END_TEST

static Suite *desk_rules_suite(void)
{
    Suite *s = suite_create("desk_rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_dates_in_rule_order);
    tcase_add_test(tc, test_payments);
    tcase_add_test(tc, test_cutoff_and_validity);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(desk_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
