/*
 * tests/integration/test_notification_kinds.c - every notification kind of
 * docs/notifications-protocol.md produced by its cause, delivered only on the channels the
 * member allowed, once; through the public API against a real memberstub.
 *
 * The member (Asha Rao, BLR-1) registers a push token and gives each category its own mix
 * of channels from her device (synced like any write), with quiet hours off; then each cause
 * is driven through the core where the core can (book a room, cancel it, pay an invoice,
 * RSVP, file a ticket, invite a visitor; staff and reception through membercore/staff.h and
 * visitors.h) and through the stub's test routes otherwise (an invoice issued, an event
 * changed, an announcement), moving the test clock for reminders and due dates. After a
 * sync, the inbox holds the notification with its kind, category, urgency and a link that
 * mc_link_parse reads as what it is about; the simulated providers' deliveries
 * (/v1/test/deliveries) hold exactly one per allowed channel and none on the others; moving
 * the clock on never sends a reminder or a due notice twice. The messages that always reach
 * the member do so with every channel of their category switched off.
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

#define ASHA  "+919800000001"
#define KIRAN "+919800000010"
/* Monday 2027-01-04 10:00 in Bengaluru (IST, UTC+05:30): BLR-1 is open */
#define T0        1799037000000LL
#define MINUTE_MS 60000LL
#define HOUR_MS   3600000LL
#define DAY_MS    86400000LL

static helper_fixture f;

/* What Asha allows, per category and channel (push, email, sms): each category its own mix. */
static const bool allowed[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT] = {
    [MC_NOTIFY_BILLING] = {false, true, true},       [MC_NOTIFY_SUPPORT] = {true, false, false},
    [MC_NOTIFY_BOOKINGS] = {true, false, true},      [MC_NOTIFY_EVENTS] = {false, true, false},
    [MC_NOTIFY_ANNOUNCEMENTS] = {true, true, false},
};

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
    mc_status st = helper_sync_until_drained(c, 5);
    ck_assert_msg(st == MC_OK, "sync: %s", mc_status_name(st));
}

