/* bindings/jni/src/onload.c - JNI_OnLoad: cache classes and ids, register the natives. */
#include <string.h>

#include "glue.h"

mcj_cache mcj;

#define S    "Ljava/lang/String;"
#define PKG  "Lorg/membercore/"
#define NATV "org/membercore/Native"

/* The natives of org.membercore.Native; the signatures must match Native.java. */
static const JNINativeMethod natives[] = {
    {"open", "(" S S "II" PKG "SecureStorage;" PKG "Logger;" PKG "Clock;)J", (void *)mcj_open},
    {"close", "(J)V", (void *)mcj_close},
    {"version", "()" S, (void *)mcj_version},
    {"storeSchemaVersion", "()I", (void *)mcj_store_schema_version},
    {"statusName", "(I)" S, (void *)mcj_status_name},
    {"defaultDataDir", "()" S, (void *)mcj_default_data_dir},
    {"now", "(J)J", (void *)mcj_now},
    {"normalizePhone", "(" S ")" S, (void *)mcj_normalize_phone},
    {"requestOtp", "(J" S ")" PKG "OtpRequest;", (void *)mcj_request_otp},
    {"pendingPhone", "(J)" S, (void *)mcj_pending_phone},
    {"verifyOtp", "(J" S ")" PKG "VerifyResult;", (void *)mcj_verify_otp},
    {"completeProfile", "(J" S S S S ")" PKG "Account;", (void *)mcj_complete_profile},
    {"setIntent", "(JI" S "I" S "J)" PKG "Account;", (void *)mcj_set_intent},
    {"isSignedIn", "(J)Z", (void *)mcj_is_signed_in},
    {"account", "(J)" PKG "Account;", (void *)mcj_account},
    {"refreshAccount", "(J)" PKG "Account;", (void *)mcj_refresh_account},
    {"logout", "(J)V", (void *)mcj_logout},
    {"registerPushToken", "(JI" S ")V", (void *)mcj_register_push_token},
    {"syncStatus", "(J)" PKG "SyncStatus;", (void *)mcj_sync_status},
    {"syncOnce", "(J)" PKG "SyncReport;", (void *)mcj_sync_once},
    {"syncStart", "(J)V", (void *)mcj_sync_start},
    {"syncStop", "(J)V", (void *)mcj_sync_stop},
    {"syncTrigger", "(J)V", (void *)mcj_sync_trigger},
    {"syncPause", "(J)V", (void *)mcj_sync_pause},
    {"syncResume", "(J)V", (void *)mcj_sync_resume},
    {"syncSetReachable", "(JZ)V", (void *)mcj_sync_set_reachable},
    {"addListener", "(JII" PKG "ListenerRegistration;)J", (void *)mcj_add_listener},
    {"removeListener", "(JJ)V", (void *)mcj_remove_listener},
    {"deliverQueued", "(J)I", (void *)mcj_deliver_queued},
    {"setWakeup", "(JLjava/lang/Runnable;)V", (void *)mcj_set_wakeup},
    {"outbox", "(J)[" PKG "Mutation;", (void *)mcj_outbox},
    {"dismissMutation", "(JJ)V", (void *)mcj_dismiss_mutation},
    {"events", "(JJ)[" PKG "Event;", (void *)mcj_events},
    {"rsvp", "(J" S "I)V", (void *)mcj_rsvp},
    {"notifications", "(JZ)" PKG "NotificationInbox;", (void *)mcj_notifications},
    {"markNotificationRead", "(J" S ")V", (void *)mcj_mark_notification_read},
    {"globalRefCount", "()J", (void *)mcj_global_ref_count},
    {"toUtf8", "(" S ")[B", (void *)mcj_to_utf8},
    {"fromUtf8", "([B)" S, (void *)mcj_from_utf8},
};

/* A class as a counted global reference and one of its constructors (glue.h). */
bool mcj_cache_class(JNIEnv *env, const char *name, const char *ctor_sig, jclass *cls,
                     jmethodID *ctor)
{
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL)
        return false;
    *cls = (jclass)mcj_ref_new(env, local);
    (*env)->DeleteLocalRef(env, local);
    if (*cls == NULL)
        return false;
    *ctor = (*env)->GetMethodID(env, *cls, "<init>", ctor_sig);
    return *ctor != NULL;
}

