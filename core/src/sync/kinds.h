/*
 * sync/kinds.h - the registry of synced entity kinds and mutation kinds.
 *
 * Adding a kind of synced data is one line in kinds.c (its wire name and
 * MC_KIND_* bit); the pull applier stores any kind generically in `entity`,
 * and keeps the typed projections its feature module declares
 * (store/projection.h) in step.
 * Adding a mutation kind is one line too (its name and the entity kinds its
 * overlay touches); the feature module that offers the write enqueues it.
 */
#ifndef MCI_SYNC_KINDS_H
#define MCI_SYNC_KINDS_H

#include <stdint.h>

#include "membercore/sync.h"

/* Every MC_KIND_* bit. */
#define MCI_KIND_ALL 0x7FFFFFu /* through MC_KIND_OFFER */

/* MC_KIND_* bit for a wire name; 0 for a kind this version does not know
 * (it is still stored, for a later version to read). */
uint32_t mci_kind_bit(const char *name);

typedef struct mci_mutation_kind {
    const char *name; /* "rsvp.set" */
    uint32_t touches; /* MC_KIND_* bits its overlay changes */
} mci_mutation_kind;

/* The registered mutation kind called name, or NULL. */
const mci_mutation_kind *mci_mutation_kind_find(const char *name);

#define MCI_MUTATION_RSVP_SET                 "rsvp.set"
#define MCI_MUTATION_NOTIFICATION_READ        "notification.read"
#define MCI_MUTATION_PUSH_TOKEN               "device.push_token"
#define MCI_MUTATION_BOOKING_CREATE           "booking.create"
#define MCI_MUTATION_BOOKING_CANCEL           "booking.cancel"
#define MCI_MUTATION_TICKET_CREATE            "ticket.create"
#define MCI_MUTATION_TICKET_COMMENT           "ticket.comment"
#define MCI_MUTATION_TICKET_RESOLVE           "ticket.resolve"
#define MCI_MUTATION_TICKET_REOPEN            "ticket.reopen"
#define MCI_MUTATION_NOTIFICATION_READ_ALL    "notification.read_all"
#define MCI_MUTATION_NOTIFICATION_PREFS_SET   "notification_prefs.set"
#define MCI_MUTATION_NOTIFICATION_PREFS_QUIET "notification_prefs.quiet_hours"
#define MCI_MUTATION_PUSH_TOKEN_REMOVE        "device.push_token.remove"
#define MCI_MUTATION_VISITOR_INVITE           "visitor.invite"
#define MCI_MUTATION_VISITOR_CANCEL           "visitor.cancel"
#define MCI_MUTATION_VISITOR_DECIDE           "visitor.decide"
#define MCI_MUTATION_DESK_BOOK                "desk.book"
#define MCI_MUTATION_DESK_CANCEL              "desk.cancel"
#define MCI_MUTATION_ANNOUNCEMENT_READ        "announcement.read"

#endif
