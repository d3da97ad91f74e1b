/*
 * tests/stub/test_stub_visitors.c - visitors over real HTTP (docs/notifications-protocol.md):
 * an invitation's email with the QR code (read back by zbarimg) and its SMS; the code refused on
 * another date, at another building and once cancelled, granted on its date; the door's arrival
 * alerting the host once; reception's day list, check-in by id, by the SMS code and by the QR
 * payload, and its refusals; walk-ins approved, declined and declined by the 15-minute timeout
 * (the stub clock moved, never slept); another member's visitor not found; the invitation's
 * refusals. Each test runs its own memberstub (fresh database, test mode, server clock at T0:
 * Monday 4 January 2027, 10:00 in Bengaluru) and requires it to exit cleanly.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_process.h"
#include "stub_test_util.h"

#define ASHA   "+919800000001" /* member at BLR-1, "Asha Rao" */
#define VIKRAM "+919800000002" /* member at BLR-1 */
#define KIRAN  "+919800000010" /* staff, BLR-1 */
#define TOM    "+447700900010" /* staff, LON-1 */
#define RAVI   "+919812345678" /* a visitor's phone: no account */

#define MINUTE_MS 60000LL
/* Tuesday 5 January 2027 00:00 IST, the visitors' usual date, and 10:30 that morning. */
#define TUE_0000_IST 1799087400000LL
#define TUE_1030_IST (TUE_0000_IST + 630 * MINUTE_MS)

/* ---- helpers ---------------------------------------------------------------------------- */

/* Push and require it applied. */
static void apply(const char *token, const char *client, int n, const char *kind,
                  const char *payload)
{
    cJSON *r = push_mutation(token, client, n, kind, payload);
    ck_assert_msg(strcmp(str(r, "status"), "applied") == 0, "%s refused: %s", kind,
                  cJSON_IsString(cJSON_GetObjectItem(r, "message"))
                      ? cJSON_GetObjectItem(r, "message")->valuestring
                      : "");
    cJSON_Delete(r);
}

/* Push and require it refused with code and a message mentioning `mentions` (NULL: any). */
static void refused(const char *token, const char *client, int n, const char *kind,
                    const char *payload, const char *code, const char *mentions)
{
    cJSON *r = push_mutation(token, client, n, kind, payload);
    ck_assert_str_eq(str(r, "status"), "rejected");
    ck_assert_str_eq(str(r, "code"), code);
    if (mentions)
        ck_assert_msg(strstr(str(r, "message"), mentions) != NULL, "'%s' does not mention '%s'",
                      str(r, "message"), mentions);
    cJSON_Delete(r);
}

/* The visitor id numbered n: "vis_" + 32 hex. */
static void visitor_id(int n, char id[64])
{
    snprintf(id, 64, "vis_%032x", n);
}

/* Asha (token) invites name (email, phone NULL: none) to building on date with a window
 * (from < 0: none) as mutation n; the visitor's id into id. */
static void invite(const char *token, int n, const char *building, const char *name,
                   const char *email, const char *phone, const char *date, int from, int to,
                   char id[64])
{
    visitor_id(n, id);
    char payload[1024], phone_json[64] = "null", window[64] = "null";
    if (phone)
        snprintf(phone_json, sizeof phone_json, "\"%s\"", phone);
    if (from >= 0)
        snprintf(window, sizeof window, "{\"from_min\":%d,\"to_min\":%d}", from, to);
    snprintf(payload, sizeof payload,
             "{\"visitor_id\":\"%s\",\"building_id\":\"%s\",\"name\":\"%s\",\"email\":\"%s\","
             "\"phone\":%s,\"date\":\"%s\",\"window\":%s}",
             id, building, name, email, phone_json, date, window);
    apply(token, "visitors-test", n, "visitor.invite", payload);
}

/* {"visitor_id": id} */
static const char *id_payload(const char *id)
{
    static char out[96];
    snprintf(out, sizeof out, "{\"visitor_id\":\"%s\"}", id);
    return out;
}

/* The visitor id as its host (phone) pulls it (caller deletes); NULL when not visible. */
static cJSON *pulled_visitor(const char *phone, const char *id)
{
    cJSON *view = sync_view(phone);
    char key[96];
    snprintf(key, sizeof key, "visitor/%s", id);
    cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(view, key);
    cJSON_Delete(view);
    return v;
}

/* The body, kind and urgency of the last notification alerts() counted. */
static char alert_body[512], alert_kind[32];
static bool alert_urgent;

/* How many of phone's notifications link to visitor id and carry this title. */
static int alerts(const char *phone, const char *id, const char *title)
{
    cJSON *view = sync_view(phone);
    char link[96];
    snprintf(link, sizeof link, "membercore://visitors/%s", id);
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, view)
    {
        const cJSON *deep = cJSON_GetObjectItemCaseSensitive(e, "deep_link");
        if (strncmp(e->string, "notification/", 13) == 0 && cJSON_IsString(deep) &&
            strcmp(deep->valuestring, link) == 0 && strcmp(str(e, "title"), title) == 0) {
            snprintf(alert_body, sizeof alert_body, "%s", str(e, "body"));
            snprintf(alert_kind, sizeof alert_kind, "%s", str(e, "kind"));
            alert_urgent = cJSON_IsTrue(field(e, "urgent"));
            n++;
        }
    }
    cJSON_Delete(view);
    return n;
}

