/* domain/seed.c - the data a new database starts with (DOMAIN.md "Seed data"). */
#include "domain/seed.h"

#include <stdio.h>

#include "domain/bookings.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/invoices.h"
#include "domain/room_invoices.h"
#include "db/db.h"
#include "domain/users.h"
#include "rules/seed_dates.h"
#include "rules/zone.h"

/*
 * The fixed part (DOMAIN.md) that demos and tests everywhere rely on: the
 * three buildings and their hours, room BLR-1-BOARD, company ACME, the members
 * +919800000001 (Asha Rao, "Cabin 1019"), +919800000002 (Vikram Shah) and
 * +447700900001 (Olivia Hart). The rest is this project's own choice and may
 * grow through later migrations. Seeded users have fixed ids so that fixtures
 * can name them. Money is paise; instants are ms since the epoch, UTC, dated
 * from the server clock at seeding (rules/seed_dates.h).
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
    " ('HART', 'Hartwell Studio', 'LON-1', 120);";

/* After the seeded users (seed_users below): their roles and memberships; the ticket
 * categories. */
static const char seed_people_sql[] =
    "INSERT INTO user_roles (user_id, role) VALUES"
    " ('usr_5eed000000000001', 'member'), ('usr_5eed000000000002', 'member'),"
    " ('usr_5eed000000000003', 'member'), ('usr_5eed000000000009', 'staff');"
    "INSERT INTO memberships (user_id, company_id, building_id, plan, seat) VALUES"
    " ('usr_5eed000000000001', 'ACME', 'BLR-1', 'private_cabin', 'Cabin 1019'),"
    " ('usr_5eed000000000002', 'ACME', 'BLR-1', 'dedicated_desk', 'Desk D-14'),"
    " ('usr_5eed000000000003', 'HART', 'LON-1', 'private_cabin', 'Suite 204');"

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

/* A seeded person: id, phone, name, email, company, city. */
static const char *const seed_users[][6] = {
    {"usr_5eed000000000001", "+919800000001", "Asha Rao", "asha.rao@acme.example", "Acme Corp",
     "Bengaluru"},
    {"usr_5eed000000000002", "+919800000002", "Vikram Shah", "vikram.shah@acme.example",
     "Acme Corp", "Bengaluru"},
    {"usr_5eed000000000003", "+447700900001", "Olivia Hart", "olivia.hart@hartwell.example",
     "Hartwell Studio", "London"},
    {"usr_5eed000000000009", "+919800000009", "Priya Nair", "priya.nair@ops.example",
     "Workspace Operations", "Bengaluru"},
};

static int add_event(sqlite3 *db, const char *id, const char *building, const char *title,
                     ms_seed_span when, int64_t capacity)
{
    return ms_db_run(db,
                     "INSERT INTO events (id, building_id, title, starts_at_ms, ends_at_ms,"
                     " capacity) VALUES (?, ?, ?, ?, ?, ?)",
                     "tttiii", id, building, title, when.start_ms, when.end_ms, capacity);
}

int ms_seed(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    /* The OTP hashing key is random per database and never leaves it. */
    uint8_t otp_key[MS_KEY_LEN];
    if (ms_rng_bytes(rng, otp_key, sizeof otp_key) != 0)
        return -1;
    int rc = ms_db_run(db, "INSERT INTO secrets (name, value) VALUES ('otp_key', ?)", "b",
                       (const void *)otp_key, sizeof otp_key);
    if (rc == 0)
        rc = ms_db_exec(db, seed_sql);
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    for (size_t i = 0; rc == 0 && i < sizeof seed_users / sizeof seed_users[0]; i++)
        rc = ms_db_run(db,
                       "INSERT INTO users (id, phone, name, email, company, city,"
                       " profile_complete, created_at_ms, updated_at_ms)"
                       " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                       "ttttttii", seed_users[i][0], seed_users[i][1], seed_users[i][2],
                       seed_users[i][3], seed_users[i][4], seed_users[i][5], t.long_ago_ms,
                       t.long_ago_ms);
    if (rc == 0)
        rc = ms_db_exec(db, seed_people_sql);
    if (rc == 0)
        rc = add_event(db, "EVT-BLR-NETWORKING", "BLR-1", "Networking Hour", t.networking, 40);
    if (rc == 0)
        rc = add_event(db, "EVT-BLR-DIWALI", "BLR-1", "Diwali Meetup", t.diwali, 80);
    if (rc == 0)
        rc = add_event(db, "EVT-MUM-BREAKFAST", "MUM-1", "Founders Breakfast", t.breakfast, 25);
    if (rc == 0)
        rc = add_event(db, "EVT-LON-SOCIAL", "LON-1", "Winter Social", t.social, 50);
    return rc;
}

