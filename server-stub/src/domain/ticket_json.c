/* domain/ticket_json.c - a ticket as JSON, the member's view (the ticket entity's data) and the
 * staff's (plus reporter, assignee id and internal notes); a ticket category's data. */
#include "domain/tickets.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"

/* Add key: the integer, or null when it is 0 (a NULL time). */
static bool add_time(cJSON *o, const char *key, int64_t ms)
{
    return ms ? cJSON_AddNumberToObject(o, key, (double)ms) != NULL
              : cJSON_AddNullToObject(o, key) != NULL;
}

/* Add key: column col of stmt as a string, or null. */
static bool add_text_column(cJSON *o, const char *key, sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    return text ? cJSON_AddStringToObject(o, key, (const char *)text) != NULL
                : cJSON_AddNullToObject(o, key) != NULL;
}

/* {kind, id, name} of the ticket's location, or null. */
static bool add_location(sqlite3 *db, cJSON *o, const char *id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT t.location_kind, t.location_id,"
                                     " coalesce(r.name, t.location_name) FROM tickets t"
                                     " LEFT JOIN rooms r ON r.id = t.location_id"
                                     " WHERE t.id = ? AND t.location_kind IS NOT NULL",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    bool ok = rc >= 0;
    if (rc == 0) {
        ok = cJSON_AddNullToObject(o, "location") != NULL;
    } else if (rc == 1) {
        cJSON *loc = cJSON_AddObjectToObject(o, "location");
        ok = loc && add_text_column(loc, "kind", stmt, 0) && add_text_column(loc, "id", stmt, 1) &&
             add_text_column(loc, "name", stmt, 2);
    }
    sqlite3_finalize(stmt);
    return ok;
}

/* The ids of the photos an entry carries: a filing's (no comment), a comment's, a photo's own. */
static bool add_entry_photos(sqlite3 *db, cJSON *entry, const char *ticket_id, const char *type,
                             const char *entry_id, const char *photo_id)
{
    cJSON *ids = cJSON_AddArrayToObject(entry, "photo_ids");
    if (!ids)
        return false;
    if (strcmp(type, "photo") == 0)
        return cJSON_AddItemToArray(ids, cJSON_CreateString(photo_id));
    if (strcmp(type, "created") != 0 && strcmp(type, "comment") != 0)
        return true;
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT id FROM ticket_photos WHERE ticket_id = ?1"
                    " AND comment_id IS ?2 ORDER BY rowid",
                    "tt", ticket_id, strcmp(type, "comment") == 0 ? entry_id : NULL);
    int rc = stmt ? 1 : -1;
    while (rc == 1 && (rc = ms_db_step(stmt)) == 1)
        if (!cJSON_AddItemToArray(ids,
                                  cJSON_CreateString((const char *)sqlite3_column_text(stmt, 0))))
            rc = -1;
    sqlite3_finalize(stmt);
    return rc == 0;
}

static bool add_timeline(sqlite3 *db, cJSON *o, const char *id, bool staff_view)
{
    cJSON *timeline = cJSON_AddArrayToObject(o, "timeline");
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, at_ms, type, author_role, author_name,"
                                     " from_status, to_status, text, photo_id, internal"
                                     " FROM ticket_entries WHERE ticket_id = ?1"
                                     " AND (?2 OR internal = 0) ORDER BY at_ms, rowid",
                                     "ti", id, (int64_t)staff_view);
    int rc = timeline && stmt ? 1 : -1;
    while (rc == 1 && (rc = ms_db_step(stmt)) == 1) {
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(timeline, e)) {
            cJSON_Delete(e);
            rc = -1;
            break;
        }
        const char *entry_id = (const char *)sqlite3_column_text(stmt, 0);
        const char *type = (const char *)sqlite3_column_text(stmt, 2);
        cJSON *author = NULL;
        bool ok =
            add_text_column(e, "id", stmt, 0) &&
            cJSON_AddNumberToObject(e, "at_ms", (double)sqlite3_column_int64(stmt, 1)) &&
            add_text_column(e, "type", stmt, 2) &&
            (author = cJSON_AddObjectToObject(e, "author")) != NULL &&
            add_text_column(author, "role", stmt, 3) && add_text_column(author, "name", stmt, 4) &&
            add_text_column(e, "from", stmt, 5) && add_text_column(e, "to", stmt, 6) &&
            add_text_column(e, "text", stmt, 7) &&
            add_entry_photos(db, e, id, type, entry_id,
                             (const char *)sqlite3_column_text(stmt, 8)) &&
            (!staff_view || cJSON_AddBoolToObject(e, "internal", sqlite3_column_int(stmt, 9) != 0));
        if (!ok)
            rc = -1;
    }
    sqlite3_finalize(stmt);
    return rc == 0;
}

static bool add_photos(sqlite3 *db, cJSON *o, const char *id)
{
    cJSON *photos = cJSON_AddArrayToObject(o, "photos");
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, comment_id, content_type, bytes, sha256,"
                                     " complete, uploaded_at_ms FROM ticket_photos"
                                     " WHERE ticket_id = ? ORDER BY rowid",
                                     "t", id);
    int rc = photos && stmt ? 1 : -1;
    while (rc == 1 && (rc = ms_db_step(stmt)) == 1) {
        cJSON *p = cJSON_CreateObject();
        if (!p || !cJSON_AddItemToArray(photos, p)) {
            cJSON_Delete(p);
            rc = -1;
            break;
        }
        bool ok = add_text_column(p, "id", stmt, 0) && add_text_column(p, "comment_id", stmt, 1) &&
                  add_text_column(p, "content_type", stmt, 2) &&
                  cJSON_AddNumberToObject(p, "bytes", (double)sqlite3_column_int64(stmt, 3)) &&
                  add_text_column(p, "sha256", stmt, 4) &&
                  cJSON_AddBoolToObject(p, "uploaded", sqlite3_column_int(stmt, 5) != 0) &&
                  add_time(p, "uploaded_at_ms", sqlite3_column_int64(stmt, 6));
        if (!ok)
            rc = -1;
    }
    sqlite3_finalize(stmt);
    return rc == 0;
}

