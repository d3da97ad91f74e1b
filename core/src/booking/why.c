/* booking/why.c - the words for why a room offers no block (rule and particulars). Pure. */
#include "booking/why.h"

#include <stdio.h>

static const char *const weekdays[] = {"",          "Mondays", "Tuesdays",  "Wednesdays",
                                       "Thursdays", "Fridays", "Saturdays", "Sundays"};

void mci_why_hhmm(int32_t minute, char *out, size_t cap)
{
    snprintf(out, cap, "%02d:%02d", (int)(minute / 60), (int)(minute % 60));
}

void mci_why_words(mc_rule rule, const mci_why_facts *f, char *out, size_t cap)
{
    const char *what = f->room_id != NULL ? f->room_id : f->building_id;
    const char *every = f->room_id != NULL ? "" : " in every room";
    const char *day = f->weekday >= 1 && f->weekday <= 7 ? weekdays[f->weekday] : "that day";
    char open[8], close[8], from[8], to[8];
    mci_why_hhmm(f->hours.open_min, open, sizeof open);
    mci_why_hhmm(f->hours.close_min, close, sizeof close);
    mci_why_hhmm(f->from_min, from, sizeof from);
    mci_why_hhmm(f->to_min, to, sizeof to);
    const char *reason = f->blackout_reason != NULL ? f->blackout_reason : "";
    switch (rule) {
    case MC_RULE_CLOSED:
        snprintf(out, cap, "%s is closed on %s", f->building_id, day);
        break;
    case MC_RULE_OUTSIDE_HOURS:
        snprintf(out, cap, "%s is open %s-%s on %s: no block between %s and %s", f->building_id,
                 open, close, day, from, to);
        break;
    case MC_RULE_BLACKOUT:
        snprintf(out, cap, "%s is blacked out on %s%s%s", what, f->date, reason[0] ? ": " : "",
                 reason);
        break;
    case MC_RULE_PAST:
        if (f->is_today)
            snprintf(out, cap, "the blocks asked for on %s are past", f->date);
        else
            snprintf(out, cap, "%s is in the past", f->date);
        break;
    case MC_RULE_TOO_SOON:
        snprintf(out, cap,
                 "too soon: the blocks left on %s start within the minimum notice (%d min)",
                 f->date, (int)f->min_notice_min);
        break;
    case MC_RULE_BEYOND_WINDOW:
        snprintf(out, cap,
                 "%s is beyond the booking window: %s takes bookings %d days ahead (until %s)",
                 f->date, f->building_id, (int)f->window_days, f->last_date);
        break;
    case MC_RULE_TAKEN:
        snprintf(out, cap, "every block asked for on %s is taken%s", f->date, every);
        break;
    case MC_RULE_NO_ROOM:
        snprintf(out, cap, "no room of %s has the capacity and amenities asked", f->building_id);
        break;
    default:
        snprintf(out, cap, "no block is free");
        break;
    }
}
