/*
 * tests/stub/test_stub_sync.c - memberstub's sync protocol over real HTTP (docs/sync-protocol.md):
 * snapshot paging to the head, incremental pulls, visibility, tombstones, cursor resets, push
 * (applied, rejected, repeated, malformed), acked_mutation_id, and every kind of injected fault,
 * down to exactly-once and convergence under random faults. Each test runs its own memberstub
 * (fresh database, test mode, server clock at T0) and requires it to exit cleanly (status 0).
 */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "stub_process.h"
#include "stub_test_util.h"

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define OLIVIA "+447700900001"

#define ASHA_ID   "usr_5eed000000000001"
#define VIKRAM_ID "usr_5eed000000000002"

/* ---- helpers ---------------------------------------------------------------------------- */

static void call_ok(const char *method, const char *path, const char *body, const char *bearer,
                    int expect)
{
    cJSON_Delete(call(method, path, body, bearer, expect));
}

static bool flag(const cJSON *o, const char *key)
{
    const cJSON *f = field(o, key);
    ck_assert_msg(cJSON_IsBool(f), "field '%s' is not a boolean", key);
    return cJSON_IsTrue(f);
}

static void faults(const char *config)
{
    call_ok("POST", "/v1/test/faults", config, NULL, 200);
}

/* GET /v1/sync/pull; the cursor may be NULL or "" (a fresh snapshot), limit 0 = default. */
static void pull_path(char *out, size_t cap, const char *client, const char *cursor, int limit)
{
    int n = snprintf(out, cap, "/v1/sync/pull?client_id=%s", client);
    if (cursor && cursor[0])
        n += snprintf(out + n, cap - (size_t)n, "&cursor=%s", cursor);
    if (limit > 0)
        snprintf(out + n, cap - (size_t)n, "&limit=%d", limit);
}

static cJSON *pull(const char *token, const char *client, const char *cursor, int limit, int expect)
{
    char path[512];
    pull_path(path, sizeof path, client, cursor, limit);
    return call("GET", path, NULL, token, expect);
}

/* The data object of an upsert: memberstub sends it as text in "data_json". */
static cJSON *change_data(const cJSON *c)
{
    ck_assert_msg(!cJSON_HasObjectItem(c, "data"), "memberstub sends data_json, not data");
    cJSON *data = cJSON_Parse(str(c, "data_json"));
    ck_assert_msg(cJSON_IsObject(data), "data_json is not a JSON object's text");
    return data;
}

/* The state a client builds from pulls: an object keyed "kind/id" -> data. */
static void apply_page(cJSON *state, const cJSON *page)
{
    const cJSON *changes = field(page, "changes");
    ck_assert(cJSON_IsArray(changes));
    const cJSON *c;
    cJSON_ArrayForEach(c, changes)
    {
        char key[160];
        snprintf(key, sizeof key, "%s/%s", str(c, "kind"), str(c, "id"));
        const char *op = str(c, "op");
        cJSON_DeleteItemFromObjectCaseSensitive(state, key);
        if (strcmp(op, "upsert") == 0) {
            cJSON_AddItemToObject(state, key, change_data(c));
        } else {
            ck_assert_str_eq(op, "delete");
            ck_assert_msg(!cJSON_HasObjectItem(c, "data") && !cJSON_HasObjectItem(c, "data_json"),
                          "a delete carries no data");
        }
    }
}

/*
 * Pull from *cursor (in/out, "" = a fresh snapshot) until has_more is false,
 * applying every page to state. Asserts pages hold at most limit changes.
 * Returns the number of pages; *acked the last page's acked_mutation_id.
 */
static int pull_to_head(const char *token, const char *client, char *cursor, size_t cap, int limit,
                        cJSON *state, int64_t *acked)
{
    int pages = 0;
    for (;;) {
        cJSON *page = pull(token, client, cursor, limit, 200);
        pages++;
        ck_assert_int_le(cJSON_GetArraySize(field(page, "changes")), limit > 0 ? limit : 500);
        apply_page(state, page);
        snprintf(cursor, cap, "%s", str(page, "cursor"));
        if (acked)
            *acked = num(page, "acked_mutation_id");
        bool more = flag(page, "has_more");
        cJSON_Delete(page);
        if (!more)
            return pages;
        ck_assert_int_lt(pages, 10000);
    }
}

/* GET /v1/test/sync/view for phone as an object keyed "kind/id" -> data. */
static cJSON *view(const char *phone)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sync/view?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *state = cJSON_CreateObject();
    const cJSON *e;
    cJSON_ArrayForEach(e, field(answer, "entities"))
    {
        char key[160];
        snprintf(key, sizeof key, "%s/%s", str(e, "kind"), str(e, "id"));
        ck_assert_msg(!cJSON_HasObjectItem(state, key), "the view lists %s twice", key);
        cJSON_AddItemToObject(state, key, cJSON_Duplicate(field(e, "data"), true));
    }
    cJSON_Delete(answer);
    return state;
}

/* Both states hold the same entities with equal data. */
static void assert_same_state(const cJSON *got, const cJSON *want)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, want)
    {
        const cJSON *other = cJSON_GetObjectItemCaseSensitive(got, e->string);
        ck_assert_msg(other != NULL, "missing entity %s", e->string);
        if (!cJSON_Compare(e, other, true)) {
            char *a = cJSON_PrintUnformatted(e), *b = cJSON_PrintUnformatted(other);
            char msg[1024];
            snprintf(msg, sizeof msg, "%s differs: want %s, got %s", e->string, a, b);
            free(a);
            free(b);
            ck_abort_msg("%s", msg);
        }
    }
    cJSON_ArrayForEach(e, got)
    {
        ck_assert_msg(cJSON_HasObjectItem(want, e->string), "unexpected entity %s", e->string);
    }
}

static bool has(const cJSON *state, const char *key)
{
    return cJSON_HasObjectItem(state, key);
}

/* Count of the state's entities whose key starts with prefix. */
static int count_prefix(const cJSON *state, const char *prefix)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, prefix, strlen(prefix)) == 0)
            n++;
    }
    return n;
}

/* One mutation as JSON text into out. */
static const char *mutation(char *out, size_t cap, int64_t id, const char *key, const char *kind,
                            const char *payload)
{
    int n = snprintf(out, cap,
                     "{\"mutation_id\": %" PRId64 ", \"idempotency_key\": \"%s\","
                     " \"kind\": \"%s\", \"payload\": %s}",
                     id, key, kind, payload);
    ck_assert(n > 0 && (size_t)n < cap);
    return out;
}

static const char *rsvp(char *out, size_t cap, int64_t id, const char *key, const char *event,
                        const char *status)
{
    char payload[160];
    snprintf(payload, sizeof payload, "{\"event_id\": \"%s\", \"status\": \"%s\"}", event, status);
    return mutation(out, cap, id, key, "rsvp.set", payload);
}

static const char *read_ntf(char *out, size_t cap, int64_t id, const char *key, const char *ntf)
{
    char payload[160];
    snprintf(payload, sizeof payload, "{\"notification_id\": \"%s\"}", ntf);
    return mutation(out, cap, id, key, "notification.read", payload);
}

/* The push body for client with the given mutations (JSON texts). */
static char *push_body(const char *client, const char *const *mutations, int n)
{
    size_t cap = 256;
    for (int i = 0; i < n; i++)
        cap += strlen(mutations[i]) + 2;
    char *body = malloc(cap);
    ck_assert_ptr_nonnull(body);
    size_t used = (size_t)snprintf(body, cap, "{\"client_id\": \"%s\", \"mutations\": [", client);
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(body + used, cap - used, "%s%s", i ? ", " : "", mutations[i]);
    snprintf(body + used, cap - used, "]}");
    return body;
}

static cJSON *push(const char *token, const char *client, const char *const *mutations, int n)
{
    char *body = push_body(client, mutations, n);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    free(body);
    ck_assert_int_eq(cJSON_GetArraySize(field(answer, "results")), n);
    return answer;
}

/* Push one mutation and return its result's status ("applied"/"rejected") and code. */
static void push_one(const char *token, const char *client, const char *m, const char *status,
                     const char *code)
{
    cJSON *answer = push(token, client, &m, 1);
    const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
    ck_assert_str_eq(str(r, "status"), status);
    if (code)
        ck_assert_str_eq(str(r, "code"), code);
    else
        ck_assert(cJSON_IsNull(field(r, "code")));
    cJSON_Delete(answer);
}

/* How many times the effect of key was applied (GET /v1/test/effects). */
static int64_t effect_count(const char *key)
{
    cJSON *e = call("GET", "/v1/test/effects", NULL, NULL, 200);
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(field(e, "keys"), key);
    int64_t count = cJSON_IsNumber(n) ? (int64_t)n->valuedouble : 0;
    cJSON_Delete(e);
    return count;
}

static int64_t effects_total(const char *client)
{
    char path[128] = "/v1/test/effects";
    if (client)
        snprintf(path, sizeof path, "/v1/test/effects?client_id=%s", client);
    cJSON *e = call("GET", path, NULL, NULL, 200);
    int64_t total = num(e, "total");
    cJSON_Delete(e);
    return total;
}

/* The data of one entity of phone's view (caller deletes), asserting it exists. */
static cJSON *entity(const char *phone, const char *key)
{
    cJSON *v = view(phone);
    cJSON *e = cJSON_DetachItemFromObjectCaseSensitive(v, key);
    cJSON_Delete(v);
    ck_assert_msg(e != NULL, "%s sees no %s", phone, key);
    return e;
}

