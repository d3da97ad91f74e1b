/* domain/door.c - the simulated door reader of test mode: checks a scanned QR payload, in or out.
 */
#include "domain/door.h"

#include <string.h>

#include "rules/access_codes.h"
#include "domain/credentials.h"
#include "db/db.h"
#include "domain/desks.h"
#include "domain/visitors.h"

const char *ms_door_direction_name(ms_door_direction direction)
{
    return direction == MS_DOOR_OUT ? "out" : "in";
}

static int refuse(ms_door_verdict *verdict, const char *reason, const char *message)
{
    verdict->reason = reason;
    verdict->message = message;
    return 0;
}

/* Is the holder of credential_id inside: was its last granted scan an `in`? 1 / 0 / -1. */
static int inside(sqlite3 *db, const char *credential_id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT direction = 'in' FROM door_scans"
                                     " WHERE credential_id = ? AND granted = 1"
                                     " ORDER BY id DESC LIMIT 1",
                                     "t", credential_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    int in = rc == 1 && sqlite3_column_int(stmt, 0) != 0;
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : in;
}

/* Did this rotating code (credential, step) already go through in direction? 1 / 0 / -1. */
static int code_used(sqlite3 *db, const ms_access_parsed *p, ms_door_direction direction)
{
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT 1 FROM door_scans WHERE credential_id = ?"
                    " AND step = ? AND direction = ? AND granted = 1",
                    "tit", p->credential_id, p->step, ms_door_direction_name(direction));
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

/* The verdict on a well-formed payload of a known credential. -1 on error. */
static int judge(sqlite3 *db, const ms_credential *c, const ms_access_parsed *p,
                 const char *building_id, ms_door_direction direction, int64_t now_ms,
                 ms_door_verdict *verdict)
{
    bool holder = c->holder_user_id[0] != '\0';
    /* A holder shows rotating codes, a guest the emailed static one: nothing else is theirs. */
    if (holder == p->guest || !ms_access_verify(c->secret, sizeof c->secret, p))
        return refuse(verdict, "forged", "forged: not a genuine code of this credential");
    if (c->revoked && c->kind == MS_CREDENTIAL_VISITOR)
        return refuse(verdict, "cancelled", "cancelled: invitation cancelled by the host");
    if (c->revoked && c->kind == MS_CREDENTIAL_DESK)
        return refuse(verdict, "expired",
                      "expired: revoked (the desk booking was cancelled or released)");
    if (c->revoked)
        return refuse(verdict, "expired", "expired: revoked (its booking was cancelled)");
    if (strcmp(c->building_id, building_id) != 0)
        return refuse(verdict, "wrong_building", "wrong building: valid at another building");
    if (!p->guest) {
        int64_t step = ms_access_step(now_ms);
        if (p->step < step - 1)
            return refuse(verdict, "expired",
                          "expired: the code is more than one 30-second step old");
        if (p->step > step + 1)
            return refuse(verdict, "not_yet_valid",
                          "not yet valid: the code is more than one 30-second step ahead");
    }
    if (now_ms < c->valid_from_ms)
        return refuse(verdict, "not_yet_valid", "not yet valid: its validity has not begun");
    if (now_ms >= c->valid_until_ms)
        return refuse(verdict, "expired", "expired: its validity has ended");
    int in = inside(db, c->id);
    if (in < 0)
        return -1;
    if (direction == MS_DOOR_IN && in)
        return refuse(verdict, "anti_passback", "anti-passback: already inside");
    if (direction == MS_DOOR_OUT && !in)
        return refuse(verdict, "anti_passback", "anti-passback: not inside");
    int used = p->guest ? 0 : code_used(db, p, direction);
    if (used < 0)
        return -1;
    if (used)
        return refuse(verdict, "replayed",
                      direction == MS_DOOR_IN ? "replayed: this code already went in once"
                                              : "replayed: this code already went out once");
    return 0;
}

int ms_door_scan(ms_app *app, const char *building_id, const char *payload,
                 ms_door_direction direction, int64_t now_ms, ms_door_verdict *verdict)
{
    sqlite3 *db = app->db;
    ms_access_parsed p;
    ms_credential c;
    memset(&c, 0, sizeof c);
    verdict->reason = verdict->message = NULL;
    int rc = 0;
    if (!ms_access_parse(payload, &p)) {
        refuse(verdict, "malformed", "malformed: not an access code");
    } else {
        rc = ms_credential_load(db, p.credential_id, &c);
        if (rc == 1)
            rc = refuse(verdict, "forged", "forged: no such credential");
        else if (rc == 0)
            rc = judge(db, &c, &p, building_id, direction, now_ms, verdict);
    }
    ms_wipe(c.secret, sizeof c.secret);
    if (rc != 0)
        return -1;
    /* A visitor let in has arrived: the host is alerted (once, by the visitor's status). */
    if (verdict->reason == NULL && direction == MS_DOOR_IN && c.kind == MS_CREDENTIAL_VISITOR &&
        ms_visitor_door_entered(app, c.visitor_id, now_ms) != 0)
        return -1;
    /* A desk's member let in has checked in: the desk is not released at the cut-off. */
    if (verdict->reason == NULL && direction == MS_DOOR_IN && c.kind == MS_CREDENTIAL_DESK &&
        ms_desk_checked_in(app, c.desk_booking_id, now_ms) != 0)
        return -1;
    const char *reason = verdict->reason;
    bool known = reason == NULL || strcmp(reason, "malformed") != 0;
    return ms_db_run(db,
                     "INSERT INTO door_scans (building_id, credential_id, step, granted, reason,"
                     " at_ms, direction) VALUES (?, nullif(?, ''), nullif(?, -2), ?,"
                     " nullif(?, ''), ?, ?)",
                     "ttiitit", building_id, known ? p.credential_id : "",
                     known ? p.step : (int64_t)-2, (int64_t)(reason == NULL), reason ? reason : "",
                     now_ms, ms_door_direction_name(direction));
}
