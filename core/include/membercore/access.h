/*
 * membercore/access.h - access credentials and the QR codes shown at the door.
 *
 * A credential (for a day pass, or a booking guest) is synced to its holder's
 * device with a secret. The device renders it offline as a rotating code: a
 * 30-second time step and an HMAC over the credential id and the step, in the
 * manner of RFC 6238, so a screenshot is useless a minute later. Payloads fit
 * QR version 4 or lower at error-correction level M (door readers commonly
 * read versions 1 to 4 only). docs/passes-protocol.md has the formats.
 */
#ifndef MEMBERCORE_ACCESS_H
#define MEMBERCORE_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes needed for any payload the core makes, NUL included. */
#define MC_ACCESS_PAYLOAD_MAX 64

/* What a credential opens the door for. */
typedef enum mc_credential_kind {
    MC_CREDENTIAL_UNKNOWN = 0,       /* a kind newer than this library */
    MC_CREDENTIAL_PASS = 1,          /* a day pass (pass_id) */
    MC_CREDENTIAL_BOOKING_GUEST = 2, /* a meeting-room booking's guest (reservation_id) */
    MC_CREDENTIAL_DESK = 3,          /* a desk day (desk_booking_id, membercore/desks.h) */
} mc_credential_kind;

/* The wire name: "pass", "booking_guest", "desk"; "unknown" otherwise. Static string; any thread.
 */
const char *mc_credential_kind_name(mc_credential_kind kind);

typedef struct mc_credential {
    char *id;
    mc_credential_kind kind;
    char *building_id;
    int64_t valid_from_ms;
    int64_t valid_until_ms;
    mc_local_time valid_from; /* the window in the building's local time */
    mc_local_time valid_until;
    char *pass_id;         /* "" unless kind is MC_CREDENTIAL_PASS */
    char *reservation_id;  /* "" unless kind is MC_CREDENTIAL_BOOKING_GUEST */
    char *desk_booking_id; /* "" unless kind is MC_CREDENTIAL_DESK */
} mc_credential;

typedef struct mc_credential_list {
    mc_credential *items; /* soonest valid first */
    size_t count;
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_credentials_list. */
} mc_credential_list;

/* The signed-in member's credentials from the local store that have not
 * expired at the client's clock (valid_until_ms > now), soonest valid first;
 * the secrets stay inside the core. Free with mc_credential_list_free (NULL
 * is accepted). Errors: MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE, MC_ERR_NO_MEMORY. Any thread. */
mc_status mc_credentials_list(mc_client *client, mc_credential_list **out, mc_error *err);
/* Free an mc_credential_list and everything it holds. NULL is a no-op. Any thread. */
void mc_credential_list_free(mc_credential_list *list);

/* One page of mc_credentials_list's list (membercore/page.h; page NULL: the
 * first page of MC_PAGE_DEFAULT_LIMIT), through an index. Screens use this
 * one. Errors: as mc_credentials_list, and MC_ERR_INVALID_ARG for a bad page.
 * Any thread. */
mc_status mc_credentials_page(mc_client *client, const mc_page *page, mc_credential_list **out,
                              mc_error *err);

/*
 * The rotating payload of credential_id at the client's current time into out
 * (out_cap >= MC_ACCESS_PAYLOAD_MAX), and when it stops being current
 * (*refresh_at_ms, may be NULL): the start of the next 30-second step, or the
 * end of the validity window if that comes first. Redraw then (a call at that
 * instant gives the next payload, or MC_ERR_STATE once expired). A credential
 * is valid from valid_from_ms (included) to valid_until_ms (excluded).
 * Works offline. On failure out is "" and *refresh_at_ms 0. To show the refresh
 * instant, mc_credential_local_time(credential_id, *refresh_at_ms).
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND (no such credential here),
 * MC_ERR_STATE (outside its validity window: the message says "not valid
 * yet" or "expired", with the instant), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_credential_payload(mc_client *client, const char *credential_id, char *out,
                                size_t out_cap, int64_t *refresh_at_ms, mc_error *err);

/*
 * utc_ms on the wall clock of credential_id's building, into *out (membercore/localtime.h;
 * a credential not on this device, or whose building is unknown, falls back to the
 * member's building): for the refresh instant mc_credential_payload gives. utc_ms 0 gives
 * the all-zero value. Works offline. Errors: MC_ERR_INVALID_ARG (client, credential_id or
 * out NULL), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_credential_local_time(mc_client *client, const char *credential_id, int64_t utc_ms,
                                   mc_local_time *out, mc_error *err);

/*
 * Pure: the rotating payload "MC1|<id>|<step>|<code>" for a credential id, its
 * secret and an instant at_ms >= 0, into out (out_cap >= MC_ACCESS_PAYLOAD_MAX;
 * the text is at most 62 bytes). The id must be 1 to 32 characters of
 * A-Z, a-z, 0-9, '_' and '-'; the secret at least one byte. Exposed for door
 * software and tests; an app calls mc_credential_payload. On failure out is "".
 * Errors: MC_ERR_INVALID_ARG (the message names the argument),
 * MC_ERR_NO_MEMORY. Any thread.
 */
mc_status mc_access_payload(const char *credential_id, const uint8_t *secret, size_t secret_len,
                            int64_t at_ms, char *out, size_t out_cap, mc_error *err);

/* A QR code: width x width modules (width = 17 + 4 * version), row-major,
 * 1 = dark, 0 = light; no quiet zone. */
typedef struct mc_qr {
    int32_t version; /* 1..40; the core's payloads give 1..4 */
    int32_t width;   /* modules per side, without the quiet zone */
    uint8_t *modules;
} mc_qr;

/*
 * Encode text (UTF-8, byte mode) at error-correction level M with
 * libqrencode, for drawing with native primitives. Free with mc_qr_free.
 * Errors: MC_ERR_INVALID_ARG (text NULL, empty, or too long for a QR code),
 * MC_ERR_NO_MEMORY. Pure; any thread.
 */
mc_status mc_qr_encode(const char *text, mc_qr **out, mc_error *err);
/* NULL is accepted. Any thread. */
void mc_qr_free(mc_qr *qr);

/* An 8-bit grayscale image (0 = black, 255 = white), row-major, no padding. */
typedef struct mc_bitmap {
    int32_t width;
    int32_t height;
    uint8_t *pixels;
} mc_bitmap;

/*
 * Encode text and draw it scale pixels per module (1..64) with the 4-module
 * white quiet zone all round: (width + 8) * scale pixels a side. One call, one
 * buffer: what JNI and Swift pass up as one byte array. Free with
 * mc_bitmap_free. Errors: as mc_qr_encode, and MC_ERR_INVALID_ARG (scale).
 * Any thread.
 */
mc_status mc_qr_bitmap(const char *text, int32_t scale, mc_bitmap **out, mc_error *err);
/* NULL is accepted. Any thread. */
void mc_bitmap_free(mc_bitmap *bitmap);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_ACCESS_H */
