/* rules/phone.c - phone numbers as people type them, to E.164: the stub's own rule (no I/O). */
#include "rules/phone.h"

#include <stdio.h>
#include <string.h>

enum { E164_DIGITS_MIN = 8, E164_DIGITS_MAX = 15, INDIAN_MOBILE_DIGITS = 10 };

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Exactly ten digits, the first 6, 7, 8 or 9. */
static bool indian_mobile(const char *s)
{
    return strlen(s) == INDIAN_MOBILE_DIGITS && s[0] >= '6' && s[0] <= '9' &&
           all_digits(s, INDIAN_MOBILE_DIGITS);
}

static bool refuse(char *why, size_t why_cap, const char *message)
{
    snprintf(why, why_cap, "%s", message);
    return false;
}

/* The digits of typed into digits (separators dropped), *plus when a '+' led. */
static bool strip(const char *typed, char digits[E164_DIGITS_MAX + 8], bool *plus, char *why,
                  size_t why_cap)
{
    size_t n = 0;
    *plus = false;
    for (const unsigned char *p = (const unsigned char *)typed; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n == E164_DIGITS_MAX + 7) {
                snprintf(why, why_cap, "phone has too many digits (E.164 allows at most %d)",
                         E164_DIGITS_MAX);
                return false;
            }
            digits[n++] = (char)*p;
        } else if (*p == '+') {
            if (*plus || n > 0)
                return refuse(why, why_cap, "phone may have '+' only before the country code");
            *plus = true;
        } else if (!strchr(" -.()", *p)) {
            if (*p < 0x20 || *p >= 0x7F)
                return refuse(why, why_cap, "phone contains a character that is not a digit");
            snprintf(why, why_cap,
                     "phone contains '%c': only digits, spaces, dashes, dots, parentheses and a "
                     "leading '+' are allowed",
                     *p);
            return false;
        }
    }
    digits[n] = '\0';
    return n > 0 || refuse(why, why_cap, "phone is empty");
}

bool ms_phone_e164(const char *typed, char out[MS_PHONE_MAX], char *why, size_t why_cap)
{
    char digits[E164_DIGITS_MAX + 8];
    bool plus;
    if (!strip(typed, digits, &plus, why, why_cap))
        return false;
    const char *international = digits;
    if (!plus) {
        const char *national = digits[0] == '0' ? digits + 1 : digits;
        if (indian_mobile(national)) {
            memcpy(out, "+91", 3);
            memcpy(out + 3, national, INDIAN_MOBILE_DIGITS + 1);
            return true;
        }
        if (strncmp(digits, "00", 2) != 0 || !digits[2]) {
            snprintf(why, why_cap,
                     "phone '%s' is not a 10-digit Indian mobile (starting 6-9); give other "
                     "numbers with their country code, e.g. +44...",
                     digits);
            return false;
        }
        international = digits + 2;
    }
    size_t len = strlen(international);
    if (international[0] == '0')
        return refuse(why, why_cap, "phone's country code cannot start with 0");
    if (len < E164_DIGITS_MIN || len > E164_DIGITS_MAX) {
        snprintf(why, why_cap, "phone has %zu digits; E.164 numbers have %d to %d", len,
                 E164_DIGITS_MIN, E164_DIGITS_MAX);
        return false;
    }
    if (strncmp(international, "91", 2) == 0 && !indian_mobile(international + 2))
        return refuse(why, why_cap,
                      "phone is not an Indian mobile: +91 numbers have 10 digits starting with 6, "
                      "7, 8 or 9");
    out[0] = '+';
    memcpy(out + 1, international, len + 1);
    return true;
}
