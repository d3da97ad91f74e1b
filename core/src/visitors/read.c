/* visitors/read.c - the member's visitors from the local store (server truth in visitor_row,
 * invitations still queued here in pending_visitor), this device's queued cancel or
 * decision shown at once: one visitor, and the list (upcoming or all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "read/read.h"
#include "rules/zone.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"
#include "visitors/rules.h"
#include "visitors/visitor.h"

/* The outbox rows that are still this device's (waiting, in flight, or accepted and not
 * yet pulled: a refused one drops out, which rolls its effect back). */
#define QUEUED "o.state IN (0, 1, 3)"

/* Whether the outbox holds any visitor change at all: uncorrelated, so SQLite works it out
 * once per statement, and a row's own outbox lookups below are skipped when there is nothing
 * to find (the usual case). */
#define ANY_VISITOR_CHANGE                                                                         \
    "(SELECT EXISTS (SELECT 1 FROM outbox o WHERE o.kind IN ('visitor.invite', "                   \
    "'visitor.cancel', 'visitor.decide')))"

/* The latest queued cancel or decision of visitor `id` for member ?1, as a word. */
#define LATEST_MOVE(id)                                                                            \
    "CASE WHEN " ANY_VISITOR_CHANGE " THEN (SELECT CASE o.kind WHEN 'visitor.cancel' THEN "        \
    "'cancel' ELSE json_extract(o.payload, '$.decision') END FROM outbox o WHERE o.kind IN "       \
    "('visitor.cancel', 'visitor.decide') AND o.entity_id = " id " AND o.user_id = ?1 AND " QUEUED \
    " ORDER BY o.mutation_id DESC LIMIT 1) END"

#define ANY_QUEUED(id)                                                                             \
    "CASE WHEN " ANY_VISITOR_CHANGE " THEN EXISTS (SELECT 1 FROM outbox o WHERE o.kind IN "        \
    "('visitor.invite', 'visitor.cancel', 'visitor.decide') AND o.entity_id = " id " AND "         \
    "o.user_id = ?1 AND " QUEUED ") ELSE 0 END"

/* Columns: id, building, name, email, phone, date, window from, to, status, source,
 * checked in by, arrived at, approval due, decline reason, created at, host, latest move,
 * anything queued. */
#define SERVER_ROWS                                                                                \
    "SELECT v.id AS id, v.building_id, v.name AS name, v.email, v.phone, v.date AS date, "         \
    "v.window_from AS window_from, v.window_to, v.status, v.source, v.checked_in_by, "             \
    "v.arrived_at_ms, v.approval_due_ms, v.decline_reason, v.created_at_ms, "                      \
    "v.host_user_id, " LATEST_MOVE("v.id") ", " ANY_QUEUED(                                        \
        "v.id") " FROM visitor_row v "                                                             \
                "WHERE v.host_user_id IN (?1, '')"
#define PENDING_ROWS                                                                               \
    "SELECT p.visitor_id, p.building_id, p.name, p.email, p.phone, p.date, p.window_from, "        \
    "p.window_to, 'invited', 'invitation', '', 0, 0, '', p.created_at_ms, "                        \
    "p.user_id, " LATEST_MOVE(                                                                     \
        "p.visitor_id") ", 1 FROM pending_visitor p JOIN outbox o ON "                             \
                        "o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND " QUEUED           \
                        " AND NOT EXISTS (SELECT 1 FROM visitor_row x WHERE x.id = "               \
                        "p.visitor_id)"
#define ALL_ROWS "SELECT * FROM (" SERVER_ROWS " UNION ALL " PENDING_ROWS ")"

#define FIND_SQL ALL_ROWS " WHERE id = ?2 LIMIT 1"
/* From date ?2 on: soonest first, or newest date first; in a day, those with a window by its
 * start, then those without (as reception's day list), then by name. */
#define SOONEST_SQL                                                                                \
    ALL_ROWS " WHERE date >= ?2 ORDER BY date, window_from < 0, window_from, name, id"
#define NEWEST_SQL                                                                                 \
    ALL_ROWS " WHERE date >= ?2 ORDER BY date DESC, window_from < 0, window_from, name, id"

