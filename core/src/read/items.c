/* read/items.c - the one paging loop: a page of rows into a feature's structs. */
#include "read/items.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

static void bind_cursor(sqlite3_stmt *stmt, mci_key_order order, const mci_page *page)
{
    if (order == MCI_KEY_TEXT_ASC)
        sqlite3_bind_text(stmt, 1, page->key_text, -1, SQLITE_STATIC);
    else if (page->has_cursor)
        sqlite3_bind_int64(stmt, 1, page->key);
    else
        sqlite3_bind_int64(stmt, 1, order == MCI_KEY_INT_ASC ? INT64_MIN : INT64_MAX);
    sqlite3_bind_text(stmt, 2, page->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, mci_page_fetch_limit(page));
}

mc_status mci_read_rows(mci_reader *r, const mci_list_query *q, const mci_page *page,
                        mci_bind_fn bind, mci_row_fn read, void *context, void **items,
                        size_t item_size, size_t *count, char **next_cursor, mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(r, q->sql, q->doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    bind_cursor(stmt, q->order, page);
    if (bind != NULL)
        bind(stmt, context);
    char *last_key = NULL, *last_id = NULL; /* of the page's last item: the next cursor */
    mc_status st = MC_OK;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (page->limit >= 0 && *count == (size_t)page->limit) {
            if ((*next_cursor = mci_page_cursor_text(last_key, last_id)) == NULL)
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
            break;
        }
        if (*count == cap) {
            /* a small page's items in one allocation */
            size_t ncap = cap                                    ? cap * 2
                          : page->limit > 0 && page->limit <= 64 ? (size_t)page->limit
                                                                 : 16;
            char *grown = realloc(*items, ncap * item_size);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            memset(grown + cap * item_size, 0, (ncap - cap) * item_size);
            *items = grown;
            cap = ncap;
        }
        bool ok = read(stmt, (char *)*items + *count * item_size, context);
        (*count)++;
        if (page->limit >= 0 && *count == (size_t)page->limit) {
            /* the page's last item: the next cursor, should another row follow */
            last_key = mci_strdup(mci_column_text(stmt, 0));
            last_id = mci_strdup(mci_column_text(stmt, 1));
            ok = ok && last_key != NULL && last_id != NULL;
        }
        if (!ok)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", q->doing);
    }
    if (st == MC_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        st = mci_read_fail(r, q->doing, err);
    sqlite3_reset(stmt);
    free(last_key);
    free(last_id);
    return st;
}

typedef struct json_reader {
    mci_item_fn read;
} json_reader;

static bool read_json(sqlite3_stmt *row, void *item, void *context)
{
    cJSON *data = cJSON_Parse(mci_column_text(row, 2));
    bool ok = data != NULL && ((json_reader *)context)->read(data, item);
    cJSON_Delete(data);
    return ok;
}

mc_status mci_read_items(mci_reader *r, const mci_list_query *q, const mci_page *page, void **items,
                         size_t item_size, size_t *count, char **next_cursor, mci_item_fn read,
                         mc_error *err)
{
    json_reader reader = {read};
    return mci_read_rows(r, q, page, NULL, read_json, &reader, items, item_size, count, next_cursor,
                         err);
}
