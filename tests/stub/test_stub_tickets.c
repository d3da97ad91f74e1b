/*
 * tests/stub/test_stub_tickets.c - facility tickets over HTTP against a memberstub process
 * (docs/tickets-protocol.md): filing through /v1/sync/push and the pull that shows it (number,
 * SLA in business hours, photos declared, timeline), the category tree, every refusal code, another
 * member's ticket answering not_found, resolve and reopen within 7 days, the automatic close
 * after 7 days (the test clock, never a sleep), the notifications and the pushes delivered, and
 * exactly-once (the same mutation pushed twice is one ticket).
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_test_util.h"

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define OLIVIA "+447700900001"
#define MIN    (60 * 1000LL)
#define DAY    (24 * 60 * MIN)
#define SHA    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

/* A client id of n: "tkt_" / "cmt_" / "pho_" and 32 hex digits. */
static const char *id_of(char *out, const char *prefix, int n)
{
    snprintf(out, 40, "%s%032x", prefix, n);
    return out;
}

/* Push one mutation; its result (caller deletes). */
static cJSON *push(const char *token, const char *client, int64_t mutation_id, const char *key,
                   const char *kind, const char *payload)
{
    size_t cap = strlen(payload) + 512;
    char *body = malloc(cap);
    ck_assert_ptr_nonnull(body);
    snprintf(body, cap,
             "{\"client_id\": \"%s\", \"mutations\": [{\"mutation_id\": %" PRId64
             ", \"idempotency_key\": \"%s\", \"kind\": \"%s\", \"payload\": %s}]}",
             client, mutation_id, key, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    free(body);
    cJSON *result = cJSON_DetachItemFromArray(cJSON_GetObjectItem(answer, "results"), 0);
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(result);
    return result;
}

/* The mutation counter per test (keys and ids unique within the test's stub). */
static int64_t next_mutation;

/* Push kind/payload as a new mutation of client "c-<token's phone>"; expect applied (code NULL)
 * or rejected with code. */
static void expect(const char *token, const char *kind, const char *payload, const char *code)
{
    char key[64];
    int64_t id = ++next_mutation;
    snprintf(key, sizeof key, "key-%" PRId64, id);
    cJSON *r = push(token, "c1", id, key, kind, payload);
    if (code) {
        ck_assert_msg(strcmp(str(r, "status"), "rejected") == 0, "%s %s: applied, wanted %s", kind,
                      payload, code);
        ck_assert_msg(strcmp(str(r, "code"), code) == 0, "%s: got %s (%s), wanted %s", kind,
                      str(r, "code"), str(r, "message"), code);
        ck_assert_msg(str(r, "message")[0], "a refusal says why");
    } else {
        const cJSON *message = cJSON_GetObjectItem(r, "message");
        ck_assert_msg(strcmp(str(r, "status"), "applied") == 0, "%s: rejected %s: %s", kind,
                      cJSON_IsString(message) ? message->valuestring : "", payload);
    }
    cJSON_Delete(r);
}

/* A ticket.create payload into out. photos: the JSON array text (or "[]"). */
static const char *filing(char *out, size_t cap, const char *ticket_id, const char *building,
                          const char *category, const char *priority, const char *description,
                          const char *location, const char *photos)
{
    int n = snprintf(out, cap,
                     "{\"ticket_id\": \"%s\", \"building_id\": \"%s\", \"category_id\": \"%s\","
                     " \"priority\": \"%s\", \"description\": \"%s\", \"location\": %s,"
                     " \"photos\": %s}",
                     ticket_id, building, category, priority, description, location, photos);
    ck_assert(n > 0 && (size_t)n < cap);
    return out;
}

/* One photo declaration (JSON text) into out. */
static const char *photo(char *out, size_t cap, const char *id, const char *type, int64_t bytes)
{
    snprintf(out, cap,
             "{\"photo_id\": \"%s\", \"content_type\": \"%s\", \"bytes\": %" PRId64
             ", \"sha256\": \"%s\"}",
             id, type, bytes, SHA);
    return out;
}

/* A JSON array of count PNG photos of bytes each, ids pho_<first>, pho_<first + 1>, ... */
static const char *photo_list(char *out, size_t cap, int first, int count, int64_t bytes)
{
    char one[256], pid[40];
    size_t used = (size_t)snprintf(out, cap, "[");
    for (int i = 0; i < count; i++)
        used += (size_t)snprintf(
            out + used, cap - used, "%s%s", i ? ", " : "",
            photo(one, sizeof one, id_of(pid, "pho_", first + i), "image/png", bytes));
    ck_assert_uint_lt(used + 1, cap);
    snprintf(out + used, cap - used, "]");
    return out;
}

/* File a normal Washroom ticket n in BLR-1 for token, without photos. */
static void file_simple(const char *token, int n, char *ticket_id)
{
    char payload[1024];
    id_of(ticket_id, "tkt_", n);
    expect(token, "ticket.create",
           filing(payload, sizeof payload, ticket_id, "BLR-1", "cleaning.washroom", "normal",
                  "The washroom tap leaks", "null", "[]"),
           NULL);
}

/* A fresh snapshot pulled to its end for token: an object keyed "kind/id" -> data. */
static cJSON *pull_all(const char *token)
{
    cJSON *state = cJSON_CreateObject();
    char cursor[512] = "";
    for (int pages = 0; pages < 100; pages++) {
        char path[700];
        snprintf(path, sizeof path, "/v1/sync/pull?client_id=c-pull%s%s",
                 cursor[0] ? "&cursor=" : "", cursor);
        cJSON *page = call("GET", path, NULL, token, 200);
        const cJSON *c;
        cJSON_ArrayForEach(c, field(page, "changes"))
        {
            char key[160];
            snprintf(key, sizeof key, "%s/%s", str(c, "kind"), str(c, "id"));
            cJSON_DeleteItemFromObjectCaseSensitive(state, key);
            if (strcmp(str(c, "op"), "upsert") == 0)
                cJSON_AddItemToObject(state, key, cJSON_Parse(str(c, "data_json")));
        }
        snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
        bool more = cJSON_IsTrue(field(page, "has_more"));
        cJSON_Delete(page);
        if (!more)
            return state;
    }
    ck_abort_msg("the pull never ended");
    return NULL;
}

/* The member's ticket id as pulled (caller deletes), or NULL when the pull does not have it. */
static cJSON *pulled_ticket(const char *token, const char *id)
{
    cJSON *state = pull_all(token);
    char key[80];
    snprintf(key, sizeof key, "ticket/%s", id);
    cJSON *t = cJSON_DetachItemFromObjectCaseSensitive(state, key);
    cJSON_Delete(state);
    return t;
}

/* The member's notifications with deep link membercore://tickets/<id>, titles joined by "|". */
static void ticket_notifications(const char *token, const char *id, char *out, size_t cap)
{
    cJSON *state = pull_all(token);
    char link[96];
    snprintf(link, sizeof link, "membercore://tickets/%s", id);
    /* Notification ids are random: order the titles by creation, then title. */
    cJSON *found = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, "notification/", 13) != 0)
            continue;
        const cJSON *l = cJSON_GetObjectItem(e, "deep_link");
        if (!cJSON_IsString(l) || strcmp(l->valuestring, link) != 0)
            continue;
        ck_assert_str_eq(str(e, "category"), "support");
        ck_assert_str_eq(str(e, "building_id"), "BLR-1");
        ck_assert(cJSON_IsFalse(field(e, "read")));
        cJSON_AddItemToArray(found, cJSON_Duplicate(e, true));
    }
    out[0] = '\0';
    int n = cJSON_GetArraySize(found);
    bool *used = calloc((size_t)n + 1, sizeof *used);
    for (int k = 0; k < n; k++) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (used[i])
                continue;
            const cJSON *a = cJSON_GetArrayItem(found, i);
            if (best < 0 ||
                num(a, "created_at_ms") < num(cJSON_GetArrayItem(found, best), "created_at_ms"))
                best = i;
        }
        used[best] = true;
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? "|" : "",
                 str(cJSON_GetArrayItem(found, best), "title"));
    }
    free(used);
    cJSON_Delete(found);
    cJSON_Delete(state);
}

