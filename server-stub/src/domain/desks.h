/* domain/desks.h - hot desks by the day (docs/today-desks-community.md "Desks"): book, cancel,
 * pay, hold lapse, check-in at the door and the release at the building's cut-off. */
#ifndef MS_DESKS_H
#define MS_DESKS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "domain/bookings.h"
#include "domain/users.h"
#include "rules/desk_rules.h"

/* A Razorpay desk booking's hold lapses this long after it was made (server clock). */
#define MS_DESK_HOLD_MS (15 * MS_MINUTE_MS)

/* A checked request: {booking_id, desk_id, date, pay}. */
typedef struct ms_desk_request {
    char booking_id[MS_ID_MAX];
    char desk_id[MS_ID_MAX]; /* "" when too long to be one (answered not_found) */
    char date[11];
    int64_t day; /* date as days since 1970-01-01 */
    ms_desk_pay pay;
} ms_desk_request;

/*
 * Read and check a request from obj. online: POST /v1/desk_bookings (pay is razorpay, the field
 * ignored); otherwise desk.book, whose "pay" is plan or credits (razorpay is online only). false
 * with why = invalid_argument naming the field.
 */
bool ms_desk_request_parse(const cJSON *obj, bool online, ms_desk_request *in, ms_refusal *why);

/*
 * Book in->desk_id for in->date for user_id in the caller's transaction, by the server clock.
 * Plan or credits: confirmed at once (a desk day counted, or a `booking` ledger line), desk_busy,
 * a door credential for that building-local day, notification desk.confirmed. Razorpay: pending
 * with a 15-minute hold, desk_busy, a draft invoice and its order. Every synced write is
 * change-logged. 0 made; 1 refused (why: every code of the protocol's desk rules); -1 error.
 */
int ms_desk_book(ms_app *app, const char *user_id, const ms_desk_request *in, ms_refusal *why);

/* desk.book {booking_id, desk_id, date, pay: plan | credits}: parse, then ms_desk_book. */
int ms_desk_book_op(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/*
 * Cancel user_id's desk booking before its date's cut-off: cancelled, desk_busy deleted, the
 * credential revoked, the desk day or credits back (a `refund` line). 0; 1 refused (not_found:
 * none of the caller's; after_cutoff; invalid_argument: already cancelled); -1 error.
 */
int ms_desk_cancel(ms_app *app, const char *user_id, const char *booking_id, ms_refusal *why);

/* desk.cancel {booking_id} */
int ms_desk_cancel_op(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/* The desk booking user_id may see as booking_id: 1 found, 0 none (or another's), -1. */
int ms_desk_booking_mine(sqlite3 *db, const char *user_id, const char *booking_id);

/* If invoice_id bills a desk booking still pending payment, it is confirmed (credential,
 * desk.confirmed) now. Called when the invoice is paid. 0 / -1. */
int ms_desk_invoice_paid(ms_app *app, const char *invoice_id, int64_t now_ms);

/* Every desk hold whose 15 minutes are over at now_ms lapses: cancelled (hold_expired), its
 * desk_busy deleted, its draft invoice void. 0 / -1. */
int ms_desk_holds_lapse_due(ms_app *app, int64_t now_ms);

/*
 * Every confirmed desk booking not checked in whose date's building-local cut-off is at or before
 * now_ms is released (as of the cut-off): desk_busy deleted, the credential revoked, and the member
 * told once (desk.released). 0 / -1.
 */
int ms_desks_release_due(ms_app *app, int64_t now_ms);

/* The door let the holder of desk booking id in at now_ms: checked in (once). 0 / -1. */
int ms_desk_checked_in(ms_app *app, const char *desk_booking_id, int64_t now_ms);

#endif
