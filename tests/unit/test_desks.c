/*
 * tests/unit/test_desks.c - the desks module without a server: a desk day's rules and
 * their words, feature words and the names as plain functions; then against a real store
 * file: the search's filters (area, features, unknown words refused), what is taken, the
 * price with tax, the cut-off and the member's desk days and credits; booking with the
 * plan or credits offline (queued with its pending row, nothing kept when a local check
 * refuses), one desk a day, a refusal on sync rolling the booking back, cancelling (shown
 * at once, refused after the cut-off), the list's paging, the member's own desk, and a
 * notification's link to a desk booking in words.
 */
#include <check.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/access.h>
#include <membercore/booking.h>
#include <membercore/desks.h>
#include <membercore/membercore.h>

#include "desks/rules.h"
#include "handle/handle.h"
#include "rules/zone.h"
#include "tempdir.h"
#include "unit_store.h"

/* Friday 4 Dec 2026, 10:00 IST (04:30 UTC). */
#define T0        1796358600000LL
#define MINUTE_MS 60000LL
#define IST_MIN   330

/* ---- pure ----------------------------------------------------------------------------- */

static mci_desk_day_facts facts_for(const char *date, int32_t now_min, bool blacked_out)
{
    static int64_t day;
    mci_desk_day_facts f;
    memset(&f, 0, sizeof f);
    ck_assert(mci_parse_date(date, &day));
    f.building_id = "BLR-1";
    f.date = date;
    f.day = day;
    f.today = mci_days_from_civil(2026, 12, 4);
    f.now_min = now_min;
    f.window_days = 30;
    int weekday = mci_weekday(day);
    f.hours = weekday == 7 ? (mci_hours){0, 0} : (mci_hours){480, 1320};
    f.blacked_out = blacked_out;
    f.blackout_reason = "Christmas";
    f.cutoff_min = 660;
    f.cutoff_label = "IST";
    return f;
}

START_TEST(test_day_rules_and_words)
{
    char words[MC_ERROR_MESSAGE_MAX];
    mci_desk_day_facts f = facts_for("2026-12-07", 600, false);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_NONE);
    f = facts_for("2026-12-04", 659, false); /* today, a minute before the cut-off */
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_NONE);
    f = facts_for("2026-12-04", 660, false);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_AFTER_CUTOFF);
    mci_desk_rule_words(MC_RULE_AFTER_CUTOFF, &f, NULL, words, sizeof words);
    ck_assert_str_eq(words, "too late for today: BLR-1 releases desks not checked in by 11:00 IST");
    f = facts_for("2026-12-03", 600, false);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_PAST);
    mci_desk_rule_words(MC_RULE_PAST, &f, NULL, words, sizeof words);
    ck_assert_str_eq(words, "2026-12-03 is in the past");
    f = facts_for("2027-01-03", 600, false); /* 30 days ahead is Sun 3 Jan: closed, in window */
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_CLOSED);
    mci_desk_rule_words(MC_RULE_CLOSED, &f, NULL, words, sizeof words);
    ck_assert_str_eq(words, "BLR-1 is closed on Sundays");
    f = facts_for("2027-01-04", 600, false);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_BEYOND_WINDOW);
    mci_desk_rule_words(MC_RULE_BEYOND_WINDOW, &f, NULL, words, sizeof words);
    ck_assert_msg(strstr(words, "30 days ahead (until 2027-01-03)") != NULL, "%s", words);
    f = facts_for("2026-12-25", 600, true);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_BLACKOUT);
    mci_desk_rule_words(MC_RULE_BLACKOUT, &f, NULL, words, sizeof words);
    ck_assert_str_eq(words, "BLR-1 is blacked out on 2026-12-25: Christmas");
    /* today blacked out and after the cut-off: the cut-off is said first, as the server does */
    f = facts_for("2026-12-04", 700, true);
    ck_assert_int_eq(mci_desk_day_rule(&f), MC_RULE_AFTER_CUTOFF);
    mci_desk_rule_words(MC_RULE_TAKEN, &f, "BLR-1-D07", words, sizeof words);
    ck_assert_str_eq(words, "BLR-1-D07 is taken on 2026-12-04: pick another desk");
    mci_desk_rule_words(MC_RULE_ALREADY_BOOKED, &f, "BLR-1-D02", words, sizeof words);
    ck_assert_str_eq(words, "you already have a desk on 2026-12-04 (BLR-1-D02): one desk a day");
}
END_TEST

