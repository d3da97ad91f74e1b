/*
 * membercore/booking.h - meeting rooms: availability in 60-minute blocks, bookings with
 * guests, paid with company credits (works offline) or Razorpay (online), cancellation,
 * and the company's credit balance.
 *
 * Dates and times a member picks are the building's local ones ("2027-03-28",
 * "10:00"), whatever the phone's time zone is: the zone rules come with the
 * building data from the server. Instants are UTC milliseconds, each with its
 * mc_local_time in the building's zone beside it (membercore/localtime.h).
 *
 *   search  : mc_rooms_search()        local store only, offline, instant
 *   book    : mc_booking_create()      credits: queued (pending until the server
 *                                      confirms); razorpay: online, returns an order
 *   pay     : mc_booking_confirm_payment() with Razorpay checkout's answer
 *   cancel  : mc_booking_cancel()      queued; refunds credits before the cut-off
 *   list    : mc_bookings_list(), mc_credits_get()
 *
 * The server decides: a credit booking made offline may be refused on sync
 * (slot taken, credits short); the local state rolls back and
 * MC_SYNC_EVENT_MUTATION_REJECTED says why (membercore/sync.h).
 */
#ifndef MEMBERCORE_BOOKING_H
#define MEMBERCORE_BOOKING_H

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

/* What to look for. Strings borrowed for the call. */
typedef struct mc_room_query {
    const char *building_id;      /* required, e.g. "BLR-1" */
    const char *date;             /* required, building-local "YYYY-MM-DD" */
    const char *from;             /* building-local "HH:MM" or NULL: from opening */
    const char *to;               /* building-local "HH:MM" or NULL: to closing */
    int32_t min_capacity;         /* 0: any */
    const char *const *amenities; /* all of these, e.g. "projector"; may be NULL */
    size_t amenity_count;
} mc_room_query;

/* One free block. */
typedef struct mc_slot {
    int64_t start_ms;     /* UTC; the block lasts 60 minutes */
    int32_t local_minute; /* building-local minute of day it starts at (600 = 10:00) */
    mc_local_time start;  /* start_ms in the building's local time */
} mc_slot;

typedef struct mc_room {
    char *id;
    char *building_id;
    char *name;
    int32_t capacity;
    char **amenities; /* amenity_count strings */
    size_t amenity_count;
    mc_money price_per_hour; /* before tax, in the building's currency */
    int32_t credits_per_hour;
    mc_slot *free; /* the free blocks of the searched window, in time order */
    size_t free_count;
    /* No free block: the rule why (membercore/error.h: closed that day,
     * outside the hours, blacked out, past, too soon, beyond the window,
     * taken) and its words ("BLR-1-BOARD is blacked out on 2026-12-25:
     * Christmas"). When the blocks are refused for several rules, the one
     * that holds for most of them (mci_rules_summary: past and too-soon
     * blocks count only when nothing else is left). MC_RULE_NONE and "" when
     * free_count > 0. The string is the search's. */
    mc_rule why_none;
    const char *why_none_message;
} mc_room;

typedef struct mc_room_search {
    mc_room *rooms; /* rooms that match capacity and amenities (even if none is free) */
    size_t count;
    char *timezone; /* the building's zone name, e.g. "Europe/London" */
    /* No room has a free block: why, for the whole search (MC_RULE_NO_ROOM
     * when no room matches; else the rooms' why_none, the most common one when
     * they differ) and its words ("BLR-1 is closed on Sundays", "every block
     * asked for on 2026-12-05 is taken in every room"). MC_RULE_NONE and ""
     * when some room has a free block. The string is the search's. */
    mc_rule why_none;
    const char *why_none_message;
} mc_room_search;

/*
 * Rooms of a building that match, with their free blocks on the date,
 * from the local store (works offline; sync to refresh). The member's own
 * bookings waiting for the server count as taken.
 * Cost: one building-day of N rooms with R reservations is O(R log R + 25 N)
 * after the store reads (see core/src/rules/slots.h).
 * Errors: MC_ERR_INVALID_ARG (names the field: date, from/to, capacity),
 * MC_ERR_NOT_FOUND (no such building locally: sync first),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_rooms_search(mc_client *client, const mc_room_query *query, mc_room_search **out,
                          mc_error *err);
/* Free an mc_room_search and everything it holds. NULL is a no-op. Any thread. */
void mc_room_search_free(mc_room_search *search);

