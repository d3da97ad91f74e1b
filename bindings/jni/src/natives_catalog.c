/*
 * bindings/jni/src/natives_catalog.c - the synced buildings (membercore/catalog.h): zone,
 * opening hours, open-space capacity and day-pass pricing.
 *
 * Kept apart like natives_booking.c: its class and id are cached here (mcj_catalog_init, from
 * JNI_OnLoad) and its native registered here on org.membercore.Native (mcj_catalog_register);
 * the signature must match Native.java. A building's opening hours and bundle tiers go up as
 * parallel int arrays that the Java constructor assembles, so a list makes one JNI object per
 * building.
 */
#include <stddef.h>

#include "glue.h"

#define S   "Ljava/lang/String;"
#define PKG "Lorg/membercore/"

static struct {
    jclass building;
    jmethodID building_init;
} ct;

bool mcj_catalog_init(JNIEnv *env)
{
    return mcj_cache_class(env, "org/membercore/Building", "(" S S S S "[I[I[IIJI[I[I)V",
                           &ct.building, &ct.building_init);
}

void mcj_catalog_shutdown(JNIEnv *env)
{
    mcj_ref_delete(env, ct.building);
    ct.building = NULL;
}

/* ---- C -> Java ------------------------------------------------------------------------- */

/* Each list element in its own local frame, so a long list never piles up references. */
static jobject new_building(JNIEnv *env, const void *item)
{
    const mc_building *b = item;
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject obj = NULL;
    size_t h = sizeof *b->hours;
    size_t nh = b->hours_count;
    size_t t = sizeof *b->tiers;
    size_t nt = b->tier_count;
    jstring id = mcj_str(env, b->id);
    jstring name = id ? mcj_str(env, b->name) : NULL;
    jstring city = name ? mcj_str(env, b->city) : NULL;
    jstring timezone = city ? mcj_str(env, b->timezone) : NULL;
    jintArray weekdays =
        timezone ? mcj_int_field_array(env, b->hours, h, offsetof(mc_opening_hours, weekday), nh)
                 : NULL;
    jintArray opens = weekdays ? mcj_int_field_array(env, b->hours, h,
                                                     offsetof(mc_opening_hours, open_minute), nh)
                               : NULL;
    jintArray closes =
        opens ? mcj_int_field_array(env, b->hours, h, offsetof(mc_opening_hours, close_minute), nh)
              : NULL;
    jintArray passes =
        closes ? mcj_int_field_array(env, b->tiers, t, offsetof(mc_bundle_tier, passes), nt) : NULL;
    jintArray discounts =
        passes ? mcj_int_field_array(env, b->tiers, t, offsetof(mc_bundle_tier, discount_pct), nt)
               : NULL;
    if (discounts != NULL)
        obj = (*env)->NewObject(env, ct.building, ct.building_init, id, name, city, timezone,
                                weekdays, opens, closes, (jint)b->booking_window_days,
                                (jlong)b->day_pass_price_paise, (jint)b->open_space_capacity,
                                passes, discounts);
    return (*env)->PopLocalFrame(env, obj);
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobjectArray buildings(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_building_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_buildings_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_building_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, ct.building, list->items, sizeof *list->items,
                                         list->count, new_building);
    mc_building_list_free(list);
    return array;
}

static const JNINativeMethod natives[] = {
    {"buildings", "(J)[" PKG "Building;", (void *)buildings},
};

bool mcj_catalog_register(JNIEnv *env, jclass native)
{
    return (*env)->RegisterNatives(env, native, natives,
                                   (jint)(sizeof natives / sizeof natives[0])) == JNI_OK;
}
