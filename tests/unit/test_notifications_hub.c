/*
 * tests/unit/test_notifications_hub.c - the notifications hub on this device, offline: mark
 * all (or a category) read at once in the inbox and its counts with one queued write, a
 * notification that arrives meanwhile staying unread; preferences (the server's defaults
 * before they sync, the synced ones, this device's queued changes on top, no-op changes
 * queueing nothing, bad values refused); pruning old read notifications without ever losing
 * an unread one or one with a queued read; a notification's kind and urgency; unregistering
 * the push token.
 *
 * A real client on a real SQLite file; server data arrives through the pull applier, as sync
 * brings it; the client's clock is the test's.
 */
#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "account/session.h"
#include "handle/handle.h"
#include "tempdir.h"
#include "unit_store.h"

#define NOW_MS 1799000000000LL
#define DAY_MS 86400000LL

static char *dir;
static int64_t now;
static mc_client *client;

/* One change through the pull path, as sync applies it. */
static void pull_one(const char *kind, const char *id, const char *data)
{
    unit_store_pull(client, now, kind, id, data);
}

/* A notification made age_ms before NOW_MS. */
static void pull_notification(const char *id, const char *category, int64_t age_ms, bool read,
                              const char *kind, bool urgent)
{
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"category\":\"%s\",\"title\":\"T %s\",\"body\":\"B\","
             "\"deep_link\":\"membercore://visitors/vis_1\",\"created_at_ms\":%lld,"
             "\"read\":%s,\"kind\":\"%s\",\"urgent\":%s}",
             id, category, id, (long long)(NOW_MS - age_ms), read ? "true" : "false", kind,
             urgent ? "true" : "false");
    pull_one("notification", id, data);
}

static void setup(void)
{
    dir = tempdir_new();
    now = NOW_MS;
    client = unit_store_open(dir, &now);
}

static void teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
}

/* The outbox rows of one kind; the last one's payload into *payload (caller frees) if asked. */
static int queued(const char *kind, cJSON **payload)
{
    mc_mutation_list *list = NULL;
    ck_assert_int_eq(mc_outbox_list(client, &list, NULL), MC_OK);
    int n = 0;
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].kind, kind) == 0) {
            n++;
            if (payload != NULL) {
                cJSON_Delete(*payload);
                *payload = cJSON_Parse(list->items[i].payload);
            }
        }
    mc_mutation_list_free(list);
    return n;
}

static mc_notification_list *inbox(bool unread_only)
{
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notifications_page(client, unread_only, NULL, &list, &err) == MC_OK, "%s",
                  err.message);
    return list;
}

static const mc_notification *find(const mc_notification_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

/* Mark all read: every unread one reads read and pending at once, in the list, the pages and
 * the counts, with one queued write up to the newest one here; one arriving after stays
 * unread; marking again with nothing unread queues nothing. */
START_TEST(test_mark_all_read_at_once_and_one_arriving_meanwhile)
{
    pull_notification("N-1", "billing", 3 * 60000, false, "invoice.generated", false);
    pull_notification("N-2", "events", 2 * 60000, false, "event.updated", false);
    pull_notification("N-3", "support", 1 * 60000, true, "ticket.reply", false);
    mc_notification_list *before = inbox(false);
    ck_assert_int_eq(before->unread_total, 2);
    mc_notification_list_free(before);

    int32_t marked = -1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notifications_mark_all_read(client, true, MC_NOTIFY_OTHER, &marked, &err) ==
                      MC_OK,
                  "%s", err.message);
    ck_assert_int_eq(marked, 2);
    cJSON *payload = NULL;
    ck_assert_int_eq(queued("notification.read_all", &payload), 1);
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(payload, "category")));
    ck_assert_int_eq((int64_t)cJSON_GetObjectItem(payload, "up_to_ms")->valuedouble,
                     NOW_MS - 60000);
    cJSON_Delete(payload);

    mc_notification_list *after = inbox(false);
    ck_assert_int_eq(after->unread_total, 0);
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        ck_assert_int_eq(after->unread_by_category[c], 0);
    ck_assert(find(after, "N-1")->read && find(after, "N-1")->pending);
    ck_assert(find(after, "N-2")->read && find(after, "N-2")->pending);
    ck_assert(find(after, "N-3")->read && !find(after, "N-3")->pending);
    mc_notification_list_free(after);
    mc_notification_list *unread = inbox(true);
    ck_assert_uint_eq(unread->count, 0);
    mc_notification_list_free(unread);
    mc_notification_list *whole = NULL;
    ck_assert_int_eq(mc_notifications_list(client, true, &whole, NULL), MC_OK);
    ck_assert_uint_eq(whole->count, 0);
    mc_notification_list_free(whole);

    /* marking one of them read again queues nothing: it already reads read */
    ck_assert_int_eq(mc_notification_mark_read(client, "N-1", NULL), MC_OK);
    ck_assert_int_eq(queued("notification.read", NULL), 0);
    /* nothing unread: nothing queued */
    ck_assert_int_eq(mc_notifications_mark_all_read(client, true, MC_NOTIFY_OTHER, &marked, NULL),
                     MC_OK);
    ck_assert_int_eq(marked, 0);
    ck_assert_int_eq(queued("notification.read_all", NULL), 1);

    /* one arriving now (made after the newest seen) stays unread */
    now += 1000;
    pull_notification("N-4", "events", -1000, false, "event.reminder", false);
    unread = inbox(true);
    ck_assert_uint_eq(unread->count, 1);
    ck_assert_str_eq(unread->items[0].id, "N-4");
    ck_assert_int_eq(unread->unread_total, 1);
    ck_assert_int_eq(unread->unread_by_category[MC_NOTIFY_EVENTS], 1);
    mc_notification_list_free(unread);
}
END_TEST

