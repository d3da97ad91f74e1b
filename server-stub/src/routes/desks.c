/* routes/desks.c - hot desks paid by card (docs/today-desks-community.md "Razorpay"): the booking
 * with its 15-minute hold, invoice and order; its payment, signature checked. */
#include <stdio.h>
#include <string.h>

#include "api/fields.h"
#include "db/db.h"
#include "domain/desks.h"
#include "domain/entities.h"
#include "domain/payments.h"
#include "routes/routes.h"
#include "base/text.h"
#include "rules/hold_limits.h"

/* A desk refusal as an HTTP error: 404 not_found, 403 forbidden, 409 for a desk-day someone (or
 * the caller) holds, 400 for the other rules. */
static void reply_refusal(ms_reply *reply, const ms_refusal *why)
{
    int status = 400;
    if (strcmp(why->code, "desk_taken") == 0 || strcmp(why->code, "already_booked_that_day") == 0 ||
        ms_is_hold_refusal(why->code))
        status = 409;
    else if (strcmp(why->code, "not_found") == 0)
        status = 404;
    else if (strcmp(why->code, "forbidden") == 0)
        status = 403;
    ms_reply_error(reply, status, why->code, "%s", why->message);
}

/* {"desk_booking"} of owner's booking id, plus "order" (as for a room) when with_order. */
static cJSON *desk_answer(ms_app *app, const char *owner, const char *id, bool with_order)
{
    cJSON *o = cJSON_CreateObject(), *data = NULL, *order = NULL;
    bool ok = o && ms_entity_data(app->db, MS_KIND_DESK_BOOKING, owner, id, &data) == 0 &&
              cJSON_AddItemToObject(o, "desk_booking", data);
    if (ok)
        data = NULL;
    if (ok && with_order) {
        const cJSON *order_id =
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItem(o, "desk_booking"), "order_id");
        ok = cJSON_IsString(order_id) &&
             (order = ms_order_json(app, order_id->valuestring)) != NULL &&
             cJSON_AddItemToObject(o, "order", order);
        if (ok)
            order = NULL;
    }
    cJSON_Delete(data);
    cJSON_Delete(order);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* POST /v1/desk_bookings (auth) {booking_id, desk_id, date}: 201 {desk_booking, order}. */
void ms_handle_desk_booking_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_desk_request in;
    ms_refusal why;
    if (!ms_desk_request_parse(req->json, true, &in, &why)) {
        reply_refusal(reply, &why);
        return;
    }
    /* Sent again (a retry after a lost answer): the caller's same card booking, as it stands. */
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT 1 FROM desk_bookings WHERE id = ? AND user_id = ?"
                                     " AND desk_id = ? AND date = ? AND paid_by = 'razorpay'",
                                     "tttt", in.booking_id, req->user_id, in.desk_id, in.date);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0)
        rc = ms_desk_book(app, req->user_id, &in, &why);
    else if (rc == 1)
        rc = 2;
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 1) {
        reply_refusal(reply, &why);
        return;
    }
    cJSON *body = desk_answer(app, req->user_id, in.booking_id, true);
    if (!body) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, rc == 2 ? 200 : 201, body);
}

/* POST /v1/desk_bookings/{id}/payment (auth) {order_id, payment_id, signature}: 200
 * {desk_booking}; a repeated confirmation changes nothing. */
void ms_handle_desk_booking_payment(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *id = req->path_param ? req->path_param : "", *order_id, *payment_id, *signature;
    int rc = ms_desk_booking_mine(app->db, req->user_id, id);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "you have no desk booking '%.*s'",
                       (int)ms_utf8_prefix(id, 40), id);
        return;
    }
    if (!ms_field_string(reply, req->json, "order_id", &order_id) ||
        !ms_field_string(reply, req->json, "payment_id", &payment_id) ||
        !ms_field_string(reply, req->json, "signature", &signature))
        return;
    ms_order order;
    char booking_order[MS_RZP_ID_MAX] = "";
    sqlite3_stmt *stmt = ms_db_query(
        app->db, "SELECT coalesce(order_id, '') FROM desk_bookings WHERE id = ?", "t", id);
    if (stmt && ms_db_step(stmt) == 1)
        ms_db_text(stmt, 0, booking_order, sizeof booking_order);
    sqlite3_finalize(stmt);
    rc = strcmp(booking_order, order_id) == 0 ? ms_order_load(app->db, order_id, &order) : 1;
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc > 0) {
        ms_reply_error(reply, 404, "not_found", "desk booking '%.*s' has no order '%.*s'",
                       (int)ms_utf8_prefix(id, 40), id, (int)ms_utf8_prefix(order_id, 40),
                       order_id);
        return;
    }
    if (!ms_order_confirm(app, &order, payment_id, signature,
                          "the desk booking was cancelled or its 15-minute hold lapsed before the"
                          " payment; nothing was confirmed",
                          reply))
        return;
    cJSON *body = desk_answer(app, req->user_id, id, false);
    if (!body) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}
