/*
 * tests/stub/test_stub_db.c - memberstub's database: the seed DOMAIN.md fixes and the sync seed,
 * the entities' data objects, the change log and its compaction, migrations (on reopen, of a
 * version 1 database, and of a version 4 one with guest credentials and orders), credentials, the
 * billing seed, and that OTPs and session tokens are stored only as hashes (real SQLite, no
 * sockets).
 */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/credits.h"
#include "db/db.h"
#include "domain/seed.h"
#include "domain/entities.h"
#include "domain/notify.h"
#include "domain/otp_store.h"
#include "domain/room_busy.h"
#include "domain/sessions.h"
#include "domain/ticket_filing.h"
#include "domain/tickets.h"
#include "domain/users.h"

#define T0   1799037000000LL
#define ASHA "usr_5eed000000000001"

static ms_rng *rng;
static sqlite3 *db;

static void setup(void)
{
    rng = ms_rng_new();
    ck_assert_ptr_nonnull(rng);
    ck_assert_int_eq(ms_db_open(":memory:", rng, ms_seed_step, T0, &db), 0);
}

static void teardown(void)
{
    ms_db_close(db);
    db = NULL;
    ms_rng_free(rng);
    rng = NULL;
}

/* The single integer an SQL query answers. */
static long long scalar(const char *sql)
{
    sqlite3_stmt *stmt = ms_db_query(db, sql, "");
    ck_assert_ptr_nonnull(stmt);
    ck_assert_int_eq(ms_db_step(stmt), 1);
    long long v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* The single text an SQL query answers, into out. */
static void text(const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db, sql, "");
    ck_assert_ptr_nonnull(stmt);
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
}

/* The fixed buildings: city, zone and opening hours exactly as DOMAIN.md says. */
START_TEST(test_seed_has_the_fixed_buildings_and_hours)
{
    char buf[128];
    text("SELECT city || ' ' || timezone FROM buildings WHERE id = 'BLR-1'", buf, sizeof buf);
    ck_assert_str_eq(buf, "Bengaluru Asia/Kolkata");
    text("SELECT city || ' ' || timezone FROM buildings WHERE id = 'MUM-1'", buf, sizeof buf);
    ck_assert_str_eq(buf, "Mumbai Asia/Kolkata");
    text("SELECT city || ' ' || timezone FROM buildings WHERE id = 'LON-1'", buf, sizeof buf);
    ck_assert_str_eq(buf, "London Europe/London");
    /* BLR-1: 08:00-22:00 Monday to Saturday, closed Sunday (weekday 7). */
    text("SELECT group_concat(weekday || ':' || open_min || '-' || close_min, ' ') FROM"
         " (SELECT * FROM building_hours WHERE building_id = 'BLR-1' ORDER BY weekday)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "1:480-1320 2:480-1320 3:480-1320 4:480-1320 5:480-1320 6:480-1320");
    ck_assert_int_eq(scalar("SELECT count(*) FROM building_hours WHERE building_id = 'MUM-1'"
                            " AND open_min = 540 AND close_min = 1260"),
                     7);
    ck_assert_int_eq(scalar("SELECT count(*) FROM building_hours WHERE building_id = 'LON-1'"
                            " AND open_min = 0 AND close_min = 1440"),
                     7);
}
END_TEST

/* Every building has at least three rooms that differ; BLR-1-BOARD is the fixed boardroom. */
START_TEST(test_seed_has_differing_rooms_and_the_blr_boardroom)
{
    static const char *buildings[] = {"BLR-1", "MUM-1", "LON-1"};
    for (int i = 0; i < 3; i++) {
        char sql[512];
        /* Rooms, and how many distinct capacities, prices and credit costs they have. */
        snprintf(sql, sizeof sql,
                 "SELECT min(count(*), count(DISTINCT capacity),"
                 " count(DISTINCT price_per_hour_paise), count(DISTINCT credits_per_hour))"
                 " FROM rooms WHERE building_id = '%s'",
                 buildings[i]);
        ck_assert_msg(scalar(sql) >= 3, "%s needs three rooms that differ", buildings[i]);
        /* How many distinct sets of amenities its rooms have. */
        snprintf(sql, sizeof sql,
                 "SELECT count(DISTINCT amenities) FROM (SELECT group_concat(amenity) AS amenities"
                 " FROM (SELECT a.room_id, a.amenity FROM room_amenities a"
                 " JOIN rooms r ON r.id = a.room_id WHERE r.building_id = '%s'"
                 " ORDER BY a.room_id, a.amenity) GROUP BY room_id)",
                 buildings[i]);
        ck_assert_msg(scalar(sql) >= 3, "%s needs three rooms with differing amenities",
                      buildings[i]);
    }
    ck_assert_int_eq(scalar("SELECT capacity FROM rooms WHERE id = 'BLR-1-BOARD'"), 12);
    char buf[128];
    text("SELECT group_concat(amenity, ',') FROM"
         " (SELECT amenity FROM room_amenities WHERE room_id = 'BLR-1-BOARD' ORDER BY amenity)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "projector,video_conferencing,whiteboard");
}
END_TEST

/* ACME and the seeded members, with roles, profiles and seats as the fixtures expect. */
START_TEST(test_seed_has_acme_and_its_members)
{
    char buf[128];
    text("SELECT name || ' ' || monthly_credits || ' ' || building_id FROM companies"
         " WHERE id = 'ACME'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "Acme Corp 200 BLR-1");

    static const struct {
        const char *phone, *name, *company_id, *building_id, *seat;
    } members[] = {
        {"+919800000001", "Asha Rao", "ACME", "BLR-1", "Cabin 1019"},
        {"+919800000002", "Vikram Shah", "ACME", "BLR-1", "Desk D-14"},
        {"+447700900001", "Olivia Hart", "HART", "LON-1", "Suite 204"},
    };
    for (int i = 0; i < 3; i++) {
        char id[MS_ID_MAX];
        bool found;
        ms_user u;
        ck_assert_int_eq(ms_user_find_by_phone(db, members[i].phone, id, &found), 0);
        ck_assert(found);
        ck_assert_int_eq(ms_user_load(db, id, &u), 0);
        ck_assert_str_eq(u.name, members[i].name);
        ck_assert_uint_eq(u.roles, MS_ROLE_MEMBER);
        ck_assert(u.profile_complete);
        ck_assert(!u.lead.present);
        ck_assert(u.membership.present);
        ck_assert_str_eq(u.membership.company_id, members[i].company_id);
        ck_assert_str_eq(u.membership.building_id, members[i].building_id);
        ck_assert_str_eq(u.membership.seat, members[i].seat);
    }
    ms_user asha;
    ck_assert_int_eq(ms_user_load(db, "usr_5eed000000000001", &asha), 0);
    ck_assert_str_eq(asha.email, "asha.rao@acme.example");
    ck_assert_str_eq(asha.city, "Bengaluru");
    ck_assert_str_eq(asha.company, "Acme Corp");
    ck_assert_int_eq(scalar("SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id"
                            " WHERE u.phone = '+919800000001' AND m.plan = 'private_cabin'"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id"
                            " WHERE u.phone = '+919800000002' AND m.plan = 'dedicated_desk'"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id"
                            " WHERE u.phone = '+919800000009' AND r.role = 'staff'"),
                     1);
    /* The ground staff (version 9) and the buildings they work. */
    text("SELECT group_concat(u.name || ' ' || u.phone || ' ' || s.building_id, ', ') FROM"
         " (SELECT * FROM staff_buildings ORDER BY building_id, user_id) s"
         " JOIN users u ON u.id = s.user_id JOIN user_roles r ON r.user_id = u.id"
         " AND r.role = 'staff'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "Priya Nair +919800000009 BLR-1, Kiran Das +919800000010 BLR-1,"
                          " Tom Reed +447700900010 LON-1");
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_numbers WHERE last = 1000"), 3);
}
END_TEST

/* Open space: a day-pass price and capacity per building, tiers 1 / 5 at 10% / 10 at 15% off. */
START_TEST(test_seed_has_open_space_and_bundle_tiers)
{
    ck_assert_int_eq(scalar("SELECT count(*) FROM open_space WHERE day_pass_price_paise > 0"
                            " AND capacity > 0"),
                     3);
    char buf[128];
    for (int i = 0; i < 3; i++) {
        static const char *ids[] = {"BLR-1", "MUM-1", "LON-1"};
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT group_concat(passes || '@' || discount_percent, ' ') FROM"
                 " (SELECT * FROM pass_bundle_tiers WHERE building_id = '%s' ORDER BY passes)",
                 ids[i]);
        text(sql, buf, sizeof buf);
        ck_assert_str_eq(buf, "1@0 5@10 10@15");
    }
}
END_TEST

/* Community events with capacities, and a two-level category tree with an SLA on each leaf. */
START_TEST(test_seed_has_events_and_ticket_categories)
{
    ck_assert_int_eq(scalar("SELECT count(*) FROM events WHERE title IN ('Networking Hour',"
                            " 'Diwali Meetup') AND capacity > 0"),
                     2);
    char buf[512];
    /* The protocol's table (docs/tickets-protocol.md): tops in order, leaves with team and SLA. */
    text("SELECT group_concat(name, ',') FROM (SELECT name FROM ticket_categories"
         " WHERE parent_id IS NULL ORDER BY position)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "Cleaning,IT,Facilities,Furniture,Access");
    text("SELECT group_concat(id || ' ' || response_min || '/' || resolution_min || ' ' || team,"
         " ', ') FROM (SELECT c.* FROM ticket_categories c JOIN ticket_categories p"
         " ON p.id = c.parent_id ORDER BY p.position, c.position)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "cleaning.washroom 15/60 Housekeeping, cleaning.workspace 30/120"
                          " Housekeeping, cleaning.pantry 30/90 Housekeeping, it.wifi 10/60 IT"
                          " desk, it.printer 30/240 IT desk, facilities.ac 30/120 Facilities,"
                          " facilities.lighting 60/240 Facilities, furniture.chair 60/1440"
                          " Facilities, furniture.desk 60/1440 Facilities, access.card 15/60"
                          " Front desk");
    /* Two levels only: every parent is a root; a top has no team or SLA; sla_minutes follows
     * resolution_min. */
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_categories c JOIN ticket_categories p"
                            " ON p.id = c.parent_id WHERE p.parent_id IS NOT NULL"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_categories WHERE parent_id IS NULL"
                            " AND coalesce(team, response_min, resolution_min, sla_minutes)"
                            " IS NOT NULL"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_categories WHERE parent_id IS NOT NULL"
                            " AND (sla_minutes IS NOT resolution_min OR response_min IS NULL"
                            " OR team IS NULL)"),
                     0);
}
END_TEST

/* The sync seed: notifications for every member, a small event, RSVPs, Asha's reservations,
 * company credit balances, and a dataset epoch with an empty change log. */
/* Each building's money: London in pounds with VAT 20% at London prices in pence, India in
 * rupees with GST 18%; the seeded amounts in notifications carry the rupee sign. */
START_TEST(test_seed_has_each_buildings_money)
{
    char buf[256];
    text("SELECT group_concat(id || ' ' || currency || ' ' || tax_name || ' ' || tax_rate_bp,"
         " ', ') FROM (SELECT * FROM buildings ORDER BY id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "BLR-1 INR GST 1800, LON-1 GBP VAT 2000, MUM-1 INR GST 1800");
    ck_assert_int_eq(scalar("SELECT day_pass_price_paise FROM open_space WHERE building_id ="
                            " 'LON-1'"),
                     2500);
    ck_assert_int_eq(scalar("SELECT max(price_per_hour_paise) FROM rooms WHERE building_id ="
                            " 'LON-1'"),
                     9000);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE body LIKE '%INR%'"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE body LIKE"
                            " '%\u20b918,880.00%'"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE building_id IS NULL AND"
                            " user_id IN (SELECT user_id FROM memberships)"),
                     0);
}
END_TEST

