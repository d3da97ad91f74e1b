/*
 * datetime.h - every date and time memberctl reads or shows: local dates
 * ("2027-03-28", a building's calendar day), times of day ("09:30", a
 * minute of the building's day), instants (milliseconds since the epoch,
 * shown as ISO-8601 UTC; or in their building's local time, as the core
 * converted them) and the clock. Each argument a person types goes
 * through datetime_arg_*, whose error names the argument.
 */
#ifndef MEMBERCTL_DATETIME_H
#define MEMBERCTL_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "membercore/localtime.h"

/* A local date "YYYY-MM-DD" and its terminating NUL. */
#define DATETIME_DATE_MAX 11
/* An instant as "2027-01-14T12:30:00Z" (or "@<ms>"), with room to spare. */
#define DATETIME_TIME_MAX 32
/* A minute of the day as "HH:MM" or "?". */
#define DATETIME_HHMM_MAX 8
/* An argument error: the argument's name, the text typed and the shape wanted. */
#define DATETIME_MSG_MAX 512

/*
 * "2027-03-28": a real date in the proleptic Gregorian calendar, written
 * YYYY-MM-DD with exactly those digits (no sign, no spaces, year 0001-9999).
 */
bool datetime_parse_date(const char *text);

/* "09:30" -> 570: HH:MM with two digits each, 00:00 to 24:00. */
bool datetime_parse_hhmm(const char *text, int32_t *minute);

/*
 * A minute of the day -> "09:30" into out (DATETIME_HHMM_MAX bytes; 1440 is
 * "24:00"); a minute outside 0..1440 is written "?".
 */
void datetime_format_hhmm(int32_t minute, char *out, size_t out_cap);

/*
 * Milliseconds since the Unix epoch -> "2027-01-14T12:30:00Z" (UTC, whole
 * seconds, rounded down) into out (DATETIME_TIME_MAX bytes). A time the C
 * library cannot convert is written as "@<ms>".
 */
void datetime_format_time(int64_t ms, char *out, size_t out_cap);

/* The same, or if_zero when ms is 0 ("never", "none"). */
void datetime_format_time_or(int64_t ms, const char *if_zero, char *out, size_t out_cap);

/* A building-local time as "2026-12-07 16:00 IST", and its terminating NUL. */
#define DATETIME_LOCAL_MAX 48

/*
 * An instant as the core gave it in its building's local time (membercore/localtime.h)
 * -> "2026-12-07 16:00 IST" into out (DATETIME_LOCAL_MAX bytes): the date, the
 * wall-clock time (":SS" too when with_seconds) and the zone's label, always shown so
 * that a list spanning zones reads unambiguously. if_unset when the time is unset (the
 * API's 0: "not yet", "none").
 */
void datetime_format_local(const mc_local_time *t, bool with_seconds, const char *if_unset,
                           char *out, size_t out_cap);

/*
 * A deadline (an invoice's due instant): one at local midnight is the end of the day
 * before, "2026-12-10 (end of day) IST"; any other as datetime_format_local. if_unset
 * when unset. DATETIME_LOCAL_MAX bytes.
 */
void datetime_format_local_deadline(const mc_local_time *t, const char *if_unset, char *out,
                                    size_t out_cap);

/*
 * A span: "2026-12-07 16:00 to 17:00 IST" when both ends share the date and label,
 * else "2026-10-24 23:00 BST to 2026-10-25 01:00 GMT" (DATETIME_LOCAL_MAX * 2 bytes).
 */
void datetime_format_local_span(const mc_local_time *from, const mc_local_time *to, char *out,
                                size_t out_cap);

/* A local date in words, "Mon 7 Dec", and its terminating NUL (" 2027" may follow). */
#define DATETIME_DAY_WORDS_MAX 24

/*
 * A local date "YYYY-MM-DD" in words as a member reads it: "Mon 7 Dec" (its weekday in
 * the proleptic Gregorian calendar), with the year after it, "Tue 5 Jan 2027", when the
 * year is not this_year (0: never). A text that is not a date is copied as it is.
 * DATETIME_DAY_WORDS_MAX bytes.
 */
void datetime_format_day_words(const char *date, int32_t this_year, char *out, size_t out_cap);

/* The year of the date "YYYY-MM-DD" (0 when it is not one): with datetime_clock_ms, this
 * machine's year for datetime_format_day_words (UTC: a day either side of New Year only
 * adds or drops the year). */
int32_t datetime_date_year(const char *date);
int32_t datetime_year_of_ms(int64_t ms);

/*
 * The UTC instant (ms since the epoch) of 00:00 UTC on the date "YYYY-MM-DD" (proleptic
 * Gregorian); false when it is not a date. A building's midnight is this less the
 * building's UTC offset, which only the core knows (mc_local_time_in_building).
 */
bool datetime_date_utc_ms(const char *date, int64_t *ms);

/*
 * "22:00-07:00" (a hyphen or an en dash between; no spaces) -> 1320 and 420: two times
 * of the day from 00:00 to 23:59, the first may be after the second (across midnight).
 * false when it is not so written, or the two are equal.
 */
bool datetime_parse_hhmm_span(const char *text, int32_t *from, int32_t *to);

/* Two minutes of the day as "22:00–07:00" (an en dash) into out (DATETIME_HHMM_MAX * 2 +
 * 4 bytes); a minute outside 0..1440 is written "?". */
#define DATETIME_HHMM_SPAN_MAX (DATETIME_HHMM_MAX * 2 + 4)
void datetime_format_hhmm_span(int32_t from, int32_t to, char *out, size_t out_cap);

/* Now in ms by clock (CLOCK_REALTIME: since the epoch; CLOCK_MONOTONIC). */
int64_t datetime_clock_ms(clockid_t clock);

/*
 * The arguments as typed. name is how the person gave it ("--date"); text
 * is NULL when the argument was not given. Each returns true when text is
 * well formed, or when it is NULL and the argument is optional (the caller
 * keeps its default); otherwise false with msg (DATETIME_MSG_MAX bytes) set
 * to a sentence naming the argument:
 *   "missing option '--date' (YYYY-MM-DD, the building's date)"
 *   "option '--date': '2027-02-30' is not a date (YYYY-MM-DD)"
 *   "option '--start': '9:30' is not a time (HH:MM)"
 * what_missing says what to give when a required one is missing
 * ("HH:MM, on the hour"); NULL makes the argument optional.
 */
bool datetime_arg_date(const char *name, const char *text, const char *what_missing, char *msg,
                       size_t msg_cap);
bool datetime_arg_hhmm(const char *name, const char *text, const char *what_missing,
                       int32_t *minute, char *msg, size_t msg_cap);

/* "--from" and "--to" together: from must be before to, else false with msg. */
bool datetime_arg_range(const char *from_name, int32_t from, const char *to_name, int32_t to,
                        char *msg, size_t msg_cap);

#endif /* MEMBERCTL_DATETIME_H */
