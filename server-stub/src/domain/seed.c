/* domain/seed.c - the data a new database starts with (DOMAIN.md "Seed data"). */
#include "domain/seed.h"

#include "domain/bookings.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "db/db.h"
#include "domain/users.h"

/*
 * The fixed part (DOMAIN.md) that demos and tests everywhere rely on: the
 * three buildings and their hours, room BLR-1-BOARD, company ACME, the members
 * +919800000001 (Asha Rao, "Cabin 1019"), +919800000002 (Vikram Shah) and
 * +447700900001 (Olivia Hart). The rest is this project's own choice and may
 * grow through later migrations. Seeded users have fixed ids so that fixtures
 * can name them. Money is paise; instants are ms since the epoch, UTC.
 */
static const char seed_sql[] =
    "INSERT INTO buildings (id, name, city, timezone) VALUES"
    " ('BLR-1', 'Indiranagar', 'Bengaluru', 'Asia/Kolkata'),"
    " ('MUM-1', 'Lower Parel', 'Mumbai', 'Asia/Kolkata'),"
    " ('LON-1', 'Shoreditch', 'London', 'Europe/London');"

    /* BLR-1 08:00-22:00 Monday-Saturday, closed Sunday; MUM-1 09:00-21:00
     * every day; LON-1 24 hours every day. */
    "INSERT INTO building_hours (building_id, weekday, open_min, close_min) VALUES"
    " ('BLR-1', 1, 480, 1320), ('BLR-1', 2, 480, 1320), ('BLR-1', 3, 480, 1320),"
    " ('BLR-1', 4, 480, 1320), ('BLR-1', 5, 480, 1320), ('BLR-1', 6, 480, 1320),"
    " ('MUM-1', 1, 540, 1260), ('MUM-1', 2, 540, 1260), ('MUM-1', 3, 540, 1260),"
    " ('MUM-1', 4, 540, 1260), ('MUM-1', 5, 540, 1260), ('MUM-1', 6, 540, 1260),"
    " ('MUM-1', 7, 540, 1260),"
    " ('LON-1', 1, 0, 1440), ('LON-1', 2, 0, 1440), ('LON-1', 3, 0, 1440),"
    " ('LON-1', 4, 0, 1440), ('LON-1', 5, 0, 1440), ('LON-1', 6, 0, 1440),"
    " ('LON-1', 7, 0, 1440);"

    "INSERT INTO rooms (id, building_id, name, capacity, price_per_hour_paise,"
    " credits_per_hour) VALUES"
    " ('BLR-1-BOARD', 'BLR-1', 'Boardroom', 12, 250000, 6),"
    " ('BLR-1-HUDDLE', 'BLR-1', 'Huddle Room', 6, 100000, 3),"
    " ('BLR-1-FOCUS', 'BLR-1', 'Focus Room', 4, 60000, 2),"
    " ('MUM-1-SEAVIEW', 'MUM-1', 'Sea View Room', 10, 220000, 5),"
    " ('MUM-1-STUDIO', 'MUM-1', 'Studio', 8, 150000, 4),"
    " ('MUM-1-POD', 'MUM-1', 'Call Pod', 2, 30000, 1),"
    " ('LON-1-THAMES', 'LON-1', 'Thames Room', 14, 450000, 8),"
    " ('LON-1-SOHO', 'LON-1', 'Soho Room', 6, 200000, 4),"
    " ('LON-1-NOOK', 'LON-1', 'The Nook', 3, 90000, 2);"
    "INSERT INTO room_amenities (room_id, amenity) VALUES"
    " ('BLR-1-BOARD', 'whiteboard'), ('BLR-1-BOARD', 'projector'),"
    " ('BLR-1-BOARD', 'video_conferencing'),"
    " ('BLR-1-HUDDLE', 'tv_screen'), ('BLR-1-HUDDLE', 'coffee_service'),"
    " ('BLR-1-FOCUS', 'whiteboard'),"
    " ('MUM-1-SEAVIEW', 'projector'), ('MUM-1-SEAVIEW', 'video_conferencing'),"
    " ('MUM-1-SEAVIEW', 'coffee_service'),"
    " ('MUM-1-STUDIO', 'whiteboard'), ('MUM-1-STUDIO', 'tv_screen'),"
    " ('MUM-1-POD', 'video_conferencing'),"
    " ('LON-1-THAMES', 'whiteboard'), ('LON-1-THAMES', 'projector'),"
    " ('LON-1-THAMES', 'video_conferencing'), ('LON-1-THAMES', 'coffee_service'),"
    " ('LON-1-SOHO', 'whiteboard'), ('LON-1-SOHO', 'tv_screen'),"
    " ('LON-1-NOOK', 'video_conferencing');"

    "INSERT INTO open_space (building_id, day_pass_price_paise, capacity) VALUES"
    " ('BLR-1', 80000, 60), ('MUM-1', 90000, 40), ('LON-1', 250000, 30);"
    /* 1 pass at full price, 5 at 10% off, 10 at 15% off, in every building. */
    "INSERT INTO pass_bundle_tiers (building_id, passes, discount_percent)"
    " SELECT id, 1, 0 FROM buildings UNION ALL"
    " SELECT id, 5, 10 FROM buildings UNION ALL"
    " SELECT id, 10, 15 FROM buildings;"

    "INSERT INTO companies (id, name, building_id, monthly_credits) VALUES"
    " ('ACME', 'Acme Corp', 'BLR-1', 200),"
    " ('HART', 'Hartwell Studio', 'LON-1', 120);"

    "INSERT INTO users (id, phone, name, email, company, city, profile_complete,"
    " created_at_ms, updated_at_ms) VALUES"
    " ('usr_5eed000000000001', '+919800000001', 'Asha Rao', 'asha.rao@acme.example',"
    "  'Acme Corp', 'Bengaluru', 1, 1735689600000, 1735689600000),"
    " ('usr_5eed000000000002', '+919800000002', 'Vikram Shah', 'vikram.shah@acme.example',"
    "  'Acme Corp', 'Bengaluru', 1, 1735689600000, 1735689600000),"
    " ('usr_5eed000000000003', '+447700900001', 'Olivia Hart', 'olivia.hart@hartwell.example',"
    "  'Hartwell Studio', 'London', 1, 1735689600000, 1735689600000),"
    " ('usr_5eed000000000009', '+919800000009', 'Priya Nair', 'priya.nair@ops.example',"
    "  'Workspace Operations', 'Bengaluru', 1, 1735689600000, 1735689600000);"
    "INSERT INTO user_roles (user_id, role) VALUES"
    " ('usr_5eed000000000001', 'member'), ('usr_5eed000000000002', 'member'),"
    " ('usr_5eed000000000003', 'member'), ('usr_5eed000000000009', 'staff');"
    "INSERT INTO memberships (user_id, company_id, building_id, plan, seat) VALUES"
    " ('usr_5eed000000000001', 'ACME', 'BLR-1', 'private_cabin', 'Cabin 1019'),"
    " ('usr_5eed000000000002', 'ACME', 'BLR-1', 'dedicated_desk', 'Desk D-14'),"
    " ('usr_5eed000000000003', 'HART', 'LON-1', 'private_cabin', 'Suite 204');"

    "INSERT INTO events (id, building_id, title, starts_at_ms, ends_at_ms, capacity) VALUES"
    /* 2027-01-14 18:00-19:00 IST */
    " ('EVT-BLR-NETWORKING', 'BLR-1', 'Networking Hour', 1799929800000, 1799933400000, 40),"
    /* 2027-10-28 17:00-20:00 IST */
    " ('EVT-BLR-DIWALI', 'BLR-1', 'Diwali Meetup', 1824723000000, 1824733800000, 80),"
    /* 2027-01-21 08:30-10:00 IST */
    " ('EVT-MUM-BREAKFAST', 'MUM-1', 'Founders Breakfast', 1800500400000, 1800505800000, 25),"
    /* 2027-01-28 18:00-21:00 GMT */
    " ('EVT-LON-SOCIAL', 'LON-1', 'Winter Social', 1801159200000, 1801170000000, 50);"

    "INSERT INTO ticket_categories (id, parent_id, name, sla_minutes) VALUES"
    " ('cleaning', NULL, 'Cleaning', NULL),"
    " ('cleaning.washroom', 'cleaning', 'Washroom', 60),"
    " ('cleaning.workspace', 'cleaning', 'Desk or cabin', 120),"
    " ('cleaning.pantry', 'cleaning', 'Pantry', 90),"
    " ('it', NULL, 'IT', NULL),"
    " ('it.wifi', 'it', 'Wi-Fi', 30),"
    " ('it.printer', 'it', 'Printer', 240),"
    " ('facilities', NULL, 'Facilities', NULL),"
    " ('facilities.ac', 'facilities', 'Air conditioning', 120),"
    " ('facilities.lighting', 'facilities', 'Lighting', 240),"
    " ('facilities.furniture', 'facilities', 'Furniture', 1440),"
    " ('access', NULL, 'Access', NULL),"
    " ('access.card', 'access', 'Access card', 60);";