/* Asha signed in with a push token, her channels as `allowed`, quiet hours off: synced. */
static mc_client *asha_with_channels(void)
{
    mc_client *asha = member("asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_register(asha, MC_PUSH_FCM, "fcm-asha-phone", &err), MC_OK);
    for (int c = 1; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
            ck_assert_msg(mc_notification_pref_set(asha, (mc_notification_category)c,
                                                   (mc_channel)ch, allowed[c][ch], &err) == MC_OK,
                          "%s", err.message);
    ck_assert_int_eq(mc_notification_quiet_hours_set(asha, false, 1320, 420, &err), MC_OK);
    sync_now(asha);
    mc_notification_prefs p;
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert(p.synced && !p.quiet_enabled);
    for (int c = 1; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++) {
            ck_assert(p.on[c][ch] == allowed[c][ch]);
            ck_assert(!p.pending[c][ch]);
        }
    return asha;
}

/*
 * After a sync: the newest notification of kind made at or after since is in c's inbox with
 * its category, urgency and a link mc_link_parse reads as link (to link_id when not NULL);
 * it was delivered once on each channel `allowed` gives its category and on no other. Its
 * id (malloc'd).
 */
static char *expect_kind(mc_client *c, const char *kind, int64_t since,
                         mc_notification_category category, bool urgent, mc_link_kind link,
                         const char *link_id)
{
    sync_now(c);
    mc_notification_list *list = NULL;
    const mc_notification *n = notify_find_kind(c, kind, since, &list);
    if (n == NULL) {
        char seen[2048] = "";
        for (size_t i = 0; i < list->count && strlen(seen) < sizeof seen - 128; i++)
            snprintf(seen + strlen(seen), sizeof seen - strlen(seen), " %s@%lld",
                     list->items[i].kind, (long long)(list->items[i].created_at_ms - since));
        ck_abort_msg("no %s notification on the device since %lld; there are:%s", kind,
                     (long long)since, seen);
    }
    ck_assert_msg(n->category == category, "%s: category %s", kind,
                  mc_notification_category_name(n->category));
    ck_assert_msg(n->urgent == urgent, "%s: urgent %d", kind, n->urgent);
    mc_link_target target;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_link_parse(n->deep_link, &target, &err) == MC_OK, "%s: link '%s': %s", kind,
                  n->deep_link, err.message);
    ck_assert_msg(target.kind == link, "%s: link '%s' opens a %s", kind, n->deep_link,
                  mc_link_kind_name(target.kind));
    ck_assert_int_eq(n->link_kind, link);
    if (link_id != NULL)
        ck_assert_str_eq(target.id, link_id);
    char *id = strdup(n->id);
    mc_notification_list_free(list);
    notify_expect_channels(f.stub, ASHA, id, allowed[category][MC_CHANNEL_PUSH],
                           allowed[category][MC_CHANNEL_EMAIL], allowed[category][MC_CHANNEL_SMS]);
    return id;
}

/* The id inside POST's answer {"<key>": {"id": ...}} (malloc'd). */
static char *post_for_id(const char *path, const char *body, const char *key)
{
    char *answer = NULL;
    int status = stub_request(f.stub, "POST", path, body, NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "POST %s: %d %s", path, status, answer);
    cJSON *json = cJSON_Parse(answer);
    free(answer);
    const cJSON *id = cJSON_GetObjectItem(cJSON_GetObjectItem(json, key), "id");
    ck_assert_msg(cJSON_IsString(id), "POST %s: no %s id", path, key);
    char *copy = strdup(id->valuestring);
    cJSON_Delete(json);
    return copy;
}

/* POST /v1/test/invoices for the member of c: the invoice's id (malloc'd). */
static char *issue_invoice(mc_client *c, int due_in_days)
{
    char *user = notify_user_id(c), body[256];
    snprintf(body, sizeof body,
             "{\"user_id\":\"%s\",\"amount_paise\":150000,\"description\":\"Locker rental\","
             "\"due_in_days\":%d}",
             user, due_in_days);
    free(user);
    return post_for_id("/v1/test/invoices", body, "invoice");
}

/* Pay invoice_id through the core: an order, the test checkout, the confirmation. */
static void pay_invoice(mc_client *c, const char *invoice_id)
{
    mc_order *order = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_invoice_pay(c, invoice_id, &order, &err) == MC_OK, "pay: %s", err.message);
    char body[256], *answer = NULL;
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":false}", order->order_id);
    ck_assert_int_eq(stub_request(f.stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer),
                     200);
    cJSON *paid = cJSON_Parse(answer);
    free(answer);
    mc_invoice_payment *p = NULL;
    ck_assert_msg(mc_invoice_payment_confirm(
                      c, order->order_id, cJSON_GetObjectItem(paid, "payment_id")->valuestring,
                      cJSON_GetObjectItem(paid, "signature")->valuestring, &p, &err) == MC_OK,
                  "confirm: %s", err.message);
    mc_invoice_payment_free(p);
    cJSON_Delete(paid);
    mc_order_free(order);
}

/* Billing: issued, due in 3 days, overdue (each once however the clock moves), paid. */
START_TEST(test_billing_kinds)
{
    mc_client *asha = asha_with_channels();
    int64_t since = f.now;
    char *invoice = issue_invoice(asha, 5);
    free(expect_kind(asha, "invoice.generated", since, MC_NOTIFY_BILLING, false, MC_LINK_INVOICE,
                     invoice));

    advance(2 * DAY_MS + HOUR_MS); /* due in under 3 days */
    since = T0;
    free(expect_kind(asha, "invoice.due_soon", since, MC_NOTIFY_BILLING, false, MC_LINK_INVOICE,
                     invoice));
    advance(HOUR_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "invoice.due_soon", invoice), 1);

    advance(3 * DAY_MS); /* past due */
    free(expect_kind(asha, "invoice.overdue", since, MC_NOTIFY_BILLING, false, MC_LINK_INVOICE,
                     invoice));
    advance(HOUR_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "invoice.overdue", invoice), 1);
    ck_assert_int_eq(notify_count_kind(asha, "invoice.due_soon", invoice), 1);

    since = f.now;
    pay_invoice(asha, invoice);
    free(expect_kind(asha, "payment.confirmed", since, MC_NOTIFY_BILLING, false, MC_LINK_INVOICE,
                     invoice));
    ck_assert_int_eq(notify_count_kind(asha, "payment.confirmed", invoice), 1);
    free(invoice);
}
END_TEST

