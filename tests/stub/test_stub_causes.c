/*
 * tests/stub/test_stub_causes.c - every notification kind the server makes, each from its cause,
 * over HTTP against a memberstub process (docs/notifications-protocol.md, the table of kinds):
 * invoices issued, due in 3 days, overdue and paid (once whether the app or the webhook settles);
 * room bookings confirmed (credits at once, card when paid), cancelled (by the member, or a hold
 * lapsing) and the urgent reminder 15 minutes before; events changed by the operator and the
 * reminder 24 hours before; the ticket kinds; announcements. Reminders and due notices follow the
 * test clock (never a sleep): nothing a moment early, one at the moment, none more when the clock
 * moves again. Times read in the building's local time with its label (IST; BST after London's
 * change to summer time), money in the building's currency.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_test_util.h"

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define OLIVIA "+447700900001"
#define KIRAN  "+919800000010"
#define PRIYA  "+919800000009"
#define TOM    "+447700900010"

#define ASHA_ID   "usr_5eed000000000001"
#define OLIVIA_ID "usr_5eed000000000003"

#define MIN  (60 * 1000LL)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* y-m-d h:mi UTC in ms. */
static int64_t utc(int y, int m, int d, int h, int mi)
{
    return days_from_civil(y, m, d) * DAY + h * HOUR + mi * MIN;
}

/* y-m-d h:mi in Bengaluru (UTC+05:30) in ms. */
static int64_t ist(int y, int m, int d, int h, int mi)
{
    return utc(y, m, d, h, mi) - 330 * MIN;
}

/* Push one mutation as token; "applied" or the refusal's code (static). */
static const char *push(const char *token, const char *kind, const char *payload)
{
    static int64_t next;
    char body[4096];
    next++;
    snprintf(body, sizeof body,
             "{\"client_id\": \"causes\", \"mutations\": [{\"mutation_id\": %" PRId64
             ", \"idempotency_key\": \"causes-%" PRId64 "\", \"kind\": \"%s\", \"payload\": %s}]}",
             next, next, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
    static char out[64];
    snprintf(out, sizeof out, "%s",
             strcmp(str(r, "status"), "applied") == 0 ? "applied" : str(r, "code"));
    cJSON_Delete(answer);
    return out;
}

/* Older first: by created_at_ms, then id. */
static int by_creation(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int64_t dx = num(x, "created_at_ms"), dy = num(y, "created_at_ms");
    return dx != dy ? (dx < dy ? -1 : 1) : strcmp(str(x, "id"), str(y, "id"));
}

/* The notifications of phone's inbox of that kind (an array of their data; caller deletes),
 * oldest first. */
static cJSON *notices(const char *phone, const char *kind)
{
    cJSON *view = sync_view(phone);
    const cJSON *found[256];
    size_t n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, view)
    {
        if (strncmp(e->string, "notification/", 13) == 0 && strcmp(str(e, "kind"), kind) == 0) {
            ck_assert(n < sizeof found / sizeof found[0]);
            found[n++] = e;
        }
    }
    qsort(found, n, sizeof found[0], by_creation);
    cJSON *out = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(out, cJSON_Duplicate(found[i], true));
    cJSON_Delete(view);
    return out;
}

/* How many notifications of kind phone has. */
static int count(const char *phone, const char *kind)
{
    cJSON *list = notices(phone, kind);
    int n = cJSON_GetArraySize(list);
    cJSON_Delete(list);
    return n;
}

/* How many notifications of kind phone has that link to link. */
static int count_about(const char *phone, const char *kind, const char *link)
{
    cJSON *list = notices(phone, kind);
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        n += cJSON_IsString(field(e, "deep_link")) && strcmp(str(e, "deep_link"), link) == 0;
    }
    cJSON_Delete(list);
    return n;
}

/* The only notification of kind phone has that links to link (asserted one; caller deletes). */
static cJSON *only_about(const char *phone, const char *kind, const char *link)
{
    cJSON *list = notices(phone, kind);
    cJSON *found = NULL;
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        if (cJSON_IsString(field(e, "deep_link")) && strcmp(str(e, "deep_link"), link) == 0) {
            n++;
            cJSON_Delete(found);
            found = cJSON_Duplicate(e, true);
        }
    }
    cJSON_Delete(list);
    ck_assert_msg(n == 1, "%s has %d '%s' notifications about %s, wanted 1", phone, n, kind, link);
    return found;
}

/* The only notification of kind phone has (asserted one; caller deletes). */
static cJSON *only(const char *phone, const char *kind)
{
    cJSON *list = notices(phone, kind);
    ck_assert_msg(cJSON_GetArraySize(list) == 1, "%s has %d '%s' notifications, wanted 1", phone,
                  cJSON_GetArraySize(list), kind);
    cJSON *n = cJSON_DetachItemFromArray(list, 0);
    cJSON_Delete(list);
    return n;
}

