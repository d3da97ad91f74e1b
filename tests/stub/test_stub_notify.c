/*
 * tests/stub/test_stub_notify.c - the notifications hub over HTTP against a memberstub process
 * (docs/notifications-protocol.md): every notification lands in the inbox with its kind and urgent
 * flag and goes out on the channels the member's preferences allow (the defaults, then changes
 * made through the outbox, pulled as the notification_prefs entity); quiet hours hold push and SMS
 * on the building's wall clock (Bengaluru, London) until the test clock passes the window's end;
 * urgent ones are never held; visitor alerts and payment confirmations always reach a channel;
 * a push token the provider reports dead is dropped; notification.read_all reads only what the
 * member had seen; device.push_token.remove; every refusal code. Notifications are made through
 * POST /v1/test/notifications, which uses the same dispatcher as the server's own causes.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "stub_test_util.h"

#define ASHA         "+919800000001"
#define VIKRAM       "+919800000002"
#define OLIVIA       "+447700900001"
#define ASHA_ID      "usr_5eed000000000001"
#define ASHA_EMAIL   "asha.rao@acme.example"
#define OLIVIA_EMAIL "olivia.hart@hartwell.example"
#define MIN          (60 * 1000LL)
#define HOUR         (60 * MIN)

/* The mutation counter per test (keys and ids unique within the test's stub). */
static int64_t next_mutation;

static void reset_counter(void)
{
    next_mutation = 0;
    setup();
}

/* Push kind/payload as a new mutation of client "c1"; expect applied (code NULL) or rejected with
 * code and a message. */
static void expect(const char *token, const char *kind, const char *payload, const char *code)
{
    char body[2048];
    int64_t id = ++next_mutation;
    snprintf(body, sizeof body,
             "{\"client_id\": \"c1\", \"mutations\": [{\"mutation_id\": %" PRId64
             ", \"idempotency_key\": \"key-%" PRId64 "\", \"kind\": \"%s\", \"payload\": %s}]}",
             id, id, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    const cJSON *r = cJSON_GetArrayItem(field(answer, "results"), 0);
    ck_assert_ptr_nonnull(r);
    if (code) {
        ck_assert_msg(strcmp(str(r, "status"), "rejected") == 0, "%s %s: applied, wanted %s", kind,
                      payload, code);
        ck_assert_msg(strcmp(str(r, "code"), code) == 0, "%s %s: got %s (%s), wanted %s", kind,
                      payload, str(r, "code"), str(r, "message"), code);
        ck_assert_msg(str(r, "message")[0], "a refusal says why");
    } else {
        const cJSON *message = cJSON_GetObjectItem(r, "message");
        ck_assert_msg(strcmp(str(r, "status"), "applied") == 0, "%s: rejected %s: %s", kind,
                      cJSON_IsString(message) ? message->valuestring : "", payload);
    }
    cJSON_Delete(answer);
}

static void set_clock(int64_t now_ms)
{
    char body[64];
    snprintf(body, sizeof body, "{\"now_ms\": %" PRId64 "}", now_ms);
    cJSON_Delete(call("POST", "/v1/test/clock", body, NULL, 200));
}

static void register_push_token(const char *token, const char *client, const char *push_token)
{
    char payload[256];
    snprintf(payload, sizeof payload,
             "{\"provider\": \"fcm\", \"token\": \"%s\", \"client_id\": \"%s\"}", push_token,
             client);
    expect(token, "device.push_token", payload, NULL);
}

static void set_channel(const char *token, const char *category, const char *channel, bool on)
{
    char payload[256];
    snprintf(payload, sizeof payload,
             "{\"category\": \"%s\", \"channel\": \"%s\", \"enabled\": %s}", category, channel,
             on ? "true" : "false");
    expect(token, "notification_prefs.set", payload, NULL);
}

/* POST /v1/test/notifications to phone: its id into id (40 bytes). */
static void notify(const char *phone, const char *category, const char *kind, bool urgent,
                   const char *title, char *id)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"phone\": \"%s\", \"category\": \"%s\", \"kind\": \"%s\", \"urgent\": %s,"
             " \"title\": \"%s\", \"body\": \"About %s.\"}",
             phone, category, kind, urgent ? "true" : "false", title, kind);
    cJSON *answer = call("POST", "/v1/test/notifications", body, NULL, 200);
    const cJSON *n = field(answer, "notification");
    ck_assert_str_eq(str(n, "kind"), kind);
    ck_assert(cJSON_IsBool(field(n, "urgent")) && cJSON_IsTrue(field(n, "urgent")) == urgent);
    snprintf(id, 40, "%s", str(n, "id"));
    cJSON_Delete(answer);
}

