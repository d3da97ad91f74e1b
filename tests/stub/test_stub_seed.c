/*
 * tests/stub/test_stub_seed.c - the seed's timeline: seeded at several server clocks (the suites'
 * T0, late December on both sides of India's new year, 29 February, the 1st at midnight, London's
 * clock change, Republic Day eve, and every 17 days 7 h 13 min over three years), every seeded
 * state agrees with its dates (real SQLite, no sockets).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "domain/credits.h"
#include "domain/invoices.h"
#include "domain/seed.h"
#include "rules/zone.h"

/* 2027-01-04T04:30:00Z: Monday 10:00 in Bengaluru. */
#define T0 1799037000000LL

/* ms of y-m-d hh:mm UTC. */
static int64_t utc(int y, int m, int d, int hh, int mm)
{
    return ms_days_from_civil(y, m, d) * MS_DAY_MS + hh * MS_HOUR_MS + mm * MS_MINUTE_MS;
}

/* ms of y-m-d hh:mm in India (+05:30). */
static int64_t ist(int y, int m, int d, int hh, int mm)
{
    return utc(y, m, d, hh, mm) - 330 * MS_MINUTE_MS;
}

typedef struct clock_case {
    const char *what;
    int64_t now_ms;
} clock_case;

static clock_case clocks[] = {
    {"T0, a Monday morning in Bengaluru", T0},
    {"31 December 10:00 UTC (still December everywhere)", 0},
    {"31 December 20:00 UTC (1 January in India, 31 December in London)", 0},
    {"29 February 12:00 UTC (a leap day)", 0},
    {"29 February 19:00 UTC (1 March in India)", 0},
    {"00:00 on the 1st in Bengaluru (the month just began)", 0},
    {"the morning of London's spring clock change", 0},
    {"25 January 20:00 UTC (Republic Day in India, 01:30)", 0},
    {"a Saturday night in Bengaluru", 0},
};

static void init_clocks(void)
{
    clocks[1].now_ms = utc(2026, 12, 31, 10, 0);
    clocks[2].now_ms = utc(2026, 12, 31, 20, 0);
    clocks[3].now_ms = utc(2028, 2, 29, 12, 0);
    clocks[4].now_ms = utc(2028, 2, 29, 19, 0);
    clocks[5].now_ms = ist(2027, 3, 1, 0, 0);
    clocks[6].now_ms = utc(2027, 3, 28, 0, 30);
    clocks[7].now_ms = utc(2027, 1, 25, 20, 0);
    clocks[8].now_ms = ist(2027, 1, 9, 23, 0);
}

static sqlite3 *db;
static ms_rng *rng;
static int64_t now;
static const char *what;

static void open_at(int64_t now_ms)
{
    now = now_ms;
    rng = ms_rng_new();
    ck_assert_ptr_nonnull(rng);
    ck_assert_int_eq(ms_db_open(":memory:", rng, ms_seed_step, now, &db), 0);
}

static void close_db(void)
{
    ms_db_close(db);
    db = NULL;
    ms_rng_free(rng);
    rng = NULL;
}

/* sql prepared, with ?1 bound to now when it names it. */
static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    if (sqlite3_bind_parameter_count(stmt) > 0)
        sqlite3_bind_int64(stmt, 1, now);
    return stmt;
}

