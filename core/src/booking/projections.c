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
     "INSERT OR REPLACE INTO room_index (id, building_id, name, capacity, amenities, "
     "price_per_hour_paise, credits_per_hour, blackouts, currency) VALUES (?1, "
     "coalesce(json_extract(?2, "
     "'$.building_id'), "
     "''), coalesce(json_extract(?2, '$.name'), ''), coalesce(json_extract(?2, '$.capacity'), "
     "0), "
     "coalesce((SELECT group_concat(value, char(31)) FROM json_each(?2, '$.amenities')), ''), "
     "coalesce(json_extract(?2, '$.price_per_hour_paise'), 0), coalesce(json_extract(?2, "
     "'$.credits_per_hour'), 0), nullif(json_extract(?2, '$.blackouts'), '[]'), "
     "coalesce(json_extract(?2, '$.currency'), 'INR'))",
     "DELETE FROM room_index WHERE id = ?1", "DELETE FROM room_index"},
    {"reservation",
     "INSERT OR REPLACE INTO booking_row (id, room_id, building_id, start_ms, end_ms, status, "
     "paid_by, credits, amount_paise, order_id, key_id, guest_count, currency, paid_at_ms) "
     "VALUES (?1, "
     "coalesce(json_extract(?2, '$.room_id'), ''), coalesce(json_extract(?2, '$.building_id'), "
     "''), "
     "coalesce(json_extract(?2, '$.start_ms'), 0), coalesce(json_extract(?2, '$.end_ms'), "
     "coalesce(json_extract(?2, '$.start_ms'), 0) + 3600000 * coalesce(json_extract(?2, "
     "'$.hours'), 1)), CASE WHEN json_extract(?2, '$.cancel_reason') = 'hold_expired' THEN "
     "'expired' ELSE coalesce(json_extract(?2, '$.status'), 'pending') END, "
     "coalesce(json_extract(?2, '$.paid_by'), json_extract(?2, '$.pay'), 'credits'), "
     "coalesce(json_extract(?2, '$.credits'), 0), coalesce(json_extract(?2, '$.amount_paise'), 0), "
     "coalesce(json_extract(?2, '$.order_id'), ''), coalesce(json_extract(?2, '$.key_id'), ''), "
     "coalesce(json_array_length(?2, '$.guests'), 0), "
     "coalesce(json_extract(?2, '$.currency'), 'INR'), "
     "coalesce(json_extract(?2, '$.paid_at_ms'), 0))",
     "DELETE FROM booking_row WHERE id = ?1", "DELETE FROM booking_row",
     /* the replaced booking's old guests went with it (ON DELETE CASCADE) */
     "INSERT INTO booking_guest_row (booking_id, position, name, email, credential_id) "
     "SELECT ?1, key, coalesce(json_extract(value, '$.name'), ''), "
     "coalesce(json_extract(value, '$.email'), ''), "
     "coalesce(json_extract(value, '$.credential_id'), '') FROM json_each(?2, '$.guests')"},
    {"credit_ledger",
     "INSERT OR REPLACE INTO credit_line_row (id, company_id, delta, balance_after, reason, "
     "reservation_id, at_ms, building_id) VALUES (?1, "
     "coalesce(json_extract(?2, '$.company_id'), ''), "
     "coalesce(json_extract(?2, '$.delta'), 0), coalesce(json_extract(?2, '$.balance_after'), 0), "
     "coalesce(json_extract(?2, '$.reason'), ''), "
     "coalesce(json_extract(?2, '$.reservation_id'), ''), coalesce(json_extract(?2, '$.at_ms'), "
     "0), coalesce(json_extract(?2, '$.building_id'), ''))",
     "DELETE FROM credit_line_row WHERE id = ?1", "DELETE FROM credit_line_row"},
};
const size_t mci_booking_projection_count =
    sizeof mci_booking_projections / sizeof *mci_booking_projections;
