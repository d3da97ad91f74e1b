/*
 * tests/stub/test_stub_community.c - announcements, offers and event waitlists over real HTTP
 * (docs/today-desks-community.md): announcements reach their building's members (or everyone),
 * pinned, expiring out of snapshots, read per member, announced by a notification linking them;
 * offers in scope of the member's building (on-demand users: all), valid on building-local dates,
 * a shared code for everyone and single-use codes one per member, atomically, until the pool is
 * empty (many members racing); waitlists promoting the first in line with a notification in the
 * building's time, leaving the waitlist, racing members. Each test runs its own memberstub (fresh
 * database, test mode, clock at T0: Monday 4 January 2027, 10:00 in Bengaluru, 04:30 in London)
 * and requires it to exit cleanly; time moves by the test clock, never by sleeping.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_process.h"
#include "stub_test_util.h"

#define ASHA   "+919800000001" /* member at BLR-1 */
#define VIKRAM "+919800000002" /* member at BLR-1 */
#define OLIVIA "+447700900001" /* member at LON-1 */
#define KIRAN  "+919800000010" /* staff at BLR-1 */

#define HOUR_MS (3600 * 1000LL)
#define DAY_MS  (24 * HOUR_MS)

#define PANTRY "ann_5eed000000000001" /* BLR-1, pinned */
#define APP    "ann_5eed000000000002" /* operator-wide */
#define WATER  "ann_5eed000000000003" /* BLR-1, expires 3 days after T0 */
#define BLUE   "ofr_5eed000000000001" /* shared MCBLUE20, every building */
#define CULT   "ofr_5eed000000000002" /* single-use, BLR-1 and MUM-1, 3 codes */
#define PRET   "ofr_5eed000000000003" /* shared MCPRET, LON-1 */

/* ---- helpers ---------------------------------------------------------------------------- */

/* The entity kind/id of phone's view (a copy; caller deletes), or NULL when not seen. */
static cJSON *seen(const char *phone, const char *kind, const char *id)
{
    cJSON *view = sync_view(phone);
    char key[160];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    cJSON *e = cJSON_DetachItemFromObjectCaseSensitive(view, key);
    cJSON_Delete(view);
    return e;
}

/* The ids of kind in phone's view, sorted, space separated, into out. */
static void ids_of(const char *phone, const char *kind, char *out, size_t cap)
{
    cJSON *view = sync_view(phone);
    size_t klen = strlen(kind);
    out[0] = '\0';
    const cJSON *e;
    cJSON_ArrayForEach(e, view)
    {
        if (strncmp(e->string, kind, klen) != 0 || e->string[klen] != '/')
            continue;
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", used ? " " : "", e->string + klen + 1);
    }
    cJSON_Delete(view);
}

/* Push and require status ("applied") or the refusal code. */
static void pushed(const char *token, const char *client, int n, const char *kind,
                   const char *payload, const char *expect)
{
    cJSON *r = push_mutation(token, client, n, kind, payload);
    const char *got = strcmp(str(r, "status"), "applied") == 0 ? "applied" : str(r, "code");
    ck_assert_msg(strcmp(got, expect) == 0, "%s %s: %s (%s), expected %s", kind, payload, got,
                  cJSON_IsString(field(r, "message")) ? str(r, "message") : "", expect);
    cJSON_Delete(r);
}

/* rsvp.set of event to status by token as mutation n of client. */
static void rsvp(const char *token, const char *client, int n, const char *event,
                 const char *status)
{
    char payload[256];
    snprintf(payload, sizeof payload, "{\"event_id\":\"%s\",\"status\":\"%s\"}", event, status);
    pushed(token, client, n, "rsvp.set", payload, "applied");
}

/* The notifications of kind in phone's inbox (an array of their data; caller deletes). */
static cJSON *notices(const char *phone, const char *kind)
{
    cJSON *view = sync_view(phone);
    cJSON *out = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, view)
    {
        if (strncmp(e->string, "notification/", 13) == 0 && strcmp(str(e, "kind"), kind) == 0)
            cJSON_AddItemToArray(out, cJSON_Duplicate(e, true));
    }
    cJSON_Delete(view);
    return out;
}

/* Every change token's client c1 pulls after *cursor ("" first: the snapshot too), moving
 * *cursor to the end (an array of {kind, id, op, data}; caller deletes). */
static cJSON *pull_all(const char *token, char *cursor, size_t cap)
{
    cJSON *all = cJSON_CreateArray();
    for (bool more = true; more;) {
        char path[1200];
        snprintf(path, sizeof path, "/v1/sync/pull?client_id=c1&limit=5000%s%s",
                 cursor[0] ? "&cursor=" : "", cursor);
        cJSON *page = call("GET", path, NULL, token, 200);
        const cJSON *c;
        cJSON_ArrayForEach(c, field(page, "changes"))
        {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "kind", str(c, "kind"));
            cJSON_AddStringToObject(o, "id", str(c, "id"));
            cJSON_AddStringToObject(o, "op", str(c, "op"));
            const cJSON *data = cJSON_GetObjectItemCaseSensitive(c, "data_json");
            if (cJSON_IsString(data))
                cJSON_AddItemToObject(o, "data", cJSON_Parse(data->valuestring));
            cJSON_AddItemToArray(all, o);
        }
        snprintf(cursor, cap, "%s", str(page, "cursor"));
        more = cJSON_IsTrue(field(page, "has_more"));
        cJSON_Delete(page);
    }
    return all;
}