START_TEST(test_seed_has_the_sync_data)
{
    ck_assert_int_eq(scalar("SELECT count(DISTINCT user_id) FROM notifications WHERE user_id IN"
                            " (SELECT user_id FROM memberships)"),
                     3);
    ck_assert_int_eq(scalar("SELECT min(n) FROM (SELECT count(*) AS n FROM notifications"
                            " GROUP BY user_id)"),
                     3);
    ck_assert_int_eq(scalar("SELECT count(DISTINCT category) FROM notifications"), 5);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE title ="
                            " 'Visitor waiting at reception'"),
                     3);
    ck_assert_int_eq(scalar("SELECT capacity FROM events WHERE id = 'EVT-BLR-FIRESIDE'"), 2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM rsvps WHERE event_id = 'EVT-BLR-FIRESIDE'"
                            " AND status = 'going'"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM events WHERE description = ''"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM reservations"
                            " WHERE user_id = 'usr_5eed000000000001'"),
                     2);
    ck_assert_int_eq(scalar("SELECT credit_balance FROM companies WHERE id = 'ACME'"), 188);
    ck_assert_int_eq(scalar("SELECT credit_balance FROM companies WHERE id = 'HART'"), 120);
    char epoch[MS_EPOCH_MAX];
    int64_t min_seq, head;
    ck_assert_int_eq(ms_changes_state(db, epoch, &min_seq), 0);
    ck_assert(strncmp(epoch, "ep_", 3) == 0 && strlen(epoch) == 19);
    ck_assert(min_seq == 0);
    ck_assert_int_eq(ms_changes_head(db, &head), 0);
    ck_assert(head == 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes"), 0);
}
END_TEST

/* Each kind's data object has exactly the contract's fields (docs/sync-protocol.md). */
START_TEST(test_entity_data_has_the_contract_fields)
{
    static const struct {
        ms_kind kind;
        const char *owner, *id, *fields;
    } cases[] = {
        {MS_KIND_PROFILE, NULL, "usr_5eed000000000001",
         "id phone name email company city roles profile_complete lead membership"},
        {MS_KIND_COMPANY, NULL, "ACME",
         "id name building_id monthly_credits credit_balance credit_month"},
        {MS_KIND_BUILDING, NULL, "BLR-1",
         "id name city timezone hours day_pass_price_paise open_space_capacity zone"
         " booking_window_days min_notice_min cancel_cutoff_min blackouts open_space currency tax"
         " desks"},
        {MS_KIND_ROOM, NULL, "BLR-1-BOARD",
         "id building_id name capacity amenities price_per_hour_paise credits_per_hour currency"
         " blackouts"},
        {MS_KIND_RESERVATION, "usr_5eed000000000001", "res_5eed000000000001",
         "id room_id building_id start_ms end_ms status paid_by credits amount_paise guests"
         " order_id created_at_ms currency cancel_reason paid_at_ms invoice_id"},
        {MS_KIND_EVENT, NULL, "EVT-BLR-FIRESIDE",
         "id building_id title description starts_at_ms ends_at_ms capacity going_count"
         " waitlist_count"},
        {MS_KIND_RSVP, "usr_5eed000000000001", "EVT-BLR-NETWORKING",
         "event_id status waitlist_position"},
        {MS_KIND_NOTIFICATION, "usr_5eed000000000001", "ntf_5eed000000000102",
         "id category title body created_at_ms read deep_link building_id kind urgent"},
        {MS_KIND_ROOM_BUSY, NULL, NULL, "id room_id start_ms end_ms"},
        {MS_KIND_CREDIT_LEDGER, NULL, "led_000000000003",
         "id company_id delta balance_after reason reservation_id at_ms building_id"
         " desk_booking_id"},
        {MS_KIND_INVOICE, NULL, "inv_5eed000000000003",
         "id number status lines subtotal_paise discount_paise gst_paise total_paise order_id"
         " issued_at_ms due_at_ms paid_at_ms hold_expires_at_ms voided_at_ms void_reason"
         " reservation_id building_id currency tax refunds"},
        {MS_KIND_MEMBERSHIP, NULL, "usr_5eed000000000001",
         "status plan company_id building_id seat contract_start contract_end desk_days"},
        {MS_KIND_MEMBERSHIP, NULL, "usr_5eed000000000009",
         "status plan company_id building_id seat contract_start contract_end desk_days"},
        {MS_KIND_DESK, NULL, "BLR-1-D07", "id building_id name area features kind mine"},
        {MS_KIND_DESK, "usr_5eed000000000002", "BLR-1-D14",
         "id building_id name area features kind mine"},
        {MS_KIND_NOTIFICATION_PREFS, "usr_5eed000000000001", "usr_5eed000000000001",
         "channels quiet_hours updated_at_ms"},
        {MS_KIND_ANNOUNCEMENT, "usr_5eed000000000001", "ann_5eed000000000001",
         "id building_id title body pinned published_at_ms expires_at_ms read"},
        {MS_KIND_OFFER, "usr_5eed000000000001", "ofr_5eed000000000002",
         "id partner title description terms building_ids valid_from valid_until code_kind"
         " remaining redemption"},
    };
    char busy_id[64];
    text("SELECT id FROM room_busy ORDER BY id LIMIT 1", busy_id, sizeof busy_id);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *data = NULL;
        const char *id = cases[i].id ? cases[i].id : busy_id;
        ck_assert_int_eq(ms_entity_data(db, cases[i].kind, cases[i].owner, id, &data), 0);
        char fields[256] = "";
        const cJSON *f;
        cJSON_ArrayForEach(f, data)
        {
            size_t used = strlen(fields);
            snprintf(fields + used, sizeof fields - used, "%s%s", used ? " " : "", f->string);
        }
        ck_assert_str_eq(fields, cases[i].fields);
        cJSON_Delete(data);
    }
    /* Someone else's reservation, rsvp or notification is no entity of theirs. */
    cJSON *data = NULL;
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_NOTIFICATION, "usr_5eed000000000002",
                                    "ntf_5eed000000000102", &data),
                     1);
    ck_assert_int_eq(
        ms_entity_data(db, MS_KIND_RSVP, "usr_5eed000000000002", "EVT-BLR-NETWORKING", &data), 1);
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_NOTIFICATION_PREFS, "usr_5eed000000000002",
                                    "usr_5eed000000000001", &data),
                     1);
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_EVENT, NULL, "EVT-NOPE", &data), 1);
    /* Vikram's dedicated desk is his (mine) and no one else's. */
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_DESK, "usr_5eed000000000001", "BLR-1-D14", &data),
                     1);
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_DESK, "usr_5eed000000000002", "BLR-1-D14", &data),
                     0);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(data, "mine")));
    cJSON_Delete(data);
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_DESK, "usr_5eed000000000002", "BLR-1-D03", &data),
                     0);
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(data, "mine")));
    char features[128];
    char *printed = cJSON_PrintUnformatted(cJSON_GetObjectItem(data, "features"));
    snprintf(features, sizeof features, "%s", printed);
    free(printed);
    ck_assert_str_eq(features, "[\"monitor\",\"quiet\",\"standing\"]");
    cJSON_Delete(data);
    cJSON *membership = NULL;
    ck_assert_int_eq(
        ms_entity_data(db, MS_KIND_MEMBERSHIP, NULL, "usr_5eed000000000001", &membership), 0);
    printed = cJSON_PrintUnformatted(cJSON_GetObjectItem(membership, "desk_days"));
    snprintf(features, sizeof features, "%s", printed);
    free(printed);
    ck_assert_str_eq(features, "{\"allowance\":8,\"used\":0,\"month\":\"2027-01\"}");
    cJSON_Delete(membership);
    data = NULL;
    ck_assert_ptr_null(data);
    cJSON *ntf = NULL;
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_NOTIFICATION, "usr_5eed000000000001",
                                    "ntf_5eed000000000102", &ntf),
                     0);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(ntf, "read")));
    cJSON_Delete(ntf);
}
END_TEST

/* Changes carry the scope that decides who sees them, and the data (none for a delete). */
START_TEST(test_changes_carry_scope_and_data)
{
    ck_assert_int_eq(
        ms_change_upsert(db, MS_KIND_PROFILE, "usr_5eed000000000001", "usr_5eed000000000001"), 0);
    ck_assert_int_eq(ms_change_upsert(db, MS_KIND_COMPANY, NULL, "ACME"), 0);
    ck_assert_int_eq(ms_change_upsert(db, MS_KIND_EVENT, NULL, "EVT-BLR-DIWALI"), 0);
    ck_assert_int_eq(
        ms_change_upsert(db, MS_KIND_RSVP, "usr_5eed000000000001", "EVT-BLR-NETWORKING"), 0);
    ck_assert_int_eq(
        ms_change_delete(db, MS_KIND_NOTIFICATION, "usr_5eed000000000002", "ntf_5eed000000000201"),
        0);
    /* No such entity: nothing is logged and the caller's write fails. */
    ck_assert_int_eq(ms_change_upsert(db, MS_KIND_EVENT, NULL, "EVT-NOPE"), -1);
    char buf[512];
    text("SELECT group_concat(seq || ' ' || scope || ' ' || kind || ' ' || op, ', ')"
         " FROM (SELECT * FROM changes ORDER BY seq)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "1 u:usr_5eed000000000001 profile upsert, 2 c:ACME company upsert,"
                          " 3 * event upsert, 4 u:usr_5eed000000000001 rsvp upsert,"
                          " 5 u:usr_5eed000000000002 notification delete");
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes WHERE data IS NULL"), 1);
    text("SELECT json_extract(data, '$.going_count') FROM changes WHERE seq = 3", buf, sizeof buf);
    ck_assert_str_eq(buf, "0");
    int64_t head;
    ck_assert_int_eq(ms_changes_head(db, &head), 0);
    ck_assert(head == 5);
}
END_TEST

