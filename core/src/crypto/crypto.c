/* crypto/crypto.c - the default random source (mbedTLS CTR-DRBG), HMAC-SHA256, streamed
 * SHA-256, hex and UUIDs. */
#include "crypto/crypto.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <pthread.h>
#include <stdlib.h>

#include "util/error.h"

struct mci_drbg {
    pthread_mutex_t lock;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context ctr;
};

mc_status mci_drbg_new(mci_drbg **out, mc_error *err)
{
    mci_drbg *d = calloc(1, sizeof *d);
    if (d == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory creating the random source");
    pthread_mutex_init(&d->lock, NULL);
    mbedtls_entropy_init(&d->entropy);
    mbedtls_ctr_drbg_init(&d->ctr);
    static const unsigned char personalisation[] = "membercore";
    int rc = mbedtls_ctr_drbg_seed(&d->ctr, mbedtls_entropy_func, &d->entropy, personalisation,
                                   sizeof personalisation - 1);
    if (rc != 0) {
        mci_drbg_free(d);
        return mci_error_set(err, MC_ERR_STORAGE,
                             "cannot seed the random source from the OS (mbedTLS -0x%04x)",
                             (unsigned)-rc);
    }
    *out = d;
    return MC_OK;
}

void mci_drbg_free(mci_drbg *d)
{
    if (d == NULL)
        return;
    mbedtls_ctr_drbg_free(&d->ctr);
    mbedtls_entropy_free(&d->entropy);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

mc_status mci_drbg_random(void *context, uint8_t *buf, size_t len)
{
    mci_drbg *d = context;
    pthread_mutex_lock(&d->lock);
    int rc = 0;
    /* CTR-DRBG hands out at most MBEDTLS_CTR_DRBG_MAX_REQUEST bytes per call. */
    while (rc == 0 && len > 0) {
        size_t n = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        rc = mbedtls_ctr_drbg_random(&d->ctr, buf, n);
        buf += n;
        len -= n;
    }
    pthread_mutex_unlock(&d->lock);
    return rc == 0 ? MC_OK : MC_ERR_STORAGE;
}

void mci_hex(const uint8_t *bytes, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0F];
    }
    out[2 * len] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool mci_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = 0;
    for (; hex[0] != '\0'; hex += 2) {
        int hi = hex_value(hex[0]);
        int lo = hi < 0 ? -1 : hex_value(hex[1]); /* hex[1] is '\0' at worst */
        if (lo < 0 || n == cap)
            return false;
        out[n++] = (uint8_t)(hi << 4 | lo);
    }
    *len = n;
    return true;
}

mc_status mci_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len,
                          uint8_t out[MCI_SHA256_LEN], mc_error *err)
{
    /* mbedtls_md_hmac (the generic md layer) is in 2.28 and 3.6 alike. */
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    int rc = mbedtls_md_hmac(info, key, key_len, msg, msg_len, out);
    if (rc == MBEDTLS_ERR_MD_ALLOC_FAILED)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory computing an HMAC");
    if (rc != 0) /* no SHA-256 in this mbedTLS build (BAD_INPUT_DATA for a NULL info) */
        return mci_error_set(err, MC_ERR_STATE, "HMAC-SHA256 is unavailable (mbedTLS -0x%04x)",
                             (unsigned)-rc);
    return MC_OK;
}

struct mci_sha256 {
    mbedtls_md_context_t md;
};

mc_status mci_sha256_new(mci_sha256 **out, mc_error *err)
{
    *out = NULL;
    mci_sha256 *h = calloc(1, sizeof *h);
    if (h == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory for a SHA-256");
    /* the generic md layer: the same calls in 2.28 and 3.6 */
    mbedtls_md_init(&h->md);
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    int rc = info == NULL ? -1 : mbedtls_md_setup(&h->md, info, 0);
    if (rc == 0)
        rc = mbedtls_md_starts(&h->md);
    if (rc != 0) {
        mci_sha256_free(h);
        return rc == MBEDTLS_ERR_MD_ALLOC_FAILED
                   ? mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory for a SHA-256")
                   : mci_error_set(err, MC_ERR_STATE, "SHA-256 is unavailable (mbedTLS)");
    }
    *out = h;
    return MC_OK;
}

void mci_sha256_update(mci_sha256 *hash, const uint8_t *data, size_t len)
{
    mbedtls_md_update(&hash->md, data, len);
}

void mci_sha256_finish(mci_sha256 *hash, uint8_t out[MCI_SHA256_LEN])
{
    mbedtls_md_finish(&hash->md, out);
}

void mci_sha256_free(mci_sha256 *hash)
{
    if (hash == NULL)
        return;
    mbedtls_md_free(&hash->md);
    free(hash);
}

void mci_wipe(void *buf, size_t len)
{
    mbedtls_platform_zeroize(buf, len);
}

void mci_uuid_format(const uint8_t random16[16], char out[MCI_UUID_STR_LEN])
{
    uint8_t b[16];
    for (int i = 0; i < 16; i++)
        b[i] = random16[i];
    b[6] = (uint8_t)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (uint8_t)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    char hex[33];
    mci_hex(b, 16, hex);
    int o = 0;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            out[o++] = '-';
        out[o++] = hex[i];
    }
    out[o] = '\0';
}
