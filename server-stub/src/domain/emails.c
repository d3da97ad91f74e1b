/* domain/emails.c - the simulated email gateway: every message is stored, for /v1/test/emails. */
#include "domain/emails.h"

#include <stdbool.h>

#include "db/db.h"

int ms_email_send(sqlite3 *db, const char *to, const char *subject, const char *body,
                  const char *credential_id, int64_t valid_from_ms, int64_t valid_until_ms,
                  const char *payload, int64_t now_ms)
{
    if (!credential_id)
        return ms_db_run(db,
                         "INSERT INTO emails (to_addr, subject, body, sent_at_ms)"
                         " VALUES (?, ?, ?, ?)",
                         "ttti", to, subject, body, now_ms);
    return ms_db_run(db,
                     "INSERT INTO emails (to_addr, subject, body, credential_id, valid_from_ms,"
                     " valid_until_ms, payload, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?,"
                     " nullif(?, ''), ?)",
                     "ttttiiti", to, subject, body, credential_id, valid_from_ms, valid_until_ms,
                     payload ? payload : "", now_ms);
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
    return o;
}

cJSON *ms_emails_json(sqlite3 *db, const char *to)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT to_addr, subject, body, credential_id, valid_from_ms,"
                                     " valid_until_ms, sent_at_ms, payload FROM emails"
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