START_TEST(test_cutoff_and_blackout_instants)
{
    mci_zone_transition ist = {0, IST_MIN, "IST"};
    mci_zone zone = {&ist, 1};
    int64_t day = mci_days_from_civil(2026, 12, 4);
    ck_assert_int_eq(mci_desk_local_instant(&zone, day, 660), T0 + 60 * MINUTE_MS);
    /* a blackout overlapping any part of the local day blacks it out, one ending at its
     * start does not */
    int64_t start = mci_desk_local_instant(&zone, day, 0);
    mci_interval before = {start - 3600000, start};
    mci_interval evening = {start + 20 * 3600000LL, start + 30 * 3600000LL};
    size_t which = 9;
    ck_assert(!mci_desk_day_blacked_out(&zone, day, &before, 1, &which));
    ck_assert(mci_desk_day_blacked_out(&zone, day, &evening, 1, &which));
    ck_assert_uint_eq(which, 0);
    ck_assert(mci_desk_day_blacked_out(&zone, day + 1, &evening, 1, NULL));
    ck_assert(!mci_desk_day_blacked_out(&zone, day + 2, &evening, 1, NULL));
    /* a clock skipping 02:00-03:00: 02:30 is the instant the clock jumps to 03:00 */
    mci_zone_transition dst[] = {
        {0, 0, "GMT"},
        {mci_days_from_civil(2027, 3, 28) * MCI_MS_PER_DAY + 120 * MINUTE_MS, 60, "BST"}};
    mci_zone london = {dst, 2};
    int64_t spring = mci_days_from_civil(2027, 3, 28);
    ck_assert_int_eq(mci_desk_local_instant(&london, spring, 150),
                     spring * MCI_MS_PER_DAY + 150 * MINUTE_MS);
    ck_assert_int_eq(mci_desk_local_instant(&london, spring, 660),
                     spring * MCI_MS_PER_DAY + 600 * MINUTE_MS);
}
END_TEST

START_TEST(test_feature_words)
{
    ck_assert(mci_desk_feature_known("monitor"));
    ck_assert(mci_desk_feature_known("phone_booth_nearby"));
    ck_assert(!mci_desk_feature_known("Monitor"));
    ck_assert(!mci_desk_feature_known("treadmill"));
    ck_assert(!mci_desk_feature_known(NULL));
    ck_assert(mci_desk_features_have("monitor\x1fwindow", "window"));
    ck_assert(mci_desk_features_have("monitor\x1fwindow", "monitor"));
    ck_assert(!mci_desk_features_have("dual_monitor\x1fwindow", "monitor"));
    ck_assert(!mci_desk_features_have("", "monitor"));
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(mc_desk_payment_name(MC_DESK_PAY_PLAN), "plan");
    ck_assert_str_eq(mc_desk_payment_name(MC_DESK_PAY_CREDITS), "credits");
    ck_assert_str_eq(mc_desk_payment_name(MC_DESK_PAY_RAZORPAY), "razorpay");
    ck_assert_str_eq(mc_desk_payment_name((mc_desk_payment)0), "unknown");
    ck_assert_str_eq(mc_desk_booking_status_name(MC_DESK_BOOKING_PENDING), "pending");
    ck_assert_str_eq(mc_desk_booking_status_name(MC_DESK_BOOKING_PENDING_PAYMENT),
                     "pending_payment");
    ck_assert_str_eq(mc_desk_booking_status_name(MC_DESK_BOOKING_RELEASED), "released");
    ck_assert_str_eq(mc_desk_booking_status_name(MC_DESK_BOOKING_EXPIRED), "expired");
    ck_assert_str_eq(mc_desk_booking_status_name((mc_desk_booking_status)99), "unknown");
    ck_assert_str_eq(mc_rule_name(MC_RULE_ALREADY_BOOKED), "already_booked");
    ck_assert_str_eq(mc_rule_name(MC_RULE_AFTER_CUTOFF), "after_cutoff");
    ck_assert_str_eq(mc_credential_kind_name(MC_CREDENTIAL_DESK), "desk");
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_DESK), "desk");
    mc_link_target target;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_link_parse("membercore://desks/dsk_1", &target, &err), MC_OK);
    ck_assert_int_eq(target.kind, MC_LINK_DESK);
    ck_assert_str_eq(target.id, "dsk_1");
}
END_TEST

/* ---- against a real store ------------------------------------------------------------- */

static char *dir;
static int64_t now;
static mc_client *client;

static void pull_one(const char *kind, const char *id, const char *data)
{
    unit_store_pull(client, now, kind, id, data);
}

static void exec(const char *sql)
{
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(sqlite3_exec(client->db, sql, NULL, NULL, NULL), SQLITE_OK);
    pthread_mutex_unlock(&client->lock);
}

