/*
 * tests/unit/test_localtime.c - what a member reads for an instant: its building's wall
 * clock, offset and zone label. The pure conversion (rules/localtime) against
 * Europe/London's changes from the shared vectors and Asia/Kolkata's fixed offset; the
 * zone book (catalog/zones) against a real store file: the entity's building, else the
 * member's own, else UTC.
 */
#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/building.h"
#include "catalog/zones.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "tempdir.h"

/* 2026-12-07T10:30:00Z: a 16:00 booking in Bengaluru. */
#define BLR_1600_UTC 1796639400000LL

static const mci_zone_transition kolkata_t[] = {{0, 330, "IST"}};
static const mci_zone kolkata = {kolkata_t, 1};

/* "2026-10-25T01:00:00Z" -> ms. */
static int64_t iso(const char *text)
{
    int y, mo, d, h, mi, sec;
    ck_assert_int_eq(sscanf(text, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec), 6);
    return mci_days_from_civil(y, mo, d) * MCI_MS_PER_DAY + (h * 60 + mi) * MCI_MS_PER_MIN +
           sec * 1000LL;
}

/* Europe/London from the shared vectors, labelled as memberstub sends it: GMT, BST. */
static mci_zone_transition london_t[16];
static mci_zone london;
static cJSON *vectors;

static void load_london(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/europe-london-dst.json", getenv("VECTORS_DIR"));
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    vectors = cJSON_Parse(text);
    ck_assert_ptr_nonnull(vectors);
    london_t[0] = (mci_zone_transition){INT64_MIN / 2, 0, "GMT"};
    size_t count = 1;
    const cJSON *t = NULL;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(vectors, "transitions"))
    {
        int after = cJSON_GetObjectItem(t, "offset_after_min")->valueint;
        london_t[count] =
            (mci_zone_transition){iso(cJSON_GetObjectItem(t, "at_utc")->valuestring), after, ""};
        mci_zone_set_abbrev(london_t[count].abbrev, after == 60 ? "BST" : "GMT");
        count++;
    }
    london = (mci_zone){london_t, count};
}

static void free_london(void)
{
    cJSON_Delete(vectors);
}

START_TEST(test_bengaluru_booking_reads_1600_ist)
{
    mc_local_time t;
    mci_local_time_fill(&kolkata, BLR_1600_UTC, &t);
    ck_assert_int_eq(t.utc_ms, BLR_1600_UTC);
    ck_assert_int_eq(t.offset_min, 330);
    ck_assert_int_eq(t.year, 2026);
    ck_assert_int_eq(t.month, 12);
    ck_assert_int_eq(t.day, 7);
    ck_assert_int_eq(t.hour, 16);
    ck_assert_int_eq(t.minute, 0);
    ck_assert_int_eq(t.second, 0);
    ck_assert_int_eq(t.weekday, 1); /* a Monday */
    ck_assert_str_eq(t.iso8601, "2026-12-07T16:00:00+05:30");
    ck_assert_str_eq(t.label, "IST");
    ck_assert(mc_local_time_is_set(&t));
}
END_TEST

/* Every change of the vectors: the last millisecond before it reads the old offset and
 * label, the change itself the new ones, on the wall clock the vectors imply. */
START_TEST(test_london_changes_match_vectors)
{
    const cJSON *t = NULL;
    int checked = 0;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(vectors, "transitions"))
    {
        int64_t at = iso(cJSON_GetObjectItem(t, "at_utc")->valuestring);
        int before = cJSON_GetObjectItem(t, "offset_before_min")->valueint;
        int after = cJSON_GetObjectItem(t, "offset_after_min")->valueint;
        mc_local_time x, y;
        mci_local_time_fill(&london, at - 1, &x);
        mci_local_time_fill(&london, at, &y);
        ck_assert_int_eq(x.offset_min, before);
        ck_assert_int_eq(y.offset_min, after);
        ck_assert_str_eq(x.label, before == 60 ? "BST" : "GMT");
        ck_assert_str_eq(y.label, after == 60 ? "BST" : "GMT");
        /* changes happen at 01:00 UTC: 01:59:59 BST then 01:00 GMT, or 00:59:59 GMT
         * then 02:00 BST */
        ck_assert_int_eq(x.hour * 60 + x.minute, 60 + before - 1);
        ck_assert_int_eq(y.hour * 60 + y.minute, 60 + after);
        ck_assert_int_eq(x.second, 59);
        checked++;
    }
    ck_assert_int_eq(checked, 6);
}
END_TEST

