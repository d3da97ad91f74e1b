/*
 * tests/integration/test_notifications.c - the notifications hub through the public API against
 * a real memberstub: preferences changed offline are shown at once (pending), synced, and then
 * honoured by the server's deliveries (only the allowed channels, once each); mark all read
 * and mark a category read, with a notification arriving meanwhile staying unread on the
 * server and the device; old read notifications pruned after a sync round while unread ones
 * stay; unregistering the push token stops the pushes to this device.
 *
 * Both clocks (the stub's and the clients') are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify_helpers.h"
#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA           "+919800000001"
#define TOKENS_OF_ASHA "/v1/test/push_tokens?phone=%2B919800000001"
/* Monday 2027-01-04 10:00 in Bengaluru: outside the default quiet hours (22:00-07:00 IST) */
#define T0        1799037000000LL
#define MINUTE_MS 60000LL
#define DAY_MS    86400000LL

static helper_fixture f;

static void setup(void)
{
    helper_fixture_start(&f, T0);
}

static mc_client *member(const char *name, const char *phone)
{
    return notify_member(&f, name, phone);
}

static void teardown(void)
{
    notify_fixture_stop(&f);
}

static void advance(int64_t ms)
{
    helper_fixture_set_now(&f, f.now + ms);
}

static void sync_now(mc_client *c)
{
    ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
}

/* The operator announces to BLR-1 (POST /v1/test/announcements). */
static void announce_only(const char *title)
{
    char body[256], *answer = NULL;
    snprintf(body, sizeof body,
             "{\"building_id\":\"BLR-1\",\"title\":\"%s\",\"body\":\"Details at the desk.\"}",
             title);
    int status = stub_request(f.stub, "POST", "/v1/test/announcements", body, NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "announce: %d %s", status, answer);
    free(answer);
}

/* announce_only, and the id of Asha's notification of it as the providers delivered it. */
static char *announce(const char *title)
{
    announce_only(title);
    /* the member's own notification of it, from the deliveries' view */
    cJSON *all = notify_deliveries(f.stub, ASHA, "announcement");
    char *id = NULL;
    const cJSON *d;
    cJSON_ArrayForEach(d, all)
    {
        const cJSON *title_of = cJSON_GetObjectItem(d, "title");
        if (cJSON_IsString(title_of) && strcmp(title_of->valuestring, title) == 0) {
            free(id);
            id = strdup(cJSON_GetObjectItem(d, "notification_id")->valuestring);
        }
    }
    cJSON_Delete(all);
    ck_assert_msg(id != NULL, "no delivery of announcement '%s' to Asha", title);
    return id;
}

/* A plain inbox notification for Asha (POST /v1/test/notifications) in category. */
static void notify(const char *category, const char *title)
{
    char body[256], *answer = NULL;
    snprintf(body, sizeof body,
             "{\"phone\":\"%s\",\"category\":\"%s\",\"title\":\"%s\",\"body\":\"B\"}", ASHA,
             category, title);
    int status = stub_request(f.stub, "POST", "/v1/test/notifications", body, NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "notify: %d %s", status, answer);
    free(answer);
}

static mc_notification_list *inbox(mc_client *c)
{
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notifications_list(c, false, &list, &err) == MC_OK, "%s", err.message);
    return list;
}

static const mc_notification *titled(const mc_notification_list *list, const char *title)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].title, title) == 0)
            return &list->items[i];
    ck_abort_msg("no notification '%s' on the device", title);
    return NULL;
}

/* Preferences changed on the device before it syncs: shown at once as pending; once synced
 * the server delivers by them (only the channels switched on, once each), and a notification
 * made before the sync went by the old ones. */
START_TEST(test_prefs_changed_offline_honoured_after_sync)
{
    mc_client *asha = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_register(asha, MC_PUSH_FCM, "fcm-asha-phone", &err), MC_OK);
    sync_now(asha);
    mc_notification_prefs p;
    ck_assert_msg(mc_notification_prefs_get(asha, &p, &err) == MC_OK, "%s", err.message);
    ck_assert(p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_PUSH]);
    ck_assert(!p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_EMAIL]);
    ck_assert_str_eq(p.quiet_zone_label, "IST");

    /* offline: announcements by email and SMS, not push */
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_PUSH, false, &err),
        MC_OK);
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_EMAIL, true, &err),
        MC_OK);
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_SMS, true, &err), MC_OK);
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert(!p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_PUSH]);
    ck_assert(p.pending[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_PUSH]);
    ck_assert(p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_SMS]);

    /* made before the device synced: the server's preferences still hold (push only) */
    char *before = announce("Lift maintenance on Friday");
    notify_expect_channels(f.stub, ASHA, before, 1, 0, 0);

    advance(MINUTE_MS);
    sync_now(asha);
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert(p.synced);
    ck_assert(!p.pending[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_PUSH]);
    ck_assert(!p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_PUSH]);
    ck_assert(p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_EMAIL]);
    ck_assert(p.on[MC_NOTIFY_ANNOUNCEMENTS][MC_CHANNEL_SMS]);

    /* made after: email and SMS, once each, and no push */
    char *after = announce("Rooftop open from Monday");
    notify_expect_channels(f.stub, ASHA, after, 0, 1, 1);
    /* the earlier one was not sent again on the new channels */
    notify_expect_channels(f.stub, ASHA, before, 1, 0, 0);

    /* switching everything back on the device: the same cell twice leaves one change per
     * cell that the server applies in order (the last one wins) */
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_SMS, false, &err),
        MC_OK);
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_SMS, true, &err), MC_OK);
    ck_assert_int_eq(
        mc_notification_pref_set(asha, MC_NOTIFY_ANNOUNCEMENTS, MC_CHANNEL_SMS, false, &err),
        MC_OK);
    advance(MINUTE_MS);
    sync_now(asha);
    char *last = announce("Coffee machine fixed");
    notify_expect_channels(f.stub, ASHA, last, 0, 1, 0);
    free(before);
    free(after);
    free(last);
}
END_TEST