typedef enum mc_payment {
    MC_PAY_CREDITS = 1,
    MC_PAY_RAZORPAY = 2,
} mc_payment;

/* "credits", "razorpay"; "unknown" for any other value. Static string; pure, any thread. */
const char *mc_payment_name(mc_payment pay);

typedef enum mc_booking_status {
    MC_BOOKING_PENDING = 0,         /* made on this device, not yet confirmed by the server */
    MC_BOOKING_PENDING_PAYMENT = 1, /* Razorpay order open; the slot is held 15 minutes */
    MC_BOOKING_CONFIRMED = 2,
    MC_BOOKING_CANCELLED = 3,
    MC_BOOKING_UNKNOWN = 4, /* a status newer than this library */
    /* A Razorpay booking whose 15-minute payment hold lapsed unpaid: the slot
     * was released and nothing was charged (on the wire: "cancelled" with
     * cancel_reason "hold_expired"). */
    MC_BOOKING_EXPIRED = 5,
} mc_booking_status;

typedef struct mc_guest {
    const char *name;  /* 1-100 characters */
    const char *email; /* a valid address: the access QR is emailed there */
} mc_guest;

typedef struct mc_booking_request {
    const char *room_id;
    const char *date;  /* building-local "YYYY-MM-DD" */
    const char *start; /* building-local "HH:MM", on the hour */
    int32_t hours;     /* 1-24 consecutive blocks, ending by midnight */
    const mc_guest *guests;
    size_t guest_count; /* at most 20, and fewer than the room's capacity */
    mc_payment pay;
} mc_booking_request;

typedef struct mc_booking_guest {
    char *name;
    char *email;
    char *credential_id; /* "" until the server provisioned it */
} mc_booking_guest;

typedef struct mc_booking {
    char *id;
    char *room_id;
    char *building_id;
    int64_t start_ms;
    int64_t end_ms;
    mc_local_time start; /* start_ms and end_ms in the building's local time */
    mc_local_time end;
    mc_booking_status status;
    mc_payment paid_by;
    int32_t credits; /* credits debited (credit bookings) */
    /* what Razorpay charges (Razorpay bookings): hours x the price plus the building's tax, in
     * its currency */
    mc_money amount;
    /* Razorpay took the payment (the server recorded when it was paid). false for credit
     * bookings and for a Razorpay booking never paid: a CANCELLED one that is not `paid` was
     * cancelled before payment (its hold given up) and nothing was charged; a CANCELLED one
     * that is `paid` was paid and then cancelled. */
    bool paid;
    mc_booking_guest *guests;
    size_t guest_count;
    /* Razorpay: the order to hand to Razorpay checkout ("" otherwise). */
    char *order_id;
    char *razorpay_key_id;
    bool pending; /* a change of this booking is waiting for the server */
} mc_booking;

/* Free an mc_booking and everything it holds. NULL is a no-op. Any thread. */
void mc_booking_free(mc_booking *booking);

/*
 * Book request->hours consecutive blocks from request->start.
 * MC_PAY_CREDITS: checked locally (slot free here, enough credits as last
 * synced), recorded at once as MC_BOOKING_PENDING and queued; never blocks
 * on the network. MC_PAY_RAZORPAY: online; the server holds the slot and
 * creates an order (*out has order_id and razorpay_key_id): open Razorpay
 * checkout with it, then call mc_booking_confirm_payment. The local store is
 * synced before returning, so search shows the hold at once.
 * *out may be NULL if not wanted.
 * Errors: MC_ERR_INVALID_ARG (names the field), MC_ERR_NOT_FOUND (room),
 * MC_ERR_CONFLICT (the block is taken, closed, blacked out, too soon or
 * beyond the booking window: err->rule names the rule, membercore/error.h,
 * and the message says it with its particulars, e.g. "BLR-1-BOARD on
 * 2027-01-10 at 10:00 for 1 h: BLR-1 is closed on Sundays"),
 * MC_ERR_INSUFFICIENT_CREDITS, MC_ERR_FORBIDDEN (no company credits),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE; for Razorpay also MC_ERR_OFFLINE,
 * MC_ERR_NETWORK, MC_ERR_SERVER.
 * Any thread.
 */
