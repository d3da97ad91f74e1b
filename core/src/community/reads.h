/*
 * community/reads.h - the community module's reads on a reader the caller holds: what the
 * public list functions read (events, the inbox's unread counts, announcements, offers),
 * shared with a screen that reads several areas in one read transaction (Today).
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

/* A page of the announcements live at now_ms (pinned first, then newest; queued reads layered
 * on; local times filled) and the unread count, into list: what mc_announcements_page reads. */
mc_status mci_announcements_read(mci_reader *r, int64_t now_ms, const mci_page *page,
                                 mc_announcement_list *list, mc_error *err);

/* The offers valid at now_ms (the member's building's date) in the member's scope, redeemable
 * ones first, into list: what mc_offers_list reads. */
mc_status mci_offers_read(mci_reader *r, int64_t now_ms, mc_offer_list *list, mc_error *err);

#endif
