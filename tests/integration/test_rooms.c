/*
 * tests/integration/test_rooms.c - meeting rooms end to end against a real memberstub:
 * search from the local store, credit bookings made offline and confirmed or refused on
 * sync, guests' access emails, cancellation refunds, Razorpay paid and forged, the
 * Europe/London clock-change days, and many clients racing for one block.
 *
 * The server's clock and every client's clock are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA        "+919800000001"
#define VIKRAM      "+919800000002"
#define OLIVIA      "+447700900001"
#define DEAD_SERVER "http://127.0.0.1:1"
/* Monday 2027-01-04 10:00 in Bengaluru */
#define T0 1799037000000LL

static stub_process *stub;
static char *dir;
static int64_t now = T0;

static void setup(void)
{
    now = T0;
    stub = stub_start_at(now, NULL, NULL);
    ck_assert_msg(stub != NULL, "memberstub did not start");
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    int status = stub_stop(stub);
    ck_assert_msg(status == 0, "memberstub exited with status %d", status);
}

static mc_client *member(const char *name, const char *phone)
{
    char *sub = tempdir_path(dir, name);
    mc_client *c = helper_open_client_at(sub, stub_url(stub), &now);
    free(sub);
    stub_advance_clock(stub, 31 * 1000); /* OTP cooldowns are per phone, but keep it simple */
    now += 31 * 1000;
    helper_sign_in(c, stub, phone);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    return c;
}

static const mc_room *find_room(const mc_room_search *s, const char *id)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->rooms[i].id, id) == 0)
            return &s->rooms[i];
    return NULL;
}

static const mc_booking *find_booking(const mc_booking_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

static bool block_free(mc_client *c, const char *building, const char *date, const char *room,
                       int32_t local_minute)
{
    mc_room_query q = {building, date, NULL, NULL, 0, NULL, 0};
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_rooms_search(c, &q, &s, &err) == MC_OK, "search: %s", err.message);
    const mc_room *r = find_room(s, room);
    ck_assert_ptr_nonnull(r);
    bool free_block = false;
    for (size_t i = 0; i < r->free_count; i++)
        free_block = free_block || r->free[i].local_minute == local_minute;
    mc_room_search_free(s);
    return free_block;
}

static int32_t balance(mc_client *c)
{
    mc_credits *credits = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_credits_get(c, &credits, &err) == MC_OK, "credits: %s", err.message);
    int32_t b = credits->balance;
    mc_credits_free(credits);
    return b;
}

/* Search answers from the local store: BLR-1's rooms, filtered, with 14 blocks on a weekday. */
START_TEST(test_search_filters_and_blocks)
{
    mc_client *c = member("asha", ASHA);
    const char *projector[] = {"projector"};
    mc_room_query q = {"BLR-1", "2027-01-05", NULL, NULL, 10, projector, 1};
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_rooms_search(c, &q, &s, &err) == MC_OK, "%s", err.message);
    const mc_room *board = find_room(s, "BLR-1-BOARD");
    ck_assert_ptr_nonnull(board);
    ck_assert_int_eq(board->capacity, 12);
    for (size_t i = 0; i < s->count; i++)
        ck_assert_int_ge(s->rooms[i].capacity, 10);
    ck_assert_str_eq(s->timezone, "Asia/Kolkata");
    ck_assert_int_le((int)board->free_count, 14);
    ck_assert_int_ge((int)board->free_count, 1);
    ck_assert_int_ge(board->free[0].local_minute, 8 * 60);
    mc_room_search_free(s);

    /* From/to narrow the blocks; Sunday is closed. */
    q.from = "10:00";
    q.to = "12:00";
    ck_assert_int_eq(mc_rooms_search(c, &q, &s, &err), MC_OK);
    board = find_room(s, "BLR-1-BOARD");
    for (size_t i = 0; i < board->free_count; i++)
        ck_assert(board->free[i].local_minute >= 600 && board->free[i].local_minute < 720);
    mc_room_search_free(s);
    mc_room_query sunday = {"BLR-1", "2027-01-10", NULL, NULL, 0, NULL, 0};
    ck_assert_int_eq(mc_rooms_search(c, &sunday, &s, &err), MC_OK);
    for (size_t i = 0; i < s->count; i++)
        ck_assert_int_eq((int)s->rooms[i].free_count, 0);
    mc_room_search_free(s);

    /* Bad input names the field; an unknown building is not found. */
    mc_room_query bad = {"BLR-1", "2027-02-30", NULL, NULL, 0, NULL, 0};
    ck_assert_int_eq(mc_rooms_search(c, &bad, &s, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "date"));
    bad.date = "2027-01-05";
    bad.from = "25:00";
    ck_assert_int_eq(mc_rooms_search(c, &bad, &s, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "from"));
    mc_room_query nowhere = {"PAR-9", "2027-01-05", NULL, NULL, 0, NULL, 0};
    ck_assert_int_eq(mc_rooms_search(c, &nowhere, &s, &err), MC_ERR_NOT_FOUND);
    mc_client_free(c);
}
END_TEST

