/* billing/billing.h - what the billing files share: the online order calls. */
#ifndef MCI_BILLING_BILLING_H
#define MCI_BILLING_BILLING_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "handle/handle.h"
#include "membercore/billing.h"

/*
 * POST body to path with the session; the answer's {"invoice": {"id"}, "order":
 * {...}} becomes *out. Then a sync round brings the held passes and the draft
 * invoice into the local store (its failure changes nothing).
 */
mc_status mci_billing_post_order(mc_client *client, const char *path, const cJSON *body,
                                 mc_order **out, mc_error *err);

#endif
