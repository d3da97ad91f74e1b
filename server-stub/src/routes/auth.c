/* routes/auth.c - signing in: request an OTP, verify it for a session, log out. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "api/fields.h"
#include "domain/otp_store.h"
#include "api/phone.h"
#include "routes/routes.h"
#include "domain/sessions.h"
#include "domain/user_json.h"

/* 429 otp_rate_limited: what was limited (printf-style), then "; try again in <wait>". */
static void refuse_rate(ms_reply *reply, ms_otp_issue_decision d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void refuse_rate(ms_reply *reply, ms_otp_issue_decision d, const char *fmt, ...)
{
    char what[160], wait[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    ms_otp_wait_words(d.retry_after_s, wait, sizeof wait);
    ms_reply_error(reply, 429, "otp_rate_limited", "%s; try again in %s", what, wait);
    if (reply->body)
        cJSON_AddNumberToObject(reply->body, "retry_after_s", d.retry_after_s);
    reply->retry_after_s = d.retry_after_s;
}

/* POST /v1/auth/otp/request {"phone"} */
void ms_handle_otp_request(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *typed;
    char phone[MS_PHONE_MAX];
    if (!ms_field_string(reply, req->json, "phone", &typed) ||
        !ms_phone_normalize(reply, typed, phone))
        return;
    int64_t now = ms_clock_now(&app->clock);

    int64_t issued[MS_OTP_MAX_PER_WINDOW];
    size_t n_issued = 0;
    if (ms_otp_recent_issues(app->db, phone, now, issued, MS_OTP_MAX_PER_WINDOW, &n_issued) != 0)
        goto fail;
    ms_otp_issue_decision d = ms_otp_may_issue(issued, n_issued, now);
    if (!d.allowed) {
        refuse_rate(reply, d, "too many codes requested for %s", phone);
        return;
    }
    /* SMS pumping: many phones from one address, or from many addresses at once. */
    bool reached;
    int64_t cap_th;
    if (ms_otp_requests_cap(app->db, req->client_address, app->otp_max_per_address, now, &reached,
                            &cap_th) != 0)
        goto fail;
    d = ms_otp_may_issue_capped(reached, cap_th, now);
    if (!d.allowed) {
        refuse_rate(reply, d, "too many codes requested from your address (at most %d an hour)",
                    app->otp_max_per_address);
        return;
    }
    if (ms_otp_requests_cap(app->db, NULL, app->otp_max_overall, now, &reached, &cap_th) != 0)
        goto fail;
    d = ms_otp_may_issue_capped(reached, cap_th, now);
    if (!d.allowed) {
        refuse_rate(reply, d, "too many codes requested from everyone (at most %d an hour)",
                    app->otp_max_overall);
        return;
    }

    char user_id[MS_ID_MAX];
    bool registered;
    char code[7];
    if (ms_user_find_by_phone(app->db, phone, user_id, &registered) != 0 ||
        ms_rng_digits6(app->rng, code) != 0)
        goto fail;
    int rc =
        ms_otp_issue(app->db, app->otp_key, phone, code, req->client_address, app->test_mode, now);
    memset(code, 0, sizeof code);
    if (rc != 0)
        goto fail;

    cJSON *body = cJSON_CreateObject();
    if (body && !(cJSON_AddStringToObject(body, "phone", phone) &&
                  cJSON_AddBoolToObject(body, "registered", registered) &&
                  cJSON_AddNumberToObject(body, "expires_in_s", MS_OTP_TTL_MS / 1000) &&
                  cJSON_AddNumberToObject(body, "resend_after_s", MS_OTP_RESEND_MS / 1000))) {
        cJSON_Delete(body);
        body = NULL;
    }
    ms_reply_json(reply, 200, body);
    return;
fail:
    ms_reply_internal(reply);
}

static bool is_six_digits(const char *code)
{
    if (strlen(code) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}

/* The verified phone's account, created now if it had none (auto-provisioning). */
static int sign_in(ms_app *app, const char *phone, int64_t now, ms_reply *reply)
{
    char user_id[MS_ID_MAX];
    char token[MS_TOKEN_MAX];
    bool found;
    int64_t expires_at;
    if (ms_otp_consume(app->db, phone, now) != 0 ||
        ms_user_find_by_phone(app->db, phone, user_id, &found) != 0 ||
        (!found && (ms_user_create(app->db, app->rng, phone, now, user_id) != 0 ||
                    ms_change_upsert(app->db, MS_KIND_PROFILE, user_id, user_id) != 0)) ||
        ms_session_issue(app->db, app->rng, user_id, now, token, &expires_at) != 0)
        return -1;
    cJSON *body = cJSON_CreateObject();
    bool ok = body && cJSON_AddStringToObject(body, "token", token) &&
              cJSON_AddNumberToObject(body, "expires_at_ms", (double)expires_at) &&
              cJSON_AddBoolToObject(body, "new_user", !found) &&
              ms_user_json_add(app->db, user_id, body) == 0;
    memset(token, 0, sizeof token);
    if (!ok) {
        cJSON_Delete(body);
        return -1;
    }
    ms_reply_json(reply, 200, body);
    return 0;
}

/* POST /v1/auth/otp/verify {"phone", "code"} */
void ms_handle_otp_verify(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *typed, *code;
    char phone[MS_PHONE_MAX];
    if (!ms_field_string(reply, req->json, "phone", &typed) ||
        !ms_field_string(reply, req->json, "code", &code))
        return;
    if (!is_six_digits(code)) {
        ms_reply_invalid(reply, "field 'code' must be exactly 6 digits");
        return;
    }
    if (!ms_phone_normalize(reply, typed, phone))
        return;
    int64_t now = ms_clock_now(&app->clock);

    ms_otp_state state;
    uint8_t stored[MS_SHA256_LEN], given[MS_SHA256_LEN];
    if (ms_otp_load(app->db, phone, &state, stored) != 0 ||
        ms_otp_hash(app->otp_key, phone, code, given) != 0) {
        ms_reply_internal(reply);
        return;
    }
    bool matches = ms_ct_equal(stored, given, MS_SHA256_LEN);
    ms_otp_verdict v = ms_otp_verify(&state, now, matches);
    switch (v.outcome) {
    case MS_OTP_EXPIRED:
        if (!state.present || state.consumed)
            ms_reply_error(reply, 400, "otp_expired",
                           "no code is outstanding for %s; request a new one", phone);
        else
            ms_reply_error(reply, 400, "otp_expired", "the code has expired; request a new one");
        break;
    case MS_OTP_EXHAUSTED:
        ms_reply_error(reply, 400, "otp_exhausted",
                       "too many wrong attempts: the code no longer works; request a new one");
        break;
    case MS_OTP_WRONG:
        if (ms_otp_set_attempts(app->db, phone, v.attempts) != 0) {
            ms_reply_internal(reply);
            break;
        }
        ms_reply_error(reply, 400, "otp_wrong", "the code is wrong; %d attempt%s left",
                       v.attempts_left, v.attempts_left == 1 ? "" : "s");
        if (reply->body)
            cJSON_AddNumberToObject(reply->body, "attempts_left", v.attempts_left);
        reply->keep_writes = true; /* the attempt counts */
        break;
    case MS_OTP_ACCEPTED:
        if (sign_in(app, phone, now, reply) != 0)
            ms_reply_internal(reply);
        break;
    }
}

/* POST /v1/auth/logout (auth) */
void ms_handle_logout(ms_app *app, ms_request *req, ms_reply *reply)
{
    if (ms_session_revoke(app->db, req->token, ms_clock_now(&app->clock)) != 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_empty(reply);
}