/* A credit booking made offline is pending at once, confirmed on sync, debits credits,
 * takes the block, and emails the guest an access credential for the booking window. */
START_TEST(test_offline_credit_booking_confirmed_on_sync)
{
    mc_client *c = member("asha", ASHA);
    int32_t before = balance(c);
    mc_client_free(c);
    char *sub = tempdir_path(dir, "asha");
    c = helper_open_client_at(sub, DEAD_SERVER, &now);
    mc_guest guests[] = {{"Ravi Kumar", "ravi@example.in"}};
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-07", "10:00", 2, guests, 1, MC_PAY_CREDITS};
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_booking_create(c, &req, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(b->status, MC_BOOKING_PENDING);
    ck_assert(b->pending);
    ck_assert_int_eq(b->end_ms - b->start_ms, 2 * 3600000);
    /* made offline, it reads in the building's time at once */
    ck_assert_str_eq(b->start.iso8601, "2027-01-07T10:00:00+05:30");
    ck_assert_str_eq(b->end.iso8601, "2027-01-07T12:00:00+05:30");
    ck_assert_str_eq(b->start.label, "IST");
    char *id = strdup(b->id);
    int32_t cost = b->credits;
    ck_assert_int_gt(cost, 0);
    mc_booking_free(b);
    ck_assert(block_free(c, "BLR-1", "2027-01-07", "BLR-1-BOARD", 540));
    ck_assert(!block_free(c, "BLR-1", "2027-01-07", "BLR-1-BOARD", 600));
    ck_assert(!block_free(c, "BLR-1", "2027-01-07", "BLR-1-BOARD", 660));
    ck_assert_int_eq(balance(c), before - cost);
    mc_booking_list *list = NULL;
    ck_assert_int_eq(mc_bookings_list(c, 0, &list, &err), MC_OK);
    const mc_booking *mine = find_booking(list, id);
    ck_assert_ptr_nonnull(mine);
    ck_assert(mine->pending);
    mc_booking_list_free(list);
    mc_client_free(c);

    c = helper_open_client_at(sub, stub_url(stub), &now);
    mc_sync_report report;
    ck_assert_msg(mc_sync_once(c, &report, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(report.pushed, 1);
    ck_assert_int_eq(mc_bookings_list(c, 0, &list, &err), MC_OK);
    mine = find_booking(list, id);
    ck_assert_ptr_nonnull(mine);
    ck_assert_int_eq(mine->status, MC_BOOKING_CONFIRMED);
    ck_assert(!mine->pending);
    ck_assert_int_eq((int)mine->guest_count, 1);
    ck_assert_str_ne(mine->guests[0].credential_id, "");
    ck_assert_int_eq(mine->start.hour, 10);
    ck_assert_int_eq(mine->end.hour, 12);
    ck_assert_str_eq(mine->end.label, "IST");
    mc_booking_list_free(list);
    ck_assert_int_eq(balance(c), before - cost);
    mc_credits *credits = NULL;
    ck_assert_int_eq(mc_credits_get(c, &credits, &err), MC_OK);
    ck_assert_int_eq(credits->pending_debit, 0);
    ck_assert_int_ge((int)credits->ledger_count, 1);
    ck_assert_str_eq(credits->ledger[0].reason, "booking");
    ck_assert_int_eq(credits->ledger[0].delta, -cost);
    ck_assert_int_eq(credits->ledger[0].at.offset_min, 330); /* Asha's building, BLR-1 */
    ck_assert_str_eq(credits->ledger[0].at.label, "IST");
    mc_credits_free(credits);
    ck_assert(!block_free(c, "BLR-1", "2027-01-05", "BLR-1-BOARD", 600));

    char *emails = NULL;
    ck_assert_int_eq(
        stub_request(stub, "GET", "/v1/test/emails?to=ravi@example.in", NULL, NULL, &emails), 200);
    ck_assert_msg(strstr(emails, "credential_id") != NULL, "emails: %s", emails);
    free(emails);
    ck_assert_int_eq(helper_local_count(sub, "SELECT count(*) FROM outbox"), 0);
    mc_client_free(c);
    free(sub);
    free(id);
}
END_TEST

/* Two members book the same block offline; the first to sync gets it, the other is refused:
 * the overlay rolls back, the credits return, and the app is told why. */
static int rejected;
static char rejected_code[48];
static mc_rule rejected_rule;
static void on_rejected(void *context, const mc_sync_event *ev)
{
    (void)context;
    rejected++;
    snprintf(rejected_code, sizeof rejected_code, "%s", ev->server_code);
    rejected_rule = ev->rule;
}

START_TEST(test_offline_conflict_rolls_back)
{
    mc_client *asha = member("asha", ASHA);
    mc_client *vikram = member("vikram", VIKRAM);
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-05", "15:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_create(asha, &req, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_booking_create(vikram, &req, NULL, &err), MC_OK);
    int32_t vikram_before = balance(vikram);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    rejected = 0;
    uint64_t token;
    ck_assert_int_eq(mc_sync_listener_add(vikram, MC_SYNC_EVENT_MUTATION_REJECTED,
                                          MC_DELIVER_IMMEDIATE, on_rejected, NULL, &token, &err),
                     MC_OK);
    mc_sync_report report;
    ck_assert_int_eq(mc_sync_once(vikram, &report, &err), MC_OK);
    ck_assert_int_eq(report.rejected, 1);
    ck_assert_int_eq(rejected, 1);
    ck_assert_str_eq(rejected_code, "slot_taken");
    ck_assert_int_eq(rejected_rule, MC_RULE_TAKEN);
    mc_mutation_list *outbox = NULL;
    ck_assert_int_eq(mc_outbox_list(vikram, &outbox, &err), MC_OK);
    ck_assert_int_eq((int)outbox->count, 1);
    ck_assert_int_eq(outbox->items[0].error_rule, MC_RULE_TAKEN);
    mc_mutation_list_free(outbox);
    mc_booking_list *list = NULL;
    ck_assert_int_eq(mc_bookings_list(vikram, 0, &list, &err), MC_OK);
    ck_assert_int_eq((int)list->count, 0);
    mc_booking_list_free(list);
    /* his pending debit is gone; the company paid once (Asha's booking) */
    ck_assert_int_eq(balance(vikram), balance(asha));
    ck_assert_int_gt(balance(vikram), vikram_before - 100);
    ck_assert(!block_free(vikram, "BLR-1", "2027-01-05", "BLR-1-BOARD", 900));
    mc_client_free(asha);
    mc_client_free(vikram);
}
END_TEST

/* The search's why_none (and each room's) for a day, with its words. */
static void expect_why(mc_client *c, const char *date, const char *from, const char *to,
                       mc_rule rule, const char *words)
{
    mc_room_query q = {"BLR-1", date, from, to, 0, NULL, 0};
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_rooms_search(c, &q, &s, &err) == MC_OK, "search: %s", err.message);
    ck_assert_msg(s->why_none == rule, "%s: why_none %s, not %s (%s)", date,
                  mc_rule_name(s->why_none), mc_rule_name(rule), s->why_none_message);
    ck_assert_str_eq(s->why_none_message, words);
    for (size_t i = 0; i < s->count; i++)
        ck_assert_int_eq(s->rooms[i].why_none, rule);
    mc_room_search_free(s);
}

/* A booking refused locally names its rule (err.rule) and says it with the particulars. */
static void expect_refused(mc_client *c, const char *room, const char *date, const char *start,
                           mc_rule rule, const char *words)
{
    mc_booking_request req = {room, date, start, 1, NULL, 0, MC_PAY_CREDITS};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_create(c, &req, NULL, &err), MC_ERR_CONFLICT);
    ck_assert_msg(err.rule == rule, "%s %s: rule %s, not %s (%s)", date, start,
                  mc_rule_name(err.rule), mc_rule_name(rule), err.message);
    ck_assert_str_eq(err.message, words);
}

/* A search that finds no block says why, and so does a refused booking: closed that day,
 * outside the hours, past, too soon, beyond the window, a blackout (its reason), taken. */
START_TEST(test_refusals_name_the_rule)
{
    /* A blackout of BLR-1 all of Thursday 2027-01-07, with its reason. */
    char *answer = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/blackouts",
                                  "{\"building_id\":\"BLR-1\",\"start_ms\":1799260200000,"
                                  "\"end_ms\":1799346600000,\"reason\":\"Founders' Day\"}",
                                  NULL, &answer),
                     200);
    free(answer);
    mc_client *asha = member("asha", ASHA);
    mc_client *vikram = member("vikram", VIKRAM);

    expect_why(asha, "2027-01-10", NULL, NULL, MC_RULE_CLOSED, "BLR-1 is closed on Sundays");
    expect_refused(asha, "BLR-1-BOARD", "2027-01-10", "10:00", MC_RULE_CLOSED,
                   "BLR-1-BOARD on 2027-01-10 at 10:00 for 1 h: BLR-1 is closed on Sundays");
    expect_why(asha, "2027-01-05", "06:00", "08:00", MC_RULE_OUTSIDE_HOURS,
               "BLR-1 is open 08:00-22:00 on Tuesdays: no block between 06:00 and 08:00");
    expect_why(asha, "2027-01-02", NULL, NULL, MC_RULE_PAST, "2027-01-02 is in the past");
    expect_why(asha, "2027-01-04", "08:00", "10:00", MC_RULE_PAST,
               "the blocks asked for on 2027-01-04 are past");
    /* Past 10:00 the 10:00 block has started; at 10:50 the 11:00 one is within the
     * 15-minute notice. */
    expect_refused(asha, "BLR-1-BOARD", "2027-01-04", "10:00", MC_RULE_PAST,
                   "BLR-1-BOARD on 2027-01-04 at 10:00 for 1 h: the blocks asked for on "
                   "2027-01-04 are past");
    int64_t was = now;
    now = T0 + 50 * 60 * 1000;
    expect_refused(asha, "BLR-1-BOARD", "2027-01-04", "11:00", MC_RULE_TOO_SOON,
                   "BLR-1-BOARD on 2027-01-04 at 11:00 for 1 h: too soon: the blocks left on "
                   "2027-01-04 start within the minimum notice (15 min)");
    now = was;
    expect_why(asha, "2027-02-10", NULL, NULL, MC_RULE_BEYOND_WINDOW,
               "2027-02-10 is beyond the booking window: BLR-1 takes bookings 30 days ahead "
               "(until 2027-02-03)");
    expect_why(asha, "2027-01-07", NULL, NULL, MC_RULE_BLACKOUT,
               "BLR-1 is blacked out on 2027-01-07: Founders' Day");
    expect_refused(asha, "BLR-1-BOARD", "2027-01-07", "11:00", MC_RULE_BLACKOUT,
                   "BLR-1-BOARD on 2027-01-07 at 11:00 for 1 h: BLR-1-BOARD is blacked out on "
                   "2027-01-07: Founders' Day");

    /* Asha takes the boardroom at 15:00; for Vikram that hour is taken. */
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-05", "15:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_create(asha, &req, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_sync_once(vikram, NULL, &err), MC_OK);
    mc_room_query q = {"BLR-1", "2027-01-05", "15:00", "16:00", 0, NULL, 0};
    mc_room_search *s = NULL;
    ck_assert_int_eq(mc_rooms_search(vikram, &q, &s, &err), MC_OK);
    const mc_room *board = find_room(s, "BLR-1-BOARD");
    ck_assert_int_eq(board->why_none, MC_RULE_TAKEN);
    ck_assert_str_eq(board->why_none_message, "every block asked for on 2027-01-05 is taken");
    mc_room_search_free(s);
    expect_refused(vikram, "BLR-1-BOARD", "2027-01-05", "15:00", MC_RULE_TAKEN,
                   "BLR-1-BOARD on 2027-01-05 at 15:00 for 1 h: every block asked for on "
                   "2027-01-05 is taken");
    /* A room with a free block has no why. */
    q.from = "16:00";
    q.to = "17:00";
    ck_assert_int_eq(mc_rooms_search(vikram, &q, &s, &err), MC_OK);
    board = find_room(s, "BLR-1-BOARD");
    ck_assert_int_eq(board->why_none, MC_RULE_NONE);
    ck_assert_str_eq(board->why_none_message, "");
    ck_assert_int_eq(s->why_none, MC_RULE_NONE);
    ck_assert_str_eq(s->why_none_message, "");
    mc_room_search_free(s);
    /* No room that large: no_room. */
    mc_room_query huge = {"BLR-1", "2027-01-05", NULL, NULL, 500, NULL, 0};
    ck_assert_int_eq(mc_rooms_search(vikram, &huge, &s, &err), MC_OK);
    ck_assert_int_eq(s->why_none, MC_RULE_NO_ROOM);
    ck_assert_str_eq(s->why_none_message, "no room of BLR-1 has the capacity and amenities asked");
    mc_room_search_free(s);
    mc_client_free(asha);
    mc_client_free(vikram);
}
END_TEST

