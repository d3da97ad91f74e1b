/* domain/event_notices.c - what an event tells the members going: it changed (the operator's
 * edit) and a reminder 24 hours before it starts (docs/notifications-protocol.md, events). */
#include "domain/event_notices.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/audience.h"
#include "domain/bookings.h"
#include "domain/changes.h"
#include "domain/entities.h"

/* The members going to event ?1 (ms_notify_each), by rsvps_by_event. */
static const char going_sql[] = "SELECT user_id FROM rsvps WHERE event_id = ?1"
                                " AND status = 'going' AND user_id > ?2"
                                " ORDER BY user_id LIMIT 1";

typedef struct event_row {
    char building[MS_ID_MAX], building_name[MS_TEXT_MAX], title[MS_TEXT_MAX];
    char description[4 * 500 + 1];
    int64_t starts, ends;
} event_row;

/* Event id into out. 0; 1 none; -1. */
static int load(sqlite3 *db, const char *id, event_row *out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT e.building_id, b.name, e.title, e.description,"
                                     " e.starts_at_ms, e.ends_at_ms FROM events e"
                                     " JOIN buildings b ON b.id = e.building_id WHERE e.id = ?",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, out->building, sizeof out->building);
        ms_db_text(stmt, 1, out->building_name, sizeof out->building_name);
        ms_db_text(stmt, 2, out->title, sizeof out->title);
        ms_db_text(stmt, 3, out->description, sizeof out->description);
        out->starts = sqlite3_column_int64(stmt, 4);
        out->ends = sqlite3_column_int64(stmt, 5);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* "Tue 5 Jan 2027 18:00-20:00 IST" of e into out. 0 / -1. */
static int span_words(sqlite3 *db, const event_row *e, char *out, size_t cap)
{
    const ms_zone *zone;
    if (ms_building_zone(db, e->building, &zone) != 0)
        return -1;
    char span[MS_WHEN_MAX];
    ms_booking_format_span(zone, e->starts, e->ends, span, sizeof span);
    snprintf(out, cap, "%s %s", span, ms_zone_abbrev(zone, e->starts));
    return 0;
}

int ms_event_change(ms_app *app, const char *id, const ms_event_patch *patch)
{
    sqlite3 *db = app->db;
    event_row was, now;
    int rc = load(db, id, &was);
    if (rc != 0)
        return rc;
    now = was;
    if (patch->has_starts)
        now.starts = patch->starts_at_ms;
    if (patch->has_ends)
        now.ends = patch->ends_at_ms;
    if (patch->title)
        snprintf(now.title, sizeof now.title, "%s", patch->title);
    if (patch->description)
        snprintf(now.description, sizeof now.description, "%s", patch->description);
    if (now.starts >= now.ends)
        return 2;
    bool moved = now.starts != was.starts || now.ends != was.ends;
    bool renamed = strcmp(now.title, was.title) != 0;
    bool described = strcmp(now.description, was.description) != 0;
    if (!moved && !renamed && !described)
        return 0;
    if (ms_db_run(db,
                  "UPDATE events SET starts_at_ms = ?, ends_at_ms = ?, title = ?, description = ?"
                  " WHERE id = ?",
                  "iittt", now.starts, now.ends, now.title, now.description, id) != 0 ||
        ms_change_upsert(db, MS_KIND_EVENT, NULL, id) != 0)
        return -1;
    char when_was[MS_WHEN_MAX + 8], when_now[MS_WHEN_MAX + 8], body[3 * MS_TEXT_MAX + 512] = "";
    if (span_words(db, &was, when_was, sizeof when_was) != 0 ||
        span_words(db, &now, when_now, sizeof when_now) != 0)
        return -1;
    size_t used = 0;
    if (renamed)
        used += (size_t)snprintf(body + used, sizeof body - used, "Now called %s (was %s). ",
                                 now.title, was.title);
    if (moved)
        used += (size_t)snprintf(body + used, sizeof body - used, "Now %s (was %s). ", when_now,
                                 when_was);
    else
        used += (size_t)snprintf(body + used, sizeof body - used, "Still %s. ", when_now);
    if (described)
        used += (size_t)snprintf(body + used, sizeof body - used, "Its description changed. ");
    snprintf(body + used, sizeof body - used, "At %s.", now.building_name);
    char title[MS_TEXT_MAX + 32], link[96];
    snprintf(title, sizeof title, "Event updated: %s", now.title);
    snprintf(link, sizeof link, "membercore://events/%s", id);
    ms_notice n = {.building_id = now.building,
                   .kind = "event.updated",
                   .category = "events",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_each(app, &n, NULL, going_sql, id) < 0 ? -1 : 0;
}

int ms_events_remind_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        /* The events starting in the window (a small catalogue, scanned), then their members
         * going by rsvps_by_event; CROSS JOIN keeps that order (never a scan of every RSVP). */
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT e.id, v.user_id FROM events e"
                                         " CROSS JOIN rsvps v ON v.event_id = e.id"
                                         " AND v.status = 'going'"
                                         " WHERE e.starts_at_ms > ?1"
                                         " AND e.starts_at_ms <= ?1 + ?2"
                                         " AND v.updated_at_ms <= e.starts_at_ms - ?2"
                                         " AND NOT EXISTS (SELECT 1 FROM notices_sent s"
                                         "  WHERE s.kind = 'event.reminder'"
                                         "  AND s.entity_id = e.id || '@' || e.starts_at_ms"
                                         "  AND s.user_id = v.user_id)"
                                         " LIMIT 1",
                                         "ii", now_ms, MS_EVENT_REMINDER_MS);
        char id[MS_ID_MAX], user[MS_ID_MAX];
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            ms_db_text(stmt, 1, user, sizeof user);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        event_row e;
        char when[MS_WHEN_MAX + 8], title[MS_TEXT_MAX + 32], body[2 * MS_TEXT_MAX + 160], link[96],
            once[MS_ID_MAX + 24];
        if (load(app->db, id, &e) != 0 || span_words(app->db, &e, when, sizeof when) != 0)
            return -1;
        snprintf(title, sizeof title, "Coming up: %s", e.title);
        snprintf(body, sizeof body, "Starts %s at %s. You said you are going.", when,
                 e.building_name);
        snprintf(link, sizeof link, "membercore://events/%s", id);
        snprintf(once, sizeof once, "%s@%lld", id, (long long)e.starts);
        ms_notice n = {.user_id = user,
                       .building_id = e.building,
                       .kind = "event.reminder",
                       .category = "events",
                       .title = title,
                       .body = body,
                       .deep_link = link};
        if (ms_notify_once(app, &n, once) <= 0)
            return -1; /* not sent: the query and the record disagree (never loop) */
    }
}
