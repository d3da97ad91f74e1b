/*
 * auth/auth.c - the sign-in journey of DOMAIN.md section 1 over the server's API:
 * request and verify an OTP, complete the profile, state an intent, whoami, logout.
 *
 * Network calls run without the client lock; what they return is written to
 * the store under the lock, in one transaction where there is more than one
 * row. The server decides (codes, rate limits, roles); local checks are only
 * for instant feedback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "account/session.h"
#include "auth/validate.h"
#include "membercore/sync.h"
#include "handle/handle.h"
#include "read/read.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

#define META_PENDING_PHONE "signin.pending_phone"

mc_status mc_auth_request_otp(mc_client *c, const char *phone, mc_otp_request *out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    char e164[MC_PHONE_MAX];
    mc_status st = mc_phone_normalize(phone, e164, sizeof e164, err);
    if (st != MC_OK)
        return st;

    mci_session_flush_revoke(c);

    cJSON *body = cJSON_CreateObject();
    if (body == NULL || cJSON_AddStringToObject(body, "phone", e164) == NULL) {
        cJSON_Delete(body);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    cJSON *answer = NULL;
    st = mci_http_call(&c->http, "POST", "/v1/auth/otp/request", body, NULL, &answer, err);
    cJSON_Delete(body);
    if (st == MC_ERR_OTP_RATE_LIMITED && err != NULL && err->retry_after_s > 0) {
        /* The wait in words, said once: "try again in 53 min", not 3144 s. */
        char wait[32];
        mc_duration_format(err->retry_after_s, wait, sizeof wait);
        snprintf(err->message, sizeof err->message,
                 "too many codes requested for %s; try again in %s", e164, wait);
    }
    if (st != MC_OK)
        return st;

    memset(out, 0, sizeof *out);
    mci_strlcpy(out->phone, mci_json_string(answer, "phone", e164), sizeof out->phone);
    out->registered = mci_json_bool(answer, "registered", false);
    out->expires_in_s = (int32_t)mci_json_int(answer, "expires_in_s", 300);
    out->resend_after_s = (int32_t)mci_json_int(answer, "resend_after_s", 30);
    cJSON_Delete(answer);

    pthread_mutex_lock(&c->lock);
    st = mci_meta_set(c->db, META_PENDING_PHONE, out->phone, err);
    pthread_mutex_unlock(&c->lock);
    return st;
}

