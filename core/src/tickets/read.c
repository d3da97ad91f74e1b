/* tickets/read.c - the member's tickets from the local store: a ticket looked up by id or
 * number, the list (active first, newest first) and one ticket with its timeline and
 * photos, this device's queued changes shown as pending. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "read/items.h"
#include "read/list.h"
#include "read/read.h"
#include "store/store.h"
#include "tickets/parse.h"
#include "tickets/states.h"
#include "tickets/tickets.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/* The outbox rows of a ticket that are still this device's (waiting, in flight, or
 * accepted and not yet pulled: a refused one drops out). */
#define QUEUED "o.state IN (0, 1, 3)"

/* The path of the category in column expression `id`. */
#define CATEGORY_PATH(id)                                                                          \
    "coalesce((SELECT CASE WHEN cp.id IS NULL THEN cc.name ELSE cp.name || '/' || cc.name END "    \
    "FROM ticket_category_row cc LEFT JOIN ticket_category_row cp ON cp.id = cc.parent_id "        \
    "WHERE cc.id = " id "), " id ")"

/* Whether the outbox holds any ticket change at all, and whether any photo upload is
 * known: uncorrelated, so SQLite works each out once per statement, and a row's own outbox
 * and upload lookups below are skipped when there is nothing to find (the usual case). */
#define ANY_TICKET_CHANGE                                                                          \
    "(SELECT EXISTS (SELECT 1 FROM outbox o WHERE o.kind IN ('ticket.create', 'ticket.comment', "  \
    "'ticket.resolve', 'ticket.reopen')))"
#define ANY_UPLOAD "(SELECT EXISTS (SELECT 1 FROM upload))"

/* The latest queued resolve or reopen of the ticket with id expression `id`. */
#define LATEST_MOVE(id)                                                                            \
    "CASE WHEN " ANY_TICKET_CHANGE " THEN (SELECT o.kind FROM outbox o WHERE o.kind IN "           \
    "('ticket.resolve', 'ticket.reopen') AND o.entity_id = " id " AND o.user_id = ?4 AND " QUEUED  \
    " ORDER BY o.mutation_id DESC LIMIT 1) END"

#define ANY_QUEUED(id)                                                                             \
    "CASE WHEN " ANY_TICKET_CHANGE " THEN EXISTS (SELECT 1 FROM outbox o WHERE o.kind IN "         \
    "('ticket.create', 'ticket.comment', 'ticket.resolve', 'ticket.reopen') AND o.entity_id = " id \
    " AND o.user_id = ?4 AND " QUEUED ") ELSE 0 END"

#define WAITING(id)                                                                                \
    "CASE WHEN " ANY_UPLOAD " THEN (SELECT count(*) FROM upload u WHERE u.entity_id = " id         \
    " AND u.state = 'waiting') ELSE 0 END"
#define FAILED(id)                                                                                 \
    "CASE WHEN " ANY_UPLOAD " THEN (SELECT count(*) FROM upload u WHERE u.entity_id = " id         \
    " AND u.state = 'failed') ELSE 0 END"

/* A ticket by id or number (?1) for the member ?4: server truth, else a filing waiting here.
 * Columns: id, number, building, status, assigned, reopen_until_ms, on the server, the
 * latest queued move, whether anything is queued. */
#define LOOKUP_SERVER                                                                              \
    "SELECT t.id, t.number, t.building_id, t.status, t.assignee_name != '', t.reopen_until_ms, "   \
    "1, " LATEST_MOVE("t.id") ", " ANY_QUEUED(                                                     \
        "t.id") " FROM ticket_row t "                                                              \
                "WHERE t.id = ?1 OR upper(t.number) = upper(?1)"
#define LOOKUP_PENDING                                                                             \
    "SELECT p.ticket_id, '', p.building_id, 'open', 0, 0, 0, " LATEST_MOVE(                        \
        "p.ticket_id") ", 1 "                                                                      \
                       "FROM pending_ticket p JOIN outbox o ON o.mutation_id = p.mutation_id "     \
                       "WHERE p.ticket_id = ?1 AND p.user_id = ?4 AND " QUEUED
#define LOOKUP_SQL LOOKUP_SERVER " UNION ALL " LOOKUP_PENDING " LIMIT 1"

const char *mci_ticket_ref_name(const mci_ticket_ref *t)
{
    return t->number[0] != '\0' ? t->number : "your ticket (not yet on the server)";
}

