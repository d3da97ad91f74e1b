/* words.c - sizes, durations, shares and state names in words (see words.h). */
#include "render/words.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void words_bytes(int64_t bytes, char *out, size_t out_cap)
{
    static const char *const units[] = {"KB", "MB", "GB", "TB"};
    if (bytes < 0) {
        snprintf(out, out_cap, "?");
        return;
    }
    if (bytes < 1024) {
        snprintf(out, out_cap, "%lld %s", (long long)bytes, bytes == 1 ? "byte" : "bytes");
        return;
    }
    /* Tenths of the unit, rounded half up, in integers: 4.2 MB, never 4.19999. */
    size_t unit = 0;
    int64_t scale = 1024;
    while (unit + 1 < sizeof units / sizeof *units && bytes >= scale * 1024 - scale / 20) {
        scale *= 1024;
        unit++;
    }
    int64_t tenths = (bytes * 10 + scale / 2) / scale;
    snprintf(out, out_cap, "%lld.%lld %s", (long long)(tenths / 10), (long long)(tenths % 10),
             units[unit]);
}

void words_minutes(int32_t minutes, char *out, size_t out_cap)
{
    if (minutes < 0) {
        snprintf(out, out_cap, "?");
        return;
    }
    int32_t hours = minutes / 60, rest = minutes % 60;
    if (hours == 0)
        snprintf(out, out_cap, "%d minute%s", (int)rest, rest == 1 ? "" : "s");
    else if (rest == 0)
        snprintf(out, out_cap, "%d hour%s", (int)hours, hours == 1 ? "" : "s");
    else
        snprintf(out, out_cap, "%d hour%s %d minute%s", (int)hours, hours == 1 ? "" : "s",
                 (int)rest, rest == 1 ? "" : "s");
}

int words_percent(int64_t done, int64_t total)
{
    if (total <= 0 || done <= 0)
        return 0;
    if (done >= total)
        return 100;
    return (int)(done * 100 / total);
}

void words_name(const char *name, char *out, size_t out_cap)
{
    if (out_cap == 0)
        return;
    size_t i = 0;
    for (; name != NULL && name[i] != '\0' && i + 1 < out_cap; i++)
        out[i] = name[i] == '_' ? ' ' : name[i];
    out[i] = '\0';
}

/* The bytes of the UTF-8 character that starts with byte c (1 for a stray byte). */
static size_t char_bytes(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

void words_clip(const char *text, size_t max_chars, char *out, size_t out_cap)
{
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
    if (out_cap == 0)
        return;
    size_t used = 0, chars = 0, i = 0;
    out[0] = '\0';
    while (text != NULL && text[i] != '\0') {
        size_t n = char_bytes((unsigned char)text[i]);
        for (size_t k = 1; k < n; k++) {
            if (text[i + k] == '\0') /* a cut sequence at the end: stop before it */
                return;
        }
        bool last_room = chars + 1 == max_chars && text[i + n] != '\0';
        if (chars == max_chars || last_room) {
            if (used + sizeof ellipsis <= out_cap)
                memcpy(out + used, ellipsis, sizeof ellipsis);
            return;
        }
        if (used + n + 1 > out_cap)
            return;
        char c = text[i];
        if (n == 1 && (c == '\n' || c == '\r' || c == '\t'))
            out[used] = ' ';
        else
            memcpy(out + used, text + i, n);
        used += n;
        out[used] = '\0';
        chars++;
        i += n;
    }
}
