/* community/projections.h - the community module's typed projections (tables in store migrations 5
 * and 10). */
#ifndef MCI_COMMUNITY_PROJECTIONS_H
#define MCI_COMMUNITY_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_community_projections[];
extern const size_t mci_community_projection_count;

#endif
