/*
 * community/reads.h - the community module's reads inside a caller's read transaction, for a
 * screen that reads several features at once (Today: one read transaction): events, the
 * inbox's unread counts, announcements and offers. The public lists are these on a reader of
 * their own.
 */
#ifndef MCI_COMMUNITY_READS_H
#define MCI_COMMUNITY_READS_H

#include <stdint.h>

#include "membercore/announcements.h"
#include "membercore/community.h"
#include "membercore/error.h"
#include "membercore/offers.h"
#include "read/page.h"
#include "read/read.h"

/* A page of events ending after from_ms, soonest first, with the member's RSVP (queued ones
 * layered on) and local times, into list: what mc_events_page reads. */
mc_status mci_events_read(mci_reader *r, int64_t from_ms, const mci_page *page, mc_event_list *list,
                          mc_error *err);

/* Free what an event or announcement holds (not the struct itself). */
void mci_event_clear(mc_event *ev);
void mci_announcement_clear(mc_announcement *a);

/* The unread notifications as the inbox counts them (reads and marks of all queued here
 * count as read) into *total and by_category. */
mc_status mci_notifications_unread(mci_reader *r, int32_t *total,
                                   int32_t by_category[MC_NOTIFY_CATEGORY_COUNT], mc_error *err);

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
