/* domain/invoices.h - invoices: who may see and pay one, numbering, payment, falling overdue. */
#ifndef MS_INVOICES_H
#define MS_INVOICES_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "base/ids.h"
#include "domain/payments.h"
#include "rules/razorpay.h"

/* Room for "INV-2027-0001". */
#define MS_INVOICE_NUMBER_MAX 24

/*
 * The invoice user_id may see and pay (billed to them, or to the company they
 * are a member of) named by id_or_number: its id ("inv_...") or its number
 * ("INV-2026-0011"). 1 with its id into invoice_id and its status (cap >= 16)
 * into status; 0 when there is none (or not theirs); -1 on error.
 */
int ms_invoice_find(sqlite3 *db, const char *user_id, const char *id_or_number,
                    char invoice_id[MS_ID_MAX], char *status, size_t cap);

/*
 * Give invoice_id, issued at issued_ms, the next number of its series, into out:
 * "INV-<year>-<4 digits>", the year of issued_ms in the zone of the invoice's
 * building (its own, or its company's); numbers run on from 0001 within a
 * series, so sorted by issue instant they are sequential without gaps as long as
 * invoices are issued in time order (the server clock, docs/passes-protocol.md
 * "Numbering"). Only writes the series' counter. 0 / -1.
 */
int ms_invoice_next_number(sqlite3 *db, const char *invoice_id, int64_t issued_ms,
                           char out[MS_INVOICE_NUMBER_MAX]);

/*
 * Number every issued, overdue or paid invoice that has no number yet, in the
 * order of their issue instants (then ids): the seed's invoices. 0 / -1.
 */
int ms_invoices_number_unnumbered(sqlite3 *db);

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
 * activated (passes.c), and the payer notified ("Payment confirmed", kind
 * payment.confirmed, billing). Change-logged. 0 / -1.
 */
int ms_invoice_paid(ms_app *app, const char *invoice_id, const char *payer_id, int64_t now_ms);

/*
 * order, paid now, paid for its invoice, which someone had paid already (a stale
 * order): the money goes back. A refund of the order's amount to its payer
 * ("ref_" + 16 hex, reason already_paid, status pending) is recorded on the invoice
 * (change-logged) and the payer notified ("Payment to be refunded", billing). The
 * refund's id into refund_id. 0 / -1.
 */
int ms_invoice_refund(ms_app *app, const ms_order *order, int64_t now_ms,
                      char refund_id[MS_ID_MAX]);

/*
 * The refund of order_id, if it has one: {id, invoice_id, order_id, amount_paise,
 * currency, reason, status, created_at_ms} into *out (caller deletes): 1; 0 when it
 * has none (*out NULL); -1 on error.
 */
int ms_refund_of_order(sqlite3 *db, const char *order_id, cJSON **out);

/*
 * Every issued invoice whose due_at_ms is at or before now_ms becomes overdue (logged), and
 * its payers are told ("invoice.overdue", invoice_notices.h). 0 / -1.
 */
int ms_invoices_overdue_due(ms_app *app, int64_t now_ms);

/* An invoice the operator issues (POST /v1/test/invoices): to user_id or company_id (the
 * other NULL), one line of amount_paise (before tax) described so, due in due_in_days. */
typedef struct ms_invoice_order {
    const char *user_id;
    const char *company_id;
    int64_t amount_paise;
    const char *description;
    int64_t due_in_days;
} ms_invoice_order;

/*
 * Issue in now: an invoice ("inv_" + 16 hex, into id) in the payer's building's money (the
 * member's membership's building, or the company's; rupees and GST without one) with its tax
 * added, numbered, issued, due in->due_in_days days from now; change-logged; and everyone who
 * pays it told ("invoice.generated"). 0; 1 when there is no such user or company; -1.
 */
int ms_invoice_issue(ms_app *app, const ms_invoice_order *in, char id[MS_ID_MAX]);

#endif
