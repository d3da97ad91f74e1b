/* rules/razorpay.h - the simulated Razorpay: order and payment ids, payment signatures. */
#ifndef MS_RAZORPAY_H
#define MS_RAZORPAY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/crypto.h"

/* A signature: 64 lower-case hex characters + NUL. */
#define MS_RZP_SIGNATURE_MAX 65
/* "order_" / "pay_" + 14 base62 characters, as Razorpay's look. */
#define MS_RZP_ID_MAX 24

/*
 * Razorpay's payment signature: the lower-case hex of HMAC-SHA256 with the
 * key secret of order_id "|" payment_id. 0 / -1.
 */
int ms_razorpay_signature(const char *key_secret, const char *order_id, const char *payment_id,
                          char out[MS_RZP_SIGNATURE_MAX]);

/*
 * Is signature the one for (order_id, payment_id)? Computed as above and
 * compared with mbedtls_ct_memcmp over the 64 characters (a signature of any
 * other length is wrong before any comparison).
 */
bool ms_razorpay_verify(const char *key_secret, const char *order_id, const char *payment_id,
                        const char *signature);

/*
 * A webhook's signature (header X-Razorpay-Signature): the lower-case hex of
 * HMAC-SHA256 with the webhook secret of the raw body, byte for byte. 0 / -1.
 */
int ms_razorpay_webhook_signature(const char *webhook_secret, const void *body, size_t len,
                                  char out[MS_RZP_SIGNATURE_MAX]);

/* Is signature (NULL: absent) that of body? Compared as ms_razorpay_verify does. */
bool ms_razorpay_webhook_verify(const char *webhook_secret, const void *body, size_t len,
                                const char *signature);

/* prefix ("order_", "pay_") + 14 random base62 characters into out (MS_RZP_ID_MAX). 0 / -1. */
int ms_razorpay_id(ms_rng *rng, const char *prefix, char out[MS_RZP_ID_MAX]);

#endif