/* Compaction empties the log and moves the floor past every position issued before. */
START_TEST(test_compaction_moves_the_floor_past_the_head)
{
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(ms_change_upsert(db, MS_KIND_EVENT, NULL, "EVT-BLR-DIWALI"), 0);
    int64_t deleted, head, min_seq;
    char epoch[MS_EPOCH_MAX], epoch2[MS_EPOCH_MAX];
    ck_assert_int_eq(ms_changes_compact(db, &deleted), 0);
    ck_assert(deleted == 3);
    ck_assert_int_eq(ms_changes_state(db, epoch, &min_seq), 0);
    ck_assert_int_eq(ms_changes_head(db, &head), 0);
    ck_assert(min_seq == 4 && head == 4);
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes"), 0);
    ck_assert_int_eq(ms_change_upsert(db, MS_KIND_EVENT, NULL, "EVT-BLR-DIWALI"), 0);
    ck_assert_int_eq(scalar("SELECT seq FROM changes"), 5);
    /* Compacting an empty log still moves the floor. */
    ck_assert_int_eq(ms_changes_compact(db, &deleted), 0);
    ck_assert_int_eq(ms_changes_compact(db, &deleted), 0);
    ck_assert(deleted == 0);
    ck_assert_int_eq(ms_changes_state(db, epoch, &min_seq), 0);
    ck_assert(min_seq == 7);
    ck_assert_int_eq(ms_changes_new_epoch(db, rng, epoch2), 0);
    ck_assert_str_ne(epoch, epoch2);
    ck_assert_int_eq(ms_changes_state(db, epoch, &min_seq), 0);
    ck_assert_str_eq(epoch, epoch2);
}
END_TEST

/* An issued OTP exists only as its keyed hash in the OTP tables; the text goes to the outbox
 * (with the code in test mode). */
START_TEST(test_otp_is_stored_only_as_a_keyed_hash)
{
    uint8_t key[MS_KEY_LEN], expected[MS_SHA256_LEN];
    ck_assert_int_eq(ms_db_secret(db, "otp_key", key, sizeof key), 0);
    ck_assert_int_eq(ms_otp_requests_open(db), 0);
    ck_assert_int_eq(ms_otp_issue(db, key, "+919876543210", "493817", "127.0.0.1", true, T0), 0);
    ck_assert_int_eq(ms_otp_hash(key, "+919876543210", "493817", expected), 0);

    ms_otp_state state;
    uint8_t stored[MS_SHA256_LEN];
    ck_assert_int_eq(ms_otp_load(db, "+919876543210", &state, stored), 0);
    ck_assert(state.present);
    ck_assert(memcmp(stored, expected, sizeof stored) == 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM otps WHERE instr(code_hmac, '493817') > 0"
                            " OR instr(hex(code_hmac), '493817') > 0 OR phone LIKE '%493817%'"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM sms_outbox WHERE phone = '+919876543210'"
                            " AND instr(body, '493817') > 0"),
                     1);
}
END_TEST

/* Outside test mode the outbox keeps the text with the code masked; the address counts only in
 * the connection's memory (a TEMP table), never in the database file. */
START_TEST(test_otp_outside_test_mode_keeps_no_code)
{
    uint8_t key[MS_KEY_LEN];
    ck_assert_int_eq(ms_db_secret(db, "otp_key", key, sizeof key), 0);
    ck_assert_int_eq(ms_otp_requests_open(db), 0);
    ck_assert_int_eq(ms_otp_issue(db, key, "+919876543210", "493817", "127.0.0.9", false, T0), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM sms_outbox WHERE instr(body, '493817') > 0"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM sms_outbox WHERE phone = '+919876543210'"
                            " AND body LIKE '****** is your membercore sign-in code.%'"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM main.sqlite_schema WHERE name LIKE"
                            " 'otp_requests%'"),
                     0);
    bool reached;
    int64_t cap_th;
    ck_assert_int_eq(ms_otp_requests_cap(db, "127.0.0.9", 1, T0, &reached, &cap_th), 0);
    ck_assert(reached);
    ck_assert_int_eq(cap_th, T0);
    ck_assert_int_eq(ms_otp_requests_cap(db, "127.0.0.9", 2, T0, &reached, &cap_th), 0);
    ck_assert(!reached);
    ck_assert_int_eq(ms_otp_requests_cap(db, "127.0.0.8", 1, T0, &reached, &cap_th), 0);
    ck_assert(!reached);
    ck_assert_int_eq(ms_otp_requests_cap(db, NULL, 1, T0, &reached, &cap_th), 0);
    ck_assert(reached);
    /* An hour later the request has left the window. */
    ck_assert_int_eq(ms_otp_requests_cap(db, NULL, 1, T0 + MS_OTP_WINDOW_MS, &reached, &cap_th), 0);
    ck_assert(!reached);
}
END_TEST

/* A session token is 256 random bits as "mcs_" + 43 base64url chars; only its SHA-256 is kept. */
START_TEST(test_session_token_is_stored_only_as_sha256)
{
    char token[MS_TOKEN_MAX];
    int64_t expires;
    ck_assert_int_eq(ms_session_issue(db, rng, "usr_5eed000000000001", T0, token, &expires), 0);
    ck_assert_uint_eq(strlen(token), 47);
    ck_assert(strncmp(token, "mcs_", 4) == 0);
    ck_assert_uint_eq(strspn(token + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789-_"),
                      43);
    ck_assert(expires == T0 + 30LL * 24 * 3600 * 1000);

    uint8_t hash[MS_SHA256_LEN];
    ck_assert_int_eq(ms_sha256(token, strlen(token), hash), 0);
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT count(*) FROM sessions WHERE token_sha256 = ?",
                                     "b", (const void *)hash, sizeof hash);
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ck_assert_int_eq(sqlite3_column_int(stmt, 0), 1);
    sqlite3_finalize(stmt);
    stmt = ms_db_query(db,
                       "SELECT count(*) FROM sessions WHERE instr(token_sha256, ?) > 0"
                       " OR user_id = ?",
                       "tt", token + 4, token);
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ck_assert_int_eq(sqlite3_column_int(stmt, 0), 0);
    sqlite3_finalize(stmt);

    char user[MS_ID_MAX];
    ck_assert_int_eq(ms_session_check(db, token, T0, user), MS_SESSION_VALID);
    ck_assert_str_eq(user, "usr_5eed000000000001");
    ck_assert_int_eq(ms_session_check(db, token, expires, user), MS_SESSION_EXPIRED);
    ck_assert_int_eq(ms_session_check(db, "mcs_nope", T0, user), MS_SESSION_UNKNOWN);
}
END_TEST

/* Each database gets its own random OTP key. */
START_TEST(test_each_database_has_its_own_otp_key)
{
    sqlite3 *other = NULL;
    uint8_t a[MS_KEY_LEN], b[MS_KEY_LEN];
    ck_assert_int_eq(ms_db_open(":memory:", rng, ms_seed_step, T0, &other), 0);
    ck_assert_int_eq(ms_db_secret(db, "otp_key", a, sizeof a), 0);
    ck_assert_int_eq(ms_db_secret(other, "otp_key", b, sizeof b), 0);
    ck_assert(memcmp(a, b, sizeof a) != 0);
    ms_db_close(other);
}
END_TEST

/* Reopening a database keeps its data and neither re-creates nor re-seeds it. */
START_TEST(test_reopening_keeps_data_and_does_not_reseed)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/stub.db", dir);

    sqlite3 *file = NULL;
    char id[MS_ID_MAX];
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &file), 0);
    ck_assert_int_eq(ms_user_create(file, rng, "+919876543210", T0, id), 0);
    ms_db_close(file);

    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &file), 0);
    sqlite3_stmt *stmt = ms_db_query(file,
                                     "SELECT (SELECT count(*) FROM users),"
                                     " (SELECT count(*) FROM buildings), user_version"
                                     " FROM pragma_user_version",
                                     "");
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ck_assert_int_eq(sqlite3_column_int(stmt, 0), 7); /* 6 seeded + 1 */
    ck_assert_int_eq(sqlite3_column_int(stmt, 1), 3);
    ck_assert_int_eq(sqlite3_column_int(stmt, 2), MS_DB_SCHEMA_VERSION);
    sqlite3_finalize(stmt);
    ms_db_close(file);

    /* A database from a newer memberstub is refused, not damaged. */
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    ck_assert_int_eq(ms_db_exec(file, "PRAGMA user_version = 99"), 0);
    sqlite3_close(file);
    file = NULL;
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &file), -1);
    ck_assert_ptr_null(file);

    static const char *files[] = {"stub.db", "stub.db-wal", "stub.db-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* Load fixture `name` (tests/stub/fixtures) into a new database file under dir (mkdtemp'd). */
static void load_fixture(const char *name, char *dir, char *path, size_t cap)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, cap, "%s/stub.db", dir);
    char fixture[512];
    snprintf(fixture, sizeof fixture, "%s/%s", STUB_FIXTURES, name);
    FILE *f = fopen(fixture, "r");
    ck_assert_msg(f != NULL, "cannot open %s", fixture);
    static char sql[256 * 1024];
    size_t n = fread(sql, 1, sizeof sql - 1, f);
    fclose(f);
    ck_assert_uint_lt(n, sizeof sql - 1);
    sql[n] = '\0';
    sqlite3 *file = NULL;
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(file, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(file);
}

/* Remove the database files under dir and dir itself. */
static void remove_db_dir(const char *dir)
{
    static const char *files[] = {"stub.db", "stub.db-wal", "stub.db-shm"};
    for (int i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    ck_assert_int_eq(rmdir(dir), 0);
}

/*
 * Load fixture `name` into a new database under dir (mkdtemp'd), note its dataset epoch into
 * epoch_before, and migrate it in place as the suite's db (now at the current version). Returns
 * the suite's own database, for finish_migration.
 */
static sqlite3 *migrate_fixture(const char *name, char *dir, char epoch_before[MS_EPOCH_MAX])
{
    char path[64];
    load_fixture(name, dir, path, sizeof path);
    sqlite3 *file = NULL;
    int64_t min_seq;
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    ck_assert_int_eq(ms_changes_state(file, epoch_before, &min_seq), 0);
    sqlite3_close(file);
    sqlite3 *saved = db;
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &db), 0);
    ck_assert_int_eq(scalar("SELECT user_version FROM pragma_user_version"), MS_DB_SCHEMA_VERSION);
    return saved;
}

