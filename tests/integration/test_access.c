/*
 * tests/integration/test_access.c - a day pass's door credential end to end against a real
 * memberstub: bought and paid through Razorpay, synced, listed, its rotating payload granted
 * at the door on the pass date (offline on the device), refused the day before and the day
 * after, at another building, tampered with or shown twice in a row; in, out and in again over
 * the day with the door's anti-passback; and read by a real QR decoder (zbarimg) from the core's
 * bitmap before the door scans it. A meeting-room guest's emailed QR image, decoded by zbarimg,
 * goes in and out within the booking's window.
 *
 * The server's clock and the client's clock are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA        "+919800000001"
#define DEAD_SERVER "http://127.0.0.1:1"
#define DAY_MS      86400000LL
/* Monday 2027-01-04 10:00 in Bengaluru: the pass is bought now for Tuesday */
#define T0        1799037000000LL
#define PASS_DATE "2027-01-05"
#define PASS_DAY  (T0 + DAY_MS) /* Tuesday 10:00 IST */

static stub_process *stub;
static char *dir;
static int64_t now = T0;

static void setup(void)
{
    now = T0;
    stub = stub_start_at(now, NULL, NULL);
    ck_assert_msg(stub != NULL, "memberstub did not start");
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    int status = stub_stop(stub);
    ck_assert_msg(status == 0, "memberstub exited with status %d", status);
}

/* Both clocks to the same instant. */
static void set_now(int64_t ms)
{
    now = ms;
    ck_assert_int_eq(stub_set_clock(stub, now), 0);
}

/* This suite needs the stub's day passes and door: say so plainly when they are missing. */
static void require_stub_routes(void)
{
    char *answer = NULL;
    int status = stub_request(stub, "POST", "/v1/test/door/scan",
                              "{\"building\":\"BLR-1\",\"payload\":\"MC1|x\"}", NULL, &answer);
    free(answer);
    ck_assert_msg(status == 200,
                  "memberstub answers POST /v1/test/door/scan with HTTP %d: this suite needs the "
                  "stub's door route (docs/passes-protocol.md, \"Test mode\")",
                  status);
    status = stub_request(stub, "POST", "/v1/passes/checkout", "{}", NULL, &answer);
    free(answer);
    ck_assert_msg(status == 401 || status == 422 || status == 400,
                  "memberstub answers POST /v1/passes/checkout (no token) with HTTP %d, not 401: "
                  "this suite needs the stub's day-pass checkout",
                  status);
}

static mc_client *member(const char *name, const char *phone)
{
    require_stub_routes();
    char *sub = tempdir_path(dir, name);
    mc_client *c = helper_open_client_at(sub, stub_url(stub), &now);
    free(sub);
    helper_sign_in(c, stub, phone);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    return c;
}

/* The member's bearer token, from the client's secure storage file. */
static void read_session_token(const char *name, char *token, size_t cap)
{
    char rel[256];
    snprintf(rel, sizeof rel, "%s/secure/session_token", name);
    char *path = tempdir_path(dir, rel);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "no session token file at %s", path);
    ck_assert_ptr_nonnull(fgets(token, (int)cap, f));
    token[strcspn(token, "\r\n")] = '\0';
    fclose(f);
    free(path);
}

