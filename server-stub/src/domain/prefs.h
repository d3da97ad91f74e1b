/* domain/prefs.h - a member's notification preferences (the notification_prefs entity): channels
 * per category, quiet hours; their mutations. */
#ifndef MS_PREFS_H
#define MS_PREFS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "domain/bookings.h"
#include "rules/notice_kinds.h"
#include "rules/quiet_hours.h"

typedef struct ms_prefs {
    bool on[MS_CATEGORY_COUNT][MS_CHANNEL_COUNT];
    bool quiet_enabled;
    ms_quiet_window quiet;
    int64_t updated_at_ms;
} ms_prefs;

/*
 * user_id's preferences: the stored ones, or the server's defaults (the protocol's table; quiet
 * hours on, 22:00-07:00; updated_at_ms the account's creation) when the member never changed
 * one. 0, 1 when there is no such user, -1.
 */
int ms_prefs_load(sqlite3 *db, const char *user_id, ms_prefs *out);

/* The notification_prefs entity's data object of user_id: 0 and *out (caller deletes), 1 when
 * there is no such user, -1. */
int ms_prefs_json(sqlite3 *db, const char *user_id, cJSON **out);

/*
 * notification_prefs.set {category, channel: push | email | sms, enabled}: one cell. 0 applied
 * (stored, change-logged), 1 refused (why: invalid_argument), -1.
 */
int ms_prefs_set(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/* notification_prefs.quiet_hours {enabled, from_min, to_min}: 0..1439, not equal. As above. */
int ms_prefs_quiet_hours(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

#endif
