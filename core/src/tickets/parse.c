/* tickets/parse.c - a wire ticket object into an mc_ticket: fields, timeline, photos, badge,
 * local times; and the wire names of the ticket enums. */
#include "tickets/parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handle/handle.h"
#include "read/read.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const status_names[] = {"open", "assigned", "in_progress", "resolved", "closed"};
static const char *const priority_names[] = {"low", "normal", "high", "urgent"};
static const char *const location_names[] = {"none", "room", "cabin", "desk"};
static const char *const sla_names[] = {"none", "on_track", "at_risk", "breached", "met"};
static const char *const entry_names[] = {"created", "status", "comment", "photo"};

const char *mc_ticket_priority_name(mc_ticket_priority priority)
{
    return mci_name_of(priority_names, MCI_COUNT(priority_names), (int)priority);
}

const char *mc_ticket_status_name(mc_ticket_status status)
{
    return mci_name_of(status_names, MCI_COUNT(status_names), (int)status);
}

const char *mc_sla_state_name(mc_sla_state state)
{
    return mci_name_of(sla_names, MCI_COUNT(sla_names), (int)state);
}

const char *mc_ticket_location_kind_name(mc_ticket_location_kind kind)
{
    return mci_name_of(location_names, MCI_COUNT(location_names), (int)kind);
}

const char *mc_ticket_entry_type_name(mc_ticket_entry_type type)
{
    return mci_name_of(entry_names, MCI_COUNT(entry_names), (int)type);
}

mc_status mc_ticket_priority_parse(const char *name, mc_ticket_priority *out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    for (size_t i = 0; name != NULL && i < MCI_COUNT(priority_names); i++)
        if (strcasecmp(name, priority_names[i]) == 0) {
            *out = (mc_ticket_priority)i;
            return MC_OK;
        }
    return mci_error_set(err, MC_ERR_INVALID_ARG,
                         "priority: \"%s\" is not one of low, normal, high, urgent",
                         name ? name : "(none)");
}

mc_ticket_status mci_ticket_status_of(const char *name)
{
    return (mc_ticket_status)mci_value_of(status_names, MCI_COUNT(status_names), name,
                                          MC_TICKET_OPEN);
}

mc_ticket_priority mci_ticket_priority_of(const char *name)
{
    return (mc_ticket_priority)mci_value_of(priority_names, MCI_COUNT(priority_names), name,
                                            MC_TICKET_PRIORITY_NORMAL);
}

mc_ticket_location_kind mci_ticket_location_kind_of(const char *name)
{
    return (mc_ticket_location_kind)mci_value_of(location_names, MCI_COUNT(location_names), name,
                                                 MC_TICKET_LOCATION_NONE);
}

mc_sla_state mci_ticket_sla_state(mc_ticket_status status, int64_t now_ms, int64_t at_risk_from_ms,
                                  int64_t resolution_due_ms, int64_t resolved_at_ms,
                                  const char *outcome)
{
    if (resolution_due_ms <= 0)
        return MC_SLA_NONE;
    if (status == MC_TICKET_RESOLVED || status == MC_TICKET_CLOSED) {
        if (outcome != NULL && strcmp(outcome, "met") == 0)
            return MC_SLA_MET;
        if (outcome != NULL && strcmp(outcome, "breached") == 0)
            return MC_SLA_BREACHED;
        if (resolved_at_ms > 0)
            return resolved_at_ms <= resolution_due_ms ? MC_SLA_MET : MC_SLA_BREACHED;
    }
    if (now_ms > resolution_due_ms)
        return MC_SLA_BREACHED;
    if (at_risk_from_ms > 0 && now_ms >= at_risk_from_ms)
        return MC_SLA_AT_RISK;
    return MC_SLA_ON_TRACK;
}

