/*
 * datetime.c - parsing and formatting memberctl's dates, times of day and
 * instants, and the argument errors that name what was typed wrong.
 */
#include "parse/datetime.h"

#include <stdio.h>
#include <string.h>

/* The value of n digits at text, or -1 when they are not all digits. */
static int digits_value(const char *text, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

bool datetime_parse_date(const char *text)
{
    static const int days_in[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(text) != DATETIME_DATE_MAX - 1 || text[4] != '-' || text[7] != '-')
        return false;
    int year = digits_value(text, 4), month = digits_value(text + 5, 2),
        day = digits_value(text + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = days_in[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= last;
}

bool datetime_parse_hhmm(const char *text, int32_t *minute)
{
    if (strlen(text) != 5 || text[2] != ':')
        return false;
    int hours = digits_value(text, 2), minutes = digits_value(text + 3, 2);
    if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        return false;
    *minute = hours * 60 + minutes;
    return true;
}

void datetime_format_hhmm(int32_t minute, char *out, size_t out_cap)
{
    if (minute < 0 || minute > 1440)
        snprintf(out, out_cap, "?");
    else
        snprintf(out, out_cap, "%02d:%02d", (int)(minute / 60), (int)(minute % 60));
}

void datetime_format_time(int64_t ms, char *out, size_t out_cap)
{
    /* Round toward minus infinity, so -1 ms is 1969-12-31T23:59:59Z. */
    int64_t seconds = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
    time_t t = (time_t)seconds;
    struct tm tm;
    if ((int64_t)t != seconds || gmtime_r(&t, &tm) == NULL ||
        strftime(out, out_cap, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, out_cap, "@%lld", (long long)ms);
}

void datetime_format_time_or(int64_t ms, const char *if_zero, char *out, size_t out_cap)
{
    if (ms == 0)
        snprintf(out, out_cap, "%s", if_zero);
    else
        datetime_format_time(ms, out, out_cap);
}

void datetime_format_local(const mc_local_time *t, bool with_seconds, const char *if_unset,
                           char *out, size_t out_cap)
{
    if (t == NULL || t->iso8601[0] == '\0') { /* unset: the API's 0 */
        snprintf(out, out_cap, "%s", if_unset);
        return;
    }
    char seconds[8] = "";
    if (with_seconds)
        snprintf(seconds, sizeof seconds, ":%02d", (int)t->second % 60);
    snprintf(out, out_cap, "%04d-%02d-%02d %02d:%02d%s %s", (int)t->year % 10000,
             (int)t->month % 100, (int)t->day % 100, (int)t->hour % 100, (int)t->minute % 100,
             seconds, t->label);
}

void datetime_format_local_deadline(const mc_local_time *t, const char *if_unset, char *out,
                                    size_t out_cap)
{
    if (t == NULL || t->iso8601[0] == '\0' || t->hour != 0 || t->minute != 0 || t->second != 0) {
        datetime_format_local(t, false, if_unset, out, out_cap);
        return;
    }
    /* The civil day before: a calendar step on the fields the core gave, no zone involved. */
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = t->year, month = t->month, day = t->day - 1;
    if (day < 1) {
        month = month == 1 ? 12 : month - 1;
        year = month == 12 ? year - 1 : year;
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        day = month_days[(month - 1) % 12] + (month == 2 && leap ? 1 : 0);
    }
    snprintf(out, out_cap, "%04d-%02d-%02d (end of day) %s", year % 10000, month % 100, day % 100,
             t->label);
}

void datetime_format_local_span(const mc_local_time *from, const mc_local_time *to, char *out,
                                size_t out_cap)
{
    char start[DATETIME_LOCAL_MAX], end[DATETIME_LOCAL_MAX];
    datetime_format_local(from, false, "?", start, sizeof start);
    bool same_day = from->year == to->year && from->month == to->month && from->day == to->day &&
                    strcmp(from->label, to->label) == 0 && to->iso8601[0] != '\0';
    if (same_day) {
        snprintf(out, out_cap, "%04d-%02d-%02d %02d:%02d to %02d:%02d %s", (int)from->year % 10000,
                 (int)from->month % 100, (int)from->day % 100, (int)from->hour % 100,
                 (int)from->minute % 100, (int)to->hour % 100, (int)to->minute % 100, to->label);
        return;
    }
    datetime_format_local(to, false, "?", end, sizeof end);
    snprintf(out, out_cap, "%s to %s", start, end);
}

/* 1 = Monday .. 7 = Sunday, of a proleptic Gregorian date (Sakamoto's method). */
static int weekday_of(int year, int month, int day)
{
    static const int shift[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3)
        year -= 1;
    int sunday_first = (year + year / 4 - year / 100 + year / 400 + shift[month - 1] + day) % 7;
    return sunday_first == 0 ? 7 : sunday_first;
}

bool datetime_date_utc_ms(const char *date, int64_t *ms)
{
    if (date == NULL || !datetime_parse_date(date))
        return false;
    /* Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil). */
    int64_t year = digits_value(date, 4), month = digits_value(date + 5, 2),
            day = digits_value(date + 8, 2);
    year -= month <= 2 ? 1 : 0;
    int64_t era = year / 400; /* year >= 0 here */
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    *ms = (era * 146097 + day_of_era - 719468) * 86400000LL;
    return true;
}

int32_t datetime_date_year(const char *date)
{
    return date != NULL && datetime_parse_date(date) ? digits_value(date, 4) : 0;
}

int32_t datetime_year_of_ms(int64_t ms)
{
    char iso[DATETIME_TIME_MAX];
    datetime_format_time(ms, iso, sizeof iso);
    int year = digits_value(iso, 4);
    return year > 0 ? year : 0;
}

void datetime_format_day_words(const char *date, int32_t this_year, char *out, size_t out_cap)
{
    static const char *const weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (date == NULL || !datetime_parse_date(date)) {
        snprintf(out, out_cap, "%s", date != NULL ? date : "");
        return;
    }
    int year = digits_value(date, 4), month = digits_value(date + 5, 2),
        day = digits_value(date + 8, 2);
    char year_text[8] = "";
    if (this_year != 0 && year != this_year)
        snprintf(year_text, sizeof year_text, " %04d", year % 10000);
    snprintf(out, out_cap, "%s %d %s%s", weekdays[weekday_of(year, month, day) - 1], day,
             months[month - 1], year_text);
}

bool datetime_parse_hhmm_span(const char *text, int32_t *from, int32_t *to)
{
    static const char en_dash[] = "\xE2\x80\x93";
    char first[6];
    if (text == NULL || strlen(text) < 5)
        return false;
    memcpy(first, text, 5);
    first[5] = '\0';
    const char *rest = text + 5;
    if (rest[0] == '-')
        rest += 1;
    else if (strncmp(rest, en_dash, 3) == 0)
        rest += 3;
    else
        return false;
    int32_t a = 0, b = 0;
    if (!datetime_parse_hhmm(first, &a) || !datetime_parse_hhmm(rest, &b) || a >= 1440 ||
        b >= 1440 || a == b)
        return false;
    *from = a;
    *to = b;
    return true;
}

void datetime_format_hhmm_span(int32_t from, int32_t to, char *out, size_t out_cap)
{
    char a[DATETIME_HHMM_MAX], b[DATETIME_HHMM_MAX];
    datetime_format_hhmm(from, a, sizeof a);
    datetime_format_hhmm(to, b, sizeof b);
    snprintf(out, out_cap, "%s\xE2\x80\x93%s", a, b);
}

int64_t datetime_clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A missing argument: an error when what_missing says it is required. */
static bool arg_missing(const char *name, const char *what_missing, char *msg, size_t msg_cap)
{
    if (what_missing == NULL)
        return true;
    snprintf(msg, msg_cap, "missing option '%s' (%s)", name, what_missing);
    return false;
}

bool datetime_arg_date(const char *name, const char *text, const char *what_missing, char *msg,
                       size_t msg_cap)
{
    if (text == NULL)
        return arg_missing(name, what_missing, msg, msg_cap);
    if (datetime_parse_date(text))
        return true;
    snprintf(msg, msg_cap, "option '%s': '%s' is not a date (YYYY-MM-DD)", name, text);
    return false;
}

bool datetime_arg_hhmm(const char *name, const char *text, const char *what_missing,
                       int32_t *minute, char *msg, size_t msg_cap)
{
    if (text == NULL)
        return arg_missing(name, what_missing, msg, msg_cap);
    if (datetime_parse_hhmm(text, minute))
        return true;
    snprintf(msg, msg_cap, "option '%s': '%s' is not a time (HH:MM)", name, text);
    return false;
}

bool datetime_arg_range(const char *from_name, int32_t from, const char *to_name, int32_t to,
                        char *msg, size_t msg_cap)
{
    if (from < to)
        return true;
    snprintf(msg, msg_cap, "option '%s' must be before '%s'", from_name, to_name);
    return false;
}
