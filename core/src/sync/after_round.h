/*
 * sync/after_round.h - the features' housekeeping after each successful sync round (the
 * inbox's retention), declared here so sync names no feature: features/after_round.c
 * defines it.
 */
#ifndef MCI_SYNC_AFTER_ROUND_H
#define MCI_SYNC_AFTER_ROUND_H

#include "handle/handle.h"
#include "membercore/sync.h"

/* Run every feature's housekeeping for client after a round that ended well (on the round's
 * thread, under the round lock, without the client's lock); add the kinds it changed to
 * report->changed_kinds. Best effort: a failure is logged and changes nothing else. */
void mci_sync_after_round(mc_client *client, mc_sync_report *report);

#endif
