/*
 * tests/stub/test_stub_uploads.c - a ticket photo's resumable upload over real HTTP: where it
 * stands, chunks kept in order and refused out of order, the completing check (sha256 and the
 * declared image type), exactly one timeline entry, the bytes read back by the member and the
 * building's staff only, the route's own body cap, and the test route's counts.
 */
#include <check.h>
#include <curl/curl.h>
#include <mbedtls/md.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_test_util.h"

#define ASHA   "+919800000001" /* member, BLR-1 */
#define VIKRAM "+919800000002" /* member, BLR-1 */
#define KIRAN  "+919800000010" /* staff, BLR-1 */
#define TOM    "+447700900010" /* staff, LON-1 */
#define MIB    (1024 * 1024)

static int next_mutation = 1;

/* JPEG-shaped (or, png, PNG-shaped) bytes: n of them, malloc'd. */
static unsigned char *image_bytes(size_t n, unsigned seed, bool png)
{
    unsigned char *b = malloc(n);
    ck_assert_ptr_nonnull(b);
    unsigned x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = (unsigned char)(x >> 16);
    }
    static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0};
    static const unsigned char png_head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                             0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    if (png)
        memcpy(b, png_head, sizeof png_head);
    else
        memcpy(b, jpeg, sizeof jpeg);
    return b;
}

static void sha256_hex(const unsigned char *b, size_t n, char out[65])
{
    unsigned char digest[32];
    ck_assert_int_eq(mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), b, n, digest), 0);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* A new ticket of phone's member (via ticket.create) declaring one photo; ids into
 * ticket_id and photo_id (48 bytes each). */
static void declare(const char *token, const char *content_type, size_t bytes, const char *sha,
                    char *ticket_id, char *photo_id)
{
    int n = next_mutation++;
    snprintf(ticket_id, 48, "tkt_%032x", 0xabc00 + n);
    snprintf(photo_id, 48, "pho_%032x", 0xdef00 + n);
    char body[2048];
    snprintf(body, sizeof body,
             "{\"client_id\":\"00000000-0000-4000-8000-00000000000%d\",\"mutations\":[{"
             "\"mutation_id\":%d,\"idempotency_key\":\"k-upload-%d\",\"kind\":\"ticket.create\","
             "\"entity_id\":\"%s\",\"payload\":{\"ticket_id\":\"%s\",\"building_id\":\"BLR-1\","
             "\"category_id\":\"cleaning.washroom\",\"priority\":\"high\",\"description\":"
             "\"Tap leaking\",\"location\":null,\"photos\":[{\"photo_id\":\"%s\","
             "\"content_type\":\"%s\",\"bytes\":%zu,\"sha256\":\"%s\"}]}}]}",
             n % 10, n, n, ticket_id, ticket_id, photo_id, content_type, bytes, sha);
    cJSON *answer = call("POST", "/v1/sync/push", body, token, 200);
    const cJSON *result = cJSON_GetArrayItem(field(answer, "results"), 0);
    ck_assert_str_eq(str(result, "status"), "applied");
    cJSON_Delete(answer);
}

typedef struct grown {
    char *data;
    size_t len;
} grown;

static size_t keep(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    grown *g = userdata;
    size_t n = size * nmemb;
    char *more = realloc(g->data, g->len + n + 1);
    ck_assert_ptr_nonnull(more);
    memcpy(more + g->len, ptr, n);
    g->len += n;
    more[g->len] = '\0';
    g->data = more;
    return n;
}

/*
 * method on path with token; offset >= 0 adds Upload-Offset; data (len bytes, may be NULL) as
 * the body with content_type (NULL: none). The status; the body into *out (malloc'd, its
 * length into *out_len; both may be NULL).
 */
