/* routes/test/sync.c - test-mode routes for sync: faults, compaction, epochs, views, changes,
 * push tokens and the pushes delivered. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "domain/entities.h"
#include "domain/notify.h"
#include "api/fields.h"
#include "api/phone.h"
#include "routes/routes.h"
#include "base/text.h"

/* The last instant accepted for event times (as for the clock): 9999-12-31T23:59:59.999Z. */
#define MAX_INSTANT_MS 253402300799999LL

/* ---- faults ----------------------------------------------------------------------------- */

static void reply_faults(ms_app *app, ms_reply *reply)
{
    ms_reply_json(reply, 200, ms_faults_json(&app->faults));
}

/* GET /v1/test/faults */
void ms_handle_test_faults_get(ms_app *app, ms_request *req, ms_reply *reply)
{
    (void)req;
    reply_faults(app, reply);
}

/* The optional "kinds" array as a bit mask (every kind when absent); false after a 400. */
static bool read_fault_kinds(const cJSON *json, unsigned *mask, ms_reply *reply)
{
    const cJSON *kinds = cJSON_GetObjectItemCaseSensitive(json, "kinds");
    *mask = 0;
    if (!kinds)
        return true;
    if (!cJSON_IsArray(kinds) || cJSON_GetArraySize(kinds) == 0) {
        ms_reply_invalid(reply, "field 'kinds' must be a non-empty array of fault names");
        return false;
    }
    const cJSON *k;
    cJSON_ArrayForEach(k, kinds)
    {
        ms_fault f = cJSON_IsString(k) ? ms_fault_from_name(k->valuestring) : MS_FAULT_NONE;
        if (f == MS_FAULT_NONE) {
            ms_reply_invalid(reply, "field 'kinds' may hold only drop_before, drop_after, delay,"
                                    " error_500, error_429, duplicate, truncate");
            return false;
        }
        *mask |= 1u << f;
    }
    return true;
}

/* POST /v1/test/faults {"rate", "seed"?, "kinds"?, "delay_ms"?} */
void ms_handle_test_faults_set(ms_app *app, ms_request *req, ms_reply *reply)
{
    const cJSON *rate = cJSON_GetObjectItemCaseSensitive(req->json, "rate");
    if (!rate) {
        ms_reply_invalid(reply, "field 'rate' is missing");
        return;
    }
    if (!cJSON_IsNumber(rate) || !isfinite(rate->valuedouble) || rate->valuedouble < 0 ||
        rate->valuedouble > 1) {
        ms_reply_invalid(reply, "field 'rate' must be a number from 0 to 1");
        return;
    }
    int64_t seed = 0, delay = MS_FAULT_DELAY_DEFAULT_MS;
    unsigned kinds;
    if ((cJSON_HasObjectItem(req->json, "seed") &&
         !ms_field_int(reply, req->json, "seed", 0, MS_JSON_INT_MAX, &seed)) ||
        (cJSON_HasObjectItem(req->json, "delay_ms") &&
         !ms_field_int(reply, req->json, "delay_ms", 0, MS_FAULT_DELAY_MAX_MS, &delay)) ||
        !read_fault_kinds(req->json, &kinds, reply))
        return;
    ms_faults_configure(&app->faults, rate->valuedouble, (uint64_t)seed, kinds, (int32_t)delay);
    reply_faults(app, reply);
}

/* ---- change log ------------------------------------------------------------------------- */

