/* billing/projections.c - typed projections of invoices (with their lines) and passes. */
#include "billing/projections.h"

const mci_projection mci_billing_projections[] = {
    {"invoice",
     "INSERT OR REPLACE INTO invoice_row (id, number, status, subtotal_paise, discount_paise, "
     "gst_paise, total_paise, issued_at_ms, due_at_ms, paid_at_ms, line_count, building_id, "
     "currency, tax_name, tax_rate_bp) VALUES (?1, "
     "coalesce(json_extract(?2, '$.number'), ''), coalesce(json_extract(?2, '$.status'), ''), "
     "coalesce(json_extract(?2, '$.subtotal_paise'), 0), "
     "coalesce(json_extract(?2, '$.discount_paise'), 0), "
     "coalesce(json_extract(?2, '$.gst_paise'), 0), coalesce(json_extract(?2, '$.total_paise'), "
     "0), "
     "coalesce(json_extract(?2, '$.issued_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.due_at_ms'), 0), coalesce(json_extract(?2, '$.paid_at_ms'), 0), "
     "coalesce(json_array_length(?2, '$.lines'), 0), "
     "coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.currency'), 'INR'), "
     "coalesce(json_extract(?2, '$.tax.name'), 'GST'), "
     "coalesce(json_extract(?2, '$.tax.rate_bp'), 1800))",
     "DELETE FROM invoice_row WHERE id = ?1", "DELETE FROM invoice_row",
     /* the replaced invoice's old lines went with it (ON DELETE CASCADE) */
     "INSERT INTO invoice_line_row (invoice_id, position, description, quantity, unit_paise, "
     "amount_paise) SELECT ?1, key, coalesce(json_extract(value, '$.description'), ''), "
     "coalesce(json_extract(value, '$.quantity'), 0), "
     "coalesce(json_extract(value, '$.unit_paise'), 0), "
     "coalesce(json_extract(value, '$.amount_paise'), 0) FROM json_each(?2, '$.lines')"},
    {"pass",
     "INSERT OR REPLACE INTO pass_row (id, building_id, date, holder_name, holder_email, status, "
     "invoice_id, credential_id) VALUES (?1, coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.date'), ''), coalesce(json_extract(?2, '$.holder.name'), ''), "
     "coalesce(json_extract(?2, '$.holder.email'), ''), "
     "coalesce(json_extract(?2, '$.status'), ''), coalesce(json_extract(?2, '$.invoice_id'), ''), "
     "coalesce(json_extract(?2, '$.credential_id'), ''))",
     "DELETE FROM pass_row WHERE id = ?1", "DELETE FROM pass_row", NULL},
};
const size_t mci_billing_projection_count =
    sizeof mci_billing_projections / sizeof *mci_billing_projections;