static int64_t going_count(const char *event)
{
    char key[96];
    snprintf(key, sizeof key, "event/%s", event);
    cJSON *e = entity(ASHA, key);
    int64_t n = num(e, "going_count");
    cJSON_Delete(e);
    return n;
}

/* POST /v1/test/events: a new event in building with capacity; its id into id. */
static void create_event(const char *building, int capacity, char *id, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"building_id\": \"%s\", \"title\": \"Pop-up talk\", \"starts_at_ms\": %lld,"
             " \"ends_at_ms\": %lld, \"capacity\": %d}",
             building, T0 + 86400000LL, T0 + 90000000LL, capacity);
    cJSON *answer = call("POST", "/v1/test/events", body, NULL, 200);
    snprintf(id, cap, "%s", str(field(answer, "event"), "id"));
    cJSON_Delete(answer);
}

/* POST /v1/test/notifications for phone; its id into id. */
static void create_notification(const char *phone, const char *title, char *id, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"phone\": \"%s\", \"category\": \"bookings\", \"title\": \"%s\","
             " \"body\": \"Someone is waiting at the front desk.\"}",
             phone, title);
    cJSON *answer = call("POST", "/v1/test/notifications", body, NULL, 200);
    snprintf(id, cap, "%s", str(field(answer, "notification"), "id"));
    cJSON_Delete(answer);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- snapshot --------------------------------------------------------------------------- */

/* Paging a snapshot (any page size) reaches the head and holds exactly the view's entities. */
START_TEST(test_snapshot_pages_reach_the_head_and_equal_the_view)
{
    char *asha = token_for(ASHA);
    cJSON *want = view(ASHA);
    static const int limits[] = {1, 4, 7, 500, 5000};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        char cursor[512] = "";
        cJSON *state = cJSON_CreateObject();
        int pages = pull_to_head(asha, "c1", cursor, sizeof cursor, limits[i], state, NULL);
        assert_same_state(state, want);
        int n = cJSON_GetArraySize(want);
        /* Full pages, then one that reaches the head (no trailing empty page). */
        ck_assert_int_eq(pages, limits[i] >= n ? 1 : (n + limits[i] - 1) / limits[i]);
        cJSON_Delete(state);
    }
    /* The seed as the contract describes it. */
    ck_assert(has(want, "profile/" ASHA_ID));
    ck_assert(has(want, "company/ACME"));
    ck_assert_int_eq(count_prefix(want, "building/"), 3);
    ck_assert_int_eq(count_prefix(want, "room/"), 9);
    ck_assert_int_eq(count_prefix(want, "reservation/"), 2);
    ck_assert_int_eq(count_prefix(want, "event/"), 5);
    ck_assert_int_eq(count_prefix(want, "rsvp/"), 1);
    /* Asha's five seeded and her Focus Room's "Payment confirmed". */
    ck_assert_int_eq(count_prefix(want, "notification/"), 6);
    const cJSON *ntf = field(want, "notification/ntf_5eed000000000101");
    ck_assert_str_eq(str(ntf, "title"), "Visitor waiting at reception");
    ck_assert_str_eq(str(ntf, "category"), "bookings");
    ck_assert(!flag(ntf, "read"));
    const cJSON *fireside = field(want, "event/EVT-BLR-FIRESIDE");
    ck_assert_int_eq(num(fireside, "capacity"), 2);
    ck_assert_int_eq(num(fireside, "going_count"), 1);
    ck_assert_int_eq(num(field(want, "company/ACME"), "credit_balance"), 188);
    const cJSON *blr = field(want, "building/BLR-1");
    ck_assert_int_eq(cJSON_GetArraySize(field(blr, "hours")), 6);
    ck_assert_int_eq(num(blr, "day_pass_price_paise"), 80000);
    const cJSON *board = field(want, "room/BLR-1-BOARD");
    ck_assert_int_eq(num(board, "capacity"), 12);
    ck_assert_int_eq(cJSON_GetArraySize(field(board, "amenities")), 3);
    cJSON_Delete(want);
    free(asha);
}
END_TEST

/* The first page of a snapshot says how many entities it holds; later pages do not. */
START_TEST(test_snapshot_total_is_on_the_first_page_only)
{
    char *asha = token_for(ASHA);
    cJSON *want = view(ASHA);
    cJSON *first = pull(asha, "c1", NULL, 5, 200);
    ck_assert_int_eq(num(first, "snapshot_total"), cJSON_GetArraySize(want));
    ck_assert(flag(first, "has_more"));
    ck_assert_int_eq(num(first, "acked_mutation_id"), 0);
    cJSON *second = pull(asha, "c1", str(first, "cursor"), 5, 200);
    ck_assert(!cJSON_HasObjectItem(second, "snapshot_total"));
    cJSON_Delete(second);
    cJSON_Delete(first);
    cJSON_Delete(want);
    free(asha);
}
END_TEST

/* Changes made while a snapshot is being paged still end in the server's state. */
START_TEST(test_snapshot_converges_despite_changes_while_paging)
{
    char *asha = token_for(ASHA);
    char cursor[512] = "", id[64], m[256];
    cJSON *state = cJSON_CreateObject();
    cJSON *page = pull(asha, "c1", NULL, 6, 200);
    apply_page(state, page);
    snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
    cJSON_Delete(page);
    /* Behind the keyset (a new building-sorted-first event), ahead of it, and deletions. */
    create_event("BLR-1", 10, id, sizeof id);
    create_notification(ASHA, "Parcel at reception", id, sizeof id);
    call_ok("DELETE", "/v1/test/notifications/ntf_5eed000000000105", NULL, NULL, 204);
    push_one(asha, "c1", rsvp(m, sizeof m, 1, "k1", "EVT-BLR-DIWALI", "going"), "applied", NULL);
    push_one(asha, "c1", read_ntf(m, sizeof m, 2, "k2", "ntf_5eed000000000101"), "applied", NULL);
    pull_to_head(asha, "c1", cursor, sizeof cursor, 6, state, NULL);
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* Pull checks its parameters and needs a session. */
START_TEST(test_pull_checks_its_parameters)
{
    char *asha = token_for(ASHA);
    check_error("GET", "/v1/sync/pull", NULL, asha, 400, "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=", NULL, asha, 400, "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=a%20b", NULL, asha, 400, "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=c1&limit=0", NULL, asha, 400, "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=c1&limit=5001", NULL, asha, 400,
                "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=c1&limit=ten", NULL, asha, 400, "invalid_argument");
    check_error("GET", "/v1/sync/pull?client_id=c1", NULL, NULL, 401, "unauthorized");
    check_error("GET", "/v1/sync/pull?client_id=c1", NULL, "mcs_nope", 401, "unauthorized");
    call_ok("GET", "/v1/sync/pull?client_id=c1&limit=5000", NULL, asha, 200);
    call_ok("GET", "/v1/sync/pull?client_id=c1&cursor=", NULL, asha, 200);
    free(asha);
}
END_TEST

/* ---- incremental pulls ------------------------------------------------------------------ */

/* After the head, a pull carries exactly the new changes; with none, an empty page. */
START_TEST(test_incremental_pull_carries_new_changes)
{
    char *asha = token_for(ASHA);
    char cursor[512] = "", event[64], ntf[64];
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);

    cJSON *empty = pull(asha, "c1", cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(empty, "changes")), 0);
    ck_assert(!flag(empty, "has_more"));
    ck_assert_str_eq(str(empty, "cursor"), cursor); /* nothing new: the same position */
    cJSON_Delete(empty);

    create_event("MUM-1", 30, event, sizeof event);
    create_notification(ASHA, "Visitor waiting at reception", ntf, sizeof ntf);
    cJSON *page = pull(asha, "c1", cursor, 0, 200);
    const cJSON *changes = field(page, "changes");
    ck_assert_int_eq(cJSON_GetArraySize(changes), 2);
    const cJSON *c0 = cJSON_GetArrayItem(changes, 0), *c1 = cJSON_GetArrayItem(changes, 1);
    ck_assert_str_eq(str(c0, "kind"), "event");
    ck_assert_str_eq(str(c0, "id"), event);
    ck_assert_str_eq(str(c0, "op"), "upsert");
    ck_assert_str_eq(str(c1, "kind"), "notification");
    ck_assert_str_eq(str(c1, "id"), ntf);
    cJSON *ntf_data = change_data(c1);
    ck_assert_int_eq(num(ntf_data, "created_at_ms"), T0);
    ck_assert(!flag(ntf_data, "read"));
    cJSON_Delete(ntf_data);
    ck_assert(!flag(page, "has_more"));
    apply_page(state, page);
    snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
    cJSON_Delete(page);
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* The change log is paged too: has_more until the head. */
START_TEST(test_incremental_pull_pages_the_change_log)
{
    char *asha = token_for(ASHA);
    char cursor[512] = "", id[64];
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    for (int i = 0; i < 7; i++)
        create_event("LON-1", 5 + i, id, sizeof id);
    static const int sizes[] = {3, 3, 1};
    for (int p = 0; p < 3; p++) {
        cJSON *page = pull(asha, "c1", cursor, 3, 200);
        ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), sizes[p]);
        ck_assert(flag(page, "has_more") == (p < 2));
        snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
        apply_page(state, page);
        cJSON_Delete(page);
    }
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* Sign-up, profile completion and intent are profile changes in the user's pulls. */
START_TEST(test_profile_writes_are_in_the_change_log)
{
    char *meera = token_for("+919876543210");
    char cursor[512] = "";
    cJSON *state = cJSON_CreateObject();
    pull_to_head(meera, "c1", cursor, sizeof cursor, 0, state, NULL);
    ck_assert_int_eq(count_prefix(state, "profile/"), 1);

    call_ok("PUT", "/v1/me/profile",
            "{\"name\": \"Meera Iyer\", \"email\": \"meera@example.com\","
            " \"company\": \"Iyer Labs\", \"city\": \"Chennai\"}",
            meera, 200);
    cJSON *page = pull(meera, "c1", cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 1);
    const cJSON *c = cJSON_GetArrayItem(field(page, "changes"), 0);
    ck_assert_str_eq(str(c, "kind"), "profile");
    cJSON *profile_data = change_data(c);
    ck_assert_str_eq(str(profile_data, "name"), "Meera Iyer");
    ck_assert(!cJSON_IsNull(field(profile_data, "lead")));
    cJSON_Delete(profile_data);
    apply_page(state, page);
    snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
    cJSON_Delete(page);

    call_ok("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", meera, 200);
    page = pull(meera, "c1", cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 1);
    apply_page(state, page);
    cJSON_Delete(page);
    cJSON *want = view("+919876543210");
    assert_same_state(state, want);
    /* The profile in the pull is the /v1/me user. */
    cJSON *me = call("GET", "/v1/me", NULL, meera, 200);
    const cJSON *profile = cJSON_GetArrayItem(want, 0);
    ck_assert(cJSON_Compare(field(me, "user"), profile, true));
    cJSON_Delete(me);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(meera);
}
END_TEST

