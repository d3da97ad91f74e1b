/*
 * values.h - typed values as a person types and reads them: counts and
 * rupee amounts (converted to and from integer paise, never floating point).
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

#endif /* MEMBERCTL_VALUES_H */
