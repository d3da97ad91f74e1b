/*
 * membercore/community.h - community events and RSVPs, and the notifications inbox.
 *
 * Reads come from the local store (works offline, instantly) with the
 * member's pending writes layered on top and marked `pending`. Writes land
 * locally and go to the outbox (membercore/sync.h); a refusal by the server
 * rolls the overlay back and raises MC_SYNC_EVENT_MUTATION_REJECTED.
 */
#ifndef MEMBERCORE_COMMUNITY_H
#define MEMBERCORE_COMMUNITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Events ---------------------------------------------------------------- */

typedef enum mc_rsvp {
    MC_RSVP_NONE = 0,
    MC_RSVP_GOING = 1,
    MC_RSVP_NOT_GOING = 2,
    /* Asked to go to a full event: in line (mc_event.waitlist_position); moved to
     * GOING by the server when a place frees up (notification event.promoted). */
    MC_RSVP_WAITLISTED = 3,
} mc_rsvp;

typedef struct mc_event {
    char *id;
    char *building_id;
    char *title;
    char *description;
    int64_t starts_at_ms;
    int64_t ends_at_ms;
    mc_local_time starts_at; /* starts_at_ms and ends_at_ms in the building's local time */
    mc_local_time ends_at;
    int32_t capacity;
    int32_t going_count;       /* including the member's pending RSVP */
    mc_rsvp my_rsvp;           /* including the member's pending RSVP */
    bool pending;              /* my_rsvp is not yet confirmed by the server */
    int32_t waitlist_count;    /* members waiting for a place */
    int32_t waitlist_position; /* the member's place in line (1: next); 0 unless WAITLISTED */
} mc_event;

typedef struct mc_event_list {
    mc_event *items;
    size_t count;
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_events_list. */
} mc_event_list;

/*
 * Events that end after from_ms (0: all), soonest first, from the local
 * store. Free with mc_event_list_free(). Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED (nobody signed in), MC_ERR_STORAGE. Any thread.
 */
mc_status mc_events_list(mc_client *client, int64_t from_ms, mc_event_list **out, mc_error *err);

/*
 * One page of mc_events_list's list (membercore/page.h; page NULL: the first
 * page of MC_PAGE_DEFAULT_LIMIT), read through an index: its cost does not
 * grow with the number of events. Screens use this one. Errors: as
 * mc_events_list, and MC_ERR_INVALID_ARG for a bad page. Any thread; reads
 * run beside other reads and beside sync.
 */
mc_status mc_events_page(mc_client *client, int64_t from_ms, const mc_page *page,
                         mc_event_list **out, mc_error *err);

/* Free an mc_event_list and everything it holds. NULL is a no-op. Any thread. */
void mc_event_list_free(mc_event_list *list);

/*
 * RSVP going / not going. Recorded locally at once (the list shows it as
 * pending) and queued for the server, which decides (capacity). GOING to an
 * event that is full puts the member on its waitlist (the server answers with
 * MC_RSVP_WAITLISTED and a position; the pending RSVP shows WAITLISTED at once
 * when the event looks full here); NOT_GOING leaves the event or its waitlist.
 * Errors: MC_ERR_INVALID_ARG (rsvp must be GOING or NOT_GOING),
 * MC_ERR_NOT_FOUND (no such event locally), MC_ERR_STATE (the event is over),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Never blocks on the network.
 * Any thread.
 */
mc_status mc_event_rsvp(mc_client *client, const char *event_id, mc_rsvp rsvp, mc_error *err);

/* "none", "going", "not_going", "waitlisted"; "unknown" otherwise. Any thread. */
const char *mc_rsvp_name(mc_rsvp rsvp);

/* ---- Notifications ----------------------------------------------------------- */

typedef enum mc_notification_category {
    MC_NOTIFY_OTHER = 0,
    MC_NOTIFY_BILLING = 1,
    MC_NOTIFY_SUPPORT = 2,
    MC_NOTIFY_BOOKINGS = 3,
    MC_NOTIFY_EVENTS = 4,
    MC_NOTIFY_ANNOUNCEMENTS = 5,
} mc_notification_category;

#define MC_NOTIFY_CATEGORY_COUNT 6

