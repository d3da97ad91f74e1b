/*
 * tests/unit/test_today.c - mc_today_get over a real store filled through the pull applier:
 * a member with a contract (days left, seat, credits and desk days, today's bookings, desk
 * and pass with and without their door codes, today's visitors only, open tickets, the next
 * 7 days' events with the member's building first, unread counts, invoices to pay,
 * announcements, offers), the building's hours by the injected clock (open now, closed
 * tonight, closed on Sunday), an on-demand user, and the change signal.
 */
#include <check.h>
#include <cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>
#include <membercore/today.h>

#include "account/account.h"
#include "handle/handle.h"
#include "tempdir.h"
#include "unit_store.h"

/* Thursday 10 December 2026, 06:30 UTC (12:00 IST). */
#define NOW_MS  1796884200000LL
#define HOUR_MS 3600000LL
#define DAY_MS  86400000LL

static char *dir;
static int64_t now;
static mc_client *client;

static void pull(const char *kind, const char *id, const char *data)
{
    unit_store_pull(client, now, kind, id, data);
}

/* The signed-in account replaced by user (the wire user object). */
static void sign_in_as(const char *user)
{
    cJSON *json = cJSON_Parse(user);
    mc_account *account = NULL;
    ck_assert_int_eq(mci_account_from_json(json, &account, NULL), MC_OK);
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(mci_account_save(client->db, account, now, NULL), MC_OK);
    pthread_mutex_unlock(&client->lock);
    mc_account_free(account);
    cJSON_Delete(json);
}

/* BLR-1 in IST, open Monday to Saturday 08:00-20:00, closed on Sunday. */
static void pull_building(void)
{
    pull("building", "BLR-1",
         "{\"id\":\"BLR-1\",\"name\":\"Koramangala\",\"city\":\"Bengaluru\",\"timezone\":"
         "\"Asia/Kolkata\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":[{\"at_ms\":"
         "1735689600000,\"offset_min\":330,\"abbrev\":\"IST\"}]},\"hours\":["
         "{\"weekday\":1,\"open_min\":480,\"close_min\":1200},"
         "{\"weekday\":2,\"open_min\":480,\"close_min\":1200},"
         "{\"weekday\":3,\"open_min\":480,\"close_min\":1200},"
         "{\"weekday\":4,\"open_min\":480,\"close_min\":1200},"
         "{\"weekday\":5,\"open_min\":480,\"close_min\":1200},"
         "{\"weekday\":6,\"open_min\":480,\"close_min\":1200}]}");
}

static void setup(void)
{
    dir = tempdir_new();
    now = NOW_MS;
    client = unit_store_open(dir, &now);
    pull_building();
}

static void teardown(void)
{
    mc_client_free(client);
    tempdir_free(dir);
}

static mc_today *today(void)
{
    mc_today *t = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_today_get(client, &t, &err) == MC_OK, "%s", err.message);
    return t;
}

/* Asha: a member of Acme with a private cabin until 31 March 2027. */
static void pull_member(void)
{
    sign_in_as("{\"id\":\"usr_1\",\"phone\":\"+919800000001\",\"name\":\"Asha Rao\","
               "\"company\":\"Acme\",\"membership\":{\"building_id\":\"BLR-1\","
               "\"company_id\":\"cmp_1\",\"seat\":\"Cabin 1019\"}}");
    pull("company", "cmp_1",
         "{\"id\":\"cmp_1\",\"name\":\"Acme Labs\",\"monthly_credits\":100,"
         "\"credit_balance\":40}");
    pull("membership", "mem_1",
         "{\"id\":\"mem_1\",\"status\":\"active\",\"plan\":\"private_cabin\",\"company_id\":"
         "\"cmp_1\",\"building_id\":\"BLR-1\",\"seat\":\"Cabin 1019\",\"contract_start\":"
         "\"2026-04-01\",\"contract_end\":\"2027-03-31\",\"desk_days\":{\"allowance\":8,"
         "\"used\":2,\"month\":\"2026-12\"}}");
}

static void pull_reservation(const char *id, int64_t start, const char *status)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"room_id\":\"BLR-1-BOARD\",\"building_id\":\"BLR-1\","
             "\"start_ms\":%lld,\"end_ms\":%lld,\"status\":\"%s\"}",
             id, (long long)start, (long long)(start + HOUR_MS), status);
    pull("reservation", id, data);
}

static void pull_visitor(const char *id, const char *date)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"host_user_id\":\"usr_1\",\"building_id\":\"BLR-1\",\"name\":"
             "\"Guest %s\",\"email\":\"g@example.com\",\"date\":\"%s\",\"status\":\"invited\"}",
             id, id, date);
    pull("visitor", id, data);
}

