/*
 * values.c - parsing and formatting counts, ids, rupee amounts, times, local
 * dates and times of day, guests and day passes.
 * Money is integer paise throughout (DOMAIN.md): the decimal point is handled
 * as text, so "0.10" is exactly 10 paise.
 */
#include "values.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool values_parse_count(const char *text, int32_t *out)
{
    int32_t n = 0;
    int digits = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (!is_digit(*p) || ++digits > 9)
            return false;
        n = n * 10 + (*p - '0');
    }
    if (digits == 0)
        return false;
    *out = n;
    return true;
}

bool values_parse_rupees(const char *text, int64_t *paise)
{
    /* Whole rupees are capped well below INT64_MAX / 100. */
    const int64_t max_rupees = 1000000000000000LL; /* 10^15 */
    int64_t rupees = 0;
    int digits = 0;
    const char *p = text;

    for (; *p != '\0' && *p != '.'; p++) {
        if (*p == ',') {
            /* A grouping comma sits between two digits. */
            if (digits == 0 || !is_digit(p[1]))
                return false;
            continue;
        }
        if (!is_digit(*p))
            return false;
        rupees = rupees * 10 + (*p - '0');
        digits++;
        if (rupees >= max_rupees)
            return false;
    }
    if (digits == 0)
        return false;

    int64_t fraction = 0;
    if (*p == '.') {
        p++;
        int decimals = 0;
        for (; *p != '\0'; p++) {
            if (!is_digit(*p) || ++decimals > 2)
                return false;
            fraction = fraction * 10 + (*p - '0');
        }
        if (decimals == 0)
            return false;
        if (decimals == 1)
            fraction *= 10;
    }
    *paise = rupees * 100 + fraction;
    return true;
}

void values_format_rupees(int64_t paise, char *out, size_t out_cap)
{
    const char *sign = paise < 0 ? "-" : "";
    /* Negate in unsigned arithmetic so INT64_MIN cannot overflow. */
    uint64_t abs = paise < 0 ? 0u - (uint64_t)paise : (uint64_t)paise;
    snprintf(out, out_cap, "%s%llu.%02llu", sign, (unsigned long long)(abs / 100),
             (unsigned long long)(abs % 100));
}

bool values_parse_id(const char *text, int64_t *out)
{
    int64_t n = 0;
    int digits = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (!is_digit(*p) || ++digits > 18)
            return false;
        n = n * 10 + (*p - '0');
    }
    if (n == 0)
        return false;
    *out = n;
    return true;
}

void values_format_time(int64_t ms, char *out, size_t out_cap)
{
    /* Round toward minus infinity, so -1 ms is 1969-12-31T23:59:59Z. */
    int64_t seconds = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
    time_t t = (time_t)seconds;
    struct tm tm;
    if ((int64_t)t != seconds || gmtime_r(&t, &tm) == NULL ||
        strftime(out, out_cap, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, out_cap, "@%lld", (long long)ms);
}

/* The value of n digits at text, or -1 when they are not all digits. */
static int digits_value(const char *text, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(text[i]))
            return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

bool values_parse_date(const char *text)
{
    static const int days_in[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int year = digits_value(text, 4), month = digits_value(text + 5, 2),
        day = digits_value(text + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = days_in[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= last;
}

bool values_parse_hhmm(const char *text, int32_t *minute)
{
    if (strlen(text) != 5 || text[2] != ':')
        return false;
    int hours = digits_value(text, 2), minutes = digits_value(text + 3, 2);
    if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        return false;
    *minute = hours * 60 + minutes;
    return true;
}

void values_format_hhmm(int32_t minute, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%02d:%02d", (int)(minute / 60), (int)(minute % 60));
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Copy [start, end) into out as a string; false when it does not fit. */
static bool copy_span(const char *start, const char *end, char *out, size_t out_cap)
{
    size_t len = (size_t)(end - start);
    if (len >= out_cap)
        return false;
    memcpy(out, start, len);
    out[len] = '\0';
    return true;
}

bool values_parse_guest(const char *text, char *name, size_t name_cap, char *email,
                        size_t email_cap)
{
    const char *open = strchr(text, '<');
    size_t len = strlen(text);
    if (open == NULL || len == 0 || text[len - 1] != '>')
        return false;
    const char *close = text + len - 1;

    /* The name: before '<', spaces around it dropped, no '>' in it. */
    const char *start = text, *end = open;
    while (start < end && is_space(*start))
        start++;
    while (end > start && is_space(end[-1]))
        end--;
    if (start == end || memchr(start, '>', (size_t)(end - start)) != NULL)
        return false;

    /* The address: between the brackets, one '@' with something either side. */
    const char *addr = open + 1;
    const char *at = NULL;
    if (addr == close)
        return false;
    for (const char *p = addr; p < close; p++) {
        if (is_space(*p) || *p == '<' || *p == '>' || (*p == '@' && at != NULL))
            return false;
        if (*p == '@')
            at = p;
    }
    if (at == NULL || at == addr || at + 1 == close)
        return false;
    return copy_span(start, end, name, name_cap) && copy_span(addr, close, email, email_cap);
}

bool values_parse_pass(const char *text, char *date, size_t date_cap, char *name, size_t name_cap,
                       char *email, size_t email_cap)
{
    const size_t date_len = VALUES_DATE_MAX - 1; /* "YYYY-MM-DD" */
    size_t len = strlen(text);
    if (len < date_len || (len > date_len && text[date_len] != ':') || date_cap <= date_len ||
        name_cap == 0 || email_cap == 0)
        return false;
    char day[VALUES_DATE_MAX];
    memcpy(day, text, date_len);
    day[date_len] = '\0';
    if (!values_parse_date(day))
        return false;
    if (len == date_len) {
        name[0] = '\0';
        email[0] = '\0';
    } else if (!values_parse_guest(text + date_len + 1, name, name_cap, email, email_cap)) {
        return false;
    }
    memcpy(date, day, date_len + 1);
    return true;
}
