/* visitors/projections.c - the typed projection of visitors (migration 9's visitor_row, same
 * columns as its backfill). */
#include "visitors/projections.h"

const mci_projection mci_visitors_projections[] = {
    {"visitor",
     "INSERT OR REPLACE INTO visitor_row (id, host_user_id, building_id, name, email, phone, "
     "date, window_from, window_to, source, status, created_at_ms, updated_at_ms, "
     "arrived_at_ms, checked_in_by, approval_due_ms, decided_at_ms, decline_reason, "
     "credential_id) VALUES (?1, coalesce(json_extract(?2, '$.host_user_id'), ''), "
     "coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.name'), ''), coalesce(json_extract(?2, '$.email'), ''), "
     "coalesce(json_extract(?2, '$.phone'), ''), coalesce(json_extract(?2, '$.date'), ''), "
     "coalesce(json_extract(?2, '$.window.from_min'), -1), "
     "coalesce(json_extract(?2, '$.window.to_min'), -1), "
     "coalesce(json_extract(?2, '$.source'), 'invitation'), "
     "coalesce(json_extract(?2, '$.status'), 'invited'), "
     "coalesce(json_extract(?2, '$.created_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.updated_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.arrived_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.checked_in_by'), ''), "
     "coalesce(json_extract(?2, '$.approval_due_ms'), 0), "
     "coalesce(json_extract(?2, '$.decided_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.decline_reason'), ''), "
     "coalesce(json_extract(?2, '$.credential_id'), ''))",
     "DELETE FROM visitor_row WHERE id = ?1", "DELETE FROM visitor_row"},
};
const size_t mci_visitors_projection_count =
    sizeof mci_visitors_projections / sizeof *mci_visitors_projections;
