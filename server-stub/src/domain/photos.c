/* domain/photos.c - ticket photos' bytes: the resumable upload (chunks kept as they come),
 * the completion check (sha256 and image type), the photo's timeline entry, reading it back. */
#include "domain/photos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "db/db.h"
#include "domain/tickets.h"

int ms_photo_load(sqlite3 *db, const char *ticket_id, const char *photo_id, ms_photo *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT p.id, p.ticket_id, t.user_id, t.building_id, "
                                     "p.content_type, p.sha256, p.bytes, p.received, p.complete "
                                     "FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id "
                                     "WHERE p.id = ? AND p.ticket_id = ?",
                                     "tt", photo_id, ticket_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->ticket_id, sizeof out->ticket_id);
        ms_db_text(stmt, 2, out->user_id, sizeof out->user_id);
        ms_db_text(stmt, 3, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 4, out->content_type, sizeof out->content_type);
        ms_db_text(stmt, 5, out->sha256, sizeof out->sha256);
        out->bytes = sqlite3_column_int64(stmt, 6);
        out->received = sqlite3_column_int64(stmt, 7);
        out->complete = sqlite3_column_int(stmt, 8) != 0;
    }
    sqlite3_finalize(stmt);
    return rc;
}

int ms_photo_staff_of(sqlite3 *db, const char *user_id, const char *building_id)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT 1 FROM staff_buildings WHERE user_id = ? AND building_id = ?", "tt",
                    user_id, building_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_photo_bytes(sqlite3 *db, const ms_photo *p, uint8_t **out)
{
    *out = NULL;
    uint8_t *all = malloc(p->bytes > 0 ? (size_t)p->bytes : 1);
    sqlite3_stmt *stmt =
        all ? ms_db_query(db,
                          "SELECT offset, data FROM ticket_photo_chunks WHERE photo_id = ? "
                          "ORDER BY offset",
                          "t", p->id)
            : NULL;
    if (!stmt) {
        free(all);
        return -1;
    }
    int64_t filled = 0;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1) {
        int64_t offset = sqlite3_column_int64(stmt, 0);
        const void *data = sqlite3_column_blob(stmt, 1);
        int64_t len = sqlite3_column_bytes(stmt, 1);
        if (offset != filled || len > p->bytes - filled) {
            ms_log("photo %s: its chunks do not tile it (offset %lld)", p->id, (long long)offset);
            rc = -1;
            break;
        }
        memcpy(all + filled, data, (size_t)len);
        filled += len;
    }
    sqlite3_finalize(stmt);
    if (rc != 0 || filled != p->bytes) {
        free(all);
        return -1;
    }
    *out = all;
    return 0;
}

/* The bytes are an image of content_type by their first bytes (JPEG: SOI and a marker;
 * PNG: the signature and the IHDR chunk). Pure. */
static bool image_of_type(const uint8_t *b, int64_t n, const char *content_type)
{
    static const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (strcmp(content_type, "image/jpeg") == 0)
        return n >= 4 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff;
    if (strcmp(content_type, "image/png") == 0)
        return n >= 16 && memcmp(b, png, sizeof png) == 0 && memcmp(b + 12, "IHDR", 4) == 0;
    return false;
}

/* The assembled photo matches its declaration: NULL, or why not. */
static const char *check_whole(sqlite3 *db, const ms_photo *p, int *failed)
{
    uint8_t *all = NULL;
    *failed = 0;
    if (ms_photo_bytes(db, p, &all) != 0) {
        *failed = 1;
        return NULL;
    }
    uint8_t digest[MS_SHA256_LEN];
    char hex[2 * MS_SHA256_LEN + 1];
    const char *why = NULL;
    if (ms_sha256(all, (size_t)p->bytes, digest) != 0) {
        *failed = 1;
    } else {
        ms_hex(digest, sizeof digest, hex);
        if (strcmp(hex, p->sha256) != 0)
            why = "the photo arrived damaged: its bytes are not the ones attached (the copy on "
                  "the device changed); attach it again in a comment";
        else if (!image_of_type(all, p->bytes, p->content_type))
            why = strcmp(p->content_type, "image/png") == 0
                      ? "the bytes received are not a PNG image, as the photo was declared"
                      : "the bytes received are not a JPEG image, as the photo was declared";
    }
    free(all);
    return why;
}

/* The photo's timeline entry by the ticket's member (once per photo: the entry's photo_id is
 * unique) and the ticket change-logged for its member, so the next pull shows it uploaded. */
