/* rules/ticket_rules.h - facility tickets as pure decisions (no I/O): statuses and the moves
 * between them (who may make which, the words a refusal names them by), priorities and how they
 * scale SLA targets, the 7-day reopen window and automatic close, and the shape checks of a
 * mutation's ids, texts and declared photos (docs/tickets-protocol.md). */
#ifndef MS_TICKET_RULES_H
#define MS_TICKET_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A resolved ticket may be reopened for this long, then closes by itself. */
#define MS_TICKET_REOPEN_WINDOW_MS (7 * 24 * 60 * 60 * 1000LL)
/* Description and comment text: code points after trimming. */
#define MS_TICKET_TEXT_MAX 2000
/* A cabin's or desk's name. */
#define MS_TICKET_PLACE_MAX 80
/* Photos one mutation (a filing or a comment) may carry. */
#define MS_TICKET_PHOTOS_MAX 5
/* The largest photo, in bytes (10 MiB). */
#define MS_TICKET_PHOTO_BYTES_MAX (10 * 1024 * 1024LL)

typedef enum ms_ticket_status {
    MS_TICKET_OPEN,
    MS_TICKET_ASSIGNED,
    MS_TICKET_IN_PROGRESS,
    MS_TICKET_RESOLVED,
    MS_TICKET_CLOSED,
} ms_ticket_status;

/* The wire name ("in_progress"); NULL for an out-of-range value. */
const char *ms_ticket_status_name(ms_ticket_status status);
/* The words a person reads ("in progress"). */
const char *ms_ticket_status_words(ms_ticket_status status);
/* The status named name (wire name). false when there is none. */
bool ms_ticket_status_parse(const char *name, ms_ticket_status *out);

typedef enum ms_ticket_priority {
    MS_PRIORITY_LOW,
    MS_PRIORITY_NORMAL,
    MS_PRIORITY_HIGH,
    MS_PRIORITY_URGENT,
} ms_ticket_priority;

const char *ms_ticket_priority_name(ms_ticket_priority priority);
bool ms_ticket_priority_parse(const char *name, ms_ticket_priority *out);
/* An SLA target of minutes scaled by priority: urgent x1/4, high x1/2, normal x1, low x2,
 * rounded up to whole minutes. */
int64_t ms_ticket_priority_minutes(int64_t minutes, ms_ticket_priority priority);

/* A move of a ticket. */
typedef enum ms_ticket_move {
    MS_MOVE_ASSIGN,  /* staff: open -> assigned; assigned / in progress keep their status */
    MS_MOVE_START,   /* staff: assigned -> in progress */
    MS_MOVE_RESOLVE, /* staff from assigned or in progress; the member also from open */
    MS_MOVE_REOPEN,  /* resolved -> assigned (has an assignee) or open, within the window */
    MS_MOVE_CLOSE,   /* the server: resolved -> closed once the window is over */
} ms_ticket_move;

/* Who moves it. */
typedef enum ms_ticket_actor {
    MS_ACTOR_MEMBER,
    MS_ACTOR_STAFF,
    MS_ACTOR_SYSTEM,
} ms_ticket_actor;

/* What a move asks for. */
typedef struct ms_ticket_state {
    ms_ticket_status status;
    bool has_assignee;
    int64_t resolved_at_ms; /* resolved or closed: when it was resolved */
} ms_ticket_state;

/* A move's verdict: allowed (code "") with the status it leads to, or refused with a code
 * (invalid_transition, reopen_window_passed) and a message naming from and to. */
typedef struct ms_ticket_verdict {
    bool allowed;
    ms_ticket_status to;
    const char *code;  /* static; "" when allowed */
    char message[160]; /* "a ticket that is open cannot be started: assign it first" */
} ms_ticket_verdict;

/* Whether actor may make move on a ticket in state at now_ms, and what it leads to. */
ms_ticket_verdict ms_ticket_decide(const ms_ticket_state *state, ms_ticket_move move,
                                   ms_ticket_actor actor, int64_t now_ms);

/* Until when a ticket resolved at resolved_at_ms may be reopened (and when it closes). */
int64_t ms_ticket_reopen_until(int64_t resolved_at_ms);

/* ---- the shape of a mutation's fields --------------------------------------------------- */

/* Whether id is prefix ("tkt_", "cmt_", "pho_") followed by exactly 32 lower-case hex digits. */
bool ms_ticket_id_valid(const char *id, const char *prefix);
/* Whether s is exactly 64 lower-case hex digits (a SHA-256). */
bool ms_ticket_sha256_valid(const char *s);

/* How a text field is. */
typedef enum ms_ticket_text_verdict {
    MS_TEXT_OK,
    MS_TEXT_EMPTY,    /* nothing but white space */
    MS_TEXT_TOO_LONG, /* more than max code points once trimmed */
    MS_TEXT_NOT_UTF8, /* not valid UTF-8 (or holds a NUL) */
} ms_ticket_text_verdict;

/*
 * Check text (NUL-terminated): trimmed of ASCII white space at both ends, it must be valid UTF-8
 * of 1..max code points. On MS_TEXT_OK, *start and *len give the trimmed span inside text.
 */
ms_ticket_text_verdict ms_ticket_text_check(const char *text, size_t max, size_t *start,
                                            size_t *len);

/* Whether content_type is one a photo may declare (image/jpeg, image/png). */
bool ms_ticket_photo_type_valid(const char *content_type);

#endif
