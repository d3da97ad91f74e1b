/*
 * tests/stub/test_stub_staff.c - the ground staff's ticket routes over real HTTP
 * (docs/tickets-protocol.md, "Staff routes"): the whole flow a member's ticket takes in
 * staff hands (queue, assign, start, comment publicly and internally, resolve) and what the
 * member sees of it (each status, the reply, never the note, a notification each time), the
 * queue's SLA order and its filters, the moves refused with their words, a closed ticket's
 * comments refused, assigning to a colleague or to someone who is not one, members refused
 * (403) and another building's staff unable to read or touch a ticket (404). Each test runs
 * its own memberstub (fresh database, test mode, server clock at T0: Monday 10:00 in
 * Bengaluru) and requires it to exit cleanly.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_process.h"
#include "stub_test_util.h"

#define ASHA  "+919800000001" /* member at BLR-1 */
#define KIRAN "+919800000010" /* staff, BLR-1 */
#define TOM   "+447700900010" /* staff, LON-1 */
#define PRIYA "+919800000009" /* staff, BLR-1 */

#define MINUTE_MS 60000LL
#define DAY_MS    (24 * 60 * MINUTE_MS)

/* ---- helpers ---------------------------------------------------------------------------- */

/* Apply one mutation (kind, payload) as token through sync push from client, numbered n. */
static void apply(const char *token, const char *client, int n, const char *kind,
                  const char *payload)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"client_id\":\"%s\",\"mutations\":[{\"mutation_id\":%d,"
             "\"idempotency_key\":\"%s-%d\",\"kind\":\"%s\",\"payload\":%s}]}",
             client, n, client, n, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
    ck_assert_msg(strcmp(str(r, "status"), "applied") == 0, "%s refused: %s", kind,
                  str(r, "message"));
    cJSON_Delete(answer);
}

/* Asha files a ticket (ticket.create, mutation n); its id ("tkt_" + 32 hex from n). */
static void file_ticket(const char *token, int n, const char *category, const char *priority,
                        char id[64])
{
    snprintf(id, 64, "tkt_%032x", n);
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"ticket_id\":\"%s\",\"building_id\":\"BLR-1\",\"category_id\":\"%s\","
             "\"priority\":\"%s\",\"description\":\"Ticket %d needs a look\","
             "\"location\":null,\"photos\":[]}",
             id, category, priority, n);
    apply(token, "staff-test", n, "ticket.create", payload);
}

/* The titles of the pushes delivered to phone's devices, "|"-joined, into out. */
static void push_titles(const char *phone, char *out, size_t cap)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/pushes?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    size_t used = 0;
    out[0] = '\0';
    const cJSON *p;
    cJSON_ArrayForEach(p, field(answer, "pushes"))
    {
        int n = snprintf(out + used, cap - used, "%s%s", used ? "|" : "", str(p, "title"));
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    cJSON_Delete(answer);
}

/* The staff route for ticket (id or number) and action ("" for the ticket itself). */
static void ticket_path(const char *ticket, const char *action, char *out, size_t cap)
{
    snprintf(out, cap, "/v1/staff/tickets/%s%s%s", ticket, action[0] ? "/" : "", action);
}

/* POST body to the ticket's action as token, expecting 200; the ticket answered. */
static cJSON *act(const char *token, const char *ticket, const char *action, const char *body)
{
    char path[160];
    ticket_path(ticket, action, path, sizeof path);
    cJSON *answer = call("POST", path, body, token, 200);
    cJSON *t = cJSON_DetachItemFromObjectCaseSensitive(answer, "ticket");
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(t);
    return t;
}

static cJSON *get_ticket(const char *token, const char *ticket)
{
    char path[160];
    ticket_path(ticket, "", path, sizeof path);
    cJSON *answer = call("GET", path, NULL, token, 200);
    cJSON *t = cJSON_DetachItemFromObjectCaseSensitive(answer, "ticket");
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(t);
    return t;
}

