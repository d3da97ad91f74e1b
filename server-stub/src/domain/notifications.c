/* domain/notifications.c - the inbox: notifications made without a kind (the calls from before
 * the dispatcher, thin wrappers over domain/notify.h) and marking them read in bulk. */
#include "domain/notifications.h"

#include "db/db.h"
#include "domain/changes.h"
#include "domain/notify.h"
#include "rules/notice_kinds.h"

int ms_notify_in(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                 const char *category, const char *title, const char *body, const char *deep_link,
                 int64_t now_ms)
{
    ms_notice n = {.user_id = user_id,
                   .building_id = building_id,
                   .kind = "",
                   .category = category,
                   .title = title,
                   .body = body,
                   .deep_link = deep_link};
    return ms_notify_send_at(db, rng, &n, now_ms, NULL);
}

int ms_notify_and_push(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                       const char *category, const char *title, const char *body,
                       const char *deep_link, int64_t now_ms)
{
    return ms_notify_in(db, rng, user_id, building_id, category, title, body, deep_link, now_ms);
}

int ms_notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *category,
              const char *title, const char *body, const char *deep_link, int64_t now_ms)
{
    return ms_notify_in(db, rng, user_id, NULL, category, title, body, deep_link, now_ms);
}

int ms_notifications_read_all(ms_app *app, const char *user_id, const cJSON *payload,
                              ms_refusal *why)
{
    const cJSON *category = cJSON_GetObjectItemCaseSensitive(payload, "category");
    const cJSON *up_to = cJSON_GetObjectItemCaseSensitive(payload, "up_to_ms");
    if (category && !cJSON_IsNull(category) &&
        !(cJSON_IsString(category) && ms_category_index(category->valuestring) >= 0))
        return ms_refuse(why, "invalid_argument",
                         "payload field 'category' must be null, billing, support, bookings,"
                         " events or announcements");
    if (!cJSON_IsNumber(up_to) || up_to->valuedouble != (double)(int64_t)up_to->valuedouble)
        return ms_refuse(why, "invalid_argument",
                         "payload field 'up_to_ms' must be an instant in milliseconds");
    const char *only = cJSON_IsString(category) ? category->valuestring : NULL;
    int64_t up_to_ms = (int64_t)up_to->valuedouble;
    /* One at a time by id: each is marked and change-logged. */
    char after[MS_ID_MAX] = "";
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id FROM notifications WHERE user_id = ?1"
                                         " AND id > ?2 AND is_read = 0 AND created_at_ms <= ?3"
                                         " AND (?4 IS NULL OR category = ?4)"
                                         " ORDER BY id LIMIT 1",
                                         "ttit", user_id, after, up_to_ms, only);
        if (!stmt)
            return -1;
        int rc = ms_db_step(stmt);
        if (rc == 1)
            ms_db_text(stmt, 0, after, sizeof after);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_db_run(app->db, "UPDATE notifications SET is_read = 1 WHERE id = ?", "t", after) !=
                0 ||
            ms_change_upsert(app->db, MS_KIND_NOTIFICATION, user_id, after) != 0)
            return -1;
    }
}
