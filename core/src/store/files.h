/*
 * store/files.h - the core's files private to the device's user: every directory it creates or
 * uses is 0700 and every file it writes 0600, whatever the process umask and whatever mode an
 * existing one had (docs/security.md, "Files on the device").
 */
#ifndef MCI_STORE_FILES_H
#define MCI_STORE_FILES_H

#include <stdbool.h>

#include "membercore/error.h"

/* The store's companions beside it, named by suffixes of its path: SQLite's WAL, shared memory
 * and rollback journal (MCI_STORE_SIBLING_COUNT of them), the half-made store of a first open
 * (renamed into place once it has its schema) and the directory of photo copies. */
#define MCI_STORE_SIBLING_COUNT 3
extern const char *const mci_store_siblings[MCI_STORE_SIBLING_COUNT];
#define MCI_STORE_CREATING_SUFFIX ".creating"
#define MCI_STORE_PHOTOS_SUFFIX   "-photos"

/* mkdir -p dir: each missing component is created 0700, and dir itself (new or existing) is
 * set to 0700. `what` names it in the message ("the data directory"). MC_ERR_STORAGE naming
 * the path and the system's reason when a component cannot be made, dir is not a directory,
 * or its mode cannot be set (another user's directory). */
mc_status mci_private_dir(const char *dir, const char *what, mc_error *err);

/* open(path, O_CREAT | flags, 0600) with the mode then set to exactly 0600 (an existing file
 * too, as O_TRUNC keeps its old mode). The descriptor, or -1 with errno set. */
int mci_private_open(const char *path, int flags);

/* An existing file set to 0600 (a store left by an older version); a missing one is fine.
 * False with errno set when chmod fails. */
bool mci_private_restrict(const char *path);

/* A malloc'd a + b + c (a path and its parts), NULL when out of memory. */
char *mci_path_cat(const char *a, const char *b, const char *c);

#endif
