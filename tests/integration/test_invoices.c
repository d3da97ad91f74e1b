/*
 * tests/integration/test_invoices.c - invoices as a member sees them, through the public API
 * against a real memberstub: an invoice paid by the number the member sees, an unknown number
 * refused by name; a colleague's stale order paid after the invoice was paid comes back as a
 * refund (the confirmation says so, the synced invoice lists it); a checkout whose hold
 * lapsed reads as expired with when, not as an invoice to pay; checkouts open and lapsed are
 * listed at their instant among the issued invoices, page after page; a meeting room paid with
 * Razorpay gets a taxed invoice, and a room hold that lapsed reads as expired, never paid.
 *
 * The server's clock and the client's clock are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define MIN_MS 60000LL
/* Monday 2027-01-04 10:00 in Bengaluru */
#define T0 1799037000000LL

static helper_fixture fx;

static void setup(void)
{
    helper_fixture_start(&fx, T0);
}

static void teardown(void)
{
    helper_fixture_stop(&fx);
}

/* Both clocks forward by ms. */
static void advance(int64_t ms)
{
    helper_fixture_set_now(&fx, fx.now + ms);
}

static mc_client *member(const char *name, const char *phone)
{
    return helper_fixture_member(&fx, name, phone);
}

/* The test checkout's genuine answer for order_id: payment id and signature (malloc'd). */
static void checkout_answer(const char *order_id, char **payment_id, char **signature)
{
    char body[256], *answer = NULL;
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":false}", order_id);
    ck_assert_int_eq(stub_request(fx.stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer),
                     200);
    cJSON *paid = cJSON_Parse(answer);
    free(answer);
    *payment_id = strdup(cJSON_GetObjectItem(paid, "payment_id")->valuestring);
    *signature = strdup(cJSON_GetObjectItem(paid, "signature")->valuestring);
    cJSON_Delete(paid);
}

/* Pay order_id through the test checkout and confirm it as c: what the confirmation did. */
static mc_invoice_payment *pay_order(mc_client *c, const char *order_id)
{
    char *payment_id, *signature;
    checkout_answer(order_id, &payment_id, &signature);
    mc_invoice_payment *p = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_invoice_payment_confirm(c, order_id, payment_id, signature, &p, &err) == MC_OK,
                  "confirm: %s", err.message);
    free(payment_id);
    free(signature);
    return p;
}

/* c's billing history from its local store (the caller frees it). */
static mc_invoice_list *invoices_of(mc_client *c)
{
    mc_invoice_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_invoices_list(c, &list, &err) == MC_OK, "%s", err.message);
    return list;
}

static const mc_invoice *find_invoice(const mc_invoice_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    ck_abort_msg("no invoice %s on the device", id);
    return NULL;
}