/* A London booking across the October 2026 change: 10:00 the day before is BST, 10:00
 * the day after GMT, each with its own offset in the ISO text. */
START_TEST(test_london_across_october_change)
{
    mc_local_time before, after;
    mci_local_time_fill(&london, iso("2026-10-24T09:00:00Z"), &before);
    mci_local_time_fill(&london, iso("2026-10-26T10:00:00Z"), &after);
    ck_assert_str_eq(before.iso8601, "2026-10-24T10:00:00+01:00");
    ck_assert_str_eq(before.label, "BST");
    ck_assert_int_eq(before.weekday, 6);
    ck_assert_str_eq(after.iso8601, "2026-10-26T10:00:00+00:00");
    ck_assert_str_eq(after.label, "GMT");
    /* the repeated hour: 01:30 BST, then 01:30 GMT an hour later */
    mc_local_time first, second;
    mci_local_time_fill(&london, iso("2026-10-25T00:30:00Z"), &first);
    mci_local_time_fill(&london, iso("2026-10-25T01:30:00Z"), &second);
    ck_assert_str_eq(first.iso8601, "2026-10-25T01:30:00+01:00");
    ck_assert_str_eq(second.iso8601, "2026-10-25T01:30:00+00:00");
    ck_assert_str_ne(first.label, second.label);
}
END_TEST

/* Without an abbreviation the label is the offset; without a zone, UTC. */
START_TEST(test_labels_without_abbrev)
{
    static const mci_zone_transition bare_t[] = {{0, 330, ""}, {2000000000000LL, -210, ""}};
    const mci_zone bare = {bare_t, 2};
    mc_local_time t;
    mci_local_time_fill(&bare, BLR_1600_UTC, &t);
    ck_assert_str_eq(t.label, "UTC+05:30");
    mci_local_time_fill(&bare, 2000000000000LL, &t);
    ck_assert_str_eq(t.label, "UTC-03:30");
    ck_assert_str_eq(t.iso8601, "2033-05-18T00:03:20-03:30");
    mci_local_time_fill(NULL, BLR_1600_UTC, &t);
    ck_assert_str_eq(t.label, "UTC");
    ck_assert_str_eq(t.iso8601, "2026-12-07T10:30:00+00:00");
    const mci_zone empty = {NULL, 0};
    mci_local_time_fill(&empty, BLR_1600_UTC, &t);
    ck_assert_str_eq(t.label, "UTC");
}
END_TEST

/* 0 is the API's "none": all zeros, not 1970. Before 1970 rounds down, not toward 0. */
START_TEST(test_zero_and_before_epoch)
{
    mc_local_time t;
    memset(&t, 0x55, sizeof t);
    mci_local_time_fill(&kolkata, 0, &t);
    ck_assert_str_eq(t.iso8601, "");
    ck_assert_str_eq(t.label, "");
    ck_assert_int_eq(t.year, 0);
    ck_assert(!mc_local_time_is_set(&t));
    ck_assert(!mc_local_time_is_set(NULL));
    mci_local_time_fill(NULL, -1, &t);
    ck_assert_str_eq(t.iso8601, "1969-12-31T23:59:59+00:00");
    ck_assert_int_eq(t.weekday, 3);
}
END_TEST

/* Past 2038 and 2106 (2^31 and 2^32 seconds): the wall clock is int64 arithmetic, never the C
 * library's time_t, which is 32 bits on armeabi-v7a (scripts/test-cross.sh runs this on armhf,
 * where it is 32 bits too). */
