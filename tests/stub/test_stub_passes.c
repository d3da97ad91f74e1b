/*
 * tests/stub/test_stub_passes.c - day passes, invoices and access codes over real HTTP
 * (docs/passes-protocol.md): quotes (each rule a pass can break, with its index; tiers, discount
 * and GST), checkout with seat holds and their lapse, confirmation (genuine, forged, repeated),
 * Razorpay's webhook (valid, forged, tampered, duplicate, after the confirmation, for a room
 * booking, after a lapse, a configured secret), paying an issued or overdue invoice, invoices
 * falling overdue, the test door (in, out and in again on the pass date with anti-passback,
 * expired the next day, not yet valid, wrong building, replayed, skew, forged and tampered, a
 * guest's emailed QR image decoded by zbarimg and good all day, a booking guest's in its window),
 * and who sees the new kinds (a credential's secret only its holder). Each test runs its own
 * memberstub (fresh database, test mode, server clock at T0) and requires it to exit cleanly
 * (status 0).
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <mbedtls/base64.h>
#include <mbedtls/md.h>
#include <sqlite3.h>
#include <unistd.h>

#include "stub_process.h"
#include "stub_test_util.h"
#include "rules/zone.h"

#define H MS_HOUR_MS
#define M MS_MINUTE_MS

#define ASHA   "+919800000001"
#define VIKRAM "+919800000002"
#define OLIVIA "+447700900001"
#define PRIYA  "+919800000009"

/* The webhook secret memberstub uses unless told otherwise (app.h). */
#define WEBHOOK_SECRET "memberstub_test_webhook_secret"

/* ---- helpers ---------------------------------------------------------------------------- */

/* y-m-d h:mm in Bengaluru (UTC+05:30), as ms. */
static int64_t ist(int y, int mo, int d, int h, int mi)
{
    return ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H + mi * M - 330 * M;
}

/* A cart body: building and passes (a JSON array), with a checkout_id when not NULL. */
static char *cart(const char *checkout_id, const char *building, const char *passes)
{
    size_t n = strlen(passes) + 256;
    char *body = malloc(n);
    ck_assert_ptr_nonnull(body);
    if (checkout_id)
        snprintf(body, n, "{\"checkout_id\":\"%s\",\"building_id\":\"%s\",\"passes\":%s}",
                 checkout_id, building, passes);
    else
        snprintf(body, n, "{\"building_id\":\"%s\",\"passes\":%s}", building, passes);
    return body;
}

static cJSON *quote(const char *token, const char *building, const char *passes, int expect)
{
    char *body = cart(NULL, building, passes);
    cJSON *answer = call("POST", "/v1/passes/quote", body, token, expect);
    free(body);
    return answer;
}

static cJSON *checkout(const char *token, const char *id, const char *building, const char *passes,
                       int expect)
{
    char *body = cart(id, building, passes);
    cJSON *answer = call("POST", "/v1/passes/checkout", body, token, expect);
    free(body);
    return answer;
}

/* The violations of a 422 as "index:rule" pairs, space separated, into out. */
static void violations(const cJSON *answer, char *out, size_t cap)
{
    ck_assert_str_eq(str(answer, "code"), "cart_invalid");
    out[0] = '\0';
    const cJSON *v;
    cJSON_ArrayForEach(v, field(answer, "violations"))
    {
        char names[128];
        keys(v, names, sizeof names);
        ck_assert_str_eq(names, "index rule message");
        ck_assert_msg(str(v, "message")[0], "a violation needs a message");
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%" PRId64 ":%s", used ? " " : "", num(v, "index"),
                 str(v, "rule"));
    }
}

static cJSON *confirm(const char *token, const char *order_id, const cJSON *payment, int expect)
{
    char body[512];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(payment, "payment_id"), str(payment, "signature"));
    return call("POST", "/v1/payments/razorpay/confirm", body, token, expect);
}

/* Pay order_id for real and confirm it as token: the confirmation's answer. */
static cJSON *pay_and_confirm(const char *token, const char *order_id)
{
    cJSON *payment = pay(order_id, false);
    cJSON *answer = confirm(token, order_id, payment, 200);
    cJSON_Delete(payment);
    return answer;
}

static const cJSON *entity(const cJSON *state, const char *kind, const char *id)
{
    char key[160];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(state, key);
    ck_assert_msg(e != NULL, "no %s in the view", key);
    return e;
}

/* How many entities of kind the view holds. */
static int count_kind(const cJSON *state, const char *kind)
{
    int n = 0;
    size_t len = strlen(kind);
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, kind, len) == 0 && e->string[len] == '/')
            n++;
    }
    return n;
}

/* How many notifications titled title (and whose body has `text`, when not NULL). */
static int notifications(const cJSON *state, const char *title, const char *text)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, state)
    {
        if (strncmp(e->string, "notification/", 13) == 0 && strcmp(str(e, "title"), title) == 0 &&
            (!text || strstr(str(e, "body"), text)))
            n++;
    }
    return n;
}

/* ---- codes, computed here independently of the server ----------------------------------- */

static void hmac_sha256(const void *key, size_t key_len, const void *msg, size_t len,
                        uint8_t out[32])
{
    ck_assert_int_eq(
        mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, key_len, msg, len, out),
        0);
}

static void hex_of(const uint8_t *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", in[i]);
}

/* The rotating payload (step >= 0) or the static one (step < 0) of a credential. */
static void payload_of(const char *id, const char *secret_hex, int64_t step, char out[160])
{
    ck_assert_int_eq((int)strlen(secret_hex), 64);
    uint8_t secret[32], mac[32];
    for (int i = 0; i < 32; i++) {
        unsigned v;
        ck_assert_int_eq(sscanf(secret_hex + 2 * i, "%2x", &v), 1);
        secret[i] = (uint8_t)v;
    }
    char message[128];
    if (step >= 0)
        snprintf(message, sizeof message, "%s|%" PRId64, id, step);
    else
        snprintf(message, sizeof message, "%s|G", id);
    hmac_sha256(secret, 32, message, strlen(message), mac);
    unsigned offset = mac[31] & 0x0f;
    uint32_t bin = (uint32_t)(mac[offset] & 0x7f) << 24 | (uint32_t)mac[offset + 1] << 16 |
                   (uint32_t)mac[offset + 2] << 8 | mac[offset + 3];
    if (step >= 0)
        snprintf(out, 160, "MC1|%s|%" PRId64 "|%08u", id, step, (unsigned)(bin % 100000000u));
    else
        snprintf(out, 160, "MC1|%s|G|%08u", id, (unsigned)(bin % 100000000u));
}

/* The door of building scans payload on the way in, the direction left out (its default). */
static const char *scan(const char *building, const char *payload)
{
    static char out[64];
    char body[256];
    snprintf(body, sizeof body, "{\"building\":\"%s\",\"payload\":\"%s\"}", building, payload);
    cJSON *answer = call("POST", "/v1/test/door/scan", body, NULL, 200);
    snprintf(out, sizeof out, "%s",
             cJSON_IsTrue(field(answer, "granted")) ? "granted" : str(answer, "reason"));
    cJSON_Delete(answer);
    return out;
}

/* POST /v1/webhooks/razorpay with the body as is; NULL headers are left out. The status. */
static int webhook(const char *body, const char *signature, const char *event_id)
{
    char sig[128], event[200];
    const char *headers[4];
    int n = 0;
    headers[n++] = "Content-Type: application/json";
    if (signature) {
        snprintf(sig, sizeof sig, "X-Razorpay-Signature: %s", signature);
        headers[n++] = sig;
    }
    if (event_id) {
        snprintf(event, sizeof event, "X-Razorpay-Event-Id: %s", event_id);
        headers[n++] = event;
    }
    headers[n] = NULL;
    char *answer = NULL;
    int status =
        stub_request_headers(stub, "POST", "/v1/webhooks/razorpay", body, headers, &answer);
    if (status == 200) {
        cJSON *json = cJSON_Parse(answer);
        ck_assert_str_eq(str(json, "status"), "ok");
        cJSON_Delete(json);
    }
    free(answer);
    return status;
}

/* The signature of body with secret, computed here. */
static void sign(const char *secret, const char *body, char out[65])
{
    uint8_t mac[32];
    hmac_sha256(secret, strlen(secret), body, strlen(body), mac);
    hex_of(mac, 32, out);
}

/* An order.paid event for order_id, as Razorpay sends it (the body text; caller frees). */
static char *order_paid_body(const char *order_id, const char *payment_id)
{
    char *body = malloc(512);
    ck_assert_ptr_nonnull(body);
    if (payment_id)
        snprintf(body, 512,
                 "{\"entity\":\"event\",\"event\":\"order.paid\",\"payload\":{\"payment\":"
                 "{\"entity\":{\"id\":\"%s\",\"status\":\"captured\"}},\"order\":{\"entity\":"
                 "{\"id\":\"%s\",\"status\":\"paid\"}}}}",
                 payment_id, order_id);
    else
        snprintf(body, 512,
                 "{\"entity\":\"event\",\"event\":\"order.paid\",\"payload\":{\"order\":"
                 "{\"entity\":{\"id\":\"%s\",\"status\":\"paid\"}}}}",
                 order_id);
    return body;
}

/* A paid checkout of Asha's: self and a guest on date in building; its invoice id into out. */
static void asha_buys(const char *token, const char *building, const char *date, char *invoice,
                      size_t cap)
{
    char passes[512];
    snprintf(passes, sizeof passes,
             "[{\"date\":\"%s\"},{\"date\":\"%s\",\"guest\":{\"name\":\"Rahul Mehta\","
             "\"email\":\"Rahul@Example.com\"}}]",
             date, date);
    char id[64];
    snprintf(id, sizeof id, "co-%s-%s", building, date);
    cJSON *answer = checkout(token, id, building, passes, 201);
    snprintf(invoice, cap, "%s", str(field(answer, "invoice"), "id"));
    cJSON_Delete(pay_and_confirm(token, str(field(answer, "order"), "id")));
    cJSON_Delete(answer);
}

/* The credential of Asha's own pass of invoice (from her view): its id and secret. */
static void own_credential(const char *invoice, char *id, char *secret_hex)
{
    cJSON *v = sync_view(ASHA);
    const cJSON *e;
    bool found = false;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "pass/", 5) != 0 || strcmp(str(e, "invoice_id"), invoice) != 0 ||
            !cJSON_IsString(field(e, "holder")))
            continue;
        snprintf(id, 64, "%s", str(e, "credential_id"));
        snprintf(secret_hex, 80, "%s", str(entity(v, "credential", id), "secret_hex"));
        found = true;
    }
    ck_assert_msg(found, "Asha has no pass of %s", invoice);
    cJSON_Delete(v);
}