/* Mark a category read: only that category's, with its name in the write; the others stay
 * unread; a single pending read inside the covered range is not counted twice. */
START_TEST(test_mark_category_read)
{
    pull_notification("B-1", "billing", 5 * 60000, false, "invoice.due_soon", false);
    pull_notification("B-2", "billing", 4 * 60000, false, "invoice.overdue", false);
    pull_notification("E-1", "events", 3 * 60000, false, "event.updated", false);
    pull_notification("V-1", "bookings", 2 * 60000, false, "visitor.arrived", true);
    ck_assert_int_eq(mc_notification_mark_read(client, "B-1", NULL), MC_OK);
    int32_t marked = -1;
    ck_assert_int_eq(
        mc_notifications_mark_all_read(client, false, MC_NOTIFY_BILLING, &marked, NULL), MC_OK);
    ck_assert_int_eq(marked, 1); /* B-1 already read pending */
    cJSON *payload = NULL;
    ck_assert_int_eq(queued("notification.read_all", &payload), 1);
    ck_assert_str_eq(cJSON_GetObjectItem(payload, "category")->valuestring, "billing");
    ck_assert_int_eq((int64_t)cJSON_GetObjectItem(payload, "up_to_ms")->valuedouble,
                     NOW_MS - 4 * 60000);
    cJSON_Delete(payload);
    mc_notification_list *list = inbox(false);
    ck_assert_int_eq(list->unread_total, 2);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_BILLING], 0);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_EVENTS], 1);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_BOOKINGS], 1);
    ck_assert(find(list, "B-2")->read && find(list, "B-2")->pending);
    ck_assert(!find(list, "E-1")->read);
    /* kind and urgency come with each item */
    ck_assert_str_eq(find(list, "V-1")->kind, "visitor.arrived");
    ck_assert(find(list, "V-1")->urgent);
    ck_assert_str_eq(find(list, "E-1")->kind, "event.updated");
    ck_assert(!find(list, "E-1")->urgent);
    ck_assert_int_eq(find(list, "V-1")->link_kind, MC_LINK_VISITOR);
    ck_assert_str_eq(find(list, "V-1")->link_text, "opens visitor vis_1");
    mc_notification_list_free(list);
    mc_notification_list *unread = inbox(true);
    ck_assert_uint_eq(unread->count, 2);
    ck_assert_str_eq(unread->items[0].id, "V-1");
    ck_assert_str_eq(unread->items[1].id, "E-1");
    mc_notification_list_free(unread);

    /* newer billing ones: above the mark, they count unless marked one by one */
    pull_notification("B-3", "billing", 60000, false, "invoice.generated", false);
    pull_notification("B-4", "billing", 30000, false, "invoice.generated", false);
    ck_assert_int_eq(mc_notification_mark_read(client, "B-3", NULL), MC_OK);
    list = inbox(false);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_BILLING], 1);
    ck_assert_int_eq(list->unread_total, 3);
    ck_assert(!find(list, "B-4")->read);
    ck_assert(find(list, "B-3")->read && find(list, "B-3")->pending);
    mc_notification_list_free(list);

    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_notifications_mark_all_read(client, false, MC_NOTIFY_OTHER, NULL, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(
        mc_notifications_mark_all_read(client, false, (mc_notification_category)9, NULL, &err),
        MC_ERR_INVALID_ARG);
}
END_TEST

