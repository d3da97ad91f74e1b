/* domain/room_busy.h - held room blocks: what everyone sees of bookings and holds, and the
 * exclusion. */
#ifndef MS_ROOM_BUSY_H
#define MS_ROOM_BUSY_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"

/*
 * Hold [start_ms, end_ms) of room_id for reservation_id: a room_busy row (a
 * random id, into busy_id when not NULL) and one room_busy_blocks row per hour
 * from start_ms. 0; 1 when one of those blocks is already held (the primary
 * key of room_busy_blocks refused it: nothing is written); -1 on error. The
 * caller logs the change.
 */
int ms_room_busy_add(sqlite3 *db, ms_rng *rng, const char *room_id, const char *reservation_id,
                     int64_t start_ms, int64_t end_ms, char *busy_id);

/* Release reservation_id's hold, if any: its id into busy_id ("" when none). 0 / -1. */
int ms_room_busy_release(sqlite3 *db, const char *reservation_id, char *busy_id);

/* Whether [start_ms, end_ms) of room_id overlaps a held slot. 0 / -1. */
int ms_room_busy_overlaps(sqlite3 *db, const char *room_id, int64_t start_ms, int64_t end_ms,
                          bool *out);

#endif