static long request(const char *method, const char *path, const char *token, long long offset,
                    const void *data, size_t len, const char *content_type, char **out,
                    size_t *out_len)
{
    CURL *curl = curl_easy_init();
    ck_assert_ptr_nonnull(curl);
    char url[512], auth[256], offset_header[64], type_header[128];
    snprintf(url, sizeof url, "%s%s", stub_url(stub), path);
    struct curl_slist *headers = curl_slist_append(NULL, "Expect:");
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        headers = curl_slist_append(headers, auth);
    }
    if (offset >= 0) {
        snprintf(offset_header, sizeof offset_header, "Upload-Offset: %lld", offset);
        headers = curl_slist_append(headers, offset_header);
    }
    if (content_type) {
        snprintf(type_header, sizeof type_header, "Content-Type: %s", content_type);
        headers = curl_slist_append(headers, type_header);
    }
    grown g = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &g);
    if (data) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, data);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    ck_assert_int_eq(curl_easy_perform(curl), CURLE_OK);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (out_len)
        *out_len = g.len;
    if (out)
        *out = g.data;
    else
        free(g.data);
    return status;
}

#define OCTETS "application/offset+octet-stream"

/* PATCH len bytes at offset; expect status; the JSON answer (caller deletes). */
static cJSON *patch(const char *path, const char *token, long long offset, const void *data,
                    size_t len, long expect)
{
    char *body = NULL;
    long status = request("PATCH", path, token, offset, data, len, OCTETS, &body, NULL);
    ck_assert_msg(status == expect, "PATCH %s at %lld: %ld, not %ld: %s", path, offset, status,
                  expect, body ? body : "");
    cJSON *json = cJSON_Parse(body);
    free(body);
    ck_assert_ptr_nonnull(json);
    return json;
}

static void upload_path(char *out, size_t cap, const char *ticket_id, const char *photo_id)
{
    snprintf(out, cap, "/v1/tickets/%s/photos/%s/upload", ticket_id, photo_id);
}

/* The member's ticket as the server's view shows it (caller deletes). */
static cJSON *member_ticket(const char *phone, const char *ticket_id)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/test/sync/view?phone=%%2B%s", phone + 1);
    cJSON *view = call("GET", path, NULL, NULL, 200);
    const cJSON *e;
    cJSON *found = NULL;
    cJSON_ArrayForEach(e, field(view, "entities"))
    {
        if (strcmp(str(e, "kind"), "ticket") == 0 && strcmp(str(e, "id"), ticket_id) == 0)
            found = cJSON_Duplicate(field(e, "data"), true);
    }
    cJSON_Delete(view);
    ck_assert_msg(found != NULL, "%s does not see ticket %s", phone, ticket_id);
    return found;
}

