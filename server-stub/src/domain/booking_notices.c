/* domain/booking_notices.c - what a room booking tells its member: confirmed, cancelled, and a
 * reminder 15 minutes before it starts (docs/notifications-protocol.md, bookings). */
#include "domain/booking_notices.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/audience.h"
#include "domain/bookings.h"
#include "domain/money.h"
#include "domain/notify.h"
#include "rules/money.h"

/* How a confirmed booking was paid, in words, into out. 0 / -1. */
static int paid_words(sqlite3 *db, const char *building, const char *paid_by, int64_t credits,
                      int64_t amount, char *out, size_t cap)
{
    if (strcmp(paid_by, "credits") == 0) {
        snprintf(out, cap, "Paid with %lld credit%s.", (long long)credits, credits == 1 ? "" : "s");
        return 0;
    }
    ms_money_rule money;
    if (ms_building_money(db, building, &money) != 0)
        return -1;
    char text[MS_MONEY_TEXT_MAX];
    ms_money_text(amount, money.currency, text, sizeof text);
    snprintf(out, cap, "Paid %s by card.", text);
    return 0;
}

int ms_booking_notify(ms_app *app, const char *reservation_id, const char *kind, const char *then)
{
    sqlite3 *db = app->db;
    char user[MS_ID_MAX] = "", room_id[MS_ID_MAX] = "", paid_by[16] = "";
    int64_t start = 0, end = 0, credits = 0, amount = 0;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT user_id, room_id, start_ms, end_ms, paid_by, credits,"
                                     " amount_paise FROM reservations WHERE id = ?",
                                     "t", reservation_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, user, sizeof user);
        ms_db_text(stmt, 1, room_id, sizeof room_id);
        start = sqlite3_column_int64(stmt, 2);
        end = sqlite3_column_int64(stmt, 3);
        ms_db_text(stmt, 4, paid_by, sizeof paid_by);
        credits = sqlite3_column_int64(stmt, 5);
        amount = sqlite3_column_int64(stmt, 6);
    }
    sqlite3_finalize(stmt);
    ms_room_ctx room;
    if (rc != 1 || ms_room_load(db, room_id, &room) != 0)
        return -1;
    char span[MS_WHEN_MAX], paid[128] = "", title[MS_TEXT_MAX + 64], body[3 * MS_TEXT_MAX + 384],
                            link[96];
    ms_booking_format_span(room.zone, start, end, span, sizeof span);
    bool confirmed = strcmp(kind, "booking.confirmed") == 0;
    bool reminder = strcmp(kind, "booking.reminder") == 0;
    if (confirmed && !then) {
        if (paid_words(db, room.building_id, paid_by, credits, amount, paid, sizeof paid) != 0)
            return -1;
        then = paid;
    }
    /* A reminder counts the minutes left (15 at its moment; fewer when no request came
     * between the moment and the start). */
    char what[48];
    int64_t left = (start - ms_clock_now(&app->clock) + MS_MINUTE_MS - 1) / MS_MINUTE_MS;
    if (reminder)
        snprintf(what, sizeof what, "Starts in %lld minute%s", (long long)left,
                 left == 1 ? "" : "s");
    snprintf(title, sizeof title, "%s: %s",
             confirmed  ? "Booking confirmed"
             : reminder ? what
                        : "Booking cancelled",
             room.room_name);
    snprintf(body, sizeof body, "%s (%s), %s, %s %s.%s%s", room.room_name, room.room_id,
             room.building_name, span, ms_zone_abbrev(room.zone, start), then ? " " : "",
             then ? then : "");
    snprintf(link, sizeof link, "membercore://bookings/%s", reservation_id);
    ms_notice n = {.user_id = user,
                   .building_id = room.building_id,
                   .kind = kind,
                   .category = "bookings",
                   .title = title,
                   .body = body,
                   .deep_link = link,
                   .urgent = reminder};
    /* A reminder goes from the upkeep's query of those not sent: sent now, or an error. */
    if (reminder)
        return ms_notify_once(app, &n, reservation_id) == 1 ? 0 : -1;
    return ms_notify_send(app, &n, NULL);
}

int ms_bookings_remind_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        /* Per room (a small catalogue) by room_busy_by_room (room, start): the bookings
         * starting in the window; CROSS JOIN keeps that order whatever the statistics say. */
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT r.id FROM rooms ro CROSS JOIN room_busy b"
                                         " ON b.room_id = ro.id AND b.start_ms > ?1"
                                         " AND b.start_ms <= ?1 + ?2"
                                         " CROSS JOIN reservations r"
                                         " ON r.id = b.reservation_id"
                                         " WHERE r.status = 'confirmed'"
                                         " AND r.created_at_ms <= r.start_ms - ?2"
                                         " AND NOT EXISTS (SELECT 1 FROM notices_sent s"
                                         "  WHERE s.kind = 'booking.reminder'"
                                         "  AND s.entity_id = r.id AND s.user_id = r.user_id)"
                                         " LIMIT 1",
                                         "ii", now_ms, MS_BOOKING_REMINDER_MS);
        char id[MS_ID_MAX];
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, id, sizeof id);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_booking_notify(app, id, "booking.reminder", NULL) != 0)
            return -1;
    }
}