/* Words for a status change when the server sent none. */
static const char *status_words(mc_ticket_status from, mc_ticket_status to)
{
    switch (to) {
    case MC_TICKET_ASSIGNED:
        return from == MC_TICKET_RESOLVED ? "Reopened (assigned)" : "Assigned";
    case MC_TICKET_IN_PROGRESS:
        return "Work started";
    case MC_TICKET_RESOLVED:
        return "Resolved";
    case MC_TICKET_CLOSED:
        return "Closed";
    case MC_TICKET_OPEN:
        return "Reopened";
    }
    return "Status changed";
}

static char **string_array(const cJSON *arr, size_t *count)
{
    *count = 0;
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    char **out = calloc((size_t)n + 1, sizeof *out);
    if (out == NULL)
        return NULL;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, arr)
    {
        if (!cJSON_IsString(item))
            continue;
        if ((out[*count] = mci_strdup(item->valuestring)) == NULL) {
            for (size_t i = 0; i < *count; i++)
                free(out[i]);
            free(out);
            *count = 0;
            return NULL;
        }
        (*count)++;
    }
    return out;
}

static bool entry_from_json(const cJSON *e, bool member_view, mc_ticket_entry *out)
{
    memset(out, 0, sizeof *out);
    out->id = mci_strdup(mci_json_string(e, "id", ""));
    out->at_ms = mci_json_int(e, "at_ms", 0);
    out->type =
        (mc_ticket_entry_type)mci_value_of(entry_names, MCI_COUNT(entry_names),
                                           mci_json_string(e, "type", ""), MC_TICKET_ENTRY_COMMENT);
    const cJSON *author = cJSON_GetObjectItemCaseSensitive(e, "author");
    const char *role = mci_json_string(author, "role", "system");
    out->author_role = mci_strdup(role);
    out->author_name = mci_strdup(
        member_view && strcmp(role, "member") == 0 ? "You" : mci_json_string(author, "name", ""));
    out->from = mci_ticket_status_of(mci_json_string(e, "from", NULL));
    out->to = mci_ticket_status_of(mci_json_string(e, "to", NULL));
    const char *text = mci_json_string(e, "text", NULL);
    if (text == NULL && out->type == MC_TICKET_ENTRY_STATUS)
        text = status_words(out->from, out->to);
    out->text = mci_strdup(text);
    out->photo_ids =
        string_array(cJSON_GetObjectItemCaseSensitive(e, "photo_ids"), &out->photo_count);
    return out->id && out->author_role && out->author_name && out->text && out->photo_ids;
}

static bool photo_from_json(const cJSON *p, mc_ticket_photo *out)
{
    memset(out, 0, sizeof *out);
    out->id = mci_strdup(mci_json_string(p, "id", ""));
    out->comment_id = mci_strdup(mci_json_string(p, "comment_id", ""));
    out->content_type = mci_strdup(mci_json_string(p, "content_type", ""));
    out->bytes = mci_json_int(p, "bytes", 0);
    out->uploaded = mci_json_bool(p, "uploaded", false);
    out->sent_bytes = out->uploaded ? out->bytes : 0;
    out->local_path = mci_strdup("");
    out->failure = mci_strdup("");
    return out->id && out->comment_id && out->content_type && out->local_path && out->failure;
}

static bool is_internal(const cJSON *e)
{
    return mci_json_bool(e, "internal", false) ||
           strcmp(mci_json_string(e, "type", ""), "note") == 0;
}