/* The last change of (kind, id) in changes, or NULL. */
static const cJSON *last_change(const cJSON *changes, const char *kind, const char *id)
{
    const cJSON *found = NULL, *c;
    cJSON_ArrayForEach(c, changes)
    {
        if (strcmp(str(c, "kind"), kind) == 0 && strcmp(str(c, "id"), id) == 0)
            found = c;
    }
    return found;
}

/* POST /v1/test/announcements with body; the new announcement's id into id. */
static void announce(const char *body, char id[64])
{
    cJSON *answer = call("POST", "/v1/test/announcements", body, NULL, 200);
    snprintf(id, 64, "%s", str(field(answer, "announcement"), "id"));
    cJSON_Delete(answer);
}

/* POST /v1/offers/{id}/redeem as token, expecting status; the answer (caller deletes). */
static cJSON *redeem(const char *token, const char *id, int status)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/offers/%s/redeem", id);
    return call("POST", path, NULL, token, status);
}

/* Redeem as token expecting 200; the code into code. */
static void redeem_code(const char *token, const char *id, char code[64])
{
    cJSON *answer = redeem(token, id, 200);
    snprintf(code, 64, "%s", str(answer, "code"));
    ck_assert_str_eq(str(field(field(answer, "offer"), "redemption"), "code"), code);
    cJSON_Delete(answer);
}

/* POST /v1/test/offers with body; the new offer's id into id. */
static void create_offer(const char *body, char id[64])
{
    cJSON *answer = call("POST", "/v1/test/offers", body, NULL, 200);
    snprintf(id, 64, "%s", str(field(answer, "offer"), "id"));
    cJSON_Delete(answer);
}

/* POST /v1/test/events: "Pop-up talk" at BLR-1 starting a day after T0 (Tue 5 Jan 2027 10:00
 * IST) with capacity; its id into id. */
static void create_event(int capacity, char id[64])
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"building_id\": \"BLR-1\", \"title\": \"Pop-up talk\", \"starts_at_ms\": %lld,"
             " \"ends_at_ms\": %lld, \"capacity\": %d}",
             T0 + DAY_MS, T0 + DAY_MS + HOUR_MS, capacity);
    cJSON *answer = call("POST", "/v1/test/events", body, NULL, 200);
    snprintf(id, 64, "%s", str(field(answer, "event"), "id"));
    cJSON_Delete(answer);
}

/* phone's rsvp of event: "status[:position]" into out ("-" when none). */
static void rsvp_state(const char *phone, const char *event, char *out, size_t cap)
{
    cJSON *r = seen(phone, "rsvp", event);
    if (!r)
        snprintf(out, cap, "-");
    else if (cJSON_IsNumber(field(r, "waitlist_position")))
        snprintf(out, cap, "%s:%lld", str(r, "status"), (long long)num(r, "waitlist_position"));
    else
        snprintf(out, cap, "%s", str(r, "status"));
    cJSON_Delete(r);
}

/* The event's "going_count/waitlist_count" as Asha sees it, into out. */
static void event_counts(const char *event, char *out, size_t cap)
{
    cJSON *e = seen(ASHA, "event", event);
    ck_assert_ptr_nonnull(e);
    snprintf(out, cap, "%lld/%lld", (long long)num(e, "going_count"),
             (long long)num(e, "waitlist_count"));
    cJSON_Delete(e);
}

/* ---- announcements ---------------------------------------------------------------------- */

/*
 * The seed: BLR-1's members and staff see its two announcements and the operator-wide one, the
 * pantry notice pinned; London sees only the operator-wide one; nothing is read yet; the seeded
 * pantry notifications open the announcement.
 */
START_TEST(test_announcements_reach_their_building)
{
    char ids[512];
    ids_of(ASHA, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, PANTRY " " APP " " WATER);
    ids_of(KIRAN, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, PANTRY " " APP " " WATER);
    ids_of(OLIVIA, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, APP);
    cJSON *a = seen(ASHA, "announcement", PANTRY);
    ck_assert(cJSON_IsTrue(field(a, "pinned")) && cJSON_IsFalse(field(a, "read")));
    ck_assert_str_eq(str(a, "building_id"), "BLR-1");
    ck_assert_str_eq(str(a, "title"), "Pantry upgrade this weekend");
    ck_assert(cJSON_IsNull(field(a, "expires_at_ms")));
    ck_assert_int_le(num(a, "published_at_ms"), T0);
    cJSON_Delete(a);
    a = seen(VIKRAM, "announcement", APP);
    ck_assert(cJSON_IsNull(field(a, "building_id")) && cJSON_IsFalse(field(a, "pinned")));
    cJSON_Delete(a);
    a = seen(ASHA, "announcement", WATER);
    ck_assert_int_eq(num(a, "expires_at_ms"), T0 + 3 * DAY_MS);
    cJSON_Delete(a);
    cJSON *list = notices(ASHA, "announcement");
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 0), "deep_link"),
                     "membercore://announcements/" PANTRY);
    cJSON_Delete(list);
}
END_TEST

/*
 * Posting to BLR-1 syncs the announcement (pinned, with its expiry) to its members and staff, in
 * the change log as well as snapshots, and tells each by an `announcement` notification linking
 * it; London sees neither. Operator-wide reaches everyone.
 */
