/*
 * render.h - how memberctl shows what the core answers: one renderer file
 * per public header (render/auth.c, sync.c, community.c, booking.c,
 * billing.c, catalog.c, access.c, tickets.c, visitors.c, notifications.c,
 * device.c, desks.c, announcements.c, offers.c, calendar.c, today.c), each drawing its values as
 * text or, with
 * --json, as one JSON object on stdout. A command's renderer takes the app
 * (for a->json) and returns the exit code: MEMBERCTL_EXIT_OK, or
 * MEMBERCTL_EXIT_CORE when the JSON could not be built (out of memory).
 * Lists go through render/list.h; errors through render/output.h.
 */
#ifndef MEMBERCTL_RENDER_H
#define MEMBERCTL_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "memberctl.h"
#include "parse/datetime.h"
#include "parse/values.h"
#include "render/output.h"

/* ---- membercore/auth.h (render/auth.c) ------------------------------------- */

#define RENDER_PROFILE_HINT                                                                        \
    "Next: memberctl profile --name ... --email ... --company ... --city ..."

/* The account as JSON: its fields, "roles" as names, "intent" by name,
 * "lead" and "membership" objects or null. NULL when out of memory. */
cJSON *render_account_json(const mc_account *account);

/* The account, or {"account":{...}} plus "new_user" when new_user is not NULL. */
int render_account(const app *a, const mc_account *account, const bool *new_user);

/* "  Label:    value" (nothing when value is ""). */
void render_field_text(const char *label, const char *value);

/* login: the number the code went to, whether it has an account, expiry. */
int render_otp_sent(const app *a, const mc_otp_request *req);
/* verify, profile, intent: what changed, then the account and the next step. */
int render_verified(const app *a, const mc_account *account, bool new_user);
int render_profile_saved(const app *a, const mc_account *account);
int render_intent_recorded(const app *a, const mc_account *account);
/* logout. */
int render_signed_out(const app *a);

/* ---- membercore/sync.h (render/sync.c) -------------------------------------- */

/* The sync status as JSON: "state", "running", "queue_depth",
 * "rejected_count", "last_sync(_ms)", "next_attempt(_ms)", "last_error". */
cJSON *render_sync_status_json(const mc_sync_status *s);

/* Why a mutation was refused or last failed: "event_full: <message>". */
void render_mutation_reason(const mc_mutation *m, char *out, size_t out_cap);

/* status: the engine's state, and the oldest queued change's error from
 * outbox (NULL: none looked at). */
int render_sync_status(const app *a, const mc_sync_status *status, const mc_mutation_list *outbox);

/* outbox, outbox dismiss. */
int render_outbox(const app *a, const mc_mutation_list *list);
int render_dismissed(const app *a, int64_t mutation_id);

/* What one round of sync did: its report, the events the listener kept
 * (JSON; taken), the rejected mutations left in outbox and the status (each
 * NULL when not available), and the round's own status and error. */
typedef struct render_sync_round {
    const mc_sync_report *report;
    cJSON *events;
    bool events_out_of_memory;
    const mc_mutation_list *outbox;
    const mc_sync_status *status;
    mc_status sync_status;
    const mc_error *sync_error;
} render_sync_round;
int render_sync_round_result(const app *a, const render_sync_round *round);

/* sync --watch: the status line (or JSON line), the start and the end. */
void render_watch_status(const app *a, const mc_sync_status *s);
void render_watch_started(const app *a, int32_t seconds);
void render_watch_stopped(const app *a, const char *why);

/* A photo named as a member reads it in an upload's events: "photo 2 of T-1001". */
typedef struct render_photo_name {
    char photo_id[48];
    char ticket[160]; /* "T-1001", or "your Cleaning/Washroom ticket" before it has a number */
    int number;       /* its place among the ticket's photos, from 1 */
    int count;        /* the ticket's photos */
} render_photo_name;

/* The photos waiting to upload, named before a sync (the listener cannot ask the core). */
typedef struct render_photo_names {
    render_photo_name *items;
    size_t count;
} render_photo_names;

/* A listener's event: {"event":NAME,("at",)...} (NULL: no memory), or a
 * line of text (none for STATUS_CHANGED), with the time first when asked.
 * photos (may be NULL) names the photos of UPLOAD_* events. */
cJSON *render_sync_event_json(const mc_sync_event *ev, bool with_time,
                              const render_photo_names *photos);
void render_sync_event_text(const mc_sync_event *ev, bool timestamp,
                            const render_photo_names *photos);