/* ---- quotes ----------------------------------------------------------------------------- */

/* n guests' passes on date, as a JSON array (numbered guests, so no one is there twice). */
static void guests_on(const char *date, int n, char *out, size_t cap)
{
    size_t used = (size_t)snprintf(out, cap, "[");
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, cap - used,
                                 "%s{\"date\":\"%s\",\"guest\":{\"name\":\"Guest %d\","
                                 "\"email\":\"g%d@example.com\"}}",
                                 i ? "," : "", date, i, i);
    snprintf(out + used, cap - used, "]");
}

/* The bundle tiers by count, the discount and GST rounded half up, lines per date in order. */
START_TEST(test_quote_prices_tiers_and_gst)
{
    char *asha = token_for(ASHA);
    static const struct {
        int n;
        int64_t subtotal, discount, gst, total, tier, pct;
    } rows[] = {
        {1, 80000, 0, 14400, 94400, 1, 0},
        {4, 320000, 0, 57600, 377600, 1, 0},
        {5, 400000, 40000, 64800, 424800, 5, 10},
        {9, 720000, 72000, 116640, 764640, 5, 10},
        {10, 800000, 120000, 122400, 802400, 10, 15},
        {12, 960000, 144000, 146880, 962880, 10, 15},
    };
    char passes[4096], names[256];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        guests_on("2027-01-05", rows[i].n, passes, sizeof passes);
        cJSON *q = quote(asha, "BLR-1", passes, 200);
        keys(q, names, sizeof names);
        ck_assert_str_eq(
            names, "lines subtotal_paise discount_paise gst_paise total_paise currency tax tier");
        ck_assert_str_eq(str(q, "currency"), "INR");
        ck_assert_str_eq(str(field(q, "tax"), "name"), "GST");
        ck_assert(num(field(q, "tax"), "rate_bp") == 1800);
        ck_assert_msg(num(q, "subtotal_paise") == rows[i].subtotal &&
                          num(q, "discount_paise") == rows[i].discount &&
                          num(q, "gst_paise") == rows[i].gst &&
                          num(q, "total_paise") == rows[i].total,
                      "%d passes", rows[i].n);
        const cJSON *tier = field(q, "tier");
        ck_assert(num(tier, "passes") == rows[i].tier && num(tier, "discount_pct") == rows[i].pct);
        ck_assert_int_eq(cJSON_GetArraySize(field(q, "lines")), 1);
        const cJSON *line = cJSON_GetArrayItem(field(q, "lines"), 0);
        keys(line, names, sizeof names);
        ck_assert_str_eq(names, "description quantity unit_paise amount_paise");
        ck_assert(num(line, "quantity") == rows[i].n && num(line, "unit_paise") == 80000 &&
                  num(line, "amount_paise") == rows[i].subtotal);
        ck_assert_str_eq(str(line, "description"), "Day pass, Indiranagar (BLR-1), Tue 5 Jan 2027");
        cJSON_Delete(q);
    }

    /* One line per date, in date order, whatever the cart's order. */
    cJSON *q = quote(asha, "MUM-1",
                     "[{\"date\":\"2027-01-07\"},{\"date\":\"2027-01-05\"},"
                     "{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"A\",\"email\":\"a@x.in\"}}]",
                     200);
    const cJSON *lines = field(q, "lines");
    ck_assert_int_eq(cJSON_GetArraySize(lines), 2);
    ck_assert(num(cJSON_GetArrayItem(lines, 0), "quantity") == 1 &&
              num(cJSON_GetArrayItem(lines, 1), "quantity") == 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(lines, 1), "description"),
                     "Day pass, Lower Parel (MUM-1), Thu 7 Jan 2027");
    ck_assert(num(q, "subtotal_paise") == 270000 && num(q, "gst_paise") == 48600 &&
              num(q, "total_paise") == 318600);
    cJSON_Delete(q);

    /* Halves round up: 5 x 999.99 = 4 999.95, 10% = 499.995 -> 500.00; 18% of 4 499.95 =
     * 809.991 -> 809.99. */
    cJSON_Delete(call("POST", "/v1/test/open_space",
                      "{\"building_id\":\"BLR-1\",\"day_pass_price_paise\":99999}", NULL, 200));
    guests_on("2027-01-05", 5, passes, sizeof passes);
    q = quote(asha, "BLR-1", passes, 200);
    ck_assert(num(q, "subtotal_paise") == 499995 && num(q, "discount_paise") == 50000 &&
              num(q, "gst_paise") == 80999 && num(q, "total_paise") == 530994);
    cJSON_Delete(q);
    /* 15% of 10 x 3.33 = 4.995 -> 5.00; 18% of 28.30 = 5.094 -> 5.09. */
    cJSON_Delete(call("POST", "/v1/test/open_space",
                      "{\"building_id\":\"BLR-1\",\"day_pass_price_paise\":333}", NULL, 200));
    guests_on("2027-01-05", 10, passes, sizeof passes);
    q = quote(asha, "BLR-1", passes, 200);
    ck_assert(num(q, "subtotal_paise") == 3330 && num(q, "discount_paise") == 500 &&
              num(q, "gst_paise") == 509 && num(q, "total_paise") == 3339);
    cJSON_Delete(q);
    free(asha);
}
END_TEST

/* Each rule a pass breaks is reported with its index; a cart with any is not sold. */
START_TEST(test_quote_reports_each_violation_with_index_and_rule)
{
    char *asha = token_for(ASHA);
    cJSON_Delete(call("POST", "/v1/test/open_space", "{\"building_id\":\"BLR-1\",\"capacity\":3}",
                      NULL, 200));
    const char *passes =
        "[{\"date\":\"2027-01-02\"},"               /* 0 past */
        "{\"date\":\"2027-02-04\"},"                /* 1 beyond */
        "{\"date\":\"2027-01-26\"},"                /* 2 blackout */
        "{\"date\":\"2027-01-10\"},"                /* 3 Sunday */
        "{\"date\":\"2027-01-05\"},"                /* 4 fine */
        "{\"date\":\"2027-01-05\",\"guest\":null}," /* 5 self again */
        "{\"date\":\"2027-01-06\",\"guest\":{\"name\":\"R\",\"email\":\"r@x.in\"}}," /* 6 */
        "{\"date\":\"2027-01-06\",\"guest\":{\"name\":\"R\",\"email\":\"R@X.IN\"}}," /* 7 dup */
        "{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"A\",\"email\":\"a@x.in\"}},"
        "{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"B\",\"email\":\"b@x.in\"}},"
        "{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"C\",\"email\":\"c@x.in\"}},"
        "{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"D\",\"email\":\"d@x.in\"}}," /* 11 full */
        "{\"date\":\"2027-01-05\",\"guest\":{\"name\":\"Me\","
        "\"email\":\"ASHA.RAO@acme.example\"}}," /* 12 = self */
        "{\"date\":\"2027-01-03\"}]";            /* 13 past, Sun */
    cJSON *answer = quote(asha, "BLR-1", passes, 422);
    char found[512];
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:past_date 1:beyond_window 2:blackout 3:closed 5:duplicate"
                            " 7:duplicate 11:capacity 12:duplicate 13:past_date 13:closed");
    cJSON_Delete(answer);
    free(asha);
}
END_TEST

/* Seats and people count held and active passes of everyone; a lapsed hold frees them. */
START_TEST(test_capacity_and_duplicates_count_held_and_active_passes)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    cJSON_Delete(call("POST", "/v1/test/open_space", "{\"building_id\":\"BLR-1\",\"capacity\":2}",
                      NULL, 200));
    /* Today and today + 30 are sold; both seats of 7 January go to Vikram's checkout. */
    cJSON_Delete(
        quote(asha, "BLR-1", "[{\"date\":\"2027-01-04\"},{\"date\":\"2027-02-03\"}]", 200));
    cJSON_Delete(checkout(vikram, "co-v", "BLR-1",
                          "[{\"date\":\"2027-01-07\"},{\"date\":\"2027-01-07\",\"guest\":"
                          "{\"name\":\"Ana\",\"email\":\"ana@example.org\"}}]",
                          201));
    char found[256];
    cJSON *answer = quote(asha, "BLR-1", "[{\"date\":\"2027-01-07\"}]", 422);
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:capacity");
    cJSON_Delete(answer);
    /* Ana holds a pass that day whoever buys: a second one for her is a duplicate. */
    cJSON_Delete(call("POST", "/v1/test/open_space", "{\"building_id\":\"BLR-1\",\"capacity\":60}",
                      NULL, 200));
    answer = quote(asha, "BLR-1",
                   "[{\"date\":\"2027-01-07\",\"guest\":{\"name\":\"Ana\",\"email\":"
                   "\"ANA@example.org\"}},{\"date\":\"2027-01-07\"}]",
                   422);
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:duplicate");
    cJSON_Delete(answer);
    /* Asha's own pass, bought and paid: her second one that day is a duplicate too. */
    char invoice[64];
    asha_buys(asha, "BLR-1", "2027-01-08", invoice, sizeof invoice);
    answer = quote(asha, "BLR-1", "[{\"date\":\"2027-01-08\"}]", 422);
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:duplicate");
    cJSON_Delete(answer);
    /* A held checkout lapses after 15 minutes: its seats and people are free again. */
    cJSON_Delete(call("POST", "/v1/test/open_space", "{\"building_id\":\"BLR-1\",\"capacity\":2}",
                      NULL, 200));
    ck_assert_int_eq(stub_advance_clock(stub, 15 * M), 0);
    cJSON_Delete(quote(asha, "BLR-1",
                       "[{\"date\":\"2027-01-07\"},{\"date\":\"2027-01-07\",\"guest\":"
                       "{\"name\":\"Ana\",\"email\":\"ana@example.org\"}}]",
                       200));
    /* The paid passes of 8 January stay (two of two seats). */
    answer = quote(vikram, "BLR-1", "[{\"date\":\"2027-01-08\"}]", 422);
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:capacity");
    cJSON_Delete(answer);
    free(asha);
    free(vikram);
}
END_TEST

