/*
 * bindings/jni/src/glue.h - internals of libmembercore_jni shared by its files.
 *
 * The Java side is org.membercore.Native (static natives, registered in JNI_OnLoad with
 * RegisterNatives); every class and method id the glue needs is cached there too, as
 * Android's JNI guidance asks (FindClass on a thread the core created would only see the
 * system class loader).
 */
#ifndef MCJ_GLUE_H
#define MCJ_GLUE_H

#include <jni.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <membercore/membercore.h>

#include "mcj_jni.h"
#include "mcj_platform.h"

/* Classes (global references) and ids cached by JNI_OnLoad. */
typedef struct mcj_cache {
    jclass string; /* java.lang.String, for String[] results */
    jclass exception, sync_failed, account, otp_request, verify_result, sync_status, sync_report,
        mutation, event, notification, inbox;
    jmethodID exception_init, sync_failed_init, account_init, otp_request_init, verify_result_init,
        sync_status_init, sync_report_init, mutation_init, event_init, notification_init,
        inbox_init;
    jmethodID registration_dispatch; /* ListenerRegistration.dispatch(...) */
    jmethodID runnable_run;          /* java.lang.Runnable.run() */
    jmethodID clock_now;             /* org.membercore.Clock.nowMs() */
} mcj_cache;

extern mcj_cache mcj;

/* onload.c: the class named (e.g. "org/membercore/Account") as a counted global reference in
 * *cls and its constructor of signature ctor_sig in *ctor. False with an exception pending. */
bool mcj_cache_class(JNIEnv *env, const char *name, const char *ctor_sig, jclass *cls,
                     jmethodID *ctor);

/* One registered listener: the core calls on_sync_event with it as context. */
typedef struct mcj_listener {
    uint64_t token;
    jobject registration; /* global ref to an org.membercore.ListenerRegistration */
    struct mcj_listener *next;
} mcj_listener;

/* What a Java MemberCore's handle points to. */
typedef struct mcj_client {
    mc_client *client;
    mcj_platform *platform;
    pthread_mutex_t lock; /* guards the three fields below */
    mcj_listener *listeners;
    /* Listeners removed from inside their own callback: the core may still be running
     * them on another thread, so their references are released at close. */
    mcj_listener *graveyard;
    jobject wakeup; /* global ref to a Runnable, or NULL */
    jobject clock;  /* global ref to an org.membercore.Clock, or NULL; fixed from open to close */
} mcj_client;

static inline mcj_client *mcj_handle(jlong h)
{
    return (mcj_client *)(intptr_t)h;
}

/* ---- convert.c ---------------------------------------------------------------------- */

/* Throw org.membercore.MemberCoreException for err. */
void mcj_throw_error(JNIEnv *env, const mc_error *err);
/* Throw MemberCoreException(code, message) for a failure the glue finds itself. */
void mcj_throw_status(JNIEnv *env, mc_status code, const char *message);
/*
 * A Java string argument -> malloc'd UTF-8 in *out (NULL for a null string). False with an
 * exception pending: out of memory, or INVALID_ARG naming field when it holds U+0000, which a
 * C string cannot carry.
 */
bool mcj_arg(JNIEnv *env, jstring s, const char *field, char **out);
/* A never-null Java string: NULL becomes "". */
jstring mcj_str(JNIEnv *env, const char *utf8);

/* A Java array of count elements of cls, element i made by make(env, items + i * size), each
 * dropped from the local references once stored; NULL with an exception pending when one could
 * not be made. */
jobjectArray mcj_build_array(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                             jobject (*make)(JNIEnv *, const void *));

/* Arrays (convert.c). Lists of small values cross as parallel arrays that the Java constructors
 * assemble, so a list makes one JNI object per element, not per field of a sub-list. */

/*
 * A Java String[] -> *out, *n malloc'd UTF-8 strings (NULL for a null element; *out NULL for a
 * null or empty array). Each element is checked like mcj_arg and named field[i]suffix
 * ("guests[2].email"). False with an exception pending. Free with mcj_free_strings.
 */
bool mcj_arg_strings(JNIEnv *env, jobjectArray array, const char *field, const char *suffix,
                     char ***out, size_t *n);
void mcj_free_strings(char **v, size_t n);
/* A String[] of the char * field at offset in each of n items of size bytes (NULL as ""). */
jobjectArray mcj_string_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                    size_t n);
/* An int[] / long[] of the int32_t / int64_t field at offset in each of n items. */
jintArray mcj_int_field_array(JNIEnv *env, const void *items, size_t size, size_t offset, size_t n);
jlongArray mcj_long_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                size_t n);
/* A byte[] copy of n bytes, in one JNI call. */
jbyteArray mcj_byte_array(JNIEnv *env, const uint8_t *bytes, size_t n);

jobject mcj_new_account(JNIEnv *env, const mc_account *a);
jobject mcj_new_sync_report(JNIEnv *env, const mc_sync_report *r);

/* ---- the natives (natives_*.c), registered by onload.c --------------------------------- */

