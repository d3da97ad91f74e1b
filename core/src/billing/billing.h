/* billing/billing.h - what the billing files share: online order calls and
 * entity lists. */
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

/* Fill one item of a list from an entity's data; false when out of memory. */
typedef bool (*mci_read_fn)(const cJSON *data, void *item);

/*
 * Every entity of kind for the signed-in member, ordered by order_sql (an
 * "ORDER BY ..." over `data` and `id`), read into a new array of item_size
 * items (*items, *count). The array is zeroed first, so a partly read list
 * can be freed by the caller's free function.
 */
mc_status mci_billing_read_kind(mc_client *client, const char *kind, const char *order_sql,
                                void **items, size_t item_size, size_t *count, mci_read_fn read,
                                mc_error *err);

#endif
