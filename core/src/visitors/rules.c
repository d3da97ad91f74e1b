/* visitors/rules.c - the invitation's checks on the device and the visitor's moves. Pure. */
#include "visitors/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/zone.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const status_names[] = {
    "unknown", "invited", "arrived", "cancelled", "awaiting_approval", "declined",
};

const char *mc_visitor_status_name(mc_visitor_status status)
{
    return mci_name_of(status_names, MCI_COUNT(status_names), (int)status);
}

mc_visitor_status mci_visitor_status_of(const char *name)
{
    return (mc_visitor_status)mci_value_of(status_names, MCI_COUNT(status_names), name, 0);
}

static bool space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

mc_status mci_visitor_check_name(const char *what, const char *name, char **out, mc_error *err)
{
    *out = NULL;
    if (name == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required", what);
    while (space(*name))
        name++;
    size_t n = strlen(name);
    while (n > 0 && space(name[n - 1]))
        n--;
    if (n == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is empty: give the visitor's name", what);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    memcpy(copy, name, n);
    copy[n] = '\0';
    long chars = mci_utf8_length(copy);
    if (chars < 0 || chars > MC_VISITOR_NAME_MAX || strpbrk(copy, "\n\r\t") != NULL) {
        free(copy);
        return chars < 0
                   ? mci_error_set(err, MC_ERR_INVALID_ARG, "%s is not valid UTF-8 text", what)
               : chars > MC_VISITOR_NAME_MAX
                   ? mci_error_set(err, MC_ERR_INVALID_ARG,
                                   "%s is too long: %ld characters, at most %d", what, chars,
                                   MC_VISITOR_NAME_MAX)
                   : mci_error_set(err, MC_ERR_INVALID_ARG, "%s must be on one line", what);
    }
    *out = copy;
    return MC_OK;
}

static void hhmm(int32_t minutes, char *out, size_t cap)
{
    snprintf(out, cap, "%02d:%02d", (int)(minutes / 60), (int)(minutes % 60));
}

mc_status mci_visitor_check_window(int32_t from_min, int32_t to_min, mc_error *err)
{
    if (from_min == -1 && to_min == -1)
        return MC_OK;
    if (from_min == -1 || to_min == -1)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "window: give both its start and its end, or neither");
    if (from_min < 0 || from_min >= 1440 || to_min <= 0 || to_min > 1440)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "window: %d to %d minutes is outside the day (00:00 to 24:00)",
                             (int)from_min, (int)to_min);
    if (from_min >= to_min) {
        char from[8], to[8];
        hhmm(from_min, from, sizeof from);
        hhmm(to_min, to, sizeof to);
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "window: %s-%s ends before it starts; the end must be after the start",
                             from, to);
    }
    return MC_OK;
}