/* The texts the simulated SMS gateway sent to phone (GET /v1/test/sms), oldest first,
 * "\n"-joined, into out. */
static void sms_to(const char *phone, char *out, size_t cap)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/test/sms?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    size_t used = 0;
    out[0] = '\0';
    const cJSON *m;
    cJSON_ArrayForEach(m, field(answer, "messages"))
    {
        ck_assert_str_eq(str(m, "phone"), phone);
        int n = snprintf(out + used, cap - used, "%s%s", used ? "\n" : "", str(m, "body"));
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    cJSON_Delete(answer);
}

/* The deliveries of kind to phone (GET /v1/test/deliveries) as "channel:status" joined by
 * spaces, into out; each links to visitor id. */
static void deliveries(const char *phone, const char *kind, const char *id, char *out, size_t cap)
{
    char path[160], link[96];
    snprintf(path, sizeof path, "/v1/test/deliveries?phone=%%2B%s&kind=%s", phone + 1, kind);
    snprintf(link, sizeof link, "membercore://visitors/%s", id);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    size_t used = 0;
    out[0] = '\0';
    const cJSON *d;
    cJSON_ArrayForEach(d, field(answer, "deliveries"))
    {
        ck_assert_str_eq(str(d, "deep_link"), link);
        int n = snprintf(out + used, cap - used, "%s%s:%s", used ? " " : "", str(d, "channel"),
                         str(d, "status"));
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    cJSON_Delete(answer);
}

/*
 * Pull as token from cursor (in and out; "" for the snapshot) to the end: the statuses of visitor
 * id in the changes received, in order, space separated, into out ("" when none).
 */
static void pulled_statuses(const char *token, char cursor[512], const char *id, char *out,
                            size_t cap)
{
    out[0] = '\0';
    size_t used = 0;
    for (int pages = 0; pages < 100; pages++) {
        char path[700];
        snprintf(path, sizeof path, "/v1/sync/pull?client_id=c-visitors%s%s",
                 cursor[0] ? "&cursor=" : "", cursor);
        cJSON *page = call("GET", path, NULL, token, 200);
        const cJSON *c;
        cJSON_ArrayForEach(c, field(page, "changes"))
        {
            if (strcmp(str(c, "kind"), "visitor") != 0 || strcmp(str(c, "id"), id) != 0)
                continue;
            ck_assert_str_eq(str(c, "op"), "upsert");
            cJSON *data = cJSON_Parse(str(c, "data_json"));
            ck_assert_ptr_nonnull(data);
            int n = snprintf(out + used, cap - used, "%s%s", used ? " " : "", str(data, "status"));
            cJSON_Delete(data);
            if (n > 0 && (size_t)n < cap - used)
                used += (size_t)n;
        }
        snprintf(cursor, 512, "%s", str(page, "cursor"));
        bool more = cJSON_IsTrue(field(page, "has_more"));
        cJSON_Delete(page);
        if (!more)
            return;
    }
    ck_abort_msg("the pull never ended");
}

/* The QR payload of the only email sent to `to`, decoded from its image. */
static void emailed_payload(const char *to, char *payload, size_t cap)
{
    cJSON *mails = emails(to);
    ck_assert_int_eq(cJSON_GetArraySize(mails), 1);
    email_qr_text(cJSON_GetArrayItem(mails, 0), payload, cap);
    cJSON_Delete(mails);
}

/* The 8 digits of a static payload "MC1|crd_...|G|dddddddd" as the SMS prints them. */
static void code_words(const char *payload, char out[10])
{
    const char *digits = strrchr(payload, '|') + 1;
    ck_assert_uint_eq(strlen(digits), 8);
    snprintf(out, 10, "%.4s %.4s", digits, digits + 4);
}

/* POST body to a reception route as token expecting status; the visitor answered on 200
 * (caller deletes), else NULL after checking the error code. */
static cJSON *desk(const char *token, const char *route, const char *body, int status,
                   const char *code)
{
    char path[64];
    snprintf(path, sizeof path, "/v1/staff/visitors/%s", route);
    if (status != 200) {
        check_error("POST", path, body, token, status, code);
        return NULL;
    }
    cJSON *answer = call("POST", path, body, token, 200);
    cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(answer, "visitor");
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(v);
    return v;
}

/* The names on reception's list (query: "" or "?date=..."), "|"-joined, into out. */
static void desk_list(const char *token, const char *query, char *out, size_t cap)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/staff/visitors%s", query);
    cJSON *answer = call("GET", path, NULL, token, 200);
    size_t used = 0;
    out[0] = '\0';
    const cJSON *v;
    cJSON_ArrayForEach(v, field(answer, "visitors"))
    {
        const cJSON *host = field(v, "host");
        int n = snprintf(out + used, cap - used, "%s%s (%s, %s)", used ? "|" : "", str(v, "name"),
                         str(v, "status"), str(host, "name"));
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    cJSON_Delete(answer);
}

static void set_clock(int64_t now_ms)
{
    ck_assert_int_eq(stub_set_clock(stub, now_ms), 0);
}

/* ---- invitations ------------------------------------------------------------------------ */

/*
 * Asha invites Ravi to BLR-1 for Tuesday 10:00-12:00 with his phone: the host pulls the visitor
 * (invited, its credential); Ravi gets one email whose QR image holds that credential's static
 * code, and one SMS with the same code in the protocol's words. Without a phone: no SMS.
 */
START_TEST(test_invite_emails_the_qr_code_and_texts_it)
{
    char *asha = token_for(ASHA), id[64], payload[128], words[10];
    invite(asha, 1, "BLR-1", "Ravi Kumar", "ravi@example.com", RAVI, "2027-01-05", 600, 720, id);
    cJSON *v = pulled_visitor(ASHA, id);
    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(str(v, "status"), "invited");
    ck_assert_str_eq(str(v, "source"), "invitation");
    ck_assert_str_eq(str(v, "date"), "2027-01-05");
    ck_assert_str_eq(str(v, "phone"), RAVI);
    ck_assert_int_eq(num(field(v, "window"), "from_min"), 600);
    ck_assert_int_eq(num(field(v, "window"), "to_min"), 720);
    ck_assert(cJSON_IsNull(field(v, "arrived_at_ms")));
    ck_assert(cJSON_IsNull(field(v, "approval_due_ms")));
    ck_assert_str_eq(str(v, "host_user_id"), "usr_5eed000000000001");
    char credential[64];
    snprintf(credential, sizeof credential, "%s", str(v, "credential_id"));
    ck_assert(!cJSON_HasObjectItem(v, "secret_hex"));
    cJSON_Delete(v);

    cJSON *mails = emails("ravi@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mails), 1);
    const cJSON *mail = cJSON_GetArrayItem(mails, 0);
    ck_assert_str_eq(str(mail, "subject"), "Asha Rao invited you to Indiranagar on Tue 5 Jan 2027");
    ck_assert_ptr_nonnull(strstr(str(mail, "body"), "10:00\xe2\x80\x93"
                                                    "12:00 IST"));
    ck_assert_str_eq(str(mail, "credential_id"), credential);
    ck_assert_int_eq(num(mail, "valid_from_ms"), TUE_0000_IST);
    ck_assert_int_eq(num(mail, "valid_until_ms"), TUE_0000_IST + 24 * 60 * MINUTE_MS);
    email_qr_text(mail, payload, sizeof payload);
    char prefix[96];
    snprintf(prefix, sizeof prefix, "MC1|%s|G|", credential);
    ck_assert_msg(strncmp(payload, prefix, strlen(prefix)) == 0, "QR holds '%s'", payload);
    ck_assert_str_eq(payload, str(mail, "payload"));
    code_words(payload, words);
    ck_assert_ptr_nonnull(strstr(str(mail, "body"), words));
    cJSON_Delete(mails);

    char sms[1024], expected[512];
    sms_to(RAVI, sms, sizeof sms);
    snprintf(expected, sizeof expected,
             "Asha Rao invited you to Indiranagar on Tue 5 Jan, 10:00\xe2\x80\x93"
             "12:00 IST. Entry code %s (show the QR code from your email at the door)",
             words);
    ck_assert_str_eq(sms, expected);

    /* No phone, no window: an email and no text. */
    invite(asha, 2, "BLR-1", "Meera Iyer", "meera@example.com", NULL, "2027-01-05", -1, -1, id);
    v = pulled_visitor(ASHA, id);
    ck_assert(cJSON_IsNull(field(v, "phone")));
    ck_assert(cJSON_IsNull(field(v, "window")));
    cJSON_Delete(v);
    emailed_payload("meera@example.com", payload, sizeof payload);
    char all[4096];
    sms_to(RAVI, all, sizeof all);
    ck_assert_str_eq(all, expected);
    free(asha);
}
END_TEST

/*
 * The code opens BLR-1 on its date only: the day before it is not yet valid, at MUM-1 it is the
 * wrong building, on the day it is granted (the visitor arrives, checked in by the door, and Asha
 * is alerted once, however often Ravi goes out and in again), the day after it has expired.
 */
START_TEST(test_the_code_opens_its_building_on_its_date_and_alerts_once)
{
    char *asha = token_for(ASHA), id[64], payload[128];
    apply(asha, "visitors-test", 1, "device.push_token",
          "{\"provider\":\"fcm\",\"token\":\"fcm-asha\",\"client_id\":\"asha-phone\"}");
    invite(asha, 2, "BLR-1", "Ravi Kumar", "ravi@example.com", RAVI, "2027-01-05", 600, 720, id);
    emailed_payload("ravi@example.com", payload, sizeof payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "not_yet_valid");
    set_clock(TUE_1030_IST);
    ck_assert_str_eq(scan_way("MUM-1", payload, "in"), "wrong_building");
    ck_assert_int_eq(alerts(ASHA, id, "Visitor waiting at reception"), 0);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    cJSON *v = pulled_visitor(ASHA, id);
    ck_assert_str_eq(str(v, "status"), "arrived");
    ck_assert_str_eq(str(v, "checked_in_by"), "door");
    ck_assert_int_eq(num(v, "arrived_at_ms"), TUE_1030_IST);
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, id, "Visitor waiting at reception"), 1);
    ck_assert_str_eq(alert_body,
                     "Ravi Kumar is waiting for you at reception in Indiranagar (BLR-1).");
    ck_assert_str_eq(alert_kind, "visitor.arrived");
    ck_assert(alert_urgent);
    char sent[256];
    deliveries(ASHA, "visitor.arrived", id, sent, sizeof sent);
    ck_assert_str_eq(sent, "push:sent");
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_int_eq(alerts(ASHA, id, "Visitor waiting at reception"), 1);
    deliveries(ASHA, "visitor.arrived", id, sent, sizeof sent);
    ck_assert_str_eq(sent, "push:sent");
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    set_clock(TUE_0000_IST + 24 * 60 * MINUTE_MS);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "expired");
    free(asha);
}
END_TEST

