/*
 * tests/stub/test_tickets_rules.c - memberstub's pure ticket rules: the moves (who may make which,
 * where each leads, refusals naming from and to), the reopen window and the automatic close,
 * priorities scaling SLA targets, the SLA's business-hours due instants (BLR-1 closed on Sunday,
 * LON-1 open all day: wall time, across a clock change), and the shapes of ids, texts and photo
 * types. Worked examples computed by hand (docs/tickets-protocol.md). No sockets, no database.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/sla.h"
#include "rules/ticket_rules.h"
#include "rules/zone.h"

#define MIN  MS_MINUTE_MS
#define DAY  MS_DAY_MS
#define WEEK (7 * DAY)

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

/* LON-1: open all day, every day. */
static ms_open_hours lon_hours(void)
{
    ms_open_hours h = {0};
    for (int wd = 1; wd <= 7; wd++) {
        h.open[wd] = true;
        h.close_min[wd] = 1440;
    }
    return h;
}

/* Saturday 2027-01-09 21:45 IST. */
#define SAT_2145_IST 1799511300000LL

START_TEST(test_the_protocols_worked_example)
{
    /* A high Washroom ticket (15 / 60 -> 8 / 30 minutes) filed at BLR-1 on Saturday 21:45. */
    const ms_zone *kolkata = ms_zone_find("Asia/Kolkata");
    ms_open_hours h = blr_hours();
    ms_sla_due due = ms_sla_due_of(kolkata, &h, SAT_2145_IST, 15, 60, MS_PRIORITY_HIGH);
    ck_assert_int_eq(due.response_due_ms, 1799511780000LL);   /* Sat 21:53 */
    ck_assert_int_eq(due.resolution_due_ms, 1799635500000LL); /* Mon 08:15 */
    /* 80% of 30 minutes = 24: 15 on Saturday, 9 on Monday. */
    ck_assert_int_eq(due.at_risk_from_ms, 1799635140000LL); /* Mon 08:09 */
}
END_TEST

START_TEST(test_filed_while_closed_starts_at_the_next_opening)
{
    const ms_zone *kolkata = ms_zone_find("Asia/Kolkata");
    ms_open_hours h = blr_hours();
    const int64_t monday_0800 = 1799634600000LL;
    /* Sunday 11:00 (closed all day), normal Washroom. */
    ms_sla_due due = ms_sla_due_of(kolkata, &h, 1799559000000LL, 15, 60, MS_PRIORITY_NORMAL);
    ck_assert_int_eq(due.response_due_ms, monday_0800 + 15 * MIN);
    ck_assert_int_eq(due.resolution_due_ms, monday_0800 + 60 * MIN);
    ck_assert_int_eq(due.at_risk_from_ms, monday_0800 + 48 * MIN);
    /* Saturday 22:00 exactly (closing time) counts from Monday too; Monday 07:59 from 08:00. */
    due = ms_sla_due_of(kolkata, &h, SAT_2145_IST + 15 * MIN, 15, 60, MS_PRIORITY_NORMAL);
    ck_assert_int_eq(due.response_due_ms, monday_0800 + 15 * MIN);
    due = ms_sla_due_of(kolkata, &h, monday_0800 - MIN, 15, 60, MS_PRIORITY_NORMAL);
    ck_assert_int_eq(due.response_due_ms, monday_0800 + 15 * MIN);
    /* A target ending exactly at closing time is due at closing time, not the next morning. */
    ck_assert_int_eq(ms_sla_business_add(kolkata, &h, SAT_2145_IST, 15 * MIN),
                     SAT_2145_IST + 15 * MIN);
    /* Low Furniture (1440 -> 2880 business minutes = 48 hours, 14 an open day) from Monday 08:00:
     * Monday, Tuesday, Wednesday (42 hours), then 6 on Thursday: Thursday 14:00. */
    ck_assert_int_eq(ms_sla_business_add(kolkata, &h, monday_0800, 2880 * MIN),
                     monday_0800 + 3 * DAY + 6 * 60 * MIN);
}
END_TEST

