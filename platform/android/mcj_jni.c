/* platform/android/mcj_jni.c - a JNIEnv for any thread, UTF-8 <-> UTF-16, counted global refs. */
#include "mcj_jni.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static JavaVM *g_vm;
static pthread_key_t g_detach_key;
static atomic_llong g_refs;

/* Android's jni.h declares AttachCurrentThread* with JNIEnv **, OpenJDK's with void **. */
#ifdef __ANDROID__
#define MCJ_ENV_OUT(p) (p)
#else
#define MCJ_ENV_OUT(p) ((void **)(p))
#endif

/* The pthread key's destructor: a thread we attached is detached as it ends. */
static void detach_thread(void *value)
{
    JavaVM *vm = value;
    (*vm)->DetachCurrentThread(vm);
}

int mcj_jni_init(JavaVM *vm)
{
    g_vm = vm;
    return pthread_key_create(&g_detach_key, detach_thread) == 0 ? 0 : -1;
}

JNIEnv *mcj_env(void)
{
    JNIEnv *env = NULL;
    if (g_vm == NULL)
        return NULL;
    jint rc = (*g_vm)->GetEnv(g_vm, (void **)&env, JNI_VERSION_1_6);
    if (rc == JNI_OK)
        return env;
    if (rc != JNI_EDETACHED)
        return NULL;
    static char name[] = "membercore-native";
    JavaVMAttachArgs args = {JNI_VERSION_1_6, name, NULL};
    /* A daemon: a core thread still attached never keeps the JVM from exiting. */
    if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, MCJ_ENV_OUT(&env), &args) != JNI_OK)
        return NULL;
    if (pthread_setspecific(g_detach_key, g_vm) != 0) {
        (*g_vm)->DetachCurrentThread(g_vm);
        return NULL;
    }
    return env;
}

jobject mcj_ref_new(JNIEnv *env, jobject obj)
{
    if (obj == NULL)
        return NULL;
    jobject ref = (*env)->NewGlobalRef(env, obj);
    if (ref != NULL)
        atomic_fetch_add(&g_refs, 1);
    return ref;
}

void mcj_ref_delete(JNIEnv *env, jobject ref)
{
    if (ref == NULL)
        return;
    (*env)->DeleteGlobalRef(env, ref);
    atomic_fetch_sub(&g_refs, 1);
}

int64_t mcj_ref_count(void)
{
    return (int64_t)atomic_load(&g_refs);
}

/* ---- UTF-8 <-> UTF-16 ---------------------------------------------------------------- */

size_t mcj_utf8_to_utf16(const char *in, size_t n, jchar *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            out[o++] = (jchar)c;
            i++;
            continue;
        }
        /* Well-formed sequences (Unicode table 3-7): the second byte's range depends on
         * the first, which excludes overlong forms, surrogates and values > U+10FFFF. */
        unsigned need, lo = 0x80, hi = 0xBF;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            out[o++] = 0xFFFD;
            i++;
            continue;
        }
        i++;
        unsigned got = 0;
        while (got < need && i < n && s[i] >= lo && s[i] <= hi) {
            cp = (cp << 6) | (s[i] & 0x3Fu);
            i++;
            got++;
            lo = 0x80;
            hi = 0xBF;
        }
        if (got < need) {
            /* One U+FFFD for the maximal ill-formed subpart. */
            out[o++] = 0xFFFD;
            continue;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (jchar)(0xD800 + (cp >> 10));
            out[o++] = (jchar)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (jchar)cp;
        }
    }
    return o;
}

size_t mcj_utf16_to_utf8(const jchar *in, size_t n, char *out)
{
    unsigned char *d = (unsigned char *)out;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = in[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && in[i + 1] >= 0xDC00 &&
            in[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (in[i + 1] - 0xDC00u);
            i++;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD; /* an unpaired surrogate */
        }
        if (cp < 0x80) {
            d[o++] = (unsigned char)cp;
        } else if (cp < 0x800) {
            d[o++] = (unsigned char)(0xC0 | (cp >> 6));
            d[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            d[o++] = (unsigned char)(0xE0 | (cp >> 12));
            d[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            d[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            d[o++] = (unsigned char)(0xF0 | (cp >> 18));
            d[o++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            d[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            d[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        }
    }
    d[o] = '\0';
    return o;
}

static void throw_oom(JNIEnv *env)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jclass cls = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
    if (cls != NULL)
        (*env)->ThrowNew(env, cls, "membercore: out of native memory");
}

jstring mcj_string_new_n(JNIEnv *env, const char *utf8, size_t len)
{
    if (utf8 == NULL)
        return NULL;
    jchar small[256];
    jchar *units = len <= sizeof small / sizeof small[0] ? small : malloc(len * sizeof *units);
    if (units == NULL) {
        throw_oom(env);
        return NULL;
    }
    size_t n = mcj_utf8_to_utf16(utf8, len, units);
    jstring s = (*env)->NewString(env, units, (jsize)n);
    if (units != small)
        free(units);
    return s;
}

jstring mcj_string_new(JNIEnv *env, const char *utf8)
{
    return utf8 == NULL ? NULL : mcj_string_new_n(env, utf8, strlen(utf8));
}

char *mcj_string_utf8(JNIEnv *env, jstring str, size_t *len_out, bool *has_nul)
{
    if (has_nul)
        *has_nul = false;
    if (len_out)
        *len_out = 0;
    if (str == NULL)
        return NULL;
    jsize n = (*env)->GetStringLength(env, str);
    char *out = malloc((size_t)n * 3 + 1);
    if (out == NULL) {
        throw_oom(env);
        return NULL;
    }
    const jchar *units = (*env)->GetStringChars(env, str, NULL);
    if (units == NULL) { /* OutOfMemoryError pending */
        free(out);
        return NULL;
    }
    if (has_nul) {
        for (jsize i = 0; i < n; i++)
            if (units[i] == 0)
                *has_nul = true;
    }
    size_t len = mcj_utf16_to_utf8(units, (size_t)n, out);
    (*env)->ReleaseStringChars(env, str, units);
    if (len_out)
        *len_out = len;
    return out;
}

void mcj_throw(JNIEnv *env, const char *class_name, const char *utf8_message)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls == NULL)
        return; /* NoClassDefFoundError pending */
    jmethodID ctor = (*env)->GetMethodID(env, cls, "<init>", "(Ljava/lang/String;)V");
    jstring msg = mcj_string_new(env, utf8_message ? utf8_message : "");
    if (ctor != NULL && msg != NULL) {
        jobject ex = (*env)->NewObject(env, cls, ctor, msg);
        if (ex != NULL)
            (*env)->Throw(env, (jthrowable)ex);
        (*env)->DeleteLocalRef(env, ex);
    }
    (*env)->DeleteLocalRef(env, msg);
    (*env)->DeleteLocalRef(env, cls);
}