/* POST /v1/test/sync/compact */
void ms_handle_test_sync_compact(ms_app *app, ms_request *req, ms_reply *reply)
{
    (void)req;
    int64_t deleted, head;
    if (ms_changes_compact(app->db, &deleted) != 0 || ms_changes_head(app->db, &head) != 0) {
        ms_reply_internal(reply);
        return;
    }
    cJSON *out = cJSON_CreateObject();
    if (out && !(cJSON_AddNumberToObject(out, "deleted", (double)deleted) &&
                 cJSON_AddNumberToObject(out, "head", (double)head))) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

/* POST /v1/test/sync/epoch */
void ms_handle_test_sync_epoch(ms_app *app, ms_request *req, ms_reply *reply)
{
    (void)req;
    char epoch[MS_EPOCH_MAX];
    if (ms_changes_new_epoch(app->db, app->rng, epoch) != 0) {
        ms_reply_internal(reply);
        return;
    }
    cJSON *out = cJSON_CreateObject();
    if (out && !cJSON_AddStringToObject(out, "epoch", epoch)) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

/* The id of the user with this phone query parameter; false after a 400 or 404. */
static bool user_by_phone_query(ms_app *app, ms_request *req, ms_reply *reply, char *user_id)
{
    char phone[MS_PHONE_MAX];
    bool found;
    if (!ms_phone_from_query(reply, "phone", ms_query(req, "phone"), phone))
        return false;
    if (ms_user_find_by_phone(app->db, phone, user_id, &found) != 0) {
        ms_reply_internal(reply);
        return false;
    }
    if (!found) {
        ms_reply_error(reply, 404, "not_found", "no account has the phone %s", phone);
        return false;
    }
    return true;
}

/* Every entity viewer may see, in snapshot order, into entities. 0 / -1. */
static int add_view(sqlite3 *db, const ms_viewer *viewer, cJSON *entities)
{
    for (int kind = 0; kind < MS_KIND_COUNT; kind++) {
        char id[MS_ID_MAX] = "";
        int rc;
        while ((rc = ms_entity_next(db, viewer, (ms_kind)kind, id, id, sizeof id)) == 1) {
            cJSON *data = NULL;
            cJSON *o = cJSON_CreateObject();
            bool ok = o && ms_entity_data(db, (ms_kind)kind, viewer->user_id, id, &data) == 0 &&
                      cJSON_AddStringToObject(o, "kind", ms_kind_name((ms_kind)kind)) &&
                      cJSON_AddStringToObject(o, "id", id) &&
                      cJSON_AddItemToObject(o, "data", data);
            if (ok)
                data = NULL;
            ok = ok && cJSON_AddItemToArray(entities, o);
            cJSON_Delete(data);
            if (!ok) {
                cJSON_Delete(o);
                return -1;
            }
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* GET /v1/test/sync/view?phone=<E.164> */
void ms_handle_test_sync_view(ms_app *app, ms_request *req, ms_reply *reply)
{
    char user_id[MS_ID_MAX];
    if (!user_by_phone_query(app, req, reply, user_id))
        return;
    ms_viewer viewer;
    cJSON *out = cJSON_CreateObject();
    cJSON *entities = out ? cJSON_AddArrayToObject(out, "entities") : NULL;
    if (!entities || !cJSON_AddStringToObject(out, "user_id", user_id) ||
        ms_viewer_load(app->db, user_id, &viewer) != 0 ||
        add_view(app->db, &viewer, entities) != 0) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* GET /v1/test/effects?client_id= */
void ms_handle_test_effects(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *client_id = ms_query(req, "client_id");
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT idempotency_key, count(*) FROM effect_log"
                                     " WHERE ?1 IS NULL OR client_id = ?1 GROUP BY idempotency_key"
                                     " ORDER BY idempotency_key",
                                     "t", client_id);
    cJSON *out = cJSON_CreateObject();
    cJSON *keys = out ? cJSON_AddObjectToObject(out, "keys") : NULL;
    int64_t total = 0;
    int rc = stmt && keys ? 0 : -1;
    while (rc == 0 && (rc = ms_db_step(stmt)) == 1) {
        int64_t n = sqlite3_column_int64(stmt, 1);
        total += n;
        rc = cJSON_AddNumberToObject(keys, (const char *)sqlite3_column_text(stmt, 0), (double)n)
                 ? 0
                 : -1;
    }
    sqlite3_finalize(stmt);
    if (rc != 0 || !cJSON_AddNumberToObject(out, "total", (double)total)) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* GET /v1/test/push_tokens?phone= : the push tokens registered for that member. */
void ms_handle_test_push_tokens(ms_app *app, ms_request *req, ms_reply *reply)
{
    char user_id[MS_ID_MAX];
    if (!user_by_phone_query(app, req, reply, user_id))
        return;
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT client_id, provider, token, updated_at_ms"
                                     " FROM push_tokens WHERE user_id = ? ORDER BY client_id",
                                     "t", user_id);
    cJSON *out = cJSON_CreateObject();
    cJSON *tokens = out ? cJSON_AddArrayToObject(out, "tokens") : NULL;
    int rc = stmt && tokens ? 0 : -1;
    while (rc == 0 && (rc = ms_db_step(stmt)) == 1) {
        cJSON *t = cJSON_CreateObject();
        rc = t && cJSON_AddItemToArray(tokens, t) &&
                     cJSON_AddStringToObject(t, "client_id",
                                             (const char *)sqlite3_column_text(stmt, 0)) &&
                     cJSON_AddStringToObject(t, "provider",
                                             (const char *)sqlite3_column_text(stmt, 1)) &&
                     cJSON_AddStringToObject(t, "token",
                                             (const char *)sqlite3_column_text(stmt, 2)) &&
                     cJSON_AddNumberToObject(t, "updated_at_ms",
                                             (double)sqlite3_column_int64(stmt, 3))
                 ? 0
                 : -1;
    }
    sqlite3_finalize(stmt);
    if (rc < 0) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* Add key: column col of stmt as a string, or null. */
static bool add_text_or_null(cJSON *o, const char *key, sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    return text ? cJSON_AddStringToObject(o, key, (const char *)text) != NULL
                : cJSON_AddNullToObject(o, key) != NULL;
}

/* GET /v1/test/pushes?phone= : every push the simulated gateway delivered to that member's
 * devices (one per notification and registered token), oldest first. */
void ms_handle_test_pushes(ms_app *app, ms_request *req, ms_reply *reply)
{
    char user_id[MS_ID_MAX];
    if (!user_by_phone_query(app, req, reply, user_id))
        return;
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT provider, token, title, body, deep_link,"
                                     " created_at_ms FROM push_deliveries WHERE user_id = ?"
                                     " ORDER BY id",
                                     "t", user_id);
    cJSON *out = cJSON_CreateObject();
    cJSON *pushes = out ? cJSON_AddArrayToObject(out, "pushes") : NULL;
    int rc = stmt && pushes ? 0 : -1;
    while (rc == 0 && (rc = ms_db_step(stmt)) == 1) {
        cJSON *p = cJSON_CreateObject();
        if (!p || !cJSON_AddItemToArray(pushes, p)) {
            cJSON_Delete(p);
            rc = -1;
            break;
        }
        rc = add_text_or_null(p, "provider", stmt, 0) && add_text_or_null(p, "token", stmt, 1) &&
                     add_text_or_null(p, "title", stmt, 2) &&
                     add_text_or_null(p, "body", stmt, 3) &&
                     add_text_or_null(p, "deep_link", stmt, 4) &&
                     cJSON_AddNumberToObject(p, "created_at_ms",
                                             (double)sqlite3_column_int64(stmt, 5))
                 ? 0
                 : -1;
    }
    sqlite3_finalize(stmt);
    if (rc < 0) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* ---- server-side changes ---------------------------------------------------------------- */

/* Answer 200 {key: data of (kind, id)}. */
void ms_test_reply_entity(ms_app *app, const char *key, ms_kind kind, const char *owner,
                          const char *id, ms_reply *reply)
{
    cJSON *data = NULL;
    cJSON *out = cJSON_CreateObject();
    if (!out || ms_entity_data(app->db, kind, owner, id, &data) != 0 ||
        !cJSON_AddItemToObject(out, key, data)) {
        cJSON_Delete(data);
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

bool ms_test_optional_text(ms_reply *reply, const cJSON *json, const char *name, size_t max_chars,
                           char *out, size_t cap)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, name);
    out[0] = '\0';
    if (!item || cJSON_IsNull(item))
        return true;
    return ms_field_text(reply, json, name, max_chars, out, cap);
}

/* POST /v1/test/events {"building_id", "title", "starts_at_ms", "ends_at_ms", "capacity",
 * "description"?} */
void ms_handle_test_event_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *building;
    char title[MS_TEXT_MAX], description[4 * 500 + 1];
    int64_t starts, ends, capacity;
    if (!ms_field_string(reply, req->json, "building_id", &building) ||
        !ms_field_text(reply, req->json, "title", 100, title, sizeof title) ||
        !ms_field_int(reply, req->json, "starts_at_ms", 0, MAX_INSTANT_MS, &starts) ||
        !ms_field_int(reply, req->json, "ends_at_ms", 0, MAX_INSTANT_MS, &ends) ||
        !ms_field_int(reply, req->json, "capacity", 1, 100000, &capacity) ||
        !ms_test_optional_text(reply, req->json, "description", 500, description,
                               sizeof description))
        return;
    if (starts >= ends) {
        ms_reply_invalid(reply, "field 'ends_at_ms' must be after 'starts_at_ms'");
        return;
    }
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT 1 FROM buildings WHERE id = ?", "t", building);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_invalid(reply, "field 'building_id': no building '%.*s'",
                         (int)ms_utf8_prefix(building, 40), building);
        return;
    }
    char id[MS_ID_MAX];
    if (rc < 0 || ms_rng_id(app->rng, "evt_", id, sizeof id) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO events (id, building_id, title, description, starts_at_ms,"
                  " ends_at_ms, capacity) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "ttttiii", id, building, title, description, starts, ends, capacity) != 0 ||
        ms_change_upsert(app->db, MS_KIND_EVENT, NULL, id) != 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_test_reply_entity(app, "event", MS_KIND_EVENT, NULL, id, reply);
}

/* POST /v1/test/notifications {"phone", "category", "title", "body", "deep_link"?, "kind"?,
 * "urgent"?} */
void ms_handle_test_notification_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    static const char *const categories[] = {"billing", "support", "bookings", "events",
                                             "announcements"};
    const char *typed, *category;
    char phone[MS_PHONE_MAX], title[MS_TEXT_MAX], body[4 * 500 + 1], link[4 * 200 + 1];
    char kind[4 * 40 + 1];
    if (!ms_field_string(reply, req->json, "phone", &typed) ||
        !ms_phone_normalize(reply, typed, phone) ||
        !ms_field_string(reply, req->json, "category", &category))
        return;
    bool known = false;
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        known = known || strcmp(category, categories[i]) == 0;
    if (!known) {
        ms_reply_invalid(reply, "field 'category' must be one of billing, support, bookings,"
                                " events, announcements");
        return;
    }
    if (!ms_field_text(reply, req->json, "title", 100, title, sizeof title) ||
        !ms_field_text(reply, req->json, "body", 500, body, sizeof body) ||
        !ms_test_optional_text(reply, req->json, "deep_link", 200, link, sizeof link) ||
        !ms_test_optional_text(reply, req->json, "kind", 40, kind, sizeof kind))
        return;
    const cJSON *urgent = cJSON_GetObjectItemCaseSensitive(req->json, "urgent");
    if (urgent && !cJSON_IsBool(urgent)) {
        ms_reply_invalid(reply, "field 'urgent' must be true or false");
        return;
    }
    char user_id[MS_ID_MAX], id[MS_ID_MAX];
    bool found;
    if (ms_user_find_by_phone(app->db, phone, user_id, &found) != 0)
        goto fail;
    if (!found) {
        ms_reply_error(reply, 404, "not_found", "no account has the phone %s", phone);
        return;
    }
    /* Through the dispatcher, as the server's own: delivered as the preferences say. */
    ms_notice n = {.user_id = user_id,
                   .kind = kind,
                   .category = category,
                   .title = title,
                   .body = body,
                   .deep_link = link,
                   .urgent = cJSON_IsTrue(urgent)};
    if (ms_notify_send(app, &n, id) != 0)
        goto fail;
    ms_test_reply_entity(app, "notification", MS_KIND_NOTIFICATION, user_id, id, reply);
    return;
fail:
    ms_reply_internal(reply);
}

/* DELETE /v1/test/notifications/{id}: gone, and a tombstone in its owner's pulls. */
void ms_handle_test_notification_delete(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *id = req->path_param;
    char owner[MS_ID_MAX];
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT user_id FROM notifications WHERE id = ?", "t", id ? id : "");
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, owner, sizeof owner);
    sqlite3_finalize(stmt);
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no notification '%.*s'",
                       (int)ms_utf8_prefix(id, 60), id ? id : "");
        return;
    }
    if (rc < 0 ||
        ms_db_run(app->db, "DELETE FROM notification_deliveries WHERE notification_id = ?", "t",
                  id) != 0 ||
        ms_db_run(app->db, "DELETE FROM push_deliveries WHERE notification_id = ?", "t", id) != 0 ||
        ms_db_run(app->db, "DELETE FROM notifications WHERE id = ?", "t", id) != 0 ||
        ms_change_delete(app->db, MS_KIND_NOTIFICATION, owner, id) != 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_empty(reply);
}