/* Pay by number; an unknown number is refused by name; a colleague's stale order is refunded. */
START_TEST(test_pay_by_number_and_a_stale_order_refunded)
{
    mc_client *asha = member("asha", ASHA), *vikram = member("vikram", VIKRAM);
    mc_error err = MC_ERROR_INIT;
    mc_order *mine = NULL, *his = NULL;
    /* January's membership: the seed numbers it INV-2027-0002 (issued after the 0001). */
    ck_assert_msg(mc_invoice_pay(asha, "INV-2027-0002", &mine, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(mine->invoice_id, "inv_5eed000000000003");
    ck_assert_int_eq(mine->amount.minor, 4248000);
    ck_assert_int_eq(mc_invoice_pay(asha, "INV-2027-0099", &his, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "INV-2027-0099") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_invoice_pay(asha, "INV 2027 0002", &his, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(mc_invoice_pay(vikram, "INV-2027-0002", &his, &err) == MC_OK, "%s", err.message);
    ck_assert_str_ne(his->order_id, mine->order_id);

    mc_invoice_payment *p = pay_order(asha, mine->order_id);
    ck_assert_str_eq(p->invoice_id, "inv_5eed000000000003");
    ck_assert_str_eq(p->invoice_number, "INV-2027-0002");
    ck_assert_ptr_null(p->refund);
    mc_invoice_payment_free(p);
    advance(5 * MIN_MS);

    /* Vikram pays his order after her: not charged twice in silence. */
    p = pay_order(vikram, his->order_id);
    ck_assert_str_eq(p->invoice_number, "INV-2027-0002");
    ck_assert_ptr_nonnull(p->refund);
    ck_assert(strncmp(p->refund->id, "ref_", 4) == 0);
    ck_assert_str_eq(p->refund->order_id, his->order_id);
    ck_assert_int_eq(p->refund->amount.minor, 4248000);
    ck_assert_str_eq(p->refund->amount.currency, "INR");
    ck_assert_str_eq(p->refund->reason, "already_paid");
    ck_assert_str_eq(p->refund->status, "pending");
    ck_assert_int_eq(p->refund->created_at_ms, fx.now);
    char refund_id[64];
    snprintf(refund_id, sizeof refund_id, "%s", p->refund->id);
    mc_invoice_payment_free(p);
    /* The old call still confirms (and changes nothing now). */
    char *payment_id, *signature;
    checkout_answer(his->order_id, &payment_id, &signature);
    ck_assert_int_eq(mc_invoice_confirm_payment(vikram, his->order_id, payment_id, signature, &err),
                     MC_OK);
    free(payment_id);
    free(signature);

    /* His device lists the refund on the invoice, paid once. */
    mc_invoice_list *list = invoices_of(vikram);
    const mc_invoice *inv = find_invoice(list, "inv_5eed000000000003");
    ck_assert_int_eq(inv->status, MC_INVOICE_PAID);
    ck_assert_int_eq(inv->paid_at_ms, T0);
    ck_assert_uint_eq(inv->refund_count, 1);
    ck_assert_str_eq(inv->refunds[0].id, refund_id);
    ck_assert_int_eq(inv->refunds[0].amount.minor, 4248000);
    ck_assert_uint_eq(find_invoice(list, "inv_5eed000000000001")->refund_count, 0);
    mc_invoice_list_free(list);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    list = invoices_of(asha);
    ck_assert_uint_eq(find_invoice(list, "inv_5eed000000000003")->refund_count, 1);
    mc_invoice_list_free(list);

    mc_order_free(mine);
    mc_order_free(his);
    mc_client_free(asha);
    mc_client_free(vikram);
}
END_TEST

/* A checkout whose hold lapsed: expired, with when; never numbered, issued or due. */
START_TEST(test_a_lapsed_checkout_reads_as_expired)
{
    mc_client *asha = member("asha", ASHA);
    mc_pass_item item = {"2027-01-05", NULL, NULL};
    mc_cart cart = {"BLR-1", &item, 1};
    mc_order *o = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_passes_checkout(asha, &cart, &o, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(o->hold_expires_at_ms, T0 + 15 * MIN_MS);
    mc_invoice_list *list = invoices_of(asha);
    ck_assert_int_eq(find_invoice(list, o->invoice_id)->status, MC_INVOICE_DRAFT);
    mc_invoice_list_free(list);
    advance(15 * MIN_MS);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    list = invoices_of(asha);
    const mc_invoice *inv = find_invoice(list, o->invoice_id);
    ck_assert_int_eq(inv->status, MC_INVOICE_EXPIRED);
    ck_assert_str_eq(mc_invoice_status_name(inv->status), "expired");
    ck_assert_int_eq(inv->voided_at_ms, T0 + 15 * MIN_MS);
    ck_assert_str_eq(inv->number, "");
    ck_assert_int_eq(inv->issued_at_ms, 0);
    ck_assert_int_eq(inv->due_at_ms, 0);
    mc_invoice_list_free(list);
    /* Nothing to pay. */
    mc_order *again = NULL;
    ck_assert_int_eq(mc_invoice_pay(asha, o->invoice_id, &again, &err), MC_ERR_CONFLICT);
    mc_order_free(o);
    mc_client_free(asha);
}
END_TEST

/* c's invoices through pages of limit, their ids joined by ',' into ids. */
static void walk_pages(mc_client *c, int32_t limit, char *ids, size_t cap)
{
    ids[0] = '\0';
    char *cursor = NULL;
    do {
        mc_page page = {limit, cursor};
        mc_invoice_list *list = NULL;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_invoices_page(c, &page, &list, &err) == MC_OK, "%s", err.message);
        for (size_t i = 0; i < list->count; i++)
            snprintf(ids + strlen(ids), cap - strlen(ids), "%s%s", ids[0] ? "," : "",
                     list->items[i].id);
        free(cursor);
        cursor = list->next_cursor ? strdup(list->next_cursor) : NULL;
        mc_invoice_list_free(list);
    } while (cursor != NULL);
}

/* Newest first by the instant a member sees: a checkout in progress (no issue date yet) on
 * top, a lapsed one at its lapse, above the invoices issued before; pages of any size list
 * each once, in that order. */
START_TEST(test_checkouts_are_listed_at_their_instant)
{
    mc_client *asha = member("asha", ASHA);
    mc_pass_item item = {"2027-01-05", NULL, NULL};
    mc_cart cart = {"BLR-1", &item, 1};
    mc_order *lapsed = NULL, *open = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_passes_checkout(asha, &cart, &lapsed, &err) == MC_OK, "%s", err.message);
    advance(20 * MIN_MS);
    /* Another date: the lapsed one's is cooling down for 30 minutes (hold_cooldown). */
    mc_pass_item next_day = {"2027-01-06", NULL, NULL};
    mc_cart next = {"BLR-1", &next_day, 1};
    ck_assert_msg(mc_passes_checkout(asha, &next, &open, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);

    mc_invoice_list *list = invoices_of(asha);
    ck_assert_uint_ge(list->count, 4); /* the seed's issued invoices below them */
    ck_assert_str_eq(list->items[0].id, open->invoice_id);
    ck_assert_int_eq(list->items[0].status, MC_INVOICE_DRAFT);
    ck_assert_str_eq(list->items[1].id, lapsed->invoice_id);
    ck_assert_int_eq(list->items[1].status, MC_INVOICE_EXPIRED);
    ck_assert_int_eq(list->items[1].voided_at_ms, T0 + 15 * MIN_MS);
    int64_t above = list->items[1].voided_at_ms;
    char all[1024];
    snprintf(all, sizeof all, "%s,%s", list->items[0].id, list->items[1].id);
    for (size_t i = 2; i < list->count; i++) {
        const mc_invoice *inv = &list->items[i];
        ck_assert_msg(inv->issued_at_ms > 0 && inv->issued_at_ms <= above,
                      "%s issued at %lld is listed below %lld", inv->id,
                      (long long)inv->issued_at_ms, (long long)above);
        above = inv->issued_at_ms;
        snprintf(all + strlen(all), sizeof all - strlen(all), ",%s", inv->id);
    }
    mc_invoice_list_free(list);
    for (int32_t limit = 1; limit <= 3; limit++) {
        char walked[1024];
        walk_pages(asha, limit, walked, sizeof walked);
        ck_assert_msg(strcmp(walked, all) == 0, "limit %d: %s, not %s", (int)limit, walked, all);
    }
    mc_order_free(lapsed);
    mc_order_free(open);
    mc_client_free(asha);
}
END_TEST

/* The status of booking id among c's bookings (UNKNOWN when not listed). */
static mc_booking_status booking_status(mc_client *c, const char *id)
{
    mc_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_bookings_list(c, 0, &list, &err) == MC_OK, "%s", err.message);
    mc_booking_status status = MC_BOOKING_UNKNOWN;
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            status = list->items[i].status;
    mc_booking_list_free(list);
    return status;
}

/* A room paid with Razorpay: an invoice with GST; a hold never paid: expired. */
START_TEST(test_a_razorpay_room_is_invoiced_and_a_lapsed_one_expires)
{
    mc_client *asha = member("asha", ASHA);
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-07", "16:00", 2, NULL, 0, MC_PAY_RAZORPAY};
    mc_booking *b = NULL, *paid = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_booking_create(asha, &req, &b, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(b->amount.minor, 590000); /* 2 h x 2,500 + 18% */
    char *payment_id, *signature;
    checkout_answer(b->order_id, &payment_id, &signature);
    ck_assert_msg(mc_booking_confirm_payment(asha, b->id, b->order_id, payment_id, signature, &paid,
                                             &err) == MC_OK,
                  "%s", err.message);
    free(payment_id);
    free(signature);
    mc_booking_free(paid);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    mc_invoice_list *list = invoices_of(asha);
    const mc_invoice *room = NULL;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].line_count == 1 &&
            strncmp(list->items[i].lines[0].description, "Boardroom (BLR-1-BOARD)", 23) == 0)
            room = &list->items[i];
    ck_assert_msg(room != NULL, "no invoice for the room");
    ck_assert_int_eq(room->status, MC_INVOICE_PAID);
    /* After the seed's three of 2027 (the last Asha's Focus Room, paid by Razorpay). */
    ck_assert_str_eq(room->number, "INV-2027-0004");
    ck_assert_int_eq(room->subtotal.minor, 500000);
    ck_assert_int_eq(room->tax.minor, 90000);
    ck_assert_int_eq(room->total.minor, 590000);
    ck_assert_int_eq(room->lines[0].quantity, 2);
    ck_assert_int_eq(room->lines[0].unit.minor, 250000);
    ck_assert_int_eq(room->paid_at_ms, T0);
    mc_invoice_list_free(list);
    ck_assert_int_eq(booking_status(asha, b->id), MC_BOOKING_CONFIRMED);
    mc_booking_free(b);

    /* Another, never paid: 15 minutes on, it expired (not cancelled, not paid). */
    req.start = "10:00";
    ck_assert_msg(mc_booking_create(asha, &req, &b, &err) == MC_OK, "%s", err.message);
    advance(15 * MIN_MS);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    ck_assert_int_eq(booking_status(asha, b->id), MC_BOOKING_EXPIRED);
    ck_assert_str_eq(mc_booking_status_name(MC_BOOKING_EXPIRED), "expired");
    ck_assert_int_eq(mc_booking_cancel(asha, b->id, NULL, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "expired unpaid") != NULL, "%s", err.message);
    mc_booking_free(b);
    mc_client_free(asha);
}
END_TEST

static Suite *invoices_suite(void)
{
    Suite *s = suite_create("invoices");
    TCase *tc = tcase_create("invoices");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_pay_by_number_and_a_stale_order_refunded);
    tcase_add_test(tc, test_a_lapsed_checkout_reads_as_expired);
    tcase_add_test(tc, test_checkouts_are_listed_at_their_instant);
    tcase_add_test(tc, test_a_razorpay_room_is_invoiced_and_a_lapsed_one_expires);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(invoices_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
