/* domain/ticket_staff.h - the ground staff's side of facility tickets (docs/tickets-protocol.md,
 * "Staff routes"): who is staff and of which buildings, a ticket found only within them, the
 * building's queue in SLA order, the colleagues a ticket can go to, and staff comments (public
 * replies and internal notes). Every function works inside the caller's transaction. */
#ifndef MS_TICKET_STAFF_H
#define MS_TICKET_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "base/crypto.h"
#include "base/ids.h"

/* Whether user_id is staff: the staff role and at least one building. 1 yes, 0 no, -1 error. */
int ms_staff_is_staff(sqlite3 *db, const char *user_id);

/* The id of the ticket named by id_or_number (its id, or its number "T-1001") among the tickets
 * of staff_id's buildings, into out (MS_ID_MAX). 0, 1 when none (another building's ticket is
 * none too), -1 on error. */
int ms_staff_ticket_find(sqlite3 *db, const char *staff_id, const char *id_or_number,
                         char out[MS_ID_MAX]);

/* Whether queue names one ("active", "open", "assigned", "in_progress", "resolved", "closed",
 * "all"). Pure. */
bool ms_staff_queue_valid(const char *queue);

/* The staff view (domain/tickets.h) of every ticket of staff_id's buildings in queue, ordered
 * by resolution due time, then filing time, then id, as a JSON array into *out (caller deletes).
 * 0 / -1. */
int ms_staff_queue_json(sqlite3 *db, const char *staff_id, const char *queue, cJSON **out);

/* The staff of staff_id's buildings (staff_id too) as [{id, name}] by name into *out. 0 / -1. */
int ms_staff_colleagues_json(sqlite3 *db, const char *staff_id, cJSON **out);

/* Whether user_id is staff of building_id. 1 yes, 0 no, -1 error. */
int ms_staff_works_in(sqlite3 *db, const char *user_id, const char *building_id);

/*
 * Comment on ticket_id as staff_id, text already checked (1..2000 characters, trimmed):
 * internal, a note only staff read (nothing else changes, nobody is told); otherwise a reply
 * the member reads, counted as the first response if none came yet, the ticket change-logged
 * and the member notified. 0, 1 when the ticket is closed (nothing written), -1 on error.
 */
int ms_staff_comment(ms_app *app, const char *ticket_id, const char *staff_id, const char *text,
                     bool internal, int64_t now_ms);

#endif