/* GET /v1/test/pushes for phone (caller deletes the array). */
static cJSON *pushes(const char *phone)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/pushes?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *list = cJSON_DetachItemFromObject(answer, "pushes");
    cJSON_Delete(answer);
    return list;
}

static void register_push_token(const char *token, const char *client, const char *push_token)
{
    char payload[256];
    snprintf(payload, sizeof payload,
             "{\"provider\": \"fcm\", \"token\": \"%s\", \"client_id\": \"%s\"}", push_token,
             client);
    expect(token, "device.push_token", payload, NULL);
}

static void set_clock(int64_t now_ms)
{
    char body[64];
    snprintf(body, sizeof body, "{\"now_ms\": %" PRId64 "}", now_ms);
    cJSON_Delete(call("POST", "/v1/test/clock", body, NULL, 200));
}

static void advance_clock(int64_t ms)
{
    char body[64];
    snprintf(body, sizeof body, "{\"advance_ms\": %" PRId64 "}", ms);
    cJSON_Delete(call("POST", "/v1/test/clock", body, NULL, 200));
}

static void ticket_setup(void)
{
    setup();
    next_mutation = 0;
}

/* Filed at T0 (Monday 10:00 IST) with a room and a photo: the pull shows it whole. */
START_TEST(test_a_filed_ticket_is_pulled_with_its_number_and_sla)
{
    char *asha = token_for(ASHA);
    char ticket_id[40], photo_id[40], one[256], payload[1024];
    id_of(ticket_id, "tkt_", 1);
    id_of(photo_id, "pho_", 1);
    char photos[300];
    snprintf(photos, sizeof photos, "[%s]", photo(one, sizeof one, photo_id, "image/jpeg", 123456));
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, ticket_id, "BLR-1", "cleaning.washroom", "high",
                  "  The washroom tap leaks  ", "{\"kind\": \"room\", \"id\": \"BLR-1-BOARD\"}",
                  photos),
           NULL);
    cJSON *t = pulled_ticket(asha, ticket_id);
    ck_assert_msg(t != NULL, "the pull has no ticket %s", ticket_id);
    ck_assert_str_eq(str(t, "number"), "T-1001");
    ck_assert_str_eq(str(t, "status"), "open");
    ck_assert_str_eq(str(t, "priority"), "high");
    ck_assert_str_eq(str(t, "building_id"), "BLR-1");
    ck_assert_str_eq(str(t, "category_id"), "cleaning.washroom");
    ck_assert_str_eq(str(t, "description"), "The washroom tap leaks");
    const cJSON *loc = field(t, "location");
    ck_assert_str_eq(str(loc, "kind"), "room");
    ck_assert_str_eq(str(loc, "id"), "BLR-1-BOARD");
    ck_assert_str_eq(str(loc, "name"), "Boardroom");
    ck_assert(cJSON_IsNull(field(t, "assignee_name")));
    ck_assert_int_eq(num(t, "created_at_ms"), T0);
    ck_assert(cJSON_IsNull(field(t, "resolved_at_ms")) &&
              cJSON_IsNull(field(t, "reopen_until_ms")));
    /* High Washroom (15 / 60): 8 and 30 business minutes; Monday 10:00 is inside the hours. */
    const cJSON *sla = field(t, "sla");
    ck_assert_str_eq(str(sla, "basis"), "business_hours");
    ck_assert_int_eq(num(sla, "response_due_ms"), T0 + 8 * MIN);
    ck_assert_int_eq(num(sla, "resolution_due_ms"), T0 + 30 * MIN);
    ck_assert_int_eq(num(sla, "at_risk_from_ms"), T0 + 24 * MIN);
    ck_assert(cJSON_IsNull(field(sla, "responded_at_ms")) && cJSON_IsNull(field(sla, "outcome")));
    const cJSON *timeline = field(t, "timeline");
    ck_assert_int_eq(cJSON_GetArraySize(timeline), 1);
    const cJSON *created = cJSON_GetArrayItem(timeline, 0);
    ck_assert_str_eq(str(created, "type"), "created");
    ck_assert_str_eq(str(field(created, "author"), "role"), "member");
    ck_assert_str_eq(str(field(created, "author"), "name"), "Asha Rao");
    ck_assert_str_eq(cJSON_GetArrayItem(field(created, "photo_ids"), 0)->valuestring, photo_id);
    ck_assert(!cJSON_HasObjectItem(created, "internal"));
    const cJSON *p = cJSON_GetArrayItem(field(t, "photos"), 0);
    ck_assert_str_eq(str(p, "id"), photo_id);
    ck_assert(cJSON_IsNull(field(p, "comment_id")));
    ck_assert_str_eq(str(p, "content_type"), "image/jpeg");
    ck_assert_int_eq(num(p, "bytes"), 123456);
    ck_assert_str_eq(str(p, "sha256"), SHA);
    ck_assert(cJSON_IsFalse(field(p, "uploaded")) && cJSON_IsNull(field(p, "uploaded_at_ms")));
    cJSON_Delete(t);

    /* The next in BLR-1 is T-1002; LON-1 has a series of its own. */
    char second[40], third[40];
    file_simple(asha, 2, second);
    char *olivia = token_for(OLIVIA);
    id_of(third, "tkt_", 3);
    expect(olivia, "ticket.create",
           filing(payload, sizeof payload, third, "LON-1", "it.wifi", "normal",
                  "No Wi-Fi on floor 2", "{\"kind\": \"desk\", \"name\": \"Hot desk 7\"}", "[]"),
           NULL);
    t = pulled_ticket(asha, second);
    ck_assert_str_eq(str(t, "number"), "T-1002");
    cJSON_Delete(t);
    t = pulled_ticket(olivia, third);
    ck_assert_str_eq(str(t, "number"), "T-1001");
    ck_assert_str_eq(str(field(t, "location"), "name"), "Hot desk 7");
    ck_assert(cJSON_IsNull(field(field(t, "location"), "id")));
    /* LON-1 is open all day: wall time (Wi-Fi 10 / 60 minutes). */
    ck_assert_int_eq(num(field(t, "sla"), "resolution_due_ms"), T0 + 60 * MIN);
    cJSON_Delete(t);
    free(olivia);
    free(asha);
}
END_TEST

