/*
 * tests/stub/test_stub_limits.c - the hold limits over real HTTP (docs/security.md, "Inventory"):
 * the attacks of issue 14 replayed against memberstub and refused with a code and a message
 * naming the limit. A self-registered on-demand user cannot hold a room for a 14-hour
 * building-day (booking_too_long) nor more than 3 unpaid rooms at once, nor 60 day-pass seats
 * (20 held at most, hold_limit), nor more than 3 unpaid desk days; a hold they let lapse or
 * cancelled unpaid cannot be taken again for 30 minutes (hold_cooldown), while paid bookings,
 * other times, other members and company members paying per use are not held back. Each test
 * runs its own memberstub (fresh database, test mode, server clock at T0 moved through
 * /v1/test/clock) and requires it to exit cleanly.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_test_util.h"
#include "rules/zone.h"

#define H MS_HOUR_MS
#define M MS_MINUTE_MS

#define ASHA "+919800000001"

/* y-m-d h:00 in Bengaluru (UTC+05:30), as ms. */
static int64_t ist(int y, int mo, int d, int h)
{
    return ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H - 330 * M;
}

static void set_clock(int64_t now_ms)
{
    char body[64];
    snprintf(body, sizeof body, "{\"now_ms\":%" PRId64 "}", now_ms);
    cJSON_Delete(call("POST", "/v1/test/clock", body, NULL, 200));
}

/* POST /v1/bookings body. */
static void room_body(char *out, size_t cap, const char *id, const char *room, int64_t start,
                      int hours)
{
    snprintf(out, cap,
             "{\"booking_id\":\"%s\",\"room_id\":\"%s\",\"start_ms\":%" PRId64 ",\"hours\":%d}", id,
             room, start, hours);
}

/* A Razorpay room hold that must be made (201): its order id into order (64 bytes). */
static void hold_room(const char *token, const char *id, const char *room, int64_t start, int hours,
                      char *order)
{
    char body[512];
    room_body(body, sizeof body, id, room, start, hours);
    cJSON *a = call("POST", "/v1/bookings", body, token, 201);
    ck_assert_str_eq(str(field(a, "reservation"), "status"), "pending_payment");
    if (order)
        snprintf(order, 64, "%s", str(field(a, "order"), "id"));
    cJSON_Delete(a);
}

/* A Razorpay room hold refused 409 with code, its message mentioning `mentions`. */
static void room_refused(const char *token, const char *id, const char *room, int64_t start,
                         int hours, const char *code, const char *mentions)
{
    char body[512];
    room_body(body, sizeof body, id, room, start, hours);
    check_error_mentioning("POST", "/v1/bookings", body, token, 409, code, mentions);
}

/* Pay order_id for real and confirm it as token. */
static void pay_order(const char *token, const char *order_id)
{
    cJSON *p = pay(order_id, false);
    char body[512];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(p, "payment_id"), str(p, "signature"));
    cJSON_Delete(p);
    cJSON_Delete(call("POST", "/v1/payments/razorpay/confirm", body, token, 200));
}

/* Push one mutation (kind, payload) from a client of its own; "applied" or the refusal code. */
static const char *push(const char *token, const char *kind, const char *payload)
{
    static int clients;
    static char out[64];
    char client[32];
    snprintf(client, sizeof client, "limits-%d", ++clients);
    cJSON *r = push_mutation(token, client, 1, kind, payload);
    snprintf(out, sizeof out, "%s",
             strcmp(str(r, "status"), "applied") == 0 ? "applied" : str(r, "code"));
    cJSON_Delete(r);
    return out;
}

/* ---- rooms ------------------------------------------------------------------------------ */

/* The attack: one 14-hour hold per room blocked the building-day (BLR-1 is open 08-22). Now an
 * on-demand user's hold is at most 4 hours, and a member of a company paying per use may still
 * book the day. */
START_TEST(test_on_demand_booking_hours_limited)
{
    char *meera = sign_up_on_demand("+919876500001"), *asha = token_for(ASHA);
    int64_t day = ist(2027, 1, 12, 8);
    room_refused(meera, "bk-day", "BLR-1-BOARD", day, 14, "booking_too_long", "at most 4 hours");
    room_refused(meera, "bk-5h", "BLR-1-BOARD", day, 5, "booking_too_long", "5 were asked");
    hold_room(meera, "bk-4h", "BLR-1-BOARD", day, 4, NULL);
    hold_room(asha, "bk-asha", "BLR-1-HUDDLE", day, 14, NULL);
    free(meera);
    free(asha);
}
END_TEST

/* The attack: a hold on every room at once. Three unpaid holds at most; paying one frees a
 * place; a retry of a hold already made still answers 200. */
