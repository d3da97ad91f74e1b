/*
 * community/overlay.h - the merge rules: server truth with the member's pending
 * intents layered on top. Pure functions over plain values; no I/O.
 */
#ifndef MCI_COMMUNITY_OVERLAY_H
#define MCI_COMMUNITY_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "membercore/community.h"

typedef struct mci_rsvp_view {
    mc_rsvp status;
    int32_t going_count;
    bool pending;
} mci_rsvp_view;

/*
 * What the member sees for an event: the server's RSVP and going count, or,
 * when an RSVP is pending (has_pending), that RSVP with the count moved by
 * one if it changes whether the member is going. The count never goes below 0.
 */
mci_rsvp_view mci_rsvp_overlay(mc_rsvp server_status, int32_t server_going, bool has_pending,
                               mc_rsvp pending_status);

/* Whether a GOING RSVP now would exceed capacity, as the member sees it. */
bool mci_rsvp_would_overflow(const mci_rsvp_view *view, int32_t capacity);

/* "going" -> MC_RSVP_GOING, "not_going" -> MC_RSVP_NOT_GOING, else NONE. */
mc_rsvp mci_rsvp_from_name(const char *name);

#endif
