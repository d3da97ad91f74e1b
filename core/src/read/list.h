/*
 * read/list.h - the one body of every list function: mc_X_page and its unpaged mc_X_list.
 *
 * A feature writes one lister (a page of its list into a new list struct) and
 * makes both public functions call mci_list: the NULL checks, the page's
 * parsing and release, and the unpaged "every item" page are here, once.
 */
#ifndef MCI_READ_LIST_H
#define MCI_READ_LIST_H

#include <stdbool.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/page.h"
#include "read/page.h"

/* One page of a feature's list into *out (a new list, the caller's to free with
 * the list's free function); args are the list's own arguments (or NULL). */
typedef mc_status (*mci_lister)(mc_client *c, const void *args, const mci_page *page, void **out,
                                mc_error *err);

/* Every item, for mci_list's page: the unpaged list functions. */
extern const mc_page *const MCI_LIST_ALL;

/*
 * The body of a list function: MC_ERR_INVALID_ARG when c or out is NULL, *out
 * NULL until the list is read; page (NULL: the first page of the default size;
 * MCI_LIST_ALL: every item) read for a list whose sort key is numeric (or text)
 * and given to list with args. Errors: mci_page_start's and the lister's.
 */
mc_status mci_list(mc_client *c, const mc_page *page, bool numeric_key, mci_lister list,
                   const void *args, void **out, mc_error *err);

#endif