/* ---- visibility ------------------------------------------------------------------------- */

/* Vikram never sees Asha's notifications or RSVPs, in the snapshot or in later changes. */
START_TEST(test_vikram_never_sees_ashas_notifications_or_rsvps)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char cursor[512] = "", ntf[64], m[256];
    cJSON *state = cJSON_CreateObject();
    pull_to_head(vikram, "v1", cursor, sizeof cursor, 0, state, NULL);
    ck_assert_int_eq(count_prefix(state, "notification/"), 3);
    ck_assert_int_eq(count_prefix(state, "notification/ntf_5eed0000000001"), 0);
    ck_assert_int_eq(count_prefix(state, "rsvp/"), 0);
    ck_assert_int_eq(count_prefix(state, "reservation/"), 0);
    ck_assert(has(state, "company/ACME"));
    ck_assert(!has(state, "profile/" ASHA_ID));

    /* Asha's changes: only the event's going_count reaches Vikram. */
    push_one(asha, "a1", rsvp(m, sizeof m, 1, "k1", "EVT-BLR-DIWALI", "going"), "applied", NULL);
    push_one(asha, "a1", read_ntf(m, sizeof m, 2, "k2", "ntf_5eed000000000101"), "applied", NULL);
    create_notification(ASHA, "Visitor waiting at reception", ntf, sizeof ntf);
    cJSON *page = pull(vikram, "v1", cursor, 0, 200);
    const cJSON *changes = field(page, "changes");
    ck_assert_int_eq(cJSON_GetArraySize(changes), 1);
    const cJSON *c = cJSON_GetArrayItem(changes, 0);
    ck_assert_str_eq(str(c, "kind"), "event");
    cJSON *event_data = change_data(c);
    ck_assert_int_eq(num(event_data, "going_count"), 1);
    cJSON_Delete(event_data);
    apply_page(state, page);
    cJSON_Delete(page);
    cJSON *want = view(VIKRAM);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
    free(vikram);
}
END_TEST

/* Everyone sees events; a company is seen only by its members. */
START_TEST(test_everyone_sees_events_and_members_their_company)
{
    static const char *phones[] = {ASHA, VIKRAM, OLIVIA, "+919876543210"};
    char *tokens[4], cursors[4][512], event[64];
    cJSON *states[4];
    for (int i = 0; i < 4; i++) {
        tokens[i] = token_for(phones[i]);
        cursors[i][0] = '\0';
        states[i] = cJSON_CreateObject();
        pull_to_head(tokens[i], "c1", cursors[i], sizeof cursors[i], 0, states[i], NULL);
    }
    ck_assert(has(states[0], "company/ACME") && !has(states[0], "company/HART"));
    ck_assert(has(states[1], "company/ACME"));
    ck_assert(has(states[2], "company/HART") && !has(states[2], "company/ACME"));
    ck_assert_int_eq(count_prefix(states[3], "company/"), 0);
    /* A new user: the public catalogue and their own profile, nothing personal of others. */
    ck_assert_int_eq(count_prefix(states[3], "notification/"), 0);
    ck_assert_int_eq(count_prefix(states[3], "reservation/"), 0);
    ck_assert_int_eq(count_prefix(states[3], "profile/"), 1);
    ck_assert_int_eq(count_prefix(states[3], "event/"), 5);

    create_event("LON-1", 12, event, sizeof event);
    char key[96];
    snprintf(key, sizeof key, "event/%s", event);
    for (int i = 0; i < 4; i++) {
        pull_to_head(tokens[i], "c1", cursors[i], sizeof cursors[i], 0, states[i], NULL);
        ck_assert_msg(has(states[i], key), "%s does not see the new event", phones[i]);
        cJSON *want = view(phones[i]);
        assert_same_state(states[i], want);
        cJSON_Delete(want);
        cJSON_Delete(states[i]);
        free(tokens[i]);
    }
}
END_TEST

/* A deleted notification is a tombstone in its owner's next pull. */
START_TEST(test_deleted_notification_is_a_tombstone)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char cursor[512] = "", vikram_cursor[512] = "";
    cJSON *state = cJSON_CreateObject(), *vikram_state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    pull_to_head(vikram, "c1", vikram_cursor, sizeof vikram_cursor, 0, vikram_state, NULL);
    ck_assert(has(state, "notification/ntf_5eed000000000103"));
    call_ok("DELETE", "/v1/test/notifications/ntf_5eed000000000103", NULL, NULL, 204);
    check_error("DELETE", "/v1/test/notifications/ntf_5eed000000000103", NULL, NULL, 404,
                "not_found");
    check_error("DELETE", "/v1/test/notifications/", NULL, NULL, 404, "not_found");

    cJSON *page = pull(asha, "c1", cursor, 0, 200);
    const cJSON *c = cJSON_GetArrayItem(field(page, "changes"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 1);
    ck_assert_str_eq(str(c, "kind"), "notification");
    ck_assert_str_eq(str(c, "id"), "ntf_5eed000000000103");
    ck_assert_str_eq(str(c, "op"), "delete");
    apply_page(state, page);
    cJSON_Delete(page);
    ck_assert(!has(state, "notification/ntf_5eed000000000103"));
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    /* Nobody else's pull carries the tombstone. */
    page = pull(vikram, "c1", vikram_cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 0);
    cJSON_Delete(page);
    cJSON_Delete(vikram_state);
    cJSON_Delete(state);
    free(vikram);
    free(asha);
}
END_TEST

/* ---- cursor resets ---------------------------------------------------------------------- */

static void expect_reset(const char *token, const char *cursor)
{
    char path[512];
    pull_path(path, sizeof path, "c1", cursor, 0);
    check_error("GET", path, NULL, token, 410, "cursor_reset");
}

/* Compaction refuses every earlier cursor (snapshot or log); a fresh snapshot works again. */
START_TEST(test_compaction_resets_older_cursors)
{
    char *asha = token_for(ASHA);
    char head[512] = "", event[64];
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", head, sizeof head, 0, state, NULL);
    cJSON *mid = pull(asha, "c1", NULL, 3, 200); /* a snapshot still being paged */
    create_event("BLR-1", 3, event, sizeof event);
    cJSON *compacted = call("POST", "/v1/test/sync/compact", NULL, NULL, 200);
    ck_assert_int_ge(num(compacted, "deleted"), 1);
    cJSON_Delete(compacted);

    expect_reset(asha, head);
    expect_reset(asha, str(mid, "cursor"));
    cJSON_Delete(mid);

    /* The reset path: wipe, snapshot again, converge; the new cursor works. */
    cJSON_Delete(state);
    state = cJSON_CreateObject();
    head[0] = '\0';
    pull_to_head(asha, "c1", head, sizeof head, 4, state, NULL);
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    call_ok("GET", "/v1/sync/pull?client_id=c1", NULL, asha, 200);
    char path[512];
    pull_path(path, sizeof path, "c1", head, 0);
    call_ok("GET", path, NULL, asha, 200);
    /* Compacting even with nothing new refuses the cursors issued before. */
    call_ok("POST", "/v1/test/sync/compact", NULL, NULL, 200);
    expect_reset(asha, head);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* A new dataset epoch refuses every cursor. */
START_TEST(test_new_epoch_resets_every_cursor)
{
    char *asha = token_for(ASHA);
    char head[512] = "";
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", head, sizeof head, 0, state, NULL);
    cJSON *mid = pull(asha, "c1", NULL, 2, 200);
    cJSON *epoch = call("POST", "/v1/test/sync/epoch", NULL, NULL, 200);
    ck_assert(strncmp(str(epoch, "epoch"), "ep_", 3) == 0);
    cJSON_Delete(epoch);
    expect_reset(asha, head);
    expect_reset(asha, str(mid, "cursor"));
    cJSON_Delete(mid);
    cJSON_Delete(state);
    state = cJSON_CreateObject();
    head[0] = '\0';
    pull_to_head(asha, "c1", head, sizeof head, 0, state, NULL);
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* base64url without padding, for crafting cursors. */
static void b64url(const char *in, char *out)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t len = strlen(in), o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)(unsigned char)in[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)(unsigned char)in[i + 1] << 8;
        if (i + 2 < len)
            v |= (unsigned char)in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (i + 1 < len)
            out[o++] = alphabet[(v >> 6) & 63];
        if (i + 2 < len)
            out[o++] = alphabet[v & 63];
    }
    out[o] = '\0';
}

