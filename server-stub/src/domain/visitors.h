/* domain/visitors.h - a member's visitors (docs/notifications-protocol.md): the visitor entity,
 * the host's mutations visitor.invite, visitor.cancel and visitor.decide, the invitation's door
 * credential, email with the QR code and SMS, arrival at the door, alerting the host, and
 * walk-ins declined when nobody answered in time. Every function works inside the caller's
 * transaction and change-logs the visitor to its host. */
#ifndef MS_VISITORS_H
#define MS_VISITORS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "domain/bookings.h"
#include "domain/users.h"
#include "rules/phone.h"
#include "rules/visitor_rules.h"

/* One visitor row. */
typedef struct ms_visitor {
    char id[MS_ID_MAX];
    char host_user_id[MS_ID_MAX];
    char building_id[MS_ID_MAX];
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX]; /* "" for a walk-in without one */
    char phone[MS_PHONE_MAX]; /* "" when none */
    char date[11];            /* building-local "YYYY-MM-DD" */
    int window_from_min;      /* both -1 when none */
    int window_to_min;
    bool walk_in;
    ms_visitor_status status;
    bool declined_by_timeout;
    int64_t approval_due_ms;       /* a walk-in's; 0 otherwise */
    char credential_id[MS_ID_MAX]; /* "" when none (a walk-in) */
} ms_visitor;

/* Load visitor id. 0, 1 when there is none, -1 on error. */
int ms_visitor_load(sqlite3 *db, const char *id, ms_visitor *out);

/*
 * The visitor's data object as pull sends it (docs: "A visitor"), with `host: {id, name}` too
 * when with_host (reception's view). 0 and *out (caller deletes), 1 when none, -1 on error.
 */
int ms_visitor_json(sqlite3 *db, const char *id, bool with_host, cJSON **out);

/*
 * visitor.invite by user_id: {visitor_id, building_id, name, email, phone, date, window}.
 * Applied: the visitor (invited), a visitor credential valid over the building-local date at
 * that building, the email with the QR code, the SMS when a phone is given. Refusals:
 * invalid_argument, not_found (building), invalid_date. 0 applied, 1 refused (nothing
 * written), -1 on error.
 */
int ms_visitor_invite(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/* visitor.cancel by user_id: {visitor_id}; the code is revoked. Refusals: not_found,
 * invalid_transition. 0 / 1 / -1. */
int ms_visitor_cancel(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/* visitor.decide by user_id: {visitor_id, decision: approve|decline} on a walk-in. Refusals:
 * not_found, approval_expired, invalid_transition, invalid_argument. 0 / 1 / -1. */
int ms_visitor_decide(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/*
 * Move visitor v by `move` at now_ms (already checked allowed): status, times, who checked them
 * in (MS_VISIT_CHECKIN: by_door, else reception), the decline's reason, the code revoked when it
 * stops being useful, the change log; the host alerted of an arrival by the door or reception
 * (visitor.arrived, once) and of a timeout (visitor.declined). 0 / -1.
 */
int ms_visitor_apply(ms_app *app, const ms_visitor *v, ms_visitor_move move, bool by_door,
                     int64_t now_ms);

/* Tell v's host a notification of kind (category bookings; urgent or not) linking to the visitor
 * (membercore://visitors/<id>), once per (kind, visitor). 0 / -1. */
int ms_visitor_tell_host(ms_app *app, const ms_visitor *v, const char *kind, bool urgent,
                         const char *title, const char *body);

/* The building as people read it: "Indiranagar (BLR-1)" (its id alone when there is none). */
void ms_visitor_building_words(sqlite3 *db, const char *building_id, char *out, size_t cap);

/* The door granted visitor credential credential_id going in at now_ms: an invited visitor
 * arrives (checked in by the door) and the host is alerted. 0 / -1. */
int ms_visitor_door_entered(ms_app *app, const char *visitor_id, int64_t now_ms);

/* Every walk-in still awaiting approval whose 15 minutes are over at now_ms is declined
 * (decline_reason timeout, dated when the time ran out) and its host told. 0 / -1. */
int ms_visitors_timeout_due(ms_app *app, int64_t now_ms);

#endif