/* A one-hour credit booking of the first free block on date (09:00 onwards, the board room
 * or another room of BLR-1), as made on the device. */
static mc_booking *book_free_block(mc_client *c, const char *date)
{
    static const char *const rooms[] = {"BLR-1-BOARD", "BLR-1-FOCUS", "BLR-1-HUDDLE"};
    mc_error err = MC_ERROR_INIT;
    for (int hour = 9; hour < 21; hour++)
        for (size_t r = 0; r < sizeof rooms / sizeof *rooms; r++) {
            char start[8];
            snprintf(start, sizeof start, "%02d:00", hour);
            mc_booking_request req = {rooms[r], date, start, 1, NULL, 0, MC_PAY_CREDITS};
            mc_booking *b = NULL;
            mc_status st = mc_booking_create(c, &req, &b, &err);
            if (st == MC_OK)
                return b;
            ck_assert_msg(st == MC_ERR_CONFLICT || st == MC_ERR_NOT_FOUND, "book: %s", err.message);
        }
    ck_abort_msg("no free block on %s", date);
    return NULL;
}

/* Bookings: confirmed (credits), cancelled by the member, the reminder 15 minutes before
 * (urgent, once). */
START_TEST(test_booking_kinds)
{
    mc_client *asha = asha_with_channels();
    mc_error err = MC_ERROR_INIT;
    int64_t since = f.now;
    mc_booking *b = book_free_block(asha, "2027-01-05");
    char *kept = strdup(b->id);
    int64_t kept_start = b->start_ms;
    mc_booking_free(b);
    free(expect_kind(asha, "booking.confirmed", since, MC_NOTIFY_BOOKINGS, false, MC_LINK_BOOKING,
                     kept));

    b = book_free_block(asha, "2027-01-06");
    char *dropped = strdup(b->id);
    mc_booking_free(b);
    sync_now(asha);
    advance(MINUTE_MS);
    since = f.now;
    ck_assert_msg(mc_booking_cancel(asha, dropped, NULL, &err) == MC_OK, "%s", err.message);
    free(expect_kind(asha, "booking.cancelled", since, MC_NOTIFY_BOOKINGS, false, MC_LINK_BOOKING,
                     dropped));

    /* 14 minutes before the first one starts */
    helper_fixture_set_now(&f, kept_start - 14 * MINUTE_MS);
    free(
        expect_kind(asha, "booking.reminder", T0, MC_NOTIFY_BOOKINGS, true, MC_LINK_BOOKING, kept));
    advance(5 * MINUTE_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "booking.reminder", kept), 1);
    ck_assert_int_eq(notify_count_kind(asha, "booking.confirmed", kept), 1);
    free(kept);
    free(dropped);
}
END_TEST

/* Events: the operator changes an event the member is going to; the reminder the day before
 * (once). */
START_TEST(test_event_kinds)
{
    mc_client *asha = asha_with_channels();
    mc_error err = MC_ERROR_INIT;
    char body[512];
    /* Wednesday 6 Jan, 18:00 IST */
    int64_t starts = T0 + 2 * DAY_MS + 8 * HOUR_MS;
    snprintf(body, sizeof body,
             "{\"building_id\":\"BLR-1\",\"title\":\"Founders breakfast\",\"starts_at_ms\":%lld,"
             "\"ends_at_ms\":%lld,\"capacity\":20}",
             (long long)starts, (long long)(starts + HOUR_MS));
    char *event = post_for_id("/v1/test/events", body, "event");
    sync_now(asha);
    ck_assert_msg(mc_event_rsvp(asha, event, MC_RSVP_GOING, &err) == MC_OK, "%s", err.message);
    sync_now(asha);
    advance(MINUTE_MS);
    int64_t since = f.now;
    char path[128];
    snprintf(path, sizeof path, "/v1/test/events/%s", event);
    free(post_for_id(path, "{\"title\":\"Founders breakfast (moved to the terrace)\"}", "event"));
    free(expect_kind(asha, "event.updated", since, MC_NOTIFY_EVENTS, false, MC_LINK_EVENT, event));

    helper_fixture_set_now(&f, starts - DAY_MS + MINUTE_MS);
    free(expect_kind(asha, "event.reminder", T0, MC_NOTIFY_EVENTS, false, MC_LINK_EVENT, event));
    advance(HOUR_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "event.reminder", event), 1);
    free(event);
}
END_TEST

