/*
 * store/migrations.h - versioned schema migrations over PRAGMA user_version.
 *
 * Each step runs in its own transaction together with the bump of
 * user_version, so a crash or a failing step leaves the store exactly at the
 * previous version. Steps only ever add: no step deletes member data. A store
 * whose version is newer than the code knows is refused, never downgraded.
 */
#ifndef MCI_STORE_MIGRATIONS_H
#define MCI_STORE_MIGRATIONS_H

#include <sqlite3.h>
#include <stddef.h>

#include "membercore/error.h"

typedef struct mci_migration {
    int version; /* the user_version after this step; steps are 1, 2, 3, ... */
    const char *description;
    const char *sql;
} mci_migration;

/* The store's migrations, in order, and the version they lead to. */
extern const mci_migration mci_store_migrations[];
extern const size_t mci_store_migration_count;

/* Bring db to the last step of steps[0..count). Returns MC_ERR_STORAGE (and
 * changes nothing further) if a step fails or the database is newer. */
mc_status mci_migrate(sqlite3 *db, const mci_migration *steps, size_t count, mc_error *err);

/* Read PRAGMA user_version; -1 on error. */
int mci_schema_version(sqlite3 *db);

#endif