START_TEST(test_past_2038_and_2106)
{
    mc_local_time t;
    mci_local_time_fill(&kolkata, 2147483647000LL, &t);
    ck_assert_str_eq(t.iso8601, "2038-01-19T08:44:07+05:30");
    mci_local_time_fill(&kolkata, 2147483648000LL, &t);
    ck_assert_str_eq(t.iso8601, "2038-01-19T08:44:08+05:30");
    ck_assert_int_eq(t.weekday, 2);
    ck_assert_int_eq(t.utc_ms, 2147483648000LL);
    mci_local_time_fill(&kolkata, 4294967296000LL, &t);
    ck_assert_str_eq(t.iso8601, "2106-02-07T11:58:16+05:30");
    ck_assert_int_eq(t.year, 2106);
    ck_assert_int_eq(t.weekday, 7);
    mci_local_time_fill(NULL, 4294967296000LL, &t);
    ck_assert_str_eq(t.iso8601, "2106-02-07T06:28:16+00:00");
}
END_TEST

START_TEST(test_abbrev_shapes)
{
    char a[MCI_ZONE_ABBREV_MAX];
    mci_zone_set_abbrev(a, "BST");
    ck_assert_str_eq(a, "BST");
    mci_zone_set_abbrev(a, "+0530");
    ck_assert_str_eq(a, "+0530");
    mci_zone_set_abbrev(a, "TOOLONGX");
    ck_assert_str_eq(a, "");
    mci_zone_set_abbrev(a, "B T");
    ck_assert_str_eq(a, "");
    mci_zone_set_abbrev(a, "");
    ck_assert_str_eq(a, "");
    mci_zone_set_abbrev(a, NULL);
    ck_assert_str_eq(a, "");
}
END_TEST

/* The wire's zone object, abbrevs and all, as memberstub sends it. */
START_TEST(test_zone_from_wire)
{
    cJSON *zone = cJSON_Parse("{\"name\": \"Europe/London\", \"transitions\": ["
                              "{\"at_ms\": 0, \"offset_min\": 0, \"abbrev\": \"GMT\"},"
                              "{\"at_ms\": 1774746000000, \"offset_min\": 60, \"abbrev\": \"BST\"},"
                              "{\"at_ms\": 1792890000000, \"offset_min\": 0}]}");
    mci_zone_transition *t = NULL;
    size_t n = 0;
    ck_assert(mci_zone_from_json(zone, &t, &n));
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(t[1].abbrev, "BST");
    ck_assert_str_eq(t[2].abbrev, "");
    mci_zone z = {t, n};
    mc_local_time x;
    mci_local_time_fill(&z, iso("2026-07-01T12:00:00Z"), &x);
    ck_assert_str_eq(x.iso8601, "2026-07-01T13:00:00+01:00");
    ck_assert_str_eq(x.label, "BST");
    mci_local_time_fill(&z, iso("2026-12-01T12:00:00Z"), &x);
    ck_assert_str_eq(x.label, "UTC"); /* no abbrev sent, offset 0 */
    free(t);
    cJSON_Delete(zone);
}
END_TEST

/* ---- the zone book over a store file ---------------------------------------------------- */

static char *dir;
static sqlite3 *db;

static void store_setup(void)
{
    dir = tempdir_new();
    char *path = tempdir_path(dir, "membercore.db");
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_store_open(path, &db, &err), MC_OK);
    free(path);
    const char *sql =
        "INSERT INTO entity (kind, id, data) VALUES ('building', 'BLR-1', '{\"id\": \"BLR-1\", "
        "\"zone\": {\"name\": \"Asia/Kolkata\", \"transitions\": [{\"at_ms\": 0, \"offset_min\": "
        "330, \"abbrev\": \"IST\"}]}}'), ('building', 'LON-1', '{\"id\": \"LON-1\", \"zone\": "
        "{\"name\": \"Europe/London\", \"transitions\": [{\"at_ms\": 0, \"offset_min\": 0, "
        "\"abbrev\": \"GMT\"}, {\"at_ms\": 1774746000000, \"offset_min\": 60, \"abbrev\": "
        "\"BST\"}, {\"at_ms\": 1792890000000, \"offset_min\": 0, \"abbrev\": \"GMT\"}]}}');";
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void store_teardown(void)
{
    mci_store_close(db);
    tempdir_free(dir);
}

