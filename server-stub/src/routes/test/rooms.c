/* routes/test/rooms.c - test-mode routes for rooms: Razorpay checkout, emails, blackouts, blocks.
 */
#include <stdio.h>
#include <string.h>

#include "domain/bookings.h"
#include "domain/changes.h"
#include "db/db.h"
#include "domain/emails.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "rules/razorpay.h"
#include "routes/routes.h"
#include "base/text.h"

/* The last instant accepted (as for the clock): 9999-12-31T23:59:59.999Z. */
#define MAX_INSTANT_MS 253402300799999LL

/* POST /v1/test/razorpay/pay {"order_id", "forge"?}: what Razorpay's checkout hands the app. */
void ms_handle_test_razorpay_pay(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *order_id;
    if (!ms_field_string(reply, req->json, "order_id", &order_id))
        return;
    const cJSON *forge = cJSON_GetObjectItemCaseSensitive(req->json, "forge");
    if (forge && !cJSON_IsBool(forge)) {
        ms_reply_invalid(reply, "field 'forge' must be a boolean");
        return;
    }
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT 1 FROM razorpay_orders WHERE id = ?", "t", order_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no order '%.*s'",
                       (int)ms_utf8_prefix(order_id, 40), order_id);
        return;
    }
    char payment[MS_RZP_ID_MAX], signature[MS_RZP_SIGNATURE_MAX];
    /* A forged signature is well-formed but made with another key. */
    char forged_key[300];
    snprintf(forged_key, sizeof forged_key, "forged:%s", app->razorpay_key_secret);
    if (rc < 0 || ms_razorpay_id(app->rng, "pay_", payment) != 0 ||
        ms_razorpay_signature(cJSON_IsTrue(forge) ? forged_key : app->razorpay_key_secret, order_id,
                              payment, signature) != 0) {
        ms_wipe(forged_key, sizeof forged_key);
        ms_reply_internal(reply);
        return;
    }
    ms_wipe(forged_key, sizeof forged_key);
    cJSON *out = cJSON_CreateObject();
    if (out && !(cJSON_AddStringToObject(out, "payment_id", payment) &&
                 cJSON_AddStringToObject(out, "signature", signature))) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

