/*
 * bindings/jni/src/natives_transport.c - an mc_transport (membercore/transport.h) over a Java
 * org.membercore.Transport: send, cancel and release call one client's TransportBridge, and the
 * two natives it calls back give the Java side the C request's body and the core's response.
 *
 * Threads: send runs on the thread of the call that needs the network (a Java thread, or the
 * core's sync thread, attached to the VM as a daemon by mcj_env and detached when it ends);
 * cancel on the thread closing the client. No Java exception stays pending on return (one the
 * calling thread already had is kept aside and put back). Nothing here logs a header value (the
 * Authorization header carries the session token).
 */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass string;
    jclass bridge, bridge_cancel_cls;
    jmethodID exchange, cancel;
    jclass failure, failure_message_cls;
    jmethodID failure_status, failure_message;
} tr;

static const mcj_class_spec classes[] = {
    {"java/lang/String", NULL, NULL, &tr.string, NULL},
    {"org/membercore/TransportBridge", "exchange",
     "(JJJ" S S "[" S "[" S "[BJIII)" PKG "TransportException;", &tr.bridge, &tr.exchange},
    {"org/membercore/TransportBridge", "cancel", "(J)V", &tr.bridge_cancel_cls, &tr.cancel},
    {"org/membercore/TransportException", "status", "()I", &tr.failure, &tr.failure_status},
    {"org/membercore/TransportException", "getMessage", "()" S, &tr.failure_message_cls,
     &tr.failure_message},
};

/* Chunks copied between Java arrays and the core (a photo's body, an answer's body). */
#define CHUNK_MAX ((size_t)256 * 1024)

struct mcj_transport {
    pthread_mutex_t lock;
    jobject bridge; /* global ref to the client's TransportBridge; NULL once dropped */
};

/* A status and message into err (cut on a character boundary). */
static mc_status fail(mc_error *err, mc_status code, const char *message)
{
    if (err != NULL) {
        err->code = code;
        size_t n = strlen(message);
        if (n >= sizeof err->message) {
            n = sizeof err->message - 1;
            while (n > 0 && ((unsigned char)message[n] & 0xC0) == 0x80)
                n--; /* not inside a UTF-8 sequence */
        }
        memcpy(err->message, message, n);
        err->message[n] = '\0';
    }
    return code;
}

/* The calling thread's pending exception, kept aside while the glue calls Java. */
static jthrowable set_aside(JNIEnv *env)
{
    if (!(*env)->ExceptionCheck(env))
        return NULL;
    jthrowable pending = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    return pending;
}

static void put_back(JNIEnv *env, jthrowable pending)
{
    if (pending != NULL) {
        (*env)->Throw(env, pending);
        (*env)->DeleteLocalRef(env, pending);
    }
}

/* The bridge as a local reference, or NULL once dropped (the client is closed). */
static jobject bridge_ref(JNIEnv *env, mcj_transport *t)
{
    pthread_mutex_lock(&t->lock);
    jobject b = t->bridge != NULL ? (*env)->NewLocalRef(env, t->bridge) : NULL;
    pthread_mutex_unlock(&t->lock);
    return b;
}