/* The protocol's worked example through the server: Saturday 21:45 at BLR-1, high Washroom. */
START_TEST(test_the_sla_counts_business_hours)
{
    const int64_t saturday_2145 = 1799511300000LL, monday_0800 = 1799634600000LL;
    set_clock(saturday_2145);
    char *asha = token_for(ASHA);
    char ticket_id[40], payload[1024];
    id_of(ticket_id, "tkt_", 7);
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, ticket_id, "BLR-1", "cleaning.washroom", "high",
                  "Washroom out of soap", "null", "[]"),
           NULL);
    cJSON *t = pulled_ticket(asha, ticket_id);
    const cJSON *sla = field(t, "sla");
    ck_assert_int_eq(num(sla, "response_due_ms"), saturday_2145 + 8 * MIN);
    ck_assert_int_eq(num(sla, "resolution_due_ms"), monday_0800 + 15 * MIN);
    ck_assert_int_eq(num(sla, "at_risk_from_ms"), monday_0800 + 9 * MIN);
    cJSON_Delete(t);
    /* Filed on Sunday (closed): the clock starts at Monday 08:00. */
    set_clock(saturday_2145 + 13 * 60 * MIN);
    id_of(ticket_id, "tkt_", 8);
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, ticket_id, "BLR-1", "it.printer", "low",
                  "Printer jammed", "null", "[]"),
           NULL);
    t = pulled_ticket(asha, ticket_id);
    ck_assert_int_eq(num(field(t, "sla"), "response_due_ms"), monday_0800 + 60 * MIN);
    cJSON_Delete(t);
    /* The notification names the response time in the building's time with its zone. */
    char titles[512];
    ticket_notifications(asha, ticket_id, titles, sizeof titles);
    ck_assert_str_eq(titles, "T-1002 received: Printer");
    cJSON *state = pull_all(asha);
    bool seen = false;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        const cJSON *title = cJSON_GetObjectItem(e, "title");
        if (cJSON_IsString(title) && strcmp(title->valuestring, "T-1002 received: Printer") == 0) {
            ck_assert_str_eq(str(e, "body"), "IT desk will respond by Mon 11 Jan 2027 09:00 IST.");
            seen = true;
        }
    }
    ck_assert(seen);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* The categories: everyone pulls the tree, leaves with their team and SLA. */
