/* tickets/projections.c - typed projections of ticket categories and tickets (migration 8's
 * ticket_category_row and ticket_row, same columns as its backfill). */
#include "tickets/projections.h"

const mci_projection mci_tickets_projections[] = {
    {"ticket_category",
     "INSERT OR REPLACE INTO ticket_category_row (id, parent_id, name, position, team, "
     "response_min, resolution_min) VALUES (?1, coalesce(json_extract(?2, '$.parent_id'), ''), "
     "coalesce(json_extract(?2, '$.name'), ''), coalesce(json_extract(?2, '$.position'), 0), "
     "coalesce(json_extract(?2, '$.team'), ''), "
     "coalesce(json_extract(?2, '$.sla.response_min'), 0), "
     "coalesce(json_extract(?2, '$.sla.resolution_min'), 0))",
     "DELETE FROM ticket_category_row WHERE id = ?1", "DELETE FROM ticket_category_row"},
    {"ticket",
     "INSERT OR REPLACE INTO ticket_row (id, number, building_id, category_id, priority, "
     "description, location_kind, location_id, location_name, status, list_rank, "
     "assignee_name, created_at_ms, updated_at_ms, resolved_at_ms, closed_at_ms, "
     "reopen_until_ms, response_due_ms, resolution_due_ms, at_risk_from_ms, responded_at_ms, "
     "sla_outcome, photo_count, photos_uploaded) VALUES (?1, "
     "coalesce(json_extract(?2, '$.number'), ''), "
     "coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.category_id'), ''), "
     "coalesce(json_extract(?2, '$.priority'), 'normal'), "
     "coalesce(json_extract(?2, '$.description'), ''), "
     "coalesce(json_extract(?2, '$.location.kind'), ''), "
     "coalesce(json_extract(?2, '$.location.id'), ''), "
     "coalesce(json_extract(?2, '$.location.name'), ''), "
     "coalesce(json_extract(?2, '$.status'), 'open'), "
     "CASE json_extract(?2, '$.status') WHEN 'resolved' THEN 1 WHEN 'closed' THEN 2 ELSE 0 END, "
     "coalesce(json_extract(?2, '$.assignee_name'), ''), "
     "coalesce(json_extract(?2, '$.created_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.updated_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.resolved_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.closed_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.reopen_until_ms'), 0), "
     "coalesce(json_extract(?2, '$.sla.response_due_ms'), 0), "
     "coalesce(json_extract(?2, '$.sla.resolution_due_ms'), 0), "
     "coalesce(json_extract(?2, '$.sla.at_risk_from_ms'), 0), "
     "coalesce(json_extract(?2, '$.sla.responded_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.sla.outcome'), ''), "
     "coalesce(json_array_length(?2, '$.photos'), 0), "
     "(SELECT count(*) FROM json_each(?2, '$.photos') p "
     "WHERE json_extract(p.value, '$.uploaded') = 1))",
     "DELETE FROM ticket_row WHERE id = ?1", "DELETE FROM ticket_row"},
};
const size_t mci_tickets_projection_count =
    sizeof mci_tickets_projections / sizeof *mci_tickets_projections;