/* Support: a ticket filed, assigned, started, answered, resolved and closed 7 days later. */
START_TEST(test_ticket_kinds)
{
    mc_client *asha = asha_with_channels();
    mc_client *kiran = member("kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_ticket_draft draft = {.category_id = "cleaning.washroom",
                             .priority = MC_TICKET_PRIORITY_HIGH,
                             .description = "The second-floor washroom is out of soap"};
    char id[40];
    int64_t since = f.now;
    ck_assert_msg(mc_ticket_file(asha, &draft, id, sizeof id, &err) == MC_OK, "%s", err.message);
    free(expect_kind(asha, "ticket.created", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));

    advance(MINUTE_MS);
    since = f.now;
    ck_assert_msg(mc_staff_ticket_assign(kiran, id, NULL, NULL, &err) == MC_OK, "%s", err.message);
    free(expect_kind(asha, "ticket.assigned", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));
    advance(MINUTE_MS);
    since = f.now;
    ck_assert_msg(mc_staff_ticket_set_status(kiran, id, MC_TICKET_IN_PROGRESS, NULL, &err) == MC_OK,
                  "%s", err.message);
    free(expect_kind(asha, "ticket.status", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));
    advance(MINUTE_MS);
    since = f.now;
    ck_assert_msg(mc_staff_ticket_comment(kiran, id, "On my way", false, NULL, &err) == MC_OK, "%s",
                  err.message);
    free(expect_kind(asha, "ticket.reply", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));
    advance(MINUTE_MS);
    since = f.now;
    ck_assert_msg(mc_staff_ticket_set_status(kiran, id, MC_TICKET_RESOLVED, NULL, &err) == MC_OK,
                  "%s", err.message);
    free(expect_kind(asha, "ticket.resolved", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));
    advance(7 * DAY_MS + HOUR_MS);
    free(expect_kind(asha, "ticket.closed", since, MC_NOTIFY_SUPPORT, false, MC_LINK_TICKET, id));
    advance(DAY_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "ticket.closed", id), 1);
}
END_TEST

/* Visitors: an invited visitor checked in by reception (urgent), a walk-in asking the host
 * (urgent), and its decline when nobody answered in 15 minutes. */
START_TEST(test_visitor_kinds)
{
    mc_client *asha = asha_with_channels();
    mc_client *kiran = member("kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_visitor_invitation inv = {"Ravi Kumar", "ravi@example.com", NULL, "BLR-1", "2027-01-04", 600,
                                 720};
    char vis[64];
    ck_assert_msg(mc_visitor_invite(asha, &inv, vis, sizeof vis, &err) == MC_OK, "%s", err.message);
    sync_now(asha);
    advance(MINUTE_MS);
    int64_t since = f.now;
    ck_assert_msg(mc_reception_checkin(kiran, vis, NULL, &err) == MC_OK, "%s", err.message);
    free(expect_kind(asha, "visitor.arrived", since, MC_NOTIFY_BOOKINGS, true, MC_LINK_VISITOR,
                     vis));

    advance(MINUTE_MS);
    since = f.now;
    mc_walk_in walk_in = {ASHA, "Meera Iyer", NULL, NULL};
    mc_visitor *w = NULL;
    ck_assert_msg(mc_reception_walk_in(kiran, &walk_in, &w, &err) == MC_OK, "%s", err.message);
    char *walker = strdup(w->id);
    mc_visitor_free(w);
    free(expect_kind(asha, "visitor.walk_in", since, MC_NOTIFY_BOOKINGS, true, MC_LINK_VISITOR,
                     walker));
    advance(16 * MINUTE_MS);
    free(expect_kind(asha, "visitor.declined", since, MC_NOTIFY_BOOKINGS, false, MC_LINK_VISITOR,
                     walker));
    advance(HOUR_MS);
    sync_now(asha);
    ck_assert_int_eq(notify_count_kind(asha, "visitor.declined", walker), 1);
    ck_assert_int_eq(notify_count_kind(asha, "visitor.arrived", vis), 1);
    free(walker);
}
END_TEST

