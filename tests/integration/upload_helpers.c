/*
 * tests/integration/upload_helpers.c - what the photo upload tests and the upload benchmark
 * share: image files made on disk with their sha256, filing a ticket with photos, the
 * server's view of one upload, and the client's upload rows.
 */
#include "upload_helpers.h"

#include <cJSON.h>
#include <check.h>
#include <mbedtls/md.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (64 * 1024)

/* SHA-256 through the generic md layer (the same calls in mbedTLS 2.28 and 3.x). */
static void sha_start(mbedtls_md_context_t *md)
{
    mbedtls_md_init(md);
    ck_assert_int_eq(mbedtls_md_setup(md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0), 0);
    ck_assert_int_eq(mbedtls_md_starts(md), 0);
}

static void hex_of(const unsigned char digest[32], char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

void upload_make_jpeg(const char *path, int64_t bytes, uint32_t seed, char sha_hex[65])
{
    ck_assert_int_ge(bytes, 64);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    static unsigned char block[BLOCK];
    mbedtls_md_context_t sha;
    sha_start(&sha);
    uint32_t x = seed * 2654435761u + 1;
    for (int64_t at = 0; at < bytes; at += BLOCK) {
        size_t n = bytes - at < BLOCK ? (size_t)(bytes - at) : BLOCK;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13; /* xorshift32: cheap bytes that do not compress */
            x ^= x >> 17;
            x ^= x << 5;
            block[i] = (unsigned char)x;
        }
        if (at == 0) {
            /* SOI, a JFIF APP0 segment and a baseline frame header (16 x 16, 3 components):
             * what the library and the server sniff. */
            static const unsigned char head[] = {
                0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00, 0x01, 0x01,
                0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00,
                0x10, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01};
            memcpy(block, head, sizeof head);
        }
        if (at + (int64_t)n == bytes) {
            block[n - 2] = 0xff;
            block[n - 1] = 0xd9;
        }
        ck_assert_uint_eq(fwrite(block, 1, n, f), n);
        ck_assert_int_eq(mbedtls_md_update(&sha, block, n), 0);
    }
    ck_assert_int_eq(fclose(f), 0);
    unsigned char digest[32];
    ck_assert_int_eq(mbedtls_md_finish(&sha, digest), 0);
    mbedtls_md_free(&sha);
    hex_of(digest, sha_hex);
}

void upload_file_sha256(const char *path, char sha_hex[65])
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static unsigned char block[BLOCK];
    mbedtls_md_context_t sha;
    sha_start(&sha);
    size_t n;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        ck_assert_int_eq(mbedtls_md_update(&sha, block, n), 0);
    fclose(f);
    unsigned char digest[32];
    ck_assert_int_eq(mbedtls_md_finish(&sha, digest), 0);
    mbedtls_md_free(&sha);
    hex_of(digest, sha_hex);
}

static void random_id(const char *prefix, char out[UPLOAD_ID_MAX])
{
    static unsigned counter;
    unsigned a = (unsigned)rand(), b = (unsigned)time(NULL), c = ++counter, d = (unsigned)getpid();
    snprintf(out, UPLOAD_ID_MAX, "%s%08x%08x%08x%08x", prefix, a, b, c, d);
}

sqlite3 *upload_open_db(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    sqlite3 *db = NULL;
    ck_assert_msg(sqlite3_open(path, &db) == SQLITE_OK, "cannot open %s", path);
    sqlite3_busy_timeout(db, 10000);
    return db;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, message ? message : "?");
}

/* Copy src to dst 64 KiB at a time. */
static void copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    ck_assert(in && out);
    static unsigned char block[BLOCK];
    size_t n;
    while ((n = fread(block, 1, sizeof block, in)) > 0)
        ck_assert_uint_eq(fwrite(block, 1, n, out), n);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

