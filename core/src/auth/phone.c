/*
 * auth/phone.c - phone numbers as people type them, to E.164. Pure: no I/O.
 *
 * The rules (DOMAIN.md section 1, vectors in shared/vectors/phones.tsv):
 * separators people type (space, '-', '.', '(', ')') are ignored; '+' may
 * only lead; a bare 10-digit Indian mobile (first digit 6-9), optionally
 * behind the trunk prefix 0, becomes +91...; "00" counts as '+'. Everything
 * else must be E.164: a country code that does not start with 0 and 8 to 15
 * digits in all. +91 numbers must be 10-digit mobiles. Without libphonenumber
 * other countries' national plans are not checked (only E.164's shape).
 */
#include <stdbool.h>
#include <string.h>

#include "membercore/auth.h"
#include "util/error.h"
#include "util/strutil.h"

#define E164_MIN_DIGITS 8
#define E164_MAX_DIGITS 15

static bool is_separator(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t';
}

static bool is_indian_mobile(const char *ten_digits)
{
    return strlen(ten_digits) == 10 && ten_digits[0] >= '6' && ten_digits[0] <= '9';
}

mc_status mc_phone_normalize(const char *input, char *out, size_t out_cap, mc_error *err)
{
    if (input == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "phone is NULL");
    if (out == NULL || out_cap < MC_PHONE_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "out must hold at least MC_PHONE_MAX (%d) bytes", MC_PHONE_MAX);
    out[0] = '\0';

    /* Collect the digits, remembering whether a '+' led. */
    char digits[E164_MAX_DIGITS + 8];
    size_t n = 0;
    bool plus = false;
    bool seen_digit = false;
    for (const char *p = input; *p; p++) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            if (n + 1 >= sizeof digits)
                return mci_error_set(err, MC_ERR_INVALID_ARG,
                                     "phone has too many digits (E.164 allows at most %d)",
                                     E164_MAX_DIGITS);
            digits[n++] = c;
            seen_digit = true;
        } else if (c == '+') {
            if (plus || seen_digit)
                return mci_error_set(err, MC_ERR_INVALID_ARG,
                                     "phone may have '+' only before the country code");
            plus = true;
        } else if (!is_separator(c)) {
            if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7F)
                return mci_error_set(err, MC_ERR_INVALID_ARG,
                                     "phone contains '%c': only digits, spaces, dashes, dots, "
                                     "parentheses and a leading '+' are allowed",
                                     c);
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "phone contains a character that is not a digit");
        }
    }
    digits[n] = '\0';
    if (n == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "phone is empty");

    const char *number = digits;
    if (!plus) {
        if (n == 10 && is_indian_mobile(digits)) {
            out[0] = '+';
            memcpy(out + 1, "91", 2);
            memcpy(out + 3, digits, 11);
            return MC_OK;
        }
        if (n == 11 && digits[0] == '0' && is_indian_mobile(digits + 1)) {
            memcpy(out, "+91", 3);
            memcpy(out + 3, digits + 1, 11);
            return MC_OK;
        }
        if (n > 2 && digits[0] == '0' && digits[1] == '0') {
            number = digits + 2; /* international prefix 00 = '+' */
        } else {
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "phone '%s' is not a 10-digit Indian mobile (starting 6-9); "
                                 "give other numbers with their country code, e.g. +44...",
                                 digits);
        }
    }

    size_t len = strlen(number);
    if (number[0] == '0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "phone's country code cannot start with 0");
    if (len < E164_MIN_DIGITS || len > E164_MAX_DIGITS)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "phone has %zu digits; E.164 numbers have %d to %d", len,
                             E164_MIN_DIGITS, E164_MAX_DIGITS);
    if (number[0] == '9' && number[1] == '1' && !is_indian_mobile(number + 2))
        return mci_error_set(
            err, MC_ERR_INVALID_ARG,
            "phone is not an Indian mobile: +91 numbers have 10 digits starting with 6, 7, 8 or 9");
    out[0] = '+';
    mci_strlcpy(out + 1, number, out_cap - 1);
    return MC_OK;
}
