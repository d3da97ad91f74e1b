/* rules/money.h - an amount as a member reads it in the server's own words (notification
 * bodies, emails): the currency's symbol, its grouping and two minor digits. Pure. */
#ifndef MS_RULES_MONEY_H
#define MS_RULES_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Bytes that hold any ms_money_text, NUL included. */
#define MS_MONEY_TEXT_MAX 48

/*
 * minor units of currency as text into out: "₹42,480.00" (INR grouped the Indian way),
 * "£30.00", "$12.00", "€9.99"; any other code before the number: "CHF 12.00". Every
 * currency the operator prices in has two minor digits. Truncated to cap.
 */
void ms_money_text(int64_t minor, const char *currency, char *out, size_t cap);

#endif
