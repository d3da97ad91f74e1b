/*
 * tests/stub/test_stub_rooms.c - meeting rooms over real HTTP (docs/rooms-protocol.md): booking
 * checks (busy edges, opening hours, midnight, blackouts, min notice, the window, London's clock
 * changes), credits (debit, refund and its cut-off, monthly reset, never below zero), eight
 * racers for one block, Razorpay (happy path, forged signature, repeated confirmation, hold
 * lapse, custom keys and a log without the secret), guests' emails and credentials, and who
 * sees the new kinds in pulls. Each test runs its own memberstub (fresh database, test mode,
 * server clock at T0) and requires it to exit cleanly (status 0).
 */
#define _XOPEN_SOURCE 700 /* mkstemp */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <mbedtls/md.h>

#include "stub_process.h"
#include "stub_test_util.h"
#include "rules/zone.h"

#define H MS_HOUR_MS
#define M MS_MINUTE_MS

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define OLIVIA "+447700900001"
#define PRIYA  "+919800000009"

/* ---- helpers ---------------------------------------------------------------------------- */

/* y-m-d h:00 in Bengaluru (UTC+05:30) / in UTC (London in winter), as ms. */
static int64_t ist(int y, int mo, int d, int h)
{
    return ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H - 330 * M;
}

static int64_t utc(int y, int mo, int d, int h)
{
    return ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H;
}

/* Push one mutation from a client of its own (so ids never clash); the result object. */
static cJSON *push_one(const char *token, const char *kind, const char *payload)
{
    static int clients;
    char client[32], *body = NULL;
    snprintf(client, sizeof client, "client-%d", ++clients);
    size_t n = strlen(payload) + 256;
    body = malloc(n);
    ck_assert_ptr_nonnull(body);
    snprintf(body, n,
             "{\"client_id\":\"%s\",\"mutations\":[{\"mutation_id\":1,\"idempotency_key\":"
             "\"%s-key\",\"kind\":\"%s\",\"payload\":%s}]}",
             client, client, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    free(body);
    const cJSON *results = field(answer, "results");
    ck_assert_int_eq(cJSON_GetArraySize(results), 1);
    cJSON *r = cJSON_Duplicate(cJSON_GetArrayItem(results, 0), true);
    cJSON_Delete(answer);
    return r;
}

/* The message of the last refusal outcome() saw. */
static char last_message[512];

/* "applied", or the refusal's code. */
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

/* booking.create with credits: "applied" or the code. guests: a JSON array or NULL. */
static const char *book(const char *token, const char *id, const char *room, int64_t start,
                        int hours, const char *guests)
{
    char payload[2048];
    snprintf(payload, sizeof payload,
             "{\"booking_id\":\"%s\",\"room_id\":\"%s\",\"start_ms\":%" PRId64
             ",\"hours\":%d,\"guests\":%s,\"pay\":\"credits\"}",
             id, room, start, hours, guests ? guests : "[]");
    return outcome(push_one(token, "booking.create", payload));
}

static const char *cancel(const char *token, const char *id)
{
    char payload[256];
    snprintf(payload, sizeof payload, "{\"booking_id\":\"%s\"}", id);
    return outcome(push_one(token, "booking.cancel", payload));
}

/* POST /v1/bookings body. */
static void online_body(char *out, size_t cap, const char *id, const char *room, int64_t start,
                        int hours, const char *guests)
{
    snprintf(out, cap,
             "{\"booking_id\":\"%s\",\"room_id\":\"%s\",\"start_ms\":%" PRId64
             ",\"hours\":%d,\"guests\":%s}",
             id, room, start, hours, guests ? guests : "[]");
}

/* POST /v1/bookings, expecting 201: the answer. */
static cJSON *book_online(const char *token, const char *id, const char *room, int64_t start,
                          int hours, const char *guests)
{
    char body[2048];
    online_body(body, sizeof body, id, room, start, hours, guests);
    return call("POST", "/v1/bookings", body, token, 201);
}

static cJSON *confirm(const char *token, const char *order_id, const char *payment_id,
                      const char *signature, int expect)
{
    char body[512];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, payment_id, signature);
    return call("POST", "/v1/payments/razorpay/confirm", body, token, expect);
}

/* One entity of a view (asserted present). */
static const cJSON *entity(const cJSON *state, const char *kind, const char *id)
{
    char key[160];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(state, key);
    ck_assert_msg(e != NULL, "no %s in the view", key);
    return e;
}

/* The company's balance as its members see it. */
static int64_t balance(const char *member_phone, const char *company)
{
    cJSON *v = sync_view(member_phone);
    int64_t b = num(entity(v, "company", company), "credit_balance");
    cJSON_Delete(v);
    return b;
}

/* The view of member_phone with its company's balance and credit month asserted (caller
 * deletes). */
static cJSON *company_is(const char *member_phone, const char *company, int64_t credit_balance,
                         const char *month)
{
    cJSON *v = sync_view(member_phone);
    const cJSON *c = entity(v, "company", company);
    ck_assert_msg(num(c, "credit_balance") == credit_balance, "%s has %lld credits, not %lld",
                  company, (long long)num(c, "credit_balance"), (long long)credit_balance);
    ck_assert_str_eq(str(c, "credit_month"), month);
    return v;
}

/* How many room_busy entities of the view cover [start, end) of room exactly. */
static int busy_count(const cJSON *state, const char *room, int64_t start, int64_t end)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, "room_busy/", 10) == 0 && strcmp(str(e, "room_id"), room) == 0 &&
            num(e, "start_ms") == start && num(e, "end_ms") == end)
            n++;
    }
    return n;
}

/* The ledger lines of the view for reservation_id with reason (NULL reservation: any). */
static int ledger_lines(const cJSON *state, const char *reason, const char *reservation_id,
                        int64_t *delta, int64_t *balance_after)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, "credit_ledger/", 14) != 0 || strcmp(str(e, "reason"), reason) != 0)
            continue;
        const cJSON *r = field(e, "reservation_id");
        if (reservation_id && !(cJSON_IsString(r) && strcmp(r->valuestring, reservation_id) == 0))
            continue;
        if (delta)
            *delta = num(e, "delta");
        if (balance_after)
            *balance_after = num(e, "balance_after");
        n++;
    }
    return n;
}

/* GET /v1/sync/pull from *cursor to the head: every change, concatenated (caller deletes). */
static cJSON *pull_all(const char *token, char *cursor, size_t cap)
{
    cJSON *all = cJSON_CreateArray();
    for (int pages = 0; pages < 1000; pages++) {
        char path[1024];
        snprintf(path, sizeof path, "/v1/sync/pull?client_id=puller%s%s&limit=1000",
                 cursor[0] ? "&cursor=" : "", cursor);
        cJSON *page = call("GET", path, NULL, token, 200);
        const cJSON *c;
        cJSON_ArrayForEach(c, field(page, "changes"))
        {
            cJSON_AddItemToArray(all, cJSON_Duplicate(c, true));
        }
        snprintf(cursor, cap, "%s", str(page, "cursor"));
        bool more = cJSON_IsTrue(field(page, "has_more"));
        cJSON_Delete(page);
        if (!more)
            return all;
    }
    ck_abort_msg("the pull never reached the head");
    return NULL;
}

/* "kind:op" of each change, space separated, sorted as they came. */
static void change_summary(const cJSON *changes, char *out, size_t cap)
{
    out[0] = '\0';
    const cJSON *c;
    cJSON_ArrayForEach(c, changes)
    {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s:%s", used ? " " : "", str(c, "kind"), str(c, "op"));
    }
}

/* The data of the last upsert of (kind, id) among changes, parsed (caller deletes), or NULL. */
static cJSON *last_upsert(const cJSON *changes, const char *kind, const char *id)
{
    cJSON *found = NULL;
    const cJSON *c;
    cJSON_ArrayForEach(c, changes)
    {
        if (strcmp(str(c, "kind"), kind) == 0 && (!id || strcmp(str(c, "id"), id) == 0) &&
            strcmp(str(c, "op"), "upsert") == 0) {
            cJSON_Delete(found);
            found = cJSON_Parse(str(c, "data_json"));
        }
    }
    return found;
}

/* ---- booking checks --------------------------------------------------------------------- */