/* Quiet hours set offline: refused locally when equal, synced otherwise, and the server then
 * holds a non-urgent push made inside them. */
START_TEST(test_quiet_hours_set_offline_honoured_after_sync)
{
    mc_client *asha = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_register(asha, MC_PUSH_FCM, "fcm-asha-phone", &err), MC_OK);
    ck_assert_int_eq(mc_notification_quiet_hours_set(asha, true, 540, 540, &err),
                     MC_ERR_INVALID_ARG);
    /* 09:00-12:00 IST covers the test's 10:00 */
    ck_assert_int_eq(mc_notification_quiet_hours_set(asha, true, 540, 720, &err), MC_OK);
    mc_notification_prefs p;
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert(p.quiet_pending && p.quiet_enabled);
    ck_assert_int_eq(p.quiet_from_min, 540);
    sync_now(asha);
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert(!p.quiet_pending);
    ck_assert_int_eq(p.quiet_to_min, 720);
    char *held = announce("Townhall at noon");
    cJSON *all = notify_deliveries(f.stub, ASHA, "announcement");
    ck_assert_int_eq(notify_count(all, held, "push", "held"), 1);
    ck_assert_int_eq(notify_count(all, held, "push", "sent"), 0);
    cJSON_Delete(all);
    free(held);
}
END_TEST

/* Mark all read: what the device had is read on the server too; one that arrived meanwhile
 * (after the newest the device had seen) stays unread on both. */
START_TEST(test_mark_all_read_with_one_arriving_meanwhile)
{
    mc_client *asha = member("asha", ASHA);
    notify("billing", "Hub one");
    advance(MINUTE_MS);
    notify("events", "Hub two");
    advance(MINUTE_MS);
    sync_now(asha);
    int32_t marked = 0;
    mc_error err = MC_ERROR_INIT;
    mc_notification_list *list = inbox(asha);
    int32_t unread_before = list->unread_total;
    mc_notification_list_free(list);
    ck_assert_int_ge(unread_before, 2);
    ck_assert_int_eq(mc_notifications_mark_all_read(asha, true, MC_NOTIFY_OTHER, &marked, &err),
                     MC_OK);
    ck_assert_int_eq(marked, unread_before);
    list = inbox(asha);
    ck_assert_int_eq(list->unread_total, 0);
    ck_assert(titled(list, "Hub one")->pending);
    mc_notification_list_free(list);

    /* arrives before the device syncs its mark */
    advance(MINUTE_MS);
    notify("support", "Hub three");
    advance(MINUTE_MS);
    sync_now(asha);
    list = inbox(asha);
    ck_assert_int_eq(list->unread_total, 1);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_SUPPORT], 1);
    ck_assert(titled(list, "Hub one")->read && !titled(list, "Hub one")->pending);
    ck_assert(titled(list, "Hub two")->read && !titled(list, "Hub two")->pending);
    ck_assert(!titled(list, "Hub three")->read);
    mc_notification_list_free(list);
    /* the server agrees: a second device sees the same */
    mc_client *other = member("asha-tablet", ASHA);
    list = inbox(other);
    ck_assert_int_eq(list->unread_total, 1);
    ck_assert(!titled(list, "Hub three")->read);
    mc_notification_list_free(list);
}
END_TEST

