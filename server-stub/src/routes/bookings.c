/* routes/bookings.c - online room bookings paid with Razorpay: the hold and order; the
 * confirmation of any order (a booking's or an invoice's). */
#include <stdio.h>
#include <string.h>

#include "domain/bookings.h"
#include "db/db.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "domain/payments.h"
#include "domain/invoices.h"
#include "domain/settlement.h"
#include "rules/hold_limits.h"
#include "rules/razorpay.h"
#include "routes/routes.h"
#include "base/text.h"

/* A booking refusal as an HTTP error (docs/rooms-protocol.md, "Details fixed by memberstub"). */
static void reply_refusal(ms_reply *reply, const ms_refusal *why)
{
    int status = 400;
    if (strcmp(why->code, "slot_taken") == 0 || ms_is_hold_refusal(why->code))
        status = 409;
    else if (strcmp(why->code, "not_found") == 0)
        status = 404;
    else if (strcmp(why->code, "forbidden") == 0)
        status = 403;
    ms_reply_error(reply, status, why->code, "%s", why->message);
}

/* Add the reservation's data object (as pulls carry it) to o under "reservation". */
static bool add_reservation(sqlite3 *db, cJSON *o, const char *owner, const char *id)
{
    cJSON *data = NULL;
    if (ms_entity_data(db, MS_KIND_RESERVATION, owner, id, &data) != 0)
        return false;
    if (!cJSON_AddItemToObject(o, "reservation", data)) {
        cJSON_Delete(data);
        return false;
    }
    return true;
}

/* {"reservation", "order": {id, amount_paise, currency, key_id, hold_expires_at_ms}}. */
static cJSON *booking_answer(ms_app *app, const char *owner, const char *reservation_id)
{
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT o.id, o.amount_paise, o.currency,"
                                     " r.hold_expires_at_ms FROM razorpay_orders o"
                                     " JOIN reservations r ON r.id = o.reservation_id"
                                     " WHERE o.reservation_id = ?",
                                     "t", reservation_id);
    if (!stmt)
        return NULL;
    cJSON *o = NULL;
    if (ms_db_step(stmt) == 1) {
        cJSON *order = cJSON_CreateObject();
        o = cJSON_CreateObject();
        bool ok =
            o && order && add_reservation(app->db, o, owner, reservation_id) &&
            cJSON_AddStringToObject(order, "id", (const char *)sqlite3_column_text(stmt, 0)) &&
            cJSON_AddNumberToObject(order, "amount_paise", (double)sqlite3_column_int64(stmt, 1)) &&
            cJSON_AddStringToObject(order, "currency",
                                    (const char *)sqlite3_column_text(stmt, 2)) &&
            cJSON_AddStringToObject(order, "key_id", app->razorpay_key_id) &&
            (sqlite3_column_type(stmt, 3) == SQLITE_NULL
                 ? cJSON_AddNullToObject(order, "hold_expires_at_ms") != NULL
                 : cJSON_AddNumberToObject(order, "hold_expires_at_ms",
                                           (double)sqlite3_column_int64(stmt, 3)) != NULL) &&
            cJSON_AddItemToObject(o, "order", order);
        if (ok)
            order = NULL;
        cJSON_Delete(order);
        if (!ok) {
            cJSON_Delete(o);
            o = NULL;
        }
    }
    sqlite3_finalize(stmt);
    return o;
}

/*
 * A POST /v1/bookings sent again (a retry after a lost answer): the caller's
 * own Razorpay booking with the same room and times, not cancelled. 1 when it
 * is (answered 200 in reply), 0 when not, -1 on error.
 */
static int answer_retry(ms_app *app, const char *user_id, const ms_booking_input *in,
                        ms_reply *reply)
{
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT 1 FROM reservations WHERE id = ? AND user_id = ?"
                                     " AND room_id = ? AND start_ms = ? AND end_ms = ?"
                                     " AND paid_by = 'razorpay' AND status <> 'cancelled'",
                                     "tttii", in->booking_id, user_id, in->room_id, in->start_ms,
                                     in->start_ms + in->hours * MS_HOUR_MS);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return rc;
    cJSON *body = booking_answer(app, user_id, in->booking_id);
    if (!body)
        return -1;
    ms_reply_json(reply, 200, body);
    return 1;
}