int ms_seed(sqlite3 *db, ms_rng *rng)
{
    /* The OTP hashing key is random per database and never leaves it. */
    uint8_t otp_key[MS_KEY_LEN];
    if (ms_rng_bytes(rng, otp_key, sizeof otp_key) != 0)
        return -1;
    int rc = ms_db_run(db, "INSERT INTO secrets (name, value) VALUES ('otp_key', ?)", "b",
                       (const void *)otp_key, sizeof otp_key);
    if (rc == 0)
        rc = ms_db_exec(db, seed_sql);
    return rc;
}

/*
 * Version 2 (sync). Instants are around 2027-01-04T04:30Z (a Monday morning in
 * Bengaluru), where the test suites set the server clock.
 */
static const char seed_v2_sql[] =
    "UPDATE events SET description = 'Meet the other members over chai and snacks.'"
    " WHERE id = 'EVT-BLR-NETWORKING';"
    "UPDATE events SET description = 'Lights, sweets and rangoli on the terrace.'"
    " WHERE id = 'EVT-BLR-DIWALI';"
    "UPDATE events SET description = 'Breakfast with founders from across Mumbai.'"
    " WHERE id = 'EVT-MUM-BREAKFAST';"
    "UPDATE events SET description = 'Mulled wine and music to close January.'"
    " WHERE id = 'EVT-LON-SOCIAL';"
    /* A small event (capacity 2, Priya already going): one seat left, so the
     * second member to say "going" gets event_full. 2027-01-07 18:00-19:30 IST. */
    "INSERT INTO events (id, building_id, title, description, starts_at_ms, ends_at_ms,"
    " capacity) VALUES"
    " ('EVT-BLR-FIRESIDE', 'BLR-1', 'Founders Fireside',"
    "  'An evening with two founders; tiny room, two seats.', 1799325000000, 1799330400000, 2);"

    /* Asha's booking of BLR-1-BOARD for 2 hours took 12 of ACME's 200 credits. */
    "UPDATE companies SET credit_balance = 188 WHERE id = 'ACME';"
    "UPDATE companies SET credit_balance = 120 WHERE id = 'HART';"
    "INSERT INTO reservations (id, user_id, room_id, building_id, start_ms, end_ms, status,"
    " paid_by) VALUES"
    /* 2027-01-05 10:00-12:00 IST */
    " ('res_5eed000000000001', 'usr_5eed000000000001', 'BLR-1-BOARD', 'BLR-1',"
    "  1799123400000, 1799130600000, 'confirmed', 'credits'),"
    /* 2027-01-06 15:00-16:00 IST */
    " ('res_5eed000000000002', 'usr_5eed000000000001', 'BLR-1-FOCUS', 'BLR-1',"
    "  1799227800000, 1799231400000, 'confirmed', 'razorpay');"

    "INSERT INTO rsvps (user_id, event_id, status, updated_at_ms) VALUES"
    " ('usr_5eed000000000001', 'EVT-BLR-NETWORKING', 'going', 1798950600000),"
    " ('usr_5eed000000000003', 'EVT-LON-SOCIAL', 'going', 1798950600000),"
    " ('usr_5eed000000000009', 'EVT-BLR-FIRESIDE', 'going', 1798950600000);"

    "INSERT INTO notifications (id, user_id, category, title, body, created_at_ms, is_read,"
    " deep_link) VALUES"
    " ('ntf_5eed000000000101', 'usr_5eed000000000001', 'bookings',"
    "  'Visitor waiting at reception',"
    "  'Rahul Mehta is waiting for you at the BLR-1 front desk.', 1799036400000, 0, NULL),"
    " ('ntf_5eed000000000102', 'usr_5eed000000000001', 'billing',"
    "  'Invoice INV-2027-0001 generated',"
    "  'Your January invoice of INR 42,480 is due on 10 January.', 1798950600000, 1,"
    "  'membercore://billing/invoices/INV-2027-0001'),"
    " ('ntf_5eed000000000103', 'usr_5eed000000000001', 'support', 'Ticket resolved: Wi-Fi',"
    "  'The Wi-Fi issue in Cabin 1019 was fixed.', 1798864200000, 1, NULL),"
    " ('ntf_5eed000000000104', 'usr_5eed000000000001', 'events',"
    "  'Networking Hour on 14 January', 'You are going. See you at 18:00 in the lounge.',"
    "  1799000000000, 0, 'membercore://events/EVT-BLR-NETWORKING'),"
    " ('ntf_5eed000000000105', 'usr_5eed000000000001', 'announcements',"
    "  'Pantry upgrade this weekend',"
    "  'The BLR-1 pantry is closed on Saturday for the new coffee machine.', 1798990000000, 0,"
    "  NULL),"
    " ('ntf_5eed000000000201', 'usr_5eed000000000002', 'bookings',"
    "  'Visitor waiting at reception',"
    "  'Ananya Das is waiting for you at the BLR-1 front desk.', 1799035800000, 0, NULL),"
    " ('ntf_5eed000000000202', 'usr_5eed000000000002', 'billing', 'Payment confirmed',"
    "  'We received INR 18,880 for invoice INV-2027-0002.', 1798950600000, 1,"
    "  'membercore://billing/invoices/INV-2027-0002'),"
    " ('ntf_5eed000000000203', 'usr_5eed000000000002', 'announcements',"
    "  'Pantry upgrade this weekend',"
    "  'The BLR-1 pantry is closed on Saturday for the new coffee machine.', 1798990000000, 0,"
    "  NULL),"
    " ('ntf_5eed000000000301', 'usr_5eed000000000003', 'bookings',"
    "  'Visitor waiting at reception',"
    "  'Tom Baker is waiting for you at the LON-1 front desk.', 1799036000000, 0, NULL),"
    " ('ntf_5eed000000000302', 'usr_5eed000000000003', 'events', 'Winter Social on 28 January',"
    "  'You are going. Doors open at 18:00.', 1798990000000, 0,"
    "  'membercore://events/EVT-LON-SOCIAL'),"
    " ('ntf_5eed000000000303', 'usr_5eed000000000003', 'support',"
    "  'Ticket assigned: Air conditioning', 'Sam from facilities is on it (due in 2 hours).',"
    "  1798900000000, 1, NULL);";

