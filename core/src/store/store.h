/*
 * store/store.h - the local SQLite store: the connection, transactions and meta facts.
 *
 * `store` owns the connection and migrations; feature modules own their
 * tables and reach them through the sqlite3 handle inside transactions that
 * the store begins and ends.
 */
#ifndef MCI_STORE_H
#define MCI_STORE_H

#include <sqlite3.h>

#include "membercore/error.h"

#define MCI_STORE_FILE "membercore.db"

/* Open (creating if needed) the store at path: WAL mode, synchronous=FULL,
 * foreign keys on, a busy timeout, and every migration applied. The store and its WAL,
 * shared memory and journal are 0600 (store/files.h). MC_ERR_STORE_DAMAGED when the file is
 * empty (zero bytes), not a file, not a database or corrupt; MC_ERR_STORAGE otherwise. */
mc_status mci_store_open(const char *path, sqlite3 **out, mc_error *err);
void mci_store_close(sqlite3 *db);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE). */
mc_status mci_store_begin(sqlite3 *db, mc_error *err);
mc_status mci_store_commit(sqlite3 *db, mc_error *err);
void mci_store_rollback(sqlite3 *db);

/* Set err to MC_ERR_STORAGE with what was being done and SQLite's message. */
mc_status mci_store_fail(sqlite3 *db, mc_error *err, const char *doing);

/* Column i of a row as text, "" for NULL. */
const char *mci_column_text(sqlite3_stmt *stmt, int i);

/* meta table: *value is malloc'd (caller frees); MC_ERR_NOT_FOUND if absent. */
mc_status mci_meta_get(sqlite3 *db, const char *key, char **value, mc_error *err);
mc_status mci_meta_set(sqlite3 *db, const char *key, const char *value, mc_error *err);
mc_status mci_meta_delete(sqlite3 *db, const char *key, mc_error *err);

/* The meta keys of the sync state (the store wipes the first two with server truth). */
#define MCI_META_CURSOR       "sync.cursor"
#define MCI_META_SYNC_USER    "sync.user_id"
#define MCI_META_ACKED        "sync.acked_mutation_id"
#define MCI_META_LAST_SYNC    "sync.last_sync_ms"
#define MCI_META_LAST_ERROR   "sync.last_error"
#define MCI_META_LAST_MESSAGE "sync.last_error_message"

/*
 * Wipe server truth: every synced entity, every typed projection of them, and the pull
 * cursor with the member it was for, so that the next pull starts from nothing. Kept: the
 * outbox (local writes not yet sent), the account, this install's id. Called on logout,
 * on a sign-in as another member and on the server's reset. Caller holds the lock, inside
 * or outside a transaction.
 */
mc_status mci_store_forget_server_truth(sqlite3 *db, mc_error *err);

#endif
