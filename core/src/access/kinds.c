/* access/kinds.c - credential kinds: names both ways. */
#include "access/kinds.h"

#include "util/names.h"

static const char *const kind_names[] = {"unknown", "pass", "booking_guest", "desk"};

const char *mc_credential_kind_name(mc_credential_kind kind)
{
    return mci_name_of(kind_names, MCI_COUNT(kind_names), (int)kind);
}

mc_credential_kind mci_credential_kind_parse(const char *name)
{
    return (mc_credential_kind)mci_value_of(kind_names, MCI_COUNT(kind_names), name,
                                            MC_CREDENTIAL_UNKNOWN);
}
