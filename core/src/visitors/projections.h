/* visitors/projections.h - the visitors module's typed projection (the member's visitors). */
#ifndef MCI_VISITORS_PROJECTIONS_H
#define MCI_VISITORS_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_visitors_projections[];
extern const size_t mci_visitors_projection_count;

#endif
