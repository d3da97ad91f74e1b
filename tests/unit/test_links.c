/*
 * tests/unit/test_links.c - where a notification's deep link leads: its kind, the item it
 * names, and the words a member reads ("opens invoice INV-2026-0011"); mc_link_parse's
 * strict grammar with good and hostile links; channel and category words. Pure.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/notifications.h>

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
    ck_assert_int_eq(mci_link_parse("membercore://visitors/vis_1", id, sizeof id), MC_LINK_VISITOR);
    ck_assert_str_eq(id, "vis_1");
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_VISITOR), "visitor");
    /* the inbox refuses what mc_link_parse refuses: it is "other", with no item */
    ck_assert_int_eq(mci_link_parse("membercore://events/../billing", id, sizeof id),
                     MC_LINK_OTHER);
    ck_assert_str_eq(id, "");
    ck_assert_int_eq(mci_link_parse("http://example.in/offer", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://events/", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://events/a/b", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("mailto:x@example.in", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("", id, sizeof id), MC_LINK_NONE);
    ck_assert_int_eq(mci_link_parse(NULL, id, sizeof id), MC_LINK_NONE);
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_INVOICE), "invoice");
    ck_assert_str_eq(mc_link_kind_name((mc_link_kind)42), "unknown");
    ck_assert_int_eq(mci_link_parse("membercore://announcements/ann_1", id, sizeof id),
                     MC_LINK_ANNOUNCEMENT);
    ck_assert_str_eq(id, "ann_1");
    ck_assert_int_eq(mci_link_parse("membercore://offers/OFF-BLUE-TOKAI", id, sizeof id),
                     MC_LINK_OFFER);
    ck_assert_str_eq(id, "OFF-BLUE-TOKAI");
    ck_assert_int_eq(mci_link_parse("membercore://offers/", id, sizeof id), MC_LINK_OTHER);
    ck_assert_int_eq(mci_link_parse("membercore://announcements/a/b", id, sizeof id),
                     MC_LINK_OTHER);
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_ANNOUNCEMENT), "announcement");
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_OFFER), "offer");
    ck_assert_str_eq(mc_link_kind_name(MC_LINK_DESK), "desk");
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
    mci_link_words(MC_LINK_ANNOUNCEMENT, "Lift maintenance", "", out, sizeof out);
    ck_assert_str_eq(out, "opens announcement Lift maintenance");
    mci_link_words(MC_LINK_OFFER, "Blue Tokai: 20% off coffee", "", out, sizeof out);
    ck_assert_str_eq(out, "opens offer Blue Tokai: 20% off coffee");
    mci_link_words(MC_LINK_PASS, "pas_1", "", out, sizeof out);
    ck_assert_str_eq(out, "opens day pass pas_1");
    mci_link_words(MC_LINK_TICKET, "T-1001", "", out, sizeof out);
    ck_assert_str_eq(out, "opens ticket T-1001");
    mci_link_words(MC_LINK_VISITOR, "Ravi Kumar", "", out, sizeof out);
    ck_assert_str_eq(out, "opens visitor Ravi Kumar");
    mci_link_words(MC_LINK_WEB, "", "https://example.in/offer", out, sizeof out);
    ck_assert_str_eq(out, "opens https://example.in/offer");
    mci_link_words(MC_LINK_NONE, "", "", out, sizeof out);
    ck_assert_str_eq(out, "");
}
END_TEST

