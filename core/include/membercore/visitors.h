/*
 * membercore/visitors.h - a member's visitors, and the front desk's reception.
 *
 * A member (the host) invites a visitor for one date at a building; the server
 * emails the visitor a QR door code valid there on that date only (and texts the
 * code when a phone is given). When the code is scanned at the door or reception
 * checks the visitor in, the host is alerted ("Visitor waiting at reception"). A
 * walk-in that reception registers asks the host to approve or decline; no answer
 * in 15 minutes declines. docs/notifications-protocol.md is the wire contract.
 *
 * Member side (offline-first, like bookings): reads come from the local store
 * with the member's queued writes layered on top (`pending`); writes land locally
 * at once and go to the outbox (membercore/sync.h). A refusal by the server rolls
 * the write back and raises MC_SYNC_EVENT_MUTATION_REJECTED with the rule's words.
 *
 *   invite     : mc_visitor_invite()         offline, checked locally first
 *   again      : mc_visitor_invite_again()   same person, another date
 *   list       : mc_visitors_list()          upcoming or all, soonest first
 *   one        : mc_visitor_get()
 *   cancel     : mc_visitor_cancel()         the code stops working
 *   walk-in    : mc_visitor_decide()         approve or decline
 *
 * Reception side (role staff, online like membercore/staff.h): list the
 * building's visitors of a day, check one in, register a walk-in.
 */
#ifndef MEMBERCORE_VISITORS_H
#define MEMBERCORE_VISITORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A visitor's name: 1 to this many characters (Unicode code points), trimmed. */
#define MC_VISITOR_NAME_MAX 100
/* Invitations reach at most this many days ahead (building-local dates). */
#define MC_VISITOR_DAYS_AHEAD_MAX 60
/* A walk-in not approved within this many minutes is declined. */
#define MC_VISITOR_APPROVAL_MINUTES 15
/* Room for a visitor id ("vis_" + 32 hex) and its NUL. */
#define MC_VISITOR_ID_CAP 40

typedef enum mc_visitor_status {
    MC_VISITOR_INVITED = 1,           /* expected; the code works on its date */
    MC_VISITOR_ARRIVED = 2,           /* scanned in at the door or checked in by reception */
    MC_VISITOR_CANCELLED = 3,         /* the host cancelled; the code is refused */
    MC_VISITOR_AWAITING_APPROVAL = 4, /* a walk-in: the host must approve or decline */
    MC_VISITOR_DECLINED = 5,          /* a walk-in declined by the host or by the timeout */
} mc_visitor_status;

/* "invited", "arrived", "cancelled", "awaiting_approval", "declined"; "unknown"
 * otherwise. Static; pure, any thread. */
const char *mc_visitor_status_name(mc_visitor_status status);

typedef enum mc_visitor_checkin {
    MC_VISITOR_CHECKIN_NONE = 0,
    MC_VISITOR_CHECKIN_DOOR = 1,      /* the code was granted at the door */
    MC_VISITOR_CHECKIN_RECEPTION = 2, /* reception checked them in (or the host approved) */
} mc_visitor_checkin;

typedef struct mc_visitor {
    char *id; /* "vis_" + 32 hex */
    char *building_id;
    char *name;
    char *email;
    char *phone; /* E.164, "" when none */
    char *date;  /* "YYYY-MM-DD", the building-local date the code is valid on */
    /* The expected arrival window in minutes after the building's local midnight;
     * both -1 when none was given. window_from / window_to: the same on that date
     * as local times (zeroed when none). */
    int32_t window_from_min;
    int32_t window_to_min;
    mc_local_time window_from;
    mc_local_time window_to;
    mc_visitor_status status;
    bool walk_in;               /* registered by reception without an invitation */
    mc_visitor_checkin checkin; /* how they arrived (NONE until they do) */
    int64_t arrived_at_ms;      /* 0 until they arrive */
    mc_local_time arrived_at;   /* in the building's local time */
    int64_t approval_due_ms;    /* a walk-in awaiting approval: when it declines itself; else 0 */
    mc_local_time approval_due;
    bool declined_by_timeout; /* DECLINED because nobody answered in time */
    int64_t created_at_ms;
    char *host_id;   /* the member who invited them (the signed-in one on the member side) */
    char *host_name; /* filled on the reception side; "" on the member side */
    /* A write of this device not yet confirmed by the server: the invitation
     * itself, a cancel or a decision (status already shows its effect). */
    bool pending;
} mc_visitor;

typedef struct mc_visitor_list {
    mc_visitor *items;
    size_t count;
} mc_visitor_list;

/* Free a list and everything it holds. NULL is a no-op. Any thread. */
void mc_visitor_list_free(mc_visitor_list *list);
/* Free one visitor from mc_visitor_get or the reception calls. NULL is a no-op. */
void mc_visitor_free(mc_visitor *visitor);

/* ---- Member side (local store + outbox) ----------------------------------- */