/* Assert notification n's category, urgent flag, link, title and body. */
static void check_notice(const cJSON *n, const char *category, bool urgent, const char *link,
                         const char *title, const char *body)
{
    ck_assert_str_eq(str(n, "category"), category);
    ck_assert_msg(cJSON_IsBool(field(n, "urgent")) && cJSON_IsTrue(field(n, "urgent")) == urgent,
                  "%s: urgent should be %d", str(n, "kind"), urgent);
    ck_assert_str_eq(str(n, "deep_link"), link);
    ck_assert_str_eq(str(n, "title"), title);
    ck_assert_str_eq(str(n, "body"), body);
}

/* Nothing of kind for phone a moment before `moment`, one at it: that one (caller deletes). */
static cJSON *at_the_moment(const char *phone, const char *kind, int64_t moment)
{
    ck_assert_int_eq(stub_set_clock(stub, moment - 1), 0);
    ck_assert_int_eq(count(phone, kind), 0);
    ck_assert_int_eq(stub_set_clock(stub, moment), 0);
    return only(phone, kind);
}

/* Pay order_id in the app as token (the test checkout, then the confirmation). */
static void pay_in_app(const char *token, const char *order_id)
{
    cJSON *payment = pay(order_id, false);
    char body[512];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(payment, "payment_id"), str(payment, "signature"));
    cJSON_Delete(call("POST", "/v1/payments/razorpay/confirm", body, token, 200));
    cJSON_Delete(payment);
}

/* POST /v1/test/invoices; the invoice (caller deletes). */
static cJSON *issue(const char *payer_field, const char *payer, int64_t amount,
                    const char *description, int due_in_days)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"%s\": \"%s\", \"amount_paise\": %" PRId64
             ", \"description\": \"%s\", \"due_in_days\": %d}",
             payer_field, payer, amount, description, due_in_days);
    cJSON *answer = call("POST", "/v1/test/invoices", body, NULL, 200);
    cJSON *invoice = cJSON_DetachItemFromObject(answer, "invoice");
    cJSON_Delete(answer);
    return invoice;
}

/* ---- billing ------------------------------------------------------------------------------ */

/* Issued to a member: they are told, in their building's money and time; nobody else is. */
START_TEST(test_invoice_issued_to_a_member)
{
    cJSON *inv = issue("user_id", OLIVIA_ID, 10000, "Locker rental, January", 10);
    ck_assert_str_eq(str(inv, "status"), "issued");
    ck_assert(num(inv, "total_paise") == 12000); /* LON-1: 20% VAT */
    ck_assert(num(inv, "due_at_ms") == T0 + 10 * DAY);
    char link[96], title[128];
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", str(inv, "id"));
    snprintf(title, sizeof title, "New invoice %s: £120.00", str(inv, "number"));
    cJSON *n = only(OLIVIA, "invoice.generated");
    check_notice(n, "billing", false, link, title,
                 "Locker rental, January: £120.00 is due by Thu 14 Jan 2027 04:30 GMT.");
    cJSON_Delete(n);
    ck_assert_int_eq(count(ASHA, "invoice.generated"), 1); /* the seeded one only */
    cJSON_Delete(inv);
    /* Refusals name the field; an unknown payer is not found. */
    check_error("POST", "/v1/test/invoices",
                "{\"amount_paise\": 1, \"description\": \"x\", \"due_in_days\": 1}", NULL, 400,
                "invalid_argument");
    check_error("POST", "/v1/test/invoices",
                "{\"user_id\": \"" ASHA_ID "\", \"company_id\": \"ACME\", \"amount_paise\": 1,"
                " \"description\": \"x\", \"due_in_days\": 1}",
                NULL, 400, "invalid_argument");
    check_error_mentioning("POST", "/v1/test/invoices",
                           "{\"user_id\": \"" ASHA_ID "\", \"amount_paise\": 0,"
                           " \"description\": \"x\", \"due_in_days\": 1}",
                           NULL, 400, "invalid_argument", "amount_paise");
    check_error("POST", "/v1/test/invoices",
                "{\"company_id\": \"NOPE\", \"amount_paise\": 1, \"description\": \"x\","
                " \"due_in_days\": 1}",
                NULL, 404, "not_found");
}
END_TEST

