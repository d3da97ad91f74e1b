/* domain/settlement.h - settling a paid Razorpay order: its booking or invoice is paid. */
#ifndef MS_SETTLEMENT_H
#define MS_SETTLEMENT_H

#include "base/app.h"
#include "domain/payments.h"

/*
 * Settling sits above orders, bookings and invoices: paying an invoice activates its
 * passes, and a pass checkout creates an order, so the step that follows a payment lives
 * here rather than in payments.c (which stays below invoices and passes).
 */

typedef enum ms_settlement {
    MS_SETTLED_NOW,    /* paid now: what it pays for is confirmed / paid */
    MS_SETTLED_BEFORE, /* it was paid already: nothing changed */
    MS_SETTLED_LAPSED, /* its booking was cancelled or its checkout lapsed: nothing confirmed */
    MS_SETTLED_REFUND, /* paid now, but its invoice was paid already (another order): refunded */
} ms_settlement;

/*
 * A verified payment of order (the signature or the webhook checked by the
 * caller): unless already paid, the order becomes paid (payment_id may be
 * NULL, via "confirm" or "webhook") and then its reservation is confirmed
 * (ms_booking_paid) or its invoice paid (ms_invoice_paid) - unless that
 * lapsed first, when the order is left unpaid and nothing happens. An invoice
 * paid already through another order stays paid once: the order is paid and its
 * money refunded (ms_invoice_refund). An order is never moved back from paid.
 * The outcome into *out. 0 / -1.
 */
int ms_order_settle(ms_app *app, const ms_order *order, const char *payment_id, const char *via,
                    ms_settlement *out);

#endif
