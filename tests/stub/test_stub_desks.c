/*
 * tests/stub/test_stub_desks.c - hot desks by the day over real HTTP
 * (docs/today-desks-community.md "Desks"): every refusal of desk.book and desk.cancel with its
 * message in the building's words; eight members racing for one desk-day online and through sync
 * (exactly one wins, the others desk_taken); replayed mutations applied once; cancelling before the
 * cut-off with the credits or desk day back and after it refused; the release at the building-local
 * cut-off by the test clock with its notification, once; the door's check-in keeping the desk;
 * Razorpay (hold, invoice, signature, replay, the lapsed hold); another member's booking not
 * found. Each test runs its own memberstub (fresh database, test mode, clock at T0: Monday
 * 4 January 2027, 10:00 in Bengaluru) and requires it to exit cleanly; time moves by the stub's
 * test clock, never by sleeping.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rules/access_codes.h"
#include "stub_process.h"
#include "stub_test_util.h"

#define ASHA   "+919800000001" /* ACME, BLR-1, 8 desk days a month */
#define VIKRAM "+919800000002" /* ACME, BLR-1, dedicated desk BLR-1-D14 */
#define OLIVIA "+447700900001" /* HART, LON-1, 5 desk days a month */

#define MINUTE_MS ((int64_t)60000)
#define HOUR_MS   (60 * MINUTE_MS)
/* Tuesday 5 January 2027 00:00 IST and its 11:00 check-in cut-off. */
#define TUE_0000_IST ((int64_t)1799087400000LL)
#define TUE_1100_IST (TUE_0000_IST + 660 * MINUTE_MS)

/* ---- helpers ---------------------------------------------------------------------------- */

/* Push one mutation from a client of its own (so ids never clash); the result object. */
static cJSON *push_one(const char *token, const char *kind, const char *payload)
{
    static int clients;
    int n = ++clients;
    char body[1024];
    snprintf(body, sizeof body,
             "{\"client_id\":\"desk-client-%d\",\"mutations\":[{\"mutation_id\":1,"
             "\"idempotency_key\":\"desk-key-%d\",\"kind\":\"%s\",\"payload\":%s}]}",
             n, n, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    cJSON *r = cJSON_DetachItemFromArray(cJSON_GetObjectItemCaseSensitive(answer, "results"), 0);
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* The message of the last refusal outcome() saw. */
static char last_message[512];

/* "applied", or the refusal's code (its message into last_message). */
static const char *outcome(cJSON *result)
{
    static char out[64];
    if (strcmp(str(result, "status"), "applied") == 0) {
        snprintf(out, sizeof out, "applied");
    } else {
        ck_assert_str_eq(str(result, "status"), "rejected");
        snprintf(out, sizeof out, "%s", str(result, "code"));
        ck_assert_msg(str(result, "message")[0], "a refusal needs a message");
        snprintf(last_message, sizeof last_message, "%s", str(result, "message"));
    }
    cJSON_Delete(result);
    return out;
}

/* desk.book: "applied" or the code. */
static const char *book(const char *token, const char *id, const char *desk, const char *date,
                        const char *pay)
{
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"booking_id\":\"%s\",\"desk_id\":\"%s\",\"date\":\"%s\",\"pay\":\"%s\"}", id, desk,
             date, pay);
    return outcome(push_one(token, "desk.book", payload));
}

static const char *cancel(const char *token, const char *id)
{
    char payload[256];
    snprintf(payload, sizeof payload, "{\"booking_id\":\"%s\"}", id);
    return outcome(push_one(token, "desk.cancel", payload));
}

/* A new on-demand user's session token (malloc'd). */
static char *on_demand(const char *phone)
{
    char *token = token_for(phone);
    cJSON_Delete(call("PUT", "/v1/me/profile",
                      "{\"name\": \"Meera Iyer\", \"email\": \"meera@example.com\","
                      " \"company\": \"Iyer Labs\", \"city\": \"Chennai\"}",
                      token, 200));
    cJSON_Delete(call("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 200));
    return token;
}

/* The entity kind/id of a view, or NULL. */
static const cJSON *entity(const cJSON *view, const char *kind, const char *id)
{
    char key[160];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    return cJSON_GetObjectItemCaseSensitive(view, key);
}

/* The desk booking id as phone sees it (fails when absent). */
static const cJSON *booking_in(const cJSON *view, const char *id)
{
    const cJSON *b = entity(view, "desk_booking", id);
    ck_assert_msg(b != NULL, "no desk_booking %s", id);
    return b;
}

/* How many notifications of kind the view holds; the last one into *last. */
static int notifications_of(const cJSON *view, const char *kind, const cJSON **last)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, view)
    {
        if (strncmp(e->string, "notification/", 13) == 0 &&
            cJSON_IsString(cJSON_GetObjectItem(e, "kind")) && strcmp(str(e, "kind"), kind) == 0) {
            n++;
            if (last)
                *last = e;
        }
    }
    return n;
}

static void clock_to(int64_t now_ms)
{
    ck_assert_int_eq(stub_set_clock(stub, now_ms), 0);
}

/* The door payload of credential id (its secret_hex as synced) at now_ms. */
static void door_code(const cJSON *credential, int64_t now_ms, char *out, size_t cap)
{
    const char *hex = str(credential, "secret_hex");
    uint8_t secret[32];
    for (int i = 0; i < 32; i++) {
        unsigned v;
        ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &v), 1);
        secret[i] = (uint8_t)v;
    }
    ck_assert_int_eq(ms_access_payload(secret, sizeof secret, str(credential, "id"),
                                       ms_access_step(now_ms), out, cap),
                     0);
}

