/* base/crypto.h - hashes, HMAC, the CSPRNG and constant-time comparison (over mbedTLS). */
#ifndef MS_CRYPTO_H
#define MS_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_SHA256_LEN 32
/* Length of the server's secret keys (e.g. the OTP hashing key). */
#define MS_KEY_LEN 32

/* A CTR-DRBG seeded from the OS entropy source; thread-safe. */
typedef struct ms_rng ms_rng;

/* NULL when the entropy source fails or memory runs out. */
ms_rng *ms_rng_new(void);
void ms_rng_free(ms_rng *rng);
/* Fill buf with len random bytes. 0 on success, -1 on failure. */
int ms_rng_bytes(ms_rng *rng, uint8_t *buf, size_t len);
/* Six uniformly random decimal digits and a NUL into out. 0 / -1. */
int ms_rng_digits6(ms_rng *rng, char out[7]);
/* prefix + 16 lower-case hex characters of randomness (e.g. "usr_1f..."). 0 / -1. */
int ms_rng_id(ms_rng *rng, const char *prefix, char *out, size_t out_cap);

/* SHA-256 of data. 0 / -1. */
int ms_sha256(const void *data, size_t len, uint8_t out[MS_SHA256_LEN]);
/* HMAC-SHA256 of data with key. 0 / -1. */
int ms_hmac_sha256(const uint8_t *key, size_t key_len, const void *data, size_t len,
                   uint8_t out[MS_SHA256_LEN]);
/* true when the n bytes at a and b are equal; the time taken does not depend on their contents. */
bool ms_ct_equal(const void *a, const void *b, size_t n);

/* Overwrite n bytes at p with zeros (not optimised away). */
void ms_wipe(void *p, size_t n);

/* Lower-case hex of in into out (2 * n + 1 bytes). */
void ms_hex(const uint8_t *in, size_t n, char *out);
/* Standard padded base64 (RFC 4648 section 4, as MIME carries attachments) of in into out;
 * out_cap >= 4 * ((n + 2) / 3) + 1. -1 when out_cap is too small. */
int ms_base64(const uint8_t *in, size_t n, char *out, size_t out_cap);
/* Unpadded base64url of in into out; -1 when out_cap is too small. */
int ms_base64url(const uint8_t *in, size_t n, char *out, size_t out_cap);
/* The reverse: text must decode to exactly len bytes into out. 0 / -1. */
int ms_base64url_decode(const char *text, uint8_t *out, size_t len);
/* Lower-case or upper-case hex text of exactly 2 * len characters into out. 0 / -1. */
int ms_unhex(const char *text, uint8_t *out, size_t len);

#endif
