/* rules/money.c - amounts as text for the server's messages: symbol, grouping, two minor
 * digits. Pure; the core has its own (the stub is an independent oracle). */
#include "rules/money.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *symbol_of(const char *currency)
{
    static const char *const symbols[][2] = {
        {"INR", "\u20b9"}, {"GBP", "\u00a3"}, {"USD", "$"}, {"EUR", "\u20ac"}};
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (strcmp(symbols[i][0], currency) == 0)
            return symbols[i][1];
    return NULL;
}

void ms_money_text(int64_t minor, const char *currency, char *out, size_t cap)
{
    uint64_t abs = minor < 0 ? 0u - (uint64_t)minor : (uint64_t)minor;
    bool indian = strcmp(currency, "INR") == 0;
    char digits[24], grouped[40];
    snprintf(digits, sizeof digits, "%" PRIu64, abs / 100);
    size_t n = strlen(digits), g = 0;
    for (size_t i = 0; i < n; i++) {
        size_t left = n - i; /* digits from here to the end */
        if (i > 0 && (indian ? (left == 3 || (left > 3 && (left - 3) % 2 == 0)) : left % 3 == 0))
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    const char *symbol = symbol_of(currency);
    snprintf(out, cap, "%s%s%s%s.%02" PRIu64, minor < 0 ? "-" : "", symbol ? symbol : currency,
             symbol ? "" : " ", grouped, abs % 100);
}
