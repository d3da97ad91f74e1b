/*
 * bindings/jni/src/natives_staff.c - the ground staff's ticket queue (membercore/staff.h): the
 * queue, one ticket with its notes, the colleagues, assign, status moves and comments. Every
 * call but the two pure ones (a queue's name, parsing one) is one request to the server.
 *
 * Its classes and natives are the tables of mcj_staff_area (glue.h); the ticket inside a
 * StaffTicket is made by natives_tickets.c's mcj_ticket().
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass ticket, note, colleague;
    jmethodID ticket_init, note_init, colleague_init;
} st;

static const mcj_class_spec classes[] = {
    {"org/membercore/StaffTicket", "<init>", "(" PKG "Ticket;" S S S "[" PKG "StaffNote;)V",
     &st.ticket, &st.ticket_init},
    {"org/membercore/StaffNote", "<init>", "(" S "J" PKG "BuildingTime;" S S ")V", &st.note,
     &st.note_init},
    {"org/membercore/StaffColleague", "<init>", "(" S S ")V", &st.colleague, &st.colleague_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

static jobject new_note(JNIEnv *env, const void *item)
{
    const mc_staff_note *n = item;
    if ((*env)->PushLocalFrame(env, 5) != 0)
        return NULL;
    jobject obj = NULL, at = NULL;
    jstring id = mcj_str(env, n->id);
    jstring author = id ? mcj_str(env, n->author_name) : NULL;
    jstring text = author ? mcj_str(env, n->text) : NULL;
    if (text != NULL && mcj_building_time(env, &n->at, &at))
        obj = (*env)->NewObject(env, st.note, st.note_init, id, (jlong)n->at_ms, at, author, text);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_staff_ticket(JNIEnv *env, const void *item)
{
    const mc_staff_ticket *t = item;
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL;
    jobject ticket = mcj_ticket(env, &t->ticket);
    jstring reporter_id = ticket ? mcj_str(env, t->reporter_id) : NULL;
    jstring reporter_name = reporter_id ? mcj_str(env, t->reporter_name) : NULL;
    jstring assignee_id = reporter_name ? mcj_str(env, t->assignee_id) : NULL;
    jobjectArray notes = assignee_id ? mcj_build_array(env, st.note, t->notes, sizeof *t->notes,
                                                       t->note_count, new_note)
                                     : NULL;
    if (notes != NULL)
        obj = (*env)->NewObject(env, st.ticket, st.ticket_init, ticket, reporter_id, reporter_name,
                                assignee_id, notes);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_colleague(JNIEnv *env, const void *item)
{
    const mc_staff_colleague *c = item;
    if ((*env)->PushLocalFrame(env, 3) != 0)
        return NULL;
    jobject obj = NULL;
    jstring id = mcj_str(env, c->id);
    jstring name = id ? mcj_str(env, c->name) : NULL;
    if (name != NULL)
        obj = (*env)->NewObject(env, st.colleague, st.colleague_init, id, name);
    return (*env)->PopLocalFrame(env, obj);
}

/* A staff ticket the core handed over (or throw err), freeing it either way. */
static jobject ticket_result(JNIEnv *env, mc_status status, mc_staff_ticket *t, const mc_error *err)
{
    jobject obj = NULL;
    if (status != MC_OK)
        mcj_throw_error(env, err);
    else
        obj = new_staff_ticket(env, t);
    mc_staff_ticket_free(t);
    return obj;
}

/* ---- the natives ----------------------------------------------------------------------- */

static jstring staff_queue_name(JNIEnv *env, jclass cls, jint queue)
{
    (void)cls;
    return mcj_str(env, mc_staff_queue_name((mc_staff_queue)queue));
}

static jint staff_queue_parse(JNIEnv *env, jclass cls, jstring name)
{
    (void)cls;
    char *n = NULL;
    if (!mcj_arg(env, name, "name", &n))
        return -1;
    mc_staff_queue q = MC_STAFF_QUEUE_ACTIVE;
    mc_error err = MC_ERROR_INIT;
    if (mc_staff_queue_parse(n, &q, &err) != MC_OK)
        mcj_throw_error(env, &err);
    free(n);
    return (jint)q;
}

