/* domain/tickets.h - facility tickets (docs/tickets-protocol.md): a ticket's row, its timeline,
 * its moves (member, staff, the server's automatic close), the change log and the member's
 * notifications (inbox and push) after every change, and the ticket as the member's and as the
 * staff's JSON. Every function works inside the caller's write transaction. */
#ifndef MS_TICKETS_H
#define MS_TICKETS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "base/crypto.h"
#include "base/ids.h"
#include "rules/ticket_rules.h"

/* Room for a ticket number ("T-1001") and a category id ("facilities.lighting"). */
#define MS_TICKET_NUMBER_MAX 16
#define MS_NAME_MAX          128

/* A ticket's row (times 0 when NULL; strings "" when NULL). */
typedef struct ms_ticket {
    char id[MS_ID_MAX];
    char number[MS_TICKET_NUMBER_MAX];
    char user_id[MS_ID_MAX]; /* the member who filed it */
    char building_id[MS_ID_MAX];
    char category_id[MS_ID_MAX];
    char category_name[MS_NAME_MAX]; /* the leaf's name ("Washroom") */
    char assignee_id[MS_ID_MAX];
    ms_ticket_status status;
    ms_ticket_priority priority;
    int64_t created_at_ms, updated_at_ms, resolved_at_ms, closed_at_ms;
    int64_t response_due_ms, resolution_due_ms, at_risk_from_ms, responded_at_ms;
} ms_ticket;

/* Load ticket id. 0, 1 when there is no such ticket, -1 on error. */
int ms_ticket_load(sqlite3 *db, const char *id, ms_ticket *out);

/* Find a ticket of building_id by its id or its number ("T-1001"); its id into out (cap >=
 * MS_ID_MAX). 0, 1 when none, -1 on error. */
int ms_ticket_find_in_building(sqlite3 *db, const char *building_id, const char *id_or_number,
                               char *out, size_t cap);

/* Who wrote or did something. */
typedef struct ms_ticket_author {
    ms_ticket_actor role;
    const char *user_id; /* NULL for the system */
    const char *name;    /* "Kiran Das"; NULL: the user's name (or "Membercore" for the system) */
} ms_ticket_author;

/* A timeline entry to append. */
typedef struct ms_ticket_entry {
    const char *ticket_id;
    const char *id;   /* NULL: a new server id ("tke_" + 16 hex); a comment passes its cmt_ id */
    const char *type; /* "created", "status", "comment", "photo", "note" (internal = 1) */
    ms_ticket_author author;
    const char *from; /* status wire names, or NULL */
    const char *to;
    const char *text;     /* or NULL */
    const char *photo_id; /* a "photo" entry's photo, else NULL */
    int64_t at_ms;
} ms_ticket_entry;

/* Append an entry to the ticket's timeline. 0 / -1. */
int ms_ticket_entry_add(sqlite3 *db, ms_rng *rng, const ms_ticket_entry *entry);

/*
 * After any change to ticket id: updated_at_ms = now_ms, responded_at_ms set (once) when
 * staff_response (a staff action the member sees: an assignment, a status change, a public
 * comment), and the ticket entity change-logged for its member. 0 / -1.
 */
int ms_ticket_changed(sqlite3 *db, const char *id, int64_t now_ms, bool staff_response);

/*
 * Notify the ticket's member through the dispatcher (domain/notify.h): kind (ticket.created,
 * ticket.assigned, ticket.status, ticket.resolved, ticket.reply, ticket.closed), category
 * support, in the ticket's building, deep link membercore://tickets/<id>, titled "<number>
 * <what>: <category>" ("T-1001 assigned: Washroom"), with body. 0 / -1.
 */
int ms_ticket_notify(ms_app *app, const ms_ticket *ticket, const char *kind, const char *what,
                     const char *body);

/*
 * Make move on ticket id by author (ms_ticket_decide): on refusal *verdict says why and nothing
 * changes; allowed, the status (and resolved/closed instants, the SLA outcome, the assignee for
 * MS_MOVE_ASSIGN: assignee_id, a staff user of the building the caller checked) is written, a
 * status entry appended (none for a reassignment that keeps the status), the ticket change-logged
 * and the member notified in words. 0 (see verdict->allowed), 1 no such ticket, -1 on error.
 */
int ms_ticket_move_apply(ms_app *app, const char *id, ms_ticket_move move,
                         const ms_ticket_author *author, const char *assignee_id, int64_t now_ms,
                         ms_ticket_verdict *verdict);

/*
 * The ticket as JSON: the member's view (docs/tickets-protocol.md "A ticket": no internal notes)
 * or, staff_view, the staff's (plus reporter {id, name}, assignee_id, the notes, and "internal"
 * on every timeline entry). 0 and *out (caller deletes), 1 no such ticket, -1 on error.
 */
int ms_ticket_json(sqlite3 *db, const char *id, bool staff_view, cJSON **out);

/* The ticket_category entity's data: {id, parent_id, name, position, team, sla}. 0, 1, -1. */
int ms_ticket_category_json(sqlite3 *db, const char *id, cJSON **out);

/*
 * The upkeep's part: every ticket resolved at least 7 days before now_ms closes (status entry by
 * the system, change-logged, the member notified). 0 / -1.
 */
int ms_tickets_close_due(ms_app *app, int64_t now_ms);

#endif