/* Garbled cursors, cursors from the future and from another server are all cursor_reset. */
START_TEST(test_garbled_or_foreign_cursors_are_reset)
{
    char *asha = token_for(ASHA);
    expect_reset(asha, "garbage");
    expect_reset(asha, "djF8");   /* "v1|" */
    expect_reset(asha, "%2B%2F"); /* not base64url */
    expect_reset(asha, "dj");     /* base64url of nothing useful */
    cJSON *epoch = call("POST", "/v1/test/sync/epoch", NULL, NULL, 200);
    char raw[128], crafted[256];
    snprintf(raw, sizeof raw, "v1|%s|l|999999", str(epoch, "epoch"));
    b64url(raw, crafted);
    expect_reset(asha, crafted); /* past the head */
    snprintf(raw, sizeof raw, "v1|%s|s|0|99|", str(epoch, "epoch"));
    b64url(raw, crafted);
    expect_reset(asha, crafted); /* no such kind */
    snprintf(raw, sizeof raw, "v1|%s|l|0", str(epoch, "epoch"));
    b64url(raw, crafted);
    call_ok("GET", "/v1/sync/pull?client_id=c1&cursor=", NULL, asha, 200);
    char path[512];
    pull_path(path, sizeof path, "c1", crafted, 0);
    call_ok("GET", path, NULL, asha, 200); /* well-formed and current: served */
    cJSON_Delete(epoch);

    /* Another server's cursor names another epoch. */
    stub_process *other = stub_start(true);
    ck_assert_ptr_nonnull(other);
    char *answer = NULL, token[128];
    ck_assert_int_eq(stub_sign_in(other, ASHA, token, sizeof token), 0);
    ck_assert_int_eq(stub_request(other, "GET", "/v1/sync/pull?client_id=c1", NULL, token, &answer),
                     200);
    cJSON *page = cJSON_Parse(answer);
    free(answer);
    ck_assert_int_eq(stub_stop(other), 0);
    expect_reset(asha, str(page, "cursor"));
    cJSON_Delete(page);
    free(asha);
}
END_TEST

/* ---- push ------------------------------------------------------------------------------- */

/* rsvp.set: going counts once (again is applied, no double count); not_going uncounts. */
START_TEST(test_rsvp_set_updates_the_rsvp_and_going_count)
{
    char *asha = token_for(ASHA);
    char m[256], cursor[512] = "";
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 0);
    push_one(asha, "c1", rsvp(m, sizeof m, 1, "k1", "EVT-BLR-DIWALI", "going"), "applied", NULL);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 1);
    push_one(asha, "c1", rsvp(m, sizeof m, 2, "k2", "EVT-BLR-DIWALI", "going"), "applied", NULL);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 1);
    cJSON *r = entity(ASHA, "rsvp/EVT-BLR-DIWALI");
    ck_assert_str_eq(str(r, "status"), "going");
    ck_assert_str_eq(str(r, "event_id"), "EVT-BLR-DIWALI");
    cJSON_Delete(r);

    cJSON *page = pull(asha, "c1", cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 2); /* rsvp + event */
    ck_assert_int_eq(num(page, "acked_mutation_id"), 2);
    apply_page(state, page);
    snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
    cJSON_Delete(page);

    push_one(asha, "c1", rsvp(m, sizeof m, 3, "k3", "EVT-BLR-DIWALI", "not_going"), "applied",
             NULL);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 0);
    /* Not going to an event never answered: an rsvp, no count change. */
    push_one(asha, "c1", rsvp(m, sizeof m, 4, "k4", "EVT-MUM-BREAKFAST", "not_going"), "applied",
             NULL);
    ck_assert_int_eq(going_count("EVT-MUM-BREAKFAST"), 0);
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    ck_assert_str_eq(str(field(state, "rsvp/EVT-BLR-DIWALI"), "status"), "not_going");
    ck_assert_str_eq(str(field(state, "rsvp/EVT-MUM-BREAKFAST"), "status"), "not_going");
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    ck_assert_int_eq(effects_total("c1"), 4);
    free(asha);
}
END_TEST

/* Going to a full event puts the member on its waitlist (issue 13: no longer event_full); when a
 * place opens the waitlisted member is promoted to going. */
START_TEST(test_going_to_a_full_event_is_waitlisted)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char m[256];
    /* EVT-BLR-FIRESIDE: capacity 2, Priya going: one seat left. */
    push_one(asha, "a1", rsvp(m, sizeof m, 1, "ka", "EVT-BLR-FIRESIDE", "going"), "applied", NULL);
    push_one(vikram, "v1", rsvp(m, sizeof m, 1, "kv", "EVT-BLR-FIRESIDE", "going"), "applied",
             NULL);
    ck_assert_int_eq(going_count("EVT-BLR-FIRESIDE"), 2);
    ck_assert_int_eq(effect_count("ka"), 1);
    ck_assert_int_eq(effect_count("kv"), 1);
    cJSON *r = entity(VIKRAM, "rsvp/EVT-BLR-FIRESIDE");
    ck_assert_str_eq(str(r, "status"), "waitlisted");
    ck_assert_int_eq(num(r, "waitlist_position"), 1);
    cJSON_Delete(r);
    /* Asha gives her seat up; Vikram is promoted to it. */
    push_one(asha, "a1", rsvp(m, sizeof m, 2, "ka2", "EVT-BLR-FIRESIDE", "not_going"), "applied",
             NULL);
    r = entity(VIKRAM, "rsvp/EVT-BLR-FIRESIDE");
    ck_assert_str_eq(str(r, "status"), "going");
    ck_assert(cJSON_IsNull(field(r, "waitlist_position")));
    cJSON_Delete(r);
    ck_assert_int_eq(going_count("EVT-BLR-FIRESIDE"), 2);
    free(asha);
    free(vikram);
}
END_TEST

/* Unknown events, bad payloads and unknown kinds are stored rejections (not_found,
 * invalid_argument); a repeat answers the same. */
START_TEST(test_bad_mutations_are_rejected_and_stored)
{
    char *asha = token_for(ASHA);
    char m[6][256];
    const char *ms[6] = {
        rsvp(m[0], sizeof m[0], 1, "k1", "EVT-NOPE", "going"),
        rsvp(m[1], sizeof m[1], 2, "k2", "EVT-BLR-DIWALI", "maybe"),
        mutation(m[2], sizeof m[2], 3, "k3", "room.book", "{}"),
        mutation(m[3], sizeof m[3], 4, "k4", "rsvp.set", "[1]"),
        mutation(m[4], sizeof m[4], 5, "k5", "notification.read", "{\"notification_id\": 7}"),
        read_ntf(m[5], sizeof m[5], 6, "k6", "ntf_nope"),
    };
    static const char *codes[6] = {"not_found",        "invalid_argument", "invalid_argument",
                                   "invalid_argument", "invalid_argument", "not_found"};
    for (int round = 0; round < 2; round++) {
        cJSON *answer = push(asha, "c1", ms, 6);
        for (int i = 0; i < 6; i++) {
            const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), i);
            ck_assert_int_eq(num(r, "mutation_id"), i + 1);
            ck_assert_str_eq(str(r, "status"), "rejected");
            ck_assert_str_eq(str(r, "code"), codes[i]);
            ck_assert(str(r, "message")[0]);
            ck_assert(flag(r, "replayed") == (round == 1));
        }
        ck_assert_int_eq(num(answer, "last_mutation_id"), 6);
        cJSON_Delete(answer);
    }
    ck_assert_int_eq(effects_total(NULL), 0);
    free(asha);
}
END_TEST

/* notification.read marks the owner's notification; someone else's is not_found. */
START_TEST(test_notification_read_only_for_the_owner)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char m[256];
    push_one(vikram, "v1", read_ntf(m, sizeof m, 1, "kv", "ntf_5eed000000000101"), "rejected",
             "not_found");
    cJSON *n = entity(ASHA, "notification/ntf_5eed000000000101");
    ck_assert(!flag(n, "read"));
    cJSON_Delete(n);
    push_one(asha, "a1", read_ntf(m, sizeof m, 1, "ka", "ntf_5eed000000000101"), "applied", NULL);
    n = entity(ASHA, "notification/ntf_5eed000000000101");
    ck_assert(flag(n, "read"));
    cJSON_Delete(n);
    /* Reading it again is applied and changes nothing. */
    push_one(asha, "a1", read_ntf(m, sizeof m, 2, "ka2", "ntf_5eed000000000101"), "applied", NULL);
    ck_assert_int_eq(effect_count("kv"), 0);
    ck_assert_int_eq(effect_count("ka"), 1);
    free(asha);
    free(vikram);
}
END_TEST

