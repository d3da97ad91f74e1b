/*
 * desks/booking.h - the member's desk bookings as the screens show them, read from the
 * local store: server truth (desk_booking_row) with this device's queued desk.book
 * (pending_desk_booking) and desk.cancel layered on, each with its desk's name, its
 * cut-off and instants in the building's local time and whether its door code is here.
 * Shared by the list (read.c) and the writes that hand a booking back (bookings.c).
 */
#ifndef MCI_DESKS_BOOKING_H
#define MCI_DESKS_BOOKING_H

#include <stdbool.h>

#include "membercore/desks.h"
#include "read/page.h"
#include "read/read.h"

/* Free what b holds (not b). */
void mci_desk_booking_clear(mc_desk_booking *b);

/* Whether a booking in this status holds its desk that day. */
bool mci_desk_booking_holds(mc_desk_booking_status status);

/* A page of reader's member's bookings dated from_date ("": all) on into list. */
mc_status mci_desk_bookings_read(mci_reader *r, const char *from_date, const mci_page *page,
                                 mc_desk_booking_list *list, mc_error *err);

/* One of them by id into *out (zeroed first). MC_ERR_NOT_FOUND, MC_ERR_STORAGE. */
mc_status mci_desk_booking_find(mci_reader *r, const char *booking_id, mc_desk_booking *out,
                                mc_error *err);

/* The same on a reader of its own, into a new booking (the caller's to free). */
mc_status mci_desk_booking_get(mc_client *c, const char *booking_id, mc_desk_booking **out,
                               mc_error *err);

/* A desk from desk_row's columns (id, building_id, name, area, features, kind, mine) from
 * column `first` on, into *d (zeroed first); false when out of memory. */
bool mci_desk_of_row(sqlite3_stmt *row, int first, mc_desk *d);
/* Free what d holds (not d). */
void mci_desk_clear(mc_desk *d);

#endif