/* The queue as token sees it (status NULL: the default). */
static cJSON *queue(const char *token, const char *status)
{
    char path[96] = "/v1/staff/tickets";
    if (status)
        snprintf(path, sizeof path, "/v1/staff/tickets?status=%s", status);
    cJSON *answer = call("GET", path, NULL, token, 200);
    cJSON *list = cJSON_DetachItemFromObjectCaseSensitive(answer, "tickets");
    cJSON_Delete(answer);
    ck_assert(cJSON_IsArray(list));
    return list;
}

/* The member's own ticket as their sync carries it. */
static cJSON *members_ticket(const char *phone, const char *id)
{
    cJSON *v = sync_view(phone);
    char key[96];
    snprintf(key, sizeof key, "ticket/%s", id);
    cJSON *t = cJSON_DetachItemFromObjectCaseSensitive(v, key);
    cJSON_Delete(v);
    ck_assert_msg(t != NULL, "%s does not see %s", phone, key);
    return t;
}

/* How many of the member's support notifications have a title starting with prefix. */
static int notifications_titled(const char *phone, const char *prefix)
{
    cJSON *v = sync_view(phone);
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "notification/", 13) == 0 &&
            strcmp(str(e, "category"), "support") == 0 &&
            strncmp(str(e, "title"), prefix, strlen(prefix)) == 0)
            n++;
    }
    cJSON_Delete(v);
    return n;
}

/* Whether any timeline entry of t has type `type` (and text, when not NULL). */
static bool has_entry(const cJSON *t, const char *type, const char *text)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, field(t, "timeline"))
    {
        if (strcmp(str(e, "type"), type) == 0 &&
            (text == NULL ||
             (cJSON_IsString(field(e, "text")) && strcmp(str(e, "text"), text) == 0)))
            return true;
    }
    return false;
}

/* {"text": "xxx...x" (chars of them), "internal": internal} (caller frees). */
static char *comment_of(size_t chars, bool internal)
{
    char *body = malloc(chars + 64);
    ck_assert_ptr_nonnull(body);
    size_t at = (size_t)sprintf(body, "{\"text\":\"");
    memset(body + at, 'x', chars);
    sprintf(body + at + chars, "\",\"internal\":%s}", internal ? "true" : "false");
    return body;
}

static void check_status(const cJSON *t, const char *status)
{
    ck_assert_str_eq(str(t, "status"), status);
}

/* ---- the flow ---------------------------------------------------------------------------- */

