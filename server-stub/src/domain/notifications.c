/* domain/notifications.c - notifications the server sends a user (the notification kind),
 * change-logged.
 */
#include "domain/notifications.h"

#include "domain/changes.h"
#include "db/db.h"
#include "domain/users.h"

/* ms_notify_in that also gives the notification's id. */
static int notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                  const char *category, const char *title, const char *body, const char *deep_link,
                  int64_t now_ms, char id[MS_ID_MAX])
{
    if (ms_rng_id(rng, "ntf_", id, MS_ID_MAX) != 0 ||
        ms_db_run(db,
                  "INSERT INTO notifications (id, user_id, category, title, body, created_at_ms,"
                  " is_read, deep_link, building_id) VALUES (?, ?, ?, ?, ?, ?, 0, nullif(?, ''),"
                  " nullif(?, ''))",
                  "tttttitt", id, user_id, category, title, body, now_ms,
                  deep_link ? deep_link : "", building_id ? building_id : "") != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_NOTIFICATION, user_id, id);
}

int ms_notify_in(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                 const char *category, const char *title, const char *body, const char *deep_link,
                 int64_t now_ms)
{
    char id[MS_ID_MAX];
    return notify(db, rng, user_id, building_id, category, title, body, deep_link, now_ms, id);
}

int ms_notify_and_push(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                       const char *category, const char *title, const char *body,
                       const char *deep_link, int64_t now_ms)
{
    char id[MS_ID_MAX];
    if (notify(db, rng, user_id, building_id, category, title, body, deep_link, now_ms, id) != 0)
        return -1;
    return ms_db_run(db,
                     "INSERT INTO push_deliveries (user_id, notification_id, provider, token,"
                     " title, body, deep_link, created_at_ms) SELECT user_id, ?2, provider, token,"
                     " ?3, ?4, nullif(?5, ''), ?6 FROM push_tokens WHERE user_id = ?1"
                     " ORDER BY client_id",
                     "ttttti", user_id, id, title, body, deep_link ? deep_link : "", now_ms);
}

int ms_notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *category,
              const char *title, const char *body, const char *deep_link, int64_t now_ms)
{
    return ms_notify_in(db, rng, user_id, NULL, category, title, body, deep_link, now_ms);
}