/* After migrate_fixture: the dataset epoch changed (every client takes a fresh snapshot); close
 * the migrated database, give the suite back its own, remove dir. */
static void finish_migration(sqlite3 *saved, const char *dir, const char *epoch_before)
{
    char epoch_after[MS_EPOCH_MAX];
    int64_t min_seq;
    ck_assert_int_eq(ms_changes_state(db, epoch_after, &min_seq), 0);
    ck_assert_str_ne(epoch_after, epoch_before);
    ms_db_close(db);
    db = saved;
    remove_db_dir(dir);
}

/* A version 1 database (before sync) is migrated in place: data kept, the sync seed added. */
START_TEST(test_version_1_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", path[64];
    load_fixture("memberstub-v1.sql", dir, path, sizeof path);
    sqlite3 *file = NULL;
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    uint8_t key_before[MS_KEY_LEN], key_after[MS_KEY_LEN];
    ck_assert_int_eq(ms_db_secret(file, "otp_key", key_before, sizeof key_before), 0);
    sqlite3_close(file);

    sqlite3 *saved = db;
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &db), 0);
    ck_assert_int_eq(scalar("SELECT user_version FROM pragma_user_version"), MS_DB_SCHEMA_VERSION);
    ck_assert_int_eq(scalar("SELECT count(*) FROM users WHERE id = 'usr_00000000000000aa'"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM users"), 7);
    /* 11 seeded, and the "Payment confirmed" of Asha's Focus Room (version 8). */
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications"), 12);
    ck_assert_int_eq(scalar("SELECT count(*) FROM events"), 5);
    ck_assert_int_eq(scalar("SELECT count(*) FROM sync_state"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy"), 2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM credit_ledger"), 3);
    ck_assert_int_eq(ms_db_secret(db, "otp_key", key_after, sizeof key_after), 0);
    ck_assert(memcmp(key_before, key_after, sizeof key_after) == 0);
    ms_db_close(db);
    db = saved;
    remove_db_dir(dir);
}
END_TEST

/*
 * A version 4 database (rooms) is migrated in place: guest credentials move to `credentials`
 * with the same secret bytes, orders keep their state, memberships get contract dates, ACME its
 * invoices, and the dataset epoch changes (every cursor gets 410).
 */
START_TEST(test_version_4_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", path[64];
    load_fixture("memberstub-v4.sql", dir, path, sizeof path);
    sqlite3 *file = NULL;
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    char epoch_before[MS_EPOCH_MAX];
    int64_t min_seq;
    ck_assert_int_eq(ms_changes_state(file, epoch_before, &min_seq), 0);
    sqlite3_close(file);

    sqlite3 *saved = db;
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &db), 0);
    ck_assert_int_eq(scalar("SELECT user_version FROM pragma_user_version"), MS_DB_SCHEMA_VERSION);
    ck_assert_int_eq(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'guest_credentials'"),
                     0);
    char buf[512];
    text("SELECT group_concat(id || ' ' || kind || ' ' || building_id || ' ' || guest_email || ' '"
         " || reservation_id, ', ') FROM (SELECT * FROM credentials ORDER BY id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "crd_02750fa2a1d1fc41 booking_guest BLR-1 rahul@example.com bk-v4,"
                          " crd_694a8da3048768c2 booking_guest BLR-1 ana@example.org rzp-v4");
    /* The base64url secret "YJ7WZmXY..." as its 32 bytes. */
    text("SELECT lower(hex(secret)) FROM credentials WHERE id = 'crd_02750fa2a1d1fc41'", buf,
         sizeof buf);
    ck_assert_str_eq(buf, "609ed66665d85210c4cb7ea020b0b2c4c7da57abe9932e90b2b37b8e35e676bd");
    text("SELECT group_concat(status || ' ' || coalesce(paid_via, '-') || ' '"
         " || coalesce(reservation_id, '-'), ', ') FROM (SELECT * FROM razorpay_orders"
         " ORDER BY reservation_id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "paid confirm res_5eed000000000002, paid confirm rzp-v4,"
                          " created - rzp-v4-held");
    text("SELECT status FROM reservations WHERE id = 'rzp-v4-held'", buf, sizeof buf);
    ck_assert_str_eq(buf, "pending_payment");
    ck_assert_int_eq(scalar("SELECT count(*) FROM invoices WHERE company_id = 'ACME'"), 4);
    text("SELECT contract_start || ' ' || contract_end FROM memberships"
         " WHERE user_id = 'usr_5eed000000000001'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "2026-04-01 2027-03-31");
    ck_assert_int_eq(scalar("SELECT count(*) FROM emails WHERE payload IS NULL"), 2);
    char epoch_after[MS_EPOCH_MAX];
    ck_assert_int_eq(ms_changes_state(db, epoch_after, &min_seq), 0);
    ck_assert_str_ne(epoch_after, epoch_before);
    /* The migrated credential opens with a static payload as a new one would. */
    ms_credential c;
    ck_assert_int_eq(ms_credential_load(db, "crd_02750fa2a1d1fc41", &c), 0);
    ck_assert(c.kind == MS_CREDENTIAL_BOOKING_GUEST && c.secret[0] == 0x60 && c.secret[31] == 0xbd);
    ms_db_close(db);
    db = saved;
    remove_db_dir(dir);
}
END_TEST

/*
 * A version 8 database (before tickets) is migrated in place: Asha's session and push token are
 * kept, the category tree takes the protocol's shape, the ground staff arrive with their buildings,
 * the ticket tables start empty, and the dataset epoch changes (two kinds are new).
 */
