/* routes/test/notify.c - test-mode routes of the notifications hub: every delivery, the SMS
 * gateway's texts, and push tokens the simulated provider reports dead. */
#include <string.h>

#include "api/fields.h"
#include "api/phone.h"
#include "db/db.h"
#include "domain/notify_views.h"
#include "domain/users.h"
#include "routes/routes.h"
#include "rules/notice_kinds.h"

/* Reply 200 {key: list} (list taken), or 500 when it is NULL. */
static void reply_list(const char *key, cJSON *list, ms_reply *reply)
{
    cJSON *out = list ? cJSON_CreateObject() : NULL;
    if (!out || !cJSON_AddItemToObject(out, key, list)) {
        cJSON_Delete(out);
        cJSON_Delete(list);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* GET /v1/test/deliveries?phone=&kind=&channel= (each optional) */
void ms_handle_test_deliveries(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *phone_text = ms_query(req, "phone");
    const char *kind = ms_query(req, "kind");
    const char *channel = ms_query(req, "channel");
    char user_id[MS_ID_MAX];
    const char *user = NULL;
    if (phone_text) {
        char phone[MS_PHONE_MAX];
        bool found;
        if (!ms_phone_from_query(reply, "phone", phone_text, phone))
            return;
        if (ms_user_find_by_phone(app->db, phone, user_id, &found) != 0) {
            ms_reply_internal(reply);
            return;
        }
        if (!found) {
            ms_reply_error(reply, 404, "not_found", "no account has the phone %s", phone);
            return;
        }
        user = user_id;
    }
    if (channel && ms_channel_index(channel) < 0) {
        ms_reply_error(reply, 400, "invalid_argument",
                       "query parameter 'channel' must be push, email or sms");
        return;
    }
    reply_list("deliveries", ms_deliveries_json(app->db, user, kind, channel), reply);
}

/* GET /v1/test/sms?phone= */
void ms_handle_test_sms(ms_app *app, ms_request *req, ms_reply *reply)
{
    char phone[MS_PHONE_MAX];
    if (!ms_phone_from_query(reply, "phone", ms_query(req, "phone"), phone))
        return;
    reply_list("messages", ms_sms_json(app->db, phone), reply);
}

/* POST /v1/test/push/dead {token} */
void ms_handle_test_push_dead(ms_app *app, ms_request *req, ms_reply *reply)
{
    char token[4097];
    if (!ms_field_text(reply, req->json, "token", 4096, token, sizeof token))
        return;
    if (ms_db_run(app->db, "INSERT INTO push_dead_tokens (token) VALUES (?) ON CONFLICT DO NOTHING",
                  "t", token) != 0) {
        ms_reply_internal(reply);
        return;
    }
    cJSON *out = cJSON_CreateObject();
    if (out && !cJSON_AddBoolToObject(out, "dead", true)) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}
