/*
 * membercore/desks.h - hot desks by the day.
 *
 * A member books a hot desk at a building for one building-local date. Members
 * whose plan has desk days pay with the plan's monthly allowance, members whose
 * company has credits may pay with credits (both work offline, like a credits
 * room booking), and anyone may pay by card through Razorpay (online, like a day
 * pass). A member with a dedicated desk sees it and cannot book a hot desk. A
 * desk not checked in at the door by the building's cut-off (11:00 local) is
 * released for others and the member is told. docs/today-desks-community.md is
 * the wire contract.
 *
 *   search  : mc_desks_search()          free desks of a date (local, offline)
 *   book    : mc_desk_book()             plan or credits offline; Razorpay online
 *   pay     : mc_desk_confirm_payment()  Razorpay's answer, checked by the server
 *   list    : mc_desk_bookings_list()    the member's desk days, with pending changes
 *   cancel  : mc_desk_cancel()           before the date's cut-off
 *   own     : mc_desk_mine()             a dedicated desk
 */
#ifndef MEMBERCORE_DESKS_H
#define MEMBERCORE_DESKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/money.h"
#include "membercore/page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for a desk booking id (a UUID or "dsk_" + 32 hex) and its NUL. */
#define MC_DESK_BOOKING_ID_CAP 40

typedef enum mc_desk_kind {
    MC_DESK_HOT = 1,       /* booked by the day by anyone allowed */
    MC_DESK_DEDICATED = 2, /* one member's own desk (only theirs is listed, as `mine`) */
} mc_desk_kind;

typedef struct mc_desk {
    char *id; /* "BLR-1-D07" */
    char *building_id;
    char *name;      /* "D07" */
    char *area;      /* "Window bay"; "" when none */
    char **features; /* feature_count words: "monitor", "standing", "window", ... */
    size_t feature_count;
    mc_desk_kind kind;
    bool mine; /* the member's dedicated desk */
} mc_desk;

typedef struct mc_desk_query {
    const char *building_id;     /* NULL: the member's own building */
    const char *date;            /* required: building-local "YYYY-MM-DD" */
    const char *area;            /* NULL: any; else the area's name, any case */
    const char *const *features; /* all of these (words as in mc_desk.features); may be NULL */
    size_t feature_count;
} mc_desk_query;

typedef struct mc_desk_search {
    mc_desk *desks; /* the free hot desks matching, by name */
    size_t count;
    size_t taken_count; /* matching desks already held that day by others */
    /* How the member may pay that day, from the local store as last synced. */
    int32_t desk_days_left;   /* the plan's desk days left in the date's month; 0 when none */
    int32_t credits_left;     /* the company's credits left; -1 without a company */
    int32_t day_credits;      /* what a desk day costs in credits at that building */
    mc_money day_price;       /* Razorpay: the day's price plus the building's tax */
    mc_local_time checkin_by; /* the date's cut-off in the building's local time */
    /* MC_RULE_NONE when count > 0; else why none is free (closed, blackout, past,
     * beyond_window, after_cutoff, taken; no_room: no hot desk has the area and features
     * asked) with its message. */
    mc_rule why_none;
    const char *why_none_message;
} mc_desk_search;

/*
 * The hot desks of query->date at the building that no one holds, from the
 * local store (offline). A member with a dedicated desk may search (an app
 * may show the floor); mc_desk_book refuses them. Free with
 * mc_desk_search_free().
 * Errors: MC_ERR_INVALID_ARG (names the field: a date that is not a date, an
 * unknown feature word), MC_ERR_NOT_FOUND (building), MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE. Any thread.
 */
mc_status mc_desks_search(mc_client *client, const mc_desk_query *query, mc_desk_search **out,
                          mc_error *err);
/* Free an mc_desk_search and everything it holds. NULL is a no-op. Any thread. */
void mc_desk_search_free(mc_desk_search *search);

typedef enum mc_desk_payment {
    MC_DESK_PAY_PLAN = 1,     /* one of the plan's desk days this month */
    MC_DESK_PAY_CREDITS = 2,  /* the company's credits (the building's day_credits) */
    MC_DESK_PAY_RAZORPAY = 3, /* by card: the day's price plus tax, an invoice */
} mc_desk_payment;

/* "plan", "credits", "razorpay"; "unknown" otherwise. Static; pure, any thread. */
const char *mc_desk_payment_name(mc_desk_payment pay);

typedef enum mc_desk_booking_status {
    MC_DESK_BOOKING_PENDING = 0,         /* made on this device, not yet confirmed */
    MC_DESK_BOOKING_PENDING_PAYMENT = 1, /* Razorpay order open; the desk held 15 minutes */
    MC_DESK_BOOKING_CONFIRMED = 2,
    MC_DESK_BOOKING_CANCELLED = 3,
    MC_DESK_BOOKING_RELEASED = 4, /* not checked in by the cut-off: the desk went to others */
    MC_DESK_BOOKING_EXPIRED = 5,  /* a Razorpay hold that lapsed unpaid (nothing charged) */
    MC_DESK_BOOKING_UNKNOWN = 6,  /* a status newer than this library */
} mc_desk_booking_status;

/* "pending", "pending_payment", "confirmed", "cancelled", "released", "expired";
 * "unknown" otherwise. Static; pure, any thread. */
const char *mc_desk_booking_status_name(mc_desk_booking_status status);

