/* sync/page_size.h - how many changes a pull page asks for: smaller after a timeout. Pure. */
#ifndef MCI_SYNC_PAGE_SIZE_H
#define MCI_SYNC_PAGE_SIZE_H

#include <stdint.h>

/* The most changes a page asks for, and the least a timeout may shrink it to. */
#define MCI_PULL_PAGE_MAX 1000
#define MCI_PULL_PAGE_MIN 25
/* Pages that must arrive in a row before the size is doubled again. */
#define MCI_PULL_PAGE_GROW_AFTER 4

/*
 * The page size of one client's pulls. A page the server did not answer in time is
 * asked for again at half the size (never below MCI_PULL_PAGE_MIN), so a retry never
 * runs into the same wall; after MCI_PULL_PAGE_GROW_AFTER pages arrive in a row the
 * size doubles again, up to MCI_PULL_PAGE_MAX. Used by one sync round at a time.
 */
typedef struct mci_page_size {
    int32_t limit;   /* what the next page asks for */
    int32_t arrived; /* pages arrived since the size last changed */
} mci_page_size;

/* Start at MCI_PULL_PAGE_MAX. */
void mci_page_size_init(mci_page_size *size);
/* A page of size->limit timed out: halve the limit (floor MCI_PULL_PAGE_MIN). */
void mci_page_size_timed_out(mci_page_size *size);
/* A page arrived: after enough in a row, double the limit (cap MCI_PULL_PAGE_MAX). */
void mci_page_size_arrived(mci_page_size *size);

#endif