/* POST /v1/bookings (auth) {booking_id, room_id, start_ms, hours, guests} */
void ms_handle_booking_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_booking_input in;
    ms_refusal why;
    if (!ms_booking_parse(req->json, MS_PAY_RAZORPAY, &in, &why)) {
        reply_refusal(reply, &why);
        return;
    }
    int rc = answer_retry(app, req->user_id, &in, reply);
    if (rc != 0) {
        if (rc < 0)
            ms_reply_internal(reply);
        return;
    }
    rc = ms_booking_create(app, req->user_id, &in, MS_PAY_RAZORPAY, &why);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc > 0) {
        reply_refusal(reply, &why);
        return;
    }
    cJSON *body = booking_answer(app, req->user_id, in.booking_id);
    if (!body) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 201, body);
}

/* Add the invoice's data object to o under "invoice". */
static bool add_invoice(sqlite3 *db, cJSON *o, const char *id)
{
    cJSON *data = NULL;
    if (ms_entity_data(db, MS_KIND_INVOICE, NULL, id, &data) != 0)
        return false;
    if (!cJSON_AddItemToObject(o, "invoice", data)) {
        cJSON_Delete(data);
        return false;
    }
    return true;
}

bool ms_order_confirm(ms_app *app, const ms_order *order, const char *payment_id,
                      const char *signature, const char *lapsed, ms_reply *reply)
{
    /* The signature first, always (constant time): nothing is confirmed or revealed without it. */
    if (!ms_razorpay_verify(app->razorpay_key_secret, order->id, payment_id, signature)) {
        ms_reply_error(reply, 402, "payment_failed",
                       "the payment signature does not match; nothing was confirmed");
        return false;
    }
    ms_settlement outcome;
    if (ms_order_settle(app, order, payment_id, "confirm", &outcome) != 0) {
        ms_reply_internal(reply);
        return false;
    }
    if (outcome == MS_SETTLED_LAPSED) {
        ms_reply_error(reply, 409, "hold_expired", "%s", lapsed);
        return false;
    }
    return true;
}

/*
 * POST /v1/payments/razorpay/confirm (auth) {order_id, payment_id, signature}:
 * a room booking's order answers {"reservation"}, an invoice's {"invoice"}.
 */
void ms_handle_razorpay_confirm(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *order_id, *payment_id, *signature;
    if (!ms_field_string(reply, req->json, "order_id", &order_id) ||
        !ms_field_string(reply, req->json, "payment_id", &payment_id) ||
        !ms_field_string(reply, req->json, "signature", &signature))
        return;
    ms_order order;
    int rc = ms_order_load(app->db, order_id, &order);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc > 0 || strcmp(order.user_id, req->user_id) != 0) {
        ms_reply_error(reply, 404, "not_found", "you have no order '%.*s'",
                       (int)ms_utf8_prefix(order_id, 40), order_id);
        return;
    }
    if (!ms_order_confirm(app, &order, payment_id, signature,
                          order.reservation_id[0]
                              ? "the booking was cancelled or its 15-minute hold lapsed before"
                                " the payment; nothing was confirmed"
                              : "the checkout's 15-minute hold lapsed before the payment (the"
                                " invoice is void); nothing was confirmed",
                          reply))
        return;
    /* Paid now, or before (a repeated confirmation changes nothing). An invoice someone
     * had paid already: the answer carries the refund of this payment. */
    cJSON *body = cJSON_CreateObject(), *refund = NULL;
    bool ok = body && (order.reservation_id[0]
                           ? add_reservation(app->db, body, req->user_id, order.reservation_id)
                           : add_invoice(app->db, body, order.invoice_id));
    if (ok && !order.reservation_id[0]) {
        rc = ms_refund_of_order(app->db, order.id, &refund);
        ok = rc == 0 || (rc == 1 && cJSON_AddItemToObject(body, "refund", refund));
        if (!ok)
            cJSON_Delete(refund);
    }
    if (!ok) {
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}