static int record_uploaded(sqlite3 *db, ms_rng *rng, const ms_photo *p, int64_t now_ms)
{
    ms_ticket_entry entry = {
        .ticket_id = p->ticket_id,
        .type = "photo",
        .author = {.role = MS_ACTOR_MEMBER, .user_id = p->user_id},
        .photo_id = p->id,
        .at_ms = now_ms,
    };
    if (ms_ticket_entry_add(db, rng, &entry) != 0)
        return -1;
    return ms_ticket_changed(db, p->ticket_id, now_ms, false);
}

ms_patch_outcome ms_photo_patch(sqlite3 *db, ms_rng *rng, ms_photo *p, int64_t offset,
                                const void *data, size_t len, int64_t now_ms, char *why,
                                size_t why_cap)
{
    why[0] = '\0';
    if (ms_db_run(db,
                  "UPDATE ticket_photos SET requests = requests + 1, "
                  "bytes_received_total = bytes_received_total + ? WHERE id = ?",
                  "it", (int64_t)len, p->id) != 0)
        return MS_PATCH_ERROR;
    if (p->complete)
        return MS_PATCH_COMPLETE;
    if (offset != p->received)
        return MS_PATCH_MISMATCH;
    if ((int64_t)len > p->bytes - offset)
        return MS_PATCH_TOO_LONG;
    if (len == 0)
        return MS_PATCH_KEPT;
    if (ms_db_run(db, "INSERT INTO ticket_photo_chunks (photo_id, offset, data) VALUES (?, ?, ?)",
                  "tib", p->id, offset, data, len) != 0 ||
        ms_db_run(db, "UPDATE ticket_photos SET received = ? WHERE id = ?", "it",
                  offset + (int64_t)len, p->id) != 0)
        return MS_PATCH_ERROR;
    p->received = offset + (int64_t)len;
    if (p->received < p->bytes)
        return MS_PATCH_KEPT;

    int failed;
    const char *bad = check_whole(db, p, &failed);
    if (failed)
        return MS_PATCH_ERROR;
    if (bad) {
        snprintf(why, why_cap, "%s", bad);
        if (ms_db_run(db, "DELETE FROM ticket_photo_chunks WHERE photo_id = ?", "t", p->id) != 0 ||
            ms_db_run(db, "UPDATE ticket_photos SET received = 0 WHERE id = ?", "t", p->id) != 0)
            return MS_PATCH_ERROR;
        p->received = 0;
        return MS_PATCH_CORRUPT;
    }
    if (ms_db_run(db, "UPDATE ticket_photos SET complete = 1, uploaded_at_ms = ? WHERE id = ?",
                  "it", now_ms, p->id) != 0 ||
        record_uploaded(db, rng, p, now_ms) != 0)
        return MS_PATCH_ERROR;
    p->complete = true;
    return MS_PATCH_COMPLETE;
}

cJSON *ms_photo_state_json(const ms_photo *p)
{
    cJSON *o = cJSON_CreateObject();
    if (o && cJSON_AddStringToObject(o, "photo_id", p->id) &&
        cJSON_AddNumberToObject(o, "bytes", (double)p->bytes) &&
        cJSON_AddNumberToObject(o, "received", (double)p->received) &&
        cJSON_AddBoolToObject(o, "complete", p->complete))
        return o;
    cJSON_Delete(o);
    return NULL;
}

int ms_photo_stats_json(sqlite3 *db, const char *photo_id, cJSON **out)
{
    *out = NULL;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, ticket_id, bytes, received, complete, "
                                     "bytes_received_total, requests, uploaded_at_ms "
                                     "FROM ticket_photos WHERE id = ?",
                                     "t", photo_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        cJSON *o = cJSON_CreateObject();
        bool ok =
            o &&
            cJSON_AddStringToObject(o, "photo_id", (const char *)sqlite3_column_text(stmt, 0)) &&
            cJSON_AddStringToObject(o, "ticket_id", (const char *)sqlite3_column_text(stmt, 1)) &&
            cJSON_AddNumberToObject(o, "bytes", (double)sqlite3_column_int64(stmt, 2)) &&
            cJSON_AddNumberToObject(o, "received", (double)sqlite3_column_int64(stmt, 3)) &&
            cJSON_AddBoolToObject(o, "complete", sqlite3_column_int(stmt, 4) != 0) &&
            cJSON_AddNumberToObject(o, "bytes_received_total",
                                    (double)sqlite3_column_int64(stmt, 5)) &&
            cJSON_AddNumberToObject(o, "requests", (double)sqlite3_column_int64(stmt, 6)) &&
            (sqlite3_column_type(stmt, 7) == SQLITE_NULL
                 ? cJSON_AddNullToObject(o, "uploaded_at_ms") != NULL
                 : cJSON_AddNumberToObject(o, "uploaded_at_ms",
                                           (double)sqlite3_column_int64(stmt, 7)) != NULL);
        if (ok) {
            *out = o;
        } else {
            cJSON_Delete(o);
            rc = -1;
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}