START_TEST(test_posted_announcement_syncs_and_notifies)
{
    char *asha = token_for(ASHA), cursor[1024] = "";
    cJSON_Delete(pull_all(asha, cursor, sizeof cursor));
    char body[512], id[64];
    snprintf(body, sizeof body,
             "{\"building_id\": \"BLR-1\", \"title\": \"Fire drill on Friday\", \"body\": \"At"
             " 11:00; please leave by the main stairs.\", \"pinned\": true, \"expires_at_ms\":"
             " %lld}",
             T0 + 2 * DAY_MS);
    cJSON *answer = call("POST", "/v1/test/announcements", body, NULL, 200);
    ck_assert_int_eq(num(answer, "told"), 4); /* Asha, Vikram, Priya, Kiran */
    snprintf(id, sizeof id, "%s", str(field(answer, "announcement"), "id"));
    ck_assert(cJSON_IsTrue(field(field(answer, "announcement"), "pinned")));
    ck_assert(cJSON_IsFalse(field(field(answer, "announcement"), "read")));
    ck_assert_str_eq(str(field(answer, "announcement"), "building_id"), "BLR-1");
    cJSON_Delete(answer);

    cJSON *changes = pull_all(asha, cursor, sizeof cursor);
    const cJSON *c = last_change(changes, "announcement", id);
    ck_assert_ptr_nonnull(c);
    const cJSON *data = field(c, "data");
    ck_assert_str_eq(str(data, "title"), "Fire drill on Friday");
    ck_assert(cJSON_IsTrue(field(data, "pinned")) && cJSON_IsFalse(field(data, "read")));
    ck_assert_int_eq(num(data, "published_at_ms"), T0);
    ck_assert_int_eq(num(data, "expires_at_ms"), T0 + 2 * DAY_MS);
    cJSON_Delete(changes);

    char link[128];
    snprintf(link, sizeof link, "membercore://announcements/%s", id);
    const char *const told[] = {ASHA, VIKRAM, KIRAN};
    for (int i = 0; i < 3; i++) {
        cJSON *list = notices(told[i], "announcement");
        int found = 0;
        const cJSON *n;
        cJSON_ArrayForEach(n, list)
        {
            if (strcmp(str(n, "title"), "Fire drill on Friday") != 0)
                continue;
            found++;
            ck_assert_str_eq(str(n, "category"), "announcements");
            ck_assert_str_eq(str(n, "deep_link"), link);
            ck_assert_str_eq(str(n, "body"), "At 11:00; please leave by the main stairs.");
        }
        ck_assert_msg(found == 1, "%s told %d times", told[i], found);
        cJSON_Delete(list);
    }
    cJSON *a = seen(OLIVIA, "announcement", id);
    ck_assert_ptr_null(a);
    cJSON *list = notices(OLIVIA, "announcement");
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);

    announce("{\"building_id\": null, \"title\": \"New app version\", \"body\": \"Update now.\"}",
             id);
    a = seen(OLIVIA, "announcement", id);
    ck_assert_ptr_nonnull(a);
    cJSON_Delete(a);
    /* Refusals: an expiry that has passed, an unknown building, pinned not a boolean. */
    check_error_mentioning("POST", "/v1/test/announcements",
                           "{\"building_id\": null, \"title\": \"t\", \"body\": \"b\","
                           " \"expires_at_ms\": 1000}",
                           NULL, 400, "invalid_argument", "expires_at_ms");
    check_error("POST", "/v1/test/announcements",
                "{\"building_id\": \"NOPE\", \"title\": \"t\", \"body\": \"b\"}", NULL, 404,
                "not_found");
    check_error_mentioning("POST", "/v1/test/announcements",
                           "{\"building_id\": null, \"title\": \"t\", \"body\": \"b\","
                           " \"pinned\": \"yes\"}",
                           NULL, 400, "invalid_argument", "pinned");
    free(asha);
}
END_TEST

/* An announcement past its expiry is no longer in snapshots and is deleted from its members'
 * change logs (the seeded water notice after 3 days, a posted one after its hour); the others
 * stay. */
START_TEST(test_expired_announcements_leave_snapshots)
{
    char id[64], body[256], ids[512], *asha = token_for(ASHA), cursor[1024] = "";
    cJSON_Delete(pull_all(asha, cursor, sizeof cursor));
    snprintf(body, sizeof body,
             "{\"building_id\": \"BLR-1\", \"title\": \"Lift check\", \"body\": \"For an hour.\","
             " \"expires_at_ms\": %lld}",
             T0 + HOUR_MS);
    announce(body, id);
    cJSON *a = seen(ASHA, "announcement", id);
    ck_assert_ptr_nonnull(a);
    cJSON_Delete(a);
    ck_assert_int_eq(stub_set_clock(stub, T0 + HOUR_MS), 0);
    a = seen(ASHA, "announcement", id);
    ck_assert_ptr_null(a);
    cJSON *changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_str_eq(str(last_change(changes, "announcement", id), "op"), "delete");
    ck_assert_ptr_null(last_change(changes, "announcement", WATER));
    cJSON_Delete(changes);
    ids_of(ASHA, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, PANTRY " " APP " " WATER);
    ck_assert_int_eq(stub_set_clock(stub, T0 + 3 * DAY_MS - 1), 0);
    ids_of(ASHA, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, PANTRY " " APP " " WATER);
    ck_assert_int_eq(stub_set_clock(stub, T0 + 3 * DAY_MS), 0);
    ids_of(ASHA, "announcement", ids, sizeof ids);
    ck_assert_str_eq(ids, PANTRY " " APP);
    changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_str_eq(str(last_change(changes, "announcement", WATER), "op"), "delete");
    cJSON_Delete(changes);
    /* Reading it afterwards is recorded but does not bring it back. */
    pushed(asha, "a1", 1, "announcement.read", "{\"announcement_id\":\"" WATER "\"}", "applied");
    changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_ptr_null(last_change(changes, "announcement", WATER));
    cJSON_Delete(changes);
    free(asha);
}
END_TEST

