/* booking/bookings.h - what the booking module shares with its neighbours (credits). */
#ifndef MCI_BOOKING_BOOKINGS_H
#define MCI_BOOKING_BOOKINGS_H

#include <stdint.h>

#include "store/stmt_cache.h"

/* Credits held by user_id's credit bookings the server has not yet reflected
 * in a pull, through the statement cache of a connection (a reader's, or the
 * writer's under the client lock). */
int32_t mci_booking_pending_debit(mci_stmt_cache *stmts, const char *user_id);

#endif
