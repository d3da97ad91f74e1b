/* util/strutil.c - small string helpers the C library lacks (portably). */
#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>

char *mci_strdup(const char *s)
{
    if (s == NULL)
        s = "";
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

bool mci_strlcpy(char *dst, const char *src, size_t cap)
{
    if (cap == 0)
        return false;
    size_t n = strlen(src);
    bool fits = n < cap;
    if (!fits) {
        n = cap - 1;
        /* Cut before the character that would not fit whole, never inside it. */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

/* The bytes of the valid UTF-8 character (not NUL) at s within avail bytes, 0 if none. */
static size_t character_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t extra;
    unsigned cp;
    if (c == 0)
        return 0;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail <= extra)
        return 0;
    for (size_t k = 1; k <= extra; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return extra + 1;
}

long mci_utf8_length(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    long count = 0;
    for (size_t i = 0, step; i < len; i += step, count++)
        if ((step = character_length(p + i, len - i)) == 0)
            return -1;
    return count;
}

size_t mci_utf8_prefix(const char *s, size_t max)
{
    if (s == NULL)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    for (size_t step; n < max && (step = character_length(p + n, max - n)) > 0;)
        n += step;
    return n;
}

/* The bytes a character with lead byte c takes, 0 when c cannot lead one. */
static size_t lead_length(unsigned char c)
{
    return c < 0x80             ? 1
           : (c & 0xE0) == 0xC0 ? 2
           : (c & 0xF0) == 0xE0 ? 3
           : (c & 0xF8) == 0xF0 ? 4
                                : 0;
}

void mci_utf8_scrub(char *s)
{
    if (s == NULL)
        return;
    size_t len = strlen(s);
    for (size_t i = mci_utf8_prefix(s, len); i < len; i += mci_utf8_prefix(s + i, len - i)) {
        /* A lead byte followed only by continuation bytes, too few: the text was cut there. */
        size_t rest = 1;
        while (i + rest < len && ((unsigned char)s[i + rest] & 0xC0) == 0x80)
            rest++;
        if (i + rest == len && rest < lead_length((unsigned char)s[i])) {
            s[i] = '\0';
            return;
        }
        s[i++] = '?';
    }
}