/* A credits booking: confirmed, debited with a ledger line, busy for all, guests invited. */
START_TEST(test_credit_booking_confirms_debits_holds_and_invites)
{
    char *asha = token_for(ASHA);
    int64_t start = ist(2027, 1, 5, 14);
    ck_assert_str_eq(book(asha, "bk-1", "BLR-1-FOCUS", start, 2,
                          "[{\"name\":\"Rahul Mehta\",\"email\":\"rahul@example.com\"},"
                          "{\"name\":\" Ana Lima \",\"email\":\"Ana@Example.org\"}]"),
                     "applied");
    cJSON *v = sync_view(ASHA);
    const cJSON *res = entity(v, "reservation", "bk-1");
    char names[512];
    keys(res, names, sizeof names);
    ck_assert_str_eq(names, "id room_id building_id start_ms end_ms status paid_by credits"
                            " amount_paise guests order_id created_at_ms currency cancel_reason"
                            " paid_at_ms invoice_id");
    ck_assert_str_eq(str(res, "status"), "confirmed");
    ck_assert_str_eq(str(res, "paid_by"), "credits");
    ck_assert_str_eq(str(res, "building_id"), "BLR-1");
    ck_assert(num(res, "start_ms") == start && num(res, "end_ms") == start + 2 * H);
    ck_assert(num(res, "credits") == 4 && num(res, "amount_paise") == 0);
    ck_assert(cJSON_IsNull(field(res, "order_id")));
    ck_assert(num(res, "created_at_ms") == T0);
    const cJSON *guests = field(res, "guests");
    ck_assert_int_eq(cJSON_GetArraySize(guests), 2);
    const cJSON *g0 = cJSON_GetArrayItem(guests, 0), *g1 = cJSON_GetArrayItem(guests, 1);
    ck_assert_str_eq(str(g1, "name"), "Ana Lima");
    ck_assert_str_eq(str(g1, "email"), "Ana@Example.org");
    ck_assert(strncmp(str(g0, "credential_id"), "crd_", 4) == 0);
    ck_assert_str_ne(str(g0, "credential_id"), str(g1, "credential_id"));

    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 184);
    int64_t delta, after;
    ck_assert_int_eq(ledger_lines(v, "booking", "bk-1", &delta, &after), 1);
    ck_assert(delta == -4 && after == 184);
    ck_assert_int_eq(busy_count(v, "BLR-1-FOCUS", start, start + 2 * H), 1);

    /* Each guest: one email naming the room and the local time, with their credential. */
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    const cJSON *e = cJSON_GetArrayItem(mail, 0);
    keys(e, names, sizeof names);
    ck_assert_str_eq(names, "to subject body credential_id valid_from_ms valid_until_ms sent_at_ms "
                            "payload attachments");
    /* The QR code as an image (decoded by zbarimg in test_stub_passes.c). */
    const cJSON *png = cJSON_GetArrayItem(field(e, "attachments"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(field(e, "attachments")), 1);
    ck_assert_str_eq(str(png, "filename"), "access-qr.png");
    ck_assert_str_eq(str(png, "content_type"), "image/png");
    ck_assert(strncmp(str(png, "content_base64"), "iVBORw0KGgo", 11) ==
              0); /* "\x89PNG\r\n\x1a\n" */
    ck_assert_str_eq(str(e, "to"), "rahul@example.com");
    ck_assert_str_eq(str(e, "subject"),
                     "Invitation: Focus Room at Indiranagar, Tue 5 Jan 2027 14:00-16:00");
    ck_assert_str_eq(str(e, "credential_id"), str(g0, "credential_id"));
    ck_assert(num(e, "valid_from_ms") == start - 15 * M);
    ck_assert(num(e, "valid_until_ms") == start + 2 * H);
    ck_assert(num(e, "sent_at_ms") == T0);
    ck_assert(strstr(str(e, "body"), "Hello Rahul Mehta") != NULL);
    ck_assert(strstr(str(e, "body"), "Asha Rao invited you") != NULL);
    ck_assert(strstr(str(e, "body"), str(g0, "credential_id")) != NULL);
    ck_assert(strstr(str(e, "body"), "from 13:45") != NULL);
    cJSON_Delete(mail);
    mail = emails("ana@example.ORG"); /* any case */
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(mail, 0), "credential_id"), str(g1, "credential_id"));
    cJSON_Delete(mail);
    cJSON *all = call("GET", "/v1/test/emails", NULL, NULL, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(all, "emails")), 2);
    cJSON_Delete(all);
    mail = emails("nobody@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 0);
    cJSON_Delete(mail);
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* Bookings that touch a busy slot's edges are fine; any overlap is slot_taken. */
START_TEST(test_touching_a_busy_slot_is_fine_and_overlapping_refused)
{
    char *asha = token_for(ASHA);
    /* Seeded: BLR-1-BOARD 2027-01-05 10:00-12:00 IST. */
    ck_assert_str_eq(book(asha, "e-1", "BLR-1-BOARD", ist(2027, 1, 5, 8), 2, NULL), "applied");
    ck_assert_str_eq(book(asha, "e-2", "BLR-1-BOARD", ist(2027, 1, 5, 12), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "e-3", "BLR-1-BOARD", ist(2027, 1, 5, 9), 2, NULL), "slot_taken");
    ck_assert_str_eq(book(asha, "e-4", "BLR-1-BOARD", ist(2027, 1, 5, 11), 1, NULL), "slot_taken");
    ck_assert_str_eq(book(asha, "e-5", "BLR-1-BOARD", ist(2027, 1, 5, 10), 2, NULL), "slot_taken");
    ck_assert_str_eq(book(asha, "e-6", "BLR-1-BOARD", ist(2027, 1, 5, 11), 3, NULL), "slot_taken");
    ck_assert_str_eq(book(asha, "e-7", "BLR-1-BOARD", ist(2027, 1, 5, 13), 1, NULL), "applied");
    /* Another room at the same time is free. */
    ck_assert_str_eq(book(asha, "e-8", "BLR-1-HUDDLE", ist(2027, 1, 5, 10), 2, NULL), "applied");
    cJSON *v = sync_view(VIKRAM);
    ck_assert_int_eq(busy_count(v, "BLR-1-BOARD", ist(2027, 1, 5, 8), ist(2027, 1, 5, 10)), 1);
    ck_assert_int_eq(busy_count(v, "BLR-1-BOARD", ist(2027, 1, 5, 10), ist(2027, 1, 5, 12)), 1);
    /* 188 - 12 - 6 - 6 - 6 */
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 158);
    ck_assert(!has_entity(v, "reservation", "e-3"));
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* Opening and closing edges, a closed day, and starts off the local hour. */
START_TEST(test_opening_and_closing_edges)
{
    char *asha = token_for(ASHA);
    /* BLR-1: 08:00-22:00 Monday to Saturday. 2027-01-06 is a Wednesday. */
    ck_assert_str_eq(book(asha, "o-1", "BLR-1-HUDDLE", ist(2027, 1, 6, 8), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "o-2", "BLR-1-HUDDLE", ist(2027, 1, 6, 7), 1, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(asha, "o-3", "BLR-1-HUDDLE", ist(2027, 1, 6, 7), 2, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(asha, "o-4", "BLR-1-HUDDLE", ist(2027, 1, 6, 21), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "o-5", "BLR-1-HUDDLE", ist(2027, 1, 6, 20), 3, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(asha, "o-6", "BLR-1-HUDDLE", ist(2027, 1, 6, 22), 1, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(asha, "o-7", "BLR-1-HUDDLE", ist(2027, 1, 10, 10), 1, NULL),
                     "closed"); /* Sunday: closed all day */
    ck_assert_str_eq(last_message, "BLR-1 is closed on Sun 10 Jan 2027");
    ck_assert_str_eq(book(asha, "o-7b", "BLR-1-HUDDLE", ist(2027, 1, 9, 7), 1, NULL),
                     "outside_hours");
    ck_assert_str_eq(last_message, "BLR-1 is open 08:00-22:00 on Sat 9 Jan 2027: the booking "
                                   "falls outside the opening hours");
    /* MUM-1: 09:00-21:00 every day, Sunday too. */
    ck_assert_str_eq(book(asha, "o-8", "MUM-1-POD", ist(2027, 1, 10, 9), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "o-9", "MUM-1-POD", ist(2027, 1, 10, 20), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "o-10", "MUM-1-POD", ist(2027, 1, 10, 21), 1, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(asha, "o-11", "MUM-1-POD", ist(2027, 1, 10, 8), 1, NULL),
                     "outside_hours");
    /* Not on the local hour (IST hours begin at :30 UTC). */
    ck_assert_str_eq(book(asha, "o-12", "BLR-1-HUDDLE", ist(2027, 1, 6, 10) + 30 * M, 1, NULL),
                     "invalid_argument");
    ck_assert_str_eq(book(asha, "o-13", "BLR-1-HUDDLE", ist(2027, 1, 6, 10) + 1, 1, NULL),
                     "invalid_argument");
    ck_assert_str_eq(book(asha, "o-14", "BLR-1-HUDDLE", utc(2027, 1, 6, 5), 1, NULL),
                     "invalid_argument");
    free(asha);
}
END_TEST

/* London is open all day: a booking may run past midnight and holds both days' blocks. */
START_TEST(test_reservation_across_midnight)
{
    char *olivia = token_for(OLIVIA), *vikram = token_for(VIKRAM);
    int64_t start = utc(2027, 1, 7, 23);
    ck_assert_str_eq(book(olivia, "m-1", "LON-1-SOHO", start, 3,
                          "[{\"name\":\"Tom Baker\",\"email\":\"tom@example.co.uk\"}]"),
                     "applied");
    ck_assert_str_eq(book(vikram, "m-2", "LON-1-SOHO", utc(2027, 1, 8, 1), 1, NULL), "slot_taken");
    ck_assert_str_eq(book(vikram, "m-3", "LON-1-SOHO", utc(2027, 1, 7, 22), 2, NULL), "slot_taken");
    ck_assert_str_eq(book(vikram, "m-4", "LON-1-SOHO", utc(2027, 1, 8, 2), 1, NULL), "applied");
    ck_assert_str_eq(book(vikram, "m-5", "LON-1-SOHO", utc(2027, 1, 7, 22), 1, NULL), "applied");
    cJSON *v = sync_view(OLIVIA);
    const cJSON *res = entity(v, "reservation", "m-1");
    ck_assert(num(res, "end_ms") == utc(2027, 1, 8, 2));
    ck_assert(num(entity(v, "company", "HART"), "credit_balance") == 120 - 12);
    cJSON_Delete(v);
    cJSON *mail = emails("tom@example.co.uk");
    ck_assert_str_eq(str(cJSON_GetArrayItem(mail, 0), "subject"),
                     "Invitation: Soho Room at Shoreditch, Thu 7 Jan 2027 23:00 - Fri 8 Jan 2027"
                     " 02:00");
    cJSON_Delete(mail);
    free(olivia);
    free(vikram);
}
END_TEST

/* Blackouts of the room or the building refuse overlapping bookings; their edges are fine. */
START_TEST(test_blackouts_refuse_overlapping_bookings)
{
    char *asha = token_for(ASHA), *olivia = token_for(OLIVIA);
    /* Seeded: BLR-1-HUDDLE "AV upgrade" 2027-01-08 08:00-14:00 IST; BLR-1 closed 2027-01-26. */
    ck_assert_str_eq(book(asha, "b-1", "BLR-1-HUDDLE", ist(2027, 1, 8, 13), 1, NULL), "blackout");
    ck_assert_str_eq(book(asha, "b-2", "BLR-1-HUDDLE", ist(2027, 1, 8, 12), 3, NULL), "blackout");
    ck_assert_str_eq(book(asha, "b-3", "BLR-1-HUDDLE", ist(2027, 1, 8, 14), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "b-4", "BLR-1-FOCUS", ist(2027, 1, 8, 10), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "b-5", "BLR-1-FOCUS", ist(2027, 1, 26, 10), 1, NULL), "blackout");
    ck_assert_str_eq(book(asha, "b-6", "BLR-1-FOCUS", ist(2027, 1, 27, 8), 1, NULL), "applied");

    /* A new room blackout: in the room's data (and its change), and it refuses bookings. */
    char body[512];
    snprintf(body, sizeof body,
             "{\"room_id\":\"LON-1-NOOK\",\"start_ms\":%" PRId64 ",\"end_ms\":%" PRId64
             ",\"reason\":\"Filming\"}",
             utc(2027, 1, 12, 9), utc(2027, 1, 12, 17));
    cJSON *answer = call("POST", "/v1/test/blackouts", body, NULL, 200);
    const cJSON *list = field(field(answer, "room"), "blackouts");
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 0), "reason"), "Filming");
    char keys_of[128];
    keys(cJSON_GetArrayItem(list, 0), keys_of, sizeof keys_of);
    ck_assert_str_eq(keys_of, "start_ms end_ms reason");
    cJSON_Delete(answer);
    ck_assert_str_eq(book(olivia, "b-7", "LON-1-NOOK", utc(2027, 1, 12, 16), 2, NULL), "blackout");
    ck_assert_str_eq(book(olivia, "b-8", "LON-1-NOOK", utc(2027, 1, 12, 17), 1, NULL), "applied");
    ck_assert_str_eq(book(olivia, "b-9", "LON-1-NOOK", utc(2027, 1, 12, 8), 1, NULL), "applied");
    /* A building blackout covers every room of it. */
    snprintf(body, sizeof body,
             "{\"building_id\":\"LON-1\",\"start_ms\":%" PRId64 ",\"end_ms\":%" PRId64
             ",\"reason\":\"Power works\"}",
             utc(2027, 1, 13, 0), utc(2027, 1, 14, 0));
    answer = call("POST", "/v1/test/blackouts", body, NULL, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(field(answer, "building"), "blackouts")), 1);
    cJSON_Delete(answer);
    ck_assert_str_eq(book(olivia, "b-10", "LON-1-THAMES", utc(2027, 1, 13, 23), 1, NULL),
                     "blackout");
    ck_assert_str_eq(book(olivia, "b-11", "LON-1-THAMES", utc(2027, 1, 14, 0), 1, NULL), "applied");
    cJSON *v = sync_view(OLIVIA);
    ck_assert_int_eq(cJSON_GetArraySize(field(entity(v, "building", "LON-1"), "blackouts")), 1);
    ck_assert_int_eq(cJSON_GetArraySize(field(entity(v, "room", "BLR-1-HUDDLE"), "blackouts")), 1);
    cJSON_Delete(v);
    /* Malformed blackouts. */
    check_error("POST", "/v1/test/blackouts",
                "{\"room_id\":\"LON-1-NOOK\",\"building_id\":\"LON-1\",\"start_ms\":1,"
                "\"end_ms\":2,\"reason\":\"x\"}",
                NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/blackouts",
                "{\"room_id\":\"LON-1-NOOK\",\"start_ms\":2,\"end_ms\":2,\"reason\":\"x\"}", NULL,
                400, "invalid_argument");
    check_error("POST", "/v1/test/blackouts",
                "{\"room_id\":\"NOPE\",\"start_ms\":1,\"end_ms\":2,\"reason\":\"x\"}", NULL, 404,
                "not_found");
    free(asha);
    free(olivia);
}
END_TEST

/* A booking starts at least 15 minutes from now (to the millisecond); never in the past. */
START_TEST(test_min_notice)
{
    char *asha = token_for(ASHA);
    /* Now: Monday 10:00 IST. */
    ck_assert_str_eq(book(asha, "n-1", "BLR-1-FOCUS", ist(2027, 1, 4, 10), 1, NULL), "too_soon");
    ck_assert_str_eq(last_message, "too soon: a booking must start at least 15 minutes from now "
                                   "(the building's minimum notice)");
    ck_assert_str_eq(book(asha, "n-2", "BLR-1-FOCUS", ist(2027, 1, 4, 9), 2, NULL), "past");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 4, 11) - 15 * M), 0);
    ck_assert_str_eq(book(asha, "n-3", "BLR-1-FOCUS", ist(2027, 1, 4, 11), 1, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 4, 12) - 15 * M + 1), 0);
    ck_assert_str_eq(book(asha, "n-4", "BLR-1-FOCUS", ist(2027, 1, 4, 12), 1, NULL), "too_soon");
    ck_assert_str_eq(book(asha, "n-5", "BLR-1-FOCUS", ist(2027, 1, 4, 13), 1, NULL), "applied");
    free(asha);
}
END_TEST

