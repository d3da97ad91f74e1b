/*
 * calendar/calendar.c - mc_calendar_export: the member's room bookings, desk days, day
 * passes and the events they are going to, read from the local store in one read
 * transaction (the booking, desks, billing and community tables, by SQL), each in its
 * building's zone, written by the pure writer (calendar/ical.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ical.h"
#include "catalog/building.h"
#include "handle/handle.h"
#include "membercore/calendar.h"
#include "read/read.h"
#include "rules/zone.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

/* ?1 the member, ?2 from (ends on or after), ?3 to (starts before). Columns: the id, the
 * building, the name in the summary, start and end (instants) or the date and 0, and whether
 * it is pending. */
static const char rooms_sql[] =
    "SELECT b.id, b.building_id, coalesce(r.name, b.room_id), b.start_ms, b.end_ms, "
    "b.status != 'confirmed' FROM booking_row b LEFT JOIN room_index r ON r.id = b.room_id "
    "WHERE b.status IN ('confirmed', 'pending', 'pending_payment') AND b.end_ms >= ?2 AND "
    "b.start_ms < ?3 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'booking.cancel' AND "
    "o.entity_id = b.id AND o.user_id = ?1 AND o.state IN (0, 1, 3)) "
    "UNION ALL SELECT p.booking_id, coalesce(json_extract(o.payload, '$.building_id'), ''), "
    "coalesce(r.name, json_extract(o.payload, '$.room_id'), ''), p.start_ms, p.end_ms, 1 "
    "FROM pending_booking p CROSS JOIN outbox o ON o.mutation_id = p.mutation_id "
    "LEFT JOIN room_index r ON r.id = json_extract(o.payload, '$.room_id') "
    "WHERE p.user_id = ?1 AND o.state IN (0, 1, 3) AND p.end_ms >= ?2 AND p.start_ms < ?3 AND "
    "NOT EXISTS (SELECT 1 FROM booking_row b WHERE b.id = p.booking_id)";

static const char desks_sql[] =
    "SELECT d.id, d.building_id, d.desk_id, d.date, 0, d.status != 'confirmed' "
    "FROM desk_booking_row d WHERE d.status IN ('confirmed', 'pending', 'pending_payment') AND "
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'desk.cancel' AND o.entity_id = d.id AND "
    "o.user_id = ?1 AND o.state IN (0, 1, 3)) "
    "UNION ALL SELECT p.booking_id, p.building_id, p.desk_id, p.date, 0, 1 "
    "FROM pending_desk_booking p CROSS JOIN outbox o ON o.mutation_id = p.mutation_id "
    "WHERE p.user_id = ?1 AND o.state IN (0, 1, 3) AND "
    "NOT EXISTS (SELECT 1 FROM desk_booking_row d WHERE d.id = p.booking_id)";

static const char passes_sql[] = "SELECT p.id, p.building_id, '', p.date, 0, p.status = 'held' "
                                 "FROM pass_row p WHERE p.status IN ('active', 'held')";

/* Going by the server (confirmed) unless a "not going" is queued, or a queued "going"
 * (tentative) where a place looks free and nobody waits; waiting in line is not going. */
static const char events_sql[] =
    "SELECT id, building_id, title, starts_at_ms, ends_at_ms, coalesce(server, '') != 'going' "
    "FROM (SELECT e.id, e.building_id, e.title, e.starts_at_ms, e.ends_at_ms, e.capacity, "
    "e.going_count, r.status AS server, e.waitlist_count AS line, "
    "(SELECT json_extract(o.payload, '$.status') FROM outbox o "
    "WHERE o.kind = 'rsvp.set' AND o.entity_id = e.id AND o.user_id = ?1 AND o.state IN (0, 1, 3) "
    "ORDER BY o.mutation_id DESC LIMIT 1) AS pending FROM event_row e "
    "LEFT JOIN rsvp_row r ON r.event_id = e.id WHERE e.ends_at_ms >= ?2 AND e.starts_at_ms < ?3) "
    "WHERE (server = 'going' AND coalesce(pending, 'going') = 'going') OR (pending = 'going' AND "
    "coalesce(server, '') NOT IN ('going', 'waitlisted') AND (capacity = 0 OR "
    "going_count < capacity) AND coalesce(line, 0) = 0)";

/* A building as the calendar needs it: the zone it is in (index into the export's zones),
 * and its name and city for LOCATION. */
typedef struct place {
    char *building_id;
    size_t zone;
    char *location;
} place;

typedef struct export_state {
    mci_reader *r;
    int64_t from_ms, to_ms;
    place *places;
    size_t place_count;
    mci_ical_zone *zones;
    mci_zone_transition **zone_transitions; /* owned, one per zone */
    char **zone_names;                      /* owned, one per zone */
    size_t zone_count;
    mci_ical_event *events;
    size_t event_count, event_cap;
    char **strings; /* every string the events point at */
    size_t string_count, string_cap;
} export_state;

