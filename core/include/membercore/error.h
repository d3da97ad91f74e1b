/*
 * membercore/error.h - status codes and the error value every fallible call fills.
 *
 * Every fallible function returns an mc_status (MC_OK is 0) and takes a last
 * parameter `mc_error *err`, which may be NULL. On failure the core writes the
 * same code into err->code plus a human-readable message that names what was
 * wrong (the field, the rule, the server's reason). There is no hidden
 * "last error": two threads never see each other's errors.
 *
 * Values are explicit and never renumbered; new codes are appended.
 */
#ifndef MEMBERCORE_ERROR_H
#define MEMBERCORE_ERROR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_status {
    MC_OK = 0,
    /* A parameter was NULL, out of range or malformed; the message names it. */
    MC_ERR_INVALID_ARG = 1,
    /* The thing named does not exist (locally or on the server). */
    MC_ERR_NOT_FOUND = 2,
    /* The server refused because of a conflicting state (slot taken, ...). */
    MC_ERR_CONFLICT = 3,
    /* The company's credit balance is too low. */
    MC_ERR_INSUFFICIENT_CREDITS = 4,
    /* The server could not be reached at all (no route, refused, DNS):
     * the call needs the network and the device is offline. */
    MC_ERR_OFFLINE = 5,
    /* The server was reached but the exchange failed (timeout, reset,
     * truncated or unreadable answer). Safe to retry. */
    MC_ERR_NETWORK = 6,
    /* No session, or the session expired or was revoked: sign in again. */
    MC_ERR_UNAUTHORIZED = 7,
    /* The OTP entered is wrong; err->message says how many attempts remain. */
    MC_ERR_OTP_WRONG = 8,
    /* The OTP expired (5 minutes) or none is outstanding: request a new one. */
    MC_ERR_OTP_EXPIRED = 9,
    /* Five wrong attempts killed this OTP: request a new one. */
    MC_ERR_OTP_EXHAUSTED = 10,
    /* Too many OTP requests (30 s cooldown, 5 per hour); see err->retry_after_s. */
    MC_ERR_OTP_RATE_LIMITED = 11,
    /* A payment was declined or its signature did not verify. */
    MC_ERR_PAYMENT_FAILED = 12,
    /* The local store failed (I/O, corruption, a schema newer than this library). */
    MC_ERR_STORAGE = 13,
    /* An allocation failed. */
    MC_ERR_NO_MEMORY = 14,
    /* The call is not valid in the current state (e.g. verify with no OTP
     * requested, set an intent before completing the profile). */
    MC_ERR_STATE = 15,
    /* The server answered with an internal error or something the core does
     * not understand. */
    MC_ERR_SERVER = 16,
    /* Signed in, but this account may not touch that item. */
    MC_ERR_FORBIDDEN = 17,
    /* The TLS connection could not be verified: the server's certificate is not trusted by
     * the system's CAs (or mc_config.tls_ca_file), has expired, or names another host, or
     * the TLS handshake failed. The request was not sent. */
    MC_ERR_TLS = 18,
    /* The server's certificate chain verified, but the server's own certificate has no
     * public key among mc_config.tls_pins: the request was not sent (docs/security.md). */
    MC_ERR_TLS_PIN = 19,
    /* The local store is damaged (zero-length, not a file, not an SQLite database, or reported
     * corrupt by SQLite while it is opened). The session it held is dropped (the token removed
     * from secure storage), so nothing signs in with a token whose store is gone;
     * mc_client_open refuses it until the app removes the store with mc_store_remove()
     * (membercore/client.h; docs/security.md says how). */
    MC_ERR_STORE_DAMAGED = 20,
    /* The request was cancelled before its answer came: the client is closing
     * (mc_client_close() cancels the requests in flight instead of waiting for their time
     * limits). What the call would have written was not written; a write queued for sync
     * stays queued. */
    MC_ERR_CANCELLED = 21,
} mc_status;

/*
 * The rule behind a refusal, for an app to pick its words or icon by; the
 * error's message says the same in English with the particulars (the day,
 * the hours, the blackout's reason, the notice, the window's length).
 * Set on MC_ERR_CONFLICT refusals of a room or desk booking (mc_booking_create, mc_desk_book,
 * locally or by the server, and mutations the server rejects on sync, see
 * membercore/sync.h), and on a room search that finds no free block
 * (mc_room_search.why_none, membercore/booking.h). MC_RULE_NONE otherwise.
 * Values are explicit and never renumbered; new rules are appended.
 */
