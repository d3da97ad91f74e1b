/* domain/sessions.c - session tokens: issue, check and revoke; only their SHA-256 is stored. */
#include "domain/sessions.h"

#include <string.h>

#include "db/db.h"
#include "domain/users.h"

static int token_hash(const char *token, uint8_t out[MS_SHA256_LEN])
{
    return ms_sha256(token, strlen(token), out);
}

int ms_session_issue(sqlite3 *db, ms_rng *rng, const char *user_id, int64_t now_ms,
                     char token[MS_TOKEN_MAX], int64_t *expires_at_ms)
{
    uint8_t raw[32]; /* 256 bits */
    uint8_t hash[MS_SHA256_LEN];
    memcpy(token, "mcs_", 4);
    if (ms_rng_bytes(rng, raw, sizeof raw) != 0 ||
        ms_base64url(raw, sizeof raw, token + 4, MS_TOKEN_MAX - 4) != 0 ||
        token_hash(token, hash) != 0)
        return -1;
    *expires_at_ms = now_ms + MS_SESSION_TTL_MS;
    return ms_db_run(db,
                     "INSERT INTO sessions (token_sha256, user_id, issued_at_ms, expires_at_ms)"
                     " VALUES (?, ?, ?, ?)",
                     "btii", (const void *)hash, sizeof hash, user_id, now_ms, *expires_at_ms);
}

ms_session_status ms_session_check(sqlite3 *db, const char *token, int64_t now_ms, char *user_id)
{
    uint8_t hash[MS_SHA256_LEN];
    if (token_hash(token, hash) != 0)
        return MS_SESSION_ERROR;
    sqlite3_stmt *stmt = ms_db_query(
        db, "SELECT user_id, expires_at_ms, revoked_at_ms FROM sessions WHERE token_sha256 = ?",
        "b", (const void *)hash, sizeof hash);
    if (!stmt)
        return MS_SESSION_ERROR;
    ms_session_status status;
    int rc = ms_db_step(stmt);
    if (rc < 0)
        status = MS_SESSION_ERROR;
    else if (rc == 0)
        status = MS_SESSION_UNKNOWN;
    else if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
        status = MS_SESSION_REVOKED;
    else if (now_ms >= sqlite3_column_int64(stmt, 1))
        status = MS_SESSION_EXPIRED;
    else {
        status = MS_SESSION_VALID;
        ms_db_text(stmt, 0, user_id, MS_ID_MAX);
    }
    sqlite3_finalize(stmt);
    return status;
}

int ms_session_revoke(sqlite3 *db, const char *token, int64_t now_ms)
{
    uint8_t hash[MS_SHA256_LEN];
    if (token_hash(token, hash) != 0)
        return -1;
    return ms_db_run(db,
                     "UPDATE sessions SET revoked_at_ms = ?"
                     " WHERE token_sha256 = ? AND revoked_at_ms IS NULL",
                     "ib", now_ms, (const void *)hash, sizeof hash);
}