/* A company's invoice reaches every member of the company, and only them. */
START_TEST(test_company_invoice_reaches_every_member)
{
    cJSON *inv = issue("company_id", "ACME", 100000, "Meeting room overage", 15);
    ck_assert(num(inv, "total_paise") == 118000); /* BLR-1: 18% GST */
    char title[128];
    snprintf(title, sizeof title, "New invoice %s: ₹1,180.00", str(inv, "number"));
    const char *members[] = {ASHA, VIKRAM};
    for (int i = 0; i < 2; i++) {
        cJSON *list = notices(members[i], "invoice.generated");
        cJSON *n = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
        ck_assert_str_eq(str(n, "title"), title);
        ck_assert_str_eq(str(n, "body"),
                         "Meeting room overage: ₹1,180.00 is due by Tue 19 Jan 2027 10:00 IST.");
        cJSON_Delete(list);
    }
    ck_assert_int_eq(count(OLIVIA, "invoice.generated"), 0);
    cJSON_Delete(inv);
}
END_TEST

/* Due in 3 days: nothing a moment before, one at the moment, none more; then overdue once. */
START_TEST(test_invoice_due_soon_then_overdue_once_each)
{
    cJSON *inv = issue("user_id", ASHA_ID, 50000, "Parking, January", 7);
    int64_t due = num(inv, "due_at_ms");
    char link[96], soon[128], late[128];
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", str(inv, "id"));
    snprintf(soon, sizeof soon, "Invoice %s is due soon", str(inv, "number"));
    snprintf(late, sizeof late, "Invoice %s is overdue", str(inv, "number"));
    ck_assert_int_eq(stub_set_clock(stub, due - 3 * DAY - 1), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.due_soon", link), 0);
    ck_assert_int_eq(stub_set_clock(stub, due - 3 * DAY), 0);
    cJSON *n = only_about(ASHA, "invoice.due_soon", link);
    check_notice(n, "billing", false, link, soon,
                 "₹590.00 is due by Mon 11 Jan 2027 10:00 IST. Pay it from Billing to keep it on"
                 " time.");
    ck_assert(num(n, "created_at_ms") == due - 3 * DAY);
    cJSON_Delete(n);
    ck_assert_int_eq(stub_advance_clock(stub, HOUR), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.due_soon", link), 1);
    /* Vikram pays nothing of Asha's own invoice. */
    ck_assert_int_eq(count_about(VIKRAM, "invoice.due_soon", link), 0);

    ck_assert_int_eq(stub_set_clock(stub, due - 1), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.overdue", link), 0);
    ck_assert_int_eq(stub_set_clock(stub, due), 0);
    n = only_about(ASHA, "invoice.overdue", link);
    check_notice(n, "billing", false, link, late,
                 "₹590.00 was due by Mon 11 Jan 2027 10:00 IST. Please pay it from Billing.");
    cJSON_Delete(n);
    ck_assert_int_eq(stub_advance_clock(stub, DAY), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.overdue", link), 1);
    ck_assert_int_eq(count_about(ASHA, "invoice.due_soon", link), 1);
    cJSON_Delete(inv);
}
END_TEST

/* One issued 2 days before it is due says its date when issued: no "due soon" after it. */
START_TEST(test_invoice_issued_close_to_due_has_no_due_soon)
{
    cJSON *inv = issue("user_id", ASHA_ID, 50000, "Printing", 2);
    char link[96];
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", str(inv, "id"));
    ck_assert_int_eq(stub_advance_clock(stub, DAY), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.due_soon", link), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.generated", link), 1);
    cJSON_Delete(inv);
}
END_TEST

/* POST /v1/webhooks/razorpay with Razorpay's headers, signed by the test route; the status. */
static void webhook_for(const char *order_id, const char *event_id)
{
    char req[256];
    snprintf(req, sizeof req, "{\"order_id\":\"%s\",\"event_id\":\"%s\"}", order_id, event_id);
    cJSON *signed_call = call("POST", "/v1/test/razorpay/webhook", req, NULL, 200);
    char sig[160], event[200];
    snprintf(sig, sizeof sig, "X-Razorpay-Signature: %s", str(signed_call, "signature"));
    snprintf(event, sizeof event, "X-Razorpay-Event-Id: %s", event_id);
    const char *headers[] = {"Content-Type: application/json", sig, event, NULL};
    char *answer = NULL;
    int status = stub_request_headers(stub, "POST", "/v1/webhooks/razorpay",
                                      str(signed_call, "body"), headers, &answer);
    ck_assert_int_eq(status, 200);
    free(answer);
    cJSON_Delete(signed_call);
}

/* Paid in the app, then Razorpay's webhook for the same payment: one "Payment confirmed". */
START_TEST(test_payment_confirmed_once_by_app_and_webhook)
{
    char *asha = token_for(ASHA);
    cJSON *inv = issue("user_id", ASHA_ID, 50000, "Parking, January", 7);
    char path[128], link[96];
    snprintf(path, sizeof path, "/v1/invoices/%s/pay", str(inv, "id"));
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", str(inv, "id"));
    cJSON *answer = call("POST", path, NULL, asha, 200);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    int before = count(ASHA, "payment.confirmed");
    pay_in_app(asha, order_id);
    webhook_for(order_id, "evt_causes_1");
    cJSON *list = notices(ASHA, "payment.confirmed");
    ck_assert_int_eq(cJSON_GetArraySize(list), before + 1);
    char words[128];
    snprintf(words, sizeof words, "We received ₹590.00 for invoice %s.", str(inv, "number"));
    check_notice(cJSON_GetArrayItem(list, before), "billing", false, link, "Payment confirmed",
                 words);
    cJSON_Delete(list);
    /* Paid before its moments: never "due soon", never overdue. */
    ck_assert_int_eq(stub_set_clock(stub, num(inv, "due_at_ms") - 3 * DAY), 0);
    ck_assert_int_eq(stub_set_clock(stub, num(inv, "due_at_ms") + DAY), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.due_soon", link), 0);
    ck_assert_int_eq(count_about(ASHA, "invoice.overdue", link), 0);
    ck_assert_int_eq(count(ASHA, "payment.confirmed"), before + 1);
    cJSON_Delete(inv);
    free(asha);
}
END_TEST

/* ---- bookings ----------------------------------------------------------------------------- */

/* booking.create with credits, as token: "applied" or the code. */
static const char *book(const char *token, const char *id, const char *room, int64_t start,
                        int hours)
{
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"booking_id\":\"%s\",\"room_id\":\"%s\",\"start_ms\":%" PRId64
             ",\"hours\":%d,\"guests\":[],\"pay\":\"credits\"}",
             id, room, start, hours);
    return push(token, "booking.create", payload);
}

/* Credits: confirmed at once; the member cancels before the cut-off: told, credits back. */
START_TEST(test_booking_confirmed_and_cancelled_by_the_member)
{
    char *asha = token_for(ASHA);
    ck_assert_str_eq(book(asha, "bk-c1", "BLR-1-FOCUS", ist(2027, 1, 5, 14, 0), 2), "applied");
    cJSON *n = only(ASHA, "booking.confirmed");
    check_notice(n, "bookings", false, "membercore://bookings/bk-c1",
                 "Booking confirmed: Focus Room",
                 "Focus Room (BLR-1-FOCUS), Indiranagar, Tue 5 Jan 2027 14:00-16:00 IST. Paid with"
                 " 4 credits.");
    cJSON_Delete(n);
    ck_assert_str_eq(push(asha, "booking.cancel", "{\"booking_id\":\"bk-c1\"}"), "applied");
    n = only(ASHA, "booking.cancelled");
    check_notice(n, "bookings", false, "membercore://bookings/bk-c1",
                 "Booking cancelled: Focus Room",
                 "Focus Room (BLR-1-FOCUS), Indiranagar, Tue 5 Jan 2027 14:00-16:00 IST. You"
                 " cancelled it; its 4 credits came back.");
    cJSON_Delete(n);
    ck_assert_int_eq(count(VIKRAM, "booking.confirmed"), 0);
    free(asha);
}
END_TEST

/* Card: nothing while the hold waits; confirmed when paid. A hold never paid lapses: told. */
START_TEST(test_card_booking_confirmed_when_paid_and_lapsed_hold_cancelled)
{
    char *asha = token_for(ASHA);
    char online[256];
    snprintf(online, sizeof online,
             "{\"booking_id\":\"bk-card\",\"room_id\":\"BLR-1-HUDDLE\",\"start_ms\":%" PRId64
             ",\"hours\":1,\"guests\":[]}",
             ist(2027, 1, 5, 16, 0));
    cJSON *hold = call("POST", "/v1/bookings", online, asha, 201);
    ck_assert_int_eq(count(ASHA, "booking.confirmed"), 0);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(field(hold, "order"), "id"));
    cJSON_Delete(hold);
    pay_in_app(asha, order_id);
    cJSON *n = only(ASHA, "booking.confirmed");
    check_notice(n, "bookings", false, "membercore://bookings/bk-card",
                 "Booking confirmed: Huddle Room",
                 "Huddle Room (BLR-1-HUDDLE), Indiranagar, Tue 5 Jan 2027 16:00-17:00 IST. Paid"
                 " ₹1,180.00 by card.");
    cJSON_Delete(n);

    /* Another hold, never paid: 15 minutes later it lapses and Asha is told why. */
    snprintf(online, sizeof online,
             "{\"booking_id\":\"bk-lapse\",\"room_id\":\"BLR-1-BOARD\",\"start_ms\":%" PRId64
             ",\"hours\":1,\"guests\":[]}",
             ist(2027, 1, 6, 16, 0));
    cJSON_Delete(call("POST", "/v1/bookings", online, asha, 201));
    ck_assert_int_eq(stub_advance_clock(stub, 15 * MIN - 1), 0);
    ck_assert_int_eq(count(ASHA, "booking.cancelled"), 0);
    ck_assert_int_eq(stub_advance_clock(stub, 1), 0);
    n = only(ASHA, "booking.cancelled");
    check_notice(n, "bookings", false, "membercore://bookings/bk-lapse",
                 "Booking cancelled: Boardroom",
                 "Boardroom (BLR-1-BOARD), Indiranagar, Wed 6 Jan 2027 16:00-17:00 IST. It was not"
                 " paid within 15 minutes, so the hold lapsed and the room is free again.");
    cJSON_Delete(n);
    free(asha);
}
END_TEST

/* 15 minutes before a confirmed booking starts: one urgent reminder, at that moment, once. */
START_TEST(test_booking_reminder_fifteen_minutes_before_in_bengaluru)
{
    char *asha = token_for(ASHA);
    int64_t start = ist(2027, 1, 4, 12, 0);
    ck_assert_str_eq(book(asha, "bk-r1", "BLR-1-FOCUS", start, 1), "applied");
    cJSON *n = at_the_moment(ASHA, "booking.reminder", start - 15 * MIN);
    check_notice(n, "bookings", true, "membercore://bookings/bk-r1",
                 "Starts in 15 minutes: Focus Room",
                 "Focus Room (BLR-1-FOCUS), Indiranagar, Mon 4 Jan 2027 12:00-13:00 IST.");
    cJSON_Delete(n);
    ck_assert_int_eq(stub_advance_clock(stub, 5 * MIN), 0);
    ck_assert_int_eq(stub_advance_clock(stub, 5 * MIN), 0);
    ck_assert_int_eq(count(ASHA, "booking.reminder"), 1);
    free(asha);
}
END_TEST

/* A booking cancelled before its reminder is never reminded; a kept one whose moment passed
 * with no request until 90 seconds before it starts is reminded then, saying how long is left. */
START_TEST(test_cancelled_booking_gets_no_reminder)
{
    char *asha = token_for(ASHA);
    int64_t start = ist(2027, 1, 4, 13, 0);
    ck_assert_str_eq(book(asha, "bk-r2", "BLR-1-HUDDLE", start, 1), "applied");
    ck_assert_str_eq(book(asha, "bk-r3", "BLR-1-BOARD", start, 1), "applied");
    ck_assert_str_eq(push(asha, "booking.cancel", "{\"booking_id\":\"bk-r2\"}"), "applied");
    ck_assert_int_eq(stub_set_clock(stub, start - 90 * 1000), 0);
    cJSON *n = only(ASHA, "booking.reminder");
    ck_assert_str_eq(str(n, "deep_link"), "membercore://bookings/bk-r3");
    ck_assert_str_eq(str(n, "title"), "Starts in 2 minutes: Boardroom");
    cJSON_Delete(n);
    free(asha);
}
END_TEST

/* London after the change to summer time (28 March 2027, 01:00 UTC): the reminder comes 15
 * minutes before 10:00 BST (09:00 UTC) and reads BST. */
START_TEST(test_booking_reminder_in_london_after_the_clocks_go_forward)
{
    ck_assert_int_eq(stub_stop(stub), 0);
    stub = stub_start_at(utc(2027, 3, 27, 12, 0), NULL, NULL);
    ck_assert_ptr_nonnull(stub);
    char *olivia = token_for(OLIVIA);
    int64_t start = utc(2027, 3, 28, 9, 0);
    ck_assert_str_eq(book(olivia, "bk-lon", "LON-1-SOHO", start, 1), "applied");
    cJSON *n = at_the_moment(OLIVIA, "booking.reminder", utc(2027, 3, 28, 8, 45));
    check_notice(n, "bookings", true, "membercore://bookings/bk-lon",
                 "Starts in 15 minutes: Soho Room",
                 "Soho Room (LON-1-SOHO), Shoreditch, Sun 28 Mar 2027 10:00-11:00 BST.");
    cJSON_Delete(n);
    free(olivia);
}
END_TEST

/* ---- events ------------------------------------------------------------------------------- */

/* POST /v1/test/events at BLR-1; its id into out. */
static void make_event(const char *title, int64_t starts, int64_t ends, char out[64])
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"building_id\": \"BLR-1\", \"title\": \"%s\", \"starts_at_ms\": %" PRId64
             ", \"ends_at_ms\": %" PRId64 ", \"capacity\": 30}",
             title, starts, ends);
    cJSON *answer = call("POST", "/v1/test/events", body, NULL, 200);
    snprintf(out, 64, "%s", str(field(answer, "event"), "id"));
    cJSON_Delete(answer);
}