/* A String[] of the header names (values when value is true); NULL with an exception pending. */
static jobjectArray header_array(JNIEnv *env, const mc_http_request *req, bool value)
{
    jobjectArray a = (*env)->NewObjectArray(env, (jsize)req->header_count, tr.string, NULL);
    for (size_t i = 0; a != NULL && i < req->header_count; i++) {
        const mc_http_header *h = &req->headers[i];
        jstring s = mcj_str(env, value ? h->value : h->name);
        if (s == NULL)
            return NULL;
        (*env)->SetObjectArrayElement(env, a, (jsize)i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return a;
}

/* The failure the bridge returned, into err. */
static mc_status bridge_failure(JNIEnv *env, jobject failure, mc_error *err)
{
    jint code = (*env)->CallIntMethod(env, failure, tr.failure_status);
    bool called = !(*env)->ExceptionCheck(env);
    jstring message =
        called ? (jstring)(*env)->CallObjectMethod(env, failure, tr.failure_message) : NULL;
    char *text = (*env)->ExceptionCheck(env) ? NULL : mcj_string_utf8(env, message, NULL, NULL);
    (*env)->ExceptionClear(env);
    mc_status st = called && code > 0 ? (mc_status)code : MC_ERR_NETWORK;
    fail(err, st, text != NULL ? text : mc_status_name(st));
    free(text);
    return st;
}

static mc_status transport_send(void *context, const mc_http_request *req,
                                mc_http_response *response, mc_error *err)
{
    mcj_transport *t = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return fail(err, MC_ERR_NETWORK, "the thread could not be attached to the Java VM");
    jthrowable pending = set_aside(env);
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        put_back(env, pending);
        return fail(err, MC_ERR_NO_MEMORY, "out of memory calling the Java transport");
    }
    mc_status st;
    jobject bridge = bridge_ref(env, t);
    if (bridge == NULL) {
        st = fail(err, MC_ERR_CANCELLED, "the client is closed");
        goto out;
    }
    jstring method = mcj_str(env, req->method);
    jstring url = method != NULL ? mcj_str(env, req->url) : NULL;
    jobjectArray names = url != NULL ? header_array(env, req, false) : NULL;
    jobjectArray values = names != NULL ? header_array(env, req, true) : NULL;
    jbyteArray body = NULL;
    /* A body in memory crosses as one byte[]; a file's (or a huge one) is read as it is sent. */
    if (values != NULL && req->body != NULL && req->body_length >= 0 &&
        req->body_length <= INT32_MAX) {
        body = mcj_byte_array(env, req->body, (size_t)req->body_length);
        if (body == NULL)
            values = NULL;
    }
    if (values == NULL) {
        (*env)->ExceptionClear(env);
        st = fail(err, MC_ERR_NO_MEMORY, "out of memory calling the Java transport");
        goto out;
    }
    jobject failure = (*env)->CallObjectMethod(
        env, bridge, tr.exchange, (jlong)(intptr_t)req, (jlong)(intptr_t)response, (jlong)req->id,
        method, url, names, values, body, (jlong)req->body_length, (jint)req->connect_timeout_ms,
        (jint)req->request_timeout_ms, (jint)req->stall_timeout_ms);
    if ((*env)->ExceptionCheck(env)) { /* an Error the bridge could not catch (stack overflow) */
        (*env)->ExceptionClear(env);
        st = fail(err, MC_ERR_NETWORK, "the Java transport failed");
    } else if (failure == NULL) {
        st = MC_OK;
    } else {
        st = bridge_failure(env, failure, err);
    }
out:
    (*env)->PopLocalFrame(env, NULL);
    put_back(env, pending);
    return st;
}

static void transport_cancel(void *context, uint64_t request_id)
{
    mcj_transport *t = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return;
    jthrowable pending = set_aside(env);
    if ((*env)->PushLocalFrame(env, 4) == 0) {
        jobject bridge = bridge_ref(env, t);
        if (bridge != NULL)
            (*env)->CallVoidMethod(env, bridge, tr.cancel, (jlong)request_id);
        (*env)->ExceptionClear(env); /* the bridge catches; nothing may stay pending anyway */
        (*env)->PopLocalFrame(env, NULL);
    }
    (*env)->ExceptionClear(env);
    put_back(env, pending);
}

static void transport_release(void *context)
{
    mcj_transport *t = context;
    JNIEnv *env = mcj_env();
    if (env != NULL)
        mcj_transport_drop(env, t);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

mcj_transport *mcj_transport_new(JNIEnv *env, jobject bridge, mc_transport *out)
{
    memset(out, 0, sizeof *out);
    mcj_transport *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->bridge = mcj_ref_new(env, bridge);
    if (t->bridge == NULL) {
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->lock, NULL);
    out->context = t;
    out->send = transport_send;
    out->cancel = transport_cancel;
    out->release = transport_release;
    return t;
}

void mcj_transport_drop(JNIEnv *env, mcj_transport *t)
{
    if (t == NULL)
        return;
    pthread_mutex_lock(&t->lock);
    jobject bridge = t->bridge;
    t->bridge = NULL;
    pthread_mutex_unlock(&t->lock);
    mcj_ref_delete(env, bridge);
}

/* ---- the natives the bridge calls during send ------------------------------------------- */

/* Native.transportBodyRead: up to len bytes of the request's body from offset into
 * buf[off..]; -1 at the end. */
static jint body_read(JNIEnv *env, jclass cls, jlong request, jlong offset, jbyteArray buf,
                      jint off, jint len)
{
    (void)cls;
    const mc_http_request *req = (const mc_http_request *)(intptr_t)request;
    if (req == NULL || buf == NULL || off < 0 || len < 0 ||
        off > (*env)->GetArrayLength(env, buf) - len) {
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "no body to read, or a bad range");
        return -1;
    }
    if (len == 0)
        return 0;
    size_t cap = (size_t)len < CHUNK_MAX ? (size_t)len : CHUNK_MAX;
    uint8_t *tmp = malloc(cap);
    if (tmp == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory reading the request's body");
        return -1;
    }
    size_t got = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_http_body_read(req, (int64_t)offset, tmp, cap, &got, &err);
    jint n = -1;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else if (got > 0) {
        (*env)->SetByteArrayRegion(env, buf, off, (jsize)got, (const jbyte *)tmp);
        n = (jint)got;
    }
    free(tmp);
    return n;
}

/* One header of the answer (a U+0000 in it is refused: a C string cannot carry it). */
static bool add_header(JNIEnv *env, mc_http_response *response, jstring name, jstring value)
{
    bool nul_name = false, nul_value = false;
    char *n = mcj_string_utf8(env, name, NULL, &nul_name);
    char *v = n != NULL ? mcj_string_utf8(env, value, NULL, &nul_value) : NULL;
    bool ok = false;
    if (n == NULL || v == NULL) {
        if (!(*env)->ExceptionCheck(env))
            mcj_throw_status(env, MC_ERR_NETWORK, "the transport returned a null header");
    } else if (nul_name || nul_value) {
        mcj_throw_status(env, MC_ERR_NETWORK, "the server's answer has a header with U+0000");
    } else {
        mc_error err = MC_ERROR_INIT;
        if (mc_http_response_add_header(response, n, v, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else
            ok = true;
    }
    free(n);
    free(v);
    return ok;
}

/* Native.transportRespond: the whole answer into the core's response. */
static void respond(JNIEnv *env, jclass cls, jlong response_ptr, jint status, jobjectArray names,
                    jobjectArray values, jbyteArray body)
{
    (void)cls;
    mc_http_response *response = (mc_http_response *)(intptr_t)response_ptr;
    mc_error err = MC_ERROR_INIT;
    if (response == NULL || names == NULL || values == NULL || body == NULL ||
        (*env)->GetArrayLength(env, names) != (*env)->GetArrayLength(env, values)) {
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "no response to write");
        return;
    }
    if (mc_http_response_set_status(response, (int)status, &err) != MC_OK) {
        mcj_throw_error(env, &err);
        return;
    }
    jsize count = (*env)->GetArrayLength(env, names);
    for (jsize i = 0; i < count; i++) {
        jstring n = (jstring)(*env)->GetObjectArrayElement(env, names, i);
        jstring v = (jstring)(*env)->GetObjectArrayElement(env, values, i);
        bool ok = add_header(env, response, n, v);
        (*env)->DeleteLocalRef(env, n);
        (*env)->DeleteLocalRef(env, v);
        if (!ok)
            return;
    }
    jsize length = (*env)->GetArrayLength(env, body);
    if (length == 0)
        return;
    size_t cap = (size_t)length < CHUNK_MAX ? (size_t)length : CHUNK_MAX;
    jbyte *tmp = malloc(cap);
    if (tmp == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory reading the server's answer");
        return;
    }
    for (jsize at = 0; at < length;) {
        jsize n = (jsize)((size_t)(length - at) < cap ? (size_t)(length - at) : cap);
        (*env)->GetByteArrayRegion(env, body, at, n, tmp);
        if (mc_http_response_append_body(response, tmp, (size_t)n, &err) != MC_OK) {
            mcj_throw_error(env, &err);
            break;
        }
        at += n;
    }
    free(tmp);
}

static const JNINativeMethod natives[] = {
    {"transportBodyRead", "(JJ[BII)I", (void *)body_read},
    {"transportRespond", "(JI[" S "[" S "[B)V", (void *)respond},
};

const mcj_area mcj_transport_area = MCJ_AREA("transport", classes, natives);
