/* bindings/jni/src/natives_community.c - the outbox, events and RSVPs, notifications. */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass mutation, event, notification, inbox;
    jmethodID mutation_init, event_init, notification_init, inbox_init;
} cm;

static const mcj_class_spec classes[] = {
    {"org/membercore/Mutation", "<init>", "(J" S S S "IIJJI" S S "I)V", &cm.mutation,
     &cm.mutation_init},
    {"org/membercore/Event", "<init>",
     "(" S S S S "J" PKG "BuildingTime;J" PKG "BuildingTime;IIIZII)V", &cm.event, &cm.event_init},
    {"org/membercore/Notification", "<init>",
     "(" S "I" S S S "J" PKG "BuildingTime;ZZI" S S S "Z)V", &cm.notification,
     &cm.notification_init},
    {"org/membercore/NotificationInbox", "<init>", "([" PKG "Notification;I[I" S ")V", &cm.inbox,
     &cm.inbox_init},
};

/* Each element is built in its own local frame, so a long list never piles up references. */

static jobject new_mutation(JNIEnv *env, const void *item)
{
    const mc_mutation *m = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring kind = mcj_str(env, m->kind);
    jstring entity_id = mcj_str(env, m->entity_id);
    jstring payload = mcj_str(env, m->payload);
    jstring server_code = mcj_str(env, m->error_server_code);
    jstring message = mcj_str(env, m->error_message);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env))
        obj = (*env)->NewObject(env, cm.mutation, cm.mutation_init, (jlong)m->mutation_id, kind,
                                entity_id, payload, (jint)m->state, (jint)m->attempts,
                                (jlong)m->created_at_ms, (jlong)m->next_attempt_ms,
                                (jint)m->error_code, server_code, message, (jint)m->error_rule);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_event(JNIEnv *env, const void *item)
{
    const mc_event *e = item;
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject starts_at = NULL, ends_at = NULL;
    jstring id = mcj_str(env, e->id);
    jstring building_id = mcj_str(env, e->building_id);
    jstring title = mcj_str(env, e->title);
    jstring description = mcj_str(env, e->description);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env) && mcj_building_time(env, &e->starts_at, &starts_at) &&
        mcj_building_time(env, &e->ends_at, &ends_at))
        obj = (*env)->NewObject(env, cm.event, cm.event_init, id, building_id, title, description,
                                (jlong)e->starts_at_ms, starts_at, (jlong)e->ends_at_ms, ends_at,
                                (jint)e->capacity, (jint)e->going_count, (jint)e->my_rsvp,
                                (jboolean)e->pending, (jint)e->waitlist_count,
                                (jint)e->waitlist_position);
    return (*env)->PopLocalFrame(env, obj);
}

jobjectArray mcj_event_array(JNIEnv *env, const mc_event_list *list)
{
    return mcj_build_array(env, cm.event, list ? list->items : NULL, sizeof *list->items,
                           list ? list->count : 0, new_event);
}

static jobject new_notification(JNIEnv *env, const void *item)
{
    const mc_notification *n = item;
    if ((*env)->PushLocalFrame(env, 13) != 0)
        return NULL;
    jobject created_at = NULL;
    jstring id = mcj_str(env, n->id);
    jstring title = mcj_str(env, n->title);
    jstring body = mcj_str(env, n->body);
    jstring deep_link = mcj_str(env, n->deep_link);
    jstring link_id = mcj_str(env, n->link_id);
    jstring link_text = mcj_str(env, n->link_text);
    jstring kind = mcj_str(env, n->kind);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env) && mcj_building_time(env, &n->created_at, &created_at))
        obj = (*env)->NewObject(env, cm.notification, cm.notification_init, id, (jint)n->category,
                                title, body, deep_link, (jlong)n->created_at_ms, created_at,
                                (jboolean)n->read, (jboolean)n->pending, (jint)n->link_kind,
                                link_id, link_text, kind, (jboolean)n->urgent);
    return (*env)->PopLocalFrame(env, obj);
}

static jobjectArray outbox(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_mutation_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_outbox_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_mutation_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, cm.mutation, list->items, sizeof *list->items,
                                         list->count, new_mutation);
    mc_mutation_list_free(list);
    return array;
}