/* Cancelling revokes the code: the door says so in the host's words; the visitor stays in the
 * host's history, cancelled; a second cancel and a reception check-in are refused. */
START_TEST(test_a_cancelled_invitation_s_code_is_refused)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN), id[64], payload[128];
    invite(asha, 1, "BLR-1", "Ravi Kumar", "ravi@example.com", RAVI, "2027-01-04", -1, -1, id);
    emailed_payload("ravi@example.com", payload, sizeof payload);
    apply(asha, "visitors-test", 2, "visitor.cancel", id_payload(id));
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "cancelled");
    ck_assert_str_eq(door_message, "cancelled: invitation cancelled by the host");
    cJSON *v = pulled_visitor(ASHA, id);
    ck_assert_str_eq(str(v, "status"), "cancelled");
    cJSON_Delete(v);
    refused(asha, "visitors-test", 3, "visitor.cancel", id_payload(id), "invalid_transition",
            "was cancelled");
    char body[128];
    snprintf(body, sizeof body, "{\"visitor_id\":\"%s\"}", id);
    cJSON *e = error_mentioning("POST", "/v1/staff/visitors/checkin", body, kiran, 409,
                                "invalid_transition", "was cancelled");
    cJSON_Delete(e);
    ck_assert_int_eq(alerts(ASHA, id, "Visitor waiting at reception"), 0);
    free(asha);
    free(kiran);
}
END_TEST