static void pull_event(const char *id, const char *building, int64_t start)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"building_id\":\"%s\",\"title\":\"Event %s\",\"description\":\"\","
             "\"starts_at_ms\":%lld,\"ends_at_ms\":%lld,\"capacity\":20,\"going_count\":3}",
             id, building, id, (long long)start, (long long)(start + HOUR_MS));
    pull("event", id, data);
}

static void pull_invoice(const char *id, const char *status, int64_t due)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"number\":\"MC-%s\",\"status\":\"%s\",\"building_id\":\"BLR-1\","
             "\"issued_at_ms\":%lld,\"due_at_ms\":%lld,\"total_paise\":118000,\"currency\":"
             "\"INR\",\"lines\":[{\"description\":\"Day pass\",\"quantity\":1},"
             "{\"description\":\"Meeting room\",\"quantity\":2}],\"refunds\":[%s]}",
             id, id, status, (long long)(NOW_MS - 10 * DAY_MS), (long long)due,
             strcmp(status, "overdue") == 0
                 ? "{\"id\":\"ref_1\",\"order_id\":\"order_1\",\"amount_paise\":1000,"
                   "\"currency\":\"INR\",\"reason\":\"already_paid\",\"status\":"
                   "\"processed\",\"created_at_ms\":1}"
                 : "");
    pull("invoice", id, data);
}

static void pull_notification(const char *id, const char *category, bool read)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"category\":\"%s\",\"title\":\"T\",\"body\":\"B\","
             "\"created_at_ms\":%lld,\"read\":%s}",
             id, category, (long long)(NOW_MS - HOUR_MS), read ? "true" : "false");
    pull("notification", id, data);
}

static void pull_announcement(const char *id, bool pinned, bool read)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"building_id\":\"BLR-1\",\"title\":\"A %s\",\"body\":\"B\","
             "\"pinned\":%s,\"published_at_ms\":%lld,\"expires_at_ms\":null,\"read\":%s}",
             id, id, pinned ? "true" : "false", (long long)(NOW_MS - DAY_MS),
             read ? "true" : "false");
    pull("announcement", id, data);
}