START_TEST(test_staff_flow_from_open_to_resolved)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    char id[64];
    apply(asha, "asha-phone", 1, "device.push_token",
          "{\"provider\":\"fcm\",\"token\":\"fcm-asha\",\"client_id\":\"asha-phone\"}");
    file_ticket(asha, 1, "cleaning.washroom", "high", id);

    /* Kiran's queue has it: its number, reporter, no assignee, no response yet. */
    cJSON *list = queue(kiran, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    const cJSON *first = cJSON_GetArrayItem(list, 0);
    ck_assert_str_eq(str(first, "id"), id);
    ck_assert_str_eq(str(first, "number"), "T-1001");
    ck_assert_str_eq(str(field(first, "reporter"), "name"), "Asha Rao");
    ck_assert(cJSON_IsNull(field(first, "assignee_id")));
    ck_assert(cJSON_IsNull(field(field(first, "sla"), "responded_at_ms")));
    cJSON_Delete(list);

    /* Assign to self, by number: assigned, the first response. */
    stub_advance_clock(stub, 5 * MINUTE_MS);
    cJSON *t = act(kiran, "T-1001", "assign", "{}");
    check_status(t, "assigned");
    ck_assert_str_eq(str(t, "assignee_name"), "Kiran Das");
    ck_assert_str_eq(str(t, "assignee_id"), "usr_5eed000000000010");
    ck_assert_int_eq(num(field(t, "sla"), "responded_at_ms"), T0 + 5 * MINUTE_MS);
    cJSON_Delete(t);
    cJSON *m = members_ticket(ASHA, id);
    check_status(m, "assigned");
    ck_assert_str_eq(str(m, "assignee_name"), "Kiran Das");
    cJSON_Delete(m);
    ck_assert_int_eq(notifications_titled(ASHA, "T-1001 assigned"), 1);
    int told = notifications_titled(ASHA, "T-1001");

    /* Start. */
    stub_advance_clock(stub, 5 * MINUTE_MS);
    t = act(kiran, id, "status", "{\"status\":\"in_progress\"}");
    check_status(t, "in_progress");
    ck_assert_int_eq(num(field(t, "sla"), "responded_at_ms"), T0 + 5 * MINUTE_MS);
    cJSON_Delete(t);
    ck_assert_int_eq(notifications_titled(ASHA, "T-1001"), ++told);

    /* A public reply and an internal note. */
    t = act(kiran, id, "comments", "{\"text\":\"  On my way with supplies.  \"}");
    ck_assert(has_entry(t, "comment", "On my way with supplies."));
    cJSON_Delete(t);
    t = act(kiran, id, "comments",
            "{\"text\":\"Third time this week: check the flush valve.\",\"internal\":true}");
    ck_assert(has_entry(t, "note", "Third time this week: check the flush valve."));
    const cJSON *e;
    cJSON_ArrayForEach(e, field(t, "timeline"))
    {
        ck_assert_int_eq(cJSON_IsTrue(field(e, "internal")), strcmp(str(e, "type"), "note") == 0);
    }
    cJSON_Delete(t);
    ck_assert_int_eq(notifications_titled(ASHA, "T-1001"), ++told); /* the reply; the note: none */

    /* Resolve within the SLA (30 business minutes for high): met. */
    stub_advance_clock(stub, 10 * MINUTE_MS);
    t = act(kiran, id, "status", "{\"status\":\"resolved\"}");
    check_status(t, "resolved");
    ck_assert_str_eq(str(field(t, "sla"), "outcome"), "met");
    ck_assert_int_eq(num(t, "resolved_at_ms"), T0 + 20 * MINUTE_MS);
    cJSON_Delete(t);
    ck_assert_int_eq(notifications_titled(ASHA, "T-1001 resolved"), 1);
    ck_assert_int_eq(notifications_titled(ASHA, "T-1001"), ++told);

    /* The member's ticket: every status, the reply, never the note. */
    m = members_ticket(ASHA, id);
    check_status(m, "resolved");
    ck_assert(has_entry(m, "comment", "On my way with supplies."));
    ck_assert(!has_entry(m, "note", NULL));
    char *text = cJSON_PrintUnformatted(m);
    ck_assert_ptr_null(strstr(text, "flush valve"));
    ck_assert_ptr_null(strstr(text, "internal"));
    free(text);
    const char *want[] = {"assigned", "in_progress", "resolved"};
    size_t seen = 0;
    cJSON_ArrayForEach(e, field(m, "timeline"))
    {
        if (strcmp(str(e, "type"), "status") == 0 && seen < 3)
            ck_assert_str_eq(str(e, "to"), want[seen++]);
    }
    ck_assert_int_eq((int)seen, 3);
    cJSON_Delete(m);

    /* Her phone was pushed each notification: filed, assigned, started, the reply, resolved;
     * never the note. */
    char titles[1024];
    push_titles(ASHA, titles, sizeof titles);
    ck_assert_msg(strstr(titles, "T-1001 assigned") && strstr(titles, "T-1001 new reply") &&
                      strstr(titles, "T-1001 resolved"),
                  "pushes: %s", titles);
    int pushed = 1;
    for (const char *p = titles; (p = strchr(p, '|')) != NULL; p++)
        pushed++;
    ck_assert_int_eq(pushed, told);

    /* The resolved queue has it; the active one no longer does. */
    list = queue(kiran, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);
    list = queue(kiran, "resolved");
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    cJSON_Delete(list);

    /* Reopen: back with its assignee; resolving again late is breached. */
    t = act(kiran, id, "status", "{\"status\":\"open\"}");
    check_status(t, "assigned");
    ck_assert(cJSON_IsNull(field(field(t, "sla"), "outcome")));
    cJSON_Delete(t);
    stub_advance_clock(stub, 3 * 60 * MINUTE_MS);
    t = act(kiran, id, "status", "{\"status\":\"resolved\"}");
    ck_assert_str_eq(str(field(t, "sla"), "outcome"), "breached");
    cJSON_Delete(t);
    free(asha);
    free(kiran);
}
END_TEST

