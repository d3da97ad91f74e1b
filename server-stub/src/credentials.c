/* credentials.c - access credentials: who may enter, when, and the random secret a reader checks.
 */
#include "credentials.h"

#include "db.h"

int ms_credential_issue(sqlite3 *db, ms_rng *rng, const char *reservation_id, const char *email,
                        int64_t valid_from_ms, int64_t valid_until_ms, int64_t now_ms, char *id)
{
    uint8_t raw[32];
    char secret[MS_CREDENTIAL_SECRET_MAX];
    int rc = -1;
    if (ms_rng_id(rng, "crd_", id, 40) == 0 && ms_rng_bytes(rng, raw, sizeof raw) == 0 &&
        ms_base64url(raw, sizeof raw, secret, sizeof secret) == 0)
        rc = ms_db_run(db,
                       "INSERT INTO guest_credentials (id, reservation_id, guest_email,"
                       " valid_from_ms, valid_until_ms, secret, issued_at_ms)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                       "tttiiti", id, reservation_id, email, valid_from_ms, valid_until_ms, secret,
                       now_ms);
    ms_wipe(raw, sizeof raw);
    ms_wipe(secret, sizeof secret);
    return rc;
}

int ms_credentials_revoke(sqlite3 *db, const char *reservation_id, int64_t now_ms)
{
    return ms_db_run(db,
                     "UPDATE guest_credentials SET revoked_at_ms = ? WHERE reservation_id = ?"
                     " AND revoked_at_ms IS NULL",
                     "it", now_ms, reservation_id);
}
