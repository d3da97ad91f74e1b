/* domain/invoice_notices.h - what an invoice tells the members who pay it: issued, due in 3
 * days, overdue (docs/notifications-protocol.md, billing). */
#ifndef MS_INVOICE_NOTICES_H
#define MS_INVOICE_NOTICES_H

#include <stdint.h>

#include "base/app.h"

/* How long before its due instant an issued invoice is "due soon". */
#define MS_INVOICE_DUE_SOON_MS (3 * 24 * 60 * 60 * 1000LL)

/*
 * Tell everyone who pays invoice_id (its member, or every member of its company) about it:
 * kind "invoice.generated" (sent), "invoice.due_soon" or "invoice.overdue" (each once per
 * member). Billing, link membercore://billing/invoices/<id>, the amount in the invoice's
 * currency and its due instant in its building's local time. 0 / -1.
 */
int ms_invoice_notify(ms_app *app, const char *invoice_id, const char *kind);

/*
 * The upkeep's part: every issued invoice due within the next 3 days, which was issued before
 * that moment came (one issued closer to its due date says its date when issued), gets its
 * "invoice.due_soon", once. 0 / -1.
 */
int ms_invoices_due_soon(ms_app *app, int64_t now_ms);

#endif
