/*
 * bindings/jni/src/natives_announcements.c - the operator's announcements
 * (membercore/announcements.h): the live list (whole or a page) with its unread count, and
 * marking one read (offline). mcj_announcement_array is Today's too (natives_today.c).
 *
 * Its classes and natives are the tables of mcj_announcements_area (glue.h).
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass announcement, list;
    jmethodID announcement_init, list_init;
} an;

static const mcj_class_spec classes[] = {
    {"org/membercore/Announcement", "<init>", "(" S S S S "ZJ" BT "J" BT "ZZ)V", &an.announcement,
     &an.announcement_init},
    {"org/membercore/AnnouncementList", "<init>", "([" PKG "Announcement;I" S ")V", &an.list,
     &an.list_init},
};

/* Each element in its own local frame, so a long list never piles up references. */
static jobject new_announcement(JNIEnv *env, const void *item)
{
    const mc_announcement *a = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jobject obj = NULL, published = NULL, expires = NULL;
    jstring id = mcj_str(env, a->id);
    jstring building_id = id ? mcj_str(env, a->building_id) : NULL;
    jstring title = building_id ? mcj_str(env, a->title) : NULL;
    jstring body = title ? mcj_str(env, a->body) : NULL;
    if (body != NULL && mcj_building_time(env, &a->published_at, &published) &&
        mcj_building_time(env, &a->expires_at, &expires))
        obj = (*env)->NewObject(env, an.announcement, an.announcement_init, id, building_id, title,
                                body, (jboolean)a->pinned, (jlong)a->published_at_ms, published,
                                (jlong)a->expires_at_ms, expires, (jboolean)a->read,
                                (jboolean)a->pending);
    return (*env)->PopLocalFrame(env, obj);
}

jobjectArray mcj_announcement_array(JNIEnv *env, const mc_announcement_list *list)
{
    return mcj_build_array(env, an.announcement, list ? list->items : NULL, sizeof *list->items,
                           list ? list->count : 0, new_announcement);
}

/* list as an AnnouncementList with its next cursor (or err thrown when st failed); frees list
 * either way. */
static jobject list_result(JNIEnv *env, mc_status st, mc_announcement_list *list,
                           const mc_error *err)
{
    jobject obj = NULL;
    if (st != MC_OK) {
        mcj_throw_error(env, err);
    } else if ((*env)->PushLocalFrame(env, 4) == 0) {
        jobjectArray items = mcj_announcement_array(env, list);
        const char *cursor = list ? list->next_cursor : NULL;
        jstring next = items ? mcj_cursor(env, cursor) : NULL;
        if (items != NULL && (cursor == NULL || next != NULL))
            obj = (*env)->NewObject(env, an.list, an.list_init, items,
                                    (jint)(list ? list->unread_count : 0), next);
        obj = (*env)->PopLocalFrame(env, obj);
    }
    mc_announcement_list_free(list);
    return obj;
}

static jobject announcements(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_announcement_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_announcements_list(mcj_handle(h)->client, &list, &err);
    return list_result(env, st, list, &err);
}

static jobject announcements_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_announcement_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_announcements_page(mcj_handle(h)->client, &page.page, &list, &err);
    free(page.cursor);
    return list_result(env, st, list, &err);
}

static void announcement_mark_read(JNIEnv *env, jclass cls, jlong h, jstring announcement_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, announcement_id, "announcement_id", &id))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_announcement_mark_read(mcj_handle(h)->client, id, &err);
    free(id);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static const JNINativeMethod natives[] = {
    {"announcements", "(J)" PKG "AnnouncementList;", (void *)announcements},
    {"announcementsPage", "(JI" S ")" PKG "AnnouncementList;", (void *)announcements_page},
    {"announcementMarkRead", "(J" S ")V", (void *)announcement_mark_read},
};

const mcj_area mcj_announcements_area = MCJ_AREA("announcements", classes, natives);
