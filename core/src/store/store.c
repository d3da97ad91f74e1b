/* store/store.c - opening the SQLite store, transactions, and the meta key/value table. */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/files.h"
#include "store/migrations.h"
#include "store/projection.h"
#include "util/error.h"
#include "util/strutil.h"

mc_status mci_store_fail(sqlite3 *db, mc_error *err, const char *doing)
{
    return mci_error_set(err, MC_ERR_STORAGE, "%s: %s", doing,
                         db ? sqlite3_errmsg(db) : "no database");
}

static mc_status exec(sqlite3 *db, const char *sql, mc_error *err, const char *doing)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        mci_error_set(err, MC_ERR_STORAGE, "%s: %s", doing, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return MC_ERR_STORAGE;
    }
    return MC_OK;
}

static mc_status damaged(const char *path, const char *why, mc_error *err)
{
    return mci_error_set(err, MC_ERR_STORE_DAMAGED,
                         "the local store %s is damaged (%s); remove it with mc_store_remove() "
                         "and open again",
                         path, why);
}

/* Open path and set it up: the pragmas, then every migration. */
static mc_status open_configured(const char *path, sqlite3 **out, mc_error *err)
{
    sqlite3 *db = NULL;
    /* NOMUTEX: every use of the connection is under the client's own lock
     * (handle/handle.h), so SQLite's per-call mutex would only cost time. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        mc_status st = mci_error_set(err, MC_ERR_STORAGE, "cannot open the store %s: %s", path,
                                     db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return st;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    /* WAL: readers never block the writer (UI thread vs sync thread).
     * synchronous=FULL: a committed write survives power loss too, not just a
     * killed process; the cost is one more fsync per commit, which a phone's
     * few writes per second do not notice.
     * The writer's page cache is 8 MiB: a pull page dirties pages of `entity`
     * and of a projection with its indexes, and a cache that spills mid-
     * transaction writes them twice. Reads through a 64 MiB memory map, temp
     * B-trees in memory (docs/decisions.md, "The read layer"). */
    mc_status st = exec(db,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA cache_size = -8192;"
                        "PRAGMA mmap_size = 67108864;"
                        "PRAGMA temp_store = MEMORY;",
                        err, "configuring the store");
    if (st == MC_OK) {
        /* Reading the schema also detects a file that is not a database. */
        st = mci_migrate(db, mci_store_migrations, mci_store_migration_count, err);
    }
    int primary = sqlite3_errcode(db) & 0xff;
    if (st != MC_OK && (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT))
        st = damaged(path, sqlite3_errmsg(db), err);
    if (st != MC_OK) {
        sqlite3_close(db);
        return st;
    }
    *out = db;
    return MC_OK;
}

static mc_status create_fail(const char *path, mc_error *err)
{
    return mci_error_set(err, MC_ERR_STORAGE, "cannot create the store %s: %s", path,
                         strerror(errno));
}

/* Remove the half-made store at tmp and its companions (a missing one is fine). */
static void remove_creating(const char *tmp)
{
    for (size_t i = 0; i < MCI_STORE_SIBLING_COUNT; i++) {
        char *sibling = mci_path_cat(tmp, mci_store_siblings[i], "");
        if (sibling != NULL)
            unlink(sibling);
        free(sibling);
    }
    unlink(tmp);
}

/* A new store at path, made beside it (0600, its schema in) and renamed into place: a crash
 * never leaves a zero-length store, which the next open would take for a damaged one. */