/* The window: up to today + 30 building-local days, the last day included. */
START_TEST(test_booking_window_last_day)
{
    char *asha = token_for(ASHA), *olivia = token_for(OLIVIA);
    ck_assert_str_eq(book(asha, "w-1", "BLR-1-FOCUS", ist(2027, 2, 3, 21), 1, NULL), "applied");
    ck_assert_str_eq(book(asha, "w-2", "BLR-1-FOCUS", ist(2027, 2, 4, 8), 1, NULL),
                     "beyond_window");
    /* London: the last day's last hour is in; running into the next day is not. */
    ck_assert_str_eq(book(olivia, "w-3", "LON-1-NOOK", utc(2027, 2, 3, 23), 2, NULL),
                     "beyond_window");
    ck_assert_str_eq(book(olivia, "w-4", "LON-1-NOOK", utc(2027, 2, 3, 23), 1, NULL), "applied");
    /* The window moves with the building-local date, not the UTC one: at 19:00 UTC on
     * 2027-01-04 it is already 5 January in Bengaluru, so 4 February opens. */
    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 1, 4, 19)), 0);
    ck_assert_str_eq(book(asha, "w-5", "BLR-1-FOCUS", ist(2027, 2, 4, 8), 1, NULL), "applied");
    free(asha);
    free(olivia);
}
END_TEST

/* The blocks of a change day, as the server offers them, against the vectors. */
static void check_day_against_vectors(const char *date, int *count)
{
    const char *dir = getenv("VECTORS_DIR");
    ck_assert_msg(dir != NULL, "VECTORS_DIR is not set");
    char path[1024];
    snprintf(path, sizeof path, "%s/europe-london-dst.json", dir);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char text[128 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *vectors = cJSON_Parse(text);
    const cJSON *day = NULL, *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(vectors, "days"))
    {
        if (strcmp(cJSON_GetObjectItem(d, "date")->valuestring, date) == 0)
            day = d;
    }
    ck_assert_ptr_nonnull(day);
    snprintf(path, sizeof path, "/v1/test/blocks?room_id=LON-1-NOOK&date=%s", date);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    ck_assert_str_eq(str(answer, "zone"), "Europe/London");
    const cJSON *got = field(answer, "blocks"), *want = cJSON_GetObjectItem(day, "blocks");
    ck_assert_int_eq(cJSON_GetArraySize(got), cJSON_GetArraySize(want));
    for (int i = 0; i < cJSON_GetArraySize(want); i++) {
        const cJSON *g = cJSON_GetArrayItem(got, i), *w = cJSON_GetArrayItem(want, i);
        int y, mo, dd, h, mi;
        ck_assert_int_eq(sscanf(cJSON_GetObjectItem(w, "start_utc")->valuestring, "%d-%d-%dT%d:%d",
                                &y, &mo, &dd, &h, &mi),
                         5);
        ck_assert_str_eq(str(g, "local"), cJSON_GetObjectItem(w, "local")->valuestring);
        ck_assert(num(g, "start_ms") == utc(y, mo, dd, h));
        ck_assert(num(g, "end_ms") == utc(y, mo, dd, h) + H);
    }
    *count = cJSON_GetArraySize(got);
    cJSON_Delete(answer);
    cJSON_Delete(vectors);
}

/* The free flags of a day's blocks as a string of 'F' (free) and '-' (taken). */
static void free_flags(const char *date, char *out, size_t cap)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/test/blocks?room_id=LON-1-NOOK&date=%s", date);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    size_t i = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, field(answer, "blocks"))
    {
        if (i + 1 < cap)
            out[i++] = cJSON_IsTrue(field(b, "free")) ? 'F' : '-';
    }
    out[i] = '\0';
    cJSON_Delete(answer);
}

/* A date that is not YYYY-MM-DD is refused by name: a short one (clang's fuzzing build found
 * its year, month and day read unset) and ones that do not fit the calendar. */
START_TEST(test_blocks_refuse_a_malformed_date)
{
    static const char *dates[] = {"x", "", "2027-1-5", "2027-02-30", "0000-00-00", "1969-12-31"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "/v1/test/blocks?room_id=LON-1-NOOK&date=%s", dates[i]);
        check_error_mentioning("GET", path, NULL, NULL, 400, "invalid_argument", "date");
    }
}
END_TEST

/* LON-1 on 2027-03-28 (no local 01:00) and 2027-10-31 (01:00 twice, offered once). */
START_TEST(test_london_clock_change_days)
{
    /* Sessions last 30 days: sign in at the new time. */
    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 3, 20, 12)), 0);
    char *olivia = token_for(OLIVIA);
    int count;
    check_day_against_vectors("2027-03-28", &count);
    ck_assert_int_eq(count, 23); /* the skipped hour is no block */
    check_day_against_vectors("2027-03-27", &count);
    ck_assert_int_eq(count, 24);
    /* The whole spring-forward day is 23 consecutive blocks: 00:00, then 02:00 .. 23:00. */
    ck_assert_str_eq(book(olivia, "d-1", "LON-1-NOOK", utc(2027, 3, 28, 0), 23, NULL), "applied");
    char flags[32];
    free_flags("2027-03-28", flags, sizeof flags);
    ck_assert_str_eq(flags, "-----------------------");
    free_flags("2027-03-29", flags, sizeof flags);
    ck_assert_str_eq(flags, "FFFFFFFFFFFFFFFFFFFFFFFF");
    cJSON *v = sync_view(OLIVIA);
    ck_assert(num(entity(v, "reservation", "d-1"), "end_ms") == utc(2027, 3, 28, 23));
    ck_assert(num(entity(v, "reservation", "d-1"), "credits") == 46);
    cJSON_Delete(v);

    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 10, 25, 12)), 0);
    free(olivia);
    olivia = token_for(OLIVIA);
    check_day_against_vectors("2027-10-31", &count);
    ck_assert_int_eq(count, 24);
    /* The repeated 01:00 is booked once, at its first occurrence; the second is no block. */
    ck_assert_str_eq(book(olivia, "d-2", "LON-1-NOOK", utc(2027, 10, 31, 0), 1, NULL), "applied");
    ck_assert_str_eq(book(olivia, "d-3", "LON-1-NOOK", utc(2027, 10, 31, 1), 1, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(olivia, "d-4", "LON-1-NOOK", utc(2027, 10, 30, 23), 3, NULL),
                     "outside_hours");
    ck_assert_str_eq(book(olivia, "d-5", "LON-1-NOOK", utc(2027, 10, 31, 2), 1, NULL), "applied");
    /* Booked across the change from local midnight: 00:00 and the first 01:00. */
    ck_assert_str_eq(book(olivia, "d-6", "LON-1-SOHO", utc(2027, 10, 30, 23), 2, NULL), "applied");
    free_flags("2027-10-31", flags, sizeof flags);
    ck_assert_str_eq(flags, "F--FFFFFFFFFFFFFFFFFFFFF");
    free(olivia);
}
END_TEST

/* ---- credits ---------------------------------------------------------------------------- */

