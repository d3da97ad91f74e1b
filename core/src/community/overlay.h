/*
 * community/overlay.h - the merge rules: server truth with the member's pending
 * intents layered on top. Pure functions over plain values; no I/O.
 */
#ifndef MCI_COMMUNITY_OVERLAY_H
#define MCI_COMMUNITY_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "membercore/community.h"

/* An event as the server last told it, with the member's RSVP. */
typedef struct mci_rsvp_truth {
    mc_rsvp status;
    int32_t going_count;
    int32_t capacity; /* 0: no limit */
    int32_t waitlist_count;
    int32_t waitlist_position; /* the member's, when status is WAITLISTED */
} mci_rsvp_truth;

typedef struct mci_rsvp_view {
    mc_rsvp status;
    int32_t going_count;
    bool pending;
    int32_t waitlist_count;
    int32_t waitlist_position; /* 0 unless status is WAITLISTED */
} mci_rsvp_view;

/*
 * What the member sees for an event: the server's truth, or, when an RSVP is
 * pending (has_pending), that RSVP layered on it. A pending GOING on an event
 * that looks full here, or has a line (the member not already going or in it),
 * shows WAITLISTED at the end of the line, as the server will place it; otherwise GOING moves the
 * going count by one. NOT_GOING takes the member off the count or the line.
 * Counts never go below 0.
 */
mci_rsvp_view mci_rsvp_overlay(const mci_rsvp_truth *server, bool has_pending,
                               mc_rsvp pending_status);

/* Whether a GOING RSVP now would find no place (and wait in line), as the member sees it. */
bool mci_rsvp_would_overflow(const mci_rsvp_view *view, int32_t capacity);

/* "going", "not_going", "waitlisted" to their mc_rsvp; anything else NONE. */
mc_rsvp mci_rsvp_from_name(const char *name);

#endif
