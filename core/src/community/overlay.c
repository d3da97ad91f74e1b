/* community/overlay.c - merge rules for events: server truth plus pending RSVPs. Pure. */
#include "community/overlay.h"

#include <string.h>

static const char *const rsvp_names[] = {"none", "going", "not_going"};

const char *mc_rsvp_name(mc_rsvp rsvp)
{
    if ((unsigned)rsvp < sizeof rsvp_names / sizeof *rsvp_names)
        return rsvp_names[rsvp];
    return "unknown";
}

mc_rsvp mci_rsvp_from_name(const char *name)
{
    if (name != NULL && strcmp(name, "going") == 0)
        return MC_RSVP_GOING;
    if (name != NULL && strcmp(name, "not_going") == 0)
        return MC_RSVP_NOT_GOING;
    return MC_RSVP_NONE;
}

mci_rsvp_view mci_rsvp_overlay(mc_rsvp server_status, int32_t server_going, bool has_pending,
                               mc_rsvp pending_status)
{
    mci_rsvp_view v = {server_status, server_going < 0 ? 0 : server_going, false};
    if (!has_pending)
        return v;
    bool was_going = server_status == MC_RSVP_GOING;
    bool will_go = pending_status == MC_RSVP_GOING;
    if (will_go && !was_going)
        v.going_count++;
    else if (!will_go && was_going && v.going_count > 0)
        v.going_count--;
    v.status = pending_status;
    v.pending = true;
    return v;
}

bool mci_rsvp_would_overflow(const mci_rsvp_view *view, int32_t capacity)
{
    return view->status != MC_RSVP_GOING && capacity > 0 && view->going_count >= capacity;
}
