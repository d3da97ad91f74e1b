/*
 * bindings/jni/src/natives_visitors.c - a member's visitors and the front desk's reception
 * (membercore/visitors.h): invite (offline), invite again, list, get, cancel, decide a walk-in;
 * reception's day list, check-in and walk-in (online, one request each).
 *
 * Its classes and natives are the tables of mcj_visitors_area (glue.h). A visitor goes up as
 * four arrays (strings, ints, longs, BuildingTimes, in the orders Visitor.java names) and its
 * three flags, so its constructor's signature stays short.
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass visitor;
    jmethodID visitor_init;
} vs;

static const mcj_class_spec classes[] = {
    {"org/membercore/Visitor", "<init>", "([" S "[I[J[" BT "ZZZ)V", &vs.visitor, &vs.visitor_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

static jobject new_visitor(JNIEnv *env, const void *item)
{
    const mc_visitor *v = item;
    /* The orders of Visitor.java's S_*, I_*, L_* and T_* indices. */
    const char *strings[] = {v->id,    v->building_id, v->name,    v->email,
                             v->phone, v->date,        v->host_id, v->host_name};
    const jint ints[] = {(jint)v->window_from_min, (jint)v->window_to_min, (jint)v->status,
                         (jint)v->checkin};
    const jlong longs[] = {v->created_at_ms, v->arrived_at_ms, v->approval_due_ms};
    const mc_local_time *times[] = {&v->window_from, &v->window_to, &v->arrived_at,
                                    &v->approval_due};
    enum {
        NS = sizeof strings / sizeof strings[0],
        NI = sizeof ints / sizeof ints[0],
        NL = sizeof longs / sizeof longs[0],
        NT = sizeof times / sizeof times[0],
    };
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    mcj_record r;
    jobject obj = NULL;
    if (mcj_record_arrays(env, strings, NS, ints, NI, longs, NL, times, NT, &r))
        obj = (*env)->NewObject(env, vs.visitor, vs.visitor_init, r.strings, r.ints, r.longs,
                                r.times, (jboolean)v->walk_in, (jboolean)v->declined_by_timeout,
                                (jboolean)v->pending);
    return (*env)->PopLocalFrame(env, obj);
}

jobjectArray mcj_visitor_array(JNIEnv *env, const mc_visitor_list *list)
{
    return mcj_build_array(env, vs.visitor, list ? list->items : NULL, sizeof *list->items,
                           list ? list->count : 0, new_visitor);
}

/* A visitor the core handed over (or throw err), freeing it either way. */
static jobject visitor_result(JNIEnv *env, mc_status status, mc_visitor *v, const mc_error *err)
{
    jobject obj = NULL;
    if (status != MC_OK)
        mcj_throw_error(env, err);
    else if (v == NULL)
        mcj_throw_status(env, MC_ERR_SERVER, "the core returned no visitor");
    else
        obj = new_visitor(env, v);
    mc_visitor_free(v);
    return obj;
}

/* A visitor list the core handed over as a Visitor[] (or throw err), freeing it either way. */
static jobjectArray list_result(JNIEnv *env, mc_status status, mc_visitor_list *list,
                                const mc_error *err)
{
    jobjectArray array = NULL;
    if (status != MC_OK)
        mcj_throw_error(env, err);
    else
        array = mcj_build_array(env, vs.visitor, list ? list->items : NULL, sizeof *list->items,
                                list ? list->count : 0, new_visitor);
    mc_visitor_list_free(list);
    return array;
}

/* The new id the core wrote (or throw err). */
static jstring id_result(JNIEnv *env, mc_status status, const char *id, const mc_error *err)
{
    if (status != MC_OK) {
        mcj_throw_error(env, err);
        return NULL;
    }
    return mcj_str(env, id);
}

/* ---- the member's side ----------------------------------------------------------------- */

static jstring visitor_invite(JNIEnv *env, jclass cls, jlong h, jstring name, jstring email,
                              jstring phone, jstring building_id, jstring date, jint from_min,
                              jint to_min)
{
    (void)cls;
    char *n = NULL, *e = NULL, *p = NULL, *b = NULL, *d = NULL;
    jstring id = NULL;
    if (mcj_arg(env, name, "name", &n) && mcj_arg(env, email, "email", &e) &&
        mcj_arg(env, phone, "phone", &p) && mcj_arg(env, building_id, "building_id", &b) &&
        mcj_arg(env, date, "date", &d)) {
        mc_visitor_invitation inv = {
            .name = n,
            .email = e,
            .phone = p,
            .building_id = b,
            .date = d,
            .window_from_min = (int32_t)from_min,
            .window_to_min = (int32_t)to_min,
        };
        char out[MC_VISITOR_ID_CAP] = "";
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_visitor_invite(mcj_handle(h)->client, &inv, out, sizeof out, &err);
        id = id_result(env, st, out, &err);
    }
    free(n);
    free(e);
    free(p);
    free(b);
    free(d);
    return id;
}

