/*
 * values.h - typed values as a person types them: counts, ids, amounts of
 * money (converted to integer minor units, never floating point),
 * guests written as "Name <email>", and day passes written as "DATE" or
 * "DATE:Name <email>" (the date read by parse/datetime.h, like every date
 * and time memberctl takes).
 */
#ifndef MEMBERCTL_VALUES_H
#define MEMBERCTL_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <membercore/money.h>

#include "parse/datetime.h" /* DATETIME_DATE_MAX, for values_parse_pass */

/* "25" -> 25. Decimal digits only (no sign, no spaces), at most 9 of them. */
bool values_parse_count(const char *text, int32_t *out);

/*
 * An amount of a currency with two minor digits -> minor units: "50000" ->
 * 5000000, "50000.5" -> 5000050, "50,000.50" -> 5000050. Digits with optional
 * grouping commas between digits, then optionally '.' and one or two digits.
 * Anything else (signs, spaces, more decimals, overflow) is rejected.
 */
bool values_parse_amount(const char *text, int64_t *minor);

/*
 * A budget: "AMOUNT" (rupees) or "AMOUNT CODE" with an ISO 4217 code of a
 * currency with two minor digits ("2000 GBP", "50,000.50 INR") -> *out.
 */
bool values_parse_budget(const char *text, mc_money *out);

/* "42" -> 42: a positive id. Decimal digits only, at most 18 of them, not 0. */
bool values_parse_id(const char *text, int64_t *out);

/*
 * A guest written "Name <email>": a name (spaces around it dropped, without
 * '<' or '>'), then the address in angle brackets, then nothing. The address
 * must be non-empty, without spaces or brackets, with one '@' between other
 * characters (the core checks it fully). Copies both into the buffers; false
 * when the text has another shape or a part does not fit.
 */
#define VALUES_GUEST_NAME_MAX  512
#define VALUES_GUEST_EMAIL_MAX 320
bool values_parse_guest(const char *text, char *name, size_t name_cap, char *email,
                        size_t email_cap);

/*
 * A day pass as typed: "2027-03-01" (for yourself) or "2027-03-01:Name
 * <email>" (for a guest; the guest as values_parse_guest takes it). Copies
 * the date into date (DATETIME_DATE_MAX bytes) and the guest's name and
 * address into the buffers ("" for yourself); false for any other shape, an
 * impossible date, or a part that does not fit.
 */
bool values_parse_pass(const char *text, char *date, size_t date_cap, char *name, size_t name_cap,
                       char *email, size_t email_cap);

#endif /* MEMBERCTL_VALUES_H */