static bool cache_all(JNIEnv *env)
{
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if (string == NULL)
        return false;
    mcj.string = (jclass)mcj_ref_new(env, string);
    (*env)->DeleteLocalRef(env, string);
    bool ok = mcj.string != NULL &&
              mcj_cache_class(env, "org/membercore/MemberCoreException", "(I" S "III" S ")V",
                              &mcj.exception, &mcj.exception_init) &&
              mcj_cache_class(env, "org/membercore/SyncFailedException",
                              "(I" S "III" S PKG "SyncReport;)V", &mcj.sync_failed,
                              &mcj.sync_failed_init) &&
              mcj_cache_class(env, "org/membercore/Account",
                              "(" S S S S S S "IZ" S S "I" S "I" S "J" S S S ")V", &mcj.account,
                              &mcj.account_init) &&
              mcj_cache_class(env, "org/membercore/OtpRequest", "(" S "ZII)V", &mcj.otp_request,
                              &mcj.otp_request_init) &&
              mcj_cache_class(env, "org/membercore/VerifyResult", "(" PKG "Account;Z)V",
                              &mcj.verify_result, &mcj.verify_result_init) &&
              mcj_cache_class(env, "org/membercore/SyncStatus", "(IZIIJJI" S ")V", &mcj.sync_status,
                              &mcj.sync_status_init) &&
              mcj_cache_class(env, "org/membercore/SyncReport", "(IIIIZ)V", &mcj.sync_report,
                              &mcj.sync_report_init) &&
              mcj_cache_class(env, "org/membercore/Mutation", "(J" S S S "IIJJI" S S ")V",
                              &mcj.mutation, &mcj.mutation_init) &&
              mcj_cache_class(env, "org/membercore/Event", "(" S S S S "JJIIIZ)V", &mcj.event,
                              &mcj.event_init) &&
              mcj_cache_class(env, "org/membercore/Notification", "(" S "I" S S S "JZZ)V",
                              &mcj.notification, &mcj.notification_init) &&
              mcj_cache_class(env, "org/membercore/NotificationInbox",
                              "([" PKG "Notification;I[I)V", &mcj.inbox, &mcj.inbox_init);
    if (!ok)
        return false;

    jclass reg = (*env)->FindClass(env, "org/membercore/ListenerRegistration");
    if (reg == NULL)
        return false;
    mcj.registration_dispatch =
        (*env)->GetMethodID(env, reg, "dispatch", "(IIJ" S S "I" S S "JJ)V");
    (*env)->DeleteLocalRef(env, reg);
    jclass runnable = (*env)->FindClass(env, "java/lang/Runnable");
    if (runnable == NULL)
        return false;
    mcj.runnable_run = (*env)->GetMethodID(env, runnable, "run", "()V");
    (*env)->DeleteLocalRef(env, runnable);
    if (mcj.registration_dispatch == NULL || mcj.runnable_run == NULL)
        return false;
    jclass clock = (*env)->FindClass(env, "org/membercore/Clock");
    if (clock == NULL)
        return false;
    mcj.clock_now = (*env)->GetMethodID(env, clock, "nowMs", "()J");
    (*env)->DeleteLocalRef(env, clock);
    return mcj.clock_now != NULL && mcj_booking_init(env) && mcj_billing_init(env) &&
           mcj_access_init(env) && mcj_catalog_init(env);
}

static void release_all(JNIEnv *env)
{
    jclass *classes[] = {&mcj.string,      &mcj.exception,     &mcj.sync_failed,  &mcj.account,
                         &mcj.otp_request, &mcj.verify_result, &mcj.sync_status,  &mcj.sync_report,
                         &mcj.mutation,    &mcj.event,         &mcj.notification, &mcj.inbox};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        mcj_ref_delete(env, *classes[i]);
        *classes[i] = NULL;
    }
    mcj_booking_shutdown(env);
    mcj_billing_shutdown(env);
    mcj_access_shutdown(env);
    mcj_catalog_shutdown(env);
    mcj_platform_shutdown(env);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK)
        return JNI_ERR;
    if (mcj_jni_init(vm) != 0)
        return JNI_ERR;
    if (mcj_platform_init(env) != 0 || !cache_all(env)) {
        release_all(env);
        return JNI_ERR; /* the pending NoClassDefFoundError / NoSuchMethodError says which */
    }
    jclass native = (*env)->FindClass(env, NATV);
    if (native == NULL) {
        release_all(env);
        return JNI_ERR;
    }
    jint rc =
        (*env)->RegisterNatives(env, native, natives, (jint)(sizeof natives / sizeof natives[0]));
    if (rc == JNI_OK && !(mcj_booking_register(env, native) && mcj_billing_register(env, native) &&
                          mcj_access_register(env, native) && mcj_catalog_register(env, native)))
        rc = JNI_ERR;
    (*env)->DeleteLocalRef(env, native);
    if (rc != JNI_OK) {
        release_all(env);
        return JNI_ERR;
    }
    return JNI_VERSION_1_6;
}

JNIEXPORT void JNICALL JNI_OnUnload(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) == JNI_OK)
        release_all(env);
}
