/*
 * tests/stub/test_visitor_rules.c - memberstub's pure visitor rules (rules/visitor_rules.h): the
 * invitation's date checks in building-local days (past, more than 60 days ahead, closed that
 * weekday, in that order), the arrival window, the visitor's name, the ids, every status and move
 * (allowed ones and the refusals' codes and words), the 8-digit code read and written as people
 * do, and the invitation's SMS exactly as docs/notifications-protocol.md prints it. Worked
 * examples by hand. No sockets, no database.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/visitor_rules.h"
#include "rules/zone.h"

/* BLR-1: 08:00-22:00 Monday to Saturday, closed on Sunday. */
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

START_TEST(test_dates_past_too_far_closed)
{
    ms_open_hours h = blr_hours();
    int64_t today = ms_days_from_civil(2027, 1, 4); /* a Monday */
    ck_assert_int_eq(ms_visitor_date_check(today, today, &h), MS_VISIT_DATE_OK);
    ck_assert_int_eq(ms_visitor_date_check(today - 1, today, &h), MS_VISIT_DATE_PAST);
    /* 60 days on is Friday 5 March: the last date; Saturday 6 March is one too far. */
    ck_assert_int_eq(ms_visitor_date_check(ms_days_from_civil(2027, 3, 5), today, &h),
                     MS_VISIT_DATE_OK);
    ck_assert_int_eq(ms_visitor_date_check(ms_days_from_civil(2027, 3, 6), today, &h),
                     MS_VISIT_DATE_TOO_FAR);
    /* Sunday 10 January: closed. Sunday 7 March: too far comes first. */
    ck_assert_int_eq(ms_visitor_date_check(ms_days_from_civil(2027, 1, 10), today, &h),
                     MS_VISIT_DATE_CLOSED);
    ck_assert_int_eq(ms_visitor_date_check(ms_days_from_civil(2027, 3, 7), today, &h),
                     MS_VISIT_DATE_TOO_FAR);
    /* Sunday 3 January: past comes first. */
    ck_assert_int_eq(ms_visitor_date_check(ms_days_from_civil(2027, 1, 3), today, &h),
                     MS_VISIT_DATE_PAST);
}
END_TEST

START_TEST(test_window_name_and_id_shapes)
{
    ck_assert(ms_visitor_window_ok(0, 1440));
    ck_assert(ms_visitor_window_ok(600, 720));
    ck_assert(!ms_visitor_window_ok(600, 600));
    ck_assert(!ms_visitor_window_ok(720, 600));
    ck_assert(!ms_visitor_window_ok(-1, 600));
    ck_assert(!ms_visitor_window_ok(0, 1441));

    size_t start = 0, len = 0;
    ck_assert_ptr_null(ms_visitor_name_problem("  Ravi Kumar \t", &start, &len));
    ck_assert_uint_eq(start, 2);
    ck_assert_uint_eq(len, 10);
    ck_assert_str_eq(ms_visitor_name_problem("   ", &start, &len),
                     "is empty (1 to 100 characters)");
    ck_assert_str_eq(ms_visitor_name_problem("Ravi\nKumar", &start, &len),
                     "holds a control character (a line break or tab)");
    ck_assert_str_eq(ms_visitor_name_problem("Ravi\xff", &start, &len), "is not valid UTF-8");
    char name[256];
    /* 100 two-byte characters pass; 101 do not. */
    for (int i = 0; i < 101; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2);
    name[202] = '\0';
    ck_assert_str_eq(ms_visitor_name_problem(name, &start, &len), "is over 100 characters");
    name[200] = '\0';
    ck_assert_ptr_null(ms_visitor_name_problem(name, &start, &len));

    ck_assert(ms_visitor_id_ok("vis_0123456789abcdef0123456789abcdef"));
    ck_assert(!ms_visitor_id_ok("vis_0123456789ABCDEF0123456789abcdef"));
    ck_assert(!ms_visitor_id_ok("vis_0123456789abcdef0123456789abcde"));
    ck_assert(!ms_visitor_id_ok("vix_0123456789abcdef0123456789abcdef"));
    ck_assert(!ms_visitor_id_ok(NULL));
}
END_TEST