START_TEST(test_version_8_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", epoch_before[MS_EPOCH_MAX];
    sqlite3 *saved = migrate_fixture("memberstub-v8.sql", dir, epoch_before);
    char buf[256];
    text("SELECT provider || ' ' || token FROM push_tokens WHERE user_id = 'usr_5eed000000000001'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "fcm fcm-asha-v8");
    ck_assert_int_eq(scalar("SELECT count(*) FROM sessions"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM users"), 6);
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_categories WHERE parent_id IS NOT NULL"
                            " AND team IS NOT NULL AND sla_minutes = resolution_min"),
                     10);
    ck_assert_int_eq(scalar("SELECT count(*) FROM ticket_categories"
                            " WHERE id = 'facilities.furniture'"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM staff_buildings"), 3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM tickets"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications"), 12);
    finish_migration(saved, dir, epoch_before);
}
END_TEST

/*
 * A version 9 database (before the notifications hub) is migrated in place: Asha's session, push
 * token, ticket and its notification and push are kept; notifications have kinds (the one made
 * before: "", the seeded ones their causes', the visitor alerts urgent); the new tables start
 * empty; and the dataset epoch changes (notifications changed shape, a kind is new).
 */
START_TEST(test_version_9_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", epoch_before[MS_EPOCH_MAX];
    sqlite3 *saved = migrate_fixture("memberstub-v9.sql", dir, epoch_before);
    char buf[512];
    text("SELECT provider || ' ' || token FROM push_tokens WHERE user_id = 'usr_5eed000000000001'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "fcm fcm-asha-v9");
    ck_assert_int_eq(scalar("SELECT count(*) FROM sessions"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM tickets"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM push_deliveries"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications"), 13);
    text("SELECT group_concat(kind || ':' || urgent, ' ') FROM (SELECT kind, urgent"
         " FROM notifications WHERE user_id = 'usr_5eed000000000001' ORDER BY kind = '', id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "visitor.arrived:1 invoice.generated:0 ticket.resolved:0"
                          " event.reminder:0 announcement:0 payment.confirmed:0 :0");
    text("SELECT title FROM notifications WHERE kind = ''", buf, sizeof buf);
    ck_assert_str_eq(buf, "T-1001 received: Wi-Fi");
    ck_assert_int_eq(scalar("SELECT count(*) FROM notification_prefs"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notification_deliveries"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notices_sent"), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM push_dead_tokens"), 0);
    finish_migration(saved, dir, epoch_before);
}
END_TEST

/*
 * A version 11 database (visitors) is migrated to 12 (desks) in place: Asha's session, her credits
 * booking with its ledger line and her visitor's credential are kept (the rebuilt tables keep
 * every row and index); the desks, prices, cut-offs and allowances are seeded; the dataset epoch
 * changes; the unique indexes refuse a second holder of a desk-day and a second desk for a member
 * that day, while a cancelled booking frees both; a desk credential names its booking.
 */
START_TEST(test_version_11_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", epoch_before[MS_EPOCH_MAX];
    sqlite3 *saved = migrate_fixture("memberstub-v11.sql", dir, epoch_before);
    char buf[512];
    ck_assert_int_eq(scalar("SELECT count(*) FROM sessions"), 1);
    text("SELECT group_concat(id || ' ' || delta || ' ' || balance_after || ' ' || reason || ' '"
         " || coalesce(reservation_id, '-') || ' ' || coalesce(desk_booking_id, '-'), ', ')"
         " FROM (SELECT * FROM credit_ledger WHERE company_id = 'ACME' ORDER BY seq)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "led_000000000001 200 200 monthly_reset - -, led_000000000003 -12 188"
                          " booking res_5eed000000000001 -, led_000000000004 -2 186 booking"
                          " res_fx11credits -");
    text("SELECT kind || ' ' || visitor_id || ' ' || length(secret) || ' '"
         " || coalesce(desk_booking_id, '-') FROM credentials",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "visitor vis_0123456789abcdef0123456789abc011 32 -");
    text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
         " WHERE type = 'index' AND tbl_name IN ('credentials', 'credit_ledger')"
         " AND sql IS NOT NULL ORDER BY name)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "credentials_by_desk_booking credentials_by_holder"
                          " credentials_by_reservation credentials_by_visitor"
                          " credit_ledger_by_company");
    text("SELECT group_concat(building_id || ':' || n, ' ') FROM (SELECT building_id, count(*) AS n"
         " FROM desks WHERE kind = 'hot' GROUP BY building_id ORDER BY building_id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "BLR-1:12 LON-1:8 MUM-1:6");
    text("SELECT group_concat(feature, ',') FROM (SELECT feature FROM desk_features"
         " WHERE desk_id = 'BLR-1-D03' ORDER BY feature)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "monitor,quiet,standing");
    text("SELECT area || ' ' || kind || ' ' || assigned_user_id FROM desks WHERE id = 'BLR-1-D14'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "Window bay dedicated usr_5eed000000000002");
    text("SELECT group_concat(building_id || ' ' || day_price_paise || ' ' || day_credits || ' '"
         " || checkin_cutoff_min, ', ') FROM (SELECT * FROM desk_settings ORDER BY building_id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "BLR-1 60000 4 660, LON-1 2500 4 660, MUM-1 50000 4 660");
    text("SELECT group_concat(user_id || ':' || desk_days_per_month, ' ') FROM (SELECT * FROM"
         " memberships ORDER BY user_id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "usr_5eed000000000001:8 usr_5eed000000000002:0 usr_5eed000000000003:5");
    ck_assert_int_eq(scalar("SELECT count(*) FROM desk_bookings"), 0);

    /* The race's judge: one holder per desk-day, one desk per member per day, among live ones. */
    static const char book[] =
        "INSERT INTO desk_bookings (id, user_id, desk_id, building_id, date, status, paid_by,"
        " currency, cancelled_at_ms, cancel_reason, created_at_ms, updated_at_ms) VALUES"
        " ('%s', '%s', '%s', 'BLR-1', '2027-01-05', '%s', 'credits', 'INR', %s, %s, 1, 1)";
    char sql[512];
    snprintf(sql, sizeof sql, book, "dbk_1", ASHA, "BLR-1-D07", "confirmed", "NULL", "NULL");
    ck_assert_int_eq(ms_db_exec(db, sql), 0);
    snprintf(sql, sizeof sql, book, "dbk_2", "usr_5eed000000000003", "BLR-1-D07", "confirmed",
             "NULL", "NULL");
    ck_assert_int_ne(ms_db_exec(db, sql), 0);
    snprintf(sql, sizeof sql, book, "dbk_3", ASHA, "BLR-1-D08", "confirmed", "NULL", "NULL");
    ck_assert_int_ne(ms_db_exec(db, sql), 0);
    snprintf(sql, sizeof sql, book, "dbk_4", ASHA, "BLR-1-D07", "cancelled", "2", "'member'");
    ck_assert_int_eq(ms_db_exec(db, sql), 0);
    ck_assert_int_eq(ms_db_exec(db, "UPDATE desk_bookings SET status = 'cancelled',"
                                    " cancelled_at_ms = 3, cancel_reason = 'member'"
                                    " WHERE id = 'dbk_1'"),
                     0);
    snprintf(sql, sizeof sql, book, "dbk_5", "usr_5eed000000000003", "BLR-1-D07", "confirmed",
             "NULL", "NULL");
    ck_assert_int_eq(ms_db_exec(db, sql), 0);
    /* A desk credential names its booking and its holder. */
    ck_assert_int_ne(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id,"
                                    " holder_user_id, valid_from_ms, valid_until_ms, secret,"
                                    " issued_at_ms) VALUES ('crd_d', 'desk', 'BLR-1',"
                                    " 'usr_5eed000000000003', 1, 2, zeroblob(32), 1)"),
                     0);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id,"
                                    " holder_user_id, desk_booking_id, valid_from_ms,"
                                    " valid_until_ms, secret, issued_at_ms) VALUES ('crd_d',"
                                    " 'desk', 'BLR-1', 'usr_5eed000000000003', 'dbk_5', 1, 2,"
                                    " zeroblob(32), 1)"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    finish_migration(saved, dir, epoch_before);
}
END_TEST

/*
 * A version 12 database (desks) is migrated to 13 (community) in place: Vikram's session and every
 * RSVP are kept as they were (the rebuilt rsvps keep each row, none waitlisted, and the index by
 * event; the new partial unique index orders a waitlist); the announcements, offers and the
 * Cult.fit pool are seeded and the pantry notifications link their announcement; the dataset epoch
 * changes; a waitlisted RSVP needs its place in line, and a single-use code goes to one member.
 */
START_TEST(test_version_12_database_is_migrated)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", epoch_before[MS_EPOCH_MAX];
    sqlite3 *saved = migrate_fixture("memberstub-v12.sql", dir, epoch_before);
    char buf[512];
    ck_assert_int_eq(scalar("SELECT count(*) FROM sessions"), 1);
    text("SELECT group_concat(user_id || ' ' || event_id || ' ' || status || ' '"
         " || coalesce(waitlist_seq, '-'), ', ') FROM (SELECT * FROM rsvps"
         " ORDER BY user_id, event_id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "usr_5eed000000000001 EVT-BLR-NETWORKING going -,"
                          " usr_5eed000000000002 EVT-BLR-DIWALI not_going -,"
                          " usr_5eed000000000002 EVT-BLR-FIRESIDE going -,"
                          " usr_5eed000000000003 EVT-LON-SOCIAL going -,"
                          " usr_5eed000000000009 EVT-BLR-FIRESIDE going -");
    text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
         " WHERE type = 'index' AND tbl_name = 'rsvps' AND sql IS NOT NULL ORDER BY name)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "rsvps_by_event rsvps_waitlist");
    text("SELECT group_concat(id || ':' || coalesce(building_id, '*') || ':' || pinned || ':'"
         " || (expires_at_ms IS NOT NULL), ' ') FROM (SELECT * FROM announcements ORDER BY id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "ann_5eed000000000001:BLR-1:1:0 ann_5eed000000000002:*:0:0"
                          " ann_5eed000000000003:BLR-1:0:1");
    text("SELECT group_concat(id || ':' || code_kind || ':' || coalesce(shared_code, '-'), ' ')"
         " FROM (SELECT * FROM offers ORDER BY id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "ofr_5eed000000000001:shared:MCBLUE20 ofr_5eed000000000002:single_use:-"
                          " ofr_5eed000000000003:shared:MCPRET");
    ck_assert_int_eq(scalar("SELECT count(*) FROM offer_codes WHERE user_id IS NULL"), 3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE deep_link ="
                            " 'membercore://announcements/ann_5eed000000000001'"),
                     2);
    /* A waitlisted RSVP has its place in line; a code goes to one member only. */
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO rsvps (user_id, event_id, status, updated_at_ms)"
                                    " VALUES ('usr_5eed000000000003', 'EVT-BLR-FIRESIDE',"
                                    " 'waitlisted', 1)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "UPDATE offer_codes SET user_id = 'usr_5eed000000000001',"
                                    " redeemed_at_ms = 1 WHERE offer_id = 'ofr_5eed000000000002'"),
                     -1);
    finish_migration(saved, dir, epoch_before);
}
END_TEST

/* An app on the test database with its clock stopped at now_ms (ms_clock_destroy when done). */
static ms_app app_at(int64_t now_ms)
{
    ms_app app = {.db = db, .rng = rng};
    ms_clock_init(&app.clock);
    ms_clock_set(&app.clock, now_ms);
    return app;
}

/*
 * ms_notify_once sends a (kind, entity, user) once: a second call answers 0 and makes nothing,
 * another user or entity is sent. A category the server never sends is refused.
 */
START_TEST(test_a_notice_goes_once)
{
    ms_app app = app_at(T0);
    ms_notice n = {.user_id = ASHA,
                   .building_id = "BLR-1",
                   .kind = "booking.reminder",
                   .category = "bookings",
                   .title = "Boardroom in 15 minutes",
                   .body = "Your booking starts at 10:15 IST.",
                   .deep_link = "membercore://bookings/res_5eed000000000001",
                   .urgent = true};
    long long before = scalar("SELECT count(*) FROM notifications");
    ck_assert_int_eq(ms_notify_once(&app, &n, "res_5eed000000000001"), 1);
    ck_assert_int_eq(ms_notify_once(&app, &n, "res_5eed000000000001"), 0);
    ck_assert_int_eq(ms_notify_once(&app, &n, "res_5eed000000000002"), 1);
    n.user_id = "usr_5eed000000000002";
    ck_assert_int_eq(ms_notify_once(&app, &n, "res_5eed000000000001"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications"), before + 3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notifications WHERE kind = 'booking.reminder'"
                            " AND urgent = 1 AND building_id = 'BLR-1' AND is_read = 0"),
                     3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notices_sent"), 3);
    n.category = "other";
    ck_assert_int_eq(ms_notify_send(&app, &n, NULL), -1);
    ms_clock_destroy(&app.clock);
}
END_TEST

/*
 * A member without a membership (Priya, staff) has quiet hours in the notification's building:
 * at 06:30 UTC it is 06:30 in London (held until 07:00 GMT) and 12:00 in Bengaluru (sent); a
 * notification of no building is never held.
 */
START_TEST(test_quiet_hours_without_a_membership_use_the_notices_building)
{
    static const char priya[] = "usr_5eed000000000009";
    int64_t at = T0 + 26 * 3600000LL; /* 2027-01-05T06:30Z */
    ms_app app = app_at(at);
    ck_assert_int_eq(ms_db_run(db,
                               "INSERT INTO push_tokens (user_id, client_id, provider, token,"
                               " updated_at_ms) VALUES (?, 'p1', 'apns', 'apns-priya', 0)",
                               "t", priya),
                     0);
    ms_notice n = {.user_id = priya,
                   .building_id = "LON-1",
                   .kind = "announcement",
                   .category = "announcements",
                   .title = "Fire drill",
                   .body = "At 10:00."};
    char london[MS_ID_MAX], bengaluru[MS_ID_MAX], nowhere[MS_ID_MAX];
    ck_assert_int_eq(ms_notify_send(&app, &n, london), 0);
    n.building_id = "BLR-1";
    ck_assert_int_eq(ms_notify_send(&app, &n, bengaluru), 0);
    n.building_id = NULL;
    ck_assert_int_eq(ms_notify_send(&app, &n, nowhere), 0);
    char buf[256], sql[256];
    snprintf(sql, sizeof sql,
             "SELECT status || ' ' || coalesce(release_at_ms - %lld, -1) FROM"
             " notification_deliveries WHERE notification_id = '%s'",
             (long long)at, london);
    text(sql, buf, sizeof buf);
    ck_assert_str_eq(buf, "held 1800000");
    snprintf(sql, sizeof sql,
             "SELECT status || ' ' || provider || ' ' || to_addr FROM notification_deliveries"
             " WHERE notification_id = '%s'",
             bengaluru);
    text(sql, buf, sizeof buf);
    ck_assert_str_eq(buf, "sent apns apns-priya");
    snprintf(sql, sizeof sql,
             "SELECT status FROM notification_deliveries WHERE notification_id = '%s'", nowhere);
    text(sql, buf, sizeof buf);
    ck_assert_str_eq(buf, "sent");
    /* Upkeep's release: nothing before 07:00 GMT, then the held push, once. */
    ck_assert_int_eq(ms_notify_release_due(db, at + 1800000 - 1), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'held'"),
                     1);
    ck_assert_int_eq(ms_notify_release_due(db, at + 1800000), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'held'"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM push_deliveries WHERE token = 'apns-priya'"), 3);
    ck_assert_int_eq(ms_notify_release_due(db, at + 3600000), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM push_deliveries WHERE token = 'apns-priya'"), 3);
    ms_clock_destroy(&app.clock);
}
END_TEST

/*
 * Version 11 (visitors) rebuilds `credentials` to allow the kind `visitor`: a version 9 database
 * with two booking-guest credentials (one revoked) migrates through 10 and 11 keeping both rows as
 * they were (kind, guest, validity, secret, revocation) and the indexes; the new table refuses a
 * visitor credential without its visitor, and `visitors` starts empty.
 */
START_TEST(test_version_11_rebuilds_credentials_keeping_rows)
{
    char dir[] = "/tmp/memberstub-db-XXXXXX", path[64];
    load_fixture("memberstub-v9.sql", dir, path, sizeof path);
    sqlite3 *file = NULL;
    ck_assert_int_eq(sqlite3_open(path, &file), SQLITE_OK);
    ck_assert_int_eq(
        sqlite3_exec(file,
                     "INSERT INTO credentials (id, kind, building_id, guest_email, reservation_id,"
                     " valid_from_ms, valid_until_ms, secret, issued_at_ms, revoked_at_ms) VALUES"
                     " ('crd_guest1', 'booking_guest', 'BLR-1', 'ana@example.com',"
                     "  'res_5eed000000000001', 100, 200, zeroblob(32), 50, NULL),"
                     " ('crd_guest2', 'booking_guest', 'BLR-1', 'raj@example.com',"
                     "  'res_5eed000000000001', 100, 200, randomblob(32), 50, 150)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(file);
    sqlite3 *saved = db;
    ck_assert_int_eq(ms_db_open(path, rng, ms_seed_step, T0, &db), 0);
    ck_assert_int_eq(scalar("SELECT user_version FROM pragma_user_version"), MS_DB_SCHEMA_VERSION);
    char buf[512];
    text("SELECT group_concat(id || ' ' || kind || ' ' || guest_email || ' ' || reservation_id"
         " || ' ' || valid_from_ms || '-' || valid_until_ms || ' ' || length(secret) || ' '"
         " || coalesce(revoked_at_ms, 'live') || ' ' || coalesce(visitor_id, '-'), ', ')"
         " FROM (SELECT * FROM credentials ORDER BY id)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "crd_guest1 booking_guest ana@example.com res_5eed000000000001 100-200"
                          " 32 live -, crd_guest2 booking_guest raj@example.com"
                          " res_5eed000000000001 100-200 32 150 -");
    ck_assert_int_eq(scalar("SELECT count(*) FROM credentials WHERE secret = zeroblob(32)"), 1);
    text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
         " WHERE type = 'index' AND tbl_name = 'credentials' AND sql IS NOT NULL ORDER BY name)",
         buf, sizeof buf);
    /* (version 12 adds the desk bookings' index) */
    ck_assert_str_eq(buf, "credentials_by_desk_booking credentials_by_holder"
                          " credentials_by_reservation credentials_by_visitor");
    ck_assert_int_eq(scalar("SELECT count(*) FROM visitors"), 0);
    /* A visitor credential names its visitor. */
    ck_assert_int_ne(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id, guest_email,"
                                    " valid_from_ms, valid_until_ms, secret, issued_at_ms)"
                                    " VALUES ('crd_v', 'visitor', 'BLR-1', 'v@example.com', 1, 2,"
                                    " zeroblob(32), 1)"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    ms_db_close(db);
    db = saved;
    remove_db_dir(dir);
}
END_TEST

/*
 * A ticket as the member and as staff see it: a staff internal note is in the staff's view (with
 * internal: true) and never in the member's entity, nor in any change the member pulls; staff
 * assigning it is a status entry, the first response, and a notification.
 */
START_TEST(test_internal_notes_never_reach_the_member)
{
    ms_app app = {.db = db, .rng = rng};
    ms_clock_init(&app.clock);
    ms_clock_set(&app.clock, T0);
    static const char tkt[] = "tkt_0123456789abcdef0123456789abcdef";
    cJSON *payload = cJSON_Parse("{\"ticket_id\": \"tkt_0123456789abcdef0123456789abcdef\","
                                 " \"building_id\": \"BLR-1\", \"category_id\": \"it.wifi\","
                                 " \"priority\": \"normal\", \"description\": \"No Wi-Fi\"}");
    ms_refusal why;
    ck_assert_int_eq(ms_ticket_file(&app, ASHA, payload, &why), 0);
    cJSON_Delete(payload);
    char id[MS_ID_MAX];
    ck_assert_int_eq(ms_ticket_find_in_building(db, "BLR-1", "T-1001", id, sizeof id), 0);
    ck_assert_str_eq(id, tkt);
    ck_assert_int_eq(ms_ticket_find_in_building(db, "LON-1", "T-1001", id, sizeof id), 1);

    ms_clock_set(&app.clock, T0 + 60000);
    ms_ticket_author kiran = {MS_ACTOR_STAFF, "usr_5eed000000000010", NULL};
    ms_ticket_entry note = {.ticket_id = tkt,
                            .type = "note",
                            .author = kiran,
                            .text = "router in the cabin is the old model",
                            .at_ms = T0 + 60000};
    ck_assert_int_eq(ms_ticket_entry_add(db, rng, &note), 0);
    ck_assert_int_eq(ms_ticket_changed(db, tkt, T0 + 60000, false), 0);
    ms_ticket_verdict verdict;
    ck_assert_int_eq(ms_ticket_move_apply(&app, tkt, MS_MOVE_ASSIGN, &kiran, "usr_5eed000000000010",
                                          T0 + 60000, &verdict),
                     0);
    ck_assert(verdict.allowed);

    cJSON *member = NULL, *staff = NULL;
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_TICKET, ASHA, tkt, &member), 0);
    ck_assert_int_eq(ms_ticket_json(db, tkt, true, &staff), 0);
    char *member_text = cJSON_PrintUnformatted(member);
    ck_assert_ptr_null(strstr(member_text, "old model"));
    ck_assert_ptr_null(strstr(member_text, "internal"));
    ck_assert_ptr_null(strstr(member_text, "reporter"));
    ck_assert_str_eq(cJSON_GetObjectItem(member, "status")->valuestring, "assigned");
    ck_assert_str_eq(cJSON_GetObjectItem(member, "assignee_name")->valuestring, "Kiran Das");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(member, "timeline")), 2);
    ck_assert_int_eq(
        cJSON_GetObjectItem(cJSON_GetObjectItem(member, "sla"), "responded_at_ms")->valuedouble,
        (double)(T0 + 60000));
    free(member_text);
    const cJSON *timeline = cJSON_GetObjectItem(staff, "timeline");
    ck_assert_int_eq(cJSON_GetArraySize(timeline), 3);
    const cJSON *n = cJSON_GetArrayItem(timeline, 1);
    ck_assert_str_eq(cJSON_GetObjectItem(n, "type")->valuestring, "note");
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(n, "internal")));
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(n, "author"), "name")->valuestring,
                     "Kiran Das");
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(timeline, 0), "internal")));
    ck_assert_str_eq(
        cJSON_GetObjectItem(cJSON_GetObjectItem(staff, "reporter"), "name")->valuestring,
        "Asha Rao");
    ck_assert_str_eq(cJSON_GetObjectItem(staff, "assignee_id")->valuestring,
                     "usr_5eed000000000010");
    cJSON_Delete(member);
    cJSON_Delete(staff);
    /* Nobody else's entity; no change the member pulls carries the note. */
    ck_assert_int_eq(ms_entity_data(db, MS_KIND_TICKET, "usr_5eed000000000002", tkt, &member), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes WHERE kind = 'ticket'"), 3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes WHERE data LIKE '%old model%'"), 0);
    char buf[256];
    text("SELECT group_concat(title, ' | ') FROM (SELECT title FROM notifications"
         " WHERE deep_link = 'membercore://tickets/tkt_0123456789abcdef0123456789abcdef'"
         " ORDER BY created_at_ms)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "T-1001 received: Wi-Fi | T-1001 assigned: Wi-Fi");
    text("SELECT body FROM notifications WHERE title = 'T-1001 assigned: Wi-Fi'", buf, sizeof buf);
    ck_assert_str_eq(buf, "Kiran Das is on it.");
    ms_clock_destroy(&app.clock);
}
END_TEST

