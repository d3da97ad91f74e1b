/* sync/kinds.c - the registry of synced entity kinds and mutation kinds (one line each). */
#include "sync/kinds.h"

#include <string.h>

static const struct {
    const char *name;
    mc_kind bit;
} entity_kinds[] = {
    {"profile", MC_KIND_PROFILE},
    {"company", MC_KIND_COMPANY},
    {"building", MC_KIND_BUILDING},
    {"room", MC_KIND_ROOM},
    {"reservation", MC_KIND_RESERVATION},
    {"event", MC_KIND_EVENT},
    {"rsvp", MC_KIND_RSVP},
    {"notification", MC_KIND_NOTIFICATION},
    {"room_busy", MC_KIND_ROOM_BUSY},
    {"credit_ledger", MC_KIND_CREDIT_LEDGER},
    {"credential", MC_KIND_CREDENTIAL},
    {"pass", MC_KIND_PASS},
    {"invoice", MC_KIND_INVOICE},
    {"membership", MC_KIND_MEMBERSHIP},
    {"ticket_category", MC_KIND_TICKET_CATEGORY},
    {"ticket", MC_KIND_TICKET},
    {"notification_prefs", MC_KIND_NOTIFICATION_PREFS},
    {"visitor", MC_KIND_VISITOR},
    {"desk", MC_KIND_DESK},
    {"desk_busy", MC_KIND_DESK_BUSY},
    {"desk_booking", MC_KIND_DESK_BOOKING},
    {"announcement", MC_KIND_ANNOUNCEMENT},
    {"offer", MC_KIND_OFFER},
};

static const mci_mutation_kind mutation_kinds[] = {
    {MCI_MUTATION_RSVP_SET, MC_KIND_EVENT | MC_KIND_RSVP},
    {MCI_MUTATION_NOTIFICATION_READ, MC_KIND_NOTIFICATION},
    {MCI_MUTATION_PUSH_TOKEN, 0},
    {MCI_MUTATION_BOOKING_CREATE, MC_KIND_RESERVATION | MC_KIND_ROOM_BUSY | MC_KIND_COMPANY},
    {MCI_MUTATION_BOOKING_CANCEL, MC_KIND_RESERVATION | MC_KIND_ROOM_BUSY | MC_KIND_COMPANY},
    {MCI_MUTATION_TICKET_CREATE, MC_KIND_TICKET},
    {MCI_MUTATION_TICKET_COMMENT, MC_KIND_TICKET},
    {MCI_MUTATION_TICKET_RESOLVE, MC_KIND_TICKET},
    {MCI_MUTATION_TICKET_REOPEN, MC_KIND_TICKET},
    {MCI_MUTATION_NOTIFICATION_READ_ALL, MC_KIND_NOTIFICATION},
    {MCI_MUTATION_NOTIFICATION_PREFS_SET, MC_KIND_NOTIFICATION_PREFS},
    {MCI_MUTATION_NOTIFICATION_PREFS_QUIET, MC_KIND_NOTIFICATION_PREFS},
    {MCI_MUTATION_PUSH_TOKEN_REMOVE, 0},
    {MCI_MUTATION_VISITOR_INVITE, MC_KIND_VISITOR},
    {MCI_MUTATION_VISITOR_CANCEL, MC_KIND_VISITOR},
    {MCI_MUTATION_VISITOR_DECIDE, MC_KIND_VISITOR},
    {MCI_MUTATION_DESK_BOOK,
     MC_KIND_DESK_BOOKING | MC_KIND_DESK_BUSY | MC_KIND_COMPANY | MC_KIND_MEMBERSHIP},
    {MCI_MUTATION_DESK_CANCEL,
     MC_KIND_DESK_BOOKING | MC_KIND_DESK_BUSY | MC_KIND_COMPANY | MC_KIND_MEMBERSHIP},
    {MCI_MUTATION_ANNOUNCEMENT_READ, MC_KIND_ANNOUNCEMENT},
};

const char *mc_kind_name(mc_kind kind)
{
    for (size_t i = 0; i < sizeof entity_kinds / sizeof *entity_kinds; i++)
        if (entity_kinds[i].bit == kind)
            return entity_kinds[i].name;
    return "unknown";
}

uint32_t mci_kind_bit(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof entity_kinds / sizeof *entity_kinds; i++)
        if (strcmp(entity_kinds[i].name, name) == 0)
            return (uint32_t)entity_kinds[i].bit;
    return 0;
}

const mci_mutation_kind *mci_mutation_kind_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof mutation_kinds / sizeof *mutation_kinds; i++)
        if (strcmp(mutation_kinds[i].name, name) == 0)
            return &mutation_kinds[i];
    return NULL;
}