static const char *str_at(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Buy one pass for date at BLR-1 and pay it through (simulated) Razorpay, as the app does
 * over the stub's routes, then sync; returns the new credential's id (malloc'd). */
static char *buy_pass(mc_client *c, const char *name, const char *date)
{
    char token[256], body[512];
    read_session_token(name, token, sizeof token);
    snprintf(body, sizeof body,
             "{\"building_id\":\"BLR-1\",\"passes\":[{\"date\":\"%s\"}],"
             "\"checkout_id\":\"6f1c2b9e-4d3a-4e8f-9a7b-%012lld\"}",
             date, (long long)(now % 1000000000000LL));
    char *answer = NULL;
    int status = stub_request(stub, "POST", "/v1/passes/checkout", body, token, &answer);
    ck_assert_msg(status == 201, "checkout: HTTP %d %s", status, answer ? answer : "");
    cJSON *checkout = cJSON_Parse(answer);
    free(answer);
    const char *order_id = str_at(cJSON_GetObjectItem(checkout, "order"), "id");
    ck_assert_ptr_nonnull(order_id);

    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":false}", order_id);
    status = stub_request(stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer);
    ck_assert_msg(status == 200, "razorpay pay: HTTP %d %s", status, answer ? answer : "");
    cJSON *paid = cJSON_Parse(answer);
    free(answer);
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"payment_id\":\"%s\",\"signature\":\"%s\"}",
             order_id, str_at(paid, "payment_id"), str_at(paid, "signature"));
    cJSON_Delete(paid);
    cJSON_Delete(checkout);
    status = stub_request(stub, "POST", "/v1/payments/razorpay/confirm", body, token, &answer);
    ck_assert_msg(status == 200, "confirm: HTTP %d %s", status, answer ? answer : "");
    cJSON *confirmed = cJSON_Parse(answer);
    free(answer);
    ck_assert_str_eq(str_at(cJSON_GetObjectItem(confirmed, "invoice"), "status"), "paid");
    cJSON_Delete(confirmed);

    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    mc_credential_list *list = NULL;
    ck_assert_msg(mc_credentials_list(c, &list, &err) == MC_OK, "%s", err.message);
    ck_assert_msg(list->count == 1, "%zu credentials after buying one pass", list->count);
    const mc_credential *cr = &list->items[0];
    ck_assert_int_eq(cr->kind, MC_CREDENTIAL_PASS);
    ck_assert_str_eq(cr->building_id, "BLR-1");
    ck_assert_str_ne(cr->pass_id, "");
    ck_assert_str_eq(cr->reservation_id, "");
    /* valid for the pass date in Bengaluru, not before it */
    ck_assert_int_le(cr->valid_from_ms, PASS_DAY);
    ck_assert_int_gt(cr->valid_from_ms, T0);
    ck_assert_int_gt(cr->valid_until_ms, PASS_DAY);
    ck_assert_int_le(cr->valid_until_ms, PASS_DAY + DAY_MS);
    char *id = strdup(cr->id);
    mc_credential_list_free(list);
    return id;
}

/* POST /v1/test/door/scan at building's door facing way ("in" or "out"): "granted", or the
 * door's reason and its message as "reason: message" (static buffer). */
static const char *door_scan_way(const char *building, const char *payload, const char *way)
{
    static char result[256];
    cJSON *req = cJSON_CreateObject();
    cJSON_AddStringToObject(req, "building", building);
    cJSON_AddStringToObject(req, "payload", payload);
    cJSON_AddStringToObject(req, "direction", way);
    char *body = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    char *answer = NULL;
    int status = stub_request(stub, "POST", "/v1/test/door/scan", body, NULL, &answer);
    free(body);
    if (status == 404 || status == 405)
        ck_abort_msg("memberstub has no POST /v1/test/door/scan (HTTP %d: %s): the stub's door "
                     "route (docs/passes-protocol.md, \"Test mode\") is needed for this test",
                     status, answer ? answer : "");
    ck_assert_msg(status == 200, "door scan: HTTP %d %s", status, answer ? answer : "");
    cJSON *doc = cJSON_Parse(answer);
    ck_assert_msg(doc != NULL, "door scan answered %s", answer);
    free(answer);
    const cJSON *granted = cJSON_GetObjectItem(doc, "granted");
    ck_assert(cJSON_IsBool(granted));
    if (cJSON_IsTrue(granted))
        snprintf(result, sizeof result, "granted");
    else
        snprintf(result, sizeof result, "%s: %s",
                 str_at(doc, "reason") ? str_at(doc, "reason") : "?",
                 str_at(doc, "message") ? str_at(doc, "message") : "?");
    cJSON_Delete(doc);
    return result;
}

/* The door's verdict on the way in: "granted" or the reason alone (static buffer). */
static const char *door_scan(const char *building, const char *payload)
{
    static char reason[64];
    snprintf(reason, sizeof reason, "%s", door_scan_way(building, payload, "in"));
    reason[strcspn(reason, ":")] = '\0';
    return reason;
}

static void payload_now(mc_client *c, const char *id, char out[MC_ACCESS_PAYLOAD_MAX])
{
    mc_error err = MC_ERROR_INIT;
    int64_t refresh = 0;
    ck_assert_msg(mc_credential_payload(c, id, out, MC_ACCESS_PAYLOAD_MAX, &refresh, &err) == MC_OK,
                  "payload: %s", err.message);
    ck_assert_int_gt(refresh, now);
    ck_assert_int_le(refresh, now + 30000);
}

/* The credential's secret from the client's store (what only the core reads), to make
 * payloads at other instants with the pure mc_access_payload. */