static mc_ticket_status apply_move(mc_ticket_status status, const char *kind, bool assigned)
{
    if (kind == NULL)
        return status;
    if (strcmp(kind, "ticket.resolve") == 0)
        return MC_TICKET_RESOLVED;
    if (strcmp(kind, "ticket.reopen") == 0)
        return assigned ? MC_TICKET_ASSIGNED : MC_TICKET_OPEN;
    return status;
}

mc_status mci_ticket_lookup(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                            const char *id_or_number, mci_ticket_ref *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    if (id_or_number == NULL || id_or_number[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a ticket id or number is required");
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, LOOKUP_SQL);
    if (stmt == NULL)
        return mci_store_fail(db, err, "looking up the ticket");
    sqlite3_bind_text(stmt, 1, id_or_number, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, user_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    if (rc == SQLITE_ROW) {
        mci_strlcpy(out->id, mci_column_text(stmt, 0), sizeof out->id);
        mci_strlcpy(out->number, mci_column_text(stmt, 1), sizeof out->number);
        mci_strlcpy(out->building_id, mci_column_text(stmt, 2), sizeof out->building_id);
        out->assigned = sqlite3_column_int(stmt, 4) != 0;
        out->reopen_until_ms = sqlite3_column_int64(stmt, 5);
        out->on_server = sqlite3_column_int(stmt, 6) != 0;
        out->status = apply_move(mci_ticket_status_of(mci_column_text(stmt, 3)),
                                 (const char *)sqlite3_column_text(stmt, 7), out->assigned);
        out->pending = sqlite3_column_int(stmt, 8) != 0;
    } else if (rc == SQLITE_DONE) {
        st = mci_error_set(err, MC_ERR_NOT_FOUND,
                           "no ticket \"%s\" among your tickets on this device (sync to see "
                           "the latest)",
                           id_or_number);
    } else {
        st = mci_store_fail(db, err, "looking up the ticket");
    }
    sqlite3_reset(stmt);
    return st;
}

/* ---- The list ------------------------------------------------------------------------ */

/* The sort key: list rank (0 active, 1 resolved, 2 closed) then newest first, as one
 * descending number ((2 - rank) * 2^42 + created_at_ms); a filing waiting here is active. */
#define RANK_UNIT "4398046511104"
/* The columns after the SLA outcome: photos waiting, latest move, anything queued, photos
 * failed. A server ticket's waiting photos are the ones it lacks less the failed ones here. */
#define SERVER_WAITING_SQL                                                                         \
    "max(t.photo_count - t.photos_uploaded - " FAILED("t.id") ", " WAITING("t.id") ")"
#define SERVER_TAIL_SQL                                                                            \
    SERVER_WAITING_SQL ", " LATEST_MOVE("t.id") ", " ANY_QUEUED("t.id") ", " FAILED("t.id")
#define PENDING_TAIL_SQL                                                                           \
    WAITING("p.ticket_id") ", " LATEST_MOVE("p.ticket_id") ", 1, " FAILED("p.ticket_id")
#define LIST_SERVER                                                                                \
    "SELECT (2 - t.list_rank) * " RANK_UNIT " + t.created_at_ms AS k, t.id AS id, t.number, "      \
    "t.building_id, t.category_id, " CATEGORY_PATH(                                                \
        "t.category_id") ", t.priority, "                                                          \
                         "t.description, t.location_kind, t.location_id, t.location_name, "        \
                         "t.status, "                                                              \
                         "t.assignee_name, t.created_at_ms, t.updated_at_ms, t.resolved_at_ms, "   \
                         "t.closed_at_ms, "                                                        \
                         "t.reopen_until_ms, t.response_due_ms, t.resolution_due_ms, "             \
                         "t.at_risk_from_ms, "                                                     \
                         "t.responded_at_ms, t.sla_outcome, " SERVER_TAIL_SQL " FROM ticket_row t"
#define LIST_PENDING                                                                               \
    "SELECT 2 * " RANK_UNIT                                                                        \
    " + p.created_at_ms, p.ticket_id, '', p.building_id, p.category_id, " CATEGORY_PATH(           \
        "p.category_id") ", p.priority, p.description, p.location_kind, "                          \
                         "p.location_id, p.location_name, 'open', '', p.created_at_ms, "           \
                         "p.created_at_ms, 0, 0, 0, 0, "                                           \
                         "0, 0, 0, '', " PENDING_TAIL_SQL                                          \
                         " FROM pending_ticket p JOIN outbox o ON "                                \
                         "o.mutation_id = p.mutation_id WHERE p.user_id = ?4 AND " QUEUED          \
                         " AND NOT EXISTS "                                                        \
                         "(SELECT 1 FROM ticket_row x WHERE x.id = p.ticket_id)"
/* A page's keys first (list rank and age from ticket_row's list index, the pending filings'
 * from the outbox), then each row's columns for those keys only: the queued moves, photo
 * counts and category paths are worked out for a page, never for every ticket. server_where
 * picks the server rows. */
#define PAGE_OF(server_where)                                                                      \
    "WITH page AS (SELECT k, id FROM (SELECT (2 - t.list_rank) * " RANK_UNIT                       \
    " + t.created_at_ms AS k, t.id AS id FROM ticket_row t " server_where " UNION ALL SELECT "     \
    "2 * " RANK_UNIT " + p.created_at_ms, p.ticket_id FROM pending_ticket p JOIN outbox o ON "     \
    "o.mutation_id = p.mutation_id WHERE p.user_id = ?4 AND " QUEUED " AND NOT EXISTS (SELECT 1 "  \
    "FROM ticket_row x WHERE x.id = p.ticket_id)) WHERE (k, id) < (?1, ?2) "                       \
    "ORDER BY k DESC, id DESC LIMIT ?3) "                                                          \
    "SELECT * FROM (" LIST_SERVER " WHERE t.id IN (SELECT id FROM page) UNION ALL " LIST_PENDING   \
    " AND p.ticket_id IN (SELECT id FROM page)) ORDER BY k DESC, id DESC"
static const mci_list_query tickets_query = {PAGE_OF(""), "reading tickets", MCI_KEY_INT_DESC};
/* The active ones only (and a resolved one whose reopen is queued here), in the same order:
 * the resolved and closed history is never stepped over. */
static const mci_list_query open_query = {
    PAGE_OF("WHERE t.list_rank = 0 OR t.id IN (SELECT o.entity_id FROM outbox o WHERE o.kind = "
            "'ticket.reopen' AND o.user_id = ?4 AND " QUEUED ")"),
    "reading open tickets", MCI_KEY_INT_DESC};

typedef struct list_context {
    const char *user_id;
    int64_t now_ms;
} list_context;

static void bind_tickets(sqlite3_stmt *stmt, void *context)
{
    sqlite3_bind_text(stmt, 4, ((list_context *)context)->user_id, -1, SQLITE_STATIC);
}

static bool read_ticket_row(sqlite3_stmt *row, void *item, void *context)
{
    mc_ticket *t = item;
    memset(t, 0, sizeof *t);
    t->id = mci_strdup(mci_column_text(row, 1));
    t->number = mci_strdup(mci_column_text(row, 2));
    t->building_id = mci_strdup(mci_column_text(row, 3));
    t->category_id = mci_strdup(mci_column_text(row, 4));
    t->category_path = mci_strdup(mci_column_text(row, 5));
    t->priority = mci_ticket_priority_of(mci_column_text(row, 6));
    t->description = mci_strdup(mci_column_text(row, 7));
    t->location_kind = mci_ticket_location_kind_of(mci_column_text(row, 8));
    t->location_id = mci_strdup(mci_column_text(row, 9));
    t->location_name = mci_strdup(mci_column_text(row, 10));
    t->assignee_name = mci_strdup(mci_column_text(row, 12));
    t->status = apply_move(mci_ticket_status_of(mci_column_text(row, 11)),
                           (const char *)sqlite3_column_text(row, 24),
                           t->assignee_name && t->assignee_name[0]);
    t->created_at_ms = sqlite3_column_int64(row, 13);
    t->updated_at_ms = sqlite3_column_int64(row, 14);
    t->resolved_at_ms = sqlite3_column_int64(row, 15);
    t->closed_at_ms = sqlite3_column_int64(row, 16);
    t->reopen_until_ms = sqlite3_column_int64(row, 17);
    t->response_due_ms = sqlite3_column_int64(row, 18);
    t->resolution_due_ms = sqlite3_column_int64(row, 19);
    t->at_risk_from_ms = sqlite3_column_int64(row, 20);
    t->responded_at_ms = sqlite3_column_int64(row, 21);
    t->sla =
        mci_ticket_sla_state(t->status, ((list_context *)context)->now_ms, t->at_risk_from_ms,
                             t->resolution_due_ms, t->resolved_at_ms, mci_column_text(row, 22));
    t->photos_waiting = sqlite3_column_int(row, 23);
    t->pending = sqlite3_column_int(row, 25) != 0;
    t->photos_failed = sqlite3_column_int(row, 26);
    return t->id && t->number && t->building_id && t->category_id && t->category_path &&
           t->description && t->location_id && t->location_name && t->assignee_name;
}

void mc_ticket_list_free(mc_ticket_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        mci_ticket_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

mc_status mci_tickets_read(mci_reader *r, int64_t now_ms, bool open_only, const mci_page *page,
                           mc_ticket_list *list, mc_error *err)
{
    list_context context = {r->user_id, now_ms};
    mc_status st = mci_read_rows(r, open_only ? &open_query : &tickets_query, page, bind_tickets,
                                 read_ticket_row, &context, (void **)&list->items,
                                 sizeof *list->items, &list->count, &list->next_cursor, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                mci_ticket_localize, err);
    return st;
}

static mc_status list_tickets(mc_client *c, const void *args, const mci_page *page, void **out,
                              mc_error *err)
{
    (void)args;
    mc_ticket_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_tickets_read(r, mci_client_now(c), false, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_ticket_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_tickets_page(mc_client *c, const mc_page *page, mc_ticket_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_tickets, NULL, (void **)out, err);
}

/* ---- One ticket ---------------------------------------------------------------------- */

static mc_status no_memory(mc_error *err)
{
    return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
}

/* Room for one more entry (or photo) at the end of an array of count. */
static void *grow(void *array, size_t count, size_t size)
{
    void *bigger = realloc(array, (count + 2) * size);
    if (bigger != NULL)
        memset((char *)bigger + count * size, 0, 2 * size);
    return bigger;
}

/* The photo ids a queued write declares (its payload's photos) into e->photo_ids (NULL when
 * out of memory). */
static void declared_photos(const cJSON *payload, mc_ticket_entry *e)
{
    const cJSON *photos = cJSON_GetObjectItemCaseSensitive(payload, "photos");
    e->photo_ids = calloc((size_t)cJSON_GetArraySize(photos) + 1, sizeof *e->photo_ids);
    const cJSON *p = NULL;
    cJSON_ArrayForEach(p, photos) if (e->photo_ids != NULL)
    {
        if ((e->photo_ids[e->photo_count] = mci_strdup(mci_json_string(p, "photo_id", ""))))
            e->photo_count++;
    }
}

/* The synced ticket, parsed. */
static mc_status load_server(mci_reader *r, const char *id, int64_t now_ms, mc_ticket *t,
                             mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(
        r, "SELECT data FROM entity WHERE kind = 'ticket' AND id = ?1", "reading the ticket", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        st = mci_read_fail(r, "reading the ticket", err);
    } else {
        cJSON *obj = cJSON_Parse(mci_column_text(stmt, 0));
        st = obj ? mci_ticket_from_json(obj, now_ms, true, t, err)
                 : mci_error_set(err, MC_ERR_STORAGE, "the stored ticket %s is not JSON", id);
        cJSON_Delete(obj);
    }
    sqlite3_reset(stmt);
    return st;
}

/* A filing still on this device: its fields and its "created" entry, with its photos. */
static mc_status load_pending(mci_reader *r, const char *id, mc_ticket *t, mc_error *err)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *stmt = mci_read_stmt(
        r,
        "SELECT p.building_id, p.category_id, p.priority, p.description, p.location_kind, "
        "p.location_id, p.location_name, p.created_at_ms, o.payload FROM pending_ticket p "
        "JOIN outbox o ON o.mutation_id = p.mutation_id WHERE p.ticket_id = ?1 "
        "ORDER BY p.mutation_id DESC LIMIT 1",
        "reading the ticket", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        st = mci_read_fail(r, "reading the ticket", err);
        sqlite3_reset(stmt);
        return st;
    }
    t->id = mci_strdup(id);
    t->number = mci_strdup("");
    t->building_id = mci_strdup(mci_column_text(stmt, 0));
    t->category_id = mci_strdup(mci_column_text(stmt, 1));
    t->category_path = mci_strdup("");
    t->priority = mci_ticket_priority_of(mci_column_text(stmt, 2));
    t->description = mci_strdup(mci_column_text(stmt, 3));
    t->location_kind = mci_ticket_location_kind_of(mci_column_text(stmt, 4));
    t->location_id = mci_strdup(mci_column_text(stmt, 5));
    t->location_name = mci_strdup(mci_column_text(stmt, 6));
    t->assignee_name = mci_strdup("");
    t->status = MC_TICKET_OPEN;
    t->created_at_ms = t->updated_at_ms = sqlite3_column_int64(stmt, 7);
    t->pending = true;
    t->timeline = calloc(2, sizeof *t->timeline);
    cJSON *payload = cJSON_Parse(mci_column_text(stmt, 8));
    sqlite3_reset(stmt);
    if (!t->id || !t->number || !t->building_id || !t->category_id || !t->category_path ||
        !t->description || !t->location_id || !t->location_name || !t->assignee_name ||
        !t->timeline) {
        cJSON_Delete(payload);
        return no_memory(err);
    }
    mc_ticket_entry *e = &t->timeline[t->timeline_count++];
    e->type = MC_TICKET_ENTRY_CREATED;
    e->at_ms = t->created_at_ms;
    e->to = MC_TICKET_OPEN;
    e->pending = true;
    e->id = mci_strdup(id);
    e->author_role = mci_strdup("member");
    e->author_name = mci_strdup("You");
    e->text = mci_strdup("");
    declared_photos(payload, e);
    cJSON_Delete(payload);
    if (!e->id || !e->author_role || !e->author_name || !e->text || !e->photo_ids)
        return no_memory(err);
    return MC_OK;
}

/* A refusal's words for the member; never empty for a failed photo. */
static const char *failure_text(const char *message)
{
    return message[0] != '\0' ? message : "the server refused it";
}

/* Each photo's upload state from this device's queue; photos of queued comments (not yet
 * on the server) appended. */
static mc_status overlay_photos(mci_reader *r, mc_ticket *t, mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(
        r,
        "SELECT u.id, u.content_type, u.bytes, u.sent_bytes, u.state, u.local_path, "
        "CASE WHEN o.kind = 'ticket.comment' THEN json_extract(o.payload, '$.comment_id') END, "
        "o.state IN (0, 1, 3), u.error_message FROM upload u LEFT JOIN outbox o ON o.mutation_id = "
        "u.mutation_id "
        "WHERE u.entity_id = ?1 ORDER BY u.mutation_id, u.rowid",
        "reading the ticket's photos", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, t->id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    int rc;
    t->photos_waiting = 0;
    t->photos_failed = 0;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *id = mci_column_text(stmt, 0);
        bool done = strcmp(mci_column_text(stmt, 4), "done") == 0;
        bool refused = strcmp(mci_column_text(stmt, 4), "failed") == 0;
        mc_ticket_photo *p = NULL;
        for (size_t i = 0; i < t->photo_count && p == NULL; i++)
            if (strcmp(t->photos[i].id, id) == 0)
                p = &t->photos[i];
        if (p == NULL) {
            if (sqlite3_column_int(stmt, 7) == 0)
                continue; /* its write was refused (or is gone): not the ticket's */
            mc_ticket_photo *more = grow(t->photos, t->photo_count, sizeof *more);
            if (more == NULL) {
                st = no_memory(err);
                break;
            }
            t->photos = more;
            p = &t->photos[t->photo_count++];
            p->id = mci_strdup(id);
            p->comment_id = mci_strdup(mci_column_text(stmt, 6));
            p->content_type = mci_strdup(mci_column_text(stmt, 1));
            p->bytes = sqlite3_column_int64(stmt, 2);
            if (!p->id || !p->comment_id || !p->content_type) {
                st = no_memory(err);
                break;
            }
        }
        p->uploaded = p->uploaded || done;
        p->sent_bytes = p->uploaded ? p->bytes : sqlite3_column_int64(stmt, 3);
        free(p->local_path);
        p->failed = refused && !p->uploaded;
        p->local_path =
            mci_strdup(done || p->uploaded || p->failed ? "" : mci_column_text(stmt, 5));
        free(p->failure);
        p->failure = mci_strdup(p->failed ? failure_text(mci_column_text(stmt, 8)) : "");
        if (p->local_path == NULL || p->failure == NULL)
            st = no_memory(err);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading the ticket's photos", err);
    sqlite3_reset(stmt);
    for (size_t i = 0; i < t->photo_count; i++) {
        if (t->photos[i].failed)
            t->photos_failed++;
        else if (!t->photos[i].uploaded)
            t->photos_waiting++;
    }
    return st;
}

static bool has_entry(const mc_ticket *t, const char *id)
{
    for (size_t i = 0; i < t->timeline_count; i++)
        if (strcmp(t->timeline[i].id, id) == 0)
            return true;
    return false;
}

/* One queued comment, resolve or reopen as a pending entry (status changes applied). */
static mc_status pending_entry(mc_ticket *t, const char *kind, const cJSON *payload,
                               int64_t mutation_id, int64_t at_ms, mc_error *err)
{
    bool comment = strcmp(kind, "ticket.comment") == 0;
    const char *comment_id = mci_json_string(payload, "comment_id", "");
    if (comment && comment_id[0] != '\0' && has_entry(t, comment_id))
        return MC_OK; /* already in server truth */
    mc_ticket_entry *more = grow(t->timeline, t->timeline_count, sizeof *more);
    if (more == NULL)
        return no_memory(err);
    t->timeline = more;
    mc_ticket_entry *e = &t->timeline[t->timeline_count++];
    char id[48];
    snprintf(id, sizeof id, "pending-%lld", (long long)mutation_id);
    e->id = mci_strdup(comment && comment_id[0] ? comment_id : id);
    e->at_ms = at_ms;
    e->pending = true;
    e->author_role = mci_strdup("member");
    e->author_name = mci_strdup("You");
    if (comment) {
        e->type = MC_TICKET_ENTRY_COMMENT;
        e->text = mci_strdup(mci_json_string(payload, "text", ""));
    } else {
        e->type = MC_TICKET_ENTRY_STATUS;
        e->from = t->status;
        e->to = apply_move(t->status, kind, t->assignee_name[0] != '\0');
        e->text = mci_strdup(e->to == MC_TICKET_RESOLVED ? "Resolved by you" : "Reopened by you");
        t->status = e->to;
    }
    declared_photos(payload, e);
    if (!e->id || !e->author_role || !e->author_name || !e->text || !e->photo_ids)
        return no_memory(err);
    t->pending = true;
    return MC_OK;
}

static mc_status overlay_queued(mci_reader *r, mc_ticket *t, mc_error *err)
{
    sqlite3_stmt *stmt =
        mci_read_stmt(r,
                      "SELECT o.mutation_id, o.kind, o.payload, o.created_at_ms FROM outbox o "
                      "WHERE o.kind IN ('ticket.comment', 'ticket.resolve', 'ticket.reopen') AND "
                      "o.entity_id = ?1 AND o.user_id = ?2 AND " QUEUED " ORDER BY o.mutation_id",
                      "reading the ticket's queued changes", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, t->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->user_id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    int rc;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cJSON *payload = cJSON_Parse(mci_column_text(stmt, 2));
        st = pending_entry(t, mci_column_text(stmt, 1), payload, sqlite3_column_int64(stmt, 0),
                           sqlite3_column_int64(stmt, 3), err);
        cJSON_Delete(payload);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading the ticket's queued changes", err);
    sqlite3_reset(stmt);
    return st;
}

static mc_status read_one(mc_client *c, mci_reader *r, const char *id_or_number, mc_ticket *t,
                          mc_error *err)
{
    mci_ticket_ref ref;
    mc_status st = mci_ticket_lookup(r->db, r->stmts, r->user_id, id_or_number, &ref, err);
    if (st != MC_OK)
        return st;
    st = ref.on_server ? load_server(r, ref.id, mci_client_now(c), t, err)
                       : load_pending(r, ref.id, t, err);
    char *path = NULL;
    if (st == MC_OK)
        st = mci_ticket_category_path(r->db, r->stmts, t->category_id, &path, err);
    if (st == MC_OK) {
        free(t->category_path);
        t->category_path = path;
        st = overlay_photos(r, t, err);
    }
    if (st == MC_OK)
        st = overlay_queued(r, t, err);
    if (st == MC_OK)
        t->pending = t->pending || ref.pending;
    mci_zone_book *book = NULL;
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &book, err);
    if (st == MC_OK)
        st = mci_ticket_localize(book, t, err);
    mci_zone_book_free(book);
    return st;
}

mc_status mc_ticket_get(mc_client *c, const char *id_or_number, mc_ticket **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (id_or_number == NULL || id_or_number[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a ticket id or number is required");
    mc_ticket *t = calloc(1, sizeof *t);
    if (t == NULL)
        return no_memory(err);
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = read_one(c, r, id_or_number, t, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_ticket_free(t);
        return st;
    }
    *out = t;
    return MC_OK;
}