jlong mcj_open(JNIEnv *env, jclass cls, jstring data_dir, jstring server_url, jint connect_ms,
               jint request_ms, jobject storage, jobject logger, jobject clock);
void mcj_close(JNIEnv *env, jclass cls, jlong h);
jstring mcj_version(JNIEnv *env, jclass cls);
jint mcj_store_schema_version(JNIEnv *env, jclass cls);
jstring mcj_status_name(JNIEnv *env, jclass cls, jint status);
jstring mcj_default_data_dir(JNIEnv *env, jclass cls);
jlong mcj_now(JNIEnv *env, jclass cls, jlong h);
jstring mcj_normalize_phone(JNIEnv *env, jclass cls, jstring input);
jobject mcj_request_otp(JNIEnv *env, jclass cls, jlong h, jstring phone);
jstring mcj_pending_phone(JNIEnv *env, jclass cls, jlong h);
jobject mcj_verify_otp(JNIEnv *env, jclass cls, jlong h, jstring code);
jobject mcj_complete_profile(JNIEnv *env, jclass cls, jlong h, jstring name, jstring email,
                             jstring company, jstring city);
jobject mcj_set_intent(JNIEnv *env, jclass cls, jlong h, jint intent, jstring industry,
                       jint employees, jstring timeline, jlong budget_paise);
jboolean mcj_is_signed_in(JNIEnv *env, jclass cls, jlong h);
jobject mcj_account(JNIEnv *env, jclass cls, jlong h);
jobject mcj_refresh_account(JNIEnv *env, jclass cls, jlong h);
void mcj_logout(JNIEnv *env, jclass cls, jlong h);
void mcj_register_push_token(JNIEnv *env, jclass cls, jlong h, jint provider, jstring token);
jlong mcj_global_ref_count(JNIEnv *env, jclass cls);
jbyteArray mcj_to_utf8(JNIEnv *env, jclass cls, jstring s);
jstring mcj_from_utf8(JNIEnv *env, jclass cls, jbyteArray bytes);

jobject mcj_sync_status(JNIEnv *env, jclass cls, jlong h);
jobject mcj_sync_once(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_start(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_stop(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_trigger(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_pause(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_resume(JNIEnv *env, jclass cls, jlong h);
void mcj_sync_set_reachable(JNIEnv *env, jclass cls, jlong h, jboolean reachable);
jlong mcj_add_listener(JNIEnv *env, jclass cls, jlong h, jint types, jint delivery,
                       jobject registration);
void mcj_remove_listener(JNIEnv *env, jclass cls, jlong h, jlong token);
jint mcj_deliver_queued(JNIEnv *env, jclass cls, jlong h);
void mcj_set_wakeup(JNIEnv *env, jclass cls, jlong h, jobject runnable);
/* The core's wake-up hook, set once per client at open; calls the current Runnable. */
void mcj_on_wakeup(void *context);
/* Release every listener and the wake-up of a client whose mc_client is closed. */
void mcj_release_listeners(JNIEnv *env, mcj_client *jc);

jobjectArray mcj_outbox(JNIEnv *env, jclass cls, jlong h);
void mcj_dismiss_mutation(JNIEnv *env, jclass cls, jlong h, jlong mutation_id);
jobjectArray mcj_events(JNIEnv *env, jclass cls, jlong h, jlong from_ms);
void mcj_rsvp(JNIEnv *env, jclass cls, jlong h, jstring event_id, jint rsvp);
jobject mcj_notifications(JNIEnv *env, jclass cls, jlong h, jboolean unread_only);
void mcj_mark_notification_read(JNIEnv *env, jclass cls, jlong h, jstring notification_id);

/* ---- natives_booking.c: meeting rooms, with their own cache and natives table ---------- */

/* Cache the booking classes and ids (JNI_OnLoad). False with an exception pending. */
bool mcj_booking_init(JNIEnv *env);
/* Register the booking natives on org.membercore.Native. False with an exception pending. */
bool mcj_booking_register(JNIEnv *env, jclass native);
/* Release what mcj_booking_init cached (JNI_OnUnload, or a failed load). */
void mcj_booking_shutdown(JNIEnv *env);

/* ---- natives_billing.c: passes, invoices, membership (membercore/billing.h) ------------ */

bool mcj_billing_init(JNIEnv *env);
bool mcj_billing_register(JNIEnv *env, jclass native);
void mcj_billing_shutdown(JNIEnv *env);

/* ---- natives_access.c: credentials, door payloads, QR codes (membercore/access.h) ------ */

bool mcj_access_init(JNIEnv *env);
bool mcj_access_register(JNIEnv *env, jclass native);
void mcj_access_shutdown(JNIEnv *env);

/* ---- natives_catalog.c: the synced buildings (membercore/catalog.h) -------------------- */

bool mcj_catalog_init(JNIEnv *env);
bool mcj_catalog_register(JNIEnv *env, jclass native);
void mcj_catalog_shutdown(JNIEnv *env);

#endif