START_TEST(test_statuses_and_moves)
{
    static const char *const names[] = {"invited", "arrived", "cancelled", "awaiting_approval",
                                        "declined"};
    for (int i = 0; i < 5; i++) {
        ms_visitor_status s;
        ck_assert_str_eq(ms_visitor_status_name((ms_visitor_status)i), names[i]);
        ck_assert(ms_visitor_status_parse(names[i], &s));
        ck_assert_int_eq(s, i);
    }
    ms_visitor_status s;
    ck_assert(!ms_visitor_status_parse("gone", &s));
    ck_assert_ptr_null(ms_visitor_status_name((ms_visitor_status)9));

    /* Every (status, move): allowed where the protocol's state diagram has an arrow. */
    static const struct {
        ms_visitor_status from;
        ms_visitor_move move;
        int to; /* -1: refused */
    } table[] = {
        {MS_VISITOR_INVITED, MS_VISIT_CANCEL, MS_VISITOR_CANCELLED},
        {MS_VISITOR_INVITED, MS_VISIT_CHECKIN, MS_VISITOR_ARRIVED},
        {MS_VISITOR_INVITED, MS_VISIT_APPROVE, -1},
        {MS_VISITOR_INVITED, MS_VISIT_DECLINE, -1},
        {MS_VISITOR_ARRIVED, MS_VISIT_CANCEL, -1},
        {MS_VISITOR_ARRIVED, MS_VISIT_CHECKIN, -1},
        {MS_VISITOR_CANCELLED, MS_VISIT_CANCEL, -1},
        {MS_VISITOR_CANCELLED, MS_VISIT_CHECKIN, -1},
        {MS_VISITOR_AWAITING_APPROVAL, MS_VISIT_APPROVE, MS_VISITOR_ARRIVED},
        {MS_VISITOR_AWAITING_APPROVAL, MS_VISIT_DECLINE, MS_VISITOR_DECLINED},
        {MS_VISITOR_AWAITING_APPROVAL, MS_VISIT_TIMEOUT, MS_VISITOR_DECLINED},
        {MS_VISITOR_AWAITING_APPROVAL, MS_VISIT_CANCEL, -1},
        {MS_VISITOR_AWAITING_APPROVAL, MS_VISIT_CHECKIN, -1},
        {MS_VISITOR_DECLINED, MS_VISIT_APPROVE, -1},
        {MS_VISITOR_DECLINED, MS_VISIT_TIMEOUT, -1},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        ms_visitor_verdict v = ms_visitor_move_check(table[i].from, false, table[i].move);
        ck_assert_msg(v.allowed == (table[i].to >= 0), "row %zu", i);
        if (v.allowed)
            ck_assert_int_eq(v.to, table[i].to);
        else
            ck_assert_str_eq(v.code, "invalid_transition");
    }
    ms_visitor_verdict v = ms_visitor_move_check(MS_VISITOR_CANCELLED, false, MS_VISIT_CHECKIN);
    ck_assert_str_eq(v.message, "a visitor who was cancelled cannot be checked in");
    v = ms_visitor_move_check(MS_VISITOR_ARRIVED, false, MS_VISIT_CHECKIN);
    ck_assert_str_eq(v.message, "a visitor who already arrived cannot be checked in");
    v = ms_visitor_move_check(MS_VISITOR_INVITED, false, MS_VISIT_APPROVE);
    ck_assert_str_eq(v.message, "a visitor who is invited cannot be approved (only a walk-in "
                                "waits for the host's answer)");
    /* Declined by the host: deciding again is invalid; declined by the timeout: too late. */
    v = ms_visitor_move_check(MS_VISITOR_DECLINED, false, MS_VISIT_APPROVE);
    ck_assert_str_eq(v.code, "invalid_transition");
    v = ms_visitor_move_check(MS_VISITOR_DECLINED, true, MS_VISIT_APPROVE);
    ck_assert_str_eq(v.code, "approval_expired");
    ck_assert_ptr_nonnull(strstr(v.message, "15 minutes"));
    v = ms_visitor_move_check(MS_VISITOR_DECLINED, true, MS_VISIT_DECLINE);
    ck_assert_str_eq(v.code, "approval_expired");
    /* The timeout itself is not a decision. */
    v = ms_visitor_move_check(MS_VISITOR_DECLINED, true, MS_VISIT_CANCEL);
    ck_assert_str_eq(v.code, "invalid_transition");
}
END_TEST