/* Credits never go below zero: a booking the balance cannot pay is refused at once. */
START_TEST(test_insufficient_credits_refused)
{
    mc_client *c = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    /* weekdays with no seeded booking of the board room */
    const char *dates[] = {"2027-01-07", "2027-01-08", "2027-01-09", "2027-01-11",
                           "2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15",
                           "2027-01-16", "2027-01-18", "2027-01-19", "2027-01-20"};
    mc_status st = MC_OK;
    for (size_t i = 0; i < 12 && st == MC_OK; i++) {
        mc_booking_request req = {"BLR-1-BOARD", dates[i], "08:00", 12, NULL, 0, MC_PAY_CREDITS};
        st = mc_booking_create(c, &req, NULL, &err);
    }
    ck_assert_int_eq(st, MC_ERR_INSUFFICIENT_CREDITS);
    ck_assert_ptr_nonnull(strstr(err.message, "credits"));
    ck_assert_int_ge(balance(c), 0);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_ge(balance(c), 0);
    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.rejected_count, 0);
    mc_client_free(c);
}
END_TEST

/* Cancelling before the cut-off refunds the credits and frees the block. */
START_TEST(test_cancel_refunds_and_frees)
{
    mc_client *c = member("asha", ASHA);
    int32_t before = balance(c);
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-06", "11:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_create(c, &req, &b, &err), MC_OK);
    char *id = strdup(b->id);
    mc_booking_free(b);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_lt(balance(c), before);
    mc_booking *returned = NULL;
    ck_assert_int_eq(mc_booking_cancel(c, id, &returned, &err), MC_OK);
    ck_assert_str_eq(returned->id, id); /* the booking it cancelled, as now shown */
    ck_assert_int_eq(returned->status, MC_BOOKING_CANCELLED);
    ck_assert(returned->pending);
    mc_booking_free(returned);
    mc_booking_list *list = NULL;
    ck_assert_int_eq(mc_bookings_list(c, 0, &list, &err), MC_OK);
    const mc_booking *cancelled = find_booking(list, id);
    ck_assert_int_eq(cancelled->status, MC_BOOKING_CANCELLED);
    ck_assert(cancelled->pending);
    mc_booking_list_free(list);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_eq(balance(c), before);
    ck_assert(block_free(c, "BLR-1", "2027-01-06", "BLR-1-BOARD", 660));
    returned = (mc_booking *)0x1;
    ck_assert_int_eq(mc_booking_cancel(c, id, &returned, &err), MC_ERR_STATE);
    ck_assert_ptr_null(returned);
    ck_assert_int_eq(mc_booking_cancel(c, "no-such-booking", NULL, &err), MC_ERR_NOT_FOUND);
    mc_client_free(c);
    free(id);
}
END_TEST

