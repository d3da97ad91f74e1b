/*
 * bindings/jni/src/natives_notifications.c - the notifications hub beyond the inbox list
 * (membercore/notifications.h): the channel preferences and quiet hours, marking all (or a
 * category) read, pruning old read items, and parsing a deep link into a typed target (pure).
 *
 * Its classes and natives are the tables of mcj_notifications_area (glue.h). The preferences go
 * up as flat arrays (category-major: index category * channel count + channel) that
 * NotificationPrefs.java unpacks.
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass prefs, target;
    jmethodID prefs_init, target_init;
} nt;

static const mcj_class_spec classes[] = {
    {"org/membercore/NotificationPrefs", "<init>", "([Z[Z[" S "ZIIZ" S "Z)V", &nt.prefs,
     &nt.prefs_init},
    {"org/membercore/LinkTarget", "<init>", "(I" S S ")V", &nt.target, &nt.target_init},
};

enum { CELLS = MC_NOTIFY_CATEGORY_COUNT * MC_CHANNEL_COUNT };

/* A boolean[] of the CELLS flags of grid (category-major). */
static jbooleanArray cell_array(JNIEnv *env,
                                const bool grid[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT])
{
    jboolean flat[CELLS];
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
            flat[c * MC_CHANNEL_COUNT + ch] = grid[c][ch] ? JNI_TRUE : JNI_FALSE;
    jbooleanArray array = (*env)->NewBooleanArray(env, CELLS);
    if (array != NULL)
        (*env)->SetBooleanArrayRegion(env, array, 0, CELLS, flat);
    return array;
}

