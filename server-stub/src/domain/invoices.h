/* domain/invoices.h - invoices: who may see and pay one, numbering, payment, falling overdue. */
#ifndef MS_INVOICES_H
#define MS_INVOICES_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/app.h"
#include "rules/razorpay.h"

/* Room for "INV-2027-0001". */
#define MS_INVOICE_NUMBER_MAX 24

/*
 * Is invoice_id user_id's to see and pay: billed to them, or to the company
 * they are a member of? 1 with its status (cap >= 16) into status, 0 when not
 * (or no such invoice), -1 on error.
 */
int ms_invoice_visible(sqlite3 *db, const char *user_id, const char *invoice_id, char *status,
                       size_t cap);

/*
 * The next invoice number, "INV-<year>-<4 digits>" (the year of now_ms in
 * India, Asia/Kolkata; numbers run on within a year), into out. 0 / -1.
 */
int ms_invoice_next_number(sqlite3 *db, int64_t now_ms, char out[MS_INVOICE_NUMBER_MAX]);

/*
 * user_id wants to pay invoice_id (issued or overdue): their order for it
 * still unpaid, or a new one for the total, into order_id; the invoice's
 * order_id names it. 0 / -1.
 */
int ms_invoice_pay_order(ms_app *app, const char *user_id, const char *invoice_id,
                         char order_id[MS_RZP_ID_MAX]);

/*
 * invoice_id (draft, issued or overdue) was paid by payer_id: paid (a number
 * given if it had none; issued and due now if never issued), its passes
 * activated (passes.c), and the payer notified ("Payment confirmed",
 * billing). Change-logged. 0 / -1.
 */
int ms_invoice_paid(ms_app *app, const char *invoice_id, const char *payer_id, int64_t now_ms);

/* Every issued invoice whose due_at_ms is at or before now_ms becomes overdue (logged). 0 / -1. */
int ms_invoices_overdue_due(sqlite3 *db, int64_t now_ms);

#endif