START_TEST(test_room_holds_limited)
{
    char *meera = sign_up_on_demand("+919876500002"), *other = sign_up_on_demand("+919876500003");
    int64_t day = ist(2027, 1, 12, 10);
    char order[64], body[512];
    hold_room(meera, "bk-1", "BLR-1-BOARD", day, 4, order);
    hold_room(meera, "bk-2", "BLR-1-HUDDLE", day, 4, NULL);
    hold_room(meera, "bk-3", "BLR-1-FOCUS", day, 4, NULL);
    room_refused(meera, "bk-4", "BLR-1-BOARD", day + 5 * H, 1, "hold_limit",
                 "already hold 3 unpaid room bookings");
    room_body(body, sizeof body, "bk-3", "BLR-1-FOCUS", day, 4);
    cJSON_Delete(call("POST", "/v1/bookings", body, meera, 200));
    /* The limit is the member's: another user holds a room then. */
    hold_room(other, "bk-o", "BLR-1-BOARD", day + 5 * H, 1, NULL);
    pay_order(meera, order);
    hold_room(meera, "bk-4", "BLR-1-BOARD", day + 6 * H, 1, NULL);
    free(meera);
    free(other);
}
END_TEST

/* The attack: renewing a hold as it lapses. The same room at an overlapping time is out of the
 * member's reach for 30 minutes after the lapse or an unpaid cancel; other times, other members
 * and the end of the cool-down are not held back, nor is rebooking after a paid cancel. */
START_TEST(test_room_hold_cooldown)
{
    char *meera = sign_up_on_demand("+919876500004"), *other = sign_up_on_demand("+919876500005");
    int64_t day = ist(2027, 1, 6, 10);
    hold_room(meera, "bk-a", "BLR-1-BOARD", day, 4, NULL);
    set_clock(T0 + 16 * M); /* the hold lapsed at T0 + 15 min */
    room_refused(meera, "bk-b", "BLR-1-BOARD", day, 4, "hold_cooldown", "in 29 minutes");
    room_refused(meera, "bk-b", "BLR-1-BOARD", day + 3 * H, 1, "hold_cooldown", "cool-down");
    hold_room(meera, "bk-c", "BLR-1-BOARD", day + 4 * H, 1, NULL);
    hold_room(meera, "bk-d", "BLR-1-HUDDLE", day, 1, NULL);
    hold_room(other, "bk-o", "BLR-1-BOARD", day, 1, NULL);
    set_clock(T0 + 46 * M); /* bk-c, bk-d and bk-o lapsed too; bk-a's cool-down is over */
    hold_room(meera, "bk-e", "BLR-1-BOARD", day, 1, NULL);

    /* Cancelled unpaid: the same cool-down at once. */
    char payload[128];
    snprintf(payload, sizeof payload, "{\"booking_id\":\"bk-e\"}");
    ck_assert_str_eq(push(meera, "booking.cancel", payload), "applied");
    room_refused(meera, "bk-f", "BLR-1-BOARD", day, 1, "hold_cooldown", "in 30 minutes");

    /* Paid, then cancelled: no cool-down. */
    char order[64];
    hold_room(meera, "bk-g", "BLR-1-FOCUS", day, 1, order);
    pay_order(meera, order);
    snprintf(payload, sizeof payload, "{\"booking_id\":\"bk-g\"}");
    ck_assert_str_eq(push(meera, "booking.cancel", payload), "applied");
    hold_room(meera, "bk-h", "BLR-1-FOCUS", day, 1, NULL);
    free(meera);
    free(other);
}
END_TEST

/* ---- day passes ------------------------------------------------------------------------- */

/* n guests' passes on date, emails numbered from `first`, as a JSON array. */
static void guests_on(const char *date, int first, int n, char *out, size_t cap)
{
    size_t used = (size_t)snprintf(out, cap, "[");
    for (int i = first; i < first + n; i++)
        used += (size_t)snprintf(out + used, cap - used,
                                 "%s{\"date\":\"%s\",\"guest\":{\"name\":\"Guest %d\","
                                 "\"email\":\"g%d@example.com\"}}",
                                 i > first ? "," : "", date, i, i);
    snprintf(out + used, cap - used, "]");
}

static char *checkout_body(const char *id, const char *passes)
{
    size_t n = strlen(passes) + 128;
    char *body = malloc(n);
    ck_assert_ptr_nonnull(body);
    snprintf(body, n, "{\"checkout_id\":\"%s\",\"building_id\":\"BLR-1\",\"passes\":%s}", id,
             passes);
    return body;
}

