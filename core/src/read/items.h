/*
 * read/items.h - a page of entities read into a feature's structs from their JSON data.
 *
 * For lists whose items carry nested data (invoice lines, a pass's holder):
 * the feature's typed table pages and orders them through an index, and only
 * the page's rows are parsed. The generic reader of "entities of a kind"
 * (buildings, membership, invoices, passes) lives here, below the features.
 */
#ifndef MCI_READ_ITEMS_H
#define MCI_READ_ITEMS_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "read/page.h"
#include "read/read.h"

/* Fill one item of a list from an entity's data; false when out of memory. */
typedef bool (*mci_item_fn)(const cJSON *data, void *item);

/* How a list is ordered, for the first page's cursor. */
typedef enum mci_key_order {
    MCI_KEY_INT_ASC,
    MCI_KEY_INT_DESC,
    MCI_KEY_TEXT_ASC,
} mci_key_order;

/*
 * Run sql (a string literal; parameters ?1 ?2 the cursor's sort key and id,
 * ?3 the fetch limit; columns 0 the data, 1 the sort key, 2 the id) for page
 * and read each row with read into a new zeroed array of item_size items
 * (*items, *count); *next_cursor (malloc'd) when more follow. A partly read
 * list can be freed by the caller's free function.
 */
mc_status mci_read_items(mci_reader *reader, const char *sql, const char *doing,
                         mci_key_order order, const mci_page *page, void **items, size_t item_size,
                         size_t *count, char **next_cursor, mci_item_fn read, mc_error *err);

#endif