/* Book room on date at start for hours with credits and sync it; the booking's id (caller frees).
 */
static char *book_credits(mc_client *c, const char *room, const char *date, const char *start,
                          int hours)
{
    mc_booking_request req = {room, date, start, hours, NULL, 0, MC_PAY_CREDITS};
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_booking_create(c, &req, &b, &err) == MC_OK, "book: %s", err.message);
    char *id = strdup(b->id);
    mc_booking_free(b);
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    return id;
}

/* The ledger as the core lists it: newest first by at_ms, each line's balance_after the next
 * older one's plus its delta, the newest one's the balance. The credits (caller frees). */
static mc_credits *consistent_ledger(mc_client *c)
{
    mc_credits *credits = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_credits_get(c, &credits, &err) == MC_OK, "credits: %s", err.message);
    ck_assert_uint_ge(credits->ledger_count, 1);
    ck_assert_int_eq(credits->ledger[0].balance_after, credits->balance);
    for (size_t i = 0; i + 1 < credits->ledger_count; i++) {
        const mc_credit_line *line = &credits->ledger[i], *older = &credits->ledger[i + 1];
        ck_assert_msg(line->at_ms >= older->at_ms, "%s listed above an older line", line->id);
        ck_assert_msg(line->balance_after == older->balance_after + line->delta,
                      "%s (%+d -> %d) does not follow %s (%d)", line->id, line->delta,
                      line->balance_after, older->id, older->balance_after);
    }
    return credits;
}

