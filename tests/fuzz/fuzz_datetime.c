/*
 * tests/fuzz/fuzz_datetime.c - libFuzzer harness: date and time strings as people type them
 * (memberctl's parse/datetime.c: dates, HH:MM, spans, the argument checks) and as the core
 * reads them (mci_parse_date, mci_parse_hhmm). The two sides must agree on what is a date or
 * a time and on its value; what is accepted must format back to the same text; the messages
 * that quote the input must fit their buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_client.h"
#include "parse/datetime.h"
#include "rules/zone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what, const char *text)
{
    if (!ok) {
        fprintf(stderr, "fuzz_datetime: %s: \"%s\"\n", what, text);
        abort();
    }
}

static void dates(const char *text)
{
    int64_t days = 0, ms = 0;
    bool core = mci_parse_date(text, &days);
    bool cli = datetime_parse_date(text);
    /* The core also reads the year 0000 (proleptic Gregorian); memberctl asks for 0001-9999. */
    if (strncmp(text, "0000", 4) != 0)
        check(core == cli, "the core and memberctl disagree on a date", text);
    if (core) {
        int y, m, d;
        char back[32];
        mci_civil_from_days(days, &y, &m, &d);
        snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
        check(strcmp(back, text) == 0, "a date does not format back to itself", text);
    }
    if (cli) {
        check(datetime_date_utc_ms(text, &ms), "a date has no UTC instant", text);
        if (core)
            check(ms == days * 86400000LL, "the two sides put a date on different days", text);
        char words[DATETIME_DAY_WORDS_MAX];
        datetime_format_day_words(text, 2027, words, sizeof words);
        check(datetime_date_year(text) > 0, "a date has no year", text);
    }
    char msg[DATETIME_MSG_MAX];
    check(datetime_arg_date("--date", text, "YYYY-MM-DD", msg, sizeof msg) == cli,
          "the --date check and the parser disagree", text);
}

static void times(const char *text)
{
    int32_t core_min = -1, cli_min = -2;
    bool core = mci_parse_hhmm(text, &core_min);
    bool cli = datetime_parse_hhmm(text, &cli_min);
    check(core == cli, "the core and memberctl disagree on a time", text);
    if (core) {
        check(core_min == cli_min && core_min >= 0 && core_min <= 1440, "a time's minute", text);
        char back[DATETIME_HHMM_MAX];
        datetime_format_hhmm(core_min, back, sizeof back);
        check(strcmp(back, text) == 0, "a time does not format back to itself", text);
    }
    int32_t minute = 0;
    char msg[DATETIME_MSG_MAX];
    check(datetime_arg_hhmm("--start", text, "HH:MM", &minute, msg, sizeof msg) == cli,
          "the --start check and the parser disagree", text);
    int32_t from = -1, to = -1;
    if (datetime_parse_hhmm_span(text, &from, &to)) {
        check(from >= 0 && from < 1440 && to >= 0 && to < 1440 && from != to, "a span", text);
        char span[DATETIME_HHMM_SPAN_MAX];
        datetime_format_hhmm_span(from, to, span, sizeof span);
        int32_t from2 = -1, to2 = -1;
        check(datetime_parse_hhmm_span(span, &from2, &to2) && from2 == from && to2 == to,
              "a span does not read back", text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    dates(text);
    times(text);
    if (size >= 8) { /* the bytes as an instant, formatted */
        int64_t ms;
        memcpy(&ms, data, sizeof ms);
        char iso[DATETIME_TIME_MAX];
        datetime_format_time(ms, iso, sizeof iso);
        (void)datetime_year_of_ms(ms);
    }
    free(text);
    return 0;
}
