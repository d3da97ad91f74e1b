/* util/strutil.h - small string helpers the C library lacks (portably). */
#ifndef MCI_UTIL_STRUTIL_H
#define MCI_UTIL_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* strdup that maps NULL to "" (the result is never NULL unless out of memory). */
char *mci_strdup(const char *s);

/* Copy src into dst of capacity cap, always NUL-terminated; false if truncated (then cut
 * before a UTF-8 character that does not fit whole). */
bool mci_strlcpy(char *dst, const char *src, size_t cap);

/* Length of a UTF-8 string in code points; -1 if not valid UTF-8. */
long mci_utf8_length(const char *s);

/*
 * The length in bytes of the longest prefix of s that is valid UTF-8, holds no NUL and is at most
 * max bytes long: quote input as "%.*s", (int)mci_utf8_prefix(s, 40), s so a cut never splits a
 * character. Reads at most max bytes (stops at a NUL); s NULL is 0.
 */
size_t mci_utf8_prefix(const char *s, size_t max);

/* Make the NUL-terminated s valid UTF-8 in place: each byte that does not begin a valid
 * character becomes '?'; a character cut short at the end is dropped. s NULL does nothing. */
void mci_utf8_scrub(char *s);

#endif
