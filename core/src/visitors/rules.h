/*
 * visitors/rules.h - the checks a member's invitation gets on the device, and the visitor's
 * states and moves (docs/notifications-protocol.md). Pure: plain values in, a status and a
 * message out; the server checks the same rules again and has the last word.
 */
#ifndef MCI_VISITORS_RULES_H
#define MCI_VISITORS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/visitors.h"
#include "rules/slots.h"

/* The wire name of a status into the enum; NULL or unknown: 0 (prints "unknown"). */
mc_visitor_status mci_visitor_status_of(const char *name);

/* A visitor's name trimmed of surrounding white space, 1..MC_VISITOR_NAME_MAX characters of
 * valid UTF-8, into *out (malloc'd; the caller frees). what names the field in messages
 * ("name"). Errors: MC_ERR_INVALID_ARG naming what is wrong, MC_ERR_NO_MEMORY. */
mc_status mci_visitor_check_name(const char *what, const char *name, char **out, mc_error *err);

/* The expected arrival window: both -1 (none), or 0 <= from < to <= 1440.
 * MC_ERR_INVALID_ARG naming the window as HH:MM otherwise. */
mc_status mci_visitor_check_window(int32_t from_min, int32_t to_min, mc_error *err);

/* date as "YYYY-MM-DD" (a real date) into *day (may be NULL): MC_ERR_INVALID_ARG naming it
 * otherwise (NULL or "": "date is required"). */
mc_status mci_visitor_parse_date(const char *date, int64_t *day, mc_error *err);

/* What the date check needs of the building: its id, its opening hours by ISO weekday
 * (closed: open == close) and its local day number today. */
typedef struct mci_visitor_day_rules {
    const char *building_id;
    const mci_hours *hours; /* [8], index 1..7 */
    int64_t today;          /* the building's local day number now */
} mci_visitor_day_rules;

/*
 * date ("YYYY-MM-DD") as an invitation date at the building: a real date (else
 * MC_ERR_INVALID_ARG), not before today, at most MC_VISITOR_DAYS_AHEAD_MAX days after it,
 * on a day the building opens (else MC_ERR_STATE: "2026-12-01 is in the past at BLR-1
 * (today there is Fri 4 Dec)", "... more than 60 days ahead ...", "BLR-1 is closed on
 * Sunday 6 Dec"). *day (may be NULL) gets its day number.
 */
mc_status mci_visitor_check_date(const mci_visitor_day_rules *rules, const char *date, int64_t *day,
                                 mc_error *err);

/* "Sunday 6 Dec" (long true) or "Sun 6 Dec" for a day number into out. */
void mci_visitor_day_words(int64_t day, bool long_weekday, char *out, size_t cap);

/* A queued move of this device on a visitor: none, a cancel, an approval, a decline. */
typedef enum mci_visitor_move {
    MCI_VISITOR_MOVE_NONE = 0,
    MCI_VISITOR_MOVE_CANCEL,
    MCI_VISITOR_MOVE_APPROVE,
    MCI_VISITOR_MOVE_DECLINE,
} mci_visitor_move;

/* The move a queued outbox row stands for, by its word: "cancel" (a visitor.cancel),
 * "approve" or "decline" (a visitor.decide's decision); NULL or anything else NONE. */
mci_visitor_move mci_visitor_move_of(const char *word);

/* The status a move leads to (NONE: status itself). */
mc_visitor_status mci_visitor_after(mc_visitor_status status, mci_visitor_move move);

/* A cancel is for an invited visitor only: MC_ERR_STATE saying what the visitor is. */
mc_status mci_visitor_check_cancel(const char *name, mc_visitor_status status, mc_error *err);

/*
 * A decision is for a walk-in awaiting approval, before its due instant by now_ms:
 * MC_ERR_STATE otherwise ("declined automatically at 10:42 IST" from due, the due
 * instant's local time; "declined automatically: nobody answered within 15 minutes" for
 * one the server declined by the timeout (timed_out); or what the visitor is).
 */
mc_status mci_visitor_check_decide(const char *name, mc_visitor_status status, bool timed_out,
                                   int64_t due_ms, const mc_local_time *due, int64_t now_ms,
                                   mc_error *err);

#endif