/* One row of the queries above into *v (zeroed first), the queued move applied. */
static mc_status visitor_of_row(sqlite3_stmt *row, mc_visitor *v, mc_error *err)
{
    memset(v, 0, sizeof *v);
    const char *checked_in_by = mci_column_text(row, 10);
    v->id = mci_strdup(mci_column_text(row, 0));
    v->building_id = mci_strdup(mci_column_text(row, 1));
    v->name = mci_strdup(mci_column_text(row, 2));
    v->email = mci_strdup(mci_column_text(row, 3));
    v->phone = mci_strdup(mci_column_text(row, 4));
    v->date = mci_strdup(mci_column_text(row, 5));
    v->window_from_min = sqlite3_column_int(row, 6);
    v->window_to_min = sqlite3_column_int(row, 7);
    v->walk_in = strcmp(mci_column_text(row, 9), "walk_in") == 0;
    v->checkin = strcmp(checked_in_by, "door") == 0        ? MC_VISITOR_CHECKIN_DOOR
                 : strcmp(checked_in_by, "reception") == 0 ? MC_VISITOR_CHECKIN_RECEPTION
                                                           : MC_VISITOR_CHECKIN_NONE;
    v->arrived_at_ms = sqlite3_column_int64(row, 11);
    v->declined_by_timeout = strcmp(mci_column_text(row, 13), "timeout") == 0;
    v->created_at_ms = sqlite3_column_int64(row, 14);
    v->host_id = mci_strdup(mci_column_text(row, 15));
    v->host_name = mci_strdup("");
    mc_visitor_status server = mci_visitor_status_of(mci_column_text(row, 8));
    mci_visitor_move move = mci_visitor_move_of((const char *)sqlite3_column_text(row, 16));
    v->status = mci_visitor_after(server, move);
    /* the due instant stays while the host's answer is on its way (the check needs it) */
    v->approval_due_ms = server == MC_VISITOR_AWAITING_APPROVAL ? sqlite3_column_int64(row, 12) : 0;
    if (move == MCI_VISITOR_MOVE_APPROVE) {
        v->checkin = MC_VISITOR_CHECKIN_RECEPTION;
        v->approval_due_ms = 0;
    } else if (move == MCI_VISITOR_MOVE_DECLINE) {
        v->approval_due_ms = 0;
    }
    v->pending = sqlite3_column_int(row, 17) != 0;
    if (!mci_visitor_complete(v)) {
        mci_visitor_clear(v);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    return MC_OK;
}

mc_status mci_visitor_find(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                           const char *visitor_id, mc_visitor *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, FIND_SQL);
    if (stmt == NULL)
        return mci_store_fail(db, err, "looking up the visitor");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, visitor_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = rc == SQLITE_ROW ? visitor_of_row(stmt, out, err)
                   : rc == SQLITE_DONE
                       ? mci_error_set(err, MC_ERR_NOT_FOUND,
                                       "no visitor \"%.*s\" among yours on this device (sync to "
                                       "see the latest)",
                                       (int)mci_utf8_prefix(visitor_id, 64), visitor_id)
                       : mci_store_fail(db, err, "looking up the visitor");
    sqlite3_reset(stmt);
    return st;
}

/* ---- the list ------------------------------------------------------------------------ */

/* Whether v belongs in the upcoming list: of its building's today or later, invited or
 * awaiting approval, or arrived today. */
static mc_status upcoming(mci_zone_book *book, int64_t now_ms, const mc_visitor *v, bool *keep,
                          mc_error *err)
{
    mc_local_time now;
    mc_status st = mci_zone_book_local(book, v->building_id, now_ms, &now, err);
    if (st != MC_OK)
        return st;
    char today[16];
    snprintf(today, sizeof today, "%04d-%02d-%02d", (int)now.year, (int)now.month, (int)now.day);
    int cmp = strcmp(v->date, today);
    *keep =
        cmp >= 0 && (v->status == MC_VISITOR_INVITED || v->status == MC_VISITOR_AWAITING_APPROVAL ||
                     (v->status == MC_VISITOR_ARRIVED && cmp == 0));
    return MC_OK;
}

/* The earliest date any building can call today: the UTC date a day ago. */
static void earliest_today(int64_t now_ms, char *out, size_t cap)
{
    int y, m, d;
    mci_civil_from_days(now_ms / MCI_MS_PER_DAY - 1, &y, &m, &d);
    snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}

mc_status mci_visitors_read(mci_reader *r, int64_t now_ms, bool upcoming_only,
                            mc_visitor_list *list, mc_error *err)
{
    sqlite3_stmt *stmt =
        mci_read_stmt(r, upcoming_only ? SOONEST_SQL : NEWEST_SQL, "reading your visitors", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    char from[16] = "";
    if (upcoming_only)
        earliest_today(now_ms, from, sizeof from);
    sqlite3_bind_text(stmt, 1, r->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, from, -1, SQLITE_STATIC);
    mci_zone_book *book = NULL;
    mc_status st = mci_zone_book_new(r->db, r->stmts, &book, err);
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (list->count == cap) {
            size_t more = cap ? cap * 2 : 8;
            mc_visitor *grown = realloc(list->items, more * sizeof *grown);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            list->items = grown;
            cap = more;
        }
        mc_visitor *v = &list->items[list->count];
        st = visitor_of_row(stmt, v, err);
        if (st != MC_OK)
            break;
        bool keep = true;
        if (upcoming_only)
            st = upcoming(book, now_ms, v, &keep, err);
        if (st == MC_OK && keep)
            st = mci_visitor_localize(book, v, err);
        if (st == MC_OK && keep)
            list->count++;
        else
            mci_visitor_clear(v);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading your visitors", err);
    sqlite3_reset(stmt);
    mci_zone_book_free(book);
    return st;
}

mc_status mc_visitors_list(mc_client *c, bool upcoming_only, mc_visitor_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mc_visitor_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_visitors_read(r, mci_client_now(c), upcoming_only, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_visitor_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

/* ---- one visitor --------------------------------------------------------------------- */

mc_status mc_visitor_get(mc_client *c, const char *visitor_id, mc_visitor **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (visitor_id == NULL || visitor_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a visitor id is required");
    mc_visitor *v = calloc(1, sizeof *v);
    if (v == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_visitor_find(r->db, r->stmts, r->user_id, visitor_id, v, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, v, 1, sizeof *v, mci_visitor_localize, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_visitor_free(v);
        return st;
    }
    *out = v;
    return MC_OK;
}