static int count_rows(const char *sql)
{
    return unit_store_count(client, sql);
}

static void pull_desk(const char *name, const char *area, const char *features, const char *kind,
                      bool mine)
{
    char id[32], data[512];
    snprintf(id, sizeof id, "BLR-1-%s", name);
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"building_id\":\"BLR-1\",\"name\":\"%s\",\"area\":\"%s\","
             "\"features\":%s,\"kind\":\"%s\",\"mine\":%s}",
             id, name, area, features, kind, mine ? "true" : "false");
    pull_one("desk", id, data);
}

static void pull_busy(const char *desk_id, const char *date)
{
    char id[64], data[256];
    snprintf(id, sizeof id, "%s@%s", desk_id, date);
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"desk_id\":\"%s\",\"building_id\":\"BLR-1\",\"date\":\"%s\"}", id,
             desk_id, date);
    pull_one("desk_busy", id, data);
}

static void pull_membership(int allowance, int used)
{
    char data[256];
    snprintf(data, sizeof data,
             "{\"status\":\"active\",\"plan\":\"private_cabin\",\"building_id\":\"BLR-1\","
             "\"desk_days\":{\"allowance\":%d,\"used\":%d,\"month\":\"2026-12\"}}",
             allowance, used);
    pull_one("membership", "usr_1", data);
}

static void store_setup(void)
{
    dir = tempdir_new();
    now = T0;
    client = unit_store_open(dir, &now);
    int64_t xmas = mci_days_from_civil(2026, 12, 25) * MCI_MS_PER_DAY - IST_MIN * MINUTE_MS;
    char building[2048];
    snprintf(building, sizeof building,
             "{\"id\":\"BLR-1\",\"currency\":\"INR\",\"zone\":{\"name\":\"Asia/Kolkata\","
             "\"transitions\":[{\"at_ms\":0,\"offset_min\":330,\"abbrev\":\"IST\"}]},"
             "\"hours\":[{\"weekday\":1,\"open_min\":480,\"close_min\":1320},{\"weekday\":2,"
             "\"open_min\":480,\"close_min\":1320},{\"weekday\":3,\"open_min\":480,\"close_min\":"
             "1320},{\"weekday\":4,\"open_min\":480,\"close_min\":1320},{\"weekday\":5,"
             "\"open_min\":480,\"close_min\":1320},{\"weekday\":6,\"open_min\":480,"
             "\"close_min\":1320}],\"booking_window_days\":30,\"blackouts\":[{\"start_ms\":%lld,"
             "\"end_ms\":%lld,\"reason\":\"Christmas\"}],\"desks\":{\"day_price_paise\":60000,"
             "\"day_credits\":4,\"checkin_cutoff_min\":660}}",
             (long long)xmas, (long long)(xmas + MCI_MS_PER_DAY));
    pull_one("building", "BLR-1", building);
    pull_desk("D01", "Quiet zone", "[\"quiet\",\"monitor\"]", "hot", false);
    pull_desk("D02", "Quiet zone", "[\"quiet\"]", "hot", false);
    pull_desk("D03", "Quiet zone", "[\"quiet\",\"monitor\",\"standing\"]", "hot", false);
    pull_desk("D07", "Window bay", "[\"window\",\"monitor\"]", "hot", false);
    pull_desk("D08", "Window bay", "[\"window\",\"standing\"]", "hot", false);
    pull_membership(8, 3);
}

static void store_teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
}

static mc_desk_search *search(const char *date, const char *area, const char *const *features,
                              size_t n)
{
    mc_desk_query q = {NULL, date, area, features, n};
    mc_desk_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_desks_search(client, &q, &s, &err) == MC_OK, "%s", err.message);
    return s;
}

static void assert_names(const mc_desk_search *s, const char *expected)
{
    char got[256] = "";
    for (size_t i = 0; i < s->count; i++) {
        strcat(got, i ? "," : "");
        strcat(got, s->desks[i].name);
    }
    ck_assert_str_eq(got, expected);
}

