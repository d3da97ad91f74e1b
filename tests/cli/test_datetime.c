/*
 * test_datetime.c - every date and time memberctl takes or shows goes
 * through parse/datetime.c: instants are shown as ISO-8601 UTC, local dates
 * and times of day are taken only in their one written shape, and a bad or
 * missing argument gets an error that names it and the shape wanted.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/datetime.h"

START_TEST(test_times_format_as_iso8601_utc)
{
    char buf[DATETIME_TIME_MAX];
    datetime_format_time(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
    datetime_format_time(1799929800999, buf, sizeof buf); /* ms are dropped */
    ck_assert_str_eq(buf, "2027-01-14T12:30:00Z");
    datetime_format_time(-1, buf, sizeof buf);
    ck_assert_str_eq(buf, "1969-12-31T23:59:59Z");
}
END_TEST

/* Local times show as the core gave them, the zone label always beside: a BLR booking at
 * 16:00 reads 16:00 IST, never 10:30Z; a span across London's October change names
 * both zones. */
START_TEST(test_local_times_show_the_building_clock_and_zone)
{
    mc_local_time start = {.utc_ms = 1796639400000LL,
                           .offset_min = 330,
                           .year = 2026,
                           .month = 12,
                           .day = 7,
                           .hour = 16,
                           .weekday = 1,
                           .iso8601 = "2026-12-07T16:00:00+05:30",
                           .label = "IST"};
    mc_local_time end = start;
    end.hour = 17;
    char out[DATETIME_LOCAL_MAX * 2];
    datetime_format_local(&start, false, "?", out, sizeof out);
    ck_assert_str_eq(out, "2026-12-07 16:00 IST");
    datetime_format_local_span(&start, &end, out, sizeof out);
    ck_assert_str_eq(out, "2026-12-07 16:00 to 17:00 IST");
    start.second = 30;
    datetime_format_local(&start, true, "?", out, sizeof out);
    ck_assert_str_eq(out, "2026-12-07 16:00:30 IST");

    mc_local_time bst = {.year = 2026,
                         .month = 10,
                         .day = 25,
                         .hour = 1,
                         .minute = 30,
                         .iso8601 = "2026-10-25T01:30:00+01:00",
                         .label = "BST"};
    mc_local_time gmt = {.year = 2026,
                         .month = 10,
                         .day = 25,
                         .hour = 1,
                         .minute = 30,
                         .iso8601 = "2026-10-25T01:30:00+00:00",
                         .label = "GMT"};
    datetime_format_local_span(&bst, &gmt, out, sizeof out);
    ck_assert_str_eq(out, "2026-10-25 01:30 BST to 2026-10-25 01:30 GMT");

    mc_local_time unset = {0};
    datetime_format_local(&unset, false, "not yet", out, sizeof out);
    ck_assert_str_eq(out, "not yet");
}
END_TEST

START_TEST(test_a_deadline_at_midnight_is_the_end_of_the_day_before)
{
    char out[DATETIME_LOCAL_MAX];
    mc_local_time due = {.year = 2026,
                         .month = 12,
                         .day = 11,
                         .iso8601 = "2026-12-11T00:00:00+05:30",
                         .label = "IST"};
    datetime_format_local_deadline(&due, "none", out, sizeof out);
    ck_assert_str_eq(out, "2026-12-10 (end of day) IST");
    mc_local_time new_year = {
        .year = 2027, .month = 1, .day = 1, .iso8601 = "2027-01-01T00:00:00+00:00", .label = "GMT"};
    datetime_format_local_deadline(&new_year, "none", out, sizeof out);
    ck_assert_str_eq(out, "2026-12-31 (end of day) GMT");
    mc_local_time leap = {
        .year = 2028, .month = 3, .day = 1, .iso8601 = "2028-03-01T00:00:00+05:30", .label = "IST"};
    datetime_format_local_deadline(&leap, "none", out, sizeof out);
    ck_assert_str_eq(out, "2028-02-29 (end of day) IST");
    mc_local_time march = {
        .year = 2027, .month = 3, .day = 1, .iso8601 = "2027-03-01T00:00:00+05:30", .label = "IST"};
    datetime_format_local_deadline(&march, "none", out, sizeof out);
    ck_assert_str_eq(out, "2027-02-28 (end of day) IST");
    mc_local_time afternoon = due;
    afternoon.hour = 14;
    datetime_format_local_deadline(&afternoon, "none", out, sizeof out);
    ck_assert_str_eq(out, "2026-12-11 14:00 IST");
    mc_local_time unset = {0};
    datetime_format_local_deadline(&unset, "none", out, sizeof out);
    ck_assert_str_eq(out, "none");
}
END_TEST

