/* booking/projections.c - typed projections of rooms, busy slots, bookings and credit lines. */
#include "booking/projections.h"

const mci_projection mci_booking_projections[] = {
    {"room_busy",
     "INSERT INTO busy_slot (id, room_id, start_ms, end_ms) VALUES (?1, "
     "json_extract(?2, '$.room_id'), json_extract(?2, '$.start_ms'), json_extract(?2, "
     "'$.end_ms')) ON CONFLICT (id) DO UPDATE SET room_id = excluded.room_id, start_ms = "
     "excluded.start_ms, end_ms = excluded.end_ms",
     "DELETE FROM busy_slot WHERE id = ?1", "DELETE FROM busy_slot"},
    {"room",
     "INSERT OR REPLACE INTO room_index VALUES (?1, coalesce(json_extract(?2, "
     "'$.building_id'), "
     "''), coalesce(json_extract(?2, '$.name'), ''), coalesce(json_extract(?2, '$.capacity'), "
     "0), "
     "coalesce((SELECT group_concat(value, char(31)) FROM json_each(?2, '$.amenities')), ''), "
     "coalesce(json_extract(?2, '$.price_per_hour_paise'), 0), coalesce(json_extract(?2, "
     "'$.credits_per_hour'), 0), nullif(json_extract(?2, '$.blackouts'), '[]'))",
     "DELETE FROM room_index WHERE id = ?1", "DELETE FROM room_index"},
    {"reservation",
     "INSERT OR REPLACE INTO booking_row (id, start_ms, end_ms) VALUES (?1, "
     "coalesce(json_extract(?2, '$.start_ms'), 0), coalesce(json_extract(?2, '$.end_ms'), 0))",
     "DELETE FROM booking_row WHERE id = ?1", "DELETE FROM booking_row"},
    {"credit_ledger",
     "INSERT OR REPLACE INTO credit_line_row (id, company_id, delta, balance_after, reason, "
     "reservation_id, at_ms) VALUES (?1, coalesce(json_extract(?2, '$.company_id'), ''), "
     "coalesce(json_extract(?2, '$.delta'), 0), coalesce(json_extract(?2, '$.balance_after'), 0), "
     "coalesce(json_extract(?2, '$.reason'), ''), "
     "coalesce(json_extract(?2, '$.reservation_id'), ''), coalesce(json_extract(?2, '$.at_ms'), "
     "0))",
     "DELETE FROM credit_line_row WHERE id = ?1", "DELETE FROM credit_line_row"},
};
const size_t mci_booking_projection_count =
    sizeof mci_booking_projections / sizeof *mci_booking_projections;