/*
 * December in Bengaluru, seeded on the 30th: bookings, a cancellation refunded, then the server
 * clock at 20:00 UTC on 31 December, already 1 January 01:30 there: after a sync the core shows
 * the full allowance again and the reset line, dated 00:00 on 1 January IST, on top of a ledger
 * whose running balance reads consistently newest first; January spends from 200.
 */
START_TEST(test_credits_reset_across_the_year_reads_consistently)
{
    ck_assert_int_eq(stub_stop(stub), 0);
    now = 1798605000000LL; /* 2026-12-30 10:00 IST */
    stub = stub_start_at(now, NULL, NULL);
    ck_assert_ptr_nonnull(stub);
    mc_client *c = member("asha", ASHA);
    ck_assert_int_eq(balance(c), 188);
    char *board = book_credits(c, "BLR-1-BOARD", "2026-12-31", "14:00", 1);
    free(book_credits(c, "BLR-1-FOCUS", "2026-12-31", "16:00", 2));
    ck_assert_int_eq(balance(c), 188 - 6 - 4);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_cancel(c, board, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    mc_credits *credits = consistent_ledger(c);
    ck_assert_int_eq(credits->balance, 184);
    ck_assert_str_eq(credits->ledger[0].reason, "refund");
    ck_assert_uint_eq(credits->ledger_count, 5);
    mc_credits_free(credits);

    now = 1798747200000LL; /* 2026-12-31T20:00:00Z: 1 January 01:30 in Bengaluru */
    ck_assert_int_eq(stub_set_clock(stub, now), 0);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    credits = consistent_ledger(c);
    ck_assert_int_eq(credits->balance, 200);
    ck_assert_int_eq(credits->monthly_credits, 200);
    ck_assert_str_eq(credits->ledger[0].reason, "monthly_reset");
    ck_assert_int_eq(credits->ledger[0].delta, 16);
    ck_assert(credits->ledger[0].at_ms == 1798741800000LL); /* 2027-01-01 00:00 IST */
    ck_assert_uint_eq(credits->ledger_count, 6);
    mc_credits_free(credits);

    free(book_credits(c, "BLR-1-FOCUS", "2027-01-02", "10:00", 1));
    credits = consistent_ledger(c);
    ck_assert_int_eq(credits->balance, 198);
    ck_assert_str_eq(credits->ledger[0].reason, "booking");
    ck_assert_str_eq(credits->ledger[1].reason, "monthly_reset");
    mc_credits_free(credits);
    mc_client_free(c);
    free(board);
}
END_TEST

/* Razorpay: the server holds the slot and opens an order; only a valid signature confirms. */
START_TEST(test_razorpay_paid_and_forged)
{
    mc_client *c = member("asha", ASHA);
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-07", "16:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_booking_create(c, &req, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(b->status, MC_BOOKING_PENDING_PAYMENT);
    ck_assert_str_ne(b->order_id, "");
    ck_assert_str_ne(b->razorpay_key_id, "");
    ck_assert_int_eq(b->amount.minor, 295000); /* one hour of the boardroom plus 18% GST */
    ck_assert_str_eq(b->amount.currency, "INR");
    /* what the member sees: 16:00 in Bengaluru, not 10:30Z */
    ck_assert_int_eq(b->start_ms, 1799317800000LL); /* 2027-01-07T10:30:00Z */
    ck_assert_str_eq(b->start.iso8601, "2027-01-07T16:00:00+05:30");
    ck_assert_int_eq(b->start.hour, 16);
    ck_assert_int_eq(b->start.minute, 0);
    ck_assert_int_eq(b->start.offset_min, 330);
    ck_assert_str_eq(b->start.label, "IST");
    char body[256];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":true}", b->order_id);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer), 200);
    cJSON *forged = cJSON_Parse(answer);
    free(answer);
    mc_booking *paid = NULL;
    ck_assert_int_eq(mc_booking_confirm_payment(
                         c, b->id, b->order_id,
                         cJSON_GetObjectItem(forged, "payment_id")->valuestring,
                         cJSON_GetObjectItem(forged, "signature")->valuestring, &paid, &err),
                     MC_ERR_PAYMENT_FAILED);
    cJSON_Delete(forged);
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":false}", b->order_id);
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer), 200);
    cJSON *valid = cJSON_Parse(answer);
    free(answer);
    const char *pay_id = cJSON_GetObjectItem(valid, "payment_id")->valuestring;
    const char *sig = cJSON_GetObjectItem(valid, "signature")->valuestring;
    for (int i = 0; i < 2; i++) { /* confirming twice is harmless */
        ck_assert_msg(mc_booking_confirm_payment(c, b->id, b->order_id, pay_id, sig, &paid, &err) ==
                          MC_OK,
                      "%s", err.message);
        ck_assert_int_eq(paid->status, MC_BOOKING_CONFIRMED);
        ck_assert_str_eq(paid->start.iso8601, "2027-01-07T16:00:00+05:30");
        mc_booking_free(paid);
    }
    cJSON_Delete(valid);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert(!block_free(c, "BLR-1", "2027-01-07", "BLR-1-BOARD", 960));
    mc_booking_free(b);

    /* Razorpay needs the network. */
    mc_client_free(c);
    char *sub = tempdir_path(dir, "asha");
    c = helper_open_client_at(sub, DEAD_SERVER, &now);
    req.start = "17:00";
    ck_assert_int_eq(mc_booking_create(c, &req, &b, &err), MC_ERR_OFFLINE);
    mc_client_free(c);
    free(sub);
}
END_TEST