/* A repeated idempotency key (or client + mutation id) answers the stored result, no effect. */
START_TEST(test_repeat_key_returns_the_stored_result)
{
    char *asha = token_for(ASHA);
    char m[256], cursor[512] = "";
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    push_one(asha, "c1", rsvp(m, sizeof m, 1, "key-1", "EVT-BLR-DIWALI", "going"), "applied", NULL);
    for (int i = 0; i < 3; i++) {
        const char *one = rsvp(m, sizeof m, 1, "key-1", "EVT-BLR-DIWALI", "going");
        cJSON *answer = push(asha, "c1", &one, 1);
        const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
        ck_assert_str_eq(str(r, "status"), "applied");
        ck_assert(flag(r, "replayed"));
        cJSON_Delete(answer);
    }
    /* Even with another payload: the key is what identifies the mutation. */
    push_one(asha, "c1", rsvp(m, sizeof m, 1, "key-1", "EVT-BLR-DIWALI", "not_going"), "applied",
             NULL);
    /* The same (client, mutation id) under another key is the same mutation too. */
    push_one(asha, "c1", rsvp(m, sizeof m, 1, "key-other", "EVT-BLR-DIWALI", "not_going"),
             "applied", NULL);
    ck_assert_int_eq(effect_count("key-1"), 1);
    ck_assert_int_eq(effect_count("key-other"), 0);
    ck_assert_int_eq(effects_total(NULL), 1);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 1);
    /* One rsvp change and one event change in the log, however many repeats. */
    cJSON *page = pull(asha, "c1", cursor, 0, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(page, "changes")), 2);
    cJSON_Delete(page);
    /* Another account cannot reuse the key. */
    char *vikram = token_for(VIKRAM);
    push_one(vikram, "v1", rsvp(m, sizeof m, 1, "key-1", "EVT-BLR-DIWALI", "going"), "rejected",
             "invalid_argument");
    ck_assert_int_eq(effects_total(NULL), 1);
    cJSON_Delete(state);
    free(vikram);
    free(asha);
}
END_TEST

/* A new mutation whose id is not above the client's last processed one is refused. */
START_TEST(test_mutation_ids_must_increase_per_client)
{
    char *asha = token_for(ASHA);
    char m[256];
    push_one(asha, "c1", read_ntf(m, sizeof m, 5, "k5", "ntf_5eed000000000101"), "applied", NULL);
    push_one(asha, "c1", read_ntf(m, sizeof m, 3, "k3", "ntf_5eed000000000104"), "rejected",
             "invalid_argument");
    /* Ids are per client: another install starts from 1. */
    push_one(asha, "c2", read_ntf(m, sizeof m, 1, "k1", "ntf_5eed000000000104"), "applied", NULL);
    const char *none = NULL;
    cJSON *answer = push(asha, "c1", &none, 0);
    ck_assert_int_eq(num(answer, "last_mutation_id"), 5);
    cJSON_Delete(answer);
    free(asha);
}
END_TEST

/* A mutation id past 10^15 comes back as the integer it was, not cJSON's "1.4...e+15" (which a
 * strict reader, and the contract's `type: integer`, refuse). Found by schemathesis. */
START_TEST(test_large_mutation_ids_come_back_as_integers)
{
    char *asha = token_for(ASHA);
    char m[256];
    read_ntf(m, sizeof m, 1477748751966480LL, "big", "ntf_5eed000000000101");
    const char *one = m;
    char *body = push_body("c1", &one, 1), *text = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/sync/push", body, asha, &text), 200);
    ck_assert_msg(strstr(text, "\"mutation_id\":1477748751966480,") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "\"last_mutation_id\":1477748751966480}") != NULL, "%s", text);
    free(text);
    free(body);
    cJSON *page = pull(asha, "c1", NULL, 0, 200);
    ck_assert_int_eq(num(page, "acked_mutation_id"), 1477748751966480LL);
    cJSON_Delete(page);
    free(asha);
}
END_TEST

/* A malformed envelope is a 400 and applies nothing, not even its valid mutations. */
START_TEST(test_malformed_envelopes_apply_nothing)
{
    char *asha = token_for(ASHA);
    char good[256], many[100 * 160 + 64];
    rsvp(good, sizeof good, 1, "good", "EVT-BLR-DIWALI", "going");
    char bodies[13][512];
    snprintf(bodies[0], sizeof bodies[0], "{\"mutations\": [%s]}", good);
    snprintf(bodies[1], sizeof bodies[1], "{\"client_id\": 7, \"mutations\": [%s]}", good);
    snprintf(bodies[2], sizeof bodies[2], "{\"client_id\": \"c1\", \"mutations\": {}}");
    snprintf(bodies[3], sizeof bodies[3], "{\"client_id\": \"c1\"}");
    snprintf(bodies[4], sizeof bodies[4], "{\"client_id\": \"c1\", \"mutations\": [%s, 3]}", good);
    snprintf(bodies[5], sizeof bodies[5],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"idempotency_key\": \"x\","
             " \"kind\": \"rsvp.set\", \"payload\": {}}]}",
             good);
    snprintf(bodies[6], sizeof bodies[6],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"mutation_id\": 2.5,"
             " \"idempotency_key\": \"x\"}]}",
             good);
    snprintf(bodies[7], sizeof bodies[7],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"mutation_id\": 2}]}", good);
    snprintf(bodies[8], sizeof bodies[8],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"mutation_id\": 1,"
             " \"idempotency_key\": \"other\"}]}",
             good);
    snprintf(bodies[9], sizeof bodies[9],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"mutation_id\": 2,"
             " \"idempotency_key\": \"good\"}]}",
             good);
    snprintf(bodies[10], sizeof bodies[10],
             "{\"client_id\": \"c1\", \"mutations\": [{\"mutation_id\": 0,"
             " \"idempotency_key\": \"z\"}, %s]}",
             good);
    snprintf(bodies[11], sizeof bodies[11],
             "{\"client_id\": \"c1\", \"mutations\": [%s, {\"mutation_id\": 2,"
             " \"idempotency_key\": \"has space\"}]}",
             good);
    snprintf(bodies[12], sizeof bodies[12], "{\"client_id\": \"\", \"mutations\": [%s]}", good);
    for (int i = 0; i < 13; i++)
        check_error("POST", "/v1/sync/push", bodies[i], asha, 400, "invalid_argument");
    check_error("POST", "/v1/sync/push", "[1, 2]", asha, 400, "invalid_json");
    check_error("POST", "/v1/sync/push", "{\"client_id\": ", asha, 400, "invalid_json");
    /* 101 mutations. */
    size_t used = (size_t)snprintf(many, sizeof many, "{\"client_id\": \"c1\", \"mutations\": [");
    for (int i = 1; i <= 101; i++) {
        char one[160], key[16];
        snprintf(key, sizeof key, "m%d", i);
        used += (size_t)snprintf(many + used, sizeof many - used, "%s%s", i > 1 ? "," : "",
                                 read_ntf(one, sizeof one, i, key, "ntf_5eed000000000101"));
    }
    snprintf(many + used, sizeof many - used, "]}");
    check_error("POST", "/v1/sync/push", many, asha, 400, "invalid_argument");
    check_error("POST", "/v1/sync/push", bodies[0], NULL, 401, "unauthorized");

    ck_assert_int_eq(effects_total(NULL), 0);
    ck_assert_int_eq(going_count("EVT-BLR-DIWALI"), 0);
    cJSON *n = entity(ASHA, "notification/ntf_5eed000000000101");
    ck_assert(!flag(n, "read"));
    cJSON_Delete(n);
    /* 100 is fine. */
    many[0] = '\0';
    used = (size_t)snprintf(many, sizeof many, "{\"client_id\": \"c1\", \"mutations\": [");
    for (int i = 1; i <= 100; i++) {
        char one[160], key[16];
        snprintf(key, sizeof key, "m%d", i);
        used += (size_t)snprintf(many + used, sizeof many - used, "%s%s", i > 1 ? "," : "",
                                 read_ntf(one, sizeof one, i, key, "ntf_5eed000000000101"));
    }
    snprintf(many + used, sizeof many - used, "]}");
    cJSON *answer = call("POST", "/v1/sync/push", many, asha, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(answer, "results")), 100);
    ck_assert_int_eq(num(answer, "last_mutation_id"), 100);
    cJSON_Delete(answer);
    ck_assert_int_eq(effects_total("c1"), 100);
    free(asha);
}
END_TEST

typedef struct racer {
    const char *token;
    const char *client;
    char body[512];
    pthread_barrier_t *start;
    char status[16];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    char *answer = NULL;
    pthread_barrier_wait(r->start);
    if (stub_request(stub, "POST", "/v1/sync/push", r->body, r->token, &answer) == 200) {
        cJSON *json = cJSON_Parse(answer);
        const cJSON *s = cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(json, "results"), 0), "status");
        if (cJSON_IsString(s))
            snprintf(r->status, sizeof r->status, "%s", s->valuestring);
        cJSON_Delete(json);
    }
    free(answer);
    return NULL;
}

/* Two members racing for the last seat: exactly one gets it, every time; the other waits first in
 * line. */