/* POST /v1/desk_bookings/{id}/payment with the test checkout's payment of order (forged or not). */
static cJSON *pay_desk(const char *token, const char *id, const char *order, bool forge, int expect)
{
    cJSON *p = pay(order, forge);
    char path[128], body[512];
    snprintf(path, sizeof path, "/v1/desk_bookings/%s/payment", id);
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order, str(p, "payment_id"), str(p, "signature"));
    cJSON_Delete(p);
    return call("POST", path, body, token, expect);
}

/* ---- refusals --------------------------------------------------------------------------- */

/* Every refusal code of desk.book, each with a message in the building's words. */
START_TEST(test_every_refusal)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *olivia = token_for(OLIVIA);
    char *meera = on_demand("+919876543210");
    ck_assert_str_eq(book(asha, "dk-1", "BLR-1-D07", "2027-01-05", "plan"), "applied");
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D07", "2027-01-03", "plan"), "past");
    ck_assert_msg(strstr(last_message, "Indiranagar") && strstr(last_message, "Mon 4 Jan 2027"),
                  "%s", last_message);
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D07", "2027-02-04", "plan"), "beyond_window");
    ck_assert_msg(strstr(last_message, "30 days") && strstr(last_message, "Wed 3 Feb 2027"), "%s",
                  last_message);
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D07", "2027-01-10", "plan"), "closed");
    ck_assert_msg(strstr(last_message, "Indiranagar is closed on Sun 10 Jan 2027"), "%s",
                  last_message);
    char body[256];
    snprintf(body, sizeof body,
             "{\"building_id\":\"BLR-1\",\"start_ms\":%" PRId64 ",\"end_ms\":%" PRId64
             ",\"reason\":\"Deep cleaning\"}",
             TUE_0000_IST + 2 * (int64_t)86400000 + 12 * HOUR_MS,
             TUE_0000_IST + 2 * (int64_t)86400000 + 14 * HOUR_MS);
    cJSON_Delete(call("POST", "/v1/test/blackouts", body, NULL, 200));
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D07", "2027-01-07", "plan"), "blackout");
    ck_assert_msg(strstr(last_message, "Deep cleaning"), "%s", last_message);
    ck_assert_str_eq(book(olivia, "dk-3", "BLR-1-D07", "2027-01-05", "plan"), "desk_taken");
    ck_assert_msg(strstr(last_message, "D07 is taken on Tue 5 Jan 2027"), "%s", last_message);
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D08", "2027-01-05", "credits"),
                     "already_booked_that_day");
    ck_assert_str_eq(book(vikram, "dk-4", "BLR-1-D08", "2027-01-05", "credits"),
                     "has_dedicated_desk");
    ck_assert_msg(strstr(last_message, "D14"), "%s", last_message);
    ck_assert_str_eq(book(meera, "dk-5", "BLR-1-D08", "2027-01-05", "plan"), "no_plan_desk_days");
    ck_assert_str_eq(book(meera, "dk-5", "BLR-1-D08", "2027-01-05", "credits"), "no_company");
    ck_assert_str_eq(book(meera, "dk-5", "BLR-1-D08", "2027-01-05", "razorpay"),
                     "invalid_argument");
    /* Not a desk at all, and another member's dedicated desk: not found alike. */
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D99", "2027-01-06", "plan"), "not_found");
    ck_assert_str_eq(book(asha, "dk-2", "BLR-1-D14", "2027-01-06", "plan"), "not_found");
    /* Olivia's 5 desk days of January, then none left. */
    const char *dates[] = {"2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09"};
    for (int i = 0; i < 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "dk-o%d", i);
        ck_assert_str_eq(book(olivia, id, "LON-1-D01", dates[i], "plan"), "applied");
    }
    ck_assert_str_eq(book(olivia, "dk-o5", "LON-1-D01", "2027-01-11", "plan"), "no_desk_days_left");
    ck_assert_msg(strstr(last_message, "5 desk days of January 2027"), "%s", last_message);
    cJSON *v = sync_view(OLIVIA);
    const cJSON *days = field(entity(v, "membership", "usr_5eed000000000003"), "desk_days");
    ck_assert_int_eq(num(days, "allowance"), 5);
    ck_assert_int_eq(num(days, "used"), 5);
    ck_assert_str_eq(str(days, "month"), "2027-01");
    cJSON_Delete(v);
    /* HART's 120 credits spent on rooms, then a desk day by credits is refused. */
    char room[256];
    snprintf(room, sizeof room,
             "{\"booking_id\":\"r-1\",\"room_id\":\"LON-1-THAMES\",\"start_ms\":%" PRId64
             ",\"hours\":15,\"pay\":\"credits\"}",
             TUE_0000_IST + 7 * (int64_t)86400000 + 330 * MINUTE_MS); /* 12 Jan 00:00 GMT */
    ck_assert_str_eq(outcome(push_one(olivia, "booking.create", room)), "applied");
    ck_assert_str_eq(book(olivia, "dk-o6", "LON-1-D02", "2027-01-11", "credits"),
                     "insufficient_credits");
    ck_assert_msg(strstr(last_message, "Shoreditch takes 4 credits") &&
                      strstr(last_message, "has 0 left"),
                  "%s", last_message);
    /* Today is bookable until 11:00 IST, not after. */
    ck_assert_str_eq(book(asha, "dk-t1", "BLR-1-D01", "2027-01-04", "plan"), "applied");
    clock_to(T0 + HOUR_MS);
    ck_assert_str_eq(book(vikram, "dk-t2", "BLR-1-D02", "2027-01-04", "plan"),
                     "has_dedicated_desk");
    ck_assert_str_eq(book(olivia, "dk-t2", "BLR-1-D02", "2027-01-04", "credits"), "after_cutoff");
    ck_assert_msg(strstr(last_message, "11:00 IST"), "%s", last_message);
    free(asha);
    free(vikram);
    free(olivia);
    free(meera);
}
END_TEST