START_TEST(test_the_category_tree_is_pulled)
{
    char *vikram = token_for(VIKRAM);
    cJSON *state = pull_all(vikram);
    const cJSON *washroom = field(state, "ticket_category/cleaning.washroom");
    ck_assert_str_eq(str(washroom, "parent_id"), "cleaning");
    ck_assert_str_eq(str(washroom, "name"), "Washroom");
    ck_assert_str_eq(str(washroom, "team"), "Housekeeping");
    ck_assert_int_eq(num(washroom, "position"), 1);
    ck_assert_int_eq(num(field(washroom, "sla"), "response_min"), 15);
    ck_assert_int_eq(num(field(washroom, "sla"), "resolution_min"), 60);
    const cJSON *top = field(state, "ticket_category/furniture");
    ck_assert(cJSON_IsNull(field(top, "parent_id")) && cJSON_IsNull(field(top, "team")) &&
              cJSON_IsNull(field(top, "sla")));
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state) n += strncmp(e->string, "ticket_category/", 16) == 0;
    ck_assert_int_eq(n, 15);
    cJSON_Delete(state);
    free(vikram);
}
END_TEST

/* Every refusal of ticket.create, in the protocol's words. */
START_TEST(test_create_refusals)
{
    char *asha = token_for(ASHA);
    char id[40], payload[8192], photos[2048], one[256], pid[40];
    id_of(id, "tkt_", 10);
    const char *room = "{\"kind\": \"room\", \"id\": \"LON-1-THAMES\"}";
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning", "normal", "x", "null", "[]"),
           "unknown_category");
    expect(
        asha, "ticket.create",
        filing(payload, sizeof payload, id, "BLR-1", "cleaning.nope", "normal", "x", "null", "[]"),
        "unknown_category");
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "NOPE-1", "cleaning.washroom", "normal", "x", "null",
                  "[]"),
           "not_found");
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", "x", room,
                  "[]"),
           "not_found");
    char long_text[2100];
    memset(long_text, 'a', 2001);
    long_text[2001] = '\0';
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", long_text,
                  "null", "[]"),
           "description_too_long");
    long_text[2000] = '\0';
    /* Six photos: too many. */
    photo_list(photos, sizeof photos, 100, 6, 1000);
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", long_text,
                  "null", photos),
           "too_many_photos");
    snprintf(photos, sizeof photos, "[%s]",
             photo(one, sizeof one, id_of(pid, "pho_", 110), "image/jpeg", 10485761));
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", "x", "null",
                  photos),
           "photo_too_large");
    /* Anything else malformed: invalid_argument. */
    static const char *const malformed[][4] = {
        /* ticket id, priority, description, photo content type */
        {"tkt_nothex", "normal", "x", "image/jpeg"},
        {"tkt_0000000000000000000000000000000A", "normal", "x", "image/jpeg"},
        {NULL, "critical", "x", "image/jpeg"},
        {NULL, "normal", "   ", "image/jpeg"},
        {NULL, "normal", "x", "image/gif"},
    };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        snprintf(photos, sizeof photos, "[%s]",
                 photo(one, sizeof one, id_of(pid, "pho_", 120), malformed[i][3], 1000));
        expect(asha, "ticket.create",
               filing(payload, sizeof payload, malformed[i][0] ? malformed[i][0] : id, "BLR-1",
                      "cleaning.washroom", malformed[i][1], malformed[i][2], "null", photos),
               "invalid_argument");
    }
    snprintf(photos, sizeof photos,
             "[{\"photo_id\": \"%s\", \"content_type\": \"image/png\", \"bytes\": 10,"
             " \"sha256\": \"NOTHEX\"}]",
             id_of(pid, "pho_", 121));
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", "x", "null",
                  photos),
           "invalid_argument");
    /* Sizes that are not a whole number of bytes from 1, and one far past any integer. */
    static const char *const sizes[][2] = {
        {"0", "invalid_argument"},
        {"1.5", "invalid_argument"},
        {"\"12\"", "invalid_argument"},
        {"1e30", "photo_too_large"},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        snprintf(photos, sizeof photos,
                 "[{\"photo_id\": \"%s\", \"content_type\": \"image/png\", \"bytes\": %s,"
                 " \"sha256\": \"%s\"}]",
                 id_of(pid, "pho_", 122), sizes[i][0], SHA);
        expect(asha, "ticket.create",
               filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", "x",
                      "null", photos),
               sizes[i][1]);
    }
    /* Nothing refused left a trace; the 2000-character description and 5 photos are fine. */
    cJSON *state = pull_all(asha);
    const cJSON *e;
    cJSON_ArrayForEach(e, state) ck_assert(strncmp(e->string, "ticket/", 7) != 0);
    cJSON_Delete(state);
    photo_list(photos, sizeof photos, 100, 5, 10485760);
    expect(asha, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "urgent", long_text,
                  "null", photos),
           NULL);
    /* An id already used, by anyone, is invalid_argument: the ticket's and a photo's. */
    char *vikram = token_for(VIKRAM);
    expect(vikram, "ticket.create",
           filing(payload, sizeof payload, id, "BLR-1", "cleaning.washroom", "normal", "x", "null",
                  "[]"),
           "invalid_argument");
    snprintf(photos, sizeof photos, "[%s]",
             photo(one, sizeof one, id_of(pid, "pho_", 100), "image/png", 10));
    expect(vikram, "ticket.create",
           filing(payload, sizeof payload, id_of(id, "tkt_", 11), "BLR-1", "cleaning.washroom",
                  "normal", "x", "null", photos),
           "invalid_argument");
    free(vikram);
    free(asha);
}
END_TEST

