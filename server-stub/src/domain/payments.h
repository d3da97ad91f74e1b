/* domain/payments.h - Razorpay orders: create, load and describe one (settling: settlement.h). */
#ifndef MS_PAYMENTS_H
#define MS_PAYMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "rules/razorpay.h"
#include "domain/users.h"

/* An order, and what it pays for: a room reservation or an invoice. */
typedef struct ms_order {
    char id[MS_RZP_ID_MAX];
    char user_id[MS_ID_MAX];        /* who asked for it (and may confirm it) */
    char reservation_id[MS_ID_MAX]; /* "" when it pays an invoice */
    char invoice_id[MS_ID_MAX];     /* "" when it pays a reservation */
    int64_t amount_paise;
    bool paid;
} ms_order;

/* Load order_id. 0, 1 when there is none, -1 on error. */
int ms_order_load(sqlite3 *db, const char *order_id, ms_order *out);

/*
 * A new order ("order_" + 14 base62, status created) by user_id for
 * reservation_id or invoice_id (the other NULL), amount_paise > 0 in INR, into
 * order_id. 0 / -1.
 */
int ms_order_create(ms_app *app, const char *user_id, const char *reservation_id,
                    const char *invoice_id, int64_t amount_paise, int64_t now_ms,
                    char order_id[MS_RZP_ID_MAX]);

/*
 * {id, amount_paise, currency, key_id, hold_expires_at_ms}: the order as the
 * app needs it for Razorpay's checkout; the hold is its reservation's or
 * invoice's (null when none is running). NULL on error.
 */
cJSON *ms_order_json(ms_app *app, const char *order_id);

#endif
