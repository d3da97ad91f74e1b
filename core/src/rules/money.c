/* rules/money.c - money and tax rules as a member reads them (mc_money_format,
 * mc_tax_format): symbol, grouping and minor digits from the ISO 4217 table. Pure. */
#include "membercore/money.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "rules/currency.h"

int32_t mc_currency_minor_digits(const char *currency)
{
    const mci_currency *c = mci_currency_find(currency);
    return c ? c->minor_digits : 2;
}

/* The major units with grouping commas into out (>= 40 bytes). */
static void group_digits(uint64_t major, bool indian, char *out)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%" PRIu64, major);
    size_t n = strlen(digits), g = 0;
    for (size_t i = 0; i < n; i++) {
        size_t left = n - i; /* digits from here to the end */
        bool comma =
            i > 0 && (indian ? (left == 3 || (left > 3 && (left - 3) % 2 == 0)) : left % 3 == 0);
        if (comma)
            out[g++] = ',';
        out[g++] = digits[i];
    }
    out[g] = '\0';
}

size_t mc_money_format(mc_money money, char *out, size_t out_cap)
{
    const mci_currency *c = mci_currency_find(money.currency);
    bool known_shape = mci_currency_code_valid(money.currency);
    int32_t minor_digits = c ? c->minor_digits : 2;
    uint64_t scale = 1;
    for (int32_t i = 0; i < minor_digits; i++)
        scale *= 10;
    /* Negate in unsigned arithmetic so INT64_MIN cannot overflow. */
    uint64_t abs = money.minor < 0 ? 0u - (uint64_t)money.minor : (uint64_t)money.minor;
    char major[40], fraction[8] = "";
    group_digits(abs / scale, c && c->indian_grouping, major);
    if (minor_digits > 0) { /* ".05": the minor units with their leading zeros */
        fraction[0] = '.';
        uint64_t rest = abs % scale;
        for (int32_t i = minor_digits; i >= 1; i--, rest /= 10)
            fraction[i] = (char)('0' + rest % 10);
        fraction[minor_digits + 1] = '\0';
    }
    const char *sign = money.minor < 0 ? "-" : "";
    int n;
    if (c && c->symbol)
        n = snprintf(out, out_cap, "%s%s%s%s", sign, c->symbol, major, fraction);
    else if (known_shape)
        n = snprintf(out, out_cap, "%s%s %s%s", sign, money.currency, major, fraction);
    else
        n = snprintf(out, out_cap, "%s%s%s", sign, major, fraction);
    return n < 0 ? 0 : (size_t)n;
}

size_t mc_tax_format(mc_tax tax, char *out, size_t out_cap)
{
    char name[sizeof tax.name];
    memcpy(name, tax.name, sizeof name);
    name[sizeof name - 1] = '\0';
    int n;
    if (name[0] == '\0') {
        n = snprintf(out, out_cap, "no tax");
    } else {
        int32_t bp = tax.rate_bp < 0 ? 0 : tax.rate_bp;
        int32_t whole = bp / 100, hundredths = bp % 100;
        if (hundredths == 0)
            n = snprintf(out, out_cap, "%s %" PRId32 "%%", name, whole);
        else if (hundredths % 10 == 0)
            n = snprintf(out, out_cap, "%s %" PRId32 ".%" PRId32 "%%", name, whole,
                         hundredths / 10);
        else
            n = snprintf(out, out_cap, "%s %" PRId32 ".%02" PRId32 "%%", name, whole, hundredths);
    }
    return n < 0 ? 0 : (size_t)n;
}
