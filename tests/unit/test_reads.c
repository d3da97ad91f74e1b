/*
 * tests/unit/test_reads.c - the read layer: paged lists over the typed projections, keyset
 * cursors that hold under inserts, unread counts beside pending mark-reads, bad pages
 * refused, resets that empty the projections, and reads that never wait for the writer.
 *
 * A real client on a real SQLite file; the data arrives through the pull applier, as sync
 * brings it.
 */
#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "account/account.h"
#include "account/session.h"
#include "handle/handle.h"
#include "store/store.h"
#include "sync/pull.h"
#include "tempdir.h"

#define NOW_MS 1799000000000LL

static char *dir;
static int64_t now;
static mc_client *client;

static int64_t test_clock(void *context)
{
    return *(int64_t *)context;
}

/* Changes applied through the pull path: kinds[i], ids[i], data[i]. */
static void pull(int n, const char *const *kinds, char **ids, char **data)
{
    cJSON *page = cJSON_CreateObject();
    cJSON *changes = cJSON_AddArrayToObject(page, "changes");
    for (int i = 0; i < n; i++) {
        cJSON *ch = cJSON_CreateObject();
        cJSON_AddStringToObject(ch, "kind", kinds[i]);
        cJSON_AddStringToObject(ch, "id", ids[i]);
        cJSON_AddStringToObject(ch, "op", "upsert");
        cJSON_AddStringToObject(ch, "data_json", data[i]);
        cJSON_AddItemToArray(changes, ch);
    }
    cJSON_AddStringToObject(page, "cursor", "c1");
    mci_page_result result;
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_pull_apply(client->db, page, "usr_1", now, &result, &err);
    pthread_mutex_unlock(&client->lock);
    ck_assert_msg(st == MC_OK, "%s", err.message);
    cJSON_Delete(page);
}

/* Notifications first..first+n-1; notification k was created at NOW_MS - k minutes
 * (higher k: older), and every third one is unread. */
static void pull_notifications(int first, int n)
{
    const char **kinds = malloc(sizeof *kinds * (size_t)n);
    char **ids = malloc(sizeof *ids * (size_t)n), **data = malloc(sizeof *data * (size_t)n);
    for (int i = 0; i < n; i++) {
        int k = first + i;
        kinds[i] = "notification";
        ids[i] = malloc(16);
        data[i] = malloc(256);
        snprintf(ids[i], 16, "N-%04d", k);
        snprintf(data[i], 256,
                 "{\"id\":\"N-%04d\",\"category\":\"%s\",\"title\":\"T%d\",\"body\":\"B\","
                 "\"created_at_ms\":%lld,\"read\":%s}",
                 k, k % 2 ? "billing" : "events", k, (long long)(NOW_MS - k * 60000LL),
                 k % 3 == 0 ? "false" : "true");
    }
    pull(n, kinds, ids, data);
    for (int i = 0; i < n; i++) {
        free(ids[i]);
        free(data[i]);
    }
    free(kinds);
    free(ids);
    free(data);
}

static void sign_in(void)
{
    cJSON *user = cJSON_Parse("{\"id\":\"usr_1\",\"phone\":\"+919800000001\"}");
    mc_account *account = NULL;
    ck_assert_int_eq(mci_account_from_json(user, &account, NULL), MC_OK);
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(mci_account_save(client->db, account, now, NULL), MC_OK);
    pthread_mutex_unlock(&client->lock);
    ck_assert_int_eq(mci_session_save(client, "test-token", NULL), MC_OK);
    mc_account_free(account);
    cJSON_Delete(user);
}

static void setup(void)
{
    dir = tempdir_new();
    now = NOW_MS;
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.clock = test_clock;
    cfg.clock_context = &now;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    sign_in();
}

static void teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
}

/* Every page in turn from the first, following next_cursor; the ids in order. */
static int walk_inbox(bool unread_only, int32_t limit, char ids[][16], int cap, int *pages)
{
    int n = 0;
    char *cursor = NULL;
    *pages = 0;
    do {
        mc_page page = {limit, cursor};
        mc_notification_list *list = NULL;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_notifications_page(client, unread_only, &page, &list, &err) == MC_OK, "%s",
                      err.message);
        ck_assert_int_le(list->count, limit);
        for (size_t i = 0; i < list->count && n < cap; i++)
            snprintf(ids[n++], 16, "%s", list->items[i].id);
        free(cursor);
        cursor = list->next_cursor ? strdup(list->next_cursor) : NULL;
        (*pages)++;
        mc_notification_list_free(list);
    } while (cursor != NULL);
    return n;
}

