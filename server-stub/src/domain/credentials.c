/* domain/credentials.c - access credentials: who may enter where and when, and the secret a reader
 * checks.
 */
#include "domain/credentials.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"

static const char *const kind_names[] = {"pass", "booking_guest", "visitor", "desk"};

const char *ms_credential_kind_name(ms_credential_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "pass";
}

/* The kind named name (an unknown name reads as a pass: the table's CHECK allows none). */
static ms_credential_kind kind_named(const char *name)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return (ms_credential_kind)i;
    return MS_CREDENTIAL_PASS;
}

int ms_credential_issue(sqlite3 *db, ms_rng *rng, ms_credential *c, int64_t now_ms)
{
    c->revoked = false;
    if (ms_rng_id(rng, "crd_", c->id, sizeof c->id) != 0 ||
        ms_rng_bytes(rng, c->secret, sizeof c->secret) != 0)
        return -1;
    return ms_db_run(db,
                     "INSERT INTO credentials (id, kind, building_id, holder_user_id, guest_email,"
                     " pass_id, reservation_id, visitor_id, desk_booking_id, valid_from_ms,"
                     " valid_until_ms, secret, issued_at_ms) VALUES (?, ?, ?, nullif(?, ''),"
                     " nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''),"
                     " ?, ?, ?, ?)",
                     "tttttttttiibi", c->id, ms_credential_kind_name(c->kind), c->building_id,
                     c->holder_user_id, c->guest_email, c->pass_id, c->reservation_id,
                     c->visitor_id, c->desk_booking_id, c->valid_from_ms, c->valid_until_ms,
                     (const void *)c->secret, sizeof c->secret, now_ms);
}

int ms_credential_load(sqlite3 *db, const char *id, ms_credential *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT id, kind, building_id, holder_user_id, guest_email,"
                    " pass_id, reservation_id, valid_from_ms, valid_until_ms,"
                    " revoked_at_ms IS NOT NULL, secret, visitor_id, desk_booking_id"
                    " FROM credentials"
                    " WHERE id = ?",
                    "t", id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        char kind[16];
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, kind, sizeof kind);
        out->kind = kind_named(kind);
        ms_db_text(stmt, 2, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 3, out->holder_user_id, sizeof out->holder_user_id);
        ms_db_text(stmt, 4, out->guest_email, sizeof out->guest_email);
        ms_db_text(stmt, 5, out->pass_id, sizeof out->pass_id);
        ms_db_text(stmt, 6, out->reservation_id, sizeof out->reservation_id);
        out->valid_from_ms = sqlite3_column_int64(stmt, 7);
        out->valid_until_ms = sqlite3_column_int64(stmt, 8);
        out->revoked = sqlite3_column_int(stmt, 9) != 0;
        ms_db_text(stmt, 11, out->visitor_id, sizeof out->visitor_id);
        ms_db_text(stmt, 12, out->desk_booking_id, sizeof out->desk_booking_id);
        if (sqlite3_column_bytes(stmt, 10) == MS_CREDENTIAL_SECRET_LEN)
            memcpy(out->secret, sqlite3_column_blob(stmt, 10), MS_CREDENTIAL_SECRET_LEN);
        else
            rc = -1;
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int ms_credentials_revoke(sqlite3 *db, const char *reservation_id, int64_t now_ms)
{
    return ms_db_run(db,
                     "UPDATE credentials SET revoked_at_ms = ? WHERE reservation_id = ?"
                     " AND revoked_at_ms IS NULL",
                     "it", now_ms, reservation_id);
}

int ms_credential_revoke(sqlite3 *db, const char *id, int64_t now_ms)
{
    return ms_db_run(db,
                     "UPDATE credentials SET revoked_at_ms = ? WHERE id = ?"
                     " AND revoked_at_ms IS NULL",
                     "it", now_ms, id);
}

int ms_credential_guest_payload(const ms_credential *c, char out[MS_ACCESS_PAYLOAD_MAX])
{
    return ms_access_payload(c->secret, sizeof c->secret, c->id, -1, out, MS_ACCESS_PAYLOAD_MAX);
}

int ms_credentials_migrate_v5(sqlite3 *db)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT g.id, r.building_id, g.guest_email, g.reservation_id,"
                                     " g.valid_from_ms, g.valid_until_ms, g.secret,"
                                     " g.issued_at_ms, g.revoked_at_ms FROM guest_credentials g"
                                     " JOIN reservations r ON r.id = g.reservation_id"
                                     " ORDER BY g.id",
                                     "");
    if (!stmt)
        return -1;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1) {
        char id[MS_ID_MAX], building[MS_ID_MAX], email[MS_EMAIL_MAX], reservation[MS_ID_MAX],
            text[64];
        uint8_t secret[MS_CREDENTIAL_SECRET_LEN];
        ms_db_text(stmt, 0, id, sizeof id);
        ms_db_text(stmt, 1, building, sizeof building);
        ms_db_text(stmt, 2, email, sizeof email);
        ms_db_text(stmt, 3, reservation, sizeof reservation);
        ms_db_text(stmt, 6, text, sizeof text);
        if (ms_base64url_decode(text, secret, sizeof secret) != 0 ||
            ms_db_run(db,
                      "INSERT INTO credentials (id, kind, building_id, guest_email, reservation_id,"
                      " valid_from_ms, valid_until_ms, secret, issued_at_ms, revoked_at_ms)"
                      " VALUES (?, 'booking_guest', ?, ?, ?, ?, ?, ?, ?, nullif(?, -1))",
                      "ttttiibii", id, building, email, reservation, sqlite3_column_int64(stmt, 4),
                      sqlite3_column_int64(stmt, 5), (const void *)secret, sizeof secret,
                      sqlite3_column_int64(stmt, 7),
                      sqlite3_column_type(stmt, 8) == SQLITE_NULL
                          ? (int64_t)-1
                          : sqlite3_column_int64(stmt, 8)) != 0) {
            ms_wipe(secret, sizeof secret);
            rc = -1;
            break;
        }
        ms_wipe(secret, sizeof secret);
        ms_wipe(text, sizeof text);
    }
    sqlite3_finalize(stmt);
    if (rc != 0)
        return -1;
    return ms_db_exec(db, "DROP TABLE guest_credentials");
}
