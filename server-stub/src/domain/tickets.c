/* domain/tickets.c - facility tickets: the row, the timeline, moves, the change log and the
 * member's notifications after every change, the automatic close. */
#include "domain/tickets.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/changes.h"
#include "domain/notify.h"

static const char ticket_columns[] =
    "SELECT t.id, t.number, t.user_id, t.building_id, t.category_id, c.name,"
    " coalesce(t.assignee_id, ''), t.status, t.priority, t.created_at_ms, t.updated_at_ms,"
    " coalesce(t.resolved_at_ms, 0), coalesce(t.closed_at_ms, 0), t.response_due_ms,"
    " t.resolution_due_ms, t.at_risk_from_ms, coalesce(t.responded_at_ms, 0)"
    " FROM tickets t JOIN ticket_categories c ON c.id = t.category_id WHERE t.id = ?";

int ms_ticket_load(sqlite3 *db, const char *id, ms_ticket *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db, ticket_columns, "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->number, sizeof out->number);
        ms_db_text(stmt, 2, out->user_id, sizeof out->user_id);
        ms_db_text(stmt, 3, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 4, out->category_id, sizeof out->category_id);
        ms_db_text(stmt, 5, out->category_name, sizeof out->category_name);
        ms_db_text(stmt, 6, out->assignee_id, sizeof out->assignee_id);
        if (!ms_ticket_status_parse((const char *)sqlite3_column_text(stmt, 7), &out->status) ||
            !ms_ticket_priority_parse((const char *)sqlite3_column_text(stmt, 8), &out->priority))
            rc = -1;
        int64_t *times[] = {&out->created_at_ms,   &out->updated_at_ms,   &out->resolved_at_ms,
                            &out->closed_at_ms,    &out->response_due_ms, &out->resolution_due_ms,
                            &out->at_risk_from_ms, &out->responded_at_ms};
        for (int i = 0; i < 8; i++)
            *times[i] = sqlite3_column_int64(stmt, 9 + i);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int ms_ticket_find_in_building(sqlite3 *db, const char *building_id, const char *id_or_number,
                               char *out, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id FROM tickets WHERE building_id = ?1"
                                     " AND (id = ?2 OR number = ?2)",
                                     "tt", building_id, id_or_number);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

static const char *role_name(ms_ticket_actor role)
{
    return role == MS_ACTOR_MEMBER ? "member" : role == MS_ACTOR_STAFF ? "staff" : "system";
}

int ms_ticket_entry_add(sqlite3 *db, ms_rng *rng, const ms_ticket_entry *e)
{
    char id[MS_ID_MAX];
    if (e->id)
        snprintf(id, sizeof id, "%s", e->id);
    else if (ms_rng_id(rng, "tke_", id, sizeof id) != 0)
        return -1;
    int64_t internal = strcmp(e->type, "note") == 0;
    /* sqlite3_bind_text binds NULL for a NULL pointer: absent fields are NULL. */
    return ms_db_run(db,
                     "INSERT INTO ticket_entries (id, ticket_id, at_ms, type, author_role,"
                     " author_id, author_name, from_status, to_status, text, photo_id, internal)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, CASE WHEN ?5 = 'system'"
                     " THEN 'Membercore' ELSE (SELECT name FROM users WHERE id = ?6) END, ''),"
                     " ?8, ?9, ?10, ?11, ?12)",
                     "ttitttttttti", id, e->ticket_id, e->at_ms, e->type, role_name(e->author.role),
                     e->author.user_id, e->author.name, e->from, e->to, e->text, e->photo_id,
                     internal);
}

int ms_ticket_changed(sqlite3 *db, const char *id, int64_t now_ms, bool staff_response)
{
    char owner[MS_ID_MAX] = "";
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "UPDATE tickets SET updated_at_ms = max(updated_at_ms, ?2),"
                                     " responded_at_ms = CASE WHEN ?3 THEN"
                                     " coalesce(responded_at_ms, ?2) ELSE responded_at_ms END"
                                     " WHERE id = ?1 RETURNING user_id",
                                     "tii", id, now_ms, (int64_t)staff_response);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, owner, sizeof owner);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    return ms_change_upsert(db, MS_KIND_TICKET, owner, id);
}