/* A new on-demand user (OTP, profile, intent on_demand), synced. */
static mc_client *on_demand_user(const char *name, const char *phone)
{
    char *sub = tempdir_path(dir, name);
    mc_client *c = helper_open_client_at(sub, stub_url(stub), &now);
    free(sub);
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_request_otp(c, phone, &req, &err) == MC_OK, "otp: %s", err.message);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, phone, code), 0);
    bool new_user = false;
    mc_account *account = NULL;
    ck_assert_msg(mc_auth_verify_otp(c, code, &new_user, &account, &err) == MC_OK, "verify: %s",
                  err.message);
    mc_account_free(account);
    mc_profile profile = {"Meera Iyer", "meera@iyerlabs.example", "Iyer Labs", "Bengaluru"};
    ck_assert_msg(mc_auth_complete_profile(c, &profile, &account, &err) == MC_OK, "profile: %s",
                  err.message);
    mc_account_free(account);
    mc_intent_details intent = {MC_INTENT_ON_DEMAND, NULL, 0, NULL, {0, ""}};
    ck_assert_msg(mc_auth_set_intent(c, &intent, &account, &err) == MC_OK, "intent: %s",
                  err.message);
    mc_account_free(account);
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    return c;
}

/* A Razorpay booking refused with MC_ERR_CONFLICT naming rule, its message mentioning words. */
static void hold_refused(mc_client *c, const mc_booking_request *req, mc_rule rule,
                         const char *words)
{
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_booking_create(c, req, &b, &err), MC_ERR_CONFLICT);
    ck_assert_ptr_null(b);
    ck_assert_msg(err.rule == rule, "rule %s, not %s (%s)", mc_rule_name(err.rule),
                  mc_rule_name(rule), err.message);
    ck_assert_msg(strstr(err.message, words) != NULL, "'%s' does not say '%s'", err.message, words);
}

/* The hold limits reach the member as rules (issue 14): an on-demand booking over 4 hours is
 * refused at once, even offline (MC_RULE_TOO_LONG); the server's hold_limit and hold_cooldown
 * arrive as MC_RULE_HOLD_LIMIT and MC_RULE_HOLD_COOLDOWN with its message. */
