/* billing/projections.c - typed projections of invoices and passes. */
#include "billing/projections.h"

const mci_projection mci_billing_projections[] = {
    {"invoice",
     "INSERT OR REPLACE INTO invoice_row (id, number, status, subtotal_paise, discount_paise, "
     "gst_paise, total_paise, issued_at_ms, due_at_ms, paid_at_ms, lines) VALUES (?1, "
     "coalesce(json_extract(?2, '$.number'), ''), coalesce(json_extract(?2, '$.status'), ''), "
     "coalesce(json_extract(?2, '$.subtotal_paise'), 0), "
     "coalesce(json_extract(?2, '$.discount_paise'), 0), "
     "coalesce(json_extract(?2, '$.gst_paise'), 0), coalesce(json_extract(?2, '$.total_paise'), "
     "0), "
     "coalesce(json_extract(?2, '$.issued_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.due_at_ms'), 0), coalesce(json_extract(?2, '$.paid_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.lines'), '[]'))",
     "DELETE FROM invoice_row WHERE id = ?1", "DELETE FROM invoice_row"},
    {"pass",
     "INSERT OR REPLACE INTO pass_row (id, building_id, date, holder_name, holder_email, status, "
     "invoice_id, credential_id) VALUES (?1, coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.date'), ''), coalesce(json_extract(?2, '$.holder.name'), ''), "
     "coalesce(json_extract(?2, '$.holder.email'), ''), "
     "coalesce(json_extract(?2, '$.status'), ''), coalesce(json_extract(?2, '$.invoice_id'), ''), "
     "coalesce(json_extract(?2, '$.credential_id'), ''))",
     "DELETE FROM pass_row WHERE id = ?1", "DELETE FROM pass_row"},
};
const size_t mci_billing_projection_count =
    sizeof mci_billing_projections / sizeof *mci_billing_projections;