static size_t stored_secret(const char *name, const char *id, uint8_t secret[64])
{
    char rel[256];
    snprintf(rel, sizeof rel, "%s/membercore.db", name);
    char *path = tempdir_path(dir, rel);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    free(path);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT json_extract(data, '$.secret_hex') FROM entity "
                                        "WHERE kind = 'credential' AND id = ?1",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    const char *hex = (const char *)sqlite3_column_text(stmt, 0);
    ck_assert_ptr_nonnull(hex);
    size_t n = strlen(hex) / 2;
    ck_assert_uint_eq(n, 32);
    for (size_t i = 0; i < n; i++) {
        unsigned byte;
        ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &byte), 1);
        secret[i] = (uint8_t)byte;
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* The rotating payload of credential id at now, made from its secret in member name's store with
 * the pure mc_access_payload (what the device would refuse to draw outside the validity). */
static void payload_from_secret(const char *name, const char *id, char out[MC_ACCESS_PAYLOAD_MAX])
{
    uint8_t secret[64];
    size_t secret_len = stored_secret(name, id, secret);
    ck_assert_int_eq(
        mc_access_payload(id, secret, secret_len, now, out, MC_ACCESS_PAYLOAD_MAX, NULL), MC_OK);
}

/* On the pass date the rotating payload opens BLR-1; not twice in a row, not MUM-1, not tampered.
 */
START_TEST(test_pass_granted_on_its_date_and_refused_otherwise)
{
    mc_client *c = member("asha", ASHA);
    char *id = buy_pass(c, "asha", PASS_DATE);

    set_now(PASS_DAY);
    char payload[MC_ACCESS_PAYLOAD_MAX];
    payload_now(c, id, payload);
    ck_assert_int_eq(strncmp(payload, "MC1|", 4), 0);
    ck_assert_ptr_nonnull(strstr(payload, id));
    ck_assert_str_eq(door_scan("BLR-1", payload), "granted");
    ck_assert_str_eq(door_scan("BLR-1", payload), "anti_passback");
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"), "granted");

    /* the next step: a new payload, refused elsewhere, and forged when tampered with */
    set_now(PASS_DAY + 30000);
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan("MUM-1", payload), "wrong_building");
    char tampered[MC_ACCESS_PAYLOAD_MAX];
    snprintf(tampered, sizeof tampered, "%s", payload);
    char *last = tampered + strlen(tampered) - 1;
    *last = *last == '9' ? '0' : (char)(*last + 1);
    ck_assert_str_eq(door_scan("BLR-1", tampered), "forged");
    ck_assert_str_eq(door_scan("BLR-1", "MC1|not a payload"), "malformed");
    ck_assert_str_eq(door_scan("BLR-1", payload), "granted");

    /* the device renders it offline too: she goes out with it */
    mc_client_free(c);
    char *sub = tempdir_path(dir, "asha");
    c = helper_open_client_at(sub, DEAD_SERVER, &now);
    free(sub);
    set_now(PASS_DAY + 2 * 30000);
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"), "granted");
    mc_client_free(c);
    free(id);
}
END_TEST

/*
 * Anti-passback with the device's own codes over the pass date: in, out for lunch, in again,
 * granted; in twice without an out between (the code shown to a second person) refused, and so
 * is an out without an in; a code that already went in, replayed after its holder went out, is
 * refused; the day after, nothing opens.
 */
START_TEST(test_pass_in_out_in_with_anti_passback)
{
    mc_client *c = member("asha", ASHA);
    char *id = buy_pass(c, "asha", PASS_DATE);
    char payload[MC_ACCESS_PAYLOAD_MAX], first[MC_ACCESS_PAYLOAD_MAX];

    set_now(PASS_DAY - 3600000); /* 09:00 */
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"),
                     "anti_passback: anti-passback: not inside");
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "in"), "granted");
    snprintf(first, sizeof first, "%s", payload);
    set_now(now + 30000);
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "in"),
                     "anti_passback: anti-passback: already inside");

    set_now(PASS_DAY + 3 * 3600000); /* 13:00: out for lunch */
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"), "granted");
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"),
                     "anti_passback: anti-passback: not inside");
    /* the morning's code, replayed by someone who saw it: too old */
    ck_assert_str_eq(door_scan("BLR-1", first), "expired");
    /* the lunch code, shown again at the entrance within its step: it already went out, not in */
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "in"), "granted");
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"),
                     "replayed: replayed: this code already went out once");

    set_now(PASS_DAY + 4 * 3600000); /* 14:00: still inside, out and back in */
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"), "granted");
    set_now(now + 60000);
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "in"), "granted");

    /* the day after: nothing opens, in or out */
    set_now(PASS_DAY + DAY_MS);
    payload_from_secret("asha", id, payload);
    ck_assert_str_eq(door_scan_way("BLR-1", payload, "out"),
                     "expired: expired: its validity has ended");
    ck_assert_str_eq(door_scan("BLR-1", payload), "expired");
    mc_client_free(c);
    free(id);
}
END_TEST