static jstring visitor_invite_again(JNIEnv *env, jclass cls, jlong h, jstring visitor_id,
                                    jstring date, jint from_min, jint to_min)
{
    (void)cls;
    char *v = NULL, *d = NULL;
    jstring id = NULL;
    if (mcj_arg(env, visitor_id, "visitor_id", &v) && mcj_arg(env, date, "date", &d)) {
        char out[MC_VISITOR_ID_CAP] = "";
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_visitor_invite_again(mcj_handle(h)->client, v, d, (int32_t)from_min,
                                               (int32_t)to_min, out, sizeof out, &err);
        id = id_result(env, st, out, &err);
    }
    free(v);
    free(d);
    return id;
}

static jobjectArray visitors(JNIEnv *env, jclass cls, jlong h, jboolean upcoming_only)
{
    (void)cls;
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitors_list(mcj_handle(h)->client, upcoming_only == JNI_TRUE, &list, &err);
    return list_result(env, st, list, &err);
}

static jobject visitor_get(JNIEnv *env, jclass cls, jlong h, jstring visitor_id)
{
    (void)cls;
    char *v = NULL;
    if (!mcj_arg(env, visitor_id, "visitor_id", &v))
        return NULL;
    mc_visitor *out = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitor_get(mcj_handle(h)->client, v, &out, &err);
    free(v);
    return visitor_result(env, st, out, &err);
}

static void visitor_cancel(JNIEnv *env, jclass cls, jlong h, jstring visitor_id)
{
    (void)cls;
    char *v = NULL;
    if (!mcj_arg(env, visitor_id, "visitor_id", &v))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitor_cancel(mcj_handle(h)->client, v, &err);
    free(v);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static void visitor_decide(JNIEnv *env, jclass cls, jlong h, jstring visitor_id, jboolean approve)
{
    (void)cls;
    char *v = NULL;
    if (!mcj_arg(env, visitor_id, "visitor_id", &v))
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitor_decide(mcj_handle(h)->client, v, approve == JNI_TRUE, &err);
    free(v);
    if (st != MC_OK)
        mcj_throw_error(env, &err);
}

static jstring visitor_status_name(JNIEnv *env, jclass cls, jint status)
{
    (void)cls;
    return mcj_str(env, mc_visitor_status_name((mc_visitor_status)status));
}

/* ---- reception ------------------------------------------------------------------------- */

static jobjectArray reception_visitors(JNIEnv *env, jclass cls, jlong h, jstring date)
{
    (void)cls;
    char *d = NULL;
    if (!mcj_arg(env, date, "date", &d))
        return NULL;
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_reception_visitors(mcj_handle(h)->client, d, &list, &err);
    free(d);
    return list_result(env, st, list, &err);
}

static jobject reception_checkin(JNIEnv *env, jclass cls, jlong h, jstring id_or_code)
{
    (void)cls;
    char *c = NULL;
    if (!mcj_arg(env, id_or_code, "id_or_code", &c))
        return NULL;
    mc_visitor *out = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_reception_checkin(mcj_handle(h)->client, c, &out, &err);
    free(c);
    return visitor_result(env, st, out, &err);
}

static jobject reception_walk_in(JNIEnv *env, jclass cls, jlong h, jstring host_phone, jstring name,
                                 jstring email, jstring phone)
{
    (void)cls;
    char *hp = NULL, *n = NULL, *e = NULL, *p = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, host_phone, "host_phone", &hp) && mcj_arg(env, name, "name", &n) &&
        mcj_arg(env, email, "email", &e) && mcj_arg(env, phone, "phone", &p)) {
        mc_walk_in w = {.host_phone = hp, .name = n, .email = e, .phone = p};
        mc_visitor *out = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_reception_walk_in(mcj_handle(h)->client, &w, &out, &err);
        obj = visitor_result(env, st, out, &err);
    }
    free(hp);
    free(n);
    free(e);
    free(p);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"visitorInvite", "(J" S S S S S "II)" S, (void *)visitor_invite},
    {"visitorInviteAgain", "(J" S S "II)" S, (void *)visitor_invite_again},
    {"visitors", "(JZ)[" PKG "Visitor;", (void *)visitors},
    {"visitorGet", "(J" S ")" PKG "Visitor;", (void *)visitor_get},
    {"visitorCancel", "(J" S ")V", (void *)visitor_cancel},
    {"visitorDecide", "(J" S "Z)V", (void *)visitor_decide},
    {"visitorStatusName", "(I)" S, (void *)visitor_status_name},
    {"receptionVisitors", "(J" S ")[" PKG "Visitor;", (void *)reception_visitors},
    {"receptionCheckin", "(J" S ")" PKG "Visitor;", (void *)reception_checkin},
    {"receptionWalkIn", "(J" S S S S ")" PKG "Visitor;", (void *)reception_walk_in},
};

const mcj_area mcj_visitors_area = MCJ_AREA("visitors", classes, natives);