/* What a notification's deep link opens. Values are never renumbered. */
typedef enum mc_link_kind {
    MC_LINK_NONE = 0,          /* no link */
    MC_LINK_INVOICE = 1,       /* membercore://billing/invoices/<id or number> */
    MC_LINK_EVENT = 2,         /* membercore://events/<id> */
    MC_LINK_BOOKING = 3,       /* membercore://bookings/<id> */
    MC_LINK_PASS = 4,          /* membercore://passes/<id> */
    MC_LINK_WEB = 5,           /* an https:// page (http:// only to this machine) */
    MC_LINK_OTHER = 6,         /* a link this library does not know */
    MC_LINK_TICKET = 7,        /* membercore://tickets/<id> (membercore/tickets.h) */
    MC_LINK_VISITOR = 8,       /* membercore://visitors/<id> (membercore/visitors.h) */
    MC_LINK_DESK = 9,          /* membercore://desks/<desk booking id> (membercore/desks.h) */
    MC_LINK_ANNOUNCEMENT = 10, /* membercore://announcements/<id> (announcements.h) */
    MC_LINK_OFFER = 11,        /* membercore://offers/<id> (membercore/offers.h) */
} mc_link_kind;

/* "none", "invoice", "event", "booking", "pass", "web", "other", "ticket", "visitor", "desk",
 * "announcement", "offer"; "unknown" for
 * any other value. Static string; pure, any thread. */
const char *mc_link_kind_name(mc_link_kind kind);

typedef struct mc_notification {
    char *id;
    mc_notification_category category;
    char *title;
    char *body;
    char *deep_link; /* "" when none */
    /* Where deep_link leads, for an app to route it and a member to read it:
     * its kind, the id of the item as the link gives it (what mc_link_parse
     * gives as target.id: route with it; "" for none, web and other links),
     * and in words, the item named as the member knows it when it is on this
     * device (else its id): "opens invoice INV-2026-0011", "opens event
     * Networking Hour", "opens ticket T-1001", "opens visitor Ravi Kumar",
     * "opens booking Boardroom, Mon 7 Dec 16:00 IST", "opens day pass for Tue
     * 8 Dec at Koramangala", "opens https://..." ("" when there is no link). */
    mc_link_kind link_kind;
    char *link_id;
    char *link_text;
    int64_t created_at_ms;
    mc_local_time created_at; /* created_at_ms in the local time of the notification's
                                 building (the member's own until notifications carry it) */
    bool read;                /* including the member's pending mark-read */
    bool pending;             /* read is not yet confirmed by the server */
    /* What caused it (docs/notifications-protocol.md): "visitor.arrived",
     * "booking.reminder", "invoice.due_soon", ...; "" for older ones. */
    char *kind;
    bool urgent; /* urgent ones ignore quiet hours (a visitor waiting, a reminder) */
} mc_notification;

typedef struct mc_notification_list {
    mc_notification *items;
    size_t count;
    /* Unread counts over the whole inbox (not only the listed items). */
    int32_t unread_total;
    int32_t unread_by_category[MC_NOTIFY_CATEGORY_COUNT];
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_notifications_list. */
} mc_notification_list;

/*
 * The inbox, newest first (unread_only: only unread ones), from the local
 * store. Free with mc_notification_list_free(). Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_notifications_list(mc_client *client, bool unread_only, mc_notification_list **out,
                                mc_error *err);

/*
 * One page of the inbox (membercore/page.h; page NULL: the first page of
 * MC_PAGE_DEFAULT_LIMIT), newest first, with the unread counts over the whole
 * inbox. Read through indexes (the counts through a partial index of unread
 * ones): its cost does not grow with the inbox's history. Screens use this
 * one. Errors: as mc_notifications_list, and MC_ERR_INVALID_ARG for a bad
 * page. Any thread; reads run beside other reads and beside sync.
 */
mc_status mc_notifications_page(mc_client *client, bool unread_only, const mc_page *page,
                                mc_notification_list **out, mc_error *err);

/* Free an mc_notification_list and everything it holds. NULL is a no-op. Any thread. */
void mc_notification_list_free(mc_notification_list *list);

/*
 * Mark one notification read: locally at once, queued for the server.
 * Marking an already-read one is MC_OK and queues nothing.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND, MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_notification_mark_read(mc_client *client, const char *notification_id, mc_error *err);

/* "billing", "support", "bookings", "events", "announcements", "other". Any thread. */
const char *mc_notification_category_name(mc_notification_category category);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_COMMUNITY_H */
