/* bindings/jni/src/convert.c - C values <-> Java objects, and errors -> exceptions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"

static struct {
    jclass string, exception, list_page, building_time, money, tax;
    jmethodID exception_init, list_page_init, building_time_init, money_init, tax_init;
} cv;

static const mcj_class_spec classes[] = {
    {"java/lang/String", NULL, NULL, &cv.string, NULL},
    {"org/membercore/MemberCoreException", "<init>", "(I" MCJ_S "III" MCJ_S "I)V", &cv.exception,
     &cv.exception_init},
    {"org/membercore/ListPage", "<init>", "([Ljava/lang/Object;" MCJ_S ")V", &cv.list_page,
     &cv.list_page_init},
    {"org/membercore/BuildingTime", "<init>", "(JIIIIIIII" MCJ_S MCJ_S ")V", &cv.building_time,
     &cv.building_time_init},
    {"org/membercore/Money", "<init>", "(J" MCJ_S MCJ_S ")V", &cv.money, &cv.money_init},
    {"org/membercore/Tax", "<init>", "(" MCJ_S "I" MCJ_S ")V", &cv.tax, &cv.tax_init},
};
/* The classes every area's conversions use; no natives of its own. */
const mcj_area mcj_convert_area = {"convert", classes, MCJ_COUNT(classes), NULL, 0};

jstring mcj_str(JNIEnv *env, const char *utf8)
{
    return mcj_string_new(env, utf8 != NULL ? utf8 : "");
}

jclass mcj_building_time_class(void)
{
    return cv.building_time;
}

bool mcj_building_time(JNIEnv *env, const mc_local_time *t, jobject *out)
{
    *out = NULL;
    if (!mc_local_time_is_set(t))
        return true;
    jstring iso = mcj_str(env, t->iso8601);
    jstring label = iso ? mcj_str(env, t->label) : NULL;
    if (label != NULL)
        *out = (*env)->NewObject(env, cv.building_time, cv.building_time_init, (jlong)t->utc_ms,
                                 (jint)t->offset_min, (jint)t->year, (jint)t->month, (jint)t->day,
                                 (jint)t->hour, (jint)t->minute, (jint)t->second, (jint)t->weekday,
                                 iso, label);
    (*env)->DeleteLocalRef(env, iso);
    (*env)->DeleteLocalRef(env, label);
    return *out != NULL;
}

void mcj_throw_error(JNIEnv *env, const mc_error *err)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jstring message = mcj_str(env, err->message[0] ? err->message : mc_status_name(err->code));
    jstring server_code = message ? mcj_str(env, err->server_code) : NULL;
    if (server_code == NULL)
        return; /* OutOfMemoryError pending */
    jobject ex = (*env)->NewObject(env, cv.exception, cv.exception_init, (jint)err->code, message,
                                   (jint)err->http_status, (jint)err->retry_after_s,
                                   (jint)err->attempts_left, server_code, (jint)err->rule);
    if (ex != NULL)
        (*env)->Throw(env, (jthrowable)ex);
    (*env)->DeleteLocalRef(env, ex);
    (*env)->DeleteLocalRef(env, message);
    (*env)->DeleteLocalRef(env, server_code);
}

void mcj_throw_status(JNIEnv *env, mc_status code, const char *message)
{
    mc_error err = MC_ERROR_INIT;
    err.code = code;
    snprintf(err.message, sizeof err.message, "%s", message);
    mcj_throw_error(env, &err);
}

bool mcj_arg(JNIEnv *env, jstring s, const char *field, char **out)
{
    *out = NULL;
    if (s == NULL)
        return true;
    bool has_nul = false;
    *out = mcj_string_utf8(env, s, NULL, &has_nul);
    if (*out == NULL)
        return false; /* OutOfMemoryError pending */
    if (has_nul) {
        free(*out);
        *out = NULL;
        char message[128];
        snprintf(message, sizeof message, "%s contains U+0000, which is not allowed", field);
        mcj_throw_status(env, MC_ERR_INVALID_ARG, message);
        return false;
    }
    return true;
}

