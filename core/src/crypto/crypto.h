/*
 * crypto/crypto.h - the core's only door to mbedTLS: hashes, the default random
 * source, constant-time comparison, hex and UUIDs.
 *
 * Debian 12 ships mbedTLS 2.28 while the mobile builds use 3.6, so this file
 * uses only calls both have (the generic md API, CTR-DRBG with the default
 * entropy source).
 */
#ifndef MCI_CRYPTO_H
#define MCI_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"

#define MCI_SHA256_LEN 32
/* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" + NUL */
#define MCI_UUID_STR_LEN 37

/* The default random source: a CTR-DRBG seeded from the OS, thread-safe. */
typedef struct mci_drbg mci_drbg;
mc_status mci_drbg_new(mci_drbg **out, mc_error *err);
void mci_drbg_free(mci_drbg *drbg);
/* Matches mc_random_fn: context is an mci_drbg. */
mc_status mci_drbg_random(void *context, uint8_t *buf, size_t len);

/* SHA-256 of data. */
void mci_sha256(const void *data, size_t len, uint8_t out[MCI_SHA256_LEN]);

/* Compare in time that depends only on len, never on where a difference is.
 * Hand-written because mbedTLS 2.28 has no public constant-time compare. */
bool mci_ct_equal(const void *a, const void *b, size_t len);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void mci_hex(const uint8_t *bytes, size_t len, char *out);

/* Format 16 random bytes as a version-4 UUID string. */
void mci_uuid_format(const uint8_t random16[16], char out[MCI_UUID_STR_LEN]);

#endif
