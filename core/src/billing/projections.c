/* billing/projections.c - typed projections of invoices and passes: their list order, indexed. */
#include "billing/projections.h"

const mci_projection mci_billing_projections[] = {
    {"invoice",
     "INSERT OR REPLACE INTO invoice_row (id, issued_at_ms) VALUES (?1, "
     "coalesce(json_extract(?2, '$.issued_at_ms'), 0))",
     "DELETE FROM invoice_row WHERE id = ?1", "DELETE FROM invoice_row"},
    {"pass",
     "INSERT OR REPLACE INTO pass_row (id, date) VALUES (?1, coalesce(json_extract(?2, "
     "'$.date'), ''))",
     "DELETE FROM pass_row WHERE id = ?1", "DELETE FROM pass_row"},
};
const size_t mci_billing_projection_count =
    sizeof mci_billing_projections / sizeof *mci_billing_projections;
