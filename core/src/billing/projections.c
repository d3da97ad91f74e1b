/* billing/projections.c - typed projections of invoices (with their lines) and passes. */
#include "billing/projections.h"

const mci_projection mci_billing_projections[] = {
    {"invoice",
     "INSERT OR REPLACE INTO invoice_row (id, number, status, subtotal_paise, discount_paise, "
     "gst_paise, total_paise, issued_at_ms, due_at_ms, paid_at_ms, line_count, building_id, "
     "currency, tax_name, tax_rate_bp, voided_at_ms, listed_at_ms) VALUES (?1, "
     "coalesce(json_extract(?2, '$.number'), ''), CASE WHEN json_extract(?2, '$.void_reason') = "
     "'hold_expired' THEN 'expired' ELSE coalesce(json_extract(?2, '$.status'), '') END, "
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
     "coalesce(json_extract(?2, '$.tax.rate_bp'), 1800), "
     "coalesce(json_extract(?2, '$.voided_at_ms'), 0), "
     /* the instant the list shows for it: issued, else voided (an expired checkout), else an
      * open draft's hold end (docs/sync-protocol.md, the store's schema) */
     "coalesce(nullif(json_extract(?2, '$.issued_at_ms'), 0), "
     "nullif(json_extract(?2, '$.voided_at_ms'), 0), "
     "nullif(json_extract(?2, '$.hold_expires_at_ms'), 0), 0))",
     "DELETE FROM invoice_row WHERE id = ?1", "DELETE FROM invoice_row",
     /* the replaced invoice's old lines went with it (ON DELETE CASCADE) */
     "INSERT INTO invoice_line_row (invoice_id, position, description, quantity, unit_paise, "
     "amount_paise) SELECT ?1, key, coalesce(json_extract(value, '$.description'), ''), "
     "coalesce(json_extract(value, '$.quantity'), 0), "
     "coalesce(json_extract(value, '$.unit_paise'), 0), "
     "coalesce(json_extract(value, '$.amount_paise'), 0) FROM json_each(?2, '$.lines')",
     /* and its refunds, oldest first as the wire sends them */
     "INSERT INTO invoice_refund_row (invoice_id, position, id, order_id, amount_paise, "
     "currency, reason, status, created_at_ms) SELECT ?1, key, "
     "coalesce(json_extract(value, '$.id'), ''), coalesce(json_extract(value, '$.order_id'), ''), "
     "coalesce(json_extract(value, '$.amount_paise'), 0), "
     "coalesce(json_extract(value, '$.currency'), 'INR'), "
     "coalesce(json_extract(value, '$.reason'), ''), "
     "coalesce(json_extract(value, '$.status'), ''), "
     "coalesce(json_extract(value, '$.created_at_ms'), 0) FROM json_each(?2, '$.refunds')"},
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
