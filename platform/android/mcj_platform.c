/* platform/android/mcj_platform.c - secure storage and logging hooks calling Java objects. */
#include "mcj_platform.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcj_jni.h"

struct mcj_platform {
    jobject storage; /* global ref, or NULL */
    jobject logger;  /* global ref, or NULL */
    struct mcj_platform *next;
};

/*
 * Every live bridge. When the secure-storage hooks are left to the core's defaults, the
 * core (client.c, setup_platform) replaces mc_platform.context with its file store, so the
 * log hook is then called with a context that is not ours. The log hook therefore only
 * trusts a context found in this list, and otherwise uses the newest log-only bridge.
 */
static pthread_mutex_t g_live_lock = PTHREAD_MUTEX_INITIALIZER;
static mcj_platform *g_live;

static jmethodID g_storage_get, g_storage_set, g_storage_delete, g_logger_log;
static jobject g_levels[4]; /* org.membercore.LogLevel constants, by mc_log_level */

int mcj_platform_init(JNIEnv *env)
{
    jclass storage = (*env)->FindClass(env, "org/membercore/SecureStorage");
    if (storage == NULL)
        return -1;
    g_storage_get =
        (*env)->GetMethodID(env, storage, "get", "(Ljava/lang/String;)Ljava/lang/String;");
    g_storage_set =
        (*env)->GetMethodID(env, storage, "set", "(Ljava/lang/String;Ljava/lang/String;)V");
    g_storage_delete = (*env)->GetMethodID(env, storage, "delete", "(Ljava/lang/String;)V");
    (*env)->DeleteLocalRef(env, storage);
    if (!g_storage_get || !g_storage_set || !g_storage_delete)
        return -1;

    jclass logger = (*env)->FindClass(env, "org/membercore/Logger");
    if (logger == NULL)
        return -1;
    g_logger_log =
        (*env)->GetMethodID(env, logger, "log", "(Lorg/membercore/LogLevel;Ljava/lang/String;)V");
    (*env)->DeleteLocalRef(env, logger);
    if (!g_logger_log)
        return -1;

    jclass level = (*env)->FindClass(env, "org/membercore/LogLevel");
    if (level == NULL)
        return -1;
    static const char *const names[4] = {"DEBUG", "INFO", "WARN", "ERROR"};
    for (int i = 0; i < 4; i++) {
        jfieldID f = (*env)->GetStaticFieldID(env, level, names[i], "Lorg/membercore/LogLevel;");
        jobject v = f ? (*env)->GetStaticObjectField(env, level, f) : NULL;
        if (v == NULL) {
            (*env)->DeleteLocalRef(env, level);
            return -1;
        }
        g_levels[i] = mcj_ref_new(env, v);
        (*env)->DeleteLocalRef(env, v);
    }
    (*env)->DeleteLocalRef(env, level);
    return 0;
}

void mcj_platform_shutdown(JNIEnv *env)
{
    for (int i = 0; i < 4; i++) {
        mcj_ref_delete(env, g_levels[i]);
        g_levels[i] = NULL;
    }
}

/* Log through the Java logger; nothing when there is none. Never leaves an exception. */
static void log_to_java(JNIEnv *env, const mcj_platform *p, mc_log_level level, const char *msg)
{
    if (p->logger == NULL || (*env)->PushLocalFrame(env, 4) != 0) {
        (*env)->ExceptionClear(env);
        return;
    }
    int i = level < MC_LOG_DEBUG || level > MC_LOG_ERROR ? MC_LOG_ERROR : (int)level;
    jstring text = mcj_string_new(env, msg);
    if (text != NULL)
        (*env)->CallVoidMethod(env, p->logger, g_logger_log, g_levels[i], text);
    (*env)->ExceptionClear(env); /* a throwing logger loses its line, nothing else */
    (*env)->PopLocalFrame(env, NULL);
}

/* A hook threw: clear the exception and report it (its toString()) to the logger. */
static mc_status storage_failed(JNIEnv *env, const mcj_platform *p, const char *op, const char *key)
{
    jthrowable ex = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    char line[512];
    snprintf(line, sizeof line, "SecureStorage.%s(%s) threw", op, key);
    if (ex != NULL && p->logger != NULL) {
        jclass obj = (*env)->FindClass(env, "java/lang/Object");
        jmethodID to_string =
            obj ? (*env)->GetMethodID(env, obj, "toString", "()Ljava/lang/String;") : NULL;
        jstring desc = to_string ? (*env)->CallObjectMethod(env, ex, to_string) : NULL;
        char *text = (*env)->ExceptionCheck(env) ? NULL : mcj_string_utf8(env, desc, NULL, NULL);
        (*env)->ExceptionClear(env);
        if (text != NULL)
            snprintf(line, sizeof line, "SecureStorage.%s(%s) threw %s", op, key, text);
        free(text);
    }
    log_to_java(env, p, MC_LOG_ERROR, line);
    return MC_ERR_STORAGE;
}