/*
 * A London visitor's code follows London's calendar: valid from 00:00 GMT on the date to the
 * next midnight, the SMS in GMT. The same invitation pushed twice (a retry) is one visitor, one
 * email, one text.
 */
START_TEST(test_a_london_invitation_once_in_london_time)
{
    char *olivia = token_for("+447700900001"), id[64];
    visitor_id(7, id);
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"visitor_id\":\"%s\",\"building_id\":\"LON-1\",\"name\":\"Jack Frost\","
             "\"email\":\"jack@example.com\",\"phone\":\"+447700900123\","
             "\"date\":\"2027-01-05\",\"window\":{\"from_min\":540,\"to_min\":600}}",
             id);
    apply(olivia, "olivia", 1, "visitor.invite", payload);
    cJSON *r = push_mutation(olivia, "olivia", 1, "visitor.invite", payload);
    ck_assert_str_eq(str(r, "status"), "applied");
    cJSON_Delete(r);
    cJSON *mails = emails("jack@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mails), 1);
    const cJSON *mail = cJSON_GetArrayItem(mails, 0);
    ck_assert_int_eq(num(mail, "valid_from_ms"), 1799107200000LL); /* 2027-01-05T00:00Z */
    ck_assert_int_eq(num(mail, "valid_until_ms"), 1799107200000LL + 24 * 60 * MINUTE_MS);
    char qr[128], words[10], sms[1024], expected[512];
    email_qr_text(mail, qr, sizeof qr);
    cJSON_Delete(mails);
    code_words(qr, words);
    sms_to("+447700900123", sms, sizeof sms);
    snprintf(expected, sizeof expected,
             "Olivia Hart invited you to Shoreditch on Tue 5 Jan, 09:00\xe2\x80\x93"
             "10:00 GMT. Entry code %s (show the QR code from your email at the door)",
             words);
    ck_assert_str_eq(sms, expected);
    /* 23:59 GMT on the 4th: not yet; 00:00 on the 5th: in (BLR-1 is the wrong building). */
    set_clock(1799107200000LL - MINUTE_MS);
    ck_assert_str_eq(scan_way("LON-1", qr, "in"), "not_yet_valid");
    set_clock(1799107200000LL);
    ck_assert_str_eq(scan_way("BLR-1", qr, "in"), "wrong_building");
    ck_assert_str_eq(scan_way("LON-1", qr, "in"), "granted");
    ck_assert_int_eq(alerts("+447700900001", id, "Visitor waiting at reception"), 1);
    ck_assert_str_eq(alert_body,
                     "Jack Frost is waiting for you at reception in Shoreditch (LON-1).");
    free(olivia);
}
END_TEST