/* A ticket.comment payload into out. */
static const char *comment(char *out, size_t cap, const char *ticket_id, const char *comment_id,
                           const char *text, const char *photos)
{
    int n = snprintf(out, cap,
                     "{\"ticket_id\": \"%s\", \"comment_id\": \"%s\", \"text\": \"%s\","
                     " \"photos\": %s}",
                     ticket_id, comment_id, text, photos);
    ck_assert(n > 0 && (size_t)n < cap);
    return out;
}

static const char *ticket_only(char *out, size_t cap, const char *ticket_id)
{
    snprintf(out, cap, "{\"ticket_id\": \"%s\"}", ticket_id);
    return out;
}

/* Comments with photos; another member's ticket answers not_found for everything. */
START_TEST(test_comments_and_another_members_ticket)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char ticket_id[40], cid[40], pid[40], one[256], photos[2048], payload[8192];
    file_simple(asha, 20, ticket_id);
    snprintf(photos, sizeof photos, "[%s]",
             photo(one, sizeof one, id_of(pid, "pho_", 20), "image/png", 2048));
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 20), "Still leaking",
                   photos),
           NULL);
    cJSON *t = pulled_ticket(asha, ticket_id);
    const cJSON *entry = cJSON_GetArrayItem(field(t, "timeline"), 1);
    ck_assert_str_eq(str(entry, "type"), "comment");
    ck_assert_str_eq(str(entry, "id"), cid);
    ck_assert_str_eq(str(entry, "text"), "Still leaking");
    ck_assert_str_eq(cJSON_GetArrayItem(field(entry, "photo_ids"), 0)->valuestring, pid);
    ck_assert_str_eq(str(cJSON_GetArrayItem(field(t, "photos"), 0), "comment_id"), cid);
    cJSON_Delete(t);

    /* Comment refusals. */
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, id_of(pid, "tkt_", 999), id_of(cid, "cmt_", 21), "x",
                   "[]"),
           "not_found");
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 20), "x", "[]"),
           "invalid_argument");
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, "cmt_short", "x", "[]"), "invalid_argument");
    char long_text[2100];
    memset(long_text, 'b', 2001);
    long_text[2001] = '\0';
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 22), long_text, "[]"),
           "description_too_long");
    photo_list(photos, sizeof photos, 30, 6, 10);
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 22), "x", photos),
           "too_many_photos");
    snprintf(photos, sizeof photos, "[%s]",
             photo(one, sizeof one, id_of(pid, "pho_", 40), "image/png", 20 * 1024 * 1024));
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 22), "x", photos),
           "photo_too_large");

    /* Vikram cannot reach Asha's ticket by its id: not_found, never forbidden. */
    expect(vikram, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 23), "mine?", "[]"),
           "not_found");
    expect(vikram, "ticket.resolve", ticket_only(payload, sizeof payload, ticket_id), "not_found");
    expect(vikram, "ticket.reopen", ticket_only(payload, sizeof payload, ticket_id), "not_found");
    t = pulled_ticket(vikram, ticket_id);
    ck_assert_ptr_null(t);
    /* Asha's ticket is as it was. */
    t = pulled_ticket(asha, ticket_id);
    ck_assert_str_eq(str(t, "status"), "open");
    ck_assert_int_eq(cJSON_GetArraySize(field(t, "timeline")), 2);
    cJSON_Delete(t);
    free(vikram);
    free(asha);
}
END_TEST

