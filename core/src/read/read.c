/* read/read.c - the pool of read-only connections readers borrow, one read transaction each. */
#include "read/read.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

struct mci_read_pool {
    pthread_mutex_t lock;
    pthread_cond_t returned;
    char *path;
    int open;                           /* connections opened so far */
    bool busy[MCI_READ_POOL_MAX];       /* lent out */
    mci_reader slot[MCI_READ_POOL_MAX]; /* db NULL until opened */
};

/*
 * Tuned for a phone (docs/decisions.md, "The read layer"): a 2 MiB page cache
 * per reader (a screen's pages and the index levels above them stay hot; four
 * readers and the writer stay near 12 MiB), reads through a 64 MiB memory
 * map (address space, not RAM: the OS page cache serves it without a copy),
 * temporary sorts in memory (a page sort is small; flash writes are slow and
 * wear), and query_only as a guard. busy_timeout covers a checkpoint's moment.
 */
static const char reader_pragmas[] = "PRAGMA cache_size = -2048;"
                                     "PRAGMA mmap_size = 67108864;"
                                     "PRAGMA temp_store = MEMORY;"
                                     "PRAGMA query_only = ON;";

mci_read_pool *mci_read_pool_new(const char *path)
{
    mci_read_pool *pool = calloc(1, sizeof *pool);
    if (pool == NULL || (pool->path = mci_strdup(path)) == NULL) {
        free(pool);
        return NULL;
    }
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->returned, NULL);
    return pool;
}

void mci_read_pool_free(mci_read_pool *pool)
{
    if (pool == NULL)
        return;
    for (int i = 0; i < pool->open; i++) {
        mci_stmt_cache_free(pool->slot[i].stmts);
        sqlite3_close(pool->slot[i].db);
    }
    pthread_cond_destroy(&pool->returned);
    pthread_mutex_destroy(&pool->lock);
    free(pool->path);
    free(pool);
}

static mc_status open_connection(const char *path, mci_reader *r, mc_error *err)
{
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX; /* one thread at a time: lent */
    if (sqlite3_open_v2(path, &r->db, flags, NULL) != SQLITE_OK ||
        sqlite3_exec(r->db, reader_pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        (r->stmts = mci_stmt_cache_new(r->db)) == NULL) {
        mc_status st = mci_error_set(err, MC_ERR_STORAGE, "cannot open a reader on %s: %s", path,
                                     r->db ? sqlite3_errmsg(r->db) : "out of memory");
        sqlite3_close(r->db);
        r->db = NULL;
        return st;
    }
    sqlite3_extended_result_codes(r->db, 1);
    sqlite3_busy_timeout(r->db, 5000);
    return MC_OK;
}

/* A free slot, opening a connection when none is free and the pool may grow;
 * waits for one to come back otherwise. */
static mc_status borrow(mci_read_pool *pool, mci_reader **out, mc_error *err)
{
    mc_status st = MC_OK;
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        int i = 0;
        while (i < pool->open && pool->busy[i])
            i++;
        if (i < pool->open) {
            pool->busy[i] = true;
            *out = &pool->slot[i];
            break;
        }
        if (pool->open < MCI_READ_POOL_MAX) {
            st = open_connection(pool->path, &pool->slot[i], err);
            if (st == MC_OK) {
                pool->open++;
                pool->busy[i] = true;
                *out = &pool->slot[i];
            }
            break;
        }
        pthread_cond_wait(&pool->returned, &pool->lock);
    }
    pthread_mutex_unlock(&pool->lock);
    return st;
}

/* Statements of the read transaction itself, cached like every other. */
static const char begin_sql[] = "BEGIN";
static const char commit_sql[] = "COMMIT";
static const char member_sql[] = "SELECT user_id FROM account WHERE singleton = 1";

static mc_status begin(mci_read_pool *pool, bool need_member, mci_reader **out, mc_error *err)
{
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = borrow(pool, &r, err);
    if (st != MC_OK)
        return st;
    sqlite3_stmt *begin_stmt = mci_read_stmt(r, begin_sql, "beginning a read", err);
    if (begin_stmt == NULL || sqlite3_step(begin_stmt) != SQLITE_DONE) {
        st = mci_read_fail(r, "beginning a read", err);
        mci_read_end(pool, r);
        return st;
    }
    sqlite3_stmt *stmt = mci_read_stmt(r, member_sql, "reading the account", err);
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_ERROR;
    if (stmt == NULL)
        st = MC_ERR_STORAGE;
    else if (rc == SQLITE_ROW && (r->user_id = mci_strdup(mci_column_text(stmt, 0))) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    else if (rc == SQLITE_DONE && need_member)
        st = mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading the account", err);
    if (stmt != NULL)
        sqlite3_reset(stmt);
    if (st != MC_OK) {
        mci_read_end(pool, r);
        return st;
    }
    *out = r;
    return MC_OK;
}

mc_status mci_read_begin(mci_read_pool *pool, mci_reader **out, mc_error *err)
{
    return begin(pool, true, out, err);
}

mc_status mci_read_begin_any(mci_read_pool *pool, mci_reader **out, mc_error *err)
{
    return begin(pool, false, out, err);
}

sqlite3_stmt *mci_read_stmt(mci_reader *r, const char *sql, const char *doing, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(r->stmts, sql);
    if (stmt == NULL)
        mci_read_fail(r, doing, err);
    return stmt;
}

mc_status mci_read_fail(mci_reader *r, const char *doing, mc_error *err)
{
    return mci_error_set(err, MC_ERR_STORAGE, "%s: %s", doing, sqlite3_errmsg(r->db));
}

void mci_read_end(mci_read_pool *pool, mci_reader *r)
{
    if (r == NULL)
        return;
    mci_stmt_cache_reset_all(r->stmts); /* a stepped statement would hold the snapshot */
    sqlite3_stmt *commit = NULL;
    if (!sqlite3_get_autocommit(r->db) &&
        ((commit = mci_stmt_cache_get(r->stmts, commit_sql)) == NULL ||
         sqlite3_step(commit) != SQLITE_DONE))
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
    if (commit != NULL)
        sqlite3_reset(commit);
    free(r->user_id);
    r->user_id = NULL;
    pthread_mutex_lock(&pool->lock);
    pool->busy[r - pool->slot] = false;
    pthread_cond_signal(&pool->returned);
    pthread_mutex_unlock(&pool->lock);
}
