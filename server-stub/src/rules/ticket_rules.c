/* rules/ticket_rules.c - facility tickets as pure decisions: statuses, moves, priorities, the
 * reopen window, field shapes. */
#include "rules/ticket_rules.h"

#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {"open", "assigned", "in_progress", "resolved", "closed"};
static const char *const status_words[] = {"open", "assigned", "in progress", "resolved", "closed"};
#define STATUS_COUNT (sizeof status_names / sizeof status_names[0])

const char *ms_ticket_status_name(ms_ticket_status status)
{
    return (size_t)status < STATUS_COUNT ? status_names[status] : NULL;
}

const char *ms_ticket_status_words(ms_ticket_status status)
{
    return (size_t)status < STATUS_COUNT ? status_words[status] : "unknown";
}

bool ms_ticket_status_parse(const char *name, ms_ticket_status *out)
{
    for (size_t i = 0; name && i < STATUS_COUNT; i++)
        if (strcmp(name, status_names[i]) == 0) {
            *out = (ms_ticket_status)i;
            return true;
        }
    return false;
}

static const char *const priority_names[] = {"low", "normal", "high", "urgent"};
#define PRIORITY_COUNT (sizeof priority_names / sizeof priority_names[0])

const char *ms_ticket_priority_name(ms_ticket_priority priority)
{
    return (size_t)priority < PRIORITY_COUNT ? priority_names[priority] : NULL;
}

bool ms_ticket_priority_parse(const char *name, ms_ticket_priority *out)
{
    for (size_t i = 0; name && i < PRIORITY_COUNT; i++)
        if (strcmp(name, priority_names[i]) == 0) {
            *out = (ms_ticket_priority)i;
            return true;
        }
    return false;
}

int64_t ms_ticket_priority_minutes(int64_t minutes, ms_ticket_priority priority)
{
    switch (priority) {
    case MS_PRIORITY_URGENT:
        return (minutes + 3) / 4;
    case MS_PRIORITY_HIGH:
        return (minutes + 1) / 2;
    case MS_PRIORITY_LOW:
        return minutes * 2;
    case MS_PRIORITY_NORMAL:
        break;
    }
    return minutes;
}

int64_t ms_ticket_reopen_until(int64_t resolved_at_ms)
{
    return resolved_at_ms + MS_TICKET_REOPEN_WINDOW_MS;
}

/* The past participle a refusal names a move by; it also names the status the move leads to. */
static const char *move_words(ms_ticket_move move)
{
    switch (move) {
    case MS_MOVE_ASSIGN:
        return "assigned";
    case MS_MOVE_START:
        return "started (in progress)";
    case MS_MOVE_RESOLVE:
        return "resolved";
    case MS_MOVE_REOPEN:
        return "reopened";
    case MS_MOVE_CLOSE:
        return "closed";
    }
    return "moved";
}

static ms_ticket_verdict allow(ms_ticket_status to)
{
    ms_ticket_verdict v = {.allowed = true, .to = to, .code = ""};
    return v;
}

/* Refuse move from `from` with code; hint (may be "") follows a colon. */
static ms_ticket_verdict refuse(ms_ticket_status from, ms_ticket_move move, const char *code,
                                const char *hint)
{
    ms_ticket_verdict v = {.allowed = false, .to = from, .code = code};
    snprintf(v.message, sizeof v.message, "a ticket that is %s cannot be %s%s%s",
             ms_ticket_status_words(from), move_words(move), *hint ? ": " : "", hint);
    return v;
}

/* The hint for a refused move out of from. */
static const char *hint_for(ms_ticket_status from, ms_ticket_move move)
{
    if (from == MS_TICKET_CLOSED)
        return "closed is final";
    if (from == MS_TICKET_OPEN && move == MS_MOVE_START)
        return "assign it first";
    if (from == MS_TICKET_RESOLVED && move != MS_MOVE_RESOLVE)
        return "reopen it first";
    if (move == MS_MOVE_REOPEN)
        return "only a resolved ticket can be reopened";
    if (move == MS_MOVE_CLOSE)
        return "only a resolved ticket closes, 7 days after it was resolved";
    return "it already is";
}