/*
 * announcement.read marks it read for that member only (change-logged to them), again changes
 * nothing; another building's announcement or an unknown one is not_found, a bad payload
 * invalid_argument.
 */
START_TEST(test_announcement_read_is_per_member)
{
    char *asha = token_for(ASHA), *olivia = token_for(OLIVIA), cursor[1024] = "";
    cJSON_Delete(pull_all(asha, cursor, sizeof cursor));
    pushed(asha, "a1", 1, "announcement.read", "{\"announcement_id\":\"" PANTRY "\"}", "applied");
    cJSON *changes = pull_all(asha, cursor, sizeof cursor);
    const cJSON *c = last_change(changes, "announcement", PANTRY);
    ck_assert_ptr_nonnull(c);
    ck_assert(cJSON_IsTrue(field(field(c, "data"), "read")));
    cJSON_Delete(changes);
    pushed(asha, "a1", 2, "announcement.read", "{\"announcement_id\":\"" PANTRY "\"}", "applied");
    changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_ptr_null(last_change(changes, "announcement", PANTRY));
    cJSON_Delete(changes);
    cJSON *a = seen(ASHA, "announcement", PANTRY);
    ck_assert(cJSON_IsTrue(field(a, "read")));
    cJSON_Delete(a);
    a = seen(VIKRAM, "announcement", PANTRY);
    ck_assert(cJSON_IsFalse(field(a, "read")));
    cJSON_Delete(a);
    pushed(olivia, "o1", 1, "announcement.read", "{\"announcement_id\":\"" PANTRY "\"}",
           "not_found");
    pushed(olivia, "o1", 2, "announcement.read", "{\"announcement_id\":\"ann_nope\"}", "not_found");
    pushed(olivia, "o1", 3, "announcement.read", "{\"announcement_id\":\"" APP "\"}", "applied");
    pushed(olivia, "o1", 4, "announcement.read", "{\"announcement_id\":7}", "invalid_argument");
    pushed(olivia, "o1", 5, "announcement.read", "{}", "invalid_argument");
    free(asha);
    free(olivia);
}
END_TEST

/* ---- offers ----------------------------------------------------------------------------- */

/* Scope: BLR-1 members see Blue Tokai and Cult.fit, London Blue Tokai and Pret, an on-demand user
 * every offer; before anyone redeems, Cult.fit has 3 codes left and no redemption. */
START_TEST(test_offers_in_scope_of_the_building)
{
    char ids[512];
    ids_of(ASHA, "offer", ids, sizeof ids);
    ck_assert_str_eq(ids, BLUE " " CULT);
    ids_of(OLIVIA, "offer", ids, sizeof ids);
    ck_assert_str_eq(ids, BLUE " " PRET);
    char *meera = sign_up_on_demand("+919876500001");
    ids_of("+919876500001", "offer", ids, sizeof ids);
    ck_assert_str_eq(ids, BLUE " " CULT " " PRET);
    cJSON *o = seen(ASHA, "offer", CULT);
    ck_assert_str_eq(str(o, "title"), "Cult.fit: first month free");
    ck_assert_str_eq(str(o, "code_kind"), "single_use");
    ck_assert_int_eq(num(o, "remaining"), 3);
    ck_assert(cJSON_IsNull(field(o, "redemption")));
    ck_assert_int_eq(cJSON_GetArraySize(field(o, "building_ids")), 2);
    ck_assert_str_le(str(o, "valid_from"), "2027-01-04");
    ck_assert_str_ge(str(o, "valid_until"), "2027-01-04");
    cJSON_Delete(o);
    o = seen(ASHA, "offer", BLUE);
    ck_assert(cJSON_IsNull(field(o, "remaining")));
    ck_assert_int_eq(cJSON_GetArraySize(field(o, "building_ids")), 0);
    ck_assert(strstr(str(o, "terms"), "till") != NULL);
    cJSON_Delete(o);
    free(meera);
}
END_TEST

/*
 * A shared offer gives every member the same code, again on asking again, and syncs back as the
 * member's redemption; an offer out of the member's scope, unknown, or asked without a session
 * is refused.
 */
