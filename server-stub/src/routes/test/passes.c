/* routes/test/passes.c - test-mode routes for passes: the door reader, open-space settings, a
 * signed webhook. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "domain/door.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "domain/payments.h"
#include "rules/razorpay.h"
#include "routes/routes.h"
#include "base/text.h"

/*
 * POST /v1/test/door/scan {"building", "payload", "direction"?: "in" (default) or "out"} ->
 * {"granted": true} or {"granted": false, "reason", "message"}
 */
void ms_handle_test_door_scan(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *building, *payload, *way = "in";
    if (!ms_field_string(reply, req->json, "building", &building) ||
        !ms_field_string(reply, req->json, "payload", &payload) ||
        (cJSON_HasObjectItem(req->json, "direction") &&
         !ms_field_string(reply, req->json, "direction", &way)))
        return;
    if (strcmp(way, "in") != 0 && strcmp(way, "out") != 0) {
        ms_reply_error(reply, 400, "invalid_argument",
                       "direction must be \"in\" or \"out\", not '%.*s'",
                       (int)ms_utf8_prefix(way, 20), way);
        return;
    }
    ms_door_direction direction = strcmp(way, "out") == 0 ? MS_DOOR_OUT : MS_DOOR_IN;
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT 1 FROM buildings WHERE id = ?", "t", building);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no building '%.*s'",
                       (int)ms_utf8_prefix(building, 40), building);
        return;
    }
    ms_door_verdict verdict;
    if (rc < 0 ||
        ms_door_scan(app, building, payload, direction, ms_clock_now(&app->clock), &verdict) != 0) {
        ms_reply_internal(reply);
        return;
    }
    cJSON *out = cJSON_CreateObject();
    if (out && !(cJSON_AddBoolToObject(out, "granted", verdict.reason == NULL) &&
                 (!verdict.reason || (cJSON_AddStringToObject(out, "reason", verdict.reason) &&
                                      cJSON_AddStringToObject(out, "message", verdict.message))))) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

/* An optional integer field in [min, max]: absent leaves *out; false after a 400. */
static bool optional_int(ms_reply *reply, const cJSON *obj, const char *name, int64_t min,
                         int64_t max, int64_t *out, bool *given)
{
    *given = cJSON_HasObjectItem(obj, name);
    return !*given || ms_field_int(reply, obj, name, min, max, out);
}

/*
 * POST /v1/test/open_space {"building_id", "day_pass_price_paise"?, "capacity"?}
 * -> {"building": ...}: change a building's day-pass price or seats (logged).
 */
void ms_handle_test_open_space(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *building;
    int64_t price = 0, capacity = 0;
    bool has_price, has_capacity;
    if (!ms_field_string(reply, req->json, "building_id", &building) ||
        !optional_int(reply, req->json, "day_pass_price_paise", 1, 100000000, &price, &has_price) ||
        !optional_int(reply, req->json, "capacity", 1, 100000, &capacity, &has_capacity))
        return;
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT 1 FROM open_space WHERE building_id = ?", "t", building);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no building '%.*s' selling day passes",
                       (int)ms_utf8_prefix(building, 40), building);
        return;
    }
    cJSON *data = NULL, *out = NULL;
    if (rc < 0 ||
        (has_price && ms_db_run(app->db,
                                "UPDATE open_space SET day_pass_price_paise = ?"
                                " WHERE building_id = ?",
                                "it", price, building) != 0) ||
        (has_capacity &&
         ms_db_run(app->db, "UPDATE open_space SET capacity = ? WHERE building_id = ?", "it",
                   capacity, building) != 0) ||
        ms_change_upsert(app->db, MS_KIND_BUILDING, NULL, building) != 0 ||
        ms_entity_data(app->db, MS_KIND_BUILDING, NULL, building, &data) != 0 ||
        !(out = cJSON_CreateObject()) || !cJSON_AddItemToObject(out, "building", data)) {
        cJSON_Delete(data);
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/*
 * POST /v1/test/razorpay/webhook {"order_id", "payment_id"?, "event_id"?} ->
 * {"event_id", "body", "signature"}: the order.paid call Razorpay would make,
 * signed with the webhook secret, for a test to send to /v1/webhooks/razorpay
 * (the body verbatim, the signature as X-Razorpay-Signature, the event id as
 * X-Razorpay-Event-Id). Changes nothing.
 */
void ms_handle_test_razorpay_webhook(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *order_id, *payment_id = NULL, *event_id = NULL;
    if (!ms_field_string(reply, req->json, "order_id", &order_id) ||
        (cJSON_HasObjectItem(req->json, "payment_id") &&
         !ms_field_string(reply, req->json, "payment_id", &payment_id)) ||
        (cJSON_HasObjectItem(req->json, "event_id") &&
         !ms_field_string(reply, req->json, "event_id", &event_id)))
        return;
    ms_order order;
    int rc = strlen(order_id) < MS_RZP_ID_MAX ? ms_order_load(app->db, order_id, &order) : 1;
    if (rc > 0) {
        ms_reply_error(reply, 404, "not_found", "no order '%.*s'",
                       (int)ms_utf8_prefix(order_id, 40), order_id);
        return;
    }
    char event[40], signature[MS_RZP_SIGNATURE_MAX];
    if (!event_id) {
        if (ms_rng_id(app->rng, "evt_", event, sizeof event) != 0)
            rc = -1;
        event_id = event;
    }
    /* Built as Razorpay shapes it: the order entity, and the payment's when one is named. */
    cJSON *body = cJSON_CreateObject(), *out = NULL;
    cJSON *payload = body ? cJSON_AddObjectToObject(body, "payload") : NULL;
    cJSON *o = payload ? cJSON_AddObjectToObject(payload, "order") : NULL;
    cJSON *entity = o ? cJSON_AddObjectToObject(o, "entity") : NULL;
    bool ok = rc == 0 && entity && cJSON_AddStringToObject(body, "entity", "event") &&
              cJSON_AddStringToObject(body, "event", "order.paid") &&
              cJSON_AddStringToObject(entity, "id", order.id) &&
              cJSON_AddNumberToObject(entity, "amount", (double)order.amount_paise) &&
              cJSON_AddStringToObject(entity, "status", "paid");
    if (ok && payment_id) {
        cJSON *p = cJSON_AddObjectToObject(payload, "payment");
        cJSON *pe = p ? cJSON_AddObjectToObject(p, "entity") : NULL;
        ok = pe && cJSON_AddStringToObject(pe, "id", payment_id) &&
             cJSON_AddStringToObject(pe, "order_id", order.id) &&
             cJSON_AddStringToObject(pe, "status", "captured");
    }
    char *text = ok ? cJSON_PrintUnformatted(body) : NULL;
    ok = text &&
         ms_razorpay_webhook_signature(app->razorpay_webhook_secret, text, strlen(text),
                                       signature) == 0 &&
         (out = cJSON_CreateObject()) && cJSON_AddStringToObject(out, "event_id", event_id) &&
         cJSON_AddStringToObject(out, "body", text) &&
         cJSON_AddStringToObject(out, "signature", signature);
    free(text);
    cJSON_Delete(body);
    if (!ok) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}
