/* domain/credits.h - company credits: the balance, the ledger, the monthly reset (building-local
 * month).
 */
#ifndef MS_CREDITS_H
#define MS_CREDITS_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

/*
 * If now falls in a later building-local month (of the company's building)
 * than the balance belongs to, the balance becomes monthly_credits: a
 * `monthly_reset` ledger line (delta = the change, possibly 0) dated at the
 * start of now's local month (00:00 on the 1st in the building's zone), and the
 * company, the line and its members' memberships (their desk days' month) are change-logged. A
 * clock set back never resets. Ledger lines are never dated before the company's previous line. 0 /
 * -1.
 */
int ms_credits_refresh(sqlite3 *db, const char *company_id, int64_t now_ms);
/* ms_credits_refresh for every company. 0 / -1. */
int ms_credits_refresh_all(sqlite3 *db, int64_t now_ms);

/* The company's balance (after ms_credits_refresh). 0 / -1. */
int ms_credits_balance(sqlite3 *db, const char *company_id, int64_t *out);

/*
 * Move the balance by delta (negative for a booking) with a ledger line of
 * reason "booking" or "refund" for reservation_id, both change-logged. 0; 1
 * when the balance would go below zero (nothing written); -1 on error.
 */
int ms_credits_apply(sqlite3 *db, const char *company_id, int64_t delta, const char *reason,
                     const char *reservation_id, int64_t now_ms);
/* The same for a desk booking: the ledger line names desk_booking_id. 0; 1; -1 as above. */
int ms_credits_apply_desk(sqlite3 *db, const char *company_id, int64_t delta, const char *reason,
                          const char *desk_booking_id, int64_t now_ms);

#endif
