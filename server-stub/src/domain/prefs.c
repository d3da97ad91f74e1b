/* domain/prefs.c - a member's notification preferences (the notification_prefs entity): channels
 * per category, quiet hours; their mutations. */
#include "domain/prefs.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "domain/changes.h"

/* The default quiet hours: 22:00 to 07:00, on. */
#define QUIET_FROM_DEFAULT 1320
#define QUIET_TO_DEFAULT   420

static void defaults(ms_prefs *out)
{
    memset(out, 0, sizeof *out);
    for (int c = 0; c < MS_CATEGORY_COUNT; c++)
        for (int ch = 0; ch < MS_CHANNEL_COUNT; ch++)
            out->on[c][ch] = ms_channel_default(c, (ms_channel)ch);
    out->quiet_enabled = true;
    out->quiet = (ms_quiet_window){QUIET_FROM_DEFAULT, QUIET_TO_DEFAULT};
}

/* Overlay the stored channels object ({category: {channel: bool}}) on out's. */
static void read_channels(const char *text, ms_prefs *out)
{
    cJSON *channels = cJSON_Parse(text);
    for (int c = 0; c < MS_CATEGORY_COUNT; c++) {
        const cJSON *cell = cJSON_GetObjectItemCaseSensitive(channels, ms_categories[c]);
        for (int ch = 0; ch < MS_CHANNEL_COUNT; ch++) {
            const cJSON *on = cJSON_GetObjectItemCaseSensitive(cell, ms_channel_name(ch));
            if (cJSON_IsBool(on))
                out->on[c][ch] = cJSON_IsTrue(on);
        }
    }
    cJSON_Delete(channels);
}

int ms_prefs_load(sqlite3 *db, const char *user_id, ms_prefs *out)
{
    defaults(out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT u.created_at_ms, p.channels, p.quiet_enabled,"
                                     " p.quiet_from_min, p.quiet_to_min, p.updated_at_ms"
                                     " FROM users u LEFT JOIN notification_prefs p"
                                     " ON p.user_id = u.id WHERE u.id = ?",
                                     "t", user_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        out->updated_at_ms = sqlite3_column_int64(stmt, 0);
        if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
            read_channels((const char *)sqlite3_column_text(stmt, 1), out);
            out->quiet_enabled = sqlite3_column_int(stmt, 2) != 0;
            out->quiet.from_min = sqlite3_column_int(stmt, 3);
            out->quiet.to_min = sqlite3_column_int(stmt, 4);
            out->updated_at_ms = sqlite3_column_int64(stmt, 5);
        }
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : rc == 0 ? 1 : 0;
}

/* {category: {push, email, sms}} of p; NULL when memory runs out. */
static cJSON *channels_json(const ms_prefs *p)
{
    cJSON *channels = cJSON_CreateObject();
    for (int c = 0; channels && c < MS_CATEGORY_COUNT; c++) {
        cJSON *cell = cJSON_AddObjectToObject(channels, ms_categories[c]);
        for (int ch = 0; cell && ch < MS_CHANNEL_COUNT; ch++)
            if (!cJSON_AddBoolToObject(cell, ms_channel_name(ch), p->on[c][ch]))
                cell = NULL;
        if (!cell) {
            cJSON_Delete(channels);
            channels = NULL;
        }
    }
    return channels;
}

int ms_prefs_json(sqlite3 *db, const char *user_id, cJSON **out)
{
    *out = NULL;
    ms_prefs p;
    int rc = ms_prefs_load(db, user_id, &p);
    if (rc != 0)
        return rc;
    cJSON *o = cJSON_CreateObject();
    cJSON *channels = channels_json(&p);
    cJSON *quiet = cJSON_CreateObject();
    bool ok = o && channels && quiet && cJSON_AddItemToObject(o, "channels", channels);
    if (!ok)
        cJSON_Delete(channels);
    ok = ok && cJSON_AddBoolToObject(quiet, "enabled", p.quiet_enabled) &&
         cJSON_AddNumberToObject(quiet, "from_min", p.quiet.from_min) &&
         cJSON_AddNumberToObject(quiet, "to_min", p.quiet.to_min);
    if (ok && cJSON_AddItemToObject(o, "quiet_hours", quiet))
        quiet = NULL;
    else
        ok = false;
    cJSON_Delete(quiet);
    ok = ok && cJSON_AddNumberToObject(o, "updated_at_ms", (double)p.updated_at_ms);
    if (!ok) {
        cJSON_Delete(o);
        return -1;
    }
    *out = o;
    return 0;
}

