/* domain/audience.h - who a notification of a cause goes to, and the words of a building's time
 * in it: the helpers every producer of issue 12's notification kinds shares. */
#ifndef MS_AUDIENCE_H
#define MS_AUDIENCE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/app.h"
#include "domain/notify.h"
#include "rules/zone.h"

/* Room for ms_building_when's words ("Mon 4 Jan 2027 10:15 IST") and spans. */
#define MS_WHEN_MAX 96

/* building_id's zone (India's when building_id is NULL, "" or has no rule). 0 / -1. */
int ms_building_zone(sqlite3 *db, const char *building_id, const ms_zone **out);

/* utc_ms in building_id's local time with its label ("Mon 4 Jan 2027 10:15 IST"). 0 / -1. */
int ms_building_when(sqlite3 *db, const char *building_id, int64_t utc_ms, char *out, size_t cap);

/*
 * Send n to every user the query `users_sql` names, one at a time in user id order: its
 * parameter ?1 is `key` (an invoice's company, a building...), ?2 the last user id sent to
 * ("" first); it answers the next user id (ORDER BY 1 LIMIT 1). n->user_id is ignored. With
 * once_entity (not NULL) each goes through ms_notify_once for that entity. The number of
 * notifications sent (>= 0), -1 on error.
 */
int ms_notify_each(ms_app *app, const ms_notice *n, const char *once_entity, const char *users_sql,
                   const char *key);

#endif