START_TEST(test_search_filters_and_terms)
{
    pull_busy("BLR-1-D03", "2026-12-07");
    mc_desk_search *s = search("2026-12-07", NULL, NULL, 0);
    assert_names(s, "D01,D02,D07,D08");
    ck_assert_uint_eq(s->taken_count, 1);
    ck_assert_int_eq(s->why_none, MC_RULE_NONE);
    ck_assert_str_eq(s->why_none_message, "");
    ck_assert_int_eq(s->desk_days_left, 5);
    ck_assert_int_eq(s->credits_left, -1);
    ck_assert_int_eq(s->day_credits, 4);
    ck_assert_int_eq(s->day_price.minor, 70800); /* 600 + 18% GST */
    ck_assert_str_eq(s->day_price.currency, "INR");
    ck_assert_str_eq(s->checkin_by.iso8601, "2026-12-07T11:00:00+05:30");
    ck_assert_str_eq(s->checkin_by.label, "IST");
    ck_assert_str_eq(s->desks[2].area, "Window bay");
    ck_assert_uint_eq(s->desks[2].feature_count, 2);
    ck_assert_str_eq(s->desks[2].features[0], "window");
    ck_assert_str_eq(s->desks[2].features[1], "monitor");
    ck_assert_int_eq(s->desks[2].kind, MC_DESK_HOT);
    mc_desk_search_free(s);

    static const char *const monitor[] = {"monitor"};
    static const char *const quiet_standing[] = {"quiet", "standing"};
    s = search("2026-12-07", NULL, monitor, 1);
    assert_names(s, "D01,D07"); /* D03 has a monitor but is taken */
    ck_assert_uint_eq(s->taken_count, 1);
    mc_desk_search_free(s);
    s = search("2026-12-07", "window BAY", NULL, 0);
    assert_names(s, "D07,D08");
    ck_assert_uint_eq(s->taken_count, 0);
    mc_desk_search_free(s);
    s = search("2026-12-07", "Quiet zone", quiet_standing, 2);
    assert_names(s, "");
    ck_assert_int_eq(s->why_none, MC_RULE_TAKEN);
    ck_assert_str_eq(s->why_none_message, "every desk asked for at BLR-1 is taken on 2026-12-07");
    mc_desk_search_free(s);
    s = search("2026-12-07", "Garden side", NULL, 0);
    ck_assert_int_eq(s->why_none, MC_RULE_NO_ROOM);
    ck_assert_uint_eq(s->count, 0);
    mc_desk_search_free(s);

    /* a closed day, a blackout, the past: nothing free, the rule said */
    s = search("2026-12-06", NULL, NULL, 0);
    ck_assert_uint_eq(s->count, 0);
    ck_assert_int_eq(s->why_none, MC_RULE_CLOSED);
    ck_assert_str_eq(s->why_none_message, "BLR-1 is closed on Sundays");
    mc_desk_search_free(s);
    s = search("2026-12-25", NULL, NULL, 0);
    ck_assert_int_eq(s->why_none, MC_RULE_BLACKOUT);
    ck_assert_str_eq(s->why_none_message, "BLR-1 is blacked out on 2026-12-25: Christmas");
    mc_desk_search_free(s);
    now = T0 + 60 * MINUTE_MS; /* 11:00 IST: today's cut-off */
    s = search("2026-12-04", NULL, NULL, 0);
    ck_assert_int_eq(s->why_none, MC_RULE_AFTER_CUTOFF);
    mc_desk_search_free(s);

    /* bad input is named */
    static const char *const unknown[] = {"monitor", "treadmill"};
    mc_desk_query q = {NULL, "2026-12-07", NULL, unknown, 2};
    mc_desk_search *none = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desks_search(client, &q, &none, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "'treadmill' is not a desk feature") != NULL, "%s",
                  err.message);
    ck_assert_ptr_null(none);
    q = (mc_desk_query){NULL, "7 Dec", NULL, NULL, 0};
    ck_assert_int_eq(mc_desks_search(client, &q, &none, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "YYYY-MM-DD") != NULL, "%s", err.message);
    q = (mc_desk_query){"PUNE-9", "2026-12-07", NULL, NULL, 0};
    ck_assert_int_eq(mc_desks_search(client, &q, &none, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_desks_search(client, NULL, &none, &err), MC_ERR_INVALID_ARG);
}
END_TEST

static mc_desk_booking *book(const char *desk, const char *date, mc_desk_payment pay)
{
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_desk_book(client, desk, date, pay, &b, &err) == MC_OK, "%s", err.message);
    return b;
}

