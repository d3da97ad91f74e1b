/* rules/hold_limits.h - how much unpaid inventory one member may hold, and for how long a hold
 * they let go stays out of their reach: the numbers and the refusal codes (no I/O). */
#ifndef MS_HOLD_LIMITS_H
#define MS_HOLD_LIMITS_H

#include <stdbool.h>

#include "rules/zone.h"

/* Unpaid Razorpay room bookings (pending_payment) one member may hold at once. */
#define MS_ROOM_HOLDS_MAX 3
/* Hours of one pay-per-use (Razorpay) room booking by an on-demand user (no company
 * membership). Members paying with credits keep MS_BOOKING_HOURS_MAX. */
#define MS_ON_DEMAND_HOURS_MAX 4
/* Held (unpaid) day-pass seats one member may hold at once, over all their checkouts. */
#define MS_PASS_HOLDS_MAX 20
/* Unpaid Razorpay desk days (pending_payment) one member may hold at once. */
#define MS_DESK_HOLDS_MAX 3
/* After a member's unpaid hold lapses or they cancel it, they cannot hold the same thing
 * again (the same room at an overlapping time, a pass in the same building on the same
 * date, the same desk on the same date) for this long. */
#define MS_HOLD_COOLDOWN_MIN 30
#define MS_HOLD_COOLDOWN_MS  (MS_HOLD_COOLDOWN_MIN * MS_MINUTE_MS)

/* The refusal codes of these limits (all answered 409). */
#define MS_CODE_HOLD_LIMIT    "hold_limit"
#define MS_CODE_TOO_LONG      "booking_too_long"
#define MS_CODE_HOLD_COOLDOWN "hold_cooldown"

/* Whether code is one of the three above (NULL: false). Pure. */
bool ms_is_hold_refusal(const char *code);

/* Whole minutes, rounded up, from now_ms until until_ms (0 when it has passed). Pure. */
long long ms_minutes_until(long long now_ms, long long until_ms);

#endif