static char *keep(export_state *x, char *s)
{
    if (s == NULL)
        return NULL;
    if (x->string_count == x->string_cap) {
        size_t cap = x->string_cap ? x->string_cap * 2 : 32;
        char **grown = realloc(x->strings, cap * sizeof *grown);
        if (grown == NULL) {
            free(s);
            return NULL;
        }
        x->strings = grown;
        x->string_cap = cap;
    }
    return x->strings[x->string_count++] = s;
}

/* fmt with two strings into a new string; NULL when out of memory. */
static char *format2(const char *fmt, const char *a, const char *b)
{
    int n = snprintf(NULL, 0, fmt, a, b);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s != NULL)
        snprintf(s, (size_t)n + 1, fmt, a, b);
    return s;
}

static char *keep_printf(export_state *x, const char *fmt, const char *a, const char *b)
{
    return keep(x, format2(fmt, a, b));
}

static void export_free(export_state *x)
{
    for (size_t i = 0; i < x->place_count; i++) {
        free(x->places[i].building_id);
        free(x->places[i].location);
    }
    free(x->places);
    for (size_t i = 0; i < x->zone_count; i++) {
        free(x->zone_transitions[i]);
        free(x->zone_names[i]);
    }
    free(x->zones);
    free(x->zone_transitions);
    free(x->zone_names);
    for (size_t i = 0; i < x->string_count; i++)
        free(x->strings[i]);
    free(x->strings);
    free(x->events);
}

/* The zone called name with these transitions: an existing one of that name, else a new one
 * (the transitions copied). */
static mc_status zone_index(export_state *x, const char *name, const mci_zone *zone, size_t *out,
                            mc_error *err)
{
    for (size_t i = 0; i < x->zone_count; i++)
        if (strcmp(x->zone_names[i], name) == 0) {
            *out = i;
            return MC_OK;
        }
    size_t n = x->zone_count + 1;
    mci_ical_zone *zones = realloc(x->zones, n * sizeof *zones);
    if (zones != NULL)
        x->zones = zones;
    mci_zone_transition **ts = realloc(x->zone_transitions, n * sizeof *ts);
    if (ts != NULL)
        x->zone_transitions = ts;
    char **names = realloc(x->zone_names, n * sizeof *names);
    if (names != NULL)
        x->zone_names = names;
    mci_zone_transition *copy = malloc(zone->count * sizeof *copy);
    char *name_copy = mci_strdup(name);
    if (zones == NULL || ts == NULL || names == NULL || copy == NULL || name_copy == NULL) {
        free(copy);
        free(name_copy);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory writing the calendar");
    }
    memcpy(copy, zone->transitions, zone->count * sizeof *copy);
    x->zone_transitions[x->zone_count] = copy;
    x->zone_names[x->zone_count] = name_copy;
    x->zones[x->zone_count] = (mci_ical_zone){name_copy, {copy, zone->count}};
    *out = x->zone_count++;
    return MC_OK;
}

/* UTC, for a building this device does not know (or one without a zone). */
static const mci_zone_transition utc_transition = {0, 0, "UTC"};

/* The place of building_id, loaded once. */
static mc_status find_place(export_state *x, const char *building_id, const place **out,
                            mc_error *err)
{
    for (size_t i = 0; i < x->place_count; i++)
        if (strcmp(x->places[i].building_id, building_id) == 0) {
            *out = &x->places[i];
            return MC_OK;
        }
    mci_building *b = NULL;
    mc_error ignored = MC_ERROR_INIT;
    mc_status st = mci_building_load(x->r->db, building_id, &b, &ignored);
    if (st == MC_ERR_STORAGE || st == MC_ERR_NO_MEMORY) {
        *err = ignored;
        return st;
    }
    bool known = st == MC_OK && b->zone.count > 0;
    mci_zone utc = {&utc_transition, 1};
    const char *zone_name = known && b->timezone[0] != '\0' ? b->timezone
                            : known                         ? building_id
                                                            : "UTC";
    place p = {mci_strdup(building_id), 0, NULL};
    p.location = known && b->name[0] != '\0' && b->city[0] != '\0'
                     ? format2("%s, %s", b->name, b->city)
                     : mci_strdup(known && b->name[0] != '\0' ? b->name : building_id);
    st = zone_index(x, zone_name, known ? &b->zone : &utc, &p.zone, err);
    mci_building_free(b);
    place *grown = st == MC_OK ? realloc(x->places, (x->place_count + 1) * sizeof *grown) : NULL;
    if (st == MC_OK && (grown == NULL || p.building_id == NULL || p.location == NULL))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory writing the calendar");
    if (st != MC_OK) {
        free(p.building_id);
        free(p.location);
        return st;
    }
    x->places = grown;
    x->places[x->place_count] = p;
    *out = &x->places[x->place_count++];
    return MC_OK;
}