/* GET /v1/test/deliveries for phone (the array; caller deletes). */
static cJSON *deliveries(const char *phone)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/deliveries?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *list = cJSON_DetachItemFromObject(answer, "deliveries");
    cJSON_Delete(answer);
    ck_assert(cJSON_IsArray(list));
    return list;
}

/* The deliveries of notification id as "channel:to:status" joined by ", " into out. Every one
 * names the notification's kind, category, title and body. */
static const char *deliveries_of(const char *phone, const char *id, char *out, size_t cap)
{
    cJSON *list = deliveries(phone);
    out[0] = '\0';
    const cJSON *d;
    cJSON_ArrayForEach(d, list)
    {
        if (strcmp(str(d, "notification_id"), id) != 0)
            continue;
        ck_assert(str(d, "title")[0] && str(d, "body")[0] && str(d, "category")[0]);
        bool sent = strcmp(str(d, "status"), "sent") == 0;
        ck_assert_msg(cJSON_IsNull(field(d, "sent_at_ms")) != sent, "sent_at_ms only when sent");
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s:%s:%s", used ? ", " : "", str(d, "channel"),
                 str(d, "to"), str(d, "status"));
    }
    cJSON_Delete(list);
    return out;
}

/* The sent_at_ms of notification id's delivery on channel. */
static int64_t sent_at(const char *phone, const char *id, const char *channel)
{
    cJSON *list = deliveries(phone);
    int64_t at = -1;
    const cJSON *d;
    cJSON_ArrayForEach(d, list)
    {
        if (strcmp(str(d, "notification_id"), id) == 0 && strcmp(str(d, "channel"), channel) == 0)
            at = num(d, "sent_at_ms");
    }
    cJSON_Delete(list);
    return at;
}

/* An array from GET path's key (caller deletes). */
static cJSON *list_of(const char *path, const char *key)
{
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *list = cJSON_DetachItemFromObject(answer, key);
    cJSON_Delete(answer);
    ck_assert(cJSON_IsArray(list));
    return list;
}

/* How many texts the SMS gateway sent phone whose body mentions `mentions`. */
static int texts_mentioning(const char *phone, const char *mentions)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sms?phone=%%2B%s", phone + 1);
    cJSON *list = list_of(path, "messages");
    int count = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, list)
    {
        ck_assert_str_eq(str(m, "phone"), phone);
        count += strstr(str(m, "body"), mentions) != NULL;
    }
    cJSON_Delete(list);
    return count;
}

/* How many pushes the push gateway delivered to phone's devices with this title. */
static int pushes_titled(const char *phone, const char *title)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/pushes?phone=%%2B%s", phone + 1);
    cJSON *list = list_of(path, "pushes");
    int count = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, list)
    {
        count += strcmp(str(p, "title"), title) == 0;
    }
    cJSON_Delete(list);
    return count;
}

/* How many emails to `to` have this subject. */
static int emails_titled(const char *to, const char *subject)
{
    cJSON *list = emails(to);
    int count = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        count += strcmp(str(e, "subject"), subject) == 0;
    }
    cJSON_Delete(list);
    return count;
}

/* The push tokens phone's devices registered, space separated, into out. */
static const char *push_tokens(const char *phone, char *out, size_t cap)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/push_tokens?phone=%%2B%s", phone + 1);
    cJSON *list = list_of(path, "tokens");
    out[0] = '\0';
    const cJSON *t;
    cJSON_ArrayForEach(t, list)
    {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", used ? " " : "", str(t, "token"));
    }
    cJSON_Delete(list);
    return out;
}

/* Whether notification id is read in phone's view. */
static bool is_read(const char *phone, const char *id)
{
    cJSON *view = sync_view(phone);
    char key[80];
    snprintf(key, sizeof key, "notification/%s", id);
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(view, key);
    ck_assert_msg(n != NULL, "%s is not in %s's view", id, phone);
    bool read = cJSON_IsTrue(field(n, "read"));
    cJSON_Delete(view);
    return read;
}

/* ---- preferences and channels --------------------------------------------------------------- */

/*
 * A member who never chose gets the protocol's defaults (pulled as notification_prefs): push for
 * every category, email for billing and support, SMS for none; quiet hours 22:00-07:00. At 10:00
 * in Bengaluru (T0) an invoice goes to her phone's push token and her email, a booking only by
 * push, and nothing is texted.
 */
