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
    ck_assert_int_ge(bytes, 8);
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
            static const unsigned char head[] = {0xff, 0xd8, 0xff, 0xe0};
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

/*
 * Until mc_ticket_file exists (helper `core`, issue 11), the ticket is seeded: the server's
 * rows straight into the stub's database, the client's upload rows (the photo copied beside
 * the store) into its store with no outbox row, i.e. as if ticket.create was applied and
 * confirmed. Replaced by mc_ticket_file once it lands.
 */
void upload_file_ticket(mc_client *client, const stub_process *stub, const char *data_dir,
                        const char *const *paths, int count, upload_ticket *out)
{
    (void)client;
    ck_assert_int_le(count, 5);
    memset(out, 0, sizeof *out);
    random_id("tkt_", out->id);
    out->photo_count = count;
    char path[4096];
    snprintf(path, sizeof path, "%s/membercore.db", data_dir);
    sqlite3 *local = NULL;
    ck_assert_int_eq(sqlite3_open(path, &local), SQLITE_OK);
    sqlite3_busy_timeout(local, 10000);
    snprintf(path, sizeof path, "%s/stub.db", stub_dir(stub));
    sqlite3 *server = NULL;
    ck_assert_int_eq(sqlite3_open(path, &server), SQLITE_OK);
    sqlite3_busy_timeout(server, 10000);

    char user_id[64] = "";
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(local, "SELECT user_id FROM account", -1, &stmt, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    snprintf(user_id, sizeof user_id, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);

    char sql[8192];
    snprintf(sql, sizeof sql,
             "INSERT INTO tickets (id, number, user_id, building_id, category_id, priority, "
             "description, status, created_at_ms, updated_at_ms, response_due_ms, "
             "resolution_due_ms, at_risk_from_ms) VALUES ('%s', 'T-9%s', '%s', 'BLR-1', "
             "'cleaning.washroom', 'high', 'Washroom tap leaking', 'open', 1, 1, 2, 3, 2)",
             out->id, out->id + 20, user_id);
    exec_sql(server, sql);
    snprintf(path, sizeof path, "%s/membercore.db-photos", data_dir);
    char mkdir_cmd[4200];
    snprintf(mkdir_cmd, sizeof mkdir_cmd, "mkdir -p '%s'", path);
    ck_assert_int_eq(system(mkdir_cmd), 0);
    for (int i = 0; i < count; i++) {
        char sha[65];
        upload_file_sha256(paths[i], sha);
        FILE *f = fopen(paths[i], "rb");
        ck_assert_ptr_nonnull(f);
        fseek(f, 0, SEEK_END);
        long bytes = ftell(f);
        fclose(f);
        random_id("pho_", out->photo_ids[i]);
        char copy[4200];
        snprintf(copy, sizeof copy, "%s/%s.jpg", path, out->photo_ids[i]);
        copy_file(paths[i], copy);
        snprintf(sql, sizeof sql,
                 "INSERT INTO ticket_photos (id, ticket_id, content_type, bytes, sha256) "
                 "VALUES ('%s', '%s', 'image/jpeg', %ld, '%s')",
                 out->photo_ids[i], out->id, bytes, sha);
        exec_sql(server, sql);
        snprintf(sql, sizeof sql,
                 "INSERT INTO upload (id, entity_id, mutation_id, remote_path, local_path, "
                 "content_type, bytes, sha256, created_at_ms) VALUES ('%s', '%s', 0, "
                 "'/v1/tickets/%s/photos/%s/upload', '%s', 'image/jpeg', %ld, '%s', %d)",
                 out->photo_ids[i], out->id, out->id, out->photo_ids[i], copy, bytes, sha, i);
        exec_sql(local, sql);
    }
    sqlite3_close(server);
    sqlite3_close(local);
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
    char path[4096];
    snprintf(path, sizeof path, "%s/membercore.db", data_dir);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
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