START_TEST(test_book_with_plan_offline)
{
    mc_desk_booking *b = book("BLR-1-D07", "2026-12-08", MC_DESK_PAY_PLAN);
    ck_assert_int_eq(strlen(b->id), 36);
    ck_assert_int_eq(b->status, MC_DESK_BOOKING_PENDING);
    ck_assert(b->pending);
    ck_assert_str_eq(b->desk_name, "D07");
    ck_assert_str_eq(b->area, "Window bay");
    ck_assert_str_eq(b->date, "2026-12-08");
    ck_assert_int_eq(b->paid_by, MC_DESK_PAY_PLAN);
    ck_assert_int_eq(b->desk_days, 1);
    ck_assert_int_eq(b->credits, 0);
    ck_assert_str_eq(b->checkin_by.iso8601, "2026-12-08T11:00:00+05:30");
    ck_assert(!b->door_code_ready);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM outbox WHERE kind = 'desk.book' AND entity_id = '%s' AND "
             "json_extract(payload, '$.desk_id') = 'BLR-1-D07' AND json_extract(payload, "
             "'$.date') = '2026-12-08' AND json_extract(payload, '$.pay') = 'plan'",
             b->id);
    ck_assert_int_eq(count_rows(sql), 1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_desk_booking"), 1);

    /* the desk is held here at once, a desk day is spent */
    mc_desk_search *s = search("2026-12-08", NULL, NULL, 0);
    assert_names(s, "D01,D02,D03,D08");
    ck_assert_int_eq(s->desk_days_left, 4);
    mc_desk_search_free(s);
    /* next month's allowance is whole */
    s = search("2027-01-04", NULL, NULL, 0);
    ck_assert_int_eq(s->desk_days_left, 8);
    mc_desk_search_free(s);

    /* one desk a day: refused here, nothing queued */
    mc_desk_booking *again = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(
        mc_desk_book(client, "BLR-1-D01", "2026-12-08", MC_DESK_PAY_PLAN, &again, &err),
        MC_ERR_CONFLICT);
    ck_assert_int_eq(err.rule, MC_RULE_ALREADY_BOOKED);
    ck_assert_str_eq(err.message,
                     "you already have a desk on 2026-12-08 (BLR-1-D07): one desk a day");
    ck_assert_ptr_null(again);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox"), 1);

    mc_desk_booking_list *list = NULL;
    ck_assert_int_eq(mc_desk_bookings_list(client, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, b->id);
    ck_assert_ptr_null(list->next_cursor);
    mc_desk_booking_list_free(list);
    mc_desk_booking_free(b);
}
END_TEST

static void expect_refusal(const char *desk, const char *date, mc_desk_payment pay, mc_status st,
                           mc_rule rule, const char *words)
{
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_book(client, desk, date, pay, &b, &err), st);
    ck_assert_int_eq(err.rule, rule);
    ck_assert_msg(strstr(err.message, words) != NULL, "%s: %s", desk, err.message);
    ck_assert_ptr_null(b);
}

START_TEST(test_local_refusals_keep_nothing)
{
    pull_busy("BLR-1-D03", "2026-12-07");
    expect_refusal("BLR-1-D03", "2026-12-07", MC_DESK_PAY_PLAN, MC_ERR_CONFLICT, MC_RULE_TAKEN,
                   "BLR-1-D03 is taken on 2026-12-07: pick another desk");
    expect_refusal("BLR-1-D01", "2026-12-06", MC_DESK_PAY_PLAN, MC_ERR_CONFLICT, MC_RULE_CLOSED,
                   "closed on Sundays");
    expect_refusal("BLR-1-D01", "2026-12-25", MC_DESK_PAY_PLAN, MC_ERR_CONFLICT, MC_RULE_BLACKOUT,
                   "Christmas");
    expect_refusal("BLR-1-D01", "2026-12-03", MC_DESK_PAY_PLAN, MC_ERR_CONFLICT, MC_RULE_PAST,
                   "in the past");
    expect_refusal("BLR-1-D01", "2027-02-01", MC_DESK_PAY_PLAN, MC_ERR_CONFLICT,
                   MC_RULE_BEYOND_WINDOW, "booking window");
    expect_refusal("BLR-1-D99", "2026-12-07", MC_DESK_PAY_PLAN, MC_ERR_NOT_FOUND, MC_RULE_NONE,
                   "no desk 'BLR-1-D99'");
    expect_refusal("BLR-1-D01", "2026-12-07", MC_DESK_PAY_CREDITS, MC_ERR_FORBIDDEN, MC_RULE_NONE,
                   "company credit plan");
    expect_refusal("BLR-1-D01", "2026-12-7", MC_DESK_PAY_PLAN, MC_ERR_INVALID_ARG, MC_RULE_NONE,
                   "YYYY-MM-DD");
    expect_refusal("BLR-1-D01", "2026-12-07", (mc_desk_payment)9, MC_ERR_INVALID_ARG, MC_RULE_NONE,
                   "pay must be");
    expect_refusal("", "2026-12-07", MC_DESK_PAY_PLAN, MC_ERR_INVALID_ARG, MC_RULE_NONE,
                   "desk_id is required");
    pull_membership(8, 8);
    expect_refusal("BLR-1-D01", "2026-12-07", MC_DESK_PAY_PLAN, MC_ERR_INSUFFICIENT_CREDITS,
                   MC_RULE_NONE, "no desk days left this month (your plan has 8)");
    pull_membership(0, 0);
    expect_refusal("BLR-1-D01", "2026-12-07", MC_DESK_PAY_PLAN, MC_ERR_FORBIDDEN, MC_RULE_NONE,
                   "your plan has no desk days");
    exec("UPDATE account SET company_id = 'CO-1'");
    pull_one("company", "CO-1", "{\"id\":\"CO-1\",\"credit_balance\":3}");
    expect_refusal("BLR-1-D01", "2026-12-07", MC_DESK_PAY_CREDITS, MC_ERR_INSUFFICIENT_CREDITS,
                   MC_RULE_NONE, "needs 4 credits; 3 are left");
    now = T0 + 60 * MINUTE_MS; /* 11:00 IST */
    expect_refusal("BLR-1-D01", "2026-12-04", MC_DESK_PAY_RAZORPAY, MC_ERR_CONFLICT,
                   MC_RULE_AFTER_CUTOFF, "11:00 IST");
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox"), 0);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_desk_booking"), 0);

    /* a dedicated desk's holder may not book a hot one */
    pull_desk("D14", "", "[]", "dedicated", true);
    expect_refusal("BLR-1-D01", "2026-12-07", MC_DESK_PAY_RAZORPAY, MC_ERR_FORBIDDEN, MC_RULE_NONE,
                   "you have your own desk, BLR-1-D14");
    mc_desk *mine = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_mine(client, &mine, &err), MC_OK);
    ck_assert_ptr_nonnull(mine);
    ck_assert_str_eq(mine->name, "D14");
    ck_assert_int_eq(mine->kind, MC_DESK_DEDICATED);
    ck_assert(mine->mine);
    ck_assert_uint_eq(mine->feature_count, 0);
    mc_desk_free(mine);
}
END_TEST

