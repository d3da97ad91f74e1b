/* sync/page_size.c - how many changes a pull page asks for: smaller after a timeout. Pure. */
#include "sync/page_size.h"

void mci_page_size_init(mci_page_size *size)
{
    size->limit = MCI_PULL_PAGE_MAX;
    size->arrived = 0;
}

void mci_page_size_timed_out(mci_page_size *size)
{
    size->limit = size->limit / 2 < MCI_PULL_PAGE_MIN ? MCI_PULL_PAGE_MIN : size->limit / 2;
    size->arrived = 0;
}

void mci_page_size_arrived(mci_page_size *size)
{
    if (size->limit >= MCI_PULL_PAGE_MAX || ++size->arrived < MCI_PULL_PAGE_GROW_AFTER)
        return;
    size->limit = size->limit * 2 > MCI_PULL_PAGE_MAX ? MCI_PULL_PAGE_MAX : size->limit * 2;
    size->arrived = 0;
}
