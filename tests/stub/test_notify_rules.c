/*
 * tests/stub/test_notify_rules.c - memberstub's pure rules of the notifications hub: quiet-hours
 * windows (inside or not, crossing midnight, the ends), when a held delivery goes out on the
 * building's wall clock (Bengaluru, London in winter and summer, across both clock changes), and
 * the names, defaults and always-reaching kinds of docs/notifications-protocol.md. Worked examples
 * by hand. No sockets, no database.
 */
#include <check.h>
#include <stdlib.h>

#include "rules/notice_kinds.h"
#include "rules/quiet_hours.h"
#include "rules/zone.h"

#define MIN  MS_MINUTE_MS
#define HOUR MS_HOUR_MS

/* The UTC instant y-m-d h:mi. */
static int64_t utc(int y, int m, int d, int h, int mi)
{
    return ms_days_from_civil(y, m, d) * MS_DAY_MS + h * HOUR + mi * MIN;
}

static const ms_quiet_window night = {1320, 420}; /* 22:00-07:00, the default */
static const ms_quiet_window lunch = {780, 840};  /* 13:00-14:00 */

START_TEST(test_a_window_and_its_ends)
{
    ck_assert(ms_quiet_contains(night, 1320));
    ck_assert(ms_quiet_contains(night, 1439));
    ck_assert(ms_quiet_contains(night, 0));
    ck_assert(ms_quiet_contains(night, 419));
    ck_assert(!ms_quiet_contains(night, 420));
    ck_assert(!ms_quiet_contains(night, 1319));
    ck_assert(!ms_quiet_contains(night, 600));
    ck_assert(ms_quiet_contains(lunch, 780));
    ck_assert(ms_quiet_contains(lunch, 839));
    ck_assert(!ms_quiet_contains(lunch, 840));
    ck_assert(!ms_quiet_contains(lunch, 779));
    ck_assert(!ms_quiet_contains(lunch, 60));
    /* Out of range minutes and windows that are none hold nothing. */
    ck_assert(!ms_quiet_contains(night, 1440));
    ck_assert(!ms_quiet_contains(night, -1));
    ck_assert(!ms_quiet_contains((ms_quiet_window){600, 600}, 600));
    ck_assert(ms_quiet_window_valid(0, 1439));
    ck_assert(!ms_quiet_window_valid(600, 600));
    ck_assert(!ms_quiet_window_valid(1440, 0));
    ck_assert(!ms_quiet_window_valid(-1, 60));
}
END_TEST

/* Bengaluru (IST, +05:30, no clock changes). */
START_TEST(test_held_in_bengaluru_until_seven)
{
    const ms_zone *ist = ms_zone_find("Asia/Kolkata");
    ck_assert_ptr_nonnull(ist);
    int64_t release = 0;
    /* Monday 4 January 2027 23:00 IST (17:30Z): out at Tuesday 07:00 IST (01:30Z). */
    ck_assert(ms_quiet_hold_until(ist, night, utc(2027, 1, 4, 17, 30), &release));
    ck_assert_int_eq(release, utc(2027, 1, 5, 1, 30));
    /* Tuesday 05:30 IST (00:00Z), after midnight: out the same morning. */
    ck_assert(ms_quiet_hold_until(ist, night, utc(2027, 1, 5, 0, 0), &release));
    ck_assert_int_eq(release, utc(2027, 1, 5, 1, 30));
    /* 22:00 IST sharp is inside; 21:59 and 07:00 are not. */
    ck_assert(ms_quiet_hold_until(ist, night, utc(2027, 1, 4, 16, 30), NULL));
    ck_assert(!ms_quiet_hold_until(ist, night, utc(2027, 1, 4, 16, 29), &release));
    ck_assert(!ms_quiet_hold_until(ist, night, utc(2027, 1, 5, 1, 30), &release));
    /* 10:00 IST (the suites' T0) is outside. */
    ck_assert(!ms_quiet_hold_until(ist, night, utc(2027, 1, 4, 4, 30), &release));
}
END_TEST

