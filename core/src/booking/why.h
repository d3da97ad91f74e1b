/*
 * booking/why.h - the words for why a room offers no block: the rule that refused
 * (membercore/error.h's mc_rule) with its particulars (the weekday, the hours, the
 * blackout's reason, the notice, the window). Pure: facts in, a sentence out.
 */
#ifndef MCI_BOOKING_WHY_H
#define MCI_BOOKING_WHY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "rules/slots.h"

/* What the words may name. Strings borrowed. */
typedef struct mci_why_facts {
    const char *building_id;
    const char *room_id; /* NULL: the search as a whole (every room) */
    const char *date;    /* the building-local date asked, "YYYY-MM-DD" */
    int weekday;         /* its ISO weekday, 1..7 = Mon..Sun */
    mci_hours hours;     /* that weekday's opening hours */
    int32_t from_min;    /* the local window asked, minutes of the day */
    int32_t to_min;
    bool is_today;
    int32_t min_notice_min;
    int32_t window_days;
    const char *last_date;       /* the last bookable date, "YYYY-MM-DD" */
    const char *blackout_reason; /* of the blackout met first; "" or NULL: none given */
} mci_why_facts;

/* One sentence for rule (not MC_RULE_NONE) into out (always NUL-terminated), e.g.
 * "BLR-1 is closed on Sundays", "BLR-1-BOARD is blacked out on 2026-12-25: Christmas". */
void mci_why_words(mc_rule rule, const mci_why_facts *facts, char *out, size_t cap);

/* "HH:MM" of a minute of the day (0..1440) into out (cap >= 6). */
void mci_why_hhmm(int32_t minute, char *out, size_t cap);

#endif