/* Store p as user_id's preferences at now_ms and change-log the entity. 0 / -1. */
static int save(sqlite3 *db, const char *user_id, ms_prefs *p, int64_t now_ms)
{
    p->updated_at_ms = now_ms;
    cJSON *channels = channels_json(p);
    char *text = channels ? cJSON_PrintUnformatted(channels) : NULL;
    cJSON_Delete(channels);
    int rc = text ? ms_db_run(db,
                              "INSERT INTO notification_prefs (user_id, channels, quiet_enabled,"
                              " quiet_from_min, quiet_to_min, updated_at_ms) VALUES (?, ?, ?, ?,"
                              " ?, ?) ON CONFLICT (user_id) DO UPDATE SET channels ="
                              " excluded.channels, quiet_enabled = excluded.quiet_enabled,"
                              " quiet_from_min = excluded.quiet_from_min, quiet_to_min ="
                              " excluded.quiet_to_min, updated_at_ms = excluded.updated_at_ms",
                              "ttiiii", user_id, text, (int64_t)p->quiet_enabled,
                              (int64_t)p->quiet.from_min, (int64_t)p->quiet.to_min, now_ms)
                  : -1;
    free(text);
    if (rc != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_NOTIFICATION_PREFS, user_id, user_id);
}

/* A boolean field of the payload, or false after refusing (why) when it is missing or not one. */
static bool payload_bool(const cJSON *payload, const char *name, bool *out, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, name);
    if (!cJSON_IsBool(item)) {
        ms_refuse(why, "invalid_argument", "payload field '%s' must be true or false", name);
        return false;
    }
    *out = cJSON_IsTrue(item);
    return true;
}

/* A minute of the day (0..1439) from the payload, or false after refusing (why). */
static bool payload_minute(const cJSON *payload, const char *name, int *out, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, name);
    if (!cJSON_IsNumber(item) || item->valuedouble != (double)(int)item->valuedouble ||
        item->valuedouble < 0 || item->valuedouble > 1439) {
        ms_refuse(why, "invalid_argument",
                  "payload field '%s' must be a minute of the day, 0 to 1439", name);
        return false;
    }
    *out = (int)item->valuedouble;
    return true;
}

int ms_prefs_set(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    const cJSON *category = cJSON_GetObjectItemCaseSensitive(payload, "category");
    const cJSON *channel = cJSON_GetObjectItemCaseSensitive(payload, "channel");
    int c = cJSON_IsString(category) ? ms_category_index(category->valuestring) : -1;
    int ch = cJSON_IsString(channel) ? ms_channel_index(channel->valuestring) : -1;
    if (c < 0)
        return ms_refuse(why, "invalid_argument",
                         "payload field 'category' must be billing, support, bookings, events or"
                         " announcements");
    if (ch < 0)
        return ms_refuse(why, "invalid_argument",
                         "payload field 'channel' must be push, email or sms");
    bool enabled;
    if (!payload_bool(payload, "enabled", &enabled, why))
        return 1;
    ms_prefs p;
    if (ms_prefs_load(app->db, user_id, &p) != 0)
        return -1;
    p.on[c][ch] = enabled;
    return save(app->db, user_id, &p, ms_clock_now(&app->clock));
}

int ms_prefs_quiet_hours(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    bool enabled;
    int from, to;
    if (!payload_bool(payload, "enabled", &enabled, why) ||
        !payload_minute(payload, "from_min", &from, why) ||
        !payload_minute(payload, "to_min", &to, why))
        return 1;
    if (!ms_quiet_window_valid(from, to))
        return ms_refuse(why, "invalid_argument",
                         "quiet hours must not start and end at the same minute (%02d:%02d)",
                         from / 60, from % 60);
    ms_prefs p;
    if (ms_prefs_load(app->db, user_id, &p) != 0)
        return -1;
    p.quiet_enabled = enabled;
    p.quiet = (ms_quiet_window){from, to};
    return save(app->db, user_id, &p, ms_clock_now(&app->clock));
}