/* Resolve, reopen within 7 days, resolve again, the automatic close 7 days later, and what is
 * refused after; the notifications of each and a push per registered device. */
START_TEST(test_resolve_reopen_and_close)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    register_push_token(asha, "phone-1", "fcm-token-1");
    register_push_token(asha, "phone-2", "fcm-token-2");
    char ticket_id[40], payload[1024], cid[40];
    file_simple(asha, 30, ticket_id);
    expect(asha, "ticket.reopen", ticket_only(payload, sizeof payload, ticket_id),
           "invalid_transition");
    advance_clock(10 * MIN);
    expect(asha, "ticket.resolve", ticket_only(payload, sizeof payload, ticket_id), NULL);
    expect(asha, "ticket.resolve", ticket_only(payload, sizeof payload, ticket_id),
           "invalid_transition");
    const int64_t resolved = T0 + 10 * MIN;
    cJSON *t = pulled_ticket(asha, ticket_id);
    ck_assert_str_eq(str(t, "status"), "resolved");
    ck_assert_int_eq(num(t, "resolved_at_ms"), resolved);
    ck_assert_int_eq(num(t, "reopen_until_ms"), resolved + 7 * DAY);
    /* Normal Washroom: 60 business minutes; resolved after 10. */
    ck_assert_str_eq(str(field(t, "sla"), "outcome"), "met");
    const cJSON *last = cJSON_GetArrayItem(field(t, "timeline"), 1);
    ck_assert_str_eq(str(last, "type"), "status");
    ck_assert_str_eq(str(last, "from"), "open");
    ck_assert_str_eq(str(last, "to"), "resolved");
    cJSON_Delete(t);

    /* Six days later: reopened (no assignee: open), the outcome cleared. */
    advance_clock(6 * DAY);
    expect(asha, "ticket.reopen", ticket_only(payload, sizeof payload, ticket_id), NULL);
    t = pulled_ticket(asha, ticket_id);
    ck_assert_str_eq(str(t, "status"), "open");
    ck_assert(cJSON_IsNull(field(t, "resolved_at_ms")) &&
              cJSON_IsNull(field(t, "reopen_until_ms")));
    ck_assert(cJSON_IsNull(field(field(t, "sla"), "outcome")));
    cJSON_Delete(t);

    /* Resolved again (now past the resolution target: breached); 7 days later it closes. */
    advance_clock(MIN);
    expect(asha, "ticket.resolve", ticket_only(payload, sizeof payload, ticket_id), NULL);
    const int64_t resolved_again = resolved + 6 * DAY + MIN;
    advance_clock(7 * DAY - 1);
    t = pulled_ticket(asha, ticket_id);
    ck_assert_str_eq(str(t, "status"), "resolved");
    ck_assert_str_eq(str(field(t, "sla"), "outcome"), "breached");
    cJSON_Delete(t);
    advance_clock(1);
    t = pulled_ticket(asha, ticket_id);
    ck_assert_str_eq(str(t, "status"), "closed");
    ck_assert_int_eq(num(t, "closed_at_ms"), resolved_again + 7 * DAY);
    ck_assert_int_eq(num(t, "resolved_at_ms"), resolved_again);
    ck_assert_str_eq(str(field(t, "sla"), "outcome"), "breached");
    const cJSON *timeline = field(t, "timeline");
    last = cJSON_GetArrayItem(timeline, cJSON_GetArraySize(timeline) - 1);
    ck_assert_str_eq(str(field(last, "author"), "role"), "system");
    ck_assert_str_eq(str(last, "to"), "closed");
    cJSON_Delete(t);
    expect(asha, "ticket.reopen", ticket_only(payload, sizeof payload, ticket_id),
           "reopen_window_passed");
    expect(asha, "ticket.resolve", ticket_only(payload, sizeof payload, ticket_id),
           "invalid_transition");
    expect(asha, "ticket.comment",
           comment(payload, sizeof payload, ticket_id, id_of(cid, "cmt_", 30), "hello?", "[]"),
           "ticket_closed");

    /* One notification per event, each pushed to both devices with the ticket's link. */
    char titles[1024];
    ticket_notifications(asha, ticket_id, titles, sizeof titles);
    ck_assert_str_eq(titles, "T-1001 received: Washroom|T-1001 resolved: Washroom|T-1001 reopened:"
                             " Washroom|T-1001 resolved: Washroom|T-1001 closed: Washroom");
    cJSON *list = pushes(ASHA);
    char link[96];
    snprintf(link, sizeof link, "membercore://tickets/%s", ticket_id);
    /* The ticket's only: moving the clock 7 days also reminds Asha of her events. */
    for (int i = cJSON_GetArraySize(list) - 1; i >= 0; i--)
        if (strcmp(str(cJSON_GetArrayItem(list, i), "deep_link"), link) != 0)
            cJSON_DeleteItemFromArray(list, i);
    ck_assert_int_eq(cJSON_GetArraySize(list), 10);
    const cJSON *p;
    int to_first = 0;
    cJSON_ArrayForEach(p, list)
    {
        ck_assert_str_eq(str(p, "deep_link"), link);
        ck_assert_str_eq(str(p, "provider"), "fcm");
        to_first += strcmp(str(p, "token"), "fcm-token-1") == 0;
    }
    ck_assert_int_eq(to_first, 5);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 9), "title"), "T-1001 closed: Washroom");
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 9), "body"),
                     "It closed 7 days after it was resolved.");
    cJSON_Delete(list);
    /* Vikram registered no device: his pushes stay empty. */
    list = pushes(VIKRAM);
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);
    free(vikram);
    free(asha);
}
END_TEST

