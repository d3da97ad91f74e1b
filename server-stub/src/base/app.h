/* base/app.h - the server's shared state: database and its lock, clock, random source, mode,
 * faults. */
#ifndef MS_APP_H
#define MS_APP_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/faults.h"

/* The Razorpay test keys used unless --razorpay-key-id / --razorpay-key-secret say otherwise. */
#define MS_RAZORPAY_KEY_ID_DEFAULT     "rzp_test_memberstub"
#define MS_RAZORPAY_KEY_SECRET_DEFAULT "memberstub_test_key_secret"
/* The webhook secret used unless --razorpay-webhook-secret says otherwise. */
#define MS_RAZORPAY_WEBHOOK_SECRET_DEFAULT "memberstub_test_webhook_secret"

#ifndef MS_VERSION
#define MS_VERSION "0.0.0"
#endif

typedef struct ms_app {
    /* One connection; every use holds db_lock (see dispatch.c). */
    sqlite3 *db;
    pthread_mutex_t db_lock;
    ms_clock clock;
    ms_rng *rng;
    /* --test-mode: the /v1/test/ routes are served. */
    bool test_mode;
    /* The key OTP hashes are keyed with: the database's own key in test mode without an OTP
     * pepper, else HMAC-SHA256(pepper, that key) so a copy of the database cannot check codes. */
    uint8_t otp_key[MS_KEY_LEN];
    /* Codes sent per client address and overall in any rolling hour; 0: no such limit. */
    int otp_max_per_address;
    int otp_max_overall;
    /* The test-mode fault injector for /v1/sync/... (off until a test turns it on). */
    ms_faults faults;
    /* Razorpay keys: the id is sent to clients with each order; the secret signs
     * payments and is never sent or logged. */
    const char *razorpay_key_id;
    const char *razorpay_key_secret;
    /* Signs Razorpay's webhook calls (X-Razorpay-Signature); never sent or logged. */
    const char *razorpay_webhook_secret;
} ms_app;

#endif