/* Print obj as one line of JSON and delete it; false when nothing was
 * printed (obj NULL or out of memory). */
bool render_json_line(cJSON *obj);

/* ---- membercore/community.h (render/community.c) ----------------------------- */

/* What became of a change memberctl sent right after its local write (cmd/send_now.h). */
typedef enum sent_state {
    SENT_CONFIRMED,  /* the server accepted it and this device has its answer */
    SENT_ACCEPTED,   /* the server accepted it; the next sync brings the confirmation */
    SENT_REFUSED,    /* the server refused it; the change was rolled back */
    SENT_QUEUED,     /* not sent: the server could not be reached; still in the outbox */
    SENT_NOTHING,    /* the write changed nothing (already so): nothing to send */
    SENT_SIGNED_OUT, /* not sent: the session expired; still in the outbox until sign-in */
    SENT_RETRY,      /* not sent: the exchange failed (timeout, server error); in the outbox */
} sent_state;

/* Whether the change is still in the outbox, not sent (queued, signed out, retry). */
bool sent_is_queued(sent_state state);

/* "confirmed", "accepted", "refused", "queued", "nothing", "signed_out", "retry": the JSON
 * value of "sent". */
const char *sent_state_name(sent_state state);

/* One sentence on stdout about the change `what` ("RSVP 'going' for EVT-1"): sent and
 * confirmed, accepted, or saved and queued (nothing for SENT_REFUSED: that is an error). */
void render_sent(sent_state state, const char *what);

/* An event as JSON (a list item; NULL: no memory). */
cJSON *render_event_json(const void *item);

/* events [--all]; rsvp (event: as the member now sees it, or NULL). */
/* own: the member's building ("" when none); others: events of other buildings left out. */
int render_events(const app *a, const mc_event_list *list, bool all, const char *own,
                  size_t others);
int render_rsvp_done(const app *a, const char *event_id, mc_rsvp rsvp, const mc_event *event,
                     sent_state sent);

/* The notification categories in the order they are shown (i from 0 to
 * MC_NOTIFY_CATEGORY_COUNT - 1): billing, support, bookings, events, announcements, and
 * "other" last. */
mc_notification_category render_category_at(int i);

/* notifications [--unread]; read (SENT_NOTHING: it was read before). */
int render_inbox(const app *a, const mc_notification_list *list, bool unread_only);
int render_read_done(const app *a, const char *notification_id, sent_state sent);

/* ---- membercore/booking.h (render/booking.c) ---------------------------------- */

/* A Razorpay order to pay by checkout (a room's or a desk's): {"id","amount":MONEY,"key_id"},
 * or null when order_id is ""; as text, the order and the next command (next). */
cJSON *render_checkout_order_json(const char *order_id, mc_money amount, const char *key_id);
void render_checkout_order_text(const char *order_id, mc_money amount, const char *key_id,
                                const char *next);

/* rooms search, rooms book, pay-booking. */
int render_room_search(const app *a, const mc_room_query *q, const mc_room_search *s);
int render_booked(const app *a, const mc_booking_request *r, const mc_booking *b, sent_state sent);
int render_booking_paid(const app *a, const mc_booking *b);

/* bookings [--all]; cancel (already: it was already queued; booking: as the
 * member now sees it, or NULL). */
int render_bookings(const app *a, const mc_booking_list *list, bool all);
int render_cancel_done(const app *a, const char *booking_id, bool already,
                       const mc_booking *booking, sent_state sent);

/* credits. */
int render_credits(const app *a, const mc_credits *credits);

/* ---- membercore/billing.h (render/billing.c) ---------------------------------- */

/* Money as a member reads it ("₹4,248.00", "-£3.50"), through mc_money_format: the one
 * way memberctl shows an amount. RENDER_MONEY_MAX holds any. */
#define RENDER_MONEY_MAX MC_MONEY_TEXT_MAX
void render_money(mc_money money, char *out, size_t out_cap);

/* text right-aligned in width columns (counting characters, not bytes: "₹" is one). */
void render_right(const char *text, int width);

/* A pass's or guest's holder: "you" when email is NULL or "", else
 * "Name <email>", into out. */
void render_holder(const char *name, const char *email, char *out, size_t out_cap);

/* passes; passes quote (a broken rule is the cart_invalid error, exit 2);
 * passes buy (list: the passes after checkout, or NULL). */
int render_passes(const app *a, const mc_pass_list *list);
int render_quote(const app *a, const mc_cart *cart, const mc_quote *q);
int render_bought(const app *a, const mc_cart *cart, const mc_order *o, const mc_pass_list *list);

