/*
 * bindings/jni/src/natives_today.c - the member's day (membercore/today.h): one native reads
 * mc_today_get and builds the whole Today, its entries and the other areas' lists (built by
 * those areas' files: glue.h's mcj_*_array); the name of an entry's kind and mc_today_affected
 * are pure.
 *
 * Its classes and natives are the tables of mcj_today_area (glue.h). Today's scalars go up as
 * four arrays (strings, ints, BuildingTimes, booleans, in the orders Today.java names), so its
 * constructor's signature stays short.
 */
#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass today, entry;
    jmethodID today_init, entry_init;
} td;

static const mcj_class_spec classes[] = {
    {"org/membercore/Today", "<init>",
     "([" S "[I[" BT "[Z" PKG "Membership;[" PKG "TodayEntry;[" PKG "Visitor;[" PKG "Ticket;[" PKG
     "Event;[I[" PKG "Invoice;[" PKG "Announcement;)V",
     &td.today, &td.today_init},
    {"org/membercore/TodayEntry", "<init>", "(I" S S S "JJ" BT BT S "Z" S "Z)V", &td.entry,
     &td.entry_init},
};

/* Each entry in its own local frame. */
static jobject new_entry(JNIEnv *env, const void *item)
{
    const mc_today_entry *e = item;
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject obj = NULL, start = NULL, end = NULL;
    jstring id = mcj_str(env, e->id);
    jstring title = id ? mcj_str(env, e->title) : NULL;
    jstring building_id = title ? mcj_str(env, e->building_id) : NULL;
    jstring status = building_id ? mcj_str(env, e->status) : NULL;
    jstring credential_id = status ? mcj_str(env, e->credential_id) : NULL;
    if (credential_id != NULL && mcj_building_time(env, &e->start, &start) &&
        mcj_building_time(env, &e->end, &end))
        obj = (*env)->NewObject(env, td.entry, td.entry_init, (jint)e->kind, id, title, building_id,
                                (jlong)e->start_ms, (jlong)e->end_ms, start, end, status,
                                (jboolean)e->pending, credential_id, (jboolean)e->door_code_ready);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_today(JNIEnv *env, const mc_today *t)
{
    /* The orders of Today.java's S_*, I_*, T_* and B_* indices. */
    const char *strings[] = {t->date,        t->member_name,   t->company_name,
                             t->building_id, t->building_name, t->building_city};
    const jint ints[] = {(jint)t->contract_days_left, (jint)t->unread_total,
                         (jint)t->credits_left,       (jint)t->credits_monthly,
                         (jint)t->desk_days_left,     (jint)t->desk_days_allowance,
                         (jint)t->offers_available,   (jint)t->depends_on};
    const mc_local_time *times[] = {&t->now, &t->opens_at, &t->closes_at};
    const jboolean flags[] = {(jboolean)t->open_today, (jboolean)t->open_now,
                              (jboolean)t->has_credits};
    jint unread[MC_NOTIFY_CATEGORY_COUNT];
    for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++)
        unread[i] = (jint)t->unread_by_category[i];
    enum {
        NS = sizeof strings / sizeof strings[0],
        NI = sizeof ints / sizeof ints[0],
        NT = sizeof times / sizeof times[0],
        NB = sizeof flags / sizeof flags[0],
    };
    if ((*env)->PushLocalFrame(env, 16) != 0)
        return NULL;
    mcj_record r;
    jobject obj = NULL, membership = NULL;
    if (!mcj_record_arrays(env, strings, NS, ints, NI, NULL, 0, times, NT, &r))
        return (*env)->PopLocalFrame(env, NULL);
    jbooleanArray bools = (*env)->NewBooleanArray(env, NB);
    jintArray unread_array = bools ? (*env)->NewIntArray(env, MC_NOTIFY_CATEGORY_COUNT) : NULL;
    if (unread_array == NULL)
        return (*env)->PopLocalFrame(env, NULL);
    (*env)->SetBooleanArrayRegion(env, bools, 0, NB, flags);
    (*env)->SetIntArrayRegion(env, unread_array, 0, MC_NOTIFY_CATEGORY_COUNT, unread);
    if (t->membership != NULL && (membership = mcj_membership(env, t->membership)) == NULL)
        return (*env)->PopLocalFrame(env, NULL);
    jobjectArray entries =
        mcj_build_array(env, td.entry, t->entries, sizeof *t->entries, t->entry_count, new_entry);
    jobjectArray visitors = entries ? mcj_visitor_array(env, t->visitors) : NULL;
    jobjectArray tickets = visitors ? mcj_ticket_array(env, t->open_tickets) : NULL;
    jobjectArray events = tickets ? mcj_event_array(env, t->events) : NULL;
    jobjectArray invoices = events ? mcj_invoice_array(env, t->invoices_due) : NULL;
    jobjectArray announcements = invoices ? mcj_announcement_array(env, t->announcements) : NULL;
    if (announcements != NULL)
        obj = (*env)->NewObject(env, td.today, td.today_init, r.strings, r.ints, r.times, bools,
                                membership, entries, visitors, tickets, events, unread_array,
                                invoices, announcements);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject today(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_today *t = NULL;
    mc_error err = MC_ERROR_INIT;
    jobject obj = NULL;
    if (mc_today_get(mcj_handle(h)->client, &t, &err) != MC_OK)
        mcj_throw_error(env, &err);
    else if (t == NULL)
        mcj_throw_status(env, MC_ERR_SERVER, "the core returned no day");
    else
        obj = new_today(env, t);
    mc_today_free(t);
    return obj;
}

static jstring today_entry_kind_name(JNIEnv *env, jclass cls, jint kind)
{
    (void)cls;
    return mcj_str(env, mc_today_entry_kind_name((mc_today_entry_kind)kind));
}

static jboolean today_affected(JNIEnv *env, jclass cls, jint depends_on, jint changed_kinds)
{
    (void)env;
    (void)cls;
    mc_today t = {0};
    t.depends_on = (uint32_t)depends_on;
    return (jboolean)mc_today_affected(&t, (uint32_t)changed_kinds);
}

static const JNINativeMethod natives[] = {
    {"today", "(J)" PKG "Today;", (void *)today},
    {"todayEntryKindName", "(I)" S, (void *)today_entry_kind_name},
    {"todayAffected", "(II)Z", (void *)today_affected},
};

const mcj_area mcj_today_area = MCJ_AREA("today", classes, natives);
