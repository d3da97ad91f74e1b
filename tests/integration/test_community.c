/*
 * tests/integration/test_community.c - issue 13's community end to end through the public API
 * against a real memberstub: the calendar export of a synced member read back with Python's
 * icalendar (tests/integration/check_ics.py): a room booking in Bengaluru, a desk day, a
 * booking still queued (tentative), and events in London either side of the change from BST
 * to GMT, each instant checked in its building's zone (and the seed's bookings and events
 * she is going to, as the public API lists them).
 *
 * Both clocks (the stub's and the client's) are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <membercore/membercore.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA "+919800000001"
/* Tuesday 2026-10-20 09:00 UTC (14:30 IST; 10:00 BST in London) */
#define T0      1792486800000LL
#define HOUR_MS 3600000LL

static helper_fixture f;

static void setup(void)
{
    helper_fixture_start(&f, T0);
}

static void teardown(void)
{
    helper_fixture_stop(&f);
}

/* A new event (its id, malloc'd) at building from starts_ms for an hour. */
static char *create_event(const char *building, const char *title, int64_t starts_ms, int capacity)
{
    return helper_create_event_at(f.stub, building, title, starts_ms, starts_ms + HOUR_MS,
                                  capacity);
}

/* One expected timed event for check_ics.py. */
static void expect_timed(cJSON *list, const char *uid, const char *summary, const char *status,
                         const char *tzid, int64_t start_ms, int64_t end_ms)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "uid", uid);
    if (summary != NULL)
        cJSON_AddStringToObject(e, "summary", summary);
    else
        cJSON_AddNullToObject(e, "summary");
    cJSON_AddStringToObject(e, "status", status);
    cJSON_AddStringToObject(e, "tzid", tzid);
    cJSON_AddNumberToObject(e, "start_ms", (double)start_ms);
    cJSON_AddNumberToObject(e, "end_ms", (double)end_ms);
    cJSON_AddItemToArray(list, e);
}

static void expect_day(cJSON *list, const char *uid, const char *summary, const char *date)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "uid", uid);
    cJSON_AddStringToObject(e, "summary", summary);
    cJSON_AddStringToObject(e, "status", "CONFIRMED");
    cJSON_AddStringToObject(e, "date", date);
    cJSON_AddItemToArray(list, e);
}

/* Whether the expected list has uid already. */
static bool expected_has(const cJSON *list, const char *uid)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        if (strcmp(cJSON_GetObjectItem(e, "uid")->valuestring, uid) == 0)
            return true;
    }
    return false;
}

/* The seed's zones: London's building, else India's. */
static const char *zone_of(const char *building_id)
{
    return strncmp(building_id, "LON-", 4) == 0 ? "Europe/London" : "Asia/Kolkata";
}

/* What else the member has from the seed, as the public API lists it: their live room
 * bookings and the events they are going to (summary not checked: null). */
static void expect_the_rest(mc_client *c, cJSON *expected)
{
    mc_error err = MC_ERROR_INIT;
    mc_booking_list *bookings = NULL;
    ck_assert_int_eq(mc_bookings_list(c, T0, &bookings, &err), MC_OK);
    char uid[160];
    for (size_t i = 0; i < bookings->count; i++) {
        const mc_booking *b = &bookings->items[i];
        snprintf(uid, sizeof uid, "booking-%s@membercore", b->id);
        if (b->status == MC_BOOKING_CONFIRMED && !expected_has(expected, uid))
            expect_timed(expected, uid, NULL, "CONFIRMED", zone_of(b->building_id), b->start_ms,
                         b->end_ms);
    }
    mc_booking_list_free(bookings);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, T0, &events, &err), MC_OK);
    for (size_t i = 0; i < events->count; i++) {
        const mc_event *e = &events->items[i];
        snprintf(uid, sizeof uid, "event-%s@membercore", e->id);
        if (e->my_rsvp == MC_RSVP_GOING && !expected_has(expected, uid))
            expect_timed(expected, uid, e->title, e->pending ? "TENTATIVE" : "CONFIRMED",
                         zone_of(e->building_id), e->starts_at_ms, e->ends_at_ms);
    }
    mc_event_list_free(events);
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(fwrite(text, 1, len, out), len);
    ck_assert_int_eq(fclose(out), 0);
}