START_TEST(test_defaults_decide_the_channels)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    cJSON *view = sync_view(ASHA);
    const cJSON *prefs = cJSON_GetObjectItem(view, "notification_prefs/" ASHA_ID);
    ck_assert_ptr_nonnull(prefs);
    char text[512];
    keys(prefs, text, sizeof text);
    ck_assert_str_eq(text, "channels quiet_hours updated_at_ms");
    const cJSON *channels = field(prefs, "channels");
    keys(channels, text, sizeof text);
    ck_assert_str_eq(text, "billing support bookings events announcements");
    ck_assert(cJSON_IsTrue(field(field(channels, "billing"), "email")));
    ck_assert(cJSON_IsTrue(field(field(channels, "support"), "email")));
    ck_assert(cJSON_IsFalse(field(field(channels, "bookings"), "email")));
    ck_assert(cJSON_IsTrue(field(field(channels, "events"), "push")));
    ck_assert(cJSON_IsFalse(field(field(channels, "billing"), "sms")));
    const cJSON *quiet = field(prefs, "quiet_hours");
    ck_assert(cJSON_IsTrue(field(quiet, "enabled")));
    ck_assert_int_eq(num(quiet, "from_min"), 1320);
    ck_assert_int_eq(num(quiet, "to_min"), 420);
    cJSON_Delete(view);
    /* Nobody else sees them. */
    view = sync_view(VIKRAM);
    ck_assert(!has_entity(view, "notification_prefs", ASHA_ID));
    ck_assert(has_entity(view, "notification_prefs", "usr_5eed000000000002"));
    cJSON_Delete(view);

    char invoice[40], booking[40];
    notify(ASHA, "billing", "invoice.generated", false, "Invoice INV-7 generated", invoice);
    notify(ASHA, "bookings", "booking.confirmed", false, "Boardroom booked", booking);
    ck_assert_str_eq(deliveries_of(ASHA, invoice, text, sizeof text),
                     "push:fcm-asha-1:sent, email:" ASHA_EMAIL ":sent");
    ck_assert_str_eq(deliveries_of(ASHA, booking, text, sizeof text), "push:fcm-asha-1:sent");
    ck_assert_int_eq(sent_at(ASHA, invoice, "push"), T0);
    ck_assert_int_eq(pushes_titled(ASHA, "Invoice INV-7 generated"), 1);
    ck_assert_int_eq(pushes_titled(ASHA, "Boardroom booked"), 1);
    ck_assert_int_eq(emails_titled(ASHA_EMAIL, "Invoice INV-7 generated"), 1);
    ck_assert_int_eq(emails_titled(ASHA_EMAIL, "Boardroom booked"), 0);
    ck_assert_int_eq(texts_mentioning(ASHA, "About"), 0);
    free(asha);
}
END_TEST

/*
 * Changes go through the outbox one cell at a time, are pulled as a change of notification_prefs,
 * and the next notification honours them: billing by push and SMS (not email), events nowhere
 * (but still in the inbox). A text about a notification never hides the sign-in code from
 * /v1/test/sms/latest.
 */
