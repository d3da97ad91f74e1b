/* domain/bookings.h - meeting-room bookings: the server's checks, create, cancel, pay, hold lapse.
 */
#ifndef MS_BOOKINGS_H
#define MS_BOOKINGS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "rules/booking_rules.h"
#include "domain/room_busy.h"
#include "domain/users.h"
#include "rules/zone.h"

/* An unpaid Razorpay hold lapses this long after it was made (server clock). */
#define MS_HOLD_MS (15 * MS_MINUTE_MS)
/* A guest's credential opens this long before the booking starts. */
#define MS_PASS_LEAD_MS (15 * MS_MINUTE_MS)
/* The most guests a booking request may list (the room's capacity - 1 is the real cap). */
#define MS_GUESTS_MAX 32

/* Why a booking operation was refused: a contract code and a message for people. */
typedef struct ms_refusal {
    char code[32];
    char message[256];
} ms_refusal;

/* Fill why with code and the printf-style message; returns 1 (refused). */
int ms_refuse(ms_refusal *why, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The verdict of a hold-limit query (rules/hold_limits.h) whose one row is (how many unpaid
 * holds of its kind the member has, the latest instant they let a matching hold go or NULL):
 * hold_limit when held >= max ("you already hold N unpaid <what>"), else hold_cooldown when
 * a hold was let go (naming `thing` and the minutes left of MS_HOLD_COOLDOWN_MIN), else 0.
 * Finalizes stmt (NULL: -1). 0; 1 refused (why); -1 error.
 */
int ms_hold_verdict(sqlite3_stmt *stmt, int64_t max, const char *what, const char *thing,
                    int64_t now_ms, ms_refusal *why);

typedef struct ms_guest {
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX];
} ms_guest;

/* A checked booking request ({booking_id, room_id, start_ms, hours, guests}). */
typedef struct ms_booking_input {
    char booking_id[MS_ID_MAX];
    char room_id[MS_ID_MAX];
    int64_t start_ms;
    int64_t hours;
    int guest_count;
    ms_guest guests[MS_GUESTS_MAX];
} ms_booking_input;

typedef enum ms_payment {
    MS_PAY_CREDITS,  /* booking.create: the company's credits, confirmed at once */
    MS_PAY_RAZORPAY, /* POST /v1/bookings: a 15-minute hold and an order */
} ms_payment;

/* A room and what its building says about booking it. */
typedef struct ms_room_ctx {
    char room_id[MS_ID_MAX];
    char building_id[MS_ID_MAX];
    char room_name[MS_TEXT_MAX];
    char building_name[MS_TEXT_MAX];
    char city[MS_TEXT_MAX];
    int64_t capacity;
    int64_t price_per_hour_paise;
    int64_t credits_per_hour;
    const ms_zone *zone;
    ms_open_hours hours;
    ms_booking_policy policy;
} ms_room_ctx;

/*
 * Read and check a booking request from obj (for credits, also the optional
 * "pay": "credits"). false with why = invalid_argument naming the field.
 */
bool ms_booking_parse(const cJSON *obj, ms_payment pay, ms_booking_input *in, ms_refusal *why);

/* "Tue 5 Jan 2027 10:00-12:00" in zone, or with both dates when the end falls on another
 * local day. */
void ms_booking_format_span(const ms_zone *zone, int64_t start, int64_t end, char *out, size_t cap);

/* A building's opening hours (a weekday without a row is closed). 0 / -1. */
int ms_building_hours(sqlite3 *db, const char *building_id, ms_open_hours *out);

/* Load room_id and its building. 0; 1 when there is no such room; -1 on error. */
int ms_room_load(sqlite3 *db, const char *room_id, ms_room_ctx *out);

/*
 * May [start_ms, start_ms + hours h) of the room be booked at now_ms? The
 * block rules (invalid_argument for a start off the local hour, outside_hours,
 * too_soon, beyond_window), then blackouts of the building and the room
 * (blackout), then room_busy (slot_taken). 0 free; 1 refused (why); -1 error.
 */
int ms_booking_check_slot(sqlite3 *db, const ms_room_ctx *room, int64_t start_ms, int64_t hours,
                          int64_t now_ms, ms_refusal *why);

/*
 * Make the booking in the caller's transaction, by the server clock. Credits:
 * reservation confirmed, credits debited (ledger line), room_busy, guest
 * credentials and emails. Razorpay: reservation pending_payment with a
 * 15-minute hold, room_busy, and an order (guests get theirs once paid). Every
 * synced write is change-logged. 0 made; 1 refused (why; nothing written but
 * a due monthly reset); -1 error.
 */
int ms_booking_create(ms_app *app, const char *user_id, const ms_booking_input *in, ms_payment pay,
                      ms_refusal *why);

/*
 * Cancel user_id's booking: cancelled, room_busy released, guests' credentials
 * revoked; a credits booking cancelled more than cancel_cutoff_min before its
 * start is refunded (ledger line). 0; 1 refused (not_found: none of the
 * caller's; invalid_argument: already cancelled, or started); -1 error.
 */
int ms_booking_cancel(ms_app *app, const char *user_id, const char *booking_id, ms_refusal *why);

/*
 * The reservation's Razorpay order (still pending_payment) was paid (payments.c
 * marks the order): reservation confirmed, guests' credentials and emails. 0 / -1.
 */
int ms_booking_paid(ms_app *app, const char *reservation_id);

/* Every hold whose 15 minutes are over at now_ms lapses: cancelled, room_busy released. 0 / -1. */
int ms_holds_lapse_due(ms_app *app, int64_t now_ms);

#endif