START_TEST(test_shared_offer_gives_everyone_its_code)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *olivia = token_for(OLIVIA);
    char code[64];
    redeem_code(asha, BLUE, code);
    ck_assert_str_eq(code, "MCBLUE20");
    redeem_code(vikram, BLUE, code);
    ck_assert_str_eq(code, "MCBLUE20");
    redeem_code(asha, BLUE, code);
    ck_assert_str_eq(code, "MCBLUE20");
    redeem_code(olivia, PRET, code);
    ck_assert_str_eq(code, "MCPRET");
    cJSON *o = seen(ASHA, "offer", BLUE);
    ck_assert_str_eq(str(field(o, "redemption"), "code"), "MCBLUE20");
    ck_assert_int_eq(num(field(o, "redemption"), "redeemed_at_ms"), T0);
    cJSON_Delete(o);
    o = seen(OLIVIA, "offer", BLUE);
    ck_assert(cJSON_IsNull(field(o, "redemption")));
    cJSON_Delete(o);
    cJSON_Delete(error_of("POST", "/v1/offers/" PRET "/redeem", NULL, asha, 404, "not_found"));
    cJSON_Delete(error_of("POST", "/v1/offers/" CULT "/redeem", NULL, olivia, 404, "not_found"));
    cJSON_Delete(error_of("POST", "/v1/offers/ofr_nope/redeem", NULL, asha, 404, "not_found"));
    cJSON_Delete(error_of("POST", "/v1/offers/" BLUE "/redeem", NULL, NULL, 401, "unauthorized"));
    free(asha);
    free(vikram);
    free(olivia);
}
END_TEST

/*
 * A single-use offer hands each member one code of its pool: Asha asking again gets hers, Vikram
 * another; everyone in scope sees `remaining` move (in the change log too), the member their own
 * code; when the pool is empty the next member gets offer_exhausted and nothing changes.
 */
START_TEST(test_single_use_codes_go_one_per_member)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *kiran = token_for(KIRAN);
    char *meera = sign_up_on_demand("+919876500002"), *dev = sign_up_on_demand("+919876500003");
    char cursor[1024] = "";
    cJSON_Delete(pull_all(vikram, cursor, sizeof cursor));
    char a[64], a2[64], v[64], m[64];
    redeem_code(asha, CULT, a);
    redeem_code(asha, CULT, a2);
    ck_assert_str_eq(a, a2);
    cJSON *changes = pull_all(vikram, cursor, sizeof cursor);
    const cJSON *c = last_change(changes, "offer", CULT);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(num(field(c, "data"), "remaining"), 2);
    ck_assert(cJSON_IsNull(field(field(c, "data"), "redemption")));
    cJSON_Delete(changes);
    redeem_code(vikram, CULT, v);
    ck_assert_str_ne(a, v);
    redeem_code(meera, CULT, m);
    ck_assert_str_ne(m, a);
    ck_assert_str_ne(m, v);
    cJSON *answer =
        error_of("POST", "/v1/offers/" CULT "/redeem", NULL, dev, 409, "offer_exhausted");
    cJSON_Delete(answer);
    /* Kiran (staff, no membership) sees the offer with no code left and none of his own. */
    cJSON *o = seen(KIRAN, "offer", CULT);
    ck_assert_int_eq(num(o, "remaining"), 0);
    ck_assert(cJSON_IsNull(field(o, "redemption")));
    cJSON_Delete(o);
    o = seen(ASHA, "offer", CULT);
    ck_assert_str_eq(str(field(o, "redemption"), "code"), a);
    cJSON_Delete(o);
    /* The holders still get their own codes back after the pool is empty. */
    redeem_code(vikram, CULT, a2);
    ck_assert_str_eq(a2, v);
    free(asha);
    free(vikram);
    free(kiran);
    free(meera);
    free(dev);
}
END_TEST

typedef struct redeemer {
    const char *token, *offer;
    pthread_barrier_t *start;
    int status;
    char code[64];
} redeemer;

static void *redeem_race(void *arg)
{
    redeemer *r = arg;
    char path[128], *text = NULL;
    snprintf(path, sizeof path, "/v1/offers/%s/redeem", r->offer);
    pthread_barrier_wait(r->start);
    r->status = stub_request(stub, "POST", path, NULL, r->token, &text);
    cJSON *json = text ? cJSON_Parse(text) : NULL;
    const cJSON *code = cJSON_GetObjectItem(json, "code");
    snprintf(r->code, sizeof r->code, "%s", cJSON_IsString(code) ? code->valuestring : "?");
    cJSON_Delete(json);
    free(text);
    return NULL;
}

/*
 * Twelve on-demand users race for a pool of five codes: exactly five get one each (no code twice),
 * seven get offer_exhausted; the pool shows none left; each winner asking again gets their own.
 */
