/*
 * tickets/tree.h - a leaf of the ticket category tree found by what a member types: its
 * id ("cleaning.washroom") or its path ("Cleaning/Washroom", "Cleaning → Washroom"),
 * case-insensitive, spaces around the separator ignored. Pure: over a list already read.
 */
#ifndef MCI_TICKETS_TREE_H
#define MCI_TICKETS_TREE_H

#include <stddef.h>

#include "membercore/tickets.h"

/*
 * *index = the leaf of tree named by name. Errors: MC_ERR_NOT_FOUND with words: no such
 * category (naming the top levels, or the leaves of the top level it named), a top level
 * (naming its leaves: tickets are filed under leaves), or an empty tree (sync first);
 * MC_ERR_INVALID_ARG (name empty).
 */
mc_status mci_ticket_category_match(const mc_ticket_category_list *tree, const char *name,
                                    size_t *index, mc_error *err);

#endif