/* A visitor's name names the visitor link once the visitor is on this device. */
START_TEST(test_visitor_link_named)
{
    pull_one("visitor", "vis_1",
             "{\"id\":\"vis_1\",\"host_user_id\":\"usr_1\",\"building_id\":\"BLR-1\","
             "\"name\":\"Ravi Kumar\",\"email\":\"ravi@example.com\",\"date\":\"2026-12-07\","
             "\"status\":\"arrived\"}");
    pull_notification("V-1", "bookings", 60000, false, "visitor.arrived", true);
    mc_notification_list *list = inbox(false);
    ck_assert_str_eq(list->items[0].link_text, "opens visitor Ravi Kumar");
    ck_assert_str_eq(list->items[0].link_id, "vis_1");
    mc_notification_list_free(list);
}
END_TEST

/* A booking's link names its room and start in the building's time, a day pass's its day
 * and building; link_id stays the id an app routes with, and one not on this device reads
 * as its id. */
START_TEST(test_booking_and_pass_links_named)
{
    pull_one("building", "BLR-1",
             "{\"id\":\"BLR-1\",\"name\":\"Koramangala\",\"zone\":{\"name\":\"Asia/Kolkata\","
             "\"transitions\":[{\"at_ms\":0,\"offset_min\":330,\"abbrev\":\"IST\"}]}}");
    pull_one("room", "rm_1", "{\"id\":\"rm_1\",\"building_id\":\"BLR-1\",\"name\":\"Boardroom\"}");
    /* Mon 7 Dec 2026 10:30 UTC is 16:00 IST */
    pull_one("reservation", "bkg_1",
             "{\"id\":\"bkg_1\",\"room_id\":\"rm_1\",\"building_id\":\"BLR-1\","
             "\"start_ms\":1796639400000,\"end_ms\":1796643000000,\"status\":\"confirmed\"}");
    pull_one("pass", "pas_1",
             "{\"id\":\"pas_1\",\"building_id\":\"BLR-1\",\"date\":\"2026-12-08\","
             "\"holder\":{\"name\":\"Asha\",\"email\":\"asha@example.com\"},\"status\":\"paid\"}");
    const char *links[] = {"membercore://bookings/bkg_1", "membercore://passes/pas_1",
                           "membercore://bookings/bkg_elsewhere"};
    for (int i = 0; i < 3; i++) {
        char id[16], data[512];
        snprintf(id, sizeof id, "L-%d", i);
        snprintf(data, sizeof data,
                 "{\"id\":\"%s\",\"category\":\"bookings\",\"title\":\"T\",\"body\":\"B\","
                 "\"deep_link\":\"%s\",\"created_at_ms\":%lld,\"read\":false,"
                 "\"kind\":\"booking.confirmed\",\"urgent\":false}",
                 id, links[i], (long long)(NOW_MS - 60000 * (i + 1)));
        pull_one("notification", id, data);
    }
    mc_notification_list *list = inbox(false);
    ck_assert_uint_eq(list->count, 3);
    ck_assert_int_eq(list->items[0].link_kind, MC_LINK_BOOKING);
    ck_assert_str_eq(list->items[0].link_id, "bkg_1");
    ck_assert_str_eq(list->items[0].link_text, "opens booking Boardroom, Mon 7 Dec 16:00 IST");
    ck_assert_int_eq(list->items[1].link_kind, MC_LINK_PASS);
    ck_assert_str_eq(list->items[1].link_id, "pas_1");
    ck_assert_str_eq(list->items[1].link_text, "opens day pass for Tue 8 Dec at Koramangala");
    ck_assert_str_eq(list->items[2].link_id, "bkg_elsewhere");
    ck_assert_str_eq(list->items[2].link_text, "opens booking bkg_elsewhere");
    mc_notification_list_free(list);
}
END_TEST