/* Mark a category read: only that category, up to what the device had. */
START_TEST(test_mark_category_read_with_one_arriving_meanwhile)
{
    mc_client *asha = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    /* start from a clean slate: everything seeded read */
    ck_assert_int_eq(mc_notifications_mark_all_read(asha, true, MC_NOTIFY_OTHER, NULL, &err),
                     MC_OK);
    advance(MINUTE_MS);
    sync_now(asha);
    notify("billing", "Bill one");
    advance(MINUTE_MS);
    notify("billing", "Bill two");
    advance(MINUTE_MS);
    notify("events", "Event one");
    advance(MINUTE_MS);
    sync_now(asha);
    int32_t marked = 0;
    ck_assert_int_eq(mc_notifications_mark_all_read(asha, false, MC_NOTIFY_BILLING, &marked, &err),
                     MC_OK);
    ck_assert_int_eq(marked, 2);
    advance(MINUTE_MS);
    notify("billing", "Bill three");
    advance(MINUTE_MS);
    sync_now(asha);
    mc_notification_list *list = inbox(asha);
    ck_assert(titled(list, "Bill one")->read);
    ck_assert(titled(list, "Bill two")->read);
    ck_assert(!titled(list, "Bill three")->read);
    ck_assert(!titled(list, "Event one")->read);
    ck_assert_int_eq(list->unread_total, 2);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_BILLING], 1);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_EVENTS], 1);
    mc_notification_list_free(list);
}
END_TEST

/* After a sync round the device drops read notifications older than the retention period
 * by its own clock; unread ones stay whatever their age, and so do younger read ones. (Only
 * the device's clock jumps the 90 days: the server's session would not last them.) */
START_TEST(test_prune_after_sync_keeps_unread)
{
    mc_client *asha = member("asha", ASHA);
    notify("billing", "Old and read");
    advance(MINUTE_MS);
    notify("events", "Old and unread");
    advance(MINUTE_MS);
    sync_now(asha);
    mc_notification_list *list = inbox(asha);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_notification_mark_read(asha, titled(list, "Old and read")->id, &err),
                     MC_OK);
    mc_notification_list_free(list);
    sync_now(asha);

    advance(20 * DAY_MS);
    notify("support", "Younger and read");
    sync_now(asha);
    list = inbox(asha);
    ck_assert_int_eq(mc_notification_mark_read(asha, titled(list, "Younger and read")->id, &err),
                     MC_OK);
    mc_notification_list_free(list);
    sync_now(asha);

    /* the device's clock only: the old ones are now past the retention period */
    f.now = T0 + (MC_NOTIFICATION_RETENTION_DAYS + 1) * DAY_MS;
    sync_now(asha);
    list = inbox(asha);
    for (size_t i = 0; i < list->count; i++) {
        const mc_notification *n = &list->items[i];
        ck_assert_msg(!n->read ||
                          n->created_at_ms >= f.now - MC_NOTIFICATION_RETENTION_DAYS * DAY_MS,
                      "'%s' is read and older than the retention period", n->title);
        ck_assert_str_ne(n->title, "Old and read");
    }
    ck_assert(!titled(list, "Old and unread")->read);
    ck_assert(titled(list, "Younger and read")->read);
    mc_notification_list_free(list);
}
END_TEST

/* Unregistering the device's token: after the sync, the server pushes to it no more. */
START_TEST(test_push_unregister_stops_pushes)
{
    mc_client *asha = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_unregister(asha, &err), MC_OK); /* none yet: nothing */
    ck_assert_int_eq(mc_push_token_register(asha, MC_PUSH_FCM, "fcm-asha-phone", &err), MC_OK);
    sync_now(asha);
    char *first = announce("Parking closed today");
    notify_expect_channels(f.stub, ASHA, first, 1, 0, 0);

    char *answer = NULL;
    ck_assert_int_eq(stub_request(f.stub, "GET", TOKENS_OF_ASHA, NULL, NULL, &answer), 200);
    ck_assert_msg(strstr(answer, "fcm-asha-phone") != NULL, "token not listed: %s", answer);
    free(answer);

    ck_assert_int_eq(mc_push_token_unregister(asha, &err), MC_OK);
    sync_now(asha);
    ck_assert_int_eq(stub_request(f.stub, "GET", TOKENS_OF_ASHA, NULL, NULL, &answer), 200);
    ck_assert_msg(strstr(answer, "fcm-asha-phone") == NULL, "token still listed: %s", answer);
    free(answer);
    advance(MINUTE_MS);
    announce_only("Parking open again");
    sync_now(asha);
    mc_notification_list *list = inbox(asha);
    const mc_notification *second = titled(list, "Parking open again");
    cJSON *all = notify_deliveries(f.stub, ASHA, "announcement");
    ck_assert_int_eq(notify_count(all, second->id, "push", NULL), 0);
    ck_assert_int_eq(notify_count(all, first, "push", "sent"), 1);
    cJSON_Delete(all);
    mc_notification_list_free(list);
    free(first);
}
END_TEST

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("notifications");
    TCase *tc = tcase_create("hub");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_prefs_changed_offline_honoured_after_sync);
    tcase_add_test(tc, test_quiet_hours_set_offline_honoured_after_sync);
    tcase_add_test(tc, test_mark_all_read_with_one_arriving_meanwhile);
    tcase_add_test(tc, test_mark_category_read_with_one_arriving_meanwhile);
    tcase_add_test(tc, test_prune_after_sync_keeps_unread);
    tcase_add_test(tc, test_push_unregister_stops_pushes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