/* The day before and the day after, the device refuses to draw it and names the side; a code
 * made anyway from the secret is refused by the door for the same reason. */
START_TEST(test_pass_not_yet_valid_then_expired)
{
    mc_client *c = member("asha", ASHA);
    char *id = buy_pass(c, "asha", PASS_DATE);
    char payload[MC_ACCESS_PAYLOAD_MAX];
    mc_error err = MC_ERROR_INIT;

    ck_assert_int_eq(mc_credential_payload(c, id, payload, sizeof payload, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "not valid yet") != NULL, "%s", err.message);
    payload_from_secret("asha", id, payload);
    ck_assert_str_eq(door_scan("BLR-1", payload), "not_yet_valid");

    set_now(PASS_DAY + DAY_MS); /* Wednesday 10:00 */
    ck_assert_int_eq(mc_credential_payload(c, id, payload, sizeof payload, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "expired") != NULL, "%s", err.message);
    payload_from_secret("asha", id, payload);
    ck_assert_str_eq(door_scan("BLR-1", payload), "expired");
    /* expired credentials leave the list */
    mc_credential_list *list = NULL;
    ck_assert_int_eq(mc_credentials_list(c, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    mc_credential_list_free(list);
    mc_client_free(c);
    free(id);
}
END_TEST

/* zbarimg's reading of the image file at path (the one QR code in it), or a test failure. */
static void zbar_read(const char *path, char *text, size_t cap)
{
    ck_assert_msg(system("command -v zbarimg >/dev/null 2>&1") == 0,
                  "zbarimg is missing: install the Debian package zbar-tools "
                  "(scripts/install-deps.sh does)");
    char *log = tempdir_path(dir, "zbarimg.err");
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>'%s'", path, log);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t got = fread(text, 1, cap - 1, p);
    text[got] = '\0';
    int status = pclose(p);
    ck_assert_msg(status == 0, "zbarimg found no QR code in %s (status %d; its stderr is in %s)",
                  path, status, log);
    text[strcspn(text, "\r\n")] = '\0';
    free(log);
}

/* zbarimg's reading of a bitmap written as a binary PGM, or a test failure. */
static void zbar_decode(const mc_bitmap *bm, char *text, size_t cap)
{
    char *path = tempdir_path(dir, "door.pgm");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "P5\n%d %d\n255\n", (int)bm->width, (int)bm->height);
    size_t n = (size_t)bm->width * (size_t)bm->height;
    ck_assert_uint_eq(fwrite(bm->pixels, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
    zbar_read(path, text, cap);
    free(path);
}

/* The last access email to `to`, as the stub's outbox has it: its QR code image (the PNG
 * attachment) decoded by zbarimg into decoded, and the payload its text carries. */
static void emailed_qr(const char *to, char decoded[MC_ACCESS_PAYLOAD_MAX],
                       char payload[MC_ACCESS_PAYLOAD_MAX])
{
    char path[256], *answer = NULL;
    snprintf(path, sizeof path, "/v1/test/emails?to=%s", to);
    ck_assert_int_eq(stub_request(stub, "GET", path, NULL, NULL, &answer), 200);
    char *json = tempdir_path(dir, "emails.json"), *png = tempdir_path(dir, "emailed-qr.png");
    FILE *f = fopen(json, "w");
    ck_assert_ptr_nonnull(f);
    fputs(answer, f);
    ck_assert_int_eq(fclose(f), 0);
    free(answer);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import base64, json, sys\n"
             "e = [e for e in json.load(open(sys.argv[1]))[\"emails\"] if e[\"payload\"]][-1]\n"
             "a = e[\"attachments\"][0]\n"
             "assert a[\"content_type\"] == \"image/png\", a\n"
             "open(sys.argv[2], \"wb\").write(base64.b64decode(a[\"content_base64\"]))\n"
             "print(e[\"payload\"])' '%s' '%s'",
             json, png);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t got = fread(payload, 1, MC_ACCESS_PAYLOAD_MAX - 1, p);
    payload[got] = '\0';
    payload[strcspn(payload, "\r\n")] = '\0';
    ck_assert_msg(pclose(p) == 0, "no access email with a QR image to %s", to);
    zbar_read(png, decoded, MC_ACCESS_PAYLOAD_MAX);
    free(json);
    free(png);
}

/*
 * A meeting-room guest: the booking made through the core emails them their code, whose QR
 * image (zbarimg) is the guest's static code; within the booking's window it goes in, out and
 * in again, never in twice running; before and after the window it opens nothing.
 */
START_TEST(test_booking_guest_in_out_within_the_window)
{
    mc_client *c = member("asha", ASHA);
    mc_guest guests[] = {{"Ravi Kumar", "ravi@example.in"}};
    mc_booking_request req = {"BLR-1-BOARD", "2027-01-07", "10:00", 2, guests, 1, MC_PAY_CREDITS};
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_booking_create(c, &req, &b, &err) == MC_OK, "%s", err.message);
    int64_t start = b->start_ms, end = b->end_ms;
    mc_booking_free(b);
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    mc_booking_list *list = NULL;
    ck_assert_int_eq(mc_bookings_list(c, 0, &list, &err), MC_OK);
    ck_assert_uint_ge(list->count, 1);
    char credential[64] = "";
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].start_ms == start && list->items[i].guest_count == 1)
            snprintf(credential, sizeof credential, "%s", list->items[i].guests[0].credential_id);
    mc_booking_list_free(list);
    ck_assert_str_ne(credential, "");

    char decoded[MC_ACCESS_PAYLOAD_MAX], payload[MC_ACCESS_PAYLOAD_MAX], want[80];
    emailed_qr("ravi@example.in", decoded, payload);
    ck_assert_str_eq(decoded, payload);
    snprintf(want, sizeof want, "MC1|%s|G|", credential);
    ck_assert_msg(strncmp(decoded, want, strlen(want)) == 0,
                  "the emailed QR code reads %s, not the guest's credential %s", decoded,
                  credential);

    set_now(start - 16 * 60000);
    ck_assert_str_eq(door_scan("BLR-1", decoded), "not_yet_valid");
    set_now(start - 15 * 60000);
    ck_assert_str_eq(door_scan_way("BLR-1", decoded, "in"), "granted");
    ck_assert_str_eq(door_scan_way("BLR-1", decoded, "in"),
                     "anti_passback: anti-passback: already inside");
    set_now(start + 45 * 60000);
    ck_assert_str_eq(door_scan_way("BLR-1", decoded, "out"), "granted");
    set_now(start + 60 * 60000);
    ck_assert_str_eq(door_scan_way("BLR-1", decoded, "in"), "granted");
    set_now(end);
    ck_assert_str_eq(door_scan_way("BLR-1", decoded, "out"),
                     "expired: expired: its validity has ended");
    ck_assert_str_eq(door_scan("BLR-1", decoded), "expired");
    mc_client_free(c);
}
END_TEST