static mci_ical_event *new_event(export_state *x)
{
    if (x->event_count == x->event_cap) {
        size_t cap = x->event_cap ? x->event_cap * 2 : 16;
        mci_ical_event *grown = realloc(x->events, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        x->events = grown;
        x->event_cap = cap;
    }
    mci_ical_event *e = &x->events[x->event_count++];
    memset(e, 0, sizeof *e);
    return e;
}

typedef enum item_kind { ITEM_ROOM, ITEM_DESK, ITEM_PASS, ITEM_EVENT } item_kind;

/* One row of a query as an event; rows outside the range (all-day ones) are skipped. */
static mc_status add_row(export_state *x, item_kind kind, sqlite3_stmt *row, mc_error *err)
{
    const char *id = mci_column_text(row, 0), *building_id = mci_column_text(row, 1),
               *name = mci_column_text(row, 2);
    const place *p = NULL;
    mc_status st = find_place(x, building_id, &p, err);
    if (st != MC_OK)
        return st;
    bool all_day = kind == ITEM_DESK || kind == ITEM_PASS;
    int64_t day = 0;
    if (all_day && !mci_parse_date(mci_column_text(row, 3), &day))
        return MC_OK; /* no date to show */
    const mci_zone *zone = &x->zones[p->zone].zone;
    int64_t start_ms = all_day ? day * MCI_MS_PER_DAY -
                                     mci_zone_offset_at(zone, day * MCI_MS_PER_DAY) * MCI_MS_PER_MIN
                               : sqlite3_column_int64(row, 3);
    int64_t end_ms = all_day ? start_ms + MCI_MS_PER_DAY : sqlite3_column_int64(row, 4);
    if (end_ms < x->from_ms || start_ms >= x->to_ms)
        return MC_OK;
    static const char *const uid_kind[] = {"booking", "desk", "pass", "event"};
    mci_ical_event *e = new_event(x);
    if (e == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory writing the calendar");
    e->uid = keep_printf(x, "%s-%s@membercore", uid_kind[kind], id);
    e->summary = kind == ITEM_ROOM   ? keep_printf(x, "%s, %s", name, building_id)
                 : kind == ITEM_DESK ? keep_printf(x, "Desk %s%s", name, "")
                 : kind == ITEM_PASS ? keep_printf(x, "Day pass, %s%s", building_id, "")
                                     : keep(x, mci_strdup(name));
    e->location = p->location;
    e->all_day = all_day;
    e->start_ms = start_ms;
    e->end_ms = end_ms;
    e->zone = p->zone;
    e->first_day = day;
    e->end_day = day + 1;
    e->tentative = sqlite3_column_int(row, 5) != 0;
    return e->uid != NULL && e->summary != NULL
               ? MC_OK
               : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory writing the calendar");
}

static mc_status add_rows(export_state *x, item_kind kind, const char *sql, const char *user_id,
                          mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(x->r, sql, "reading the calendar", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, x->from_ms);
    sqlite3_bind_int64(stmt, 3, x->to_ms);
    mc_status st = MC_OK;
    int rc;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        st = add_row(x, kind, stmt, err);
    sqlite3_reset(stmt);
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(x->r, "reading the calendar", err);
    return st;
}

/* Soonest first, then by UID: the file reads in order and is the same for the same store. */
static int compare_events(const void *a, const void *b)
{
    const mci_ical_event *x = a, *y = b;
    if (x->start_ms != y->start_ms)
        return x->start_ms < y->start_ms ? -1 : 1;
    return strcmp(x->uid, y->uid);
}

mc_status mc_calendar_export(mc_client *c, int64_t from_ms, int64_t to_ms, char **ics, size_t *len,
                             mc_error *err)
{
    MCI_ENTER(c, err);
    if (ics != NULL)
        *ics = NULL;
    if (c == NULL || ics == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client and ics are required");
    if (to_ms != 0 && to_ms < from_ms)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "to_ms is before from_ms");
    export_state x = {0};
    x.from_ms = from_ms;
    x.to_ms = to_ms != 0 ? to_ms : INT64_MAX;
    mc_status st = mci_read_begin(c->readers, &x.r, err);
    if (st == MC_OK)
        st = add_rows(&x, ITEM_ROOM, rooms_sql, x.r->user_id, err);
    if (st == MC_OK)
        st = add_rows(&x, ITEM_DESK, desks_sql, x.r->user_id, err);
    if (st == MC_OK)
        st = add_rows(&x, ITEM_PASS, passes_sql, x.r->user_id, err);
    if (st == MC_OK)
        st = add_rows(&x, ITEM_EVENT, events_sql, x.r->user_id, err);
    if (x.r != NULL)
        mci_read_end(c->readers, x.r);
    if (st == MC_OK && x.event_count > 1)
        qsort(x.events, x.event_count, sizeof *x.events, compare_events);
    if (st == MC_OK)
        st = mci_ical_write(x.zones, x.zone_count, x.events, x.event_count, mci_client_now(c), ics,
                            len, err);
    export_free(&x);
    return st;
}

void mc_calendar_free(char *ics)
{
    free(ics);
}