/* The balance never goes below zero: exactly all of it may be spent, not one credit more. */
START_TEST(test_credits_never_go_below_zero)
{
    char *olivia = token_for(OLIVIA);
    /* HART: 120 credits; LON-1-THAMES costs 8 an hour. */
    ck_assert_str_eq(book(olivia, "c-1", "LON-1-THAMES", utc(2027, 1, 5, 0), 16, NULL),
                     "insufficient_credits");
    ck_assert_str_eq(book(olivia, "c-2", "LON-1-THAMES", utc(2027, 1, 5, 0), 15, NULL), "applied");
    ck_assert_str_eq(book(olivia, "c-3", "LON-1-NOOK", utc(2027, 1, 6, 10), 1, NULL),
                     "insufficient_credits");
    cJSON *v = sync_view(OLIVIA);
    ck_assert(num(entity(v, "company", "HART"), "credit_balance") == 0);
    int64_t delta, after;
    ck_assert_int_eq(ledger_lines(v, "booking", "c-2", &delta, &after), 1);
    ck_assert(delta == -120 && after == 0);
    ck_assert(!has_entity(v, "reservation", "c-1") && !has_entity(v, "reservation", "c-3"));
    ck_assert_int_eq(busy_count(v, "LON-1-NOOK", utc(2027, 1, 6, 10), utc(2027, 1, 6, 11)), 0);
    cJSON_Delete(v);
    /* A cancellation gives them back; then the small booking fits. */
    ck_assert_str_eq(cancel(olivia, "c-2"), "applied");
    ck_assert_str_eq(book(olivia, "c-4", "LON-1-NOOK", utc(2027, 1, 6, 10), 1, NULL), "applied");
    ck_assert(balance(OLIVIA, "HART") == 118);
    free(olivia);
}
END_TEST

/* Cancel: cancelled, slot released, refund only before start - 120 minutes. */
START_TEST(test_cancel_refunds_only_before_the_cutoff)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    int64_t s1 = ist(2027, 1, 5, 14);
    ck_assert_str_eq(book(asha, "x-1", "BLR-1-FOCUS", s1, 1,
                          "[{\"name\":\"Rahul\",\"email\":\"rahul@example.com\"}]"),
                     "applied");
    ck_assert(balance(ASHA, "ACME") == 186);
    ck_assert_str_eq(cancel(vikram, "x-1"), "not_found"); /* not his */
    ck_assert_str_eq(cancel(asha, "x-nope"), "not_found");
    ck_assert_str_eq(cancel(asha, "x-1"), "applied");
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "x-1"), "status"), "cancelled");
    ck_assert_str_eq(str(entity(v, "reservation", "x-1"), "cancel_reason"), "member");
    ck_assert_int_eq(busy_count(v, "BLR-1-FOCUS", s1, s1 + H), 0);
    int64_t delta, after;
    ck_assert_int_eq(ledger_lines(v, "refund", "x-1", &delta, &after), 1);
    ck_assert(delta == 2 && after == 188);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 188);
    cJSON_Delete(v);
    ck_assert_str_eq(cancel(asha, "x-1"), "invalid_argument"); /* already cancelled */
    /* The slot is free again. */
    ck_assert_str_eq(book(vikram, "x-2", "BLR-1-FOCUS", s1, 1, NULL), "applied");

    /* One millisecond before the cut-off: refunded. */
    int64_t s2 = ist(2027, 1, 5, 16);
    ck_assert_str_eq(book(asha, "x-3", "BLR-1-FOCUS", s2, 1, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, s2 - 120 * M - 1), 0);
    ck_assert_str_eq(cancel(asha, "x-3"), "applied");
    v = sync_view(ASHA);
    ck_assert_int_eq(ledger_lines(v, "refund", "x-3", NULL, NULL), 1);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 186); /* x-2 is 2 */
    cJSON_Delete(v);
    /* At the cut-off: cancelled, no refund. */
    int64_t s3 = ist(2027, 1, 5, 18);
    ck_assert_str_eq(book(asha, "x-4", "BLR-1-FOCUS", s3, 1, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, s3 - 120 * M), 0);
    ck_assert_str_eq(cancel(asha, "x-4"), "applied");
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "x-4"), "status"), "cancelled");
    ck_assert_int_eq(ledger_lines(v, "refund", "x-4", NULL, NULL), 0);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 184);
    cJSON_Delete(v);
    /* Started (or over): no longer cancellable. */
    int64_t s4 = ist(2027, 1, 5, 19);
    ck_assert_str_eq(book(asha, "x-5", "BLR-1-FOCUS", s4, 1, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, s4), 0);
    ck_assert_str_eq(cancel(asha, "x-5"), "invalid_argument");
    ck_assert_str_eq(cancel(asha, "res_5eed000000000001"), "invalid_argument"); /* past */
    free(asha);
    free(vikram);
}
END_TEST

/* The balance resets at the first request of a new building-local month. */
START_TEST(test_monthly_reset_by_building_local_month)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    ck_assert_str_eq(book(asha, "r-1", "BLR-1-FOCUS", ist(2027, 1, 5, 14), 1, NULL), "applied");
    char cursor[1024] = "";
    cJSON_Delete(pull_all(vikram, cursor, sizeof cursor));

    /* 23:59:59.999 on 31 January in Bengaluru: still January. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 2, 1, 0) - 1), 0);
    cJSON_Delete(company_is(ASHA, "ACME", 186, "2027-01"));
    /* Midnight in Bengaluru (18:30 UTC): ACME resets; HART, in London, does not yet. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 2, 1, 0)), 0);
    cJSON *v = company_is(ASHA, "ACME", 200, "2027-02");
    int64_t delta, after;
    ck_assert_int_eq(ledger_lines(v, "monthly_reset", NULL, &delta, &after), 2); /* + seeded */
    ck_assert(delta == 14 && after == 200);
    cJSON_Delete(v);
    v = sync_view(OLIVIA);
    ck_assert_str_eq(str(entity(v, "company", "HART"), "credit_month"), "2027-01");
    cJSON_Delete(v);
    /* Vikram's pull carries the reset: the company and its ledger line (after ACME's January
     * invoice, which fell overdue on 11 January, and his notice of it, and the seeded water
     * announcement retired on the 7th), and his membership (a new month of desk days). */
    cJSON *changes = pull_all(vikram, cursor, sizeof cursor);
    char summary[512];
    change_summary(changes, summary, sizeof summary);
    ck_assert_str_eq(summary,
                     "invoice:upsert notification:upsert announcement:delete credit_ledger:upsert"
                     " company:upsert membership:upsert");
    cJSON *line = last_upsert(changes, "credit_ledger", NULL);
    ck_assert_str_eq(str(line, "reason"), "monthly_reset");
    ck_assert(cJSON_IsNull(field(line, "reservation_id")));
    ck_assert(num(line, "at_ms") == ist(2027, 2, 1, 0));
    cJSON_Delete(line);
    cJSON_Delete(changes);
    /* London's midnight: HART resets too (nothing was spent: delta 0). */
    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 2, 1, 0)), 0);
    v = sync_view(OLIVIA);
    ck_assert_str_eq(str(entity(v, "company", "HART"), "credit_month"), "2027-02");
    ck_assert_int_eq(ledger_lines(v, "monthly_reset", NULL, &delta, &after), 2);
    ck_assert(delta == 0 && after == 120);
    cJSON_Delete(v);
    /* Only once a month; the next booking spends from the new balance. */
    ck_assert_str_eq(book(asha, "r-2", "BLR-1-FOCUS", ist(2027, 2, 2, 10), 1, NULL), "applied");
    ck_assert(balance(ASHA, "ACME") == 198);
    /* A clock set back never resets. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 20, 10)), 0);
    ck_assert(balance(ASHA, "ACME") == 198);
    free(asha);
    free(vikram);
}
END_TEST

/* The company's ledger lines in the view, newest first by (at_ms, id) as members read them:
 * each line's balance_after is the next older line's plus its delta, and the newest one's is
 * the balance. Returns the number of lines; the newest into *newest (not owned). */
static int check_running_balance(const cJSON *state, const char *company, const cJSON **newest)
{
    const cJSON *lines[256];
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, "credit_ledger/", 14) == 0 &&
            strcmp(str(e, "company_id"), company) == 0 && n < 256)
            lines[n++] = e;
    }
    /* Insertion sort, newest first. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            const cJSON *a = lines[j - 1], *b = lines[j];
            bool b_newer =
                num(b, "at_ms") > num(a, "at_ms") ||
                (num(b, "at_ms") == num(a, "at_ms") && strcmp(str(b, "id"), str(a, "id")) > 0);
            if (!b_newer)
                break;
            lines[j - 1] = b;
            lines[j] = a;
        }
    for (int i = 0; i + 1 < n; i++)
        ck_assert_msg(num(lines[i], "balance_after") ==
                          num(lines[i + 1], "balance_after") + num(lines[i], "delta"),
                      "%s: %s (%+lld -> %lld) does not follow %s (%lld)", company,
                      str(lines[i], "id"), (long long)num(lines[i], "delta"),
                      (long long)num(lines[i], "balance_after"), str(lines[i + 1], "id"),
                      (long long)num(lines[i + 1], "balance_after"));
    ck_assert_int_ge(n, 1);
    ck_assert(num(lines[0], "balance_after") ==
              num(entity(state, "company", company), "credit_balance"));
    *newest = lines[0];
    return n;
}

/*
 * Across the year in India: seeded on 30 December, spent on the 31st; at 23:59:59.999 in
 * Bengaluru nothing resets; at 20:00 UTC on 31 December (already 01:30 on 1 January there) the
 * first request resets ACME to its full 200 with a ledger line dated 00:00 on 1 January IST
 * (18:30 UTC), not at the request; HART (London, still 31 December) resets only at London's
 * midnight, its line dated then although the request came at 03:00.
 */