mc_status mc_auth_pending_phone(mc_client *c, char *out, size_t out_cap, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (out == NULL || out_cap < MC_PHONE_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "out must hold at least MC_PHONE_MAX (%d) bytes", MC_PHONE_MAX);
    char *value = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_meta_get(c->db, META_PENDING_PHONE, &value, err);
    pthread_mutex_unlock(&c->lock);
    if (st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no sign-in is in progress");
    if (st == MC_OK) {
        mci_strlcpy(out, value, out_cap);
        free(value);
    }
    return st;
}

/* Keep the account the server described in `answer` ({"user": {...}}) and
 * hand it to the caller (out may be NULL). */
static mc_status keep_account(mc_client *c, const cJSON *answer, mc_account **out, mc_error *err)
{
    mc_account *account = NULL;
    mc_status st =
        mci_account_from_json(cJSON_GetObjectItemCaseSensitive(answer, "user"), &account, err);
    if (st != MC_OK)
        return st;
    pthread_mutex_lock(&c->lock);
    st = mci_account_save(c->db, account, mci_client_now(c), err);
    pthread_mutex_unlock(&c->lock);
    if (st == MC_OK && out != NULL)
        *out = account;
    else
        mc_account_free(account);
    return st;
}

mc_status mc_auth_verify_otp(mc_client *c, const char *code, bool *new_user, mc_account **out,
                             mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (!mci_otp_code_valid(code))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "code must be exactly 6 digits");
    char phone[MC_PHONE_MAX];
    mc_status st = mc_auth_pending_phone(c, phone, sizeof phone, err);
    if (st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_STATE,
                             "no code has been requested for this sign-in: request a code first");
    if (st != MC_OK)
        return st;

    cJSON *body = cJSON_CreateObject();
    if (body == NULL || cJSON_AddStringToObject(body, "phone", phone) == NULL ||
        cJSON_AddStringToObject(body, "code", code) == NULL) {
        cJSON_Delete(body);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    cJSON *answer = NULL;
    st = mci_http_call(&c->http, "POST", "/v1/auth/otp/verify", body, NULL, &answer, err);
    cJSON_Delete(body);
    if (st != MC_OK)
        return st;

    const char *token = NULL;
    mc_account *account = NULL;
    st = mci_json_require_string(answer, "token", &token, err);
    if (st == MC_OK)
        st = mci_account_from_json(cJSON_GetObjectItemCaseSensitive(answer, "user"), &account, err);
    if (st == MC_OK && new_user != NULL)
        *new_user = mci_json_bool(answer, "new_user", false);

    /* The account row first, then the token: a crash in between leaves a
     * signed-out client, never a token without its account. */
    if (st == MC_OK) {
        pthread_mutex_lock(&c->lock);
        st = mci_store_begin(c->db, err);
        char *synced_for = NULL;
        if (st == MC_OK && mci_meta_get(c->db, MCI_META_SYNC_USER, &synced_for, NULL) == MC_OK &&
            strcmp(synced_for, account->user_id) != 0)
            st = mci_store_forget_server_truth(c->db, err); /* another member's data */
        free(synced_for);
        if (st == MC_OK)
            st = mci_account_save(c->db, account, mci_client_now(c), err);
        if (st == MC_OK)
            st = mci_meta_delete(c->db, META_PENDING_PHONE, err);
        if (st == MC_OK)
            st = mci_store_commit(c->db, err);
        else
            mci_store_rollback(c->db);
        pthread_mutex_unlock(&c->lock);
    }
    if (st == MC_OK)
        st = mci_session_save(c, token, err);
    cJSON_Delete(answer);
    if (st == MC_OK)
        mc_sync_trigger(c); /* a background sync thread starts pulling at once */
    if (st == MC_OK && out != NULL)
        *out = account;
    else
        mc_account_free(account);
    return st;
}

/* An authenticated call; a 401 drops the dead session so the app asks the
 * member to sign in again (the account row stays for a re-sign-in). */
static mc_status authed_call(mc_client *c, const char *method, const char *path, const cJSON *body,
                             cJSON **answer, mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    if (st != MC_OK)
        return st;
    st = mci_http_call(&c->http, method, path, body, token, answer, err);
    memset(token, 0, sizeof token);
    if (st == MC_ERR_UNAUTHORIZED) {
        mc_error ignored = MC_ERROR_INIT;
        mci_session_drop(c, &ignored);
    }
    return st;
}

/* PUT body to path and keep the account the server answers with. */
static mc_status put_and_keep(mc_client *c, const char *path, cJSON *body, mc_account **out,
                              mc_error *err)
{
    cJSON *answer = NULL;
    mc_status st = authed_call(c, "PUT", path, body, &answer, err);
    if (st == MC_OK)
        st = keep_account(c, answer, out, err);
    cJSON_Delete(answer);
    return st;
}

mc_status mc_auth_complete_profile(mc_client *c, const mc_profile *profile, mc_account **out,
                                   mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    mc_status st = mci_profile_validate(profile, err);
    if (st != MC_OK)
        return st;
    cJSON *body = cJSON_CreateObject();
    if (body == NULL || !cJSON_AddStringToObject(body, "name", profile->name) ||
        !cJSON_AddStringToObject(body, "email", profile->email) ||
        !cJSON_AddStringToObject(body, "company", profile->company) ||
        !cJSON_AddStringToObject(body, "city", profile->city)) {
        cJSON_Delete(body);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    st = put_and_keep(c, "/v1/me/profile", body, out, err);
    cJSON_Delete(body);
    return st;
}

mc_status mc_auth_set_intent(mc_client *c, const mc_intent_details *details, mc_account **out,
                             mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    mc_status st = mci_intent_validate(details, err);
    if (st != MC_OK)
        return st;
    cJSON *body = cJSON_CreateObject();
    bool ok = body != NULL &&
              cJSON_AddStringToObject(body, "intent", mc_intent_name(details->intent)) != NULL;
    if (ok && details->intent != MC_INTENT_ON_DEMAND) {
        ok = cJSON_AddStringToObject(body, "industry", details->industry) != NULL &&
             cJSON_AddNumberToObject(body, "employees", details->employees) != NULL &&
             cJSON_AddStringToObject(body, "timeline", details->timeline) != NULL &&
             cJSON_AddNumberToObject(body, "budget_paise", (double)details->budget.minor) != NULL &&
             cJSON_AddStringToObject(body, "budget_currency", details->budget.currency) != NULL;
    }
    if (!ok) {
        cJSON_Delete(body);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    st = put_and_keep(c, "/v1/me/intent", body, out, err);
    cJSON_Delete(body);
    return st;
}

bool mc_auth_is_signed_in(mc_client *c)
{
    MCI_ENTER_OR(c, false);
    return mci_session_signed_in(c);
}

mc_status mc_account_get(mc_client *c, mc_account **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    if (!mci_session_signed_in(c))
        return mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin_any(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_account_load(r->db, out, err);
    mci_read_end(c->readers, r);
    if (st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    return st;
}

mc_status mc_account_refresh(mc_client *c, mc_account **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    cJSON *answer = NULL;
    mc_status st = authed_call(c, "GET", "/v1/me", NULL, &answer, err);
    if (st == MC_OK)
        st = keep_account(c, answer, out, err);
    cJSON_Delete(answer);
    return st;
}

mc_status mc_auth_logout(mc_client *c, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    char token[MCI_TOKEN_MAX];
    if (mci_session_token(c, token, NULL) != MC_OK)
        token[0] = '\0';

    /* Local first: whatever the network does, this device is signed out. */
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_store_begin(c->db, err);
    if (st == MC_OK)
        st = mci_account_delete(c->db, err);
    if (st == MC_OK)
        st = mci_store_forget_server_truth(c->db, err);
    if (st == MC_OK)
        st = mci_meta_delete(c->db, META_PENDING_PHONE, err);
    if (st == MC_OK)
        st = mci_store_commit(c->db, err);
    else
        mci_store_rollback(c->db);
    pthread_mutex_unlock(&c->lock);
    if (st == MC_OK)
        st = mci_session_drop(c, err);
    if (st != MC_OK || token[0] == '\0') {
        memset(token, 0, sizeof token);
        return st;
    }

    mc_error net = MC_ERROR_INIT;
    mc_status sent = mci_http_call(&c->http, "POST", "/v1/auth/logout", NULL, token, NULL, &net);
    if (sent != MC_OK && sent != MC_ERR_UNAUTHORIZED)
        st = mci_session_defer_revoke(c, token, err);
    memset(token, 0, sizeof token);
    return st;
}