START_TEST(test_queue_is_ordered_by_resolution_due_and_filtered)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    char chair[64], washroom[64], wifi[64];
    file_ticket(asha, 1, "furniture.chair", "low", chair);       /* 2880 minutes */
    file_ticket(asha, 2, "cleaning.washroom", "high", washroom); /* 30 minutes */
    file_ticket(asha, 3, "it.wifi", "urgent", wifi);             /* 15 minutes */
    cJSON *list = queue(kiran, "active");
    ck_assert_int_eq(cJSON_GetArraySize(list), 3);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 0), "id"), wifi);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 1), "id"), washroom);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 2), "id"), chair);
    int64_t previous = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, list)
    {
        int64_t due = num(field(t, "sla"), "resolution_due_ms");
        ck_assert_int_ge(due, previous);
        previous = due;
    }
    cJSON_Delete(list);

    cJSON_Delete(act(kiran, washroom, "assign", "{\"assignee_id\":null}"));
    list = queue(kiran, "open");
    ck_assert_int_eq(cJSON_GetArraySize(list), 2);
    cJSON_Delete(list);
    list = queue(kiran, "assigned");
    ck_assert_int_eq(cJSON_GetArraySize(list), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 0), "id"), washroom);
    cJSON_Delete(list);
    list = queue(kiran, "all");
    ck_assert_int_eq(cJSON_GetArraySize(list), 3);
    cJSON_Delete(list);
    list = queue(kiran, "closed");
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);
    check_error_mentioning("GET", "/v1/staff/tickets?status=urgent", NULL, kiran, 400,
                           "invalid_argument", "urgent");
    free(asha);
    free(kiran);
}
END_TEST

/* ---- moves refused --------------------------------------------------------------------- */

START_TEST(test_moves_refused_name_from_and_to)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    char id[64], path[160];
    file_ticket(asha, 1, "it.printer", "normal", id);
    ticket_path(id, "status", path, sizeof path);
    /* open: cannot be started (assign it first), resolved by staff, or reopened */
    check_error_mentioning("POST", path, "{\"status\":\"in_progress\"}", kiran, 409,
                           "invalid_transition", "assign it first");
    check_error_mentioning("POST", path, "{\"status\":\"open\"}", kiran, 409, "invalid_transition",
                           "open");
    check_error_mentioning("POST", path, "{\"status\":\"assigned\"}", kiran, 400,
                           "invalid_argument", "assign");
    check_error("POST", path, "{\"status\":\"closed\"}", kiran, 400, "invalid_argument");
    check_error("POST", path, "{}", kiran, 400, "invalid_argument");
    cJSON *t = get_ticket(kiran, id);
    check_status(t, "open");
    cJSON_Delete(t);

    /* resolved: no assignment, no start, no second resolve */
    cJSON_Delete(act(kiran, id, "assign", "{}"));
    cJSON_Delete(act(kiran, id, "status", "{\"status\":\"resolved\"}"));
    char assign[160];
    ticket_path(id, "assign", assign, sizeof assign);
    check_error_mentioning("POST", assign, "{}", kiran, 409, "invalid_transition", "resolved");
    check_error_mentioning("POST", path, "{\"status\":\"in_progress\"}", kiran, 409,
                           "invalid_transition", "resolved");
    check_error_mentioning("POST", path, "{\"status\":\"resolved\"}", kiran, 409,
                           "invalid_transition", "resolved");

    /* 7 days after resolution it closes: no comment, no reopen */
    stub_advance_clock(stub, 7 * DAY_MS + MINUTE_MS);
    t = get_ticket(kiran, id);
    check_status(t, "closed");
    cJSON_Delete(t);
    char comments[160];
    ticket_path(id, "comments", comments, sizeof comments);
    check_error_mentioning("POST", comments, "{\"text\":\"Any news?\"}", kiran, 409,
                           "ticket_closed", "closed");
    check_error_mentioning("POST", comments, "{\"text\":\"note\",\"internal\":true}", kiran, 409,
                           "ticket_closed", "closed");
    ck_assert_int_eq(stub_request(stub, "POST", path, "{\"status\":\"open\"}", kiran, NULL), 409);
    free(asha);
    free(kiran);
}
END_TEST