START_TEST(test_monthly_reset_across_the_year_in_india)
{
    ck_assert_int_eq(stub_stop(stub), 0);
    stub = stub_start_at(ist(2026, 12, 30, 10), NULL, NULL);
    ck_assert_ptr_nonnull(stub);
    char *asha = token_for(ASHA);
    ck_assert(balance(ASHA, "ACME") == 188);
    ck_assert_str_eq(book(asha, "r-dec", "BLR-1-FOCUS", ist(2026, 12, 31, 10), 2, NULL), "applied");
    ck_assert(balance(ASHA, "ACME") == 184);

    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 1, 0) - 1), 0);
    cJSON_Delete(company_is(ASHA, "ACME", 184, "2026-12"));

    ck_assert_int_eq(stub_set_clock(stub, utc(2026, 12, 31, 20)), 0);
    cJSON *v = company_is(ASHA, "ACME", 200, "2027-01");
    const cJSON *newest;
    ck_assert_int_eq(check_running_balance(v, "ACME", &newest), 4);
    ck_assert_str_eq(str(newest, "reason"), "monthly_reset");
    ck_assert(num(newest, "delta") == 16 && num(newest, "balance_after") == 200);
    ck_assert(num(newest, "at_ms") == ist(2027, 1, 1, 0));
    cJSON_Delete(v);
    v = sync_view(OLIVIA);
    ck_assert_str_eq(str(entity(v, "company", "HART"), "credit_month"), "2026-12");
    cJSON_Delete(v);

    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 1, 1, 3)), 0);
    v = sync_view(OLIVIA);
    ck_assert_str_eq(str(entity(v, "company", "HART"), "credit_month"), "2027-01");
    ck_assert_int_eq(check_running_balance(v, "HART", &newest), 2);
    ck_assert_str_eq(str(newest, "reason"), "monthly_reset");
    ck_assert(num(newest, "at_ms") == utc(2027, 1, 1, 0));
    cJSON_Delete(v);

    /* January spends from the new allowance; the ledger still reads consistently. */
    ck_assert_str_eq(book(asha, "r-jan", "BLR-1-FOCUS", ist(2027, 1, 2, 10), 1, NULL), "applied");
    v = sync_view(ASHA);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 198);
    ck_assert_int_eq(check_running_balance(v, "ACME", &newest), 5);
    ck_assert_str_eq(str(newest, "reason"), "booking");
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/*
 * Over a month with bookings, a refund, a late cancellation (no refund), a clock set back and
 * the next month's reset, the ledger read newest first by its instants has a consistent running
 * balance: a line written while the clock was set back is not dated before the line it follows.
 */
START_TEST(test_running_balance_is_consistent_over_a_month)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    const cJSON *newest;
    ck_assert_str_eq(book(asha, "m-1", "BLR-1-BOARD", ist(2027, 1, 7, 10), 2, NULL), "applied");
    ck_assert_str_eq(book(vikram, "m-2", "BLR-1-HUDDLE", ist(2027, 1, 11, 10), 1, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 9)), 0);
    ck_assert_str_eq(cancel(asha, "m-1"), "applied"); /* days ahead: refunded */
    ck_assert_str_eq(book(asha, "m-3", "BLR-1-FOCUS", ist(2027, 1, 6, 11), 3, NULL), "applied");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 6, 10)), 0);
    ck_assert_str_eq(cancel(asha, "m-3"), "applied"); /* within the cut-off: no refund */
    /* The clock set back a day: the next line is dated with the latest one, not before it. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 8)), 0);
    ck_assert_str_eq(book(vikram, "m-4", "BLR-1-FOCUS", ist(2027, 1, 8, 12), 1, NULL), "applied");
    cJSON *v = sync_view(ASHA);
    ck_assert_int_eq(check_running_balance(v, "ACME", &newest), 7);
    ck_assert_str_eq(str(newest, "reservation_id"), "m-4");
    ck_assert(num(newest, "at_ms") == ist(2027, 1, 5, 9));
    ck_assert(num(newest, "balance_after") == 188 - 12 - 3 + 12 - 6 - 2);
    cJSON_Delete(v);
    /* February: the reset (dated 1 February 00:00 IST), then a booking from the new balance. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 2, 3, 9)), 0);
    ck_assert_str_eq(book(vikram, "m-5", "BLR-1-FOCUS", ist(2027, 2, 4, 10), 1, NULL), "applied");
    v = sync_view(ASHA);
    ck_assert_int_eq(check_running_balance(v, "ACME", &newest), 9);
    ck_assert_str_eq(str(newest, "reservation_id"), "m-5");
    ck_assert(num(newest, "balance_after") == 198);
    int64_t delta, after;
    ck_assert_int_eq(ledger_lines(v, "monthly_reset", NULL, &delta, &after), 2);
    ck_assert(delta == 200 - 177 && after == 200);
    cJSON_Delete(v);
    free(asha);
    free(vikram);
}
END_TEST

/* ---- the race --------------------------------------------------------------------------- */

typedef struct racer {
    const char *token;
    pthread_barrier_t *start;
    int index;
    int64_t start_ms;
    bool online; /* POST /v1/bookings instead of a push */
    int status;
    char result[64];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    char body[1024], *text = NULL;
    if (r->online) {
        snprintf(body, sizeof body,
                 "{\"booking_id\":\"race-%" PRId64 "-%d\",\"room_id\":\"BLR-1-BOARD\","
                 "\"start_ms\":%" PRId64 ",\"hours\":1}",
                 r->start_ms, r->index, r->start_ms);
        pthread_barrier_wait(r->start);
        r->status = stub_request(stub, "POST", "/v1/bookings", body, r->token, &text);
    } else {
        snprintf(body, sizeof body,
                 "{\"client_id\":\"racer-%" PRId64 "-%d\",\"mutations\":[{\"mutation_id\":1,"
                 "\"idempotency_key\":\"race-key-%" PRId64 "-%d\",\"kind\":\"booking.create\","
                 "\"payload\":{\"booking_id\":\"race-%" PRId64 "-%d\",\"room_id\":"
                 "\"BLR-1-BOARD\",\"start_ms\":%" PRId64 ",\"hours\":1}}]}",
                 r->start_ms, r->index, r->start_ms, r->index, r->start_ms, r->index, r->start_ms);
        pthread_barrier_wait(r->start);
        r->status = stub_request(stub, "POST", "/v1/sync/push", body, r->token, &text);
    }
    cJSON *json = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *item = json;
    if (!r->online && json)
        item = cJSON_GetArrayItem(cJSON_GetObjectItem(json, "results"), 0);
    const cJSON *status = cJSON_GetObjectItem(item, "status"),
                *code = cJSON_GetObjectItem(item, "code");
    if (r->online)
        snprintf(r->result, sizeof r->result, "%s",
                 r->status == 201       ? "applied"
                 : cJSON_IsString(code) ? code->valuestring
                                        : "?");
    else
        snprintf(r->result, sizeof r->result, "%s",
                 cJSON_IsString(status) && strcmp(status->valuestring, "applied") == 0 ? "applied"
                 : cJSON_IsString(code) ? code->valuestring
                                        : "?");
    cJSON_Delete(json);
    return NULL;
}

/* Eight racers for one block: exactly one holds it (and pays once); seven get slot_taken. */
static int run_race(const char *tokens[2], int64_t start, bool mixed, int *winner)
{
    enum { RACERS = 8 };
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, RACERS);
    racer racers[RACERS];
    pthread_t threads[RACERS];
    for (int i = 0; i < RACERS; i++) {
        racers[i] = (racer){tokens[i % 2], &barrier, i, start, mixed && i >= RACERS / 2, 0, ""};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
    }
    for (int i = 0; i < RACERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    int applied = 0;
    for (int i = 0; i < RACERS; i++) {
        if (strcmp(racers[i].result, "applied") == 0) {
            applied++;
            *winner = i;
        } else {
            ck_assert_msg(strcmp(racers[i].result, "slot_taken") == 0, "racer %d got %s (%d)", i,
                          racers[i].result, racers[i].status);
            if (racers[i].online)
                ck_assert_int_eq(racers[i].status, 409);
        }
    }
    return applied;
}

START_TEST(test_eight_racers_hold_one_block)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    const char *tokens[2] = {asha, vikram};
    int winner = -1;
    int64_t block = ist(2027, 1, 7, 10);
    ck_assert_int_eq(run_race(tokens, block, false, &winner), 1);
    cJSON *v = sync_view(VIKRAM);
    ck_assert_int_eq(busy_count(v, "BLR-1-BOARD", block, block + H), 1);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 188 - 6);
    ck_assert_int_eq(ledger_lines(v, "booking", NULL, NULL, NULL), 2); /* seeded + the winner */
    cJSON_Delete(v);

    /* Again, half of them online (Razorpay holds) and half with credits. */
    block = ist(2027, 1, 7, 12);
    ck_assert_int_eq(run_race(tokens, block, true, &winner), 1);
    v = sync_view(ASHA);
    ck_assert_int_eq(busy_count(v, "BLR-1-BOARD", block, block + H), 1);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") ==
              (winner >= 4 ? 188 - 6 : 188 - 12));
    cJSON_Delete(v);
    free(asha);
    free(vikram);
}
END_TEST

/* ---- Razorpay --------------------------------------------------------------------------- */