/* Malformed bodies are 400, an unknown building 404, a buyer without the role 403. */
START_TEST(test_checkout_refusals)
{
    char *asha = token_for(ASHA), *priya = token_for(PRIYA);
    static const char *const bad[] = {
        "{\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\"}]}",
        "{\"checkout_id\":\"\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\"}]}",
        "{\"checkout_id\":\"a "
        "b\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\"}]}",
        "{\"checkout_id\":\"c\",\"passes\":[{\"date\":\"2027-01-05\"}]}",
        "{\"checkout_id\":\"c\",\"building_id\":5,\"passes\":[{\"date\":\"2027-01-05\"}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\"}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":{}}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[5]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-02-30\"}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"5 Jan\"}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\","
        "\"guest\":\"Rahul\"}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\","
        "\"guest\":{\"name\":\"Rahul\"}}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\","
        "\"guest\":{\"name\":\" \",\"email\":\"r@x.in\"}}]}",
        "{\"checkout_id\":\"c\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"2027-01-05\","
        "\"guest\":{\"name\":\"R\",\"email\":\"not-an-email\"}}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_error("POST", "/v1/passes/checkout", bad[i], asha, 400, "invalid_argument");
    check_error("POST", "/v1/passes/checkout", "[]", asha, 400, "invalid_json");
    /* 51 passes are too many. */
    char passes[8192];
    guests_on("2027-01-05", 51, passes, sizeof passes);
    char *body = cart("c", "BLR-1", passes);
    check_error("POST", "/v1/passes/checkout", body, asha, 400, "invalid_argument");
    free(body);
    body = cart("c", "NOPE-1", "[{\"date\":\"2027-01-05\"}]");
    check_error("POST", "/v1/passes/checkout", body, asha, 404, "not_found");
    check_error("POST", "/v1/passes/quote", body, NULL, 401, "unauthorized");
    check_error("POST", "/v1/passes/checkout", body, NULL, 401, "unauthorized");
    free(body);
    /* Staff may quote (anyone signed in may), not buy. */
    cJSON_Delete(quote(priya, "BLR-1", "[{\"date\":\"2027-01-05\"}]", 200));
    cJSON_Delete(error_of("POST", "/v1/passes/checkout",
                          "{\"checkout_id\":\"p\",\"building_id\":\"BLR-1\",\"passes\":[{\"date\":"
                          "\"2027-01-05\"}]}",
                          priya, 403, "forbidden"));
    /* A checkout breaking a rule is 422 and writes nothing. */
    cJSON *answer = checkout(asha, "co-bad", "BLR-1", "[{\"date\":\"2027-01-10\"}]", 422);
    char found[64];
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:closed");
    cJSON_Delete(answer);
    cJSON *v = sync_view(ASHA);
    ck_assert_int_eq(count_kind(v, "pass"), 0);
    /* ACME's seeded four and Asha's Focus Room */
    ck_assert_int_eq(count_kind(v, "invoice"), 5);
    cJSON_Delete(v);
    free(asha);
    free(priya);
}
END_TEST

/* ---- checkout and payment --------------------------------------------------------------- */

/* A checkout holds its seats for 15 minutes with a draft and an order; then it lapses. */
START_TEST(test_checkout_holds_seats_and_lapses)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    cJSON_Delete(call("POST", "/v1/test/open_space", "{\"building_id\":\"BLR-1\",\"capacity\":2}",
                      NULL, 200));
    const char *passes = "[{\"date\":\"2027-01-05\"},{\"date\":\"2027-01-05\",\"guest\":"
                         "{\"name\":\"Rahul Mehta\",\"email\":\"rahul@example.com\"}}]";
    cJSON *answer = checkout(asha, "co-1", "BLR-1", passes, 201);
    char names[512];
    keys(answer, names, sizeof names);
    ck_assert_str_eq(names, "invoice passes order");
    const cJSON *inv = field(answer, "invoice"), *order = field(answer, "order");
    keys(inv, names, sizeof names);
    ck_assert_str_eq(names, "id number status lines subtotal_paise discount_paise gst_paise"
                            " total_paise order_id issued_at_ms due_at_ms paid_at_ms"
                            " hold_expires_at_ms voided_at_ms void_reason reservation_id"
                            " building_id currency tax refunds");
    ck_assert(strncmp(str(inv, "id"), "inv_", 4) == 0);
    ck_assert(cJSON_IsNull(field(inv, "number")));
    ck_assert_str_eq(str(inv, "status"), "draft");
    ck_assert(num(inv, "subtotal_paise") == 160000 && num(inv, "discount_paise") == 0 &&
              num(inv, "gst_paise") == 28800 && num(inv, "total_paise") == 188800);
    ck_assert(cJSON_IsNull(field(inv, "issued_at_ms")) && cJSON_IsNull(field(inv, "paid_at_ms")));
    ck_assert(num(inv, "hold_expires_at_ms") == T0 + 15 * M);
    keys(order, names, sizeof names);
    ck_assert_str_eq(names, "id amount_paise currency key_id hold_expires_at_ms");
    ck_assert_str_eq(str(order, "id"), str(inv, "order_id"));
    ck_assert(num(order, "amount_paise") == 188800);
    ck_assert_str_eq(str(order, "currency"), "INR");
    ck_assert_str_eq(str(order, "key_id"), "rzp_test_memberstub");
    ck_assert(num(order, "hold_expires_at_ms") == T0 + 15 * M);
    const cJSON *list = field(answer, "passes");
    ck_assert_int_eq(cJSON_GetArraySize(list), 2);
    const cJSON *p0 = cJSON_GetArrayItem(list, 0), *p1 = cJSON_GetArrayItem(list, 1);
    keys(p0, names, sizeof names);
    ck_assert_str_eq(names, "id building_id date holder status invoice_id credential_id currency");
    ck_assert(strncmp(str(p0, "id"), "pas_", 4) == 0);
    ck_assert_str_eq(str(p0, "holder"), "self");
    ck_assert_str_eq(str(field(p1, "holder"), "name"), "Rahul Mehta");
    ck_assert_str_eq(str(field(p1, "holder"), "email"), "rahul@example.com");
    ck_assert_str_eq(str(p0, "status"), "held");
    ck_assert_str_eq(str(p0, "date"), "2027-01-05");
    ck_assert_str_eq(str(p0, "invoice_id"), str(inv, "id"));
    ck_assert(cJSON_IsNull(field(p0, "credential_id")));
    char invoice[64], order_id[64], pass0[64];
    snprintf(invoice, sizeof invoice, "%s", str(inv, "id"));
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    snprintf(pass0, sizeof pass0, "%s", str(p0, "id"));
    cJSON_Delete(answer);

    /* Sent again: the same checkout (200), nothing new. */
    answer = checkout(asha, "co-1", "BLR-1", passes, 200);
    ck_assert_str_eq(str(field(answer, "invoice"), "id"), invoice);
    ck_assert_str_eq(str(field(answer, "order"), "id"), order_id);
    cJSON_Delete(answer);
    cJSON *v = sync_view(ASHA);
    ck_assert_int_eq(count_kind(v, "pass"), 2);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "draft");
    cJSON_Delete(v);
    /* The seats are held: none left for Vikram. */
    char found[64];
    answer = quote(vikram, "BLR-1", "[{\"date\":\"2027-01-05\"}]", 422);
    violations(answer, found, sizeof found);
    ck_assert_str_eq(found, "0:capacity");
    cJSON_Delete(answer);

    /* One millisecond before the 15 minutes: still held. Then void, released. */
    ck_assert_int_eq(stub_set_clock(stub, T0 + 15 * M - 1), 0);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "draft");
    cJSON_Delete(v);
    ck_assert_int_eq(stub_set_clock(stub, T0 + 15 * M), 0);
    v = sync_view(ASHA);
    const cJSON *voided = entity(v, "invoice", invoice);
    ck_assert_str_eq(str(voided, "status"), "void");
    ck_assert(cJSON_IsNull(field(voided, "hold_expires_at_ms")));
    ck_assert(cJSON_IsNull(field(voided, "number")));
    /* Why, and when: the hold lapsed at exactly 15 minutes; never issued, nothing due. */
    ck_assert_str_eq(str(voided, "void_reason"), "hold_expired");
    ck_assert(num(voided, "voided_at_ms") == T0 + 15 * M);
    ck_assert(cJSON_IsNull(field(voided, "issued_at_ms")) &&
              cJSON_IsNull(field(voided, "due_at_ms")));
    ck_assert_str_eq(str(entity(v, "pass", pass0), "status"), "released");
    cJSON_Delete(v);
    cJSON_Delete(quote(vikram, "BLR-1", "[{\"date\":\"2027-01-05\"}]", 200));
    /* Paying now is too late: nothing is confirmed. */
    cJSON *payment = pay(order_id, false);
    cJSON_Delete(confirm(asha, order_id, payment, 409));
    cJSON_Delete(payment);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "void");
    /* Only the seed's (Asha's Focus Room, paid by Razorpay). */
    ck_assert_int_eq(notifications(v, "Payment confirmed", NULL), 1);
    cJSON_Delete(v);
    /* The checkout sent again answers as it stands: void. */
    answer = checkout(asha, "co-1", "BLR-1", passes, 200);
    ck_assert_str_eq(str(field(answer, "invoice"), "status"), "void");
    ck_assert(cJSON_IsNull(field(field(answer, "order"), "hold_expires_at_ms")));
    cJSON_Delete(answer);
    free(asha);
    free(vikram);
}
END_TEST

/* London is priced in pounds: a day pass there is quoted, ordered, invoiced and announced in
 * pence with VAT 20%, never in rupees. */
START_TEST(test_london_pass_is_in_pounds_with_vat)
{
    char *olivia = token_for(OLIVIA);
    cJSON *q = quote(olivia, "LON-1", "[{\"date\":\"2027-01-05\"}]", 200);
    ck_assert_str_eq(str(q, "currency"), "GBP");
    ck_assert_str_eq(str(field(q, "tax"), "name"), "VAT");
    ck_assert(num(field(q, "tax"), "rate_bp") == 2000);
    ck_assert(num(q, "subtotal_paise") == 2500 && num(q, "gst_paise") == 500 &&
              num(q, "total_paise") == 3000);
    cJSON_Delete(q);
    cJSON *answer = checkout(olivia, "co-lon", "LON-1", "[{\"date\":\"2027-01-05\"}]", 201);
    const cJSON *order = field(answer, "order");
    ck_assert_str_eq(str(order, "currency"), "GBP");
    ck_assert(num(order, "amount_paise") == 3000);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    cJSON_Delete(answer);
    answer = pay_and_confirm(olivia, order_id);
    const cJSON *inv = field(answer, "invoice");
    ck_assert_str_eq(str(inv, "status"), "paid");
    ck_assert_str_eq(str(inv, "building_id"), "LON-1");
    ck_assert_str_eq(str(inv, "currency"), "GBP");
    ck_assert_str_eq(str(field(inv, "tax"), "name"), "VAT");
    ck_assert(num(field(inv, "tax"), "rate_bp") == 2000);
    ck_assert(num(inv, "subtotal_paise") == 2500 && num(inv, "gst_paise") == 500 &&
              num(inv, "total_paise") == 3000);
    char number[32];
    snprintf(number, sizeof number, "%s", str(inv, "number"));
    cJSON_Delete(answer);
    cJSON *v = sync_view(OLIVIA);
    char text[96];
    snprintf(text, sizeof text, "We received \u00a330.00 for invoice %s.", number);
    ck_assert_int_eq(notifications(v, "Payment confirmed", text), 1);
    const cJSON *e, *n = NULL;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "notification/", 13) == 0 &&
            strcmp(str(e, "title"), "Payment confirmed") == 0)
            n = e;
    }
    ck_assert_str_eq(str(n, "building_id"), "LON-1");
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "pass/", 5) == 0)
            ck_assert_str_eq(str(e, "currency"), "GBP");
    }
    cJSON_Delete(v);
    free(olivia);
}
END_TEST

