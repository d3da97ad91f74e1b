/*
 * words.h - sizes, durations, shares and state names as a member reads them ("4.2 MB",
 * "1 hour 30 minutes", "42%", "in progress"). Pure; tested alone in tests/cli.
 */
#ifndef MEMBERCTL_WORDS_H
#define MEMBERCTL_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* Room for any of the texts below. */
#define WORDS_MAX 64

/*
 * A size in bytes: "1 byte", "68 bytes" (under 1 KB), then one decimal: "12.3 KB",
 * "4.2 MB", "1.5 GB" (1 KB = 1024 bytes, so the 10 MiB photo limit reads "10.0 MB").
 * A negative size is written "?".
 */
void words_bytes(int64_t bytes, char *out, size_t out_cap);

/*
 * Minutes: "1 minute", "15 minutes", "1 hour", "1 hour 30 minutes", "24 hours" (never
 * days: an SLA counts the building's opening hours, not calendar days). A negative
 * count is written "?".
 */
void words_minutes(int32_t minutes, char *out, size_t out_cap);

/* How much of total done is, in whole percent rounded down (0..100; 0 when total <= 0). */
int words_percent(int64_t done, int64_t total);

/*
 * text on one line of at most max_chars characters (UTF-8 code points): line breaks and
 * tabs become spaces, and a longer text is cut at a character boundary and ends with
 * "…". Into out (truncated further, at a boundary, when out_cap is smaller).
 */
void words_clip(const char *text, size_t max_chars, char *out, size_t out_cap);

/* A core name in words: "in_progress" -> "in progress", "on_track" -> "on track". */
void words_name(const char *name, char *out, size_t out_cap);

#endif /* MEMBERCTL_WORDS_H */
