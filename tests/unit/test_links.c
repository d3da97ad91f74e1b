/*
 * tests/unit/test_links.c - where a notification's deep link leads: its kind, the item it
 * names, and the words a member reads ("opens invoice INV-2026-0011"). Pure.
 */
#include <check.h>
#include <stdlib.h>

#include "community/links.h"

/* The app's links name their item; web and unknown links are kinds of their own. */
START_TEST(test_link_kinds_and_items)
{
    char id[64];
    ck_assert_int_eq(mci_link_parse("membercore://billing/invoices/INV-2026-0011", id, sizeof id),
                     MC_LINK_INVOICE);
    ck_assert_str_eq(id, "INV-2026-0011");
    ck_assert_int_eq(mci_link_parse("membercore://events/EVT-BLR-DIWALI", id, sizeof id),
                     MC_LINK_EVENT);
    ck_assert_str_eq(id, "EVT-BLR-DIWALI");
    ck_assert_int_eq(mci_link_parse("membercore://bookings/res_1", id, sizeof id), MC_LINK_BOOKING);
    ck_assert_int_eq(mci_link_parse("membercore://passes/pas_1", id, sizeof id), MC_LINK_PASS);
    ck_assert_int_eq(mci_link_parse("https://example.in/offer", id, sizeof id), MC_LINK_WEB);
    ck_assert_str_eq(id, "");
    ck_assert_int_eq(mci_link_parse("membercore://tickets/tkt_1", id, sizeof id), MC_LINK_TICKET);
    ck_assert_str_eq(id, "tkt_1");
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_TICKET), "ticket");
    ck_assert_int_eq(mci_link_parse("membercore://tickets/", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://lockers/l1", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://events/", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://events/a/b", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("mailto:x@example.in", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("", id, sizeof id), MC_LINK_NONE);
    ck_assert_int_eq(mci_link_parse(NULL, id, sizeof id), MC_LINK_NONE);
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_INVOICE), "invoice");
    ck_assert_str_eq(mc_link_kind_name((mc_link_kind)42), "unknown");
}
END_TEST

/* In words: what opens, by its number or title; an unknown link by itself. */
START_TEST(test_link_words)
{
    char out[128];
    mci_link_words(MC_LINK_INVOICE, "INV-2026-0011", "", out, sizeof out);
    ck_assert_str_eq(out, "opens invoice INV-2026-0011");
    mci_link_words(MC_LINK_EVENT, "Diwali Meetup", "", out, sizeof out);
    ck_assert_str_eq(out, "opens event Diwali Meetup");
    mci_link_words(MC_LINK_PASS, "pas_1", "", out, sizeof out);
    ck_assert_str_eq(out, "opens day pass pas_1");
    mci_link_words(MC_LINK_TICKET, "T-1001", "", out, sizeof out);
    ck_assert_str_eq(out, "opens ticket T-1001");
    mci_link_words(MC_LINK_WEB, "", "https://example.in/offer", out, sizeof out);
    ck_assert_str_eq(out, "opens https://example.in/offer");
    mci_link_words(MC_LINK_NONE, "", "", out, sizeof out);
    ck_assert_str_eq(out, "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("links");
    TCase *tc = tcase_create("deep links");
    tcase_add_test(tc, test_link_kinds_and_items);
    tcase_add_test(tc, test_link_words);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