static jobject new_prefs(JNIEnv *env, const mc_notification_prefs *p)
{
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL;
    jbooleanArray on = cell_array(env, p->on);
    jbooleanArray pending = on ? cell_array(env, p->pending) : NULL;
    /* NULL (no such messages) crosses as "", which the Java side reads as none. */
    jobjectArray always = pending ? mcj_string_field_array(env, p->always, sizeof p->always[0], 0,
                                                           MC_NOTIFY_CATEGORY_COUNT)
                                  : NULL;
    jstring zone = always ? mcj_str(env, p->quiet_zone_label) : NULL;
    if (zone != NULL)
        obj = (*env)->NewObject(env, nt.prefs, nt.prefs_init, on, pending, always,
                                (jboolean)p->quiet_enabled, (jint)p->quiet_from_min,
                                (jint)p->quiet_to_min, (jboolean)p->quiet_pending, zone,
                                (jboolean)p->synced);
    return (*env)->PopLocalFrame(env, obj);
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobject prefs_get(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_notification_prefs prefs;
    mc_error err = MC_ERROR_INIT;
    if (mc_notification_prefs_get(mcj_handle(h)->client, &prefs, &err) != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    return new_prefs(env, &prefs);
}

static void pref_set(JNIEnv *env, jclass cls, jlong h, jint category, jint channel, jboolean on)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_notification_pref_set(mcj_handle(h)->client, (mc_notification_category)category,
                                 (mc_channel)channel, on == JNI_TRUE, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

static void quiet_hours_set(JNIEnv *env, jclass cls, jlong h, jboolean enabled, jint from_min,
                            jint to_min)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_notification_quiet_hours_set(mcj_handle(h)->client, enabled == JNI_TRUE,
                                        (int32_t)from_min, (int32_t)to_min, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

/* category < 0: every category. */
static jint mark_all_read(JNIEnv *env, jclass cls, jlong h, jint category)
{
    (void)cls;
    int32_t marked = 0;
    mc_error err = MC_ERROR_INIT;
    bool all = category < 0;
    if (mc_notifications_mark_all_read(mcj_handle(h)->client, all,
                                       all ? MC_NOTIFY_OTHER : (mc_notification_category)category,
                                       &marked, &err) != MC_OK)
        mcj_throw_error(env, &err);
    return (jint)marked;
}

static jlong prune(JNIEnv *env, jclass cls, jlong h, jint older_than_days)
{
    (void)cls;
    int64_t pruned = 0;
    mc_error err = MC_ERROR_INIT;
    if (mc_notifications_prune(mcj_handle(h)->client, (int32_t)older_than_days, &pruned, &err) !=
        MC_OK)
        mcj_throw_error(env, &err);
    return (jlong)pruned;
}

static jobject link_parse(JNIEnv *env, jclass cls, jstring uri)
{
    (void)cls;
    char *u = NULL;
    if (!mcj_arg(env, uri, "link", &u))
        return NULL;
    mc_link_target target;
    mc_error err = MC_ERROR_INIT;
    jobject obj = NULL;
    if (mc_link_parse(u, &target, &err) != MC_OK) {
        mcj_throw_error(env, &err);
    } else if ((*env)->PushLocalFrame(env, 3) == 0) {
        jstring id = mcj_str(env, target.id);
        /* A web page's target is the link itself; the others are their kind and id. */
        jstring url = id ? mcj_str(env, target.kind == MC_LINK_WEB ? u : "") : NULL;
        if (url != NULL)
            obj = (*env)->NewObject(env, nt.target, nt.target_init, (jint)target.kind, id, url);
        obj = (*env)->PopLocalFrame(env, obj);
    }
    free(u);
    return obj;
}

static jstring channel_name(JNIEnv *env, jclass cls, jint channel)
{
    (void)cls;
    return mcj_str(env, mc_channel_name((mc_channel)channel));
}

static jint channel_parse(JNIEnv *env, jclass cls, jstring name)
{
    (void)cls;
    char *n = NULL;
    if (!mcj_arg(env, name, "name", &n))
        return -1;
    mc_channel out = MC_CHANNEL_PUSH;
    mc_error err = MC_ERROR_INIT;
    if (mc_channel_parse(n, &out, &err) != MC_OK)
        mcj_throw_error(env, &err);
    free(n);
    return (jint)out;
}

static jint category_parse(JNIEnv *env, jclass cls, jstring name)
{
    (void)cls;
    char *n = NULL;
    if (!mcj_arg(env, name, "name", &n))
        return -1;
    mc_notification_category out = MC_NOTIFY_OTHER;
    mc_error err = MC_ERROR_INIT;
    if (mc_notification_category_parse(n, &out, &err) != MC_OK)
        mcj_throw_error(env, &err);
    free(n);
    return (jint)out;
}

static jstring category_name(JNIEnv *env, jclass cls, jint category)
{
    (void)cls;
    return mcj_str(env, mc_notification_category_name((mc_notification_category)category));
}

static jstring link_kind_name(JNIEnv *env, jclass cls, jint kind)
{
    (void)cls;
    return mcj_str(env, mc_link_kind_name((mc_link_kind)kind));
}

static const JNINativeMethod natives[] = {
    {"notificationPrefs", "(J)" PKG "NotificationPrefs;", (void *)prefs_get},
    {"notificationPrefSet", "(JIIZ)V", (void *)pref_set},
    {"notificationQuietHoursSet", "(JZII)V", (void *)quiet_hours_set},
    {"notificationsMarkAllRead", "(JI)I", (void *)mark_all_read},
    {"notificationsPrune", "(JI)J", (void *)prune},
    {"linkParse", "(" S ")" PKG "LinkTarget;", (void *)link_parse},
    {"channelName", "(I)" S, (void *)channel_name},
    {"channelParse", "(" S ")I", (void *)channel_parse},
    {"notificationCategoryParse", "(" S ")I", (void *)category_parse},
    {"notificationCategoryName", "(I)" S, (void *)category_name},
    {"linkKindName", "(I)" S, (void *)link_kind_name},
};

const mcj_area mcj_notifications_area = MCJ_AREA("notifications", classes, natives);
