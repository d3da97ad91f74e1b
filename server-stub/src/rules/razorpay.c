/* rules/razorpay.c - the simulated Razorpay: order and payment ids, payment signatures. */
#include "rules/razorpay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/constant_time.h>

int ms_razorpay_signature(const char *key_secret, const char *order_id, const char *payment_id,
                          char out[MS_RZP_SIGNATURE_MAX])
{
    size_t n = strlen(order_id) + 1 + strlen(payment_id);
    char *message = malloc(n + 1);
    if (!message)
        return -1;
    snprintf(message, n + 1, "%s|%s", order_id, payment_id);
    uint8_t mac[MS_SHA256_LEN];
    int rc = ms_hmac_sha256((const uint8_t *)key_secret, strlen(key_secret), message, n, mac);
    free(message);
    if (rc == 0)
        ms_hex(mac, sizeof mac, out);
    ms_wipe(mac, sizeof mac);
    return rc;
}

bool ms_razorpay_verify(const char *key_secret, const char *order_id, const char *payment_id,
                        const char *signature)
{
    char expected[MS_RZP_SIGNATURE_MAX];
    if (strlen(signature) != MS_RZP_SIGNATURE_MAX - 1 ||
        ms_razorpay_signature(key_secret, order_id, payment_id, expected) != 0)
        return false;
    bool equal = mbedtls_ct_memcmp(expected, signature, MS_RZP_SIGNATURE_MAX - 1) == 0;
    ms_wipe(expected, sizeof expected);
    return equal;
}

int ms_razorpay_webhook_signature(const char *webhook_secret, const void *body, size_t len,
                                  char out[MS_RZP_SIGNATURE_MAX])
{
    uint8_t mac[MS_SHA256_LEN];
    int rc =
        ms_hmac_sha256((const uint8_t *)webhook_secret, strlen(webhook_secret), body, len, mac);
    if (rc == 0)
        ms_hex(mac, sizeof mac, out);
    ms_wipe(mac, sizeof mac);
    return rc;
}

bool ms_razorpay_webhook_verify(const char *webhook_secret, const void *body, size_t len,
                                const char *signature)
{
    char expected[MS_RZP_SIGNATURE_MAX];
    if (!signature || strlen(signature) != MS_RZP_SIGNATURE_MAX - 1 ||
        ms_razorpay_webhook_signature(webhook_secret, body, len, expected) != 0)
        return false;
    bool equal = mbedtls_ct_memcmp(expected, signature, MS_RZP_SIGNATURE_MAX - 1) == 0;
    ms_wipe(expected, sizeof expected);
    return equal;
}

int ms_razorpay_id(ms_rng *rng, const char *prefix, char out[MS_RZP_ID_MAX])
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    size_t len = strlen(prefix);
    if (len + 14 >= MS_RZP_ID_MAX)
        return -1;
    memcpy(out, prefix, len);
    for (size_t i = 0; i < 14;) {
        uint8_t b;
        if (ms_rng_bytes(rng, &b, 1) != 0)
            return -1;
        if (b < 248) /* 248 = 4 * 62: uniform */
            out[len + i++] = alphabet[b % 62];
    }
    out[len + 14] = '\0';
    return 0;
}