/* The ticket.create payload for ticket_id with n photos (ids, sha256s, sizes); malloc'd. */
static char *create_payload(const char *ticket_id, const char *category_id, int n,
                            char ids[][UPLOAD_ID_MAX], char shas[][65], const long *sizes)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "ticket_id", ticket_id);
    cJSON_AddStringToObject(o, "building_id", "BLR-1");
    cJSON_AddStringToObject(o, "category_id", category_id);
    cJSON_AddStringToObject(o, "priority", "high");
    cJSON_AddStringToObject(o, "description", "Washroom tap leaking");
    cJSON_AddNullToObject(o, "location");
    cJSON *photos = cJSON_AddArrayToObject(o, "photos");
    for (int i = 0; i < n; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "photo_id", ids[i]);
        cJSON_AddStringToObject(p, "content_type", "image/jpeg");
        cJSON_AddNumberToObject(p, "bytes", (double)sizes[i]);
        cJSON_AddStringToObject(p, "sha256", shas[i]);
        cJSON_AddItemToArray(photos, p);
    }
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    ck_assert_ptr_nonnull(text);
    return text;
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fclose(f);
    return bytes;
}

/*
 * Filing as mc_ticket_file does it, in SQL on the client's store: the photos copied beside the
 * store, one ticket.create outbox row declaring them and one upload row each naming it, in one
 * transaction. For a ticket the device itself would refuse (a category it does not know) but
 * the server must: the sync pushes it, then handles its uploads.
 */
void upload_file_ticket_in(const char *data_dir, const char *category_id, const char *const *paths,
                           int count, upload_ticket *out)
{
    ck_assert_int_le(count, 5);
    memset(out, 0, sizeof *out);
    random_id("tkt_", out->id);
    out->photo_count = count;
    char shas[5][65], copies[5][1024];
    long sizes[5];
    char photos_dir[900];
    snprintf(photos_dir, sizeof photos_dir, "%s/membercore.db-photos", data_dir);
    mkdir(photos_dir, 0700);
    for (int i = 0; i < count; i++) {
        random_id("pho_", out->photo_ids[i]);
        upload_file_sha256(paths[i], shas[i]);
        sizes[i] = file_size(paths[i]);
        snprintf(copies[i], sizeof copies[i], "%s/%s.jpg", photos_dir, out->photo_ids[i]);
        copy_file(paths[i], copies[i]);
    }
    char *payload = create_payload(out->id, category_id, count, out->photo_ids, shas, sizes);

    sqlite3 *db = upload_open_db(data_dir, "membercore.db");
    exec_sql(db, "BEGIN IMMEDIATE");
    char key[UPLOAD_ID_MAX];
    random_id("key_", key);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "INSERT INTO outbox (user_id, idempotency_key, kind, "
                                        "entity_id, payload, created_at_ms) SELECT user_id, ?1, "
                                        "'ticket.create', ?2, ?3, 0 FROM account",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, out->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, payload, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    ck_assert_int_eq(sqlite3_changes(db), 1);
    long long mutation_id = (long long)sqlite3_last_insert_rowid(db);
    for (int i = 0; i < count; i++) {
        char sql[8192];
        snprintf(sql, sizeof sql,
                 "INSERT INTO upload (id, entity_id, mutation_id, remote_path, local_path, "
                 "content_type, bytes, sha256, created_at_ms) VALUES ('%s', '%s', %lld, "
                 "'/v1/tickets/%s/photos/%s/upload', '%s', 'image/jpeg', %ld, '%s', %d)",
                 out->photo_ids[i], out->id, mutation_id, out->id, out->photo_ids[i], copies[i],
                 sizes[i], shas[i], i);
        exec_sql(db, sql);
    }
    exec_sql(db, "COMMIT");
    sqlite3_close(db);
    cJSON_free(payload);
}

