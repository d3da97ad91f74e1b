/*
 * membercore/money.h - an amount of money with its currency, a tax rule, and how a
 * member reads them.
 *
 * Every amount the library returns is an mc_money: an integer count of the
 * currency's minor unit (paise for INR, pence for GBP, cents for USD and EUR)
 * with its ISO 4217 code. A building prices everything in its own currency,
 * so two amounts of different buildings may not be added. Nothing here is
 * ever converted between currencies. Show money with mc_money_format; never
 * print the integer yourself (the number of minor digits is the currency's).
 */
#ifndef MEMBERCORE_MONEY_H
#define MEMBERCORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An amount: `minor` units of `currency`'s minor unit (e.g. 94400 with "INR" is ₹944.00).
 * currency is an ISO 4217 code, upper case, NUL-terminated; "" when the server sent none
 * (not seen from this library's own server). A plain value: nothing to free. */
typedef struct mc_money {
    int64_t minor;
    char currency[4];
} mc_money;

/* A tax rule as a building applies it: its name and its rate in basis points
 * (1/100 of a percent): {"GST", 1800} in India, {"VAT", 2000} in the UK. A plain value. */
typedef struct mc_tax {
    char name[16]; /* NUL-terminated; "" when none applies */
    int32_t rate_bp;
} mc_tax;

/* Bytes that always hold mc_money_format's and mc_tax_format's text, NUL included. */
#define MC_MONEY_TEXT_MAX 48

/*
 * Write money as a member reads it into out: the currency's symbol, the major
 * units grouped, a point and exactly the currency's minor digits, with a minus
 * sign in front below zero: "₹42,480.00" (INR groups the Indian way:
 * "₹1,00,000.00"), "£2,500.00", "-£3.50", "$12.00", "€9.99", "¥1,200" (no
 * minor digits). A well-formed code the library has no symbol for is written
 * before the number with a space: "CHF 12.00" (2 minor digits assumed); an empty
 * or malformed currency gives the number alone. The text is UTF-8.
 *
 * Writes at most out_cap bytes, always NUL-terminated when out_cap > 0
 * (truncated when short; MC_MONEY_TEXT_MAX is always enough); returns the
 * length of the whole text without its NUL, like snprintf. out may be NULL
 * when out_cap is 0. Pure; any thread.
 */
size_t mc_money_format(mc_money money, char *out, size_t out_cap);

/* The number of digits of a currency's minor unit: 2 for INR, GBP, USD, EUR; 0 for JPY;
 * 3 for KWD; 2 for a code not in the library's table, NULL or "". Pure; any thread. */
int32_t mc_currency_minor_digits(const char *currency);

/*
 * Write a tax rule as a member reads it into out: "GST 18%", "VAT 20%",
 * "VAT 12.5%" (the rate without trailing zeros); "no tax" when its name is
 * empty. Writes and returns as mc_money_format. Pure; any thread.
 */
size_t mc_tax_format(mc_tax tax, char *out, size_t out_cap);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_MONEY_H */
