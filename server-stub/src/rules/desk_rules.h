/* rules/desk_rules.h - hot desks by the day: which date may be booked, how it may be paid, when it
 * may still be cancelled, when it is released, as pure decisions (no I/O). */
#ifndef MS_DESK_RULES_H
#define MS_DESK_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/booking_rules.h"
#include "rules/zone.h"

/* The verdict on a desk day's date (checked in this order). */
typedef enum ms_desk_date_verdict {
    MS_DESK_DATE_OK,
    MS_DESK_DATE_PAST,          /* before the building-local today */
    MS_DESK_DATE_BEYOND_WINDOW, /* after today + booking_window_days */
    MS_DESK_DATE_CLOSED,        /* the building has no opening hours that weekday */
    MS_DESK_DATE_AFTER_CUTOFF,  /* today, at or after the check-in cut-off */
} ms_desk_date_verdict;

/*
 * May the local date `day` (days since 1970-01-01) be booked when the building-local today is
 * `today` and its wall clock shows now_min minutes after midnight? PAST, BEYOND_WINDOW (day >
 * today + window_days), CLOSED (no hours on its weekday), AFTER_CUTOFF (day is today and now_min
 * >= cutoff_min: the desk would be released at once). Blackouts and who holds the desk are the
 * caller's (they need the database).
 */
ms_desk_date_verdict ms_desk_date_check(int64_t day, int64_t today, int now_min,
                                        int64_t window_days, const ms_open_hours *hours,
                                        int cutoff_min);

/* How a desk day is paid. */
typedef enum ms_desk_pay {
    MS_DESK_PAY_PLAN,     /* a desk day of the membership's monthly allowance */
    MS_DESK_PAY_CREDITS,  /* the building's day_credits from the company's balance */
    MS_DESK_PAY_RAZORPAY, /* the building's day price and tax (online only) */
} ms_desk_pay;

/* "plan", "credits", "razorpay". */
const char *ms_desk_pay_name(ms_desk_pay pay);
/* The payment named name ("plan", "credits" or "razorpay"); false for anything else. */
bool ms_desk_pay_parse(const char *name, ms_desk_pay *out);

typedef enum ms_desk_pay_verdict {
    MS_DESK_PAY_OK,
    MS_DESK_PAY_NO_PLAN_DESK_DAYS,    /* plan: no membership, or its plan has no desk days */
    MS_DESK_PAY_NO_DESK_DAYS_LEFT,    /* plan: the month's allowance is used up */
    MS_DESK_PAY_NO_COMPANY,           /* credits: the user has no company */
    MS_DESK_PAY_INSUFFICIENT_CREDITS, /* credits: fewer left than day_credits */
} ms_desk_pay_verdict;

/* What the payer has: the allowance of the booked date's month and how much of it is used; a
 * company or not and its balance. */
typedef struct ms_desk_purse {
    int64_t allowance;
    int64_t used;
    bool has_company;
    int64_t balance;
} ms_desk_purse;

/* May a desk day be paid with pay from purse, at day_credits a day? Razorpay is always OK. */
ms_desk_pay_verdict ms_desk_pay_check(ms_desk_pay pay, const ms_desk_purse *purse,
                                      int64_t day_credits);

/*
 * The instant of the check-in cut-off of local date `day` in zone: cutoff_min minutes after its
 * local midnight (when that wall time does not exist, the first one after the change).
 */
int64_t ms_desk_cutoff_instant(const ms_zone *zone, int64_t day, int cutoff_min);

/* May a booking of local date `day` still be cancelled (with its desk day or credits back) at
 * now_ms? Before the cut-off instant of its date. */
bool ms_desk_cancel_open(const ms_zone *zone, int64_t day, int cutoff_min, int64_t now_ms);

/* The validity of a desk credential for local date `day`: [its first instant, the next day's). */
void ms_desk_validity(const ms_zone *zone, int64_t day, int64_t *from_ms, int64_t *until_ms);

#endif