/* ---- reception -------------------------------------------------------------------------- */

/*
 * Kiran's desk lists BLR-1's visitors of a day by window (none last) then name, with their host;
 * checks one in by id (arrived by reception, Asha alerted), one by the SMS code typed with its
 * space and one by the QR payload; refuses a second check-in, another day's visitor (wrong_date),
 * an unknown code; Tom at LON-1 finds none of them; a member is not staff.
 */
START_TEST(test_reception_lists_and_checks_visitors_in)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN), *tom = token_for(TOM);
    char ravi[64], meera[64], zoya[64], later[64], list[512], payload[128], words[10], body[256];
    invite(asha, 1, "BLR-1", "Ravi Kumar", "ravi@example.com", RAVI, "2027-01-04", 840, 900, ravi);
    invite(asha, 2, "BLR-1", "Meera Iyer", "meera@example.com", NULL, "2027-01-04", 660, 720,
           meera);
    invite(asha, 3, "BLR-1", "Zoya Khan", "zoya@example.com", NULL, "2027-01-04", -1, -1, zoya);
    invite(asha, 4, "BLR-1", "Arun Pillai", "arun@example.com", NULL, "2027-01-05", -1, -1, later);
    desk_list(kiran, "", list, sizeof list);
    ck_assert_str_eq(list, "Meera Iyer (invited, Asha Rao)|Ravi Kumar (invited, Asha Rao)|"
                           "Zoya Khan (invited, Asha Rao)");
    desk_list(kiran, "?date=2027-01-05", list, sizeof list);
    ck_assert_str_eq(list, "Arun Pillai (invited, Asha Rao)");
    check_error_mentioning("GET", "/v1/staff/visitors?date=2027-02-30", NULL, kiran, 400,
                           "invalid_argument", "2027-02-30");
    check_error("GET", "/v1/staff/visitors", NULL, asha, 403, "forbidden");
    desk_list(tom, "", list, sizeof list);
    ck_assert_str_eq(list, "");

    /* By id. */
    snprintf(body, sizeof body, "{\"visitor_id\":\"%s\"}", meera);
    check_error("POST", "/v1/staff/visitors/checkin", body, tom, 404, "not_found");
    cJSON *v = desk(kiran, "checkin", body, 200, NULL);
    ck_assert_str_eq(str(v, "status"), "arrived");
    ck_assert_str_eq(str(v, "checked_in_by"), "reception");
    ck_assert_str_eq(str(field(v, "host"), "name"), "Asha Rao");
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, meera, "Visitor waiting at reception"), 1);
    check_error_mentioning("POST", "/v1/staff/visitors/checkin", body, kiran, 409,
                           "invalid_transition", "already arrived");
    ck_assert_int_eq(alerts(ASHA, meera, "Visitor waiting at reception"), 1);

    /* By the SMS's code as typed, with its space. */
    emailed_payload("ravi@example.com", payload, sizeof payload);
    code_words(payload, words);
    snprintf(body, sizeof body, "{\"code\":\"%s\"}", words);
    check_error("POST", "/v1/staff/visitors/checkin", body, tom, 404, "not_found");
    v = desk(kiran, "checkin", body, 200, NULL);
    ck_assert_str_eq(str(v, "id"), ravi);
    ck_assert_str_eq(str(v, "status"), "arrived");
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, ravi, "Visitor waiting at reception"), 1);
    /* The door afterwards lets him in without a second alert. */
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_int_eq(alerts(ASHA, ravi, "Visitor waiting at reception"), 1);

    /* By the QR payload. */
    emailed_payload("zoya@example.com", payload, sizeof payload);
    snprintf(body, sizeof body, "{\"code\":\"%s\"}", payload);
    check_error("POST", "/v1/staff/visitors/checkin", body, tom, 404, "not_found");
    v = desk(kiran, "checkin", body, 200, NULL);
    ck_assert_str_eq(str(v, "id"), zoya);
    cJSON_Delete(v);

    /* Tomorrow's visitor, an unknown code, a malformed body. */
    snprintf(body, sizeof body, "{\"visitor_id\":\"%s\"}", later);
    check_error_mentioning("POST", "/v1/staff/visitors/checkin", body, kiran, 409, "wrong_date",
                           "Tue 5 Jan 2027");
    check_error("POST", "/v1/staff/visitors/checkin", "{\"code\":\"0000 0000\"}", kiran, 404,
                "not_found");
    check_error("POST", "/v1/staff/visitors/checkin", "{}", kiran, 400, "invalid_argument");
    check_error("POST", "/v1/staff/visitors/checkin", body, asha, 403, "forbidden");
    desk_list(kiran, "", list, sizeof list);
    ck_assert_str_eq(list, "Meera Iyer (arrived, Asha Rao)|Ravi Kumar (arrived, Asha Rao)|"
                           "Zoya Khan (arrived, Asha Rao)");
    free(asha);
    free(kiran);
    free(tom);
}
END_TEST