START_TEST(test_changed_preferences_are_pulled_and_honoured)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    /* A client at the head of the change log. */
    char cursor[1024] = "";
    for (bool more = true; more;) {
        char path[1200];
        snprintf(path, sizeof path, "/v1/sync/pull?client_id=c1%s%s", cursor[0] ? "&cursor=" : "",
                 cursor);
        cJSON *page = call("GET", path, NULL, asha, 200);
        snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
        more = cJSON_IsTrue(field(page, "has_more"));
        cJSON_Delete(page);
    }
    set_clock(T0 + MIN);
    set_channel(asha, "billing", "email", false);
    set_channel(asha, "billing", "sms", true);
    set_channel(asha, "events", "push", false);

    char path[1200];
    snprintf(path, sizeof path, "/v1/sync/pull?client_id=c1&cursor=%s", cursor);
    cJSON *page = call("GET", path, NULL, asha, 200);
    int seen = 0;
    cJSON *data = NULL;
    const cJSON *c;
    cJSON_ArrayForEach(c, field(page, "changes"))
    {
        if (strcmp(str(c, "kind"), "notification_prefs") != 0)
            continue;
        ck_assert_str_eq(str(c, "id"), ASHA_ID);
        cJSON_Delete(data);
        data = cJSON_Parse(str(c, "data_json"));
        seen++;
    }
    ck_assert_int_ge(seen, 1);
    cJSON_Delete(page);
    /* The last change carries the whole entity with the three cells changed. */
    const cJSON *channels = field(data, "channels");
    ck_assert(cJSON_IsTrue(field(field(channels, "billing"), "sms")));
    ck_assert(cJSON_IsFalse(field(field(channels, "billing"), "email")));
    ck_assert(cJSON_IsFalse(field(field(channels, "events"), "push")));
    ck_assert(cJSON_IsTrue(field(field(channels, "bookings"), "push")));
    ck_assert_int_eq(num(data, "updated_at_ms"), T0 + MIN);
    cJSON_Delete(data);

    char invoice[40], event[40], text[512];
    notify(ASHA, "billing", "invoice.due_soon", false, "Invoice due soon", invoice);
    notify(ASHA, "events", "event.updated", false, "Networking moved", event);
    ck_assert_str_eq(deliveries_of(ASHA, invoice, text, sizeof text),
                     "push:fcm-asha-1:sent, sms:" ASHA ":sent");
    ck_assert_str_eq(deliveries_of(ASHA, event, text, sizeof text), "");
    ck_assert(!is_read(ASHA, event));
    ck_assert_int_eq(texts_mentioning(ASHA, "Invoice due soon: About invoice.due_soon."), 1);
    ck_assert_int_eq(emails_titled(ASHA_EMAIL, "Invoice due soon"), 0);
    cJSON *latest = call("GET", "/v1/test/sms/latest?phone=%2B919800000001", NULL, NULL, 200);
    ck_assert_int_eq(strlen(str(latest, "code")), 6);
    cJSON_Delete(latest);
    /* Turned back on, the same cell is the last applied. */
    set_channel(asha, "billing", "sms", false);
    notify(ASHA, "billing", "invoice.overdue", false, "Invoice overdue", invoice);
    ck_assert_str_eq(deliveries_of(ASHA, invoice, text, sizeof text), "push:fcm-asha-1:sent");
    free(asha);
}
END_TEST

/* ---- quiet hours ---------------------------------------------------------------------------- */

/*
 * 23:00 in Bengaluru (T0 + 13 h): a non-urgent notification's push and SMS are held (its email
 * goes), still held at 06:59, sent when the test clock reaches 07:00 IST; an urgent one made in
 * the same minute goes at once.
 */
START_TEST(test_quiet_hours_hold_until_seven_in_bengaluru)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    set_channel(asha, "billing", "sms", true);
    set_clock(T0 + 13 * HOUR);
    char late[40], urgent[40], text[512];
    notify(ASHA, "billing", "invoice.generated", false, "Late invoice", late);
    notify(ASHA, "bookings", "booking.reminder", true, "Boardroom in 15 minutes", urgent);
    ck_assert_str_eq(deliveries_of(ASHA, late, text, sizeof text),
                     "push:fcm-asha-1:held, email:" ASHA_EMAIL ":sent, sms:" ASHA ":held");
    ck_assert_str_eq(deliveries_of(ASHA, urgent, text, sizeof text), "push:fcm-asha-1:sent");
    ck_assert_int_eq(pushes_titled(ASHA, "Late invoice"), 0);
    ck_assert_int_eq(pushes_titled(ASHA, "Boardroom in 15 minutes"), 1);
    ck_assert_int_eq(texts_mentioning(ASHA, "Late invoice"), 0);

    /* 06:59 IST: still quiet. */
    set_clock(T0 + 21 * HOUR - MIN);
    ck_assert_str_eq(deliveries_of(ASHA, late, text, sizeof text),
                     "push:fcm-asha-1:held, email:" ASHA_EMAIL ":sent, sms:" ASHA ":held");
    /* 07:00 IST (01:30Z): out, once. */
    set_clock(T0 + 21 * HOUR);
    ck_assert_str_eq(deliveries_of(ASHA, late, text, sizeof text),
                     "push:fcm-asha-1:sent, email:" ASHA_EMAIL ":sent, sms:" ASHA ":sent");
    ck_assert_int_eq(sent_at(ASHA, late, "push"), T0 + 21 * HOUR);
    ck_assert_int_eq(sent_at(ASHA, late, "sms"), T0 + 21 * HOUR);
    set_clock(T0 + 30 * HOUR);
    ck_assert_int_eq(pushes_titled(ASHA, "Late invoice"), 1);
    ck_assert_int_eq(texts_mentioning(ASHA, "Late invoice"), 1);
    free(asha);
}
END_TEST

/*
 * Quiet hours are the member's building's wall clock: at 06:30 UTC on 5 January it is 06:30 in
 * London (Olivia's LON-1: held until 07:00 GMT) and 12:00 in Bengaluru (Asha's: sent). A window
 * of her own (13:00-14:00) holds until 14:00 London time; turned off, nothing is held.
 */
