/* api/fields.c - reading and checking the fields of JSON request bodies; failures name the field.
 */
#include "api/fields.h"

#include <math.h>
#include <string.h>

#include "base/text.h"

bool ms_utf8_valid(const char *str, size_t len)
{
    return ms_utf8_prefix(str, len) == len;
}

bool ms_body_nul_free(ms_reply *reply, const char *body, size_t len)
{
    char field[64];
    if (!ms_json_nul_escape(body, len, field, sizeof field))
        return true;
    ms_reply_invalid(reply, "field '%s' holds \\u0000 (a NUL character), which no text may hold",
                     field[0] ? field : "(unnamed)");
    return false;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The trimmed part of s: start and length. */
static const char *trim(const char *s, size_t *len)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    *len = n;
    return s;
}

static const cJSON *require(ms_reply *reply, const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!item)
        ms_reply_invalid(reply, "field '%s' is missing", name);
    return item;
}

bool ms_field_string(ms_reply *reply, const cJSON *obj, const char *name, const char **out)
{
    const cJSON *item = require(reply, obj, name);
    if (!item)
        return false;
    if (!cJSON_IsString(item) || !item->valuestring) {
        ms_reply_invalid(reply, "field '%s' must be a string", name);
        return false;
    }
    if (!ms_utf8_valid(item->valuestring, strlen(item->valuestring))) {
        ms_reply_invalid(reply, "field '%s' is not valid UTF-8", name);
        return false;
    }
    *out = item->valuestring;
    return true;
}

/* The string field trimmed of surrounding white space; false (reply filled) if empty. */
static bool trimmed_field(ms_reply *reply, const cJSON *obj, const char *name, const char **start,
                          size_t *len)
{
    const char *raw;
    if (!ms_field_string(reply, obj, name, &raw))
        return false;
    *start = trim(raw, len);
    if (*len == 0) {
        ms_reply_invalid(reply, "field '%s' must not be empty", name);
        return false;
    }
    return true;
}

bool ms_field_text(ms_reply *reply, const cJSON *obj, const char *name, size_t max_chars, char *out,
                   size_t cap)
{
    const char *start;
    size_t len, chars = 0;
    if (!trimmed_field(reply, obj, name, &start, &len))
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)start[i];
        if (c < 0x20 || c == 0x7F) {
            ms_reply_invalid(reply, "field '%s' contains a control character", name);
            return false;
        }
        if ((c & 0xC0) != 0x80)
            chars++;
    }
    if (chars > max_chars || len >= cap) {
        ms_reply_invalid(reply, "field '%s' must be at most %zu characters", name, max_chars);
        return false;
    }
    memcpy(out, start, len);
    out[len] = '\0';
    return true;
}

const char *ms_email_problem(const char *email)
{
    size_t len = strlen(email);
    if (len == 0)
        return "must not be empty";
    if (len > 254)
        return "must be at most 254 characters";
    for (const unsigned char *p = (const unsigned char *)email; *p; p++)
        if (*p <= 0x20 || *p == 0x7F)
            return "must not contain spaces or control characters";
    const char *at = strchr(email, '@');
    if (!at || strchr(at + 1, '@'))
        return "must contain exactly one '@'";
    if (at == email)
        return "needs a name before the '@'";
    const char *domain = at + 1;
    size_t dlen = strlen(domain);
    if (!strchr(domain, '.') || domain[0] == '.' || domain[dlen - 1] == '.' || strstr(domain, ".."))
        return "needs a domain such as example.com after the '@'";
    return NULL;
}

bool ms_field_email(ms_reply *reply, const cJSON *obj, const char *name, char *out, size_t cap)
{
    const char *start;
    size_t len;
    if (!trimmed_field(reply, obj, name, &start, &len))
        return false;
    if (len >= cap) {
        ms_reply_invalid(reply, "field '%s' must be at most %zu characters", name, cap - 1);
        return false;
    }
    memcpy(out, start, len);
    out[len] = '\0';
    const char *problem = ms_email_problem(out);
    if (problem) {
        ms_reply_invalid(reply, "field '%s' %s", name, problem);
        return false;
    }
    return true;
}

bool ms_field_int(ms_reply *reply, const cJSON *obj, const char *name, int64_t min, int64_t max,
                  int64_t *out)
{
    const cJSON *item = require(reply, obj, name);
    if (!item)
        return false;
    double v = item->valuedouble;
    if (!cJSON_IsNumber(item) || !isfinite(v) || v != floor(v)) {
        ms_reply_invalid(reply, "field '%s' must be an integer", name);
        return false;
    }
    if (v < (double)min || v > (double)max) {
        if (max != MS_JSON_INT_MAX)
            ms_reply_invalid(reply, "field '%s' must be between %lld and %lld", name,
                             (long long)min, (long long)max);
        else if (v < (double)min)
            ms_reply_invalid(reply, "field '%s' must be at least %lld", name, (long long)min);
        else
            ms_reply_invalid(reply, "field '%s' is too large", name);
        return false;
    }
    *out = (int64_t)v;
    return true;
}

bool ms_opaque_ok(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > MS_OPAQUE_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F)
            return false;
    return true;
}
