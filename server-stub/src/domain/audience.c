/* domain/audience.c - who a notification of a cause goes to, and the words of a building's time
 * in it: the helpers every producer of issue 12's notification kinds shares. */
#include "domain/audience.h"

#include "base/ids.h"
#include "base/log.h"
#include "db/db.h"

int ms_building_zone(sqlite3 *db, const char *building_id, const ms_zone **out)
{
    char name[64] = "Asia/Kolkata";
    if (building_id && building_id[0]) {
        sqlite3_stmt *stmt =
            ms_db_query(db, "SELECT timezone FROM buildings WHERE id = ?", "t", building_id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, name, sizeof name);
        sqlite3_finalize(stmt);
        if (rc < 0)
            return -1;
    }
    *out = ms_zone_find(name);
    if (!*out) {
        ms_log("notifications: no rule for the time zone '%s'", name);
        *out = ms_zone_find("Asia/Kolkata");
    }
    return 0;
}

int ms_building_when(sqlite3 *db, const char *building_id, int64_t utc_ms, char *out, size_t cap)
{
    const ms_zone *zone;
    if (ms_building_zone(db, building_id, &zone) != 0)
        return -1;
    ms_zone_words(zone, utc_ms, out, cap);
    return 0;
}

int ms_notify_each(ms_app *app, const ms_notice *n, const char *once_entity, const char *users_sql,
                   const char *key)
{
    char user[MS_ID_MAX] = "";
    int sent = 0;
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db, users_sql, "tt", key ? key : "", user);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, user, sizeof user);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc < 0 ? -1 : sent;
        ms_notice one = *n;
        one.user_id = user;
        rc = once_entity ? ms_notify_once(app, &one, once_entity)
                         : (ms_notify_send(app, &one, NULL) == 0 ? 1 : -1);
        if (rc < 0)
            return -1;
        sent += rc;
    }
}