/* ---- the race --------------------------------------------------------------------------- */

typedef struct racer {
    const char *token;
    pthread_barrier_t *start;
    int index;
    const char *pay; /* "plan", "credits", or NULL: online by card */
    int status;
    char result[64];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    char body[1024], *text = NULL;
    if (!r->pay) {
        snprintf(body, sizeof body,
                 "{\"booking_id\":\"race-%d\",\"desk_id\":\"BLR-1-D05\",\"date\":\"2027-01-06\"}",
                 r->index);
        pthread_barrier_wait(r->start);
        r->status = stub_request(stub, "POST", "/v1/desk_bookings", body, r->token, &text);
    } else {
        snprintf(body, sizeof body,
                 "{\"client_id\":\"racer-%d\",\"mutations\":[{\"mutation_id\":1,"
                 "\"idempotency_key\":\"race-key-%d\",\"kind\":\"desk.book\",\"payload\":"
                 "{\"booking_id\":\"race-%d\",\"desk_id\":\"BLR-1-D05\",\"date\":\"2027-01-06\","
                 "\"pay\":\"%s\"}}]}",
                 r->index, r->index, r->index, r->pay);
        pthread_barrier_wait(r->start);
        r->status = stub_request(stub, "POST", "/v1/sync/push", body, r->token, &text);
    }
    cJSON *json = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *item = r->pay ? cJSON_GetArrayItem(cJSON_GetObjectItem(json, "results"), 0) : json;
    const cJSON *status = cJSON_GetObjectItem(item, "status"),
                *code = cJSON_GetObjectItem(item, "code");
    bool won = r->pay ? cJSON_IsString(status) && strcmp(status->valuestring, "applied") == 0
                      : r->status == 201;
    snprintf(r->result, sizeof r->result, "%s",
             won                    ? "applied"
             : cJSON_IsString(code) ? code->valuestring
                                    : "?");
    cJSON_Delete(json);
    return NULL;
}