START_TEST(test_codes_as_people_read_and_type_them)
{
    char words[MS_VISITOR_CODE_WORDS_MAX], digits[9];
    ms_visitor_code_words("12345678", words);
    ck_assert_str_eq(words, "1234 5678");
    ck_assert(ms_visitor_code_read("1234 5678", digits));
    ck_assert_str_eq(digits, "12345678");
    ck_assert(ms_visitor_code_read(" 12 34 56 78\n", digits));
    ck_assert_str_eq(digits, "12345678");
    ck_assert(ms_visitor_code_read("00000000", digits));
    ck_assert(!ms_visitor_code_read("1234-5678", digits));
    ck_assert(!ms_visitor_code_read("1234567", digits));
    ck_assert(!ms_visitor_code_read("123456789", digits));
    ck_assert(!ms_visitor_code_read("", digits));
    ck_assert(!ms_visitor_code_read("MC1|crd_1|G|12345678", digits));
}
END_TEST

START_TEST(test_the_invitation_sms)
{
    /* Monday 7 December 2026 in Bengaluru. */
    const ms_zone *kolkata = ms_zone_find("Asia/Kolkata");
    int64_t day = ms_days_from_civil(2026, 12, 7);
    ms_local local;
    ms_zone_local(kolkata, ms_zone_day_start(kolkata, day), &local);
    ck_assert_int_eq(local.minute, 0);
    char day_words[32], sms[512];
    ms_visitor_day_words(&local, day_words, sizeof day_words);
    ck_assert_str_eq(day_words, "Mon 7 Dec");
    ms_visitor_sms_text("Asha Rao", "Indiranagar", day_words, 600, 720, "IST", "12345678", sms,
                        sizeof sms);
    ck_assert_str_eq(sms, "Asha Rao invited you to Indiranagar on Mon 7 Dec, 10:00\xe2\x80\x93"
                          "12:00 IST. Entry code 1234 5678 (show the QR code from your email "
                          "at the door)");
    ms_visitor_sms_text("Asha Rao", "Indiranagar", day_words, -1, -1, "IST", "00012345", sms,
                        sizeof sms);
    ck_assert_str_eq(sms, "Asha Rao invited you to Indiranagar on Mon 7 Dec. Entry code 0001 2345 "
                          "(show the QR code from your email at the door)");
    char window[32];
    ms_visitor_window_words(0, 1440, window, sizeof window);
    ck_assert_str_eq(window, "00:00\xe2\x80\x93"
                             "24:00");
}
END_TEST

START_TEST(test_a_local_day_starts_at_its_midnight)
{
    const ms_zone *kolkata = ms_zone_find("Asia/Kolkata");
    const ms_zone *london = ms_zone_find("Europe/London");
    int64_t day = ms_days_from_civil(2027, 1, 5);
    /* 2027-01-05 00:00 IST = 2027-01-04 18:30Z; in London (GMT) 2027-01-05 00:00Z. */
    ck_assert_int_eq(ms_zone_day_start(kolkata, day), 1799087400000LL);
    ck_assert_int_eq(ms_zone_day_start(london, day), 1799107200000LL);
    /* A summer day in London starts at 23:00Z the day before (BST). */
    int64_t july = ms_days_from_civil(2027, 7, 1);
    ck_assert_int_eq(ms_zone_day_start(london, july), july * MS_DAY_MS - MS_HOUR_MS);
}
END_TEST

static Suite *visitor_rules_suite(void)
{
    Suite *s = suite_create("visitor_rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_dates_past_too_far_closed);
    tcase_add_test(tc, test_window_name_and_id_shapes);
    tcase_add_test(tc, test_statuses_and_moves);
    tcase_add_test(tc, test_codes_as_people_read_and_type_them);
    tcase_add_test(tc, test_the_invitation_sms);
    tcase_add_test(tc, test_a_local_day_starts_at_its_midnight);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(visitor_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