/* Before they sync: the server's documented defaults, with what always reaches and why. */
START_TEST(test_prefs_defaults_before_sync)
{
    mc_notification_prefs p;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notification_prefs_get(client, &p, &err) == MC_OK, "%s", err.message);
    ck_assert(!p.synced);
    ck_assert(p.on[MC_NOTIFY_BILLING][MC_CHANNEL_PUSH] &&
              p.on[MC_NOTIFY_BILLING][MC_CHANNEL_EMAIL]);
    ck_assert(!p.on[MC_NOTIFY_BILLING][MC_CHANNEL_SMS]);
    ck_assert(p.on[MC_NOTIFY_SUPPORT][MC_CHANNEL_EMAIL]);
    ck_assert(p.on[MC_NOTIFY_BOOKINGS][MC_CHANNEL_PUSH] &&
              !p.on[MC_NOTIFY_BOOKINGS][MC_CHANNEL_EMAIL]);
    ck_assert(!p.on[MC_NOTIFY_EVENTS][MC_CHANNEL_EMAIL]);
    ck_assert(!p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_SMS]);
    for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
        ck_assert(!p.on[MC_NOTIFY_OTHER][ch]);
    ck_assert(p.quiet_enabled);
    ck_assert_int_eq(p.quiet_from_min, 1320);
    ck_assert_int_eq(p.quiet_to_min, 420);
    ck_assert(!p.quiet_pending);
    ck_assert_str_eq(p.quiet_zone_label, "UTC"); /* no building known on this device */
    ck_assert_str_eq(p.always[MC_NOTIFY_BOOKINGS], "Visitor arrivals always reach you (someone "
                                                   "is waiting for you at reception)");
    ck_assert_str_eq(p.always[MC_NOTIFY_BILLING],
                     "Payment confirmations always reach you (they are your receipt)");
    ck_assert_ptr_null(p.always[MC_NOTIFY_EVENTS]);
    ck_assert_ptr_null(p.always[MC_NOTIFY_OTHER]);
}
END_TEST

/* Synced preferences, then changes made offline on top (pending) with one write per cell;
 * setting what a cell already shows queues nothing. */
START_TEST(test_prefs_synced_and_changed_offline)
{
    pull_one("notification_prefs", "usr_1",
             "{\"channels\":{\"billing\":{\"push\":false,\"email\":true,\"sms\":true},"
             "\"support\":{\"push\":true,\"email\":false,\"sms\":false},"
             "\"bookings\":{\"push\":true,\"email\":false,\"sms\":false},"
             "\"events\":{\"push\":true,\"email\":false,\"sms\":false},"
             "\"announcements\":{\"push\":false,\"email\":false,\"sms\":false}},"
             "\"quiet_hours\":{\"enabled\":false,\"from_min\":1380,\"to_min\":360},"
             "\"updated_at_ms\":1}");
    mc_notification_prefs p;
    ck_assert_int_eq(mc_notification_prefs_get(client, &p, NULL), MC_OK);
    ck_assert(p.synced);
    ck_assert(!p.on[MC_NOTIFY_BILLING][MC_CHANNEL_PUSH] && p.on[MC_NOTIFY_BILLING][MC_CHANNEL_SMS]);
    ck_assert(!p.on[MC_NOTIFY_SUPPORT][MC_CHANNEL_EMAIL]);
    ck_assert(!p.quiet_enabled);
    ck_assert_int_eq(p.quiet_from_min, 1380);

    /* what it already is: nothing queued */
    ck_assert_int_eq(
        mc_notification_pref_set(client, MC_NOTIFY_BILLING, MC_CHANNEL_SMS, true, NULL), MC_OK);
    ck_assert_int_eq(mc_notification_quiet_hours_set(client, false, 1380, 360, NULL), MC_OK);
    ck_assert_int_eq(
        queued("notification_prefs.set", NULL) + queued("notification_prefs.quiet_hours", NULL), 0);

    ck_assert_int_eq(
        mc_notification_pref_set(client, MC_NOTIFY_EVENTS, MC_CHANNEL_PUSH, false, NULL), MC_OK);
    ck_assert_int_eq(
        mc_notification_pref_set(client, MC_NOTIFY_SUPPORT, MC_CHANNEL_EMAIL, true, NULL), MC_OK);
    ck_assert_int_eq(mc_notification_quiet_hours_set(client, true, 1320, 420, NULL), MC_OK);
    cJSON *payload = NULL;
    ck_assert_int_eq(queued("notification_prefs.set", &payload), 2);
    ck_assert_str_eq(cJSON_GetObjectItem(payload, "category")->valuestring, "support");
    ck_assert_str_eq(cJSON_GetObjectItem(payload, "channel")->valuestring, "email");
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(payload, "enabled")));
    ck_assert_int_eq(queued("notification_prefs.quiet_hours", &payload), 1);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(payload, "enabled")));
    ck_assert_int_eq(cJSON_GetObjectItem(payload, "from_min")->valueint, 1320);
    ck_assert_int_eq(cJSON_GetObjectItem(payload, "to_min")->valueint, 420);
    cJSON_Delete(payload);

    ck_assert_int_eq(mc_notification_prefs_get(client, &p, NULL), MC_OK);
    ck_assert(!p.on[MC_NOTIFY_EVENTS][MC_CHANNEL_PUSH] &&
              p.pending[MC_NOTIFY_EVENTS][MC_CHANNEL_PUSH]);
    ck_assert(p.on[MC_NOTIFY_SUPPORT][MC_CHANNEL_EMAIL]);
    ck_assert(p.pending[MC_NOTIFY_SUPPORT][MC_CHANNEL_EMAIL]);
    ck_assert(!p.pending[MC_NOTIFY_BILLING][MC_CHANNEL_SMS]);
    ck_assert(p.quiet_enabled && p.quiet_pending);
    ck_assert_int_eq(p.quiet_from_min, 1320);

    /* switching it back is a change of its own (the last one wins on the server) */
    ck_assert_int_eq(
        mc_notification_pref_set(client, MC_NOTIFY_EVENTS, MC_CHANNEL_PUSH, true, NULL), MC_OK);
    ck_assert_int_eq(queued("notification_prefs.set", NULL), 3);
    ck_assert_int_eq(mc_notification_prefs_get(client, &p, NULL), MC_OK);
    ck_assert(p.on[MC_NOTIFY_EVENTS][MC_CHANNEL_PUSH]);
}
END_TEST