int ms_seed_v2(sqlite3 *db, ms_rng *rng)
{
    /* The dataset epoch: a random id every cursor names; a new one invalidates them all. */
    char epoch[MS_ID_MAX];
    if (ms_rng_id(rng, "ep_", epoch, sizeof epoch) != 0 ||
        ms_db_run(db, "INSERT INTO sync_state (id, epoch, min_seq) VALUES (1, ?, 0)", "t", epoch) !=
            0)
        return -1;
    return ms_db_exec(db, seed_v2_sql);
}

/*
 * Version 4 (meeting rooms). The seeded reservations get their credits,
 * amount, order and creation time, and become room_busy; the companies get
 * the ledger that explains their balances (a monthly reset on 1 January 2027,
 * building-local, then Asha's boardroom booking) and their credit month; a
 * few blackouts.
 */
static const char seed_v4_sql[] =
    /* Until the first request moves it to the server clock's year (upkeep.c). */
    "UPDATE buildings SET zone_year = CAST(strftime('%Y', 'now') AS INTEGER);"
    /* 2027-01-03 10:00 IST */
    "UPDATE reservations SET credits = 12, created_at_ms = 1798950600000"
    " WHERE id = 'res_5eed000000000001';"
    "UPDATE reservations SET amount_paise = 60000, order_id = 'order_5eed0000000001',"
    " created_at_ms = 1798950600000 WHERE id = 'res_5eed000000000002';"
    "INSERT INTO razorpay_orders (id, reservation_id, user_id, amount_paise, status, payment_id,"
    " created_at_ms, paid_at_ms) VALUES"
    " ('order_5eed0000000001', 'res_5eed000000000002', 'usr_5eed000000000001', 60000, 'paid',"
    "  'pay_5eed000000000001', 1798950600000, 1798950660000);"

    "UPDATE companies SET credit_month = '2027-01';"
    "INSERT INTO credit_ledger (seq, id, company_id, delta, balance_after, reason,"
    " reservation_id, at_ms) VALUES"
    /* 2027-01-01 00:00 in Bengaluru and in London */
    " (1, 'led_000000000001', 'ACME', 200, 200, 'monthly_reset', NULL, 1798741800000),"
    " (2, 'led_000000000002', 'HART', 120, 120, 'monthly_reset', NULL, 1798761600000),"
    " (3, 'led_000000000003', 'ACME', -12, 188, 'booking', 'res_5eed000000000001',"
    "  1798950600000);"

    "INSERT INTO building_blackouts (id, building_id, start_ms, end_ms, reason) VALUES"
    /* 2027-01-26, the whole day in Bengaluru */
    " ('bbo_5eed000000000001', 'BLR-1', 1800901800000, 1800988200000, 'Republic Day');"
    "INSERT INTO room_blackouts (id, room_id, start_ms, end_ms, reason) VALUES"
    /* 2027-01-08 08:00-14:00 IST */
    " ('rbo_5eed000000000001', 'BLR-1-HUDDLE', 1799375400000, 1799397000000, 'AV upgrade'),"
    /* 2027-01-09 06:00-12:00 GMT */
    " ('rbo_5eed000000000002', 'LON-1-THAMES', 1799474400000, 1799496000000, 'Deep clean');";