START_TEST(test_comment_text_is_checked)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    char id[64], path[160];
    file_ticket(asha, 1, "it.wifi", "normal", id);
    ticket_path(id, "comments", path, sizeof path);
    check_error("POST", path, "{}", kiran, 400, "invalid_argument");
    check_error("POST", path, "{\"text\":\"   \"}", kiran, 400, "invalid_argument");
    check_error("POST", path, "{\"text\":\"ok\",\"internal\":\"yes\"}", kiran, 400,
                "invalid_argument");
    char *body = comment_of(2001, false);
    check_error("POST", path, body, kiran, 400, "description_too_long");
    free(body);
    body = comment_of(2000, true); /* 2000 is fine */
    cJSON_Delete(act(kiran, id, "comments", body));
    free(body);
    free(asha);
    free(kiran);
}
END_TEST

/* ---- colleagues ------------------------------------------------------------------------ */

START_TEST(test_assign_to_a_colleague_or_refuse_a_stranger)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN), *priya = token_for(PRIYA);
    cJSON *answer = call("GET", "/v1/staff/colleagues", NULL, kiran, 200);
    const cJSON *staff = field(answer, "staff");
    ck_assert_int_eq(cJSON_GetArraySize(staff), 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(staff, 0), "name"), "Kiran Das");
    ck_assert_str_eq(str(cJSON_GetArrayItem(staff, 1), "name"), "Priya Nair");
    const char *priya_id = str(cJSON_GetArrayItem(staff, 1), "id");

    char id[64], path[160], body[128];
    file_ticket(asha, 1, "facilities.lighting", "normal", id);
    ticket_path(id, "assign", path, sizeof path);
    check_error_mentioning("POST", path, "{\"assignee_id\":\"usr_5eed000000000011\"}", kiran, 422,
                           "not_a_colleague", "BLR-1");
    check_error("POST", path, "{\"assignee_id\":\"usr_5eed000000000001\"}", kiran, 422,
                "not_a_colleague");
    check_error("POST", path, "{\"assignee_id\":42}", kiran, 400, "invalid_argument");
    snprintf(body, sizeof body, "{\"assignee_id\":\"%s\"}", priya_id);
    cJSON *t = act(kiran, id, "assign", body);
    check_status(t, "assigned");
    ck_assert_str_eq(str(t, "assignee_name"), "Priya Nair");
    cJSON_Delete(t);

    /* Reassigning keeps an in-progress ticket in progress. */
    cJSON_Delete(act(priya, id, "status", "{\"status\":\"in_progress\"}"));
    t = act(priya, id, "assign", "{\"assignee_id\":\"usr_5eed000000000010\"}");
    check_status(t, "in_progress");
    ck_assert_str_eq(str(t, "assignee_name"), "Kiran Das");
    cJSON_Delete(t);
    cJSON_Delete(answer);
    free(asha);
    free(kiran);
    free(priya);
}
END_TEST

/* ---- who may -------------------------------------------------------------------------- */

