/* tickets/projections.h - the tickets module's typed projections (the category tree, the
 * member's tickets). */
#ifndef MCI_TICKETS_PROJECTIONS_H
#define MCI_TICKETS_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_tickets_projections[];
extern const size_t mci_tickets_projection_count;

#endif
