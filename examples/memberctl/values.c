/*
 * values.c - parsing and formatting counts, ids, rupee amounts and times.
 * Money is integer paise throughout (DOMAIN.md): the decimal point is handled
 * as text, so "0.10" is exactly 10 paise.
 */
#include "values.h"

#include <stdio.h>
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
