/*
 * features/projections.c - the one list of feature modules that keep typed projections.
 *
 * Defines store/projection.h's lookups over every feature's own table of
 * projections. A new feature with a projection adds its table here (one
 * line); sync and store never name a feature table.
 */
#include <string.h>

#include "access/projections.h"
#include "billing/projections.h"
#include "booking/projections.h"
#include "community/projections.h"
#include "desks/projections.h"
#include "store/projection.h"
#include "tickets/projections.h"
#include "visitors/projections.h"

static const struct {
    const mci_projection *items;
    const size_t *count;
} modules[] = {
    {mci_booking_projections, &mci_booking_projection_count},
    {mci_community_projections, &mci_community_projection_count},
    {mci_billing_projections, &mci_billing_projection_count},
    {mci_access_projections, &mci_access_projection_count},
    {mci_tickets_projections, &mci_tickets_projection_count},
    {mci_visitors_projections, &mci_visitors_projection_count},
    {mci_desks_projections, &mci_desks_projection_count},
};

const mci_projection *mci_projection_at(size_t i)
{
    for (size_t m = 0; m < sizeof modules / sizeof *modules; m++) {
        if (i < *modules[m].count)
            return &modules[m].items[i];
        i -= *modules[m].count;
    }
    return NULL;
}

const mci_projection *mci_projection_find(const char *kind)
{
    const mci_projection *p = NULL;
    for (size_t i = 0; kind != NULL && (p = mci_projection_at(i)) != NULL; i++)
        if (strcmp(p->kind, kind) == 0)
            return p;
    return NULL;
}