START_TEST(test_members_are_refused_staff_routes)
{
    char *asha = token_for(ASHA);
    char id[64], path[160];
    file_ticket(asha, 1, "cleaning.pantry", "normal", id);
    check_error_mentioning("GET", "/v1/staff/tickets", NULL, asha, 403, "forbidden", "staff only");
    check_error("GET", "/v1/staff/colleagues", NULL, asha, 403, "forbidden");
    ticket_path(id, "", path, sizeof path);
    check_error("GET", path, NULL, asha, 403, "forbidden");
    const char *actions[] = {"assign", "status", "comments"};
    const char *bodies[] = {"{}", "{\"status\":\"in_progress\"}", "{\"text\":\"hi\"}"};
    for (int i = 0; i < 3; i++) {
        ticket_path(id, actions[i], path, sizeof path);
        check_error("POST", path, bodies[i], asha, 403, "forbidden");
    }
    check_error("GET", "/v1/staff/tickets", NULL, NULL, 401, "unauthorized");
    cJSON *m = members_ticket(ASHA, id);
    check_status(m, "open");
    cJSON_Delete(m);
    free(asha);
}
END_TEST

START_TEST(test_another_buildings_staff_cannot_read_or_act)
{
    char *asha = token_for(ASHA), *tom = token_for(TOM), *kiran = token_for(KIRAN);
    char id[64], path[160];
    file_ticket(asha, 1, "access.card", "urgent", id);
    cJSON *list = queue(tom, "all");
    ck_assert_int_eq(cJSON_GetArraySize(list), 0);
    cJSON_Delete(list);
    const char *names[] = {id, "T-1001"};
    for (int n = 0; n < 2; n++) {
        ticket_path(names[n], "", path, sizeof path);
        check_error("GET", path, NULL, tom, 404, "not_found");
        const char *actions[] = {"assign", "status", "comments"};
        const char *bodies[] = {"{}", "{\"status\":\"in_progress\"}",
                                "{\"text\":\"hi\",\"internal\":true}"};
        for (int i = 0; i < 3; i++) {
            ticket_path(names[n], actions[i], path, sizeof path);
            check_error("POST", path, bodies[i], tom, 404, "not_found");
        }
    }
    check_error("GET", "/v1/staff/tickets/T-9999", NULL, kiran, 404, "not_found");
    cJSON *t = get_ticket(kiran, "T-1001");
    check_status(t, "open");
    ck_assert_int_eq(cJSON_GetArraySize(field(t, "timeline")), 1); /* created only */
    cJSON_Delete(t);
    cJSON *answer = call("GET", "/v1/staff/colleagues", NULL, tom, 200);
    ck_assert_int_eq(cJSON_GetArraySize(field(answer, "staff")), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(field(answer, "staff"), 0), "name"), "Tom Reed");
    cJSON_Delete(answer);
    free(asha);
    free(tom);
    free(kiran);
}
END_TEST

static Suite *stub_staff_suite(void)
{
    Suite *s = suite_create("stub_staff");
    TCase *flow = tcase_create("flow");
    tcase_add_checked_fixture(flow, setup, teardown);
    tcase_set_timeout(flow, 60);
    tcase_add_test(flow, test_staff_flow_from_open_to_resolved);
    tcase_add_test(flow, test_queue_is_ordered_by_resolution_due_and_filtered);
    tcase_add_test(flow, test_moves_refused_name_from_and_to);
    tcase_add_test(flow, test_comment_text_is_checked);
    tcase_add_test(flow, test_assign_to_a_colleague_or_refuse_a_stranger);
    suite_add_tcase(s, flow);
    TCase *access = tcase_create("access");
    tcase_add_checked_fixture(access, setup, teardown);
    tcase_set_timeout(access, 60);
    tcase_add_test(access, test_members_are_refused_staff_routes);
    tcase_add_test(access, test_another_buildings_staff_cannot_read_or_act);
    suite_add_tcase(s, access);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_staff_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