START_TEST(test_credits_and_refusal_on_sync_rolls_back)
{
    exec("UPDATE account SET company_id = 'CO-1'");
    pull_one("company", "CO-1", "{\"id\":\"CO-1\",\"credit_balance\":10}");
    mc_desk_booking *b = book("BLR-1-D01", "2026-12-07", MC_DESK_PAY_CREDITS);
    ck_assert_int_eq(b->credits, 4);
    ck_assert_int_eq(b->desk_days, 0);
    ck_assert_int_eq(b->paid_by, MC_DESK_PAY_CREDITS);
    mc_desk_search *s = search("2026-12-09", NULL, NULL, 0);
    ck_assert_int_eq(s->credits_left, 6);
    mc_desk_search_free(s);
    mc_desk_booking *other = book("BLR-1-D02", "2026-12-09", MC_DESK_PAY_CREDITS);
    s = search("2026-12-09", NULL, NULL, 0);
    ck_assert_int_eq(s->credits_left, 2);
    mc_desk_search_free(s);
    expect_refusal("BLR-1-D03", "2026-12-10", MC_DESK_PAY_CREDITS, MC_ERR_INSUFFICIENT_CREDITS,
                   MC_RULE_NONE, "2 are left");
    /* the company's credits screen counts the queued desk days too */
    mc_credits *credits = NULL;
    mc_error cerr = MC_ERROR_INIT;
    ck_assert_int_eq(mc_credits_get(client, &credits, &cerr), MC_OK);
    ck_assert_int_eq(credits->pending_debit, 8);
    ck_assert_int_eq(credits->balance, 2);
    mc_credits_free(credits);

    /* the server refused the first on sync (someone took the desk first): it is gone, its
     * desk free and its credits back */
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE outbox SET state = 2, error_server_code = 'desk_taken' WHERE entity_id = '%s'",
             b->id);
    exec(sql);
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_bookings_list(client, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, other->id);
    mc_desk_booking_list_free(list);
    s = search("2026-12-07", NULL, NULL, 0);
    assert_names(s, "D01,D02,D03,D07,D08");
    ck_assert_int_eq(s->credits_left, 6);
    mc_desk_search_free(s);
    mc_desk_booking *gone = NULL;
    ck_assert_int_eq(mc_desk_cancel(client, b->id, &gone, &err), MC_ERR_NOT_FOUND);
    mc_desk_booking_free(b);
    mc_desk_booking_free(other);
}
END_TEST

