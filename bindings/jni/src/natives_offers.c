/*
 * bindings/jni/src/natives_offers.c - partner offers (membercore/offers.h): the list (local) and
 * redeeming one for its code (online). An offer goes up as a String[] of its texts (in the order
 * Offer.java names), a String[] of its buildings, and its few numbers.
 *
 * Its classes and natives are the tables of mcj_offers_area (glue.h).
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass offer;
    jmethodID offer_init;
} of;

static const mcj_class_spec classes[] = {
    {"org/membercore/Offer", "<init>", "([" S "[" S "IIZ" BT ")V", &of.offer, &of.offer_init},
};

/* Each element in its own local frame, so a long list never piles up references. */
static jobject new_offer(JNIEnv *env, const void *item)
{
    const mc_offer *o = item;
    /* The order of Offer.java's S_* indices. */
    const char *texts[] = {o->id,    o->partner,    o->title,       o->description,
                           o->terms, o->valid_from, o->valid_until, o->code};
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL, redeemed_at = NULL;
    jobjectArray strings =
        mcj_string_field_array(env, texts, sizeof *texts, 0, sizeof texts / sizeof texts[0]);
    jobjectArray buildings =
        strings ? mcj_string_field_array(env, o->building_ids, sizeof *o->building_ids, 0,
                                         o->building_count)
                : NULL;
    if (buildings != NULL && mcj_building_time(env, &o->redeemed_at, &redeemed_at))
        obj =
            (*env)->NewObject(env, of.offer, of.offer_init, strings, buildings, (jint)o->code_kind,
                              (jint)o->remaining, (jboolean)o->redeemed, redeemed_at);
    return (*env)->PopLocalFrame(env, obj);
}

static jobjectArray offers(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_offer_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    jobjectArray array = NULL;
    if (mc_offers_list(mcj_handle(h)->client, &list, &err) != MC_OK)
        mcj_throw_error(env, &err);
    else
        array = mcj_build_array(env, of.offer, list ? list->items : NULL, sizeof *list->items,
                                list ? list->count : 0, new_offer);
    mc_offer_list_free(list);
    return array;
}

static jobject offer_redeem(JNIEnv *env, jclass cls, jlong h, jstring offer_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, offer_id, "offer_id", &id))
        return NULL;
    mc_offer *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_offer_redeem(mcj_handle(h)->client, id, &o, &err);
    free(id);
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else if (o == NULL)
        mcj_throw_status(env, MC_ERR_SERVER, "the core returned no offer");
    else
        obj = new_offer(env, o);
    mc_offer_free(o);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"offers", "(J)[" PKG "Offer;", (void *)offers},
    {"offerRedeem", "(J" S ")" PKG "Offer;", (void *)offer_redeem},
};

const mcj_area mcj_offers_area = MCJ_AREA("offers", classes, natives);
