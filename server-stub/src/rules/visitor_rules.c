/* rules/visitor_rules.c - visitors as pure decisions: dates, window, name, moves, the entry code
 * and the invitation's SMS (rules/visitor_rules.h). */
#include "rules/visitor_rules.h"

#include <stdio.h>
#include <string.h>

#include "rules/ticket_rules.h"

static const char *const status_names[] = {"invited", "arrived", "cancelled", "awaiting_approval",
                                           "declined"};
/* "a visitor who <phrase> cannot be ..." */
static const char *const status_phrases[] = {"is invited", "already arrived", "was cancelled",
                                             "is awaiting the host's approval", "was declined"};
static const char *const move_words[] = {"cancelled", "checked in", "approved", "declined",
                                         "declined"};

#define STATUS_COUNT (sizeof status_names / sizeof status_names[0])

const char *ms_visitor_status_name(ms_visitor_status status)
{
    return (unsigned)status < STATUS_COUNT ? status_names[status] : NULL;
}

bool ms_visitor_status_parse(const char *name, ms_visitor_status *out)
{
    for (size_t i = 0; name && i < STATUS_COUNT; i++)
        if (strcmp(name, status_names[i]) == 0) {
            *out = (ms_visitor_status)i;
            return true;
        }
    return false;
}

bool ms_visitor_id_ok(const char *id)
{
    if (!id || strlen(id) != MS_VISITOR_ID_LEN || strncmp(id, "vis_", 4) != 0)
        return false;
    for (const char *p = id + 4; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

ms_visitor_date_verdict ms_visitor_date_check(int64_t day, int64_t today,
                                              const ms_open_hours *hours)
{
    if (day < today)
        return MS_VISIT_DATE_PAST;
    if (day > today + MS_VISITOR_DAYS_AHEAD_MAX)
        return MS_VISIT_DATE_TOO_FAR;
    if (!hours->open[ms_weekday_of_days(day)])
        return MS_VISIT_DATE_CLOSED;
    return MS_VISIT_DATE_OK;
}

bool ms_visitor_window_ok(int64_t from_min, int64_t to_min)
{
    return from_min >= 0 && from_min < to_min && to_min <= 24 * 60;
}

const char *ms_visitor_name_problem(const char *name, size_t *start, size_t *len)
{
    switch (ms_ticket_text_check(name, MS_VISITOR_NAME_MAX, start, len)) {
    case MS_TEXT_OK:
        break;
    case MS_TEXT_EMPTY:
        return "is empty (1 to 100 characters)";
    case MS_TEXT_TOO_LONG:
        return "is over 100 characters";
    case MS_TEXT_NOT_UTF8:
        return "is not valid UTF-8";
    }
    for (size_t i = 0; i < *len; i++) {
        unsigned char c = (unsigned char)name[*start + i];
        if (c < 0x20 || c == 0x7f)
            return "holds a control character (a line break or tab)";
    }
    return NULL;
}

static ms_visitor_verdict allowed(ms_visitor_status to)
{
    ms_visitor_verdict v = {.allowed = true, .to = to};
    return v;
}

ms_visitor_verdict ms_visitor_move_check(ms_visitor_status from, bool declined_by_timeout,
                                         ms_visitor_move move)
{
    bool deciding = move == MS_VISIT_APPROVE || move == MS_VISIT_DECLINE;
    if (from == MS_VISITOR_INVITED && move == MS_VISIT_CANCEL)
        return allowed(MS_VISITOR_CANCELLED);
    if (from == MS_VISITOR_INVITED && move == MS_VISIT_CHECKIN)
        return allowed(MS_VISITOR_ARRIVED);
    if (from == MS_VISITOR_AWAITING_APPROVAL && move == MS_VISIT_APPROVE)
        return allowed(MS_VISITOR_ARRIVED);
    if (from == MS_VISITOR_AWAITING_APPROVAL &&
        (move == MS_VISIT_DECLINE || move == MS_VISIT_TIMEOUT))
        return allowed(MS_VISITOR_DECLINED);
    ms_visitor_verdict v = {.allowed = false, .to = from, .code = "invalid_transition"};
    if (deciding && from == MS_VISITOR_DECLINED && declined_by_timeout) {
        v.code = "approval_expired";
        snprintf(v.message, sizeof v.message,
                 "too late to answer: nobody answered within 15 minutes, so the walk-in was "
                 "declined automatically");
        return v;
    }
    const char *status = (unsigned)from < STATUS_COUNT ? status_phrases[from] : "is unknown";
    const char *hint = deciding && from == MS_VISITOR_INVITED
                           ? " (only a walk-in waits for the host's answer)"
                           : "";
    snprintf(v.message, sizeof v.message, "a visitor who %s cannot be %s%s", status,
             move_words[move], hint);
    return v;
}

void ms_visitor_code_words(const char *digits8, char out[MS_VISITOR_CODE_WORDS_MAX])
{
    snprintf(out, MS_VISITOR_CODE_WORDS_MAX, "%.4s %.4s", digits8, digits8 + 4);
}

bool ms_visitor_code_read(const char *typed, char out[9])
{
    size_t n = 0;
    for (const char *p = typed; p && *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            continue;
        if (*p < '0' || *p > '9' || n == 8)
            return false;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n == 8;
}

void ms_visitor_day_words(const ms_local *local, char *out, size_t cap)
{
    ms_local_format_date(local, out, cap);
    char *year = strrchr(out, ' ');
    if (year)
        *year = '\0';
}

void ms_visitor_window_words(int from_min, int to_min, char *out, size_t cap)
{
    /* U+2013 EN DASH between the times. */
    snprintf(out, cap, "%02d:%02d\xe2\x80\x93%02d:%02d", from_min / 60, from_min % 60, to_min / 60,
             to_min % 60);
}

void ms_visitor_sms_text(const char *host, const char *building, const char *day_words,
                         int window_from_min, int window_to_min, const char *zone_abbrev,
                         const char *digits8, char *out, size_t cap)
{
    char window[64] = "", code[MS_VISITOR_CODE_WORDS_MAX];
    if (window_from_min >= 0) {
        char times[32];
        ms_visitor_window_words(window_from_min, window_to_min, times, sizeof times);
        snprintf(window, sizeof window, ", %s %s", times, zone_abbrev);
    }
    ms_visitor_code_words(digits8, code);
    snprintf(out, cap,
             "%s invited you to %s on %s%s. Entry code %s (show the QR code from your email at "
             "the door)",
             host, building, day_words, window, code);
}
