/* access/kinds.h - the wire names of credential kinds, parsed. */
#ifndef MCI_ACCESS_KINDS_H
#define MCI_ACCESS_KINDS_H

#include "membercore/access.h"

/* The kind a synced name stands for; MC_CREDENTIAL_UNKNOWN for a NULL or newer name. */
mc_credential_kind mci_credential_kind_parse(const char *name);

#endif