void upload_file_ticket(mc_client *client, const char *data_dir, const char *const *paths,
                        int count, upload_ticket *out)
{
    memset(out, 0, sizeof *out);
    mc_ticket_draft draft = {
        .category_id = "cleaning.washroom",
        .priority = MC_TICKET_PRIORITY_HIGH,
        .description = "Washroom tap leaking",
        .photo_paths = paths,
        .photo_count = (size_t)count,
    };
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_file(client, &draft, out->id, sizeof out->id, &err) == MC_OK,
                  "mc_ticket_file: %s", err.message);
    /* The photos' ids, in the order given: the upload rows' insertion order. */
    sqlite3 *db = upload_open_db(data_dir, "membercore.db");
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT id FROM upload WHERE entity_id = ? ORDER BY rowid",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, out->id, -1, SQLITE_STATIC);
    while (sqlite3_step(stmt) == SQLITE_ROW && out->photo_count < 5)
        snprintf(out->photo_ids[out->photo_count++], UPLOAD_ID_MAX, "%s",
                 (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    ck_assert_int_eq(out->photo_count, count);
}

void upload_declare_raw(const stub_process *stub, const char *token, const char *path,
                        upload_ticket *out)
{
    memset(out, 0, sizeof *out);
    random_id("tkt_", out->id);
    random_id("pho_", out->photo_ids[0]);
    out->photo_count = 1;
    char shas[1][65];
    long sizes[1] = {file_size(path)};
    upload_file_sha256(path, shas[0]);
    char *payload = create_payload(out->id, "cleaning.washroom", 1, out->photo_ids, shas, sizes);
    char key[UPLOAD_ID_MAX];
    random_id("key_", key);
    static int mutation_id;
    size_t cap = strlen(payload) + 512;
    char *body = malloc(cap);
    ck_assert_ptr_nonnull(body);
    snprintf(body, cap,
             "{\"client_id\":\"00000000-0000-4000-8000-0000000000aa\",\"mutations\":[{"
             "\"mutation_id\":%d,\"idempotency_key\":\"%s\",\"kind\":\"ticket.create\","
             "\"entity_id\":\"%s\",\"payload\":%s}]}",
             ++mutation_id, key, out->id, payload);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/sync/push", body, token, &answer), 200);
    ck_assert_msg(strstr(answer, "\"applied\"") != NULL, "ticket.create: %s", answer);
    free(answer);
    free(body);
    cJSON_free(payload);
}

bool upload_server_stats(const stub_process *stub, const char *photo_id, upload_stats *out)
{
    char path[200], *body = NULL;
    snprintf(path, sizeof path, "/v1/test/uploads?photo_id=%s", photo_id);
    int status = stub_request(stub, "GET", path, NULL, NULL, &body);
    memset(out, 0, sizeof *out);
    cJSON *json = status == 200 ? cJSON_Parse(body) : NULL;
    free(body);
    if (!json)
        return false;
    out->bytes = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(json, "bytes"));
    out->received = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(json, "received"));
    out->bytes_received_total =
        (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(json, "bytes_received_total"));
    out->requests = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(json, "requests"));
    out->complete = cJSON_IsTrue(cJSON_GetObjectItem(json, "complete"));
    cJSON_Delete(json);
    return true;
}

bool upload_server_photo_sha256(const stub_process *stub, const char *token, const char *ticket_id,
                                const char *photo_id, char sha_hex[65])
{
    char url[300];
    snprintf(url, sizeof url, "/v1/tickets/%s/photos/%s", ticket_id, photo_id);
    /* stub_request's body is NUL-terminated text; the photo is binary: curl writes it to a
     * file instead. */
    char tmp[] = "/tmp/upload_photo_XXXXXX";
    int fd = mkstemp(tmp);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "curl -s -o '%s' -w '%%{http_code}' -H 'Authorization: Bearer %s' '%s%s'", tmp, token,
             stub_url(stub), url);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char code[8] = "";
    ck_assert_ptr_nonnull(fgets(code, sizeof code, p));
    pclose(p);
    bool ok = strcmp(code, "200") == 0;
    if (ok)
        upload_file_sha256(tmp, sha_hex);
    unlink(tmp);
    return ok;
}

void upload_local_row(const char *data_dir, const char *photo_id, char state[16],
                      int64_t *sent_bytes, char local_path[4096])
{
    sqlite3 *db = upload_open_db(data_dir, "membercore.db");
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT state, sent_bytes, local_path FROM upload "
                                        "WHERE id = ?",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, photo_id, -1, SQLITE_STATIC);
    state[0] = '\0';
    *sent_bytes = 0;
    local_path[0] = '\0';
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        snprintf(state, 16, "%s", (const char *)sqlite3_column_text(stmt, 0));
        *sent_bytes = sqlite3_column_int64(stmt, 1);
        snprintf(local_path, 4096, "%s", (const char *)sqlite3_column_text(stmt, 2));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}