int ms_seed_v4(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v4_sql) != 0)
        return -1;
    /* Every confirmed reservation holds its room's blocks. */
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, room_id, start_ms, end_ms FROM reservations"
                                     " WHERE status = 'confirmed' ORDER BY id",
                                     "");
    if (!stmt)
        return -1;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1) {
        char id[MS_ID_MAX], room[MS_ID_MAX];
        ms_db_text(stmt, 0, id, sizeof id);
        ms_db_text(stmt, 1, room, sizeof room);
        if (ms_room_busy_add(db, rng, room, id, sqlite3_column_int64(stmt, 2),
                             sqlite3_column_int64(stmt, 3), NULL) != 0) {
            rc = -1;
            break;
        }
    }
    sqlite3_finalize(stmt);
    if (rc != 0)
        return -1;
    /* Building, room, reservation and company objects changed shape and two kinds are
     * new: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 5 (day passes, invoices, access codes). The members' plans get
 * their contract dates; ACME gets a billing history (so members see one): an
 * overdue parking invoice, December's membership paid, January's issued
 * (due 10 January, the one Asha's seeded notification announces) and extra
 * meeting-room hours paid (Vikram's "Payment confirmed"); the numbering goes
 * on from there. The two billing notifications now link to their invoices.
 */
static const char seed_v5_sql[] =
    "UPDATE memberships SET contract_start = '2026-04-01', contract_end = '2027-03-31'"
    " WHERE user_id = 'usr_5eed000000000001';"
    "UPDATE memberships SET contract_start = '2026-07-01', contract_end = '2027-06-30'"
    " WHERE user_id = 'usr_5eed000000000002';"
    "UPDATE memberships SET contract_start = '2026-10-01', contract_end = '2027-09-30'"
    " WHERE user_id = 'usr_5eed000000000003';"

    "INSERT INTO invoices (id, number, company_id, status, subtotal_paise, discount_paise,"
    " gst_paise, total_paise, created_at_ms, issued_at_ms, due_at_ms, paid_at_ms) VALUES"
    /* issued 2026-12-01 10:00 IST, due by the end of 15 December, never paid */
    " ('inv_5eed000000000001', 'INV-2026-0011', 'ACME', 'overdue', 500000, 0, 90000, 590000,"
    "  1796099400000, 1796099400000, 1797359400000, NULL),"
    /* issued 2026-12-01 10:00 IST, due by the end of 10 December, paid 8 December 12:00 */
    " ('inv_5eed000000000002', 'INV-2026-0012', 'ACME', 'paid', 3600000, 0, 648000, 4248000,"
    "  1796099400000, 1796099400000, 1796927400000, 1796711400000),"
    /* issued 2027-01-03 10:00 IST, due by the end of 10 January */
    " ('inv_5eed000000000003', 'INV-2027-0001', 'ACME', 'issued', 3600000, 0, 648000, 4248000,"
    "  1798950600000, 1798950600000, 1799605800000, NULL),"
    /* issued 2027-01-02 10:00 IST, due by the end of 11 January, paid 3 January 10:00 */
    " ('inv_5eed000000000004', 'INV-2027-0002', 'ACME', 'paid', 1600000, 0, 288000, 1888000,"
    "  1798864200000, 1798864200000, 1799692200000, 1798950600000);"
    "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_paise,"
    " amount_paise) VALUES"
    " ('inv_5eed000000000001', 0, 'Reserved parking, November 2026', 2, 250000, 500000),"
    " ('inv_5eed000000000002', 0, 'Private cabin, Cabin 1019, December 2026', 1, 2400000,"
    "  2400000),"
    " ('inv_5eed000000000002', 1, 'Dedicated desk, Desk D-14, December 2026', 1, 1200000,"
    "  1200000),"
    " ('inv_5eed000000000003', 0, 'Private cabin, Cabin 1019, January 2027', 1, 2400000,"
    "  2400000),"
    " ('inv_5eed000000000003', 1, 'Dedicated desk, Desk D-14, January 2027', 1, 1200000,"
    "  1200000),"
    " ('inv_5eed000000000004', 0, 'Meeting-room hours beyond credits, December 2026', 8,"
    "  200000, 1600000);"
    "INSERT INTO invoice_numbers (year, last) VALUES (2026, 12), (2027, 2);"

    "UPDATE notifications SET deep_link = 'membercore://billing/invoices/inv_5eed000000000003'"
    " WHERE id = 'ntf_5eed000000000102';"
    "UPDATE notifications SET deep_link = 'membercore://billing/invoices/inv_5eed000000000004'"
    " WHERE id = 'ntf_5eed000000000202';";