/* Confirmed: invoice paid and numbered, passes active with credentials, emails, notification. */
START_TEST(test_confirm_pays_activates_and_notifies)
{
    char *asha = token_for(ASHA);
    cJSON *answer = checkout(asha, "co-2", "BLR-1",
                             "[{\"date\":\"2027-01-05\"},{\"date\":\"2027-01-05\",\"guest\":"
                             "{\"name\":\"Rahul Mehta\",\"email\":\"Rahul@Example.com\"}}]",
                             201);
    char invoice[64], order_id[64];
    snprintf(invoice, sizeof invoice, "%s", str(field(answer, "invoice"), "id"));
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    ck_assert_int_eq(stub_advance_clock(stub, 5 * M), 0);
    cJSON *payment = pay(order_id, false);
    answer = confirm(asha, order_id, payment, 200);
    char names[256];
    keys(answer, names, sizeof names);
    ck_assert_str_eq(names, "invoice");
    const cJSON *inv = field(answer, "invoice");
    ck_assert_str_eq(str(inv, "id"), invoice);
    ck_assert_str_eq(str(inv, "status"), "paid");
    ck_assert_str_eq(str(inv, "number"), "INV-2027-0004"); /* after the seeded 0001 to 0003 */
    ck_assert(num(inv, "paid_at_ms") == T0 + 5 * M && num(inv, "issued_at_ms") == T0 + 5 * M);
    ck_assert(num(inv, "due_at_ms") == T0 + 5 * M);
    ck_assert(cJSON_IsNull(field(inv, "hold_expires_at_ms")));
    cJSON_Delete(answer);

    cJSON *v = sync_view(ASHA);
    const cJSON *e;
    const cJSON *self = NULL, *guest = NULL;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "pass/", 5) == 0) {
            ck_assert_str_eq(str(e, "status"), "active");
            if (cJSON_IsString(field(e, "holder")))
                self = e;
            else
                guest = e;
        }
    }
    ck_assert(self && guest);
    const cJSON *cred = entity(v, "credential", str(self, "credential_id"));
    keys(cred, names, sizeof names);
    ck_assert_str_eq(names, "id kind building_id valid_from_ms valid_until_ms secret_hex pass_id"
                            " reservation_id desk_booking_id");
    ck_assert_str_eq(str(cred, "kind"), "pass");
    ck_assert_str_eq(str(cred, "building_id"), "BLR-1");
    ck_assert_str_eq(str(cred, "pass_id"), str(self, "id"));
    ck_assert(cJSON_IsNull(field(cred, "reservation_id")));
    ck_assert(num(cred, "valid_from_ms") == ist(2027, 1, 5, 0, 0));
    ck_assert(num(cred, "valid_until_ms") == ist(2027, 1, 6, 0, 0));
    ck_assert_int_eq((int)strlen(str(cred, "secret_hex")), 64);
    ck_assert_int_eq((int)strspn(str(cred, "secret_hex"), "0123456789abcdef"), 64);
    /* The guest's credential is no one's entity: it went by email, as the static payload. */
    const char *guest_cred = str(guest, "credential_id");
    ck_assert(strncmp(guest_cred, "crd_", 4) == 0);
    ck_assert(!has_entity(v, "credential", guest_cred));
    ck_assert_int_eq(count_kind(v, "credential"), 1);
    ck_assert_int_eq(notifications(v, "Payment confirmed",
                                   "We received \u20b91,888.00 for invoice INV-2027-0004."),
                     1);
    const cJSON *n = NULL;
    cJSON_ArrayForEach(e, v)
    {
        if (strncmp(e->string, "notification/", 13) == 0 &&
            strcmp(str(e, "title"), "Payment confirmed") == 0 &&
            strstr(str(e, "body"), "INV-2027-0004"))
            n = e;
    }
    ck_assert_str_eq(str(n, "category"), "billing");
    ck_assert(cJSON_IsFalse(field(n, "read")));
    char link[128];
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", invoice);
    ck_assert_str_eq(str(n, "deep_link"), link);
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    const cJSON *m0 = cJSON_GetArrayItem(mail, 0);
    ck_assert_str_eq(str(m0, "credential_id"), guest_cred);
    ck_assert_str_eq(str(m0, "subject"), "Your day pass: Indiranagar, Tue 5 Jan 2027");
    ck_assert(num(m0, "valid_from_ms") == ist(2027, 1, 5, 0, 0));
    char want[80];
    snprintf(want, sizeof want, "MC1|%s|G|", guest_cred);
    ck_assert(strncmp(str(m0, "payload"), want, strlen(want)) == 0);
    ck_assert_int_eq((int)strlen(str(m0, "payload")), (int)strlen(want) + 8);
    ck_assert(strstr(str(m0, "body"), str(m0, "payload")) != NULL);
    ck_assert(strstr(str(m0, "body"), "Asha Rao bought you a day pass") != NULL);
    cJSON_Delete(mail);
    cJSON_Delete(v);

    /* Confirming again (even with another valid payment) changes nothing. */
    cJSON *again = pay(order_id, false);
    answer = confirm(asha, order_id, again, 200);
    ck_assert_str_eq(str(field(answer, "invoice"), "number"), "INV-2027-0004");
    cJSON_Delete(answer);
    cJSON_Delete(confirm(asha, order_id, payment, 200));
    cJSON_Delete(again);
    cJSON_Delete(payment);
    v = sync_view(ASHA);
    ck_assert_int_eq(notifications(v, "Payment confirmed", "INV-2027-0004"), 1);
    ck_assert_int_eq(count_kind(v, "credential"), 1);
    cJSON_Delete(v);
    mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    cJSON_Delete(mail);
    /* Paid passes never lapse. */
    ck_assert_int_eq(stub_advance_clock(stub, H), 0);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "paid");
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* A forged signature is 402 and confirms nothing; another user's order is 404. */
START_TEST(test_forged_confirmation_changes_nothing)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    cJSON *answer = checkout(asha, "co-f", "BLR-1", "[{\"date\":\"2027-01-05\"}]", 201);
    char invoice[64], order_id[64];
    snprintf(invoice, sizeof invoice, "%s", str(field(answer, "invoice"), "id"));
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *forged = pay(order_id, true);
    cJSON_Delete(error_of("POST", "/v1/payments/razorpay/confirm",
                          "{\"order_id\":\"x\",\"payment_id\":\"y\",\"signature\":\"z\"}", asha,
                          404, "not_found"));
    char body[512];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(forged, "payment_id"), str(forged, "signature"));
    check_error("POST", "/v1/payments/razorpay/confirm", body, asha, 402, "payment_failed");
    cJSON *genuine = pay(order_id, false);
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(genuine, "payment_id"), str(genuine, "signature"));
    check_error("POST", "/v1/payments/razorpay/confirm", body, vikram, 404, "not_found");
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "draft");
    ck_assert_int_eq(count_kind(v, "credential"), 0);
    cJSON_Delete(v);
    cJSON_Delete(confirm(asha, order_id, genuine, 200));
    /* A forged signature stays 402 after the payment too (the signature first, always). */
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str(forged, "payment_id"), str(forged, "signature"));
    check_error("POST", "/v1/payments/razorpay/confirm", body, asha, 402, "payment_failed");
    cJSON_Delete(forged);
    cJSON_Delete(genuine);
    free(asha);
    free(vikram);
}
END_TEST

/* ---- the webhook ------------------------------------------------------------------------ */

/* The app died before confirming: Razorpay's signed order.paid does what the confirmation does. */
START_TEST(test_webhook_settles_an_unconfirmed_checkout_once)
{
    char *asha = token_for(ASHA);
    cJSON *answer = checkout(asha, "co-w", "BLR-1",
                             "[{\"date\":\"2027-01-05\"},{\"date\":\"2027-01-05\",\"guest\":"
                             "{\"name\":\"Rahul\",\"email\":\"rahul@example.com\"}}]",
                             201);
    char invoice[64], order_id[64];
    snprintf(invoice, sizeof invoice, "%s", str(field(answer, "invoice"), "id"));
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    cJSON *payment = pay(order_id, false);
    char *body = order_paid_body(order_id, str(payment, "payment_id"));
    char signature[65], bad[65];
    sign(WEBHOOK_SECRET, body, signature);

    /* Forged: no signature, another secret's, a tampered body, a bad event id: 400, nothing. */
    ck_assert_int_eq(webhook(body, NULL, "evt_1"), 400);
    sign("another_secret", body, bad);
    ck_assert_int_eq(webhook(body, bad, "evt_1"), 400);
    char *tampered = order_paid_body(order_id, "pay_SomeoneElse01");
    ck_assert_int_eq(webhook(tampered, signature, "evt_1"), 400);
    free(tampered);
    ck_assert_int_eq(webhook(body, signature, NULL), 400);
    ck_assert_int_eq(webhook(body, signature, "evt 1"), 400);
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "draft");
    cJSON_Delete(v);

    /* Genuine: paid, passes active, the guest emailed, the buyer notified. */
    ck_assert_int_eq(webhook(body, signature, "evt_1"), 200);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "paid");
    ck_assert_int_eq(count_kind(v, "credential"), 1);
    /* Once, and the seed's Focus Room. */
    ck_assert_int_eq(notifications(v, "Payment confirmed", NULL), 2);
    cJSON_Delete(v);
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    cJSON_Delete(mail);
    /* Delivered again (Razorpay retries), and the app's late confirmation: nothing doubles. */
    ck_assert_int_eq(webhook(body, signature, "evt_1"), 200);
    ck_assert_int_eq(webhook(body, signature, "evt_2"), 200);
    answer = confirm(asha, order_id, payment, 200);
    ck_assert_str_eq(str(field(answer, "invoice"), "status"), "paid");
    cJSON_Delete(answer);
    v = sync_view(ASHA);
    /* Once, and the seed's Focus Room. */
    ck_assert_int_eq(notifications(v, "Payment confirmed", NULL), 2);
    ck_assert_int_eq(count_kind(v, "credential"), 1);
    cJSON_Delete(v);
    mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    cJSON_Delete(mail);
    /* No event moves the order back from paid. */
    const char *failed = "{\"entity\":\"event\",\"event\":\"payment.failed\",\"payload\":{}}";
    sign(WEBHOOK_SECRET, failed, bad);
    ck_assert_int_eq(webhook(failed, bad, "evt_3"), 200);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "paid");
    cJSON_Delete(v);
    /* An unknown order is acknowledged and ignored. */
    free(body);
    body = order_paid_body("order_NotOurs0000001", NULL);
    sign(WEBHOOK_SECRET, body, signature);
    ck_assert_int_eq(webhook(body, signature, "evt_4"), 200);
    free(body);
    cJSON_Delete(payment);
    free(asha);
}
END_TEST