typedef struct mc_visitor_invitation {
    const char *name;        /* required, 1..MC_VISITOR_NAME_MAX characters */
    const char *email;       /* required; the QR code is emailed here */
    const char *phone;       /* NULL or "": none; else normalised as at sign-in (auth.h) */
    const char *building_id; /* NULL: the member's own building */
    const char *date;        /* required, "YYYY-MM-DD" in the building's local time */
    /* Expected arrival window, minutes after local midnight, 0 <= from < to <= 1440;
     * both -1: none given. */
    int32_t window_from_min;
    int32_t window_to_min;
} mc_visitor_invitation;

/*
 * Invite a visitor: checked, saved and queued at once (no network needed); the
 * visitor lists as pending until the server has issued the code and sent the
 * email (and SMS). out_id (if not NULL, out_id_cap >= MC_VISITOR_ID_CAP) gets
 * the new id. Nothing is kept when a check fails.
 * Errors: MC_ERR_INVALID_ARG with a message naming what was wrong (name, email,
 * phone, a date that is not YYYY-MM-DD, a bad window); MC_ERR_STATE for a date
 * in the past, more than MC_VISITOR_DAYS_AHEAD_MAX days ahead or one the
 * building is closed (named: "BLR-1 is closed on Sunday 6 Dec"); MC_ERR_NOT_FOUND
 * (no such building on this device, or no building given and the member has
 * none); MC_ERR_UNAUTHORIZED; MC_ERR_STORAGE. Never blocks on the network.
 * Any thread.
 */
mc_status mc_visitor_invite(mc_client *client, const mc_visitor_invitation *invitation,
                            char *out_id, size_t out_id_cap, mc_error *err);

/*
 * Invite the same person as earlier visitor `visitor_id` (any status) again:
 * name, email, phone and building copied, for date and window (both -1: none).
 * As mc_visitor_invite otherwise; MC_ERR_NOT_FOUND when there is no such
 * visitor of this member on the device.
 */
mc_status mc_visitor_invite_again(mc_client *client, const char *visitor_id, const char *date,
                                  int32_t window_from_min, int32_t window_to_min, char *out_id,
                                  size_t out_id_cap, mc_error *err);

/*
 * The member's visitors from the local store: upcoming_only lists those of today
 * or later (each building's own today) that are invited, awaiting approval or
 * arrived today, soonest first (date, window, name); else every visitor, newest
 * date first. Free with mc_visitor_list_free(). Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_visitors_list(mc_client *client, bool upcoming_only, mc_visitor_list **out,
                           mc_error *err);

/* One visitor of the member by id. Free with mc_visitor_free(). Errors:
 * MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. */
mc_status mc_visitor_get(mc_client *client, const char *visitor_id, mc_visitor **out,
                         mc_error *err);

/*
 * Cancel an invitation: at once locally (status CANCELLED, pending), queued; the
 * server revokes the code. Errors: MC_ERR_NOT_FOUND, MC_ERR_STATE (not INVITED:
 * the message says what it is), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_visitor_cancel(mc_client *client, const char *visitor_id, mc_error *err);

/*
 * Approve (true) or decline (false) a walk-in awaiting approval: at once locally,
 * queued. Errors: MC_ERR_NOT_FOUND, MC_ERR_STATE (not awaiting approval, or its
 * 15 minutes have passed by this device's clock: "declined automatically at
 * 10:42 IST"), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. The server has the last
 * word: a decision that reaches it late is refused (`approval_expired`).
 */
mc_status mc_visitor_decide(mc_client *client, const char *visitor_id, bool approve, mc_error *err);

/* ---- Reception side (role staff; online, one request each) ---------------- */
/* Errors common to these: MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_FORBIDDEN
 * (not staff), MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_NO_MEMORY.
 * Visitors come with host_name filled and times in the building's local time. */

/* The staff member's building's visitors of date ("YYYY-MM-DD"; NULL: today
 * there), by window then name. Free with mc_visitor_list_free(). */
mc_status mc_reception_visitors(mc_client *client, const char *date, mc_visitor_list **out,
                                mc_error *err);

/*
 * Check a visitor in by id ("vis_…"), by the 8-digit code of their SMS (spaces
 * allowed) or by their QR payload; the host is alerted. *out (if not NULL) gets
 * the visitor as it now is; free with mc_visitor_free(). More errors:
 * MC_ERR_NOT_FOUND (no such visitor at this building), MC_ERR_STATE (cancelled,
 * declined, awaiting approval, already arrived, or invited for another date:
 * the server's message names it).
 */
mc_status mc_reception_checkin(mc_client *client, const char *id_or_code, mc_visitor **out,
                               mc_error *err);

typedef struct mc_walk_in {
    const char *host_phone; /* the member they ask for, normalised as at sign-in */
    const char *name;       /* required */
    const char *email;      /* NULL or "": none */
    const char *phone;      /* NULL or "": none */
} mc_walk_in;

/* Register a walk-in for today: the host is asked to approve within 15 minutes.
 * *out gets the visitor (AWAITING_APPROVAL); free with mc_visitor_free(). More
 * errors: MC_ERR_NOT_FOUND (no member with that phone). */
mc_status mc_reception_walk_in(mc_client *client, const mc_walk_in *walk_in, mc_visitor **out,
                               mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_VISITORS_H */