/*
 * Eight members (Asha by plan and Olivia by credits through sync, six on-demand users online by
 * card) race for BLR-1-D05 on Wed 6 Jan: exactly one holds it, seven get desk_taken (409 online),
 * and everyone sees one desk_busy; the winner alone has a booking.
 */
START_TEST(test_eight_members_race_for_one_desk_day)
{
    enum { RACERS = 8 };
    char *tokens[RACERS];
    tokens[0] = token_for(ASHA);
    tokens[1] = token_for(OLIVIA);
    for (int i = 2; i < RACERS; i++) {
        char phone[20];
        snprintf(phone, sizeof phone, "+9198765432%02d", i);
        tokens[i] = on_demand(phone);
    }
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, RACERS);
    racer racers[RACERS];
    pthread_t threads[RACERS];
    for (int i = 0; i < RACERS; i++) {
        racers[i] =
            (racer){tokens[i], &barrier, i, i == 0 ? "plan" : i == 1 ? "credits" : NULL, 0, ""};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
    }
    for (int i = 0; i < RACERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    int applied = 0, winner = -1;
    for (int i = 0; i < RACERS; i++) {
        if (strcmp(racers[i].result, "applied") == 0) {
            applied++;
            winner = i;
        } else {
            ck_assert_msg(strcmp(racers[i].result, "desk_taken") == 0, "racer %d got %s (%d)", i,
                          racers[i].result, racers[i].status);
            if (!racers[i].pay)
                ck_assert_int_eq(racers[i].status, 409);
        }
    }
    ck_assert_int_eq(applied, 1);
    cJSON *v = sync_view(ASHA);
    ck_assert_ptr_nonnull(entity(v, "desk_busy", "BLR-1-D05@2027-01-06"));
    ck_assert_int_eq(winner == 0, entity(v, "desk_booking", "race-0") != NULL);
    int busy = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) busy += strncmp(e->string, "desk_busy/", 10) == 0;
    ck_assert_int_eq(busy, 1);
    cJSON_Delete(v);
    for (int i = 0; i < RACERS; i++)
        free(tokens[i]);
}
END_TEST

/* A desk.book pushed again (the same client, mutation id and key) is answered from its stored
 * result: applied once, one booking, one desk day used. */
START_TEST(test_a_replayed_booking_applies_once)
{
    char *asha = token_for(ASHA);
    static const char body[] =
        "{\"client_id\":\"replay\",\"mutations\":[{\"mutation_id\":1,\"idempotency_key\":"
        "\"replay-1\",\"kind\":\"desk.book\",\"payload\":{\"booking_id\":\"dk-r\",\"desk_id\":"
        "\"BLR-1-D03\",\"date\":\"2027-01-05\",\"pay\":\"plan\"}}]}";
    for (int i = 0; i < 2; i++) {
        cJSON *answer = call("POST", "/v1/sync/push", body, asha, 200);
        const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
        ck_assert_str_eq(str(r, "status"), "applied");
        ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "replayed")) == (i == 1));
        cJSON_Delete(answer);
    }
    cJSON *v = sync_view(ASHA);
    ck_assert_int_eq(
        num(field(entity(v, "membership", "usr_5eed000000000001"), "desk_days"), "used"), 1);
    ck_assert_int_eq(notifications_of(v, "desk.confirmed", NULL), 1);
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* ---- cancel ----------------------------------------------------------------------------- */