/* Pages of 50 walk the whole inbox newest first, each item once, and end with no cursor. */
START_TEST(test_pages_walk_the_inbox_in_order)
{
    pull_notifications(0, 120);
    static char ids[200][16];
    int pages = 0;
    int n = walk_inbox(false, 50, ids, 200, &pages);
    ck_assert_int_eq(n, 120);
    ck_assert_int_eq(pages, 3);
    for (int i = 0; i < n; i++) {
        char want[16];
        snprintf(want, sizeof want, "N-%04d", i); /* N-0000 is the newest */
        ck_assert_str_eq(ids[i], want);
    }
    /* the unpaged list is the same list, in one piece */
    mc_notification_list *all = NULL;
    ck_assert_int_eq(mc_notifications_list(client, false, &all, NULL), MC_OK);
    ck_assert_uint_eq(all->count, 120);
    ck_assert_ptr_null(all->next_cursor);
    ck_assert_str_eq(all->items[119].id, "N-0119");
    mc_notification_list_free(all);
}
END_TEST

/* A page's cursor holds while new items arrive: no item repeats or goes missing after it. */
START_TEST(test_cursor_holds_under_inserts)
{
    pull_notifications(10, 100); /* N-0010 .. N-0109 */
    mc_page first = {30, NULL};
    mc_notification_list *p1 = NULL;
    ck_assert_int_eq(mc_notifications_page(client, false, &first, &p1, NULL), MC_OK);
    ck_assert_str_eq(p1->items[29].id, "N-0039");
    pull_notifications(0, 10);  /* newer than everything shown */
    pull_notifications(200, 5); /* older than the cursor: comes later in the walk */
    mc_page next = {30, p1->next_cursor};
    mc_notification_list *p2 = NULL;
    ck_assert_int_eq(mc_notifications_page(client, false, &next, &p2, NULL), MC_OK);
    ck_assert_uint_eq(p2->count, 30);
    ck_assert_str_eq(p2->items[0].id, "N-0040");
    ck_assert_str_eq(p2->items[29].id, "N-0069");
    mc_notification_list_free(p1);
    mc_notification_list_free(p2);
}
END_TEST

/* Unread counts cover the whole inbox from the partial index, minus pending mark-reads; the
 * unread-only view drops a notification as soon as its mark-read is queued. */
START_TEST(test_unread_counts_and_pending_mark_read)
{
    pull_notifications(0, 90); /* every third unread: 30, of which k even (events) 15 */
    mc_notification_list *list = NULL;
    mc_page small = {5, NULL};
    ck_assert_int_eq(mc_notifications_page(client, true, &small, &list, NULL), MC_OK);
    ck_assert_uint_eq(list->count, 5);
    ck_assert_int_eq(list->unread_total, 30);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_EVENTS], 15);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_BILLING], 15);
    ck_assert_str_eq(list->items[0].id, "N-0000");
    ck_assert_str_eq(list->items[1].id, "N-0003");
    mc_notification_list_free(list);

    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_notification_mark_read(client, "N-0000", &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(mc_notifications_page(client, true, &small, &list, NULL), MC_OK);
    ck_assert_int_eq(list->unread_total, 29);
    ck_assert_int_eq(list->unread_by_category[MC_NOTIFY_EVENTS], 14);
    ck_assert_str_eq(list->items[0].id, "N-0003");
    mc_notification_list_free(list);
    /* the full inbox shows it read, pending */
    ck_assert_int_eq(mc_notifications_page(client, false, &small, &list, NULL), MC_OK);
    ck_assert(list->items[0].read);
    ck_assert(list->items[0].pending);
    mc_notification_list_free(list);
}
END_TEST

/* A page that makes no sense is refused with a message naming what is wrong; a limit above
 * the maximum is lowered to it; 0 is the default. */
