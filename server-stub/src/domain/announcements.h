/* domain/announcements.h - the operator's announcements (docs/today-desks-community.md,
 * "Announcements"): a building's or operator-wide, pinned or not, with an optional expiry; each
 * member's read state; the notification that announces one. */
#ifndef MS_ANNOUNCEMENTS_H
#define MS_ANNOUNCEMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "base/app.h"
#include "base/ids.h"
#include "domain/bookings.h"

/*
 * SQL: whether the announcement row in scope (columns building_id) is for `user` (an SQL
 * expression naming the user id): operator-wide, or of a building the user is a member of or
 * works at (the audience ms_announcement_post tells).
 */
#define MS_ANNOUNCEMENT_FOR(user)                                                                  \
    "(+building_id IS NULL OR +building_id IN (SELECT building_id FROM memberships"                \
    " WHERE user_id = " user " UNION ALL SELECT building_id FROM staff_buildings"                  \
    " WHERE user_id = " user "))"
/* SQL: whether the announcement row in scope is live (not retired: upkeep retires each at its
 * expiry, deleting it from its members' change logs; snapshots leave retired ones out). */
#define MS_ANNOUNCEMENT_LIVE "(retired = 0)"

/* What the operator posts. */
typedef struct ms_announcement_input {
    const char *building_id; /* NULL: operator-wide */
    const char *title, *body;
    bool pinned;
    int64_t expires_at_ms; /* 0: never */
    /* The notification's link: an https:// page, or NULL for the announcement itself
     * (membercore://announcements/<id>). */
    const char *deep_link;
} ms_announcement_input;

/*
 * Post in: the announcement (published now) change-logged to every user in its audience (with
 * building_id, the members whose membership is there and its staff; with NULL, every user), each
 * told by the `announcement` notification (category announcements). Its id into id_out, the
 * number told into *told. 0; 1 when there is no such building; 2 when expires_at_ms is not after
 * now; -1 on error. Caller's transaction.
 */
int ms_announcement_post(ms_app *app, const ms_announcement_input *in, char id_out[MS_ID_MAX],
                         int *told);

/*
 * Retire every announcement whose expiry came by now_ms: a delete in the change log of each user of
 * its audience (as ms_announcement_post's), once. Upkeep, caller's transaction. 0 / -1.
 */
int ms_announcements_retire_due(ms_app *app, int64_t now_ms);

/*
 * announcement.read {announcement_id}: marks it read for user_id (again: nothing changes) and
 * change-logs it to them. 0 applied; 1 refused with why (invalid_argument; not_found for an
 * unknown announcement or one not for this user); -1 on error. A retired (expired) one is
 * recorded read but not logged again (it stays deleted).
 */
int ms_announcement_read(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

#endif
