/* booking/projections.h - the booking module's typed projections (rooms, busy slots, bookings,
 * the credit ledger). */
#ifndef MCI_BOOKING_PROJECTIONS_H
#define MCI_BOOKING_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_booking_projections[];
extern const size_t mci_booking_projection_count;

#endif
