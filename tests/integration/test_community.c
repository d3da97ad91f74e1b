/*
 * tests/integration/test_community.c - issue 13's community end to end through the public API
 * against a real memberstub: announcements after sync (pinned first, the notification linking
 * one, read offline and honoured after the sync, expiry), offers redeemed (a shared code, a
 * single-use pool: the same code again, none left, dates, offline), a waitlist promotion seen
 * after sync with its notification, and the calendar export of a synced member read back with
 * Python's
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

#define VIKRAM      "+919800000002"
#define DEAD_SERVER "http://127.0.0.1:1"

/* POST a test route's JSON body; the answer's "id" (or its object's), malloc'd. */
static char *post_test(const char *path, const char *body, const char *object)
{
    char *answer = NULL;
    int status = stub_request(f.stub, "POST", path, body, NULL, &answer);
    ck_assert_msg(status == 200 || status == 201, "%s: %d %s", path, status, answer);
    cJSON *json = cJSON_Parse(answer);
    free(answer);
    const cJSON *id = cJSON_GetObjectItem(json, "id");
    if (id == NULL)
        id = cJSON_GetObjectItem(cJSON_GetObjectItem(json, object), "id");
    ck_assert_msg(cJSON_IsString(id), "%s: no id in the answer", path);
    char *copy = strdup(id->valuestring);
    cJSON_Delete(json);
    return copy;
}

static const mc_announcement *find_announcement(const mc_announcement_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

/* The member's client over f.dir/name reaching no server (its store as synced). */
static mc_client *offline_member(const char *name)
{
    char *sub = tempdir_path(f.dir, name);
    mc_client *c = helper_open_client_at(sub, DEAD_SERVER, &f.now);
    free(sub);
    return c;
}

/* Announcements arrive by sync: the building's and everyone's, pinned first, with the
 * notification linking to it; another building's is not sent. Read offline, it shows read at
 * once (pending) and the server has it read after the sync; an expired one leaves the list. */
START_TEST(test_announcements_after_sync_and_read_offline)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    char body[512];
    snprintf(body, sizeof body,
             "{\"building_id\":\"BLR-1\",\"title\":\"Lift maintenance\",\"body\":\"Use the "
             "stairs, Saturday 10:00-12:00.\",\"pinned\":true,\"expires_at_ms\":%lld}",
             (long long)(T0 + 48 * HOUR_MS));
    char *pinned = post_test("/v1/test/announcements", body, "announcement");
    char *everyone = post_test("/v1/test/announcements",
                               "{\"building_id\":null,\"title\":\"New app\",\"body\":\"Desks "
                               "by the day.\",\"pinned\":false,\"expires_at_ms\":null}",
                               "announcement");
    char *london = post_test("/v1/test/announcements",
                             "{\"building_id\":\"LON-1\",\"title\":\"Tea\",\"body\":\"Earl "
                             "Grey.\",\"pinned\":false,\"expires_at_ms\":null}",
                             "announcement");
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    mc_announcement_list *list = NULL;
    ck_assert_int_eq(mc_announcements_list(asha, &list, &err), MC_OK);
    ck_assert_ptr_nonnull(find_announcement(list, pinned));
    ck_assert_ptr_nonnull(find_announcement(list, everyone));
    ck_assert_ptr_null(find_announcement(list, london));
    ck_assert_str_eq(list->items[0].id, pinned); /* pinned first */
    ck_assert(list->items[0].pinned);
    ck_assert_str_eq(list->items[0].expires_at.label, "IST");
    ck_assert(!find_announcement(list, pinned)->read);
    size_t unread = list->unread_count;
    ck_assert_uint_ge(unread, 2);
    mc_announcement_list_free(list);
    /* the notification that announces it links to it, by its title */
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(asha, false, &inbox, &err), MC_OK);
    bool linked = false;
    for (size_t i = 0; i < inbox->count; i++) {
        const mc_notification *n = &inbox->items[i];
        if (n->link_kind == MC_LINK_ANNOUNCEMENT && strcmp(n->link_id, pinned) == 0) {
            linked = true;
            ck_assert_int_eq(n->category, MC_NOTIFY_ANNOUNCEMENTS);
            ck_assert_str_eq(n->link_text, "opens announcement Lift maintenance");
        }
    }
    ck_assert_msg(linked, "no announcement notification links to %s", pinned);
    mc_notification_list_free(inbox);
    mc_client_free(asha);

    /* offline: read at once, pending */
    asha = offline_member("asha");
    ck_assert_int_eq(mc_announcement_mark_read(asha, pinned, &err), MC_OK);
    ck_assert_int_eq(mc_announcements_list(asha, &list, &err), MC_OK);
    ck_assert(find_announcement(list, pinned)->read);
    ck_assert(find_announcement(list, pinned)->pending);
    ck_assert_uint_eq(list->unread_count, unread - 1);
    mc_announcement_list_free(list);
    mc_client_free(asha);

    /* online again: the server has it read; a fresh device of Asha's sees it read too */
    char *sub = tempdir_path(f.dir, "asha");
    asha = helper_open_client_at(sub, stub_url(f.stub), &f.now);
    free(sub);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    ck_assert_int_eq(mc_announcements_list(asha, &list, &err), MC_OK);
    ck_assert(find_announcement(list, pinned)->read);
    ck_assert(!find_announcement(list, pinned)->pending);
    mc_announcement_list_free(list);
    helper_fixture_set_now(&f, f.now + 60 * 1000); /* a new code may be sent after 30 s */
    mc_client *fresh = helper_fixture_member(&f, "asha-phone", ASHA);
    ck_assert_int_eq(mc_announcements_list(fresh, &list, &err), MC_OK);
    ck_assert(find_announcement(list, pinned)->read);
    mc_announcement_list_free(list);
    mc_client_free(fresh);

    /* two days on, the pinned one has expired: not listed, even before a sync */
    helper_fixture_set_now(&f, T0 + 49 * HOUR_MS);
    ck_assert_int_eq(mc_announcements_list(asha, &list, &err), MC_OK);
    ck_assert_ptr_null(find_announcement(list, pinned));
    ck_assert_ptr_nonnull(find_announcement(list, everyone));
    mc_announcement_list_free(list);
    mc_client_free(asha);
    free(pinned);
    free(everyone);
    free(london);
}
END_TEST

