/*
 * bindings/jni/src/onload.c - JNI_OnLoad / JNI_OnUnload: walk the areas (glue.h's mcj_area),
 * caching each one's classes and method ids and registering its natives on org.membercore.Native;
 * release them all on unload or a failed load. Every area is listed here and nowhere else.
 */
#include <string.h>

#include "glue.h"

static const mcj_area *const areas[] = {
    &mcj_convert_area,       &mcj_client_area,        &mcj_auth_area,      &mcj_sync_area,
    &mcj_community_area,     &mcj_booking_area,       &mcj_billing_area,   &mcj_access_area,
    &mcj_catalog_area,       &mcj_tickets_area,       &mcj_staff_area,     &mcj_visitors_area,
    &mcj_notifications_area, &mcj_announcements_area, &mcj_offers_area,    &mcj_desks_area,
    &mcj_calendar_area,      &mcj_today_area,         &mcj_transport_area,
};

/* One spec's class as a counted global reference and its method id. False with an exception
 * pending (NoClassDefFoundError / NoSuchMethodError naming what is missing). */
static bool cache_class(JNIEnv *env, const mcj_class_spec *spec)
{
    jclass local = (*env)->FindClass(env, spec->name);
    if (local == NULL)
        return false;
    *spec->cls = (jclass)mcj_ref_new(env, local);
    (*env)->DeleteLocalRef(env, local);
    if (*spec->cls == NULL)
        return false;
    if (spec->method == NULL)
        return true;
    *spec->id = (*env)->GetMethodID(env, *spec->cls, spec->method, spec->sig);
    return *spec->id != NULL;
}

static bool load_area(JNIEnv *env, const mcj_area *area, jclass native)
{
    for (size_t i = 0; i < area->class_count; i++)
        if (!cache_class(env, &area->classes[i]))
            return false;
    return area->native_count == 0 ||
           (*env)->RegisterNatives(env, native, area->natives, (jint)area->native_count) == JNI_OK;
}

/* Safe after a partial load: what was not cached is NULL. */
static void release_all(JNIEnv *env)
{
    for (size_t a = 0; a < MCJ_COUNT(areas); a++) {
        for (size_t i = 0; i < areas[a]->class_count; i++) {
            const mcj_class_spec *spec = &areas[a]->classes[i];
            mcj_ref_delete(env, *spec->cls);
            *spec->cls = NULL;
            if (spec->id != NULL)
                *spec->id = NULL;
        }
    }
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
    jclass native = NULL;
    bool ok = mcj_platform_init(env) == 0 &&
              (native = (*env)->FindClass(env, "org/membercore/Native")) != NULL;
    for (size_t a = 0; ok && a < MCJ_COUNT(areas); a++)
        ok = load_area(env, areas[a], native);
    (*env)->DeleteLocalRef(env, native);
    if (!ok) {
        release_all(env);
        return JNI_ERR; /* the pending NoClassDefFoundError / NoSuchMethodError says which */
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
