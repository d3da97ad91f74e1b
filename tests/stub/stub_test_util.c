/*
 * tests/stub/stub_test_util.c - helpers shared by the stub's HTTP suites (stub_test_util.h): the
 * per-test memberstub, asserting requests, typed field access, error checks, sign-in, the test
 * checkout, the test mailbox and view lookups, the test door, an email's QR code read by zbarimg.
 */
#define _XOPEN_SOURCE 700
#include "stub_test_util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/base64.h>

stub_process *stub;

void setup(void)
{
    stub = stub_start_at(T0, NULL, NULL);
    ck_assert_msg(stub != NULL, "memberstub did not start");
}

void teardown(void)
{
    int status = stub_stop(stub);
    stub = NULL;
    ck_assert_msg(status == 0, "memberstub exited with status %d (a sanitizer report?)", status);
}

cJSON *call(const char *method, const char *path, const char *body, const char *bearer, int expect)
{
    char *text = NULL;
    int status = stub_request(stub, method, path, body, bearer, &text);
    if (status != expect) {
        char copy[512];
        snprintf(copy, sizeof copy, "%s", text ? text : "");
        free(text);
        ck_abort_msg("%s %s: expected %d, got %d: %s", method, path, expect, status, copy);
    }
    cJSON *json = NULL;
    if (text && text[0]) {
        json = cJSON_Parse(text);
        if (!json) {
            char copy[512];
            snprintf(copy, sizeof copy, "%s", text);
            free(text);
            ck_abort_msg("%s %s: the body is not JSON: %s", method, path, copy);
        }
    }
    free(text);
    return json;
}

const cJSON *field(const cJSON *o, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, key);
    ck_assert_msg(f != NULL, "no field '%s'", key);
    return f;
}

const char *str(const cJSON *o, const char *key)
{
    const cJSON *f = field(o, key);
    ck_assert_msg(cJSON_IsString(f), "field '%s' is not a string", key);
    return f->valuestring;
}

int64_t num(const cJSON *o, const char *key)
{
    const cJSON *f = field(o, key);
    ck_assert_msg(cJSON_IsNumber(f), "field '%s' is not a number", key);
    return (int64_t)f->valuedouble;
}

void keys(const cJSON *o, char *out, size_t cap)
{
    out[0] = '\0';
    const cJSON *f;
    cJSON_ArrayForEach(f, o)
    {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", used ? " " : "", f->string);
    }
}

cJSON *error_of(const char *method, const char *path, const char *body, const char *bearer,
                int status, const char *code)
{
    cJSON *json = call(method, path, body, bearer, status);
    ck_assert_msg(json != NULL, "%s %s: an error needs a body", method, path);
    ck_assert_str_eq(str(json, "code"), code);
    ck_assert_msg(str(json, "message")[0], "the error message is empty");
    return json;
}

void check_error(const char *method, const char *path, const char *body, const char *bearer,
                 int status, const char *code)
{
    cJSON_Delete(error_of(method, path, body, bearer, status, code));
}

cJSON *error_mentioning(const char *method, const char *path, const char *body, const char *bearer,
                        int status, const char *code, const char *mentions)
{
    cJSON *json = error_of(method, path, body, bearer, status, code);
    const char *message = str(json, "message");
    ck_assert_msg(strstr(message, mentions) != NULL, "message \"%s\" should mention \"%s\"",
                  message, mentions);
    return json;
}

void check_error_mentioning(const char *method, const char *path, const char *body,
                            const char *bearer, int status, const char *code, const char *mentions)
{
    cJSON_Delete(error_mentioning(method, path, body, bearer, status, code, mentions));
}

char *token_for(const char *phone)
{
    char token[128];
    ck_assert_msg(stub_sign_in(stub, phone, token, sizeof token) == 0, "cannot sign %s in", phone);
    return strdup(token);
}

char *sign_up_on_demand(const char *phone)
{
    char *token = token_for(phone);
    cJSON_Delete(call("PUT", "/v1/me/profile",
                      "{\"name\": \"Meera Iyer\", \"email\": \"meera@example.com\","
                      " \"company\": \"Iyer Labs\", \"city\": \"Chennai\"}",
                      token, 200));
    cJSON_Delete(call("PUT", "/v1/me/intent", "{\"intent\": \"on_demand\"}", token, 200));
    return token;
}

