/*
 * bindings/jni/src/natives_catalog.c - the synced buildings (membercore/catalog.h): zone,
 * opening hours, open-space capacity and day-pass pricing.
 *
 * Its class and native are the tables of mcj_catalog_area (glue.h). A building's opening hours and
 * bundle tiers go up as parallel int arrays that the Java constructor assembles, so a list makes
 * one JNI object per building.
 */
#include <stddef.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass building;
    jmethodID building_init;
} ct;

static const mcj_class_spec classes[] = {
    {"org/membercore/Building", "<init>", "(" S S S S "[I[I[II" S MCJ_TAX MCJ_MONEY "I[I[I)V",
     &ct.building, &ct.building_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

/* Each list element in its own local frame, so a long list never piles up references. */
static jobject new_building(JNIEnv *env, const void *item)
{
    const mc_building *b = item;
    if ((*env)->PushLocalFrame(env, 14) != 0)
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
    jstring currency = discounts ? mcj_str(env, b->currency) : NULL;
    jobject tax = currency ? mcj_tax(env, b->tax) : NULL;
    jobject price = tax ? mcj_money(env, b->day_pass_price) : NULL;
    if (price != NULL)
        obj = (*env)->NewObject(env, ct.building, ct.building_init, id, name, city, timezone,
                                weekdays, opens, closes, (jint)b->booking_window_days, currency,
                                tax, price, (jint)b->open_space_capacity, passes, discounts);
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

const mcj_area mcj_catalog_area = MCJ_AREA("catalog", classes, natives);