/* The rooms seed: a room_busy per confirmed reservation, a ledger that explains the balances. */
START_TEST(test_seed_has_the_rooms_data)
{
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy"), 2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy b JOIN reservations r"
                            " ON r.id = b.reservation_id AND r.room_id = b.room_id"
                            " AND r.start_ms = b.start_ms AND r.end_ms = b.end_ms"
                            " WHERE r.status = 'confirmed'"),
                     2);
    /* 2 + 1 hours */
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy_blocks"), 3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM companies c WHERE credit_balance ="
                            " (SELECT sum(delta) FROM credit_ledger l WHERE l.company_id = c.id)"
                            " AND credit_balance = (SELECT balance_after FROM credit_ledger l"
                            " WHERE l.company_id = c.id ORDER BY seq DESC LIMIT 1)"),
                     2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM companies WHERE credit_month = '2027-01'"), 2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM buildings WHERE booking_window_days = 30"
                            " AND min_notice_min = 15 AND cancel_cutoff_min = 120"),
                     3);
    ck_assert_int_eq(scalar("SELECT count(*) FROM building_blackouts"), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_blackouts"), 2);
    ck_assert_int_eq(scalar("SELECT credits FROM reservations WHERE id = 'res_5eed000000000001'"),
                     12);
    /* One hour at 600.00 and GST 18% (the version 8 seed). */
    ck_assert_int_eq(
        scalar("SELECT amount_paise FROM reservations WHERE id = 'res_5eed000000000002'"), 70800);
    ck_assert_int_eq(scalar("SELECT count(*) FROM razorpay_orders o JOIN reservations r"
                            " ON r.order_id = o.id AND o.reservation_id = r.id"
                            " WHERE o.status = 'paid' AND o.amount_paise = r.amount_paise"),
                     1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM changes"), 0);
}
END_TEST

/* The exclusion check: a block has one holder, even for a caller that skipped the overlap test. */
START_TEST(test_a_block_has_at_most_one_holder)
{
    /* Seeded: BLR-1-BOARD 2027-01-05 10:00-12:00 IST = [1799123400000, 1799130600000). */
    const int64_t ten = 1799123400000LL, hour = 3600000LL;
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO reservations (id, user_id, room_id, building_id,"
                                    " start_ms, end_ms, status, paid_by, created_at_ms) VALUES"
                                    " ('res_x', 'usr_5eed000000000002', 'BLR-1-BOARD', 'BLR-1',"
                                    " 1799127000000, 1799134200000, 'confirmed', 'credits', 0),"
                                    " ('res_y', 'usr_5eed000000000002', 'BLR-1-BOARD', 'BLR-1',"
                                    " 1799130600000, 1799134200000, 'confirmed', 'credits', 0)"),
                     0);
    bool overlaps;
    ck_assert_int_eq(
        ms_room_busy_overlaps(db, "BLR-1-BOARD", ten + hour, ten + 3 * hour, &overlaps), 0);
    ck_assert(overlaps);
    ck_assert_int_eq(
        ms_room_busy_overlaps(db, "BLR-1-BOARD", ten + 2 * hour, ten + 3 * hour, &overlaps), 0);
    ck_assert(!overlaps); /* touching the end is fine */
    ck_assert_int_eq(ms_room_busy_overlaps(db, "BLR-1-HUDDLE", ten, ten + hour, &overlaps), 0);
    ck_assert(!overlaps);
    /* 11:00-13:00 shares the 11:00 block: refused, and nothing of it is written. */
    char busy[64];
    ck_assert_int_eq(
        ms_room_busy_add(db, rng, "BLR-1-BOARD", "res_x", ten + hour, ten + 3 * hour, busy), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy"), 2);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy_blocks"), 3);
    /* Straight into the table: the primary key says no. */
    ck_assert_int_ne(sqlite3_exec(db,
                                  "INSERT INTO room_busy_blocks (room_id, block_start_ms, busy_id)"
                                  " SELECT room_id, block_start_ms, busy_id FROM room_busy_blocks"
                                  " LIMIT 1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_PRIMARYKEY);
    /* 12:00-13:00 is free: held; released again. */
    ck_assert_int_eq(
        ms_room_busy_add(db, rng, "BLR-1-BOARD", "res_y", ten + 2 * hour, ten + 3 * hour, busy), 0);
    ck_assert(strncmp(busy, "rb_", 3) == 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy_blocks"), 4);
    char released[64];
    ck_assert_int_eq(ms_room_busy_release(db, "res_y", released), 0);
    ck_assert_str_eq(released, busy);
    ck_assert_int_eq(scalar("SELECT count(*) FROM room_busy_blocks"), 3);
    ck_assert_int_eq(ms_room_busy_release(db, "res_y", released), 0);
    ck_assert_str_eq(released, "");
}
END_TEST

/*
 * The billing seed: ACME's four invoices (overdue, paid, issued, paid) whose lines add up to the
 * subtotal and whose totals are subtotal - discount + 18% GST; the numbering goes on from them;
 * every member has contract dates; the billing notifications link to their invoices.
 */
START_TEST(test_seed_has_the_billing_data)
{
    char buf[512];
    text("SELECT group_concat(number || ' ' || status, ', ') FROM"
         " (SELECT * FROM invoices WHERE company_id = 'ACME' ORDER BY id)",
         buf, sizeof buf);
    /* Numbered in the order of issue (the meeting-room hours were issued a day before
     * January's membership), from 0001 in each series. */
    ck_assert_str_eq(buf, "INV-2026-0001 overdue, INV-2026-0002 paid, INV-2027-0002 issued,"
                          " INV-2027-0001 paid");
    ck_assert_int_eq(scalar("SELECT count(*) FROM invoices i WHERE subtotal_paise <>"
                            " (SELECT sum(amount_paise) FROM invoice_lines l"
                            "  WHERE l.invoice_id = i.id)"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM invoices WHERE gst_paise <>"
                            " ((subtotal_paise - discount_paise) * 18 + 50) / 100"),
                     0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM invoices WHERE (status = 'paid')"
                            " <> (paid_at_ms IS NOT NULL)"),
                     0);
    ck_assert_int_eq(scalar("SELECT last FROM invoice_numbers WHERE year = 2026"), 2);
    /* January's two and Asha's Focus Room (paid by Razorpay after them). */
    ck_assert_int_eq(scalar("SELECT last FROM invoice_numbers WHERE year = 2027"), 3);
    text("SELECT number || ' ' || status || ' ' || subtotal_paise || '+' || gst_paise || '='"
         " || total_paise FROM invoices WHERE reservation_id = 'res_5eed000000000002'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "INV-2027-0003 paid 60000+10800=70800");
    text("SELECT body FROM notifications WHERE deep_link ="
         " 'membercore://billing/invoices/inv_5eed000000000005'",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "We received \u20b9708.00 for invoice INV-2027-0003.");
    /* The billing notifications name the number of the invoice they link to. */
    text("SELECT title FROM notifications WHERE id = 'ntf_5eed000000000102'", buf, sizeof buf);
    ck_assert_str_eq(buf, "Invoice INV-2027-0002 generated");
    text("SELECT body FROM notifications WHERE id = 'ntf_5eed000000000202'", buf, sizeof buf);
    ck_assert_str_eq(buf, "We received \u20b918,880.00 for invoice INV-2027-0001.");
    ck_assert_int_eq(scalar("SELECT count(*) FROM memberships WHERE status = 'active'"
                            " AND contract_start < contract_end AND contract_start <> ''"),
                     3);
    text("SELECT deep_link FROM notifications WHERE id = 'ntf_5eed000000000102'", buf, sizeof buf);
    ck_assert_str_eq(buf, "membercore://billing/invoices/inv_5eed000000000003");
    /* An invoice's totals must add up, and it is billed to one payer. */
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO invoices (id, company_id, status,"
                                    " subtotal_paise, discount_paise, gst_paise, total_paise,"
                                    " created_at_ms) VALUES ('i', 'ACME', 'issued', 100, 0, 18,"
                                    " 119, 0)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO invoices (id, user_id, company_id, status,"
                                    " subtotal_paise, discount_paise, gst_paise, total_paise,"
                                    " created_at_ms) VALUES ('i', 'usr_5eed000000000001', 'ACME',"
                                    " 'issued', 100, 0, 18, 118, 0)"),
                     -1);
    /* One pass per person per building per date among held and active ones. */
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO invoices (id, user_id, status, subtotal_paise,"
                                    " discount_paise, gst_paise, total_paise, created_at_ms,"
                                    " hold_expires_at_ms) VALUES ('i', 'usr_5eed000000000001',"
                                    " 'draft', 160000, 0, 28800, 188800, 0, 1);"
                                    "INSERT INTO passes (id, user_id, building_id, date, position,"
                                    " person, status, invoice_id, created_at_ms) VALUES"
                                    " ('p1', 'usr_5eed000000000001', 'BLR-1', '2027-01-05', 0,"
                                    " 'a@x.in', 'held', 'i', 0)"),
                     0);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO passes (id, user_id, building_id, date,"
                                    " position, person, status, invoice_id, created_at_ms)"
                                    " VALUES ('p2', 'usr_5eed000000000001', 'BLR-1', '2027-01-05',"
                                    " 1, 'a@x.in', 'active', 'i', 0)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "UPDATE passes SET status = 'released' WHERE id = 'p1';"
                                    "INSERT INTO passes (id, user_id, building_id, date,"
                                    " position, person, status, invoice_id, created_at_ms)"
                                    " VALUES ('p2', 'usr_5eed000000000001', 'BLR-1', '2027-01-05',"
                                    " 1, 'a@x.in', 'held', 'i', 0)"),
                     0);
}
END_TEST

