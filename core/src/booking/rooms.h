/* booking/rooms.h - availability of a building-day's rooms from the store (search and booking
 * checks). */
#ifndef MCI_BOOKING_ROOMS_H
#define MCI_BOOKING_ROOMS_H

#include <sqlite3.h>
#include <stdint.h>

#include "membercore/booking.h"
#include "store/stmt_cache.h"

/* mc_rooms_search's work for user_id at now_ms; the caller holds the lock. */
mc_status mci_rooms_availability(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                                 const mc_room_query *query, int64_t now_ms, mc_room_search **out,
                                 mc_error *err);

#endif
