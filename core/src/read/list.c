/* read/list.c - the one body of every list function (mc_X_page and mc_X_list). */
#include "read/list.h"

#include <stddef.h>

#include "util/error.h"

static const mc_page every_item;
const mc_page *const MCI_LIST_ALL = &every_item;

mc_status mci_list(mc_client *c, const mc_page *page, bool numeric_key, mci_lister list,
                   const void *args, void **out, mc_error *err)
{
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mci_page p;
    mc_status st = MC_OK;
    if (page == MCI_LIST_ALL)
        mci_page_all(&p);
    else
        st = mci_page_start(page, numeric_key, &p, err);
    if (st == MC_OK)
        st = list(c, args, &p, out, err);
    mci_page_done(&p);
    return st;
}
