/* bindings/jni/src/natives_community.c - the outbox, events and RSVPs, notifications. */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

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
        obj = (*env)->NewObject(env, mcj.mutation, mcj.mutation_init, (jlong)m->mutation_id, kind,
                                entity_id, payload, (jint)m->state, (jint)m->attempts,
                                (jlong)m->created_at_ms, (jlong)m->next_attempt_ms,
                                (jint)m->error_code, server_code, message);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_event(JNIEnv *env, const void *item)
{
    const mc_event *e = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring id = mcj_str(env, e->id);
    jstring building_id = mcj_str(env, e->building_id);
    jstring title = mcj_str(env, e->title);
    jstring description = mcj_str(env, e->description);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env))
        obj = (*env)->NewObject(env, mcj.event, mcj.event_init, id, building_id, title, description,
                                (jlong)e->starts_at_ms, (jlong)e->ends_at_ms, (jint)e->capacity,
                                (jint)e->going_count, (jint)e->my_rsvp, (jboolean)e->pending);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_notification(JNIEnv *env, const void *item)
{
    const mc_notification *n = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring id = mcj_str(env, n->id);
    jstring title = mcj_str(env, n->title);
    jstring body = mcj_str(env, n->body);
    jstring deep_link = mcj_str(env, n->deep_link);
    jobject obj = NULL;
    if (!(*env)->ExceptionCheck(env))
        obj = (*env)->NewObject(env, mcj.notification, mcj.notification_init, id, (jint)n->category,
                                title, body, deep_link, (jlong)n->created_at_ms, (jboolean)n->read,
                                (jboolean)n->pending);
    return (*env)->PopLocalFrame(env, obj);
}

jobjectArray mcj_outbox(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_mutation_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_outbox_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_mutation_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, mcj.mutation, list->items, sizeof *list->items,
                                         list->count, new_mutation);
    mc_mutation_list_free(list);
    return array;
}

void mcj_dismiss_mutation(JNIEnv *env, jclass cls, jlong h, jlong mutation_id)
{
    (void)cls;
    mc_error err = MC_ERROR_INIT;
    if (mc_outbox_dismiss(mcj_handle(h)->client, (int64_t)mutation_id, &err) != MC_OK)
        mcj_throw_error(env, &err);
}

jobjectArray mcj_events(JNIEnv *env, jclass cls, jlong h, jlong from_ms)
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
        mcj_build_array(env, mcj.event, list->items, sizeof *list->items, list->count, new_event);
    mc_event_list_free(list);
    return array;
}

void mcj_rsvp(JNIEnv *env, jclass cls, jlong h, jstring event_id, jint rsvp)
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

jobject mcj_notifications(JNIEnv *env, jclass cls, jlong h, jboolean unread_only)
{
    (void)cls;
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_notifications_list(mcj_handle(h)->client, unread_only == JNI_TRUE, &list, &err) !=
        MC_OK) {
        mc_notification_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, mcj.notification, list->items, sizeof *list->items,
                                         list->count, new_notification);
    jobject inbox = NULL;
    jintArray unread = array ? (*env)->NewIntArray(env, MC_NOTIFY_CATEGORY_COUNT) : NULL;
    if (unread != NULL) {
        jint counts[MC_NOTIFY_CATEGORY_COUNT];
        for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++)
            counts[i] = (jint)list->unread_by_category[i];
        (*env)->SetIntArrayRegion(env, unread, 0, MC_NOTIFY_CATEGORY_COUNT, counts);
        inbox = (*env)->NewObject(env, mcj.inbox, mcj.inbox_init, array, (jint)list->unread_total,
                                  unread);
    }
    mc_notification_list_free(list);
    (*env)->DeleteLocalRef(env, array);
    (*env)->DeleteLocalRef(env, unread);
    return inbox;
}

void mcj_mark_notification_read(JNIEnv *env, jclass cls, jlong h, jstring notification_id)
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
