/* bindings/jni/src/natives_sync.c - sync control, status, listeners and the wake-up. */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

jobject mcj_sync_status(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_sync_status s;
    memset(&s, 0, sizeof s);
    mc_error err = MC_ERROR_INIT;
    if (mc_sync_status_get(mcj_handle(h)->client, &s, &err) != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    jstring message = mcj_str(env, s.last_error_message);
    if (message == NULL)
        return NULL;
    return (*env)->NewObject(env, mcj.sync_status, mcj.sync_status_init, (jint)s.state,
                             (jboolean)s.running, (jint)s.queue_depth, (jint)s.rejected_count,
                             (jlong)s.last_sync_ms, (jlong)s.next_attempt_ms, (jint)s.last_error,
                             message);
}

jobject mcj_sync_once(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_sync_report report;
    memset(&report, 0, sizeof report);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_once(mcj_handle(h)->client, &report, &err);
    jobject r = mcj_new_sync_report(env, &report);
    if (st == MC_OK || r == NULL)
        return r;
    /* A SyncFailedException carrying what was done before the error. */
    jstring message = mcj_str(env, err.message[0] ? err.message : mc_status_name(err.code));
    jstring server_code = message ? mcj_str(env, err.server_code) : NULL;
    if (server_code != NULL) {
        jobject ex = (*env)->NewObject(env, mcj.sync_failed, mcj.sync_failed_init, (jint)err.code,
                                       message, (jint)err.http_status, (jint)err.retry_after_s,
                                       (jint)err.attempts_left, server_code, r);
        if (ex != NULL)
            (*env)->Throw(env, (jthrowable)ex);
    }
    return NULL;
}

void mcj_sync_start(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_sync_start(mcj_handle(h)->client, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

void mcj_sync_stop(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_stop(mcj_handle(h)->client);
}

void mcj_sync_trigger(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_trigger(mcj_handle(h)->client);
}

void mcj_sync_pause(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_pause(mcj_handle(h)->client);
}

void mcj_sync_resume(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_resume(mcj_handle(h)->client);
}

void mcj_sync_set_reachable(JNIEnv *env, jclass cls, jlong h, jboolean reachable)
{
    (void)env;
    (void)cls;
    mc_sync_set_reachable(mcj_handle(h)->client, reachable == JNI_TRUE);
}

/* ---- listeners ------------------------------------------------------------------------ */

/* The listener whose callback this thread is running (mirrors the core's own bookkeeping:
 * removing a listener from inside its own callback does not wait for it). */
static _Thread_local const mcj_listener *tl_running;

/* The core's callback: on the sync thread, a caller of mc_sync_once, a local write, or
 * mc_sync_deliver_queued. Attaches the thread if needed; never leaves an exception. */
static void on_sync_event(void *context, const mc_sync_event *ev)
{
    const mcj_listener *l = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return;
    /* A native thread never returns to Java: its local references must be freed here. */
    if ((*env)->PushLocalFrame(env, 8) != 0) {
        (*env)->ExceptionClear(env);
        return;
    }
    jstring mutation_kind = mcj_str(env, ev->mutation_kind);
    jstring entity_id = mcj_str(env, ev->entity_id);
    jstring server_code = mcj_str(env, ev->server_code);
    jstring message = mcj_str(env, ev->message);
    if (!(*env)->ExceptionCheck(env)) {
        const mcj_listener *outer = tl_running;
        tl_running = l;
        (*env)->CallVoidMethod(env, l->registration, mcj.registration_dispatch, (jint)ev->type,
                               (jint)ev->kinds, (jlong)ev->mutation_id, mutation_kind, entity_id,
                               (jint)ev->code, server_code, message, (jlong)ev->done,
                               (jlong)ev->total);
        tl_running = outer;
    }
    /* dispatch() catches what the listener throws; this only clears what is left (an
     * OutOfMemoryError building the event). */
    if ((*env)->ExceptionCheck(env))
        (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

jlong mcj_add_listener(JNIEnv *env, jclass cls, jlong h, jint types, jint delivery,
                       jobject registration)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    mcj_listener *l = calloc(1, sizeof *l);
    if (l == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory adding a listener");
        return 0;
    }
    l->registration = mcj_ref_new(env, registration);
    if (l->registration == NULL) {
        free(l);
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory adding a listener");
        return 0;
    }
    /* In the list before the core can call it, so that close always finds it. */
    pthread_mutex_lock(&jc->lock);
    l->next = jc->listeners;
    jc->listeners = l;
    pthread_mutex_unlock(&jc->lock);

    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(jc->client, (uint32_t)types, (mc_delivery)delivery,
                                        on_sync_event, l, &token, &err);
    pthread_mutex_lock(&jc->lock);
    if (st == MC_OK) {
        l->token = token;
    } else {
        for (mcj_listener **link = &jc->listeners; *link != NULL; link = &(*link)->next) {
            if (*link == l) {
                *link = l->next;
                break;
            }
        }
    }
    pthread_mutex_unlock(&jc->lock);
    if (st != MC_OK) {
        mcj_ref_delete(env, l->registration);
        free(l);
        mcj_throw_error(env, &err);
        return 0;
    }
    return (jlong)token;
}

void mcj_remove_listener(JNIEnv *env, jclass cls, jlong h, jlong token)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    mc_error err = MC_ERROR_INIT;
    /* Waits for its callbacks running on other threads (not for one on this thread). */
    mc_status st = mc_sync_listener_remove(jc->client, (uint64_t)token, &err);
    mcj_listener *l = NULL;
    pthread_mutex_lock(&jc->lock);
    for (mcj_listener **link = &jc->listeners; *link != NULL; link = &(*link)->next) {
        if ((*link)->token == (uint64_t)token) {
            l = *link;
            *link = l->next;
            break;
        }
    }
    if (l != NULL && l == tl_running) {
        /* Removed from its own callback: another thread may be running it too, and the
         * core did not wait for that one. Keep the reference until close. */
        l->next = jc->graveyard;
        jc->graveyard = l;
        l = NULL;
    }
    pthread_mutex_unlock(&jc->lock);
    if (l != NULL) {
        mcj_ref_delete(env, l->registration);
        free(l);
    }
    if (st != MC_OK && st != MC_ERR_NOT_FOUND)
        mcj_throw_error(env, &err);
}

jint mcj_deliver_queued(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jint)mc_sync_deliver_queued(mcj_handle(h)->client);
}

void mcj_on_wakeup(void *context)
{
    mcj_client *jc = context;
    JNIEnv *env = mcj_env();
    if (env == NULL)
        return;
    if ((*env)->PushLocalFrame(env, 2) != 0) {
        (*env)->ExceptionClear(env);
        return;
    }
    /* A local reference taken under the lock: setWakeup may replace the Runnable meanwhile. */
    pthread_mutex_lock(&jc->lock);
    jobject runnable = jc->wakeup ? (*env)->NewLocalRef(env, jc->wakeup) : NULL;
    pthread_mutex_unlock(&jc->lock);
    if (runnable != NULL)
        (*env)->CallVoidMethod(env, runnable, mcj.runnable_run);
    if ((*env)->ExceptionCheck(env))
        (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

void mcj_set_wakeup(JNIEnv *env, jclass cls, jlong h, jobject runnable)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    jobject ref = mcj_ref_new(env, runnable);
    if (runnable != NULL && ref == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory setting the wake-up");
        return;
    }
    pthread_mutex_lock(&jc->lock);
    jobject old = jc->wakeup;
    jc->wakeup = ref;
    pthread_mutex_unlock(&jc->lock);
    mcj_ref_delete(env, old);
}

static void free_chain(JNIEnv *env, mcj_listener *l)
{
    while (l != NULL) {
        mcj_listener *next = l->next;
        mcj_ref_delete(env, l->registration);
        free(l);
        l = next;
    }
}

void mcj_release_listeners(JNIEnv *env, mcj_client *jc)
{
    pthread_mutex_lock(&jc->lock);
    mcj_listener *listeners = jc->listeners, *graveyard = jc->graveyard;
    jobject wakeup = jc->wakeup;
    jc->listeners = jc->graveyard = NULL;
    jc->wakeup = NULL;
    pthread_mutex_unlock(&jc->lock);
    free_chain(env, listeners);
    free_chain(env, graveyard);
    mcj_ref_delete(env, wakeup);
}