/* {"visitor_id": id, "decision": decision} */
static const char *decision_payload(const char *id, const char *decision)
{
    static char out[128];
    snprintf(out, sizeof out, "{\"visitor_id\":\"%s\",\"decision\":\"%s\"}", id, decision);
    return out;
}

/* Kiran registers a walk-in named name for Asha; its id into id. */
static void walk_in(const char *kiran, const char *name, char id[64])
{
    char body[256];
    snprintf(body, sizeof body, "{\"host_phone\":\"+919800000001\",\"name\":\"%s\"}", name);
    cJSON *v = desk(kiran, "walk_in", body, 200, NULL);
    snprintf(id, 64, "%s", str(v, "id"));
    cJSON_Delete(v);
}

/* A walk-in for Asha: awaiting her answer for 15 minutes and she is asked; approved, the visitor
 * has arrived (by reception); a second one declined by her, then deciding again is refused.
 * The route's refusals: an unknown host, a missing name, a member calling. */
START_TEST(test_walk_ins_approved_and_declined)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN);
    cJSON *v = desk(kiran, "walk_in",
                    "{\"host_phone\":\"98000 00001\",\"name\":\" Meera Iyer \","
                    "\"email\":\"meera@example.com\",\"phone\":null}",
                    200, NULL);
    char first[64], second[64];
    snprintf(first, sizeof first, "%s", str(v, "id"));
    ck_assert_str_eq(str(v, "status"), "awaiting_approval");
    ck_assert_str_eq(str(v, "source"), "walk_in");
    ck_assert_str_eq(str(v, "name"), "Meera Iyer");
    ck_assert_str_eq(str(v, "email"), "meera@example.com");
    ck_assert_str_eq(str(v, "date"), "2027-01-04");
    ck_assert_str_eq(str(v, "building_id"), "BLR-1");
    ck_assert_int_eq(num(v, "approval_due_ms"), T0 + 15 * MINUTE_MS);
    ck_assert(cJSON_IsNull(field(v, "credential_id")));
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, first, "Visitor at reception: approve?"), 1);
    ck_assert_str_eq(alert_body,
                     "Meera Iyer is at reception in Indiranagar (BLR-1) asking for you. "
                     "Approve or decline within 15 minutes, or the visit is declined.");
    ck_assert_str_eq(alert_kind, "visitor.walk_in");
    ck_assert(alert_urgent);
    /* Asha has no push token and texts off for bookings: a walk-in still reaches her, by SMS. */
    char sent[256];
    deliveries(ASHA, "visitor.walk_in", first, sent, sizeof sent);
    ck_assert_str_eq(sent, "sms:sent");
    v = pulled_visitor(ASHA, first);
    ck_assert_str_eq(str(v, "status"), "awaiting_approval");
    cJSON_Delete(v);

    char body[128];
    snprintf(body, sizeof body, "{\"visitor_id\":\"%s\"}", first);
    check_error_mentioning("POST", "/v1/staff/visitors/checkin", body, kiran, 409,
                           "invalid_transition", "awaiting the host's approval");

    ck_assert_int_eq(stub_advance_clock(stub, 5 * MINUTE_MS), 0);
    apply(asha, "visitors-test", 1, "visitor.decide", decision_payload(first, "approve"));
    v = pulled_visitor(ASHA, first);
    ck_assert_str_eq(str(v, "status"), "arrived");
    ck_assert_str_eq(str(v, "checked_in_by"), "reception");
    ck_assert_int_eq(num(v, "arrived_at_ms"), T0 + 5 * MINUTE_MS);
    ck_assert_int_eq(num(v, "decided_at_ms"), T0 + 5 * MINUTE_MS);
    ck_assert(cJSON_IsNull(field(v, "decline_reason")));
    cJSON_Delete(v);
    refused(asha, "visitors-test", 2, "visitor.decide", decision_payload(first, "decline"),
            "invalid_transition", "already arrived");

    walk_in(kiran, "Zoya Khan", second);
    apply(asha, "visitors-test", 3, "visitor.decide", decision_payload(second, "decline"));
    v = pulled_visitor(ASHA, second);
    ck_assert_str_eq(str(v, "status"), "declined");
    ck_assert_str_eq(str(v, "decline_reason"), "host");
    cJSON_Delete(v);
    refused(asha, "visitors-test", 4, "visitor.decide", decision_payload(second, "approve"),
            "invalid_transition", "was declined");
    refused(asha, "visitors-test", 5, "visitor.decide", decision_payload(second, "maybe"),
            "invalid_argument", "approve or decline");
    /* No one is told of the host's own decisions. */
    ck_assert_int_eq(alerts(ASHA, first, "Visitor waiting at reception"), 0);
    ck_assert_int_eq(alerts(ASHA, second, "Walk-in visitor declined"), 0);
    char list[512];
    desk_list(kiran, "", list, sizeof list);
    ck_assert_str_eq(list, "Meera Iyer (arrived, Asha Rao)|Zoya Khan (declined, Asha Rao)");

    check_error_mentioning("POST", "/v1/staff/visitors/walk_in",
                           "{\"host_phone\":\"+919811111111\",\"name\":\"Nobody's Guest\"}", kiran,
                           404, "not_found", "+919811111111");
    check_error("POST", "/v1/staff/visitors/walk_in", "{\"host_phone\":\"+919800000001\"}", kiran,
                400, "invalid_argument");
    check_error("POST", "/v1/staff/visitors/walk_in",
                "{\"host_phone\":\"+919800000001\",\"name\":\"X\",\"email\":\"not-an-email\"}",
                kiran, 400, "invalid_argument");
    check_error("POST", "/v1/staff/visitors/walk_in",
                "{\"host_phone\":\"+919800000001\",\"name\":\"X\"}", asha, 403, "forbidden");
    free(asha);
    free(kiran);
}
END_TEST