/* Every link the server makes parses to its typed target. */
START_TEST(test_parse_good_links)
{
    static const struct {
        const char *uri;
        mc_link_kind kind;
        const char *id;
    } good[] = {
        {"membercore://bookings/res_0123456789abcdef", MC_LINK_BOOKING, "res_0123456789abcdef"},
        {"membercore://tickets/tkt_1", MC_LINK_TICKET, "tkt_1"},
        {"membercore://billing/invoices/INV-2026-0011", MC_LINK_INVOICE, "INV-2026-0011"},
        {"membercore://events/EVT-BLR-DIWALI", MC_LINK_EVENT, "EVT-BLR-DIWALI"},
        {"membercore://visitors/vis_0123456789abcdef0123456789abcdef", MC_LINK_VISITOR,
         "vis_0123456789abcdef0123456789abcdef"},
        {"membercore://passes/pas_1", MC_LINK_PASS, "pas_1"},
        {"https://example.in", MC_LINK_WEB, ""},
        {"https://example.in/offers/diwali-2026", MC_LINK_WEB, ""},
        {"https://www.example.in:8443/a/b.html", MC_LINK_WEB, ""},
        {"http://127.0.0.1:8080/v1/test/page", MC_LINK_WEB, ""},
        {"http://localhost/offer", MC_LINK_WEB, ""},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        mc_link_target t;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_link_parse(good[i].uri, &t, &err) == MC_OK, "%s: %s", good[i].uri,
                      err.message);
        ck_assert_msg(t.kind == good[i].kind, "%s: kind %s", good[i].uri,
                      mc_link_kind_name(t.kind));
        ck_assert_str_eq(t.id, good[i].id);
    }
    /* an id of exactly 64 characters is the longest */
    char longest[128] = "membercore://events/";
    memset(longest + strlen(longest), 'a', MC_LINK_ID_MAX);
    mc_link_target t;
    ck_assert_int_eq(mc_link_parse(longest, &t, NULL), MC_OK);
    ck_assert_int_eq((int)strlen(t.id), MC_LINK_ID_MAX);
    /* no link is no target, not an error */
    ck_assert_int_eq(mc_link_parse("", &t, NULL), MC_OK);
    ck_assert_int_eq(t.kind, MC_LINK_NONE);
    ck_assert_int_eq(mc_link_parse(NULL, &t, NULL), MC_OK);
    ck_assert_int_eq(t.kind, MC_LINK_NONE);
    ck_assert_str_eq(t.id, "");
    ck_assert_int_eq(mc_link_parse("membercore://events/x", NULL, NULL), MC_ERR_INVALID_ARG);
}
END_TEST

/* A hostile or malformed link is refused with a message naming what was wrong, and the
 * target is left empty (an app that ignores the status routes nowhere). */
START_TEST(test_parse_hostile_links)
{
    char overlong_id[128] = "membercore://events/";
    memset(overlong_id + strlen(overlong_id), 'a', MC_LINK_ID_MAX + 1);
    char *overlong_uri = malloc(MC_LINK_MAX_BYTES + 64);
    strcpy(overlong_uri, "https://example.in/");
    size_t n = strlen(overlong_uri);
    memset(overlong_uri + n, 'a', MC_LINK_MAX_BYTES + 1 - n);
    overlong_uri[MC_LINK_MAX_BYTES + 1] = '\0';
    const struct {
        const char *uri;
        const char *says;
    } bad[] = {
        {"membercore://bookings/res_1?x=1", "query"},
        {"membercore://bookings/res_1#top", "fragment"},
        {"https://example.in/offer?utm=1", "query"},
        {"membercore://bookings/%2e%2e", "percent-escape"},
        {"membercore://bookings/res%5F1", "percent-escape"},
        {"membercore://bookings/../billing/invoices/x", "dot segment"},
        {"membercore://bookings/..", "dot segment"},
        {"membercore://events/./e1", "dot segment"},
        {"https://example.in/a/../b", "dot segment"},
        {"https://user:pw@example.in/", "user info"},
        {"https://evil.example@example.in", "user info"},
        {"membercore://user@bookings/res_1", "user info"},
        {"javascript:alert(1)", "not a membercore:// or https:// link"},
        {"JavaScript://bookings/1", "not a membercore:// or https:// link"},
        {"data:text/html,hi", "not a membercore:// or https:// link"},
        {"file:///etc/passwd", "not a membercore:// or https:// link"},
        {"http://example.in/offer", "not https"},
        {"http://127.0.0.2/", "not https"},
        {"http://localhost.example.in/", "not https"},
        {overlong_id, "longer than 64"},
        {overlong_uri, "longer than 2048 bytes"},
        {"membercore://bookings/", "no id"},
        {"membercore://bookings", "no id"},
        {"membercore://bookings//res_1", "empty id"},
        {"membercore://events/caf\xc3\xa9", "non-ASCII"},
        {"https://ex\xc3\xa4mple.in/", "non-ASCII"},
        {"MEMBERCORE://bookings/res_1", "lower case"},
        {"Https://example.in/", "lower case"},
        {"membercore://Bookings/res_1", "lower case"},
        {"https://EXAMPLE.in/", "host"},
        {"membercore://bookings/res_1/", "ends with a slash"},
        {"https://example.in/offer/", "ends with a slash"},
        {"membercore://bookings/res_1/edit", "more than one id"},
        {"membercore://bookings/res\t1", "control"},
        {"membercore://bookings/res_1\r\nX-Injected: 1", "control"},
        {"membercore://bookings/res_1\x7f", "control"},
        {"membercore://bookings/res 1", "space"},
        {"membercore://bookings/res.1", "A-Z a-z 0-9 _ -"},
        {"membercore://bookings/res\\..\\x", "backslash"},
        {"membercore://lockers/l1", "unknown section"},
        {"membercore://billing/l1", "unknown section"},
        {"https://", "needs a host"},
        {"https:///path", "needs a host"},
        {"https://example..in/", "host"},
        {"https://example.in:99999999/", "host"},
        {"mailto:x@example.in", "not a membercore:// or https:// link"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mc_link_target t;
        memset(&t, 'x', sizeof t);
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_link_parse(bad[i].uri, &t, &err) == MC_ERR_INVALID_ARG,
                      "case %zu accepted", i);
        ck_assert_msg(strstr(err.message, bad[i].says) != NULL, "case %zu: '%s' lacks '%s'", i,
                      err.message, bad[i].says);
        ck_assert_int_eq(t.kind, MC_LINK_NONE);
        ck_assert_str_eq(t.id, "");
    }
    free(overlong_uri);
}
END_TEST

