/* domain/room_invoices.h - the invoice of a meeting room paid with Razorpay: lines, tax, paid. */
#ifndef MS_ROOM_INVOICES_H
#define MS_ROOM_INVOICES_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/app.h"
#include "rules/pass_rules.h"

/*
 * What a Razorpay room booking of `hours` at price_per_hour (the building's minor unit)
 * costs: hours x the price, then its building's tax (tax_rate_bp; ms_pass_price_of, no
 * bundle discount). Its total_minor is the order's amount and the invoice's total.
 */
ms_pass_price ms_room_price_of(int64_t hours, int64_t price_per_hour, int64_t tax_rate_bp);

/* The same for room_id's building's tax rule, into *out. 0 / -1. */
int ms_room_price(sqlite3 *db, const char *building_id, int64_t hours, int64_t price_per_hour,
                  ms_pass_price *out);

/*
 * The Razorpay order of reservation_id was paid at now_ms (the booking is confirmed):
 * its invoice, billed to the booker, in the room's building (id invoice_id_or_null; NULL: a
 * new "inv_" + 16 hex, as every live payment has; the seed names its own): one line
 * "<room> (<room id>), <local date and hours> <zone>" of hours x the hourly price, the
 * tax, the total the order took; numbered, issued, due and paid at now_ms (payable on
 * receipt), order_id and reservation_id set; the payer notified ("Payment confirmed",
 * billing) as for a day pass (ms_invoice_paid). Change-logged. 0 / -1.
 */
int ms_room_invoice_paid(ms_app *app, const char *reservation_id, const char *invoice_id_or_null,
                         int64_t now_ms);

#endif
