/* domain/rsvps.c - a member's RSVP to an event with its capacity and waitlist
 * (docs/today-desks-community.md "Event waitlists"): going, waitlisted on a full event, not going;
 * the first waitlisted member promoted when a place opens. */
#include "domain/rsvps.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/audience.h"
#include "domain/changes.h"
#include "domain/entities.h"
#include "domain/notify.h"
#include "base/text.h"

/* An event's place count and who holds them. */
typedef struct event_places {
    int64_t capacity, going, waiting, starts;
} event_places;

/* Event id's places into out. 0; 1 no such event; -1. */
static int load_places(sqlite3 *db, const char *id, event_places *out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT capacity, (SELECT count(*) FROM rsvps r"
                                     "  WHERE r.event_id = e.id AND r.status = 'going'),"
                                     " (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id"
                                     "  AND r.status = 'waitlisted'), starts_at_ms"
                                     " FROM events e WHERE id = ?",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        out->capacity = sqlite3_column_int64(stmt, 0);
        out->going = sqlite3_column_int64(stmt, 1);
        out->waiting = sqlite3_column_int64(stmt, 2);
        out->starts = sqlite3_column_int64(stmt, 3);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* Set user's RSVP to event to status (waitlisted: last in line, joined at now). 0 / -1. */
static int put(sqlite3 *db, const char *user, const char *event, const char *status, int64_t now)
{
    bool waitlisted = strcmp(status, "waitlisted") == 0;
    return ms_db_run(db,
                     "INSERT INTO rsvps (user_id, event_id, status, updated_at_ms,"
                     " waitlisted_at_ms, waitlist_seq) VALUES (?1, ?2, ?3, ?4,"
                     " CASE WHEN ?5 THEN ?4 END, CASE WHEN ?5 THEN (SELECT coalesce(max("
                     "  waitlist_seq), 0) + 1 FROM rsvps WHERE event_id = ?2"
                     "  AND status = 'waitlisted') END)"
                     " ON CONFLICT (user_id, event_id) DO UPDATE SET status = excluded.status,"
                     " updated_at_ms = excluded.updated_at_ms,"
                     " waitlisted_at_ms = excluded.waitlisted_at_ms,"
                     " waitlist_seq = excluded.waitlist_seq",
                     "tttii", user, event, status, now, (int64_t)(waitlisted ? 1 : 0));
}

/* Change-log the RSVP of every member waiting for event in line after seq (their position
 * moved). 0 / -1. */
static int log_waiting_after(sqlite3 *db, const char *event, int64_t seq)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT user_id, waitlist_seq FROM rsvps"
                                         " WHERE event_id = ? AND status = 'waitlisted'"
                                         " AND waitlist_seq > ? ORDER BY waitlist_seq LIMIT 1",
                                         "ti", event, seq);
        char user[MS_ID_MAX];
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, user, sizeof user);
            seq = sqlite3_column_int64(stmt, 1);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_change_upsert(db, MS_KIND_RSVP, user, event) != 0)
            return -1;
    }
}

/* Tell user they moved from event's waitlist to going. 0 / -1. */
static int tell_promoted(ms_app *app, const char *user, const char *event)
{
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT e.building_id, b.name, e.title, e.starts_at_ms"
                                     " FROM events e JOIN buildings b ON b.id = e.building_id"
                                     " WHERE e.id = ?",
                                     "t", event);
    char building[MS_ID_MAX], place[MS_TEXT_MAX], name[MS_TEXT_MAX];
    int64_t starts = 0;
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, building, sizeof building);
        ms_db_text(stmt, 1, place, sizeof place);
        ms_db_text(stmt, 2, name, sizeof name);
        starts = sqlite3_column_int64(stmt, 3);
    }
    sqlite3_finalize(stmt);
    char when[MS_WHEN_MAX];
    if (rc != 1 || ms_building_when(app->db, building, starts, when, sizeof when) != 0)
        return -1;
    char title[MS_TEXT_MAX + MS_WHEN_MAX + 16], body[MS_TEXT_MAX + 96], link[96];
    snprintf(title, sizeof title, "You're in: %s, %s", name, when);
    snprintf(body, sizeof body,
             "A place opened up, so you moved from the waitlist to going. At %s.", place);
    snprintf(link, sizeof link, "membercore://events/%s", event);
    ms_notice n = {.user_id = user,
                   .building_id = building,
                   .kind = "event.promoted",
                   .category = "events",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_send(app, &n, NULL);
}