/*
 * Version 2 (sync): event descriptions, a small event, the companies' balances, Asha's
 * reservations, RSVPs and notifications for every seeded member, dated as rules/seed_dates.h
 * tells (at the suites' T0, 2027-01-04T04:30Z, a Monday morning in Bengaluru: bookings on
 * Tuesday and Wednesday, notifications of the last two days).
 */
static const char seed_v2_sql[] =
    "UPDATE events SET description = 'Meet the other members over chai and snacks.'"
    " WHERE id = 'EVT-BLR-NETWORKING';"
    "UPDATE events SET description = 'Lights, sweets and rangoli on the terrace.'"
    " WHERE id = 'EVT-BLR-DIWALI';"
    "UPDATE events SET description = 'Breakfast with founders from across Mumbai.'"
    " WHERE id = 'EVT-MUM-BREAKFAST';"
    /* Asha's booking of BLR-1-BOARD for 2 hours took 12 of ACME's 200 credits. */
    "UPDATE companies SET credit_balance = 188 WHERE id = 'ACME';"
    "UPDATE companies SET credit_balance = 120 WHERE id = 'HART';";

/* A seeded notification, its texts filled in. */
typedef struct seed_notification {
    const char *id, *user, *category, *title, *body;
    int64_t created_at_ms;
    int read;
} seed_notification;

