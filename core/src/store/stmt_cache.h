/*
 * store/stmt_cache.h - prepared statements kept for reuse on one connection.
 *
 * Hot read paths (room searches run on every keystroke of a filter) pay
 * SQLite's compile step once instead of per call. Statements are keyed by the
 * address of their SQL text, so pass string literals. Same locking as the
 * connection: the client's lock.
 */
#ifndef MCI_STORE_STMT_CACHE_H
#define MCI_STORE_STMT_CACHE_H

#include <sqlite3.h>

typedef struct mci_stmt_cache mci_stmt_cache;

mci_stmt_cache *mci_stmt_cache_new(sqlite3 *db);
/* Finalize every statement and free the cache (before closing db). NULL is fine. */
void mci_stmt_cache_free(mci_stmt_cache *cache);

/* The statement for sql, reset with its bindings cleared; NULL when it does not
 * compile (sqlite3_errmsg says why) or the cache is full and it cannot be
 * prepared. Do not finalize it; it stays valid until the cache is freed. */
sqlite3_stmt *mci_stmt_cache_get(mci_stmt_cache *cache, const char *sql);

/* Reset every cached statement (ends their reads, so a transaction can end). */
void mci_stmt_cache_reset_all(mci_stmt_cache *cache);

#endif