/* GET /v1/test/emails?to=<email> (every email when absent) */
void ms_handle_test_emails(ms_app *app, ms_request *req, ms_reply *reply)
{
    cJSON *list = ms_emails_json(app->db, ms_query(req, "to"));
    cJSON *out = list ? cJSON_CreateObject() : NULL;
    if (!out || !cJSON_AddItemToObject(out, "emails", list)) {
        cJSON_Delete(out);
        cJSON_Delete(list);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* POST /v1/test/blackouts {"building_id" or "room_id", "start_ms", "end_ms", "reason"} */
void ms_handle_test_blackout_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    bool for_building = cJSON_HasObjectItem(req->json, "building_id");
    if (for_building == cJSON_HasObjectItem(req->json, "room_id")) {
        ms_reply_invalid(reply, "give exactly one of 'building_id' and 'room_id'");
        return;
    }
    const char *target;
    char reason[MS_TEXT_MAX];
    int64_t start, end;
    if (!ms_field_string(reply, req->json, for_building ? "building_id" : "room_id", &target) ||
        !ms_field_int(reply, req->json, "start_ms", 0, MAX_INSTANT_MS, &start) ||
        !ms_field_int(reply, req->json, "end_ms", 0, MAX_INSTANT_MS, &end) ||
        !ms_field_text(reply, req->json, "reason", 100, reason, sizeof reason))
        return;
    if (start >= end) {
        ms_reply_invalid(reply, "field 'end_ms' must be after 'start_ms'");
        return;
    }
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     for_building ? "SELECT 1 FROM buildings WHERE id = ?"
                                                  : "SELECT 1 FROM rooms WHERE id = ?",
                                     "t", target);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no %s '%.*s'", for_building ? "building" : "room",
                       (int)ms_utf8_prefix(target, 40), target);
        return;
    }
    char id[MS_ID_MAX];
    ms_kind kind = for_building ? MS_KIND_BUILDING : MS_KIND_ROOM;
    cJSON *data = NULL, *out = NULL;
    if (rc < 0 || ms_rng_id(app->rng, for_building ? "bbo_" : "rbo_", id, sizeof id) != 0 ||
        ms_db_run(app->db,
                  for_building ? "INSERT INTO building_blackouts (id, building_id, start_ms,"
                                 " end_ms, reason) VALUES (?, ?, ?, ?, ?)"
                               : "INSERT INTO room_blackouts (id, room_id, start_ms, end_ms,"
                                 " reason) VALUES (?, ?, ?, ?, ?)",
                  "ttiit", id, target, start, end, reason) != 0 ||
        ms_change_upsert(app->db, kind, NULL, target) != 0 ||
        ms_entity_data(app->db, kind, NULL, target, &data) != 0 || !(out = cJSON_CreateObject()) ||
        !cJSON_AddItemToObject(out, for_building ? "building" : "room", data)) {
        cJSON_Delete(data);
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* One block of the blocks answer. */
static cJSON *block_json(const char *local, int64_t start, const ms_refusal *why, bool free)
{
    cJSON *b = cJSON_CreateObject();
    bool ok = b && cJSON_AddStringToObject(b, "local", local) &&
              cJSON_AddNumberToObject(b, "start_ms", (double)start) &&
              cJSON_AddNumberToObject(b, "end_ms", (double)(start + MS_HOUR_MS)) &&
              cJSON_AddBoolToObject(b, "free", free) &&
              (free ? cJSON_AddNullToObject(b, "refusal") != NULL
                    : cJSON_AddStringToObject(b, "refusal", why->code) != NULL);
    if (!ok) {
        cJSON_Delete(b);
        return NULL;
    }
    return b;
}

/*
 * GET /v1/test/blocks?room_id=&date=YYYY-MM-DD : the blocks the server offers
 * in the room on that building-local date, and whether a one-hour booking of
 * each would be accepted now (else the refusal it would get).
 */
void ms_handle_test_blocks(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *room_id = ms_query(req, "room_id"), *date = ms_query(req, "date");
    int y, m, d;
    char tail;
    if (!room_id || !date) {
        ms_reply_invalid(reply, "query parameters 'room_id' and 'date' are required");
        return;
    }
    int cy = 0, cm = 0, cd = 0;
    if (strlen(date) == 10 && sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1970 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31)
        ms_civil_from_days(ms_days_from_civil(y, m, d), &cy, &cm, &cd);
    if (cy != y || cm != m || cd != d) {
        ms_reply_invalid(reply, "query parameter 'date' must be YYYY-MM-DD");
        return;
    }
    ms_room_ctx room;
    int rc = ms_room_load(app->db, room_id, &room);
    if (rc != 0) {
        if (rc > 0)
            ms_reply_error(reply, 404, "not_found", "no room '%.*s'",
                           (int)ms_utf8_prefix(room_id, 40), room_id);
        else
            ms_reply_internal(reply);
        return;
    }
    int64_t starts[24], now = ms_clock_now(&app->clock);
    int minutes[24];
    size_t n = ms_blocks_of_day(room.zone, &room.hours, y, m, d, starts, minutes, 24);
    cJSON *out = cJSON_CreateObject();
    cJSON *blocks = out && cJSON_AddStringToObject(out, "room_id", room.room_id) &&
                            cJSON_AddStringToObject(out, "date", date) &&
                            cJSON_AddStringToObject(out, "zone", ms_zone_name(room.zone))
                        ? cJSON_AddArrayToObject(out, "blocks")
                        : NULL;
    bool ok = blocks != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        ms_refusal why;
        char local[24];
        snprintf(local, sizeof local, "%02d:%02d", minutes[i] / 60, minutes[i] % 60);
        rc = ms_booking_check_slot(app->db, &room, starts[i], 1, now, &why);
        cJSON *b = rc < 0 ? NULL : block_json(local, starts[i], &why, rc == 0);
        ok = b && cJSON_AddItemToArray(blocks, b);
        if (!ok)
            cJSON_Delete(b);
    }
    if (!ok) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}
