/* domain/room_busy.c - held room blocks: what everyone sees of bookings and holds, and the
 * exclusion. */
#include "domain/room_busy.h"

#include <stdio.h>

#include "db/db.h"
#include "base/log.h"
#include "domain/users.h"
#include "rules/zone.h"

/* Insert one block; 1 when the primary key refuses it (already held). */
static int add_block(sqlite3 *db, const char *room_id, int64_t start, const char *busy_id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "INSERT INTO room_busy_blocks (room_id, block_start_ms,"
                                     " busy_id) VALUES (?, ?, ?)",
                                     "tit", room_id, start, busy_id);
    if (!stmt)
        return -1;
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return 1;
    ms_log("database: room_busy_blocks: %s", sqlite3_errstr(rc));
    return -1;
}

int ms_room_busy_add(sqlite3 *db, ms_rng *rng, const char *room_id, const char *reservation_id,
                     int64_t start_ms, int64_t end_ms, char *busy_id)
{
    char id[MS_ID_MAX];
    if (ms_rng_id(rng, "rb_", id, sizeof id) != 0 || ms_db_exec(db, "SAVEPOINT room_busy_add") != 0)
        return -1;
    int rc = ms_db_run(db,
                       "INSERT INTO room_busy (id, room_id, reservation_id, start_ms, end_ms)"
                       " VALUES (?, ?, ?, ?, ?)",
                       "tttii", id, room_id, reservation_id, start_ms, end_ms);
    for (int64_t t = start_ms; rc == 0 && t < end_ms; t += MS_HOUR_MS)
        rc = add_block(db, room_id, t, id);
    if (rc != 0) {
        ms_db_exec(db, "ROLLBACK TO room_busy_add");
        ms_db_exec(db, "RELEASE room_busy_add");
        return rc;
    }
    if (ms_db_exec(db, "RELEASE room_busy_add") != 0)
        return -1;
    if (busy_id)
        snprintf(busy_id, MS_ID_MAX, "%s", id);
    return 0;
}

int ms_room_busy_release(sqlite3 *db, const char *reservation_id, char *busy_id)
{
    busy_id[0] = '\0';
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT id FROM room_busy WHERE reservation_id = ?", "t", reservation_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        ms_db_text(stmt, 0, busy_id, MS_ID_MAX);
    sqlite3_finalize(stmt);
    if (rc <= 0)
        return rc;
    return ms_db_run(db, "DELETE FROM room_busy_blocks WHERE busy_id = ?", "t", busy_id) == 0 &&
                   ms_db_run(db, "DELETE FROM room_busy WHERE id = ?", "t", busy_id) == 0
               ? 0
               : -1;
}

int ms_room_busy_overlaps(sqlite3 *db, const char *room_id, int64_t start_ms, int64_t end_ms,
                          bool *out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT 1 FROM room_busy WHERE room_id = ? AND start_ms < ?"
                                     " AND end_ms > ? LIMIT 1",
                                     "tii", room_id, end_ms, start_ms);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    sqlite3_finalize(stmt);
    *out = rc == 1;
    return rc < 0 ? -1 : 0;
}
