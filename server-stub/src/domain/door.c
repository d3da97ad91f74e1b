/* domain/door.c - the simulated door reader of test mode: checks a scanned QR payload, once. */
#include "domain/door.h"

#include <string.h>

#include "rules/access_codes.h"
#include "domain/credentials.h"
#include "db/db.h"

/* The reason a well-formed payload of a known credential is refused, or NULL. -1 on error. */
static int judge(sqlite3 *db, const ms_credential *c, const ms_access_parsed *p,
                 const char *building_id, int64_t now_ms, const char **reason)
{
    bool holder = c->holder_user_id[0] != '\0';
    /* A holder shows rotating codes, a guest the emailed static one: nothing else is theirs. */
    if (holder == p->guest || !ms_access_verify(c->secret, sizeof c->secret, p)) {
        *reason = "forged";
        return 0;
    }
    if (c->revoked) {
        *reason = "expired";
        return 0;
    }
    if (strcmp(c->building_id, building_id) != 0) {
        *reason = "wrong_building";
        return 0;
    }
    if (!p->guest) {
        int64_t step = ms_access_step(now_ms);
        if (p->step < step - 1) {
            *reason = "expired";
            return 0;
        }
        if (p->step > step + 1) {
            *reason = "not_yet_valid";
            return 0;
        }
    }
    if (now_ms < c->valid_from_ms) {
        *reason = "not_yet_valid";
        return 0;
    }
    if (now_ms >= c->valid_until_ms) {
        *reason = "expired";
        return 0;
    }
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT 1 FROM door_scans WHERE credential_id = ?"
                                     " AND step = ? AND granted = 1",
                                     "ti", c->id, p->step);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc == 1)
        *reason = "replayed";
    return rc < 0 ? -1 : 0;
}

int ms_door_scan(ms_app *app, const char *building_id, const char *payload, int64_t now_ms,
                 const char **reason)
{
    sqlite3 *db = app->db;
    ms_access_parsed p;
    ms_credential c;
    memset(&c, 0, sizeof c);
    *reason = NULL;
    int rc = 0;
    if (!ms_access_parse(payload, &p)) {
        *reason = "malformed";
    } else {
        rc = ms_credential_load(db, p.credential_id, &c);
        if (rc == 1) {
            *reason = "forged";
            rc = 0;
        } else if (rc == 0) {
            rc = judge(db, &c, &p, building_id, now_ms, reason);
        }
    }
    ms_wipe(c.secret, sizeof c.secret);
    if (rc != 0)
        return -1;
    bool known = *reason == NULL || strcmp(*reason, "malformed") != 0;
    return ms_db_run(db,
                     "INSERT INTO door_scans (building_id, credential_id, step, granted, reason,"
                     " at_ms) VALUES (?, nullif(?, ''), nullif(?, -2), ?, nullif(?, ''), ?)",
                     "ttiiti", building_id, known ? p.credential_id : "",
                     known ? p.step : (int64_t)-2, (int64_t)(*reason == NULL),
                     *reason ? *reason : "", now_ms);
}
