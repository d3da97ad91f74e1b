/* access/projections.h - the access module's typed projection (credentials, without secrets). */
#ifndef MCI_ACCESS_PROJECTIONS_H
#define MCI_ACCESS_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_access_projections[];
extern const size_t mci_access_projection_count;

#endif
