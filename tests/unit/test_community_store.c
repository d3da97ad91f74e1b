/*
 * tests/unit/test_community_store.c - issue 13's community reads over a real store, the data
 * arriving through the pull applier: announcements (live by the injected clock, pinned first
 * then newest, unread counts, pages, mark read offline), offers (valid today at the member's
 * building, in scope, redeemed ones last with their code), a GOING RSVP on a full event
 * waiting in line, and the calendar export of bookings, desk days, passes and events.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "tempdir.h"
#include "unit_store.h"

/* Thursday 10 December 2026, 06:30 UTC (12:00 IST). */
#define NOW_MS 1796884200000LL
#define MIN_MS 60000LL
#define DAY_MS 86400000LL

static char *dir;
static int64_t now;
static mc_client *client;

static void setup(void)
{
    dir = tempdir_new();
    now = NOW_MS;
    client = unit_store_open(dir, &now);
}

static void teardown(void)
{
    mc_client_free(client);
    tempdir_free(dir);
}

static void pull(const char *kind, const char *id, const char *data)
{
    unit_store_pull(client, now, kind, id, data);
}

static void pull_announcement(const char *id, const char *building, bool pinned, int64_t published,
                              int64_t expires, bool read)
{
    char data[512], expiry[24] = "null";
    if (expires != 0)
        snprintf(expiry, sizeof expiry, "%lld", (long long)expires);
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"building_id\":%s,\"title\":\"Title %s\",\"body\":\"Body\","
             "\"pinned\":%s,\"published_at_ms\":%lld,\"expires_at_ms\":%s,\"read\":%s}",
             id, building, id, pinned ? "true" : "false", (long long)published, expiry,
             read ? "true" : "false");
    pull("announcement", id, data);
}

static void pull_building_zone(void)
{
    pull("building", "BLR-1",
         "{\"id\":\"BLR-1\",\"name\":\"Koramangala\",\"city\":\"Bengaluru\",\"timezone\":"
         "\"Asia/Kolkata\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":[{\"at_ms\":"
         "1735689600000,\"offset_min\":330,\"abbrev\":\"IST\"}]}}");
}

/* The ids of a list in order, joined by spaces. */
static void ids_of(const mc_announcement_list *list, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < list->count; i++) {
        strncat(out, list->items[i].id, cap - strlen(out) - 1);
        if (i + 1 < list->count)
            strncat(out, " ", cap - strlen(out) - 1);
    }
}

/* Pinned first then newest; an expired one is not listed; expiry is by the client's clock. */
START_TEST(test_announcements_order_expiry_and_unread)
{
    pull_building_zone();
    pull_announcement("A-old-pinned", "\"BLR-1\"", true, NOW_MS - 10 * DAY_MS, 0, true);
    pull_announcement("B-new", "null", false, NOW_MS - 1 * DAY_MS, 0, false);
    pull_announcement("C-expired", "\"BLR-1\"", false, NOW_MS - 2 * DAY_MS, NOW_MS - MIN_MS, false);
    pull_announcement("D-expiring", "\"BLR-1\"", false, NOW_MS - 3 * DAY_MS, NOW_MS + 60 * MIN_MS,
                      false);
    mc_announcement_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_announcements_list(client, &list, &err), MC_OK);
    char ids[256];
    ids_of(list, ids, sizeof ids);
    ck_assert_str_eq(ids, "A-old-pinned B-new D-expiring");
    ck_assert_int_eq(list->unread_count, 2);
    ck_assert(list->items[0].pinned);
    ck_assert(list->items[0].read);
    ck_assert_str_eq(list->items[1].building_id, "");
    ck_assert_int_eq(list->items[0].expires_at_ms, 0);
    ck_assert_int_eq(list->items[0].expires_at.year, 0);
    ck_assert_str_eq(list->items[2].expires_at.label, "IST");
    ck_assert_int_eq(list->items[2].expires_at.hour, 13); /* 07:30 UTC */
    ck_assert_int_eq(list->items[1].published_at.hour, 12);
    ck_assert_ptr_null(list->next_cursor);
    mc_announcement_list_free(list);

    now = NOW_MS + 61 * MIN_MS; /* D has expired since */
    ck_assert_int_eq(mc_announcements_list(client, &list, &err), MC_OK);
    ids_of(list, ids, sizeof ids);
    ck_assert_str_eq(ids, "A-old-pinned B-new");
    ck_assert_int_eq(list->unread_count, 1);
    mc_announcement_list_free(list);
}
END_TEST

