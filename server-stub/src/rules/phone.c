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

/* A UK national significant number's prefix: its lengths, and whether it is a mobile. The
 * longest matching prefix wins (7624, Isle of Man mobiles, inside 76, pagers). */
typedef struct uk_range {
    const char *prefix;
    int min_len, max_len;
    bool mobile;
} uk_range;

static const uk_range uk_plan[] = {
    {"1", 9, 10, false},   {"2", 10, 10, false},   {"3", 10, 10, false},   {"500", 9, 10, false},
    {"55", 10, 10, false}, {"56", 10, 10, false},  {"70", 10, 10, false},  {"71", 10, 10, true},
    {"72", 10, 10, true},  {"73", 10, 10, true},   {"74", 10, 10, true},   {"75", 10, 10, true},
    {"76", 10, 10, false}, {"7624", 10, 10, true}, {"77", 10, 10, true},   {"78", 10, 10, true},
    {"79", 10, 10, true},  {"800", 9, 10, false},  {"808", 10, 10, false}, {"84", 10, 10, false},
    {"87", 10, 10, false}, {"90", 10, 10, false},  {"91", 10, 10, false},  {"98", 10, 10, false},
};

static const uk_range *uk_range_of(const char *nsn)
{
    const uk_range *best = NULL;
    for (size_t i = 0; i < sizeof uk_plan / sizeof uk_plan[0]; i++) {
        size_t n = strlen(uk_plan[i].prefix);
        if (strncmp(nsn, uk_plan[i].prefix, n) == 0 && (!best || n > strlen(best->prefix)))
            best = &uk_plan[i];
    }
    return best;
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

/* NANP: NPA-NXX-XXXX, the area code and the exchange each [2-9] and not N11. */
static bool nanp_ok(const char *nsn)
{
    if (strlen(nsn) != 10)
        return false;
    for (int at = 0; at <= 3; at += 3) {
        if (nsn[at] < '2' || (nsn[at + 1] == '1' && nsn[at + 2] == '1'))
            return false;
    }
    return true;
}

/* The plans of the operator's countries (India, the UK, NANP) in full; the rest by shape. */
static bool national_plan_ok(const char *international, char *why, size_t why_cap)
{
    if (strncmp(international, "91", 2) == 0) {
        const char *nsn = international + 2;
        if (indian_mobile(nsn))
            return true;
        if (strlen(nsn) == INDIAN_MOBILE_DIGITS && nsn[0] >= '2' && nsn[0] <= '5')
            return refuse(why, why_cap,
                          "phone is an Indian landline: the sign-in code goes by SMS, so give a "
                          "mobile (10 digits starting with 6, 7, 8 or 9)");
        return refuse(why, why_cap,
                      "phone is not an Indian mobile: +91 numbers have 10 digits starting with 6, "
                      "7, 8 or 9");
    }
    if (strncmp(international, "44", 2) == 0) {
        const char *nsn = international + 2;
        const uk_range *r = uk_range_of(nsn);
        int len = (int)strlen(nsn);
        if (!r || len < r->min_len || len > r->max_len)
            return refuse(why, why_cap,
                          "phone is not a UK number: +44 mobiles have 10 digits starting with 7 "
                          "(+44 7xxx xxxxxx)");
        if (!r->mobile)
            return refuse(why, why_cap,
                          "phone is a UK landline or service number: the sign-in code goes by SMS, "
                          "so give a mobile (+44 7xxx xxxxxx)");
        return true;
    }
    if (international[0] == '1' && !nanp_ok(international + 1))
        return refuse(why, why_cap,
                      "phone is not a North American number: +1 is followed by 10 digits, "
                      "NPA-NXX-XXXX, area code and exchange each starting with 2-9");
    return true;
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
    char without_trunk[E164_DIGITS_MAX + 8];
    if (strncmp(international, "440", 3) == 0) { /* "+44 (0)7700 900001" */
        snprintf(without_trunk, sizeof without_trunk, "44%s", international + 3);
        international = without_trunk;
    }
    size_t len = strlen(international);
    if (international[0] == '0')
        return refuse(why, why_cap, "phone's country code cannot start with 0");
    if (len < E164_DIGITS_MIN || len > E164_DIGITS_MAX) {
        snprintf(why, why_cap, "phone has %zu digits; E.164 numbers have %d to %d", len,
                 E164_DIGITS_MIN, E164_DIGITS_MAX);
        return false;
    }
    if (!national_plan_ok(international, why, why_cap))
        return false;
    out[0] = '+';
    memcpy(out + 1, international, len + 1);
    return true;
}