/* The member's whole day. */
START_TEST(test_member_day)
{
    pull_member();
    pull("room", "BLR-1-BOARD",
         "{\"id\":\"BLR-1-BOARD\",\"building_id\":\"BLR-1\",\"name\":\"Boardroom\","
         "\"capacity\":10}");
    pull_reservation("res_today", NOW_MS + 2 * HOUR_MS, "confirmed");     /* 14:00 IST */
    pull_reservation("res_cancelled", NOW_MS + 3 * HOUR_MS, "cancelled"); /* not shown */
    pull_reservation("res_tomorrow", NOW_MS + DAY_MS, "confirmed");       /* not today */
    pull("pass", "pas_1",
         "{\"id\":\"pas_1\",\"building_id\":\"BLR-1\",\"date\":\"2026-12-10\",\"status\":"
         "\"active\",\"holder_name\":\"\",\"credential_id\":\"crd_pass\"}");
    pull("credential", "crd_pass",
         "{\"id\":\"crd_pass\",\"kind\":\"pass\",\"building_id\":\"BLR-1\",\"valid_from_ms\":"
         "1796841000000,\"valid_until_ms\":1796927400000,\"secret_hex\":\"00112233445566778899"
         "aabbccddeeff00112233445566778899aabbccddeeff\",\"pass_id\":\"pas_1\"}");
    pull("desk", "BLR-1-D07",
         "{\"id\":\"BLR-1-D07\",\"building_id\":\"BLR-1\",\"name\":\"D07\",\"area\":\"Window "
         "bay\",\"features\":[\"window\"],\"kind\":\"hot\",\"mine\":false}");
    pull("desk_booking", "dbk_1",
         "{\"id\":\"dbk_1\",\"desk_id\":\"BLR-1-D07\",\"building_id\":\"BLR-1\",\"date\":"
         "\"2026-12-10\",\"status\":\"confirmed\",\"paid_by\":\"plan\",\"desk_days\":1,"
         "\"credential_id\":\"crd_desk\"}"); /* its credential has not synced: not ready */
    pull_visitor("vis_today", "2026-12-10");
    pull_visitor("vis_tomorrow", "2026-12-11");
    pull_event("EVT-MUM", "MUM-1", NOW_MS + DAY_MS);
    pull_event("EVT-BLR", "BLR-1", NOW_MS + 3 * DAY_MS);
    pull_event("EVT-LATER", "BLR-1", NOW_MS + 9 * DAY_MS);
    pull_invoice("INV-ISSUED", "issued", NOW_MS + 5 * DAY_MS);
    pull_invoice("INV-OVERDUE", "overdue", NOW_MS - 2 * DAY_MS);
    pull_invoice("INV-PAID", "paid", NOW_MS - 3 * DAY_MS);
    pull_notification("N-1", "billing", false);
    pull_notification("N-2", "billing", false);
    pull_notification("N-3", "events", false);
    pull_notification("N-4", "events", true);
    pull_announcement("ANN-PINNED", true, true);
    pull_announcement("ANN-UNREAD", false, false);
    pull_announcement("ANN-READ", false, true);
    pull("offer", "OFF-1",
         "{\"id\":\"OFF-1\",\"partner\":\"Blue Tokai\",\"title\":\"20% off\",\"description\":"
         "\"\",\"terms\":\"\",\"building_ids\":[],\"valid_from\":\"2026-12-01\",\"valid_until\":"
         "\"2026-12-31\",\"code_kind\":\"shared\",\"remaining\":null,\"redemption\":null}");
    pull("ticket", "tkt_open",
         "{\"id\":\"tkt_open\",\"number\":\"T-1\",\"building_id\":\"BLR-1\",\"category_id\":"
         "\"it.wifi\",\"priority\":\"normal\",\"description\":\"Wi-Fi down\",\"location\":null,"
         "\"status\":\"open\",\"created_at_ms\":1796880600000,\"updated_at_ms\":1796880600000,"
         "\"sla\":{\"response_due_ms\":1796881200000,\"resolution_due_ms\":1796884200001,"
         "\"at_risk_from_ms\":1796883480000},\"timeline\":[],\"photos\":[]}");
    pull("ticket", "tkt_done",
         "{\"id\":\"tkt_done\",\"number\":\"T-2\",\"building_id\":\"BLR-1\",\"category_id\":"
         "\"it.wifi\",\"priority\":\"normal\",\"description\":\"d\",\"location\":null,"
         "\"status\":\"resolved\",\"created_at_ms\":1796000000000,\"updated_at_ms\":"
         "1796000000000,\"resolved_at_ms\":1796100000000,\"timeline\":[],\"photos\":[]}");

    mc_today *t = today();
    ck_assert_str_eq(t->date, "2026-12-10");
    ck_assert_int_eq(t->now.hour, 12);
    ck_assert_str_eq(t->now.label, "IST");
    ck_assert_str_eq(t->member_name, "Asha Rao");
    ck_assert_str_eq(t->company_name, "Acme Labs");
    ck_assert_str_eq(t->building_id, "BLR-1");
    ck_assert_str_eq(t->building_name, "Koramangala");
    ck_assert_str_eq(t->building_city, "Bengaluru");
    ck_assert(t->open_today);
    ck_assert(t->open_now);
    ck_assert_int_eq(t->opens_at.hour, 8);
    ck_assert_int_eq(t->closes_at.hour, 20);
    ck_assert_ptr_nonnull(t->membership);
    ck_assert_str_eq(t->membership->plan, "private_cabin");
    ck_assert_str_eq(t->membership->seat, "Cabin 1019");
    ck_assert_int_eq(t->contract_days_left, 111); /* 10 Dec 2026 to 31 Mar 2027 */
    ck_assert(t->has_credits);
    ck_assert_int_eq(t->credits_left, 40);
    ck_assert_int_eq(t->credits_monthly, 100);
    ck_assert_int_eq(t->desk_days_allowance, 8);
    ck_assert_int_eq(t->desk_days_left, 6);

    /* by start: the desk and the pass from the day's start, then the room at 14:00 */
    ck_assert_uint_eq(t->entry_count, 3);
    ck_assert_int_eq(t->entries[0].kind, MC_TODAY_DESK);
    ck_assert_str_eq(t->entries[0].title, "Desk D07, Window bay");
    ck_assert_str_eq(t->entries[0].credential_id, "crd_desk");
    ck_assert(!t->entries[0].door_code_ready);
    ck_assert_int_eq(t->entries[0].start.hour, 0);
    ck_assert_int_eq(t->entries[1].kind, MC_TODAY_PASS);
    ck_assert_str_eq(t->entries[1].id, "pas_1");
    ck_assert_str_eq(t->entries[1].status, "active");
    ck_assert(t->entries[1].door_code_ready);
    ck_assert_int_eq(t->entries[2].kind, MC_TODAY_ROOM);
    ck_assert_str_eq(t->entries[2].title, "Boardroom");
    ck_assert_str_eq(t->entries[2].status, "confirmed");
    ck_assert_int_eq(t->entries[2].start.hour, 14);
    ck_assert_str_eq(mc_today_entry_kind_name(t->entries[2].kind), "room");

    ck_assert_uint_eq(t->visitors->count, 1);
    ck_assert_str_eq(t->visitors->items[0].id, "vis_today");
    ck_assert_uint_eq(t->open_tickets->count, 1);
    ck_assert_str_eq(t->open_tickets->items[0].number, "T-1");
    ck_assert_int_eq(t->open_tickets->items[0].sla, MC_SLA_AT_RISK);
    ck_assert_uint_eq(t->events->count, 2); /* the one 9 days ahead is not on Today */
    ck_assert_str_eq(t->events->items[0].id, "EVT-BLR");
    ck_assert_str_eq(t->events->items[1].id, "EVT-MUM");
    ck_assert_int_eq(t->unread_total, 3);
    ck_assert_int_eq(t->unread_by_category[MC_NOTIFY_BILLING], 2);
    ck_assert_int_eq(t->unread_by_category[MC_NOTIFY_EVENTS], 1);
    ck_assert_uint_eq(t->invoices_due->count, 2);
    ck_assert_str_eq(t->invoices_due->items[0].id, "INV-OVERDUE");
    ck_assert_str_eq(t->invoices_due->items[1].id, "INV-ISSUED");
    ck_assert_uint_eq(t->invoices_due->items[1].line_count, 2);
    ck_assert_str_eq(t->invoices_due->items[1].lines[1].description, "Meeting room");
    ck_assert_uint_eq(t->invoices_due->items[0].refund_count, 1);
    ck_assert_str_eq(t->invoices_due->items[0].refunds[0].id, "ref_1");
    ck_assert_uint_eq(t->invoices_due->items[1].refund_count, 0);
    ck_assert_uint_eq(t->announcements->count, 2);
    ck_assert_str_eq(t->announcements->items[0].id, "ANN-PINNED");
    ck_assert_str_eq(t->announcements->items[1].id, "ANN-UNREAD");
    ck_assert_int_eq(t->offers_available, 1);
    mc_today_free(t);
}
END_TEST