START_TEST(test_bad_pages_are_refused)
{
    pull_notifications(0, 60);
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_page negative = {-1, NULL};
    ck_assert_int_eq(mc_notifications_page(client, false, &negative, &list, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(list);
    ck_assert_msg(strstr(err.message, "limit") != NULL, "%s", err.message);
    const char *bad[] = {"garbage", "|N-0001", "12|", "x1|N-0001"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mc_page page = {10, bad[i]};
        ck_assert_int_eq(mc_notifications_page(client, false, &page, &list, &err),
                         MC_ERR_INVALID_ARG);
        ck_assert_msg(strstr(err.message, "cursor") != NULL, "%s", err.message);
    }
    ck_assert_int_eq(mc_notifications_page(client, false, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, MC_PAGE_DEFAULT_LIMIT);
    ck_assert_ptr_nonnull(list->next_cursor);
    mc_notification_list_free(list);
    mc_page huge = {100000, NULL};
    ck_assert_int_eq(mc_notifications_page(client, false, &huge, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 60);
    ck_assert_ptr_null(list->next_cursor);
    mc_notification_list_free(list);
    ck_assert_int_eq(mc_notifications_page(NULL, false, NULL, &list, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* An invoice's lines come back in their order, and a re-pulled invoice's lines replace the old. */
START_TEST(test_invoice_lines_follow_their_invoice)
{
    const char *kinds[] = {"invoice", "invoice"};
    char *ids[] = {"INV-1", "INV-2"};
    char *data[] = {
        "{\"number\":\"MC-1\",\"issued_at_ms\":100,\"lines\":[{\"description\":\"a\"},"
        "{\"description\":\"b\",\"quantity\":2},{\"description\":\"c\"}]}",
        "{\"number\":\"MC-2\",\"issued_at_ms\":100,\"lines\":[{\"description\":\"x\"}]}",
    };
    pull(2, kinds, ids, data);
    mc_invoice_list *inv = NULL;
    ck_assert_int_eq(mc_invoices_list(client, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 2);
    ck_assert_str_eq(inv->items[0].number, "MC-2"); /* same day: the larger id first */
    ck_assert_uint_eq(inv->items[0].line_count, 1);
    ck_assert_str_eq(inv->items[0].lines[0].description, "x");
    ck_assert_uint_eq(inv->items[1].line_count, 3);
    ck_assert_str_eq(inv->items[1].lines[0].description, "a");
    ck_assert_str_eq(inv->items[1].lines[1].description, "b");
    ck_assert_int_eq(inv->items[1].lines[1].quantity, 2);
    ck_assert_str_eq(inv->items[1].lines[2].description, "c");
    mc_invoice_list_free(inv);

    char *again[] = {"{\"number\":\"MC-1\",\"issued_at_ms\":300,\"lines\":[{\"description\":"
                     "\"d\",\"amount_paise\":7}]}"};
    pull(1, kinds, ids, again);
    mc_page one = {1, NULL};
    ck_assert_int_eq(mc_invoices_page(client, &one, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 1);
    ck_assert_str_eq(inv->items[0].number, "MC-1");
    ck_assert_uint_eq(inv->items[0].line_count, 1);
    ck_assert_str_eq(inv->items[0].lines[0].description, "d");
    ck_assert_int_eq(inv->items[0].lines[0].amount.minor, 7);
    mc_invoice_list_free(inv);
}
END_TEST

/* What a member must not misread: a lapsed checkout's void draft reads as expired with when
 * (a void for another reason stays void), a paid invoice's refunds come with it, and a Razorpay
 * booking whose hold lapsed reads as expired, a cancelled one as cancelled. */
START_TEST(test_expired_checkouts_refunds_and_expired_holds)
{
    const char *kinds[] = {"invoice", "invoice", "invoice", "reservation", "reservation"};
    char *ids[] = {"INV-E", "INV-V", "INV-P", "BK-E", "BK-C"};
    char *data[] = {
        "{\"number\":null,\"status\":\"void\",\"void_reason\":\"hold_expired\","
        "\"voided_at_ms\":900000,\"lines\":[],\"refunds\":[]}",
        "{\"number\":\"MC-V\",\"status\":\"void\",\"void_reason\":null,\"voided_at_ms\":800000,"
        "\"issued_at_ms\":10}",
        "{\"number\":\"MC-P\",\"status\":\"paid\",\"issued_at_ms\":20,\"paid_at_ms\":30,"
        "\"refunds\":[{\"id\":\"ref_1\",\"order_id\":\"order_2\",\"amount_paise\":94400,"
        "\"currency\":\"INR\",\"reason\":\"already_paid\",\"status\":\"pending\","
        "\"created_at_ms\":40}]}",
        "{\"id\":\"BK-E\",\"room_id\":\"R\",\"status\":\"cancelled\",\"paid_by\":\"razorpay\","
        "\"cancel_reason\":\"hold_expired\",\"start_ms\":1799100000000,\"end_ms\":1799103600000}",
        "{\"id\":\"BK-C\",\"room_id\":\"R\",\"status\":\"cancelled\",\"paid_by\":\"razorpay\","
        "\"cancel_reason\":\"member\",\"start_ms\":1799200000000,\"end_ms\":1799203600000}",
    };
    pull(5, kinds, ids, data);
    mc_invoice_list *inv = NULL;
    ck_assert_int_eq(mc_invoices_list(client, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 3);
    /* listed by the instant shown: the lapse (900000), then the issues (20, 10) */
    ck_assert_str_eq(inv->items[0].id, "INV-E");
    ck_assert_str_eq(inv->items[2].id, "INV-V");
    ck_assert_str_eq(inv->items[1].id, "INV-P");
    ck_assert_int_eq(inv->items[1].status, MC_INVOICE_PAID);
    ck_assert_int_eq(inv->items[1].voided_at_ms, 0);
    ck_assert_uint_eq(inv->items[1].refund_count, 1);
    ck_assert_str_eq(inv->items[1].refunds[0].id, "ref_1");
    ck_assert_str_eq(inv->items[1].refunds[0].order_id, "order_2");
    ck_assert_int_eq(inv->items[1].refunds[0].amount.minor, 94400);
    ck_assert_str_eq(inv->items[1].refunds[0].amount.currency, "INR");
    ck_assert_str_eq(inv->items[1].refunds[0].reason, "already_paid");
    ck_assert_str_eq(inv->items[1].refunds[0].status, "pending");
    ck_assert_int_eq(inv->items[1].refunds[0].created_at_ms, 40);
    ck_assert_int_eq(inv->items[2].status, MC_INVOICE_VOID);
    ck_assert_int_eq(inv->items[2].voided_at_ms, 800000);
    ck_assert_int_eq(inv->items[0].status, MC_INVOICE_EXPIRED);
    ck_assert_int_eq(inv->items[0].voided_at_ms, 900000);
    ck_assert_uint_eq(inv->items[0].refund_count, 0);
    mc_invoice_list_free(inv);
    mc_booking_list *b = NULL;
    ck_assert_int_eq(mc_bookings_list(client, 0, &b, NULL), MC_OK);
    ck_assert_uint_eq(b->count, 2);
    ck_assert_int_eq(b->items[0].status, MC_BOOKING_EXPIRED);
    ck_assert_int_eq(b->items[1].status, MC_BOOKING_CANCELLED);
    mc_booking_list_free(b);
}
END_TEST

/* Every invoice in order through pages of limit; their ids joined by ','. */
static void walk_invoices(int32_t limit, char *ids, size_t cap)
{
    ids[0] = '\0';
    char *cursor = NULL;
    do {
        mc_page page = {limit, cursor};
        mc_invoice_list *list = NULL;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_invoices_page(client, &page, &list, &err) == MC_OK, "%s", err.message);
        ck_assert_int_le(list->count, limit);
        for (size_t i = 0; i < list->count; i++)
            snprintf(ids + strlen(ids), cap - strlen(ids), "%s%s", ids[0] ? "," : "",
                     list->items[i].id);
        free(cursor);
        cursor = list->next_cursor ? strdup(list->next_cursor) : NULL;
        mc_invoice_list_free(list);
    } while (cursor != NULL);
}

/* Newest first means by the instant a member sees: an open checkout (no issue date yet;
 * listed at its hold's end) first, a lapsed one at its lapse among the issued ones; pages
 * of any size give each exactly once; refunds in order, replaced with their invoice. */
START_TEST(test_invoices_list_by_the_instant_shown)
{
    const char *kinds[] = {"invoice", "invoice", "invoice", "invoice", "invoice"};
    char *ids[] = {"INV-A", "INV-X", "INV-B", "INV-D", "INV-C"};
    char *data[] = {
        "{\"number\":\"MC-0002\",\"status\":\"paid\",\"issued_at_ms\":1798989200000,"
        "\"paid_at_ms\":1798989300000,\"refunds\":[{\"id\":\"ref_1\",\"amount_paise\":100,"
        "\"created_at_ms\":1798989400000},{\"id\":\"ref_2\",\"amount_paise\":200,"
        "\"currency\":\"GBP\",\"created_at_ms\":1798989500000}]}",
        "{\"number\":null,\"status\":\"void\",\"void_reason\":\"hold_expired\","
        "\"issued_at_ms\":null,\"voided_at_ms\":1798992800000,\"lines\":[{\"description\":"
        "\"Day pass\"}]}",
        "{\"number\":\"MC-0003\",\"status\":\"issued\",\"issued_at_ms\":1798996400000}",
        "{\"number\":null,\"status\":\"draft\",\"issued_at_ms\":null,"
        "\"hold_expires_at_ms\":1799000900000,\"lines\":[{\"description\":\"Day pass\"}]}",
        "{\"number\":\"MC-0001\",\"status\":\"overdue\",\"issued_at_ms\":1798985600000}",
    };
    pull(5, kinds, ids, data);
    mc_invoice_list *inv = NULL;
    ck_assert_int_eq(mc_invoices_list(client, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 5);
    static const char *const order[] = {"INV-D", "INV-B", "INV-X", "INV-A", "INV-C"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_str_eq(inv->items[i].id, order[i]);
    ck_assert_int_eq(inv->items[0].status, MC_INVOICE_DRAFT);
    ck_assert_int_eq(inv->items[0].issued_at_ms, 0); /* "issued not yet" */
    ck_assert_str_eq(inv->items[0].lines[0].description, "Day pass");
    ck_assert_int_eq(inv->items[2].status, MC_INVOICE_EXPIRED);
    ck_assert_int_eq(inv->items[2].voided_at_ms, 1798992800000);
    ck_assert_uint_eq(inv->items[3].refund_count, 2);
    ck_assert_str_eq(inv->items[3].refunds[0].id, "ref_1");
    ck_assert_str_eq(inv->items[3].refunds[0].amount.currency, "INR");
    ck_assert_str_eq(inv->items[3].refunds[1].id, "ref_2");
    ck_assert_int_eq(inv->items[3].refunds[1].amount.minor, 200);
    ck_assert_str_eq(inv->items[3].refunds[1].amount.currency, "GBP");
    for (size_t i = 0; i < 5; i++)
        if (i != 3)
            ck_assert_uint_eq(inv->items[i].refund_count, 0);
    mc_invoice_list_free(inv);

    char walked[128];
    for (int32_t limit = 1; limit <= 6; limit++) {
        walk_invoices(limit, walked, sizeof walked);
        ck_assert_msg(strcmp(walked, "INV-D,INV-B,INV-X,INV-A,INV-C") == 0, "limit %d: %s",
                      (int)limit, walked);
    }

    /* the checkout paid: issued now, still first; the refunds replaced, not added to */
    char *paid[] = {
        "{\"number\":\"MC-0002\",\"status\":\"paid\",\"issued_at_ms\":1798989200000,"
        "\"refunds\":[{\"id\":\"ref_2\",\"amount_paise\":200,\"currency\":\"GBP\"}]}",
        "{\"number\":\"MC-0004\",\"status\":\"paid\",\"issued_at_ms\":1799000060000,"
        "\"paid_at_ms\":1799000060000,\"hold_expires_at_ms\":null}",
    };
    const char *again_kinds[] = {"invoice", "invoice"};
    char *again_ids[] = {"INV-A", "INV-D"};
    pull(2, again_kinds, again_ids, paid);
    walk_invoices(2, walked, sizeof walked);
    ck_assert_str_eq(walked, "INV-D,INV-B,INV-X,INV-A,INV-C");
    mc_page two = {2, NULL};
    mc_page after = {2, NULL};
    ck_assert_int_eq(mc_invoices_page(client, &two, &inv, NULL), MC_OK);
    ck_assert_int_eq(inv->items[0].issued_at_ms, 1799000060000);
    after.cursor = inv->next_cursor;
    mc_invoice_list *rest = NULL;
    ck_assert_int_eq(mc_invoices_page(client, &after, &rest, NULL), MC_OK);
    ck_assert_str_eq(rest->items[1].id, "INV-A");
    ck_assert_uint_eq(rest->items[1].refund_count, 1);
    ck_assert_str_eq(rest->items[1].refunds[0].id, "ref_2");
    mc_invoice_list_free(rest);
    mc_invoice_list_free(inv);
}
END_TEST

/* A long event that began before now and has not ended is upcoming, before later ones;
 * the bookings list keeps a booking running now the same way. */
START_TEST(test_running_entries_stay_listed)
{
    const char *kinds[] = {"event", "event", "event", "reservation", "reservation"};
    char *ids[] = {"EV-1", "EV-2", "EV-3", "BK-1", "BK-2"};
    char *data[] = {
        "{\"title\":\"week-long\",\"starts_at_ms\":1798500000000,\"ends_at_ms\":1799200000000}",
        "{\"title\":\"past\",\"starts_at_ms\":1798990000000,\"ends_at_ms\":1798993600000}",
        "{\"title\":\"later\",\"starts_at_ms\":1799100000000,\"ends_at_ms\":1799103600000}",
        "{\"id\":\"BK-1\",\"room_id\":\"R\",\"status\":\"confirmed\",\"start_ms\":1798900000000,"
        "\"end_ms\":1799100000000}",
        "{\"id\":\"BK-2\",\"room_id\":\"R\",\"status\":\"confirmed\",\"start_ms\":1798990000000,"
        "\"end_ms\":1798993600000}",
    };
    pull(5, kinds, ids, data);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_page(client, NOW_MS, NULL, &events, NULL), MC_OK);
    ck_assert_uint_eq(events->count, 2);
    ck_assert_str_eq(events->items[0].title, "week-long");
    ck_assert_str_eq(events->items[1].title, "later");
    mc_event_list_free(events);
    mc_booking_list *bookings = NULL;
    ck_assert_int_eq(mc_bookings_page(client, NOW_MS, NULL, &bookings, NULL), MC_OK);
    ck_assert_uint_eq(bookings->count, 1);
    ck_assert_str_eq(bookings->items[0].id, "BK-1");
    mc_booking_list_free(bookings);
}
END_TEST

/* A booking reads back every field from its typed row, its guests in order on the page
 * that holds it (an ended booking's guests stay out), and a replaced booking's guests are
 * the new ones. */
START_TEST(test_bookings_read_typed_with_guests)
{
    const char *kinds[] = {"reservation", "reservation", "reservation"};
    char *ids[] = {"BK-1", "BK-2", "BK-0"};
    char *data[] = {
        "{\"id\":\"BK-1\",\"room_id\":\"R1\",\"building_id\":\"B\",\"status\":\"confirmed\","
        "\"paid_by\":\"credits\",\"credits\":3,\"start_ms\":1799010000000,"
        "\"end_ms\":1799013600000,\"guests\":[{\"name\":\"Asha\",\"email\":\"a@x.in\","
        "\"credential_id\":\"CR-1\"},{\"name\":\"Ravi\",\"email\":\"r@x.in\"}]}",
        "{\"id\":\"BK-2\",\"room_id\":\"R2\",\"building_id\":\"B\",\"status\":\"pending_payment\","
        "\"paid_by\":\"razorpay\",\"amount_paise\":90000,\"order_id\":\"order_9\",\"key_id\":\"k\","
        "\"start_ms\":1799020000000,\"hours\":2}",
        "{\"id\":\"BK-0\",\"room_id\":\"R1\",\"status\":\"confirmed\",\"start_ms\":1798990000000,"
        "\"end_ms\":1798993600000,\"guests\":[{\"name\":\"Old\"}]}",
    };
    pull(3, kinds, ids, data);
    mc_page one = {1, NULL};
    mc_booking_list *page = NULL;
    ck_assert_int_eq(mc_bookings_page(client, NOW_MS, &one, &page, NULL), MC_OK);
    ck_assert_uint_eq(page->count, 1);
    const mc_booking *b = &page->items[0];
    ck_assert_str_eq(b->id, "BK-1");
    ck_assert_str_eq(b->room_id, "R1");
    ck_assert_str_eq(b->building_id, "B");
    ck_assert_int_eq(b->status, MC_BOOKING_CONFIRMED);
    ck_assert_int_eq(b->paid_by, MC_PAY_CREDITS);
    ck_assert_int_eq(b->credits, 3);
    ck_assert_uint_eq(b->guest_count, 2);
    ck_assert_str_eq(b->guests[0].name, "Asha");
    ck_assert_str_eq(b->guests[0].credential_id, "CR-1");
    ck_assert_str_eq(b->guests[1].email, "r@x.in");
    ck_assert_str_eq(b->guests[1].credential_id, "");
    one.cursor = page->next_cursor;
    mc_booking_list *second = NULL;
    ck_assert_int_eq(mc_bookings_page(client, NOW_MS, &one, &second, NULL), MC_OK);
    ck_assert_uint_eq(second->count, 1);
    b = &second->items[0];
    ck_assert_str_eq(b->id, "BK-2");
    ck_assert_int_eq(b->status, MC_BOOKING_PENDING_PAYMENT);
    ck_assert_int_eq(b->paid_by, MC_PAY_RAZORPAY);
    ck_assert_int_eq(b->amount.minor, 90000);
    ck_assert_int_eq(b->end_ms, 1799020000000LL + 2 * 3600000);
    ck_assert_str_eq(b->order_id, "order_9");
    ck_assert_str_eq(b->razorpay_key_id, "k");
    ck_assert_uint_eq(b->guest_count, 0);
    mc_booking_list_free(second);
    mc_booking_list_free(page);

    char *replaced[] = {"{\"id\":\"BK-1\",\"room_id\":\"R1\",\"status\":\"cancelled\","
                        "\"start_ms\":1799010000000,\"end_ms\":1799013600000,"
                        "\"guests\":[{\"name\":\"Meera\"}]}"};
    pull(1, kinds, ids, replaced);
    mc_booking_list *all = NULL;
    ck_assert_int_eq(mc_bookings_list(client, 0, &all, NULL), MC_OK);
    ck_assert_uint_eq(all->count, 3);
    ck_assert_str_eq(all->items[0].guests[0].name, "Old");
    ck_assert_int_eq(all->items[1].status, MC_BOOKING_CANCELLED);
    ck_assert_uint_eq(all->items[1].guest_count, 1);
    ck_assert_str_eq(all->items[1].guests[0].name, "Meera");
    mc_booking_list_free(all);
}
END_TEST

/* Events, invoices and passes page the same way, each in its own order. */
START_TEST(test_other_lists_page_alike)
{
    const char *kinds[] = {"event",   "event", "event", "invoice", "invoice",
                           "invoice", "pass",  "pass",  "pass"};
    char *ids[] = {"EV-1", "EV-2", "EV-3", "INV-1", "INV-2", "INV-3", "PS-1", "PS-2", "PS-3"};
    char *data[] = {
        "{\"title\":\"past\",\"starts_at_ms\":1798990000000,\"ends_at_ms\":1798993600000}",
        "{\"title\":\"later\",\"starts_at_ms\":1799100000000,\"ends_at_ms\":1799103600000}",
        "{\"title\":\"soon\",\"starts_at_ms\":1799010000000,\"ends_at_ms\":1799013600000}",
        "{\"number\":\"MC-1\",\"status\":\"paid\",\"issued_at_ms\":100,\"lines\":[]}",
        "{\"number\":\"MC-3\",\"status\":\"issued\",\"issued_at_ms\":300,\"lines\":"
        "[{\"description\":\"Day pass\",\"quantity\":2,\"unit_paise\":50000,"
        "\"amount_paise\":100000}]}",
        "{\"number\":\"MC-2\",\"status\":\"paid\",\"issued_at_ms\":200}",
        "{\"date\":\"2027-01-03\",\"status\":\"active\",\"holder\":{\"name\":\"Ravi\"}}",
        "{\"date\":\"2027-01-01\",\"status\":\"held\"}",
        "{\"date\":\"2027-01-02\",\"status\":\"released\"}",
    };
    pull(9, kinds, ids, data);

    mc_page one = {1, NULL};
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_page(client, NOW_MS, &one, &events, NULL), MC_OK);
    ck_assert_uint_eq(events->count, 1);
    ck_assert_str_eq(events->items[0].title, "soon");
    mc_page two = {5, events->next_cursor};
    mc_event_list *rest = NULL;
    ck_assert_int_eq(mc_events_page(client, NOW_MS, &two, &rest, NULL), MC_OK);
    ck_assert_uint_eq(rest->count, 1);
    ck_assert_str_eq(rest->items[0].title, "later");
    ck_assert_ptr_null(rest->next_cursor);
    mc_event_list_free(events);
    mc_event_list_free(rest);

    mc_page twoinv = {2, NULL};
    mc_invoice_list *inv = NULL;
    ck_assert_int_eq(mc_invoices_page(client, &twoinv, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 2);
    ck_assert_str_eq(inv->items[0].number, "MC-3");
    ck_assert_uint_eq(inv->items[0].line_count, 1);
    ck_assert_str_eq(inv->items[0].lines[0].description, "Day pass");
    ck_assert_int_eq(inv->items[0].lines[0].amount.minor, 100000);
    ck_assert_str_eq(inv->items[1].number, "MC-2");
    mc_page after = {2, inv->next_cursor};
    mc_invoice_list *inv2 = NULL;
    ck_assert_int_eq(mc_invoices_page(client, &after, &inv2, NULL), MC_OK);
    ck_assert_uint_eq(inv2->count, 1);
    ck_assert_str_eq(inv2->items[0].number, "MC-1");
    mc_invoice_list_free(inv);
    mc_invoice_list_free(inv2);

    mc_page twopass = {2, NULL};
    mc_pass_list *passes = NULL;
    ck_assert_int_eq(mc_passes_page(client, &twopass, &passes, NULL), MC_OK);
    ck_assert_str_eq(passes->items[0].date, "2027-01-01");
    ck_assert_str_eq(passes->items[1].date, "2027-01-02");
    mc_page morepass = {2, passes->next_cursor};
    mc_pass_list *passes2 = NULL;
    ck_assert_int_eq(mc_passes_page(client, &morepass, &passes2, NULL), MC_OK);
    ck_assert_uint_eq(passes2->count, 1);
    ck_assert_str_eq(passes2->items[0].holder_name, "Ravi");
    mc_pass_list_free(passes);
    mc_pass_list_free(passes2);
}
END_TEST

/* Each instant a read hands out is in the local time of the entity's building; an entity
 * that names none reads in the member's own building's time. */
START_TEST(test_instants_read_in_their_building)
{
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(
        sqlite3_exec(client->db, "UPDATE account SET building_id = 'BLR-1'", NULL, NULL, NULL),
        SQLITE_OK);
    pthread_mutex_unlock(&client->lock);
    const char *kinds[] = {"building", "building", "invoice", "invoice", "notification", "event"};
    char *ids[] = {"BLR-1", "LON-1", "INV-L", "INV-B", "N-L", "EV-L"};
    char *data[] = {
        "{\"id\":\"BLR-1\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":"
        "[{\"at_ms\":0,\"offset_min\":330,\"abbrev\":\"IST\"}]}}",
        "{\"id\":\"LON-1\",\"zone\":{\"name\":\"Europe/London\",\"transitions\":"
        "[{\"at_ms\":0,\"offset_min\":0,\"abbrev\":\"GMT\"},{\"at_ms\":1774746000000,"
        "\"offset_min\":60,\"abbrev\":\"BST\"},{\"at_ms\":1792890000000,\"offset_min\":0,"
        "\"abbrev\":\"GMT\"}]}}",
        /* 2026-07-01T09:00:00Z: 10:00 BST in London; paid 2026-11-01T09:00:00Z: 09:00 GMT */
        "{\"number\":\"L-1\",\"building_id\":\"LON-1\",\"issued_at_ms\":1782896400000,"
        "\"paid_at_ms\":1793523600000}",
        "{\"number\":\"B-1\",\"issued_at_ms\":1782896400000}",
        "{\"category\":\"billing\",\"title\":\"t\",\"body\":\"b\",\"building_id\":\"LON-1\","
        "\"created_at_ms\":1782896400000}",
        "{\"title\":\"e\",\"building_id\":\"LON-1\",\"starts_at_ms\":1782896400000,"
        "\"ends_at_ms\":1782900000000}",
    };
    pull(6, kinds, ids, data);
    mc_invoice_list *inv = NULL;
    ck_assert_int_eq(mc_invoices_list(client, &inv, NULL), MC_OK);
    ck_assert_uint_eq(inv->count, 2);
    const mc_invoice *london =
        strcmp(inv->items[0].number, "L-1") == 0 ? &inv->items[0] : &inv->items[1];
    const mc_invoice *own = london == &inv->items[0] ? &inv->items[1] : &inv->items[0];
    ck_assert_str_eq(london->issued_at.iso8601, "2026-07-01T10:00:00+01:00");
    ck_assert_str_eq(london->issued_at.label, "BST");
    ck_assert_str_eq(london->paid_at.iso8601, "2026-11-01T09:00:00+00:00");
    ck_assert_str_eq(london->paid_at.label, "GMT");
    ck_assert(!mc_local_time_is_set(&london->due_at)); /* no due date: nothing to show */
    ck_assert_str_eq(own->issued_at.iso8601, "2026-07-01T14:30:00+05:30");
    mc_invoice_list_free(inv);
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(client, false, &inbox, NULL), MC_OK);
    ck_assert_uint_eq(inbox->count, 1);
    ck_assert_str_eq(inbox->items[0].created_at.label, "BST");
    mc_notification_list_free(inbox);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(client, 0, &events, NULL), MC_OK);
    ck_assert_uint_eq(events->count, 1);
    ck_assert_str_eq(events->items[0].starts_at.iso8601, "2026-07-01T10:00:00+01:00");
    ck_assert_str_eq(events->items[0].ends_at.iso8601, "2026-07-01T11:00:00+01:00");
    mc_event_list_free(events);
    mc_local_time t;
    ck_assert_int_eq(mc_local_time_in_building(client, "LON-1", 1793523600000LL, &t, NULL), MC_OK);
    ck_assert_str_eq(t.label, "GMT");
    ck_assert_int_eq(mc_local_time_in_building(client, NULL, 1793523600000LL, &t, NULL), MC_OK);
    ck_assert_str_eq(t.label, "IST");
    ck_assert_int_eq(mc_local_time_in_building(client, NULL, 0, NULL, NULL), MC_ERR_INVALID_ARG);
}
END_TEST

/* Forgetting server truth empties the typed projections with `entity`. */
START_TEST(test_reset_empties_the_projections)
{
    pull_notifications(0, 10);
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_store_forget_server_truth(client->db, &err);
    pthread_mutex_unlock(&client->lock);
    ck_assert_msg(st == MC_OK, "%s", err.message);
    mc_notification_list *list = NULL;
    ck_assert_int_eq(mc_notifications_page(client, false, NULL, &list, NULL), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    ck_assert_int_eq(list->unread_total, 0);
    mc_notification_list_free(list);
}
END_TEST

/* A read does not wait for the writer: with the client lock held (as the sync thread holds
 * it while applying a page), reads still answer, from the last committed state. */
START_TEST(test_reads_do_not_take_the_writer_lock)
{
    pull_notifications(0, 3);
    pthread_mutex_lock(&client->lock);
    mc_notification_list *list = NULL;
    mc_status st = mc_notifications_page(client, false, NULL, &list, NULL);
    mc_credential_list *credentials = NULL;
    mc_status st_creds = mc_credentials_page(client, NULL, &credentials, NULL);
    pthread_mutex_unlock(&client->lock);
    ck_assert_int_eq(st, MC_OK);
    ck_assert_uint_eq(list->count, 3);
    ck_assert_int_eq(st_creds, MC_OK);
    ck_assert_uint_eq(credentials->count, 0);
    mc_notification_list_free(list);
    mc_credential_list_free(credentials);
}
END_TEST

/* Nobody signed in: every paged list says so. */
START_TEST(test_signed_out_reads_are_unauthorized)
{
    pthread_mutex_lock(&client->lock);
    sqlite3_exec(client->db, "DELETE FROM account", NULL, NULL, NULL);
    pthread_mutex_unlock(&client->lock);
    mc_notification_list *n = NULL;
    mc_event_list *e = NULL;
    mc_booking_list *b = NULL;
    ck_assert_int_eq(mc_notifications_page(client, false, NULL, &n, NULL), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_events_page(client, 0, NULL, &e, NULL), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_bookings_page(client, 0, NULL, &b, NULL), MC_ERR_UNAUTHORIZED);
    ck_assert_ptr_null(n);
    ck_assert_ptr_null(e);
    ck_assert_ptr_null(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("reads");
    TCase *tc = tcase_create("paged lists");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_pages_walk_the_inbox_in_order);
    tcase_add_test(tc, test_invoice_lines_follow_their_invoice);
    tcase_add_test(tc, test_expired_checkouts_refunds_and_expired_holds);
    tcase_add_test(tc, test_invoices_list_by_the_instant_shown);
    tcase_add_test(tc, test_running_entries_stay_listed);
    tcase_add_test(tc, test_bookings_read_typed_with_guests);
    tcase_add_test(tc, test_cursor_holds_under_inserts);
    tcase_add_test(tc, test_unread_counts_and_pending_mark_read);
    tcase_add_test(tc, test_bad_pages_are_refused);
    tcase_add_test(tc, test_other_lists_page_alike);
    tcase_add_test(tc, test_instants_read_in_their_building);
    tcase_add_test(tc, test_reset_empties_the_projections);
    tcase_add_test(tc, test_reads_do_not_take_the_writer_lock);
    tcase_add_test(tc, test_signed_out_reads_are_unauthorized);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