/* Credentials: random ids and 32-byte secrets, a holder or a guest, revoked by reservation. */
START_TEST(test_credentials_are_random_and_revocable)
{
    ms_credential a, b, back;
    memset(&a, 0, sizeof a);
    a.kind = MS_CREDENTIAL_BOOKING_GUEST;
    snprintf(a.building_id, sizeof a.building_id, "BLR-1");
    snprintf(a.guest_email, sizeof a.guest_email, "a@example.com");
    snprintf(a.reservation_id, sizeof a.reservation_id, "res_5eed000000000001");
    a.valid_from_ms = 10;
    a.valid_until_ms = 20;
    b = a;
    snprintf(b.guest_email, sizeof b.guest_email, "b@example.com");
    ck_assert_int_eq(ms_credential_issue(db, rng, &a, 5), 0);
    ck_assert_int_eq(ms_credential_issue(db, rng, &b, 5), 0);
    ck_assert(strncmp(a.id, "crd_", 4) == 0 && strlen(a.id) == 20);
    ck_assert_str_ne(a.id, b.id);
    ck_assert(memcmp(a.secret, b.secret, sizeof a.secret) != 0);
    ck_assert_int_eq(scalar("SELECT count(DISTINCT secret) FROM credentials"
                            " WHERE length(secret) = 32 AND kind = 'booking_guest'"),
                     2);
    ck_assert_int_eq(ms_credential_load(db, a.id, &back), 0);
    ck_assert(memcmp(back.secret, a.secret, sizeof a.secret) == 0);
    ck_assert_str_eq(back.guest_email, "a@example.com");
    ck_assert_str_eq(back.holder_user_id, "");
    ck_assert(back.kind == MS_CREDENTIAL_BOOKING_GUEST && !back.revoked);
    ck_assert_int_eq(ms_credential_load(db, "crd_nope", &back), 1);
    ck_assert_int_eq(ms_credentials_revoke(db, "res_5eed000000000001", 7), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM credentials WHERE revoked_at_ms = 7"), 2);
    ck_assert_int_eq(ms_credential_load(db, a.id, &back), 0);
    ck_assert(back.revoked);
    /* A guest's payload is the static one. */
    char payload[MS_ACCESS_PAYLOAD_MAX], expected[MS_ACCESS_PAYLOAD_MAX];
    ck_assert_int_eq(ms_credential_guest_payload(&a, payload), 0);
    snprintf(expected, sizeof expected, "MC1|%s|G|", a.id);
    ck_assert(strncmp(payload, expected, strlen(expected)) == 0);
    /* The CHECKs: a non-empty span, a holder or a guest (not both), the kind's link. */
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id, guest_email,"
                                    " reservation_id, valid_from_ms, valid_until_ms, secret,"
                                    " issued_at_ms) VALUES ('c', 'booking_guest', 'BLR-1', 'e',"
                                    " 'res_5eed000000000001', 5, 5, zeroblob(32), 0)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id,"
                                    " holder_user_id, guest_email, reservation_id, valid_from_ms,"
                                    " valid_until_ms, secret, issued_at_ms) VALUES ('c',"
                                    " 'booking_guest', 'BLR-1', 'usr_5eed000000000001', 'e',"
                                    " 'res_5eed000000000001', 5, 6, zeroblob(32), 0)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id, guest_email,"
                                    " reservation_id, valid_from_ms, valid_until_ms, secret,"
                                    " issued_at_ms) VALUES ('c', 'pass', 'BLR-1', 'e',"
                                    " 'res_5eed000000000001', 5, 6, zeroblob(32), 0)"),
                     -1);
    ck_assert_int_eq(ms_db_exec(db, "INSERT INTO credentials (id, kind, building_id, guest_email,"
                                    " reservation_id, valid_from_ms, valid_until_ms, secret,"
                                    " issued_at_ms) VALUES ('c', 'booking_guest', 'BLR-1', 'e',"
                                    " 'res_5eed000000000001', 5, 6, zeroblob(16), 0)"),
                     -1);
}
END_TEST

