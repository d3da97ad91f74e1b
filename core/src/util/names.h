/*
 * util/names.h - a public enum and its wire names, both ways: the one table behind every
 * `mc_*_name()` function and the parsing of a synced status or kind.
 *
 * A table lists the names by enum value, including the enum's UNKNOWN ("unknown"; value 0
 * for the enums made after mc_booking_status), so a wire value newer than this library
 * reads as UNKNOWN and prints as "unknown".
 */
#ifndef MCI_UTIL_NAMES_H
#define MCI_UTIL_NAMES_H

#include <stddef.h>

/* names[value], or "unknown" when value is outside the table. */
const char *mci_name_of(const char *const *names, size_t count, int value);

/* The value whose name is `name`; `unknown` for a NULL name or one not in the table. */
int mci_value_of(const char *const *names, size_t count, const char *name, int unknown);

#define MCI_COUNT(table) (sizeof(table) / sizeof *(table))

#endif