/* Confirmed first, the webhook after; a room booking's webhook; a lapsed checkout's webhook. */
START_TEST(test_webhook_after_confirm_for_rooms_and_after_a_lapse)
{
    char *asha = token_for(ASHA);
    /* After the confirmation: 200, nothing more. */
    char invoice[64];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    cJSON *v = sync_view(ASHA);
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(entity(v, "invoice", invoice), "order_id"));
    cJSON_Delete(v);
    check_error("POST", "/v1/test/razorpay/webhook", "{\"order_id\":\"x\"}", NULL, 404,
                "not_found");
    cJSON *signed_call;
    char req[256];
    snprintf(req, sizeof req, "{\"order_id\":\"%s\",\"event_id\":\"evt_after\"}", order_id);
    signed_call = call("POST", "/v1/test/razorpay/webhook", req, NULL, 200);
    ck_assert_str_eq(str(signed_call, "event_id"), "evt_after");
    char check[65];
    sign(WEBHOOK_SECRET, str(signed_call, "body"), check);
    ck_assert_str_eq(str(signed_call, "signature"), check);
    ck_assert_int_eq(webhook(str(signed_call, "body"), str(signed_call, "signature"), "evt_after"),
                     200);
    cJSON_Delete(signed_call);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "paid");
    /* Once, and the seed's Focus Room. */
    ck_assert_int_eq(notifications(v, "Payment confirmed", NULL), 2);
    cJSON_Delete(v);

    /* A room booking whose app never confirmed: the webhook confirms it, guests invited. */
    char booking[512];
    snprintf(booking, sizeof booking,
             "{\"booking_id\":\"rzp-w\",\"room_id\":\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
             ",\"hours\":1,\"guests\":[{\"name\":\"Ana\",\"email\":\"ana@example.org\"}]}",
             ist(2027, 1, 6, 10, 0));
    cJSON *answer = call("POST", "/v1/bookings", booking, asha, 201);
    snprintf(req, sizeof req, "{\"order_id\":\"%s\",\"payment_id\":\"pay_Room000000001\"}",
             str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    signed_call = call("POST", "/v1/test/razorpay/webhook", req, NULL, 200);
    ck_assert_int_eq(webhook(str(signed_call, "body"), str(signed_call, "signature"),
                             str(signed_call, "event_id")),
                     200);
    cJSON_Delete(signed_call);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "reservation", "rzp-w"), "status"), "confirmed");
    cJSON_Delete(v);
    cJSON *mail = emails("ana@example.org");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    cJSON_Delete(mail);

    /* A checkout that lapsed before the money arrived: nothing is granted. */
    answer = checkout(asha, "co-late", "BLR-1", "[{\"date\":\"2027-01-07\"}]", 201);
    char late[64];
    snprintf(late, sizeof late, "%s", str(field(answer, "invoice"), "id"));
    snprintf(req, sizeof req, "{\"order_id\":\"%s\"}", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    ck_assert_int_eq(stub_advance_clock(stub, 15 * M), 0);
    signed_call = call("POST", "/v1/test/razorpay/webhook", req, NULL, 200);
    ck_assert_int_eq(webhook(str(signed_call, "body"), str(signed_call, "signature"),
                             str(signed_call, "event_id")),
                     200);
    cJSON_Delete(signed_call);
    v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", late), "status"), "void");
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* --razorpay-webhook-secret: calls signed with it are accepted, the default's refused. */
START_TEST(test_configured_webhook_secret)
{
    stub_stop(stub);
    static const char *const args[] = {"--razorpay-webhook-secret", "whsec_test_1", NULL};
    stub = stub_start_at(T0, args, NULL);
    ck_assert_ptr_nonnull(stub);
    char *asha = token_for(ASHA);
    cJSON *answer = checkout(asha, "co-s", "BLR-1", "[{\"date\":\"2027-01-05\"}]", 201);
    char invoice[64];
    snprintf(invoice, sizeof invoice, "%s", str(field(answer, "invoice"), "id"));
    char *body = order_paid_body(str(field(answer, "order"), "id"), NULL);
    cJSON_Delete(answer);
    char signature[65];
    sign(WEBHOOK_SECRET, body, signature);
    ck_assert_int_eq(webhook(body, signature, "evt_a"), 400);
    sign("whsec_test_1", body, signature);
    ck_assert_int_eq(webhook(body, signature, "evt_a"), 200);
    free(body);
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", invoice), "status"), "paid");
    cJSON_Delete(v);
    free(asha);
}
END_TEST

/* ---- invoices --------------------------------------------------------------------------- */

/* ACME's billing history; paying the issued invoice and the overdue one; what cannot be paid. */
START_TEST(test_pay_an_issued_or_overdue_invoice)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM), *olivia = token_for(OLIVIA);
    cJSON *v = sync_view(VIKRAM);
    ck_assert_str_eq(str(entity(v, "invoice", "inv_5eed000000000001"), "status"), "overdue");
    ck_assert_str_eq(str(entity(v, "invoice", "inv_5eed000000000002"), "status"), "paid");
    const cJSON *jan = entity(v, "invoice", "inv_5eed000000000003");
    ck_assert_str_eq(str(jan, "status"), "issued");
    ck_assert_str_eq(str(jan, "number"), "INV-2027-0002");
    ck_assert(num(jan, "total_paise") == 4248000 && num(jan, "gst_paise") == 648000);
    ck_assert_int_eq(cJSON_GetArraySize(field(jan, "lines")), 2);
    ck_assert(num(jan, "due_at_ms") == ist(2027, 1, 11, 0, 0));
    ck_assert_str_eq(str(entity(v, "invoice", "inv_5eed000000000004"), "status"), "paid");
    cJSON_Delete(v);

    cJSON *answer = call("POST", "/v1/invoices/inv_5eed000000000003/pay", NULL, asha, 200);
    char names[256];
    keys(answer, names, sizeof names);
    ck_assert_str_eq(names, "invoice order");
    const cJSON *order = field(answer, "order");
    ck_assert(num(order, "amount_paise") == 4248000);
    ck_assert(cJSON_IsNull(field(order, "hold_expires_at_ms")));
    char order_id[64];
    snprintf(order_id, sizeof order_id, "%s", str(order, "id"));
    cJSON_Delete(answer);
    /* Asked again: the same open order. Vikram gets his own. */
    answer = call("POST", "/v1/invoices/inv_5eed000000000003/pay", NULL, asha, 200);
    ck_assert_str_eq(str(field(answer, "order"), "id"), order_id);
    cJSON_Delete(answer);
    answer = call("POST", "/v1/invoices/inv_5eed000000000003/pay", NULL, vikram, 200);
    ck_assert_str_ne(str(field(answer, "order"), "id"), order_id);
    cJSON_Delete(answer);
    answer = call("POST", "/v1/invoices/inv_5eed000000000003/pay", NULL, asha, 200);
    ck_assert_str_eq(str(field(answer, "order"), "id"), order_id);
    cJSON_Delete(answer);

    answer = pay_and_confirm(asha, order_id);
    const cJSON *inv = field(answer, "invoice");
    ck_assert_str_eq(str(inv, "status"), "paid");
    ck_assert_str_eq(str(inv, "number"), "INV-2027-0002");
    ck_assert(num(inv, "paid_at_ms") == T0);
    ck_assert(num(inv, "issued_at_ms") == 1798950600000LL); /* kept */
    cJSON_Delete(answer);
    v = sync_view(ASHA);
    ck_assert_int_eq(notifications(v, "Payment confirmed",
                                   "We received \u20b942,480.00 for invoice INV-2027-0002."),
                     1);
    cJSON_Delete(v);
    /* Vikram sees it paid (the company's), and gets no notification of Asha's payment. */
    v = sync_view(VIKRAM);
    ck_assert_str_eq(str(entity(v, "invoice", "inv_5eed000000000003"), "status"), "paid");
    ck_assert_int_eq(notifications(v, "Payment confirmed", "INV-2027-0002"), 0);
    cJSON_Delete(v);

    /* Paid, unknown, not theirs, a checkout's draft: not payable here. */
    check_error("POST", "/v1/invoices/inv_5eed000000000003/pay", NULL, asha, 409, "not_payable");
    check_error("POST", "/v1/invoices/inv_5eed000000000002/pay", NULL, vikram, 409, "not_payable");
    check_error("POST", "/v1/invoices/inv_nope/pay", NULL, asha, 404, "not_found");
    check_error("POST", "/v1/invoices/inv_5eed000000000001/pay", NULL, olivia, 404, "not_found");
    check_error("POST", "/v1/invoices/inv_5eed000000000001/pay", NULL, NULL, 401, "unauthorized");
    answer = checkout(asha, "co-d", "BLR-1", "[{\"date\":\"2027-01-05\"}]", 201);
    char path[128];
    snprintf(path, sizeof path, "/v1/invoices/%s/pay", str(field(answer, "invoice"), "id"));
    cJSON_Delete(answer);
    check_error("POST", path, NULL, asha, 409, "not_payable");
    check_error("POST", path, NULL, vikram, 404, "not_found"); /* a buyer's own */
    /* By the number the member sees: the seeded overdue one is INV-2026-0001 (their company's);
     * an unknown number, or another company's, is not found and says so. */
    answer = call("POST", "/v1/invoices/INV-2026-0001/pay", NULL, asha, 200);
    ck_assert_str_eq(str(field(answer, "invoice"), "id"), "inv_5eed000000000001");
    ck_assert_str_eq(str(field(answer, "invoice"), "number"), "INV-2026-0001");
    ck_assert(num(field(answer, "order"), "amount_paise") == 590000);
    cJSON_Delete(answer);
    check_error_mentioning("POST", "/v1/invoices/INV-2026-0099/pay", NULL, asha, 404, "not_found",
                           "no invoice of yours is numbered 'INV-2026-0099'");
    check_error_mentioning("POST", "/v1/invoices/INV-2026-0001/pay", NULL, olivia, 404, "not_found",
                           "INV-2026-0001");
    check_error_mentioning("POST", "/v1/invoices/INV-2027-0002/pay", NULL, asha, 409, "not_payable",
                           "paid");
    check_error("GET", "/v1/invoices/inv_5eed000000000001/pay", NULL, asha, 405,
                "method_not_allowed");

    /* The overdue one: Vikram pays it. */
    answer = call("POST", "/v1/invoices/inv_5eed000000000001/pay", NULL, vikram, 200);
    snprintf(order_id, sizeof order_id, "%s", str(field(answer, "order"), "id"));
    ck_assert(num(field(answer, "order"), "amount_paise") == 590000);
    cJSON_Delete(answer);
    answer = pay_and_confirm(vikram, order_id);
    ck_assert_str_eq(str(field(answer, "invoice"), "status"), "paid");
    ck_assert_str_eq(str(field(answer, "invoice"), "number"), "INV-2026-0001");
    cJSON_Delete(answer);
    v = sync_view(VIKRAM);
    ck_assert_int_eq(
        notifications(v, "Payment confirmed", "\u20b95,900.00 for invoice INV-2026-0001"), 1);
    cJSON_Delete(v);
    free(asha);
    free(vikram);
    free(olivia);
}
END_TEST