START_TEST(test_racing_clients_serialise)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    for (int round = 0; round < 6; round++) {
        char event[64], m[256], key[32];
        create_event("BLR-1", 1, event, sizeof event);
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, 2);
        racer racers[2] = {{asha, "a1", "", &start, ""}, {vikram, "v1", "", &start, ""}};
        for (int i = 0; i < 2; i++) {
            snprintf(key, sizeof key, "race-%d-%d", round, i);
            const char *one = rsvp(m, sizeof m, round + 1, key, event, "going");
            char *body = push_body(racers[i].client, &one, 1);
            snprintf(racers[i].body, sizeof racers[i].body, "%s", body);
            free(body);
        }
        pthread_t threads[2];
        for (int i = 0; i < 2; i++)
            ck_assert_int_eq(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
        for (int i = 0; i < 2; i++)
            pthread_join(threads[i], NULL);
        pthread_barrier_destroy(&start);
        int applied = 0, going = 0, waiting = 0;
        const char *const phones[2] = {ASHA, VIKRAM};
        for (int i = 0; i < 2; i++) {
            applied += strcmp(racers[i].status, "applied") == 0;
            char key2[96];
            snprintf(key2, sizeof key2, "rsvp/%s", event);
            cJSON *r = entity(phones[i], key2);
            going += strcmp(str(r, "status"), "going") == 0;
            waiting +=
                strcmp(str(r, "status"), "waitlisted") == 0 && num(r, "waitlist_position") == 1;
            cJSON_Delete(r);
        }
        ck_assert_int_eq(applied, 2);
        ck_assert_int_eq(going, 1);
        ck_assert_int_eq(waiting, 1);
        ck_assert_int_eq(going_count(event), 1);
    }
    ck_assert_int_eq(effects_total(NULL), 12);
    free(asha);
    free(vikram);
}
END_TEST

/* ---- acked_mutation_id ------------------------------------------------------------------ */

/* acked_mutation_id is the highest mutation whose effects are all in the pages so far. */
START_TEST(test_acked_follows_the_page_position)
{
    char *asha = token_for(ASHA);
    char cursor[512] = "", m[3][256];
    cJSON *state = cJSON_CreateObject();
    pull_to_head(asha, "c1", cursor, sizeof cursor, 0, state, NULL);
    const char *ms[3] = {
        read_ntf(m[0], sizeof m[0], 1, "k1", "ntf_5eed000000000101"),
        rsvp(m[1], sizeof m[1], 2, "k2", "EVT-BLR-DIWALI", "going"), /* rsvp + event */
        read_ntf(m[2], sizeof m[2], 3, "k3", "ntf_5eed000000000104"),
    };
    cJSON_Delete(push(asha, "c1", ms, 3));
    /* One change per page: ntf 101 | rsvp | event | ntf 104. */
    static const int64_t acked[4] = {1, 1, 2, 3};
    static const char *kinds[4] = {"notification", "rsvp", "event", "notification"};
    for (int p = 0; p < 4; p++) {
        cJSON *page = pull(asha, "c1", cursor, 1, 200);
        ck_assert_str_eq(str(cJSON_GetArrayItem(field(page, "changes"), 0), "kind"), kinds[p]);
        ck_assert_int_eq(num(page, "acked_mutation_id"), acked[p]);
        ck_assert(flag(page, "has_more") == (p < 3));
        snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
        cJSON_Delete(page);
    }
    /* acked is per client: another install of the same user has nothing acknowledged. */
    cJSON *other = pull(asha, "c2", cursor, 0, 200);
    ck_assert_int_eq(num(other, "acked_mutation_id"), 0);
    cJSON_Delete(other);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* While a snapshot is paged acked is 0; the page that completes it acks what it reflects. */
START_TEST(test_acked_is_zero_until_the_snapshot_completes)
{
    char *asha = token_for(ASHA);
    char m[2][256], cursor[512] = "";
    const char *ms[2] = {
        read_ntf(m[0], sizeof m[0], 1, "k1", "ntf_5eed000000000101"),
        rsvp(m[1], sizeof m[1], 2, "k2", "EVT-NOPE", "going"), /* rejected: acked too */
    };
    cJSON_Delete(push(asha, "c1", ms, 2));
    int pages = 0;
    for (;;) {
        cJSON *page = pull(asha, "c1", cursor, 5, 200);
        bool more = flag(page, "has_more");
        ck_assert_int_eq(num(page, "acked_mutation_id"), more ? 0 : 2);
        snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
        cJSON_Delete(page);
        pages++;
        if (!more)
            break;
    }
    ck_assert_int_gt(pages, 1);
    free(asha);
}
END_TEST

/* ---- faults ----------------------------------------------------------------------------- */

/* One push of a fresh mutation under a fault; returns the status (-1 transport error). */
static int faulty_push(const char *token, const char *key, char **body, char *retry_after)
{
    char m[256];
    const char *one = read_ntf(m, sizeof m, 1, key, "ntf_5eed000000000101");
    char *text = push_body("c1", &one, 1);
    char dummy[32];
    int status = stub_request_header(stub, "POST", "/v1/sync/push", text, token, body,
                                     "Retry-After", retry_after ? retry_after : dummy, 32);
    free(text);
    return status;
}

static int64_t injected(const char *kind)
{
    cJSON *f = call("GET", "/v1/test/faults", NULL, NULL, 200);
    int64_t n = num(field(f, "injected"), kind);
    cJSON_Delete(f);
    return n;
}

static bool ntf_101_read(void)
{
    cJSON *n = entity(ASHA, "notification/ntf_5eed000000000101");
    bool read = flag(n, "read");
    cJSON_Delete(n);
    return read;
}

/* drop_before: the connection closes with no answer and nothing happened. */
START_TEST(test_fault_drop_before_has_no_effect)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"drop_before\"]}");
    ck_assert_int_eq(faulty_push(asha, "k1", NULL, NULL), -1);
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/sync/pull?client_id=c1", NULL, asha, NULL), -1);
    ck_assert_int_eq(injected("drop_before"), 2);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effects_total(NULL), 0);
    ck_assert(!ntf_101_read());
    free(asha);
}
END_TEST

/* drop_after: committed, but no answer; the retry gets the stored result, effect once. */
START_TEST(test_fault_drop_after_commits_without_an_answer)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"drop_after\"]}");
    ck_assert_int_eq(faulty_push(asha, "k1", NULL, NULL), -1);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effect_count("k1"), 1);
    ck_assert(ntf_101_read());
    char *body = NULL;
    ck_assert_int_eq(faulty_push(asha, "k1", &body, NULL), 200);
    ck_assert_ptr_nonnull(strstr(body, "\"replayed\":true"));
    free(body);
    ck_assert_int_eq(effect_count("k1"), 1);
    free(asha);
}
END_TEST

/* delay: the answer comes after delay_ms, normally; other requests are not held up. */
START_TEST(test_fault_delay_answers_late)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"delay\"], \"delay_ms\": 400}");
    int64_t t = now_ms();
    char *body = NULL;
    ck_assert_int_eq(faulty_push(asha, "k1", &body, NULL), 200);
    ck_assert_int_ge(now_ms() - t, 400);
    ck_assert_ptr_nonnull(strstr(body, "\"status\":\"applied\""));
    free(body);
    ck_assert_int_eq(effect_count("k1"), 1);
    ck_assert_int_eq(injected("delay"), 1);
    faults("{\"rate\": 0}");
    free(asha);
}
END_TEST

typedef struct delayed {
    const char *token;
    int status;
} delayed;

static void *delayed_pull(void *arg)
{
    delayed *d = arg;
    d->status = stub_request(stub, "GET", "/v1/sync/pull?client_id=c1", NULL, d->token, NULL);
    return NULL;
}

/* The delay is served outside the database lock: a delayed pull does not block others. */
START_TEST(test_fault_delay_holds_no_lock)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"delay\"], \"delay_ms\": 1500}");
    delayed d = {asha, 0};
    pthread_t thread;
    int64_t t = now_ms();
    ck_assert_int_eq(pthread_create(&thread, NULL, delayed_pull, &d), 0);
    /* Wait until the delayed request is in (counted), then use the database meanwhile. */
    while (injected("delay") == 0)
        ck_assert_int_lt(now_ms() - t, 1000);
    call_ok("GET", "/v1/me", NULL, asha, 200);
    call_ok("GET", "/v1/test/sync/view?phone=%2B919800000001", NULL, NULL, 200);
    ck_assert_int_lt(now_ms() - t, 1400);
    pthread_join(thread, NULL);
    ck_assert_int_eq(d.status, 200);
    ck_assert_int_ge(now_ms() - t, 1500);
    faults("{\"rate\": 0}");
    free(asha);
}
END_TEST

/* error_500: an internal error, nothing applied. */
START_TEST(test_fault_error_500_has_no_effect)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"error_500\"]}");
    char *body = NULL;
    ck_assert_int_eq(faulty_push(asha, "k1", &body, NULL), 500);
    cJSON *json = cJSON_Parse(body);
    free(body);
    ck_assert_str_eq(str(json, "code"), "internal");
    cJSON_Delete(json);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effects_total(NULL), 0);
    ck_assert(!ntf_101_read());
    free(asha);
}
END_TEST

/* error_429: rate limited with Retry-After: 1, nothing applied. */
START_TEST(test_fault_error_429_says_retry_after)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"error_429\"]}");
    char *body = NULL, retry[32];
    ck_assert_int_eq(faulty_push(asha, "k1", &body, retry), 429);
    ck_assert_str_eq(retry, "1");
    cJSON *json = cJSON_Parse(body);
    free(body);
    ck_assert_str_eq(str(json, "code"), "rate_limited");
    ck_assert_int_eq(num(json, "retry_after_s"), 1);
    cJSON_Delete(json);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effects_total(NULL), 0);
    free(asha);
}
END_TEST