/* The same mutation pushed twice is one ticket (one number, one notification). */
START_TEST(test_the_same_filing_twice_is_one_ticket)
{
    char *asha = token_for(ASHA);
    char ticket_id[40], payload[1024];
    id_of(ticket_id, "tkt_", 40);
    filing(payload, sizeof payload, ticket_id, "BLR-1", "it.wifi", "normal", "Wi-Fi drops", "null",
           "[]");
    cJSON *first = push(asha, "c-once", 1, "once-1", "ticket.create", payload);
    cJSON *again = push(asha, "c-once", 1, "once-1", "ticket.create", payload);
    ck_assert_str_eq(str(first, "status"), "applied");
    ck_assert_str_eq(str(again, "status"), "applied");
    ck_assert(cJSON_IsTrue(field(again, "replayed")));
    cJSON_Delete(first);
    cJSON_Delete(again);
    cJSON *state = pull_all(asha);
    int tickets = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state) tickets += strncmp(e->string, "ticket/", 7) == 0;
    ck_assert_int_eq(tickets, 1);
    cJSON_Delete(state);
    char titles[256];
    ticket_notifications(asha, ticket_id, titles, sizeof titles);
    ck_assert_str_eq(titles, "T-1001 received: Wi-Fi");
    /* The next filing is T-1002: the replay took no number. */
    char next[40];
    file_simple(asha, 41, next);
    cJSON *t = pulled_ticket(asha, next);
    ck_assert_str_eq(str(t, "number"), "T-1002");
    cJSON_Delete(t);
    free(asha);
}
END_TEST

static Suite *tickets_suite(void)
{
    Suite *s = suite_create("stub_tickets");
    TCase *tc = tcase_create("tickets");
    tcase_add_checked_fixture(tc, ticket_setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_a_filed_ticket_is_pulled_with_its_number_and_sla);
    tcase_add_test(tc, test_the_sla_counts_business_hours);
    tcase_add_test(tc, test_the_category_tree_is_pulled);
    tcase_add_test(tc, test_create_refusals);
    tcase_add_test(tc, test_comments_and_another_members_ticket);
    tcase_add_test(tc, test_resolve_reopen_and_close);
    tcase_add_test(tc, test_the_same_filing_twice_is_one_ticket);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tickets_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
