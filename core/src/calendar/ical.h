/*
 * calendar/ical.h - the iCalendar (RFC 5545) writer: a VCALENDAR of timed and all-day
 * events with a VTIMEZONE per zone built from the synced zone transitions. Pure: plain
 * structs in, text out; no store, no clock, no I/O.
 *
 * What it writes: CRLF line ends; content lines folded at 75 octets (continuations start
 * with one space; a UTF-8 sequence is never split); TEXT values escaped (\\ \; \, \n);
 * timed events as local DATE-TIME with TZID; all-day ones as VALUE=DATE (DTEND the day
 * after the last, as RFC 5545 says).
 */
#ifndef MCI_CALENDAR_ICAL_H
#define MCI_CALENDAR_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "rules/zone.h"

/* A zone as the calendar names it: TZID (the building's zone name, "Europe/London") and its
 * synced transitions. */
typedef struct mci_ical_zone {
    const char *tzid;
    mci_zone zone;
} mci_ical_zone;

typedef struct mci_ical_event {
    const char *uid;      /* "booking-<id>@membercore" */
    const char *summary;  /* "Boardroom, BLR-1" */
    const char *location; /* "Koramangala, Bengaluru"; "" or NULL: none */
    bool all_day;
    /* timed: the UTC instants, written on the wall clock of zones[zone] */
    int64_t start_ms, end_ms;
    size_t zone;
    /* all-day: the first day and the day after the last (day numbers since 1970-01-01) */
    int64_t first_day, end_day;
    bool tentative; /* pending: STATUS:TENTATIVE, else CONFIRMED */
} mci_ical_event;

/*
 * The calendar of events (timed ones name one of the zones) stamped dtstamp_ms, into *out
 * (NUL-terminated, free() it) and its length into *len (may be NULL). Each zone some timed
 * event uses gets a VTIMEZONE with the transitions in effect over those events' span.
 * Errors: MC_ERR_INVALID_ARG (a zone index out of range, a zone without transitions, an end
 * before its start), MC_ERR_NO_MEMORY.
 */
mc_status mci_ical_write(const mci_ical_zone *zones, size_t zone_count,
                         const mci_ical_event *events, size_t event_count, int64_t dtstamp_ms,
                         char **out, size_t *len, mc_error *err);

/* The TEXT value of text, escaped by RFC 5545 3.3.11, into a new string (free() it); NULL
 * when out of memory. */
char *mci_ical_escape_text(const char *text);

/* Fold one content line (no CRLF) into 75-octet lines joined by CRLF + space, ending with
 * CRLF, into a new string (free() it); NULL when out of memory. */
char *mci_ical_fold(const char *line);

#endif