/* The SLA object: basis, the instants, when staff first responded, the outcome. */
static bool add_sla(sqlite3 *db, cJSON *o, const ms_ticket *t)
{
    cJSON *sla = cJSON_AddObjectToObject(o, "sla");
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT outcome FROM tickets WHERE id = ?", "t", t->id);
    bool ok = sla && stmt && ms_db_step(stmt) == 1 &&
              cJSON_AddStringToObject(sla, "basis", "business_hours") &&
              add_time(sla, "response_due_ms", t->response_due_ms) &&
              add_time(sla, "resolution_due_ms", t->resolution_due_ms) &&
              add_time(sla, "at_risk_from_ms", t->at_risk_from_ms) &&
              add_time(sla, "responded_at_ms", t->responded_at_ms) &&
              add_text_column(sla, "outcome", stmt, 0);
    sqlite3_finalize(stmt);
    return ok;
}

/* The staff's extras: reporter {id, name} and assignee_id. */
static bool add_staff_fields(sqlite3 *db, cJSON *o, const ms_ticket *t)
{
    cJSON *reporter = cJSON_AddObjectToObject(o, "reporter");
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT id, name FROM users WHERE id = ?", "t", t->user_id);
    bool ok = reporter && stmt && ms_db_step(stmt) == 1 &&
              add_text_column(reporter, "id", stmt, 0) &&
              add_text_column(reporter, "name", stmt, 1) &&
              (t->assignee_id[0] ? cJSON_AddStringToObject(o, "assignee_id", t->assignee_id) != NULL
                                 : cJSON_AddNullToObject(o, "assignee_id") != NULL);
    sqlite3_finalize(stmt);
    return ok;
}

/* The description and the assignee's name. */
static bool add_texts(sqlite3 *db, cJSON *o, const char *id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT t.description, a.name FROM tickets t"
                                     " LEFT JOIN users a ON a.id = t.assignee_id WHERE t.id = ?",
                                     "t", id);
    bool ok = stmt && ms_db_step(stmt) == 1 && add_text_column(o, "description", stmt, 0) &&
              add_location(db, o, id) && add_text_column(o, "assignee_name", stmt, 1);
    sqlite3_finalize(stmt);
    return ok;
}

int ms_ticket_json(sqlite3 *db, const char *id, bool staff_view, cJSON **out)
{
    *out = NULL;
    ms_ticket t;
    int rc = ms_ticket_load(db, id, &t);
    if (rc != 0)
        return rc;
    cJSON *o = cJSON_CreateObject();
    bool resolved = t.status == MS_TICKET_RESOLVED;
    bool ok =
        o && cJSON_AddStringToObject(o, "id", t.id) &&
        cJSON_AddStringToObject(o, "number", t.number) &&
        cJSON_AddStringToObject(o, "building_id", t.building_id) &&
        cJSON_AddStringToObject(o, "category_id", t.category_id) &&
        cJSON_AddStringToObject(o, "priority", ms_ticket_priority_name(t.priority)) &&
        add_texts(db, o, id) &&
        cJSON_AddStringToObject(o, "status", ms_ticket_status_name(t.status)) &&
        add_time(o, "created_at_ms", t.created_at_ms) &&
        add_time(o, "updated_at_ms", t.updated_at_ms) &&
        add_time(o, "resolved_at_ms", t.resolved_at_ms) &&
        add_time(o, "closed_at_ms", t.closed_at_ms) &&
        add_time(o, "reopen_until_ms", resolved ? ms_ticket_reopen_until(t.resolved_at_ms) : 0) &&
        add_sla(db, o, &t) && add_timeline(db, o, id, staff_view) && add_photos(db, o, id) &&
        (!staff_view || add_staff_fields(db, o, &t));
    if (!ok) {
        cJSON_Delete(o);
        return -1;
    }
    *out = o;
    return 0;
}

int ms_ticket_category_json(sqlite3 *db, const char *id, cJSON **out)
{
    *out = NULL;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, parent_id, name, position, team, response_min,"
                                     " resolution_min FROM ticket_categories WHERE id = ?",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc != 1) {
        sqlite3_finalize(stmt);
        return rc == 0 ? 1 : -1;
    }
    cJSON *o = cJSON_CreateObject();
    bool leaf = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
    bool ok = o && add_text_column(o, "id", stmt, 0) && add_text_column(o, "parent_id", stmt, 1) &&
              add_text_column(o, "name", stmt, 2) &&
              cJSON_AddNumberToObject(o, "position", sqlite3_column_int(stmt, 3)) &&
              add_text_column(o, "team", stmt, 4);
    if (ok && leaf) {
        cJSON *sla = cJSON_AddObjectToObject(o, "sla");
        ok = sla && cJSON_AddNumberToObject(sla, "response_min", sqlite3_column_int(stmt, 5)) &&
             cJSON_AddNumberToObject(sla, "resolution_min", sqlite3_column_int(stmt, 6));
    } else if (ok) {
        ok = cJSON_AddNullToObject(o, "sla") != NULL;
    }
    sqlite3_finalize(stmt);
    if (!ok) {
        cJSON_Delete(o);
        return -1;
    }
    *out = o;
    return 0;
}