START_TEST(test_hold_limits_name_the_rule)
{
    mc_client *c = on_demand_user("meera", "+919876543210");
    mc_booking_request day = {"BLR-1-BOARD", "2027-01-12", "08:00", 14, NULL, 0, MC_PAY_RAZORPAY};
    hold_refused(c, &day, MC_RULE_TOO_LONG, "at most 4 hours");

    static const char *const rooms[] = {"BLR-1-BOARD", "BLR-1-HUDDLE", "BLR-1-FOCUS"};
    mc_error err = MC_ERROR_INIT;
    for (int i = 0; i < 3; i++) {
        mc_booking_request req = {rooms[i], "2027-01-12", "10:00", 4, NULL, 0, MC_PAY_RAZORPAY};
        mc_booking *b = NULL;
        ck_assert_msg(mc_booking_create(c, &req, &b, &err) == MC_OK, "%s", err.message);
        ck_assert_int_eq(b->status, MC_BOOKING_PENDING_PAYMENT);
        mc_booking_free(b);
    }
    mc_booking_request fourth = {"BLR-1-BOARD", "2027-01-12", "15:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    hold_refused(c, &fourth, MC_RULE_HOLD_LIMIT, "already hold 3 unpaid room bookings");

    /* The three lapse at T0 + 15 min; the same room and time again is cooling down. */
    stub_advance_clock(stub, 16 * 60 * 1000);
    now += 16 * 60 * 1000;
    mc_booking_request again = {"BLR-1-BOARD", "2027-01-12", "10:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    hold_refused(c, &again, MC_RULE_HOLD_COOLDOWN, "cool-down");
    ck_assert_str_eq(mc_rule_name(MC_RULE_HOLD_COOLDOWN), "hold_cooldown");
    mc_client_free(c);

    /* Offline, the hour limit is still refused at once (not MC_ERR_OFFLINE). */
    char *sub = tempdir_path(dir, "meera");
    c = helper_open_client_at(sub, DEAD_SERVER, &now);
    free(sub);
    hold_refused(c, &day, MC_RULE_TOO_LONG, "on-demand limit");
    mc_client_free(c);
}
END_TEST

/* London's clock changes: a 24-hour room offers 23 blocks on 2027-03-28 and 24 on
 * 2027-10-31, and a booking of the repeated hour lands on its first occurrence. */
START_TEST(test_london_dst_days)
{
    now = 1805500800000LL; /* 2027-03-20T00:00:00Z */
    stub_set_clock(stub, now);
    mc_client *c = member("olivia", OLIVIA);
    mc_room_query q = {"LON-1", "2027-03-28", NULL, NULL, 0, NULL, 0};
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_rooms_search(c, &q, &s, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(s->timezone, "Europe/London");
    size_t most = 0;
    for (size_t i = 0; i < s->count; i++)
        if (s->rooms[i].free_count > most)
            most = s->rooms[i].free_count;
    ck_assert_int_eq((int)most, 23);
    for (size_t i = 0; i < s->count; i++)
        for (size_t k = 0; k < s->rooms[i].free_count; k++)
            ck_assert_int_ne(s->rooms[i].free[k].local_minute, 60); /* 01:00 does not exist */
    char room[64];
    snprintf(room, sizeof room, "%s", s->rooms[0].id);
    mc_room_search_free(s);
    mc_booking_request skipped = {room, "2027-03-28", "01:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    ck_assert_int_eq(mc_booking_create(c, &skipped, NULL, &err), MC_ERR_CONFLICT);

    now = 1824854400000LL; /* 2027-10-30T00:00:00Z: months later, the session has expired */
    stub_set_clock(stub, now);
    helper_sign_in(c, stub, OLIVIA);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    q.date = "2027-10-31";
    ck_assert_int_eq(mc_rooms_search(c, &q, &s, &err), MC_OK);
    const mc_room *r = find_room(s, room);
    ck_assert_int_eq((int)r->free_count, 24);
    int64_t first_one = 0;
    for (size_t k = 0; k < r->free_count; k++)
        if (r->free[k].local_minute == 60)
            first_one = r->free[k].start_ms;
    ck_assert_int_eq(first_one, 1824940800000LL); /* 2027-10-31T00:00:00Z: BST 01:00 */
    for (size_t k = 0; k < r->free_count; k++)    /* each block labelled with its own zone */
        if (r->free[k].local_minute == 60)
            ck_assert_str_eq(r->free[k].start.label, "BST");
        else if (r->free[k].local_minute == 120)
            ck_assert_str_eq(r->free[k].start.iso8601, "2027-10-31T02:00:00+00:00");
    mc_room_search_free(s);
    mc_booking_request repeated = {room, "2027-10-31", "01:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    mc_booking *b = NULL;
    ck_assert_msg(mc_booking_create(c, &repeated, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(b->start_ms, 1824940800000LL);
    /* across the change: it starts at 01:00 BST and ends an hour later at 01:00 GMT */
    ck_assert_str_eq(b->start.iso8601, "2027-10-31T01:00:00+01:00");
    ck_assert_str_eq(b->start.label, "BST");
    ck_assert_str_eq(b->end.iso8601, "2027-10-31T01:00:00+00:00");
    ck_assert_str_eq(b->end.label, "GMT");
    mc_booking_free(b);
    /* a summer's day reads BST, a winter's GMT, both at 10:00 on the wall */
    mc_booking_request summer = {room, "2027-10-30", "10:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    mc_booking_request winter = {room, "2027-11-01", "10:00", 1, NULL, 0, MC_PAY_RAZORPAY};
    ck_assert_msg(mc_booking_create(c, &summer, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(b->start.iso8601, "2027-10-30T10:00:00+01:00");
    ck_assert_str_eq(b->start.label, "BST");
    mc_booking_free(b);
    ck_assert_msg(mc_booking_create(c, &winter, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(b->start.iso8601, "2027-11-01T10:00:00+00:00");
    ck_assert_str_eq(b->start.label, "GMT");
    mc_booking_free(b);
    mc_booking_list *list = NULL;
    ck_assert_int_eq(mc_bookings_list(c, 0, &list, &err), MC_OK);
    ck_assert_int_eq((int)list->count, 3);
    ck_assert_str_eq(list->items[0].start.label, "BST"); /* the 30th, soonest first */
    ck_assert_str_eq(list->items[2].start.label, "GMT");
    mc_booking_list_free(list);
    mc_client_free(c);
}
END_TEST

/* Many clients race for one block, offline then all syncing at once: exactly one holds it,
 * and the company paid once. */
/* 2027-01-08 09:00 IST */
static const int64_t raced_block = 1799379000000LL;

static int booking_debits(mc_client *c)
{
    mc_credits *credits = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_credits_get(c, &credits, &err), MC_OK);
    int debits = 0;
    for (size_t i = 0; i < credits->ledger_count; i++)
        debits += strcmp(credits->ledger[i].reason, "booking") == 0;
    mc_credits_free(credits);
    return debits;
}

typedef struct racer {
    mc_client *client;
    mc_status booked;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    r->booked = mc_sync_once(r->client, NULL, NULL);
    return NULL;
}

START_TEST(test_race_for_one_block_has_one_holder)
{
    enum { RACERS = 6 };
    racer racers[RACERS];
    const char *phones[] = {ASHA, VIKRAM};
    mc_error err = MC_ERROR_INIT;
    mc_client *probe = member("probe", ASHA);
    int32_t before = balance(probe);
    int debits_before = booking_debits(probe);
    for (int i = 0; i < RACERS; i++) {
        char name[16];
        snprintf(name, sizeof name, "racer%d", i);
        racers[i].client = member(name, phones[i % 2]);
        mc_booking_request req = {"BLR-1-BOARD", "2027-01-08", "09:00", 1, NULL, 0, MC_PAY_CREDITS};
        ck_assert_int_eq(mc_booking_create(racers[i].client, &req, NULL, &err), MC_OK);
    }
    pthread_t threads[RACERS];
    for (int i = 0; i < RACERS; i++)
        pthread_create(&threads[i], NULL, race, &racers[i]);
    for (int i = 0; i < RACERS; i++)
        pthread_join(threads[i], NULL);
    int holders = 0, refused = 0;
    char holder_id[64] = "";
    for (int i = 0; i < RACERS; i++) {
        ck_assert_int_eq(racers[i].booked, MC_OK);
        mc_sync_once(racers[i].client, NULL, NULL);
        mc_booking_list *list = NULL;
        ck_assert_int_eq(mc_bookings_list(racers[i].client, 0, &list, &err), MC_OK);
        for (size_t k = 0; k < list->count; k++) {
            if (list->items[k].start_ms != raced_block)
                continue;
            if (holder_id[0] == '\0')
                snprintf(holder_id, sizeof holder_id, "%s", list->items[k].id);
            /* every device that sees a booking of the block sees the same one */
            ck_assert_str_eq(list->items[k].id, holder_id);
            ck_assert_int_eq(list->items[k].status, MC_BOOKING_CONFIRMED);
            holders++;
        }
        mc_booking_list_free(list);
        mc_sync_status status;
        mc_sync_status_get(racers[i].client, &status, NULL);
        refused += status.rejected_count;
    }
    /* one booking holds the block: its member's three devices see it, the others none */
    ck_assert_int_eq(holders, RACERS / 2);
    ck_assert_int_eq(refused, RACERS - 1);
    ck_assert_int_eq(mc_sync_once(probe, NULL, &err), MC_OK);
    ck_assert_int_eq(booking_debits(probe), debits_before + 1);
    ck_assert_int_lt(balance(probe), before);
    for (int i = 0; i < RACERS; i++)
        mc_client_free(racers[i].client);
    mc_client_free(probe);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rooms");
    TCase *tc = tcase_create("booking");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_search_filters_and_blocks);
    tcase_add_test(tc, test_offline_credit_booking_confirmed_on_sync);
    tcase_add_test(tc, test_offline_conflict_rolls_back);
    tcase_add_test(tc, test_refusals_name_the_rule);
    tcase_add_test(tc, test_insufficient_credits_refused);
    tcase_add_test(tc, test_cancel_refunds_and_frees);
    tcase_add_test(tc, test_credits_reset_across_the_year_reads_consistently);
    tcase_add_test(tc, test_razorpay_paid_and_forged);
    tcase_add_test(tc, test_hold_limits_name_the_rule);
    tcase_add_test(tc, test_london_dst_days);
    tcase_add_test(tc, test_race_for_one_block_has_one_holder);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
