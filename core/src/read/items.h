/*
 * read/items.h - one page of a list read into a feature's structs: the one paging loop.
 *
 * A list's SQL pages through its typed table's index; this loop steps it,
 * grows the array, reads each row with the feature's row function, and makes
 * the next cursor from the last row kept. Lists whose items are only kept as
 * JSON (buildings, the membership) use mci_read_items, which parses the
 * page's rows only. The generic reader of "entities of a kind" lives here,
 * below the features.
 */
#ifndef MCI_READ_ITEMS_H
#define MCI_READ_ITEMS_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "read/page.h"
#include "read/read.h"

/* How a list is ordered, for the first page's cursor. */
typedef enum mci_key_order {
    MCI_KEY_INT_ASC,
    MCI_KEY_INT_DESC,
    MCI_KEY_TEXT_ASC,
} mci_key_order;

/* A list's SQL and order. Parameters: ?1 ?2 the cursor's sort key and id, ?3
 * the fetch limit, ?4 and on the list's own (bound by bind). Columns: 0 the
 * sort key, 1 the id, 2 and on the item's. */
typedef struct mci_list_query {
    const char *sql;   /* a string literal (the statement cache's key) */
    const char *doing; /* for messages: "reading invoices" */
    mci_key_order order;
} mci_list_query;

/* Fill one item from the row at stmt (columns 2 and on); false when out of memory. */
typedef bool (*mci_row_fn)(sqlite3_stmt *row, void *item, void *context);

/* The list's own parameters (?4 ...), or NULL. */
typedef void (*mci_bind_fn)(sqlite3_stmt *stmt, void *context);

/*
 * One page of q into a new zeroed array of item_size items (*items, *count),
 * and *next_cursor (malloc'd) when more follow. A partly read list can be
 * freed by the caller's free function.
 */
mc_status mci_read_rows(mci_reader *reader, const mci_list_query *q, const mci_page *page,
                        mci_bind_fn bind, mci_row_fn read, void *context, void **items,
                        size_t item_size, size_t *count, char **next_cursor, mc_error *err);

/* Fill one item of a list from an entity's data; false when out of memory. */
typedef bool (*mci_item_fn)(const cJSON *data, void *item);

/* mci_read_rows for a query whose column 2 is an entity's JSON data, read with read. */
mc_status mci_read_items(mci_reader *reader, const mci_list_query *q, const mci_page *page,
                         void **items, size_t item_size, size_t *count, char **next_cursor,
                         mci_item_fn read, mc_error *err);

#endif