/* Credits: never below zero; each move a ledger line in the company's scope; monthly reset. */
START_TEST(test_credit_ledger_and_monthly_reset)
{
    ck_assert_int_eq(ms_credits_apply(db, "HART", -121, "booking", "res_x", T0), 1);
    ck_assert_int_eq(scalar("SELECT count(*) FROM credit_ledger"), 3);
    ck_assert_int_eq(ms_credits_apply(db, "HART", -120, "booking", "res_x", T0), 0);
    int64_t balance;
    ck_assert_int_eq(ms_credits_balance(db, "HART", &balance), 0);
    ck_assert(balance == 0);
    char buf[512];
    text("SELECT id || ' ' || delta || ' ' || balance_after || ' ' || reason FROM credit_ledger"
         " ORDER BY seq DESC LIMIT 1",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "led_000000000004 -120 0 booking");
    text("SELECT group_concat(scope || ' ' || kind || ' ' || entity_id, ', ') FROM"
         " (SELECT * FROM changes ORDER BY seq)",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "c:HART credit_ledger led_000000000004, c:HART company HART");
    /* The CHECK agrees: no balance below zero even when written directly. */
    ck_assert_int_eq(ms_db_exec(db, "UPDATE companies SET credit_balance = -1 WHERE id = 'HART'"),
                     -1);
    /* Same month: nothing; London's 1 February: the reset. */
    const int64_t feb1_london = 1801440000000LL; /* 2027-02-01T00:00:00Z */
    ck_assert_int_eq(ms_credits_refresh(db, "HART", feb1_london - 1), 0);
    ck_assert_int_eq(scalar("SELECT count(*) FROM credit_ledger"), 4);
    ck_assert_int_eq(ms_credits_refresh(db, "HART", feb1_london), 0);
    ck_assert_int_eq(ms_credits_refresh(db, "HART", feb1_london + 1), 0);
    text("SELECT delta || ' ' || balance_after || ' ' || reason || ' ' || at_ms FROM credit_ledger"
         " ORDER BY seq DESC LIMIT 1",
         buf, sizeof buf);
    ck_assert_str_eq(buf, "120 120 monthly_reset 1801440000000");
    text("SELECT credit_month FROM companies WHERE id = 'HART'", buf, sizeof buf);
    ck_assert_str_eq(buf, "2027-02");
    /* Bengaluru's February began 5.5 hours earlier. */
    ck_assert_int_eq(ms_credits_refresh_all(db, feb1_london - 330 * 60000LL), 0);
    text("SELECT credit_month || ' ' || credit_balance FROM companies WHERE id = 'ACME'", buf,
         sizeof buf);
    ck_assert_str_eq(buf, "2027-02 200");
    ck_assert_int_eq(scalar("SELECT count(*) FROM credit_ledger WHERE reason = 'monthly_reset'"),
                     4);
}
END_TEST

/*
 * Every kind's snapshot query is one indexed search: no table scan, no multi-index OR, no
 * temporary B-tree (each of which makes a page cost O(remaining rows), issue 9: 100,000
 * invoices passed the client's timeout). The planner's own account, EXPLAIN QUERY PLAN.
 */
START_TEST(test_snapshot_queries_search_an_index)
{
    for (int kind = 0; kind < MS_KIND_COUNT; kind++) {
        char eqp[1024];
        snprintf(eqp, sizeof eqp, "EXPLAIN QUERY PLAN %s", ms_kind_snapshot_sql((ms_kind)kind));
        sqlite3_stmt *stmt = NULL;
        ck_assert_int_eq(sqlite3_prepare_v2(db, eqp, -1, &stmt, NULL), SQLITE_OK);
        int steps = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const char *detail = (const char *)sqlite3_column_text(stmt, 3);
            steps++;
            /* A scan is allowed only of a subquery's result (invoices: the two indexed
             * next ids, one row each). */
            ck_assert_msg(!strstr(detail, "TEMP B-TREE") && !strstr(detail, "MULTI-INDEX OR") &&
                              (strncmp(detail, "SCAN ", 5) != 0 ||
                               strncmp(detail, "SCAN (subquery", 14) == 0),
                          "%s: the snapshot plan has \"%s\"", ms_kind_name((ms_kind)kind), detail);
        }
        sqlite3_finalize(stmt);
        ck_assert_int_gt(steps, 0);
    }
}
END_TEST

/* The invoices' next id is the smaller of the member's own and their company's, in id order. */
START_TEST(test_snapshot_pages_invoices_of_member_and_company_in_order)
{
    ms_viewer viewer;
    ck_assert_int_eq(ms_viewer_load(db, ASHA, &viewer), 0);
    ck_assert_str_ne(viewer.company_id, "");
    ck_assert_int_eq(
        ms_db_exec(db, "DELETE FROM invoice_lines; DELETE FROM passes; DELETE FROM invoices;"), 0);
    static const char *const ids[] = {"inv_a1", "inv_a2", "inv_b1", "inv_b2", "inv_c1"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        ck_assert_int_eq(
            ms_db_run(db,
                      "INSERT INTO invoices (id, user_id, company_id, status, subtotal_paise,"
                      " discount_paise, gst_paise, total_paise, created_at_ms)"
                      " VALUES (?, nullif(?, ''), nullif(?, ''), 'issued', 100, 0, 18, 118, 0)",
                      "ttt", ids[i], i % 2 ? ASHA : "", i % 2 ? "" : viewer.company_id),
            0);
    char after[MS_ID_MAX] = "";
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        ck_assert_int_eq(ms_entity_next(db, &viewer, MS_KIND_INVOICE, after, after, sizeof after),
                         1);
        ck_assert_str_eq(after, ids[i]);
    }
    ck_assert_int_eq(ms_entity_next(db, &viewer, MS_KIND_INVOICE, after, after, sizeof after), 0);
}
END_TEST

static Suite *stub_db_suite(void)
{
    Suite *s = suite_create("stub_db");
    TCase *seed = tcase_create("seed");
    tcase_add_checked_fixture(seed, setup, teardown);
    tcase_add_test(seed, test_seed_has_the_fixed_buildings_and_hours);
    tcase_add_test(seed, test_seed_has_differing_rooms_and_the_blr_boardroom);
    tcase_add_test(seed, test_seed_has_acme_and_its_members);
    tcase_add_test(seed, test_seed_has_open_space_and_bundle_tiers);
    tcase_add_test(seed, test_seed_has_events_and_ticket_categories);
    tcase_add_test(seed, test_seed_has_the_sync_data);
    tcase_add_test(seed, test_seed_has_each_buildings_money);
    suite_add_tcase(s, seed);
    TCase *sync = tcase_create("sync");
    tcase_add_checked_fixture(sync, setup, teardown);
    tcase_add_test(sync, test_entity_data_has_the_contract_fields);
    tcase_add_test(sync, test_changes_carry_scope_and_data);
    tcase_add_test(sync, test_compaction_moves_the_floor_past_the_head);
    tcase_add_test(sync, test_snapshot_queries_search_an_index);
    tcase_add_test(sync, test_snapshot_pages_invoices_of_member_and_company_in_order);
    suite_add_tcase(s, sync);
    TCase *rooms = tcase_create("rooms");
    tcase_add_checked_fixture(rooms, setup, teardown);
    tcase_add_test(rooms, test_seed_has_the_rooms_data);
    tcase_add_test(rooms, test_a_block_has_at_most_one_holder);
    tcase_add_test(rooms, test_credentials_are_random_and_revocable);
    tcase_add_test(rooms, test_seed_has_the_billing_data);
    tcase_add_test(rooms, test_credit_ledger_and_monthly_reset);
    suite_add_tcase(s, rooms);
    TCase *secrets = tcase_create("secrets");
    tcase_add_checked_fixture(secrets, setup, teardown);
    tcase_add_test(secrets, test_otp_is_stored_only_as_a_keyed_hash);
    tcase_add_test(secrets, test_otp_outside_test_mode_keeps_no_code);
    tcase_add_test(secrets, test_session_token_is_stored_only_as_sha256);
    tcase_add_test(secrets, test_each_database_has_its_own_otp_key);
    suite_add_tcase(s, secrets);
    TCase *migrations = tcase_create("migrations");
    tcase_add_checked_fixture(migrations, setup, teardown);
    tcase_add_test(migrations, test_reopening_keeps_data_and_does_not_reseed);
    tcase_add_test(migrations, test_version_1_database_is_migrated);
    tcase_add_test(migrations, test_version_4_database_is_migrated);
    tcase_add_test(migrations, test_version_8_database_is_migrated);
    tcase_add_test(migrations, test_version_9_database_is_migrated);
    tcase_add_test(migrations, test_version_11_rebuilds_credentials_keeping_rows);
    tcase_add_test(migrations, test_version_11_database_is_migrated);
    tcase_add_test(migrations, test_version_12_database_is_migrated);
    tcase_add_test(seed, test_internal_notes_never_reach_the_member);
    suite_add_tcase(s, migrations);
    TCase *notify = tcase_create("notify");
    tcase_add_checked_fixture(notify, setup, teardown);
    tcase_add_test(notify, test_a_notice_goes_once);
    tcase_add_test(notify, test_quiet_hours_without_a_membership_use_the_notices_building);
    suite_add_tcase(s, notify);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_db_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
