/* domain/notify.h - the notification dispatcher: every notification the server makes goes through
 * it (docs/notifications-protocol.md, "Delivery"): the inbox row, then push, email and SMS as the
 * member's preferences, quiet hours and the always-reaching kinds say. */
#ifndef MS_NOTIFY_H
#define MS_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/app.h"
#include "base/crypto.h"
#include "base/ids.h"

/*
 * What to tell whom. user_id: the recipient; building_id: the building it is about (NULL or "":
 * none; quiet hours use it when the member has no membership); kind: the cause's name from the
 * protocol's table ("booking.reminder", ...; "" or NULL for none); category: billing, support,
 * bookings, events or announcements (anything else is refused: -1); deep_link may be NULL;
 * urgent: never held by quiet hours. Whether it always reaches the member is derived from kind.
 */
typedef struct ms_notice {
    const char *user_id, *building_id, *kind, *category, *title, *body, *deep_link;
    bool urgent;
} ms_notice;

/* The inbox row (change-logged to the user) and its deliveries per channel and preferences,
 * in the caller's transaction. id_out (may be NULL) gets "ntf_...". 0 / -1. */
int ms_notify_send(ms_app *app, const ms_notice *n, char id_out[MS_ID_MAX]);

/* Once per (kind, entity_id, user_id): 1 when it was sent now, 0 when it had been, -1. */
int ms_notify_once(ms_app *app, const ms_notice *n, const char *entity_id);

/*
 * ms_notify_send for callers that hold no ms_app (the seed): at now_ms with rng. On a database
 * older than schema 10 (a seed step of an earlier version running the live rule, which logs no
 * changes) only the inbox row of that version is written: no kind, no change, no deliveries.
 */
int ms_notify_send_at(sqlite3 *db, ms_rng *rng, const ms_notice *n, int64_t now_ms,
                      char id_out[MS_ID_MAX]);

/*
 * Send every delivery held by quiet hours whose window ended at or before now_ms (upkeep): a push
 * to a token reported dead meanwhile becomes dead_token (and the token is dropped). 0 / -1.
 */
int ms_notify_release_due(sqlite3 *db, int64_t now_ms);

#endif
