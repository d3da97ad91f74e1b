/* domain/ticket_staff.c - the ground staff's side of facility tickets: staff and their
 * buildings, the queue, colleagues, staff comments (domain/ticket_staff.h). */
#include "domain/ticket_staff.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/tickets.h"
#include "base/text.h"

int ms_staff_is_staff(sqlite3 *db, const char *user_id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT 1 FROM user_roles r JOIN staff_buildings s"
                                     " ON s.user_id = r.user_id"
                                     " WHERE r.user_id = ? AND r.role = 'staff' LIMIT 1",
                                     "t", user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

int ms_staff_works_in(sqlite3 *db, const char *user_id, const char *building_id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT 1 FROM staff_buildings s JOIN user_roles r"
                                     " ON r.user_id = s.user_id AND r.role = 'staff'"
                                     " WHERE s.user_id = ? AND s.building_id = ?",
                                     "tt", user_id, building_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

int ms_staff_ticket_find(sqlite3 *db, const char *staff_id, const char *id_or_number,
                         char out[MS_ID_MAX])
{
    sqlite3_stmt *stmt = ms_db_query(
        db, "SELECT building_id FROM staff_buildings WHERE user_id = ? ORDER BY building_id", "t",
        staff_id);
    int rc = stmt ? 1 : -1, step;
    while (rc == 1 && (step = ms_db_step(stmt)) == 1) {
        char building[MS_ID_MAX];
        ms_db_text(stmt, 0, building, sizeof building);
        rc = ms_ticket_find_in_building(db, building, id_or_number, out, MS_ID_MAX);
    }
    if (rc == 1 && step < 0)
        rc = -1;
    sqlite3_finalize(stmt);
    return rc;
}

static const char *const queues[] = {"active",   "open",   "assigned", "in_progress",
                                     "resolved", "closed", "all"};

bool ms_staff_queue_valid(const char *queue)
{
    for (size_t i = 0; queue && i < sizeof queues / sizeof queues[0]; i++)
        if (strcmp(queue, queues[i]) == 0)
            return true;
    return false;
}

/* One row of a query as a JSON item (NULL on error). */
typedef cJSON *(*row_json_fn)(sqlite3 *db, sqlite3_stmt *row);

/* Every row of stmt (finalized here; NULL: the query failed) as a JSON array into *out. 0 / -1. */
static int collect(sqlite3 *db, sqlite3_stmt *stmt, row_json_fn row_json, cJSON **out)
{
    *out = NULL;
    cJSON *list = stmt ? cJSON_CreateArray() : NULL;
    int rc = list ? 0 : -1, step = 0;
    while (rc == 0 && (step = ms_db_step(stmt)) == 1) {
        cJSON *item = row_json(db, stmt);
        if (!item || !cJSON_AddItemToArray(list, item)) {
            cJSON_Delete(item);
            rc = -1;
        }
    }
    sqlite3_finalize(stmt);
    if (rc != 0 || step < 0) {
        cJSON_Delete(list);
        return -1;
    }
    *out = list;
    return 0;
}

/* The staff view of the ticket whose id is the row's first column. */
static cJSON *ticket_row_json(sqlite3 *db, sqlite3_stmt *row)
{
    char id[MS_ID_MAX];
    cJSON *ticket = NULL;
    ms_db_text(row, 0, id, sizeof id);
    return ms_ticket_json(db, id, true, &ticket) == 0 ? ticket : NULL;
}

int ms_staff_queue_json(sqlite3 *db, const char *staff_id, const char *queue, cJSON **out)
{
    return collect(db,
                   ms_db_query(db,
                               "SELECT t.id FROM tickets t JOIN staff_buildings s"
                               " ON s.building_id = t.building_id AND s.user_id = ?"
                               " WHERE ?2 = 'all'"
                               "  OR (?2 = 'active'"
                               "      AND t.status IN ('open', 'assigned', 'in_progress'))"
                               "  OR t.status = ?2"
                               " ORDER BY t.resolution_due_ms, t.created_at_ms, t.id",
                               "tt", staff_id, queue),
                   ticket_row_json, out);
}

/* {id, name} of the row's first two columns. */
static cJSON *colleague_row_json(sqlite3 *db, sqlite3_stmt *row)
{
    (void)db;
    char id[MS_ID_MAX], name[MS_NAME_MAX];
    ms_db_text(row, 0, id, sizeof id);
    ms_db_text(row, 1, name, sizeof name);
    cJSON *one = cJSON_CreateObject();
    if (!one || !cJSON_AddStringToObject(one, "id", id) ||
        !cJSON_AddStringToObject(one, "name", name)) {
        cJSON_Delete(one);
        return NULL;
    }
    return one;
}

int ms_staff_colleagues_json(sqlite3 *db, const char *staff_id, cJSON **out)
{
    return collect(db,
                   ms_db_query(db,
                               "SELECT DISTINCT u.id, u.name FROM staff_buildings me"
                               " JOIN staff_buildings s ON s.building_id = me.building_id"
                               " JOIN user_roles r ON r.user_id = s.user_id AND r.role = 'staff'"
                               " JOIN users u ON u.id = s.user_id"
                               " WHERE me.user_id = ? ORDER BY u.name, u.id",
                               "t", staff_id),
                   colleague_row_json, out);
}

/* text cut to at most max bytes at a UTF-8 character boundary, "…" added when cut, into out. */
static void clip(const char *text, size_t max, char *out, size_t cap)
{
    size_t n = strlen(text);
    if (n <= max && n < cap) {
        memcpy(out, text, n + 1);
        return;
    }
    if (max + 4 > cap)
        max = cap - 4;
    max = ms_utf8_prefix(text, max);
    snprintf(out, cap, "%.*s…", (int)max, text);
}

int ms_staff_comment(ms_app *app, const char *ticket_id, const char *staff_id, const char *text,
                     bool internal, int64_t now_ms)
{
    sqlite3 *db = app->db;
    ms_rng *rng = app->rng;
    ms_ticket ticket;
    int rc = ms_ticket_load(db, ticket_id, &ticket);
    if (rc != 0)
        return -1; /* the caller found it in the staff's buildings */
    if (ticket.status == MS_TICKET_CLOSED)
        return 1;
    ms_ticket_entry entry = {
        .ticket_id = ticket_id,
        .type = internal ? "note" : "comment",
        .author = {.role = MS_ACTOR_STAFF, .user_id = staff_id},
        .text = text,
        .at_ms = now_ms,
    };
    if (ms_ticket_entry_add(db, rng, &entry) != 0)
        return -1;
    if (internal)
        return 0; /* staff only: the member's ticket is unchanged and nobody is told */
    char name[MS_NAME_MAX] = "", said[200], body[MS_NAME_MAX + 210];
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT name FROM users WHERE id = ?", "t", staff_id);
    if (stmt && ms_db_step(stmt) == 1)
        ms_db_text(stmt, 0, name, sizeof name);
    sqlite3_finalize(stmt);
    clip(text, 140, said, sizeof said);
    snprintf(body, sizeof body, "%s: %s", name[0] ? name : "Staff", said);
    if (ms_ticket_changed(db, ticket_id, now_ms, true) != 0 ||
        ms_ticket_notify(app, &ticket, "ticket.reply", "new reply", body) != 0)
        return -1;
    return 0;
}