cJSON *push_mutation(const char *token, const char *client, int n, const char *kind,
                     const char *payload)
{
    size_t cap = strlen(payload) + 512;
    char *body = malloc(cap);
    ck_assert_ptr_nonnull(body);
    snprintf(body, cap,
             "{\"client_id\":\"%s\",\"mutations\":[{\"mutation_id\":%d,"
             "\"idempotency_key\":\"%s-%d\",\"kind\":\"%s\",\"payload\":%s}]}",
             client, n, client, n, kind, payload);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    free(body);
    cJSON *r = cJSON_DetachItemFromArray(cJSON_GetObjectItemCaseSensitive(answer, "results"), 0);
    cJSON_Delete(answer);
    ck_assert_ptr_nonnull(r);
    return r;
}

cJSON *pay(const char *order_id, bool forge)
{
    char body[256];
    snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":%s}", order_id,
             forge ? "true" : "false");
    return call("POST", "/v1/test/razorpay/pay", body, NULL, 200);
}

cJSON *sync_view(const char *phone)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sync/view?phone=%%2B%s", phone + 1);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *state = cJSON_CreateObject();
    ck_assert_ptr_nonnull(state);
    const cJSON *e;
    cJSON_ArrayForEach(e, field(answer, "entities"))
    {
        char key[160];
        snprintf(key, sizeof key, "%s/%s", str(e, "kind"), str(e, "id"));
        cJSON_AddItemToObject(state, key, cJSON_Duplicate(field(e, "data"), true));
    }
    cJSON_Delete(answer);
    return state;
}

bool has_entity(const cJSON *state, const char *kind, const char *id)
{
    char key[160];
    snprintf(key, sizeof key, "%s/%s", kind, id);
    return cJSON_HasObjectItem(state, key);
}

cJSON *emails(const char *to)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/test/emails?to=%s", to);
    cJSON *answer = call("GET", path, NULL, NULL, 200);
    cJSON *list = cJSON_DetachItemFromObject(answer, "emails");
    cJSON_Delete(answer);
    ck_assert(cJSON_IsArray(list));
    return list;
}

/* The message of the door's last refusal (scan_way). */
char door_message[160];

/* The door of building, facing way ("in" or "out"), scans payload: "granted" or the reason
 * (its message in door_message). */
const char *scan_way(const char *building, const char *payload, const char *way)
{
    static char out[64];
    char body[256];
    snprintf(body, sizeof body, "{\"building\":\"%s\",\"payload\":\"%s\",\"direction\":\"%s\"}",
             building, payload, way);
    cJSON *answer = call("POST", "/v1/test/door/scan", body, NULL, 200);
    door_message[0] = '\0';
    if (cJSON_IsTrue(field(answer, "granted"))) {
        ck_assert(!cJSON_HasObjectItem(answer, "reason"));
        ck_assert(!cJSON_HasObjectItem(answer, "message"));
        snprintf(out, sizeof out, "granted");
    } else {
        ck_assert(cJSON_IsFalse(field(answer, "granted")));
        snprintf(out, sizeof out, "%s", str(answer, "reason"));
        snprintf(door_message, sizeof door_message, "%s", str(answer, "message"));
    }
    cJSON_Delete(answer);
    return out;
}

/* An email's QR code image: its one attachment, a PNG, decoded by zbarimg into text. */
void email_qr_text(const cJSON *mail, char *text, size_t cap)
{
    const cJSON *files = field(mail, "attachments");
    ck_assert_int_eq(cJSON_GetArraySize(files), 1);
    const cJSON *png = cJSON_GetArrayItem(files, 0);
    ck_assert_str_eq(str(png, "filename"), "access-qr.png");
    ck_assert_str_eq(str(png, "content_type"), "image/png");
    const char *b64 = str(png, "content_base64");
    size_t len = 0, cap_png = strlen(b64);
    unsigned char *bytes = malloc(cap_png);
    ck_assert_ptr_nonnull(bytes);
    ck_assert_int_eq(
        mbedtls_base64_decode(bytes, cap_png, &len, (const unsigned char *)b64, strlen(b64)), 0);
    ck_assert(len > 8 && memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0);
    ck_assert_msg(system("command -v zbarimg >/dev/null 2>&1") == 0,
                  "zbarimg is missing: install the Debian package zbar-tools "
                  "(scripts/install-deps.sh does)");
    char path[] = "/tmp/stub-email-qr-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(bytes);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t got = fread(text, 1, cap - 1, p);
    text[got] = '\0';
    int status = pclose(p);
    unlink(path);
    ck_assert_msg(status == 0, "zbarimg found no QR code in the email's PNG (status %d)", status);
    text[strcspn(text, "\r\n")] = '\0';
}
