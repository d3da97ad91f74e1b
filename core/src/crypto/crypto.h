/*
 * crypto/crypto.h - the core's only door to mbedTLS (the default random
 * source, HMAC-SHA256, wiping secrets), and hex and UUID formatting.
 *
 * Debian 12 ships mbedTLS 2.28 while the mobile builds use 3.6, so this file
 * uses only calls both have (CTR-DRBG with the default entropy source).
 */
#ifndef MCI_CRYPTO_H
#define MCI_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"

/* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" + NUL */
#define MCI_UUID_STR_LEN 37

/* The default random source: a CTR-DRBG seeded from the OS, thread-safe. */
typedef struct mci_drbg mci_drbg;
mc_status mci_drbg_new(mci_drbg **out, mc_error *err);
void mci_drbg_free(mci_drbg *drbg);
/* Matches mc_random_fn: context is an mci_drbg. */
mc_status mci_drbg_random(void *context, uint8_t *buf, size_t len);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void mci_hex(const uint8_t *bytes, size_t len, char *out);

/* Decode hex (either case, even length, NUL-terminated) into out (cap bytes)
 * and set *len; false if it is not hex or longer than cap bytes. */
bool mci_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *len);

#define MCI_SHA256_LEN 32

/* HMAC-SHA256 of msg under key into out. MC_ERR_NO_MEMORY if mbedTLS cannot
 * allocate its context. Pure; any thread. */
mc_status mci_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len,
                          uint8_t out[MCI_SHA256_LEN], mc_error *err);

/* A SHA-256 over data given in pieces (a file streamed in chunks). */
typedef struct mci_sha256 mci_sha256;
/* A new hash into *out. MC_ERR_NO_MEMORY, MC_ERR_STATE (no SHA-256 in this mbedTLS). */
mc_status mci_sha256_new(mci_sha256 **out, mc_error *err);
/* Hash len more bytes. */
void mci_sha256_update(mci_sha256 *hash, const uint8_t *data, size_t len);
/* The digest of everything given, into out. */
void mci_sha256_finish(mci_sha256 *hash, uint8_t out[MCI_SHA256_LEN]);
/* NULL is a no-op. */
void mci_sha256_free(mci_sha256 *hash);
/* Overwrite len bytes with zeros in a way the compiler keeps (for secrets). */
void mci_wipe(void *buf, size_t len);

/* Format 16 random bytes as a version-4 UUID string. */
void mci_uuid_format(const uint8_t random16[16], char out[MCI_UUID_STR_LEN]);

#endif
