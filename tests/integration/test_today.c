/*
 * tests/integration/test_today.c - Today against a real memberstub (docs/today-desks-community.md,
 * "Today"): Asha's day after her first sync (who and where from the seed: BLR-1 open 08:00-22:00
 * on a Monday, her cabin, ACME's credits, her plan's desk days, the seeded announcements and
 * offers, one read offline leaving at once); a desk she books offline shows
 * at once as pending and, after the sync, confirmed with its door code on the device; an event
 * the operator adds on the server arrives in a sync whose changed kinds touch Today's
 * depends_on, and Today then lists it, her building first. The stub runs at T0 on its test
 * clock; the client's clock is injected; nothing sleeps.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/announcements.h>
#include <membercore/desks.h>
#include <membercore/membercore.h>
#include <membercore/today.h>

#include "notify_helpers.h"
#include "stub_process.h"
#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA "+919800000001" /* ACME, BLR-1, private cabin "Cabin 1019", 8 desk days */

#define MINUTE_MS 60000LL
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)
/* Monday 4 January 2027, 10:00 in Bengaluru (04:30 UTC). */
#define T0 1799037000000LL

static helper_fixture fx;

static void setup(void)
{
    helper_fixture_start(&fx, T0);
}

static void teardown(void)
{
    notify_fixture_stop(&fx);
}

static mc_today *today(mc_client *c)
{
    mc_today *t = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_today_get(c, &t, &err) == MC_OK, "today: %s", err.message);
    return t;
}

static const mc_today_entry *entry_of(const mc_today *t, mc_today_entry_kind kind)
{
    for (size_t i = 0; i < t->entry_count; i++)
        if (t->entries[i].kind == kind)
            return &t->entries[i];
    return NULL;
}

static bool lists_event(const mc_today *t, const char *id)
{
    for (size_t i = 0; i < t->events->count; i++)
        if (strcmp(t->events->items[i].id, id) == 0)
            return true;
    return false;
}

/* Asha's Today after her first sync: the seed's facts, in BLR-1's time. */
START_TEST(test_asha_after_sync)
{
    mc_client *asha = notify_member(&fx, "asha", ASHA);
    mc_today *t = today(asha);
    ck_assert_str_eq(t->member_name, "Asha Rao");
    ck_assert_str_eq(t->building_id, "BLR-1");
    ck_assert_str_eq(t->building_city, "Bengaluru");
    ck_assert_str_eq(t->date, "2027-01-04");
    ck_assert_int_eq(t->now.hour, 10);
    ck_assert_str_eq(t->now.label, "IST");
    ck_assert(t->open_today);
    ck_assert(t->open_now);
    ck_assert_int_eq(t->opens_at.hour, 8);
    ck_assert_int_eq(t->closes_at.hour, 22);
    ck_assert_ptr_nonnull(t->membership);
    ck_assert_str_eq(t->membership->seat, "Cabin 1019");
    ck_assert_int_ge(t->contract_days_left, 0);
    ck_assert(t->has_credits);
    ck_assert_int_gt(t->credits_monthly, 0);
    ck_assert_int_eq(t->desk_days_allowance, 8);
    ck_assert_int_le(t->desk_days_left, 8);
    ck_assert_ptr_nonnull(t->visitors);
    ck_assert_ptr_nonnull(t->open_tickets);
    ck_assert_ptr_nonnull(t->invoices_due);
    ck_assert_ptr_nonnull(t->announcements);
    /* the seed's: BLR-1's pinned pantry notice, the operator-wide one, BLR-1's water notice;
     * Blue Tokai (every building) and Cult.fit (BLR-1, MUM-1), not Pret (LON-1) */
    ck_assert_uint_eq(t->announcements->count, 3);
    ck_assert_str_eq(t->announcements->items[0].id, "ann_5eed000000000001");
    ck_assert(t->announcements->items[0].pinned);
    ck_assert_int_eq(t->offers_available, 2);
    for (size_t i = 0; i < t->events->count; i++) { /* the next 7 days only */
        ck_assert_int_gt(t->events->items[i].ends_at_ms, T0);
        ck_assert_int_lt(t->events->items[i].starts_at_ms, T0 + 7 * DAY_MS);
    }
    mc_today_free(t);

    /* reading the operator-wide one, offline: it leaves Today at once (the pinned one stays,
     * read or not) */
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_announcement_mark_read(asha, "ann_5eed000000000002", &err), MC_OK);
    ck_assert_int_eq(mc_announcement_mark_read(asha, "ann_5eed000000000001", &err), MC_OK);
    t = today(asha);
    ck_assert_uint_eq(t->announcements->count, 2);
    ck_assert_str_eq(t->announcements->items[0].id, "ann_5eed000000000001");
    ck_assert_str_eq(t->announcements->items[1].id, "ann_5eed000000000003");
    mc_today_free(t);

    /* 21:59 IST still open; 22:00 closed for the night (the client's clock alone) */
    fx.now = T0 + 11 * HOUR_MS + 59 * MINUTE_MS;
    t = today(asha);
    ck_assert(t->open_now);
    mc_today_free(t);
    fx.now = T0 + 12 * HOUR_MS;
    t = today(asha);
    ck_assert(t->open_today);
    ck_assert(!t->open_now);
    mc_today_free(t);
}
END_TEST