/* pay INVOICE_ID; pay --order ... (confirmed). */
int render_invoice_order(const app *a, const char *invoice_id, const mc_order *o);
/* What confirming an invoice's payment did: paid, or (the invoice was paid already) refunded. */
int render_payment_confirmed(const app *a, const char *order_id, const mc_invoice_payment *p);

/* An invoice as JSON (a list item; NULL: no memory). */
cJSON *render_invoice_json(const void *item);

/* invoices; membership. */
int render_invoices(const app *a, const mc_invoice_list *list);
int render_membership(const app *a, const mc_membership *m);

/* ---- membercore/catalog.h (render/catalog.c) ---------------------------------- */

int render_buildings(const app *a, const mc_building_list *list);

/* ---- membercore/access.h (render/access.c) ------------------------------------ */

/* What a qr id named: the credential, and the pass when it was a pass id. */
typedef struct render_door_target {
    char credential_id[128];
    char pass_id[128]; /* "" when a credential id was given */
    char date[DATETIME_DATE_MAX];
    char building_id[64];
    char holder[VALUES_GUEST_NAME_MAX + VALUES_GUEST_EMAIL_MAX + 8];
    char guest_email[VALUES_GUEST_EMAIL_MAX]; /* "" for the member's own pass */
} render_door_target;

/* A door code to show: the payload, until when it is current, and either
 * the QR code to draw (qr; invert for a dark-on-light terminal) or the PNG
 * written (file, side pixels, scale per module). */
typedef struct render_door {
    const render_door_target *target;
    const char *payload;
    int64_t refresh_at_ms;
    mc_local_time refresh_at; /* refresh_at_ms in the building's local time */
    int64_t now_ms;
    const mc_qr *qr; /* NULL: nothing drawn */
    bool invert;
    const char *file; /* NULL: no PNG */
    int32_t side;
    int32_t scale;
} render_door;
int render_door_code(const app *a, const render_door *door);

/* Write bm as an 8-bit grayscale PNG at path; false with a message. */
bool render_png_write(const char *path, const mc_bitmap *bm, char *msg, size_t msg_cap);

/* ---- membercore/staff.h (render/staff.c) ------------------------------------- */

/* staff tickets: the building's queue (most urgent first). */
int render_staff_queue(const app *a, mc_staff_queue queue, const mc_staff_ticket_list *list);
/* staff tickets show: one ticket with its reporter, timeline and internal notes. */
int render_staff_ticket(const app *a, const mc_staff_ticket *ticket);
/* An action's sentence (what), then the ticket as it now stands. */
int render_staff_done(const app *a, const char *what, const mc_staff_ticket *ticket);
/* staff colleagues. */
int render_staff_colleagues(const app *a, const mc_staff_colleague_list *list);

/* ---- membercore/tickets.h (render/tickets.c) ------------------------------------ */

/* tickets categories: the tree, each leaf with its team and SLA in words. */
int render_ticket_categories(const app *a, const mc_ticket_category_list *list);

/* A ticket of a list as JSON (NULL: no memory). */
cJSON *render_ticket_item_json(const void *item);

/* tickets (the member's, active first); tickets show (with the timeline and photos). */
int render_tickets(const app *a, const mc_ticket_list *list);
int render_ticket(const app *a, const mc_ticket *t);

/* What a write did ("file", "comment", "resolve", "reopen"): sent or queued, then the
 * ticket as this device now has it. */
int render_ticket_written(const app *a, const char *action, const mc_ticket *t, sent_state sent);

/* The name of photo index (from 0) of t, into *out. */
void render_photo_name_of(const mc_ticket *t, size_t index, render_photo_name *out);
/* The name kept for photo_id, or NULL. */
const render_photo_name *render_photo_name_find(const render_photo_names *names,
                                                const char *photo_id);
/* An UPLOAD_PROGRESS or UPLOAD_FAILED event as a line: "photo 2 of T-1001: 4.2 MB of 8.0 MB
 * sent", "photo 2 of T-1001: uploaded (8.0 MB)", "photo 1 of T-1001 not uploaded: ...". */
void render_upload_event_text(const mc_sync_event *ev, const render_photo_names *names);

/* ---- membercore/visitors.h (render/visitors.c) ----------------------------------- */

/* A visitor's date and window in words: "Mon 7 Dec, 10:00–12:00 IST" ("Mon 7 Dec" when no
 * window was given; the year after the date when it is not this year). */
