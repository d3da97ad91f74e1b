/*
 * bindings/jni/src/natives_tickets.c - facility tickets (membercore/tickets.h): the category
 * tree, filing with photos, the member's tickets and their timelines, comment, resolve, reopen.
 *
 * Its classes and natives are the tables of mcj_tickets_area (glue.h). A ticket goes up as four
 * arrays (strings, ints, longs, BuildingTimes, in the orders Ticket.java names) plus its timeline
 * and photos, so its constructor's signature stays short; mcj_ticket() is shared with
 * natives_staff.c, whose tickets are the same struct. A draft comes down as its fields and the
 * photo paths as a String[].
 */
#include <stddef.h>
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass category, ticket, entry, photo;
    jmethodID category_init, ticket_init, entry_init, photo_init;
} tk;

static const mcj_class_spec classes[] = {
    {"org/membercore/TicketCategory", "<init>", "(" S S S S "Z" S "II)V", &tk.category,
     &tk.category_init},
    {"org/membercore/Ticket", "<init>",
     "([" S "[I[J[" BT "[" PKG "TicketEntry;[" PKG "TicketPhoto;Z)V", &tk.ticket, &tk.ticket_init},
    {"org/membercore/TicketEntry", "<init>", "(" S "IJ" BT S S "II" S "[" S "Z)V", &tk.entry,
     &tk.entry_init},
    {"org/membercore/TicketPhoto", "<init>", "(" S S S "JZJ" S "Z" S ")V", &tk.photo,
     &tk.photo_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

static jobject new_category(JNIEnv *env, const void *item)
{
    const mc_ticket_category *c = item;
    const char *fields[] = {c->id, c->parent_id, c->name, c->path, c->team};
    enum { N = sizeof fields / sizeof fields[0] };
    if ((*env)->PushLocalFrame(env, N + 1) != 0)
        return NULL;
    jstring s[N];
    for (size_t i = 0; i < N; i++)
        if ((s[i] = mcj_str(env, fields[i])) == NULL)
            return (*env)->PopLocalFrame(env, NULL);
    jobject obj =
        (*env)->NewObject(env, tk.category, tk.category_init, s[0], s[1], s[2], s[3],
                          (jboolean)c->leaf, s[4], (jint)c->response_min, (jint)c->resolution_min);
    return (*env)->PopLocalFrame(env, obj);
}

/* A String[] of n C strings (NULL as ""). */
static jobjectArray string_array(JNIEnv *env, const void *v, size_t n)
{
    return mcj_string_field_array(env, v, sizeof(const char *), 0, n);
}

static jobject new_entry(JNIEnv *env, const void *item)
{
    const mc_ticket_entry *e = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jobject obj = NULL, at = NULL;
    jstring id = mcj_str(env, e->id);
    jstring role = id ? mcj_str(env, e->author_role) : NULL;
    jstring name = role ? mcj_str(env, e->author_name) : NULL;
    jstring text = name ? mcj_str(env, e->text) : NULL;
    jobjectArray photos = text ? string_array(env, e->photo_ids, e->photo_count) : NULL;
    if (photos != NULL && mcj_building_time(env, &e->at, &at))
        obj = (*env)->NewObject(env, tk.entry, tk.entry_init, id, (jint)e->type, (jlong)e->at_ms,
                                at, role, name, (jint)e->from, (jint)e->to, text, photos,
                                (jboolean)e->pending);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_photo(JNIEnv *env, const void *item)
{
    const mc_ticket_photo *p = item;
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL;
    jstring id = mcj_str(env, p->id);
    jstring comment_id = id ? mcj_str(env, p->comment_id) : NULL;
    jstring type = comment_id ? mcj_str(env, p->content_type) : NULL;
    jstring path = type ? mcj_str(env, p->local_path) : NULL;
    jstring failure = path ? mcj_str(env, p->failure) : NULL;
    if (failure != NULL)
        obj = (*env)->NewObject(env, tk.photo, tk.photo_init, id, comment_id, type, (jlong)p->bytes,
                                (jboolean)p->uploaded, (jlong)p->sent_bytes, path,
                                (jboolean)p->failed, failure);
    return (*env)->PopLocalFrame(env, obj);
}

/* An array of count items made by make, or null when items is NULL (a list's ticket). */
static bool optional_array(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                           jobject (*make)(JNIEnv *, const void *), jobjectArray *out)
{
    *out = NULL;
    if (items == NULL)
        return true;
    *out = mcj_build_array(env, cls, items, size, count, make);
    return *out != NULL;
}

jobject mcj_ticket(JNIEnv *env, const mc_ticket *t)
{
    /* The orders of Ticket.java's S_*, I_*, L_* and T_* indices. */
    const char *strings[] = {t->id,          t->number,        t->building_id,
                             t->category_id, t->category_path, t->description,
                             t->location_id, t->location_name, t->assignee_name};
    const jint ints[] = {(jint)t->priority, (jint)t->location_kind,  (jint)t->status,
                         (jint)t->sla,      (jint)t->photos_waiting, (jint)t->photos_failed};
    const jlong longs[] = {t->created_at_ms,     t->updated_at_ms,   t->resolved_at_ms,
                           t->closed_at_ms,      t->reopen_until_ms, t->response_due_ms,
                           t->resolution_due_ms, t->at_risk_from_ms, t->responded_at_ms};
    const mc_local_time *times[] = {&t->created_at,    &t->updated_at,   &t->resolved_at,
                                    &t->closed_at,     &t->reopen_until, &t->response_due,
                                    &t->resolution_due};
    enum {
        NS = sizeof strings / sizeof strings[0],
        NI = sizeof ints / sizeof ints[0],
        NL = sizeof longs / sizeof longs[0],
        NT = sizeof times / sizeof times[0],
    };
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject obj = NULL;
    mcj_record r;
    if (!mcj_record_arrays(env, strings, NS, ints, NI, longs, NL, times, NT, &r))
        return (*env)->PopLocalFrame(env, NULL);
    jobjectArray timeline, photos;
    if (optional_array(env, tk.entry, t->timeline, sizeof *t->timeline, t->timeline_count,
                       new_entry, &timeline) &&
        optional_array(env, tk.photo, t->photos, sizeof *t->photos, t->photo_count, new_photo,
                       &photos))
        obj = (*env)->NewObject(env, tk.ticket, tk.ticket_init, r.strings, r.ints, r.longs, r.times,
                                timeline, photos, (jboolean)t->pending);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_ticket(JNIEnv *env, const void *item)
{
    return mcj_ticket(env, item);
}

/* ---- the natives ----------------------------------------------------------------------- */

jobjectArray mcj_ticket_array(JNIEnv *env, const mc_ticket_list *list)
{
    return mcj_build_array(env, tk.ticket, list ? list->items : NULL, sizeof *list->items,
                           list ? list->count : 0, new_ticket);
}

static jstring ticket_state_name(JNIEnv *env, jclass cls, jint kind, jint value)
{
    (void)cls;
    const char *name = NULL;
    switch (kind) {
    case 0:
        name = mc_ticket_priority_name((mc_ticket_priority)value);
        break;
    case 1:
        name = mc_ticket_status_name((mc_ticket_status)value);
        break;
    case 2:
        name = mc_sla_state_name((mc_sla_state)value);
        break;
    case 3:
        name = mc_ticket_location_kind_name((mc_ticket_location_kind)value);
        break;
    case 4:
        name = mc_ticket_entry_type_name((mc_ticket_entry_type)value);
        break;
    default:
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "no such kind of ticket state");
        return NULL;
    }
    return mcj_str(env, name);
}

static jint ticket_priority_parse(JNIEnv *env, jclass cls, jstring name)
{
    (void)cls;
    char *n = NULL;
    if (!mcj_arg(env, name, "name", &n))
        return -1;
    mc_ticket_priority p = MC_TICKET_PRIORITY_NORMAL;
    mc_error err = MC_ERROR_INIT;
    if (mc_ticket_priority_parse(n, &p, &err) != MC_OK)
        mcj_throw_error(env, &err);
    free(n);
    return (jint)p;
}

/* A category list the core returned: as an array, or its only item (one). Frees it. */
static jobject categories_result(JNIEnv *env, mc_status st, mc_ticket_category_list *list,
                                 const mc_error *err, bool one)
{
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, err);
    else if (!one)
        result = mcj_build_array(env, tk.category, list->items, sizeof *list->items, list->count,
                                 new_category);
    else if (list->count == 1)
        result = new_category(env, list->items);
    else
        mcj_throw_status(env, MC_ERR_NOT_FOUND, "no such category");
    mc_ticket_category_list_free(list);
    return result;
}

static jobjectArray ticket_categories(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_ticket_category_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_categories_list(mcj_handle(h)->client, &list, &err);
    return (jobjectArray)categories_result(env, st, list, &err, false);
}

static jobject ticket_category_find(JNIEnv *env, jclass cls, jlong h, jstring name)
{
    (void)cls;
    char *n = NULL;
    if (!mcj_arg(env, name, "name", &n))
        return NULL;
    mc_ticket_category_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_category_find(mcj_handle(h)->client, n, &list, &err);
    free(n);
    return categories_result(env, st, list, &err, true);
}

/* The photo paths as the core borrows them: free with mcj_free_strings. */
static bool photos_arg(JNIEnv *env, jobjectArray photo_paths, char ***paths, size_t *n)
{
    return mcj_arg_strings(env, photo_paths, "photo_paths", "", paths, n);
}

static jstring ticket_file(JNIEnv *env, jclass cls, jlong h, jstring category_id, jint priority,
                           jstring description, jstring building_id, jint location_kind,
                           jstring location_id, jstring location_name, jobjectArray photo_paths)
{
    (void)cls;
    char *category = NULL, *text = NULL, *building = NULL, *loc_id = NULL, *loc_name = NULL;
    char **paths = NULL;
    size_t n = 0;
    jstring result = NULL;
    if (mcj_arg(env, category_id, "category_id", &category) &&
        mcj_arg(env, description, "description", &text) &&
        mcj_arg(env, building_id, "building_id", &building) &&
        mcj_arg(env, location_id, "location_id", &loc_id) &&
        mcj_arg(env, location_name, "location_name", &loc_name) &&
        photos_arg(env, photo_paths, &paths, &n)) {
        mc_ticket_draft draft = {
            .category_id = category,
            .priority = (mc_ticket_priority)priority,
            .description = text,
            .building_id = building,
            .location_kind = (mc_ticket_location_kind)location_kind,
            .location_id = loc_id,
            .location_name = loc_name,
            .photo_paths = (const char *const *)paths,
            .photo_count = n,
        };
        char id[64];
        mc_error err = MC_ERROR_INIT;
        if (mc_ticket_file(mcj_handle(h)->client, &draft, id, sizeof id, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else
            result = mcj_str(env, id);
    }
    free(category);
    free(text);
    free(building);
    free(loc_id);
    free(loc_name);
    mcj_free_strings(paths, n);
    return result;
}

static jobject tickets_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_ticket_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_tickets_page(mcj_handle(h)->client, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, tk.ticket, list->items, sizeof *list->items, list->count,
                               new_ticket, list->next_cursor);
    mc_ticket_list_free(list);
    return result;
}

static jobject ticket_get(JNIEnv *env, jclass cls, jlong h, jstring id_or_number)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, id_or_number, "id_or_number", &id))
        return NULL;
    mc_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_get(mcj_handle(h)->client, id, &t, &err);
    free(id);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_ticket(env, t);
    mc_ticket_free(t);
    return result;
}

