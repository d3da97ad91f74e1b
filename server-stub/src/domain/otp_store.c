/* domain/otp_store.c - OTP rows in the database (keyed hashes only) and the simulated SMS outbox.
 */
#include "domain/otp_store.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"

int ms_otp_hash(const uint8_t key[MS_KEY_LEN], const char *phone, const char *code,
                uint8_t out[MS_SHA256_LEN])
{
    /* Binding the phone means a hash is worthless for any other number. */
    char message[64];
    int n = snprintf(message, sizeof message, "%s|%s", phone, code);
    if (n < 0 || (size_t)n >= sizeof message)
        return -1;
    int rc = ms_hmac_sha256(key, MS_KEY_LEN, message, (size_t)n, out);
    memset(message, 0, sizeof message);
    return rc;
}

int ms_otp_load(sqlite3 *db, const char *phone, ms_otp_state *state, uint8_t hash[MS_SHA256_LEN])
{
    memset(state, 0, sizeof *state);
    memset(hash, 0, MS_SHA256_LEN);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT code_hmac, issued_at_ms, attempts, consumed_at_ms"
                                     " FROM otps WHERE phone = ?",
                                     "t", phone);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1 && sqlite3_column_bytes(stmt, 0) == MS_SHA256_LEN) {
        state->present = true;
        memcpy(hash, sqlite3_column_blob(stmt, 0), MS_SHA256_LEN);
        state->issued_at_ms = sqlite3_column_int64(stmt, 1);
        state->attempts = sqlite3_column_int(stmt, 2);
        state->consumed = sqlite3_column_type(stmt, 3) != SQLITE_NULL;
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_otp_recent_issues(sqlite3 *db, const char *phone, int64_t now_ms, int64_t *out, size_t cap,
                         size_t *n)
{
    *n = 0;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT issued_at_ms FROM otp_issues"
                                     " WHERE phone = ? AND issued_at_ms > ?"
                                     " ORDER BY issued_at_ms DESC LIMIT ?",
                                     "tii", phone, now_ms - MS_OTP_WINDOW_MS, (int64_t)cap);
    if (!stmt)
        return -1;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1 && *n < cap)
        out[(*n)++] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* What the outbox keeps of a code that is not to be read back. */
#define MASKED_CODE "******"

int ms_otp_issue(sqlite3 *db, const uint8_t key[MS_KEY_LEN], const char *phone, const char *code,
                 const char *address, bool keep_code, int64_t now_ms)
{
    uint8_t hash[MS_SHA256_LEN];
    char body[MS_SMS_MAX];
    if (ms_otp_hash(key, phone, code, hash) != 0)
        return -1;
    snprintf(body, sizeof body,
             "%s is your membercore sign-in code. It expires in 5 minutes. Never share it.",
             keep_code ? code : MASKED_CODE);
    int rc = ms_db_run(db,
                       "INSERT INTO otps (phone, code_hmac, issued_at_ms, attempts, consumed_at_ms)"
                       " VALUES (?, ?, ?, 0, NULL)"
                       " ON CONFLICT (phone) DO UPDATE SET code_hmac = excluded.code_hmac,"
                       " issued_at_ms = excluded.issued_at_ms, attempts = 0,"
                       " consumed_at_ms = NULL",
                       "tbi", phone, (const void *)hash, sizeof hash, now_ms);
    if (rc == 0)
        rc = ms_db_run(db, "INSERT INTO otp_issues (phone, issued_at_ms) VALUES (?, ?)", "ti",
                       phone, now_ms);
    if (rc == 0)
        rc = ms_db_run(db, "INSERT INTO temp.otp_requests (address, issued_at_ms) VALUES (?, ?)",
                       "ti", address, now_ms);
    if (rc == 0)
        rc = ms_db_run(db, "INSERT INTO sms_outbox (phone, body, sent_at_ms) VALUES (?, ?, ?)",
                       "tti", phone, body, now_ms);
    memset(body, 0, sizeof body);
    return rc;
}

int ms_otp_requests_open(sqlite3 *db)
{
    return ms_db_exec(db, "PRAGMA temp_store = MEMORY;"
                          "CREATE TEMP TABLE IF NOT EXISTS otp_requests ("
                          "  address TEXT NOT NULL,"
                          "  issued_at_ms INTEGER NOT NULL);"
                          "CREATE INDEX IF NOT EXISTS temp.otp_requests_by_address"
                          "  ON otp_requests (address, issued_at_ms);"
                          "CREATE INDEX IF NOT EXISTS temp.otp_requests_by_time"
                          "  ON otp_requests (issued_at_ms);");
}

int ms_otp_requests_cap(sqlite3 *db, const char *address, int cap, int64_t now_ms,
                        bool *cap_reached, int64_t *cap_th_ms)
{
    *cap_reached = false;
    *cap_th_ms = 0;
    if (cap <= 0)
        return 0;
    /* Rows that left the hour count for nothing any more. */
    if (ms_db_run(db, "DELETE FROM temp.otp_requests WHERE issued_at_ms <= ?", "i",
                  now_ms - MS_OTP_WINDOW_MS) != 0)
        return -1;
    sqlite3_stmt *stmt =
        address ? ms_db_query(db,
                              "SELECT issued_at_ms FROM temp.otp_requests WHERE address = ?"
                              " ORDER BY issued_at_ms DESC LIMIT 1 OFFSET ?",
                              "ti", address, (int64_t)cap - 1)
                : ms_db_query(db,
                              "SELECT issued_at_ms FROM temp.otp_requests"
                              " ORDER BY issued_at_ms DESC LIMIT 1 OFFSET ?",
                              "i", (int64_t)cap - 1);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        *cap_reached = true;
        *cap_th_ms = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_otp_set_attempts(sqlite3 *db, const char *phone, int attempts)
{
    return ms_db_run(db, "UPDATE otps SET attempts = ? WHERE phone = ?", "it", (int64_t)attempts,
                     phone);
}

int ms_otp_consume(sqlite3 *db, const char *phone, int64_t now_ms)
{
    return ms_db_run(db, "UPDATE otps SET consumed_at_ms = ? WHERE phone = ?", "it", now_ms, phone);
}

int ms_sms_latest(sqlite3 *db, const char *phone, char *body, int64_t *sent_at_ms, bool *found)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT body, sent_at_ms FROM sms_outbox WHERE phone = ?"
                                     " AND body LIKE '% is your membercore sign-in code.%'"
                                     " ORDER BY id DESC LIMIT 1",
                                     "t", phone);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    *found = rc == 1;
    if (rc == 1) {
        ms_db_text(stmt, 0, body, MS_SMS_MAX);
        *sent_at_ms = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}
