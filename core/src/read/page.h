/*
 * read/page.h - the paging convention of membercore/page.h, inside: limits and keyset cursors.
 *
 * A cursor is "<sort key>|<id>" of the last item a page returned: the next
 * page asks the index for rows after that pair. Lists fetch limit + 1 rows;
 * the extra row only says whether a next page exists.
 */
#ifndef MCI_READ_PAGE_H
#define MCI_READ_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "membercore/error.h"
#include "membercore/page.h"

typedef struct mci_page {
    int64_t limit; /* items wanted; -1: every item (the unpaged lists) */
    bool has_cursor;
    int64_t key;          /* the cursor's sort key, when numeric */
    const char *key_text; /* the cursor's sort key as text ("" without a cursor) */
    const char *id;       /* the cursor's id ("" without a cursor) */
    char *buf;            /* owns key_text and id */
} mci_page;

/* Read page (NULL: the first page of the default size) for a list whose sort
 * key is numeric (or text). Errors: MC_ERR_INVALID_ARG (a negative limit, a
 * cursor this list did not make), MC_ERR_NO_MEMORY. Free with mci_page_done. */
mc_status mci_page_start(const mc_page *page, bool numeric_key, mci_page *out, mc_error *err);

/* Every item, in one page (the unpaged list functions). */
void mci_page_all(mci_page *out);

void mci_page_done(mci_page *page);

/* The SQL LIMIT to bind: one more than wanted, to learn whether more follow. */
int64_t mci_page_fetch_limit(const mci_page *page);

/* The cursor after the item with this sort key and id, malloc'd (NULL when out of memory). */
char *mci_page_cursor_int(int64_t key, const char *id);
char *mci_page_cursor_text(const char *key, const char *id);

#endif
