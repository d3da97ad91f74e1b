/* desks/projections.h - the desks module's typed projections (desks, desk days held, the
 * member's desk bookings). */
#ifndef MCI_DESKS_PROJECTIONS_H
#define MCI_DESKS_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_desks_projections[];
extern const size_t mci_desks_projection_count;

#endif
