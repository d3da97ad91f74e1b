/*
 * values.c - parsing and formatting counts, ids, rupee amounts, guests and
 * day passes.
 * Money is integer paise throughout (DOMAIN.md): the decimal point is handled
 * as text, so "0.10" is exactly 10 paise.
 */
#include "parse/values.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Up to max_digits decimal digits (at least one, nothing else) -> *out. */
static bool parse_digits(const char *text, int max_digits, int64_t *out)
{
    int64_t n = 0;
    int digits = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (!is_digit(*p) || ++digits > max_digits)
            return false;
        n = n * 10 + (*p - '0');
    }
    if (digits == 0)
        return false;
    *out = n;
    return true;
}

bool values_parse_count(const char *text, int32_t *out)
{
    int64_t n = 0;
    if (!parse_digits(text, 9, &n))
        return false;
    *out = (int32_t)n;
    return true;
}

bool values_parse_amount(const char *text, int64_t *minor)
{
    /* Whole units are capped well below INT64_MAX / 100. */
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
    *minor = rupees * 100 + fraction;
    return true;
}

bool values_parse_budget(const char *text, mc_money *out)
{
    char amount[64];
    const char *space = strchr(text, ' ');
    size_t n = space != NULL ? (size_t)(space - text) : strlen(text);
    const char *code = space != NULL ? space + 1 : "INR";
    if (n >= sizeof amount || strlen(code) != 3)
        return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    memcpy(amount, text, n);
    amount[n] = '\0';
    if (mc_currency_minor_digits(code) != 2 || !values_parse_amount(amount, &out->minor))
        return false;
    memcpy(out->currency, code, 4);
    return true;
}

bool values_parse_id(const char *text, int64_t *out)
{
    int64_t n = 0;
    if (!parse_digits(text, 18, &n) || n == 0)
        return false;
    *out = n;
    return true;
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
    const size_t date_len = DATETIME_DATE_MAX - 1; /* "YYYY-MM-DD" */
    size_t len = strlen(text);
    if (len < date_len || (len > date_len && text[date_len] != ':') || date_cap <= date_len ||
        name_cap == 0 || email_cap == 0)
        return false;
    char day[DATETIME_DATE_MAX];
    memcpy(day, text, date_len);
    day[date_len] = '\0';
    if (!datetime_parse_date(day))
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