START_TEST(test_quiet_hours_follow_london_time)
{
    char *olivia = token_for(OLIVIA), *asha = token_for(ASHA);
    register_push_token(olivia, "phone-o", "fcm-olivia-1");
    register_push_token(asha, "phone-a", "fcm-asha-1");
    int64_t morning = T0 + 26 * HOUR; /* 2027-01-05T06:30Z */
    set_clock(morning);
    char hers[40], asha_s[40], text[512];
    notify(OLIVIA, "announcements", "announcement", false, "Roof terrace open", hers);
    notify(ASHA, "announcements", "announcement", false, "Pantry open", asha_s);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text), "push:fcm-olivia-1:held");
    ck_assert_str_eq(deliveries_of(ASHA, asha_s, text, sizeof text), "push:fcm-asha-1:sent");
    set_clock(morning + 30 * MIN - 1);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text), "push:fcm-olivia-1:held");
    set_clock(morning + 30 * MIN);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text), "push:fcm-olivia-1:sent");
    ck_assert_int_eq(pushes_titled(OLIVIA, "Roof terrace open"), 1);

    expect(olivia, "notification_prefs.quiet_hours",
           "{\"enabled\": true, \"from_min\": 780, \"to_min\": 840}", NULL);
    int64_t lunch = T0 + 33 * HOUR; /* 2027-01-05T13:30Z, 13:30 GMT */
    set_clock(lunch);
    notify(OLIVIA, "support", "ticket.reply", false, "Facilities replied", hers);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text),
                     "push:fcm-olivia-1:held, email:" OLIVIA_EMAIL ":sent");
    set_clock(lunch + 30 * MIN);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text),
                     "push:fcm-olivia-1:sent, email:" OLIVIA_EMAIL ":sent");
    cJSON *view = sync_view(OLIVIA);
    const cJSON *quiet =
        field(cJSON_GetObjectItem(view, "notification_prefs/usr_5eed000000000003"), "quiet_hours");
    ck_assert_int_eq(num(quiet, "from_min"), 780);
    ck_assert_int_eq(num(quiet, "to_min"), 840);
    cJSON_Delete(view);

    expect(olivia, "notification_prefs.quiet_hours",
           "{\"enabled\": false, \"from_min\": 780, \"to_min\": 840}", NULL);
    set_clock(lunch + 24 * HOUR);
    notify(OLIVIA, "support", "ticket.reply", false, "Facilities replied again", hers);
    ck_assert_str_eq(deliveries_of(OLIVIA, hers, text, sizeof text),
                     "push:fcm-olivia-1:sent, email:" OLIVIA_EMAIL ":sent");
    free(olivia);
    free(asha);
}
END_TEST

/* ---- always reaches ---------------------------------------------------------------------------
 */

/*
 * With every bookings channel off, a visitor alert still reaches Asha: by push while she has a
 * token, by SMS once she has none; an ordinary bookings notification goes nowhere. With billing
 * off, a payment confirmation goes by email. Each stays in the inbox.
 */
START_TEST(test_some_kinds_always_reach)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    set_channel(asha, "bookings", "push", false);
    set_channel(asha, "billing", "push", false);
    set_channel(asha, "billing", "email", false);
    char id[40], text[512];
    notify(ASHA, "bookings", "visitor.arrived", true, "Visitor waiting at reception", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "push:fcm-asha-1:sent");
    notify(ASHA, "bookings", "booking.confirmed", false, "Huddle booked", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "");
    ck_assert(!is_read(ASHA, id));
    /* A payment confirmation with a token: push. */
    notify(ASHA, "billing", "payment.confirmed", false, "Payment confirmed", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "push:fcm-asha-1:sent");

    expect(asha, "device.push_token.remove", "{\"client_id\": \"phone-1\"}", NULL);
    notify(ASHA, "bookings", "visitor.walk_in", true, "Walk-in: approve?", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "sms:" ASHA ":sent");
    ck_assert_int_eq(texts_mentioning(ASHA, "Walk-in: approve?"), 1);
    notify(ASHA, "billing", "payment.confirmed", false, "Payment received", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "email:" ASHA_EMAIL ":sent");
    ck_assert_int_eq(emails_titled(ASHA_EMAIL, "Payment received"), 1);
    /* Not one of those kinds: nothing. */
    notify(ASHA, "billing", "invoice.generated", false, "Invoice quietly issued", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "");
    free(asha);
}
END_TEST

/* ---- push tokens ---------------------------------------------------------------------------- */