/* Pages of one follow the list's order to its end. */
START_TEST(test_announcement_pages_follow_the_order)
{
    pull_announcement("P1", "null", true, NOW_MS - 5 * DAY_MS, 0, false);
    pull_announcement("P2", "null", true, NOW_MS - 6 * DAY_MS, 0, false);
    pull_announcement("N1", "null", false, NOW_MS - 1 * DAY_MS, 0, false);
    pull_announcement("N2", "null", false, NOW_MS - 1 * DAY_MS, 0, false);
    pull_announcement("N3", "null", false, NOW_MS - 9 * DAY_MS, 0, false);
    char seen[256] = "";
    mc_page page = {1, NULL};
    char *cursor = NULL;
    mc_error err = MC_ERROR_INIT;
    for (int i = 0; i < 10; i++) {
        page.cursor = cursor;
        mc_announcement_list *list = NULL;
        ck_assert_int_eq(mc_announcements_page(client, &page, &list, &err), MC_OK);
        ck_assert_int_eq(list->unread_count, 5);
        for (size_t k = 0; k < list->count; k++) {
            strcat(seen, list->items[k].id);
            strcat(seen, " ");
        }
        free(cursor);
        cursor = list->next_cursor ? strdup(list->next_cursor) : NULL;
        mc_announcement_list_free(list);
        if (cursor == NULL)
            break;
    }
    ck_assert_str_eq(seen, "P1 P2 N1 N2 N3 ");
    mc_page bad = {1, "nonsense"};
    mc_announcement_list *list = NULL;
    ck_assert_int_eq(mc_announcements_page(client, &bad, &list, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(list);
}
END_TEST

/* Marking read shows at once (pending) and queues one announcement.read; again, nothing. */
START_TEST(test_announcement_mark_read_offline)
{
    pull_announcement("ANN-1", "null", false, NOW_MS - DAY_MS, 0, false);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_announcement_mark_read(client, "ANN-1", &err), MC_OK);
    ck_assert_int_eq(mc_announcement_mark_read(client, "ANN-1", &err), MC_OK);
    ck_assert_int_eq(unit_store_count(client, "SELECT count(*) FROM outbox WHERE kind = "
                                              "'announcement.read' AND entity_id = 'ANN-1' AND "
                                              "json_extract(payload, '$.announcement_id') = "
                                              "'ANN-1'"),
                     1);
    mc_announcement_list *list = NULL;
    ck_assert_int_eq(mc_announcements_list(client, &list, &err), MC_OK);
    ck_assert(list->items[0].read);
    ck_assert(list->items[0].pending);
    ck_assert_int_eq(list->unread_count, 0);
    mc_announcement_list_free(list);
    ck_assert_int_eq(mc_announcement_mark_read(client, "ANN-404", &err), MC_ERR_NOT_FOUND);
    ck_assert_str_eq(err.message, "no announcement 'ANN-404' (sync to see new ones)");
    ck_assert_int_eq(mc_announcement_mark_read(client, "", &err), MC_ERR_INVALID_ARG);
}
END_TEST

static void pull_offer(const char *id, const char *partner, const char *scope, const char *from,
                       const char *until, const char *kind, const char *redemption)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"partner\":\"%s\",\"title\":\"T %s\",\"description\":\"D\","
             "\"terms\":\"Terms\",\"building_ids\":%s,\"valid_from\":\"%s\",\"valid_until\":"
             "\"%s\",\"code_kind\":\"%s\",\"remaining\":%s,\"redemption\":%s}",
             id, partner, id, scope, from, until, kind, strcmp(kind, "shared") == 0 ? "null" : "3",
             redemption);
    pull("offer", id, data);
}

