/* rules/desk_rules.c - hot desks by the day: which date may be booked, how it may be paid, when it
 * may still be cancelled, when it is released, as pure decisions (no I/O). */
#include "rules/desk_rules.h"

#include <string.h>

ms_desk_date_verdict ms_desk_date_check(int64_t day, int64_t today, int now_min,
                                        int64_t window_days, const ms_open_hours *hours,
                                        int cutoff_min)
{
    if (day < today)
        return MS_DESK_DATE_PAST;
    if (day > today + window_days)
        return MS_DESK_DATE_BEYOND_WINDOW;
    if (!hours->open[ms_weekday_of_days(day)])
        return MS_DESK_DATE_CLOSED;
    if (day == today && now_min >= cutoff_min)
        return MS_DESK_DATE_AFTER_CUTOFF;
    return MS_DESK_DATE_OK;
}

static const char *const pay_names[] = {"plan", "credits", "razorpay"};

const char *ms_desk_pay_name(ms_desk_pay pay)
{
    return (unsigned)pay < sizeof pay_names / sizeof pay_names[0] ? pay_names[pay] : "?";
}

bool ms_desk_pay_parse(const char *name, ms_desk_pay *out)
{
    for (size_t i = 0; name && i < sizeof pay_names / sizeof pay_names[0]; i++)
        if (strcmp(name, pay_names[i]) == 0) {
            *out = (ms_desk_pay)i;
            return true;
        }
    return false;
}

ms_desk_pay_verdict ms_desk_pay_check(ms_desk_pay pay, const ms_desk_purse *purse,
                                      int64_t day_credits)
{
    switch (pay) {
    case MS_DESK_PAY_PLAN:
        if (purse->allowance <= 0)
            return MS_DESK_PAY_NO_PLAN_DESK_DAYS;
        return purse->used >= purse->allowance ? MS_DESK_PAY_NO_DESK_DAYS_LEFT : MS_DESK_PAY_OK;
    case MS_DESK_PAY_CREDITS:
        if (!purse->has_company)
            return MS_DESK_PAY_NO_COMPANY;
        return purse->balance < day_credits ? MS_DESK_PAY_INSUFFICIENT_CREDITS : MS_DESK_PAY_OK;
    case MS_DESK_PAY_RAZORPAY:
        break;
    }
    return MS_DESK_PAY_OK;
}

int64_t ms_desk_cutoff_instant(const ms_zone *zone, int64_t day, int cutoff_min)
{
    int64_t wall = day * MS_DAY_MS + (int64_t)cutoff_min * MS_MINUTE_MS, at;
    /* A wall time skipped by a change to a larger offset: the first minute that exists after. */
    for (int i = 0; i < 24 * 60; i++, wall += MS_MINUTE_MS)
        if (ms_zone_first_instant(zone, wall, &at))
            return at;
    return ms_zone_day_start(zone, day + 1);
}

bool ms_desk_cancel_open(const ms_zone *zone, int64_t day, int cutoff_min, int64_t now_ms)
{
    return now_ms < ms_desk_cutoff_instant(zone, day, cutoff_min);
}

void ms_desk_validity(const ms_zone *zone, int64_t day, int64_t *from_ms, int64_t *until_ms)
{
    *from_ms = ms_zone_day_start(zone, day);
    *until_ms = ms_zone_day_start(zone, day + 1);
}
