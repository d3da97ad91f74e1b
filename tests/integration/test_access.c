/*
 * tests/integration/test_access.c - a day pass's door credential end to end against a real
 * memberstub: bought and paid through Razorpay, synced, listed, its rotating payload granted
 * at the door on the pass date (offline on the device), refused the day before and the day
 * after, at another building, tampered with or shown twice, and read by a real QR decoder
 * (zbarimg) from the core's bitmap before the door scans it.
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

/* POST /v1/test/door/scan: "granted" or the door's reason (static buffer). */
static const char *door_scan(const char *building, const char *payload)
{
    static char result[64];
    cJSON *req = cJSON_CreateObject();
    cJSON_AddStringToObject(req, "building", building);
    cJSON_AddStringToObject(req, "payload", payload);
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
        snprintf(result, sizeof result, "%s", str_at(doc, "reason") ? str_at(doc, "reason") : "?");
    cJSON_Delete(doc);
    return result;
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

/* On the pass date the rotating payload opens BLR-1 once; not twice, not MUM-1, not tampered. */
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
    ck_assert_str_eq(door_scan("BLR-1", payload), "replayed");

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

    /* the device renders it offline too */
    mc_client_free(c);
    char *sub = tempdir_path(dir, "asha");
    c = helper_open_client_at(sub, DEAD_SERVER, &now);
    free(sub);
    set_now(PASS_DAY + 2 * 30000);
    payload_now(c, id, payload);
    ck_assert_str_eq(door_scan("BLR-1", payload), "granted");
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
    uint8_t secret[64];
    size_t secret_len = stored_secret("asha", id, secret);
    char payload[MC_ACCESS_PAYLOAD_MAX];
    mc_error err = MC_ERROR_INIT;

    ck_assert_int_eq(mc_credential_payload(c, id, payload, sizeof payload, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "not valid yet") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_access_payload(id, secret, secret_len, now, payload, sizeof payload, NULL),
                     MC_OK);
    ck_assert_str_eq(door_scan("BLR-1", payload), "not_yet_valid");

    set_now(PASS_DAY + DAY_MS); /* Wednesday 10:00 */
    ck_assert_int_eq(mc_credential_payload(c, id, payload, sizeof payload, NULL, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "expired") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_access_payload(id, secret, secret_len, now, payload, sizeof payload, NULL),
                     MC_OK);
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

/* zbarimg's reading of a bitmap written as a binary PGM, or a test failure. */
static void zbar_decode(const mc_bitmap *bm, char *text, size_t cap)
{
    ck_assert_msg(system("command -v zbarimg >/dev/null 2>&1") == 0,
                  "zbarimg is missing: install the Debian package zbar-tools "
                  "(scripts/install-deps.sh does)");
    char *path = tempdir_path(dir, "door.pgm");
    char *log = tempdir_path(dir, "zbarimg.err");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "P5\n%d %d\n255\n", (int)bm->width, (int)bm->height);
    size_t n = (size_t)bm->width * (size_t)bm->height;
    ck_assert_uint_eq(fwrite(bm->pixels, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
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
    free(path);
    free(log);
}

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
    tcase_add_test(tc, test_pass_not_yet_valid_then_expired);
    tcase_add_test(tc, test_qr_image_decoded_then_scanned);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
