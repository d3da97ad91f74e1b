/*
 * tests/unit/test_sync_rules.c - the sync engine's pure rules: backoff with jitter, the
 * RSVP overlay (server truth + pending intent), and the kind registries.
 */
#include <check.h>
#include <stdlib.h>

#include "community/overlay.h"
#include "sync/backoff.h"
#include "sync/kinds.h"
#include "sync/page_size.h"

/* Backoff doubles from 1 s, caps at 5 min, and jitters within [d/2, d]. */
START_TEST(test_backoff_doubles_with_jitter_and_caps)
{
    ck_assert_int_eq(mci_backoff_ms(1, 0), 500);
    ck_assert_int_eq(mci_backoff_ms(1, 500), 1000);
    ck_assert_int_eq(mci_backoff_ms(1, 501), 500); /* wraps inside the window */
    ck_assert_int_eq(mci_backoff_ms(2, 0), 1000);
    ck_assert_int_eq(mci_backoff_ms(3, 0), 2000);
    ck_assert_int_eq(mci_backoff_ms(0, 0), 500); /* treated as the first failure */
    for (int f = 1; f < 40; f++) {
        for (uint32_t r = 0; r < 5; r++) {
            int64_t d = mci_backoff_ms(f, r * 2654435761u);
            ck_assert_int_le(d, MCI_BACKOFF_CAP_MS);
            ck_assert_int_ge(d, f >= 10 ? MCI_BACKOFF_CAP_MS / 2 : 500);
        }
    }
    ck_assert_int_eq(mci_backoff_ms(30, 0), MCI_BACKOFF_CAP_MS / 2);
}
END_TEST

/* No pending RSVP: the server's word stands. */
/* A page that timed out is asked for again at half the size, never below the floor. */
START_TEST(test_pull_page_halves_after_a_timeout_down_to_a_floor)
{
    mci_page_size size;
    mci_page_size_init(&size);
    ck_assert_int_eq(size.limit, 1000);
    mci_page_size_timed_out(&size);
    ck_assert_int_eq(size.limit, 500);
    mci_page_size_timed_out(&size);
    ck_assert_int_eq(size.limit, 250);
    for (int i = 0; i < 10; i++)
        mci_page_size_timed_out(&size);
    ck_assert_int_eq(size.limit, MCI_PULL_PAGE_MIN);
}
END_TEST

/* The size grows back (doubling) only after pages arrive in a row, up to the maximum. */
START_TEST(test_pull_page_grows_back_after_pages_arrive)
{
    mci_page_size size;
    mci_page_size_init(&size);
    mci_page_size_timed_out(&size);
    mci_page_size_timed_out(&size); /* 250 */
    for (int i = 0; i < MCI_PULL_PAGE_GROW_AFTER - 1; i++)
        mci_page_size_arrived(&size);
    ck_assert_int_eq(size.limit, 250);
    mci_page_size_timed_out(&size); /* a timeout in between starts the count again */
    ck_assert_int_eq(size.limit, 125);
    for (int i = 0; i < MCI_PULL_PAGE_GROW_AFTER; i++)
        mci_page_size_arrived(&size);
    ck_assert_int_eq(size.limit, 250);
    for (int i = 0; i < 10 * MCI_PULL_PAGE_GROW_AFTER; i++)
        mci_page_size_arrived(&size);
    ck_assert_int_eq(size.limit, MCI_PULL_PAGE_MAX);
}
END_TEST

/* Server truth: status and going count; capacity 0 is no limit. */
static mci_rsvp_view overlay(mc_rsvp status, int32_t going, int32_t capacity, bool has_pending,
                             mc_rsvp pending)
{
    mci_rsvp_truth server = {status, going, capacity, 0, 0};
    return mci_rsvp_overlay(&server, has_pending, pending);
}

START_TEST(test_overlay_without_pending_is_server_truth)
{
    mci_rsvp_view v = overlay(MC_RSVP_GOING, 7, 0, false, MC_RSVP_NONE);
    ck_assert_int_eq(v.status, MC_RSVP_GOING);
    ck_assert_int_eq(v.going_count, 7);
    ck_assert(!v.pending);
    mci_rsvp_truth waiting = {MC_RSVP_WAITLISTED, 10, 10, 3, 2};
    v = mci_rsvp_overlay(&waiting, false, MC_RSVP_NONE);
    ck_assert_int_eq(v.status, MC_RSVP_WAITLISTED);
    ck_assert_int_eq(v.waitlist_count, 3);
    ck_assert_int_eq(v.waitlist_position, 2);
    ck_assert_int_eq(v.going_count, 10);
}
END_TEST