mc_status mc_booking_create(mc_client *client, const mc_booking_request *request, mc_booking **out,
                            mc_error *err);

/*
 * Confirm a Razorpay payment with what Razorpay checkout returned. Only the
 * server's signature check (HMAC-SHA256 of order_id|payment_id) confirms it.
 * Confirming twice is harmless. Online; on success the local store is synced
 * before returning. MC_ERR_INVALID_ARG also when the order belongs to another
 * booking (the payment is then confirmed for that one).
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_PAYMENT_FAILED (signature refused),
 * MC_ERR_CONFLICT (the 15-minute hold lapsed: book again), MC_ERR_NOT_FOUND,
 * MC_ERR_UNAUTHORIZED, MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER,
 * MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_booking_confirm_payment(mc_client *client, const char *booking_id,
                                     const char *order_id, const char *payment_id,
                                     const char *signature, mc_booking **out, mc_error *err);

/*
 * Cancel a booking: recorded at once (shown cancelled, pending) and queued.
 * Credits are refunded by the server when cancelled before the building's
 * cut-off. On success *out (if out is not NULL) is the booking as now shown
 * (MC_BOOKING_CANCELLED, pending), the caller's to free with mc_booking_free();
 * cancelling a booking whose cancellation is still pending returns it again.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND, MC_ERR_STATE (already
 * cancelled, or over), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_booking_cancel(mc_client *client, const char *booking_id, mc_booking **out,
                            mc_error *err);

typedef struct mc_booking_list {
    mc_booking *items; /* soonest first */
    size_t count;
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_bookings_list. */
} mc_booking_list;

/*
 * The member's bookings ending after from_ms (0: all), with pending changes
 * layered on top. Local only. Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_bookings_list(mc_client *client, int64_t from_ms, mc_booking_list **out,
                           mc_error *err);
/* Free an mc_booking_list and everything it holds. NULL is a no-op. Any thread. */
void mc_booking_list_free(mc_booking_list *list);

/* One page of mc_bookings_list's list, soonest first (membercore/page.h; page
 * NULL: the first page of MC_PAGE_DEFAULT_LIMIT), through an index. Screens
 * use this one. Errors: as mc_bookings_list, and MC_ERR_INVALID_ARG for a bad
 * page. Any thread. */
mc_status mc_bookings_page(mc_client *client, int64_t from_ms, const mc_page *page,
                           mc_booking_list **out, mc_error *err);

typedef struct mc_credit_line {
    char *id;
    int32_t delta; /* + refund / reset, - booking */
    int32_t balance_after;
    char *reason; /* "monthly_reset", "booking", "refund" */
    char *reservation_id;
    int64_t at_ms;
    mc_local_time at; /* at_ms in the local time of the line's building (the member's
                         own building until lines carry theirs) */
} mc_credit_line;

typedef struct mc_credits {
    char *company_id;
    char *company_name;
    int32_t monthly_credits;
    int32_t balance;        /* as last synced, minus pending credit bookings */
    int32_t pending_debit;  /* credits held by bookings waiting for the server */
    mc_credit_line *ledger; /* newest first */
    size_t ledger_count;
    char *ledger_next_cursor; /* the ledger's next page (membercore/page.h); NULL: no more.
                                 Always NULL from the unpaged mc_credits_get. */
} mc_credits;

/*
 * The member's company credits from the local store.
 * Errors: MC_ERR_NOT_FOUND (the member has no company), MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_credits_get(mc_client *client, mc_credits **out, mc_error *err);
/* Free an mc_credits and everything it holds. NULL is a no-op. Any thread. */
void mc_credits_free(mc_credits *credits);

/* mc_credits_get with one page of the ledger (membercore/page.h; page NULL:
 * the first page of MC_PAGE_DEFAULT_LIMIT), through an index. Screens use
 * this one. Errors: as mc_credits_get, and MC_ERR_INVALID_ARG for a bad page.
 * Any thread. */
mc_status mc_credits_get_page(mc_client *client, const mc_page *page, mc_credits **out,
                              mc_error *err);

/* "pending", "pending_payment", "confirmed", "cancelled", "expired"; "unknown" otherwise. Any
 * thread. */
const char *mc_booking_status_name(mc_booking_status status);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_BOOKING_H */
