/*
 * tests/unit/test_migrations.c - the store's schema migrates forward, never loses data,
 * never half-applies a step, and refuses a store newer than the code.
 *
 * Real SQLite files in a temporary directory; the fixtures in tests/fixtures are
 * stores as every earlier schema version left them.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <membercore/membercore.h>

#include "store/migrations.h"
#include "tempdir.h"

static char *dir;

static void setup(void)
{
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    dir = NULL;
}

static mc_status open_client(mc_client **client, mc_error *err)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    return mc_client_open(&cfg, client, err);
}

static sqlite3 *open_raw(void)
{
    char *path = tempdir_path(dir, "membercore.db");
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    free(path);
    return db;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open fixture %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static char *query_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    char *out = NULL;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        out = strdup((const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
}

static int table_exists(sqlite3 *db, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT name FROM sqlite_master WHERE type='table' AND name='%s'",
             name);
    char *found = query_text(db, sql);
    free(found);
    return found != NULL;
}

/* Each query's first value is the text expected beside it. */
static void assert_queries(sqlite3 *db, const char *const (*checks)[2], size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *got = query_text(db, checks[i][0]);
        ck_assert_msg(got != NULL, "nothing from %s", checks[i][0]);
        ck_assert_str_eq(got, checks[i][1]);
        free(got);
    }
}

/* A fresh data directory gets a store at the latest version with every table. */
START_TEST(test_fresh_store_is_at_latest_version)
{
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(open_client(&client, &err), MC_OK);
    mc_client_free(client);
    sqlite3 *db = open_raw();
    ck_assert_int_eq(mci_schema_version(db), mc_store_schema_version());
    ck_assert(table_exists(db, "meta"));
    ck_assert(table_exists(db, "account"));
    char *mode = query_text(db, "PRAGMA journal_mode");
    ck_assert_str_eq(mode, "wal");
    free(mode);
    sqlite3_close(db);
}
END_TEST