typedef struct mc_desk_booking {
    char *id;
    char *desk_id;
    char *desk_name; /* "D07" ("" when the desk is not on this device) */
    char *area;
    char *building_id;
    char *date;               /* building-local "YYYY-MM-DD" */
    mc_local_time checkin_by; /* the date's cut-off in the building's local time */
    mc_desk_booking_status status;
    mc_desk_payment paid_by;
    int32_t desk_days;             /* plan desk days used (1 for plan bookings) */
    int32_t credits;               /* credits debited (credit bookings) */
    mc_money amount;               /* Razorpay: what was charged; zero otherwise */
    char *order_id;                /* Razorpay: the order to hand to checkout; "" otherwise */
    char *razorpay_key_id;         /* from mc_desk_book's answer; "" in later reads (not synced) */
    mc_local_time hold_expires_at; /* Razorpay's hold; all zeros when none */
    char *credential_id;           /* the door code's credential; "" until issued */
    bool door_code_ready;          /* the credential and its secret are on this device */
    bool checked_in;
    mc_local_time checked_in_at; /* all zeros until checked in */
    mc_local_time released_at;   /* all zeros unless released */
    bool pending;                /* a change of it is waiting for the server */
} mc_desk_booking;

/* Free an mc_desk_booking and everything it holds. NULL is a no-op. Any thread. */
void mc_desk_booking_free(mc_desk_booking *booking);

/*
 * Book desk_id for date (building-local "YYYY-MM-DD").
 * MC_DESK_PAY_PLAN and MC_DESK_PAY_CREDITS: checked locally (the desk free
 * here, no desk of the member's that day, desk days or credits left as last
 * synced, open that day, not past the cut-off if today), recorded at once as
 * MC_DESK_BOOKING_PENDING and queued; never blocks on the network.
 * MC_DESK_PAY_RAZORPAY: online; the server holds the desk 15 minutes and opens
 * an order (*out has order_id and razorpay_key_id); then call
 * mc_desk_confirm_payment. *out (may be NULL) is the booking as now shown.
 * Errors: MC_ERR_INVALID_ARG (names the field), MC_ERR_NOT_FOUND (desk, or another
 * member's dedicated desk),
 * MC_ERR_CONFLICT with err->rule (MC_RULE_TAKEN: the desk is held that day;
 * MC_RULE_CLOSED, MC_RULE_BLACKOUT, MC_RULE_PAST, MC_RULE_BEYOND_WINDOW,
 * MC_RULE_ALREADY_BOOKED: the member has a desk that day, MC_RULE_AFTER_CUTOFF:
 * today's cut-off has passed), MC_ERR_INSUFFICIENT_CREDITS (credits, or no
 * desk days left: the message says which), MC_ERR_FORBIDDEN (a dedicated desk
 * holder; a plan without desk days; credits without a company),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE; for Razorpay also MC_ERR_OFFLINE,
 * MC_ERR_NETWORK, MC_ERR_SERVER. A refusal the server makes on sync rolls the
 * pending booking back and raises MC_SYNC_EVENT_MUTATION_REJECTED naming the
 * rule. Any thread.
 */
mc_status mc_desk_book(mc_client *client, const char *desk_id, const char *date,
                       mc_desk_payment pay, mc_desk_booking **out, mc_error *err);

/*
 * Confirm a Razorpay payment for a desk booking with what Razorpay checkout
 * returned; only the server's signature check confirms it. Twice is harmless.
 * Online; the local store is synced before returning.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_PAYMENT_FAILED, MC_ERR_CONFLICT (the hold
 * lapsed), MC_ERR_NOT_FOUND, MC_ERR_UNAUTHORIZED, MC_ERR_OFFLINE,
 * MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_desk_confirm_payment(mc_client *client, const char *booking_id, const char *order_id,
                                  const char *payment_id, const char *signature,
                                  mc_desk_booking **out, mc_error *err);

/*
 * Cancel a desk booking: recorded at once (shown cancelled, pending) and
 * queued. Before the date's cut-off the desk day or credits come back (a card
 * payment is refunded by the server). *out (may be NULL) as now shown.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND, MC_ERR_STATE (already
 * cancelled, expired or released, or the cut-off passed: the message says
 * which, with the time in the building's zone; for the cut-off err->rule is
 * MC_RULE_AFTER_CUTOFF), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Cancelling one
 * already being cancelled is MC_OK (nothing more is queued).
 * Any thread.
 */
mc_status mc_desk_cancel(mc_client *client, const char *booking_id, mc_desk_booking **out,
                         mc_error *err);

typedef struct mc_desk_booking_list {
    mc_desk_booking *items; /* soonest date first */
    size_t count;
    char *next_cursor; /* membercore/page.h; NULL: no more (always NULL unpaged) */
} mc_desk_booking_list;

/*
 * The member's desk bookings dated on or after from_date ("YYYY-MM-DD"; NULL:
 * all), pending changes layered on top, from the local store.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_desk_bookings_list(mc_client *client, const char *from_date,
                                mc_desk_booking_list **out, mc_error *err);
/* One page of it (membercore/page.h; page NULL: the first page). */
mc_status mc_desk_bookings_page(mc_client *client, const char *from_date, const mc_page *page,
                                mc_desk_booking_list **out, mc_error *err);
/* Free an mc_desk_booking_list and everything it holds. NULL is a no-op. Any thread. */
void mc_desk_booking_list_free(mc_desk_booking_list *list);

/*
 * The member's dedicated desk into *out (the caller frees with mc_desk_free),
 * or *out NULL when they have none. Local. Errors: MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE. Any thread.
 */
mc_status mc_desk_mine(mc_client *client, mc_desk **out, mc_error *err);
/* Free an mc_desk. NULL is a no-op. Any thread. */
void mc_desk_free(mc_desk *desk);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_DESKS_H */