static mc_status create_store(const char *path, mc_error *err)
{
    char *tmp = mci_path_cat(path, MCI_STORE_CREATING_SUFFIX, "");
    if (tmp == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    remove_creating(tmp); /* left by a first open cut short */
    int fd = mci_private_open(tmp, O_RDWR | O_EXCL | O_CLOEXEC);
    mc_status st = fd >= 0 ? MC_OK : create_fail(tmp, err);
    if (fd >= 0)
        close(fd);
    sqlite3 *db = NULL;
    if (st == MC_OK)
        st = open_configured(tmp, &db, err);
    /* The last connection's close checkpoints the WAL into the file and removes it. */
    if (st == MC_OK && sqlite3_close(db) != SQLITE_OK)
        st = mci_error_set(err, MC_ERR_STORAGE, "cannot create the store %s: %s", tmp,
                           sqlite3_errmsg(db));
    if (st == MC_OK && rename(tmp, path) != 0)
        st = create_fail(path, err);
    if (st != MC_OK)
        remove_creating(tmp);
    free(tmp);
    return st;
}

/* An existing store: refused when empty or not a file; it and its companions made 0600 (an
 * older version left them to the umask). */
static mc_status check_existing(const char *path, const struct stat *info, mc_error *err)
{
    if (!S_ISREG(info->st_mode))
        return damaged(path, "not a file", err);
    if (info->st_size == 0)
        return damaged(path, "it is empty: zero bytes", err);
    bool ok = mci_private_restrict(path);
    for (size_t i = 0; ok && i < MCI_STORE_SIBLING_COUNT; i++) {
        char *sibling = mci_path_cat(path, mci_store_siblings[i], "");
        if (sibling == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        ok = mci_private_restrict(sibling);
        free(sibling);
    }
    if (!ok)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot make the store %s private: %s", path,
                             strerror(errno));
    return MC_OK;
}

mc_status mci_store_open(const char *path, sqlite3 **out, mc_error *err)
{
    struct stat info;
    mc_status st;
    if (stat(path, &info) == 0)
        st = check_existing(path, &info, err);
    else if (errno == ENOENT)
        st = create_store(path, err);
    else
        st = mci_error_set(err, MC_ERR_STORAGE, "cannot open the store %s: %s", path,
                           strerror(errno));
    /* SQLite gives the WAL, shared memory and journal the store's own mode: 0600. */
    return st == MC_OK ? open_configured(path, out, err) : st;
}

void mci_store_close(sqlite3 *db)
{
    sqlite3_close(db);
}

mc_status mci_store_begin(sqlite3 *db, mc_error *err)
{
    return exec(db, "BEGIN IMMEDIATE", err, "beginning a transaction");
}

mc_status mci_store_commit(sqlite3 *db, mc_error *err)
{
    mc_status st = exec(db, "COMMIT", err, "committing a transaction");
    if (st != MC_OK)
        mci_store_rollback(db);
    return st;
}

void mci_store_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

const char *mci_column_text(sqlite3_stmt *stmt, int i)
{
    const unsigned char *s = sqlite3_column_text(stmt, i);
    return s ? (const char *)s : "";
}

mc_status mci_meta_get(sqlite3 *db, const char *key, char **value, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) !=
        SQLITE_OK)
        return mci_store_fail(db, err, "reading meta");
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    mc_status st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *value = mci_strdup((const char *)sqlite3_column_text(stmt, 0));
        st = *value ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    } else if (rc == SQLITE_DONE) {
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "no meta value '%s'", key);
    } else {
        st = mci_store_fail(db, err, "reading meta");
    }
    sqlite3_finalize(stmt);
    return st;
}

mc_status mci_meta_set(sqlite3 *db, const char *key, const char *value, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "writing meta");
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    mc_status st =
        sqlite3_step(stmt) == SQLITE_DONE ? MC_OK : mci_store_fail(db, err, "writing meta");
    sqlite3_finalize(stmt);
    return st;
}

mc_status mci_meta_delete(sqlite3 *db, const char *key, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "DELETE FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "deleting meta");
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    mc_status st =
        sqlite3_step(stmt) == SQLITE_DONE ? MC_OK : mci_store_fail(db, err, "deleting meta");
    sqlite3_finalize(stmt);
    return st;
}

/* Server truth: `entity`, the sync position, and every feature's projection table
 * (store/projection.h lists them; a feature that adds one declares its wipe there). */
static const char forget_server_truth_sql[] =
    "DELETE FROM entity;"
    "DELETE FROM meta WHERE key IN ('" MCI_META_CURSOR "', '" MCI_META_SYNC_USER "');";

mc_status mci_store_forget_server_truth(sqlite3 *db, mc_error *err)
{
    const mci_projection *p = NULL;
    for (size_t i = 0; (p = mci_projection_at(i)) != NULL; i++)
        if (sqlite3_exec(db, p->wipe_sql, NULL, NULL, NULL) != SQLITE_OK)
            return mci_store_fail(db, err, "wiping synced data");
    if (sqlite3_exec(db, forget_server_truth_sql, NULL, NULL, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "wiping synced data");
    return MC_OK;
}