START_TEST(test_chunks_resume_complete_once_and_read_back)
{
    char *asha = token_for(ASHA);
    size_t bytes = 2 * MIB + 777;
    unsigned char *photo = image_bytes(bytes, 1, false);
    char sha[65], ticket_id[48], photo_id[48], path[200];
    sha256_hex(photo, bytes, sha);
    declare(asha, "image/jpeg", bytes, sha, ticket_id, photo_id);
    upload_path(path, sizeof path, ticket_id, photo_id);

    cJSON *state = call("GET", path, NULL, asha, 200);
    ck_assert_str_eq(str(state, "photo_id"), photo_id);
    ck_assert_int_eq(num(state, "bytes"), (int64_t)bytes);
    ck_assert_int_eq(num(state, "received"), 0);
    ck_assert(cJSON_IsFalse(field(state, "complete")));
    cJSON_Delete(state);

    state = patch(path, asha, 0, photo, MIB, 200);
    ck_assert_int_eq(num(state, "received"), MIB);
    ck_assert(cJSON_IsFalse(field(state, "complete")));
    cJSON_Delete(state);
    /* Out of order: refused, nothing kept, told where to go on from. */
    cJSON *e = patch(path, asha, 5, photo + 5, 100, 409);
    ck_assert_str_eq(str(e, "code"), "offset_mismatch");
    ck_assert_int_eq(num(e, "received"), MIB);
    cJSON_Delete(e);
    /* Past the end. */
    e = patch(path, asha, MIB, photo, bytes, 400);
    ck_assert_str_eq(str(e, "code"), "invalid_argument");
    cJSON_Delete(e);
    /* No Upload-Offset, or not octets. */
    ck_assert_int_eq(request("PATCH", path, asha, -1, photo, 10, OCTETS, NULL, NULL), 400);
    ck_assert_int_eq(request("PATCH", path, asha, MIB, photo, 10, "application/json", NULL, NULL),
                     400);
    /* Someone else's (a member, the building's staff) cannot upload: 404, as for nothing. */
    char *vikram = token_for(VIKRAM), *kiran = token_for(KIRAN), *tom = token_for(TOM);
    cJSON_Delete(patch(path, vikram, MIB, photo + MIB, MIB, 404));
    cJSON_Delete(patch(path, kiran, MIB, photo + MIB, MIB, 404));
    ck_assert_int_eq(request("GET", path, vikram, -1, NULL, 0, NULL, NULL, NULL), 404);

    state = patch(path, asha, MIB, photo + MIB, MIB, 200);
    ck_assert_int_eq(num(state, "received"), 2 * MIB);
    cJSON_Delete(state);
    state = patch(path, asha, 2 * MIB, photo + 2 * MIB, 777, 200);
    ck_assert_int_eq(num(state, "received"), (int64_t)bytes);
    ck_assert(cJSON_IsTrue(field(state, "complete")));
    cJSON_Delete(state);
    /* Complete: any PATCH answers so and keeps nothing. */
    state = patch(path, asha, 0, photo, MIB, 200);
    ck_assert(cJSON_IsTrue(field(state, "complete")));
    ck_assert_int_eq(num(state, "received"), (int64_t)bytes);
    cJSON_Delete(state);

    /* Read back by the member and the building's staff; not by others. */
    char photo_path[200];
    snprintf(photo_path, sizeof photo_path, "/v1/tickets/%s/photos/%s", ticket_id, photo_id);
    const char *readers[2] = {asha, kiran};
    for (int i = 0; i < 2; i++) {
        char *got = NULL;
        size_t got_len = 0;
        ck_assert_int_eq(request("GET", photo_path, readers[i], -1, NULL, 0, NULL, &got, &got_len),
                         200);
        ck_assert_uint_eq(got_len, bytes);
        ck_assert(memcmp(got, photo, bytes) == 0);
        free(got);
    }
    ck_assert_int_eq(request("GET", photo_path, tom, -1, NULL, 0, NULL, NULL, NULL), 404);
    ck_assert_int_eq(request("GET", photo_path, vikram, -1, NULL, 0, NULL, NULL, NULL), 404);

    /* One photo entry, the photo uploaded, in the member's ticket. */
    cJSON *ticket = member_ticket(ASHA, ticket_id);
    int entries = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, field(ticket, "timeline"))
    {
        if (strcmp(str(entry, "type"), "photo") == 0) {
            entries++;
            ck_assert_str_eq(str(cJSON_GetObjectItem(entry, "author"), "role"), "member");
        }
    }
    ck_assert_int_eq(entries, 1);
    const cJSON *declared = cJSON_GetArrayItem(field(ticket, "photos"), 0);
    ck_assert(cJSON_IsTrue(field(declared, "uploaded")));
    cJSON_Delete(ticket);

    /* The counts: every PATCH that reached the handler and its bytes. */
    char stats_path[128];
    snprintf(stats_path, sizeof stats_path, "/v1/test/uploads?photo_id=%s", photo_id);
    cJSON *stats = call("GET", stats_path, NULL, NULL, 200);
    ck_assert(cJSON_IsTrue(field(stats, "complete")));
    ck_assert_int_eq(num(stats, "requests"), 6);
    ck_assert_int_eq(num(stats, "bytes_received_total"),
                     (int64_t)(MIB + 100 + bytes + MIB + 777 + MIB));
    cJSON_Delete(stats);
    check_error("GET", "/v1/test/uploads?photo_id=pho_none", NULL, NULL, 404, "not_found");

    free(photo);
    free(asha);
    free(vikram);
    free(kiran);
    free(tom);
}
END_TEST

