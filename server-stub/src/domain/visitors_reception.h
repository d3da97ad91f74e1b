/* domain/visitors_reception.h - the front desk's side of visitors (docs/notifications-protocol.md,
 * "Reception routes"): the staff member's building, its visitors of a day, finding one by id, SMS
 * code or QR payload, checking them in, registering a walk-in. Only visitors of that building are
 * ever found. Every function works inside the caller's transaction. */
#ifndef MS_VISITORS_RECEPTION_H
#define MS_VISITORS_RECEPTION_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "domain/bookings.h"
#include "domain/visitors.h"

/* The building staff_id works at reception of (their first by id) into out. 0, 1 when none, -1. */
int ms_reception_building(sqlite3 *db, const char *staff_id, char out[MS_ID_MAX]);

/* The building-local today at building_id, "YYYY-MM-DD", into out (11 bytes). 0 / -1. */
int ms_reception_today(sqlite3 *db, const char *building_id, int64_t now_ms, char out[11]);

/* The visitors of building_id on date ("YYYY-MM-DD"), each with its host {id, name}, by window
 * (none last) then name then id, as a JSON array into *out (caller deletes). 0 / -1. */
int ms_reception_list_json(sqlite3 *db, const char *building_id, const char *date, cJSON **out);

/*
 * The visitor of building_id named by what: its id ("vis_..."), the 8-digit code of its SMS
 * (spaces allowed) or its whole QR payload, into v. 0, 1 when none at this building (a code or
 * payload that opens nothing here is none), -1 on error.
 */
int ms_reception_find(sqlite3 *db, const char *building_id, const char *what, ms_visitor *v);

/*
 * Check v in at reception at now: arrived (checked in by reception), the host alerted. 0, 1
 * refused (*why: invalid_transition naming the status, wrong_date naming the date), -1.
 */
int ms_reception_checkin(ms_app *app, const ms_visitor *v, ms_refusal *why);

/* A walk-in to register: the host's id and the visitor (email, phone: "" when none). */
typedef struct ms_walk_in {
    char host_user_id[MS_ID_MAX];
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX];
    char phone[MS_PHONE_MAX];
} ms_walk_in;

/* Register w at building_id for today: awaiting approval, due in 15 minutes, the host asked
 * (visitor.walk_in). Its new id into id_out. 0 / -1. */
int ms_reception_walk_in(ms_app *app, const char *building_id, const ms_walk_in *w,
                         char id_out[MS_ID_MAX]);

#endif
