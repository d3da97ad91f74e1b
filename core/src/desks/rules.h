/*
 * desks/rules.h - the rules of a desk day, pure: whether a building-local date can be
 * booked (past, beyond the window, closed, blacked out, after today's cut-off), the words a
 * member reads for each refusal, the feature words a search may ask for, and the cut-off
 * instant of a date. Facts in, a rule and a sentence out; no store, no clock.
 */
#ifndef MCI_DESKS_RULES_H
#define MCI_DESKS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "rules/slots.h"
#include "rules/zone.h"

/* The building's cut-off when it sends none: 11:00 local. */
#define MCI_DESK_DEFAULT_CUTOFF_MIN 660

/* What decides whether a date can be booked. Strings borrowed. */
typedef struct mci_desk_day_facts {
    const char *building_id;
    const char *date;            /* "YYYY-MM-DD" as asked */
    int64_t day;                 /* its day number */
    int64_t today;               /* the building's local day now */
    int32_t now_min;             /* the building's local minute of the day now */
    int32_t window_days;         /* bookable so many days ahead */
    mci_hours hours;             /* the date's weekday's opening hours (closed: open == close) */
    bool blacked_out;            /* a building blackout overlaps the date */
    const char *blackout_reason; /* its reason ("" or NULL: none given) */
    int32_t cutoff_min;          /* the check-in cut-off, local minute of the day */
    const char *cutoff_label;    /* the zone's label at the cut-off ("IST") */
} mci_desk_day_facts;

/* The rule that keeps the date from being booked, in the server's order: MC_RULE_PAST,
 * MC_RULE_BEYOND_WINDOW, MC_RULE_CLOSED, MC_RULE_AFTER_CUTOFF (today, at or after the
 * cut-off), MC_RULE_BLACKOUT; MC_RULE_NONE when it can be. */
mc_rule mci_desk_day_rule(const mci_desk_day_facts *facts);

/* One sentence for rule about the date into out (always NUL-terminated), e.g. "BLR-1 is
 * closed on Sundays", "too late for today: BLR-1's desks are released at 11:00 IST when not
 * checked in". Also MC_RULE_TAKEN (desk_id: the desk; NULL: every desk that matches),
 * MC_RULE_ALREADY_BOOKED (desk_id: the member's desk that day) and MC_RULE_NO_ROOM (no
 * hot desk matches the area and features asked). */
void mci_desk_rule_words(mc_rule rule, const mci_desk_day_facts *facts, const char *desk_id,
                         char *out, size_t cap);

/* Whether word is one of the desk feature words (monitor, standing, window, dual_monitor,
 * quiet, phone_booth_nearby). */
bool mci_desk_feature_known(const char *word);

/* The feature words, comma-separated, for a message. */
const char *mci_desk_feature_words(void);

/* Whether joined (feature words joined by char(31)) holds word as a whole word. */
bool mci_desk_features_have(const char *joined, const char *word);

/* The UTC instant the building's wall clock reads minute on day (the first, when the
 * clock shows it twice; when skipped, the instant the clock jumps past it). */
int64_t mci_desk_local_instant(const mci_zone *zone, int64_t day, int32_t minute);

/* Whether any of blackouts[0..n) overlaps the building-local day (its index into *which). */
bool mci_desk_day_blacked_out(const mci_zone *zone, int64_t day, const mci_interval *blackouts,
                              size_t n, size_t *which);

#endif
