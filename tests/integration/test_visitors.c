/*
 * tests/integration/test_visitors.c - a member's visitors and reception, end to end through
 * the public API (membercore/visitors.h) against a real memberstub: Asha Rao invites a
 * visitor offline (pending), syncs (invited; the server emailed and texted the code, which
 * reception can check in by), cancels one (reception then refuses it), invites the same
 * person again; a refusal by the server rolls the invitation back with the rule's words;
 * Kiran Das (staff, BLR-1) lists the day's visitors and checks one in by the SMS code or the
 * QR payload (another date is refused by name), and Asha's visitor is arrived after her sync,
 * as after a scan at the door; walk-ins approved, declined, and declined by the timeout (the
 * stub's clock), a late decision refused. Tom Reed (staff, LON-1) gets not found for BLR-1's
 * visitor; the member gets forbidden from reception.
 *
 * Both clocks (the stub's and the clients') are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/visitors.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA  "+919800000001"
#define KIRAN "+919800000010"
#define TOM   "+447700900010"
#define RAVI  "+919812345678"
/* Monday 2027-01-04 10:00 in Bengaluru: BLR-1 is open (closed on Sundays) */
#define T0        1799037000000LL
#define MINUTE_MS 60000LL
#define DAY_MS    86400000LL

static helper_fixture f;

static void setup(void)
{
    helper_fixture_start(&f, T0);
}

static void teardown(void)
{
    helper_fixture_stop(&f);
}

static void sync_now(mc_client *c)
{
    ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
}

static char *invite(mc_client *c, const char *name, const char *email, const char *phone,
                    const char *date, int32_t from, int32_t to)
{
    static char ids[4][MC_VISITOR_ID_CAP];
    static int next;
    char *id = ids[next++ % 4];
    mc_visitor_invitation inv = {name, email, phone, NULL, date, from, to};
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_visitor_invite(c, &inv, id, MC_VISITOR_ID_CAP, &err) == MC_OK, "invite: %s",
                  err.message);
    return id;
}

static mc_visitor *visitor(mc_client *c, const char *id)
{
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_visitor_get(c, id, &v, &err) == MC_OK, "get %s: %s", id, err.message);
    return v;
}

/* The 8 digits of the newest text to phone that carries an entry code ("" when none). */
static void entry_code(const char *phone, char code[9])
{
    code[0] = '\0';
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sms?phone=%%2B%s", phone + 1);
    char *answer = NULL;
    int status = stub_request(f.stub, "GET", path, NULL, NULL, &answer);
    ck_assert_msg(status == 200, "GET %s: HTTP %d %s", path, status, answer ? answer : "");
    cJSON *doc = cJSON_Parse(answer);
    free(answer);
    const cJSON *m;
    cJSON_ArrayForEach(m, cJSON_GetObjectItem(doc, "messages"))
    {
        const char *body = cJSON_GetStringValue(cJSON_GetObjectItem(m, "body"));
        const char *at = body ? strstr(body, "code ") : NULL;
        if (at == NULL)
            continue;
        size_t n = 0;
        for (at += 5; *at && n < 8; at++)
            if (isdigit((unsigned char)*at))
                code[n++] = *at;
            else if (*at != ' ')
                break;
        code[n == 8 ? 8 : 0] = '\0';
    }
    cJSON_Delete(doc);
}

/* How many emails the stub sent to `to`. */
static int emails_to(const char *to)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/test/emails?to=%s", to);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(f.stub, "GET", path, NULL, NULL, &answer), 200);
    cJSON *doc = cJSON_Parse(answer);
    free(answer);
    int n = cJSON_GetArraySize(cJSON_GetObjectItem(doc, "emails"));
    cJSON_Delete(doc);
    return n;
}

/* The QR payload of the newest email to `to` into out ("" when none). */
static void emailed_payload(const char *to, char *out, size_t cap)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/test/emails?to=%s", to);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(f.stub, "GET", path, NULL, NULL, &answer), 200);
    cJSON *doc = cJSON_Parse(answer);
    free(answer);
    out[0] = '\0';
    const cJSON *mail;
    cJSON_ArrayForEach(mail, cJSON_GetObjectItem(doc, "emails"))
    {
        const char *payload = cJSON_GetStringValue(cJSON_GetObjectItem(mail, "payload"));
        if (payload != NULL)
            snprintf(out, cap, "%s", payload);
    }
    cJSON_Delete(doc);
}

