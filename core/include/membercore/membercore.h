/*
 * membercore/membercore.h - the umbrella header: include this one.
 *
 * Read the headers in this order: client.h (open a client), localtime.h (how an
 * instant is shown in its building's time), money.h (amounts with their currency), auth.h
 * (sign in), sync.h (the offline-first engine), page.h (how every list is read a page at a
 * time), community.h (events, notifications), device.h (push token), booking.h
 * (meeting rooms), billing.h (passes, invoices), catalog.h (buildings), access.h
 * (door credentials and QR codes), tickets.h (facility tickets), staff.h (the staff's
 * ticket queue), error.h (what can go wrong), platform.h (what a
 * host may plug in).
 */
#ifndef MEMBERCORE_H
#define MEMBERCORE_H

#include "membercore/error.h"
#include "membercore/platform.h"
#include "membercore/transport.h"
#include "membercore/page.h"
#include "membercore/money.h"
#include "membercore/client.h"
#include "membercore/localtime.h"
#include "membercore/auth.h"
#include "membercore/sync.h"
#include "membercore/community.h"
#include "membercore/device.h"
#include "membercore/booking.h"
#include "membercore/access.h"
#include "membercore/billing.h"
#include "membercore/catalog.h"
#include "membercore/tickets.h"
#include "membercore/staff.h"
#include "membercore/notifications.h"
#include "membercore/visitors.h"
#include "membercore/desks.h"
#include "membercore/announcements.h"
#include "membercore/offers.h"
#include "membercore/calendar.h"
#include "membercore/today.h"

#endif /* MEMBERCORE_H */