static mc_status read_lists(const cJSON *obj, bool member_view, mc_ticket *t, mc_error *err)
{
    const cJSON *timeline = cJSON_GetObjectItemCaseSensitive(obj, "timeline");
    const cJSON *photos = cJSON_GetObjectItemCaseSensitive(obj, "photos");
    int entries = cJSON_IsArray(timeline) ? cJSON_GetArraySize(timeline) : 0;
    int pictures = cJSON_IsArray(photos) ? cJSON_GetArraySize(photos) : 0;
    t->timeline = calloc((size_t)entries + 1, sizeof *t->timeline);
    t->photos = calloc((size_t)pictures + 1, sizeof *t->photos);
    if (t->timeline == NULL || t->photos == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, timeline)
    {
        if (!cJSON_IsObject(item) || is_internal(item))
            continue;
        bool ok = entry_from_json(item, member_view, &t->timeline[t->timeline_count]);
        t->timeline_count++;
        if (!ok)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    cJSON_ArrayForEach(item, photos)
    {
        if (!cJSON_IsObject(item))
            continue;
        bool ok = photo_from_json(item, &t->photos[t->photo_count]);
        t->photo_count++;
        if (!ok)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        if (!t->photos[t->photo_count - 1].uploaded)
            t->photos_waiting++;
    }
    return MC_OK;
}

mc_status mci_ticket_from_json(const cJSON *obj, int64_t now_ms, bool member_view, mc_ticket *out,
                               mc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *id = NULL;
    if (!cJSON_IsObject(obj))
        return mci_error_set(err, MC_ERR_SERVER, "the server sent a ticket that is not an object");
    mc_status st = mci_json_require_string(obj, "id", &id, err);
    if (st != MC_OK)
        return st;
    out->id = mci_strdup(id);
    out->number = mci_strdup(mci_json_string(obj, "number", ""));
    out->building_id = mci_strdup(mci_json_string(obj, "building_id", ""));
    out->category_id = mci_strdup(mci_json_string(obj, "category_id", ""));
    out->category_path = mci_strdup("");
    out->priority = mci_ticket_priority_of(mci_json_string(obj, "priority", NULL));
    out->description = mci_strdup(mci_json_string(obj, "description", ""));
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(obj, "location");
    out->location_kind = cJSON_IsObject(loc)
                             ? mci_ticket_location_kind_of(mci_json_string(loc, "kind", NULL))
                             : MC_TICKET_LOCATION_NONE;
    out->location_id = mci_strdup(mci_json_string(loc, "id", ""));
    out->location_name = mci_strdup(mci_json_string(loc, "name", ""));
    out->status = mci_ticket_status_of(mci_json_string(obj, "status", NULL));
    out->assignee_name = mci_strdup(mci_json_string(obj, "assignee_name", ""));
    out->created_at_ms = mci_json_int(obj, "created_at_ms", 0);
    out->updated_at_ms = mci_json_int(obj, "updated_at_ms", 0);
    out->resolved_at_ms = mci_json_int(obj, "resolved_at_ms", 0);
    out->closed_at_ms = mci_json_int(obj, "closed_at_ms", 0);
    out->reopen_until_ms = mci_json_int(obj, "reopen_until_ms", 0);
    const cJSON *sla = cJSON_GetObjectItemCaseSensitive(obj, "sla");
    out->response_due_ms = mci_json_int(sla, "response_due_ms", 0);
    out->resolution_due_ms = mci_json_int(sla, "resolution_due_ms", 0);
    out->at_risk_from_ms = mci_json_int(sla, "at_risk_from_ms", 0);
    out->responded_at_ms = mci_json_int(sla, "responded_at_ms", 0);
    out->sla =
        mci_ticket_sla_state(out->status, now_ms, out->at_risk_from_ms, out->resolution_due_ms,
                             out->resolved_at_ms, mci_json_string(sla, "outcome", NULL));
    if (!out->id || !out->number || !out->building_id || !out->category_id || !out->category_path ||
        !out->description || !out->location_id || !out->location_name || !out->assignee_name)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    return read_lists(obj, member_view, out, err);
}

mc_status mci_ticket_localize(mci_zone_book *book, void *item, mc_error *err)
{
    mc_ticket *t = item;
    const char *b = t->building_id;
    struct {
        int64_t ms;
        mc_local_time *at;
    } times[] = {
        {t->created_at_ms, &t->created_at},         {t->updated_at_ms, &t->updated_at},
        {t->resolved_at_ms, &t->resolved_at},       {t->closed_at_ms, &t->closed_at},
        {t->reopen_until_ms, &t->reopen_until},     {t->response_due_ms, &t->response_due},
        {t->resolution_due_ms, &t->resolution_due},
    };
    mc_status st = MC_OK;
    for (size_t i = 0; st == MC_OK && i < MCI_COUNT(times); i++)
        st = mci_zone_book_local(book, b, times[i].ms, times[i].at, err);
    for (size_t i = 0; st == MC_OK && i < t->timeline_count; i++)
        st = mci_zone_book_local(book, b, t->timeline[i].at_ms, &t->timeline[i].at, err);
    return st;
}

mc_status mci_ticket_category_path(sqlite3 *db, mci_stmt_cache *stmts, const char *category_id,
                                   char **out, mc_error *err)
{
    *out = NULL;
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        stmts, "SELECT CASE WHEN p.id IS NULL THEN c.name ELSE p.name || '/' || c.name END "
               "FROM ticket_category_row c LEFT JOIN ticket_category_row p ON p.id = c.parent_id "
               "WHERE c.id = ?1");
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading the ticket's category");
    sqlite3_bind_text(stmt, 1, category_id ? category_id : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = mci_strdup(mci_column_text(stmt, 0));
    else if (rc == SQLITE_DONE)
        *out = mci_strdup(category_id);
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return mci_store_fail(db, err, "reading the ticket's category");
    return *out ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
}

mc_status mci_ticket_from_json_in(mc_client *c, const cJSON *obj, bool member_view, mc_ticket *out,
                                  mc_error *err)
{
    mc_status st = mci_ticket_from_json(obj, mci_client_now(c), member_view, out, err);
    mci_reader *r = NULL;
    if (st == MC_OK)
        st = mci_read_begin_any(c->readers, &r, err);
    mci_zone_book *book = NULL;
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &book, err);
    if (st == MC_OK)
        st = mci_ticket_localize(book, out, err);
    char *path = NULL;
    if (st == MC_OK)
        st = mci_ticket_category_path(r->db, r->stmts, out->category_id, &path, err);
    if (st == MC_OK) {
        free(out->category_path);
        out->category_path = path;
    }
    mci_zone_book_free(book);
    mci_read_end(c->readers, r);
    if (st != MC_OK)
        mci_ticket_clear(out);
    return st;
}

