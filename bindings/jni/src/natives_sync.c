/* bindings/jni/src/natives_sync.c - sync control, status, listeners and the wake-up. */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass sync_status, sync_report, sync_failed, registration, runnable;
    jmethodID sync_status_init, sync_report_init, sync_failed_init;
    jmethodID registration_dispatch; /* ListenerRegistration.dispatch(...) */
    jmethodID runnable_run;          /* java.lang.Runnable.run() */
} sy;

static const mcj_class_spec classes[] = {
    {"org/membercore/SyncStatus", "<init>", "(IZIIJJI" S ")V", &sy.sync_status,
     &sy.sync_status_init},
    {"org/membercore/SyncReport", "<init>", "(IIIIZ)V", &sy.sync_report, &sy.sync_report_init},
    {"org/membercore/SyncFailedException", "<init>", "(I" S "III" S PKG "SyncReport;)V",
     &sy.sync_failed, &sy.sync_failed_init},
    {"org/membercore/ListenerRegistration", "dispatch", "(IIJ" S S "I" S S "JJI" S S ")V",
     &sy.registration, &sy.registration_dispatch},
    {"java/lang/Runnable", "run", "()V", &sy.runnable, &sy.runnable_run},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

static jobject new_sync_report(JNIEnv *env, const mc_sync_report *r)
{
    return (*env)->NewObject(env, sy.sync_report, sy.sync_report_init, (jint)r->pushed,
                             (jint)r->rejected, (jint)r->pulled, (jint)r->changed_kinds,
                             (jboolean)r->reset);
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobject sync_status(JNIEnv *env, jclass cls, jlong h)
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
    return (*env)->NewObject(env, sy.sync_status, sy.sync_status_init, (jint)s.state,
                             (jboolean)s.running, (jint)s.queue_depth, (jint)s.rejected_count,
                             (jlong)s.last_sync_ms, (jlong)s.next_attempt_ms, (jint)s.last_error,
                             message);
}

static jobject sync_once(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_sync_report report;
    memset(&report, 0, sizeof report);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_once(mcj_handle(h)->client, &report, &err);
    jobject r = new_sync_report(env, &report);
    if (st == MC_OK || r == NULL)
        return r;
    /* A SyncFailedException carrying what was done before the error. */
    jstring message = mcj_str(env, err.message[0] ? err.message : mc_status_name(err.code));
    jstring server_code = message ? mcj_str(env, err.server_code) : NULL;
    if (server_code != NULL) {
        jobject ex = (*env)->NewObject(env, sy.sync_failed, sy.sync_failed_init, (jint)err.code,
                                       message, (jint)err.http_status, (jint)err.retry_after_s,
                                       (jint)err.attempts_left, server_code, r);
        if (ex != NULL)
            (*env)->Throw(env, (jthrowable)ex);
    }
    return NULL;
}

static void sync_start(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_sync_start(mcj_handle(h)->client, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

static void sync_stop(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_stop(mcj_handle(h)->client);
}

static void sync_trigger(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_trigger(mcj_handle(h)->client);
}

static void sync_pause(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_pause(mcj_handle(h)->client);
}

static void sync_resume(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    mc_sync_resume(mcj_handle(h)->client);
}

static void sync_set_reachable(JNIEnv *env, jclass cls, jlong h, jboolean reachable)
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
    jstring photo_id = mcj_str(env, ev->photo_id);
    jstring ticket_id = mcj_str(env, ev->ticket_id);
    if (!(*env)->ExceptionCheck(env)) {
        const mcj_listener *outer = tl_running;
        tl_running = l;
        (*env)->CallVoidMethod(env, l->registration, sy.registration_dispatch, (jint)ev->type,
                               (jint)ev->kinds, (jlong)ev->mutation_id, mutation_kind, entity_id,
                               (jint)ev->code, server_code, message, (jlong)ev->done,
                               (jlong)ev->total, (jint)ev->rule, photo_id, ticket_id);
        tl_running = outer;
    }
    /* dispatch() catches what the listener throws; this only clears what is left (an
     * OutOfMemoryError building the event). */
    if ((*env)->ExceptionCheck(env))
        (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

static jlong add_listener(JNIEnv *env, jclass cls, jlong h, jint types, jint delivery,
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
    bool open = !jc->released;
    if (open) {
        l->next = jc->listeners;
        jc->listeners = l;
    }
    pthread_mutex_unlock(&jc->lock);
    if (!open) {
        mcj_ref_delete(env, l->registration);
        free(l);
        mcj_throw_status(env, MC_ERR_STATE, "the client is closed");
        return 0;
    }

    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(jc->client, (uint32_t)types, (mc_delivery)delivery,
                                        on_sync_event, l, &token, &err);
    /* A close that began meanwhile has released (and freed) l: touch it only while open. */
    bool ours = false;
    pthread_mutex_lock(&jc->lock);
    if (!jc->released && st == MC_OK) {
        l->token = token;
    } else if (!jc->released) {
        for (mcj_listener **link = &jc->listeners; *link != NULL; link = &(*link)->next) {
            if (*link == l) {
                *link = l->next;
                ours = true;
                break;
            }
        }
    }
    pthread_mutex_unlock(&jc->lock);
    if (ours) {
        mcj_ref_delete(env, l->registration);
        free(l);
    }
    if (st != MC_OK) {
        mcj_throw_error(env, &err);
        return 0;
    }
    return (jlong)token;
}

static void remove_listener(JNIEnv *env, jclass cls, jlong h, jlong token)
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

static jint deliver_queued(JNIEnv *env, jclass cls, jlong h)
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
        (*env)->CallVoidMethod(env, runnable, sy.runnable_run);
    if ((*env)->ExceptionCheck(env))
        (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

static void set_wakeup(JNIEnv *env, jclass cls, jlong h, jobject runnable)
{
    (void)cls;
    mcj_client *jc = mcj_handle(h);
    jobject ref = mcj_ref_new(env, runnable);
    if (runnable != NULL && ref == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory setting the wake-up");
        return;
    }
    pthread_mutex_lock(&jc->lock);
    bool open = !jc->released;
    jobject old = ref;
    if (open) {
        old = jc->wakeup;
        jc->wakeup = ref;
    }
    pthread_mutex_unlock(&jc->lock);
    mcj_ref_delete(env, old);
    if (!open)
        mcj_throw_status(env, MC_ERR_STATE, "the client is closed");
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
    jc->released = true;
    pthread_mutex_unlock(&jc->lock);
    free_chain(env, listeners);
    free_chain(env, graveyard);
    mcj_ref_delete(env, wakeup);
}

static const JNINativeMethod natives[] = {
    {"syncStatus", "(J)" PKG "SyncStatus;", (void *)sync_status},
    {"syncOnce", "(J)" PKG "SyncReport;", (void *)sync_once},
    {"syncStart", "(J)V", (void *)sync_start},
    {"syncStop", "(J)V", (void *)sync_stop},
    {"syncTrigger", "(J)V", (void *)sync_trigger},
    {"syncPause", "(J)V", (void *)sync_pause},
    {"syncResume", "(J)V", (void *)sync_resume},
    {"syncSetReachable", "(JZ)V", (void *)sync_set_reachable},
    {"addListener", "(JII" PKG "ListenerRegistration;)J", (void *)add_listener},
    {"removeListener", "(JJ)V", (void *)remove_listener},
    {"deliverQueued", "(J)I", (void *)deliver_queued},
    {"setWakeup", "(JLjava/lang/Runnable;)V", (void *)set_wakeup},
};

const mcj_area mcj_sync_area = MCJ_AREA("sync", classes, natives);
