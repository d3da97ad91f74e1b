/* domain/notifications.h - notifications the server sends a user (the notification kind),
 * change-logged.
 */
#ifndef MS_NOTIFICATIONS_H
#define MS_NOTIFICATIONS_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"

/*
 * Send user_id an unread notification ("ntf_" + 16 hex) of category
 * (billing, support, bookings, events, announcements); deep_link may be NULL.
 * Change-logged to the user. 0 / -1.
 */
int ms_notify(sqlite3 *db, ms_rng *rng, const char *user_id, const char *category,
              const char *title, const char *body, const char *deep_link, int64_t now_ms);

/* ms_notify for something of building_id (NULL or "": of no building in particular). */
int ms_notify_in(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                 const char *category, const char *title, const char *body, const char *deep_link,
                 int64_t now_ms);

/*
 * ms_notify_in that also goes out as a push: one push_deliveries row (the simulated push gateway,
 * GET /v1/test/pushes) per push token user_id registered (device.push_token). 0 / -1.
 */
int ms_notify_and_push(sqlite3 *db, ms_rng *rng, const char *user_id, const char *building_id,
                       const char *category, const char *title, const char *body,
                       const char *deep_link, int64_t now_ms);

#endif