/*
 * No answer within 15 minutes declines a walk-in by itself: at 14:59 it still waits; at 15:00
 * the next request finds it declined (reason timeout, dated when the time ran out) and Asha told,
 * once; her late approval is refused with approval_expired.
 */
START_TEST(test_a_walk_in_nobody_answers_declines_after_15_minutes)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN), id[64];
    walk_in(kiran, "Meera Iyer", id);
    ck_assert_int_eq(stub_advance_clock(stub, 15 * MINUTE_MS - 1000), 0);
    cJSON *v = pulled_visitor(ASHA, id);
    ck_assert_str_eq(str(v, "status"), "awaiting_approval");
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, id, "Walk-in visitor declined"), 0);
    ck_assert_int_eq(stub_advance_clock(stub, 61 * 1000), 0);
    v = pulled_visitor(ASHA, id);
    ck_assert_str_eq(str(v, "status"), "declined");
    ck_assert_str_eq(str(v, "decline_reason"), "timeout");
    ck_assert_int_eq(num(v, "decided_at_ms"), T0 + 15 * MINUTE_MS);
    cJSON_Delete(v);
    ck_assert_int_eq(alerts(ASHA, id, "Walk-in visitor declined"), 1);
    ck_assert_str_eq(alert_body, "Meera Iyer asked for you at reception in Indiranagar (BLR-1); "
                                 "nobody answered within 15 minutes, so the visit was declined.");
    ck_assert_str_eq(alert_kind, "visitor.declined");
    ck_assert(!alert_urgent);
    refused(asha, "visitors-test", 1, "visitor.decide", decision_payload(id, "approve"),
            "approval_expired", "15 minutes");
    ck_assert_int_eq(stub_advance_clock(stub, 60 * MINUTE_MS), 0);
    ck_assert_int_eq(alerts(ASHA, id, "Walk-in visitor declined"), 1);
    char list[256];
    desk_list(kiran, "", list, sizeof list);
    ck_assert_str_eq(list, "Meera Iyer (declined, Asha Rao)");
    free(asha);
    free(kiran);
}
END_TEST

/* Another member's visitor does not exist for Vikram: not pulled, not cancellable, no decision. */
START_TEST(test_another_members_visitor_is_not_found)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *kiran = token_for(KIRAN);
    char invited[64], walked[64];
    invite(asha, 1, "BLR-1", "Ravi Kumar", "ravi@example.com", NULL, "2027-01-05", -1, -1, invited);
    walk_in(kiran, "Meera Iyer", walked);
    cJSON *v = pulled_visitor(VIKRAM, invited);
    ck_assert_ptr_null(v);
    v = pulled_visitor(VIKRAM, walked);
    ck_assert_ptr_null(v);
    refused(vikram, "vikram", 1, "visitor.cancel", id_payload(invited), "not_found", invited);
    refused(vikram, "vikram", 2, "visitor.decide", decision_payload(walked, "approve"), "not_found",
            walked);
    refused(vikram, "vikram", 3, "visitor.cancel", id_payload("vis_nope"), "not_found", NULL);
    /* Asha's are untouched. */
    v = pulled_visitor(ASHA, walked);
    ck_assert_str_eq(str(v, "status"), "awaiting_approval");
    cJSON_Delete(v);
    v = pulled_visitor(ASHA, invited);
    ck_assert_str_eq(str(v, "status"), "invited");
    cJSON_Delete(v);
    free(asha);
    free(vikram);
    free(kiran);
}
END_TEST