/* Valid today (10 Dec, building-local) and in BLR-1's scope; redeemed ones after the others. */
START_TEST(test_offers_valid_today_in_scope)
{
    pull_building_zone();
    pull_offer("O-all", "Blue Tokai", "[]", "2026-12-01", "2026-12-31", "shared", "null");
    pull_offer("O-blr", "Cult.fit", "[\"BLR-1\",\"MUM-1\"]", "2026-12-10", "2026-12-10",
               "single_use", "null");
    pull_offer("O-lon", "Pret", "[\"LON-1\"]", "2026-12-01", "2026-12-31", "shared", "null");
    pull_offer("O-ended", "Aaa", "[]", "2026-11-01", "2026-12-09", "shared", "null");
    pull_offer("O-later", "Aaa", "[]", "2026-12-11", "2026-12-31", "shared", "null");
    pull_offer("O-mine", "Aaa", "[]", "2026-12-01", "2026-12-31", "single_use",
               "{\"code\":\"CODE-7\",\"redeemed_at_ms\":1796883200000}");
    mc_offer_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_offers_list(client, &list, &err), MC_OK);
    ck_assert_int_eq(list->count, 3);
    ck_assert_str_eq(list->items[0].id, "O-all");
    ck_assert_str_eq(list->items[1].id, "O-blr");
    ck_assert_str_eq(list->items[2].id, "O-mine");
    ck_assert_int_eq(list->items[0].code_kind, MC_OFFER_SHARED);
    ck_assert_int_eq(list->items[0].remaining, -1);
    ck_assert_int_eq(list->items[0].building_count, 0);
    ck_assert(!list->items[0].redeemed);
    ck_assert_str_eq(list->items[0].code, "");
    ck_assert_int_eq(list->items[1].code_kind, MC_OFFER_SINGLE_USE);
    ck_assert_int_eq(list->items[1].remaining, 3);
    ck_assert_int_eq(list->items[1].building_count, 2);
    ck_assert_str_eq(list->items[1].building_ids[1], "MUM-1");
    ck_assert(list->items[2].redeemed);
    ck_assert_str_eq(list->items[2].code, "CODE-7");
    ck_assert_str_eq(list->items[2].redeemed_at.label, "IST");
    mc_offer_list_free(list);
    /* 18:30 UTC is already 11 December in Bengaluru: the one-day offer is gone */
    now = NOW_MS + 12 * 60 * MIN_MS;
    ck_assert_int_eq(mc_offers_list(client, &list, &err), MC_OK);
    ck_assert_int_eq(list->count, 3);
    ck_assert_str_eq(list->items[0].id, "O-later");
    ck_assert_str_eq(list->items[1].id, "O-all");
    mc_offer_list_free(list);
    /* redeeming needs the server: none is configured here */
    mc_offer *o = NULL;
    ck_assert_int_ne(mc_offer_redeem(client, "O-all", &o, &err), MC_OK);
    ck_assert_ptr_null(o);
    ck_assert_int_eq(mc_offer_redeem(client, "../x", &o, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* Going to a full event waits in line at once (pending); not going leaves it. */
START_TEST(test_rsvp_on_a_full_event_waits_in_line)
{
    pull("event", "EVT-1",
         "{\"id\":\"EVT-1\",\"building_id\":\"BLR-1\",\"title\":\"Founders\",\"description\":"
         "\"\",\"starts_at_ms\":1796983200000,\"ends_at_ms\":1796986800000,\"capacity\":2,"
         "\"going_count\":2,\"waitlist_count\":1}");
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-1", MC_RSVP_GOING, &err), MC_OK);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(client, 0, &events, &err), MC_OK);
    ck_assert_int_eq(events->count, 1);
    ck_assert_int_eq(events->items[0].my_rsvp, MC_RSVP_WAITLISTED);
    ck_assert(events->items[0].pending);
    ck_assert_int_eq(events->items[0].going_count, 2);
    ck_assert_int_eq(events->items[0].waitlist_count, 2);
    ck_assert_int_eq(events->items[0].waitlist_position, 2);
    mc_event_list_free(events);
    /* asking again queues nothing more */
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-1", MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(unit_store_count(client, "SELECT count(*) FROM outbox"), 1);
    /* the server put the member second in line */
    pull("rsvp", "EVT-1",
         "{\"event_id\":\"EVT-1\",\"status\":\"waitlisted\","
         "\"waitlist_position\":2}");
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-1", MC_RSVP_NOT_GOING, &err), MC_OK);
    ck_assert_int_eq(mc_events_page(client, 0, NULL, &events, &err), MC_OK);
    ck_assert_int_eq(events->items[0].my_rsvp, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(events->items[0].waitlist_position, 0);
    mc_event_list_free(events);
}
END_TEST

/* The calendar of what this store holds: a confirmed room booking, a held pass, an event the
 * member is going to, one they are not; a cancelled booking is left out. */
START_TEST(test_calendar_export_from_the_store)
{
    pull_building_zone();
    pull("room", "BLR-1-BOARD",
         "{\"id\":\"BLR-1-BOARD\",\"building_id\":\"BLR-1\",\"name\":\"Boardroom\","
         "\"capacity\":10}");
    pull("reservation", "res_1",
         "{\"id\":\"res_1\",\"room_id\":\"BLR-1-BOARD\",\"building_id\":\"BLR-1\","
         "\"start_ms\":1796970600000,\"end_ms\":1796974200000,\"status\":\"confirmed\"}");
    pull("reservation", "res_2",
         "{\"id\":\"res_2\",\"room_id\":\"BLR-1-BOARD\",\"building_id\":\"BLR-1\","
         "\"start_ms\":1796970600000,\"end_ms\":1796974200000,\"status\":\"cancelled\"}");
    pull("pass", "pas_1",
         "{\"id\":\"pas_1\",\"building_id\":\"BLR-1\",\"date\":\"2026-12-12\",\"status\":"
         "\"held\"}");
    pull("desk_booking", "dbk_1",
         "{\"id\":\"dbk_1\",\"desk_id\":\"BLR-1-D07\",\"building_id\":\"BLR-1\",\"date\":"
         "\"2026-12-14\",\"status\":\"confirmed\",\"paid_by\":\"plan\"}");
    pull("desk_booking", "dbk_2",
         "{\"id\":\"dbk_2\",\"desk_id\":\"BLR-1-D08\",\"building_id\":\"BLR-1\",\"date\":"
         "\"2026-12-11\",\"status\":\"released\",\"paid_by\":\"plan\"}");
    pull("event", "EVT-1",
         "{\"id\":\"EVT-1\",\"building_id\":\"BLR-1\",\"title\":\"Founders, breakfast\","
         "\"description\":\"\",\"starts_at_ms\":1796983200000,\"ends_at_ms\":1796986800000,"
         "\"capacity\":20,\"going_count\":3}");
    pull("rsvp", "EVT-1", "{\"event_id\":\"EVT-1\",\"status\":\"going\"}");
    pull("event", "EVT-3",
         "{\"id\":\"EVT-3\",\"building_id\":\"BLR-1\",\"title\":\"Full\",\"description\":\"\","
         "\"starts_at_ms\":1796983200000,\"ends_at_ms\":1796986800000,\"capacity\":1,"
         "\"going_count\":1}");
    pull("event", "EVT-4",
         "{\"id\":\"EVT-4\",\"building_id\":\"BLR-1\",\"title\":\"Roomy\",\"description\":"
         "\"\",\"starts_at_ms\":1796983200000,\"ends_at_ms\":1796986800000,\"capacity\":9,"
         "\"going_count\":1}");
    mc_error queued = MC_ERROR_INIT;
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-3", MC_RSVP_GOING, &queued), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-4", MC_RSVP_GOING, &queued), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(client, "EVT-1", MC_RSVP_GOING, &queued), MC_OK);
    pull("event", "EVT-2",
         "{\"id\":\"EVT-2\",\"building_id\":\"BLR-1\",\"title\":\"Not me\",\"description\":\"\","
         "\"starts_at_ms\":1796983200000,\"ends_at_ms\":1796986800000,\"capacity\":0,"
         "\"going_count\":3}");
    char *ics = NULL;
    size_t len = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_calendar_export(client, 0, 0, &ics, &len, &err), MC_OK);
    ck_assert_int_eq(len, strlen(ics));
    ck_assert_ptr_nonnull(strstr(ics, "TZID:Asia/Kolkata\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "UID:booking-res_1@membercore\r\nDTSTAMP:20261210T063000Z\r\n"
                                      "DTSTART;TZID=Asia/Kolkata:20261211T120000\r\n"
                                      "DTEND;TZID=Asia/Kolkata:20261211T130000\r\n"
                                      "SUMMARY:Boardroom\\, BLR-1\r\n"
                                      "LOCATION:Koramangala\\, Bengaluru\r\nSTATUS:CONFIRMED\r\n"));
    ck_assert_ptr_null(strstr(ics, "res_2"));
    ck_assert_ptr_nonnull(strstr(ics, "UID:pass-pas_1@membercore\r\nDTSTAMP:20261210T063000Z\r\n"
                                      "DTSTART;VALUE=DATE:20261212\r\nDTEND;VALUE=DATE:20261213\r\n"
                                      "SUMMARY:Day pass\\, BLR-1\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Day pass\\, BLR-1\r\nLOCATION:Koramangala\\, "
                                      "Bengaluru\r\nSTATUS:TENTATIVE\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "UID:desk-dbk_1@membercore\r\nDTSTAMP:20261210T063000Z\r\n"
                                      "DTSTART;VALUE=DATE:20261214\r\nDTEND;VALUE=DATE:20261215\r\n"
                                      "SUMMARY:Desk BLR-1-D07\r\n"));
    ck_assert_ptr_null(strstr(ics, "dbk_2")); /* released */
    ck_assert_ptr_nonnull(strstr(ics, "UID:event-EVT-1@membercore"));
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Founders\\, breakfast\r\n"));
    ck_assert_ptr_null(strstr(ics, "EVT-2"));
    ck_assert_ptr_null(strstr(ics, "EVT-3"));                         /* in line, not going */
    ck_assert_ptr_nonnull(strstr(ics, "UID:event-EVT-4@membercore")); /* queued: tentative */
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Roomy\r\nLOCATION:Koramangala\\, Bengaluru\r\n"
                                      "STATUS:TENTATIVE\r\n"));
    /* going by the server (asked again, nothing queued): confirmed */
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Founders\\, breakfast\r\nLOCATION:Koramangala\\, "
                                      "Bengaluru\r\nSTATUS:CONFIRMED\r\n"));
    mc_calendar_free(ics);
    /* a range that ends before them all */
    ck_assert_int_eq(mc_calendar_export(client, NOW_MS, NOW_MS + DAY_MS / 4, &ics, NULL, &err),
                     MC_OK);
    ck_assert_ptr_null(strstr(ics, "BEGIN:VEVENT"));
    mc_calendar_free(ics);
    ck_assert_int_eq(mc_calendar_export(client, NOW_MS, NOW_MS - 1, &ics, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(ics);
}
END_TEST

/* A notification's link to an announcement or an offer names it as the member knows it. */
START_TEST(test_links_name_announcements_and_offers)
{
    pull_announcement("ANN-7", "null", false, NOW_MS - DAY_MS, 0, false);
    pull_offer("O-all", "Blue Tokai", "[]", "2026-12-01", "2026-12-31", "shared", "null");
    pull("notification", "N-1",
         "{\"id\":\"N-1\",\"category\":\"announcements\",\"title\":\"New\",\"body\":\"B\","
         "\"deep_link\":\"membercore://announcements/ANN-7\",\"created_at_ms\":1796884100000,"
         "\"read\":false,\"kind\":\"announcement\"}");
    pull("notification", "N-2",
         "{\"id\":\"N-2\",\"category\":\"other\",\"title\":\"Perk\",\"body\":\"B\","
         "\"deep_link\":\"membercore://offers/O-all\",\"created_at_ms\":1796884000000,"
         "\"read\":false}");
    pull("notification", "N-3",
         "{\"id\":\"N-3\",\"category\":\"other\",\"title\":\"Gone\",\"body\":\"B\","
         "\"deep_link\":\"membercore://offers/O-gone\",\"created_at_ms\":1796883900000,"
         "\"read\":false}");
    mc_notification_list *inbox = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_notifications_list(client, false, &inbox, &err), MC_OK);
    ck_assert_int_eq(inbox->count, 3);
    ck_assert_int_eq(inbox->items[0].link_kind, MC_LINK_ANNOUNCEMENT);
    ck_assert_str_eq(inbox->items[0].link_id, "ANN-7");
    ck_assert_str_eq(inbox->items[0].link_text, "opens announcement Title ANN-7");
    ck_assert_int_eq(inbox->items[1].link_kind, MC_LINK_OFFER);
    ck_assert_str_eq(inbox->items[1].link_text, "opens offer Blue Tokai: T O-all");
    ck_assert_str_eq(inbox->items[2].link_text, "opens offer O-gone"); /* not on this device */
    mc_notification_list_free(inbox);
    /* a title that already names the partner is not named twice */
    pull("offer", "O-all",
         "{\"id\":\"O-all\",\"partner\":\"Blue Tokai\",\"title\":\"Blue Tokai: 20% off\"}");
    ck_assert_int_eq(mc_notifications_list(client, false, &inbox, &err), MC_OK);
    ck_assert_str_eq(inbox->items[1].link_text, "opens offer Blue Tokai: 20% off");
    mc_notification_list_free(inbox);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("community_store");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_announcements_order_expiry_and_unread);
    tcase_add_test(tc, test_announcement_pages_follow_the_order);
    tcase_add_test(tc, test_announcement_mark_read_offline);
    tcase_add_test(tc, test_offers_valid_today_in_scope);
    tcase_add_test(tc, test_rsvp_on_a_full_event_waits_in_line);
    tcase_add_test(tc, test_calendar_export_from_the_store);
    tcase_add_test(tc, test_links_name_announcements_and_offers);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
