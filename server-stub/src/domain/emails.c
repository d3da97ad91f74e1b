/* domain/emails.c - the simulated email gateway: every message is stored, for /v1/test/emails. */
#include "domain/emails.h"

#include <stdbool.h>
#include <stdlib.h>

#include "base/crypto.h"
#include "db/db.h"
#include "rules/qr_png.h"

int ms_email_send(sqlite3 *db, const char *to, const char *subject, const char *body,
                  const char *credential_id, int64_t valid_from_ms, int64_t valid_until_ms,
                  const char *payload, int64_t now_ms)
{
    if (!credential_id)
        return ms_db_run(db,
                         "INSERT INTO emails (to_addr, subject, body, sent_at_ms)"
                         " VALUES (?, ?, ?, ?)",
                         "ttti", to, subject, body, now_ms);
    uint8_t *png = NULL;
    size_t png_len = 0;
    if (payload && ms_qr_png(payload, &png, &png_len) != 0)
        return -1;
    int rc = ms_db_run(db,
                       "INSERT INTO emails (to_addr, subject, body, credential_id, valid_from_ms,"
                       " valid_until_ms, payload, qr_png, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?,"
                       " nullif(?, ''), nullif(?, x''), ?)",
                       "ttttiitbi", to, subject, body, credential_id, valid_from_ms, valid_until_ms,
                       payload ? payload : "", (const void *)(png ? png : (uint8_t *)""), png_len,
                       now_ms);
    free(png);
    return rc;
}

/* The email's attachments: [] or the QR code image, base64. NULL when memory runs out. */
static cJSON *attachments(const void *png, size_t len)
{
    cJSON *list = cJSON_CreateArray();
    if (!list || !png || len == 0)
        return list;
    size_t cap = 4 * ((len + 2) / 3) + 1;
    char *text = malloc(cap);
    cJSON *a = cJSON_CreateObject();
    bool ok = text && a && ms_base64(png, len, text, cap) == 0 &&
              cJSON_AddStringToObject(a, "filename", MS_EMAIL_QR_FILENAME) &&
              cJSON_AddStringToObject(a, "content_type", "image/png") &&
              cJSON_AddStringToObject(a, "content_base64", text) && cJSON_AddItemToArray(list, a);
    free(text);
    if (!ok) {
        cJSON_Delete(a);
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}

/* The current row as an email object; NULL when memory runs out. */
static cJSON *email_object(sqlite3_stmt *stmt)
{
    static const char *const names[] = {
        "to",         "subject", "body", "credential_id", "valid_from_ms", "valid_until_ms",
        "sent_at_ms", "payload"};
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < 8; i++) {
        cJSON *item;
        if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
            item = cJSON_CreateNull();
        else if (i < 4 || i == 7)
            item = cJSON_CreateString((const char *)sqlite3_column_text(stmt, i));
        else
            item = cJSON_CreateNumber((double)sqlite3_column_int64(stmt, i));
        if (!item || !cJSON_AddItemToObject(o, names[i], item)) {
            cJSON_Delete(item);
            cJSON_Delete(o);
            return NULL;
        }
    }
    cJSON *files =
        o ? attachments(sqlite3_column_blob(stmt, 8), (size_t)sqlite3_column_bytes(stmt, 8)) : NULL;
    if (o && (!files || !cJSON_AddItemToObject(o, "attachments", files))) {
        cJSON_Delete(files);
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *ms_emails_json(sqlite3 *db, const char *to)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT to_addr, subject, body, credential_id, valid_from_ms,"
                                     " valid_until_ms, sent_at_ms, payload, qr_png FROM emails"
                                     " WHERE ?1 IS NULL OR to_addr = ?1 COLLATE NOCASE ORDER BY id",
                                     "t", to);
    cJSON *list = cJSON_CreateArray();
    bool ok = stmt && list;
    int rc = 0;
    while (ok && (rc = ms_db_step(stmt)) == 1) {
        cJSON *o = email_object(stmt);
        ok = o && cJSON_AddItemToArray(list, o);
        if (!ok)
            cJSON_Delete(o);
    }
    sqlite3_finalize(stmt);
    if (!ok || rc < 0) {
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}