START_TEST(test_completion_checks_sha256_and_type)
{
    char *asha = token_for(ASHA);
    size_t bytes = 300000;
    /* JPEG bytes declared as a PNG, with their true sha256. */
    unsigned char *photo = image_bytes(bytes, 2, false);
    char sha[65], ticket_id[48], photo_id[48], path[200];
    sha256_hex(photo, bytes, sha);
    declare(asha, "image/png", bytes, sha, ticket_id, photo_id);
    upload_path(path, sizeof path, ticket_id, photo_id);
    cJSON *e = patch(path, asha, 0, photo, bytes, 422);
    ck_assert_str_eq(str(e, "code"), "photo_corrupt");
    ck_assert_ptr_nonnull(strstr(str(e, "message"), "PNG"));
    cJSON_Delete(e);
    cJSON *state = call("GET", path, NULL, asha, 200);
    ck_assert_int_eq(num(state, "received"), 0);
    ck_assert(cJSON_IsFalse(field(state, "complete")));
    cJSON_Delete(state);
    char photo_path[200];
    snprintf(photo_path, sizeof photo_path, "/v1/tickets/%s/photos/%s", ticket_id, photo_id);
    ck_assert_int_eq(request("GET", photo_path, asha, -1, NULL, 0, NULL, NULL, NULL), 404);

    /* PNG bytes whose last chunk changed on the way: the sha256 does not match. */
    unsigned char *png = image_bytes(bytes, 3, true);
    sha256_hex(png, bytes, sha);
    declare(asha, "image/png", bytes, sha, ticket_id, photo_id);
    upload_path(path, sizeof path, ticket_id, photo_id);
    cJSON_Delete(patch(path, asha, 0, png, 1000, 200));
    png[bytes - 1] ^= 0x55;
    e = patch(path, asha, 1000, png + 1000, bytes - 1000, 422);
    ck_assert_ptr_nonnull(strstr(str(e, "message"), "arrived damaged"));
    cJSON_Delete(e);
    /* Sent again whole and right, it completes. */
    png[bytes - 1] ^= 0x55;
    state = patch(path, asha, 0, png, bytes, 200);
    ck_assert(cJSON_IsTrue(field(state, "complete")));
    cJSON_Delete(state);

    free(photo);
    free(png);
    free(asha);
}
END_TEST

START_TEST(test_upload_body_cap_is_16_mib)
{
    char *asha = token_for(ASHA);
    char ticket_id[48], photo_id[48], path[200];
    declare(asha, "image/jpeg", 10 * MIB,
            "0000000000000000000000000000000000000000000000000000000000000000", ticket_id,
            photo_id);
    upload_path(path, sizeof path, ticket_id, photo_id);
    size_t over = 16 * MIB + 1;
    unsigned char *big = calloc(1, over);
    ck_assert_ptr_nonnull(big);
    cJSON *e = patch(path, asha, 0, big, over, 413);
    ck_assert_str_eq(str(e, "code"), "payload_too_large");
    cJSON_Delete(e);
    /* 16 MiB itself reaches the handler (here: past the photo's 10 MiB). */
    e = patch(path, asha, 0, big, 16 * MIB, 400);
    ck_assert_str_eq(str(e, "code"), "invalid_argument");
    cJSON_Delete(e);
    /* Other routes keep their 64 KiB. */
    ck_assert_int_eq(
        request("POST", "/v1/sync/push", asha, -1, big, 65 * 1024, "application/json", NULL, NULL),
        413);
    free(big);
    free(asha);
}
END_TEST

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("stub_uploads");
    TCase *tc = tcase_create("uploads");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_chunks_resume_complete_once_and_read_back);
    tcase_add_test(tc, test_completion_checks_sha256_and_type);
    tcase_add_test(tc, test_upload_body_cap_is_16_mib);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