/* Every earlier schema version has a fixture, and each upgrades keeping its data. */
START_TEST(test_every_earlier_version_upgrades_keeping_data)
{
    const char *fixtures = getenv("FIXTURES_DIR");
    ck_assert_msg(fixtures != NULL, "FIXTURES_DIR is not set");
    for (int version = 1; version < mc_store_schema_version(); version++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/store-v%d.sql", fixtures, version);
        ck_assert_msg(access(path, R_OK) == 0,
                      "no fixture for schema version %d: add %s when you add a migration", version,
                      path);
        char *sql = read_file(path);
        sqlite3 *db = open_raw();
        ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        ck_assert_int_eq(mci_schema_version(db), version);
        char *client_id_before = query_text(db, "SELECT value FROM meta WHERE key='client_id'");
        sqlite3_close(db);
        free(sql);

        mc_client *client = NULL;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(open_client(&client, &err) == MC_OK, "v%d: %s", version, err.message);
        char phone[MC_PHONE_MAX];
        ck_assert_int_eq(mc_auth_pending_phone(client, phone, sizeof phone, &err), MC_OK);
        ck_assert_str_eq(phone, "+919876543210");
        mc_client_free(client);

        db = open_raw();
        ck_assert_int_eq(mci_schema_version(db), mc_store_schema_version());
        char *client_id_after = query_text(db, "SELECT value FROM meta WHERE key='client_id'");
        ck_assert_str_eq(client_id_after, client_id_before);
        if (version == 3) { /* version 4 projects synced busy slots */
            char *room = query_text(db, "SELECT room_id FROM busy_slot WHERE id = 'busy_1'");
            ck_assert_str_eq(room, "BLR-1-BOARD");
            free(room);
        }
        if (version == 4) { /* version 5 projects the list kinds into typed tables */
            static const char *const checks[][2] = {
                {"SELECT category || '|' || title || '|' || read FROM notification_row",
                 "billing|Invoice issued|0"},
                {"SELECT title || '|' || starts_at_ms || '|' || going_count FROM event_row",
                 "Founders breakfast|1799046000000|3"},
                {"SELECT status FROM rsvp_row WHERE event_id = 'EV-1'", "going"},
                {"SELECT id || '|' || room_id || '|' || end_ms || '|' || status || '|' || paid_by "
                 "|| '|' || credits || '|' || guest_count FROM booking_row",
                 "BK-1|BLR-1-BOARD|1799049600000|confirmed|credits|2|1"},
                {"SELECT booking_id || '|' || position || '|' || name || '|' || credential_id "
                 "FROM booking_guest_row",
                 "BK-1|0|Asha|CR-9"},
                {"SELECT company_id || '|' || delta || '|' || balance_after FROM credit_line_row",
                 "CO-1|-2|38"},
                {"SELECT id || '|' || issued_at_ms || '|' || line_count FROM invoice_row",
                 "INV-1|1799000000000|0"},
                {"SELECT id || '|' || date FROM pass_row", "PS-1|2027-01-05"},
                {"SELECT kind || '|' || pass_id || '|' || valid_until_ms FROM credential_row",
                 "pass|PS-1|1799086400000"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        if (version == 5) { /* version 6 keeps each amount's currency, each row's building */
            static const char *const checks[][2] = {
                {"SELECT building_id || '|' || currency || '|' || tax_name || '|' || tax_rate_bp "
                 "|| '|' || total_paise FROM invoice_row WHERE id = 'INV-2'",
                 "LON-1|GBP|VAT|2000|3000"},
                {"SELECT building_id || '|' || currency || '|' || tax_name || '|' || tax_rate_bp "
                 "FROM invoice_row WHERE id = 'INV-1'",
                 "|INR|GST|1800"},
                {"SELECT building_id FROM notification_row WHERE id = 'N-1'", "BLR-1"},
                {"SELECT building_id FROM credit_line_row WHERE id = 'CL-1'", "BLR-1"},
                {"SELECT currency || '|' || amount_paise FROM booking_row WHERE id = 'BK-2'",
                 "GBP|4000"},
                {"SELECT currency FROM booking_row WHERE id = 'BK-1'", "INR"},
                {"SELECT currency || '|' || price_per_hour_paise FROM room_index "
                 "WHERE building_id = 'LON-1'",
                 "GBP|4000"},
                {"SELECT count(*) FROM invoice_line_row WHERE invoice_id = 'INV-2'", "1"},
                {"SELECT count(*) FROM pragma_table_info('account') WHERE name = 'budget_currency'",
                 "1"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        if (version == 6) { /* version 7 lists invoices by their instant, refunds typed */
            static const char *const checks[][2] = {
                {"SELECT group_concat(id, ',') FROM (SELECT id FROM invoice_row "
                 "ORDER BY listed_at_ms DESC, id DESC)",
                 "INV-D,INV-E,INV-2,INV-1,INV-R"},
                {"SELECT status || '|' || voided_at_ms || '|' || listed_at_ms FROM invoice_row "
                 "WHERE id = 'INV-E'",
                 "expired|1799000500000|1799000500000"},
                {"SELECT status || '|' || voided_at_ms || '|' || listed_at_ms FROM invoice_row "
                 "WHERE id = 'INV-D'",
                 "draft|0|1799000900000"},
                {"SELECT listed_at_ms FROM invoice_row WHERE id = 'INV-R'", "1798990000000"},
                {"SELECT group_concat(position || ':' || id || ':' || order_id || ':' || "
                 "amount_paise || ':' || currency || ':' || status || ':' || created_at_ms, ',') "
                 "FROM (SELECT * FROM invoice_refund_row WHERE invoice_id = 'INV-R' "
                 "ORDER BY position)",
                 "0:ref_1:order_a:94400:INR:processed:1798990200000,"
                 "1:ref_2:order_b:500:INR:pending:1798990300000"},
                {"SELECT count(*) FROM invoice_refund_row WHERE invoice_id != 'INV-R'", "0"},
                {"SELECT count(*) FROM sqlite_master WHERE name = 'invoice_row_by_issued'", "0"},
                {"SELECT count(*) FROM sqlite_master WHERE name = 'invoice_row_by_listed'", "1"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        if (version == 7) { /* version 8 types the ticket categories and tickets */
            static const char *const checks[][2] = {
                {"SELECT group_concat(id || ':' || parent_id || ':' || team || ':' || "
                 "response_min || '/' || resolution_min, ',') FROM (SELECT * FROM "
                 "ticket_category_row ORDER BY id)",
                 "cleaning:::0/0,cleaning.pantry:cleaning:Housekeeping:30/90,"
                 "cleaning.washroom:cleaning:Housekeeping:15/60"},
                {"SELECT number || '|' || status || '|' || list_rank || '|' || location_kind || "
                 "'|' || location_name || '|' || assignee_name || '|' || resolution_due_ms || "
                 "'|' || photo_count || '|' || photos_uploaded FROM ticket_row "
                 "WHERE id = 'tkt_00000000000000000000000000000001'",
                 "T-1001|in_progress|0|room|Boardroom|Kiran Das|1799001800000|2|1"},
                {"SELECT number || '|' || list_rank || '|' || location_kind || '|' || "
                 "reopen_until_ms || '|' || sla_outcome FROM ticket_row "
                 "WHERE id = 'tkt_00000000000000000000000000000002'",
                 "T-1002|1||1799605800000|met"},
                {"SELECT group_concat(number, ',') FROM (SELECT number FROM ticket_row "
                 "ORDER BY list_rank, created_at_ms DESC, id DESC)",
                 "T-1001,T-1002"},
                {"SELECT count(*) FROM upload", "0"},
                {"SELECT count(*) FROM pending_ticket", "0"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        if (version == 8) { /* version 9 types visitors, the notification's kind and urgency */
            static const char *const checks[][2] = {
                {"SELECT host_user_id || '|' || name || '|' || phone || '|' || date || '|' || "
                 "window_from || '-' || window_to || '|' || source || '|' || status || '|' || "
                 "credential_id FROM visitor_row WHERE id = 'vis_00000000000000000000000000000001'",
                 "usr_asha|Ravi Kumar|+919812345678|2027-01-05|600-720|invitation|invited|crd_v1"},
                {"SELECT phone || '|' || window_from || '-' || window_to || '|' || source || '|' "
                 "|| "
                 "status || '|' || approval_due_ms || '|' || decline_reason || '|' || "
                 "credential_id FROM visitor_row WHERE id = 'vis_00000000000000000000000000000002'",
                 "|-1--1|walk_in|declined|1799001900000|timeout|"},
                {"SELECT group_concat(name, ',') FROM (SELECT name FROM visitor_row "
                 "ORDER BY date, window_from, id)",
                 "Meera Iyer,Ravi Kumar"},
                {"SELECT group_concat(id || ':' || kind || ':' || urgent || ':' || read, ',') FROM "
                 "(SELECT * FROM notification_row ORDER BY id)",
                 "N-1::0:0,N-2:visitor.arrived:1:0,N-3:booking.confirmed:0:1"},
                {"SELECT count(*) FROM sqlite_master WHERE name = "
                 "'notification_row_read_by_created'",
                 "1"},
                {"SELECT count(*) FROM sqlite_master WHERE name = 'visitor_row_by_date'", "1"},
                {"SELECT count(*) FROM pending_visitor", "0"},
                {"SELECT count(*) FROM ticket_row", "2"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        if (version == 9) { /* version 10 types desks, desk days held, desk bookings, announcements,
                             events' waitlists */
            static const char *const checks[][2] = {
                {"SELECT group_concat(id || ':' || name || ':' || area || ':' || "
                 "replace(features, char(31), '+') || ':' || kind || ':' || mine, ',') FROM "
                 "(SELECT * FROM desk_row WHERE building_id = 'BLR-1' ORDER BY name, id)",
                 "BLR-1-D07:D07:Window bay:monitor+window:hot:0,BLR-1-D14:D14:::dedicated:1"},
                {"SELECT id || '|' || desk_id || '|' || building_id || '|' || date FROM "
                 "desk_busy_row",
                 "BLR-1-D07@2027-01-05|BLR-1-D07|BLR-1|2027-01-05"},
                {"SELECT group_concat(date || ':' || desk_id || ':' || status || ':' || paid_by || "
                 "':' || credits || ':' || desk_days || ':' || currency || ':' || order_id || ':' "
                 "|| credential_id || ':' || released_at_ms || ':' || created_at_ms, ',') FROM "
                 "(SELECT * FROM desk_booking_row ORDER BY date, id)",
                 "2027-01-04:BLR-1-D03:released:credits:4:0:INR::crd_d2:1798957800000:"
                 "1798900000000,2027-01-05:BLR-1-D07:confirmed:plan:0:1:INR::crd_d1:0:"
                 "1799000000000"},
                {"SELECT group_concat(id || ':' || building_id || ':' || pinned || ':' || "
                 "expires_at_ms || ':' || read, ',') FROM (SELECT * FROM announcement_row "
                 "ORDER BY pinned DESC, published_at_ms DESC, id)",
                 "ann_1::1:0:0,ann_2:BLR-1:0:1799700000000:1"},
                {"SELECT count(*) FROM sqlite_master WHERE name IN ('desk_booking_row_by_date', "
                 "'desk_busy_row_by_building_date', 'announcement_row_by_order', "
                 "'desk_row_by_building')",
                 "4"},
                {"SELECT count(*) FROM pending_desk_booking", "0"},
                {"SELECT kind || '|' || desk_booking_id FROM credential_row WHERE id = 'crd_d1'",
                 "desk|dsk_00000000000000000000000000000001"},
                {"SELECT count(*) FROM credential_row WHERE desk_booking_id = ''", "1"},
                {"SELECT count(*) FROM visitor_row", "2"},
                {"SELECT group_concat(e.id || ':' || e.waitlist_count || ':' || r.status || ':' || "
                 "r.waitlist_position, ',') FROM (SELECT * FROM event_row ORDER BY id) e "
                 "JOIN rsvp_row r ON r.event_id = e.id",
                 "EV-1:0:going:0,EV-2:3:waitlisted:2"},
            };
            assert_queries(db, checks, sizeof checks / sizeof *checks);
        }
        free(client_id_before);
        free(client_id_after);
        sqlite3_close(db);
        /* next version starts from an empty directory */
        teardown();
        setup();
    }
}
END_TEST

/* A store written by a newer library is refused, with a message, and left as it was. */
START_TEST(test_newer_store_is_refused_untouched)
{
    sqlite3 *db = open_raw();
    ck_assert_int_eq(sqlite3_exec(db,
                                  "CREATE TABLE future(x); INSERT INTO future VALUES (7);"
                                  "PRAGMA user_version = 99;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(open_client(&client, &err), MC_ERR_STORAGE);
    ck_assert_ptr_null(client);
    ck_assert_msg(strstr(err.message, "newer") != NULL, "message: %s", err.message);
    db = open_raw();
    ck_assert_int_eq(mci_schema_version(db), 99);
    ck_assert(!table_exists(db, "account"));
    char *kept = query_text(db, "SELECT x FROM future");
    ck_assert_str_eq(kept, "7");
    free(kept);
    sqlite3_close(db);
}
END_TEST

/* A step that fails is rolled back whole: version and tables as before it. */
START_TEST(test_failing_step_leaves_previous_version)
{
    static const mci_migration steps[] = {
        {1, "one", "CREATE TABLE first(x);"},
        {2, "two, broken half way", "CREATE TABLE second(x); CREATE TABLE broken(;"},
    };
    sqlite3 *db = open_raw();
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_migrate(db, steps, 2, &err), MC_ERR_STORAGE);
    ck_assert_msg(strstr(err.message, "migration 2") != NULL, "message: %s", err.message);
    ck_assert_int_eq(mci_schema_version(db), 1);
    ck_assert(table_exists(db, "first"));
    ck_assert(!table_exists(db, "second"));
    /* Fixed, it resumes from where it stopped. */
    static const mci_migration fixed[] = {
        {1, "one", "CREATE TABLE first(x);"},
        {2, "two", "CREATE TABLE second(x);"},
    };
    ck_assert_int_eq(mci_migrate(db, fixed, 2, &err), MC_OK);
    ck_assert_int_eq(mci_schema_version(db), 2);
    sqlite3_close(db);
}
END_TEST

/* A file that is not a database is a damaged store (issue 14), not a crash, and is not
 * overwritten. */
START_TEST(test_garbage_file_is_a_damaged_store)
{
    char *path = tempdir_path(dir, "membercore.db");
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 100; i++)
        fputs("this is not a database ", f);
    fclose(f);
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(open_client(&client, &err), MC_ERR_STORE_DAMAGED);
    ck_assert_ptr_null(client);
    char *text = read_file(path);
    ck_assert(strncmp(text, "this is not a database", 22) == 0);
    free(text);
    free(path);
}
END_TEST

/* The migration list is numbered 1, 2, 3 ... with no gap. */
START_TEST(test_migrations_are_numbered_without_gaps)
{
    for (size_t i = 0; i < mci_store_migration_count; i++)
        ck_assert_int_eq(mci_store_migrations[i].version, (int)i + 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("migrations");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    /* every version's fixture is a real store file upgraded step by step (a thousand
     * fdatasyncs): more than Check's 4 s default on a busy disk */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fresh_store_is_at_latest_version);
    tcase_add_test(tc, test_every_earlier_version_upgrades_keeping_data);
    tcase_add_test(tc, test_newer_store_is_refused_untouched);
    tcase_add_test(tc, test_failing_step_leaves_previous_version);
    tcase_add_test(tc, test_garbage_file_is_a_damaged_store);
    tcase_add_test(tc, test_migrations_are_numbered_without_gaps);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