ms_ticket_verdict ms_ticket_decide(const ms_ticket_state *state, ms_ticket_move move,
                                   ms_ticket_actor actor, int64_t now_ms)
{
    ms_ticket_status from = state->status;
    bool active =
        from == MS_TICKET_OPEN || from == MS_TICKET_ASSIGNED || from == MS_TICKET_IN_PROGRESS;
    switch (move) {
    case MS_MOVE_ASSIGN:
        if (actor == MS_ACTOR_STAFF && active)
            return allow(from == MS_TICKET_OPEN ? MS_TICKET_ASSIGNED : from);
        break;
    case MS_MOVE_START:
        if (actor == MS_ACTOR_STAFF && from == MS_TICKET_ASSIGNED)
            return allow(MS_TICKET_IN_PROGRESS);
        break;
    case MS_MOVE_RESOLVE:
        if (actor == MS_ACTOR_MEMBER && active)
            return allow(MS_TICKET_RESOLVED);
        if (actor == MS_ACTOR_STAFF &&
            (from == MS_TICKET_ASSIGNED || from == MS_TICKET_IN_PROGRESS))
            return allow(MS_TICKET_RESOLVED);
        if (actor == MS_ACTOR_STAFF && from == MS_TICKET_OPEN)
            return refuse(from, move, "invalid_transition", "assign it first");
        break;
    case MS_MOVE_REOPEN:
        if (actor == MS_ACTOR_SYSTEM)
            break;
        if (from == MS_TICKET_RESOLVED && now_ms <= ms_ticket_reopen_until(state->resolved_at_ms))
            return allow(state->has_assignee ? MS_TICKET_ASSIGNED : MS_TICKET_OPEN);
        if (actor == MS_ACTOR_MEMBER && (from == MS_TICKET_CLOSED || from == MS_TICKET_RESOLVED))
            return refuse(from, move, "reopen_window_passed",
                          "a ticket can be reopened within 7 days of being resolved");
        break;
    case MS_MOVE_CLOSE:
        if (actor == MS_ACTOR_SYSTEM && from == MS_TICKET_RESOLVED &&
            now_ms >= ms_ticket_reopen_until(state->resolved_at_ms))
            return allow(MS_TICKET_CLOSED);
        break;
    }
    return refuse(from, move, "invalid_transition", hint_for(from, move));
}

static bool is_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool hex_run(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_lower_hex(s[i]))
            return false;
    return s[n] == '\0';
}

bool ms_ticket_id_valid(const char *id, const char *prefix)
{
    size_t p = strlen(prefix);
    return id && strncmp(id, prefix, p) == 0 && strlen(id) == p + 32 && hex_run(id + p, 32);
}

bool ms_ticket_sha256_valid(const char *s)
{
    return s && strlen(s) == 64 && hex_run(s, 64);
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The length of the UTF-8 sequence at s (1..4), 0 when it is not a valid one (overlong forms,
 * surrogates and values past U+10FFFF are invalid). */
static size_t utf8_sequence(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp, min;
    if ((c & 0xe0) == 0xc0) {
        n = 2, cp = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3, cp = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

ms_ticket_text_verdict ms_ticket_text_check(const char *text, size_t max, size_t *start,
                                            size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t end = strlen(text), begin = 0;
    while (begin < end && is_space(s[begin]))
        begin++;
    while (end > begin && is_space(s[end - 1]))
        end--;
    if (begin == end)
        return MS_TEXT_EMPTY;
    size_t points = 0;
    for (size_t i = begin; i < end;) {
        size_t n = utf8_sequence(s + i);
        if (n == 0 || i + n > end)
            return MS_TEXT_NOT_UTF8;
        i += n;
        points++;
    }
    if (points > max)
        return MS_TEXT_TOO_LONG;
    *start = begin;
    *len = end - begin;
    return MS_TEXT_OK;
}

bool ms_ticket_photo_type_valid(const char *content_type)
{
    return content_type &&
           (strcmp(content_type, "image/jpeg") == 0 || strcmp(content_type, "image/png") == 0);
}
