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
} mc_status;

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
    /* The server's machine-readable code ("otp_wrong", ...), or "". */
    char server_code[MC_ERROR_SERVER_CODE_MAX];
    /* UTF-8, NUL-terminated, never contains secrets or OTPs. */
    char message[MC_ERROR_MESSAGE_MAX];
} mc_error;

#define MC_ERROR_INIT                                                                              \
    {                                                                                              \
        MC_OK, 0, 0, -1, "", ""                                                                    \
    }

/*
 * A stable, lower-case name for a status ("invalid_argument", "offline", ...),
 * for logs and bindings. Never NULL; unknown values give "unknown".
 * Thread-safe; the string is static.
 */
const char *mc_status_name(mc_status status);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_ERROR_H */
