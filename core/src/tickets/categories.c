/* tickets/categories.c - the synced ticket category tree read from the local store, and a
 * leaf found by id or path (membercore/tickets.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/tickets.h"
#include "read/read.h"
#include "store/store.h"
#include "tickets/tickets.h"
#include "tickets/tree.h"
#include "util/error.h"
#include "util/strutil.h"

/* Tree order: each top level by position, then its leaves by position. */
static const char tree_sql[] =
    "SELECT c.id, c.parent_id, c.name, c.team, c.response_min, c.resolution_min, p.name "
    "FROM ticket_category_row c LEFT JOIN ticket_category_row p ON p.id = c.parent_id "
    "ORDER BY coalesce(p.position, c.position), coalesce(p.id, c.id), c.parent_id != '', "
    "c.position, c.id";

static void category_clear(mc_ticket_category *c)
{
    free(c->id);
    free(c->parent_id);
    free(c->name);
    free(c->path);
    free(c->team);
}

void mc_ticket_category_list_free(mc_ticket_category_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        category_clear(&list->items[i]);
    free(list->items);
    free(list);
}

static bool read_category(sqlite3_stmt *row, mc_ticket_category *c)
{
    memset(c, 0, sizeof *c);
    c->id = mci_strdup(mci_column_text(row, 0));
    c->parent_id = mci_strdup(mci_column_text(row, 1));
    c->name = mci_strdup(mci_column_text(row, 2));
    c->team = mci_strdup(mci_column_text(row, 3));
    c->response_min = sqlite3_column_int(row, 4);
    c->resolution_min = sqlite3_column_int(row, 5);
    c->leaf = c->parent_id != NULL && c->parent_id[0] != '\0';
    const char *parent = mci_column_text(row, 6);
    if (c->leaf && parent[0] != '\0') {
        size_t n = strlen(parent) + strlen(mci_column_text(row, 2)) + 2;
        if ((c->path = malloc(n)) != NULL)
            snprintf(c->path, n, "%s/%s", parent, mci_column_text(row, 2));
    } else {
        c->path = mci_strdup(mci_column_text(row, 2));
    }
    return c->id && c->parent_id && c->name && c->team && c->path;
}

mc_status mci_ticket_tree_read(sqlite3 *db, mci_stmt_cache *stmts, mc_ticket_category_list **out,
                               mc_error *err)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, tree_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading ticket categories");
    mc_status st = MC_OK;
    size_t cap = 0;
    int rc;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        mc_ticket_category_list *list = *out;
        if (list->count == cap) {
            size_t grown = cap ? cap * 2 : 16;
            mc_ticket_category *items = realloc(list->items, grown * sizeof *items);
            if (items == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            list->items = items;
            cap = grown;
        }
        if (!read_category(stmt, &list->items[list->count++]))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(db, err, "reading ticket categories");
    sqlite3_reset(stmt);
    if (st != MC_OK) {
        mc_ticket_category_list_free(*out);
        *out = NULL;
    }
    return st;
}

mc_status mc_ticket_categories_list(mc_client *c, mc_ticket_category_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_ticket_tree_read(r->db, r->stmts, out, err);
    mci_read_end(c->readers, r);
    return st;
}

/* One category of tree moved into a list of its own (tree keeps a hollow item). */
static mc_status take_one(mc_ticket_category_list *tree, size_t index,
                          mc_ticket_category_list **out, mc_error *err)
{
    mc_ticket_category_list *one = calloc(1, sizeof *one);
    mc_ticket_category *item = one ? malloc(sizeof *item) : NULL;
    if (item == NULL) {
        free(one);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    *item = tree->items[index];
    memset(&tree->items[index], 0, sizeof tree->items[index]);
    one->items = item;
    one->count = 1;
    *out = one;
    return MC_OK;
}

mc_status mc_ticket_category_find(mc_client *c, const char *name, mc_ticket_category_list **out,
                                  mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mc_ticket_category_list *tree = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_ticket_tree_read(r->db, r->stmts, &tree, err);
    mci_read_end(c->readers, r);
    size_t index = 0;
    if (st == MC_OK)
        st = mci_ticket_category_match(tree, name, &index, err);
    if (st == MC_OK)
        st = take_one(tree, index, out, err);
    mc_ticket_category_list_free(tree);
    return st;
}