void mci_ticket_entry_clear(mc_ticket_entry *e)
{
    free(e->id);
    free(e->author_role);
    free(e->author_name);
    free(e->text);
    for (size_t i = 0; e->photo_ids != NULL && e->photo_ids[i] != NULL; i++)
        free(e->photo_ids[i]);
    free(e->photo_ids);
    memset(e, 0, sizeof *e);
}

void mci_ticket_photo_clear(mc_ticket_photo *p)
{
    free(p->id);
    free(p->comment_id);
    free(p->content_type);
    free(p->local_path);
    free(p->failure);
    memset(p, 0, sizeof *p);
}

void mci_ticket_clear(mc_ticket *t)
{
    if (t == NULL)
        return;
    free(t->id);
    free(t->number);
    free(t->building_id);
    free(t->category_id);
    free(t->category_path);
    free(t->description);
    free(t->location_id);
    free(t->location_name);
    free(t->assignee_name);
    for (size_t i = 0; t->timeline != NULL && i < t->timeline_count; i++)
        mci_ticket_entry_clear(&t->timeline[i]);
    free(t->timeline);
    for (size_t i = 0; t->photos != NULL && i < t->photo_count; i++)
        mci_ticket_photo_clear(&t->photos[i]);
    free(t->photos);
    memset(t, 0, sizeof *t);
}

void mc_ticket_free(mc_ticket *ticket)
{
    mci_ticket_clear(ticket);
    free(ticket);
}