START_TEST(test_dates_are_real_yyyy_mm_dd)
{
    static const char *const good[] = {"2027-03-28", "2028-02-29", "2000-02-29",
                                       "0001-01-01", "9999-12-31", "2026-11-30"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(datetime_parse_date(good[i]), "'%s' should parse", good[i]);
    static const char *const junk[] = {
        "",           "2027-3-28",  "27-03-28",    "2027/03/28", "2027-03-28 ", " 2027-03-28",
        "2027-13-01", "2027-00-10", "2027-01-00",  "2027-04-31", "2027-02-29",  "1900-02-29",
        "0000-01-01", "2027-01-1x", "2027-03-28Z", "+207-03-28", "tomorrow",
    };
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        ck_assert_msg(!datetime_parse_date(junk[i]), "'%s' should be refused", junk[i]);
}
END_TEST

START_TEST(test_times_of_day_are_hh_mm)
{
    int32_t minute = -1;
    ck_assert(datetime_parse_hhmm("00:00", &minute));
    ck_assert_int_eq(minute, 0);
    ck_assert(datetime_parse_hhmm("09:30", &minute));
    ck_assert_int_eq(minute, 570);
    ck_assert(datetime_parse_hhmm("24:00", &minute));
    ck_assert_int_eq(minute, 1440);
    static const char *const junk[] = {"",      "9:30", "09:3",     "09.30", "24:01", "25:00",
                                       "09:60", "0930", "09:30:00", "-1:00", " 9:30", "ab:cd"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        minute = 42;
        ck_assert_msg(!datetime_parse_hhmm(junk[i], &minute), "'%s' should be refused", junk[i]);
        ck_assert_int_eq(minute, 42);
    }
    char buf[8];
    datetime_format_hhmm(570, buf, sizeof buf);
    ck_assert_str_eq(buf, "09:30");
    datetime_format_hhmm(1440, buf, sizeof buf);
    ck_assert_str_eq(buf, "24:00");
}
END_TEST

START_TEST(test_minutes_outside_the_day_show_as_unknown)
{
    char buf[DATETIME_HHMM_MAX];
    datetime_format_hhmm(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "00:00");
    datetime_format_hhmm(-1, buf, sizeof buf);
    ck_assert_str_eq(buf, "?");
    datetime_format_hhmm(1441, buf, sizeof buf);
    ck_assert_str_eq(buf, "?");
}
END_TEST

START_TEST(test_zero_instants_have_a_word)
{
    char buf[DATETIME_TIME_MAX];
    datetime_format_time_or(0, "never", buf, sizeof buf);
    ck_assert_str_eq(buf, "never");
    datetime_format_time_or(1799929800000, "never", buf, sizeof buf);
    ck_assert_str_eq(buf, "2027-01-14T12:30:00Z");
}
END_TEST

START_TEST(test_a_bad_date_argument_is_named)
{
    char msg[DATETIME_MSG_MAX] = "";
    ck_assert(datetime_arg_date("--date", "2027-03-28", "YYYY-MM-DD", msg, sizeof msg));
    ck_assert(!datetime_arg_date("--date", "2027-02-30", "YYYY-MM-DD", msg, sizeof msg));
    ck_assert_str_eq(msg, "option '--date': '2027-02-30' is not a date (YYYY-MM-DD)");
    ck_assert(
        !datetime_arg_date("--date", NULL, "YYYY-MM-DD, the building's date", msg, sizeof msg));
    ck_assert_str_eq(msg, "missing option '--date' (YYYY-MM-DD, the building's date)");
    /* Optional and not given: fine, the caller keeps its default. */
    ck_assert(datetime_arg_date("--on", NULL, NULL, msg, sizeof msg));
}
END_TEST

START_TEST(test_a_bad_time_argument_is_named)
{
    char msg[DATETIME_MSG_MAX] = "";
    int32_t minute = 42;
    ck_assert(!datetime_arg_hhmm("--start", "9:30", "HH:MM", &minute, msg, sizeof msg));
    ck_assert_str_eq(msg, "option '--start': '9:30' is not a time (HH:MM)");
    ck_assert_int_eq(minute, 42);
    ck_assert(!datetime_arg_hhmm("--start", NULL, "HH:MM, on the hour", &minute, msg, sizeof msg));
    ck_assert_str_eq(msg, "missing option '--start' (HH:MM, on the hour)");
    ck_assert(datetime_arg_hhmm("--from", NULL, NULL, &minute, msg, sizeof msg));
    ck_assert_int_eq(minute, 42);
    ck_assert(datetime_arg_hhmm("--from", "10:00", NULL, &minute, msg, sizeof msg));
    ck_assert_int_eq(minute, 600);
}
END_TEST

START_TEST(test_a_range_must_go_forward)
{
    char msg[DATETIME_MSG_MAX] = "";
    ck_assert(datetime_arg_range("--from", 540, "--to", 600, msg, sizeof msg));
    ck_assert(!datetime_arg_range("--from", 600, "--to", 600, msg, sizeof msg));
    ck_assert_str_eq(msg, "option '--from' must be before '--to'");
}
END_TEST

START_TEST(test_a_long_argument_is_cut_not_overrun)
{
    char text[2000];
    memset(text, '9', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    char msg[DATETIME_MSG_MAX];
    ck_assert(!datetime_arg_date("--date", text, "YYYY-MM-DD", msg, sizeof msg));
    ck_assert_uint_eq(strlen(msg), DATETIME_MSG_MAX - 1);
    ck_assert(strncmp(msg, "option '--date': '999", 21) == 0);
}
END_TEST

/* A visitor's date reads as a member says it: the weekday, the day, the month; the year
 * only when it is not this year. Weekdays over century and leap-year edges. */
START_TEST(test_dates_read_in_words)
{
    char out[DATETIME_DAY_WORDS_MAX];
    datetime_format_day_words("2026-12-07", 2026, out, sizeof out);
    ck_assert_str_eq(out, "Mon 7 Dec");
    datetime_format_day_words("2027-01-05", 2026, out, sizeof out);
    ck_assert_str_eq(out, "Tue 5 Jan 2027");
    datetime_format_day_words("2027-01-05", 0, out, sizeof out);
    ck_assert_str_eq(out, "Tue 5 Jan");
    datetime_format_day_words("2028-02-29", 2028, out, sizeof out);
    ck_assert_str_eq(out, "Tue 29 Feb");
    datetime_format_day_words("2000-03-01", 2000, out, sizeof out);
    ck_assert_str_eq(out, "Wed 1 Mar");
    datetime_format_day_words("2100-03-01", 2100, out, sizeof out);
    ck_assert_str_eq(out, "Mon 1 Mar");
    datetime_format_day_words("2026-12-06", 2026, out, sizeof out);
    ck_assert_str_eq(out, "Sun 6 Dec");
    datetime_format_day_words("2027-02-30", 2027, out, sizeof out);
    ck_assert_str_eq(out, "2027-02-30"); /* not a date: as it is */
    ck_assert_int_eq(datetime_date_year("2027-01-05"), 2027);
    ck_assert_int_eq(datetime_date_year("tomorrow"), 0);
    ck_assert_int_eq(datetime_year_of_ms(1799037000000LL), 2027);
}
END_TEST

/* Quiet hours are typed as one span; either end 00:00..23:59, across midnight allowed. */
START_TEST(test_quiet_hours_spans)
{
    int32_t from = -1, to = -1;
    ck_assert(datetime_parse_hhmm_span("22:00-07:00", &from, &to));
    ck_assert_int_eq(from, 1320);
    ck_assert_int_eq(to, 420);
    ck_assert(datetime_parse_hhmm_span("09:30\xE2\x80\x93"
                                       "17:45",
                                       &from, &to));
    ck_assert_int_eq(from, 570);
    ck_assert_int_eq(to, 1065);
    ck_assert(!datetime_parse_hhmm_span("22:00-22:00", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("22:00-24:00", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("22:00 - 07:00", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("22-07", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("22:00", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("22:00-07:00x", &from, &to));
    ck_assert(!datetime_parse_hhmm_span("", &from, &to));
    char out[DATETIME_HHMM_SPAN_MAX];
    datetime_format_hhmm_span(1320, 420, out, sizeof out);
    ck_assert_str_eq(out, "22:00\xE2\x80\x93"
                          "07:00");
}
END_TEST

/* A calendar date's UTC midnight: the epoch, a leap day, the far side of 2000. */
START_TEST(test_a_date_has_its_utc_midnight)
{
    int64_t ms = -1;
    ck_assert(datetime_date_utc_ms("1970-01-01", &ms));
    ck_assert_int_eq(ms, 0);
    ck_assert(datetime_date_utc_ms("2026-12-07", &ms));
    ck_assert_int_eq(ms, 1796601600000LL);
    ck_assert(datetime_date_utc_ms("2028-02-29", &ms));
    ck_assert_int_eq(ms, 1835395200000LL);
    ck_assert(datetime_date_utc_ms("2000-03-01", &ms));
    ck_assert_int_eq(ms, 951868800000LL);
    ck_assert(!datetime_date_utc_ms("2027-02-29", &ms));
    ck_assert(!datetime_date_utc_ms("soon", &ms));
    ck_assert(!datetime_date_utc_ms(NULL, &ms));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memberctl_datetime");
    TCase *tc = tcase_create("datetime");
    tcase_add_test(tc, test_times_format_as_iso8601_utc);
    tcase_add_test(tc, test_local_times_show_the_building_clock_and_zone);
    tcase_add_test(tc, test_dates_are_real_yyyy_mm_dd);
    tcase_add_test(tc, test_times_of_day_are_hh_mm);
    tcase_add_test(tc, test_minutes_outside_the_day_show_as_unknown);
    tcase_add_test(tc, test_zero_instants_have_a_word);
    tcase_add_test(tc, test_a_deadline_at_midnight_is_the_end_of_the_day_before);
    tcase_add_test(tc, test_a_bad_date_argument_is_named);
    tcase_add_test(tc, test_a_bad_time_argument_is_named);
    tcase_add_test(tc, test_a_range_must_go_forward);
    tcase_add_test(tc, test_a_long_argument_is_cut_not_overrun);
    tcase_add_test(tc, test_dates_read_in_words);
    tcase_add_test(tc, test_quiet_hours_spans);
    tcase_add_test(tc, test_a_date_has_its_utc_midnight);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