static int64_t scalar(const char *sql)
{
    sqlite3_stmt *stmt = prepare(sql);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* No row of sql (which may use ?1 for now) exists: else fail naming the first. */
static void none(const char *label, const char *sql)
{
    sqlite3_stmt *stmt = prepare(sql);
    int rc = sqlite3_step(stmt);
    char first[256] = "";
    if (rc == SQLITE_ROW)
        snprintf(first, sizeof first, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    ck_assert_msg(rc == SQLITE_DONE, "seeded at %s: %s: %s", what, label, first);
}

static const ms_zone *zone_of(const char *building)
{
    return ms_zone_find(strcmp(building, "LON-1") == 0 ? "Europe/London" : "Asia/Kolkata");
}

/* Bookings: in the future past the minimum notice, inside the window and the opening hours of
 * their local day, on no blackout. */
static void check_reservations(void)
{
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT r.id, r.building_id, r.start_ms, r.end_ms, b.booking_window_days,"
                    " b.min_notice_min, r.created_at_ms FROM reservations r"
                    " JOIN buildings b ON b.id = r.building_id",
                    "");
    ck_assert_ptr_nonnull(stmt);
    int n = 0;
    while (ms_db_step(stmt) == 1) {
        n++;
        const char *id = (const char *)sqlite3_column_text(stmt, 0);
        const char *building = (const char *)sqlite3_column_text(stmt, 1);
        int64_t start = sqlite3_column_int64(stmt, 2), end = sqlite3_column_int64(stmt, 3);
        const ms_zone *zone = zone_of(building);
        ms_local today, from, to;
        ms_zone_local(zone, now, &today);
        ms_zone_local(zone, start, &from);
        ms_zone_local(zone, end - 1, &to);
        ck_assert_msg(start >= now + sqlite3_column_int64(stmt, 5) * MS_MINUTE_MS,
                      "seeded at %s: %s starts too soon", what, id);
        ck_assert_msg(from.day <= today.day + sqlite3_column_int64(stmt, 4),
                      "seeded at %s: %s is beyond the booking window", what, id);
        ck_assert_msg(sqlite3_column_int64(stmt, 6) <= now, "seeded at %s: %s made in the future",
                      what, id);
        ck_assert_msg(from.day == to.day && from.minute % 60 == 0,
                      "seeded at %s: %s is not on whole local hours of one day", what, id);
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM building_hours WHERE building_id = '%s' AND weekday = %d"
                 " AND open_min <= %d AND close_min >= %d",
                 building, from.weekday, from.minute, to.minute + 1);
        ck_assert_msg(scalar(sql) == 1, "seeded at %s: %s is outside the opening hours of %s", what,
                      id, building);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM building_blackouts WHERE building_id = '%s'"
                 " AND start_ms < %lld AND end_ms > %lld",
                 building, (long long)end, (long long)start);
        ck_assert_msg(scalar(sql) == 0, "seeded at %s: %s is on a blackout", what, id);
    }
    sqlite3_finalize(stmt);
    ck_assert_int_eq(n, 2);
    none("a reservation's room is blacked out",
         "SELECT r.id FROM reservations r JOIN room_blackouts o ON o.room_id = r.room_id"
         " AND o.start_ms < r.end_ms AND o.end_ms > r.start_ms");
}

/* Each company's month is now's local month of its building, its ledger starts with the reset at
 * 00:00 on the 1st of that month, runs consistently, and ends at the balance. */
static void check_credits(void)
{
    static const char *const companies[2][2] = {{"ACME", "Asia/Kolkata"},
                                                {"HART", "Europe/London"}};
    for (int i = 0; i < 2; i++) {
        const ms_zone *zone = ms_zone_find(companies[i][1]);
        ms_local local;
        char month[16];
        ms_zone_local(zone, now, &local);
        ms_local_format_month(&local, month, sizeof month);
        sqlite3_stmt *stmt =
            ms_db_query(db, "SELECT credit_month, credit_balance FROM companies WHERE id = ?", "t",
                        companies[i][0]);
        ck_assert_int_eq(ms_db_step(stmt), 1);
        ck_assert_msg(strcmp((const char *)sqlite3_column_text(stmt, 0), month) == 0,
                      "seeded at %s: %s's credit month %s is not %s", what, companies[i][0],
                      sqlite3_column_text(stmt, 0), month);
        int64_t balance = sqlite3_column_int64(stmt, 1);
        sqlite3_finalize(stmt);

        stmt = ms_db_query(db,
                           "SELECT reason, delta, balance_after, at_ms FROM credit_ledger"
                           " WHERE company_id = ? ORDER BY at_ms, seq",
                           "t", companies[i][0]);
        int64_t running = 0, last_at = 0;
        int lines = 0;
        while (ms_db_step(stmt) == 1) {
            const char *reason = (const char *)sqlite3_column_text(stmt, 0);
            int64_t at = sqlite3_column_int64(stmt, 3);
            if (lines == 0) {
                ms_local reset;
                ms_zone_local(zone, at, &reset);
                ck_assert_msg(strcmp(reason, "monthly_reset") == 0 && reset.day_of_month == 1 &&
                                  reset.minute == 0 && reset.month == local.month &&
                                  reset.year == local.year,
                              "seeded at %s: %s's ledger does not start with this month's reset"
                              " at 00:00 on the 1st (%s, %d-%02d-%02d %d min)",
                              what, companies[i][0], reason, reset.year, reset.month,
                              reset.day_of_month, reset.minute);
            }
            running += sqlite3_column_int64(stmt, 1);
            ck_assert_msg(running == sqlite3_column_int64(stmt, 2),
                          "seeded at %s: %s's running balance breaks", what, companies[i][0]);
            ck_assert_msg(at <= now && at >= last_at, "seeded at %s: %s's line at %lld", what,
                          companies[i][0], (long long)at);
            last_at = at;
            lines++;
        }
        sqlite3_finalize(stmt);
        ck_assert_int_ge(lines, 1);
        ck_assert_msg(running == balance, "seeded at %s: %s's balance is not its ledger's", what,
                      companies[i][0]);
    }
}