/* An issued invoice falls overdue at its due instant (server clock); members' pulls carry it. */
START_TEST(test_issued_invoice_falls_overdue_at_its_due_instant)
{
    char *vikram = token_for(VIKRAM);
    char cursor[1024] = "";
    char path[1200];
    snprintf(path, sizeof path, "/v1/sync/pull?client_id=c1&limit=5000");
    cJSON *page = call("GET", path, NULL, vikram, 200);
    snprintf(cursor, sizeof cursor, "%s", str(page, "cursor"));
    cJSON_Delete(page);
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 11, 0, 0) - 1), 0);
    cJSON *v = sync_view(VIKRAM);
    ck_assert_str_eq(str(entity(v, "invoice", "inv_5eed000000000003"), "status"), "issued");
    cJSON_Delete(v);
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 11, 0, 0)), 0);
    snprintf(path, sizeof path, "/v1/sync/pull?client_id=c1&limit=5000&cursor=%s", cursor);
    page = call("GET", path, NULL, vikram, 200);
    /* The invoice, and Vikram's notice that it is overdue (other notices the clock made may
     * come too: reminders; and the seeded water announcement's retirement, on the 7th). */
    const cJSON *changes = field(page, "changes"), *c;
    int invoices = 0, notices = 0;
    cJSON_ArrayForEach(c, changes)
    {
        if (strcmp(str(c, "kind"), "announcement") == 0) {
            ck_assert_str_eq(str(c, "op"), "delete");
            continue;
        }
        cJSON *data = cJSON_Parse(str(c, "data_json"));
        if (strcmp(str(c, "kind"), "invoice") == 0) {
            ck_assert_str_eq(str(c, "id"), "inv_5eed000000000003");
            ck_assert_str_eq(str(data, "status"), "overdue");
            invoices++;
        } else {
            ck_assert_str_eq(str(c, "kind"), "notification");
            notices += strcmp(str(data, "title"), "Invoice INV-2027-0002 is overdue") == 0;
        }
        cJSON_Delete(data);
    }
    ck_assert_int_eq(invoices, 1);
    ck_assert_int_eq(notices, 1);
    cJSON_Delete(page);
    free(vikram);
}
END_TEST

/* ---- the door --------------------------------------------------------------------------- */

/*
 * A holder's rotating code on the pass date: in, then out, then in (anti-passback: not in twice
 * running, not out when not in); one 30-second step of skew either way; a code that already went
 * one way is refused that way again (replayed: captured and shown after its holder).
 */
START_TEST(test_door_grants_the_holder_on_the_pass_date)
{
    char *asha = token_for(ASHA);
    char invoice[64], cred[64], secret[80], payload[160];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    own_credential(invoice, cred, secret);
    int64_t at = ist(2027, 1, 5, 9, 0), step = at / 30000;
    ck_assert_int_eq(stub_set_clock(stub, at), 0);
    payload_of(cred, secret, step, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "anti_passback");
    ck_assert_str_eq(door_message, "anti-passback: not inside");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    /* The same code again at the entrance (shown to a second person): she is inside. */
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "anti_passback");
    ck_assert_str_eq(door_message, "anti-passback: already inside");
    ck_assert_str_eq(scan("BLR-1", payload), "anti_passback"); /* "in" is the default */
    /* Out with the same code, then in with it again: that code already went in. */
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "replayed");
    ck_assert_str_eq(door_message, "replayed: this code already went in once");
    /* One step either way is fine (clocks differ); two are not. */
    payload_of(cred, secret, step - 1, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    payload_of(cred, secret, step + 1, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    payload_of(cred, secret, step - 2, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "expired");
    payload_of(cred, secret, step + 2, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "not_yet_valid");
    /* 30 s later, a new code: out granted. */
    ck_assert_int_eq(stub_advance_clock(stub, 30000), 0);
    payload_of(cred, secret, step + 2, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    /* Another building's door. */
    payload_of(cred, secret, step + 1, payload);
    ck_assert_str_eq(scan("MUM-1", payload), "wrong_building");
    check_error("POST", "/v1/test/door/scan", "{\"building\":\"NOPE\",\"payload\":\"x\"}", NULL,
                404, "not_found");
    check_error("POST", "/v1/test/door/scan", "{\"building\":\"BLR-1\"}", NULL, 400,
                "invalid_argument");
    check_error_mentioning("POST", "/v1/test/door/scan",
                           "{\"building\":\"BLR-1\",\"payload\":\"x\",\"direction\":\"up\"}", NULL,
                           400, "invalid_argument", "direction");
    /* The last minute of the day still opens, in and out. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 6, 0, 0) - 1), 0);
    payload_of(cred, secret, (ist(2027, 1, 6, 0, 0) - 1) / 30000, payload);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    free(asha);
}
END_TEST

/* The next day the pass is expired; the day before, not yet valid (with current codes). */
START_TEST(test_door_refuses_outside_the_pass_date)
{
    char *asha = token_for(ASHA);
    char invoice[64], cred[64], secret[80], payload[160];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    own_credential(invoice, cred, secret);
    int64_t before = ist(2027, 1, 5, 0, 0) - 1;
    ck_assert_int_eq(stub_set_clock(stub, before), 0);
    payload_of(cred, secret, before / 30000, payload);
    ck_assert_str_eq(scan("BLR-1", payload), "not_yet_valid");
    int64_t next = ist(2027, 1, 6, 0, 0);
    ck_assert_int_eq(stub_set_clock(stub, next), 0);
    payload_of(cred, secret, next / 30000, payload);
    ck_assert_str_eq(scan("BLR-1", payload), "expired");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 6, 10, 0)), 0);
    payload_of(cred, secret, ist(2027, 1, 6, 10, 0) / 30000, payload);
    ck_assert_str_eq(scan("BLR-1", payload), "expired");
    free(asha);
}
END_TEST

/* Forged and tampered payloads, and anything that is not a payload. */
START_TEST(test_door_refuses_forged_tampered_and_malformed)
{
    char *asha = token_for(ASHA);
    char invoice[64], cred[64], secret[80], payload[160];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    own_credential(invoice, cred, secret);
    int64_t at = ist(2027, 1, 5, 9, 0), step = at / 30000;
    ck_assert_int_eq(stub_set_clock(stub, at), 0);
    payload_of(cred, secret, step, payload);
    /* A digit of the code changed. */
    char tampered[160];
    snprintf(tampered, sizeof tampered, "%s", payload);
    char *last = tampered + strlen(tampered) - 1;
    *last = *last == '9' ? '0' : (char)(*last + 1);
    ck_assert_str_eq(scan("BLR-1", tampered), "forged");
    /* The step changed but not the code. */
    char other[160];
    snprintf(other, sizeof other, "MC1|%s|%" PRId64 "|%s", cred, step + 1,
             payload + strlen(payload) - 8);
    ck_assert_str_eq(scan("BLR-1", other), "forged");
    /* Another secret. */
    char wrong[80];
    snprintf(wrong, sizeof wrong, "%s", secret);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    payload_of(cred, wrong, step, other);
    ck_assert_str_eq(scan("BLR-1", other), "forged");
    /* A credential that does not exist. */
    payload_of("crd_0000000000000000", secret, step, other);
    ck_assert_str_eq(scan("BLR-1", other), "forged");
    /* A holder's credential in the static form (a screenshot that would never rotate). */
    payload_of(cred, secret, -1, other);
    ck_assert_str_eq(scan("BLR-1", other), "forged");
    static const char *const junk[] = {"", "hello", "MC1|crd_x|5|1234", "MC2|crd_x|5|12345678",
                                       "MC1|crd_x|-1|12345678"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        ck_assert_str_eq(scan("BLR-1", junk[i]), "malformed");
    /* None of it used the genuine code up. */
    ck_assert_str_eq(scan("BLR-1", payload), "granted");
    free(asha);
}
END_TEST

/*
 * A guest's emailed code, as the QR image the email carries (decoded by zbarimg): good all day on
 * the pass date, in and out as often as they go out for lunch; never twice in without an out
 * between (the code shared with a second person); refused the day before and after.
 */
START_TEST(test_door_admits_a_guest_in_and_out_all_day)
{
    char *asha = token_for(ASHA);
    char invoice[64];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    cJSON *mail = emails("rahul@example.com");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    const cJSON *m0 = cJSON_GetArrayItem(mail, 0);
    char payload[80], want[80];
    email_qr_text(m0, payload, sizeof payload);
    snprintf(want, sizeof want, "MC1|%s|G|", str(m0, "credential_id"));
    ck_assert_msg(strncmp(payload, want, strlen(want)) == 0 && strlen(payload) == strlen(want) + 8,
                  "the email's QR code reads %s, not the guest's code %s...", payload, want);
    ck_assert_str_eq(payload, str(m0, "payload"));
    ck_assert(strstr(str(m0, "body"), "access-qr.png") != NULL);
    ck_assert(strstr(str(m0, "body"), "opens once") == NULL);
    cJSON_Delete(mail);
    ck_assert_str_eq(scan("BLR-1", payload), "not_yet_valid"); /* on the 4th */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 9, 30)), 0);
    ck_assert_str_eq(scan("MUM-1", payload), "wrong_building");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "anti_passback");
    ck_assert_str_eq(door_message, "anti-passback: already inside");
    /* Lunch: out at 13:00, back at 14:00 with the same code. */
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 13, 0)), 0);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "anti_passback");
    ck_assert_str_eq(door_message, "anti-passback: not inside");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 14, 0)), 0);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 5, 23, 59)), 0);
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_int_eq(stub_set_clock(stub, ist(2027, 1, 6, 0, 0)), 0);
    ck_assert_str_eq(scan_way("BLR-1", payload, "in"), "expired");
    char tampered[160];
    snprintf(tampered, sizeof tampered, "%s", payload);
    char *last = tampered + strlen(tampered) - 1;
    *last = *last == '9' ? '0' : (char)(*last + 1);
    ck_assert_str_eq(scan("BLR-1", tampered), "forged");
    free(asha);
}
END_TEST

