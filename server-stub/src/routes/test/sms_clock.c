/* routes/test/sms_clock.c - test-mode routes: read the simulated SMS gateway, set the server clock.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/fields.h"
#include "domain/otp_store.h"
#include "api/phone.h"
#include "routes/routes.h"

/* The first run of exactly six digits in text into code[7]; false if none. */
static bool find_code(const char *text, char code[7])
{
    for (const char *p = text; *p;) {
        size_t run = 0;
        while (isdigit((unsigned char)p[run]))
            run++;
        if (run == 6) {
            memcpy(code, p, 6);
            code[6] = '\0';
            return true;
        }
        p += run ? run : 1;
    }
    return false;
}

/* GET /v1/test/sms/latest?phone=<E.164> */
void ms_handle_test_sms_latest(ms_app *app, ms_request *req, ms_reply *reply)
{
    char phone[MS_PHONE_MAX];
    if (!ms_phone_from_query(reply, "phone", ms_query(req, "phone"), phone))
        return;

    char body[MS_SMS_MAX], code[7];
    int64_t sent_at = 0;
    bool found;
    if (ms_sms_latest(app->db, phone, body, &sent_at, &found) != 0) {
        ms_reply_internal(reply);
        return;
    }
    if (!found || !find_code(body, code)) {
        ms_reply_error(reply, 404, "not_found", "no SMS was sent to %s", phone);
        return;
    }
    cJSON *out = cJSON_CreateObject();
    if (out && !(cJSON_AddStringToObject(out, "phone", phone) &&
                 cJSON_AddStringToObject(out, "code", code) &&
                 cJSON_AddNumberToObject(out, "sent_at_ms", (double)sent_at))) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

static void reply_clock(int64_t now_ms, ms_reply *reply)
{
    cJSON *out = cJSON_CreateObject();
    if (out && !cJSON_AddNumberToObject(out, "now_ms", (double)now_ms)) {
        cJSON_Delete(out);
        out = NULL;
    }
    ms_reply_json(reply, 200, out);
}

/* GET /v1/test/clock */
void ms_handle_test_clock_get(ms_app *app, ms_request *req, ms_reply *reply)
{
    (void)req;
    reply_clock(ms_clock_now(&app->clock), reply);
}

/* POST /v1/test/clock {"now_ms"} or {"advance_ms"} */
void ms_handle_test_clock_set(ms_app *app, ms_request *req, ms_reply *reply)
{
    bool set = cJSON_HasObjectItem(req->json, "now_ms");
    bool advance = cJSON_HasObjectItem(req->json, "advance_ms");
    int64_t value;
    if (set == advance) {
        ms_reply_invalid(reply, set ? "give either 'now_ms' or 'advance_ms', not both"
                                    : "field 'now_ms' or 'advance_ms' is missing");
        return;
    }
    if (set) {
        if (!ms_field_int(reply, req->json, "now_ms", 0, MS_CLOCK_MAX_MS, &value))
            return;
        ms_clock_set(&app->clock, value);
        reply_clock(value, reply);
        return;
    }
    if (!ms_field_int(reply, req->json, "advance_ms", 0, MS_CLOCK_MAX_MS, &value))
        return;
    reply_clock(ms_clock_advance(&app->clock, value), reply);
}
