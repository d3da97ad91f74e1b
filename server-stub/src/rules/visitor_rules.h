/* rules/visitor_rules.h - visitors as pure decisions (no I/O, no clock): the invitation's date
 * checks in building-local days, the arrival window, the visitor's name, the statuses and the
 * moves between them with the words a refusal names them by, the 8-digit entry code as people
 * read and type it, and the invitation's SMS text (docs/notifications-protocol.md). */
#ifndef MS_VISITOR_RULES_H
#define MS_VISITOR_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/booking_rules.h"
#include "rules/zone.h"

/* A visitor's name: 1 to this many code points once trimmed. */
#define MS_VISITOR_NAME_MAX 100
/* An invitation's date is at most this many days after the building-local today. */
#define MS_VISITOR_DAYS_AHEAD_MAX 60
/* A walk-in the host has not answered declines itself this long after it was registered. */
#define MS_VISITOR_APPROVAL_MS (15 * 60 * 1000LL)
/* A visitor id: "vis_" + 32 lower-case hex characters. */
#define MS_VISITOR_ID_LEN 36
/* Room for "1234 5678" and its NUL. */
#define MS_VISITOR_CODE_WORDS_MAX 10

typedef enum ms_visitor_status {
    MS_VISITOR_INVITED,
    MS_VISITOR_ARRIVED,
    MS_VISITOR_CANCELLED,
    MS_VISITOR_AWAITING_APPROVAL,
    MS_VISITOR_DECLINED,
} ms_visitor_status;

/* The wire name ("awaiting_approval"); NULL for an out-of-range value. */
const char *ms_visitor_status_name(ms_visitor_status status);
/* The status named name (wire name). false when there is none. */
bool ms_visitor_status_parse(const char *name, ms_visitor_status *out);

/* Is id a visitor id: "vis_" and 32 lower-case hex characters? */
bool ms_visitor_id_ok(const char *id);

/* Why an invitation's date is refused (docs: invalid_date), or OK. */
typedef enum ms_visitor_date_verdict {
    MS_VISIT_DATE_OK,
    MS_VISIT_DATE_PAST,    /* before the building-local today */
    MS_VISIT_DATE_TOO_FAR, /* more than MS_VISITOR_DAYS_AHEAD_MAX days after it */
    MS_VISIT_DATE_CLOSED,  /* the building has no opening hours that weekday */
} ms_visitor_date_verdict;

/* The date rules of local date `day` (days since 1970-01-01) when the building-local today is
 * `today`, in that order. */
ms_visitor_date_verdict ms_visitor_date_check(int64_t day, int64_t today,
                                              const ms_open_hours *hours);

/* An expected arrival window, minutes after local midnight: 0 <= from < to <= 1440. */
bool ms_visitor_window_ok(int64_t from_min, int64_t to_min);

/*
 * A visitor's name: trimmed of ASCII white space, valid UTF-8 of 1..MS_VISITOR_NAME_MAX code
 * points with no control character. NULL when fine (*start, *len: the trimmed span), else what
 * is wrong, in words ("is empty", "is over 100 characters", ...).
 */
const char *ms_visitor_name_problem(const char *name, size_t *start, size_t *len);

/* What happens to a visitor. */
typedef enum ms_visitor_move {
    MS_VISIT_CANCEL,  /* the host cancels an invitation */
    MS_VISIT_CHECKIN, /* reception checks an invited visitor in, or the door lets them in */
    MS_VISIT_APPROVE, /* the host approves a walk-in */
    MS_VISIT_DECLINE, /* the host declines a walk-in */
    MS_VISIT_TIMEOUT, /* nobody answered a walk-in in time */
} ms_visitor_move;

typedef struct ms_visitor_verdict {
    bool allowed;
    ms_visitor_status to; /* when allowed */
    const char *code;     /* when refused: invalid_transition or approval_expired */
    char message[160];    /* when refused: the rule in words */
} ms_visitor_verdict;

/*
 * May move happen to a visitor in status `from`? declined_by_timeout: a declined visitor was
 * declined by the timeout (a late decision is approval_expired, not invalid_transition).
 * Allowed: cancel and check-in from invited; approve, decline and timeout from awaiting
 * approval. The refusal names the status and the move ("a visitor who was cancelled cannot be
 * checked in").
 */
ms_visitor_verdict ms_visitor_move_check(ms_visitor_status from, bool declined_by_timeout,
                                         ms_visitor_move move);

/* The 8 digits of a code as people read them: "1234 5678" (out: MS_VISITOR_CODE_WORDS_MAX). */
void ms_visitor_code_words(const char *digits8, char out[MS_VISITOR_CODE_WORDS_MAX]);

/* A code as typed ("1234 5678", "12345678", spaces anywhere, surrounding white space) into
 * 8 digits and a NUL; false when it is not 8 digits. */
bool ms_visitor_code_read(const char *typed, char out[9]);

/*
 * The invitation's SMS: "<host> invited you to <building's name> on <day words>[, HH:MM–HH:MM
 * <zone>]. Entry code 1234 5678 (show the QR code from your email at the door)". day_words: "Mon 7
 * Dec"; window_from_min < 0: none (then no zone either). Into out (cap bytes, truncated).
 */
void ms_visitor_sms_text(const char *host, const char *building, const char *day_words,
                         int window_from_min, int window_to_min, const char *zone_abbrev,
                         const char *digits8, char *out, size_t cap);

/* "Mon 7 Dec": local's date without its year (out: cap >= 16). */
void ms_visitor_day_words(const ms_local *local, char *out, size_t cap);

/* "HH:MM–HH:MM" of a window (minutes after local midnight; 1440 reads "24:00"). */
void ms_visitor_window_words(int from_min, int to_min, char *out, size_t cap);

#endif
