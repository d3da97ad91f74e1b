/* domain/announcements.c - the operator's announcements: one notification to every user of a
 * building, or to everyone (docs/notifications-protocol.md, announcements). */
#include "domain/announcements.h"

#include "db/db.h"
#include "domain/audience.h"

/* The users of building ?1: its members and its staff (ms_notify_each). */
static const char building_users_sql[] =
    "SELECT user_id FROM memberships WHERE building_id = ?1 AND user_id > ?2"
    " UNION SELECT user_id FROM staff_buildings WHERE building_id = ?1 AND user_id > ?2"
    " ORDER BY 1 LIMIT 1";
/* Every user (?1 unused). */
static const char everyone_sql[] = "SELECT id FROM users WHERE id > ?2 ORDER BY id LIMIT 1";

int ms_announce(ms_app *app, const char *building_id, const char *title, const char *body,
                const char *deep_link, int *told)
{
    *told = 0;
    if (building_id) {
        sqlite3_stmt *stmt =
            ms_db_query(app->db, "SELECT 1 FROM buildings WHERE id = ?", "t", building_id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        sqlite3_finalize(stmt);
        if (rc != 1)
            return rc < 0 ? -1 : 1;
    }
    ms_notice n = {.building_id = building_id,
                   .kind = "announcement",
                   .category = "announcements",
                   .title = title,
                   .body = body,
                   .deep_link = deep_link};
    int sent =
        ms_notify_each(app, &n, NULL, building_id ? building_users_sql : everyone_sql, building_id);
    if (sent < 0)
        return -1;
    *told = sent;
    return 0;
}
