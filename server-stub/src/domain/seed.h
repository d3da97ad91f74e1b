/* domain/seed.h - the data a new database starts with (DOMAIN.md "Seed data"). */
#ifndef MS_SEED_H
#define MS_SEED_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"

/*
 * Every seeded instant and date is dated from now_ms, the server clock at seeding (the test
 * clock when memberstub starts with --clock-ms): rules/seed_dates.h tells the timeline.
 */

/* Insert the seed into a freshly created schema, inside the caller's transaction. 0 / -1. */
int ms_seed(sqlite3 *db, ms_rng *rng, int64_t now_ms);
/*
 * The version 2 seed (sync): the dataset epoch, event descriptions, a small
 * event, company credit balances, Asha's reservations, RSVPs and notifications
 * for every seeded member. Runs after ms_seed (or on a version 1 database being
 * migrated), in the caller's transaction. 0 / -1.
 */
int ms_seed_v2(sqlite3 *db, ms_rng *rng, int64_t now_ms);
/*
 * The version 4 seed (meeting rooms): reservation details, room_busy for every
 * confirmed reservation, the credit ledger and month, blackouts; then a new
 * dataset epoch (the synced objects changed shape). Caller's transaction. 0 / -1.
 */
int ms_seed_v4(sqlite3 *db, ms_rng *rng, int64_t now_ms);
/*
 * The version 5 seed (passes and billing): membership contract dates, ACME's
 * invoices and the numbering, the billing notifications' links; the version 4
 * guest credentials moved to `credentials`; a new dataset epoch. Caller's
 * transaction. 0 / -1.
 */
int ms_seed_v5(sqlite3 *db, ms_rng *rng, int64_t now_ms);
/*
 * The version 7 seed (money): London in pounds with VAT 20% and London prices in pence; the
 * seeded notifications' buildings; a new dataset epoch. Caller's transaction. 0 / -1.
 */
int ms_seed_v7(sqlite3 *db, ms_rng *rng);
/*
 * The version 8 seed (invoices as a member reads them): Asha's Razorpay room booking priced
 * with its tax, its paid invoice inv_5eed000000000005 and "Payment confirmed" notification
 * (ntf_5eed000000000106, read) as the live rule makes them (ms_room_invoice_paid); a new dataset
 * epoch. Caller's transaction. 0 / -1.
 */
int ms_seed_v8(sqlite3 *db, ms_rng *rng);
/*
 * The version 9 seed (facility tickets): the category tree with teams and SLA targets, the ground
 * staff (Kiran Das at BLR-1, Tom Reed at LON-1, Priya Nair at BLR-1) with role staff, every
 * building's ticket numbers at T-1000 (the next is T-1001); a new dataset epoch. Caller's
 * transaction. 0 / -1.
 */
int ms_seed_v9(sqlite3 *db, ms_rng *rng, int64_t now_ms);
/*
 * The version 10 seed (the notifications hub): the seeded notifications' kinds (the visitor
 * alerts urgent); a new dataset epoch. Caller's transaction. 0 / -1.
 */
int ms_seed_v10(sqlite3 *db, ms_rng *rng);
/*
 * The version 12 seed (hot desks): the desks of every building (Vikram's dedicated BLR-1-D14),
 * their prices and check-in cut-offs, the members' desk-day allowances (Asha 8, Olivia 5); a new
 * dataset epoch. Caller's transaction. 0 / -1.
 */
int ms_seed_v12(sqlite3 *db, ms_rng *rng);

/*
 * The version 13 seed (community): BLR-1's pinned pantry announcement (the seeded pantry
 * notifications link to it), an operator-wide one and one expiring 3 days on; the partner offers
 * Blue Tokai (shared, every building), Cult.fit (single-use, BLR-1 and MUM-1, three codes) and
 * Pret (shared, LON-1), valid from the 1st of the local month to 90 days on; a new dataset epoch.
 * Caller's transaction. 0 / -1.
 */
int ms_seed_v13(sqlite3 *db, ms_rng *rng, int64_t now_ms);

/* The seed of schema version (ms_seed, ms_seed_v2, ...; nothing for others): the fill
 * db/db.h's ms_db_open calls after each step. 0 / -1. */
int ms_seed_step(sqlite3 *db, ms_rng *rng, int64_t now_ms, int version);

#endif
