/*
 * sync/engine.h - the sync engine's state inside a client: rounds, the thread, status.
 *
 * A round is push-everything-then-pull-to-head (push.c, pull.c), one at a
 * time per client. The background thread decides when to run one: at start,
 * on a trigger (a local write, "sync now", network back), every 60 s while
 * idle, and on the backoff timer after a failure.
 */
#ifndef MCI_SYNC_ENGINE_H
#define MCI_SYNC_ENGINE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "handle/handle.h"
#include "membercore/sync.h"

typedef struct mci_sync mci_sync;

mc_status mci_sync_new(mci_sync **out, mc_error *err);
/* Stops the thread if running, then frees. */
void mci_sync_free(mc_client *client, mci_sync *sync);

/*
 * A local write: the checks and the outbox row(s) that `write` adds, in one
 * transaction under the client lock, for the signed-in member. `write` sets
 * *queued when it queued something (a no-op write, or a change of local data
 * alone such as pruning the inbox, leaves it false). After the
 * commit, a queued write raises DATA_CHANGED for `kinds` (0: none) on this
 * thread and triggers the sync thread. MC_ERR_UNAUTHORIZED when nobody is
 * signed in.
 */
typedef mc_status (*mci_write_fn)(mc_client *client, const char *user_id, void *arg, bool *queued,
                                  mc_error *err);
mc_status mci_sync_write(mc_client *client, mci_write_fn write, void *arg, uint32_t kinds,
                         mc_error *err);

/* Stop the background thread and wait for it (mc_sync_stop without the call guard). */
void mci_sync_stop_thread(mc_client *client);
/* Ask the background thread to stop after its round, without waiting (a close from inside a
 * callback). */
void mci_sync_request_stop(mc_client *client);
/* Whether the calling thread is client's background sync thread. */
bool mci_sync_on_own_thread(const mc_client *client);
/* Wake the background thread for a round (mc_sync_trigger without the call guard). */
void mci_sync_trigger(mc_client *client);

/* Whether a long round on the background thread should end early: the thread is asked to
 * stop (a close) or sync is paused (no network use while paused). Always false on another
 * thread (mc_sync_once runs to its end). Checked between upload chunks. */
bool mci_sync_should_yield(mc_client *client);

/* Send an event to the listeners. */
void mci_sync_emit(mc_client *client, const mc_sync_event *ev);

#endif