/*
 * Two devices; the provider reports one token dead: the next push to it is recorded dead_token
 * and the token dropped (push_tokens lists only the live one); the other device gets it; the
 * notification after that has one push delivery.
 */
START_TEST(test_a_dead_token_is_dropped)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-old");
    register_push_token(asha, "phone-2", "fcm-new");
    cJSON *ok = call("POST", "/v1/test/push/dead", "{\"token\": \"fcm-old\"}", NULL, 200);
    ck_assert(cJSON_IsTrue(field(ok, "dead")));
    cJSON_Delete(ok);
    check_error("POST", "/v1/test/push/dead", "{}", NULL, 400, "invalid_argument");
    char text[512];
    ck_assert_str_eq(push_tokens(ASHA, text, sizeof text), "fcm-old fcm-new");
    char first[40], second[40];
    notify(ASHA, "bookings", "booking.confirmed", false, "Boardroom booked", first);
    ck_assert_str_eq(deliveries_of(ASHA, first, text, sizeof text),
                     "push:fcm-old:dead_token, push:fcm-new:sent");
    ck_assert_str_eq(push_tokens(ASHA, text, sizeof text), "fcm-new");
    ck_assert_int_eq(pushes_titled(ASHA, "Boardroom booked"), 1);
    notify(ASHA, "bookings", "booking.cancelled", false, "Boardroom cancelled", second);
    ck_assert_str_eq(deliveries_of(ASHA, second, text, sizeof text), "push:fcm-new:sent");
    free(asha);
}
END_TEST

/*
 * A held delivery is looked at again when its window ends: one whose channel the member switched
 * off for its category meanwhile, or whose notification they read in the app meanwhile, does not
 * go (nor stays held); the others of the same window go as before.
 */
START_TEST(test_held_deliveries_follow_later_choices)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    set_channel(asha, "billing", "sms", true);
    set_clock(T0 + 13 * HOUR); /* 23:00 IST */
    char switched[40], read[40], kept[40], text[512];
    notify(ASHA, "billing", "invoice.generated", false, "Invoice at night", switched);
    notify(ASHA, "events", "event.updated", false, "Venue moved", read);
    notify(ASHA, "support", "ticket.reply", false, "Reply at night", kept);
    ck_assert_str_eq(deliveries_of(ASHA, switched, text, sizeof text),
                     "push:fcm-asha-1:held, email:" ASHA_EMAIL ":sent, sms:" ASHA ":held");
    ck_assert_str_eq(deliveries_of(ASHA, read, text, sizeof text), "push:fcm-asha-1:held");
    /* 23:30: billing's SMS off; the event's notification read in the app */
    set_clock(T0 + 13 * HOUR + 30 * MIN);
    set_channel(asha, "billing", "sms", false);
    char payload[128];
    snprintf(payload, sizeof payload, "{\"notification_id\": \"%s\"}", read);
    expect(asha, "notification.read", payload, NULL);
    /* 07:00 IST */
    set_clock(T0 + 21 * HOUR);
    ck_assert_str_eq(deliveries_of(ASHA, switched, text, sizeof text),
                     "push:fcm-asha-1:sent, email:" ASHA_EMAIL ":sent");
    ck_assert_int_eq(texts_mentioning(ASHA, "Invoice at night"), 0);
    ck_assert_int_eq(pushes_titled(ASHA, "Invoice at night"), 1);
    ck_assert_str_eq(deliveries_of(ASHA, read, text, sizeof text), "");
    ck_assert_int_eq(pushes_titled(ASHA, "Venue moved"), 0);
    ck_assert_str_eq(deliveries_of(ASHA, kept, text, sizeof text),
                     "push:fcm-asha-1:sent, email:" ASHA_EMAIL ":sent");
    ck_assert_int_eq(pushes_titled(ASHA, "Reply at night"), 1);
    free(asha);
}
END_TEST

/*
 * device.push_token.remove forgets this install's token (and the pushes quiet hours still held
 * for it); removing one that is not there is applied; a payload without client_id is refused.
 */