/* While event has not started, has a free place and someone waiting: the first in line goes
 * (told), and everyone behind moves up. 0 / -1. */
static int promote(ms_app *app, const char *event, int64_t now)
{
    for (;;) {
        event_places places;
        if (load_places(app->db, event, &places) != 0)
            return -1;
        if (places.going >= places.capacity || places.waiting == 0 || now >= places.starts)
            return 0;
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT user_id, waitlist_seq FROM rsvps"
                                         " WHERE event_id = ? AND status = 'waitlisted'"
                                         " ORDER BY waitlist_seq LIMIT 1",
                                         "t", event);
        char user[MS_ID_MAX];
        int64_t seq = 0;
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, user, sizeof user);
            seq = sqlite3_column_int64(stmt, 1);
        }
        sqlite3_finalize(stmt);
        if (rc != 1 || put(app->db, user, event, "going", now) != 0 ||
            ms_change_upsert(app->db, MS_KIND_RSVP, user, event) != 0 ||
            tell_promoted(app, user, event) != 0 || log_waiting_after(app->db, event, seq) != 0)
            return -1;
    }
}

/* A non-empty string field of payload, or NULL after a refusal naming it. */
static const char *payload_text(const cJSON *payload, const char *name, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, name);
    if (!item) {
        ms_refuse(why, "invalid_argument", "payload field '%s' is missing", name);
        return NULL;
    }
    if (!cJSON_IsString(item) || !item->valuestring[0]) {
        ms_refuse(why, "invalid_argument", "payload field '%s' must be a non-empty string", name);
        return NULL;
    }
    return item->valuestring;
}

int ms_rsvp_set(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    const char *event = payload_text(payload, "event_id", why);
    const char *status = event ? payload_text(payload, "status", why) : NULL;
    if (!status)
        return 1;
    bool going = strcmp(status, "going") == 0;
    if (!going && strcmp(status, "not_going") != 0)
        return ms_refuse(why, "invalid_argument",
                         "payload field 'status' must be going or not_going");
    sqlite3 *db = app->db;
    event_places places;
    int rc = load_places(db, event, &places);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "not_found", "no event '%.*s'", (int)ms_utf8_prefix(event, 60),
                         event);

    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT status, coalesce(waitlist_seq, 0) FROM rsvps"
                                     " WHERE user_id = ? AND event_id = ?",
                                     "tt", user_id, event);
    char was[16] = "";
    int64_t seq = 0;
    rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, was, sizeof was);
        seq = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    bool was_going = strcmp(was, "going") == 0, was_waiting = strcmp(was, "waitlisted") == 0;
    /* Already so (going, or waiting for a place): nothing changes, nothing is counted twice. */
    if (going ? was_going || was_waiting : strcmp(was, "not_going") == 0)
        return 0;

    int64_t now = ms_clock_now(&app->clock);
    const char *to = !going                                                  ? "not_going"
                     : places.going < places.capacity && places.waiting == 0 ? "going"
                                                                             : "waitlisted";
    if (put(db, user_id, event, to, now) != 0 ||
        ms_change_upsert(db, MS_KIND_RSVP, user_id, event) != 0)
        return -1;
    /* Leaving the waitlist: everyone behind moves up. */
    if (was_waiting && log_waiting_after(db, event, seq) != 0)
        return -1;
    if (was_going && promote(app, event, now) != 0)
        return -1;
    /* going_count or waitlist_count moved (a promotion keeps going_count and lowers the other). */
    if ((going || was_going || was_waiting) &&
        ms_change_upsert(db, MS_KIND_EVENT, NULL, event) != 0)
        return -1;
    return 0;
}