START_TEST(test_a_building_open_all_day_counts_wall_time)
{
    const ms_zone *london = ms_zone_find("Europe/London");
    ms_open_hours h = lon_hours();
    /* Saturday 2027-01-09 21:45 GMT, high Washroom: 8 and 30 minutes later, over midnight too. */
    const int64_t filed = 1799531100000LL;
    ms_sla_due due = ms_sla_due_of(london, &h, filed, 15, 60, MS_PRIORITY_HIGH);
    ck_assert_int_eq(due.response_due_ms, filed + 8 * MIN);
    ck_assert_int_eq(due.resolution_due_ms, filed + 30 * MIN);
    ck_assert_int_eq(due.at_risk_from_ms, filed + 24 * MIN);
    due = ms_sla_due_of(london, &h, filed, 60, 1440, MS_PRIORITY_LOW);
    ck_assert_int_eq(due.resolution_due_ms, filed + 2 * DAY);
    /* Across the spring change (2027-03-28 01:00 UTC): elapsed time, not the wall clock. */
    const int64_t before_change = 1806148800000LL; /* 2027-03-27 12:00 UTC */
    ck_assert_int_eq(ms_sla_business_add(london, &h, before_change, 2 * DAY),
                     before_change + 2 * DAY);
    /* A building with no open weekday at all counts wall time (no endless wait). */
    ms_open_hours never = {0};
    ck_assert_int_eq(ms_sla_business_add(london, &never, filed, 30 * MIN), filed + 30 * MIN);
}
END_TEST

START_TEST(test_priorities_scale_the_targets_rounded_up)
{
    ck_assert_int_eq(ms_ticket_priority_minutes(15, MS_PRIORITY_URGENT), 4); /* 3.75 */
    ck_assert_int_eq(ms_ticket_priority_minutes(15, MS_PRIORITY_HIGH), 8);   /* 7.5 */
    ck_assert_int_eq(ms_ticket_priority_minutes(15, MS_PRIORITY_NORMAL), 15);
    ck_assert_int_eq(ms_ticket_priority_minutes(15, MS_PRIORITY_LOW), 30);
    ck_assert_int_eq(ms_ticket_priority_minutes(60, MS_PRIORITY_URGENT), 15);
    ck_assert_int_eq(ms_ticket_priority_minutes(10, MS_PRIORITY_URGENT), 3); /* 2.5 */
    ms_ticket_priority p;
    ck_assert(ms_ticket_priority_parse("urgent", &p) && p == MS_PRIORITY_URGENT);
    ck_assert(!ms_ticket_priority_parse("critical", &p));
    ck_assert(!ms_ticket_priority_parse("High", &p));
    ck_assert_str_eq(ms_ticket_priority_name(MS_PRIORITY_LOW), "low");
}
END_TEST

/* Decide move by actor from status (no assignee unless assigned / in progress). */
static ms_ticket_verdict decide(ms_ticket_status from, ms_ticket_move move, ms_ticket_actor actor,
                                int64_t now)
{
    ms_ticket_state s = {from, from == MS_TICKET_ASSIGNED || from == MS_TICKET_IN_PROGRESS, 0};
    if (from == MS_TICKET_RESOLVED || from == MS_TICKET_CLOSED)
        s.resolved_at_ms = 1000;
    return ms_ticket_decide(&s, move, actor, now);
}

