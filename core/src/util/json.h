/* util/json.h - reading typed fields out of cJSON objects, with errors that name the field, and
 * finding the escape \u0000 in JSON text before cJSON decodes it. */
#ifndef MCI_UTIL_JSON_H
#define MCI_UTIL_JSON_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"

/* The string at obj[name], or fallback when absent, null or not a string. */
const char *mci_json_string(const cJSON *obj, const char *name, const char *fallback);

/* The integer at obj[name], or fallback when absent or not a whole number. */
int64_t mci_json_int(const cJSON *obj, const char *name, int64_t fallback);

/* The boolean at obj[name], or fallback. */
bool mci_json_bool(const cJSON *obj, const char *name, bool fallback);

/* Require a string field: MC_OK and *out (borrowed), or MC_ERR_SERVER naming
 * the field (the server broke the contract). */
mc_status mci_json_require_string(const cJSON *obj, const char *name, const char **out,
                                  mc_error *err);

/*
 * true when a string of the JSON text (len bytes) holds the escape \u0000, which cJSON decodes
 * into a NUL that silently ends the string. Then field (cap bytes, cap > 0) names the object key
 * the string is the value of, or is, as written (cut on a character boundary); "" when the string
 * is in no object. Scans the raw text, so "\\u0000" (an escaped backslash) is not a NUL.
 */
bool mci_json_nul_escape(const char *text, size_t len, char *field, size_t cap);

#endif