/* A desk booking of the member in server truth, with its credential's secret when given. */
static void pull_booking(const char *id, const char *desk, const char *date, const char *status,
                         const char *credential)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"desk_id\":\"%s\",\"building_id\":\"BLR-1\",\"date\":\"%s\","
             "\"status\":\"%s\",\"paid_by\":\"plan\",\"credits\":0,\"desk_days\":1,"
             "\"amount_paise\":0,\"currency\":\"INR\",\"order_id\":null,"
             "\"hold_expires_at_ms\":null,\"credential_id\":%s%s%s,\"checked_in_at_ms\":null,"
             "\"released_at_ms\":%s,\"cancel_reason\":null,\"created_at_ms\":%lld}",
             id, desk, date, status, credential ? "\"" : "", credential ? credential : "null",
             credential ? "\"" : "", strcmp(status, "released") == 0 ? "1796362200000" : "null",
             (long long)T0);
    pull_one("desk_booking", id, data);
    if (credential != NULL) {
        snprintf(data, sizeof data,
                 "{\"id\":\"%s\",\"kind\":\"desk\",\"building_id\":\"BLR-1\",\"valid_from_ms\":"
                 "%lld,\"valid_until_ms\":%lld,\"desk_booking_id\":\"%s\",\"secret_hex\":"
                 "\"00112233445566778899aabbccddeeff\"}",
                 credential, (long long)T0, (long long)(T0 + MCI_MS_PER_DAY * 10), id);
        pull_one("credential", credential, data);
    }
}