static void dismiss_mutation(JNIEnv *env, jclass cls, jlong h, jlong mutation_id)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_outbox_dismiss(mcj_handle(h)->client, (int64_t)mutation_id, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

static jobjectArray events(JNIEnv *env, jclass cls, jlong h, jlong from_ms)
{
    (void)cls;
    mc_event_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_events_list(mcj_handle(h)->client, (int64_t)from_ms, &list, &err) != MC_OK) {
        mc_event_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array =
        mcj_build_array(env, cm.event, list->items, sizeof *list->items, list->count, new_event);
    mc_event_list_free(list);
    return array;
}

static jobject events_page(JNIEnv *env, jclass cls, jlong h, jlong from_ms, jint limit,
                           jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_event_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_events_page(mcj_handle(h)->client, (int64_t)from_ms, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, cm.event, list->items, sizeof *list->items, list->count,
                               new_event, list->next_cursor);
    mc_event_list_free(list);
    return result;
}

static void rsvp(JNIEnv *env, jclass cls, jlong h, jstring event_id, jint rsvp)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, event_id, "event_id", &id))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_event_rsvp(mcj_handle(h)->client, id, (mc_rsvp)rsvp, &err);
    free(id);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

/* list as a NotificationInbox with its next cursor (null on a last page and for the whole inbox),
 * or err thrown when st failed; frees list either way. */
static jobject inbox_result(JNIEnv *env, mc_status st, mc_notification_list *list,
                            const mc_error *err)
{
    jobject inbox = NULL;
    if (st != MC_OK) {
        mc_notification_list_free(list);
        mcj_throw_error(env, err);
        return NULL;
    }
    if ((*env)->PushLocalFrame(env, 4) != 0) {
        mc_notification_list_free(list);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, cm.notification, list->items, sizeof *list->items,
                                         list->count, new_notification);
    jintArray unread = array ? (*env)->NewIntArray(env, MC_NOTIFY_CATEGORY_COUNT) : NULL;
    jstring next = unread ? mcj_cursor(env, list->next_cursor) : NULL;
    if (unread != NULL && !(*env)->ExceptionCheck(env)) {
        jint counts[MC_NOTIFY_CATEGORY_COUNT];
        for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++)
            counts[i] = (jint)list->unread_by_category[i];
        (*env)->SetIntArrayRegion(env, unread, 0, MC_NOTIFY_CATEGORY_COUNT, counts);
        inbox = (*env)->NewObject(env, cm.inbox, cm.inbox_init, array, (jint)list->unread_total,
                                  unread, next);
    }
    mc_notification_list_free(list);
    return (*env)->PopLocalFrame(env, inbox);
}

static jobject notifications(JNIEnv *env, jclass cls, jlong h, jboolean unread_only)
{
    (void)cls;
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st =
        mc_notifications_list(mcj_handle(h)->client, unread_only == JNI_TRUE, &list, &err);
    return inbox_result(env, st, list, &err);
}

static jobject notifications_page(JNIEnv *env, jclass cls, jlong h, jboolean unread_only,
                                  jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notifications_page(mcj_handle(h)->client, unread_only == JNI_TRUE, &page.page,
                                         &list, &err);
    free(page.cursor);
    return inbox_result(env, st, list, &err);
}

static void mark_notification_read(JNIEnv *env, jclass cls, jlong h, jstring notification_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, notification_id, "notification_id", &id))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_notification_mark_read(mcj_handle(h)->client, id, &err);
    free(id);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static const JNINativeMethod natives[] = {
    {"outbox", "(J)[" PKG "Mutation;", (void *)outbox},
    {"dismissMutation", "(JJ)V", (void *)dismiss_mutation},
    {"events", "(JJ)[" PKG "Event;", (void *)events},
    {"eventsPage", "(JJI" S ")" PKG "ListPage;", (void *)events_page},
    {"rsvp", "(J" S "I)V", (void *)rsvp},
    {"notifications", "(JZ)" PKG "NotificationInbox;", (void *)notifications},
    {"notificationsPage", "(JZI" S ")" PKG "NotificationInbox;", (void *)notifications_page},
    {"markNotificationRead", "(J" S ")V", (void *)mark_notification_read},
};

const mcj_area mcj_community_area = MCJ_AREA("community", classes, natives);
