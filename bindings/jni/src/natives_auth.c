/*
 * bindings/jni/src/natives_auth.c - sign-in by SMS code, the profile and intent, the account,
 * sign-out and the push token (membercore/auth.h, account.h, push.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass account, otp_request, verify_result;
    jmethodID account_init, otp_request_init, verify_result_init;
} au;

static const mcj_class_spec classes[] = {
    {"org/membercore/Account", "<init>", "(" S S S S S S "IZ" S S "I" S "I" S MCJ_MONEY S S S ")V",
     &au.account, &au.account_init},
    {"org/membercore/OtpRequest", "<init>", "(" S "ZII)V", &au.otp_request, &au.otp_request_init},
    {"org/membercore/VerifyResult", "<init>", "(" PKG "Account;Z)V", &au.verify_result,
     &au.verify_result_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

static jobject new_account(JNIEnv *env, const mc_account *a)
{
    if ((*env)->PushLocalFrame(env, 16) != 0)
        return NULL;
    jstring user_id = mcj_str(env, a->user_id);
    jstring phone = mcj_str(env, a->phone);
    jstring name = mcj_str(env, a->name);
    jstring email = mcj_str(env, a->email);
    jstring company = mcj_str(env, a->company);
    jstring city = mcj_str(env, a->city);
    jstring lead_id = mcj_str(env, a->lead_id);
    jstring lead_status = mcj_str(env, a->lead_status);
    jstring industry = mcj_str(env, a->industry);
    jstring timeline = mcj_str(env, a->timeline);
    jstring company_id = mcj_str(env, a->company_id);
    jstring building_id = mcj_str(env, a->building_id);
    jstring seat = mcj_str(env, a->seat);
    jobject budget = mcj_money(env, a->budget);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env))
        obj = (*env)->NewObject(env, au.account, au.account_init, user_id, phone, name, email,
                                company, city, (jint)a->roles, (jboolean)a->profile_complete,
                                lead_id, lead_status, (jint)a->intent, industry, (jint)a->employees,
                                timeline, budget, company_id, building_id, seat);
    return (*env)->PopLocalFrame(env, obj);
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobject request_otp(JNIEnv *env, jclass cls, jlong h, jstring phone)
{
    (void)cls;
    char *p = NULL;
    if (!mcj_arg(env, phone, "phone", &p))
        return NULL;
    mc_otp_request req;
    memset(&req, 0, sizeof req);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_request_otp(mcj_handle(h)->client, p, &req, &err);
    free(p);
    if (st != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    jstring e164 = mcj_str(env, req.phone);
    if (e164 == NULL)
        return NULL;
    return (*env)->NewObject(env, au.otp_request, au.otp_request_init, e164,
                             (jboolean)req.registered, (jint)req.expires_in_s,
                             (jint)req.resend_after_s);
}

static jstring pending_phone(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    char out[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_pending_phone(mcj_handle(h)->client, out, sizeof out, &err);
    if (st == MC_ERR_NOT_FOUND)
        return NULL;
    if (st != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    return mcj_str(env, out);
}

/* Return an account the core handed over (or throw err), freeing it either way. */
static jobject account_result(JNIEnv *env, mc_status st, mc_account *account, const mc_error *err)
{
    if (st != MC_OK) {
        mc_account_free(account);
        mcj_throw_error(env, err);
        return NULL;
    }
    jobject obj = new_account(env, account);
    mc_account_free(account);
    return obj;
}

static jobject verify_otp(JNIEnv *env, jclass cls, jlong h, jstring code)
{
    (void)cls;
    char *c = NULL;
    if (!mcj_arg(env, code, "code", &c))
        return NULL;
    bool new_user = false;
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_verify_otp(mcj_handle(h)->client, c, &new_user, &account, &err);
    free(c);
    jobject obj = account_result(env, st, account, &err);
    if (obj == NULL)
        return NULL;
    jobject result =
        (*env)->NewObject(env, au.verify_result, au.verify_result_init, obj, (jboolean)new_user);
    (*env)->DeleteLocalRef(env, obj);
    return result;
}

static jobject complete_profile(JNIEnv *env, jclass cls, jlong h, jstring name, jstring email,
                                jstring company, jstring city)
{
    (void)cls;
    char *n = NULL, *e = NULL, *co = NULL, *ci = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, name, "name", &n) && mcj_arg(env, email, "email", &e) &&
        mcj_arg(env, company, "company", &co) && mcj_arg(env, city, "city", &ci)) {
        mc_profile profile = {n, e, co, ci};
        mc_account *account = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_auth_complete_profile(mcj_handle(h)->client, &profile, &account, &err);
        obj = account_result(env, st, account, &err);
    }
    free(n);
    free(e);
    free(co);
    free(ci);
    return obj;
}

static jobject set_intent(JNIEnv *env, jclass cls, jlong h, jint intent, jstring industry,
                          jint employees, jstring timeline, jlong budget_minor,
                          jstring budget_currency)
{
    (void)cls;
    char *ind = NULL, *tl = NULL, *cur = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, industry, "industry", &ind) && mcj_arg(env, timeline, "timeline", &tl) &&
        mcj_arg(env, budget_currency, "budget.currency", &cur)) {
        mc_intent_details details = {
            (mc_intent)intent, ind, (int32_t)employees, tl, {.minor = (int64_t)budget_minor}};
        if (cur != NULL)
            snprintf(details.budget.currency, sizeof details.budget.currency, "%s", cur);
        mc_account *account = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_auth_set_intent(mcj_handle(h)->client, &details, &account, &err);
        obj = account_result(env, st, account, &err);
    }
    free(ind);
    free(tl);
    free(cur);
    return obj;
}

static jboolean is_signed_in(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jboolean)mc_auth_is_signed_in(mcj_handle(h)->client);
}

static jobject account(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_account_get(mcj_handle(h)->client, &account, &err);
    return account_result(env, st, account, &err);
}

static jobject refresh_account(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_account_refresh(mcj_handle(h)->client, &account, &err);
    return account_result(env, st, account, &err);
}

static void logout(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_auth_logout(mcj_handle(h)->client, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

static void register_push_token(JNIEnv *env, jclass cls, jlong h, jint provider, jstring token)
{
    (void)cls;
    char *t = NULL;
    if (!mcj_arg(env, token, "token", &t))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st =
        mc_push_token_register(mcj_handle(h)->client, (mc_push_provider)provider, t, &err);
    free(t);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static void unregister_push_token(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_push_token_unregister(mcj_handle(h)->client, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

static const JNINativeMethod natives[] = {
    {"requestOtp", "(J" S ")" PKG "OtpRequest;", (void *)request_otp},
    {"pendingPhone", "(J)" S, (void *)pending_phone},
    {"verifyOtp", "(J" S ")" PKG "VerifyResult;", (void *)verify_otp},
    {"completeProfile", "(J" S S S S ")" PKG "Account;", (void *)complete_profile},
    {"setIntent", "(JI" S "I" S "J" S ")" PKG "Account;", (void *)set_intent},
    {"isSignedIn", "(J)Z", (void *)is_signed_in},
    {"account", "(J)" PKG "Account;", (void *)account},
    {"refreshAccount", "(J)" PKG "Account;", (void *)refresh_account},
    {"logout", "(J)V", (void *)logout},
    {"registerPushToken", "(JI" S ")V", (void *)register_push_token},
    {"unregisterPushToken", "(J)V", (void *)unregister_push_token},
};

const mcj_area mcj_auth_area = MCJ_AREA("auth", classes, natives);