START_TEST(test_many_members_race_for_a_pool)
{
    enum { RACERS = 12, CODES = 5 };
    char offer[64];
    create_offer("{\"partner\": \"Third Wave\", \"title\": \"Free cold brew\", \"description\":"
                 " \"One cold brew on us.\", \"valid_from\": \"2027-01-01\", \"valid_until\":"
                 " \"2027-01-31\", \"code_kind\": \"single_use\", \"codes\": [\"TW-1\", \"TW-2\","
                 " \"TW-3\", \"TW-4\", \"TW-5\"]}",
                 offer);
    char *tokens[RACERS];
    for (int i = 0; i < RACERS; i++) {
        char phone[20];
        snprintf(phone, sizeof phone, "+9198765432%02d", i);
        tokens[i] = sign_up_on_demand(phone);
    }
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, RACERS);
    redeemer racers[RACERS];
    pthread_t threads[RACERS];
    for (int i = 0; i < RACERS; i++) {
        racers[i] = (redeemer){tokens[i], offer, &barrier, 0, ""};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, redeem_race, &racers[i]), 0);
    }
    for (int i = 0; i < RACERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    int won = 0, exhausted = 0;
    for (int i = 0; i < RACERS; i++) {
        if (racers[i].status == 200) {
            won++;
            ck_assert_msg(strncmp(racers[i].code, "TW-", 3) == 0, "code %s", racers[i].code);
            for (int j = 0; j < i; j++)
                ck_assert_msg(racers[j].status != 200 || strcmp(racers[i].code, racers[j].code),
                              "%s handed out twice", racers[i].code);
        } else {
            ck_assert_int_eq(racers[i].status, 409);
            ck_assert_str_eq(racers[i].code, "offer_exhausted");
            exhausted++;
        }
    }
    ck_assert_int_eq(won, CODES);
    ck_assert_int_eq(exhausted, RACERS - CODES);
    for (int i = 0; i < RACERS; i++) {
        if (racers[i].status != 200)
            continue;
        char again[64];
        redeem_code(tokens[i], offer, again);
        ck_assert_str_eq(again, racers[i].code);
    }
    cJSON *o = seen("+919876543200", "offer", offer);
    ck_assert_int_eq(num(o, "remaining"), 0);
    cJSON_Delete(o);
    for (int i = 0; i < RACERS; i++)
        free(tokens[i]);
}
END_TEST

/*
 * Validity is the building-local date: an offer of 4 January only is valid for Asha at 10:00 IST;
 * at 00:00 IST on the 5th (18:30 on the 4th in London) it has ended for her but not for Olivia;
 * one starting on the 5th has not started; once over everywhere it leaves snapshots and the
 * members' change logs get its delete.
 */
START_TEST(test_offer_validity_in_building_time)
{
    char today_only[64], tomorrow[64];
    create_offer("{\"partner\": \"Chai Point\", \"title\": \"Free chai\", \"description\":"
                 " \"A cup of chai.\", \"valid_from\": \"2027-01-04\", \"valid_until\":"
                 " \"2027-01-04\", \"code_kind\": \"shared\", \"shared_code\": \"CHAI4\"}",
                 today_only);
    create_offer("{\"partner\": \"Chai Point\", \"title\": \"Free samosa\", \"description\":"
                 " \"A samosa.\", \"terms\": \"One each.\", \"valid_from\": \"2027-01-05\","
                 " \"valid_until\": \"2027-01-05\", \"building_ids\": [\"BLR-1\", \"LON-1\"],"
                 " \"code_kind\": \"shared\", \"shared_code\": \"SAMOSA5\"}",
                 tomorrow);
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *olivia = token_for(OLIVIA);
    char code[64], path[128];
    snprintf(path, sizeof path, "/v1/offers/%s/redeem", tomorrow);
    cJSON_Delete(error_of("POST", path, NULL, asha, 409, "offer_not_started"));
    ck_assert_int_eq(stub_set_clock(stub, 1799087400000LL), 0); /* 2027-01-04T18:30Z */
    snprintf(path, sizeof path, "/v1/offers/%s/redeem", today_only);
    cJSON *e = error_of("POST", path, NULL, vikram, 409, "offer_expired");
    ck_assert(strstr(str(e, "message"), "2027-01-04") != NULL);
    cJSON_Delete(e);
    redeem_code(olivia, today_only, code);
    ck_assert_str_eq(code, "CHAI4");
    redeem_code(asha, tomorrow, code);
    ck_assert_str_eq(code, "SAMOSA5");
    /* The snapshot keeps an offer until it is over in every zone. */
    cJSON *o = seen(ASHA, "offer", today_only);
    ck_assert_ptr_nonnull(o);
    cJSON_Delete(o);
    char cursor[1024] = "";
    cJSON_Delete(pull_all(asha, cursor, sizeof cursor));
    ck_assert_int_eq(stub_set_clock(stub, T0 + 2 * DAY_MS), 0);
    o = seen(ASHA, "offer", today_only);
    ck_assert_ptr_null(o);
    cJSON *changes = pull_all(asha, cursor, sizeof cursor);
    ck_assert_str_eq(str(last_change(changes, "offer", today_only), "op"), "delete");
    ck_assert_ptr_null(last_change(changes, "offer", tomorrow));
    cJSON_Delete(changes);
    o = seen(ASHA, "offer", tomorrow);
    ck_assert_ptr_nonnull(o);
    cJSON_Delete(o);
    free(asha);
    free(vikram);
    free(olivia);
}
END_TEST

/* The test route refuses what would make a broken offer, naming the field. */
START_TEST(test_offer_creation_refusals)
{
    static const struct {
        const char *body, *code, *mentions;
    } cases[] = {
        {"\"valid_from\": \"2027-02-01\", \"valid_until\": \"2027-01-01\", \"code_kind\":"
         " \"shared\", \"shared_code\": \"X1\"",
         "invalid_argument", "valid_until"},
        {"\"valid_from\": \"2027-02-30\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"shared\", \"shared_code\": \"X1\"",
         "invalid_argument", "valid_from"},
        {"\"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"single_use\", \"codes\": []",
         "invalid_argument", "codes"},
        {"\"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"single_use\", \"codes\": [\"A\", \"A\"]",
         "invalid_argument", "codes"},
        {"\"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"shared\", \"shared_code\": \"has space\"",
         "invalid_argument", "shared_code"},
        {"\"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"lottery\"",
         "invalid_argument", "code_kind"},
        {"\"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-03-01\", \"code_kind\":"
         " \"shared\", \"shared_code\": \"X1\", \"building_ids\": [\"NOPE\"]",
         "not_found", "NOPE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"partner\": \"P\", \"title\": \"T\", \"description\": \"D\", %s}",
                 cases[i].body);
        check_error_mentioning("POST", "/v1/test/offers", body, NULL,
                               strcmp(cases[i].code, "not_found") == 0 ? 404 : 400, cases[i].code,
                               cases[i].mentions);
    }
}
END_TEST

