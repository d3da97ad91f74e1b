/* domain/notifications.h - the inbox: notifications made without a kind (the calls from before
 * the dispatcher, thin wrappers over domain/notify.h) and marking them read in bulk. */
#ifndef MS_NOTIFICATIONS_H
#define MS_NOTIFICATIONS_H

#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "base/crypto.h"
#include "domain/bookings.h"

/*
 * Send user_id an unread notification ("ntf_" + 16 hex) of category (billing, support, bookings,
 * events, announcements) with no kind, not urgent, through the dispatcher (ms_notify_send_at:
 * inbox row change-logged to the user, deliveries as the preferences say); deep_link may be NULL.
 * 0 / -1.
 */
int ms_notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *category,
              const char *title, const char *body, const char *deep_link, int64_t now_ms);

/* ms_notify for something of building_id (NULL or "": of no building in particular). */
int ms_notify_in(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                 const char *category, const char *title, const char *body, const char *deep_link,
                 int64_t now_ms);

/* ms_notify_in (kept for its callers: every notification now goes out as the preferences say,
 * a push to each registered token among them). 0 / -1. */
int ms_notify_and_push(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                       const char *category, const char *title, const char *body,
                       const char *deep_link, int64_t now_ms);

/*
 * notification.read_all {category: null or a category, up_to_ms}: every unread notification of
 * user_id (of category when given) made at or before up_to_ms becomes read, each change-logged.
 * 0 applied, 1 refused (why: invalid_argument), -1.
 */
int ms_notifications_read_all(ms_app *app, const char *user_id, const cJSON *payload,
                              ms_refusal *why);

#endif
