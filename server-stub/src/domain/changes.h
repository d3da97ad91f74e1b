/* domain/changes.h - the change log: appended with every write to a synced entity; epoch;
 * compaction. */
#ifndef MS_CHANGES_H
#define MS_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"
#include "base/ids.h"
#include "domain/entities.h"

/*
 * Append an upsert of entity (kind, id) carrying its current data object, in
 * the caller's transaction (the same one as the write). owner: the user whose
 * entity it is for user-scoped kinds, the company id for credit_ledger;
 * ignored otherwise. 0 / -1.
 */
int ms_change_upsert(sqlite3 *db, ms_kind kind, const char *owner, const char *id);
/* Append a delete (a tombstone) of entity (kind, id); owner as above. 0 / -1. */
int ms_change_delete(sqlite3 *db, ms_kind kind, const char *owner, const char *id);

/* The change-log head: the highest sequence ever given (0 before the first change). 0 / -1. */
int ms_changes_head(sqlite3 *db, int64_t *out);
/* The dataset epoch and the lowest sequence a cursor may still name. 0 / -1. */
int ms_changes_state(sqlite3 *db, char epoch[MS_EPOCH_MAX], int64_t *min_seq);
/*
 * Drop the whole change log. Every cursor issued before is refused from now on
 * (min_seq moves past the head; the head moves with it, so cursors issued
 * after name a later position). *deleted: rows dropped. 0 / -1.
 */
int ms_changes_compact(sqlite3 *db, int64_t *deleted);
/* Start a new dataset epoch (every earlier cursor is refused); its id into epoch. 0 / -1. */
int ms_changes_new_epoch(sqlite3 *db, ms_rng *rng, char epoch[MS_EPOCH_MAX]);

#endif
