/* routes/reception.c - the front desk's visitor routes (docs/notifications-protocol.md,
 * "Reception routes"): the building's visitors of a day, checking one in by id, SMS code or QR
 * payload, registering a walk-in. Staff only (403 otherwise), at the staff member's building; a
 * visitor of another building is not found (404), so an id or a code cannot be probed. */
#include <stdio.h>
#include <string.h>

#include "api/fields.h"
#include "api/phone.h"
#include "domain/ticket_staff.h"
#include "domain/visitors_reception.h"
#include "routes/routes.h"
#include "rules/pass_rules.h"
#include "base/text.h"

/* The caller's reception building into building; false after answering (403 or 500). */
static bool reception_desk(ms_app *app, const ms_request *req, ms_reply *reply,
                           char building[MS_ID_MAX])
{
    int rc = ms_staff_is_staff(app->db, req->user_id);
    if (rc == 1)
        rc = ms_reception_building(app->db, req->user_id, building) == 0 ? 1 : -1;
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 0)
        ms_reply_error(reply, 403, "forbidden",
                       "staff only: reception is for the operator's ground staff");
    return rc == 1;
}

/* Answer 200 {"visitor": reception's view of id}. */
static void reply_visitor(ms_app *app, const char *id, ms_reply *reply)
{
    cJSON *visitor = NULL, *body = NULL;
    if (ms_visitor_json(app->db, id, true, &visitor) != 0 || !(body = cJSON_CreateObject()) ||
        !cJSON_AddItemToObject(body, "visitor", visitor)) {
        cJSON_Delete(visitor);
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}

/* GET /v1/staff/visitors?date=YYYY-MM-DD (auth): the building's visitors of that date (default
 * today there). */
void ms_handle_reception_visitors(ms_app *app, ms_request *req, ms_reply *reply)
{
    char building[MS_ID_MAX], date[11];
    if (!reception_desk(app, req, reply, building))
        return;
    const char *asked = ms_query(req, "date");
    int64_t day;
    if (asked && asked[0]) {
        if (!ms_parse_date(asked, &day)) {
            ms_reply_invalid(reply, "date '%.*s' is not a real date written YYYY-MM-DD",
                             (int)ms_utf8_prefix(asked, 20), asked);
            return;
        }
        snprintf(date, sizeof date, "%s", asked);
    } else if (ms_reception_today(app->db, building, ms_clock_now(&app->clock), date) != 0) {
        ms_reply_internal(reply);
        return;
    }
    cJSON *list = NULL, *body = NULL;
    if (ms_reception_list_json(app->db, building, date, &list) != 0 ||
        !(body = cJSON_CreateObject()) || !cJSON_AddItemToObject(body, "visitors", list)) {
        cJSON_Delete(list);
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}

/* POST /v1/staff/visitors/checkin (auth) {visitor_id} or {code}: the code of the SMS (8 digits,
 * spaces allowed) or the whole QR payload. */
void ms_handle_reception_checkin(ms_app *app, ms_request *req, ms_reply *reply)
{
    char building[MS_ID_MAX];
    if (!reception_desk(app, req, reply, building))
        return;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(req->json, "visitor_id");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(req->json, "code");
    const cJSON *what = id ? id : code;
    if ((id != NULL) == (code != NULL) || !cJSON_IsString(what) || !what->valuestring[0]) {
        ms_reply_invalid(reply, "give exactly one of 'visitor_id' (vis_...) or 'code' (the 8 "
                                "digits of the visitor's SMS, or the QR payload), as a string");
        return;
    }
    ms_visitor v;
    int rc = ms_reception_find(app->db, building, what->valuestring, &v);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 1) {
        ms_reply_error(reply, 404, "not_found", "no visitor %s '%.*s' at %s",
                       id ? "with id" : "with code", (int)ms_utf8_prefix(what->valuestring, 64),
                       what->valuestring, building);
        return;
    }
    ms_refusal why;
    rc = ms_reception_checkin(app, &v, &why);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, 409, why.code, "%s", why.message);
    else
        reply_visitor(app, v.id, reply);
}

/* An optional string field: absent or null leaves *out NULL; false after a 400. */
static bool optional_string(ms_reply *reply, const cJSON *obj, const char *name, const char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    *out = NULL;
    if (!item || cJSON_IsNull(item))
        return true;
    return ms_field_string(reply, obj, name, out);
}

/* POST /v1/staff/visitors/walk_in (auth) {host_phone, name, email?, phone?} */
void ms_handle_reception_walk_in(ms_app *app, ms_request *req, ms_reply *reply)
{
    char building[MS_ID_MAX], host_phone[MS_PHONE_MAX];
    if (!reception_desk(app, req, reply, building))
        return;
    ms_walk_in w;
    memset(&w, 0, sizeof w);
    const char *host_typed, *email, *phone;
    if (!ms_field_string(reply, req->json, "host_phone", &host_typed) ||
        !ms_phone_normalize(reply, host_typed, host_phone) ||
        !ms_field_text(reply, req->json, "name", 100, w.name, sizeof w.name) ||
        !optional_string(reply, req->json, "email", &email) ||
        (email && email[0] &&
         !ms_field_email(reply, req->json, "email", w.email, sizeof w.email)) ||
        !optional_string(reply, req->json, "phone", &phone) ||
        (phone && phone[0] && !ms_phone_normalize(reply, phone, w.phone)))
        return;
    bool found;
    if (ms_user_find_by_phone(app->db, host_phone, w.host_user_id, &found) != 0) {
        ms_reply_internal(reply);
        return;
    }
    if (!found) {
        ms_reply_error(reply, 404, "not_found", "no member with the phone %s", host_phone);
        return;
    }
    char id[MS_ID_MAX];
    if (ms_reception_walk_in(app, building, &w, id) != 0)
        ms_reply_internal(reply);
    else
        reply_visitor(app, id, reply);
}
