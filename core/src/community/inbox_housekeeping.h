/*
 * community/inbox_housekeeping.h - the inbox's housekeeping behind membercore/notifications.h:
 * pruning old read notifications (for the sync round's hook as well as the public call).
 */
#ifndef MCI_COMMUNITY_INBOX_HOUSEKEEPING_H
#define MCI_COMMUNITY_INBOX_HOUSEKEEPING_H

#include <stdint.h>

#include "handle/handle.h"
#include "membercore/error.h"

/* mc_notifications_prune without the call guard (internal callers: the sync round). Takes the
 * client's lock. */
mc_status mci_notifications_prune(mc_client *client, int32_t older_than_days, int64_t *pruned,
                                  mc_error *err);

#endif