void render_visitor_when(const mc_visitor *v, char *out, size_t out_cap);

/* A visitor as JSON (a list item; NULL: no memory). */
cJSON *render_visitor_json(const void *item);

/* visitors [--all] (all: every one, else the upcoming); visitors show. */
int render_visitors(const app *a, const mc_visitor_list *list, bool all);
int render_visitor(const app *a, const mc_visitor *v);
/* What a write did ("invite", "cancel", "approve", "decline"): sent or queued, what
 * follows, then the visitor as this device now has it. */
int render_visitor_written(const app *a, const char *action, const mc_visitor *v, sent_state sent);

/* staff visitors [--date D] (date NULL: today at the building). */
int render_reception_visitors(const app *a, const char *date, const mc_visitor_list *list);
/* staff visitors checkin / walk-in: the sentence (what), then the visitor. */
int render_reception_done(const app *a, const char *what, const mc_visitor *v);

/* ---- membercore/notifications.h (render/notifications.c) ---------------------------- */

/* notifications prefs: the table of categories by channel, the pending marks, what always
 * reaches the member and why, quiet hours with the zone label. */
int render_notification_prefs(const app *a, const mc_notification_prefs *prefs);
/* notifications prefs set: the cell's new value, sent or queued (SENT_NOTHING: it was so
 * already), then the preferences. */
int render_pref_set(const app *a, mc_notification_category category, mc_channel channel, bool on,
                    const mc_notification_prefs *prefs, sent_state sent);
/* notifications prefs quiet: the quiet hours now, sent or queued. */
int render_quiet_hours_set(const app *a, const mc_notification_prefs *prefs, sent_state sent);
/* read --all [--category C] (all_categories, or category): how many were marked. */
int render_read_all_done(const app *a, bool all_categories, mc_notification_category category,
                         int32_t marked, sent_state sent);

/* ---- membercore/device.h (render/device.c) ------------------------------------------ */

/* push register (provider) / push unregister (registered false): sent or queued
 * (SENT_NOTHING: it was so already). The token itself is never shown. */
int render_push_done(const app *a, bool registered, mc_push_provider provider, sent_state sent);

/* ---- membercore/desks.h (render/desks.c) ------------------------------------------------ */

/* A desk and a desk booking as JSON (list items; NULL: no memory). */
cJSON *render_desk_json(const void *item);
cJSON *render_desk_booking_json(const void *item);

/* desks search: the free hot desks of the day, the cut-off, how the member may pay. */
int render_desk_search(const app *a, const mc_desk_query *q, const mc_desk_search *s);
/* desks (list): the member's desk days and dedicated desk (mine, may be NULL). */
int render_desk_bookings(const app *a, const mc_desk_booking_list *list, const mc_desk *mine);
/* desks book (sent: what became of a plan or credits booking; Razorpay: the order and
 * the next step); desks pay; desks cancel (b: as the member now sees it, or NULL). */
int render_desk_booked(const app *a, const mc_desk_booking *b, sent_state sent);
int render_desk_paid(const app *a, const mc_desk_booking *b);
int render_desk_cancelled(const app *a, const char *booking_id, const mc_desk_booking *b,
                          sent_state sent);

/* ---- membercore/announcements.h (render/announcements.c) -------------------------------- */

/* An announcement as JSON, and as lines of text (list items). */
cJSON *render_announcement_json(const void *item);
void render_announcement_text(const void *item, const void *context);
/* announcements (list); announcements read: the announcement in full, sent or queued
 * (SENT_NOTHING: it was read before). */
int render_announcements(const app *a, const mc_announcement_list *list);
int render_announcement_read(const app *a, const mc_announcement *n, sent_state sent);

/* ---- membercore/offers.h (render/offers.c) ---------------------------------------------- */

cJSON *render_offer_json(const void *item);
/* offers (list); offers redeem: the code. */
int render_offers(const app *a, const mc_offer_list *list);
int render_offer_redeemed(const app *a, const mc_offer *o);

/* ---- membercore/calendar.h (render/calendar.c) ------------------------------------------ */

/* calendar export: the file written (path), the range typed (from, to: NULL when not
 * given) and what the iCalendar text ics (len bytes) holds. */
int render_calendar_written(const app *a, const char *path, const char *from, const char *to,
                            const char *ics, size_t len);

/* ---- membercore/today.h (render/today.c) ------------------------------------------------ */

/* today: the member's day. */
int render_today(const app *a, const mc_today *today);

#endif /* MEMBERCTL_RENDER_H */