static const mc_event *find_event(const mc_event_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    ck_abort_msg("no event %s", id);
    return NULL;
}

static const mc_offer *find_offer(const mc_offer_list *list, const char *partner)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].partner, partner) == 0)
            return &list->items[i];
    return NULL;
}

/* Offers in scope: a shared code is the same for everyone; a single-use one hands each member
 * one code and the same one again; the code shows offline; an empty pool, dates outside the
 * validity, an unknown offer and no network each say so. */
START_TEST(test_offers_redeem_shared_and_single_use)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *vikram = helper_fixture_member(&f, "vikram", VIKRAM);
    mc_error err = MC_ERROR_INIT;
    mc_offer_list *list = NULL;
    ck_assert_int_eq(mc_offers_list(asha, &list, &err), MC_OK);
    const mc_offer *blue = find_offer(list, "Blue Tokai");
    const mc_offer *cult = find_offer(list, "Cult.fit");
    ck_assert_ptr_nonnull(blue);
    ck_assert_ptr_nonnull(cult);
    ck_assert_ptr_null(find_offer(list, "Pret")); /* LON-1 only */
    ck_assert_int_eq(blue->code_kind, MC_OFFER_SHARED);
    ck_assert_int_eq(cult->code_kind, MC_OFFER_SINGLE_USE);
    ck_assert(!blue->redeemed);
    char *blue_id = strdup(blue->id), *cult_id = strdup(cult->id);
    mc_offer_list_free(list);

    mc_offer *mine = NULL, *his = NULL, *again = NULL;
    ck_assert_msg(mc_offer_redeem(asha, blue_id, &mine, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(mine->code, "MCBLUE20");
    ck_assert(mine->redeemed);
    ck_assert_int_eq(mc_offer_redeem(vikram, blue_id, &his, &err), MC_OK);
    ck_assert_str_eq(his->code, "MCBLUE20");
    mc_offer_free(mine);
    mc_offer_free(his);

    ck_assert_msg(mc_offer_redeem(asha, cult_id, &mine, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(mc_offer_redeem(asha, cult_id, &again, &err), MC_OK);
    ck_assert_str_eq(again->code, mine->code);
    ck_assert_int_eq(mc_offer_redeem(vikram, cult_id, &his, &err), MC_OK);
    ck_assert_str_ne(his->code, mine->code);
    char *asha_code = strdup(mine->code);
    mc_offer_free(mine);
    mc_offer_free(again);
    mc_offer_free(his);

    /* offline: the codes are kept; redeeming needs the network */
    mc_client_free(asha);
    asha = offline_member("asha");
    ck_assert_int_eq(mc_offers_list(asha, &list, &err), MC_OK);
    ck_assert(find_offer(list, "Cult.fit")->redeemed);
    ck_assert_str_eq(find_offer(list, "Cult.fit")->code, asha_code);
    ck_assert_str_eq(find_offer(list, "Blue Tokai")->code, "MCBLUE20");
    for (size_t i = 0; i + 1 < list->count; i++) /* redeemed ones after the others */
        ck_assert(!list->items[i].redeemed || list->items[i + 1].redeemed);
    mc_offer_list_free(list);
    ck_assert_int_eq(mc_offer_redeem(asha, cult_id, &mine, &err), MC_ERR_OFFLINE);
    ck_assert_ptr_null(mine);
    mc_client_free(asha);
    char *sub = tempdir_path(f.dir, "asha");
    asha = helper_open_client_at(sub, stub_url(f.stub), &f.now);
    free(sub);

    /* a pool of one: Vikram takes it, Asha is told none are left */
    char body[512];
    snprintf(body, sizeof body,
             "{\"partner\":\"Third Wave\",\"title\":\"Free cold brew\",\"description\":\"One.\","
             "\"terms\":\"Once.\",\"building_ids\":[\"BLR-1\"],\"valid_from\":\"2026-10-01\","
             "\"valid_until\":\"2026-10-31\",\"code_kind\":\"single_use\",\"codes\":[\"TW-1\"]}");
    char *one = post_test("/v1/test/offers", body, "offer");
    ck_assert_int_eq(helper_sync_until_drained(vikram, 5), MC_OK);
    ck_assert_int_eq(mc_offer_redeem(vikram, one, &his, &err), MC_OK);
    ck_assert_str_eq(his->code, "TW-1");
    mc_offer_free(his);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    ck_assert_int_eq(mc_offer_redeem(asha, one, &mine, &err), MC_ERR_CONFLICT);
    ck_assert_str_eq(err.message, "'Third Wave: Free cold brew': no codes left");

    /* not started yet: not listed, and refused naming the date */
    snprintf(body, sizeof body,
             "{\"partner\":\"Later\",\"title\":\"Soon\",\"description\":\"Soon.\",\"terms\":"
             "\"None.\",\"building_ids\":[],\"valid_from\":\"2026-11-01\",\"valid_until\":"
             "\"2026-11-30\",\"code_kind\":\"shared\",\"shared_code\":\"LATER\"}");
    char *later = post_test("/v1/test/offers", body, "offer");
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    ck_assert_int_eq(mc_offers_list(asha, &list, &err), MC_OK);
    ck_assert_ptr_null(find_offer(list, "Later"));
    mc_offer_list_free(list);
    ck_assert_int_eq(mc_offer_redeem(asha, later, &mine, &err), MC_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(err.message, "2026-11-01"));
    ck_assert_int_eq(mc_offer_redeem(asha, "OFF-NOPE", &mine, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_offer_redeem(asha, "", &mine, &err), MC_ERR_INVALID_ARG);

    free(one);
    free(later);
    free(asha_code);
    free(blue_id);
    free(cult_id);
    mc_client_free(asha);
    mc_client_free(vikram);
}
END_TEST

/* A full event: Asha's GOING waits in line at once (pending), the server agrees (first in
 * line); when Vikram drops out she is promoted, sees GOING after her sync and the
 * event.promoted notification linking to the event. */
START_TEST(test_waitlist_promotion_seen_after_sync)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *vikram = helper_fixture_member(&f, "vikram", VIKRAM);
    mc_error err = MC_ERROR_INIT;
    char *event = create_event("BLR-1", "Networking Hour", T0 + 30 * HOUR_MS, 1);
    ck_assert_int_eq(helper_sync_until_drained(vikram, 5), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(vikram, event, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(helper_sync_until_drained(vikram, 5), MC_OK);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);

    ck_assert_int_eq(mc_event_rsvp(asha, event, MC_RSVP_GOING, &err), MC_OK);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(asha, T0, &events, &err), MC_OK);
    const mc_event *ev = find_event(events, event);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_WAITLISTED);
    ck_assert(ev->pending);
    ck_assert_int_eq(ev->waitlist_position, 1);
    mc_event_list_free(events);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    ck_assert_int_eq(mc_events_list(asha, T0, &events, &err), MC_OK);
    ev = find_event(events, event);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_WAITLISTED);
    ck_assert(!ev->pending);
    ck_assert_int_eq(ev->waitlist_position, 1);
    ck_assert_int_eq(ev->waitlist_count, 1);
    ck_assert_int_eq(ev->going_count, 1);
    mc_event_list_free(events);

    ck_assert_int_eq(mc_event_rsvp(vikram, event, MC_RSVP_NOT_GOING, &err), MC_OK);
    ck_assert_int_eq(helper_sync_until_drained(vikram, 5), MC_OK);
    ck_assert_int_eq(helper_sync_until_drained(asha, 5), MC_OK);
    ck_assert_int_eq(mc_events_list(asha, T0, &events, &err), MC_OK);
    ev = find_event(events, event);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_GOING);
    ck_assert_int_eq(ev->waitlist_position, 0);
    ck_assert_int_eq(ev->waitlist_count, 0);
    ck_assert_int_eq(ev->going_count, 1);
    mc_event_list_free(events);
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(asha, false, &inbox, &err), MC_OK);
    bool told = false;
    for (size_t i = 0; i < inbox->count; i++) {
        const mc_notification *n = &inbox->items[i];
        if (strcmp(n->kind, "event.promoted") == 0) {
            told = true;
            ck_assert_int_eq(n->category, MC_NOTIFY_EVENTS);
            ck_assert_int_eq(n->link_kind, MC_LINK_EVENT);
            ck_assert_str_eq(n->link_id, event);
            ck_assert_ptr_nonnull(strstr(n->title, "Networking Hour"));
        }
    }
    ck_assert_msg(told, "no event.promoted notification");
    mc_notification_list_free(inbox);
    free(event);
    mc_client_free(asha);
    mc_client_free(vikram);
}
END_TEST

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
    tcase_add_test(tc, test_announcements_after_sync_and_read_offline);
    tcase_add_test(tc, test_offers_redeem_shared_and_single_use);
    tcase_add_test(tc, test_waitlist_promotion_seen_after_sync);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