/* London: GMT in winter, BST (+01:00) in summer; the wall clock decides. */
START_TEST(test_held_in_london_by_its_wall_clock)
{
    const ms_zone *london = ms_zone_find("Europe/London");
    ck_assert_ptr_nonnull(london);
    int64_t release = 0;
    /* Winter: 23:00 GMT, out at 07:00 GMT. */
    ck_assert(ms_quiet_hold_until(london, night, utc(2027, 1, 4, 23, 0), &release));
    ck_assert_int_eq(release, utc(2027, 1, 5, 7, 0));
    /* Summer: 21:30Z is 22:30 BST, inside; out at 07:00 BST = 06:00Z. */
    ck_assert(ms_quiet_hold_until(london, night, utc(2027, 7, 5, 21, 30), &release));
    ck_assert_int_eq(release, utc(2027, 7, 6, 6, 0));
    /* 20:59Z is 21:59 BST: outside (the same instant in Bengaluru would be 02:29, inside). */
    ck_assert(!ms_quiet_hold_until(london, night, utc(2027, 7, 5, 20, 59), &release));
    /* A window inside one day: 13:30 BST, out at 14:00 BST. */
    ck_assert(ms_quiet_hold_until(london, lunch, utc(2027, 7, 5, 12, 30), &release));
    ck_assert_int_eq(release, utc(2027, 7, 5, 13, 0));
}
END_TEST

/* An end the clock change skips goes out at the first minute that exists; an end that happens
 * twice, at the first. */
START_TEST(test_ends_across_the_clock_changes)
{
    const ms_zone *london = ms_zone_find("Europe/London");
    const ms_quiet_window late = {1380, 90}; /* 23:00-01:30 */
    int64_t release = 0;
    /* Sunday 28 March 2027: 01:00 GMT becomes 02:00 BST, so 01:30 never happens: 02:00 BST. */
    ck_assert(ms_quiet_hold_until(london, late, utc(2027, 3, 27, 23, 30), &release));
    ck_assert_int_eq(release, utc(2027, 3, 28, 1, 0));
    /* Sunday 31 October 2027: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice: the first,
     * 01:30 BST = 00:30Z. */
    ck_assert(ms_quiet_hold_until(london, late, utc(2027, 10, 30, 22, 30), &release));
    ck_assert_int_eq(release, utc(2027, 10, 31, 0, 30));
}
END_TEST

START_TEST(test_names_defaults_and_always_reaching_kinds)
{
    ck_assert_int_eq(ms_category_index("billing"), 0);
    ck_assert_int_eq(ms_category_index("announcements"), 4);
    ck_assert_int_eq(ms_category_index("other"), -1);
    ck_assert_int_eq(ms_category_index("Billing"), -1);
    ck_assert_int_eq(ms_category_index(NULL), -1);
    ck_assert_int_eq(ms_channel_index("sms"), MS_CHANNEL_SMS);
    ck_assert_int_eq(ms_channel_index("fax"), -1);
    ck_assert_str_eq(ms_channel_name(MS_CHANNEL_EMAIL), "email");
    /* The protocol's defaults: push everywhere, email for billing and support, SMS nowhere. */
    int billing = ms_category_index("billing"), support = ms_category_index("support");
    for (int c = 0; c < MS_CATEGORY_COUNT; c++) {
        ck_assert(ms_channel_default(c, MS_CHANNEL_PUSH));
        ck_assert(ms_channel_default(c, MS_CHANNEL_EMAIL) == (c == billing || c == support));
        ck_assert(!ms_channel_default(c, MS_CHANNEL_SMS));
    }
    ck_assert(ms_kind_always_reaches("visitor.arrived"));
    ck_assert(ms_kind_always_reaches("visitor.walk_in"));
    ck_assert(ms_kind_always_reaches("payment.confirmed"));
    ck_assert(!ms_kind_always_reaches("visitor.declined"));
    ck_assert(!ms_kind_always_reaches("booking.reminder"));
    ck_assert(!ms_kind_always_reaches(""));
    ck_assert(!ms_kind_always_reaches(NULL));
    ck_assert_int_eq(ms_kind_fallback_channel("visitor.arrived"), MS_CHANNEL_SMS);
    ck_assert_int_eq(ms_kind_fallback_channel("visitor.walk_in"), MS_CHANNEL_SMS);
    ck_assert_int_eq(ms_kind_fallback_channel("payment.confirmed"), MS_CHANNEL_EMAIL);
}
END_TEST

static Suite *notify_rules_suite(void)
{
    Suite *s = suite_create("notify_rules");
    TCase *quiet = tcase_create("quiet_hours");
    tcase_add_test(quiet, test_a_window_and_its_ends);
    tcase_add_test(quiet, test_held_in_bengaluru_until_seven);
    tcase_add_test(quiet, test_held_in_london_by_its_wall_clock);
    tcase_add_test(quiet, test_ends_across_the_clock_changes);
    suite_add_tcase(s, quiet);
    TCase *kinds = tcase_create("kinds");
    tcase_add_test(kinds, test_names_defaults_and_always_reaching_kinds);
    suite_add_tcase(s, kinds);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(notify_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
