/*
 * sync/outbox.h - the outbox: pending intents, in order, with their delivery state.
 *
 * A feature module enqueues inside its own transaction (the one that holds
 * any local effect), so the intent and its effect land together or not at
 * all. Mutation ids come from SQLite's AUTOINCREMENT: monotonic for the life
 * of the install, never reused, even after rows are deleted.
 */
#ifndef MCI_SYNC_OUTBOX_H
#define MCI_SYNC_OUTBOX_H

#include <cJSON.h>
#include <sqlite3.h>
#include <stdint.h>

#include "handle/handle.h"
#include "membercore/sync.h"

/* Append a mutation for user_id (caller holds the lock and a transaction).
 * payload is serialised here; *mutation_id (may be NULL) gets its id. */
mc_status mci_outbox_enqueue(mc_client *client, const char *user_id, const char *kind,
                             const char *entity_id, const cJSON *payload, int64_t *mutation_id,
                             mc_error *err);

/* In-flight rows become pending again: after a crash their fate is unknown,
 * and resending is safe (idempotency keys). Called when a client opens. */
mc_status mci_outbox_recover(sqlite3 *db, mc_error *err);

/* Counts for the status: rows not yet accepted, and rejected rows. */
mc_status mci_outbox_counts(sqlite3 *db, int32_t *unconfirmed, int32_t *rejected, mc_error *err);

/* Rows the server confirmed, once a pull reflects them up to acked. */
mc_status mci_outbox_forget_acked(sqlite3 *db, int64_t acked, mc_error *err);

#endif
