/* domain/upkeep.h - time-driven changes, applied lazily at the start of every request. */
#ifndef MS_UPKEEP_H
#define MS_UPKEEP_H

#include "base/app.h"

/*
 * What the server clock has made due since the last request, in the
 * request's transaction (a request that fails rolls it back; the next one
 * applies it again): holds unpaid for 15 minutes lapse (room bookings and
 * pass checkouts); issued invoices past due fall overdue; companies entering a
 * new building-local month get their monthly credits; when the UTC year
 * changed, every building's zone transitions are regenerated around it (and
 * the buildings change-logged); tickets resolved 7 days ago close (their members notified);
 * walk-in visitors unanswered for 15 minutes are declined (their hosts told); announcements
 * past their expiry and offers over in every zone are retired (a delete in each member's log);
 * then the reminders and due notices that came due, each once: invoices due in 3 days,
 * bookings starting in 15 minutes, events starting in 24 hours (docs/notifications-protocol.md).
 * Each is change-logged like any other write. 0 / -1.
 */
int ms_upkeep(ms_app *app);

#endif