int ms_ticket_notify(ms_app *app, const ms_ticket *t, const char *kind, const char *what,
                     const char *body)
{
    char title[256], link[96];
    snprintf(title, sizeof title, "%s %s: %s", t->number, what, t->category_name);
    snprintf(link, sizeof link, "membercore://tickets/%s", t->id);
    ms_notice n = {.user_id = t->user_id,
                   .building_id = t->building_id,
                   .kind = kind,
                   .category = "support",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_send(app, &n, NULL);
}

/* The name of user id into out ("" when none). 0 / -1. */
static int user_name(sqlite3 *db, const char *id, char *out, size_t cap)
{
    out[0] = '\0';
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT name FROM users WHERE id = ?", "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* The notification of an allowed move from `from` (what happened, in words) into what / body. */
static void move_words(ms_ticket_move move, ms_ticket_status from, ms_ticket_status to,
                       ms_ticket_actor role, const char *actor, const char *assignee, char *what,
                       size_t what_cap, char *body, size_t body_cap)
{
    bool member = role == MS_ACTOR_MEMBER;
    switch (move) {
    case MS_MOVE_ASSIGN:
        snprintf(what, what_cap, "%s", from == MS_TICKET_OPEN ? "assigned" : "reassigned");
        snprintf(body, body_cap, "%s is on it.", assignee);
        return;
    case MS_MOVE_START:
        snprintf(what, what_cap, "in progress");
        snprintf(body, body_cap, "%s started work on it.", actor);
        return;
    case MS_MOVE_RESOLVE:
        snprintf(what, what_cap, "resolved");
        if (member)
            snprintf(body, body_cap,
                     "You marked it resolved. Not fixed after all? Reopen it"
                     " within 7 days.");
        else
            snprintf(body, body_cap, "%s resolved it. Not fixed? Reopen it within 7 days.", actor);
        return;
    case MS_MOVE_REOPEN:
        snprintf(what, what_cap, "reopened");
        if (member)
            snprintf(body, body_cap, "You reopened it; it is %s again.",
                     ms_ticket_status_words(to));
        else
            snprintf(body, body_cap, "%s reopened it; it is %s again.", actor,
                     ms_ticket_status_words(to));
        return;
    case MS_MOVE_CLOSE:
        snprintf(what, what_cap, "closed");
        snprintf(body, body_cap, "It closed 7 days after it was resolved.");
        return;
    }
}

int ms_ticket_move_apply(ms_app *app, const char *id, ms_ticket_move move,
                         const ms_ticket_author *author, const char *assignee_id, int64_t now_ms,
                         ms_ticket_verdict *verdict)
{
    sqlite3 *db = app->db;
    ms_rng *rng = app->rng;
    ms_ticket t;
    int rc = ms_ticket_load(db, id, &t);
    if (rc != 0)
        return rc;
    ms_ticket_state state = {t.status, t.assignee_id[0] != '\0', t.resolved_at_ms};
    *verdict = ms_ticket_decide(&state, move, author->role, now_ms);
    if (!verdict->allowed)
        return 0;
    ms_ticket_status to = verdict->to;
    /* The close happens at the instant it fell due (the upkeep runs lazily). */
    int64_t at = move == MS_MOVE_CLOSE ? ms_ticket_reopen_until(t.resolved_at_ms) : now_ms;
    const char *assignee = move == MS_MOVE_ASSIGN ? assignee_id : t.assignee_id;
    if (ms_db_run(db,
                  "UPDATE tickets SET status = ?2, assignee_id = nullif(?3, ''),"
                  " resolved_at_ms = CASE ?2 WHEN 'resolved' THEN ?4 WHEN 'closed'"
                  "  THEN resolved_at_ms END,"
                  " closed_at_ms = CASE ?2 WHEN 'closed' THEN ?4 END,"
                  " outcome = CASE ?2 WHEN 'resolved' THEN CASE WHEN ?4 <= resolution_due_ms"
                  "  THEN 'met' ELSE 'breached' END WHEN 'closed' THEN outcome END"
                  " WHERE id = ?1",
                  "ttti", id, ms_ticket_status_name(to), assignee ? assignee : "", at) != 0)
        return -1;
    char actor[MS_NAME_MAX] = "", assignee_name[MS_NAME_MAX] = "";
    if (author->name)
        snprintf(actor, sizeof actor, "%s", author->name);
    else if (author->user_id && user_name(db, author->user_id, actor, sizeof actor) != 0)
        return -1;
    if (move == MS_MOVE_ASSIGN && user_name(db, assignee_id, assignee_name, sizeof assignee_name))
        return -1;
    if (to != t.status) {
        ms_ticket_entry entry = {.ticket_id = id,
                                 .type = "status",
                                 .author = *author,
                                 .from = ms_ticket_status_name(t.status),
                                 .to = ms_ticket_status_name(to),
                                 .at_ms = at};
        if (move == MS_MOVE_ASSIGN)
            entry.text = assignee_name;
        if (ms_ticket_entry_add(db, rng, &entry) != 0)
            return -1;
    }
    if (ms_ticket_changed(db, id, at, author->role == MS_ACTOR_STAFF) != 0)
        return -1;
    char what[32], body[256];
    move_words(move, t.status, to, author->role, actor, assignee_name, what, sizeof what, body,
               sizeof body);
    const char *kind = move == MS_MOVE_ASSIGN     ? "ticket.assigned"
                       : to == MS_TICKET_RESOLVED ? "ticket.resolved"
                       : to == MS_TICKET_CLOSED   ? "ticket.closed"
                                                  : "ticket.status";
    return ms_ticket_notify(app, &t, kind, what, body);
}

int ms_tickets_close_due(ms_app *app, int64_t now_ms)
{
    sqlite3 *db = app->db;
    /* Collected first: closing one writes the table the query reads. */
    char ids[64][MS_ID_MAX];
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT id FROM tickets WHERE status = 'resolved'"
                                         " AND resolved_at_ms <= ? ORDER BY resolved_at_ms, id"
                                         " LIMIT 64",
                                         "i", now_ms - MS_TICKET_REOPEN_WINDOW_MS);
        if (!stmt)
            return -1;
        int n = 0, rc;
        while ((rc = ms_db_step(stmt)) == 1)
            ms_db_text(stmt, 0, ids[n++], MS_ID_MAX);
        sqlite3_finalize(stmt);
        if (rc < 0)
            return -1;
        ms_ticket_author system = {.role = MS_ACTOR_SYSTEM};
        for (int i = 0; i < n; i++) {
            ms_ticket_verdict verdict;
            if (ms_ticket_move_apply(app, ids[i], MS_MOVE_CLOSE, &system, NULL, now_ms, &verdict) !=
                    0 ||
                !verdict.allowed)
                return -1;
        }
        if (n < 64)
            return 0;
    }
}
