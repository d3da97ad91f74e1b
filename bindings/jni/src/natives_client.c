/*
 * bindings/jni/src/natives_client.c - the client's life (open, close, its clock), the library's
 * versions and pure helpers, and the glue's test hooks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass clock;
    jmethodID clock_now;
} cl;

static const mcj_class_spec classes[] = {
    {"org/membercore/Clock", "nowMs", "()J", &cl.clock, &cl.clock_now},
};

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
    if (env == NULL || (*env)->ExceptionCheck(env) || jc->clock == NULL)
        return system_ms(); /* clock NULL: released by close, which the core never outlives */
    jlong now = (*env)->CallLongMethod(env, jc->clock, cl.clock_now);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        return system_ms();
    }
    return (int64_t)now;
}

static jlong client_open(JNIEnv *env, jclass cls, jstring data_dir, jstring server_url,
                         jint connect_ms, jint request_ms, jobject storage, jobject logger,
                         jobject clock, jobjectArray tls_pins, jstring tls_ca_file,
                         jobject transport)
{
    (void)cls;
    char *dir = NULL, *url = NULL, *ca_file = NULL, **pins = NULL;
    size_t pin_count = 0;
    if (!mcj_arg(env, data_dir, "config.dataDir", &dir) ||
        !mcj_arg(env, server_url, "config.serverUrl", &url) ||
        !mcj_arg(env, tls_ca_file, "config.tlsCaFile", &ca_file) ||
        !mcj_arg_strings(env, tls_pins, "config.tlsPins", "", &pins, &pin_count)) {
        free(dir);
        free(url);
        free(ca_file);
        return 0;
    }
    mcj_client *jc = calloc(1, sizeof *jc);
    if (jc == NULL) {
        free(dir);
        free(url);
        free(ca_file);
        mcj_free_strings(pins, pin_count);
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
    cfg.tls_pins = (const char *const *)pins;
    cfg.tls_pin_count = pin_count;
    cfg.tls_ca_file = ca_file;
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
    mc_transport hooks;
    if (st == MC_OK && transport != NULL) {
        jc->transport = mcj_transport_new(env, transport, &hooks);
        if (jc->transport == NULL) {
            mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
            st = MC_ERR_NO_MEMORY;
        }
        cfg.transport = &hooks; /* from mc_client_open on the core owns it, even on failure */
    }
    if (st == MC_OK)
        st = mc_client_open(&cfg, &jc->client, &err); /* copies the pins and the path */
    free(dir);
    free(url);
    free(ca_file);
    mcj_free_strings(pins, pin_count);
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

/* The Java references a closed client held: listeners, wake-up, storage, logger, clock. The core
 * calls none of them once mc_client_close has returned. Again: nothing to do. */
static void release_references(JNIEnv *env, mcj_client *jc)
{
    mcj_release_listeners(env, jc);
    pthread_mutex_lock(&jc->lock);
    mcj_platform *platform = jc->platform;
    jobject clock = jc->clock;
    jc->platform = NULL;
    jc->clock = NULL;
    pthread_mutex_unlock(&jc->lock);
    mcj_platform_free(env, platform);
    mcj_ref_delete(env, clock);
}

/* MemberCore.close: never from inside a call or callback of this client (Java refuses it), so
 * mc_client_close waits for the calls in flight, stops and joins the sync thread and returns
 * with no callback or hook running nor to come. The handle stays valid: later calls fail with
 * MC_ERR_STATE until client_free. */
static void client_close(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    mc_client_close(jc->client);
    mcj_transport_drop(env, jc->transport); /* freed by mc_client_free (its release hook) */
    release_references(env, jc);
}

/* HandleCleaner, once the MemberCore is unreachable: no call can be running nor start. */
static void client_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    jc->transport = NULL;       /* the core releases it */
    mc_client_free(jc->client); /* closes first when close() was never called */
    release_references(env, jc);
    pthread_mutex_destroy(&jc->lock);
    free(jc);
}

static jstring version(JNIEnv *env, jclass cls)
{
    (void)cls;
    return mcj_str(env, mc_version());
}

static jint store_schema_version(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jint)mc_store_schema_version();
}

static jstring status_name(JNIEnv *env, jclass cls, jint status)
{
    (void)cls;
    return mcj_str(env, mc_status_name((mc_status)status));
}

/* The core's name of a named state; kind is one of Native.java's *_STATE constants. */
static jstring state_name(JNIEnv *env, jclass cls, jint kind, jint value)
{
    (void)cls;
    const char *name = NULL;
    switch (kind) {
    case 0:
        name = mc_booking_status_name((mc_booking_status)value);
        break;
    case 1:
        name = mc_pass_status_name((mc_pass_status)value);
        break;
    case 2:
        name = mc_invoice_status_name((mc_invoice_status)value);
        break;
    case 3:
        name = mc_membership_status_name((mc_membership_status)value);
        break;
    case 4:
        name = mc_credential_kind_name((mc_credential_kind)value);
        break;
    case 5:
        name = mc_rule_name((mc_rule)value);
        break;
    default:
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "no such kind of named state");
        return NULL;
    }
    return mcj_str(env, name);
}

static jstring default_data_dir(JNIEnv *env, jclass cls)
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

static void store_remove(JNIEnv *env, jclass cls, jstring data_dir)
{
    (void)cls;
    char *dir = NULL;
    if (!mcj_arg(env, data_dir, "data directory", &dir))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_store_remove(dir, &err);
    free(dir);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static jlong client_now(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jlong)mc_client_now(mcj_handle(h)->client);
}

static jstring normalize_phone(JNIEnv *env, jclass cls, jstring input)
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

static jlong global_ref_count(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jlong)mcj_ref_count();
}

static jbyteArray to_utf8(JNIEnv *env, jclass cls, jstring s)
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

static jstring from_utf8(JNIEnv *env, jclass cls, jbyteArray bytes)
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

static const JNINativeMethod natives[] = {
    {"open",
     "(" S S "II" PKG "SecureStorage;" PKG "Logger;" PKG "Clock;[" S S PKG "TransportBridge;)J",
     (void *)client_open},
    {"close", "(J)V", (void *)client_close},
    {"free", "(J)V", (void *)client_free},
    {"version", "()" S, (void *)version},
    {"storeSchemaVersion", "()I", (void *)store_schema_version},
    {"statusName", "(I)" S, (void *)status_name},
    {"stateName", "(II)" S, (void *)state_name},
    {"defaultDataDir", "()" S, (void *)default_data_dir},
    {"now", "(J)J", (void *)client_now},
    {"normalizePhone", "(" S ")" S, (void *)normalize_phone},
    {"storeRemove", "(" S ")V", (void *)store_remove},
    {"globalRefCount", "()J", (void *)global_ref_count},
    {"toUtf8", "(" S ")[B", (void *)to_utf8},
    {"fromUtf8", "([B)" S, (void *)from_utf8},
};

const mcj_area mcj_client_area = MCJ_AREA("client", classes, natives);
