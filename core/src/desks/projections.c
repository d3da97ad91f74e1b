/* desks/projections.c - typed projections of desks, desk days held and desk bookings (the
 * same columns migration 10 backfills). */
#include "desks/projections.h"

const mci_projection mci_desks_projections[] = {
    {"desk",
     "INSERT OR REPLACE INTO desk_row (id, building_id, name, area, features, kind, mine) "
     "VALUES (?1, coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.name'), ''), coalesce(json_extract(?2, '$.area'), ''), "
     "coalesce((SELECT group_concat(value, char(31)) FROM json_each(?2, '$.features')), ''), "
     "coalesce(json_extract(?2, '$.kind'), 'hot'), coalesce(json_extract(?2, '$.mine'), 0) != 0)",
     "DELETE FROM desk_row WHERE id = ?1", "DELETE FROM desk_row"},
    {"desk_busy",
     "INSERT OR REPLACE INTO desk_busy_row (id, desk_id, building_id, date) VALUES (?1, "
     "coalesce(json_extract(?2, '$.desk_id'), ''), coalesce(json_extract(?2, '$.building_id'), "
     "''), coalesce(json_extract(?2, '$.date'), ''))",
     "DELETE FROM desk_busy_row WHERE id = ?1", "DELETE FROM desk_busy_row"},
    {"desk_booking",
     "INSERT OR REPLACE INTO desk_booking_row (id, desk_id, building_id, date, status, paid_by, "
     "credits, desk_days, amount_paise, currency, order_id, key_id, hold_expires_at_ms, "
     "credential_id, checked_in_at_ms, released_at_ms, cancel_reason, created_at_ms) VALUES (?1, "
     "coalesce(json_extract(?2, '$.desk_id'), ''), coalesce(json_extract(?2, '$.building_id'), "
     "''), coalesce(json_extract(?2, '$.date'), ''), "
     "coalesce(json_extract(?2, '$.status'), 'confirmed'), "
     "coalesce(json_extract(?2, '$.paid_by'), 'plan'), coalesce(json_extract(?2, '$.credits'), 0), "
     "coalesce(json_extract(?2, '$.desk_days'), 0), "
     "coalesce(json_extract(?2, '$.amount_paise'), 0), "
     "coalesce(json_extract(?2, '$.currency'), 'INR'), "
     "coalesce(json_extract(?2, '$.order_id'), ''), coalesce(json_extract(?2, '$.key_id'), ''), "
     "coalesce(json_extract(?2, '$.hold_expires_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.credential_id'), ''), "
     "coalesce(json_extract(?2, '$.checked_in_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.released_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.cancel_reason'), ''), "
     "coalesce(json_extract(?2, '$.created_at_ms'), 0))",
     "DELETE FROM desk_booking_row WHERE id = ?1", "DELETE FROM desk_booking_row"},
};
const size_t mci_desks_projection_count =
    sizeof mci_desks_projections / sizeof *mci_desks_projections;
