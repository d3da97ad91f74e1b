/* base/crypto.c - hashes, HMAC, the CSPRNG and constant-time comparison (over mbedTLS). */
#include "base/crypto.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

/*
 * Only functions present in both mbedTLS 2.28 (Debian 12) and 3.6 (the mobile
 * builds) are used: mbedtls_md_info_from_type, mbedtls_md, mbedtls_md_hmac,
 * CTR-DRBG + entropy, base64, mbedtls_platform_zeroize and mbedtls_ct_memcmp
 * (public in <mbedtls/constant_time.h> since 2.28).
 */

struct ms_rng {
    pthread_mutex_t lock;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
};

ms_rng *ms_rng_new(void)
{
    static const char personalization[] = "memberstub";
    ms_rng *rng = calloc(1, sizeof *rng);
    if (!rng)
        return NULL;
    pthread_mutex_init(&rng->lock, NULL);
    mbedtls_entropy_init(&rng->entropy);
    mbedtls_ctr_drbg_init(&rng->drbg);
    if (mbedtls_ctr_drbg_seed(&rng->drbg, mbedtls_entropy_func, &rng->entropy,
                              (const unsigned char *)personalization,
                              sizeof personalization - 1) != 0) {
        ms_rng_free(rng);
        return NULL;
    }
    return rng;
}

void ms_rng_free(ms_rng *rng)
{
    if (!rng)
        return;
    mbedtls_ctr_drbg_free(&rng->drbg);
    mbedtls_entropy_free(&rng->entropy);
    pthread_mutex_destroy(&rng->lock);
    free(rng);
}

int ms_rng_bytes(ms_rng *rng, uint8_t *buf, size_t len)
{
    int rc = 0;
    pthread_mutex_lock(&rng->lock);
    while (len > 0 && rc == 0) {
        size_t chunk = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        rc = mbedtls_ctr_drbg_random(&rng->drbg, buf, chunk);
        buf += chunk;
        len -= chunk;
    }
    pthread_mutex_unlock(&rng->lock);
    return rc == 0 ? 0 : -1;
}

int ms_rng_digits6(ms_rng *rng, char out[7])
{
    /* Rejection sampling keeps the digits uniform: 4294 * 10^6 is the largest
     * multiple of 10^6 that fits in 32 bits. */
    const uint32_t limit = 4294000000u;
    uint32_t v;
    do {
        uint8_t b[4];
        if (ms_rng_bytes(rng, b, sizeof b) != 0)
            return -1;
        v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    } while (v >= limit);
    snprintf(out, 7, "%06u", (unsigned)(v % 1000000u));
    return 0;
}

int ms_rng_id(ms_rng *rng, const char *prefix, char *out, size_t out_cap)
{
    uint8_t raw[8];
    char hex[2 * sizeof raw + 1];
    if (ms_rng_bytes(rng, raw, sizeof raw) != 0)
        return -1;
    ms_hex(raw, sizeof raw, hex);
    int n = snprintf(out, out_cap, "%s%s", prefix, hex);
    return n > 0 && (size_t)n < out_cap ? 0 : -1;
}

int ms_sha256(const void *data, size_t len, uint8_t out[MS_SHA256_LEN])
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    return md && mbedtls_md(md, data, len, out) == 0 ? 0 : -1;
}

int ms_hmac_sha256(const uint8_t *key, size_t key_len, const void *data, size_t len,
                   uint8_t out[MS_SHA256_LEN])
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    return md && mbedtls_md_hmac(md, key, key_len, data, len, out) == 0 ? 0 : -1;
}

bool ms_ct_equal(const void *a, const void *b, size_t n)
{
    return mbedtls_ct_memcmp(a, b, n) == 0;
}

void ms_wipe(void *p, size_t n)
{
    mbedtls_platform_zeroize(p, n);
}

void ms_hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

int ms_base64(const uint8_t *in, size_t n, char *out, size_t out_cap)
{
    size_t written = 0;
    return mbedtls_base64_encode((unsigned char *)out, out_cap, &written, in, n) == 0 ? 0 : -1;
}

int ms_base64url(const uint8_t *in, size_t n, char *out, size_t out_cap)
{
    size_t written = 0;
    if (mbedtls_base64_encode((unsigned char *)out, out_cap, &written, in, n) != 0)
        return -1;
    for (size_t i = 0; i < written; i++) {
        if (out[i] == '+')
            out[i] = '-';
        else if (out[i] == '/')
            out[i] = '_';
        else if (out[i] == '=') {
            out[i] = '\0';
            break;
        }
    }
    return 0;
}

int ms_base64url_decode(const char *text, uint8_t *out, size_t len)
{
    /* Back to standard base64 with padding, then mbedTLS decodes it. */
    size_t n = strlen(text);
    if (n > 4 * len / 3 + 4)
        return -1;
    char *padded = malloc(n + 4);
    unsigned char *raw = malloc(len + 3);
    int rc = -1;
    if (padded && raw) {
        for (size_t i = 0; i < n; i++)
            padded[i] = text[i] == '-' ? '+' : text[i] == '_' ? '/' : text[i];
        size_t m = n;
        while (m % 4)
            padded[m++] = '=';
        size_t written = 0;
        if (mbedtls_base64_decode(raw, len + 3, &written, (const unsigned char *)padded, m) == 0 &&
            written == len) {
            memcpy(out, raw, len);
            rc = 0;
        }
        ms_wipe(raw, len + 3);
        ms_wipe(padded, n + 4);
    }
    free(padded);
    free(raw);
    return rc;
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

int ms_unhex(const char *text, uint8_t *out, size_t len)
{
    if (strlen(text) != 2 * len)
        return -1;
    for (size_t i = 0; i < len; i++) {
        int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}
