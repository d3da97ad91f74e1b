/* base/text.c - text that came from outside, made safe to quote: UTF-8 prefixes cut on character
 * boundaries, invalid bytes repaired, and the JSON escape \u0000 found before cJSON decodes it. */
#include "base/text.h"

#include <stdint.h>
#include <string.h>

/* The bytes of the valid UTF-8 character (not NUL) at s within avail bytes, 0 if none. */
static size_t character_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t extra;
    uint32_t cp;
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
        cp = cp << 6 | (s[k] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return extra + 1;
}

size_t ms_utf8_prefix(const char *s, size_t max)
{
    if (!s)
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

void ms_utf8_scrub(char *s)
{
    if (!s)
        return;
    size_t len = strlen(s);
    for (size_t i = ms_utf8_prefix(s, len); i < len; i += ms_utf8_prefix(s + i, len - i)) {
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

/* The index after the white space from i on. */
static size_t skip_space(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    return i;
}

/* Copy the raw span [start, end) of text into field, cut on a character boundary. */
static void name_field(char *field, size_t cap, const char *text, size_t start, size_t end)
{
    size_t n = ms_utf8_prefix(text + start, end - start < cap - 1 ? end - start : cap - 1);
    memcpy(field, text + start, n);
    field[n] = '\0';
}

bool ms_json_nul_escape(const char *text, size_t len, char *field, size_t cap)
{
    size_t key_start = 0, key_end = 0, last_start = 0, last_end = 0, start = 0;
    bool in_string = false, has_key = false, nul = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!in_string) {
            if (c == '"') {
                in_string = true;
                start = i + 1;
            } else if (c == ':') {
                key_start = last_start;
                key_end = last_end;
                has_key = true;
            }
        } else if (c == '\\' && i + 1 < len) {
            if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0)
                nul = true;
            i++; /* the escaped character; \u's hex digits are plain characters */
        } else if (c == '"') {
            in_string = false;
            last_start = start;
            last_end = i;
            if (!nul)
                continue;
            size_t next = skip_space(text, len, i + 1);
            if (next < len && text[next] == ':')
                name_field(field, cap, text, start, i); /* the key itself */
            else if (has_key)
                name_field(field, cap, text, key_start, key_end);
            else
                field[0] = '\0';
            return true;
        }
    }
    return false;
}
