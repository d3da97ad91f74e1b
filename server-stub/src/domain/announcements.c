/* domain/announcements.c - the operator's announcements (docs/today-desks-community.md,
 * "Announcements"): a building's or operator-wide, pinned or not, with an optional expiry; each
 * member's read state; the notification that announces one. */
#include "domain/announcements.h"

#include <stdio.h>

#include "db/db.h"
#include "domain/changes.h"
#include "domain/entities.h"
#include "domain/notify.h"
#include "base/text.h"

/* The users of building ?1 after ?2: its members and its staff, one at a time. */
static const char building_users_sql[] =
    "SELECT user_id FROM memberships WHERE building_id = ?1 AND user_id > ?2"
    " UNION SELECT user_id FROM staff_buildings WHERE building_id = ?1 AND user_id > ?2"
    " ORDER BY 1 LIMIT 1";
/* Every user after ?2 (?1 unused). */
static const char everyone_sql[] = "SELECT id FROM users WHERE id > ?2 ORDER BY id LIMIT 1";

/* The next user of the audience after `after` into it: 1, 0 when none is left, -1. */
static int next_user(sqlite3 *db, const char *building_id, char after[MS_ID_MAX])
{
    sqlite3_stmt *stmt = ms_db_query(db, building_id ? building_users_sql : everyone_sql, "tt",
                                     building_id ? building_id : "", after);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, after, MS_ID_MAX);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_announcement_post(ms_app *app, const ms_announcement_input *in, char id_out[MS_ID_MAX],
                         int *told)
{
    *told = 0;
    int64_t now = ms_clock_now(&app->clock);
    if (in->building_id) {
        sqlite3_stmt *stmt =
            ms_db_query(app->db, "SELECT 1 FROM buildings WHERE id = ?", "t", in->building_id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        sqlite3_finalize(stmt);
        if (rc != 1)
            return rc < 0 ? -1 : 1;
    }
    if (in->expires_at_ms != 0 && in->expires_at_ms <= now)
        return 2;
    if (ms_rng_id(app->rng, "ann_", id_out, MS_ID_MAX) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO announcements (id, building_id, title, body, pinned,"
                  " published_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0))",
                  "ttttiii", id_out, in->building_id, in->title, in->body,
                  (int64_t)(in->pinned ? 1 : 0), now, in->expires_at_ms) != 0)
        return -1;
    char link[64];
    snprintf(link, sizeof link, "membercore://announcements/%s", id_out);
    ms_notice n = {.building_id = in->building_id,
                   .kind = "announcement",
                   .category = "announcements",
                   .title = in->title,
                   .body = in->body,
                   .deep_link = in->deep_link ? in->deep_link : link};
    char user[MS_ID_MAX] = "";
    int rc;
    while ((rc = next_user(app->db, in->building_id, user)) == 1) {
        n.user_id = user;
        if (ms_change_upsert(app->db, MS_KIND_ANNOUNCEMENT, user, id_out) != 0 ||
            ms_notify_send(app, &n, NULL) != 0)
            return -1;
        (*told)++;
    }
    return rc < 0 ? -1 : 0;
}

int ms_announcements_retire_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id, building_id FROM announcements"
                                         " WHERE retired = 0 AND expires_at_ms IS NOT NULL"
                                         " AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT 1",
                                         "i", now_ms);
        char id[MS_ID_MAX], building[MS_ID_MAX];
        bool everyone = false;
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            everyone = sqlite3_column_type(stmt, 1) == SQLITE_NULL;
            ms_db_text(stmt, 1, building, sizeof building);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        char user[MS_ID_MAX] = "";
        while ((rc = next_user(app->db, everyone ? NULL : building, user)) == 1)
            if (ms_change_delete(app->db, MS_KIND_ANNOUNCEMENT, user, id) != 0)
                return -1;
        if (rc < 0 ||
            ms_db_run(app->db, "UPDATE announcements SET retired = 1 WHERE id = ?", "t", id) != 0)
            return -1;
    }
}

int ms_announcement_read(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, "announcement_id");
    if (!cJSON_IsString(item) || !item->valuestring[0])
        return ms_refuse(why, "invalid_argument",
                         "payload field 'announcement_id' must be a non-empty string");
    const char *id = item->valuestring;
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT EXISTS (SELECT 1 FROM announcement_reads r"
                                     " WHERE r.announcement_id = a.id AND r.user_id = ?2),"
                                     " retired FROM announcements a WHERE id = ?1"
                                     " AND " MS_ANNOUNCEMENT_FOR("?2"),
                                     "tt", id, user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    int already = rc == 1 ? sqlite3_column_int(stmt, 0) : 0;
    bool retired = rc == 1 && sqlite3_column_int(stmt, 1) != 0;
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return ms_refuse(why, "not_found", "no announcement '%.*s'", (int)ms_utf8_prefix(id, 60),
                         id);
    if (already)
        return 0;
    if (ms_db_run(app->db,
                  "INSERT INTO announcement_reads (user_id, announcement_id, read_at_ms)"
                  " VALUES (?, ?, ?)",
                  "tti", user_id, id, ms_clock_now(&app->clock)) != 0 ||
        (!retired && ms_change_upsert(app->db, MS_KIND_ANNOUNCEMENT, user_id, id) != 0))
        return -1;
    return 0;
}