/*
 * Cancelled before the cut-off: a credits booking's 4 credits come back (a refund line naming the
 * desk booking) and a plan booking's desk day; the desk-day is free again. At the cut-off a
 * booking (released by then) is after_cutoff and its desk day stays used.
 */
START_TEST(test_cancel_before_and_after_the_cutoff)
{
    char *asha = token_for(ASHA);
    cJSON *v = sync_view(ASHA);
    int64_t balance = num(entity(v, "company", "ACME"), "credit_balance");
    cJSON_Delete(v);
    ck_assert_str_eq(book(asha, "dk-c", "BLR-1-D07", "2027-01-05", "credits"), "applied");
    v = sync_view(ASHA);
    ck_assert_int_eq(num(entity(v, "company", "ACME"), "credit_balance"), balance - 4);
    ck_assert_int_eq(num(booking_in(v, "dk-c"), "credits"), 4);
    cJSON_Delete(v);
    ck_assert_str_eq(cancel(asha, "dk-c"), "applied");
    ck_assert_str_eq(cancel(asha, "dk-c"), "invalid_argument");
    v = sync_view(ASHA);
    ck_assert_int_eq(num(entity(v, "company", "ACME"), "credit_balance"), balance);
    ck_assert_str_eq(str(booking_in(v, "dk-c"), "status"), "cancelled");
    ck_assert_str_eq(str(booking_in(v, "dk-c"), "cancel_reason"), "member");
    ck_assert_ptr_null(entity(v, "desk_busy", "BLR-1-D07@2027-01-05"));
    int refunds = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "credit_ledger/", 14) == 0 &&
            cJSON_IsString(cJSON_GetObjectItem(e, "desk_booking_id")) &&
            strcmp(str(e, "desk_booking_id"), "dk-c") == 0)
            refunds += strcmp(str(e, "reason"), "refund") == 0 ? 1 : 0;
    }
    ck_assert_int_eq(refunds, 1);
    cJSON_Delete(v);

    ck_assert_str_eq(book(asha, "dk-p", "BLR-1-D07", "2027-01-05", "plan"), "applied");
    ck_assert_str_eq(cancel(asha, "dk-p"), "applied");
    ck_assert_str_eq(book(asha, "dk-q", "BLR-1-D07", "2027-01-05", "plan"), "applied");
    v = sync_view(ASHA);
    ck_assert_int_eq(
        num(field(entity(v, "membership", "usr_5eed000000000001"), "desk_days"), "used"), 1);
    cJSON_Delete(v);
    clock_to(TUE_1100_IST);
    ck_assert_str_eq(cancel(asha, "dk-q"), "after_cutoff");
    ck_assert_msg(strstr(last_message, "11:00 IST"), "%s", last_message);
    v = sync_view(ASHA);
    ck_assert_int_eq(
        num(field(entity(v, "membership", "usr_5eed000000000001"), "desk_days"), "used"), 1);
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* ---- release and check-in --------------------------------------------------------------- */

/*
 * Asha's desk day not checked in: at 10:59 IST it is still hers; at the 11:00 cut-off (the test
 * clock) it is released as of 11:00, desk_busy deleted, its door code refused, and she is told
 * once ("Desk D07 released: not checked in by 11:00 IST", the desk day not given back).
 */