/* rsvp.set as token. */
static void rsvp(const char *token, const char *event_id, const char *status)
{
    char payload[256];
    snprintf(payload, sizeof payload, "{\"event_id\": \"%s\", \"status\": \"%s\"}", event_id,
             status);
    ck_assert_str_eq(push(token, "rsvp.set", payload), "applied");
}

/* The operator moves an event: the members going are told what changed; others are not. */
START_TEST(test_event_updated_tells_the_members_going)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char id[64], path[128], link[96];
    make_event("Demo Day", ist(2027, 1, 20, 17, 0), ist(2027, 1, 20, 19, 0), id);
    rsvp(asha, id, "going");
    rsvp(vikram, id, "not_going");
    snprintf(path, sizeof path, "/v1/test/events/%s", id);
    snprintf(link, sizeof link, "membercore://events/%s", id);
    char body[256];
    snprintf(body, sizeof body, "{\"starts_at_ms\": %" PRId64 ", \"ends_at_ms\": %" PRId64 "}",
             ist(2027, 1, 21, 18, 0), ist(2027, 1, 21, 20, 0));
    cJSON *answer = call("POST", path, body, NULL, 200);
    ck_assert(num(field(answer, "event"), "starts_at_ms") == ist(2027, 1, 21, 18, 0));
    cJSON_Delete(answer);
    cJSON *n = only(ASHA, "event.updated");
    check_notice(n, "events", false, link, "Event updated: Demo Day",
                 "Now Thu 21 Jan 2027 18:00-20:00 IST (was Wed 20 Jan 2027 17:00-19:00 IST). At"
                 " Indiranagar.");
    cJSON_Delete(n);
    ck_assert_int_eq(count(VIKRAM, "event.updated"), 0);
    /* Renamed: said so, with the time it keeps. The same change again tells nobody. */
    cJSON_Delete(call("POST", path, "{\"title\": \"Demo Night\"}", NULL, 200));
    cJSON_Delete(call("POST", path, "{\"title\": \"Demo Night\"}", NULL, 200));
    cJSON *list = notices(ASHA, "event.updated");
    ck_assert_int_eq(cJSON_GetArraySize(list), 2);
    /* Both made at the same instant: the renamed one is the one titled with the new name. */
    const cJSON *renamed = cJSON_GetArrayItem(list, 0);
    if (strcmp(str(renamed, "title"), "Event updated: Demo Night") != 0)
        renamed = cJSON_GetArrayItem(list, 1);
    ck_assert_str_eq(str(renamed, "title"), "Event updated: Demo Night");
    ck_assert_str_eq(str(renamed, "body"),
                     "Now called Demo Night (was Demo Day). Still Thu 21 Jan 2027 18:00-20:00 IST."
                     " At Indiranagar.");
    cJSON_Delete(list);
    /* Refusals. */
    check_error("POST", "/v1/test/events/evt_nope", "{\"title\": \"x\"}", NULL, 404, "not_found");
    check_error("POST", path, "{}", NULL, 400, "invalid_argument");
    snprintf(body, sizeof body, "{\"ends_at_ms\": %" PRId64 "}", ist(2027, 1, 21, 17, 0));
    check_error_mentioning("POST", path, body, NULL, 400, "invalid_argument", "ends_at_ms");
    free(asha);
    free(vikram);
}
END_TEST