START_TEST(test_a_push_token_is_removed)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    register_push_token(asha, "phone-2", "fcm-asha-2");
    set_clock(T0 + 13 * HOUR);
    char id[40], text[512];
    notify(ASHA, "bookings", "booking.confirmed", false, "Booked late", id);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text),
                     "push:fcm-asha-1:held, push:fcm-asha-2:held");
    expect(asha, "device.push_token.remove", "{\"client_id\": \"phone-1\"}", NULL);
    ck_assert_str_eq(push_tokens(ASHA, text, sizeof text), "fcm-asha-2");
    expect(asha, "device.push_token.remove", "{\"client_id\": \"phone-1\"}", NULL);
    expect(asha, "device.push_token.remove", "{\"client_id\": \"never-registered\"}", NULL);
    expect(asha, "device.push_token.remove", "{}", "invalid_argument");
    set_clock(T0 + 21 * HOUR);
    ck_assert_str_eq(deliveries_of(ASHA, id, text, sizeof text), "push:fcm-asha-2:sent");
    ck_assert_int_eq(pushes_titled(ASHA, "Booked late"), 1);
    /* Vikram removing a client id of his own name never touches Asha's. */
    char *vikram = token_for(VIKRAM);
    expect(vikram, "device.push_token.remove", "{\"client_id\": \"phone-2\"}", NULL);
    ck_assert_str_eq(push_tokens(ASHA, text, sizeof text), "fcm-asha-2");
    free(vikram);
    free(asha);
}
END_TEST

/* ---- the inbox ------------------------------------------------------------------------------ */

/*
 * notification.read_all reads what the member had seen: those made at or before up_to_ms (of the
 * category when given); one that arrived after stays unread.
 */
START_TEST(test_read_all_reads_up_to_what_was_seen)
{
    char *asha = token_for(ASHA);
    char bill1[40], support[40], bill2[40], bill_late[40];
    notify(ASHA, "billing", "invoice.generated", false, "Invoice one", bill1);
    notify(ASHA, "support", "ticket.reply", false, "A reply", support);
    set_clock(T0 + MIN);
    notify(ASHA, "billing", "invoice.due_soon", false, "Invoice one due", bill2);
    set_clock(T0 + 2 * MIN);
    notify(ASHA, "billing", "invoice.overdue", false, "Invoice one overdue", bill_late);

    char payload[160];
    snprintf(payload, sizeof payload, "{\"category\": \"billing\", \"up_to_ms\": %" PRId64 "}",
             (int64_t)(T0 + MIN));
    expect(asha, "notification.read_all", payload, NULL);
    ck_assert(is_read(ASHA, bill1) && is_read(ASHA, bill2));
    ck_assert(!is_read(ASHA, support) && !is_read(ASHA, bill_late));
    /* The seeded visitor alert (unread, before T0) is not billing. */
    ck_assert(!is_read(ASHA, "ntf_5eed000000000101"));

    snprintf(payload, sizeof payload, "{\"category\": null, \"up_to_ms\": %" PRId64 "}",
             (int64_t)(T0 + MIN));
    expect(asha, "notification.read_all", payload, NULL);
    ck_assert(is_read(ASHA, support) && is_read(ASHA, "ntf_5eed000000000101"));
    ck_assert(!is_read(ASHA, bill_late));
    /* Again: applied, nothing more. */
    expect(asha, "notification.read_all", payload, NULL);
    ck_assert(!is_read(ASHA, bill_late));
    /* Another member's read_all never reads Asha's. */
    char *vikram = token_for(VIKRAM);
    snprintf(payload, sizeof payload, "{\"up_to_ms\": %" PRId64 "}", (int64_t)(T0 + HOUR));
    expect(vikram, "notification.read_all", payload, NULL);
    ck_assert(!is_read(ASHA, bill_late));

    expect(asha, "notification.read_all", "{\"category\": \"other\", \"up_to_ms\": 1}",
           "invalid_argument");
    expect(asha, "notification.read_all", "{\"category\": 7, \"up_to_ms\": 1}", "invalid_argument");
    expect(asha, "notification.read_all", "{\"category\": null}", "invalid_argument");
    expect(asha, "notification.read_all", "{\"up_to_ms\": \"now\"}", "invalid_argument");
    expect(asha, "notification.read_all", "{\"up_to_ms\": 1.5}", "invalid_argument");
    free(vikram);
    free(asha);
}
END_TEST

/* ---- refusals ------------------------------------------------------------------------------- */

