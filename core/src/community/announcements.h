/*
 * community/announcements.h - the announcements' housekeeping: one whose expiry has passed on
 * the client's clock leaves this device after a sync round (the server stops sending it, and
 * sends no deletion for it), so the store holds what the server would send.
 */
#ifndef MCI_COMMUNITY_ANNOUNCEMENTS_H
#define MCI_COMMUNITY_ANNOUNCEMENTS_H

#include <stdint.h>

#include "handle/handle.h"
#include "membercore/error.h"

/* Delete the expired announcements (entity and announcement_row) at the client's now, in one
 * write under the client's lock; *pruned (may be NULL) gets how many. MC_ERR_STORAGE,
 * MC_ERR_UNAUTHORIZED. */
mc_status mci_announcements_prune(mc_client *client, int64_t *pruned, mc_error *err);

#endif
