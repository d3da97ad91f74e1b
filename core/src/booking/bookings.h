/* booking/bookings.h - what the booking module shares with its neighbours (credits). */
#ifndef MCI_BOOKING_BOOKINGS_H
#define MCI_BOOKING_BOOKINGS_H

#include <sqlite3.h>
#include <stdint.h>

/* Credits held by user_id's credit bookings the server has not yet reflected
 * in a pull. Lock held. */
int32_t mci_booking_pending_debit(sqlite3 *db, const char *user_id);

#endif