/* ---- event waitlists -------------------------------------------------------------------- */

/*
 * A capacity-1 event: Asha goes; Vikram, Meera and Dev are waitlisted 1, 2, 3 in the order they
 * asked (Vikram asking again keeps his place); Meera leaving the waitlist moves Dev up; Asha
 * dropping out promotes Vikram (told once, in the building's time, linking the event) and Dev
 * becomes first; the counts follow; nobody else is told.
 */
START_TEST(test_waitlist_promotes_in_order)
{
    char event[64], state[64];
    create_event(1, event);
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char *meera = sign_up_on_demand("+919876500011"), *dev = sign_up_on_demand("+919876500012");
    char *cursor_owner = vikram, cursor[1024] = "";
    cJSON_Delete(pull_all(cursor_owner, cursor, sizeof cursor));
    rsvp(asha, "a1", 1, event, "going");
    rsvp(vikram, "v1", 1, event, "going");
    rsvp(meera, "m1", 1, event, "going");
    rsvp(dev, "d1", 1, event, "going");
    rsvp(vikram, "v1", 2, event, "going");
    rsvp_state(ASHA, event, state, sizeof state);
    ck_assert_str_eq(state, "going");
    rsvp_state(VIKRAM, event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:1");
    rsvp_state("+919876500011", event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:2");
    rsvp_state("+919876500012", event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:3");
    event_counts(event, state, sizeof state);
    ck_assert_str_eq(state, "1/3");

    rsvp(meera, "m1", 2, event, "not_going");
    rsvp_state("+919876500011", event, state, sizeof state);
    ck_assert_str_eq(state, "not_going");
    rsvp_state("+919876500012", event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:2");
    rsvp_state(VIKRAM, event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:1");
    event_counts(event, state, sizeof state);
    ck_assert_str_eq(state, "1/2");

    ck_assert_int_eq(stub_set_clock(stub, T0 + HOUR_MS), 0);
    rsvp(asha, "a1", 2, event, "not_going");
    rsvp_state(VIKRAM, event, state, sizeof state);
    ck_assert_str_eq(state, "going");
    rsvp_state("+919876500012", event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:1");
    event_counts(event, state, sizeof state);
    ck_assert_str_eq(state, "1/1");
    /* Vikram's pull carries his promotion and the event's counts. */
    cJSON *changes = pull_all(cursor_owner, cursor, sizeof cursor);
    const cJSON *c = last_change(changes, "rsvp", event);
    ck_assert_str_eq(str(field(c, "data"), "status"), "going");
    c = last_change(changes, "event", event);
    ck_assert_int_eq(num(field(c, "data"), "waitlist_count"), 1);
    cJSON_Delete(changes);

    cJSON *list = notices(VIKRAM, "event.promoted");
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    const cJSON *n = cJSON_GetArrayItem(list, 0);
    ck_assert_str_eq(str(n, "title"), "You're in: Pop-up talk, Tue 5 Jan 2027 10:00 IST");
    ck_assert_str_eq(str(n, "category"), "events");
    char link[128];
    snprintf(link, sizeof link, "membercore://events/%s", event);
    ck_assert_str_eq(str(n, "deep_link"), link);
    ck_assert(strstr(str(n, "body"), "Indiranagar") != NULL);
    ck_assert_int_eq(num(n, "created_at_ms"), T0 + HOUR_MS);
    cJSON_Delete(list);
    const char *const untold[] = {ASHA, "+919876500011", "+919876500012"};
    for (int i = 0; i < 3; i++) {
        list = notices(untold[i], "event.promoted");
        ck_assert_int_eq(cJSON_GetArraySize(list), 0);
        cJSON_Delete(list);
    }
    /* Going again after leaving: last in line. */
    rsvp(meera, "m1", 3, event, "going");
    rsvp_state("+919876500011", event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:2");
    free(asha);
    free(vikram);
    free(meera);
    free(dev);
}
END_TEST

/* Once the event has started nobody is promoted: a place freed then stays free, the line stays
 * as it was, and nobody is told. */
START_TEST(test_no_promotion_once_started)
{
    char event[64], state[64];
    create_event(1, event);
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    rsvp(asha, "a1", 1, event, "going");
    rsvp(vikram, "v1", 1, event, "going");
    ck_assert_int_eq(stub_set_clock(stub, T0 + DAY_MS), 0); /* the talk starts */
    rsvp(asha, "a1", 2, event, "not_going");
    rsvp_state(VIKRAM, event, state, sizeof state);
    ck_assert_str_eq(state, "waitlisted:1");
    event_counts(event, state, sizeof state);
    ck_assert_str_eq(state, "0/1");
    cJSON *list = notices(VIKRAM, "event.promoted");
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);
    free(asha);
    free(vikram);
}
END_TEST

typedef struct rsvper {
    const char *token;
    char body[512];
    pthread_barrier_t *start;
} rsvper;

static void *rsvp_race(void *arg)
{
    rsvper *r = arg;
    char *text = NULL;
    pthread_barrier_wait(r->start);
    stub_request(stub, "POST", "/v1/sync/push", r->body, r->token, &text);
    free(text);
    return NULL;
}

/* Eight members saying going at once to a capacity-3 event: three go, five wait in distinct
 * places 1..5; then the three drop out one by one and the first three in line go. */
START_TEST(test_racing_rsvps_fill_then_wait_in_line)
{
    enum { RACERS = 8, CAPACITY = 3 };
    char event[64];
    create_event(CAPACITY, event);
    char *tokens[RACERS], phones[RACERS][20];
    for (int i = 0; i < RACERS; i++) {
        snprintf(phones[i], sizeof phones[i], "+9198765001%02d", i);
        tokens[i] = sign_up_on_demand(phones[i]);
    }
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, RACERS);
    rsvper racers[RACERS];
    pthread_t threads[RACERS];
    for (int i = 0; i < RACERS; i++) {
        racers[i].token = tokens[i];
        racers[i].start = &barrier;
        snprintf(racers[i].body, sizeof racers[i].body,
                 "{\"client_id\":\"r%d\",\"mutations\":[{\"mutation_id\":1,\"idempotency_key\":"
                 "\"r%d-1\",\"kind\":\"rsvp.set\",\"payload\":{\"event_id\":\"%s\",\"status\":"
                 "\"going\"}}]}",
                 i, i, event);
        ck_assert_int_eq(pthread_create(&threads[i], NULL, rsvp_race, &racers[i]), 0);
    }
    for (int i = 0; i < RACERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    int goers[CAPACITY], going = 0, place_of[RACERS + 1] = {0}, who_at[RACERS + 1];
    for (int i = 0; i < RACERS; i++) {
        cJSON *r = seen(phones[i], "rsvp", event);
        ck_assert_ptr_nonnull(r);
        if (strcmp(str(r, "status"), "going") == 0) {
            ck_assert_int_lt(going, CAPACITY);
            goers[going++] = i;
        } else {
            ck_assert_str_eq(str(r, "status"), "waitlisted");
            int64_t p = num(r, "waitlist_position");
            ck_assert(p >= 1 && p <= RACERS - CAPACITY);
            ck_assert_int_eq(place_of[p]++, 0);
            who_at[p] = i;
        }
        cJSON_Delete(r);
    }
    ck_assert_int_eq(going, CAPACITY);
    char counts[32];
    event_counts(event, counts, sizeof counts);
    ck_assert_str_eq(counts, "3/5");
    /* The goers drop out: positions 1, 2, 3 are promoted in that order. */
    int promoted = 0;
    for (int k = 0; k < CAPACITY; k++) {
        char client[16];
        snprintf(client, sizeof client, "drop%d", k);
        rsvp(tokens[goers[k]], client, 1, event, "not_going");
        promoted++;
        char state[32];
        rsvp_state(phones[who_at[promoted]], event, state, sizeof state);
        ck_assert_str_eq(state, "going");
        if (promoted < RACERS - CAPACITY) {
            rsvp_state(phones[who_at[RACERS - CAPACITY]], event, state, sizeof state);
            char expect[32];
            snprintf(expect, sizeof expect, "waitlisted:%d", RACERS - CAPACITY - promoted);
            ck_assert_str_eq(state, expect);
        }
    }
    ck_assert_int_eq(promoted, CAPACITY);
    event_counts(event, counts, sizeof counts);
    ck_assert_str_eq(counts, "3/2");
    for (int i = 0; i < RACERS; i++)
        free(tokens[i]);
}
END_TEST

static Suite *community_suite(void)
{
    Suite *s = suite_create("stub_community");
    TCase *announcements = tcase_create("announcements");
    tcase_add_checked_fixture(announcements, setup, teardown);
    tcase_set_timeout(announcements, 120);
    tcase_add_test(announcements, test_announcements_reach_their_building);
    tcase_add_test(announcements, test_posted_announcement_syncs_and_notifies);
    tcase_add_test(announcements, test_expired_announcements_leave_snapshots);
    tcase_add_test(announcements, test_announcement_read_is_per_member);
    suite_add_tcase(s, announcements);
    TCase *offers = tcase_create("offers");
    tcase_add_checked_fixture(offers, setup, teardown);
    tcase_set_timeout(offers, 180);
    tcase_add_test(offers, test_offers_in_scope_of_the_building);
    tcase_add_test(offers, test_shared_offer_gives_everyone_its_code);
    tcase_add_test(offers, test_single_use_codes_go_one_per_member);
    tcase_add_test(offers, test_many_members_race_for_a_pool);
    tcase_add_test(offers, test_offer_validity_in_building_time);
    tcase_add_test(offers, test_offer_creation_refusals);
    suite_add_tcase(s, offers);
    TCase *waitlists = tcase_create("waitlists");
    tcase_add_checked_fixture(waitlists, setup, teardown);
    tcase_set_timeout(waitlists, 180);
    tcase_add_test(waitlists, test_waitlist_promotes_in_order);
    tcase_add_test(waitlists, test_no_promotion_once_started);
    tcase_add_test(waitlists, test_racing_rsvps_fill_then_wait_in_line);
    suite_add_tcase(s, waitlists);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(community_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