START_TEST(test_the_moves)
{
    static const struct {
        ms_ticket_status from;
        ms_ticket_move move;
        ms_ticket_actor actor;
        bool allowed;
        ms_ticket_status to;
    } cases[] = {
        {MS_TICKET_OPEN, MS_MOVE_ASSIGN, MS_ACTOR_STAFF, true, MS_TICKET_ASSIGNED},
        {MS_TICKET_ASSIGNED, MS_MOVE_ASSIGN, MS_ACTOR_STAFF, true, MS_TICKET_ASSIGNED},
        {MS_TICKET_IN_PROGRESS, MS_MOVE_ASSIGN, MS_ACTOR_STAFF, true, MS_TICKET_IN_PROGRESS},
        {MS_TICKET_RESOLVED, MS_MOVE_ASSIGN, MS_ACTOR_STAFF, false, 0},
        {MS_TICKET_OPEN, MS_MOVE_ASSIGN, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_ASSIGNED, MS_MOVE_START, MS_ACTOR_STAFF, true, MS_TICKET_IN_PROGRESS},
        {MS_TICKET_OPEN, MS_MOVE_START, MS_ACTOR_STAFF, false, 0},
        {MS_TICKET_IN_PROGRESS, MS_MOVE_START, MS_ACTOR_STAFF, false, 0},
        {MS_TICKET_ASSIGNED, MS_MOVE_START, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_ASSIGNED, MS_MOVE_RESOLVE, MS_ACTOR_STAFF, true, MS_TICKET_RESOLVED},
        {MS_TICKET_IN_PROGRESS, MS_MOVE_RESOLVE, MS_ACTOR_STAFF, true, MS_TICKET_RESOLVED},
        {MS_TICKET_OPEN, MS_MOVE_RESOLVE, MS_ACTOR_STAFF, false, 0},
        {MS_TICKET_OPEN, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, true, MS_TICKET_RESOLVED},
        {MS_TICKET_ASSIGNED, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, true, MS_TICKET_RESOLVED},
        {MS_TICKET_IN_PROGRESS, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, true, MS_TICKET_RESOLVED},
        {MS_TICKET_RESOLVED, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_CLOSED, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_RESOLVED, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, true, MS_TICKET_OPEN},
        {MS_TICKET_RESOLVED, MS_MOVE_REOPEN, MS_ACTOR_STAFF, true, MS_TICKET_OPEN},
        {MS_TICKET_OPEN, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_RESOLVED, MS_MOVE_CLOSE, MS_ACTOR_SYSTEM, false, 0}, /* too early */
        {MS_TICKET_RESOLVED, MS_MOVE_CLOSE, MS_ACTOR_MEMBER, false, 0},
        {MS_TICKET_OPEN, MS_MOVE_CLOSE, MS_ACTOR_SYSTEM, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ms_ticket_verdict v = decide(cases[i].from, cases[i].move, cases[i].actor, 2000);
        ck_assert_msg(v.allowed == cases[i].allowed, "case %zu: %s", i, v.message);
        if (v.allowed) {
            ck_assert_int_eq(v.to, cases[i].to);
            ck_assert_str_eq(v.code, "");
        } else {
            ck_assert_str_eq(v.code, "invalid_transition");
            ck_assert_msg(strstr(v.message, ms_ticket_status_words(cases[i].from)) != NULL,
                          "case %zu: '%s' does not name the status", i, v.message);
        }
    }
    /* The refusals name from and to in words. */
    ck_assert_str_eq(decide(MS_TICKET_OPEN, MS_MOVE_START, MS_ACTOR_STAFF, 0).message,
                     "a ticket that is open cannot be started (in progress): assign it first");
    ck_assert_str_eq(decide(MS_TICKET_CLOSED, MS_MOVE_RESOLVE, MS_ACTOR_MEMBER, 0).message,
                     "a ticket that is closed cannot be resolved: closed is final");
    ck_assert_str_eq(decide(MS_TICKET_IN_PROGRESS, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, 0).message,
                     "a ticket that is in progress cannot be reopened: only a resolved ticket can"
                     " be reopened");
    /* A reopened ticket with an assignee goes back to them. */
    ms_ticket_state s = {MS_TICKET_RESOLVED, true, 1000};
    ms_ticket_verdict v = ms_ticket_decide(&s, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, 2000);
    ck_assert(v.allowed && v.to == MS_TICKET_ASSIGNED);
}
END_TEST

START_TEST(test_the_reopen_window_and_the_close)
{
    const int64_t resolved = 1799511300000LL;
    ms_ticket_state s = {MS_TICKET_RESOLVED, false, resolved};
    ck_assert_int_eq(ms_ticket_reopen_until(resolved), resolved + WEEK);
    /* The member reopens up to 7 days after, not a millisecond later. */
    ck_assert(ms_ticket_decide(&s, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, resolved + WEEK).allowed);
    ms_ticket_verdict v =
        ms_ticket_decide(&s, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, resolved + WEEK + 1);
    ck_assert(!v.allowed);
    ck_assert_str_eq(v.code, "reopen_window_passed");
    /* The server closes it 7 days after, not before. */
    ck_assert(!ms_ticket_decide(&s, MS_MOVE_CLOSE, MS_ACTOR_SYSTEM, resolved + WEEK - 1).allowed);
    v = ms_ticket_decide(&s, MS_MOVE_CLOSE, MS_ACTOR_SYSTEM, resolved + WEEK);
    ck_assert(v.allowed && v.to == MS_TICKET_CLOSED);
    /* Closed: the member's reopen is past its window; staff's is an invalid move. */
    s.status = MS_TICKET_CLOSED;
    ck_assert_str_eq(ms_ticket_decide(&s, MS_MOVE_REOPEN, MS_ACTOR_MEMBER, resolved + WEEK).code,
                     "reopen_window_passed");
    ck_assert_str_eq(ms_ticket_decide(&s, MS_MOVE_REOPEN, MS_ACTOR_STAFF, resolved + WEEK).code,
                     "invalid_transition");
}
END_TEST

START_TEST(test_field_shapes)
{
    ck_assert(ms_ticket_id_valid("tkt_0123456789abcdef0123456789abcdef", "tkt_"));
    ck_assert(!ms_ticket_id_valid("tkt_0123456789ABCDEF0123456789abcdef", "tkt_"));
    ck_assert(!ms_ticket_id_valid("tkt_0123456789abcdef0123456789abcde", "tkt_"));
    ck_assert(!ms_ticket_id_valid("tkt_0123456789abcdef0123456789abcdef0", "tkt_"));
    ck_assert(!ms_ticket_id_valid("cmt_0123456789abcdef0123456789abcdef", "tkt_"));
    ck_assert(!ms_ticket_id_valid(NULL, "tkt_"));
    char sha[65];
    memset(sha, 'a', 64);
    sha[64] = '\0';
    ck_assert(ms_ticket_sha256_valid(sha));
    sha[10] = 'g';
    ck_assert(!ms_ticket_sha256_valid(sha));
    ck_assert(!ms_ticket_sha256_valid("abc"));
    ck_assert(ms_ticket_photo_type_valid("image/jpeg") && ms_ticket_photo_type_valid("image/png"));
    ck_assert(!ms_ticket_photo_type_valid("image/gif") && !ms_ticket_photo_type_valid("image/jpg"));

    size_t start, len;
    ck_assert_int_eq(ms_ticket_text_check("  Tap leaks \n", 2000, &start, &len), MS_TEXT_OK);
    ck_assert_int_eq(start, 2);
    ck_assert_int_eq(len, 9);
    ck_assert_int_eq(ms_ticket_text_check(" \t\n", 2000, &start, &len), MS_TEXT_EMPTY);
    ck_assert_int_eq(ms_ticket_text_check("", 2000, &start, &len), MS_TEXT_EMPTY);
    ck_assert_int_eq(ms_ticket_text_check("bad \xc3\x28", 2000, &start, &len), MS_TEXT_NOT_UTF8);
    ck_assert_int_eq(ms_ticket_text_check("\xed\xa0\x80", 2000, &start, &len), MS_TEXT_NOT_UTF8);
    /* 2000 code points of two bytes each pass; 2001 do not (characters, not bytes). */
    char *text = malloc(2 * 2001 + 1);
    ck_assert_ptr_nonnull(text);
    for (int i = 0; i < 2001; i++)
        memcpy(text + 2 * i, "\xc3\xa9", 2);
    text[2 * 2001] = '\0';
    ck_assert_int_eq(ms_ticket_text_check(text, 2000, &start, &len), MS_TEXT_TOO_LONG);
    text[2 * 2000] = '\0';
    ck_assert_int_eq(ms_ticket_text_check(text, 2000, &start, &len), MS_TEXT_OK);
    ck_assert_int_eq(len, 4000);
    free(text);
}
END_TEST

static Suite *tickets_rules_suite(void)
{
    Suite *s = suite_create("tickets_rules");
    TCase *sla = tcase_create("sla");
    tcase_add_test(sla, test_the_protocols_worked_example);
    tcase_add_test(sla, test_filed_while_closed_starts_at_the_next_opening);
    tcase_add_test(sla, test_a_building_open_all_day_counts_wall_time);
    tcase_add_test(sla, test_priorities_scale_the_targets_rounded_up);
    suite_add_tcase(s, sla);
    TCase *moves = tcase_create("moves");
    tcase_add_test(moves, test_the_moves);
    tcase_add_test(moves, test_the_reopen_window_and_the_close);
    tcase_add_test(moves, test_field_shapes);
    suite_add_tcase(s, moves);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tickets_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