/*
 * A meeting-room guest's emailed code (its QR image decoded by zbarimg) opens the building during
 * the booking, in and out with anti-passback; not before, not after, not once cancelled.
 */
START_TEST(test_door_admits_a_booking_guest)
{
    char *asha = token_for(ASHA);
    char push[1024];
    int64_t start = ist(2027, 1, 6, 14, 0);
    snprintf(push, sizeof push,
             "{\"client_id\":\"c\",\"mutations\":[{\"mutation_id\":1,\"idempotency_key\":\"k1\","
             "\"kind\":\"booking.create\",\"payload\":{\"booking_id\":\"bk-g\",\"room_id\":"
             "\"BLR-1-FOCUS\",\"start_ms\":%" PRId64
             ",\"hours\":1,\"guests\":[{\"name\":\"Ana\",\"email\":\"ana@example.org\"},"
             "{\"name\":\"Tom\",\"email\":\"tom@example.org\"}]}}]}",
             start);
    cJSON_Delete(call("POST", "/v1/sync/push", push, asha, 200));
    cJSON *mail = emails("ana@example.org");
    ck_assert_int_eq(cJSON_GetArraySize(mail), 1);
    char ana[80], tom[80], want[80];
    const cJSON *m0 = cJSON_GetArrayItem(mail, 0);
    email_qr_text(m0, ana, sizeof ana);
    snprintf(want, sizeof want, "MC1|%s|G|", str(m0, "credential_id"));
    ck_assert_msg(strncmp(ana, want, strlen(want)) == 0, "the QR code reads %s", ana);
    ck_assert_str_eq(ana, str(m0, "payload"));
    ck_assert(strstr(str(m0, "body"), ana) != NULL);
    cJSON_Delete(mail);
    mail = emails("tom@example.org");
    snprintf(tom, sizeof tom, "%s", str(cJSON_GetArrayItem(mail, 0), "payload"));
    cJSON_Delete(mail);
    ck_assert_int_eq(stub_set_clock(stub, start - 16 * M), 0);
    ck_assert_str_eq(scan("BLR-1", ana), "not_yet_valid");
    ck_assert_int_eq(stub_set_clock(stub, start - 15 * M), 0);
    ck_assert_str_eq(scan_way("BLR-1", ana, "in"), "granted");
    ck_assert_str_eq(scan_way("BLR-1", ana, "in"), "anti_passback");
    ck_assert_int_eq(stub_set_clock(stub, start + 20 * M), 0);
    ck_assert_str_eq(scan_way("BLR-1", ana, "out"), "granted");
    ck_assert_int_eq(stub_set_clock(stub, start + 30 * M), 0);
    ck_assert_str_eq(scan_way("BLR-1", ana, "in"), "granted");
    ck_assert_int_eq(stub_set_clock(stub, start + H), 0);
    ck_assert_str_eq(scan_way("BLR-1", ana, "out"), "expired");
    ck_assert_str_eq(scan("BLR-1", tom), "expired");
    /* Cancelled before it starts: the credentials are revoked. */
    ck_assert_int_eq(stub_set_clock(stub, T0), 0);
    snprintf(push, sizeof push,
             "{\"client_id\":\"c\",\"mutations\":[{\"mutation_id\":2,\"idempotency_key\":\"k2\","
             "\"kind\":\"booking.cancel\",\"payload\":{\"booking_id\":\"bk-g\"}}]}");
    cJSON_Delete(call("POST", "/v1/sync/push", push, asha, 200));
    ck_assert_int_eq(stub_set_clock(stub, start), 0);
    ck_assert_str_eq(scan("BLR-1", tom), "expired");
    free(asha);
}
END_TEST

/* ---- who sees what ---------------------------------------------------------------------- */

/* Passes, invoices and credentials reach only their people; membership reaches each user. */
START_TEST(test_new_kinds_reach_the_right_people)
{
    char *asha = token_for(ASHA);
    char invoice[64];
    asha_buys(asha, "BLR-1", "2027-01-05", invoice, sizeof invoice);
    cJSON *a = sync_view(ASHA), *vk = sync_view(VIKRAM), *o = sync_view(OLIVIA),
          *p = sync_view(PRIYA);
    /* Asha: her passes, her invoice, her Focus Room's and ACME's four, her credential, her
     * membership. */
    ck_assert_int_eq(count_kind(a, "pass"), 2);
    ck_assert_int_eq(count_kind(a, "invoice"), 6);
    ck_assert_int_eq(count_kind(a, "credential"), 1);
    ck_assert_int_eq(count_kind(a, "membership"), 1);
    const cJSON *m = entity(a, "membership", "usr_5eed000000000001");
    char names[256];
    keys(m, names, sizeof names);
    ck_assert_str_eq(names, "status plan company_id building_id seat contract_start contract_end"
                            " desk_days");
    ck_assert_str_eq(str(m, "status"), "active");
    ck_assert_str_eq(str(m, "plan"), "private_cabin");
    ck_assert_str_eq(str(m, "company_id"), "ACME");
    ck_assert_str_eq(str(m, "building_id"), "BLR-1");
    ck_assert_str_eq(str(m, "seat"), "Cabin 1019");
    ck_assert_str_eq(str(m, "contract_start"), "2026-04-01");
    ck_assert_str_eq(str(m, "contract_end"), "2027-03-31");
    /* Vikram: ACME's invoices, not Asha's own purchase, passes or credential. */
    ck_assert_int_eq(count_kind(vk, "invoice"), 4);
    ck_assert(!has_entity(vk, "invoice", invoice));
    ck_assert_int_eq(count_kind(vk, "pass"), 0);
    ck_assert_int_eq(count_kind(vk, "credential"), 0);
    ck_assert_str_eq(str(entity(vk, "membership", "usr_5eed000000000002"), "plan"),
                     "dedicated_desk");
    ck_assert(!has_entity(vk, "membership", "usr_5eed000000000001"));
    /* Olivia: none of ACME's. Priya: no membership. */
    ck_assert_int_eq(count_kind(o, "invoice"), 0);
    ck_assert_str_eq(str(entity(o, "membership", "usr_5eed000000000003"), "seat"), "Suite 204");
    const cJSON *none = entity(p, "membership", "usr_5eed000000000009");
    ck_assert_str_eq(str(none, "status"), "none");
    ck_assert(cJSON_IsNull(field(none, "plan")) && cJSON_IsNull(field(none, "seat")) &&
              cJSON_IsNull(field(none, "contract_end")));
    /* Every building shows its open space and tiers. */
    const cJSON *space = field(entity(p, "building", "LON-1"), "open_space");
    keys(space, names, sizeof names);
    ck_assert_str_eq(names, "day_pass_price_paise capacity tiers");
    ck_assert(num(space, "day_pass_price_paise") == 2500 && num(space, "capacity") == 30);
    const cJSON *tiers = field(space, "tiers");
    ck_assert_int_eq(cJSON_GetArraySize(tiers), 3);
    ck_assert(num(cJSON_GetArrayItem(tiers, 1), "passes") == 5 &&
              num(cJSON_GetArrayItem(tiers, 1), "discount_pct") == 10);
    cJSON_Delete(a);
    cJSON_Delete(vk);
    cJSON_Delete(o);
    cJSON_Delete(p);

    /* Pulls: the secret travels only in Asha's. */
    char *vikram = token_for(VIKRAM);
    const char *tokens[] = {asha, vikram};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        ck_assert_int_eq(stub_request(stub, "GET", "/v1/sync/pull?client_id=c&limit=5000", NULL,
                                      tokens[i], &text),
                         200);
        ck_assert((strstr(text, "secret_hex") != NULL) == (i == 0));
        ck_assert((strstr(text, "\"kind\":\"credential\"") != NULL) == (i == 0));
        ck_assert((strstr(text, "\"kind\":\"membership\"") != NULL));
        free(text);
    }
    free(vikram);
    free(asha);
}
END_TEST

/* ---- numbering and refunds -------------------------------------------------------------- */

/* The server's database, read-only, beside the running memberstub (WAL: a reader waits for
 * nothing). */
static sqlite3 *stub_db(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/stub.db", stub_dir(stub));
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return db;
}

/*
 * The numbering rule over every invoice the server holds: each issued, overdue or paid one
 * has a number; in each series (INV-<year>), sorted by issue instant (then id), the numbers
 * run 0001, 0002, ... with no gap and none out of order; <year> is the year of the issue
 * instant in the zone of the invoice's building (its own, or its company's). How many were
 * checked.
 */
