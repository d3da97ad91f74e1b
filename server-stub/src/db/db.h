/* db/db.h - the server database: open, migrate (PRAGMA user_version), transactions, small helpers.
 */
#ifndef MS_DB_H
#define MS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"

/* The schema version this memberstub writes. */
#define MS_DB_SCHEMA_VERSION 13

/*
 * The data a schema step brings with it: called right after the step to version
 * (db/schema.h), in the same transaction, with the server clock at opening (the
 * instant the data is dated from). 0 / -1. (memberstub passes ms_seed_step,
 * domain/seed.h: the database layer knows the schema, not what the business seeds.)
 */
typedef int (*ms_db_fill)(sqlite3 *db, ms_rng *rng, int64_t now_ms, int version);

/*
 * Open (creating if needed) the database at path, bring its schema up to
 * MS_DB_SCHEMA_VERSION and, after each step, call fill (NULL: no data) with now_ms,
 * all in one transaction. Refuses a database written by a newer memberstub. The file and its
 * -wal/-shm/-journal are mode 0600 (readable by this user alone) whatever the umask and whatever
 * mode an existing file had. 0 and *out, or -1 (logged).
 */
int ms_db_open(const char *path, ms_rng *rng, ms_db_fill fill, int64_t now_ms, sqlite3 **out);
void ms_db_close(sqlite3 *db);

/* BEGIN IMMEDIATE (write) or BEGIN (read) / COMMIT / ROLLBACK. 0 / -1 (logged). */
int ms_db_begin(sqlite3 *db, bool write);
int ms_db_commit(sqlite3 *db);
void ms_db_rollback(sqlite3 *db);

/* Run SQL without parameters (may hold several statements). 0 / -1 (logged). */
int ms_db_exec(sqlite3 *db, const char *sql);

/*
 * Prepare sql and bind the arguments described by types, one letter each:
 * 't' const char * (text), 'i' int64_t, 'b' const void * then size_t (blob).
 * NULL on failure (logged). Finalize the statement when done.
 */
sqlite3_stmt *ms_db_query(sqlite3 *db, const char *sql, const char *types, ...);
/*
 * ms_db_query for a statement run many times (a snapshot page's per-item reads): prepared
 * once per connection and kept; the arguments are bound afresh. Give it back with
 * ms_db_release (never finalize it); one use of the same sql at a time. ms_db_close frees
 * the kept statements. NULL on failure (logged).
 */
sqlite3_stmt *ms_db_kept(sqlite3 *db, const char *sql, const char *types, ...);
/* Done with stmt: a kept one is reset for its next use, any other finalized. NULL is a no-op. */
void ms_db_release(sqlite3_stmt *stmt);
/* Same as ms_db_query, then step it to completion (INSERT, UPDATE, DELETE). 0 / -1 (logged). */
int ms_db_run(sqlite3 *db, const char *sql, const char *types, ...);
/*
 * Step a query: 1 a row is ready, 0 done, -1 error (logged).
 */
int ms_db_step(sqlite3_stmt *stmt);
/* Copy text column col into out (cap bytes, "" for NULL, truncated to fit). */
void ms_db_text(sqlite3_stmt *stmt, int col, char *out, size_t cap);

/* The secret stored under name (exactly len bytes) into out. 0 / -1. */
int ms_db_secret(sqlite3 *db, const char *name, uint8_t *out, size_t len);

#endif
