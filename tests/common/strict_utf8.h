/* tests/common/strict_utf8.h - a strict UTF-8 check for tests that is not the code under test's:
 * glibc's iconv decoding to UTF-32 (no overlong forms, surrogates or cut characters). */
#ifndef TESTS_STRICT_UTF8_H
#define TESTS_STRICT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* true when the len bytes at s are UTF-8 by iconv, with no NUL inside. */
bool strict_utf8(const char *s, size_t len);

#endif