/* duplicate: handled twice, the second answer sent; idempotency keeps the effect single. */
START_TEST(test_fault_duplicate_applies_once)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"duplicate\"]}");
    char *body = NULL;
    ck_assert_int_eq(faulty_push(asha, "k1", &body, NULL), 200);
    cJSON *json = cJSON_Parse(body);
    free(body);
    const cJSON *r = cJSON_GetArrayItem(field(json, "results"), 0);
    ck_assert_str_eq(str(r, "status"), "applied");
    ck_assert(flag(r, "replayed")); /* the second handling saw the first one's result */
    cJSON_Delete(json);
    /* A duplicated pull answers a normal page. */
    cJSON_Delete(pull(asha, "c1", NULL, 0, 200));
    ck_assert_int_eq(injected("duplicate"), 2);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effect_count("k1"), 1);
    ck_assert_int_eq(effects_total(NULL), 1);
    free(asha);
}
END_TEST

/* truncate: committed; the body is cut to half with a matching Content-Length. */
START_TEST(test_fault_truncate_cuts_the_body)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 1, \"kinds\": [\"truncate\"]}");
    char *body = NULL, length[32];
    char m[256];
    const char *one = read_ntf(m, sizeof m, 1, "k1", "ntf_5eed000000000101");
    char *text = push_body("c1", &one, 1);
    ck_assert_int_eq(stub_request_header(stub, "POST", "/v1/sync/push", text, asha, &body,
                                         "Content-Length", length, sizeof length),
                     200);
    free(text);
    ck_assert_int_gt(strlen(body), 10);
    ck_assert_int_eq(atoi(length), (int)strlen(body));
    cJSON *json = cJSON_Parse(body);
    ck_assert_ptr_null(json);
    faults("{\"rate\": 0}");
    ck_assert_int_eq(effect_count("k1"), 1);
    /* Half of the full answer (the replay differs only in "replayed":true vs false). */
    char *full = NULL;
    ck_assert_int_eq(faulty_push(asha, "k1", &full, NULL), 200);
    ck_assert_int_eq((int)strlen(body), ((int)strlen(full) + 1) / 2);
    ck_assert(strncmp(body, full, strlen(body)) == 0);
    free(full);
    free(body);
    free(asha);
}
END_TEST

/* Faults touch /v1/sync/ only: with rate 1, every other route works. */
START_TEST(test_faults_touch_only_sync_routes)
{
    char *asha = token_for(ASHA);
    faults("{\"rate\": 1, \"seed\": 3}");
    for (int i = 0; i < 20; i++) {
        call_ok("GET", "/v1/me", NULL, asha, 200);
        call_ok("GET", "/v1/health", NULL, NULL, 200);
    }
    cJSON *f = call("GET", "/v1/test/faults", NULL, NULL, 200);
    ck_assert_int_eq(num(f, "total_injected"), 0);
    ck_assert_int_eq(num(f, "requests"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(field(f, "kinds")), 7);
    cJSON_Delete(f);
    faults("{\"rate\": 0}");
    free(asha);
}
END_TEST

/* The outcomes of 40 pulls under seed s: one letter per request, and the counts. */
static void run_seeded(const char *token, uint64_t seed, char out[41], cJSON **counts)
{
    char config[160];
    snprintf(config, sizeof config, "{\"rate\": 0.5, \"seed\": %" PRIu64 ", \"delay_ms\": 1}",
             seed);
    faults(config);
    for (int i = 0; i < 40; i++) {
        char *body = NULL;
        int status =
            stub_request(stub, "GET", "/v1/sync/pull?client_id=c1&limit=3", NULL, token, &body);
        cJSON *json = body ? cJSON_Parse(body) : NULL;
        out[i] = status < 0              ? 'X'
                 : status == 500         ? '5'
                 : status == 429         ? '4'
                 : status == 200 && json ? 'O'
                 : status == 200         ? 'T'
                                         : '?';
        cJSON_Delete(json);
        free(body);
    }
    out[40] = '\0';
    cJSON *f = call("GET", "/v1/test/faults", NULL, NULL, 200);
    *counts = cJSON_Duplicate(field(f, "injected"), true);
    ck_assert_int_eq(num(f, "requests"), 40);
    cJSON_Delete(f);
}

/* The same seed gives the same faults in the same order; another seed other faults. */
START_TEST(test_fault_injection_is_deterministic_for_a_seed)
{
    char *asha = token_for(ASHA);
    char a[41], b[41], c[41];
    cJSON *ca, *cb, *cc;
    run_seeded(asha, 42, a, &ca);
    run_seeded(asha, 42, b, &cb);
    run_seeded(asha, 43, c, &cc);
    faults("{\"rate\": 0}");
    ck_assert_str_eq(a, b);
    ck_assert(cJSON_Compare(ca, cb, true));
    ck_assert(strcmp(a, c) != 0 || !cJSON_Compare(ca, cc, true));
    /* Roughly half were hit, and more than one kind. */
    int hit = 0, kinds = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, ca)
    {
        hit += (int)n->valuedouble;
        kinds += n->valuedouble > 0;
    }
    ck_assert_int_ge(hit, 8);
    ck_assert_int_le(hit, 32);
    ck_assert_int_ge(kinds, 3);
    cJSON_Delete(ca);
    cJSON_Delete(cb);
    cJSON_Delete(cc);
    free(asha);
}
END_TEST