static void ticket_comment(JNIEnv *env, jclass cls, jlong h, jstring id_or_number, jstring text,
                           jobjectArray photo_paths)
{
    (void)cls;
    char *id = NULL, *t = NULL, **paths = NULL;
    size_t n = 0;
    if (mcj_arg(env, id_or_number, "id_or_number", &id) && mcj_arg(env, text, "text", &t) &&
        photos_arg(env, photo_paths, &paths, &n)) {
        mc_error err = MC_ERROR_INIT;
        if (mc_ticket_comment(mcj_handle(h)->client, id, t, (const char *const *)paths, n, &err) !=
            MC_OK)
            mcj_throw_error(env, &err);
    }
    free(id);
    free(t);
    mcj_free_strings(paths, n);
}

/* resolve or reopen: one id, nothing returned. */
static void ticket_act(JNIEnv *env, jlong h, jstring id_or_number,
                       mc_status (*act)(mc_client *, const char *, mc_error *))
{
    char *id = NULL;
    if (!mcj_arg(env, id_or_number, "id_or_number", &id))
        return;
    mc_error err = MC_ERROR_INIT;
    if (act(mcj_handle(h)->client, id, &err) != MC_OK)
        mcj_throw_error(env, &err);
    free(id);
}

static void ticket_resolve(JNIEnv *env, jclass cls, jlong h, jstring id_or_number)
{
    (void)cls;
    ticket_act(env, h, id_or_number, mc_ticket_resolve);
}

static void ticket_reopen(JNIEnv *env, jclass cls, jlong h, jstring id_or_number)
{
    (void)cls;
    ticket_act(env, h, id_or_number, mc_ticket_reopen);
}

static const JNINativeMethod natives[] = {
    {"ticketStateName", "(II)" S, (void *)ticket_state_name},
    {"ticketPriorityParse", "(" S ")I", (void *)ticket_priority_parse},
    {"ticketCategories", "(J)[" PKG "TicketCategory;", (void *)ticket_categories},
    {"ticketCategoryFind", "(J" S ")" PKG "TicketCategory;", (void *)ticket_category_find},
    {"ticketFile", "(J" S "I" S S "I" S S "[" S ")" S, (void *)ticket_file},
    {"ticketsPage", "(JI" S ")" PKG "ListPage;", (void *)tickets_page},
    {"ticketGet", "(J" S ")" PKG "Ticket;", (void *)ticket_get},
    {"ticketComment", "(J" S S "[" S ")V", (void *)ticket_comment},
    {"ticketResolve", "(J" S ")V", (void *)ticket_resolve},
    {"ticketReopen", "(J" S ")V", (void *)ticket_reopen},
};

const mcj_area mcj_tickets_area = MCJ_AREA("tickets", classes, natives);