typedef enum mc_rule {
    MC_RULE_NONE = 0,
    /* The building is closed that day (no opening hours on its weekday). */
    MC_RULE_CLOSED = 1,
    /* Open that day, but not at the time asked (before opening, after closing). */
    MC_RULE_OUTSIDE_HOURS = 2,
    /* A blackout of the building or the room; the message gives its reason. */
    MC_RULE_BLACKOUT = 3,
    /* The block has already started (or the day is over). */
    MC_RULE_PAST = 4,
    /* The block starts sooner than the building's minimum notice. */
    MC_RULE_TOO_SOON = 5,
    /* The day lies beyond the building's booking window (so many days ahead). */
    MC_RULE_BEYOND_WINDOW = 6,
    /* Booked or held by another booking (or one of the member's own). */
    MC_RULE_TAKEN = 7,
    /* A search: no room of the building has the capacity and amenities asked (or no hot desk
     * the area and features asked). */
    MC_RULE_NO_ROOM = 8,
    /* A desk: the member already has a desk that day (membercore/desks.h). */
    MC_RULE_ALREADY_BOOKED = 9,
    /* A desk for today after the building's check-in cut-off, or a cancel after it. */
    MC_RULE_AFTER_CUTOFF = 10,
    /* The member already holds as many unpaid bookings, passes or seats as one member may
     * (the message gives the limit and what is held). */
    MC_RULE_HOLD_LIMIT = 11,
    /* Longer than one booking may be for this member (on-demand users: a few hours). */
    MC_RULE_TOO_LONG = 12,
    /* A hold the member just let lapse or cancelled cannot be taken again so soon (the
     * message says when it can). */
    MC_RULE_HOLD_COOLDOWN = 13,
} mc_rule;

/* "none", "closed", "outside_hours", "blackout", "past", "too_soon", "beyond_window",
 * "taken", "no_room", "already_booked", "after_cutoff", "hold_limit", "too_long",
 * "hold_cooldown"; "unknown" for any other value. Static
 * string; pure, any thread. */
const char *mc_rule_name(mc_rule rule);

/* Sizes of the fixed buffers inside mc_error (including the NUL). */
#define MC_ERROR_MESSAGE_MAX     256
#define MC_ERROR_SERVER_CODE_MAX 48

/*
 * The error value. Caller-allocated (usually on the stack); the core fills it
 * on failure and leaves it untouched on success, so initialise it with
 * MC_ERROR_INIT or memset to zero if you read it unconditionally.
 */
typedef struct mc_error {
    mc_status code;
    /* HTTP status of the server's answer, or 0 when no answer was involved. */
    int32_t http_status;
    /* Seconds to wait before retrying (rate limits), or 0. */
    int32_t retry_after_s;
    /* MC_ERR_OTP_WRONG: how many more tries this code allows (0: it is now
     * dead); -1 for every other error. */
    int32_t attempts_left;
    /* The rule that refused (see mc_rule above), or MC_RULE_NONE. */
    mc_rule rule;
    /* The server's machine-readable code ("otp_wrong", ...), or "". */
    char server_code[MC_ERROR_SERVER_CODE_MAX];
    /* UTF-8, NUL-terminated, never contains secrets or OTPs. */
    char message[MC_ERROR_MESSAGE_MAX];
} mc_error;

#define MC_ERROR_INIT                                                                              \
    {                                                                                              \
        MC_OK, 0, 0, -1, MC_RULE_NONE, "", ""                                                      \
    }

/*
 * A stable, lower-case name for a status ("invalid_argument", "offline", ...),
 * for logs and bindings. Never NULL; unknown values give "unknown".
 * Thread-safe; the string is static.
 */
const char *mc_status_name(mc_status status);

/*
 * A wait in words, for "try again in ..." (retry_after_s) and "expires in ...":
 * under a minute "45 s"; under an hour whole minutes, rounded up so a wait is
 * never said shorter than it is ("53 min" for 3144 s); under a day "2 h" or
 * "1 h 5 min"; longer "3 d" or "1 d 4 h". Zero or less is "0 s". Writes at
 * most out_cap bytes, always NUL-terminated (out_cap >= 16 holds any value);
 * returns out. Pure, any thread.
 */
char *mc_duration_format(int64_t seconds, char *out, size_t out_cap);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_ERROR_H */
