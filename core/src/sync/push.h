/* sync/push.h - sending the outbox to the server in order, and classifying every answer. */
#ifndef MCI_SYNC_PUSH_H
#define MCI_SYNC_PUSH_H

#include "handle/handle.h"
#include "membercore/sync.h"

/* Rows per push request (the server accepts at most 100). */
#define MCI_PUSH_BATCH 100

/*
 * Send the next batch (at most MCI_PUSH_BATCH) of user_id's unconfirmed
 * mutations, oldest first. *sent = rows sent (0: nothing left). Accepted rows
 * become ACKNOWLEDGED, refused ones REJECTED (with an event each); on any
 * failure the batch goes back to PENDING with the error recorded.
 */
mc_status mci_push_batch(mc_client *client, const char *token, const char *user_id,
                         mc_sync_report *report, int *sent, mc_error *err);

#endif
