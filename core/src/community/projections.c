/* community/projections.c - typed projections of notifications, events, the member's RSVPs and
 * announcements. */
#include "community/projections.h"

const mci_projection mci_community_projections[] = {
    {"notification",
     "INSERT INTO notification_row (id, category, title, body, deep_link, created_at_ms, read, "
     "building_id, kind, urgent) VALUES (?1, coalesce(json_extract(?2, '$.category'), ''), "
     "coalesce(json_extract(?2, '$.title'), ''), coalesce(json_extract(?2, '$.body'), ''), "
     "coalesce(json_extract(?2, '$.deep_link'), ''), "
     "coalesce(json_extract(?2, '$.created_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.read'), 0) != 0, "
     "coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.kind'), ''), coalesce(json_extract(?2, '$.urgent'), 0) != 0) "
     "ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title, "
     "body = excluded.body, deep_link = excluded.deep_link, "
     "created_at_ms = excluded.created_at_ms, read = excluded.read, "
     "building_id = excluded.building_id, kind = excluded.kind, urgent = excluded.urgent",
     "DELETE FROM notification_row WHERE id = ?1", "DELETE FROM notification_row"},
    {"event",
     "INSERT INTO event_row (id, building_id, title, description, starts_at_ms, ends_at_ms, "
     "capacity, going_count, waitlist_count) VALUES (?1, coalesce(json_extract(?2, "
     "'$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.title'), ''), "
     "coalesce(json_extract(?2, '$.description'), ''), "
     "coalesce(json_extract(?2, '$.starts_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.ends_at_ms'), 0), coalesce(json_extract(?2, '$.capacity'), 0), "
     "coalesce(json_extract(?2, '$.going_count'), 0), "
     "coalesce(json_extract(?2, '$.waitlist_count'), 0)) "
     "ON CONFLICT (id) DO UPDATE SET building_id = excluded.building_id, title = excluded.title, "
     "description = excluded.description, starts_at_ms = excluded.starts_at_ms, "
     "ends_at_ms = excluded.ends_at_ms, capacity = excluded.capacity, "
     "going_count = excluded.going_count, waitlist_count = excluded.waitlist_count",
     "DELETE FROM event_row WHERE id = ?1", "DELETE FROM event_row"},
    {"rsvp",
     "INSERT OR REPLACE INTO rsvp_row (event_id, status, waitlist_position) VALUES (?1, "
     "coalesce(json_extract(?2, '$.status'), ''), "
     "coalesce(json_extract(?2, '$.waitlist_position'), 0))",
     "DELETE FROM rsvp_row WHERE event_id = ?1", "DELETE FROM rsvp_row"},
    {"announcement",
     "INSERT INTO announcement_row (id, building_id, title, body, pinned, published_at_ms, "
     "expires_at_ms, read) VALUES (?1, coalesce(json_extract(?2, '$.building_id'), ''), "
     "coalesce(json_extract(?2, '$.title'), ''), coalesce(json_extract(?2, '$.body'), ''), "
     "coalesce(json_extract(?2, '$.pinned'), 0) != 0, "
     "coalesce(json_extract(?2, '$.published_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.expires_at_ms'), 0), "
     "coalesce(json_extract(?2, '$.read'), 0) != 0) "
     "ON CONFLICT (id) DO UPDATE SET building_id = excluded.building_id, title = excluded.title, "
     "body = excluded.body, pinned = excluded.pinned, published_at_ms = excluded.published_at_ms, "
     "expires_at_ms = excluded.expires_at_ms, read = excluded.read",
     "DELETE FROM announcement_row WHERE id = ?1", "DELETE FROM announcement_row"},
};
const size_t mci_community_projection_count =
    sizeof mci_community_projections / sizeof *mci_community_projections;
