/*
 * tests/unit/test_ical.c - the iCalendar writer (calendar/ical.h) as a pure function: TEXT
 * escaping, folding at 75 octets without splitting UTF-8, CRLF line ends, VTIMEZONE
 * observances from zone transitions (London across its spring change), timed events on the
 * building's wall clock with TZID, all-day VALUE=DATE ones, STATUS for pending ones, and the
 * refusals. Pure.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ical.h"

#define HOUR_MS (60LL * MCI_MS_PER_MIN)

/* 00:00 UTC of a date as ms. */
static int64_t utc_midnight(int y, int m, int d)
{
    return mci_days_from_civil(y, m, d) * MCI_MS_PER_DAY;
}

/* Europe/London over 2026: GMT, BST from 29 March 01:00 UTC, GMT from 25 October 01:00 UTC. */
static mci_zone_transition london_transitions[3];
static mci_zone_transition kolkata_transitions[1];

static void setup_zones(void)
{
    london_transitions[0] = (mci_zone_transition){utc_midnight(2026, 1, 1), 0, "GMT"};
    london_transitions[1] = (mci_zone_transition){utc_midnight(2026, 3, 29) + HOUR_MS, 60, "BST"};
    london_transitions[2] = (mci_zone_transition){utc_midnight(2026, 10, 25) + HOUR_MS, 0, "GMT"};
    kolkata_transitions[0] = (mci_zone_transition){utc_midnight(2026, 1, 1), 330, "IST"};
}

/* Every line ends with CRLF, no bare CR or LF, and none is longer than 75 octets. */
static void expect_well_formed_lines(const char *text)
{
    const char *line = text;
    while (*line) {
        const char *crlf = strstr(line, "\r\n");
        ck_assert_msg(crlf != NULL, "a line without CRLF: %s", line);
        size_t n = (size_t)(crlf - line);
        ck_assert_msg(n <= 75, "a line of %zu octets", n);
        ck_assert_ptr_null(memchr(line, '\n', n));
        ck_assert_ptr_null(memchr(line, '\r', n));
        line = crlf + 2;
    }
}

/* The text with its folds undone (CRLF + space removed). */
static char *unfold(const char *text)
{
    char *out = malloc(strlen(text) + 1), *w = out;
    for (const char *p = text; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        *w++ = *p;
    }
    *w = '\0';
    return out;
}

