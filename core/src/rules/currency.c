/* rules/currency.c - the ISO 4217 table: the currencies the operator serves (INR, GBP) and
 * the few a member is likely to meet (USD, EUR, JPY, KWD for the minor-digit extremes). Pure. */
#include "rules/currency.h"

#include <stdio.h>
#include <string.h>

static const mci_currency currencies[] = {
    {"INR", "\u20b9", 2, true},                               /* ₹ */
    {"GBP", "\u00a3", 2, false},                              /* £ */
    {"USD", "$", 2, false},      {"EUR", "\u20ac", 2, false}, /* € */
    {"JPY", "\u00a5", 0, false},                              /* ¥ */
    {"KWD", NULL, 3, false},
};

bool mci_currency_code_valid(const char *code)
{
    if (!code)
        return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    return code[3] == '\0';
}

const mci_currency *mci_currency_find(const char *code)
{
    if (!mci_currency_code_valid(code))
        return NULL;
    for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
        if (strcmp(currencies[i].code, code) == 0)
            return &currencies[i];
    return NULL;
}

mc_money mci_money_of(int64_t minor, const char *currency)
{
    mc_money m = {.minor = minor};
    if (mci_currency_code_valid(currency))
        memcpy(m.currency, currency, 4);
    return m;
}

mc_tax mci_tax_of(const char *name, int32_t rate_bp)
{
    mc_tax t = {.rate_bp = rate_bp};
    if (name)
        snprintf(t.name, sizeof t.name, "%s", name);
    return t;
}
