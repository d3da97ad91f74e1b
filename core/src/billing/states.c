/* billing/states.c - the states of passes, invoices and memberships: names both ways. */
#include "billing/states.h"

#include "util/names.h"

static const char *const pass_names[] = {"unknown", "held", "active", "released"};
static const char *const invoice_names[] = {"unknown", "draft", "issued", "paid",
                                            "overdue", "void",  "expired"};
static const char *const membership_names[] = {"unknown", "none", "active"};

const char *mc_pass_status_name(mc_pass_status status)
{
    return mci_name_of(pass_names, MCI_COUNT(pass_names), (int)status);
}

mc_pass_status mci_pass_status_parse(const char *name)
{
    return (mc_pass_status)mci_value_of(pass_names, MCI_COUNT(pass_names), name, MC_PASS_UNKNOWN);
}

const char *mc_invoice_status_name(mc_invoice_status status)
{
    return mci_name_of(invoice_names, MCI_COUNT(invoice_names), (int)status);
}

mc_invoice_status mci_invoice_status_parse(const char *name)
{
    return (mc_invoice_status)mci_value_of(invoice_names, MCI_COUNT(invoice_names), name,
                                           MC_INVOICE_UNKNOWN);
}

const char *mc_membership_status_name(mc_membership_status status)
{
    return mci_name_of(membership_names, MCI_COUNT(membership_names), (int)status);
}

mc_membership_status mci_membership_status_parse(const char *name)
{
    return (mc_membership_status)mci_value_of(membership_names, MCI_COUNT(membership_names), name,
                                              MC_MEMBERSHIP_UNKNOWN);
}
