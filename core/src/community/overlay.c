/* community/overlay.c - merge rules for events: server truth plus pending RSVPs. Pure. */
#include "community/overlay.h"

#include <string.h>

static const char *const rsvp_names[] = {"none", "going", "not_going", "waitlisted"};

const char *mc_rsvp_name(mc_rsvp rsvp)
{
    if ((unsigned)rsvp < sizeof rsvp_names / sizeof *rsvp_names)
        return rsvp_names[rsvp];
    return "unknown";
}

mc_rsvp mci_rsvp_from_name(const char *name)
{
    for (size_t i = 1; name != NULL && i < sizeof rsvp_names / sizeof *rsvp_names; i++)
        if (strcmp(name, rsvp_names[i]) == 0)
            return (mc_rsvp)i;
    return MC_RSVP_NONE;
}

static int32_t at_least_zero(int32_t n)
{
    return n < 0 ? 0 : n;
}

mci_rsvp_view mci_rsvp_overlay(const mci_rsvp_truth *server, bool has_pending,
                               mc_rsvp pending_status)
{
    mci_rsvp_view v = {server->status, at_least_zero(server->going_count), false,
                       at_least_zero(server->waitlist_count), 0};
    if (v.status == MC_RSVP_WAITLISTED)
        v.waitlist_position = server->waitlist_position > 0 ? server->waitlist_position : 1;
    if (!has_pending)
        return v;
    v.pending = true;
    if (pending_status == MC_RSVP_GOING) {
        if (v.status == MC_RSVP_GOING || v.status == MC_RSVP_WAITLISTED)
            return v; /* already going or in line: the server keeps it so */
        if (mci_rsvp_would_overflow(&v, server->capacity) || v.waitlist_count > 0) {
            v.status = MC_RSVP_WAITLISTED;
            v.waitlist_count++;
            v.waitlist_position = v.waitlist_count;
        } else {
            v.status = MC_RSVP_GOING;
            v.going_count++;
        }
        return v;
    }
    if (v.status == MC_RSVP_GOING && v.going_count > 0)
        v.going_count--;
    if (v.status == MC_RSVP_WAITLISTED && v.waitlist_count > 0)
        v.waitlist_count--;
    v.status = pending_status;
    v.waitlist_position = 0;
    return v;
}

bool mci_rsvp_would_overflow(const mci_rsvp_view *view, int32_t capacity)
{
    return view->status != MC_RSVP_GOING && capacity > 0 && view->going_count >= capacity;
}