static void sign_in(const char *building_id)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO account (singleton, user_id, phone, building_id, updated_at_ms) "
             "VALUES (1, 'u1', '+919800000001', '%s', 0)",
             building_id);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

START_TEST(test_book_uses_the_entity_building)
{
    sign_in("LON-1");
    mci_zone_book *book = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_zone_book_new(db, NULL, &book, &err), MC_OK);
    mc_local_time t;
    ck_assert_int_eq(mci_zone_book_local(book, "BLR-1", BLR_1600_UTC, &t, &err), MC_OK);
    ck_assert_str_eq(t.iso8601, "2026-12-07T16:00:00+05:30");
    ck_assert_str_eq(t.label, "IST");
    ck_assert_int_eq(mci_zone_book_local(book, "LON-1", iso("2026-07-01T15:00:00Z"), &t, &err),
                     MC_OK);
    ck_assert_str_eq(t.iso8601, "2026-07-01T16:00:00+01:00");
    ck_assert_str_eq(t.label, "BST");
    /* asked again, from the book */
    ck_assert_int_eq(mci_zone_book_local(book, "BLR-1", BLR_1600_UTC, &t, &err), MC_OK);
    ck_assert_str_eq(t.label, "IST");
    mci_zone_book_free(book);
}
END_TEST

/* An unknown or missing building falls back to the member's own; without one, UTC. */
START_TEST(test_book_falls_back_to_the_member_building)
{
    sign_in("BLR-1");
    mci_zone_book *book = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_zone_book_new(db, NULL, &book, &err), MC_OK);
    mc_local_time t;
    ck_assert_int_eq(mci_zone_book_local(book, NULL, BLR_1600_UTC, &t, &err), MC_OK);
    ck_assert_str_eq(t.iso8601, "2026-12-07T16:00:00+05:30");
    ck_assert_int_eq(mci_zone_book_local(book, "NOPE-9", BLR_1600_UTC, &t, &err), MC_OK);
    ck_assert_str_eq(t.label, "IST");
    ck_assert_int_eq(mci_zone_book_local(book, "", 0, &t, &err), MC_OK);
    ck_assert(!mc_local_time_is_set(&t));
    mci_zone_book_free(book);
}
END_TEST

START_TEST(test_book_without_any_building_is_utc)
{
    sign_in(""); /* an on-demand user */
    mci_zone_book *book = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_zone_book_new(db, NULL, &book, &err), MC_OK);
    mc_local_time t;
    ck_assert_int_eq(mci_zone_book_local(book, "NOPE-9", BLR_1600_UTC, &t, &err), MC_OK);
    ck_assert_str_eq(t.iso8601, "2026-12-07T10:30:00+00:00");
    ck_assert_str_eq(t.label, "UTC");
    mci_zone_book_free(book);
}
END_TEST

static Suite *localtime_suite(void)
{
    Suite *s = suite_create("localtime");
    TCase *pure = tcase_create("pure");
    tcase_add_unchecked_fixture(pure, load_london, free_london);
    tcase_add_test(pure, test_bengaluru_booking_reads_1600_ist);
    tcase_add_test(pure, test_london_changes_match_vectors);
    tcase_add_test(pure, test_london_across_october_change);
    tcase_add_test(pure, test_labels_without_abbrev);
    tcase_add_test(pure, test_zero_and_before_epoch);
    tcase_add_test(pure, test_past_2038_and_2106);
    tcase_add_test(pure, test_abbrev_shapes);
    tcase_add_test(pure, test_zone_from_wire);
    suite_add_tcase(s, pure);
    TCase *book = tcase_create("zone book");
    tcase_add_checked_fixture(book, store_setup, store_teardown);
    tcase_add_test(book, test_book_uses_the_entity_building);
    tcase_add_test(book, test_book_falls_back_to_the_member_building);
    tcase_add_test(book, test_book_without_any_building_is_utc);
    suite_add_tcase(s, book);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(localtime_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