/* Bad values are refused with what was wrong, and nothing is queued. */
START_TEST(test_prefs_refusals)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(
        mc_notification_pref_set(client, MC_NOTIFY_OTHER, MC_CHANNEL_PUSH, false, &err),
        MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "nothing is sent in other"));
    ck_assert_int_eq(mc_notification_pref_set(client, MC_NOTIFY_EVENTS, (mc_channel)3, false, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_notification_quiet_hours_set(client, true, 600, 600, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.message, "quiet hours must start and end at different times (both 10:00)");
    ck_assert_int_eq(mc_notification_quiet_hours_set(client, true, -1, 600, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_notification_quiet_hours_set(client, true, 0, 1440, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_notification_prefs_get(client, NULL, &err), MC_ERR_INVALID_ARG);
    mc_mutation_list *list = NULL;
    ck_assert_int_eq(mc_outbox_list(client, &list, NULL), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    mc_mutation_list_free(list);
}
END_TEST

/* Pruning: read and older than the age by the client's clock goes, from the inbox and from
 * the store's truth; unread ones of any age stay, and so do read ones with a queued read. */
START_TEST(test_prune_keeps_unread_and_queued)
{
    pull_notification("OLD-READ", "billing", 100 * DAY_MS, true, "invoice.generated", false);
    pull_notification("OLD-UNREAD", "billing", 200 * DAY_MS, false, "invoice.overdue", false);
    pull_notification("OLD-READ-QUEUED", "events", 95 * DAY_MS, false, "event.updated", false);
    pull_notification("NEW-READ", "events", 10 * DAY_MS, true, "event.reminder", false);
    /* read on the server, and a read of it still queued here */
    ck_assert_int_eq(mc_notification_mark_read(client, "OLD-READ-QUEUED", NULL), MC_OK);
    pull_notification("OLD-READ-QUEUED", "events", 95 * DAY_MS, true, "event.updated", false);

    int64_t pruned = -1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notifications_prune(client, 90, &pruned, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(pruned, 1);
    mc_notification_list *list = inbox(false);
    ck_assert_uint_eq(list->count, 3);
    ck_assert_ptr_null(find(list, "OLD-READ"));
    ck_assert_ptr_nonnull(find(list, "OLD-UNREAD"));
    ck_assert_ptr_nonnull(find(list, "OLD-READ-QUEUED"));
    ck_assert_ptr_nonnull(find(list, "NEW-READ"));
    mc_notification_list_free(list);
    /* gone from the synced truth too (nothing to bring it back on a rebuild) */
    ck_assert_int_eq(
        unit_store_count(client, "SELECT count(*) FROM entity WHERE kind = 'notification'"), 3);

    /* the clock moves on: now 11 days covers NEW-READ; the unread one still stays */
    now += 2 * DAY_MS;
    ck_assert_int_eq(mc_notifications_prune(client, 11, &pruned, NULL), MC_OK);
    ck_assert_int_eq(pruned, 1);
    list = inbox(false);
    ck_assert_uint_eq(list->count, 2);
    ck_assert_int_eq(list->unread_total, 1);
    mc_notification_list_free(list);

    ck_assert_int_eq(mc_notifications_prune(client, 0, &pruned, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(pruned, 0);
}
END_TEST

/* A read of all queued keeps what it covers on the device until the server has it. */
START_TEST(test_prune_keeps_covered_by_queued_mark_all)
{
    pull_notification("OLD-UNREAD", "billing", 120 * DAY_MS, false, "invoice.overdue", false);
    ck_assert_int_eq(mc_notifications_mark_all_read(client, true, MC_NOTIFY_OTHER, NULL, NULL),
                     MC_OK);
    pull_notification("OLD-UNREAD", "billing", 120 * DAY_MS, true, "invoice.overdue", false);
    int64_t pruned = -1;
    ck_assert_int_eq(mc_notifications_prune(client, 90, &pruned, NULL), MC_OK);
    ck_assert_int_eq(pruned, 0);
}
END_TEST

/* Unregistering: nothing queued without a token; with one, one removal naming this install,
 * once; registering the same token again afterwards is a new registration. */
START_TEST(test_push_token_unregister)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_unregister(client, &err), MC_OK);
    ck_assert_int_eq(queued("device.push_token.remove", NULL), 0);
    ck_assert_int_eq(mc_push_token_register(client, MC_PUSH_FCM, "tok-abc", NULL), MC_OK);
    ck_assert_int_eq(mc_push_token_unregister(client, &err), MC_OK);
    cJSON *payload = NULL;
    ck_assert_int_eq(queued("device.push_token.remove", &payload), 1);
    ck_assert_str_eq(cJSON_GetObjectItem(payload, "client_id")->valuestring, client->client_id);
    ck_assert_ptr_null(cJSON_GetObjectItem(payload, "token")); /* never the token itself */
    cJSON_Delete(payload);
    ck_assert_int_eq(mc_push_token_unregister(client, &err), MC_OK);
    ck_assert_int_eq(queued("device.push_token.remove", NULL), 1);
    ck_assert_int_eq(mc_push_token_register(client, MC_PUSH_FCM, "tok-abc", NULL), MC_OK);
    ck_assert_int_eq(queued("device.push_token", NULL), 2);
}
END_TEST

/* Signed out (the session gone): every write says so. */
START_TEST(test_signed_out)
{
    mc_error err = MC_ERROR_INIT;
    mci_session_drop(client, &err);
    ck_assert_int_eq(mc_notification_pref_set(client, MC_NOTIFY_EVENTS, MC_CHANNEL_SMS, true, &err),
                     MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_notifications_mark_all_read(client, true, MC_NOTIFY_OTHER, NULL, &err),
                     MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_notifications_prune(client, 90, NULL, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_push_token_unregister(client, &err), MC_ERR_UNAUTHORIZED);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("notifications_hub");
    TCase *tc = tcase_create("hub");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mark_all_read_at_once_and_one_arriving_meanwhile);
    tcase_add_test(tc, test_mark_category_read);
    tcase_add_test(tc, test_visitor_link_named);
    tcase_add_test(tc, test_booking_and_pass_links_named);
    tcase_add_test(tc, test_prefs_defaults_before_sync);
    tcase_add_test(tc, test_prefs_synced_and_changed_offline);
    tcase_add_test(tc, test_prefs_refusals);
    tcase_add_test(tc, test_prune_keeps_unread_and_queued);
    tcase_add_test(tc, test_prune_keeps_covered_by_queued_mark_all);
    tcase_add_test(tc, test_push_token_unregister);
    tcase_add_test(tc, test_signed_out);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