static int check_numbering_rule(void)
{
    sqlite3 *db = stub_db();
    sqlite3_stmt *stmt;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM invoices WHERE number IS NULL"
                                        " AND status IN ('issued', 'overdue', 'paid')",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(stmt, 0), 0);
    sqlite3_finalize(stmt);
    ck_assert_int_eq(
        sqlite3_prepare_v2(db,
                           "SELECT i.number, i.issued_at_ms, b.timezone FROM invoices i"
                           " JOIN buildings b ON b.id = coalesce(i.building_id,"
                           " (SELECT c.building_id FROM companies c WHERE c.id = i.company_id))"
                           " WHERE i.number IS NOT NULL"
                           " ORDER BY substr(i.number, 1, 8), i.issued_at_ms, i.id",
                           -1, &stmt, NULL),
        SQLITE_OK);
    char series[16] = "";
    int expected = 0, checked = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *number = (const char *)sqlite3_column_text(stmt, 0);
        ms_local local;
        ms_zone_local(ms_zone_find((const char *)sqlite3_column_text(stmt, 2)),
                      sqlite3_column_int64(stmt, 1), &local);
        char want[16];
        snprintf(want, sizeof want, "INV-%04d", (int)local.year);
        ck_assert_msg(strncmp(number, want, 8) == 0, "%s was issued in %s's year", number, want);
        if (strncmp(series, number, 8) != 0) {
            snprintf(series, sizeof series, "%.8s", number);
            expected = 1;
        }
        char at[40];
        snprintf(at, sizeof at, "%s-%04d", series, expected++);
        ck_assert_msg(strcmp(number, at) == 0, "%s where %s was due (sorted by issue)", number, at);
        checked++;
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return checked;
}

/*
 * Numbers per series in issue order, across a new year that begins in Bengaluru five and a
 * half hours before London: the seed's invoices first, then checkouts paid in each building.
 */
START_TEST(test_invoice_numbers_run_per_series_in_issue_order)
{
    char *asha = token_for(ASHA);
    ck_assert_int_eq(check_numbering_rule(), 5); /* the seed's */
    char blr[64], lon[64], lon2[64], first[64];
    asha_buys(asha, "BLR-1", "2027-01-05", first, sizeof first);
    /* 2027-12-31 20:00 UTC: already 2028 in Bengaluru (01:30), still 2027 in London. */
    ck_assert_int_eq(stub_set_clock(stub, ms_days_from_civil(2027, 12, 31) * MS_DAY_MS + 20 * H),
                     0);
    free(asha);
    asha = token_for(ASHA); /* a session lasts less than a year */
    asha_buys(asha, "BLR-1", "2028-01-01", blr, sizeof blr);
    asha_buys(asha, "LON-1", "2027-12-31", lon, sizeof lon);
    /* 2028-01-01 00:30 UTC: 2028 in London too. */
    ck_assert_int_eq(stub_advance_clock(stub, 4 * H + 30 * M), 0);
    asha_buys(asha, "LON-1", "2028-01-01", lon2, sizeof lon2);
    cJSON *v = sync_view(ASHA);
    ck_assert_str_eq(str(entity(v, "invoice", first), "number"), "INV-2027-0004");
    ck_assert_str_eq(str(entity(v, "invoice", blr), "number"), "INV-2028-0001");
    ck_assert_str_eq(str(entity(v, "invoice", lon), "number"), "INV-2027-0005");
    ck_assert_str_eq(str(entity(v, "invoice", lon2), "number"), "INV-2028-0002");
    cJSON_Delete(v);
    ck_assert_int_eq(check_numbering_rule(), 9);
    free(asha);
}
END_TEST

/* The outcome recorded for a webhook event. */
static void webhook_outcome(const char *event_id, char *out, size_t cap)
{
    sqlite3 *db = stub_db();
    sqlite3_stmt *stmt;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT outcome FROM webhook_events WHERE event_id = ?",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, event_id, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    snprintf(out, cap, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

/*
 * Two members each opened an order for the company's invoice; Asha paid first. Vikram's
 * payment of his stale order is not kept in silence: the invoice stays paid once, a refund of
 * his payment is recorded on it, he is told (notification and the confirmation's answer), and
 * neither the webhook nor a repeated confirmation records it twice.
 */
START_TEST(test_a_stale_order_paid_after_the_invoice_is_refunded)
{
    char *asha = token_for(ASHA), *vikram = token_for(VIKRAM);
    char mine[64], his[64];
    cJSON *answer = call("POST", "/v1/invoices/INV-2027-0002/pay", NULL, asha, 200);
    snprintf(mine, sizeof mine, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    answer = call("POST", "/v1/invoices/INV-2027-0002/pay", NULL, vikram, 200);
    snprintf(his, sizeof his, "%s", str(field(answer, "order"), "id"));
    cJSON_Delete(answer);
    ck_assert_str_ne(mine, his);
    cJSON_Delete(pay_and_confirm(asha, mine));
    ck_assert_int_eq(stub_advance_clock(stub, 10 * M), 0);

    /* Razorpay's webhook reports his payment first: recorded as a refund. */
    char *body = order_paid_body(his, "pay_late0000000001");
    char signature[65];
    sign(WEBHOOK_SECRET, body, signature);
    ck_assert_int_eq(webhook(body, signature, "evt_stale"), 200);
    free(body);
    char outcome[32];
    webhook_outcome("evt_stale", outcome, sizeof outcome);
    ck_assert_str_eq(outcome, "refunded");

    /* His app confirms it: the answer says the invoice was paid already and carries the refund. */
    answer = pay_and_confirm(vikram, his);
    char names[128];
    keys(answer, names, sizeof names);
    ck_assert_str_eq(names, "invoice refund");
    const cJSON *refund = field(answer, "refund"), *inv = field(answer, "invoice");
    keys(refund, names, sizeof names);
    ck_assert_str_eq(names,
                     "id invoice_id order_id amount_paise currency reason status created_at_ms");
    ck_assert(strncmp(str(refund, "id"), "ref_", 4) == 0);
    ck_assert_str_eq(str(refund, "invoice_id"), "inv_5eed000000000003");
    ck_assert_str_eq(str(refund, "order_id"), his);
    ck_assert(num(refund, "amount_paise") == 4248000);
    ck_assert_str_eq(str(refund, "currency"), "INR");
    ck_assert_str_eq(str(refund, "reason"), "already_paid");
    ck_assert_str_eq(str(refund, "status"), "pending");
    ck_assert(num(refund, "created_at_ms") == T0 + 10 * M);
    ck_assert_str_eq(str(inv, "status"), "paid");
    ck_assert(num(inv, "paid_at_ms") == T0); /* Asha's payment */
    ck_assert_int_eq(cJSON_GetArraySize(field(inv, "refunds")), 1);
    char refund_id[64];
    snprintf(refund_id, sizeof refund_id, "%s", str(refund, "id"));
    cJSON_Delete(answer);
    /* Again: the same answer, nothing new. */
    answer = pay_and_confirm(vikram, his);
    ck_assert_str_eq(str(field(answer, "refund"), "id"), refund_id);
    cJSON_Delete(answer);

    cJSON *v = sync_view(VIKRAM);
    const cJSON *seen = entity(v, "invoice", "inv_5eed000000000003");
    ck_assert_int_eq(cJSON_GetArraySize(field(seen, "refunds")), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(field(seen, "refunds"), 0), "id"), refund_id);
    char told[256];
    snprintf(told, sizeof told,
             "Invoice INV-2027-0002 was already paid, so your payment of \u20b942,480.00 will be"
             " refunded to you (refund %s).",
             refund_id);
    ck_assert_int_eq(notifications(v, "Payment to be refunded", told), 1);
    ck_assert_int_eq(notifications(v, "Payment to be refunded", NULL), 1);
    ck_assert_int_eq(notifications(v, "Payment confirmed", "INV-2027-0002"), 0);
    cJSON_Delete(v);
    v = sync_view(ASHA);
    ck_assert_int_eq(notifications(v, "Payment to be refunded", NULL), 0);
    ck_assert_int_eq(notifications(v, "Payment confirmed", "INV-2027-0002"), 1);
    cJSON_Delete(v);
    /* An invoice nobody paid twice has no refunds. */
    v = sync_view(ASHA);
    ck_assert_int_eq(
        cJSON_GetArraySize(field(entity(v, "invoice", "inv_5eed000000000001"), "refunds")), 0);
    cJSON_Delete(v);
    ck_assert_int_eq(check_numbering_rule(), 5);
    free(asha);
    free(vikram);
}
END_TEST

static Suite *stub_passes_suite(void)
{
    Suite *s = suite_create("stub_passes");
    TCase *quotes = tcase_create("quotes");
    tcase_add_checked_fixture(quotes, setup, teardown);
    tcase_set_timeout(quotes, 60);
    tcase_add_test(quotes, test_quote_prices_tiers_and_gst);
    tcase_add_test(quotes, test_quote_reports_each_violation_with_index_and_rule);
    tcase_add_test(quotes, test_capacity_and_duplicates_count_held_and_active_passes);
    tcase_add_test(quotes, test_checkout_refusals);
    suite_add_tcase(s, quotes);
    TCase *checkout = tcase_create("checkout");
    tcase_add_checked_fixture(checkout, setup, teardown);
    tcase_set_timeout(checkout, 60);
    tcase_add_test(checkout, test_checkout_holds_seats_and_lapses);
    tcase_add_test(checkout, test_confirm_pays_activates_and_notifies);
    tcase_add_test(checkout, test_london_pass_is_in_pounds_with_vat);
    tcase_add_test(checkout, test_forged_confirmation_changes_nothing);
    tcase_add_test(checkout, test_webhook_settles_an_unconfirmed_checkout_once);
    tcase_add_test(checkout, test_webhook_after_confirm_for_rooms_and_after_a_lapse);
    tcase_add_test(checkout, test_configured_webhook_secret);
    suite_add_tcase(s, checkout);
    TCase *invoices = tcase_create("invoices");
    tcase_add_checked_fixture(invoices, setup, teardown);
    tcase_set_timeout(invoices, 60);
    tcase_add_test(invoices, test_pay_an_issued_or_overdue_invoice);
    tcase_add_test(invoices, test_issued_invoice_falls_overdue_at_its_due_instant);
    tcase_add_test(invoices, test_invoice_numbers_run_per_series_in_issue_order);
    tcase_add_test(invoices, test_a_stale_order_paid_after_the_invoice_is_refunded);
    suite_add_tcase(s, invoices);
    TCase *door = tcase_create("door");
    tcase_add_checked_fixture(door, setup, teardown);
    tcase_set_timeout(door, 60);
    tcase_add_test(door, test_door_grants_the_holder_on_the_pass_date);
    tcase_add_test(door, test_door_refuses_outside_the_pass_date);
    tcase_add_test(door, test_door_refuses_forged_tampered_and_malformed);
    tcase_add_test(door, test_door_admits_a_guest_in_and_out_all_day);
    tcase_add_test(door, test_door_admits_a_booking_guest);
    suite_add_tcase(s, door);
    TCase *sync = tcase_create("sync");
    tcase_add_checked_fixture(sync, setup, teardown);
    tcase_set_timeout(sync, 60);
    tcase_add_test(sync, test_new_kinds_reach_the_right_people);
    suite_add_tcase(s, sync);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stub_passes_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
