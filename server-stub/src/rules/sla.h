/* rules/sla.h - a ticket's SLA due instants in the building's business hours, as a pure rule (no
 * I/O): docs/tickets-protocol.md "SLA: business hours". */
#ifndef MS_SLA_H
#define MS_SLA_H

#include <stdint.h>

#include "rules/booking_rules.h"
#include "rules/ticket_rules.h"
#include "rules/zone.h"

/*
 * The instant `business_ms` of the building's open time have run from start_ms: the clock runs
 * only inside the local opening hours of each weekday (hours; a weekday not open is skipped), so
 * a start while closed counts from the next opening. A building open all day every day counts
 * wall time (elapsed real time). A building with no open weekday at all counts wall time too.
 */
int64_t ms_sla_business_add(const ms_zone *zone, const ms_open_hours *hours, int64_t start_ms,
                            int64_t business_ms);

/* A ticket's SLA instants. */
typedef struct ms_sla_due {
    int64_t response_due_ms;   /* the response target (scaled by priority) has run */
    int64_t resolution_due_ms; /* the resolution target has run */
    int64_t at_risk_from_ms;   /* 80% of the resolution target's business minutes have run */
} ms_sla_due;

/*
 * The due instants of a ticket filed at filed_ms under a leaf with targets response_min and
 * resolution_min, at priority (ms_ticket_priority_minutes), in business hours.
 */
ms_sla_due ms_sla_due_of(const ms_zone *zone, const ms_open_hours *hours, int64_t filed_ms,
                         int64_t response_min, int64_t resolution_min, ms_ticket_priority priority);

#endif