int ms_seed_v5(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v5_sql) != 0 || ms_credentials_migrate_v5(db) != 0)
        return -1;
    /* Buildings changed shape and four kinds are new: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 7 (money). London is priced in pounds with VAT 20%: its rooms and day pass get
 * London prices in pence (a day pass 25.00, the rooms 20.00 to 90.00 an hour); India keeps
 * rupees and GST 18%. The seeded notifications name their member's building.
 */
static const char seed_v7_sql[] =
    "UPDATE buildings SET currency = 'GBP', tax_name = 'VAT', tax_rate_bp = 2000"
    " WHERE id = 'LON-1';"
    "UPDATE rooms SET price_per_hour_paise = CASE id WHEN 'LON-1-THAMES' THEN 9000"
    " WHEN 'LON-1-SOHO' THEN 4500 WHEN 'LON-1-NOOK' THEN 2000 END"
    " WHERE building_id = 'LON-1';"
    "UPDATE open_space SET day_pass_price_paise = 2500 WHERE building_id = 'LON-1';"
    "UPDATE notifications SET building_id = (SELECT m.building_id FROM memberships m"
    " WHERE m.user_id = notifications.user_id);";

int ms_seed_v7(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v7_sql) != 0)
        return -1;
    /* Buildings, rooms and invoices changed shape: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

int ms_seed_step(sqlite3 *db, ms_rng *rng, int version)
{
    switch (version) {
    case 1:
        return ms_seed(db, rng);
    case 2:
        return ms_seed_v2(db, rng);
    case 4:
        return ms_seed_v4(db, rng);
    case 5:
        return ms_seed_v5(db, rng);
    case 7:
        return ms_seed_v7(db, rng);
    default:
        return 0;
    }
}