/* An invitation's refusals, each with nothing written (no visitor, no email). */
START_TEST(test_invitation_refusals)
{
    char *asha = token_for(ASHA), id[64];
    static const struct {
        const char *building, *name, *email, *phone, *date, *window, *code, *mentions;
    } cases[] = {
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-01-03", "null", "invalid_date",
         "in the past"},
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-03-06", "null", "invalid_date",
         "60 days"},
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-01-10", "null", "invalid_date",
         "BLR-1 is closed on Sun 10 Jan 2027"},
        {"NOPE-1", "Ravi", "ravi@example.com", "null", "2027-01-05", "null", "not_found", "NOPE-1"},
        {"BLR-1", "  ", "ravi@example.com", "null", "2027-01-05", "null", "invalid_argument",
         "name"},
        {"BLR-1", "Ravi", "ravi-at-example.com", "null", "2027-01-05", "null", "invalid_argument",
         "email"},
        {"BLR-1", "Ravi", "ravi@example.com", "\"12\"", "2027-01-05", "null", "invalid_argument",
         "phone"},
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-01-5", "null", "invalid_argument",
         "YYYY-MM-DD"},
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-01-05",
         "{\"from_min\":720,\"to_min\":600}", "invalid_argument", "window"},
        {"BLR-1", "Ravi", "ravi@example.com", "null", "2027-01-05",
         "{\"from_min\":0,\"to_min\":1441}", "invalid_argument", "window"},
    };
    int n = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++, n++) {
        char payload[512];
        visitor_id(n, id);
        snprintf(payload, sizeof payload,
                 "{\"visitor_id\":\"%s\",\"building_id\":\"%s\",\"name\":\"%s\",\"email\":"
                 "\"%s\",\"phone\":%s,\"date\":\"%s\",\"window\":%s}",
                 id, cases[i].building, cases[i].name, cases[i].email, cases[i].phone,
                 cases[i].date, cases[i].window);
        refused(asha, "visitors-test", n, "visitor.invite", payload, cases[i].code,
                cases[i].mentions);
        ck_assert_ptr_null(pulled_visitor(ASHA, id));
    }
    refused(asha, "visitors-test", n++, "visitor.invite",
            "{\"visitor_id\":\"vis_1\",\"building_id\":\"BLR-1\",\"name\":\"Ravi\","
            "\"email\":\"ravi@example.com\",\"phone\":null,\"date\":\"2027-01-05\","
            "\"window\":null}",
            "invalid_argument", "visitor_id");
    /* An id already used is refused, even for the same person. */
    invite(asha, n++, "BLR-1", "Ravi", "ravi@example.com", NULL, "2027-01-05", -1, -1, id);
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"visitor_id\":\"%s\",\"building_id\":\"BLR-1\",\"name\":\"Ravi\","
             "\"email\":\"ravi@example.com\",\"phone\":null,\"date\":\"2027-01-06\","
             "\"window\":null}",
             id);
    refused(asha, "visitors-test", n++, "visitor.invite", payload, "invalid_argument",
            "already used");
    cJSON *mails = emails("ravi@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mails), 1);
    cJSON_Delete(mails);
    free(asha);
}
END_TEST

/*
 * The host pulls her visitor in the snapshot and then every change from the log: invited, then
 * arrived at the door; a walk-in awaiting approval, then declined by the timeout; another member
 * pulls none of it.
 */
START_TEST(test_the_host_pulls_every_change)
{
    char *asha = token_for(ASHA), *kiran = token_for(KIRAN), *vikram = token_for(VIKRAM);
    char id[64], walked[64], payload[128], cursor[512] = "", statuses[256];
    invite(asha, 1, "BLR-1", "Ravi Kumar", "ravi@example.com", NULL, "2027-01-04", -1, -1, id);
    pulled_statuses(asha, cursor, id, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "invited");
    emailed_payload("ravi@example.com", payload, sizeof payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    walk_in(kiran, "Meera Iyer", walked);
    pulled_statuses(asha, cursor, id, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "arrived");
    char from_snapshot[512] = "";
    pulled_statuses(asha, from_snapshot, walked, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "awaiting_approval");
    ck_assert_int_eq(stub_advance_clock(stub, 15 * MINUTE_MS), 0);
    pulled_statuses(asha, cursor, walked, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "declined");
    char other[512] = "";
    pulled_statuses(vikram, other, id, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "");
    other[0] = '\0';
    pulled_statuses(vikram, other, walked, statuses, sizeof statuses);
    ck_assert_str_eq(statuses, "");
    free(asha);
    free(kiran);
    free(vikram);
}
END_TEST

static Suite *visitors_suite(void)
{
    Suite *s = suite_create("stub_visitors");
    TCase *tc = tcase_create("visitors");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_invite_emails_the_qr_code_and_texts_it);
    tcase_add_test(tc, test_the_code_opens_its_building_on_its_date_and_alerts_once);
    tcase_add_test(tc, test_a_cancelled_invitation_s_code_is_refused);
    tcase_add_test(tc, test_a_london_invitation_once_in_london_time);
    tcase_add_test(tc, test_the_host_pulls_every_change);
    tcase_add_test(tc, test_reception_lists_and_checks_visitors_in);
    tcase_add_test(tc, test_walk_ins_approved_and_declined);
    tcase_add_test(tc, test_a_walk_in_nobody_answers_declines_after_15_minutes);
    tcase_add_test(tc, test_another_members_visitor_is_not_found);
    tcase_add_test(tc, test_invitation_refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(visitors_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