/* Open today but closed at 21:00; closed all Sunday. */
START_TEST(test_building_hours_by_the_clock)
{
    pull_member();
    now = NOW_MS + 9 * HOUR_MS; /* 21:00 IST */
    mc_today *t = today();
    ck_assert(t->open_today);
    ck_assert(!t->open_now);
    mc_today_free(t);
    now = NOW_MS - 4 * HOUR_MS; /* 08:00 IST: opening time */
    t = today();
    ck_assert(t->open_now);
    mc_today_free(t);
    now = NOW_MS + 3 * DAY_MS; /* Sunday 13 December */
    t = today();
    ck_assert_str_eq(t->date, "2026-12-13");
    ck_assert(!t->open_today);
    ck_assert(!t->open_now);
    ck_assert_int_eq(t->opens_at.year, 0);
    mc_today_free(t);
}
END_TEST

/* An on-demand user: no membership, no credits, their pass still on Today; the door code
 * becomes ready when its credential syncs. */
START_TEST(test_on_demand_user)
{
    sign_in_as("{\"id\":\"usr_1\",\"phone\":\"+919800000001\",\"name\":\"Dev Nair\"}");
    pull("pass", "pas_2",
         "{\"id\":\"pas_2\",\"building_id\":\"BLR-1\",\"date\":\"2026-12-10\",\"status\":"
         "\"active\",\"holder_name\":\"\",\"credential_id\":\"crd_2\"}");
    mc_today *t = today();
    ck_assert_ptr_null(t->membership);
    ck_assert_int_eq(t->contract_days_left, -1);
    ck_assert(!t->has_credits);
    ck_assert_int_eq(t->credits_left, 0);
    ck_assert_int_eq(t->desk_days_left, 0);
    ck_assert_str_eq(t->company_name, "");
    ck_assert_str_eq(t->building_id, ""); /* nobody's building: UTC */
    ck_assert_uint_eq(t->entry_count, 1);
    ck_assert_str_eq(t->entries[0].id, "pas_2");
    ck_assert(!t->entries[0].door_code_ready);
    mc_today_free(t);
    pull("credential", "crd_2",
         "{\"id\":\"crd_2\",\"kind\":\"pass\",\"building_id\":\"BLR-1\",\"valid_from_ms\":"
         "1796841000000,\"valid_until_ms\":1796927400000,\"secret_hex\":\"00112233445566778899"
         "aabbccddeeff00112233445566778899aabbccddeeff\",\"pass_id\":\"pas_2\"}");
    t = today();
    ck_assert(t->entries[0].door_code_ready);
    mc_today_free(t);
}
END_TEST