/* A checkout that must be made (201): its order id into order (64 bytes) when not NULL. */
static void checkout(const char *token, const char *id, const char *passes, char *order)
{
    char *body = checkout_body(id, passes);
    cJSON *a = call("POST", "/v1/passes/checkout", body, token, 201);
    if (order)
        snprintf(order, 64, "%s", str(field(a, "order"), "id"));
    cJSON_Delete(a);
    free(body);
}

static void checkout_refused(const char *token, const char *id, const char *passes,
                             const char *code, const char *mentions)
{
    char *body = checkout_body(id, passes);
    check_error_mentioning("POST", "/v1/passes/checkout", body, token, 409, code, mentions);
    free(body);
}

/* The attack: 60 held passes emptied open space (BLR-1 seats 60). One member holds 20 unpaid
 * seats at most; others still find seats; paying frees the member's place. */
START_TEST(test_pass_holds_limited)
{
    char *meera = sign_up_on_demand("+919876500006"), *other = sign_up_on_demand("+919876500007");
    char passes[8192], order[64];
    guests_on("2027-01-05", 0, 20, passes, sizeof passes);
    checkout(meera, "co-1", passes, order);
    guests_on("2027-01-05", 20, 20, passes, sizeof passes);
    checkout_refused(meera, "co-2", passes, "hold_limit", "at most 20 unpaid day passes");
    guests_on("2027-01-05", 20, 1, passes, sizeof passes);
    checkout_refused(meera, "co-2", passes, "hold_limit", "you hold 20 and the cart adds 1");
    guests_on("2027-01-05", 40, 20, passes, sizeof passes);
    checkout(other, "co-o", passes, NULL);
    pay_order(meera, order);
    guests_on("2027-01-05", 60, 5, passes, sizeof passes);
    checkout(meera, "co-3", passes, NULL);
    free(meera);
    free(other);
}
END_TEST

/* Passes that lapsed unpaid cannot be held again on that date for 30 minutes; other dates can. */
START_TEST(test_pass_hold_cooldown)
{
    char *meera = sign_up_on_demand("+919876500008");
    char passes[1024];
    guests_on("2027-01-05", 0, 2, passes, sizeof passes);
    checkout(meera, "co-1", passes, NULL);
    set_clock(T0 + 20 * M);
    checkout_refused(meera, "co-2", passes, "hold_cooldown", "in 25 minutes");
    guests_on("2027-01-06", 0, 2, passes, sizeof passes);
    checkout(meera, "co-3", passes, NULL);
    set_clock(T0 + 45 * M);
    guests_on("2027-01-05", 0, 2, passes, sizeof passes);
    checkout(meera, "co-4", passes, NULL);
    free(meera);
}
END_TEST

/* ---- desks ------------------------------------------------------------------------------ */

static void desk_body(char *out, size_t cap, const char *id, const char *desk, const char *date)
{
    snprintf(out, cap, "{\"booking_id\":\"%s\",\"desk_id\":\"%s\",\"date\":\"%s\"}", id, desk,
             date);
}

/* Three unpaid desk days at most; a desk day cancelled unpaid is out of reach for 30 minutes
 * (that desk, that date), another desk that day is not. */
START_TEST(test_desk_holds_limited)
{
    char *meera = sign_up_on_demand("+919876500009");
    char body[256];
    static const char *const dates[] = {"2027-01-05", "2027-01-06", "2027-01-07"};
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "dk-%d", i);
        desk_body(body, sizeof body, id, "BLR-1-D09", dates[i]);
        cJSON_Delete(call("POST", "/v1/desk_bookings", body, meera, 201));
    }
    desk_body(body, sizeof body, "dk-3", "BLR-1-D09", "2027-01-08");
    check_error_mentioning("POST", "/v1/desk_bookings", body, meera, 409, "hold_limit",
                           "already hold 3 unpaid desk days");
    ck_assert_str_eq(push(meera, "desk.cancel", "{\"booking_id\":\"dk-0\"}"), "applied");
    desk_body(body, sizeof body, "dk-4", "BLR-1-D09", "2027-01-05");
    check_error_mentioning("POST", "/v1/desk_bookings", body, meera, 409, "hold_cooldown",
                           "in 30 minutes");
    desk_body(body, sizeof body, "dk-5", "BLR-1-D08", "2027-01-05");
    cJSON_Delete(call("POST", "/v1/desk_bookings", body, meera, 201));
    free(meera);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("stub_limits");
    TCase *tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_on_demand_booking_hours_limited);
    tcase_add_test(tc, test_room_holds_limited);
    tcase_add_test(tc, test_room_hold_cooldown);
    tcase_add_test(tc, test_pass_holds_limited);
    tcase_add_test(tc, test_pass_hold_cooldown);
    tcase_add_test(tc, test_desk_holds_limited);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(limits_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