/* check_ics.py's verdict on the file against the expected events (its exit status). */
static int check_with_icalendar(const char *ics_path, cJSON *expected)
{
    char *json_path = tempdir_path(f.dir, "expected.json");
    char *text = cJSON_PrintUnformatted(expected);
    write_file(json_path, text, strlen(text));
    free(text);
    const char *checker = getenv("ICS_CHECKER");
    ck_assert_msg(checker != NULL, "ICS_CHECKER is not set");
    char command[2048];
    snprintf(command, sizeof command, "python3 '%s' '%s' '%s'", checker, ics_path, json_path);
    int status = system(command);
    free(json_path);
    return status;
}

START_TEST(test_calendar_export_reads_back_in_building_zones)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    /* London events: Friday 23 Oct 18:00 BST and Tuesday 27 Oct 18:00 GMT (an hour later in
     * UTC); one she does not go to */
    char *before =
        create_event("LON-1", "London Founders", T0 + 3 * 24 * HOUR_MS + 8 * HOUR_MS, 30);
    char *after =
        create_event("LON-1", "London Founders again", T0 + 7 * 24 * HOUR_MS + 9 * HOUR_MS, 30);
    char *skipped = create_event("BLR-1", "Not for Asha", T0 + 24 * HOUR_MS, 30);
    ck_assert_int_eq(mc_sync_once(asha, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(asha, before, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(asha, after, MC_RSVP_GOING, &err), MC_OK);
    /* Thursday 22 Oct 10:00-11:00 IST in the Boardroom, and a desk day on Friday */
    mc_booking_request room = {"BLR-1-BOARD", "2026-10-22", "10:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_booking *booking = NULL;
    ck_assert_msg(mc_booking_create(asha, &room, &booking, &err) == MC_OK, "%s", err.message);
    mc_desk_booking *desk = NULL;
    ck_assert_msg(mc_desk_book(asha, "BLR-1-D07", "2026-10-23", MC_DESK_PAY_PLAN, &desk, &err) ==
                      MC_OK,
                  "%s", err.message);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    /* one more booking, still queued: tentative */
    mc_booking_request queued = {"BLR-1-BOARD", "2026-10-22", "12:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_booking *pending = NULL;
    ck_assert_msg(mc_booking_create(asha, &queued, &pending, &err) == MC_OK, "%s", err.message);

    char *ics = NULL;
    size_t len = 0;
    ck_assert_msg(mc_calendar_export(asha, T0, 0, &ics, &len, &err) == MC_OK, "%s", err.message);
    char *ics_path = tempdir_path(f.dir, "asha.ics");
    write_file(ics_path, ics, len);
    ck_assert_ptr_null(strstr(ics, skipped));

    cJSON *expected = cJSON_CreateArray();
    char uid[160];
    snprintf(uid, sizeof uid, "event-%s@membercore", before);
    expect_timed(expected, uid, "London Founders", "CONFIRMED", "Europe/London", T0 + 80 * HOUR_MS,
                 T0 + 81 * HOUR_MS);
    snprintf(uid, sizeof uid, "event-%s@membercore", after);
    expect_timed(expected, uid, "London Founders again", "CONFIRMED", "Europe/London",
                 T0 + 177 * HOUR_MS, T0 + 178 * HOUR_MS);
    snprintf(uid, sizeof uid, "booking-%s@membercore", booking->id);
    expect_timed(expected, uid, "Boardroom, BLR-1", "CONFIRMED", "Asia/Kolkata", 1792643400000LL,
                 1792643400000LL + HOUR_MS);
    snprintf(uid, sizeof uid, "booking-%s@membercore", pending->id);
    expect_timed(expected, uid, "Boardroom, BLR-1", "TENTATIVE", "Asia/Kolkata", 1792650600000LL,
                 1792650600000LL + HOUR_MS);
    snprintf(uid, sizeof uid, "desk-%s@membercore", desk->id);
    expect_day(expected, uid, "Desk BLR-1-D07", "2026-10-23");
    expect_the_rest(asha, expected);
    ck_assert_msg(check_with_icalendar(ics_path, expected) == 0, "the calendar:\n%s", ics);
    /* the London VTIMEZONE covers the change back to GMT on 25 October */
    ck_assert_ptr_nonnull(strstr(ics, "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n"));

    /* and the checker is not a rubber stamp: a wrong instant fails it */
    cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(expected, 1), "start_ms"),
                         (double)(T0 + 176 * HOUR_MS));
    ck_assert_int_ne(check_with_icalendar(ics_path, expected), 0);

    cJSON_Delete(expected);
    free(ics_path);
    mc_calendar_free(ics);
    mc_booking_free(booking);
    mc_booking_free(pending);
    mc_desk_booking_free(desk);
    free(before);
    free(after);
    free(skipped);
    mc_client_free(asha);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("community");
    TCase *tc = tcase_create("stub");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_calendar_export_reads_back_in_building_zones);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