static mc_status secure_get(void *context, const char *key, char *value, size_t value_cap)
{
    const mcj_platform *p = context;
    JNIEnv *env = mcj_env();
    if (env == NULL || value == NULL || value_cap == 0)
        return env == NULL ? MC_ERR_STORAGE : MC_ERR_INVALID_ARG;
    if ((*env)->PushLocalFrame(env, 8) != 0) {
        (*env)->ExceptionClear(env);
        return MC_ERR_NO_MEMORY;
    }
    mc_status st;
    jstring jkey = mcj_string_new(env, key);
    jstring jval =
        jkey ? (jstring)(*env)->CallObjectMethod(env, p->storage, g_storage_get, jkey) : NULL;
    if ((*env)->ExceptionCheck(env)) {
        st = storage_failed(env, p, "get", key);
    } else if (jval == NULL) {
        st = MC_ERR_NOT_FOUND;
    } else {
        size_t len = 0;
        char *utf8 = mcj_string_utf8(env, jval, &len, NULL);
        if (utf8 == NULL) {
            (*env)->ExceptionClear(env);
            st = MC_ERR_NO_MEMORY;
        } else if (len + 1 > value_cap) {
            st = MC_ERR_INVALID_ARG;
        } else {
            memcpy(value, utf8, len + 1);
            st = MC_OK;
        }
        free(utf8);
    }
    (*env)->PopLocalFrame(env, NULL);
    return st;
}

static mc_status secure_set(void *context, const char *key, const char *value)
{
    const mcj_platform *p = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return MC_ERR_STORAGE;
    if ((*env)->PushLocalFrame(env, 8) != 0) {
        (*env)->ExceptionClear(env);
        return MC_ERR_NO_MEMORY;
    }
    mc_status st = MC_OK;
    jstring jkey = mcj_string_new(env, key);
    jstring jval = jkey ? mcj_string_new(env, value ? value : "") : NULL;
    if (jval != NULL)
        (*env)->CallVoidMethod(env, p->storage, g_storage_set, jkey, jval);
    if ((*env)->ExceptionCheck(env))
        st = storage_failed(env, p, "set", key);
    (*env)->PopLocalFrame(env, NULL);
    return st;
}

static mc_status secure_delete(void *context, const char *key)
{
    const mcj_platform *p = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return MC_ERR_STORAGE;
    if ((*env)->PushLocalFrame(env, 4) != 0) {
        (*env)->ExceptionClear(env);
        return MC_ERR_NO_MEMORY;
    }
    mc_status st = MC_OK;
    jstring jkey = mcj_string_new(env, key);
    if (jkey != NULL)
        (*env)->CallVoidMethod(env, p->storage, g_storage_delete, jkey);
    if ((*env)->ExceptionCheck(env))
        st = storage_failed(env, p, "delete", key);
    (*env)->PopLocalFrame(env, NULL);
    return st;
}

static void log_hook(void *context, mc_log_level level, const char *message)
{
    JNIEnv *env = mcj_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4) != 0)
        return;
    /* A local reference taken under the lock: the bridge may be freed meanwhile. */
    mcj_platform local = {NULL, NULL, NULL};
    pthread_mutex_lock(&g_live_lock);
    const mcj_platform *match = NULL, *log_only = NULL;
    for (const mcj_platform *p = g_live; p != NULL; p = p->next) {
        if (p == context)
            match = p;
        if (log_only == NULL && p->storage == NULL && p->logger != NULL)
            log_only = p;
    }
    if (match == NULL)
        match = log_only;
    if (match != NULL && match->logger != NULL)
        local.logger = (*env)->NewLocalRef(env, match->logger);
    pthread_mutex_unlock(&g_live_lock);
    if (local.logger != NULL)
        log_to_java(env, &local, level, message);
    (*env)->PopLocalFrame(env, NULL);
}

mcj_platform *mcj_platform_new(JNIEnv *env, jobject storage, jobject logger, mc_platform *out)
{
    memset(out, 0, sizeof *out);
    mcj_platform *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->storage = mcj_ref_new(env, storage);
    p->logger = mcj_ref_new(env, logger);
    if ((storage != NULL && p->storage == NULL) || (logger != NULL && p->logger == NULL)) {
        mcj_platform_free(env, p);
        return NULL;
    }
    out->context = p;
    if (p->storage != NULL) {
        out->secure_get = secure_get;
        out->secure_set = secure_set;
        out->secure_delete = secure_delete;
    }
    if (p->logger != NULL)
        out->log = log_hook;
    pthread_mutex_lock(&g_live_lock);
    p->next = g_live;
    g_live = p;
    pthread_mutex_unlock(&g_live_lock);
    return p;
}

void mcj_platform_free(JNIEnv *env, mcj_platform *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&g_live_lock);
    for (mcj_platform **link = &g_live; *link != NULL; link = &(*link)->next) {
        if (*link == p) {
            *link = p->next;
            break;
        }
    }
    pthread_mutex_unlock(&g_live_lock);
    mcj_ref_delete(env, p->storage);
    mcj_ref_delete(env, p->logger);
    free(p);
}
