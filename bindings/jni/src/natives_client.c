/* bindings/jni/src/natives_client.c - open/close, versions, sign-in and the account. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glue.h"

static int64_t system_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * mc_config.clock over a Java org.membercore.Clock, on whichever thread the core reads the time
 * (attached as needed). MemberCore.open wraps the host's clock so that it never throws; an Error
 * escaping anyway is cleared here and the system clock answers, as it does when an exception is
 * already pending on this thread (it stays the caller's).
 */
static int64_t java_clock(void *context)
{
    const mcj_client *jc = context;
    JNIEnv *env = mcj_env();
    if (env == NULL || (*env)->ExceptionCheck(env))
        return system_ms();
    jlong now = (*env)->CallLongMethod(env, jc->clock, mcj.clock_now);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        return system_ms();
    }
    return (int64_t)now;
}

jlong mcj_open(JNIEnv *env, jclass cls, jstring data_dir, jstring server_url, jint connect_ms,
               jint request_ms, jobject storage, jobject logger, jobject clock)
{
    (void)cls;
    char *dir = NULL, *url = NULL;
    if (!mcj_arg(env, data_dir, "config.dataDir", &dir) ||
        !mcj_arg(env, server_url, "config.serverUrl", &url)) {
        free(dir);
        return 0;
    }
    mcj_client *jc = calloc(1, sizeof *jc);
    if (jc == NULL) {
        free(dir);
        free(url);
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory opening the client");
        return 0;
    }
    pthread_mutex_init(&jc->lock, NULL);

    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = url;
    cfg.connect_timeout_ms = connect_ms;
    cfg.request_timeout_ms = request_ms;
    mc_error err = MC_ERROR_INIT;
    mc_status st = MC_OK;
    if (clock != NULL) {
        jc->clock = mcj_ref_new(env, clock);
        if (jc->clock == NULL) {
            mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
            st = MC_ERR_NO_MEMORY;
        }
        cfg.clock = java_clock;
        cfg.clock_context = jc;
    }
    if (st == MC_OK && (storage != NULL || logger != NULL)) {
        jc->platform = mcj_platform_new(env, storage, logger, &cfg.platform);
        if (jc->platform == NULL) {
            mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
            st = MC_ERR_NO_MEMORY;
        }
    }
    if (st == MC_OK)
        st = mc_client_open(&cfg, &jc->client, &err);
    free(dir);
    free(url);
    if (st != MC_OK) {
        mcj_throw_error(env, &err); /* no-op when an exception is already pending */
        mcj_platform_free(env, jc->platform);
        mcj_ref_delete(env, jc->clock);
        pthread_mutex_destroy(&jc->lock);
        free(jc);
        return 0;
    }
    /* The wake-up hook stays set for the client's life; it calls the current Runnable. */
    mc_sync_set_wakeup(jc->client, mcj_on_wakeup, jc);
    return (jlong)(intptr_t)jc;
}

void mcj_close(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    if (jc == NULL)
        return;
    /* Closes (stops and joins the sync thread: no callback or hook runs after this returns)
     * and frees the handle. The Java side calls this once, when no call can start any more. */
    mc_client_free(jc->client);
    mcj_release_listeners(env, jc);
    mcj_platform_free(env, jc->platform);
    mcj_ref_delete(env, jc->clock);
    pthread_mutex_destroy(&jc->lock);
    free(jc);
}

jstring mcj_version(JNIEnv *env, jclass cls)
{
    (void)cls;
    return mcj_str(env, mc_version());
}

jint mcj_store_schema_version(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jint)mc_store_schema_version();
}

jstring mcj_status_name(JNIEnv *env, jclass cls, jint status)
{
    (void)cls;
    return mcj_str(env, mc_status_name((mc_status)status));
}

jstring mcj_default_data_dir(JNIEnv *env, jclass cls)
{
    (void)cls;
    char dir[4096];
    mc_error err = MC_ERROR_INIT;
    if (mc_platform_default_data_dir(dir, sizeof dir, &err) != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    return mcj_str(env, dir);
}

jlong mcj_now(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jlong)mc_client_now(mcj_handle(h)->client);
}

jstring mcj_normalize_phone(JNIEnv *env, jclass cls, jstring input)
{
    (void)cls;
    char *in = NULL;
    if (!mcj_arg(env, input, "phone", &in))
        return NULL;
    char out[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_phone_normalize(in, out, sizeof out, &err);
    free(in);
    if (st != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    return mcj_str(env, out);
}

jobject mcj_request_otp(JNIEnv *env, jclass cls, jlong h, jstring phone)
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
    return (*env)->NewObject(env, mcj.otp_request, mcj.otp_request_init, e164,
                             (jboolean)req.registered, (jint)req.expires_in_s,
                             (jint)req.resend_after_s);
}

jstring mcj_pending_phone(JNIEnv *env, jclass cls, jlong h)
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
    jobject obj = mcj_new_account(env, account);
    mc_account_free(account);
    return obj;
}

jobject mcj_verify_otp(JNIEnv *env, jclass cls, jlong h, jstring code)
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
        (*env)->NewObject(env, mcj.verify_result, mcj.verify_result_init, obj, (jboolean)new_user);
    (*env)->DeleteLocalRef(env, obj);
    return result;
}

jobject mcj_complete_profile(JNIEnv *env, jclass cls, jlong h, jstring name, jstring email,
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

jobject mcj_set_intent(JNIEnv *env, jclass cls, jlong h, jint intent, jstring industry,
                       jint employees, jstring timeline, jlong budget_paise)
{
    (void)cls;
    char *ind = NULL, *tl = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, industry, "industry", &ind) && mcj_arg(env, timeline, "timeline", &tl)) {
        mc_intent_details details = {(mc_intent)intent, ind, (int32_t)employees, tl,
                                     (int64_t)budget_paise};
        mc_account *account = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_auth_set_intent(mcj_handle(h)->client, &details, &account, &err);
        obj = account_result(env, st, account, &err);
    }
    free(ind);
    free(tl);
    return obj;
}

jboolean mcj_is_signed_in(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jboolean)mc_auth_is_signed_in(mcj_handle(h)->client);
}

jobject mcj_account(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_account_get(mcj_handle(h)->client, &account, &err);
    return account_result(env, st, account, &err);
}

jobject mcj_refresh_account(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_account_refresh(mcj_handle(h)->client, &account, &err);
    return account_result(env, st, account, &err);
}

void mcj_logout(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_auth_logout(mcj_handle(h)->client, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

void mcj_register_push_token(JNIEnv *env, jclass cls, jlong h, jint provider, jstring token)
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

jlong mcj_global_ref_count(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jlong)mcj_ref_count();
}

jbyteArray mcj_to_utf8(JNIEnv *env, jclass cls, jstring s)
{
    (void)cls;
    size_t len = 0;
    char *utf8 = mcj_string_utf8(env, s, &len, NULL);
    if (utf8 == NULL)
        return NULL;
    jbyteArray out = (*env)->NewByteArray(env, (jsize)len);
    if (out != NULL)
        (*env)->SetByteArrayRegion(env, out, 0, (jsize)len, (const jbyte *)utf8);
    free(utf8);
    return out;
}

jstring mcj_from_utf8(JNIEnv *env, jclass cls, jbyteArray bytes)
{
    (void)cls;
    if (bytes == NULL)
        return NULL;
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)buf);
    jstring s = mcj_string_new_n(env, buf, (size_t)n);
    free(buf);
    return s;
}
