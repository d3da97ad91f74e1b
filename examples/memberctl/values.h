/*
 * values.h - typed values as a person types and reads them: counts, ids,
 * rupee amounts (converted to and from integer paise, never floating point)
 * and times (milliseconds since the epoch, shown as ISO-8601 UTC).
 */
#ifndef MEMBERCTL_VALUES_H
#define MEMBERCTL_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "25" -> 25. Decimal digits only (no sign, no spaces), at most 9 of them. */
bool values_parse_count(const char *text, int32_t *out);

/*
 * Rupees -> paise: "50000" -> 5000000, "50000.5" -> 5000050, "50,000.50" ->
 * 5000050. Digits with optional grouping commas between digits, then
 * optionally '.' and one or two digits. Anything else (signs, spaces, more
 * decimals, overflow) is rejected.
 */
bool values_parse_rupees(const char *text, int64_t *paise);

/* Paise -> "50000.50" (no currency sign, no grouping) into out. */
void values_format_rupees(int64_t paise, char *out, size_t out_cap);

/* "42" -> 42: a positive id. Decimal digits only, at most 18 of them, not 0. */
bool values_parse_id(const char *text, int64_t *out);

/*
 * Milliseconds since the Unix epoch -> "2027-01-14T12:30:00Z" (UTC, whole
 * seconds, rounded down) into out; needs VALUES_TIME_MAX bytes. A time the C
 * library cannot convert is written as "@<ms>".
 */
#define VALUES_TIME_MAX 32
void values_format_time(int64_t ms, char *out, size_t out_cap);

#endif /* MEMBERCTL_VALUES_H */