/* A desk booked offline is on Today at once, pending, without a door code; the sync confirms
 * it, its credential arrives, and Today shows the code ready and one desk day fewer. */
START_TEST(test_desk_booked_offline_then_confirmed)
{
    mc_client *asha = notify_member(&fx, "asha", ASHA);
    mc_today *before = today(asha);
    int32_t days_before = before->desk_days_left;
    ck_assert_ptr_null(entry_of(before, MC_TODAY_DESK));
    mc_today_free(before);

    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_desk_book(asha, "BLR-1-D07", "2027-01-04", MC_DESK_PAY_PLAN, &b, &err) ==
                      MC_OK,
                  "book: %s", err.message);
    char id[64];
    snprintf(id, sizeof id, "%s", b->id);
    mc_desk_booking_free(b);

    mc_today *t = today(asha);
    const mc_today_entry *desk = entry_of(t, MC_TODAY_DESK);
    ck_assert_ptr_nonnull(desk);
    ck_assert_str_eq(desk->id, id);
    ck_assert(desk->pending);
    ck_assert(!desk->door_code_ready);
    ck_assert_str_eq(desk->title, "Desk D07, Window bay");
    ck_assert_int_eq(t->desk_days_left, days_before - 1);
    mc_today_free(t);

    mc_sync_report report = {0};
    ck_assert_msg(mc_sync_once(asha, &report, &err) == MC_OK, "sync: %s", err.message);
    t = today(asha);
    ck_assert(mc_today_affected(t, report.changed_kinds));
    desk = entry_of(t, MC_TODAY_DESK);
    ck_assert_ptr_nonnull(desk);
    ck_assert(!desk->pending);
    ck_assert_str_eq(desk->status, "confirmed");
    ck_assert_str_ne(desk->credential_id, "");
    ck_assert(desk->door_code_ready);
    ck_assert_int_eq(t->desk_days_left, days_before - 1);
    mc_today_free(t);
}
END_TEST

/* The DATA_CHANGED event a sync sends. */
typedef struct changes {
    uint32_t kinds;
} changes;

static void on_event(void *context, const mc_sync_event *event)
{
    if (event->type == MC_SYNC_EVENT_DATA_CHANGED)
        ((changes *)context)->kinds |= event->kinds;
}

/* An event the operator adds tomorrow at MUM-1 and one at BLR-1 the day after: the sync's
 * event names kinds Today depends on, and Today lists both, BLR-1's first; one a week and a
 * day ahead is not on it. */
START_TEST(test_server_change_reaches_today)
{
    mc_client *asha = notify_member(&fx, "asha", ASHA);
    mc_today *t = today(asha);
    uint32_t depends_on = t->depends_on;
    ck_assert(!mc_today_affected(t, MC_KIND_ROOM_BUSY));
    mc_today_free(t);

    char *mum = helper_create_event_at(fx.stub, "MUM-1", "Mumbai mixer", T0 + DAY_MS,
                                       T0 + DAY_MS + 2 * HOUR_MS, 30);
    char *blr = helper_create_event_at(fx.stub, "BLR-1", "Founders breakfast", T0 + 2 * DAY_MS,
                                       T0 + 2 * DAY_MS + HOUR_MS, 30);
    char *later = helper_create_event_at(fx.stub, "BLR-1", "Next week", T0 + 8 * DAY_MS,
                                         T0 + 8 * DAY_MS + HOUR_MS, 30);
    changes seen = {0};
    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_listener_add(asha, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_IMMEDIATE,
                                          on_event, &seen, &token, &err),
                     MC_OK);
    ck_assert_msg(mc_sync_once(asha, NULL, &err) == MC_OK, "sync: %s", err.message);
    ck_assert_int_eq(mc_sync_listener_remove(asha, token, &err), MC_OK);
    ck_assert(seen.kinds & MC_KIND_EVENT);
    ck_assert(depends_on & seen.kinds);

    t = today(asha);
    ck_assert(mc_today_affected(t, seen.kinds));
    ck_assert(lists_event(t, mum));
    ck_assert(lists_event(t, blr));
    ck_assert(!lists_event(t, later));
    size_t at_blr = t->events->count, at_mum = t->events->count;
    for (size_t i = 0; i < t->events->count; i++) {
        if (strcmp(t->events->items[i].id, blr) == 0)
            at_blr = i;
        if (strcmp(t->events->items[i].id, mum) == 0)
            at_mum = i;
    }
    ck_assert_uint_lt(at_blr, at_mum); /* her building first, though the Mumbai one is sooner */
    mc_today_free(t);
    free(mum);
    free(blr);
    free(later);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("today");
    TCase *tc = tcase_create("today");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_asha_after_sync);
    tcase_add_test(tc, test_desk_booked_offline_then_confirmed);
    tcase_add_test(tc, test_server_change_reaches_today);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
