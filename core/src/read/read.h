/*
 * read/read.h - the read layer: every screen read goes through here.
 *
 * Reads never wait behind reads, nor behind the writer: each reader borrows
 * its own read-only SQLite connection from a small pool (WAL lets readers run
 * beside the one writer connection, which keeps the client's lock). Each
 * pooled connection has its own statement cache, so a read compiles its SQL
 * once per connection, not per call. A reader is one read transaction: every
 * statement in it sees the same snapshot (a page and its counts agree).
 *
 * Feature modules call mci_read_begin / mci_read_stmt / mci_read_end (and the
 * paging helpers in read/page.h); they take no lock and open no statement
 * themselves. Thread-safe: any thread may borrow a reader.
 */
#ifndef MCI_READ_READ_H
#define MCI_READ_READ_H

#include <sqlite3.h>

#include "membercore/error.h"
#include "store/stmt_cache.h"

/* Connections a pool opens at most; a further reader waits for one to come back. */
#define MCI_READ_POOL_MAX 4

typedef struct mci_read_pool mci_read_pool;

/* A borrowed connection inside one read transaction. */
typedef struct mci_reader {
    sqlite3 *db;
    mci_stmt_cache *stmts;
    char *user_id; /* the signed-in member (mci_read_begin refuses when nobody is) */
} mci_reader;

/* A pool over the store file at path (connections are opened when first
 * needed; the writer must have created and migrated the store). NULL when out
 * of memory. */
mci_read_pool *mci_read_pool_new(const char *path);
/* Close every connection and free the pool; no reader may be out. NULL is fine. */
void mci_read_pool_free(mci_read_pool *pool);

/* Borrow a connection and begin a read transaction. Errors: MC_ERR_UNAUTHORIZED
 * (nobody signed in), MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_read_begin(mci_read_pool *pool, mci_reader **out, mc_error *err);

/* Like mci_read_begin, without requiring a signed-in member (user_id may be NULL). */
mc_status mci_read_begin_any(mci_read_pool *pool, mci_reader **out, mc_error *err);

/* The cached statement for sql (a string literal), reset; NULL with err set
 * (MC_ERR_STORAGE naming doing) when it does not compile. */
sqlite3_stmt *mci_read_stmt(mci_reader *reader, const char *sql, const char *doing, mc_error *err);

/* MC_ERR_STORAGE with what was being done and SQLite's message. */
mc_status mci_read_fail(mci_reader *reader, const char *doing, mc_error *err);

/* End the read transaction and give the connection back. NULL is fine. */
void mci_read_end(mci_read_pool *pool, mci_reader *reader);

#endif
