/* store/stmt_cache.c - prepared statements kept for reuse, keyed by their SQL literal. */
#include "store/stmt_cache.h"

#include <stdlib.h>

#define SLOTS 48

struct mci_stmt_cache {
    sqlite3 *db;
    const char *sql[SLOTS];
    sqlite3_stmt *stmt[SLOTS];
};

mci_stmt_cache *mci_stmt_cache_new(sqlite3 *db)
{
    mci_stmt_cache *c = calloc(1, sizeof *c);
    if (c != NULL)
        c->db = db;
    return c;
}

void mci_stmt_cache_free(mci_stmt_cache *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < SLOTS; i++)
        sqlite3_finalize(c->stmt[i]);
    free(c);
}

sqlite3_stmt *mci_stmt_cache_get(mci_stmt_cache *c, const char *sql)
{
    int i = 0;
    while (i < SLOTS && c->sql[i] != NULL && c->sql[i] != sql)
        i++;
    if (i < SLOTS && c->sql[i] == sql) {
        sqlite3_reset(c->stmt[i]);
        sqlite3_clear_bindings(c->stmt[i]);
        return c->stmt[i];
    }
    if (i == SLOTS)
        return NULL; /* every slot in use: callers list their statements, raise SLOTS */
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt[i], NULL) !=
        SQLITE_OK) {
        sqlite3_finalize(c->stmt[i]);
        c->stmt[i] = NULL;
        return NULL;
    }
    c->sql[i] = sql;
    return c->stmt[i];
}

void mci_stmt_cache_reset_all(mci_stmt_cache *c)
{
    for (int i = 0; i < SLOTS && c->stmt[i] != NULL; i++)
        sqlite3_reset(c->stmt[i]);
}