/* Hold and order, checkout, confirmation; guests invited once paid; credits untouched. */
START_TEST(test_razorpay_happy_path)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    int64_t start = ist(2027, 1, 6, 10);
    cJSON *answer = book_online(asha, "rzp-1", "BLR-1-HUDDLE", start, 2,
                                "[{\"name\":\"Rahul\",\"email\":\"rahul@example.com\"}]");
    char names[256];
    keys(answer, names, sizeof names);
    ck_assert_str_eq(names, "reservation order");
    const cJSON *res = field(answer, "reservation"), *order = field(answer, "order");
    ck_assert_str_eq(str(res, "id"), "rzp-1");
    ck_assert_str_eq(str(res, "status"), "pending_payment");
    ck_assert_str_eq(str(res, "paid_by"), "razorpay");
    /* 2 h x ₹1,000 and 18% GST: the order takes the invoice's total. */
    ck_assert(num(res, "amount_paise") == 236000 && num(res, "credits") == 0);
    ck_assert(cJSON_IsNull(field(cJSON_GetArrayItem(field(res, "guests"), 0), "credential_id")));
    keys(order, names, sizeof names);
    ck_assert_str_eq(names, "id amount_paise currency key_id hold_expires_at_ms");
    ck_assert(strncmp(str(order, "id"), "order_", 6) == 0 && strlen(str(order, "id")) == 20);
    ck_assert_str_eq(str(order, "id"), str(res, "order_id"));
    ck_assert(num(order, "amount_paise") == 236000);
    ck_assert_str_eq(str(order, "currency"), "INR");
    ck_assert_str_eq(str(order, "key_id"), "rzp_test_memberstub");
    ck_assert(num(order, "hold_expires_at_ms") == T0 + 15 * M);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    cJSON_Delete(answer);

    /* Held: everyone sees the slot busy; no one else can take it; no email yet. */
    cJSON *v = sync_view(VIKRAM);
    ck_assert_int_eq(busy_count(v, "BLR-1-HUDDLE", start, start + 2 * H), 1);
    cJSON_Delete(v);
    ck_assert_str_eq(book(vikram, "rzp-v", "BLR-1-HUDDLE", start + H, 1, NULL), "slot_taken");
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 0);
    cJSON_Delete(mail);

    cJSON *payment = pay(order_id, false);
    ck_assert(strncmp(str(payment, "payment_id"), "pay_", 4) == 0);
    ck_assert_int_eq((int)strlen(str(payment, "signature")), 64);
    /* Someone else's order is not theirs to confirm. */
    check_error("POST", "/v1/payments/razorpay/confirm", "{\"order_id\":\"x\"}", vikram, 400,
                "invalid_argument");
    cJSON_Delete(
        confirm(vikram, order_id, str(payment, "payment_id"), str(payment, "signature"), 404));
    answer = confirm(asha, order_id, str(payment, "payment_id"), str(payment, "signature"), 200);
    res = field(answer, "reservation");
    ck_assert_str_eq(str(res, "status"), "confirmed");
    ck_assert_str_eq(str(res, "order_id"), order_id);
    const char *credential = str(cJSON_GetArrayItem(field(res, "guests"), 0), "credential_id");
    mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(mail, 0), "credential_id"), credential);
    ck_assert_str_eq(str(cJSON_GetArrayItem(mail, 0), "subject"),
                     "Invitation: Huddle Room at Indiranagar, Wed 6 Jan 2027 10:00-12:00");
    cJSON_Delete(mail);
    cJSON_Delete(answer);
    cJSON_Delete(payment);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-1"), "status"), "confirmed");
    ck_assert(num(entity(v, "reservation", "rzp-1"), "paid_at_ms") == T0);
    /* Paid by Razorpay: an invoice with tax, numbered, paid, as a day pass gets. */
    const cJSON *invoice =
        entity(v, "invoice", str(entity(v, "reservation", "rzp-1"), "invoice_id"));
    ck_assert_str_eq(str(invoice, "status"), "paid");
    ck_assert_str_eq(str(invoice, "number"), "INV-2027-0004"); /* after the seed's three */
    ck_assert_str_eq(str(invoice, "reservation_id"), "rzp-1");
    ck_assert_str_eq(str(invoice, "order_id"), order_id);
    ck_assert(num(invoice, "subtotal_paise") == 200000 && num(invoice, "gst_paise") == 36000 &&
              num(invoice, "total_paise") == 236000 && num(invoice, "discount_paise") == 0);
    ck_assert(num(invoice, "issued_at_ms") == T0 && num(invoice, "paid_at_ms") == T0);
    const cJSON *line = cJSON_GetArrayItem(field(invoice, "lines"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(field(invoice, "lines")), 1);
    ck_assert_str_eq(str(line, "description"),
                     "Huddle Room (BLR-1-HUDDLE), Indiranagar, Wed 6 Jan 2027 10:00-12:00"
                     " Asia/Kolkata");
    ck_assert(num(line, "quantity") == 2 && num(line, "unit_paise") == 100000 &&
              num(line, "amount_paise") == 200000);
    int confirmed = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (strncmp(item->string, "notification/", 13) == 0 &&
            strcmp(str(item, "title"), "Payment confirmed") == 0 &&
            strcmp(str(item, "body"), "We received \u20b92,360.00 for invoice INV-2027-0004.") == 0)
            confirmed++;
    }
    ck_assert_int_eq(confirmed, 1);
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 188);
    ck_assert_int_eq(busy_count(v, "BLR-1-HUDDLE", start, start + 2 * H), 1);
    cJSON_Delete(v);
    /* Paid holds do not lapse. */
    ck_assert_int_eq(stub_advance_clock(stub, 60 * M), 0);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-1"), "status"), "confirmed");
    cJSON_Delete(v);
    free(asha);
    free(vikram);
}
END_TEST

/* A London room paid with Razorpay: the order and its invoice in pounds, with VAT 20%. */
START_TEST(test_a_london_room_is_invoiced_in_pounds_with_vat)
{
    char *olivia = token_for(OLIVIA);
    cJSON *answer = book_online(olivia, "lon-rzp", "LON-1-NOOK", utc(2027, 1, 6, 10), 2, NULL);
    const cJSON *order = field(answer, "order");
    ck_assert_str_eq(str(order, "currency"), "GBP");
    ck_assert(num(order, "amount_paise") == 4800); /* 2 h x £20.00 + 20% VAT, in pence */
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    cJSON_Delete(answer);
    cJSON *payment = pay(order_id, false);
    cJSON_Delete(
        confirm(olivia, order_id, str(payment, "payment_id"), str(payment, "signature"), 200));
    cJSON_Delete(payment);
    cJSON *v = sync_view(OLIVIA);
    const cJSON *invoice =
        entity(v, "invoice", str(entity(v, "reservation", "lon-rzp"), "invoice_id"));
    ck_assert_str_eq(str(invoice, "currency"), "GBP");
    ck_assert_str_eq(str(field(invoice, "tax"), "name"), "VAT");
    ck_assert(num(field(invoice, "tax"), "rate_bp") == 2000);
    ck_assert(num(invoice, "subtotal_paise") == 4000 && num(invoice, "gst_paise") == 800 &&
              num(invoice, "total_paise") == 4800);
    ck_assert_str_eq(str(invoice, "building_id"), "LON-1");
    /* Numbered in its own series by London's year. */
    ck_assert(strncmp(str(invoice, "number"), "INV-2027-", 9) == 0);
    cJSON_Delete(v);
    free(olivia);
}
END_TEST

/* A forged or mismatched signature is 402 and confirms nothing. */
START_TEST(test_forged_signature_confirms_nothing)
{
    char *asha = token_for(ASHA);
    cJSON *answer = book_online(asha, "rzp-f", "BLR-1-FOCUS", ist(2027, 1, 6, 12), 1,
                                "[{\"name\":\"Rahul\",\"email\":\"rahul@example.com\"}]");
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *forged = pay(order_id, true), *real = pay(order_id, false);
    ck_assert_int_eq((int)strlen(str(forged, "signature")), 64);
    check_error("POST", "/v1/payments/razorpay/confirm", NULL, asha, 400, "invalid_json");
    cJSON *e = confirm(asha, order_id, str(forged, "payment_id"), str(forged, "signature"), 402);
    ck_assert_str_eq(str(e, "code"), "payment_failed");
    cJSON_Delete(e);
    /* The real signature of another payment; a truncated one; garbage. */
    cJSON_Delete(confirm(asha, order_id, str(forged, "payment_id"), str(real, "signature"), 402));
    char cut[64];
    snprintf(cut, sizeof cut, "%.63s", str(real, "signature"));
    cJSON_Delete(confirm(asha, order_id, str(real, "payment_id"), cut, 402));
    cJSON_Delete(confirm(asha, order_id, str(real, "payment_id"), "not-a-signature", 402));
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-f"), "status"), "pending_payment");
    cJSON_Delete(v);
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 0);
    cJSON_Delete(mail);
    /* The real one still works. */
    answer = confirm(asha, order_id, str(real, "payment_id"), str(real, "signature"), 200);
    ck_assert_str_eq(str(field(answer, "reservation"), "status"), "confirmed");
    cJSON_Delete(answer);
    check_error("POST", "/v1/test/razorpay/pay", "{\"order_id\":\"order_nope\"}", NULL, 404,
                "not_found");
    check_error("POST", "/v1/test/razorpay/pay", "{\"order_id\":\"x\",\"forge\":1}", NULL, 400,
                "invalid_argument");
    cJSON_Delete(forged);
    cJSON_Delete(real);
    free(asha);
}
END_TEST

/* Confirming again (the same payment, or another) answers the same and changes nothing. */
START_TEST(test_confirming_twice_is_idempotent)
{
    char *asha = token_for(ASHA);
    cJSON *answer = book_online(asha, "rzp-2", "BLR-1-FOCUS", ist(2027, 1, 6, 17), 1,
                                "[{\"name\":\"Rahul\",\"email\":\"rahul@example.com\"}]");
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *payment = pay(order_id, false);
    cJSON *first =
        confirm(asha, order_id, str(payment, "payment_id"), str(payment, "signature"), 200);
    char cursor[1024] = "";
    cJSON_Delete(pull_all(asha, cursor, sizeof cursor));
    cJSON *second =
        confirm(asha, order_id, str(payment, "payment_id"), str(payment, "signature"), 200);
    ck_assert(cJSON_Compare(first, second, true));
    cJSON *other = pay(order_id, false);
    cJSON *third = confirm(asha, order_id, str(other, "payment_id"), str(other, "signature"), 200);
    ck_assert(cJSON_Compare(first, third, true));
    /* Nothing changed: no change rows, no second email. */
    cJSON *changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_int_eq(cJSON_GetArraySize(changes), 0);
    cJSON_Delete(changes);
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    cJSON_Delete(mail);
    /* A forged signature on a paid order is still refused. */
    cJSON *forged = pay(order_id, true);
    cJSON_Delete(confirm(asha, order_id, str(forged, "payment_id"), str(forged, "signature"), 402));
    /* Sending POST /v1/bookings again is answered with the same booking (a retry). */
    char body[512];
    online_body(body, sizeof body, "rzp-2", "BLR-1-FOCUS", ist(2027, 1, 6, 17), 1, NULL);
    answer = call("POST", "/v1/bookings", body, asha, 200);
    ck_assert_str_eq(str(field(answer, "order"), "id"), order_id);
    ck_assert_str_eq(str(field(answer, "reservation"), "status"), "confirmed");
    cJSON_Delete(answer);
    /* ... but the same id with other times is a new booking that reuses an id. */
    online_body(body, sizeof body, "rzp-2", "BLR-1-FOCUS", ist(2027, 1, 6, 18), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "invalid_argument");
    cJSON_Delete(forged);
    cJSON_Delete(other);
    cJSON_Delete(first);
    cJSON_Delete(second);
    cJSON_Delete(third);
    cJSON_Delete(payment);
    free(asha);
}
END_TEST

/* A hold unpaid for 15 minutes lapses: the slot is free, the booking cancelled, paying late fails.
 */