START_TEST(test_release_at_the_cutoff)
{
    char *asha = token_for(ASHA);
    ck_assert_str_eq(book(asha, "dk-x", "BLR-1-D07", "2027-01-05", "plan"), "applied");
    cJSON *v = sync_view(ASHA);
    const cJSON *b = booking_in(v, "dk-x");
    cJSON *credential = cJSON_Duplicate(entity(v, "credential", str(b, "credential_id")), true);
    ck_assert_ptr_nonnull(credential);
    ck_assert_str_eq(str(credential, "kind"), "desk");
    ck_assert_str_eq(str(credential, "desk_booking_id"), "dk-x");
    ck_assert_int_eq(num(credential, "valid_from_ms"), TUE_0000_IST);
    const cJSON *confirmed = NULL;
    ck_assert_int_eq(notifications_of(v, "desk.confirmed", &confirmed), 1);
    ck_assert_str_eq(str(confirmed, "deep_link"), "membercore://desks/dk-x");
    ck_assert_str_eq(str(confirmed, "category"), "bookings");
    cJSON_Delete(v);

    clock_to(TUE_1100_IST - MINUTE_MS);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(booking_in(v, "dk-x"), "status"), "confirmed");
    cJSON_Delete(v);
    clock_to(TUE_1100_IST + 5 * MINUTE_MS);
    v = sync_view(ASHA);
    b = booking_in(v, "dk-x");
    ck_assert_str_eq(str(b, "status"), "released");
    ck_assert_int_eq(num(b, "released_at_ms"), TUE_1100_IST);
    ck_assert_ptr_null(entity(v, "desk_busy", "BLR-1-D07@2027-01-05"));
    const cJSON *released = NULL;
    ck_assert_int_eq(notifications_of(v, "desk.released", &released), 1);
    ck_assert_str_eq(str(released, "title"), "Desk D07 released: not checked in by 11:00 IST");
    ck_assert_msg(strstr(str(released, "body"), "not given back"), "%s", str(released, "body"));
    ck_assert_str_eq(str(released, "deep_link"), "membercore://desks/dk-x");
    ck_assert_str_eq(str(released, "category"), "bookings");
    cJSON_Delete(v);
    char code[160];
    door_code(credential, TUE_1100_IST + 5 * MINUTE_MS, code, sizeof code);
    ck_assert_str_eq(scan_way("BLR-1", code, "in"), "expired");
    /* Later requests tell her nothing more. */
    clock_to(TUE_1100_IST + 3 * HOUR_MS);
    v = sync_view(ASHA);
    ck_assert_int_eq(notifications_of(v, "desk.released", NULL), 1);
    cJSON_Delete(v);
    cJSON_Delete(credential);
    free(asha);
}
END_TEST

/* A desk day checked in at the door (Asha's rotating code at 09:00 IST) is not released at 11:00;
 * the code is not yet valid the day before and does not open another building. */
START_TEST(test_door_check_in_keeps_the_desk)
{
    char *asha = token_for(ASHA);
    ck_assert_str_eq(book(asha, "dk-i", "BLR-1-D08", "2027-01-05", "credits"), "applied");
    cJSON *v = sync_view(ASHA);
    cJSON *credential =
        cJSON_Duplicate(entity(v, "credential", str(booking_in(v, "dk-i"), "credential_id")), true);
    cJSON_Delete(v);
    char code[160];
    door_code(credential, T0, code, sizeof code);
    ck_assert_str_eq(scan_way("BLR-1", code, "in"), "not_yet_valid");
    int64_t nine = TUE_0000_IST + 9 * HOUR_MS;
    clock_to(nine);
    door_code(credential, nine, code, sizeof code);
    ck_assert_str_eq(scan_way("MUM-1", code, "in"), "wrong_building");
    ck_assert_str_eq(scan_way("BLR-1", code, "in"), "granted");
    clock_to(TUE_1100_IST + MINUTE_MS);
    v = sync_view(ASHA);
    const cJSON *b = booking_in(v, "dk-i");
    ck_assert_str_eq(str(b, "status"), "confirmed");
    ck_assert_int_eq(num(b, "checked_in_at_ms"), nine);
    ck_assert_ptr_nonnull(entity(v, "desk_busy", "BLR-1-D08@2027-01-05"));
    ck_assert_int_eq(notifications_of(v, "desk.released", NULL), 0);
    cJSON_Delete(v);
    cJSON_Delete(credential);
    free(asha);
}
END_TEST

/* ---- Razorpay --------------------------------------------------------------------------- */