static const char *const weekdays_long[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                            "Thursday", "Friday", "Saturday", "Sunday"};
static const char *const weekdays_short[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const months[] = {"",    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void mci_visitor_day_words(int64_t day, bool long_weekday, char *out, size_t cap)
{
    int y, m, d;
    mci_civil_from_days(day, &y, &m, &d);
    int wd = mci_weekday(day);
    snprintf(out, cap, "%s %d %s", long_weekday ? weekdays_long[wd] : weekdays_short[wd], d,
             months[m]);
}

mc_status mci_visitor_parse_date(const char *date, int64_t *day, mc_error *err)
{
    int64_t d = 0;
    if (date == NULL || date[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date is required (YYYY-MM-DD)");
    if (strlen(date) != 10 || !mci_parse_date(date, &d))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date '%.*s' is not a date as YYYY-MM-DD",
                             (int)mci_utf8_prefix(date, 40), date);
    if (day != NULL)
        *day = d;
    return MC_OK;
}

mc_status mci_visitor_check_date(const mci_visitor_day_rules *rules, const char *date, int64_t *day,
                                 mc_error *err)
{
    int64_t d = 0;
    mc_status st = mci_visitor_parse_date(date, &d, err);
    if (st != MC_OK)
        return st;
    char words[32];
    if (d < rules->today) {
        mci_visitor_day_words(rules->today, false, words, sizeof words);
        return mci_error_set(err, MC_ERR_STATE, "%s is in the past at %s (today there is %s)", date,
                             rules->building_id, words);
    }
    if (d > rules->today + MC_VISITOR_DAYS_AHEAD_MAX) {
        mci_visitor_day_words(rules->today + MC_VISITOR_DAYS_AHEAD_MAX, false, words, sizeof words);
        return mci_error_set(err, MC_ERR_STATE,
                             "%s is more than %d days ahead: invitations reach %s at the latest",
                             date, MC_VISITOR_DAYS_AHEAD_MAX, words);
    }
    const mci_hours *h = &rules->hours[mci_weekday(d)];
    if (h->open_min == h->close_min) {
        mci_visitor_day_words(d, true, words, sizeof words);
        return mci_error_set(err, MC_ERR_STATE, "%s is closed on %s", rules->building_id, words);
    }
    if (day != NULL)
        *day = d;
    return MC_OK;
}

mci_visitor_move mci_visitor_move_of(const char *word)
{
    if (word == NULL)
        return MCI_VISITOR_MOVE_NONE;
    return strcmp(word, "cancel") == 0    ? MCI_VISITOR_MOVE_CANCEL
           : strcmp(word, "approve") == 0 ? MCI_VISITOR_MOVE_APPROVE
           : strcmp(word, "decline") == 0 ? MCI_VISITOR_MOVE_DECLINE
                                          : MCI_VISITOR_MOVE_NONE;
}

mc_visitor_status mci_visitor_after(mc_visitor_status status, mci_visitor_move move)
{
    switch (move) {
    case MCI_VISITOR_MOVE_CANCEL:
        return MC_VISITOR_CANCELLED;
    case MCI_VISITOR_MOVE_APPROVE:
        return MC_VISITOR_ARRIVED;
    case MCI_VISITOR_MOVE_DECLINE:
        return MC_VISITOR_DECLINED;
    case MCI_VISITOR_MOVE_NONE:
        break;
    }
    return status;
}

/* What a visitor is, as the end of a sentence starting with their name. */
static const char *is_what(mc_visitor_status status)
{
    switch (status) {
    case MC_VISITOR_INVITED:
        return "is invited";
    case MC_VISITOR_ARRIVED:
        return "has already arrived";
    case MC_VISITOR_CANCELLED:
        return "is cancelled already";
    case MC_VISITOR_AWAITING_APPROVAL:
        return "is a walk-in awaiting your approval (approve or decline it)";
    case MC_VISITOR_DECLINED:
        return "was declined";
    }
    return "is in a state this app does not know";
}

mc_status mci_visitor_check_cancel(const char *name, mc_visitor_status status, mc_error *err)
{
    if (status == MC_VISITOR_INVITED)
        return MC_OK;
    return mci_error_set(err, MC_ERR_STATE, "%s %s: only an invitation not yet used is cancelled",
                         name, is_what(status));
}

mc_status mci_visitor_check_decide(const char *name, mc_visitor_status status, bool timed_out,
                                   int64_t due_ms, const mc_local_time *due, int64_t now_ms,
                                   mc_error *err)
{
    if (status == MC_VISITOR_DECLINED && timed_out)
        return mci_error_set(err, MC_ERR_STATE,
                             "%s was declined automatically: nobody answered within %d minutes",
                             name, MC_VISITOR_APPROVAL_MINUTES);
    if (status != MC_VISITOR_AWAITING_APPROVAL)
        return mci_error_set(err, MC_ERR_STATE, "%s %s: only a walk-in awaiting approval is %s",
                             name,
                             status == MC_VISITOR_INVITED ? "was invited by you" : is_what(status),
                             "approved or declined");
    if (due_ms > 0 && now_ms >= due_ms)
        return mci_error_set(err, MC_ERR_STATE,
                             "%s was declined automatically at %02d:%02d %s: nobody answered "
                             "within %d minutes",
                             name, (int)due->hour, (int)due->minute, due->label,
                             MC_VISITOR_APPROVAL_MINUTES);
    return MC_OK;
}