/* 24 hours before: each member going, once; one who said so later is not reminded; an event
 * moved later reminds again before its new start. */
START_TEST(test_event_reminder_a_day_before_once)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char id[64], link[96];
    int64_t starts = ist(2027, 1, 7, 18, 0);
    make_event("Book Club", starts, starts + 90 * MIN, id);
    snprintf(link, sizeof link, "membercore://events/%s", id);
    rsvp(asha, id, "going");
    ck_assert_int_eq(stub_set_clock(stub, starts - DAY - 1), 0);
    ck_assert_int_eq(count_about(ASHA, "event.reminder", link), 0);
    rsvp(vikram, id, "going"); /* just before the moment: reminded too */
    ck_assert_int_eq(stub_set_clock(stub, starts - DAY), 0);
    cJSON *n = only_about(ASHA, "event.reminder", link);
    check_notice(n, "events", false, link, "Coming up: Book Club",
                 "Starts Thu 7 Jan 2027 18:00-19:30 IST at Indiranagar. You said you are going.");
    cJSON_Delete(n);
    ck_assert_int_eq(count_about(VIKRAM, "event.reminder", link), 1);
    ck_assert_int_eq(stub_advance_clock(stub, HOUR), 0);
    ck_assert_int_eq(count_about(ASHA, "event.reminder", link), 1);
    /* Priya says yes inside the last day: she just chose it, no reminder. */
    char *priya = token_for(PRIYA);
    rsvp(priya, id, "going");
    ck_assert_int_eq(stub_advance_clock(stub, HOUR), 0);
    ck_assert_int_eq(count_about(PRIYA, "event.reminder", link), 0);
    /* Moved a week later: reminded again a day before the new start. */
    char path[128], body[128];
    snprintf(path, sizeof path, "/v1/test/events/%s", id);
    snprintf(body, sizeof body, "{\"starts_at_ms\": %" PRId64 ", \"ends_at_ms\": %" PRId64 "}",
             (int64_t)(starts + 7 * DAY), (int64_t)(starts + 7 * DAY + 90 * MIN));
    cJSON_Delete(call("POST", path, body, NULL, 200));
    ck_assert_int_eq(stub_set_clock(stub, starts + 6 * DAY), 0);
    ck_assert_int_eq(count_about(ASHA, "event.reminder", link), 2);
    free(priya);
    free(asha);
    free(vikram);
}
END_TEST

