/* booking/bookings.h - what the booking module shares with its neighbours (credits). */
#ifndef MCI_BOOKING_BOOKINGS_H
#define MCI_BOOKING_BOOKINGS_H

#include <stdint.h>

#include "membercore/booking.h"
#include "read/page.h"
#include "read/read.h"
#include "store/stmt_cache.h"

/* Credits held by user_id's credit bookings the server has not yet reflected
 * in a pull, through the statement cache of a connection (a reader's, or the
 * writer's under the client lock). */
int32_t mci_booking_pending_debit(mci_stmt_cache *stmts, const char *user_id);

/* A page of reader's member's bookings ending after from_ms, soonest first, into list
 * (server truth with this device's queued creations and cancellations layered on, guests
 * and local times filled): what mc_bookings_page reads, on a reader the caller holds (a
 * reader's connection, or the writer's under the client lock wrapped as one). */
mc_status mci_bookings_read(mci_reader *r, int64_t from_ms, const mci_page *page,
                            mc_booking_list *list, mc_error *err);

/* The company's name, monthly credits and balance less this device's queued debits
 * (pending_debit) into out's company fields (the ledger untouched), as mc_credits_get reads
 * them. MC_ERR_NOT_FOUND (not synced), MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_credits_read_company(mci_reader *r, const char *company_id, mc_credits *out,
                                   mc_error *err);

#endif