/* Channels and categories from a member's word, both ways. */
START_TEST(test_channel_and_category_words)
{
    mc_channel ch;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_channel_parse("push", &ch, &err), MC_OK);
    ck_assert_int_eq(ch, MC_CHANNEL_PUSH);
    ck_assert_int_eq(mc_channel_parse("EMAIL", &ch, &err), MC_OK);
    ck_assert_int_eq(ch, MC_CHANNEL_EMAIL);
    ck_assert_int_eq(mc_channel_parse("Sms", &ch, &err), MC_OK);
    ck_assert_int_eq(ch, MC_CHANNEL_SMS);
    ck_assert_int_eq(mc_channel_parse("text", &ch, &err), MC_OK);
    ck_assert_int_eq(ch, MC_CHANNEL_SMS);
    ck_assert_int_eq(mc_channel_parse("pigeon", &ch, &err), MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "'pigeon' is not a channel: push, email or sms");
    ck_assert_int_eq(mc_channel_parse(NULL, &ch, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_channel_parse("push", NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_str_eq(mc_channel_name(MC_CHANNEL_PUSH), "push");
    ck_assert_str_eq(mc_channel_name(MC_CHANNEL_EMAIL), "email");
    ck_assert_str_eq(mc_channel_name(MC_CHANNEL_SMS), "sms");
    ck_assert_str_eq(mc_channel_name((mc_channel)7), "unknown");

    mc_notification_category cat;
    static const char *const words[] = {"billing", "Support", "BOOKINGS", "events",
                                        "announcements"};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(mc_notification_category_parse(words[i], &cat, &err), MC_OK);
        ck_assert_int_eq(cat, i + 1);
    }
    ck_assert_int_eq(mc_notification_category_parse("other", &cat, &err), MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "'other' is not a category: billing, support, bookings, "
                                  "events or announcements");
    ck_assert_int_eq(mc_notification_category_parse("", &cat, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_notification_category_parse(NULL, &cat, &err), MC_ERR_INVALID_ARG);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("links");
    TCase *tc = tcase_create("deep links");
    tcase_add_test(tc, test_link_kinds_and_items);
    tcase_add_test(tc, test_link_words);
    tcase_add_test(tc, test_parse_good_links);
    tcase_add_test(tc, test_parse_hostile_links);
    tcase_add_test(tc, test_channel_and_category_words);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
