/* api/fields.h - reading and checking the fields of JSON request bodies; failures name the field.
 */
#ifndef MS_FIELDS_H
#define MS_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "api/api.h"

/* The largest integer a JSON number carries exactly (2^53 - 1). */
#define MS_JSON_INT_MAX 9007199254740991LL

/*
 * Each reader returns true with the value, or false after filling reply with
 * 400 invalid_argument and a message such as "field 'phone' is missing".
 */

/* A required string, as sent (borrowed from obj). */
bool ms_field_string(ms_reply *reply, const cJSON *obj, const char *name, const char **out);
/*
 * A required free-text string: trimmed of surrounding white space, then 1 to
 * max_chars characters (UTF-8 code points), no control characters. Copied
 * into out (cap >= 4 * max_chars + 1).
 */
bool ms_field_text(ms_reply *reply, const cJSON *obj, const char *name, size_t max_chars, char *out,
                   size_t cap);
/* A required email address (trimmed; see ms_email_problem), copied into out. */
bool ms_field_email(ms_reply *reply, const cJSON *obj, const char *name, char *out, size_t cap);
/* A required integer in [min, max] (a JSON number with no fractional part). */
bool ms_field_int(ms_reply *reply, const cJSON *obj, const char *name, int64_t min, int64_t max,
                  int64_t *out);

/* The longest client id or idempotency key accepted. */
#define MS_OPAQUE_MAX 128

/* true when s is 1 to MS_OPAQUE_MAX printable ASCII characters without spaces (a UUID fits). */
bool ms_opaque_ok(const char *s);

/* NULL when email is acceptable: one '@', a non-empty local part, a domain with
 * a dot, no spaces, at most 254 bytes. Otherwise what is wrong with it. */
const char *ms_email_problem(const char *email);
/* true when the len bytes at s are valid UTF-8 with no NUL byte. */
bool ms_utf8_valid(const char *s, size_t len);
/* true when no string of the JSON body (len bytes) holds the escape \u0000 (cJSON would cut the
 * string at its NUL); else false after filling reply with 400 invalid_argument naming the field. */
bool ms_body_nul_free(ms_reply *reply, const char *body, size_t len);

#endif