/* POST /v1/test/door/scan at BLR-1's door, way in: whether it was granted. */
static bool door_grants(const char *payload)
{
    cJSON *req = cJSON_CreateObject();
    cJSON_AddStringToObject(req, "building", "BLR-1");
    cJSON_AddStringToObject(req, "payload", payload);
    cJSON_AddStringToObject(req, "direction", "in");
    char *body = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    char *answer = NULL;
    int status = stub_request(f.stub, "POST", "/v1/test/door/scan", body, NULL, &answer);
    free(body);
    ck_assert_msg(status == 200, "door scan: HTTP %d %s", status, answer ? answer : "");
    cJSON *doc = cJSON_Parse(answer);
    free(answer);
    bool granted = cJSON_IsTrue(cJSON_GetObjectItem(doc, "granted"));
    cJSON_Delete(doc);
    return granted;
}

START_TEST(test_invite_offline_sync_cancel_and_again)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;

    /* Offline: it lists at once, pending. */
    char id[MC_VISITOR_ID_CAP];
    strcpy(id,
           invite(asha, "Ravi Kumar", "ravi@example.com", "98123 45678", "2027-01-05", 600, 720));
    mc_visitor_list *list = NULL;
    ck_assert_int_eq(mc_visitors_list(asha, true, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, id);
    ck_assert(list->items[0].pending);
    ck_assert_int_eq(list->items[0].status, MC_VISITOR_INVITED);
    mc_visitor_list_free(list);
    ck_assert_int_eq(emails_to("ravi@example.com"), 0);

    /* Synced: the server's visitor, the email and the text with the code. */
    sync_now(asha);
    mc_visitor *v = visitor(asha, id);
    ck_assert_int_eq(v->status, MC_VISITOR_INVITED);
    ck_assert(!v->pending);
    ck_assert_str_eq(v->phone, RAVI);
    ck_assert_str_eq(v->date, "2027-01-05");
    ck_assert_int_eq(v->window_from.hour, 10);
    ck_assert_str_eq(v->window_from.label, "IST");
    ck_assert_uint_gt(v->created_at_ms, 0);
    mc_visitor_free(v);
    ck_assert_int_eq(emails_to("ravi@example.com"), 1);
    char code[9];
    entry_code(RAVI, code);
    ck_assert_msg(strlen(code) == 8, "no entry code texted to %s", RAVI);

    /* Reception sees the day's visitors with their host. */
    ck_assert_int_eq(mc_reception_visitors(kiran, "2027-01-05", &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, id);
    ck_assert_str_eq(list->items[0].host_name, "Asha Rao");
    ck_assert_str_eq(list->items[0].window_to.label, "IST");
    ck_assert_int_eq(list->items[0].window_to.hour, 12);
    mc_visitor_list_free(list);

    /* Cancelled: at once, then on the server; reception can no longer check the code in. */
    ck_assert_int_eq(mc_visitor_cancel(asha, id, &err), MC_OK);
    v = visitor(asha, id);
    ck_assert_int_eq(v->status, MC_VISITOR_CANCELLED);
    ck_assert(v->pending);
    mc_visitor_free(v);
    sync_now(asha);
    v = visitor(asha, id);
    ck_assert_int_eq(v->status, MC_VISITOR_CANCELLED);
    ck_assert(!v->pending);
    mc_visitor_free(v);
    helper_fixture_set_now(&f, T0 + DAY_MS);
    mc_visitor *in = NULL;
    ck_assert_int_eq(mc_reception_checkin(kiran, code, &in, &err), MC_ERR_STATE);
    ck_assert_ptr_null(in);
    ck_assert_msg(strstr(err.message, "cancel") != NULL, "%s", err.message);

    /* Invited again for Wednesday without retyping. */
    char again[MC_VISITOR_ID_CAP];
    ck_assert_int_eq(
        mc_visitor_invite_again(asha, id, "2027-01-06", -1, -1, again, sizeof again, &err), MC_OK);
    sync_now(asha);
    v = visitor(asha, again);
    ck_assert_int_eq(v->status, MC_VISITOR_INVITED);
    ck_assert_str_eq(v->name, "Ravi Kumar");
    ck_assert_str_eq(v->email, "ravi@example.com");
    ck_assert_str_eq(v->phone, RAVI);
    ck_assert_int_eq(v->window_from_min, -1);
    mc_visitor_free(v);
    ck_assert_int_eq(emails_to("ravi@example.com"), 2);
    ck_assert_int_eq(mc_visitors_list(asha, false, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 2);
    ck_assert_str_eq(list->items[0].id, again); /* newest date first */
    mc_visitor_list_free(list);
    mc_client_free(kiran);
    mc_client_free(asha);
}
END_TEST

/* What the MUTATION_REJECTED event said (called on the syncing thread: this one). */
typedef struct rejection {
    int count;
    char kind[32], entity_id[MC_VISITOR_ID_CAP], server_code[32], message[256];
} rejection;

static void on_rejected(void *context, const mc_sync_event *event)
{
    rejection *r = context;
    r->count++;
    snprintf(r->kind, sizeof r->kind, "%s", event->mutation_kind);
    snprintf(r->entity_id, sizeof r->entity_id, "%s", event->entity_id);
    snprintf(r->server_code, sizeof r->server_code, "%s", event->server_code);
    snprintf(r->message, sizeof r->message, "%s", event->message);
}

START_TEST(test_a_refusal_rolls_the_invitation_back)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    rejection told = {0};
    uint64_t token = 0;
    ck_assert_int_eq(mc_sync_listener_add(asha, MC_SYNC_EVENT_MUTATION_REJECTED,
                                          MC_DELIVER_IMMEDIATE, on_rejected, &told, &token, &err),
                     MC_OK);
    /* Today is fine on this device; by the time it reaches the server, today has passed. */
    char id[MC_VISITOR_ID_CAP];
    strcpy(id, invite(asha, "Late Guest", "late@example.com", NULL, "2027-01-04", -1, -1));
    helper_fixture_set_now(&f, T0 + DAY_MS);
    mc_sync_once(asha, NULL, NULL);
    mc_visitor *v = NULL;
    ck_assert_int_eq(mc_visitor_get(asha, id, &v, &err), MC_ERR_NOT_FOUND);
    mc_visitor_list *list = NULL;
    ck_assert_int_eq(mc_visitors_list(asha, false, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    mc_visitor_list_free(list);
    ck_assert_int_eq(told.count, 1);
    ck_assert_str_eq(told.kind, "visitor.invite");
    ck_assert_str_eq(told.entity_id, id);
    ck_assert_str_eq(told.server_code, "invalid_date");
    ck_assert_msg(strstr(told.message, "2027-01-04") != NULL || strstr(told.message, "4 Jan"), "%s",
                  told.message);
    ck_assert_msg(strstr(told.message, "past") != NULL, "%s", told.message);
    mc_mutation_list *rejected = NULL;
    ck_assert_int_eq(mc_outbox_list(asha, &rejected, &err), MC_OK);
    ck_assert_uint_eq(rejected->count, 1);
    ck_assert_int_eq(rejected->items[0].state, MC_MUTATION_REJECTED);
    ck_assert_str_eq(rejected->items[0].error_server_code, "invalid_date");
    ck_assert_int_eq(rejected->items[0].error_code, MC_ERR_STATE);
    ck_assert_msg(strstr(rejected->items[0].error_message, "past") != NULL, "%s",
                  rejected->items[0].error_message);
    mc_mutation_list_free(rejected);
    mc_client_free(asha);
}
END_TEST

START_TEST(test_reception_checks_a_visitor_in)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_client *tom = helper_fixture_member(&f, "tom", TOM);
    mc_error err = MC_ERROR_INIT;
    char id[MC_VISITOR_ID_CAP];
    strcpy(id, invite(asha, "Ravi Kumar", "ravi@example.com", RAVI, "2027-01-05", 600, 720));
    sync_now(asha);
    char code[9], typed[16];
    entry_code(RAVI, code);
    ck_assert_msg(strlen(code) == 8, "no entry code texted to %s", RAVI);
    snprintf(typed, sizeof typed, " %.4s %.4s ", code, code + 4); /* as the SMS shows it */

    /* Monday: the invitation is for Tuesday, named in the refusal. */
    mc_visitor *in = NULL;
    ck_assert_int_eq(mc_reception_checkin(kiran, id, &in, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "2027-01-05") != NULL || strstr(err.message, "5 Jan"), "%s",
                  err.message);
    /* Another building's desk does not see it; a member is not reception. */
    ck_assert_int_eq(mc_reception_checkin(tom, id, &in, &err), MC_ERR_NOT_FOUND);
    mc_visitor_list *list = NULL;
    ck_assert_int_eq(mc_reception_visitors(asha, NULL, &list, &err), MC_ERR_FORBIDDEN);
    ck_assert_ptr_null(list);
    ck_assert_int_eq(mc_reception_checkin(kiran, "12 34", &in, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_reception_visitors(kiran, "5 Jan", &list, &err), MC_ERR_INVALID_ARG);

    /* Tuesday 10:05: checked in by the code from the SMS; the host's device shows it after a
     * sync. */
    helper_fixture_set_now(&f, T0 + DAY_MS + 5 * MINUTE_MS);
    ck_assert_int_eq(mc_reception_visitors(kiran, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    mc_visitor_list_free(list);
    ck_assert_msg(mc_reception_checkin(kiran, typed, &in, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(in->id, id);
    ck_assert_str_eq(in->host_name, "Asha Rao");
    ck_assert_int_eq(in->status, MC_VISITOR_ARRIVED);
    ck_assert_int_eq(in->checkin, MC_VISITOR_CHECKIN_RECEPTION);
    ck_assert_int_eq(in->arrived_at.hour, 10);
    ck_assert_int_eq(in->arrived_at.minute, 5);
    mc_visitor_free(in);
    ck_assert_int_eq(mc_reception_checkin(kiran, id, &in, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "arrived") != NULL, "%s", err.message);
    sync_now(asha);
    mc_visitor *v = visitor(asha, id);
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert_int_eq(v->checkin, MC_VISITOR_CHECKIN_RECEPTION);
    ck_assert_int_eq(v->arrived_at_ms, T0 + DAY_MS + 5 * MINUTE_MS);
    mc_visitor_free(v);
    ck_assert_int_eq(mc_visitors_list(asha, true, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1); /* arrived today */
    mc_visitor_list_free(list);
    /* the host's alert */
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(asha, false, &inbox, &err), MC_OK);
    bool alerted = false;
    for (size_t i = 0; i < inbox->count; i++)
        alerted = alerted || (strstr(inbox->items[i].deep_link, id) != NULL &&
                              strstr(inbox->items[i].title, "Visitor") != NULL);
    mc_notification_list_free(inbox);
    ck_assert_msg(alerted, "no \"Visitor waiting at reception\" linking %s", id);
    mc_client_free(tom);
    mc_client_free(kiran);
    mc_client_free(asha);
}
END_TEST

START_TEST(test_arrival_at_the_door_and_by_the_qr_payload)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    char ravi[MC_VISITOR_ID_CAP], meera[MC_VISITOR_ID_CAP];
    strcpy(ravi, invite(asha, "Ravi Kumar", "ravi@example.com", NULL, "2027-01-05", 600, 720));
    strcpy(meera, invite(asha, "Meera Iyer", "meera@example.com", NULL, "2027-01-05", -1, -1));
    sync_now(asha);
    char ravi_qr[160], meera_qr[160];
    emailed_payload("ravi@example.com", ravi_qr, sizeof ravi_qr);
    emailed_payload("meera@example.com", meera_qr, sizeof meera_qr);
    ck_assert_msg(strncmp(ravi_qr, "MC1|", 4) == 0, "emailed payload '%s'", ravi_qr);
    ck_assert(!door_grants(ravi_qr)); /* Monday: not yet valid */

    /* Tuesday 09:50: Ravi scans in at the door; Meera is checked in from her QR code. */
    helper_fixture_set_now(&f, T0 + DAY_MS - 10 * MINUTE_MS);
    ck_assert(door_grants(ravi_qr));
    mc_visitor *in = NULL;
    ck_assert_msg(mc_reception_checkin(kiran, meera_qr, &in, &err) == MC_OK, "%s", err.message);
    ck_assert_str_eq(in->id, meera);
    mc_visitor_free(in);
    sync_now(asha);
    mc_visitor *v = visitor(asha, ravi);
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert_int_eq(v->checkin, MC_VISITOR_CHECKIN_DOOR);
    ck_assert_int_eq(v->arrived_at.hour, 9);
    ck_assert_int_eq(v->arrived_at.minute, 50);
    mc_visitor_free(v);
    v = visitor(asha, meera);
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert_int_eq(v->checkin, MC_VISITOR_CHECKIN_RECEPTION);
    mc_visitor_free(v);
    mc_client_free(kiran);
    mc_client_free(asha);
}
END_TEST

static mc_visitor *walk_in(mc_client *kiran, const char *name)
{
    mc_walk_in w = {"98000 00001", name, NULL, NULL};
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_reception_walk_in(kiran, &w, &v, &err) == MC_OK, "walk-in: %s", err.message);
    ck_assert_int_eq(v->status, MC_VISITOR_AWAITING_APPROVAL);
    ck_assert(v->walk_in);
    return v;
}

START_TEST(test_walk_ins_approved_declined_and_timed_out)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_walk_in nobody = {"+919811111111", "Stranger", NULL, NULL};
    mc_visitor *none = NULL;
    ck_assert_int_eq(mc_reception_walk_in(kiran, &nobody, &none, &err), MC_ERR_NOT_FOUND);

    mc_visitor *meera = walk_in(kiran, "Meera Iyer");
    ck_assert_int_eq(meera->approval_due_ms, T0 + 15 * MINUTE_MS);
    ck_assert_str_eq(meera->host_name, "Asha Rao");
    mc_visitor *kabir = walk_in(kiran, "Kabir Shah");
    mc_visitor *late = walk_in(kiran, "Late Answer");
    mc_visitor *silent = walk_in(kiran, "Nobody Answered");
    sync_now(asha);
    mc_visitor *v = visitor(asha, meera->id);
    ck_assert_int_eq(v->status, MC_VISITOR_AWAITING_APPROVAL);
    ck_assert_int_eq(v->approval_due.hour, 10);
    ck_assert_int_eq(v->approval_due.minute, 15);
    mc_visitor_free(v);

    /* Approved and declined by the host: at once, then confirmed. */
    ck_assert_int_eq(mc_visitor_decide(asha, meera->id, true, &err), MC_OK);
    ck_assert_int_eq(mc_visitor_decide(asha, kabir->id, false, &err), MC_OK);
    v = visitor(asha, meera->id);
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert(v->pending);
    mc_visitor_free(v);
    sync_now(asha);
    v = visitor(asha, meera->id);
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert(!v->pending);
    mc_visitor_free(v);
    v = visitor(asha, kabir->id);
    ck_assert_int_eq(v->status, MC_VISITOR_DECLINED);
    ck_assert(!v->declined_by_timeout);
    mc_visitor_free(v);

    /* A decision made at 10:14 that reaches the server at 10:16 is refused and rolls back. */
    helper_fixture_set_now(&f, T0 + 14 * MINUTE_MS);
    ck_assert_int_eq(mc_visitor_decide(asha, late->id, true, &err), MC_OK);
    helper_fixture_set_now(&f, T0 + 16 * MINUTE_MS);
    /* Nobody answered: past the 15 minutes by its own clock, the device refuses at once. */
    ck_assert_int_eq(mc_visitor_decide(asha, silent->id, true, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "declined automatically at 10:15 IST") != NULL, "%s",
                  err.message);
    mc_sync_once(asha, NULL, NULL);
    mc_sync_once(asha, NULL, NULL);
    v = visitor(asha, late->id);
    ck_assert_int_eq(v->status, MC_VISITOR_DECLINED);
    ck_assert(v->declined_by_timeout);
    ck_assert(!v->pending);
    mc_visitor_free(v);
    mc_mutation_list *rejected = NULL;
    ck_assert_int_eq(mc_outbox_list(asha, &rejected, &err), MC_OK);
    ck_assert_uint_eq(rejected->count, 1);
    ck_assert_str_eq(rejected->items[0].error_server_code, "approval_expired");
    ck_assert_int_eq(rejected->items[0].error_code, MC_ERR_STATE);
    mc_mutation_list_free(rejected);
    v = visitor(asha, silent->id);
    ck_assert_int_eq(v->status, MC_VISITOR_DECLINED);
    ck_assert(v->declined_by_timeout);
    mc_visitor_free(v);
    ck_assert_int_eq(mc_visitor_decide(asha, silent->id, false, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "nobody answered within 15 minutes") != NULL, "%s",
                  err.message);
    mc_visitor_free(meera);
    mc_visitor_free(kabir);
    mc_visitor_free(late);
    mc_visitor_free(silent);
    mc_client_free(kiran);
    mc_client_free(asha);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("visitors");
    TCase *tc = tcase_create("against memberstub");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_invite_offline_sync_cancel_and_again);
    tcase_add_test(tc, test_a_refusal_rolls_the_invitation_back);
    tcase_add_test(tc, test_reception_checks_a_visitor_in);
    tcase_add_test(tc, test_arrival_at_the_door_and_by_the_qr_payload);
    tcase_add_test(tc, test_walk_ins_approved_declined_and_timed_out);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