static jobjectArray staff_tickets(JNIEnv *env, jclass cls, jlong h, jint queue)
{
    (void)cls;
    mc_staff_ticket_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    jobjectArray array = NULL;
    if (mc_staff_tickets_list(mcj_handle(h)->client, (mc_staff_queue)queue, &list, &err) != MC_OK)
        mcj_throw_error(env, &err);
    else
        array = mcj_build_array(env, st.ticket, list->items, sizeof *list->items, list->count,
                                new_staff_ticket);
    mc_staff_ticket_list_free(list);
    return array;
}

static jobject staff_ticket_get(JNIEnv *env, jclass cls, jlong h, jstring id_or_number)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, id_or_number, "id_or_number", &id))
        return NULL;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status status = mc_staff_ticket_get(mcj_handle(h)->client, id, &t, &err);
    free(id);
    return ticket_result(env, status, t, &err);
}

static jobjectArray staff_colleagues(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_staff_colleague_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    jobjectArray array = NULL;
    if (mc_staff_colleagues_list(mcj_handle(h)->client, &list, &err) != MC_OK)
        mcj_throw_error(env, &err);
    else
        array = mcj_build_array(env, st.colleague, list->items, sizeof *list->items, list->count,
                                new_colleague);
    mc_staff_colleague_list_free(list);
    return array;
}

static jobject staff_ticket_assign(JNIEnv *env, jclass cls, jlong h, jstring id_or_number,
                                   jstring assignee_id)
{
    (void)cls;
    char *id = NULL, *assignee = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, id_or_number, "id_or_number", &id) &&
        mcj_arg(env, assignee_id, "assignee_id", &assignee)) {
        mc_staff_ticket *t = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status status = mc_staff_ticket_assign(mcj_handle(h)->client, id, assignee, &t, &err);
        obj = ticket_result(env, status, t, &err);
    }
    free(id);
    free(assignee);
    return obj;
}

static jobject staff_ticket_set_status(JNIEnv *env, jclass cls, jlong h, jstring id_or_number,
                                       jint to)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, id_or_number, "id_or_number", &id))
        return NULL;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status status =
        mc_staff_ticket_set_status(mcj_handle(h)->client, id, (mc_ticket_status)to, &t, &err);
    free(id);
    return ticket_result(env, status, t, &err);
}

static jobject staff_ticket_comment(JNIEnv *env, jclass cls, jlong h, jstring id_or_number,
                                    jstring text, jboolean internal)
{
    (void)cls;
    char *id = NULL, *body = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, id_or_number, "id_or_number", &id) && mcj_arg(env, text, "text", &body)) {
        mc_staff_ticket *t = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status status = mc_staff_ticket_comment(mcj_handle(h)->client, id, body,
                                                   internal == JNI_TRUE, &t, &err);
        obj = ticket_result(env, status, t, &err);
    }
    free(id);
    free(body);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"staffQueueName", "(I)" S, (void *)staff_queue_name},
    {"staffQueueParse", "(" S ")I", (void *)staff_queue_parse},
    {"staffTickets", "(JI)[" PKG "StaffTicket;", (void *)staff_tickets},
    {"staffTicketGet", "(J" S ")" PKG "StaffTicket;", (void *)staff_ticket_get},
    {"staffColleagues", "(J)[" PKG "StaffColleague;", (void *)staff_colleagues},
    {"staffTicketAssign", "(J" S S ")" PKG "StaffTicket;", (void *)staff_ticket_assign},
    {"staffTicketSetStatus", "(J" S "I)" PKG "StaffTicket;", (void *)staff_ticket_set_status},
    {"staffTicketComment", "(J" S S "Z)" PKG "StaffTicket;", (void *)staff_ticket_comment},
};

const mcj_area mcj_staff_area = MCJ_AREA("staff", classes, natives);