/* ---- tickets ------------------------------------------------------------------------------ */

/* Each ticket notification carries its kind; the words are the tickets protocol's. */
START_TEST(test_ticket_notifications_carry_their_kinds)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    static const char tkt[] = "tkt_0000000000000000000000000000c0de";
    ck_assert_str_eq(push(asha, "ticket.create",
                          "{\"ticket_id\": \"tkt_0000000000000000000000000000c0de\","
                          " \"building_id\": \"BLR-1\", \"category_id\": \"it.wifi\","
                          " \"priority\": \"normal\", \"description\": \"No Wi-Fi\","
                          " \"location\": null, \"photos\": []}"),
                     "applied");
    char path[128];
    snprintf(path, sizeof path, "/v1/staff/tickets/%s/assign", tkt);
    cJSON_Delete(call("POST", path, "{}", kiran, 200));
    snprintf(path, sizeof path, "/v1/staff/tickets/%s/status", tkt);
    cJSON_Delete(call("POST", path, "{\"status\": \"in_progress\"}", kiran, 200));
    snprintf(path, sizeof path, "/v1/staff/tickets/%s/comments", tkt);
    cJSON_Delete(call("POST", path, "{\"text\": \"On my way\", \"internal\": false}", kiran, 200));
    snprintf(path, sizeof path, "/v1/staff/tickets/%s/status", tkt);
    cJSON_Delete(call("POST", path, "{\"status\": \"resolved\"}", kiran, 200));
    ck_assert_int_eq(stub_advance_clock(stub, 7 * DAY), 0);
    static const char *const kinds[][2] = {
        {"ticket.created", "T-1001 received: Wi-Fi"},
        {"ticket.assigned", "T-1001 assigned: Wi-Fi"},
        {"ticket.status", "T-1001 in progress: Wi-Fi"},
        {"ticket.reply", "T-1001 new reply: Wi-Fi"},
        {"ticket.resolved", "T-1001 resolved: Wi-Fi"},
        {"ticket.closed", "T-1001 closed: Wi-Fi"},
    };
    char link[96];
    snprintf(link, sizeof link, "membercore://tickets/%s", tkt);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        cJSON *list = notices(ASHA, kinds[i][0]);
        cJSON *n = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
        ck_assert_msg(n != NULL, "no %s", kinds[i][0]);
        ck_assert_str_eq(str(n, "title"), kinds[i][1]);
        ck_assert_str_eq(str(n, "category"), "support");
        ck_assert_str_eq(str(n, "deep_link"), link);
        ck_assert(!cJSON_IsTrue(field(n, "urgent")));
        cJSON_Delete(list);
    }
    cJSON *n = only(ASHA, "ticket.reply");
    ck_assert_str_eq(str(n, "body"), "Kiran Das: On my way");
    cJSON_Delete(n);
    free(asha);
    free(kiran);
}
END_TEST

