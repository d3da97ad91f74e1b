/* routes/webhooks.c - Razorpay's webhook: a signed, de-duplicated order.paid settles the order. */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "api/fields.h"
#include "base/log.h"
#include "domain/payments.h"
#include "domain/settlement.h"
#include "rules/razorpay.h"
#include "routes/routes.h"

/* The string at obj.a.b.c... (a NULL-terminated path), or NULL. */
static const char *string_at(const cJSON *obj, const char *const *path)
{
    for (; *path && obj; path++)
        obj = cJSON_GetObjectItemCaseSensitive(obj, *path);
    return cJSON_IsString(obj) ? obj->valuestring : NULL;
}

/* Apply one event; what happened, for the record. -1 on error. */
static int apply_event(ms_app *app, const cJSON *json, const char **outcome, char *order_id,
                       size_t cap)
{
    static const char *const order_path[] = {"payload", "order", "entity", "id", NULL};
    static const char *const payment_path[] = {"payload", "payment", "entity", "id", NULL};
    const char *event = string_at(json, (const char *const[]){"event", NULL});
    if (!event || strcmp(event, "order.paid") != 0) {
        /* Other events change nothing here: in particular none moves an order back from paid. */
        *outcome = "ignored";
        return 0;
    }
    const char *id = string_at(json, order_path);
    if (!id) {
        *outcome = "no_order";
        return 0;
    }
    snprintf(order_id, cap, "%s", id);
    ms_order order;
    int rc = strlen(id) < MS_RZP_ID_MAX ? ms_order_load(app->db, id, &order) : 1;
    if (rc != 0) {
        *outcome = "unknown_order";
        return rc < 0 ? -1 : 0;
    }
    ms_settlement settled;
    if (ms_order_settle(app, &order, string_at(json, payment_path), "webhook", &settled) != 0)
        return -1;
    *outcome = settled == MS_SETTLED_NOW      ? "paid"
               : settled == MS_SETTLED_BEFORE ? "already_paid"
               : settled == MS_SETTLED_REFUND ? "refunded"
                                              : "lapsed";
    return 0;
}

/*
 * POST /v1/webhooks/razorpay (no bearer): the raw body, signed in
 * X-Razorpay-Signature (hex HMAC-SHA256 with the webhook secret), identified
 * by X-Razorpay-Event-Id. The signature first, always; an event seen before
 * answers 200 again and changes nothing.
 */
void ms_handle_razorpay_webhook(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *body = req->body ? req->body : "";
    if (!ms_razorpay_webhook_verify(app->razorpay_webhook_secret, body, req->body_len,
                                    ms_header(req, "X-Razorpay-Signature"))) {
        ms_reply_error(reply, 400, "invalid_signature",
                       "X-Razorpay-Signature is missing or does not match the body");
        return;
    }
    const char *event_id = ms_header(req, "X-Razorpay-Event-Id");
    if (!event_id || !ms_opaque_ok(event_id)) {
        ms_reply_invalid(reply, "X-Razorpay-Event-Id must be 1 to %d printable ASCII characters",
                         MS_OPAQUE_MAX);
        return;
    }
    cJSON *json = ms_utf8_valid(body, req->body_len) ? cJSON_ParseWithOpts(body, NULL, true) : NULL;
    if (!cJSON_IsObject(json)) {
        cJSON_Delete(json);
        ms_reply_error(reply, 400, "invalid_json", "the body must be a JSON object");
        return;
    }
    if (!ms_body_nul_free(reply, body, req->body_len)) {
        cJSON_Delete(json);
        return;
    }
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT 1 FROM webhook_events WHERE event_id = ?", "t", event_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    const char *outcome = "duplicate";
    char order_id[64] = "";
    if (rc == 0) {
        rc = apply_event(app, json, &outcome, order_id, sizeof order_id);
        const char *event = string_at(json, (const char *const[]){"event", NULL});
        if (rc == 0)
            rc = ms_db_run(app->db,
                           "INSERT INTO webhook_events (event_id, event, order_id, outcome,"
                           " received_at_ms) VALUES (?, ?, nullif(?, ''), ?, ?)",
                           "tttti", event_id, event ? event : "", order_id, outcome,
                           ms_clock_now(&app->clock));
    }
    cJSON_Delete(json);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_log("razorpay webhook %s: %s", event_id, outcome);
    cJSON *out = cJSON_CreateObject();
    if (out && !cJSON_AddStringToObject(out, "status", "ok")) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}