/* The injector's configuration is checked; {"rate": 0} turns it off. */
START_TEST(test_fault_configuration_is_checked)
{
    static const char *bad[] = {
        "{}",
        "{\"rate\": 1.5}",
        "{\"rate\": -0.1}",
        "{\"rate\": \"half\"}",
        "{\"rate\": 0.5, \"seed\": -1}",
        "{\"rate\": 0.5, \"seed\": 1.5}",
        "{\"rate\": 0.5, \"kinds\": []}",
        "{\"rate\": 0.5, \"kinds\": [\"explode\"]}",
        "{\"rate\": 0.5, \"kinds\": \"delay\"}",
        "{\"rate\": 0.5, \"delay_ms\": 20000}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_error("POST", "/v1/test/faults", bad[i], NULL, 400, "invalid_argument");
    cJSON *f = call("POST", "/v1/test/faults",
                    "{\"rate\": 0.25, \"seed\": 9, \"kinds\": [\"delay\", \"truncate\"],"
                    " \"delay_ms\": 50}",
                    NULL, 200);
    ck_assert(num(f, "seed") == 9 && num(f, "delay_ms") == 50);
    ck_assert_int_eq(cJSON_GetArraySize(field(f, "kinds")), 2);
    cJSON_Delete(f);
    f = call("POST", "/v1/test/faults", "{\"rate\": 0}", NULL, 200);
    ck_assert(field(f, "rate")->valuedouble == 0);
    cJSON_Delete(f);
    char *asha = token_for(ASHA);
    for (int i = 0; i < 10; i++)
        cJSON_Delete(pull(asha, "c1", NULL, 0, 200));
    ck_assert_int_eq(injected("delay") + injected("truncate"), 0);
    free(asha);
}
END_TEST

/* Retry a request until it answers parseable JSON (transport errors, 5xx, 429 and cut bodies
 * are retried, as the client does). Returns the status and the parsed body. */
static cJSON *until_answered(const char *method, const char *path, const char *body,
                             const char *token, int *status)
{
    for (int attempt = 0; attempt < 200; attempt++) {
        char *text = NULL;
        *status = stub_request(stub, method, path, body, token, &text);
        cJSON *json = text ? cJSON_Parse(text) : NULL;
        free(text);
        if (json && *status != 500 && *status != 429)
            return json;
        cJSON_Delete(json);
    }
    ck_abort_msg("%s %s never answered", method, path);
    return NULL;
}

/* Exactly once and convergence under random faults of every kind. */
START_TEST(test_exactly_once_and_convergence_under_random_faults)
{
    char *asha = token_for(ASHA);
    static const char *events[] = {"EVT-BLR-DIWALI", "EVT-MUM-BREAKFAST", "EVT-LON-SOCIAL",
                                   "EVT-BLR-NETWORKING"};
    static const char *ntfs[] = {"ntf_5eed000000000101", "ntf_5eed000000000104",
                                 "ntf_5eed000000000105"};
    enum { N = 24, BATCH = 4 };
    char texts[N][256];
    const char *ms[N];
    for (int i = 0; i < N; i++) {
        char key[32];
        snprintf(key, sizeof key, "chaos-%02d", i);
        if (i % 2 == 0)
            ms[i] = rsvp(texts[i], sizeof texts[i], i + 1, key, events[(i / 2) % 4],
                         (i / 8) % 2 ? "not_going" : "going");
        else
            ms[i] = read_ntf(texts[i], sizeof texts[i], i + 1, key, ntfs[(i / 2) % 3]);
    }
    faults("{\"rate\": 0.5, \"seed\": 7, \"delay_ms\": 5}");
    char cursor[512] = "";
    cJSON *state = cJSON_CreateObject();
    int64_t acked = 0;
    for (int b = 0; b < N / BATCH; b++) {
        char *body = push_body("chaos", ms + b * BATCH, BATCH);
        int status;
        cJSON *answer = until_answered("POST", "/v1/sync/push", body, asha, &status);
        free(body);
        ck_assert_int_eq(status, 200);
        const cJSON *r;
        cJSON_ArrayForEach(r, field(answer, "results"))
        {
            ck_assert_str_eq(str(r, "status"), "applied");
        }
        cJSON_Delete(answer);
        /* Pull to the head between batches, through the same faults. */
        for (;;) {
            char path[512];
            pull_path(path, sizeof path, "chaos", cursor, 5);
            cJSON *page = until_answered("GET", path, NULL, asha, &status);
            ck_assert_int_eq(status, 200);
            apply_page(state, page);
            snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
            int64_t a = num(page, "acked_mutation_id");
            ck_assert_int_ge(a, 0);
            if (a > acked)
                acked = a;
            bool more = flag(page, "has_more");
            cJSON_Delete(page);
            if (!more)
                break;
        }
    }
    cJSON *f = call("GET", "/v1/test/faults", NULL, NULL, 200);
    ck_assert_int_ge(num(f, "total_injected"), 10);
    cJSON_Delete(f);
    faults("{\"rate\": 0}");

    ck_assert_int_eq(acked, N);
    cJSON *e = call("GET", "/v1/test/effects?client_id=chaos", NULL, NULL, 200);
    ck_assert_int_eq(num(e, "total"), N);
    for (int i = 0; i < N; i++) {
        char key[32];
        snprintf(key, sizeof key, "chaos-%02d", i);
        ck_assert_int_eq(num(field(e, "keys"), key), 1);
    }
    cJSON_Delete(e);
    cJSON *want = view(ASHA);
    assert_same_state(state, want);
    cJSON_Delete(want);
    cJSON_Delete(state);
    free(asha);
}
END_TEST

/* ---- test-mode routes ------------------------------------------------------------------- */

/* The test routes that create changes check what they are given. */
START_TEST(test_change_making_test_routes_check_their_input)
{
    check_error("POST", "/v1/test/events",
                "{\"building_id\": \"NOPE\", \"title\": \"x\", \"starts_at_ms\": 1,"
                " \"ends_at_ms\": 2, \"capacity\": 1}",
                NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/events",
                "{\"building_id\": \"BLR-1\", \"title\": \"x\", \"starts_at_ms\": 2,"
                " \"ends_at_ms\": 2, \"capacity\": 1}",
                NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/events",
                "{\"building_id\": \"BLR-1\", \"title\": \"x\", \"starts_at_ms\": 1,"
                " \"ends_at_ms\": 2, \"capacity\": 0}",
                NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/notifications",
                "{\"phone\": \"+919800000001\", \"category\": \"spam\", \"title\": \"t\","
                " \"body\": \"b\"}",
                NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/notifications",
                "{\"phone\": \"+919812345678\", \"category\": \"billing\", \"title\": \"t\","
                " \"body\": \"b\"}",
                NULL, 404, "not_found");
    check_error("GET", "/v1/test/sync/view?phone=%2B919812345678", NULL, NULL, 404, "not_found");
    check_error("GET", "/v1/test/sync/view", NULL, NULL, 400, "invalid_argument");
    cJSON *n = call("POST", "/v1/test/notifications",
                    "{\"phone\": \"9800000001\", \"category\": \"billing\", \"title\": \"Due\","
                    " \"body\": \"Pay by Friday\", \"deep_link\": \"membercore://billing\"}",
                    NULL, 200);
    ck_assert_str_eq(str(field(n, "notification"), "deep_link"), "membercore://billing");
    ck_assert(strncmp(str(field(n, "notification"), "id"), "ntf_", 4) == 0);
    cJSON_Delete(n);
    cJSON *e = call("POST", "/v1/test/events",
                    "{\"building_id\": \"MUM-1\", \"title\": \"Demo day\", \"starts_at_ms\": 1,"
                    " \"ends_at_ms\": 2, \"capacity\": 3, \"description\": \"Pitches\"}",
                    NULL, 200);
    const cJSON *ev = field(e, "event");
    ck_assert_str_eq(str(ev, "description"), "Pitches");
    ck_assert_int_eq(num(ev, "going_count"), 0);
    cJSON_Delete(e);
    cJSON *effects = call("GET", "/v1/test/effects", NULL, NULL, 200);
    ck_assert_int_eq(num(effects, "total"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(field(effects, "keys")), 0);
    cJSON_Delete(effects);
}
END_TEST

/* Without --test-mode the sync test routes do not exist and no fault is ever injected. */
START_TEST(test_sync_test_routes_need_test_mode)
{
    stub_process *plain = stub_start(false);
    ck_assert_ptr_nonnull(plain);
    static const char *routes[][2] = {
        {"GET", "/v1/test/faults"},
        {"POST", "/v1/test/faults"},
        {"POST", "/v1/test/sync/compact"},
        {"POST", "/v1/test/sync/epoch"},
        {"GET", "/v1/test/sync/view"},
        {"GET", "/v1/test/effects"},
        {"POST", "/v1/test/events"},
        {"POST", "/v1/test/notifications"},
        {"DELETE", "/v1/test/notifications/ntf_5eed000000000101"},
    };
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        ck_assert_int_eq(
            stub_request(plain, routes[i][0], routes[i][1], "{\"rate\": 1}", NULL, NULL), 404);
    /* Sync itself is not a test route. */
    ck_assert_int_eq(stub_request(plain, "GET", "/v1/sync/pull?client_id=c1", NULL, NULL, NULL),
                     401);
    ck_assert_int_eq(stub_stop(plain), 0);
}
END_TEST

static TCase *with_stub(const char *name, int timeout)
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, timeout);
    return tc;
}

static Suite *stub_sync_suite(void)
{
    Suite *s = suite_create("stub_sync");

    TCase *snapshot = with_stub("snapshot", 60);
    tcase_add_test(snapshot, test_snapshot_pages_reach_the_head_and_equal_the_view);
    tcase_add_test(snapshot, test_snapshot_total_is_on_the_first_page_only);
    tcase_add_test(snapshot, test_snapshot_converges_despite_changes_while_paging);
    tcase_add_test(snapshot, test_pull_checks_its_parameters);
    suite_add_tcase(s, snapshot);

    TCase *incremental = with_stub("incremental", 60);
    tcase_add_test(incremental, test_incremental_pull_carries_new_changes);
    tcase_add_test(incremental, test_incremental_pull_pages_the_change_log);
    tcase_add_test(incremental, test_profile_writes_are_in_the_change_log);
    suite_add_tcase(s, incremental);

    TCase *visibility = with_stub("visibility", 60);
    tcase_add_test(visibility, test_vikram_never_sees_ashas_notifications_or_rsvps);
    tcase_add_test(visibility, test_everyone_sees_events_and_members_their_company);
    tcase_add_test(visibility, test_deleted_notification_is_a_tombstone);
    suite_add_tcase(s, visibility);

    TCase *reset = with_stub("cursor_reset", 60);
    tcase_add_test(reset, test_compaction_resets_older_cursors);
    tcase_add_test(reset, test_new_epoch_resets_every_cursor);
    tcase_add_test(reset, test_garbled_or_foreign_cursors_are_reset);
    suite_add_tcase(s, reset);

    TCase *push_tc = with_stub("push", 60);
    tcase_add_test(push_tc, test_rsvp_set_updates_the_rsvp_and_going_count);
    tcase_add_test(push_tc, test_going_to_a_full_event_is_waitlisted);
    tcase_add_test(push_tc, test_bad_mutations_are_rejected_and_stored);
    tcase_add_test(push_tc, test_notification_read_only_for_the_owner);
    tcase_add_test(push_tc, test_repeat_key_returns_the_stored_result);
    tcase_add_test(push_tc, test_mutation_ids_must_increase_per_client);
    tcase_add_test(push_tc, test_large_mutation_ids_come_back_as_integers);
    tcase_add_test(push_tc, test_malformed_envelopes_apply_nothing);
    tcase_add_test(push_tc, test_racing_clients_serialise);
    suite_add_tcase(s, push_tc);

    TCase *acked = with_stub("acked", 60);
    tcase_add_test(acked, test_acked_follows_the_page_position);
    tcase_add_test(acked, test_acked_is_zero_until_the_snapshot_completes);
    suite_add_tcase(s, acked);

    TCase *fault = with_stub("faults", 120);
    tcase_add_test(fault, test_fault_drop_before_has_no_effect);
    tcase_add_test(fault, test_fault_drop_after_commits_without_an_answer);
    tcase_add_test(fault, test_fault_delay_answers_late);
    tcase_add_test(fault, test_fault_delay_holds_no_lock);
    tcase_add_test(fault, test_fault_error_500_has_no_effect);
    tcase_add_test(fault, test_fault_error_429_says_retry_after);
    tcase_add_test(fault, test_fault_duplicate_applies_once);
    tcase_add_test(fault, test_fault_truncate_cuts_the_body);
    tcase_add_test(fault, test_faults_touch_only_sync_routes);
    tcase_add_test(fault, test_fault_injection_is_deterministic_for_a_seed);
    tcase_add_test(fault, test_fault_configuration_is_checked);
    tcase_add_test(fault, test_exactly_once_and_convergence_under_random_faults);
    suite_add_tcase(s, fault);

    TCase *test_routes = with_stub("test_routes", 60);
    tcase_add_test(test_routes, test_change_making_test_routes_check_their_input);
    tcase_add_test(test_routes, test_sync_test_routes_need_test_mode);
    suite_add_tcase(s, test_routes);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_sync_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
