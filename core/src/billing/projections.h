/* billing/projections.h - the billing module's typed projections (invoices, passes). */
#ifndef MCI_BILLING_PROJECTIONS_H
#define MCI_BILLING_PROJECTIONS_H

#include "store/projection.h"

extern const mci_projection mci_billing_projections[];
extern const size_t mci_billing_projection_count;

#endif
