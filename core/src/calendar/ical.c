/* calendar/ical.c - the iCalendar (RFC 5545) writer (calendar/ical.h). Pure. */
#include "calendar/ical.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* RFC 5545 3.1: a content line is at most 75 octets, line break excluded. */
#define FOLD_OCTETS 75

typedef struct text_buf {
    char *data;
    size_t len, cap;
    bool failed;
} text_buf;

static void buf_put(text_buf *b, const char *bytes, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_puts(text_buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* Append line (no line break) folded, ending with CRLF. */
static void put_folded(text_buf *b, const char *line)
{
    size_t n = strlen(line), at = 0, room = FOLD_OCTETS;
    while (n - at > room) {
        size_t cut = at + room;
        while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--; /* never inside a UTF-8 sequence */
        buf_put(b, line + at, cut - at);
        buf_puts(b, "\r\n ");
        at = cut;
        room = FOLD_OCTETS - 1; /* the leading space counts */
    }
    buf_put(b, line + at, n - at);
    buf_puts(b, "\r\n");
}

/* Append one content line made by a format, folded. */
static void put_line(text_buf *b, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *line = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (line == NULL) {
        b->failed = true;
        va_end(ap);
        return;
    }
    vsnprintf(line, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put_folded(b, line);
    free(line);
}

char *mci_ical_fold(const char *line)
{
    text_buf b = {0};
    put_folded(&b, line);
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

char *mci_ical_escape_text(const char *text)
{
    text_buf b = {0};
    buf_put(&b, "", 0);
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '\\':
            buf_puts(&b, "\\\\");
            break;
        case ';':
            buf_puts(&b, "\\;");
            break;
        case ',':
            buf_puts(&b, "\\,");
            break;
        case '\n':
            buf_puts(&b, "\\n");
            break;
        case '\r':
            if (p[1] != '\n')
                buf_puts(&b, "\\n");
            break;
        default:
            if ((unsigned char)*p >= 0x20 || *p == '\t')
                buf_put(&b, p, 1); /* other controls are not allowed in TEXT: dropped */
            break;
        }
    }
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

/* "YYYYMMDDTHHMMSS" of a wall-clock time written as ms since 1970 (UTC-like). */
static void format_wall(int64_t wall_ms, char out[40])
{
    int64_t days = wall_ms / MCI_MS_PER_DAY, rem = wall_ms % MCI_MS_PER_DAY;
    if (rem < 0) {
        rem += MCI_MS_PER_DAY;
        days--;
    }
    int y, m, d;
    mci_civil_from_days(days, &y, &m, &d);
    int64_t sec = rem / 1000;
    snprintf(out, 40, "%04d%02d%02dT%02d%02d%02d", y % 10000, m, d, (int)(sec / 3600),
             (int)(sec / 60 % 60), (int)(sec % 60));
}

static void format_date(int64_t day, char out[32])
{
    int y, m, d;
    mci_civil_from_days(day, &y, &m, &d);
    snprintf(out, 32, "%04d%02d%02d", y % 10000, m, d);
}

/* "+0530", "-0100", "+0000" */
static void format_offset(int32_t offset_min, char out[16])
{
    int32_t a = offset_min < 0 ? -offset_min : offset_min;
    snprintf(out, 16, "%c%02d%02d", offset_min < 0 ? '-' : '+', (int)(a / 60 % 100), (int)(a % 60));
}

/* The smallest offset of a zone: its standard time; the others are daylight time. */
static int32_t standard_offset(const mci_zone *zone)
{
    int32_t least = zone->transitions[0].offset_min;
    for (size_t i = 1; i < zone->count; i++)
        if (zone->transitions[i].offset_min < least)
            least = zone->transitions[i].offset_min;
    return least;
}

/* One VTIMEZONE: a STANDARD or DAYLIGHT observance for the transition in effect at from_ms
 * and for every one after it up to to_ms. Each DTSTART is the change's local time on the
 * clock before it (TZOFFSETFROM), as RFC 5545 3.6.5 says. */
static void put_timezone(text_buf *b, const mci_ical_zone *z, int64_t from_ms, int64_t to_ms)
{
    const mci_zone *zone = &z->zone;
    int32_t standard = standard_offset(zone);
    size_t first = (size_t)(mci_zone_transition_at(zone, from_ms) - zone->transitions);
    char *tzid = mci_ical_escape_text(z->tzid);
    put_line(b, "BEGIN:VTIMEZONE");
    put_line(b, "TZID:%s", tzid ? tzid : "");
    free(tzid);
    for (size_t i = first; i < zone->count && (i == first || zone->transitions[i].at_ms <= to_ms);
         i++) {
        const mci_zone_transition *t = &zone->transitions[i];
        int32_t before = i > 0 ? zone->transitions[i - 1].offset_min : t->offset_min;
        const char *kind = t->offset_min > standard ? "DAYLIGHT" : "STANDARD";
        char start[40], from[16], to[16];
        format_wall(t->at_ms + before * MCI_MS_PER_MIN, start);
        format_offset(before, from);
        format_offset(t->offset_min, to);
        put_line(b, "BEGIN:%s", kind);
        put_line(b, "DTSTART:%s", start);
        put_line(b, "TZOFFSETFROM:%s", from);
        put_line(b, "TZOFFSETTO:%s", to);
        if (t->abbrev[0] != '\0')
            put_line(b, "TZNAME:%s", t->abbrev);
        put_line(b, "END:%s", kind);
    }
    put_line(b, "END:VTIMEZONE");
}

static void put_text_property(text_buf *b, const char *name, const char *value)
{
    char *escaped = mci_ical_escape_text(value);
    if (escaped == NULL) {
        b->failed = true;
        return;
    }
    put_line(b, "%s:%s", name, escaped);
    free(escaped);
}

static void put_event(text_buf *b, const mci_ical_zone *zones, const mci_ical_event *e,
                      const char *stamp)
{
    put_line(b, "BEGIN:VEVENT");
    put_text_property(b, "UID", e->uid);
    put_line(b, "DTSTAMP:%s", stamp);
    if (e->all_day) {
        char first[32], end[32];
        format_date(e->first_day, first);
        format_date(e->end_day, end);
        put_line(b, "DTSTART;VALUE=DATE:%s", first);
        put_line(b, "DTEND;VALUE=DATE:%s", end);
    } else {
        const mci_ical_zone *z = &zones[e->zone];
        char start[40], end[40];
        format_wall(e->start_ms + mci_zone_offset_at(&z->zone, e->start_ms) * MCI_MS_PER_MIN,
                    start);
        format_wall(e->end_ms + mci_zone_offset_at(&z->zone, e->end_ms) * MCI_MS_PER_MIN, end);
        char *tzid = mci_ical_escape_text(z->tzid);
        put_line(b, "DTSTART;TZID=%s:%s", tzid ? tzid : "", start);
        put_line(b, "DTEND;TZID=%s:%s", tzid ? tzid : "", end);
        free(tzid);
    }
    put_text_property(b, "SUMMARY", e->summary);
    if (e->location != NULL && e->location[0] != '\0')
        put_text_property(b, "LOCATION", e->location);
    put_line(b, "STATUS:%s", e->tentative ? "TENTATIVE" : "CONFIRMED");
    put_line(b, "END:VEVENT");
}

/* Check the events against the zones. */
static mc_status check_events(size_t zone_count, const mci_ical_zone *zones,
                              const mci_ical_event *events, size_t event_count, mc_error *err)
{
    for (size_t i = 0; i < zone_count; i++)
        if (zones[i].zone.count == 0 || zones[i].tzid == NULL || zones[i].tzid[0] == '\0')
            return mci_error_set(err, MC_ERR_INVALID_ARG, "zone %zu has no name or transitions", i);
    for (size_t i = 0; i < event_count; i++) {
        const mci_ical_event *e = &events[i];
        if (!e->all_day && e->zone >= zone_count)
            return mci_error_set(err, MC_ERR_INVALID_ARG, "event '%s' names no known zone",
                                 e->uid ? e->uid : "");
        if (e->all_day ? e->end_day <= e->first_day : e->end_ms < e->start_ms)
            return mci_error_set(err, MC_ERR_INVALID_ARG, "event '%s' ends before it starts",
                                 e->uid ? e->uid : "");
    }
    return MC_OK;
}

mc_status mci_ical_write(const mci_ical_zone *zones, size_t zone_count,
                         const mci_ical_event *events, size_t event_count, int64_t dtstamp_ms,
                         char **out, size_t *len, mc_error *err)
{
    *out = NULL;
    mc_status st = check_events(zone_count, zones, events, event_count, err);
    if (st != MC_OK)
        return st;
    text_buf b = {0};
    char stamp[48];
    format_wall(dtstamp_ms, stamp);
    strcat(stamp, "Z");
    put_line(&b, "BEGIN:VCALENDAR");
    put_line(&b, "VERSION:2.0");
    put_line(&b, "PRODID:-//membercore//EN");
    put_line(&b, "CALSCALE:GREGORIAN");
    for (size_t z = 0; z < zone_count; z++) {
        bool used = false;
        int64_t from = 0, to = 0;
        for (size_t i = 0; i < event_count; i++) {
            const mci_ical_event *e = &events[i];
            if (e->all_day || e->zone != z)
                continue;
            from = !used || e->start_ms < from ? e->start_ms : from;
            to = !used || e->end_ms > to ? e->end_ms : to;
            used = true;
        }
        if (used)
            put_timezone(&b, &zones[z], from, to);
    }
    for (size_t i = 0; i < event_count; i++)
        put_event(&b, zones, &events[i], stamp);
    put_line(&b, "END:VCALENDAR");
    if (b.failed) {
        free(b.data);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory writing the calendar");
    }
    *out = b.data;
    if (len != NULL)
        *len = b.len;
    return MC_OK;
}
