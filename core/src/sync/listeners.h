/*
 * sync/listeners.h - registered callbacks for sync events, immediate or queued.
 *
 * No core lock is held while a callback runs. Removal waits until a callback
 * of that listener running on another thread has returned, so a host may free
 * its context (a JNI global reference, a retained Swift box) right after
 * mc_sync_listener_remove returns.
 */
#ifndef MCI_SYNC_LISTENERS_H
#define MCI_SYNC_LISTENERS_H

#include "membercore/sync.h"

typedef struct mci_listeners mci_listeners;

mci_listeners *mci_listeners_new(void);
void mci_listeners_free(mci_listeners *listeners);

/* Send ev to every listener that wants its type (deep-copied for queues). */
void mci_listeners_emit(mci_listeners *listeners, const mc_sync_event *ev);

mc_status mci_listeners_add(mci_listeners *l, uint32_t types, mc_delivery delivery,
                            mc_sync_listener_fn fn, void *context, uint64_t *token, mc_error *err);
mc_status mci_listeners_remove(mci_listeners *l, uint64_t token, mc_error *err);
int32_t mci_listeners_deliver(mci_listeners *l);
void mci_listeners_set_wakeup(mci_listeners *l, mc_wakeup_fn fn, void *context);

#endif