/* What the member shows is what the door reads: the core's bitmap, decoded by zbarimg,
 * then scanned. */
START_TEST(test_qr_image_decoded_then_scanned)
{
    mc_client *c = member("asha", ASHA);
    char *id = buy_pass(c, "asha", PASS_DATE);
    set_now(PASS_DAY + 3600000); /* 11:00 */
    char payload[MC_ACCESS_PAYLOAD_MAX];
    payload_now(c, id, payload);
    mc_bitmap *bm = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_qr_bitmap(payload, 4, &bm, &err) == MC_OK, "%s", err.message);
    mc_qr *qr = NULL;
    ck_assert_int_eq(mc_qr_encode(payload, &qr, &err), MC_OK);
    ck_assert_int_le(qr->version, 4);
    ck_assert_int_eq(bm->width, (qr->width + 8) * 4);
    mc_qr_free(qr);
    char decoded[256];
    zbar_decode(bm, decoded, sizeof decoded);
    mc_bitmap_free(bm);
    ck_assert_str_eq(decoded, payload);
    ck_assert_str_eq(door_scan("BLR-1", decoded), "granted");
    mc_client_free(c);
    free(id);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("access");
    TCase *tc = tcase_create("door");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_pass_granted_on_its_date_and_refused_otherwise);
    tcase_add_test(tc, test_pass_in_out_in_with_anti_passback);
    tcase_add_test(tc, test_pass_not_yet_valid_then_expired);
    tcase_add_test(tc, test_qr_image_decoded_then_scanned);
    tcase_add_test(tc, test_booking_guest_in_out_within_the_window);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
