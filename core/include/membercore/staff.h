/*
 * membercore/staff.h - the ground staff's ticket queue (the operator's staff app).
 *
 * For an account with the staff role (membercore/auth.h, MC_ROLE_STAFF), signed in
 * like a member. Every call here is online (a staff desk has a network): it asks the
 * server and answers with what the server now holds; nothing is kept in the local
 * store and nothing is queued. A staff member sees and acts on the tickets of their
 * own building only.
 *
 *   queue    : mc_staff_tickets_list()    ordered by SLA resolution due time
 *   one      : mc_staff_ticket_get()      with internal notes and the reporter
 *   assign   : mc_staff_ticket_assign()   to oneself or a colleague
 *   move     : mc_staff_ticket_set_status()  start, resolve, reopen
 *   comment  : mc_staff_ticket_comment()  public (the member is notified) or internal
 *
 * Tickets are the struct of membercore/tickets.h, with the staff-only fields of
 * mc_staff_ticket around it. Errors common to every call: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED (nobody signed in, or the session expired), MC_ERR_FORBIDDEN
 * (the account is not staff), MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER,
 * MC_ERR_NO_MEMORY. Any thread; each call blocks on one request.
 */
#ifndef MEMBERCORE_STAFF_H
#define MEMBERCORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/tickets.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which of the building's tickets a queue lists. */
typedef enum mc_staff_queue {
    MC_STAFF_QUEUE_ACTIVE = 0, /* open, assigned, in progress (the default) */
    MC_STAFF_QUEUE_OPEN = 1,
    MC_STAFF_QUEUE_ASSIGNED = 2,
    MC_STAFF_QUEUE_IN_PROGRESS = 3,
    MC_STAFF_QUEUE_RESOLVED = 4,
    MC_STAFF_QUEUE_CLOSED = 5,
    MC_STAFF_QUEUE_ALL = 6,
} mc_staff_queue;

/* "active", "open", "assigned", "in_progress", "resolved", "closed", "all"; "unknown"
 * otherwise. Static; pure, any thread. */
const char *mc_staff_queue_name(mc_staff_queue queue);

/* The queue named by one of the words above (case-insensitive; "in-progress" too).
 * Errors: MC_ERR_INVALID_ARG naming the word. Pure, any thread. */
mc_status mc_staff_queue_parse(const char *name, mc_staff_queue *out, mc_error *err);

typedef struct mc_staff_note {
    char *id;
    int64_t at_ms;
    mc_local_time at; /* in the ticket's building's local time */
    char *author_name;
    char *text;
} mc_staff_note;

typedef struct mc_staff_ticket {
    /* The ticket as its member sees it (timeline and photos filled by
     * mc_staff_ticket_get and by the actions; NULL in the queue). author_name "You" is
     * never used here: entries name their author. */
    mc_ticket ticket;
    char *reporter_id;
    char *reporter_name;
    char *assignee_id;    /* "" when unassigned */
    mc_staff_note *notes; /* internal notes, oldest first (never shown to the member) */
    size_t note_count;
} mc_staff_ticket;

typedef struct mc_staff_ticket_list {
    mc_staff_ticket *items;
    size_t count;
} mc_staff_ticket_list;

typedef struct mc_staff_colleague {
    char *id;
    char *name;
} mc_staff_colleague;

typedef struct mc_staff_colleague_list {
    mc_staff_colleague *items;
    size_t count;
} mc_staff_colleague_list;

/*
 * The staff member's building's tickets in `queue`, most urgent first (by the SLA
 * resolution due time, then the oldest). Free with mc_staff_ticket_list_free().
 */
mc_status mc_staff_tickets_list(mc_client *client, mc_staff_queue queue, mc_staff_ticket_list **out,
                                mc_error *err);

/* Free a staff ticket list. NULL is a no-op. Any thread. */
void mc_staff_ticket_list_free(mc_staff_ticket_list *list);

/*
 * One ticket of the building by id or number ("T-1001"), with its timeline, photos and
 * internal notes. Free with mc_staff_ticket_free(). MC_ERR_NOT_FOUND also for a ticket
 * of another building (an id cannot be probed).
 */
mc_status mc_staff_ticket_get(mc_client *client, const char *id_or_number, mc_staff_ticket **out,
                              mc_error *err);

/* Free a staff ticket and everything it holds. NULL is a no-op. Any thread. */
void mc_staff_ticket_free(mc_staff_ticket *ticket);

/* The staff of the caller's building (whom a ticket can be assigned to).
 * Free with mc_staff_colleague_list_free(). */
mc_status mc_staff_colleagues_list(mc_client *client, mc_staff_colleague_list **out, mc_error *err);

/* Free a colleague list. NULL is a no-op. Any thread. */
void mc_staff_colleague_list_free(mc_staff_colleague_list *list);

/*
 * Assign a ticket to assignee_id (NULL or "": the caller). An open ticket becomes
 * assigned; an assigned or in-progress one keeps its status with its new assignee. The
 * member is notified. On success *out (if out is not NULL) is the ticket as now held,
 * freed with mc_staff_ticket_free(). Errors: MC_ERR_NOT_FOUND (no such ticket in the
 * building), MC_ERR_INVALID_ARG (the assignee is not staff of the building: the message
 * says so), MC_ERR_STATE (resolved or closed: reopen it first).
 */
mc_status mc_staff_ticket_assign(mc_client *client, const char *id_or_number,
                                 const char *assignee_id, mc_staff_ticket **out, mc_error *err);

/*
 * Move a ticket: MC_TICKET_IN_PROGRESS (start; it must be assigned),
 * MC_TICKET_RESOLVED, or MC_TICKET_OPEN (reopen a resolved ticket). The member is
 * notified. *out as for mc_staff_ticket_assign. Errors: MC_ERR_STATE naming the move
 * refused ("a ticket that is open cannot be started: assign it first"),
 * MC_ERR_INVALID_ARG (ASSIGNED or CLOSED: not a move staff make here), MC_ERR_NOT_FOUND.
 */
mc_status mc_staff_ticket_set_status(mc_client *client, const char *id_or_number,
                                     mc_ticket_status status, mc_staff_ticket **out, mc_error *err);

/*
 * Comment on a ticket: internal false is a public reply (the member sees it and is
 * notified); internal true is a note only staff ever see. text: 1..2000 characters.
 * *out as for mc_staff_ticket_assign. Errors: MC_ERR_INVALID_ARG (empty or too long
 * text), MC_ERR_STATE (the ticket is closed), MC_ERR_NOT_FOUND.
 */
mc_status mc_staff_ticket_comment(mc_client *client, const char *id_or_number, const char *text,
                                  bool internal, mc_staff_ticket **out, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_STAFF_H */