/* Every Razorpay room booking that is paid is as a live one (domain/room_invoices.h): its amount
 * is its room's hours at the hourly price plus the building's tax, its order took that amount,
 * and it has its paid invoice of that total (a line of the hours, the tax), paid when the order
 * was, and a "Payment confirmed" notification naming its number and amount. */
static void check_razorpay_rooms(void)
{
    int64_t paid =
        scalar("SELECT count(*) FROM reservations r JOIN razorpay_orders o"
               " ON o.id = r.order_id WHERE r.paid_by = 'razorpay' AND o.status = 'paid'");
    ck_assert_msg(paid >= 1, "seeded at %s: no paid Razorpay room booking", what);
    none("a paid Razorpay booking whose amount is not its price with the building's tax",
         "SELECT r.id FROM reservations r JOIN rooms m ON m.id = r.room_id"
         " JOIN buildings b ON b.id = r.building_id JOIN razorpay_orders o ON o.id = r.order_id"
         " WHERE r.paid_by = 'razorpay' AND o.status = 'paid' AND (r.amount_paise <>"
         " (r.end_ms - r.start_ms) / 3600000 * m.price_per_hour_paise"
         " * (10000 + b.tax_rate_bp) / 10000 OR o.amount_paise <> r.amount_paise)");
    none("a paid Razorpay booking without its paid invoice of its amount",
         "SELECT r.id FROM reservations r JOIN razorpay_orders o ON o.id = r.order_id"
         " WHERE r.paid_by = 'razorpay' AND o.status = 'paid' AND NOT EXISTS (SELECT 1"
         " FROM invoices i WHERE i.reservation_id = r.id AND i.status = 'paid'"
         " AND i.total_paise = r.amount_paise AND i.order_id = o.id"
         " AND i.paid_at_ms = o.paid_at_ms AND i.gst_paise > 0"
         " AND i.subtotal_paise + i.gst_paise = i.total_paise"
         " AND (SELECT sum(amount_paise) FROM invoice_lines l WHERE l.invoice_id = i.id)"
         " = i.subtotal_paise)");
    none("a paid room invoice without its \"Payment confirmed\"",
         "SELECT i.number FROM invoices i JOIN reservations r ON r.id = i.reservation_id"
         " WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = r.user_id"
         " AND n.category = 'billing' AND n.title = 'Payment confirmed'"
         " AND n.deep_link = 'membercore://billing/invoices/' || i.id"
         " AND n.building_id = r.building_id AND n.created_at_ms = i.paid_at_ms"
         " AND n.body LIKE '%' || i.number || '%')");
}

/* Invoices: issued in the past, overdue exactly when due is past and unpaid, paid at a past
 * instant after issue; numbered by the local year of issue, within the numbering. */
static void check_invoices(void)
{
    none("an invoice issued in the future",
         "SELECT number FROM invoices WHERE issued_at_ms > ?1 OR created_at_ms > ?1");
    none("an overdue invoice whose due date is ahead",
         "SELECT number FROM invoices WHERE status = 'overdue' AND due_at_ms > ?1");
    none("an issued invoice whose due date is past",
         "SELECT number FROM invoices WHERE status = 'issued' AND due_at_ms <= ?1");
    none("a paid invoice paid in the future or before it was issued",
         "SELECT number FROM invoices WHERE status = 'paid'"
         " AND (paid_at_ms > ?1 OR paid_at_ms < issued_at_ms)");
    /* A room paid by Razorpay is payable on receipt: due (and paid) when issued. */
    none("an invoice due before it was issued",
         "SELECT number FROM invoices WHERE due_at_ms < issued_at_ms"
         " OR (due_at_ms = issued_at_ms AND status <> 'paid')");
    none("a number beyond its year's numbering",
         "SELECT i.number FROM invoices i LEFT JOIN invoice_numbers n"
         " ON n.year = CAST(substr(i.number, 5, 4) AS INTEGER)"
         " WHERE n.last IS NULL OR CAST(substr(i.number, 10) AS INTEGER) > n.last");
    ck_assert_int_eq(scalar("SELECT count(*) FROM invoices"), 5);
    none("a billing notification naming another invoice's number",
         "SELECT n.id FROM notifications n JOIN invoices i"
         " ON n.deep_link = 'membercore://billing/invoices/' || i.id"
         " WHERE n.title || ' ' || n.body NOT LIKE '%' || i.number || '%'");
    ck_assert_int_eq(scalar("SELECT count(DISTINCT number) FROM invoices"), 5);
    /* Numbered in the order of issue: within a year, a later issue has a higher number. */
    none("an invoice numbered before one issued earlier in its year",
         "SELECT a.number FROM invoices a JOIN invoices b ON substr(a.number, 1, 9) ="
         " substr(b.number, 1, 9) AND a.issued_at_ms > b.issued_at_ms AND a.number < b.number");
    check_razorpay_rooms();
    /* The year in each number is the local (India) year of issue. */
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT number, issued_at_ms FROM invoices", "");
    while (ms_db_step(stmt) == 1) {
        ms_local local;
        ms_zone_local(ms_zone_find("Asia/Kolkata"), sqlite3_column_int64(stmt, 1), &local);
        char prefix[16];
        snprintf(prefix, sizeof prefix, "INV-%04d-", local.year);
        ck_assert_msg(strncmp((const char *)sqlite3_column_text(stmt, 0), prefix, 9) == 0,
                      "seeded at %s: %s issued in %d", what, sqlite3_column_text(stmt, 0),
                      local.year);
    }
    sqlite3_finalize(stmt);
}