/* ---- announcements ------------------------------------------------------------------------ */

/* A building's announcement reaches its members and staff, nobody else; null reaches everyone. */
START_TEST(test_announcements_reach_the_building_or_everyone)
{
    cJSON *answer =
        call("POST", "/v1/test/announcements",
             "{\"building_id\": \"LON-1\", \"title\": \"Lift maintenance\", \"body\": \"The lift"
             " is out of service on Friday morning.\", \"deep_link\":"
             " \"https://status.example.com/lon-1\"}",
             NULL, 200);
    ck_assert(num(answer, "told") == 2); /* Olivia, Tom */
    cJSON_Delete(answer);
    const char *const told[] = {OLIVIA, TOM};
    for (int i = 0; i < 2; i++) {
        cJSON *list = notices(told[i], "announcement");
        cJSON *n = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
        check_notice(n, "announcements", false, "https://status.example.com/lon-1",
                     "Lift maintenance", "The lift is out of service on Friday morning.");
        cJSON_Delete(list);
    }
    int asha_before = count(ASHA, "announcement");
    ck_assert_int_eq(asha_before, 1); /* the seeded pantry one */
    answer = call("POST", "/v1/test/announcements",
                  "{\"building_id\": null, \"title\": \"New app version\", \"body\": \"Update"
                  " for visitor invitations.\"}",
                  NULL, 200);
    ck_assert(num(answer, "told") == 6); /* every seeded user */
    cJSON_Delete(answer);
    const char *const all[] = {ASHA, VIKRAM, OLIVIA, KIRAN, PRIYA, TOM};
    for (int i = 0; i < 6; i++) {
        cJSON *list = notices(all[i], "announcement");
        int found = 0;
        const cJSON *n;
        cJSON_ArrayForEach(n, list)
        {
            if (strcmp(str(n, "title"), "New app version") != 0)
                continue;
            found++;
            ck_assert_str_eq(str(n, "body"), "Update for visitor invitations.");
            /* Without a web link the notification opens the announcement (issue 13). */
            ck_assert_msg(strncmp(str(n, "deep_link"), "membercore://announcements/ann_", 31) == 0,
                          "%s", str(n, "deep_link"));
        }
        ck_assert_msg(found == 1, "%s got %d", all[i], found);
        cJSON_Delete(list);
    }
    ck_assert_int_eq(count(ASHA, "announcement"), asha_before + 1);
    /* Refusals: no building, an unknown one, a link that is not an https page. */
    check_error("POST", "/v1/test/announcements", "{\"title\": \"t\", \"body\": \"b\"}", NULL, 400,
                "invalid_argument");
    check_error("POST", "/v1/test/announcements",
                "{\"building_id\": \"NOPE\", \"title\": \"t\", \"body\": \"b\"}", NULL, 404,
                "not_found");
    const char *const bad[] = {"http://example.com", "https://", "https:///x",
                               "https://example.com/a b", "membercore://bookings/x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"building_id\": null, \"title\": \"t\", \"body\": \"b\", \"deep_link\":"
                 " \"%s\"}",
                 bad[i]);
        check_error_mentioning("POST", "/v1/test/announcements", body, NULL, 400,
                               "invalid_argument", "deep_link");
    }
}
END_TEST

