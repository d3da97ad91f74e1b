/* billing/states.h - the wire names of passes', invoices' and memberships' states, parsed. */
#ifndef MCI_BILLING_STATES_H
#define MCI_BILLING_STATES_H

#include "membercore/billing.h"

/* The status a synced name stands for; the enum's UNKNOWN for a NULL or newer name. */
mc_pass_status mci_pass_status_parse(const char *name);
mc_invoice_status mci_invoice_status_parse(const char *name);
mc_membership_status mci_membership_status_parse(const char *name);

#endif
