/* domain/credentials.h - access credentials: who may enter where and when, and the secret a reader
 * checks.
 */
#ifndef MS_CREDENTIALS_H
#define MS_CREDENTIALS_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "rules/access_codes.h"
#include "base/crypto.h"
#include "domain/users.h"

/* A credential's secret: 32 random bytes (the HMAC key of its codes; secret_hex on the wire). */
#define MS_CREDENTIAL_SECRET_LEN 32

typedef enum ms_credential_kind {
    MS_CREDENTIAL_PASS,          /* a day pass (the buyer's own, or a guest's) */
    MS_CREDENTIAL_BOOKING_GUEST, /* a guest of a meeting-room booking */
    MS_CREDENTIAL_VISITOR,       /* a member's visitor, for one building-local date */
    MS_CREDENTIAL_DESK,          /* a member's hot desk, for one building-local date */
} ms_credential_kind;

/*
 * One credential. A holder (an account) has it synced, secret included, and
 * shows the rotating payload; a guest (an email, no account) is emailed the
 * static payload, good over the whole validity (the door's anti-passback keeps
 * it to one person at a time).
 */
typedef struct ms_credential {
    char id[MS_ID_MAX];
    ms_credential_kind kind;
    char building_id[MS_ID_MAX];
    char holder_user_id[MS_ID_MAX];  /* "" for a guest */
    char guest_email[MS_EMAIL_MAX];  /* "" for a holder */
    char pass_id[MS_ID_MAX];         /* kind PASS, else "" */
    char reservation_id[MS_ID_MAX];  /* kind BOOKING_GUEST, else "" */
    char visitor_id[MS_ID_MAX];      /* kind VISITOR, else "" */
    char desk_booking_id[MS_ID_MAX]; /* kind DESK, else "" */
    int64_t valid_from_ms;           /* valid over [valid_from_ms, valid_until_ms) */
    int64_t valid_until_ms;
    bool revoked;
    uint8_t secret[MS_CREDENTIAL_SECRET_LEN];
} ms_credential;

/* The kind's wire name: "pass", "booking_guest", "visitor" or "desk". */
const char *ms_credential_kind_name(ms_credential_kind kind);

/*
 * Store c (every field but id, secret and revoked filled by the caller) with a
 * fresh id ("crd_" + 16 hex) and a fresh random secret, both written back
 * into c. The caller logs the change when it has a holder. 0 / -1.
 */
int ms_credential_issue(sqlite3 *db, ms_rng *rng, ms_credential *c, int64_t now_ms);

/* Load credential id. 0, 1 when there is none, -1 on error. */
int ms_credential_load(sqlite3 *db, const char *id, ms_credential *out);

/* Revoke every live credential of reservation_id (its guests'). 0 / -1. */
int ms_credentials_revoke(sqlite3 *db, const char *reservation_id, int64_t now_ms);

/* Revoke credential id (a visitor's) unless it is already. 0 / -1. */
int ms_credential_revoke(sqlite3 *db, const char *id, int64_t now_ms);

/* The static (guest) payload of c into out. 0 / -1. */
int ms_credential_guest_payload(const ms_credential *c, char out[MS_ACCESS_PAYLOAD_MAX]);

/*
 * Schema version 5: move the version 4 guest credentials (secrets kept as
 * base64url text) into `credentials` (secrets as 32-byte blobs, kind
 * booking_guest, the reservation's building), then drop the old table. 0 / -1.
 */
int ms_credentials_migrate_v5(sqlite3 *db);

#endif