jobjectArray mcj_build_array(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                             jobject (*make)(JNIEnv *, const void *))
{
    jobjectArray array = (*env)->NewObjectArray(env, (jsize)count, cls, NULL);
    for (size_t i = 0; array != NULL && i < count; i++) {
        jobject el = make(env, (const char *)items + i * size);
        if (el == NULL) {
            (*env)->DeleteLocalRef(env, array);
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, array, (jsize)i, el);
        (*env)->DeleteLocalRef(env, el);
    }
    return array;
}

/* ---- pages ----------------------------------------------------------------------------- */

bool mcj_page_arg(JNIEnv *env, jint limit, jstring cursor, mcj_page *out)
{
    out->cursor = NULL;
    out->page.limit = (int32_t)limit;
    out->page.cursor = NULL;
    if (!mcj_arg(env, cursor, "page.cursor", &out->cursor))
        return false;
    out->page.cursor = out->cursor;
    return true;
}

jobject mcj_list_page(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                      jobject (*make)(JNIEnv *, const void *), const char *next_cursor)
{
    if ((*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jobject page = NULL;
    jobjectArray array = mcj_build_array(env, cls, items, size, count, make);
    jstring next = array ? mcj_cursor(env, next_cursor) : NULL;
    if (array != NULL && (next_cursor == NULL || next != NULL))
        page = (*env)->NewObject(env, cv.list_page, cv.list_page_init, array, next);
    return (*env)->PopLocalFrame(env, page);
}

jstring mcj_cursor(JNIEnv *env, const char *next_cursor)
{
    return next_cursor != NULL ? mcj_str(env, next_cursor) : NULL;
}

bool mcj_razorpay_args(JNIEnv *env, jstring booking_id, jstring order_id, jstring payment_id,
                       jstring signature, mcj_razorpay *out)
{
    *out = (mcj_razorpay){NULL, NULL, NULL, NULL};
    return mcj_arg(env, booking_id, "booking_id", &out->booking_id) &&
           mcj_arg(env, order_id, "order_id", &out->order_id) &&
           mcj_arg(env, payment_id, "payment_id", &out->payment_id) &&
           mcj_arg(env, signature, "signature", &out->signature);
}

void mcj_razorpay_free(mcj_razorpay *r)
{
    free(r->booking_id);
    free(r->order_id);
    free(r->payment_id);
    free(r->signature);
}

/* ---- arrays ---------------------------------------------------------------------------- */

void mcj_free_strings(char **v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        free(v[i]);
    free(v);
}

bool mcj_arg_strings(JNIEnv *env, jobjectArray array, const char *field, const char *suffix,
                     char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    jsize len = array != NULL ? (*env)->GetArrayLength(env, array) : 0;
    if (len <= 0)
        return true;
    char **v = calloc((size_t)len, sizeof *v);
    if (v == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return false;
    }
    for (jsize i = 0; i < len; i++) {
        jstring s = (jstring)(*env)->GetObjectArrayElement(env, array, i);
        bool ok = !(*env)->ExceptionCheck(env);
        if (ok) {
            char name[96];
            snprintf(name, sizeof name, "%s[%d]%s", field, (int)i, suffix);
            ok = mcj_arg(env, s, name, &v[i]);
        }
        (*env)->DeleteLocalRef(env, s);
        if (!ok) {
            mcj_free_strings(v, (size_t)len);
            return false;
        }
    }
    *out = v;
    *n = (size_t)len;
    return true;
}

bool mcj_record_arrays(JNIEnv *env, const char *const *strings, jsize ns, const jint *ints,
                       jsize ni, const jlong *longs, jsize nl, const mc_local_time *const *times,
                       jsize nt, mcj_record *out)
{
    out->strings = mcj_string_field_array(env, strings, sizeof *strings, 0, (size_t)ns);
    out->ints = out->strings ? (*env)->NewIntArray(env, ni) : NULL;
    out->longs = out->ints ? (*env)->NewLongArray(env, nl) : NULL;
    out->times = out->longs ? (*env)->NewObjectArray(env, nt, cv.building_time, NULL) : NULL;
    if (out->times == NULL)
        return false;
    (*env)->SetIntArrayRegion(env, out->ints, 0, ni, ints);
    (*env)->SetLongArrayRegion(env, out->longs, 0, nl, longs);
    for (jsize k = 0; k < nt; k++) {
        jobject t = NULL;
        if (!mcj_building_time(env, times[k], &t))
            return false;
        (*env)->SetObjectArrayElement(env, out->times, k, t);
        (*env)->DeleteLocalRef(env, t);
    }
    return true;
}

jobjectArray mcj_string_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                    size_t n)
{
    jobjectArray array = (*env)->NewObjectArray(env, (jsize)n, cv.string, NULL);
    for (size_t i = 0; array != NULL && i < n; i++) {
        const char *value = *(char *const *)((const char *)items + i * size + offset);
        jstring s = mcj_str(env, value);
        if (s == NULL) {
            (*env)->DeleteLocalRef(env, array);
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, array, (jsize)i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return array;
}

/* The items' fields gathered into one C buffer, then copied into the Java array in one call. */

jintArray mcj_int_field_array(JNIEnv *env, const void *items, size_t size, size_t offset, size_t n)
{
    jintArray array = (*env)->NewIntArray(env, (jsize)n);
    if (array == NULL || n == 0)
        return array;
    jint *v = malloc(n * sizeof *v);
    if (v == NULL) {
        (*env)->DeleteLocalRef(env, array);
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (jint) * (const int32_t *)((const char *)items + i * size + offset);
    (*env)->SetIntArrayRegion(env, array, 0, (jsize)n, v);
    free(v);
    return array;
}

jlongArray mcj_long_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                size_t n)
{
    jlongArray array = (*env)->NewLongArray(env, (jsize)n);
    if (array == NULL || n == 0)
        return array;
    jlong *v = malloc(n * sizeof *v);
    if (v == NULL) {
        (*env)->DeleteLocalRef(env, array);
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (jlong) * (const int64_t *)((const char *)items + i * size + offset);
    (*env)->SetLongArrayRegion(env, array, 0, (jsize)n, v);
    free(v);
    return array;
}

jbyteArray mcj_byte_array(JNIEnv *env, const uint8_t *bytes, size_t n)
{
    if (n > (size_t)INT32_MAX) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "too many bytes for a Java array");
        return NULL;
    }
    jbyteArray array = (*env)->NewByteArray(env, (jsize)n);
    if (array != NULL && n > 0)
        (*env)->SetByteArrayRegion(env, array, 0, (jsize)n, (const jbyte *)bytes);
    return array;
}

jobject mcj_money(JNIEnv *env, mc_money money)
{
    char text[MC_MONEY_TEXT_MAX];
    mc_money_format(money, text, sizeof text);
    jstring currency = mcj_str(env, money.currency);
    jstring formatted = currency ? mcj_str(env, text) : NULL;
    jobject obj = formatted ? (*env)->NewObject(env, cv.money, cv.money_init, (jlong)money.minor,
                                                currency, formatted)
                            : NULL;
    (*env)->DeleteLocalRef(env, currency);
    (*env)->DeleteLocalRef(env, formatted);
    return obj;
}

jobject mcj_tax(JNIEnv *env, mc_tax tax)
{
    char text[MC_MONEY_TEXT_MAX];
    mc_tax_format(tax, text, sizeof text);
    jstring name = mcj_str(env, tax.name);
    jstring formatted = name ? mcj_str(env, text) : NULL;
    jobject obj =
        formatted ? (*env)->NewObject(env, cv.tax, cv.tax_init, name, (jint)tax.rate_bp, formatted)
                  : NULL;
    (*env)->DeleteLocalRef(env, name);
    (*env)->DeleteLocalRef(env, formatted);
    return obj;
}

jobjectArray mcj_money_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                   size_t n)
{
    jobjectArray array = (*env)->NewObjectArray(env, (jsize)n, cv.money, NULL);
    for (size_t i = 0; array != NULL && i < n; i++) {
        jobject m = mcj_money(env, *(const mc_money *)((const char *)items + i * size + offset));
        if (m == NULL) {
            (*env)->DeleteLocalRef(env, array);
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, array, (jsize)i, m);
        (*env)->DeleteLocalRef(env, m);
    }
    return array;
}