START_TEST(test_preference_refusals)
{
    char *asha = token_for(ASHA);
    static const char *const bad_cells[] = {
        "{\"category\": \"other\", \"channel\": \"push\", \"enabled\": true}",
        "{\"category\": \"Billing\", \"channel\": \"push\", \"enabled\": true}",
        "{\"category\": \"billing\", \"channel\": \"fax\", \"enabled\": true}",
        "{\"category\": \"billing\", \"channel\": \"push\", \"enabled\": \"yes\"}",
        "{\"category\": \"billing\", \"channel\": \"push\"}",
        "{\"channel\": \"push\", \"enabled\": true}",
    };
    for (size_t i = 0; i < sizeof bad_cells / sizeof bad_cells[0]; i++)
        expect(asha, "notification_prefs.set", bad_cells[i], "invalid_argument");
    static const char *const bad_windows[] = {
        "{\"enabled\": true, \"from_min\": 600, \"to_min\": 600}",
        "{\"enabled\": true, \"from_min\": 1440, \"to_min\": 420}",
        "{\"enabled\": true, \"from_min\": -1, \"to_min\": 420}",
        "{\"enabled\": true, \"from_min\": 60.5, \"to_min\": 420}",
        "{\"enabled\": true, \"from_min\": 1320}",
        "{\"from_min\": 1320, \"to_min\": 420}",
        "{\"enabled\": 1, \"from_min\": 1320, \"to_min\": 420}",
    };
    for (size_t i = 0; i < sizeof bad_windows / sizeof bad_windows[0]; i++)
        expect(asha, "notification_prefs.quiet_hours", bad_windows[i], "invalid_argument");
    /* Nothing was stored: the defaults as they were. */
    cJSON *view = sync_view(ASHA);
    const cJSON *prefs = cJSON_GetObjectItem(view, "notification_prefs/" ASHA_ID);
    ck_assert_int_eq(num(field(prefs, "quiet_hours"), "from_min"), 1320);
    ck_assert(cJSON_IsTrue(field(field(field(prefs, "channels"), "billing"), "push")));
    cJSON_Delete(view);
    /* The test routes refuse what they cannot name. */
    check_error("GET", "/v1/test/deliveries?channel=fax", NULL, NULL, 400, "invalid_argument");
    check_error("GET", "/v1/test/deliveries?phone=%2B919899999999", NULL, NULL, 404, "not_found");
    check_error("GET", "/v1/test/sms", NULL, NULL, 400, "invalid_argument");
    check_error("POST", "/v1/test/notifications",
                "{\"phone\": \"" ASHA "\", \"category\": \"billing\", \"title\": \"t\","
                " \"body\": \"b\", \"urgent\": \"yes\"}",
                NULL, 400, "invalid_argument");
    free(asha);
}
END_TEST

/* The deliveries route filters by kind and channel across members. */
START_TEST(test_deliveries_filter_by_kind_and_channel)
{
    char *asha = token_for(ASHA);
    register_push_token(asha, "phone-1", "fcm-asha-1");
    char id[40];
    notify(ASHA, "billing", "invoice.generated", false, "Invoice A", id);
    notify(OLIVIA, "billing", "invoice.generated", false, "Invoice O", id);
    notify(ASHA, "support", "ticket.reply", false, "Reply A", id);
    cJSON *list = list_of("/v1/test/deliveries?kind=invoice.generated&channel=email", "deliveries");
    ck_assert_int_eq(cJSON_GetArraySize(list), 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 0), "to"), ASHA_EMAIL);
    ck_assert_str_eq(str(cJSON_GetArrayItem(list, 1), "to"), OLIVIA_EMAIL);
    char text[512];
    keys(cJSON_GetArrayItem(list, 0), text, sizeof text);
    ck_assert_str_eq(text, "notification_id kind category channel to status title body deep_link"
                           " created_at_ms sent_at_ms");
    cJSON_Delete(list);
    list = list_of("/v1/test/deliveries?phone=%2B919800000001&channel=push", "deliveries");
    ck_assert_int_eq(cJSON_GetArraySize(list), 2);
    cJSON_Delete(list);
    free(asha);
}
END_TEST

static Suite *notify_suite(void)
{
    Suite *s = suite_create("stub_notify");
    TCase *channels = tcase_create("channels");
    tcase_add_checked_fixture(channels, reset_counter, teardown);
    tcase_set_timeout(channels, 60);
    tcase_add_test(channels, test_defaults_decide_the_channels);
    tcase_add_test(channels, test_changed_preferences_are_pulled_and_honoured);
    tcase_add_test(channels, test_quiet_hours_hold_until_seven_in_bengaluru);
    tcase_add_test(channels, test_quiet_hours_follow_london_time);
    tcase_add_test(channels, test_some_kinds_always_reach);
    tcase_add_test(channels, test_a_dead_token_is_dropped);
    tcase_add_test(channels, test_held_deliveries_follow_later_choices);
    tcase_add_test(channels, test_a_push_token_is_removed);
    tcase_add_test(channels, test_read_all_reads_up_to_what_was_seen);
    tcase_add_test(channels, test_preference_refusals);
    tcase_add_test(channels, test_deliveries_filter_by_kind_and_channel);
    suite_add_tcase(s, channels);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(notify_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
