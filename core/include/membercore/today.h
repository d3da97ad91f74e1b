/*
 * membercore/today.h - the member's day in one call: the "Today" dashboard.
 *
 * mc_today_get reads the local store alone (offline, one read transaction, no
 * network) and returns who and where the member is, today's room bookings, desk
 * and passes with whether each door code is ready offline, visitors expected
 * today, open tickets with their SLA, the next 7 days' events (the member's
 * building first), unread notifications per category, invoices due or overdue,
 * credits and desk days left, live announcements and the offers count. Every
 * time is in the building's local time. An on-demand user without a contract gets
 * the parts that apply (membership NULL, no credits). The result names the sync
 * kinds it was built from (depends_on): when a sync event's kinds intersect it
 * (mc_today_affected), the screen reads it again. docs/today-desks-community.md.
 */
#ifndef MEMBERCORE_TODAY_H
#define MEMBERCORE_TODAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/announcements.h"
#include "membercore/billing.h"
#include "membercore/client.h"
#include "membercore/community.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/tickets.h"
#include "membercore/visitors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Events up to this many days ahead are on Today. */
#define MC_TODAY_EVENT_DAYS 7

typedef enum mc_today_entry_kind {
    MC_TODAY_ROOM = 1, /* a meeting-room booking (membercore/booking.h) */
    MC_TODAY_DESK = 2, /* a desk day (membercore/desks.h) */
    MC_TODAY_PASS = 3, /* a day pass (membercore/billing.h) */
} mc_today_entry_kind;

/* "room", "desk", "pass"; "unknown" otherwise. Static; pure, any thread. */
const char *mc_today_entry_kind_name(mc_today_entry_kind kind);

/* One thing the member has today, in start order. */
typedef struct mc_today_entry {
    mc_today_entry_kind kind;
    char *id;    /* the booking's, desk booking's or pass's id */
    char *title; /* "Boardroom", "Desk D07, Window bay", "Day pass" */
    char *building_id;
    int64_t start_ms; /* a room's first block; the building-local day's start otherwise */
    int64_t end_ms;
    mc_local_time start; /* in the building's local time */
    mc_local_time end;
    char *status;         /* the item's own status name: "confirmed", "pending", "active", ... */
    bool pending;         /* a change of it is waiting for the server */
    char *credential_id;  /* the door code's credential; "" when it has none (a room booking:
                             members enter with their membership, guests hold their own) */
    bool door_code_ready; /* that credential and its secret are on this device */
} mc_today_entry;

typedef struct mc_today {
    mc_local_time now; /* the client's clock in the member's building's local time */
    char *date;        /* that building-local date, "YYYY-MM-DD" */
    /* Who and where. */
    char *member_name;
    char *company_name; /* "" without a company */
    char *building_id;  /* the member's building ("" when none is known yet) */
    char *building_name;
    char *building_city;
    bool open_today;
    bool open_now;
    mc_local_time opens_at; /* today's opening and closing; all zeros when closed */
    mc_local_time closes_at;
    /* The contract: NULL for an on-demand user (no membership). */
    mc_membership *membership;
    int32_t contract_days_left; /* to contract_end, building-local; -1 when none */
    /* Today's bookings, desk and passes, by start. */
    mc_today_entry *entries;
    size_t entry_count;
    mc_visitor_list *visitors;    /* expected or arrived today, by window */
    mc_ticket_list *open_tickets; /* not resolved or closed, SLA due first */
    mc_event_list *events;        /* ending after now, starting within 7 days;
                                     the member's building first, each soonest first */
    int32_t unread_total;
    int32_t unread_by_category[MC_NOTIFY_CATEGORY_COUNT];
    mc_invoice_list *invoices_due; /* issued and not yet paid, or overdue; due first */
    bool has_credits;              /* the member's company has room credits */
    int32_t credits_left;          /* as mc_credits_get's balance; 0 without */
    int32_t credits_monthly;
    int32_t desk_days_left; /* this month's plan desk days left; 0 when none */
    int32_t desk_days_allowance;
    mc_announcement_list *announcements; /* live ones that are pinned or unread */
    int32_t offers_available;            /* offers valid today the member has not redeemed */
    /* The MC_KIND_* bits (membercore/sync.h) this was read from. */
    uint32_t depends_on;
} mc_today;

/*
 * The member's day from the local store into *out (free with mc_today_free).
 * Never touches the network; never blocks on a sync round.
 * Errors: MC_ERR_UNAUTHORIZED (nobody signed in), MC_ERR_STORAGE,
 * MC_ERR_NO_MEMORY. Any thread.
 */
mc_status mc_today_get(mc_client *client, mc_today **out, mc_error *err);

/* Free an mc_today and everything it holds. NULL is a no-op. Any thread. */
void mc_today_free(mc_today *today);

/* Whether a sync event's changed kinds (MC_KIND_* bits) touch today: read it
 * again when true. NULL today: true. Pure, any thread. */
bool mc_today_affected(const mc_today *today, uint32_t changed_kinds);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_TODAY_H */