START_TEST(test_cancel_shown_at_once_and_after_cutoff)
{
    pull_booking("dsk_1", "BLR-1-D07", "2026-12-07", "confirmed", "crd_1");
    pull_booking("dsk_2", "BLR-1-D08", "2026-12-04", "confirmed", "crd_2");
    pull_booking("dsk_3", "BLR-1-D01", "2026-12-03", "released", NULL);
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_bookings_list(client, "2026-12-04", &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 2);
    ck_assert_str_eq(list->items[0].id, "dsk_2");
    ck_assert_str_eq(list->items[1].id, "dsk_1");
    ck_assert(list->items[1].door_code_ready);
    ck_assert_str_eq(list->items[1].credential_id, "crd_1");
    ck_assert(!list->items[1].pending);
    mc_desk_booking_list_free(list);

    /* the credential names its booking */
    mc_credential_list *creds = NULL;
    ck_assert_int_eq(mc_credentials_list(client, &creds, &err), MC_OK);
    ck_assert_uint_eq(creds->count, 2);
    ck_assert_int_eq(creds->items[0].kind, MC_CREDENTIAL_DESK);
    ck_assert(strncmp(creds->items[0].desk_booking_id, "dsk_", 4) == 0);
    mc_credential_list_free(creds);

    mc_desk_booking *b = NULL;
    ck_assert_int_eq(mc_desk_cancel(client, "dsk_1", &b, &err), MC_OK);
    ck_assert_int_eq(b->status, MC_DESK_BOOKING_CANCELLED);
    ck_assert(b->pending);
    ck_assert(!b->door_code_ready);
    mc_desk_booking_free(b);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE kind = 'desk.cancel' AND "
                                "entity_id = 'dsk_1'"),
                     1);
    /* the desk it held is shown free here at once (its synced hold goes with the sync) */
    pull_busy("BLR-1-D07", "2026-12-07");
    mc_desk_search *s = search("2026-12-07", "Window bay", NULL, 0);
    assert_names(s, "D07,D08");
    mc_desk_search_free(s);
    ck_assert_int_eq(mc_desk_cancel(client, "dsk_1", NULL, &err), MC_OK); /* already on its way */
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox"), 1);
    /* refused by the server: confirmed again */
    exec("UPDATE outbox SET state = 2, error_server_code = 'after_cutoff'");
    ck_assert_int_eq(mc_desk_bookings_list(client, "2026-12-07", &list, &err), MC_OK);
    ck_assert_int_eq(list->items[0].status, MC_DESK_BOOKING_CONFIRMED);
    ck_assert(!list->items[0].pending);
    mc_desk_booking_list_free(list);
    s = search("2026-12-07", "Window bay", NULL, 0);
    assert_names(s, "D08");
    mc_desk_search_free(s);

    /* today's, at the cut-off: too late, said in the building's time */
    now = T0 + 60 * MINUTE_MS;
    ck_assert_int_eq(mc_desk_cancel(client, "dsk_2", &b, &err), MC_ERR_STATE);
    ck_assert_int_eq(err.rule, MC_RULE_AFTER_CUTOFF);
    ck_assert_str_eq(err.message, "too late to cancel D08 on 2026-12-04: the cut-off was 11:00 IST "
                                  "(after_cutoff)");
    ck_assert_ptr_null(b);
    ck_assert_int_eq(mc_desk_cancel(client, "dsk_3", &b, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "was released") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_desk_cancel(client, "dsk_nobody", &b, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_desk_cancel(client, "dsk/1", &b, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE state != 2"), 0);

    /* released: the instant in the building's time */
    ck_assert_int_eq(mc_desk_bookings_list(client, NULL, &list, &err), MC_OK);
    ck_assert_int_eq(list->items[0].status, MC_DESK_BOOKING_RELEASED);
    ck_assert_str_eq(list->items[0].released_at.iso8601, "2026-12-04T11:00:00+05:30");
    mc_desk_booking_list_free(list);
}
END_TEST

START_TEST(test_pages_and_pending_layered_in_order)
{
    pull_booking("dsk_b", "BLR-1-D07", "2026-12-09", "confirmed", NULL);
    pull_booking("dsk_a", "BLR-1-D08", "2026-12-07", "confirmed", NULL);
    mc_desk_booking *mid = book("BLR-1-D01", "2026-12-08", MC_DESK_PAY_PLAN);
    mc_page page = {.limit = 2, .cursor = NULL};
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_bookings_page(client, NULL, &page, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 2);
    ck_assert_str_eq(list->items[0].id, "dsk_a");
    ck_assert_str_eq(list->items[1].id, mid->id);
    ck_assert(list->items[1].pending);
    ck_assert_ptr_nonnull(list->next_cursor);
    mc_page next = {.limit = 2, .cursor = list->next_cursor};
    mc_desk_booking_list *rest = NULL;
    ck_assert_int_eq(mc_desk_bookings_page(client, NULL, &next, &rest, &err), MC_OK);
    ck_assert_uint_eq(rest->count, 1);
    ck_assert_str_eq(rest->items[0].id, "dsk_b");
    ck_assert_ptr_null(rest->next_cursor);
    mc_desk_booking_list_free(rest);
    mc_desk_booking_list_free(list);
    /* the server's row for it, once pulled, replaces the pending one (no twin) */
    pull_booking(mid->id, "BLR-1-D01", "2026-12-08", "confirmed", NULL);
    ck_assert_int_eq(mc_desk_bookings_list(client, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 3);
    ck_assert(!list->items[1].pending);
    ck_assert_int_eq(list->items[1].status, MC_DESK_BOOKING_CONFIRMED);
    mc_desk_booking_list_free(list);
    ck_assert_int_eq(mc_desk_bookings_list(client, "08-12-2026", &list, &err), MC_ERR_INVALID_ARG);
    mc_desk_booking_free(mid);
}
END_TEST

START_TEST(test_notification_link_names_the_desk_day)
{
    pull_booking("dsk_1", "BLR-1-D07", "2026-12-08", "released", NULL);
    pull_one("notification", "N-1",
             "{\"id\":\"N-1\",\"kind\":\"desk.released\",\"category\":\"bookings\",\"title\":"
             "\"Desk released\",\"body\":\"Desk D07 released: not checked in by 11:00 IST\","
             "\"deep_link\":\"membercore://desks/dsk_1\",\"created_at_ms\":1796362200000,"
             "\"read\":false,\"building_id\":\"BLR-1\"}");
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_notifications_list(client, false, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_int_eq(list->items[0].link_kind, MC_LINK_DESK);
    ck_assert_str_eq(list->items[0].link_id, "dsk_1");
    ck_assert_str_eq(list->items[0].link_text, "opens desk D07 on Tue 8 Dec");
    mc_notification_list_free(list);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("desks");
    TCase *pure = tcase_create("pure");
    tcase_add_test(pure, test_day_rules_and_words);
    tcase_add_test(pure, test_cutoff_and_blackout_instants);
    tcase_add_test(pure, test_feature_words);
    tcase_add_test(pure, test_names);
    suite_add_tcase(s, pure);
    TCase *store = tcase_create("store");
    tcase_add_checked_fixture(store, store_setup, store_teardown);
    tcase_add_test(store, test_search_filters_and_terms);
    tcase_add_test(store, test_book_with_plan_offline);
    tcase_add_test(store, test_local_refusals_keep_nothing);
    tcase_add_test(store, test_credits_and_refusal_on_sync_rolls_back);
    tcase_add_test(store, test_cancel_shown_at_once_and_after_cutoff);
    tcase_add_test(store, test_pages_and_pending_layered_in_order);
    tcase_add_test(store, test_notification_link_names_the_desk_day);
    suite_add_tcase(s, store);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
