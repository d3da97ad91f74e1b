/*
 * features/after_round.c - the one list of the features' housekeeping after a sync round
 * (sync/after_round.h): the inbox's retention (read notifications older than
 * MC_NOTIFICATION_RETENTION_DAYS leave this device) and expired announcements leaving it.
 */
#include "community/announcements.h"
#include "community/inbox_housekeeping.h"
#include "membercore/notifications.h"
#include "sync/after_round.h"

void mci_sync_after_round(mc_client *c, mc_sync_report *report)
{
    mc_error err = MC_ERROR_INIT;
    int64_t pruned = 0;
    if (mci_notifications_prune(c, MC_NOTIFICATION_RETENTION_DAYS, &pruned, &err) != MC_OK)
        mci_client_log(c, MC_LOG_WARN, "pruning old notifications: %s", err.message);
    else if (pruned > 0)
        report->changed_kinds |= MC_KIND_NOTIFICATION;
    if (mci_announcements_prune(c, &pruned, &err) != MC_OK)
        mci_client_log(c, MC_LOG_WARN, "pruning expired announcements: %s", err.message);
    else if (pruned > 0)
        report->changed_kinds |= MC_KIND_ANNOUNCEMENT;
}