static void check_seed(void)
{
    none("an account created in the future",
         "SELECT id FROM users WHERE created_at_ms > ?1 OR updated_at_ms > ?1");
    none("an event in the past", "SELECT id FROM events WHERE starts_at_ms <= ?1");
    none("a BLR-1 event on a closed day",
         "SELECT e.id FROM events e JOIN building_blackouts o ON o.building_id = e.building_id"
         " AND o.start_ms < e.ends_at_ms AND o.end_ms > e.starts_at_ms");
    none("a notification from the future", "SELECT id FROM notifications WHERE created_at_ms > ?1");
    none("an RSVP from the future", "SELECT event_id FROM rsvps WHERE updated_at_ms > ?1");
    none("\"You are going\" before the RSVP",
         "SELECT n.id FROM notifications n JOIN rsvps r ON r.user_id = n.user_id"
         " AND n.deep_link = 'membercore://events/' || r.event_id"
         " WHERE n.created_at_ms < r.updated_at_ms");
    none("an order paid in the future or before it was made",
         "SELECT id FROM razorpay_orders WHERE paid_at_ms > ?1 OR paid_at_ms < created_at_ms");
    none("a blackout already over", "SELECT id FROM building_blackouts WHERE end_ms <= ?1");
    none("a room blackout already over", "SELECT id FROM room_blackouts WHERE end_ms <= ?1");
    /* Every contract runs today (the building's local date). */
    char today[16];
    ms_local local;
    ms_zone_local(ms_zone_find("Asia/Kolkata"), now, &local);
    snprintf(today, sizeof today, "%04d-%02d-%02d", local.year, local.month, local.day_of_month);
    sqlite3_stmt *stmt = ms_db_query(
        db, "SELECT count(*) FROM memberships WHERE contract_start <= ? AND contract_end >= ?",
        "tt", today, today);
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ck_assert_msg(sqlite3_column_int(stmt, 0) == 3, "seeded at %s: a contract does not run on %s",
                  what, today);
    sqlite3_finalize(stmt);
    /* BLR-1's events are on days it opens (Monday to Saturday). */
    stmt = ms_db_query(db, "SELECT id, starts_at_ms FROM events WHERE building_id = 'BLR-1'", "");
    while (ms_db_step(stmt) == 1) {
        ms_zone_local(ms_zone_find("Asia/Kolkata"), sqlite3_column_int64(stmt, 1), &local);
        ck_assert_msg(local.weekday != 7, "seeded at %s: %s is on a Sunday", what,
                      sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    check_reservations();
    check_credits();
    check_invoices();
    /* What the clock makes due at now is already done: the first request changes nothing. */
    int64_t changes = scalar("SELECT count(*) FROM changes");
    ck_assert_int_eq(ms_credits_refresh_all(db, now), 0);
    ms_app app = {.db = db, .rng = rng};
    ms_clock_init(&app.clock);
    ms_clock_set(&app.clock, now);
    ck_assert_int_eq(ms_invoices_overdue_due(&app, now), 0);
    ms_clock_destroy(&app.clock);
    ck_assert_msg(scalar("SELECT count(*) FROM changes") == changes,
                  "seeded at %s: the first request's upkeep changed the seed", what);
}

START_TEST(test_seed_agrees_with_its_dates_at_every_clock)
{
    init_clocks();
    what = clocks[_i].what;
    open_at(clocks[_i].now_ms);
    check_seed();
    close_db();
}
END_TEST

/* Every 17 days 7 h 13 min over three years (all weekdays, hours and month edges in turn): the
 * same checks. */
START_TEST(test_seed_agrees_with_its_dates_over_three_years)
{
    char label[64];
    for (int64_t at = utc(2026, 1, 1, 0, 0); at < utc(2029, 1, 1, 0, 0);
         at += 17 * MS_DAY_MS + 7 * MS_HOUR_MS + 13 * MS_MINUTE_MS) {
        snprintf(label, sizeof label, "%lld ms", (long long)at);
        what = label;
        open_at(at);
        check_seed();
        close_db();
    }
}
END_TEST

/* At T0 the seed is the one the suites were written against. */
START_TEST(test_seed_at_t0_is_the_suites_seed)
{
    what = "T0";
    open_at(T0);
    ck_assert(scalar("SELECT start_ms FROM reservations WHERE id = 'res_5eed000000000001'"
                     "") == ist(2027, 1, 5, 10, 0));
    ck_assert(scalar("SELECT start_ms FROM reservations WHERE id = 'res_5eed000000000002'"
                     "") == ist(2027, 1, 6, 15, 0));
    ck_assert(scalar("SELECT at_ms FROM credit_ledger WHERE id = 'led_000000000001'") ==
              ist(2027, 1, 1, 0, 0));
    ck_assert(scalar("SELECT due_at_ms FROM invoices WHERE id = 'inv_5eed000000000003'") ==
              ist(2027, 1, 11, 0, 0));
    ck_assert(scalar("SELECT starts_at_ms FROM events WHERE id = 'EVT-BLR-NETWORKING'"
                     "") == ist(2027, 1, 14, 18, 0));
    ck_assert(scalar("SELECT starts_at_ms FROM events WHERE id = 'EVT-LON-SOCIAL'") ==
              utc(2027, 1, 28, 18, 0));
    close_db();
}
END_TEST

/* Seeded on 31 December at 20:00 UTC (1 January 01:30 in India): ACME is in January, HART still in
 * December; the bill of December is "last month's", numbered in 2026; January's in 2027. */
START_TEST(test_seed_across_india_new_year)
{
    what = "31 December 20:00 UTC";
    open_at(utc(2026, 12, 31, 20, 0));
    char buf[256];
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT group_concat(id || ':' || credit_month, ' ') FROM companies", "");
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ms_db_text(stmt, 0, buf, sizeof buf);
    sqlite3_finalize(stmt);
    ck_assert_str_eq(buf, "ACME:2027-01 HART:2026-12");
    ck_assert(scalar("SELECT at_ms FROM credit_ledger WHERE company_id = 'ACME'"
                     " AND reason = 'monthly_reset'") == ist(2027, 1, 1, 0, 0));
    ck_assert(scalar("SELECT at_ms FROM credit_ledger WHERE company_id = 'HART'"
                     " AND reason = 'monthly_reset'") == utc(2026, 12, 1, 0, 0));
    stmt = ms_db_query(db,
                       "SELECT group_concat(number || ':' || status, ' ') FROM"
                       " (SELECT * FROM invoices ORDER BY issued_at_ms, id)",
                       "");
    ck_assert_int_eq(ms_db_step(stmt), 1);
    ms_db_text(stmt, 0, buf, sizeof buf);
    sqlite3_finalize(stmt);
    /* Numbered per series from 0001 in the order of issue; January's two were issued at the
     * same instant (the day before seeding), so by id; Asha's Focus Room, paid by Razorpay just
     * after them, last. */
    ck_assert_str_eq(buf, "INV-2026-0001:overdue INV-2026-0002:paid INV-2027-0001:issued"
                          " INV-2027-0002:paid INV-2027-0003:paid");
    close_db();
}
END_TEST

static Suite *seed_suite(void)
{
    Suite *s = suite_create("stub_seed");
    TCase *tc = tcase_create("timeline");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_seed_agrees_with_its_dates_at_every_clock, 0,
                        (int)(sizeof clocks / sizeof clocks[0]));
    tcase_add_test(tc, test_seed_agrees_with_its_dates_over_three_years);
    tcase_add_test(tc, test_seed_at_t0_is_the_suites_seed);
    tcase_add_test(tc, test_seed_across_india_new_year);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(seed_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