/* Announcements: the operator's news to the building, with a web link. */
START_TEST(test_announcement_kind)
{
    mc_client *asha = asha_with_channels();
    int64_t since = f.now;
    char *answer = NULL;
    int status = stub_request(f.stub, "POST", "/v1/test/announcements",
                              "{\"building_id\":\"BLR-1\",\"title\":\"Townhall on Friday\","
                              "\"body\":\"Pizza at 6.\",\"deep_link\":"
                              "\"https://example.in/townhall\"}",
                              NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "announce: %d %s", status, answer);
    free(answer);
    free(expect_kind(asha, "announcement", since, MC_NOTIFY_ANNOUNCEMENTS, false, MC_LINK_WEB, ""));
}
END_TEST

/* A new invoice issued and paid on c's device: its payment.confirmed was delivered on push
 * and email as given (and never by SMS), once. */
static void paid_receipt_reaches(mc_client *c, int push, int email)
{
    char *invoice = issue_invoice(c, 5);
    sync_now(c);
    advance(MINUTE_MS);
    int64_t since = f.now;
    pay_invoice(c, invoice);
    sync_now(c);
    mc_notification_list *list = NULL;
    const mc_notification *n = notify_find_kind(c, "payment.confirmed", since, &list);
    ck_assert_msg(n != NULL, "no payment.confirmed for %s", invoice);
    notify_expect_channels(f.stub, ASHA, n->id, push, email, 0);
    mc_notification_list_free(list);
    free(invoice);
}

/* With every channel of their category off, a visitor waiting and a payment confirmation
 * still reach the member once: by push while she has a token; a payment by email without. */
START_TEST(test_always_reaching_kinds)
{
    mc_client *asha = asha_with_channels();
    mc_client *kiran = member("kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++) {
        ck_assert_int_eq(
            mc_notification_pref_set(asha, MC_NOTIFY_BOOKINGS, (mc_channel)ch, false, &err), MC_OK);
        ck_assert_int_eq(
            mc_notification_pref_set(asha, MC_NOTIFY_BILLING, (mc_channel)ch, false, &err), MC_OK);
    }
    mc_notification_prefs p;
    ck_assert_int_eq(mc_notification_prefs_get(asha, &p, &err), MC_OK);
    ck_assert_ptr_nonnull(p.always[MC_NOTIFY_BOOKINGS]);
    ck_assert_ptr_nonnull(p.always[MC_NOTIFY_BILLING]);
    sync_now(asha);
    paid_receipt_reaches(asha, 1, 0);
    /* the invoices issued meanwhile reached her on no channel: they are not of those */
    cJSON *all = notify_deliveries(f.stub, ASHA, "invoice.generated");
    ck_assert_int_eq(notify_count(all, NULL, NULL, "sent"), 0);
    cJSON_Delete(all);

    /* a visitor waiting at reception */
    mc_visitor_invitation inv = {
        "Ravi Kumar", "ravi@example.com", NULL, "BLR-1", "2027-01-04", -1, -1};
    char vis[64];
    ck_assert_msg(mc_visitor_invite(asha, &inv, vis, sizeof vis, &err) == MC_OK, "%s", err.message);
    sync_now(asha);
    int64_t since = f.now;
    ck_assert_msg(mc_reception_checkin(kiran, vis, NULL, &err) == MC_OK, "%s", err.message);
    sync_now(asha);
    mc_notification_list *list = NULL;
    const mc_notification *n = notify_find_kind(asha, "visitor.arrived", since, &list);
    ck_assert_ptr_nonnull(n);
    notify_expect_channels(f.stub, ASHA, n->id, 1, 0, 0);
    mc_notification_list_free(list);

    /* without a token: the payment's receipt by email */
    ck_assert_int_eq(mc_push_token_unregister(asha, &err), MC_OK);
    paid_receipt_reaches(asha, 0, 1);
}
END_TEST

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("notification_kinds");
    TCase *tc = tcase_create("kinds");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_billing_kinds);
    tcase_add_test(tc, test_booking_kinds);
    tcase_add_test(tc, test_event_kinds);
    tcase_add_test(tc, test_ticket_kinds);
    tcase_add_test(tc, test_visitor_kinds);
    tcase_add_test(tc, test_announcement_kind);
    tcase_add_test(tc, test_always_reaching_kinds);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
