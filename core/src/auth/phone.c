/*
 * auth/phone.c - phone numbers as people type them, to E.164. Pure: no I/O.
 *
 * The rules (DOMAIN.md section 1, vectors in shared/vectors/phones.tsv):
 * separators people type (space, '-', '.', '(', ')') are ignored; '+' may
 * only lead; a bare 10-digit Indian mobile (first digit 6-9), optionally
 * behind the trunk prefix 0, becomes +91...; "00" counts as '+'. Everything
 * else must be E.164: a country code that does not start with 0 and 8 to 15
 * digits in all. Then the numbering plans of the countries the operator serves
 * are checked in full (numbers there get their sign-in code by SMS, so they
 * must be mobiles where the plan tells mobiles apart):
 *   +91 India: 10 digits; mobiles start 6-9 (2-5 are landlines: refused).
 *   +44 UK: the national significant number's length and prefix (1x 9-10
 *       digits, 2x/3x 10, 55/56 10, 500 9-10, 7x 10, 80x 9-10, 84/87 10,
 *       90/91/98 10); mobiles are 71-75, 77-79 and 7624; the others are
 *       landlines, pagers, personal or service numbers: refused. A trunk 0
 *       typed after +44 ("+44 (0)7700 900001") is dropped.
 *   +1 NANP: NPA-NXX-XXXX, 10 digits, area code and exchange each N = 2-9
 *       and neither an N11 service code. Mobiles and landlines share the plan.
 * Fictional ranges (UK 07700 900xxx, NANP 555-01xx) pass: they are well-formed,
 * and the seed and the tests use them (docs/decisions.md). Other countries are
 * checked by E.164's shape only.
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
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

static bool is_indian_mobile(const char *ten_digits)
{
    return strlen(ten_digits) == 10 && ten_digits[0] >= '6' && ten_digits[0] <= '9';
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* India: the 10-digit national number must be a mobile. */
static mc_status check_india(const char *nsn, mc_error *err)
{
    if (is_indian_mobile(nsn))
        return MC_OK;
    if (strlen(nsn) == 10 && nsn[0] >= '2' && nsn[0] <= '5')
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "phone is an Indian landline: the sign-in code goes by SMS, so give "
                             "a mobile (10 digits starting with 6, 7, 8 or 9)");
    return mci_error_set(
        err, MC_ERR_INVALID_ARG,
        "phone is not an Indian mobile: +91 numbers have 10 digits starting with 6, 7, 8 or 9");
}

/* UK: 1 when nsn is a mobile, 0 when a valid number of another kind, -1 when invalid. */
static int uk_kind(const char *nsn)
{
    size_t n = strlen(nsn);
    if (nsn[0] == '7') {
        if (n != 10)
            return -1;
        if (starts(nsn, "7624"))
            return 1;                                  /* Isle of Man mobiles */
        return nsn[1] == '0' || nsn[1] == '6' ? 0 : 1; /* 70 personal, 76 pagers */
    }
    if (nsn[0] == '1' || starts(nsn, "500") || starts(nsn, "80"))
        return n == 9 || n == 10 ? 0 : -1;
    bool ten = starts(nsn, "2") || starts(nsn, "3") || starts(nsn, "55") || starts(nsn, "56") ||
               starts(nsn, "84") || starts(nsn, "87") || starts(nsn, "90") || starts(nsn, "91") ||
               starts(nsn, "98");
    return ten && n == 10 ? 0 : -1;
}

static mc_status check_uk(const char *nsn, mc_error *err)
{
    int kind = uk_kind(nsn);
    if (kind == 1)
        return MC_OK;
    if (kind == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "phone is a UK landline or service number: the sign-in code goes "
                             "by SMS, so give a mobile (+44 7xxx xxxxxx)");
    return mci_error_set(err, MC_ERR_INVALID_ARG,
                         "phone is not a UK number: +44 mobiles have 10 digits starting with 7 "
                         "(+44 7xxx xxxxxx)");
}

/* N = 2-9, and not an N11 service code (211 ... 911). */
static bool nanp_code_ok(const char *three)
{
    return three[0] >= '2' && three[0] <= '9' && !(three[1] == '1' && three[2] == '1');
}

static mc_status check_nanp(const char *nsn, mc_error *err)
{
    if (strlen(nsn) == 10 && nanp_code_ok(nsn) && nanp_code_ok(nsn + 3))
        return MC_OK;
    return mci_error_set(err, MC_ERR_INVALID_ARG,
                         "phone is not a North American number: +1 is followed by 10 digits, "
                         "NPA-NXX-XXXX, area code and exchange each starting with 2-9");
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

    /* "+44 (0)7700 900001": the UK trunk 0, typed out of habit */
    char uk[E164_MAX_DIGITS + 8];
    if (starts(number, "440") && strlen(number) > 3) {
        memcpy(uk, "44", 2);
        mci_strlcpy(uk + 2, number + 3, sizeof uk - 2);
        number = uk;
    }
    size_t len = strlen(number);
    if (number[0] == '0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "phone's country code cannot start with 0");
    if (len < E164_MIN_DIGITS || len > E164_MAX_DIGITS)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "phone has %zu digits; E.164 numbers have %d to %d", len,
                             E164_MIN_DIGITS, E164_MAX_DIGITS);
    mc_status st = MC_OK;
    if (starts(number, "91"))
        st = check_india(number + 2, err);
    else if (starts(number, "44"))
        st = check_uk(number + 2, err);
    else if (number[0] == '1')
        st = check_nanp(number + 1, err);
    if (st != MC_OK)
        return st;
    out[0] = '+';
    mci_strlcpy(out + 1, number, out_cap - 1);
    return MC_OK;
}