START_TEST(test_hold_lapse_releases_the_slot)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *olivia = token_for(OLIVIA);
    int64_t start = ist(2027, 1, 6, 11);
    char cursor[1024] = "";
    cJSON_Delete(pull_all(olivia, cursor, sizeof cursor));
    cJSON *answer = book_online(asha, "rzp-3", "BLR-1-FOCUS", start, 1, NULL);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *payment = pay(order_id, false);
    ck_assert_int_eq(stub_advance_clock(stub, 15 * M - 1), 0);
    ck_assert_str_eq(book(vikram, "lapse-1", "BLR-1-FOCUS", start, 1, NULL), "slot_taken");
    ck_assert_int_eq(stub_advance_clock(stub, 1), 0);
    ck_assert_str_eq(book(vikram, "lapse-2", "BLR-1-FOCUS", start, 1, NULL), "applied");
    cJSON *v = sync_view(ASHA);
    const cJSON *lapsed = entity(v, "reservation", "rzp-3");
    ck_assert_str_eq(str(lapsed, "status"), "cancelled");
    /* It says why, and that it was never paid: no payment instant, no invoice. */
    ck_assert_str_eq(str(lapsed, "cancel_reason"), "hold_expired");
    ck_assert(cJSON_IsNull(field(lapsed, "paid_at_ms")) &&
              cJSON_IsNull(field(lapsed, "invoice_id")));
    ck_assert_int_eq(busy_count(v, "BLR-1-FOCUS", start, start + H), 1); /* Vikram's */
    cJSON_Delete(v);
    cJSON *e = confirm(asha, order_id, str(payment, "payment_id"), str(payment, "signature"), 409);
    ck_assert_str_eq(str(e, "code"), "hold_expired");
    cJSON_Delete(e);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-3"), "status"), "cancelled");
    cJSON_Delete(v);
    /* Others saw the hold come and go: busy, tombstone, Vikram's busy. */
    cJSON *changes = pull_all(olivia, cursor, sizeof cursor);
    char summary[512];
    change_summary(changes, summary, sizeof summary);
    ck_assert_str_eq(summary, "room_busy:upsert room_busy:delete room_busy:upsert");
    cJSON_Delete(changes);
    /* A hold lapses with no request for its room: any request notices it. */
    answer = book_online(asha, "rzp-4", "BLR-1-BOARD", ist(2027, 1, 8, 10), 1, NULL);
    cJSON_Delete(answer);
    ck_assert_int_eq(stub_advance_clock(stub, 15 * M), 0);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-4"), "status"), "cancelled");
    cJSON_Delete(v);
    cJSON_Delete(payment);
    free(asha);
    free(vikram);
    free(olivia);
}
END_TEST

/* The refusals of POST /v1/bookings, who may book online, and the confirm route's errors. */
START_TEST(test_online_booking_refusals)
{
    char *asha = token_for(ASHA), *priya = token_for(PRIYA), *meera = token_for("+919811111111");
    char body[1024];
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 1, 5, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 409, "slot_taken");
    check_error("POST", "/v1/bookings", body, NULL, 401, "unauthorized");
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 1, 5, 7), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "outside_hours");
    online_body(body, sizeof body, "on-1", "BLR-1-NOPE", ist(2027, 1, 5, 9), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 404, "not_found");
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 1, 4, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "too_soon");
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 3, 1, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "beyond_window");
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 1, 26, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "blackout");
    online_body(body, sizeof body, "on-1", "BLR-1-BOARD", ist(2027, 1, 5, 9) + M, 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "invalid_argument");
    /* The Call Pod seats 2: one guest besides the host. */
    online_body(body, sizeof body, "on-1", "MUM-1-POD", ist(2027, 1, 5, 10), 1,
                "[{\"name\":\"A\",\"email\":\"a@example.com\"},"
                "{\"name\":\"B\",\"email\":\"b@example.com\"}]");
    check_error("POST", "/v1/bookings", body, asha, 400, "invalid_argument");
    check_error("POST", "/v1/bookings", "{\"booking_id\":\"on-1\",\"room_id\":\"MUM-1-POD\"}", asha,
                400, "invalid_argument");
    check_error("POST", "/v1/bookings", "[]", asha, 400, "invalid_json");
    /* Staff, and a new account with no role, may not book pay-per-use. */
    online_body(body, sizeof body, "on-2", "MUM-1-POD", ist(2027, 1, 5, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, priya, 403, "forbidden");
    check_error("POST", "/v1/bookings", body, meera, 403, "forbidden");
    /* On-demand users may; members too. */
    cJSON_Delete(call("PUT", "/v1/me/profile",
                      "{\"name\":\"Meera Iyer\",\"email\":\"meera@example.com\","
                      "\"company\":\"Iyer Design\",\"city\":\"Mumbai\"}",
                      meera, 200));
    cJSON_Delete(call("PUT", "/v1/me/intent", "{\"intent\":\"on_demand\"}", meera, 200));
    cJSON_Delete(call("POST", "/v1/bookings", body, meera, 201));
    online_body(body, sizeof body, "on-3", "MUM-1-POD", ist(2027, 1, 5, 11), 1, NULL);
    cJSON_Delete(call("POST", "/v1/bookings", body, asha, 201));
    /* Someone else's booking id is used, whoever asks. */
    online_body(body, sizeof body, "on-2", "MUM-1-POD", ist(2027, 1, 5, 10), 1, NULL);
    check_error("POST", "/v1/bookings", body, asha, 400, "invalid_argument");
    /* Confirm: missing fields, an unknown order. */
    check_error("POST", "/v1/payments/razorpay/confirm", "{\"order_id\":\"order_x\"}", asha, 400,
                "invalid_argument");
    cJSON_Delete(confirm(asha, "order_nope", "pay_x", "00", 404));
    check_error("POST", "/v1/payments/razorpay/confirm",
                "{\"order_id\":\"a\",\"payment_id\":\"b\",\"signature\":\"c\"}", NULL, 401,
                "unauthorized");
    free(asha);
    free(priya);
    free(meera);
}
END_TEST

/* booking.create and booking.cancel refusals through the outbox. */
START_TEST(test_booking_mutation_refusals)
{
    char *asha = token_for(ASHA), *priya = token_for(PRIYA), *meera = token_for("+919811111112");
    int64_t s = ist(2027, 1, 5, 14);
    char p[1024];
    static const char *const invalid[] = {
        "{\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64 ",\"hours\":1}",
        "{\"booking_id\":\"\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64 ",\"hours\":1}",
        "{\"booking_id\":\"has space\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1}",
        "{\"booking_id\":\"q-1\",\"start_ms\":%" PRId64 ",\"hours\":1}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":\"%" PRId64
        "\",\"hours\":1}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64 ",\"hours\":0}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":25}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1.5}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"pay\":\"razorpay\"}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"guests\":{}}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"guests\":[{\"name\":\"A\",\"email\":\"not-an-email\"}]}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"guests\":[{\"name\":\"\",\"email\":\"a@example.com\"}]}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"guests\":[{\"name\":\"A\",\"email\":\"a@example.com\"},"
        "{\"name\":\"B\",\"email\":\"A@example.com\"}]}",
        "{\"booking_id\":\"res_5eed000000000001\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":"
        "%" PRId64 ",\"hours\":1}",
        "{\"booking_id\":\"q-1\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
        ",\"hours\":1,\"guests\":[{\"name\":\"A\",\"email\":\"a@example.com\"},"
        "{\"name\":\"B\",\"email\":\"b@example.com\"},{\"name\":\"C\",\"email\":"
        "\"c@example.com\"},{\"name\":\"D\",\"email\":\"d@example.com\"}]}",
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        snprintf(p, sizeof p, invalid[i], s);
        ck_assert_msg(strcmp(outcome(push_one(asha, "booking.create", p)), "invalid_argument") == 0,
                      "accepted %s", p);
    }
    snprintf(p, sizeof p,
             "{\"booking_id\":\"q-2\",\"room_id\":\"BLR-1-NOPE\",\"start_ms\":%" PRId64
             ",\"hours\":1}",
             s);
    ck_assert_str_eq(outcome(push_one(asha, "booking.create", p)), "not_found");
    /* Not a member of a company with credits: staff, an on-demand user. */
    ck_assert_str_eq(book(priya, "q-3", "BLR-1-FOCUS", s, 1, NULL), "forbidden");
    cJSON_Delete(call("PUT", "/v1/me/profile",
                      "{\"name\":\"Meera Iyer\",\"email\":\"meera@example.com\","
                      "\"company\":\"Iyer Design\",\"city\":\"Mumbai\"}",
                      meera, 200));
    cJSON_Delete(call("PUT", "/v1/me/intent", "{\"intent\":\"on_demand\"}", meera, 200));
    ck_assert_str_eq(book(meera, "q-4", "BLR-1-FOCUS", s, 1, NULL), "forbidden");
    ck_assert_str_eq(outcome(push_one(asha, "booking.cancel", "{}")), "invalid_argument");
    ck_assert_str_eq(outcome(push_one(asha, "booking.cancel", "{\"booking_id\":7}")),
                     "invalid_argument");
    /* Nothing of the refused ones exists; the guest-less, pay-less form is fine. */
    cJSON *v = sync_view(ASHA);
    ck_assert(!has_entity(v, "reservation", "q-1"));
    ck_assert(num(entity(v, "company", "ACME"), "credit_balance") == 188);
    cJSON_Delete(v);
    snprintf(p, sizeof p,
             "{\"booking_id\":\"q-5\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
             ",\"hours\":1}",
             s);
    ck_assert_str_eq(outcome(push_one(asha, "booking.create", p)), "applied");
    free(asha);
    free(priya);
    free(meera);
}
END_TEST

/* ---- visibility ------------------------------------------------------------------------- */

/* room_busy reaches everyone (without the holder); ledger lines only the company's members. */
START_TEST(test_new_kinds_reach_the_right_people)
{
    const char *phones[4] = {ASHA, VIKRAM, OLIVIA, PRIYA};
    char *tokens[4], cursors[4][1024];
    for (int i = 0; i < 4; i++) {
        tokens[i] = token_for(phones[i]);
        cursors[i][0] = '\0';
        cJSON *snapshot = pull_all(tokens[i], cursors[i], sizeof cursors[i]);
        int busy = 0, ledger = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, snapshot)
        {
            if (strcmp(str(c, "kind"), "room_busy") == 0) {
                cJSON *data = cJSON_Parse(str(c, "data_json"));
                char names[128];
                keys(data, names, sizeof names);
                ck_assert_str_eq(names, "id room_id start_ms end_ms");
                cJSON_Delete(data);
                busy++;
            }
            if (strcmp(str(c, "kind"), "credit_ledger") == 0) {
                cJSON *data = cJSON_Parse(str(c, "data_json"));
                ck_assert_str_eq(str(data, "company_id"), i < 2 ? "ACME" : "HART");
                cJSON_Delete(data);
                ledger++;
            }
        }
        ck_assert_int_eq(busy, 2); /* the seeded reservations */
        ck_assert_int_eq(ledger, i < 2 ? 2 : i == 2 ? 1 : 0);
        cJSON_Delete(snapshot);
    }
    ck_assert_str_eq(book(tokens[0], "vis-1", "BLR-1-FOCUS", ist(2027, 1, 5, 14), 1, NULL),
                     "applied");
    static const char *const after_booking[4] = {
        "room_busy:upsert credit_ledger:upsert company:upsert notification:upsert"
        " reservation:upsert",
        "room_busy:upsert credit_ledger:upsert company:upsert",
        "room_busy:upsert",
        "room_busy:upsert",
    };
    for (int i = 0; i < 4; i++) {
        cJSON *changes = pull_all(tokens[i], cursors[i], sizeof cursors[i]);
        char summary[512];
        change_summary(changes, summary, sizeof summary);
        ck_assert_msg(strcmp(summary, after_booking[i]) == 0, "%s pulled %s", phones[i], summary);
        cJSON_Delete(changes);
    }
    ck_assert_str_eq(cancel(tokens[0], "vis-1"), "applied");
    static const char *const after_cancel[4] = {
        "room_busy:delete reservation:upsert credit_ledger:upsert company:upsert"
        " notification:upsert",
        "room_busy:delete credit_ledger:upsert company:upsert",
        "room_busy:delete",
        "room_busy:delete",
    };
    for (int i = 0; i < 4; i++) {
        cJSON *changes = pull_all(tokens[i], cursors[i], sizeof cursors[i]);
        char summary[512];
        change_summary(changes, summary, sizeof summary);
        ck_assert_msg(strcmp(summary, after_cancel[i]) == 0, "%s pulled %s", phones[i], summary);
        cJSON_Delete(changes);
        free(tokens[i]);
    }
}
END_TEST

