/* base/text.h - text that came from outside, made safe to quote: UTF-8 prefixes cut on character
 * boundaries, invalid bytes repaired, and the JSON escape \u0000 found before cJSON decodes it. */
#ifndef MS_TEXT_H
#define MS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The length in bytes of the longest prefix of s that is valid UTF-8, holds no NUL and is at most
 * max bytes long: quote input as "%.*s", (int)ms_utf8_prefix(s, 40), s so a cut never splits a
 * character. Reads at most max bytes (stops at a NUL); s NULL is 0.
 */
size_t ms_utf8_prefix(const char *s, size_t max);

/* Make the NUL-terminated s valid UTF-8 in place: each byte that does not begin a valid
 * character becomes '?'; a character cut short at the end is dropped. s NULL does nothing. */
void ms_utf8_scrub(char *s);

/*
 * true when a string of the JSON text (len bytes) holds the escape \u0000, which cJSON decodes
 * into a NUL that silently ends the string. Then field (cap bytes, cap > 0) names the object key
 * the string is the value of, or is, as written (cut on a character boundary); "" when the string
 * is in no object. Scans the raw text, so "\\u0000" (an escaped backslash) is not a NUL.
 */
bool ms_json_nul_escape(const char *text, size_t len, char *field, size_t cap);

#endif
