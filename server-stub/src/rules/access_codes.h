/* rules/access_codes.h - the QR payloads of access credentials and their codes, as pure functions.
 */
#ifndef MS_ACCESS_CODES_H
#define MS_ACCESS_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * docs/passes-protocol.md, "QR payloads". A holder's device shows a rotating
 * payload "MC1|<credential_id>|<step>|<code>", step = floor(unix_ms / 30 000),
 * code = 8 decimal digits of HMAC-SHA256(secret, credential_id "|" step) by
 * RFC 4226 dynamic truncation (as RFC 6238 does with SHA-256); a guest's email
 * carries the static "MC1|<credential_id>|G|<code>", the HMAC taken over
 * credential_id "|G". The secret is the credential's 32 raw bytes (sent to the
 * holder as secret_hex). No I/O, no clock: the caller gives the instant.
 */

/* A time step lasts 30 s. */
#define MS_ACCESS_STEP_MS 30000
/* Codes have 8 decimal digits. */
#define MS_ACCESS_CODE_DIGITS 8
/* A payload fits QR version 4 at level M in byte mode: at most 62 bytes. */
#define MS_ACCESS_PAYLOAD_LEN_MAX 62
/* Room for a payload and its NUL. */
#define MS_ACCESS_PAYLOAD_MAX 64
/* A credential id in a payload: 1 to this many bytes. */
#define MS_ACCESS_ID_LEN_MAX 39

/* The time step of unix_ms (>= 0): floor(unix_ms / 30 000). */
int64_t ms_access_step(int64_t unix_ms);

/*
 * RFC 4226 dynamic truncation of an HMAC-SHA256 value to 8 decimal digits:
 * offset = the low 4 bits of the last byte; the 31-bit big-endian number at
 * mac[offset..offset+3]; modulo 10^8, zero-padded. out gets 8 digits + NUL.
 */
void ms_access_truncate(const uint8_t mac[32], char out[MS_ACCESS_CODE_DIGITS + 1]);

/*
 * RFC 6238 TOTP with HMAC-SHA256 and 8 digits: the HMAC of the 8-byte
 * big-endian counter, truncated as above. Here to check the truncation
 * against RFC 6238's own test values (the payloads HMAC text, not a counter).
 * 0 / -1.
 */
int ms_access_totp(const uint8_t *key, size_t key_len, uint64_t counter,
                   char out[MS_ACCESS_CODE_DIGITS + 1]);

/*
 * The code of credential_id at step (step >= 0), or the static guest code
 * when step < 0: HMAC-SHA256(secret, credential_id "|" step-in-decimal) or
 * (secret, credential_id "|G"), truncated. 0 / -1.
 */
int ms_access_code(const uint8_t *secret, size_t secret_len, const char *credential_id,
                   int64_t step, char out[MS_ACCESS_CODE_DIGITS + 1]);

/*
 * The payload "MC1|id|step|code" (step >= 0) or "MC1|id|G|code" (step < 0)
 * into out (cap >= MS_ACCESS_PAYLOAD_MAX). -1 when the id is not one a
 * payload can carry (see ms_access_parse) or on a failure.
 */
int ms_access_payload(const uint8_t *secret, size_t secret_len, const char *credential_id,
                      int64_t step, char *out, size_t cap);

/* A payload read back. */
typedef struct ms_access_parsed {
    char credential_id[MS_ACCESS_ID_LEN_MAX + 1];
    bool guest;   /* the static "G" form */
    int64_t step; /* the rotating form's step; -1 for the static form */
    char code[MS_ACCESS_CODE_DIGITS + 1];
} ms_access_parsed;

/*
 * Read a payload. Well-formed is: at most 62 bytes; exactly four fields
 * separated by '|'; the first "MC1"; a credential id of 1 to 39 printable
 * ASCII characters (no space, no '|'); then "G", or a step in decimal without
 * leading zeros (at most 15 digits); then exactly 8 digits. false otherwise.
 */
bool ms_access_parse(const char *payload, ms_access_parsed *out);

/*
 * Is parsed's code the right one for secret? Computed as ms_access_code and
 * compared in constant time.
 */
bool ms_access_verify(const uint8_t *secret, size_t secret_len, const ms_access_parsed *parsed);

#endif