/*
 * An on-demand user books BLR-1-D09 by card: 201 pending with a 15-minute hold, Rs 600 + 18% GST
 * = 70800 paise, the desk-day held for everyone; a retry answers 200; a forged signature is 402;
 * the real one confirms it (credential, invoice paid, desk.confirmed), and again changes nothing.
 * Another hold lapses after 15 minutes (cancelled, hold_expired, invoice void, the desk free) and
 * paying it then is 409. Another member's booking is not found.
 */
START_TEST(test_razorpay_desk_day)
{
    char *meera = on_demand("+919876543210"), *olivia = token_for(OLIVIA);
    static const char body[] =
        "{\"booking_id\":\"dk-z\",\"desk_id\":\"BLR-1-D09\",\"date\":\"2027-01-05\"}";
    cJSON *a = call("POST", "/v1/desk_bookings", body, meera, 201);
    const cJSON *b = field(a, "desk_booking"), *order = field(a, "order");
    ck_assert_str_eq(str(b, "status"), "pending_payment");
    ck_assert_str_eq(str(b, "paid_by"), "razorpay");
    ck_assert_int_eq(num(b, "amount_paise"), 70800);
    ck_assert_str_eq(str(b, "currency"), "INR");
    ck_assert_int_eq(num(order, "amount_paise"), 70800);
    ck_assert_int_eq(num(order, "hold_expires_at_ms"), T0 + 15 * MINUTE_MS);
    ck_assert_str_eq(str(order, "id"), str(b, "order_id"));
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    cJSON_Delete(a);
    a = call("POST", "/v1/desk_bookings", body, meera, 200);
    ck_assert_str_eq(str(field(a, "order"), "id"), order_id);
    cJSON_Delete(a);
    cJSON *v = sync_view(ASHA);
    ck_assert_ptr_nonnull(entity(v, "desk_busy", "BLR-1-D09@2027-01-05"));
    ck_assert_ptr_null(entity(v, "desk_booking", "dk-z"));
    cJSON_Delete(v);

    cJSON_Delete(pay_desk(meera, "dk-z", order_id, true, 402));
    cJSON_Delete(pay_desk(olivia, "dk-z", order_id, false, 404));
    a = pay_desk(meera, "dk-z", order_id, false, 200);
    b = field(a, "desk_booking");
    ck_assert_str_eq(str(b, "status"), "confirmed");
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(b, "credential_id")));
    char invoice[64];
    snprintf(invoice, sizeof invoice, "%s", str(b, "invoice_id"));
    cJSON_Delete(a);
    a = pay_desk(meera, "dk-z", order_id, false, 200);
    ck_assert_str_eq(str(field(a, "desk_booking"), "status"), "confirmed");
    cJSON_Delete(a);
    v = sync_view("+919876543210");
    const cJSON *inv = entity(v, "invoice", invoice);
    ck_assert_ptr_nonnull(inv);
    ck_assert_str_eq(str(inv, "status"), "paid");
    ck_assert_int_eq(num(inv, "total_paise"), 70800);
    ck_assert_int_eq(notifications_of(v, "desk.confirmed", NULL), 1);
    ck_assert_str_eq(
        str(entity(v, "credential", str(booking_in(v, "dk-z"), "credential_id")), "kind"), "desk");
    cJSON_Delete(v);

    /* A hold that lapses. */
    a = call("POST", "/v1/desk_bookings",
             "{\"booking_id\":\"dk-h\",\"desk_id\":\"BLR-1-D10\",\"date\":\"2027-01-06\"}", meera,
             201);
    snprintf(order_id, sizeof order_id, "%s", str(field(a, "order"), "id"));
    snprintf(invoice, sizeof invoice, "%s", str(field(a, "desk_booking"), "invoice_id"));
    cJSON_Delete(a);
    clock_to(T0 + 15 * MINUTE_MS);
    v = sync_view("+919876543210");
    b = booking_in(v, "dk-h");
    ck_assert_str_eq(str(b, "status"), "cancelled");
    ck_assert_str_eq(str(b, "cancel_reason"), "hold_expired");
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "void");
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "void_reason"), "hold_expired");
    ck_assert_ptr_null(entity(v, "desk_busy", "BLR-1-D10@2027-01-06"));
    cJSON_Delete(v);
    cJSON_Delete(pay_desk(meera, "dk-h", order_id, false, 409));
    ck_assert_str_eq(book(olivia, "dk-o", "BLR-1-D10", "2027-01-06", "plan"), "applied");
    /* A held one cancelled by its member: cancelled (member), its invoice void, the desk free. */
    a = call("POST", "/v1/desk_bookings",
             "{\"booking_id\":\"dk-m\",\"desk_id\":\"BLR-1-D12\",\"date\":\"2027-01-06\"}", meera,
             201);
    snprintf(invoice, sizeof invoice, "%s", str(field(a, "desk_booking"), "invoice_id"));
    cJSON_Delete(a);
    ck_assert_str_eq(cancel(meera, "dk-m"), "applied");
    v = sync_view("+919876543210");
    ck_assert_str_eq(str(booking_in(v, "dk-m"), "cancel_reason"), "member");
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "void");
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(entity(v, "invoice", invoice), "void_reason")));
    ck_assert_ptr_null(entity(v, "desk_busy", "BLR-1-D12@2027-01-06"));
    cJSON_Delete(v);
    free(meera);
    free(olivia);
}
END_TEST

