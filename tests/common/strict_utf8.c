/* tests/common/strict_utf8.c - a strict UTF-8 check for tests that is not the code under test's:
 * glibc's iconv decoding to UTF-32 (no overlong forms, surrogates or cut characters). */
#include "strict_utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

bool strict_utf8(const char *s, size_t len)
{
    if (memchr(s, '\0', len))
        return false;
    iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
    if (cd == (iconv_t)-1)
        abort(); /* no converter: the check cannot be made */
    char out[4096];
    char *in = (char *)s;
    size_t left = len;
    bool ok = true;
    while (ok && left > 0) {
        char *o = out;
        size_t room = sizeof out;
        if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && errno != E2BIG)
            ok = false;
    }
    iconv_close(cd);
    return ok;
}
