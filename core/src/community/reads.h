/*
 * community/reads.h - announcements and offers read inside a caller's read transaction, for a
 * screen that reads several features at once (Today: one read transaction). The public
 * mc_announcements_page and mc_offers_list are these on a reader of their own.
 */
#ifndef MCI_COMMUNITY_READS_H
#define MCI_COMMUNITY_READS_H

#include <stdint.h>

#include "membercore/announcements.h"
#include "membercore/error.h"
#include "membercore/offers.h"
#include "read/page.h"
#include "read/read.h"

/* One page of the member's live announcements at now_ms (pinned first, then newest) and the
 * unread count over all into list (zeroed; the caller frees it with
 * mc_announcement_list_free, also on error). MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_announcements_read(mci_reader *r, int64_t now_ms, const mci_page *page,
                                 mc_announcement_list *list, mc_error *err);

/* The offers valid on now_ms's date at the member's building and in its scope into list
 * (zeroed; the caller frees it with mc_offer_list_free, also on error), redeemable ones first.
 * MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_offers_read(mci_reader *r, int64_t now_ms, mc_offer_list *list, mc_error *err);

#endif
