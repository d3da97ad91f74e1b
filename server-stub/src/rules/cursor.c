/* rules/cursor.c - the pull cursor: an opaque string naming the epoch and a position in the stream.
 */
#include "rules/cursor.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"

/* Room for the decoded text of any cursor this server issues. */
#define RAW_MAX 192

int ms_cursor_encode(const char *epoch, const ms_cursor *c, char out[MS_CURSOR_MAX])
{
    char raw[RAW_MAX];
    int n;
    if (c->snapshot)
        n = snprintf(raw, sizeof raw, "v1|%s|s|%" PRId64 "|%d|%s", epoch, c->high_water, c->kind,
                     c->after);
    else
        n = snprintf(raw, sizeof raw, "v1|%s|l|%" PRId64, epoch, c->seq);
    if (n < 0 || (size_t)n >= sizeof raw)
        return -1;
    return ms_base64url((const uint8_t *)raw, (size_t)n, out, MS_CURSOR_MAX);
}

static int b64url_value(char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= 'a' && ch <= 'z')
        return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9')
        return ch - '0' + 52;
    if (ch == '-')
        return 62;
    if (ch == '_')
        return 63;
    return -1;
}

/* Unpadded base64url text -> NUL-terminated bytes in out; -1 if malformed or too long. */
static int b64url_decode(const char *text, char *out, size_t cap)
{
    size_t len = strlen(text), used = 0;
    if (len % 4 == 1)
        return -1;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value(text[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (used + 1 >= cap)
                return -1;
            out[used++] = (char)((acc >> bits) & 0xFF);
        }
    }
    /* Leftover bits must be zero (a canonical encoding). */
    if (acc & ((1u << bits) - 1))
        return -1;
    out[used] = '\0';
    return strlen(out) == used ? 0 : -1;
}

/* A non-negative decimal integer filling the whole of text. */
static bool parse_i64(const char *text, int64_t *out)
{
    if (!text[0] || text[0] == '-' || text[0] == '+' || text[0] == ' ')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

int ms_cursor_decode(const char *text, int kind_count, char epoch[MS_EPOCH_MAX], ms_cursor *c)
{
    char raw[RAW_MAX];
    memset(c, 0, sizeof *c);
    if (strlen(text) >= MS_CURSOR_MAX || b64url_decode(text, raw, sizeof raw) != 0)
        return -1;
    /* Split at the first 5 '|': after them, the rest is the snapshot's last id. */
    char *fields[6] = {raw};
    int n = 1;
    for (char *p = raw; *p && n < 6; p++)
        if (*p == '|') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    if (n < 4 || strcmp(fields[0], "v1") != 0 || !fields[1][0] || strlen(fields[1]) >= MS_EPOCH_MAX)
        return -1;
    snprintf(epoch, MS_EPOCH_MAX, "%s", fields[1]);
    if (strcmp(fields[2], "l") == 0) {
        return n == 4 && parse_i64(fields[3], &c->seq) ? 0 : -1;
    }
    if (strcmp(fields[2], "s") != 0 || n != 6 || strlen(fields[5]) >= sizeof c->after)
        return -1;
    int64_t kind;
    if (!parse_i64(fields[3], &c->high_water) || !parse_i64(fields[4], &kind) || kind < 0 ||
        kind >= kind_count)
        return -1;
    c->snapshot = true;
    c->kind = (int)kind;
    snprintf(c->after, sizeof c->after, "%s", fields[5]);
    return 0;
}