START_TEST(test_text_is_escaped)
{
    char *s = mci_ical_escape_text("Boardroom, BLR-1; a\\b\nnext");
    ck_assert_str_eq(s, "Boardroom\\, BLR-1\\; a\\\\b\\nnext");
    free(s);
    s = mci_ical_escape_text(NULL);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

/* A long line is cut at 75 octets, then 74 after each leading space; unfolding gives it back. */
START_TEST(test_long_lines_fold_at_75_octets)
{
    char line[201];
    for (int i = 0; i < 200; i++)
        line[i] = (char)('a' + i % 26);
    line[200] = '\0';
    char *folded = mci_ical_fold(line);
    expect_well_formed_lines(folded);
    ck_assert_int_eq((int)(strstr(folded, "\r\n") - folded), 75);
    ck_assert_int_eq(folded[77], ' ');
    char *back = unfold(folded);
    ck_assert_int_eq(strlen(back), 202);
    ck_assert_int_eq(strncmp(back, line, 200), 0);
    ck_assert_str_eq(back + 200, "\r\n");
    free(back);
    free(folded);
    char *short_line = mci_ical_fold("VERSION:2.0");
    ck_assert_str_eq(short_line, "VERSION:2.0\r\n");
    free(short_line);
}
END_TEST

/* A fold never falls inside a UTF-8 sequence: every continuation starts on a lead byte. */
START_TEST(test_folding_keeps_utf8_sequences_whole)
{
    char line[400] = "SUMMARY:x";
    for (int i = 0; i < 60; i++)
        strcat(line, "\xe2\x82\xb9"); /* ₹, three octets */
    char *folded = mci_ical_fold(line);
    expect_well_formed_lines(folded);
    for (const char *p = strstr(folded, "\r\n "); p != NULL; p = strstr(p + 1, "\r\n "))
        ck_assert_msg(((unsigned char)p[3] & 0xC0) != 0x80, "a continuation splits a sequence");
    char *back = unfold(folded);
    ck_assert_str_eq(back, strcat(line, "\r\n"));
    free(back);
    free(folded);
}
END_TEST

/* A calendar in London across the spring change and in Kolkata: the VTIMEZONEs, the timed
 * events on their wall clocks, the all-day one, the stamp and the statuses. */
START_TEST(test_calendar_in_building_zones)
{
    setup_zones();
    mci_ical_zone zones[] = {
        {"Europe/London", {london_transitions, 3}},
        {"Asia/Kolkata", {kolkata_transitions, 1}},
    };
    mci_ical_event events[] = {
        /* Friday 27 March 09:00 GMT and Monday 30 March 09:00 BST */
        {"booking-b1@membercore", "Thames Room, LON-1", "Shoreditch, London", false,
         utc_midnight(2026, 3, 27) + 9 * HOUR_MS, utc_midnight(2026, 3, 27) + 10 * HOUR_MS, 0, 0, 0,
         false},
        {"event-e1@membercore", "Founders, breakfast; talks", "Shoreditch, London", false,
         utc_midnight(2026, 3, 30) + 8 * HOUR_MS, utc_midnight(2026, 3, 30) + 9 * HOUR_MS, 0, 0, 0,
         false},
        {"booking-b2@membercore", "Boardroom, BLR-1", "Koramangala, Bengaluru", false,
         utc_midnight(2026, 3, 30) + 10 * HOUR_MS + 30 * MCI_MS_PER_MIN,
         utc_midnight(2026, 3, 30) + 11 * HOUR_MS + 30 * MCI_MS_PER_MIN, 1, 0, 0, true},
        {"desk-d1@membercore", "Desk BLR-1-D07", "Koramangala, Bengaluru", true, 0, 0, 0,
         mci_days_from_civil(2026, 3, 31), mci_days_from_civil(2026, 4, 1), false},
    };
    char *ics = NULL;
    size_t len = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ical_write(zones, 2, events, 4,
                                    utc_midnight(2026, 3, 20) + 6 * HOUR_MS + 5000, &ics, &len,
                                    &err),
                     MC_OK);
    ck_assert_int_eq(len, strlen(ics));
    expect_well_formed_lines(ics);
    ck_assert_int_eq(
        strncmp(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//membercore//EN\r\n", 56), 0);
    ck_assert_str_eq(ics + len - 15, "END:VCALENDAR\r\n");
    /* London: GMT in effect at the first event, then the change to BST; not October's */
    ck_assert_ptr_nonnull(strstr(ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"
                                      "BEGIN:STANDARD\r\nDTSTART:20260101T000000\r\n"
                                      "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n"
                                      "END:STANDARD\r\n"
                                      "BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\n"
                                      "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\n"
                                      "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"));
    ck_assert_ptr_null(strstr(ics, "DTSTART:20261025"));
    ck_assert_ptr_nonnull(strstr(ics, "TZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\n"
                                      "DTSTART:20260101T053000\r\nTZOFFSETFROM:+0530\r\n"
                                      "TZOFFSETTO:+0530\r\nTZNAME:IST\r\n"));
    /* the same 09:00 on the wall clock, before and after the change */
    ck_assert_ptr_nonnull(strstr(ics, "UID:booking-b1@membercore\r\nDTSTAMP:20260320T060005Z\r\n"
                                      "DTSTART;TZID=Europe/London:20260327T090000\r\n"
                                      "DTEND;TZID=Europe/London:20260327T100000\r\n"
                                      "SUMMARY:Thames Room\\, LON-1\r\n"
                                      "LOCATION:Shoreditch\\, London\r\nSTATUS:CONFIRMED\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "DTSTART;TZID=Europe/London:20260330T090000\r\n"
                                      "DTEND;TZID=Europe/London:20260330T100000\r\n"
                                      "SUMMARY:Founders\\, breakfast\\; talks\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "DTSTART;TZID=Asia/Kolkata:20260330T160000\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Boardroom\\, BLR-1\r\n"
                                      "LOCATION:Koramangala\\, Bengaluru\r\nSTATUS:TENTATIVE\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "UID:desk-d1@membercore\r\nDTSTAMP:20260320T060005Z\r\n"
                                      "DTSTART;VALUE=DATE:20260331\r\n"
                                      "DTEND;VALUE=DATE:20260401\r\nSUMMARY:Desk BLR-1-D07\r\n"));
    free(ics);
}
END_TEST

/* Only the zones timed events use get a VTIMEZONE; no events is an empty calendar. */
START_TEST(test_unused_zones_are_left_out)
{
    setup_zones();
    mci_ical_zone zones[] = {{"Europe/London", {london_transitions, 3}}};
    char *ics = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ical_write(zones, 1, NULL, 0, 0, &ics, NULL, &err), MC_OK);
    ck_assert_str_eq(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//membercore//EN\r\n"
                          "CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n");
    free(ics);
}
END_TEST

START_TEST(test_bad_input_is_refused_with_the_reason)
{
    setup_zones();
    mci_ical_zone zones[] = {{"Europe/London", {london_transitions, 3}}};
    mci_ical_event wrong_zone = {"x@membercore", "X", "", false, 0, 1, 3, 0, 0, false};
    char *ics = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ical_write(zones, 1, &wrong_zone, 1, 0, &ics, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "event 'x@membercore' names no known zone");
    ck_assert_ptr_null(ics);
    mci_ical_event backwards = {"y@membercore", "Y", "", true, 0, 0, 0, 10, 10, false};
    ck_assert_int_eq(mci_ical_write(zones, 1, &backwards, 1, 0, &ics, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "event 'y@membercore' ends before it starts");
    mci_ical_zone empty[] = {{"Nowhere/Zone", {NULL, 0}}};
    ck_assert_int_eq(mci_ical_write(empty, 1, NULL, 0, 0, &ics, NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "zone 0 has no name or transitions");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ical");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, test_text_is_escaped);
    tcase_add_test(tc, test_long_lines_fold_at_75_octets);
    tcase_add_test(tc, test_folding_keeps_utf8_sequences_whole);
    tcase_add_test(tc, test_calendar_in_building_zones);
    tcase_add_test(tc, test_unused_zones_are_left_out);
    tcase_add_test(tc, test_bad_input_is_refused_with_the_reason);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
