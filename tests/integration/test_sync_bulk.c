/*
 * tests/integration/test_sync_bulk.c - a member with 100,000 invoices syncs to the end.
 *
 * Issue 9: the stub's snapshot query for invoices cost O(remaining invoices) per item, so a
 * page of such a member passed the client's 15 s timeout and every retry asked for the same
 * page: the sync never finished. Here memberstub's database gets 100,000 paid invoices for
 * Asha (half hers, half her company's: both halves of the visibility rule) written straight
 * into its SQLite file (no route creates invoices in bulk), then the real client pulls the
 * snapshot through HTTP with the default timeouts and every invoice must have arrived.
 * Under AddressSanitizer (several times slower) 10,000 invoices are used instead.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA    "+919800000001"
#define ASHA_ID "usr_5eed000000000001"

#if defined(__SANITIZE_ADDRESS__)
#define BULK_INVOICES 10000
#else
#define BULK_INVOICES 100000
#endif

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

/* n paid invoices "inv_bulk_%08d" billed to Asha (odd) or her company ACME (even). */
static void seed_invoices(const char *db_path, int n)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_busy_timeout(db, 10000), SQLITE_OK);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
             " INSERT INTO invoices (id, number, user_id, company_id, status, subtotal_paise,"
             " discount_paise, gst_paise, total_paise, created_at_ms, issued_at_ms, due_at_ms,"
             " paid_at_ms)"
             " SELECT printf('inv_bulk_%%08d', i), printf('INV-BULK-%%06d', i),"
             " CASE WHEN i %% 2 THEN '" ASHA_ID "' END, CASE WHEN i %% 2 = 0 THEN 'ACME' END,"
             " 'paid', 10000, 0, 1800, 11800, 1796099400000, 1796099400000, 1797359400000,"
             " 1796711400000 FROM n",
             n);
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    ck_assert_msg(rc == SQLITE_OK, "seeding invoices: %s", message ? message : "?");
    sqlite3_free(message);
    ck_assert_int_eq(sqlite3_changes(db), n);
    sqlite3_close(db);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_member_with_many_invoices_syncs_to_the_end)
{
    char *db_path = tempdir_path(dir, "stub.db");
    /* A second --db: memberstub takes the last, so the test knows where its database is. */
    const char *args[] = {"--db", db_path, NULL};
    stub_process *stub = stub_start_args(true, args, NULL);
    ck_assert_ptr_nonnull(stub);
    seed_invoices(db_path, BULK_INVOICES);

    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_sync_report report;
    mc_error err = MC_ERROR_INIT;
    double start = now_s();
    mc_status st = mc_sync_once(c, &report, &err);
    double took = now_s() - start;
    ck_assert_msg(st == MC_OK, "the sync stopped: %s", err.message);
    printf("test_sync_bulk: %d invoices (%d changes) synced in %.1f s\n", BULK_INVOICES,
           (int)report.pulled, took);

    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM entity WHERE kind = 'invoice'"
                                             " AND id LIKE 'inv\\_bulk\\_%' ESCAPE '\\'"),
                     BULK_INVOICES);
    /* Both halves of the visibility rule: Asha's own (odd ids) and her company's (even). */
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM entity WHERE kind = 'invoice' AND id IN"
             " ('inv_bulk_00000001', 'inv_bulk_00000002', 'inv_bulk_%08d', 'inv_bulk_%08d')",
             BULK_INVOICES - 1, BULK_INVOICES);
    ck_assert_int_eq(helper_local_count(dir, sql), 4);
    /* The sync is at the head: a second round pulls nothing. */
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    ck_assert_int_eq(report.pulled, 0);

    mc_client_free(c);
    ck_assert_int_eq(stub_stop(stub), 0);
    free(db_path);
}
END_TEST

static Suite *sync_bulk_suite(void)
{
    Suite *s = suite_create("sync_bulk");
    TCase *tc = tcase_create("bulk");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_member_with_many_invoices_syncs_to_the_end);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sync_bulk_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
