/* billing/billing.h - what the billing files share: the online order calls. */
#ifndef MCI_BILLING_BILLING_H
#define MCI_BILLING_BILLING_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "handle/handle.h"
#include "membercore/billing.h"
#include "read/page.h"
#include "read/read.h"

/*
 * POST body to path with the session; the answer's {"invoice": {"id"}, "order":
 * {...}} becomes *out. Then a sync round brings the held passes and the draft
 * invoice into the local store (its failure changes nothing).
 */
mc_status mci_billing_post_order(mc_client *client, const char *path, const cJSON *body,
                                 mc_order **out, mc_error *err);

/* The reads behind mc_passes_page, the invoices and mc_membership_get, on a reader the
 * caller holds (one read transaction for several screens' parts: Today). */

/* A page of the member's passes by date then id into list; page's text cursor may start at
 * a date ("YYYY-MM-DD" as key_text, "" as id: that date on). */
mc_status mci_passes_read(mci_reader *r, const mci_page *page, mc_pass_list *list, mc_error *err);

/* Every invoice to pay (issued or overdue), newest first as the list shows them, with their
 * lines and refunds and local times, into list. */
mc_status mci_invoices_due_read(mci_reader *r, mc_invoice_list *list, mc_error *err);

/* The member's membership into *out (one struct; status MC_MEMBERSHIP_NONE and empty
 * strings for an on-demand user). Free with mc_membership_free. */
mc_status mci_membership_read(mci_reader *r, mc_membership **out, mc_error *err);

#endif
