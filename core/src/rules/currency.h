/*
 * rules/currency.h - the ISO 4217 currencies the library knows how to show: symbol,
 * minor digits, digit grouping. A small table, no I/O; money.c formats with it.
 */
#ifndef MCI_RULES_CURRENCY_H
#define MCI_RULES_CURRENCY_H

#include <stdbool.h>
#include <stdint.h>

#include "membercore/money.h"

typedef struct mci_currency {
    const char *code;     /* ISO 4217, e.g. "INR" */
    const char *symbol;   /* UTF-8, e.g. "₹"; NULL: write the code and a space */
    int32_t minor_digits; /* 2 for paise, pence, cents; 0 for yen; 3 for fils */
    bool indian_grouping; /* 12,34,567 (lakh, crore) instead of 1,234,567 */
} mci_currency;

/* The table's entry for code; NULL when code is NULL or not in the table. */
const mci_currency *mci_currency_find(const char *code);

/* True when code is three upper-case ASCII letters (the shape of an ISO 4217 code). */
bool mci_currency_code_valid(const char *code);

/* An mc_money of minor units of currency (copied when it has an ISO 4217 code's shape,
 * "" otherwise; NULL is ""). */
mc_money mci_money_of(int64_t minor, const char *currency);

/* An mc_tax named name (truncated to fit; NULL is "") at rate_bp basis points. */
mc_tax mci_tax_of(const char *name, int32_t rate_bp);

#endif