int ms_seed_v2(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    /* The dataset epoch: a random id every cursor names; a new one invalidates them all. */
    char epoch[MS_ID_MAX];
    if (ms_rng_id(rng, "ep_", epoch, sizeof epoch) != 0 ||
        ms_db_run(db, "INSERT INTO sync_state (id, epoch, min_seq) VALUES (1, ?, 0)", "t", epoch) !=
            0 ||
        ms_db_exec(db, seed_v2_sql) != 0)
        return -1;
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    char text[4][160];
    snprintf(text[0], sizeof text[0], "Mulled wine and music to close %s.", t.social_month);
    /* A small event (capacity 2, Priya already going): one seat left, so the second member to
     * say "going" gets event_full. */
    if (ms_db_run(db, "UPDATE events SET description = ? WHERE id = 'EVT-LON-SOCIAL'", "t",
                  text[0]) != 0 ||
        ms_db_run(db,
                  "INSERT INTO events (id, building_id, title, description, starts_at_ms,"
                  " ends_at_ms, capacity) VALUES ('EVT-BLR-FIRESIDE', 'BLR-1', 'Founders Fireside',"
                  " 'An evening with two founders; tiny room, two seats.', ?, ?, 2)",
                  "ii", t.fireside.start_ms, t.fireside.end_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO reservations (id, user_id, room_id, building_id, start_ms, end_ms,"
                  " status, paid_by) VALUES"
                  " ('res_5eed000000000001', 'usr_5eed000000000001', 'BLR-1-BOARD', 'BLR-1', ?, ?,"
                  "  'confirmed', 'credits'),"
                  " ('res_5eed000000000002', 'usr_5eed000000000001', 'BLR-1-FOCUS', 'BLR-1', ?, ?,"
                  "  'confirmed', 'razorpay')",
                  "iiii", t.board.start_ms, t.board.end_ms, t.focus.start_ms,
                  t.focus.end_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO rsvps (user_id, event_id, status, updated_at_ms) VALUES"
                  " ('usr_5eed000000000001', 'EVT-BLR-NETWORKING', 'going', ?1),"
                  " ('usr_5eed000000000003', 'EVT-LON-SOCIAL', 'going', ?1),"
                  " ('usr_5eed000000000009', 'EVT-BLR-FIRESIDE', 'going', ?1)",
                  "i", t.recent_ms) != 0)
        return -1;

    /* The invoice numbers are placeholders until version 5 numbers the invoices. */
    snprintf(text[0], sizeof text[0], "Invoice INV-2027-0001 generated");
    snprintf(text[1], sizeof text[1], "Your %s invoice of INR 42,480 is due on %s.",
             t.this_month_name, t.membership_due_day);
    snprintf(text[2], sizeof text[2], "We received INR 18,880 for invoice INV-2027-0002.");
    char networking[64], social[64];
    snprintf(networking, sizeof networking, "Networking Hour on %s", t.networking_day);
    snprintf(social, sizeof social, "Winter Social on %s", t.social_day);
    static const char asha[] = "usr_5eed000000000001", vikram[] = "usr_5eed000000000002",
                      olivia[] = "usr_5eed000000000003";
    static const char pantry[] =
        "The BLR-1 pantry is closed on Saturday for the new coffee machine.";
    const seed_notification rows[] = {
        {"ntf_5eed000000000101", asha, "bookings", "Visitor waiting at reception",
         "Rahul Mehta is waiting for you at the BLR-1 front desk.", t.visitor_asha_ms, 0},
        {"ntf_5eed000000000102", asha, "billing", text[0], text[1], t.issued_ms[2], 1},
        {"ntf_5eed000000000103", asha, "support", "Ticket resolved: Wi-Fi",
         "The Wi-Fi issue in Cabin 1019 was fixed.", t.wifi_resolved_ms, 1},
        {"ntf_5eed000000000104", asha, "events", networking,
         "You are going. See you at 18:00 in the lounge.", t.networking_note_ms, 0},
        {"ntf_5eed000000000105", asha, "announcements", "Pantry upgrade this weekend", pantry,
         t.pantry_note_ms, 0},
        {"ntf_5eed000000000201", vikram, "bookings", "Visitor waiting at reception",
         "Ananya Das is waiting for you at the BLR-1 front desk.", t.visitor_vikram_ms, 0},
        {"ntf_5eed000000000202", vikram, "billing", "Payment confirmed", text[2], t.paid_ms[3], 1},
        {"ntf_5eed000000000203", vikram, "announcements", "Pantry upgrade this weekend", pantry,
         t.pantry_note_ms, 0},
        {"ntf_5eed000000000301", olivia, "bookings", "Visitor waiting at reception",
         "Tom Baker is waiting for you at the LON-1 front desk.", t.visitor_olivia_ms, 0},
        {"ntf_5eed000000000302", olivia, "events", social, "You are going. Doors open at 18:00.",
         t.social_note_ms, 0},
        {"ntf_5eed000000000303", olivia, "support", "Ticket assigned: Air conditioning",
         "Sam from facilities is on it (due in 2 hours).", t.ac_assigned_ms, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (ms_db_run(db,
                      "INSERT INTO notifications (id, user_id, category, title, body,"
                      " created_at_ms, is_read) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      "tttttii", rows[i].id, rows[i].user, rows[i].category, rows[i].title,
                      rows[i].body, rows[i].created_at_ms, (int64_t)rows[i].read) != 0)
            return -1;
    /* The events' links (the billing ones link to their invoices from version 5 on). */
    return ms_db_exec(db, "UPDATE notifications SET deep_link = 'membercore://events/"
                          "EVT-BLR-NETWORKING' WHERE id = 'ntf_5eed000000000104';"
                          "UPDATE notifications SET deep_link = 'membercore://events/"
                          "EVT-LON-SOCIAL' WHERE id = 'ntf_5eed000000000302';");
}

/*
 * Version 4 (meeting rooms). The seeded reservations get their credits,
 * amount, order and creation time, and become room_busy; the companies get
 * the ledger that explains their balances (the monthly reset at the start of
 * this building-local month, then Asha's boardroom booking) and their credit
 * month; a few blackouts.
 */
int ms_seed_v4(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    if (ms_db_run(db, "UPDATE buildings SET zone_year = ?", "i", (int64_t)t.zone_year) != 0 ||
        ms_db_run(db,
                  "UPDATE reservations SET credits = 12, created_at_ms = ?"
                  " WHERE id = 'res_5eed000000000001'",
                  "i", t.recent_ms) != 0 ||
        ms_db_run(db,
                  "UPDATE reservations SET amount_paise = 60000, order_id = 'order_5eed0000000001',"
                  " created_at_ms = ? WHERE id = 'res_5eed000000000002'",
                  "i", t.recent_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO razorpay_orders (id, reservation_id, user_id, amount_paise, status,"
                  " payment_id, created_at_ms, paid_at_ms) VALUES ('order_5eed0000000001',"
                  " 'res_5eed000000000002', 'usr_5eed000000000001', 60000, 'paid',"
                  " 'pay_5eed000000000001', ?, ?)",
                  "ii", t.recent_ms, t.order_paid_ms) != 0 ||
        ms_db_run(db, "UPDATE companies SET credit_month = ? WHERE id = 'ACME'", "t",
                  t.acme_month) != 0 ||
        ms_db_run(db, "UPDATE companies SET credit_month = ? WHERE id = 'HART'", "t",
                  t.hart_month) != 0 ||
        ms_db_run(db,
                  "INSERT INTO credit_ledger (seq, id, company_id, delta, balance_after, reason,"
                  " reservation_id, at_ms) VALUES"
                  " (1, 'led_000000000001', 'ACME', 200, 200, 'monthly_reset', NULL, ?),"
                  " (2, 'led_000000000002', 'HART', 120, 120, 'monthly_reset', NULL, ?),"
                  " (3, 'led_000000000003', 'ACME', -12, 188, 'booking', 'res_5eed000000000001',"
                  "  ?)",
                  "iii", t.acme_reset_ms, t.hart_reset_ms, t.recent_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO building_blackouts (id, building_id, start_ms, end_ms, reason)"
                  " VALUES ('bbo_5eed000000000001', 'BLR-1', ?, ?, 'Republic Day')",
                  "ii", t.republic_day.start_ms, t.republic_day.end_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO room_blackouts (id, room_id, start_ms, end_ms, reason) VALUES"
                  " ('rbo_5eed000000000001', 'BLR-1-HUDDLE', ?, ?, 'AV upgrade'),"
                  " ('rbo_5eed000000000002', 'LON-1-THAMES', ?, ?, 'Deep clean')",
                  "iiii", t.huddle_upgrade.start_ms, t.huddle_upgrade.end_ms,
                  t.thames_clean.start_ms, t.thames_clean.end_ms) != 0)
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
 * overdue parking invoice, last month's membership paid, this month's issued
 * (due on the 10th, the one Asha's seeded notification announces) and extra
 * meeting-room hours paid (Vikram's "Payment confirmed"), numbered as the
 * server numbers invoices: per series (INV-<year>) in the order of issue, from 0001
 * (ms_invoices_number_unnumbered). The two billing notifications now link to their invoices.
 */
static const char seed_v5_sql[] =
    "UPDATE notifications SET deep_link = 'membercore://billing/invoices/inv_5eed000000000003'"
    " WHERE id = 'ntf_5eed000000000102';"
    "UPDATE notifications SET deep_link = 'membercore://billing/invoices/inv_5eed000000000004'"
    " WHERE id = 'ntf_5eed000000000202';";

/* A seeded invoice: its id, amounts and lines (each description has one %s: the month it
 * bills); its dates, status and number come from rules/seed_dates.h. */
typedef struct seed_invoice {
    const char *id;
    int64_t subtotal, gst;
    const char *line[2];
    int64_t quantity[2], unit[2];
} seed_invoice;

static int seed_invoices(sqlite3 *db, const ms_seed_dates *t)
{
    const char *billed[4] = {t->month_before_last, t->last_month, t->this_month, t->last_month};
    static const seed_invoice invoices[4] = {
        {"inv_5eed000000000001",
         500000,
         90000,
         {"Reserved parking, %s", NULL},
         {2, 0},
         {250000, 0}},
        {"inv_5eed000000000002",
         3600000,
         648000,
         {"Private cabin, Cabin 1019, %s", "Dedicated desk, Desk D-14, %s"},
         {1, 1},
         {2400000, 1200000}},
        {"inv_5eed000000000003",
         3600000,
         648000,
         {"Private cabin, Cabin 1019, %s", "Dedicated desk, Desk D-14, %s"},
         {1, 1},
         {2400000, 1200000}},
        {"inv_5eed000000000004",
         1600000,
         288000,
         {"Meeting-room hours beyond credits, %s", NULL},
         {8, 0},
         {200000, 0}},
    };
    for (int i = 0; i < 4; i++) {
        const seed_invoice *v = &invoices[i];
        const char *status = t->paid_ms[i] ? "paid" : t->overdue[i] ? "overdue" : "issued";
        if (ms_db_run(db,
                      "INSERT INTO invoices (id, company_id, status, subtotal_paise,"
                      " discount_paise, gst_paise, total_paise, created_at_ms, issued_at_ms,"
                      " due_at_ms, paid_at_ms) VALUES (?, 'ACME', ?, ?, 0, ?, ?, ?, ?, ?,"
                      " nullif(?, 0))",
                      "ttiiiiiii", v->id, status, v->subtotal, v->gst, v->subtotal + v->gst,
                      t->issued_ms[i], t->issued_ms[i], t->due_ms[i], t->paid_ms[i]) != 0)
            return -1;
        for (int l = 0; l < 2 && v->line[l]; l++) {
            char description[128];
            snprintf(description, sizeof description, v->line[l], billed[i]);
            if (ms_db_run(db,
                          "INSERT INTO invoice_lines (invoice_id, position, description, quantity,"
                          " unit_paise, amount_paise) VALUES (?, ?, ?, ?, ?, ?)",
                          "titiii", v->id, (int64_t)l, description, v->quantity[l], v->unit[l],
                          v->quantity[l] * v->unit[l]) != 0)
                return -1;
        }
    }
    /* Numbered as the server numbers invoices: per series, in the order of issue, from 0001
     * (not seed_dates' numbers, which carried on from ten and followed the list's order). */
    return ms_invoices_number_unnumbered(db);
}

/*
 * The seeded billing notifications name their invoice's number, which the server gives
 * (numbering by issue date): the placeholder number in each notification's text becomes
 * the number of the invoice its deep link names. 0 / -1.
 */
static int seed_notification_numbers(sqlite3 *db)
{
    static const struct {
        const char *notification, *placeholder, *invoice;
    } named[] = {
        {"ntf_5eed000000000102", "INV-2027-0001", "inv_5eed000000000003"},
        {"ntf_5eed000000000202", "INV-2027-0002", "inv_5eed000000000004"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (ms_db_run(db,
                      "UPDATE notifications SET"
                      " title = replace(title, ?2, (SELECT number FROM invoices WHERE id = ?3)),"
                      " body = replace(body, ?2, (SELECT number FROM invoices WHERE id = ?3))"
                      " WHERE id = ?1",
                      "ttt", named[i].notification, named[i].placeholder, named[i].invoice) != 0)
            return -1;
    return 0;
}

int ms_seed_v5(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    static const char *const members[3] = {"usr_5eed000000000001", "usr_5eed000000000002",
                                           "usr_5eed000000000003"};
    for (int i = 0; i < 3; i++)
        if (ms_db_run(db,
                      "UPDATE memberships SET contract_start = ?, contract_end = ?"
                      " WHERE user_id = ?",
                      "ttt", t.contract_start[i], t.contract_end[i], members[i]) != 0)
            return -1;
    if (seed_invoices(db, &t) != 0 || seed_notification_numbers(db) != 0 ||
        ms_db_exec(db, seed_v5_sql) != 0 || ms_credentials_migrate_v5(db) != 0)
        return -1;
    /* Buildings changed shape and four kinds are new: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 7 (money). London is priced in pounds with VAT 20%: its rooms and day pass get
 * London prices in pence (a day pass 25.00, the rooms 20.00 to 90.00 an hour); India keeps
 * rupees and GST 18%. The seeded notifications name their member's building, and their
 * amounts carry the rupee sign.
 */
static const char seed_v7_sql[] =
    "UPDATE buildings SET currency = 'GBP', tax_name = 'VAT', tax_rate_bp = 2000"
    " WHERE id = 'LON-1';"
    "UPDATE rooms SET price_per_hour_paise = CASE id WHEN 'LON-1-THAMES' THEN 9000"
    " WHEN 'LON-1-SOHO' THEN 4500 WHEN 'LON-1-NOOK' THEN 2000 END"
    " WHERE building_id = 'LON-1';"
    "UPDATE open_space SET day_pass_price_paise = 2500 WHERE building_id = 'LON-1';"
    "UPDATE notifications SET building_id = (SELECT m.building_id FROM memberships m"
    " WHERE m.user_id = notifications.user_id);"
    /* The seeded billing notifications' amounts read as every other amount does. */
    "UPDATE notifications SET body = replace(replace(body, 'INR 42,480', '\u20b942,480.00'),"
    " 'INR 18,880', '\u20b918,880.00') WHERE category = 'billing';";

int ms_seed_v7(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v7_sql) != 0)
        return -1;
    /* Buildings, rooms and invoices changed shape: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 8 (invoices as a member reads them). Asha's Razorpay booking of BLR-1-FOCUS is
 * as a live one paid by Razorpay is (domain/room_invoices.h): its amount and its order's
 * include the building's tax (GST 18%), and it has its paid invoice (with its tax line,
 * numbered by the server's rule after the others, issued and paid when the order was paid)
 * and its "Payment confirmed" notification (ntf_5eed000000000106, read).
 */
int ms_seed_v8(sqlite3 *db, ms_rng *rng)
{
    static const char focus[] = "res_5eed000000000002";
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT r.room_id, r.start_ms, r.end_ms, o.paid_at_ms"
                                     " FROM reservations r JOIN razorpay_orders o"
                                     " ON o.id = r.order_id WHERE r.id = ?",
                                     "t", focus);
    char room_id[MS_ID_MAX] = "";
    int64_t hours = 0, paid_at = 0;
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, room_id, sizeof room_id);
        hours = (sqlite3_column_int64(stmt, 2) - sqlite3_column_int64(stmt, 1)) / MS_HOUR_MS;
        paid_at = sqlite3_column_int64(stmt, 3);
    }
    sqlite3_finalize(stmt);
    ms_room_ctx room;
    ms_pass_price price;
    if (rc != 1 || ms_room_load(db, room_id, &room) != 0 ||
        ms_room_price(db, room.building_id, hours, room.price_per_hour_paise, &price) != 0 ||
        ms_db_run(db, "UPDATE reservations SET amount_paise = ? WHERE id = ?", "it",
                  price.total_minor, focus) != 0 ||
        ms_db_run(db, "UPDATE razorpay_orders SET amount_paise = ? WHERE reservation_id = ?", "it",
                  price.total_minor, focus) != 0)
        return -1;
    /* The live rule, at the instant the order was paid (a clock stopped there, no HTTP).
     * Seeding is not a change: the entries it logged go (the new epoch's snapshots carry it). */
    ms_app app = {.db = db, .rng = rng};
    ms_clock_init(&app.clock);
    ms_clock_set(&app.clock, paid_at);
    int64_t head;
    rc = ms_changes_head(db, &head) == 0 &&
                 ms_room_invoice_paid(&app, focus, "inv_5eed000000000005", paid_at) == 0
             ? 0
             : -1;
    ms_clock_destroy(&app.clock);
    if (rc != 0 ||
        /* Named as every seeded notification is, and read: Asha paid in the app and saw it. */
        ms_db_run(db,
                  "UPDATE notifications SET id = 'ntf_5eed000000000106', is_read = 1"
                  " WHERE deep_link = 'membercore://billing/invoices/inv_5eed000000000005'",
                  "") != 0 ||
        ms_db_run(db, "DELETE FROM changes WHERE seq > ?", "i", head) != 0 ||
        ms_db_run(db,
                  head ? "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'changes'"
                       : "DELETE FROM sqlite_sequence WHERE name = 'changes' AND ?1 = 0",
                  "i", head) != 0)
        return -1;
    /* Reservations and invoices changed shape: every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 9 (facility tickets, docs/tickets-protocol.md). The category tree as the protocol's
 * table: two levels, siblings ordered by position, each leaf with its team and SLA targets
 * (sla_minutes, the version 1 column, equals resolution_min); no ticket named a category before,
 * so the old rows are replaced. The ground staff (DOMAIN.md): Kiran Das at BLR-1, Tom Reed at
 * LON-1; Priya Nair, the earlier seeded staff user, also works BLR-1. A phone already signed up
 * on a migrated database keeps its account and gains the staff role. Every building's ticket
 * numbers start at T-1001.
 */
static const char seed_v9_sql[] =
    "DELETE FROM ticket_categories WHERE parent_id IS NOT NULL;"
    "DELETE FROM ticket_categories;"
    "INSERT INTO ticket_categories (id, parent_id, name, position, team, response_min,"
    " resolution_min, sla_minutes) VALUES"
    " ('cleaning', NULL, 'Cleaning', 1, NULL, NULL, NULL, NULL),"
    " ('it', NULL, 'IT', 2, NULL, NULL, NULL, NULL),"
    " ('facilities', NULL, 'Facilities', 3, NULL, NULL, NULL, NULL),"
    " ('furniture', NULL, 'Furniture', 4, NULL, NULL, NULL, NULL),"
    " ('access', NULL, 'Access', 5, NULL, NULL, NULL, NULL),"
    " ('cleaning.washroom', 'cleaning', 'Washroom', 1, 'Housekeeping', 15, 60, 60),"
    " ('cleaning.workspace', 'cleaning', 'Desk or cabin', 2, 'Housekeeping', 30, 120, 120),"
    " ('cleaning.pantry', 'cleaning', 'Pantry', 3, 'Housekeeping', 30, 90, 90),"
    " ('it.wifi', 'it', 'Wi-Fi', 1, 'IT desk', 10, 60, 60),"
    " ('it.printer', 'it', 'Printer', 2, 'IT desk', 30, 240, 240),"
    " ('facilities.ac', 'facilities', 'Air conditioning', 1, 'Facilities', 30, 120, 120),"
    " ('facilities.lighting', 'facilities', 'Lighting', 2, 'Facilities', 60, 240, 240),"
    " ('furniture.chair', 'furniture', 'Chair', 1, 'Facilities', 60, 1440, 1440),"
    " ('furniture.desk', 'furniture', 'Desk', 2, 'Facilities', 60, 1440, 1440),"
    " ('access.card', 'access', 'Access card', 1, 'Front desk', 15, 60, 60);"
    "INSERT INTO user_roles (user_id, role)"
    " SELECT id, 'staff' FROM users WHERE phone IN ('+919800000010', '+447700900010')"
    " ON CONFLICT DO NOTHING;"
    "INSERT INTO staff_buildings (user_id, building_id)"
    " SELECT id, 'BLR-1' FROM users WHERE phone IN ('+919800000010', '+919800000009')"
    " UNION ALL SELECT id, 'LON-1' FROM users WHERE phone = '+447700900010';"
    "INSERT INTO ticket_numbers (building_id, last) SELECT id, 1000 FROM buildings;";

/* The ground staff version 9 adds: id, phone, name, email, city. */
static const char *const seed_staff[][5] = {
    {"usr_5eed000000000010", "+919800000010", "Kiran Das", "kiran.das@ops.example", "Bengaluru"},
    {"usr_5eed000000000011", "+447700900010", "Tom Reed", "tom.reed@ops.example", "London"},
};

int ms_seed_v9(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    for (size_t i = 0; i < sizeof seed_staff / sizeof seed_staff[0]; i++)
        if (ms_db_run(db,
                      "INSERT INTO users (id, phone, name, email, company, city,"
                      " profile_complete, created_at_ms, updated_at_ms)"
                      " VALUES (?, ?, ?, ?, 'Workspace Operations', ?, 1, ?, ?)"
                      " ON CONFLICT (phone) DO NOTHING",
                      "tttttii", seed_staff[i][0], seed_staff[i][1], seed_staff[i][2],
                      seed_staff[i][3], seed_staff[i][4], t.long_ago_ms, t.long_ago_ms) != 0)
            return -1;
    if (ms_db_exec(db, seed_v9_sql) != 0)
        return -1;
    /* Two kinds are new (ticket_category, ticket): every client takes a fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 10 (the notifications hub, docs/notifications-protocol.md). The seeded notifications
 * get the kinds of their causes (the visitor alerts are urgent); preferences are created on first
 * read, so none are seeded.
 */
static const char seed_v10_sql[] =
    "UPDATE notifications SET kind = 'visitor.arrived', urgent = 1 WHERE id IN"
    " ('ntf_5eed000000000101', 'ntf_5eed000000000201', 'ntf_5eed000000000301');"
    "UPDATE notifications SET kind = 'invoice.generated' WHERE id = 'ntf_5eed000000000102';"
    "UPDATE notifications SET kind = 'ticket.resolved' WHERE id = 'ntf_5eed000000000103';"
    "UPDATE notifications SET kind = 'event.reminder' WHERE id IN"
    " ('ntf_5eed000000000104', 'ntf_5eed000000000302');"
    "UPDATE notifications SET kind = 'announcement' WHERE id IN"
    " ('ntf_5eed000000000105', 'ntf_5eed000000000203');"
    "UPDATE notifications SET kind = 'payment.confirmed' WHERE id IN"
    " ('ntf_5eed000000000106', 'ntf_5eed000000000202');"
    "UPDATE notifications SET kind = 'ticket.assigned' WHERE id = 'ntf_5eed000000000303';";

int ms_seed_v10(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v10_sql) != 0)
        return -1;
    /* Notifications changed shape and a kind is new (notification_prefs): every client takes a
     * fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 12 (hot desks, docs/today-desks-community.md "Seed"). BLR-1: hot desks D01-D12 ("Quiet
 * zone" D01-D06 with quiet, "Window bay" D07-D12 with window; monitor on odd numbers, standing on
 * D03, D08 and D11) and Vikram's dedicated desk D14 (his membership's seat, "Desk D-14"); MUM-1
 * D01-D06 ("Open floor"), LON-1 D01-D08 ("Garden side" D01-D04 with window, "Quiet zone" D05-D08
 * with quiet), monitor on odd numbers.
 * Prices: BLR-1 Rs 600 a day, MUM-1 Rs 500, LON-1 GBP 25 (before tax), 4 credits a day everywhere,
 * cut-off 11:00 local. Desk days a month: Asha 8 (private_cabin), Olivia 5, Vikram none.
 */
static const char seed_v12_sql[] =
    "INSERT INTO desks (id, building_id, name, area, kind)"
    " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)"
    " SELECT b.id || printf('-D%02d', n.i), b.id, printf('D%02d', n.i),"
    " CASE b.id WHEN 'BLR-1' THEN CASE WHEN n.i <= 6 THEN 'Quiet zone' ELSE 'Window bay' END"
    "  WHEN 'MUM-1' THEN 'Open floor'"
    "  ELSE CASE WHEN n.i <= 4 THEN 'Garden side' ELSE 'Quiet zone' END END, 'hot'"
    " FROM n JOIN (SELECT 'BLR-1' AS id, 12 AS desks UNION ALL SELECT 'MUM-1', 6"
    "  UNION ALL SELECT 'LON-1', 8) b ON n.i <= b.desks;"
    "INSERT INTO desks (id, building_id, name, area, kind, assigned_user_id) VALUES"
    " ('BLR-1-D14', 'BLR-1', 'D14', 'Window bay', 'dedicated', 'usr_5eed000000000002');"
    "INSERT INTO desk_features (desk_id, feature)"
    " SELECT id, 'monitor' FROM desks WHERE CAST(substr(name, 2) AS INTEGER) % 2 = 1"
    " UNION ALL SELECT id, 'monitor' FROM desks WHERE id = 'BLR-1-D14'"
    " UNION ALL SELECT id, 'quiet' FROM desks WHERE area = 'Quiet zone'"
    " UNION ALL SELECT id, 'window' FROM desks WHERE area IN ('Window bay', 'Garden side')"
    " UNION ALL SELECT id, 'standing' FROM desks"
    "  WHERE id IN ('BLR-1-D03', 'BLR-1-D08', 'BLR-1-D11');"
    "INSERT INTO desk_settings (building_id, day_price_paise, day_credits, checkin_cutoff_min)"
    " VALUES ('BLR-1', 60000, 4, 660), ('MUM-1', 50000, 4, 660), ('LON-1', 2500, 4, 660);"
    "UPDATE memberships SET desk_days_per_month = 8 WHERE user_id = 'usr_5eed000000000001';"
    "UPDATE memberships SET desk_days_per_month = 5 WHERE user_id = 'usr_5eed000000000003';";

int ms_seed_v12(sqlite3 *db, ms_rng *rng)
{
    if (ms_db_exec(db, seed_v12_sql) != 0)
        return -1;
    /* Three kinds are new and buildings and memberships changed shape: every client takes a
     * fresh snapshot. */
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

/*
 * Version 13 (community, docs/today-desks-community.md): three announcements (BLR-1's pinned
 * pantry notice, which the seeded "Pantry upgrade this weekend" notifications now link to; an
 * operator-wide one; BLR-1's water maintenance notice expiring 3 days on) and three partner
 * offers, valid from the 1st of the local month to 90 days on: Blue Tokai (shared code MCBLUE20,
 * every building), Cult.fit (single-use, BLR-1 and MUM-1, three codes) and Pret (shared,
 * LON-1); a new dataset epoch (two kinds are new, events and RSVPs changed shape).
 */
static const char seed_v13_sql[] =
    "INSERT INTO offer_buildings (offer_id, building_id) VALUES"
    " ('ofr_5eed000000000002', 'BLR-1'), ('ofr_5eed000000000002', 'MUM-1'),"
    " ('ofr_5eed000000000003', 'LON-1');"
    "INSERT INTO offer_codes (offer_id, code) VALUES"
    " ('ofr_5eed000000000002', 'CULT-7Q4M-2KX9'), ('ofr_5eed000000000002', 'CULT-8R5N-3LY1'),"
    " ('ofr_5eed000000000002', 'CULT-9S6P-4MZ2');"
    "UPDATE notifications SET deep_link = 'membercore://announcements/ann_5eed000000000001'"
    " WHERE id IN ('ntf_5eed000000000105', 'ntf_5eed000000000203');";

int ms_seed_v13(sqlite3 *db, ms_rng *rng, int64_t now_ms)
{
    ms_seed_dates t;
    ms_seed_dates_at(now_ms, &t);
    char india_from[16], london_from[16], until[16];
    int y, m, d;
    ms_civil_from_days(ms_floor_div(now_ms, 86400000LL) + 90, &y, &m, &d);
    snprintf(until, sizeof until, "%04d-%02d-%02d", y, m, d);
    snprintf(india_from, sizeof india_from, "%s-01", t.acme_month);
    snprintf(london_from, sizeof london_from, "%s-01", t.hart_month);
    if (ms_db_run(db,
                  "INSERT INTO announcements (id, building_id, title, body, pinned,"
                  " published_at_ms, expires_at_ms) VALUES"
                  " ('ann_5eed000000000001', 'BLR-1', 'Pantry upgrade this weekend',"
                  "  'The BLR-1 pantry is closed on Saturday for the new coffee machine.', 1, ?1,"
                  "  NULL),"
                  " ('ann_5eed000000000002', NULL, 'Invite visitors from the app',"
                  "  'Invite your guests ahead: they get an entry code by SMS and email.', 0, ?2,"
                  "  NULL),"
                  " ('ann_5eed000000000003', 'BLR-1', 'Water supply maintenance',"
                  "  'Washrooms on the 2nd floor are closed for maintenance until Thursday.', 0,"
                  "  ?2, ?3)",
                  "iii", t.pantry_note_ms, t.recent_ms, now_ms + 3 * 86400000LL) != 0 ||
        ms_db_run(db,
                  "INSERT INTO offers (id, partner, title, description, terms, valid_from,"
                  " valid_until, code_kind, shared_code, created_at_ms) VALUES"
                  " ('ofr_5eed000000000001', 'Blue Tokai', 'Blue Tokai: 20% off coffee',"
                  "  'Twenty percent off any coffee at Blue Tokai cafes.',"
                  "  'Show the code at the till. One use a day; not with other offers.', ?1, ?3,"
                  "  'shared', 'MCBLUE20', ?4),"
                  " ('ofr_5eed000000000002', 'Cult.fit', 'Cult.fit: first month free',"
                  "  'Your first month of Cult.fit gym and classes free.',"
                  "  'One code per member, for new Cult.fit accounts only.', ?1, ?3,"
                  "  'single_use', NULL, ?4),"
                  " ('ofr_5eed000000000003', 'Pret', 'Pret: free pastry',"
                  "  'A free pastry with any hot drink at Pret A Manger.',"
                  "  'Show the code at the till. Shoreditch members only.', ?2, ?3,"
                  "  'shared', 'MCPRET', ?4)",
                  "ttti", india_from, london_from, until, t.recent_ms) != 0 ||
        ms_db_exec(db, seed_v13_sql) != 0)
        return -1;
    char epoch[MS_EPOCH_MAX];
    return ms_changes_new_epoch(db, rng, epoch);
}

int ms_seed_step(sqlite3 *db, ms_rng *rng, int64_t now_ms, int version)
{
    switch (version) {
    case 1:
        return ms_seed(db, rng, now_ms);
    case 2:
        return ms_seed_v2(db, rng, now_ms);
    case 4:
        return ms_seed_v4(db, rng, now_ms);
    case 5:
        return ms_seed_v5(db, rng, now_ms);
    case 7:
        return ms_seed_v7(db, rng);
    case 8:
        return ms_seed_v8(db, rng);
    case 9:
        return ms_seed_v9(db, rng, now_ms);
    case 10:
        return ms_seed_v10(db, rng);
    case 12:
        return ms_seed_v12(db, rng);
    case 13:
        return ms_seed_v13(db, rng, now_ms);
    default:
        return 0;
    }
}
