/* util/json.c - reading typed fields out of cJSON objects, with errors that name the field, and
 * finding the escape \u0000 in JSON text before cJSON decodes it. */
#include "util/json.h"

#include <math.h>
#include <string.h>

#include "util/error.h"
#include "util/strutil.h"

const char *mci_json_string(const cJSON *obj, const char *name, const char *fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(item) && item->valuestring != NULL ? item->valuestring : fallback;
}

int64_t mci_json_int(const cJSON *obj, const char *name, int64_t fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsNumber(item))
        return fallback;
    double v = item->valuedouble;
    /* 2^63 is exactly representable; whole numbers only. */
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0) || floor(v) != v)
        return fallback;
    return (int64_t)v;
}

bool mci_json_bool(const cJSON *obj, const char *name, bool fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsBool(item) ? cJSON_IsTrue(item) : fallback;
}

mc_status mci_json_require_string(const cJSON *obj, const char *name, const char **out,
                                  mc_error *err)
{
    const char *s = mci_json_string(obj, name, NULL);
    if (s == NULL)
        return mci_error_set(err, MC_ERR_SERVER, "server answer lacks the string field '%s'", name);
    *out = s;
    return MC_OK;
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
    size_t n = mci_utf8_prefix(text + start, end - start < cap - 1 ? end - start : cap - 1);
    memcpy(field, text + start, n);
    field[n] = '\0';
}

bool mci_json_nul_escape(const char *text, size_t len, char *field, size_t cap)
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
