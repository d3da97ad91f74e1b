/* util/strutil.h - small string helpers the C library lacks (portably). */
#ifndef MCI_UTIL_STRUTIL_H
#define MCI_UTIL_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* strdup that maps NULL to "" (the result is never NULL unless out of memory). */
char *mci_strdup(const char *s);

/* Copy src into dst of capacity cap, always NUL-terminated; false if truncated. */
bool mci_strlcpy(char *dst, const char *src, size_t cap);

/* Length of a UTF-8 string in code points; -1 if not valid UTF-8. */
long mci_utf8_length(const char *s);

#endif
