/* domain/notifications.c - notifications the server sends a user (the notification kind),
 * change-logged.
 */
#include "domain/notifications.h"

#include "domain/changes.h"
#include "db/db.h"
#include "domain/users.h"

int ms_notify_in(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                 const char *category, const char *title, const char *body, const char *deep_link,
                 int64_t now_ms)
{
    char id[MS_ID_MAX];
    if (ms_rng_id(rng, "ntf_", id, sizeof id) != 0 ||
        ms_db_run(db,
                  "INSERT INTO notifications (id, user_id, category, title, body, created_at_ms,"
                  " is_read, deep_link, building_id) VALUES (?, ?, ?, ?, ?, ?, 0, nullif(?, ''),"
                  " nullif(?, ''))",
                  "tttttitt", id, user_id, category, title, body, now_ms,
                  deep_link ? deep_link : "", building_id ? building_id : "") != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_NOTIFICATION, user_id, id);
}

int ms_notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *category,
              const char *title, const char *body, const char *deep_link, int64_t now_ms)
{
    return ms_notify_in(db, rng, user_id, NULL, category, title, body, deep_link, now_ms);
}