/* A pending "going" adds the member to the count once; "not going" takes them off. */
START_TEST(test_overlay_moves_count_only_when_going_changes)
{
    mci_rsvp_view v = overlay(MC_RSVP_NONE, 3, 0, true, MC_RSVP_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_GOING);
    ck_assert_int_eq(v.going_count, 4);
    ck_assert(v.pending);
    v = overlay(MC_RSVP_GOING, 4, 0, true, MC_RSVP_GOING);
    ck_assert_int_eq(v.going_count, 4);
    v = overlay(MC_RSVP_GOING, 4, 0, true, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(v.going_count, 3);
    v = overlay(MC_RSVP_NOT_GOING, 0, 0, true, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(v.going_count, 0);
    v = overlay(MC_RSVP_GOING, 0, 0, true, MC_RSVP_NOT_GOING); /* never below 0 */
    ck_assert_int_eq(v.going_count, 0);
}
END_TEST

/* Full means full unless the member is already going. */
START_TEST(test_overlay_full_event_refuses_new_goers_only)
{
    mci_rsvp_view outsider = {MC_RSVP_NONE, 2, false, 0, 0};
    ck_assert(mci_rsvp_would_overflow(&outsider, 2));
    mci_rsvp_view insider = {MC_RSVP_GOING, 2, false, 0, 0};
    ck_assert(!mci_rsvp_would_overflow(&insider, 2));
    mci_rsvp_view room = {MC_RSVP_NOT_GOING, 1, false, 0, 0};
    ck_assert(!mci_rsvp_would_overflow(&room, 2));
    ck_assert(!mci_rsvp_would_overflow(&outsider, 0)); /* 0: no limit */
}
END_TEST

/* Going to a full event waits in line at its end (pending), the going count unchanged; leaving
 * the line takes the member off it; someone already in line stays where they are. */
START_TEST(test_overlay_full_event_puts_a_new_goer_on_the_waitlist)
{
    mci_rsvp_truth full = {MC_RSVP_NONE, 2, 2, 3, 0};
    mci_rsvp_view v = mci_rsvp_overlay(&full, true, MC_RSVP_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_WAITLISTED);
    ck_assert(v.pending);
    ck_assert_int_eq(v.going_count, 2);
    ck_assert_int_eq(v.waitlist_count, 4);
    ck_assert_int_eq(v.waitlist_position, 4);
    mci_rsvp_truth waiting = {MC_RSVP_WAITLISTED, 2, 2, 3, 1};
    v = mci_rsvp_overlay(&waiting, true, MC_RSVP_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_WAITLISTED);
    ck_assert_int_eq(v.waitlist_position, 1);
    ck_assert_int_eq(v.waitlist_count, 3);
    /* a place is free but others wait: the line comes first */
    mci_rsvp_truth line = {MC_RSVP_NONE, 1, 2, 2, 0};
    v = mci_rsvp_overlay(&line, true, MC_RSVP_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_WAITLISTED);
    ck_assert_int_eq(v.waitlist_position, 3);
    v = mci_rsvp_overlay(&waiting, true, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(v.status, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(v.waitlist_count, 2);
    ck_assert_int_eq(v.waitlist_position, 0);
    ck_assert_int_eq(v.going_count, 2);
}
END_TEST

/* Kinds map to their bits by wire name; unknown names are kept but have no bit. */
START_TEST(test_kind_registry)
{
    ck_assert_uint_eq(mci_kind_bit("event"), MC_KIND_EVENT);
    ck_assert_uint_eq(mci_kind_bit("notification"), MC_KIND_NOTIFICATION);
    ck_assert_uint_eq(mci_kind_bit("spaceship"), 0);
    ck_assert_uint_eq(mci_kind_bit(NULL), 0);
    ck_assert_str_eq(mc_kind_name(MC_KIND_ROOM), "room");
    ck_assert_str_eq(mc_kind_name((mc_kind)(MC_KIND_ROOM | MC_KIND_EVENT)), "unknown");
    const mci_mutation_kind *k = mci_mutation_kind_find("rsvp.set");
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(k->touches, MC_KIND_EVENT | MC_KIND_RSVP);
    ck_assert_ptr_null(mci_mutation_kind_find("rsvp.delete"));
    ck_assert_str_eq(mc_rsvp_name(MC_RSVP_NOT_GOING), "not_going");
    ck_assert_int_eq(mci_rsvp_from_name("going"), MC_RSVP_GOING);
    ck_assert_int_eq(mci_rsvp_from_name("maybe"), MC_RSVP_NONE);
    ck_assert_int_eq(mci_rsvp_from_name("waitlisted"), MC_RSVP_WAITLISTED);
    ck_assert_str_eq(mc_rsvp_name(MC_RSVP_WAITLISTED), "waitlisted");
    ck_assert_str_eq(mc_rsvp_name((mc_rsvp)9), "unknown");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync_rules");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, test_backoff_doubles_with_jitter_and_caps);
    tcase_add_test(tc, test_pull_page_halves_after_a_timeout_down_to_a_floor);
    tcase_add_test(tc, test_pull_page_grows_back_after_pages_arrive);
    tcase_add_test(tc, test_overlay_without_pending_is_server_truth);
    tcase_add_test(tc, test_overlay_moves_count_only_when_going_changes);
    tcase_add_test(tc, test_overlay_full_event_refuses_new_goers_only);
    tcase_add_test(tc, test_overlay_full_event_puts_a_new_goer_on_the_waitlist);
    tcase_add_test(tc, test_kind_registry);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