/* ---- who sees what ---------------------------------------------------------------------- */

/*
 * Another member's desk booking is not theirs to see, cancel or pay (not_found); what everyone
 * sees of it is the desk_busy, without a name. Vikram sees his dedicated desk as his (mine); no
 * one else sees it; the building carries its desk prices and cut-off.
 */
START_TEST(test_another_members_booking_is_not_found)
{
    char *asha = token_for(ASHA), *olivia = token_for(OLIVIA);
    ck_assert_str_eq(book(asha, "dk-n", "BLR-1-D11", "2027-01-05", "plan"), "applied");
    ck_assert_str_eq(cancel(olivia, "dk-n"), "not_found");
    ck_assert_str_eq(cancel(olivia, "dk-none"), "not_found");
    cJSON *v = sync_view(OLIVIA);
    ck_assert_ptr_null(entity(v, "desk_booking", "dk-n"));
    const cJSON *busy = entity(v, "desk_busy", "BLR-1-D11@2027-01-05");
    ck_assert_ptr_nonnull(busy);
    char names[256];
    keys(busy, names, sizeof names);
    ck_assert_str_eq(names, "id desk_id building_id date");
    ck_assert_ptr_null(entity(v, "desk", "BLR-1-D14"));
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(entity(v, "desk", "BLR-1-D11"), "mine")));
    const cJSON *desks = field(entity(v, "building", "BLR-1"), "desks");
    ck_assert_int_eq(num(desks, "day_price_paise"), 60000);
    ck_assert_int_eq(num(desks, "day_credits"), 4);
    ck_assert_int_eq(num(desks, "checkin_cutoff_min"), 660);
    ck_assert_int_eq(num(field(entity(v, "building", "LON-1"), "desks"), "day_price_paise"), 2500);
    cJSON_Delete(v);
    v = sync_view(VIKRAM);
    const cJSON *own = entity(v, "desk", "BLR-1-D14");
    ck_assert_ptr_nonnull(own);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(own, "mine")));
    ck_assert_str_eq(str(own, "kind"), "dedicated");
    cJSON_Delete(v);
    free(asha);
    free(olivia);
}
END_TEST

static Suite *stub_desks_suite(void)
{
    Suite *s = suite_create("stub_desks");
    TCase *tc = tcase_create("desks");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_every_refusal);
    tcase_add_test(tc, test_eight_members_race_for_one_desk_day);
    tcase_add_test(tc, test_a_replayed_booking_applies_once);
    tcase_add_test(tc, test_cancel_before_and_after_the_cutoff);
    tcase_add_test(tc, test_release_at_the_cutoff);
    tcase_add_test(tc, test_door_check_in_keeps_the_desk);
    tcase_add_test(tc, test_razorpay_desk_day);
    tcase_add_test(tc, test_another_members_booking_is_not_found);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_desks_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