/* Zone transitions follow the server clock: a new year re-logs the buildings. */
START_TEST(test_zone_transitions_follow_the_server_clock)
{
    char *olivia = token_for(OLIVIA);
    char cursor[1024] = "";
    cJSON *snapshot = pull_all(olivia, cursor, sizeof cursor);
    cJSON *lon = last_upsert(snapshot, "building", "LON-1");
    const cJSON *zone = field(lon, "zone");
    ck_assert_str_eq(str(zone, "name"), "Europe/London");
    const cJSON *t = field(zone, "transitions");
    ck_assert_int_eq(cJSON_GetArraySize(t), 13);
    ck_assert(num(cJSON_GetArrayItem(t, 0), "at_ms") == utc(2025, 1, 1, 0));
    ck_assert(num(cJSON_GetArrayItem(t, 0), "offset_min") == 0);
    ck_assert(num(cJSON_GetArrayItem(t, 5), "at_ms") == utc(2027, 3, 28, 1));
    ck_assert(num(cJSON_GetArrayItem(t, 5), "offset_min") == 60);
    ck_assert(num(cJSON_GetArrayItem(t, 12), "at_ms") >= T0 + 800 * MS_DAY_MS);
    ck_assert(num(lon, "booking_window_days") == 30 && num(lon, "min_notice_min") == 15 &&
              num(lon, "cancel_cutoff_min") == 120);
    cJSON_Delete(lon);
    cJSON *blr = last_upsert(snapshot, "building", "BLR-1");
    t = field(field(blr, "zone"), "transitions");
    ck_assert_int_eq(cJSON_GetArraySize(t), 1);
    ck_assert(num(cJSON_GetArrayItem(t, 0), "offset_min") == 330);
    cJSON_Delete(blr);
    cJSON_Delete(snapshot);

    /* Within the year nothing moves; in the next one every building is sent again. */
    ck_assert_int_eq(stub_set_clock(stub, utc(2027, 12, 31, 23)), 0);
    free(olivia);
    olivia = token_for(OLIVIA); /* sessions last 30 days */
    cJSON *changes = pull_all(olivia, cursor, sizeof cursor);
    cJSON *none = last_upsert(changes, "building", NULL);
    ck_assert_ptr_null(none);
    cJSON_Delete(changes);
    ck_assert_int_eq(stub_set_clock(stub, utc(2028, 1, 1, 0)), 0);
    changes = pull_all(olivia, cursor, sizeof cursor);
    int buildings = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, changes)
    {
        buildings += strcmp(str(c, "kind"), "building") == 0;
    }
    ck_assert_int_eq(buildings, 3);
    lon = last_upsert(changes, "building", "LON-1");
    t = field(field(lon, "zone"), "transitions");
    ck_assert(num(cJSON_GetArrayItem(t, 0), "at_ms") == utc(2026, 1, 1, 0));
    ck_assert(num(cJSON_GetArrayItem(t, cJSON_GetArraySize(t) - 1), "at_ms") ==
              utc(2031, 10, 26, 1));
    cJSON_Delete(lon);
    cJSON_Delete(changes);
    free(olivia);
}
END_TEST

/* ---- keys and the log ------------------------------------------------------------------- */

/* Hex HMAC-SHA256 of order|payment with secret, computed here with mbedTLS directly. */
static void signature_of(const char *secret, const char *order, const char *payment, char *hex)
{
    char message[256];
    snprintf(message, sizeof message, "%s|%s", order, payment);
    unsigned char mac[32];
    ck_assert_int_eq(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
                                     (const unsigned char *)secret, strlen(secret),
                                     (const unsigned char *)message, strlen(message), mac),
                     0);
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", mac[i]);
}

/* --razorpay-key-id/--razorpay-key-secret are used; the secret never reaches the log. */
START_TEST(test_configured_keys_and_no_secret_in_the_log)
{
    static const char secret[] = "s3cr3t-with-\xc3\xbcmlaut";
    ck_assert_int_eq(stub_stop(stub), 0);
    char log_path[] = "/tmp/memberstub-log-XXXXXX";
    int fd = mkstemp(log_path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    const char *args[] = {"--razorpay-key-id", "rzp_test_custom", "--razorpay-key-secret", secret,
                          NULL};
    stub = stub_start_at(T0, args, log_path);
    ck_assert_ptr_nonnull(stub);
    char *asha = token_for(ASHA);
    cJSON *answer = book_online(asha, "key-1", "BLR-1-FOCUS", ist(2027, 1, 6, 10), 1, NULL);
    ck_assert_str_eq(str(field(answer, "order"), "key_id"), "rzp_test_custom");
    char order_id[64], sig[65], wrong[65];
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    signature_of("memberstub_test_key_secret", order_id, "pay_TEST0000000001", wrong);
    cJSON_Delete(confirm(asha, order_id, "pay_TEST0000000001", wrong, 402));
    signature_of(secret, order_id, "pay_TEST0000000001", sig);
    answer = confirm(asha, order_id, "pay_TEST0000000001", sig, 200);
    ck_assert_str_eq(str(field(answer, "reservation"), "status"), "confirmed");
    cJSON_Delete(answer);
    /* The test checkout signs with the configured secret too. */
    answer = book_online(asha, "key-2", "BLR-1-FOCUS", ist(2027, 1, 6, 11), 1, NULL);
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *payment = pay(order_id, false);
    signature_of(secret, order_id, str(payment, "payment_id"), sig);
    ck_assert_str_eq(str(payment, "signature"), sig);
    cJSON_Delete(payment);
    free(asha);
    ck_assert_int_eq(stub_stop(stub), 0);
    stub = NULL;

    FILE *f = fopen(log_path, "rb");
    ck_assert_ptr_nonnull(f);
    static char log[256 * 1024];
    size_t n = fread(log, 1, sizeof log - 1, f);
    fclose(f);
    log[n] = '\0';
    remove(log_path);
    ck_assert_msg(strstr(log, "POST /v1/payments/razorpay/confirm -> 200") != NULL,
                  "the log has no requests: %.200s", log);
    ck_assert_msg(strstr(log, "s3cr3t") == NULL, "the key secret is in the log");

    /* Malformed keys are refused at start (exit status 2). */
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "'%s' --db /nonexistent/x.db --port 0 --razorpay-key-secret '' 2>/dev/null",
             getenv("MEMBERSTUB"));
    int rc = system(cmd);
    ck_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
}
END_TEST

static Suite *stub_rooms_suite(void)
{
    Suite *s = suite_create("stub_rooms");
    TCase *checks = tcase_create("checks");
    tcase_add_checked_fixture(checks, setup, teardown);
    tcase_set_timeout(checks, 60);
    tcase_add_test(checks, test_credit_booking_confirms_debits_holds_and_invites);
    tcase_add_test(checks, test_touching_a_busy_slot_is_fine_and_overlapping_refused);
    tcase_add_test(checks, test_opening_and_closing_edges);
    tcase_add_test(checks, test_reservation_across_midnight);
    tcase_add_test(checks, test_blackouts_refuse_overlapping_bookings);
    tcase_add_test(checks, test_min_notice);
    tcase_add_test(checks, test_booking_window_last_day);
    tcase_add_test(checks, test_london_clock_change_days);
    tcase_add_test(checks, test_blocks_refuse_a_malformed_date);
    tcase_add_test(checks, test_booking_mutation_refusals);
    suite_add_tcase(s, checks);
    TCase *credits = tcase_create("credits");
    tcase_add_checked_fixture(credits, setup, teardown);
    tcase_set_timeout(credits, 60);
    tcase_add_test(credits, test_credits_never_go_below_zero);
    tcase_add_test(credits, test_cancel_refunds_only_before_the_cutoff);
    tcase_add_test(credits, test_monthly_reset_by_building_local_month);
    tcase_add_test(credits, test_monthly_reset_across_the_year_in_india);
    tcase_add_test(credits, test_running_balance_is_consistent_over_a_month);
    tcase_add_test(credits, test_eight_racers_hold_one_block);
    suite_add_tcase(s, credits);
    TCase *razorpay = tcase_create("razorpay");
    tcase_add_checked_fixture(razorpay, setup, teardown);
    tcase_set_timeout(razorpay, 60);
    tcase_add_test(razorpay, test_razorpay_happy_path);
    tcase_add_test(razorpay, test_forged_signature_confirms_nothing);
    tcase_add_test(razorpay, test_confirming_twice_is_idempotent);
    tcase_add_test(razorpay, test_hold_lapse_releases_the_slot);
    tcase_add_test(razorpay, test_a_london_room_is_invoiced_in_pounds_with_vat);
    tcase_add_test(razorpay, test_online_booking_refusals);
    tcase_add_test(razorpay, test_configured_keys_and_no_secret_in_the_log);
    suite_add_tcase(s, razorpay);
    TCase *sync = tcase_create("sync");
    tcase_add_checked_fixture(sync, setup, teardown);
    tcase_set_timeout(sync, 60);
    tcase_add_test(sync, test_new_kinds_reach_the_right_people);
    tcase_add_test(sync, test_zone_transitions_follow_the_server_clock);
    suite_add_tcase(s, sync);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_rooms_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