static void pull_pass(const char *id, const char *date, const char *status)
{
    char data[256];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"building_id\":\"BLR-1\",\"date\":\"%s\",\"status\":\"%s\","
             "\"holder_name\":\"Guest %s\",\"credential_id\":\"\"}",
             id, date, status, id);
    pull("pass", id, data);
}

static void pull_desk_booking(const char *id, const char *date, const char *status)
{
    char data[256];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"desk_id\":\"BLR-1-D0%c\",\"building_id\":\"BLR-1\",\"date\":"
             "\"%s\",\"status\":\"%s\",\"paid_by\":\"plan\"}",
             id, id[strlen(id) - 1], date, status);
    pull("desk_booking", id, data);
}

/* Many passes and desk bookings around today: only today's that hold (a released pass, a
 * cancelled desk day left out), read past the first few. */
START_TEST(test_only_todays_passes_and_desk)
{
    pull_member();
    pull_pass("pas_0", "2026-12-09", "active");
    const char *today_ids[] = {"pas_1", "pas_2", "pas_3", "pas_4", "pas_5", "pas_6"};
    for (size_t i = 0; i < 6; i++)
        pull_pass(today_ids[i], "2026-12-10", i == 2 ? "released" : "held");
    pull_pass("pas_9", "2026-12-11", "active");
    pull_desk_booking("dbk_1", "2026-12-09", "confirmed");
    for (int i = 2; i <= 6; i++) {
        char id[8];
        snprintf(id, sizeof id, "dbk_%d", i);
        pull_desk_booking(id, "2026-12-10", i == 6 ? "confirmed" : "cancelled");
    }
    pull_desk_booking("dbk_7", "2026-12-11", "confirmed");
    mc_today *t = today();
    ck_assert_uint_eq(t->entry_count, 6); /* five passes and one desk */
    size_t passes = 0;
    for (size_t i = 0; i < t->entry_count; i++) {
        if (t->entries[i].kind == MC_TODAY_DESK) {
            ck_assert_str_eq(t->entries[i].id, "dbk_6");
        } else {
            ck_assert_int_eq(t->entries[i].kind, MC_TODAY_PASS);
            ck_assert_str_ne(t->entries[i].id, "pas_3");
            ck_assert_str_eq(t->entries[i].status, "held");
            passes++;
        }
    }
    ck_assert_uint_eq(passes, 5);
    mc_today_free(t);
}
END_TEST

/* depends_on names what Today reads; a change elsewhere does not touch it. */
START_TEST(test_affected_by_the_kinds_it_reads)
{
    mc_today *t = today();
    uint32_t read[] = {MC_KIND_RESERVATION,  MC_KIND_PASS,         MC_KIND_CREDENTIAL,
                       MC_KIND_DESK_BOOKING, MC_KIND_VISITOR,      MC_KIND_TICKET,
                       MC_KIND_EVENT,        MC_KIND_RSVP,         MC_KIND_NOTIFICATION,
                       MC_KIND_INVOICE,      MC_KIND_MEMBERSHIP,   MC_KIND_COMPANY,
                       MC_KIND_BUILDING,     MC_KIND_ANNOUNCEMENT, MC_KIND_OFFER};
    for (size_t i = 0; i < sizeof read / sizeof *read; i++)
        ck_assert_msg(mc_today_affected(t, read[i]), "kind %u", read[i]);
    ck_assert(!mc_today_affected(t, MC_KIND_ROOM_BUSY | MC_KIND_DESK_BUSY));
    ck_assert(!mc_today_affected(t, MC_KIND_NOTIFICATION_PREFS));
    ck_assert(!mc_today_affected(t, 0));
    ck_assert(mc_today_affected(NULL, 0));
    ck_assert_str_eq(mc_today_entry_kind_name(MC_TODAY_DESK), "desk");
    ck_assert_str_eq(mc_today_entry_kind_name(MC_TODAY_PASS), "pass");
    ck_assert_str_eq(mc_today_entry_kind_name((mc_today_entry_kind)42), "unknown");
    mc_today_free(t);
    mc_today_free(NULL);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_today_get(NULL, &t, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_today_get(client, NULL, &err), MC_ERR_INVALID_ARG);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("today");
    TCase *tc = tcase_create("today");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_member_day);
    tcase_add_test(tc, test_building_hours_by_the_clock);
    tcase_add_test(tc, test_on_demand_user);
    tcase_add_test(tc, test_only_todays_passes_and_desk);
    tcase_add_test(tc, test_affected_by_the_kinds_it_reads);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