static Suite *causes_suite(void)
{
    Suite *s = suite_create("stub_causes");
    TCase *billing = tcase_create("billing");
    tcase_add_checked_fixture(billing, setup, teardown);
    tcase_set_timeout(billing, 60);
    tcase_add_test(billing, test_invoice_issued_to_a_member);
    tcase_add_test(billing, test_company_invoice_reaches_every_member);
    tcase_add_test(billing, test_invoice_due_soon_then_overdue_once_each);
    tcase_add_test(billing, test_invoice_issued_close_to_due_has_no_due_soon);
    tcase_add_test(billing, test_payment_confirmed_once_by_app_and_webhook);
    suite_add_tcase(s, billing);
    TCase *bookings = tcase_create("bookings");
    tcase_add_checked_fixture(bookings, setup, teardown);
    tcase_set_timeout(bookings, 60);
    tcase_add_test(bookings, test_booking_confirmed_and_cancelled_by_the_member);
    tcase_add_test(bookings, test_card_booking_confirmed_when_paid_and_lapsed_hold_cancelled);
    tcase_add_test(bookings, test_booking_reminder_fifteen_minutes_before_in_bengaluru);
    tcase_add_test(bookings, test_cancelled_booking_gets_no_reminder);
    tcase_add_test(bookings, test_booking_reminder_in_london_after_the_clocks_go_forward);
    suite_add_tcase(s, bookings);
    TCase *events = tcase_create("events");
    tcase_add_checked_fixture(events, setup, teardown);
    tcase_set_timeout(events, 60);
    tcase_add_test(events, test_event_updated_tells_the_members_going);
    tcase_add_test(events, test_event_reminder_a_day_before_once);
    suite_add_tcase(s, events);
    TCase *others = tcase_create("tickets_announcements");
    tcase_add_checked_fixture(others, setup, teardown);
    tcase_set_timeout(others, 60);
    tcase_add_test(others, test_ticket_notifications_carry_their_kinds);
    tcase_add_test(others, test_announcements_reach_the_building_or_everyone);
    suite_add_tcase(s, others);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(causes_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
