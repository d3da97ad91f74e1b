/* access/projections.c - the typed projection of credentials (the secret stays in `entity`). */
#include "access/projections.h"

const mci_projection mci_access_projections[] = {
    {"credential",
     "INSERT OR REPLACE INTO credential_row (id, kind, building_id, valid_from_ms, "
     "valid_until_ms, pass_id, reservation_id, desk_booking_id) VALUES (?1, "
     "coalesce(json_extract(?2, '$.kind'), ''), coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.valid_from_ms'), 0), "
     "coalesce(json_extract(?2, '$.valid_until_ms'), 0), "
     "coalesce(json_extract(?2, '$.pass_id'), ''), "
     "coalesce(json_extract(?2, '$.reservation_id'), ''), "
     "coalesce(json_extract(?2, '$.desk_booking_id'), ''))",
     "DELETE FROM credential_row WHERE id = ?1", "DELETE FROM credential_row"},
};
const size_t mci_access_projection_count =
    sizeof mci_access_projections / sizeof *mci_access_projections;
