/*
 * catalog/zones.h - the zone book: the local time of an instant in the building it belongs
 * to, for a read that fills many mc_local_time fields (a page of bookings, an inbox).
 *
 * A book loads each building's zone from the store once (when first asked) and keeps
 * it for the book's life, so a page costs one small read per building, not per row.
 * The building falls back as membercore/localtime.h says: the entity's building, else
 * the signed-in member's own (account.building_id), else UTC. Open one per read
 * transaction, on that transaction's connection; not thread-safe (one reader's).
 */
#ifndef MCI_CATALOG_ZONES_H
#define MCI_CATALOG_ZONES_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "store/stmt_cache.h"

typedef struct mci_zone_book mci_zone_book;

/* A book over db into *out, its statements from stmts when not NULL (both borrowed: they
 * must outlive the book). Reads nothing yet. MC_ERR_NO_MEMORY (then *out is NULL). */
mc_status mci_zone_book_new(sqlite3 *db, mci_stmt_cache *stmts, mci_zone_book **out, mc_error *err);

/* NULL is a no-op. */
void mci_zone_book_free(mci_zone_book *book);

/*
 * *out = utc_ms in building_id's local time (NULL or "": the member's own building; an
 * unknown building falls back). utc_ms 0 gives the all-zero value.
 * Errors: MC_ERR_STORAGE, MC_ERR_NO_MEMORY (then *out is all zeros).
 */
mc_status mci_zone_book_local(mci_zone_book *book, const char *building_id, int64_t utc_ms,
                              mc_local_time *out, mc_error *err);

/* Fill an item's local times from book (an mci_zone_book_each callback). */
typedef mc_status (*mci_localize_fn)(mci_zone_book *book, void *item, mc_error *err);

/* Call localize on each of the count items (each size bytes, from items on) with one new
 * book over db: a page read's last step. The first error stops the walk. */
mc_status mci_zone_book_each(sqlite3 *db, mci_stmt_cache *stmts, void *items, size_t count,
                             size_t size, mci_localize_fn localize, mc_error *err);

/* The same for one instant, on a reader of its own: for a struct handed out after a
 * write (a booking just made, an order). Errors: MC_ERR_UNAUTHORIZED is not one (any
 * reader), MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_local_time_in(mc_client *c, const char *building_id, int64_t utc_ms,
                            mc_local_time *out, mc_error *err);

#endif
