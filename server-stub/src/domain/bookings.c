/* domain/bookings.c - meeting-room bookings: the server's checks, create, cancel, pay, hold lapse.
 */
#include "domain/bookings.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/booking_notices.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/credits.h"
#include "db/db.h"
#include "domain/emails.h"
#include "api/fields.h"
#include "base/log.h"
#include "domain/room_invoices.h"
#include "rules/hold_limits.h"
#include "rules/razorpay.h"
#include "base/text.h"

#define REFUSED 1

int ms_refuse(ms_refusal *why, const char *code, const char *fmt, ...)
{
    snprintf(why->code, sizeof why->code, "%s", code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->message, sizeof why->message, fmt, ap);
    ms_utf8_scrub(why->message);
    va_end(ap);
    return REFUSED;
}

/* ---- the request ------------------------------------------------------------------------ */

static bool invalid(ms_refusal *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Fill why with invalid_argument and the message; false, for the readers below. */
static bool invalid(ms_refusal *why, const char *fmt, ...)
{
    snprintf(why->code, sizeof why->code, "invalid_argument");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->message, sizeof why->message, fmt, ap);
    ms_utf8_scrub(why->message);
    va_end(ap);
    return false;
}

/*
 * The fields.c readers answer a 400 into an ms_reply; a booking refusal wants
 * the same message. Move it from reply to why (prefixed), freeing the reply.
 */
static bool from_reply(ms_reply *reply, const char *prefix, ms_refusal *why)
{
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(reply->body, "message");
    invalid(why, "%s%s", prefix,
            cJSON_IsString(message) ? message->valuestring : "malformed request");
    ms_reply_clear(reply);
    return false;
}

/* A string field of 1 to MS_ID_MAX - 1 printable ASCII characters, no spaces. */
static bool id_field(const cJSON *obj, const char *name, char *out, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!item)
        return invalid(why, "field '%s' is missing", name);
    if (!cJSON_IsString(item) || !item->valuestring || !ms_opaque_ok(item->valuestring) ||
        strlen(item->valuestring) >= MS_ID_MAX)
        return invalid(why, "field '%s' must be 1 to %d printable ASCII characters without spaces",
                       name, MS_ID_MAX - 1);
    snprintf(out, MS_ID_MAX, "%s", item->valuestring);
    return true;
}

static bool parse_guests(const cJSON *obj, ms_booking_input *in, ms_refusal *why)
{
    const cJSON *guests = cJSON_GetObjectItemCaseSensitive(obj, "guests");
    in->guest_count = 0;
    if (!guests || cJSON_IsNull(guests))
        return true;
    if (!cJSON_IsArray(guests))
        return invalid(why, "field 'guests' must be an array");
    if (cJSON_GetArraySize(guests) > MS_GUESTS_MAX)
        return invalid(why, "at most %d guests", MS_GUESTS_MAX);
    const cJSON *g;
    cJSON_ArrayForEach(g, guests)
    {
        int i = in->guest_count;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "guests[%d]: ", i);
        if (!cJSON_IsObject(g))
            return invalid(why, "guests[%d] must be an object", i);
        ms_reply reply = {0};
        if (!ms_field_text(&reply, g, "name", 100, in->guests[i].name, sizeof in->guests[i].name) ||
            !ms_field_email(&reply, g, "email", in->guests[i].email, sizeof in->guests[i].email))
            return from_reply(&reply, prefix, why);
        for (int j = 0; j < i; j++)
            if (strcasecmp(in->guests[j].email, in->guests[i].email) == 0)
                return invalid(why, "guests[%d] repeats the email of guests[%d]", i, j);
        in->guest_count++;
    }
    return true;
}

bool ms_booking_parse(const cJSON *obj, ms_payment pay, ms_booking_input *in, ms_refusal *why)
{
    memset(in, 0, sizeof *in);
    ms_reply reply = {0};
    if (!id_field(obj, "booking_id", in->booking_id, why))
        return false;
    const cJSON *room = cJSON_GetObjectItemCaseSensitive(obj, "room_id");
    if (!room)
        return invalid(why, "field 'room_id' is missing");
    if (!cJSON_IsString(room) || !room->valuestring || !room->valuestring[0])
        return invalid(why, "field 'room_id' must be a non-empty string");
    /* Longer than any id: no such room (answered once the request is otherwise fine). */
    snprintf(in->room_id, sizeof in->room_id, "%s",
             strlen(room->valuestring) < MS_ID_MAX ? room->valuestring : "");
    if (!ms_field_int(&reply, obj, "start_ms", 0, MS_JSON_INT_MAX, &in->start_ms) ||
        !ms_field_int(&reply, obj, "hours", 1, MS_BOOKING_HOURS_MAX, &in->hours))
        return from_reply(&reply, "", why);
    if (!parse_guests(obj, in, why))
        return false;
    if (pay == MS_PAY_CREDITS) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(obj, "pay");
        if (p && !(cJSON_IsString(p) && strcmp(p->valuestring, "credits") == 0))
            return invalid(why, "field 'pay' must be \"credits\" (Razorpay bookings are made "
                                "online, not queued)");
    }
    return true;
}

/* ---- rooms and slots -------------------------------------------------------------------- */

int ms_building_hours(sqlite3 *db, const char *building_id, ms_open_hours *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT weekday, open_min, close_min FROM building_hours"
                                     " WHERE building_id = ?",
                                     "t", building_id);
    if (!stmt)
        return -1;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1) {
        int wd = sqlite3_column_int(stmt, 0);
        out->open[wd] = true;
        out->open_min[wd] = sqlite3_column_int(stmt, 1);
        out->close_min[wd] = sqlite3_column_int(stmt, 2);
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_room_load(sqlite3 *db, const char *room_id, ms_room_ctx *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT r.id, r.building_id, r.name, b.name, b.city,"
                                     " r.capacity, r.price_per_hour_paise, r.credits_per_hour,"
                                     " b.timezone, b.booking_window_days, b.min_notice_min,"
                                     " b.cancel_cutoff_min FROM rooms r JOIN buildings b"
                                     " ON b.id = r.building_id WHERE r.id = ?",
                                     "t", room_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    char zone[64] = "";
    if (rc == 1) {
        ms_db_text(stmt, 0, out->room_id, sizeof out->room_id);
        ms_db_text(stmt, 1, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 2, out->room_name, sizeof out->room_name);
        ms_db_text(stmt, 3, out->building_name, sizeof out->building_name);
        ms_db_text(stmt, 4, out->city, sizeof out->city);
        out->capacity = sqlite3_column_int64(stmt, 5);
        out->price_per_hour_paise = sqlite3_column_int64(stmt, 6);
        out->credits_per_hour = sqlite3_column_int64(stmt, 7);
        ms_db_text(stmt, 8, zone, sizeof zone);
        out->policy.window_days = sqlite3_column_int64(stmt, 9);
        out->policy.min_notice_min = sqlite3_column_int64(stmt, 10);
        out->policy.cancel_cutoff_min = sqlite3_column_int64(stmt, 11);
    }
    sqlite3_finalize(stmt);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    out->zone = ms_zone_find(zone);
    if (!out->zone) {
        ms_log("bookings: no rule for the time zone '%s'", zone);
        return -1;
    }
    return ms_building_hours(db, out->building_id, &out->hours);
}

/* The reason of the first blackout of the building or the room overlapping [start, end). */
static int find_blackout(sqlite3 *db, const ms_room_ctx *room, int64_t start, int64_t end,
                         char *reason, size_t cap, bool *found)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT reason, start_ms FROM building_blackouts"
                                     " WHERE building_id = ?1 AND start_ms < ?4 AND end_ms > ?3"
                                     " UNION ALL SELECT reason, start_ms FROM room_blackouts"
                                     " WHERE room_id = ?2 AND start_ms < ?4 AND end_ms > ?3"
                                     " ORDER BY 2 LIMIT 1",
                                     "ttii", room->building_id, room->room_id, start, end);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    *found = rc == 1;
    if (rc == 1)
        ms_db_text(stmt, 0, reason, cap);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_booking_check_slot(sqlite3 *db, const ms_room_ctx *room, int64_t start_ms, int64_t hours,
                          int64_t now_ms, ms_refusal *why)
{
    switch (ms_booking_check(room->zone, &room->hours, &room->policy, now_ms, start_ms, hours)) {
    case MS_BLOCK_OK:
        break;
    case MS_BLOCK_MISALIGNED:
        return ms_refuse(why, "invalid_argument",
                         "start_ms is not on the hour in %s's local time (%s)", room->building_id,
                         ms_zone_name(room->zone));
    case MS_BLOCK_CLOSED_DAY: {
        ms_local at;
        char date[32];
        ms_zone_local(room->zone, start_ms, &at);
        ms_local_format_date(&at, date, sizeof date);
        return ms_refuse(why, "closed", "%s is closed on %s", room->building_id, date);
    }
    case MS_BLOCK_OUTSIDE_HOURS: {
        ms_local at;
        char date[32];
        ms_zone_local(room->zone, start_ms, &at);
        ms_local_format_date(&at, date, sizeof date);
        int open = room->hours.open_min[at.weekday], close = room->hours.close_min[at.weekday];
        return ms_refuse(why, "outside_hours",
                         "%s is open %02d:%02d-%02d:%02d on %s: the booking falls outside the "
                         "opening hours",
                         room->building_id, open / 60, open % 60, close / 60, close % 60, date);
    }
    case MS_BLOCK_PAST:
        return ms_refuse(why, "past", "the booking starts in the past");
    case MS_BLOCK_TOO_SOON:
        return ms_refuse(why, "too_soon",
                         "too soon: a booking must start at least %lld minutes from now (the "
                         "building's minimum notice)",
                         (long long)room->policy.min_notice_min);
    case MS_BLOCK_BEYOND_WINDOW:
        return ms_refuse(why, "beyond_window",
                         "beyond the booking window: %s takes bookings at most %lld days ahead",
                         room->building_id, (long long)room->policy.window_days);
    }
    int64_t end = start_ms + hours * MS_HOUR_MS;
    char reason[MS_TEXT_MAX];
    bool found;
    if (find_blackout(db, room, start_ms, end, reason, sizeof reason, &found) != 0)
        return -1;
    if (found)
        return ms_refuse(why, "blackout", "%s is blacked out then: %s", room->room_id, reason);
    if (ms_room_busy_overlaps(db, room->room_id, start_ms, end, &found) != 0)
        return -1;
    if (found)
        return ms_refuse(why, "slot_taken", "%s is already booked then (taken)", room->room_id);
    return 0;
}

/* ---- guests ----------------------------------------------------------------------------- */

void ms_booking_format_span(const ms_zone *zone, int64_t start, int64_t end, char *out, size_t cap)
{
    ms_local a, b;
    char date_a[32], date_b[32], time_a[8], time_b[8];
    ms_zone_local(zone, start, &a);
    ms_zone_local(zone, end, &b);
    ms_local_format_date(&a, date_a, sizeof date_a);
    ms_local_format_date(&b, date_b, sizeof date_b);
    ms_local_format_time(&a, time_a, sizeof time_a);
    ms_local_format_time(&b, time_b, sizeof time_b);
    if (a.day == b.day)
        snprintf(out, cap, "%s %s-%s", date_a, time_a, time_b);
    else
        snprintf(out, cap, "%s %s - %s %s", date_a, time_a, date_b, time_b);
}

/* Give each guest of the reservation a credential and an email. 0 / -1. */
static int issue_passes(ms_app *app, const char *reservation_id, int64_t now)
{
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT r.room_id, r.start_ms, r.end_ms, u.name"
                                     " FROM reservations r JOIN users u ON u.id = r.user_id"
                                     " WHERE r.id = ?",
                                     "t", reservation_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    char room_id[MS_ID_MAX] = "", host[MS_TEXT_MAX] = "";
    int64_t start = 0, end = 0;
    if (rc == 1) {
        ms_db_text(stmt, 0, room_id, sizeof room_id);
        start = sqlite3_column_int64(stmt, 1);
        end = sqlite3_column_int64(stmt, 2);
        ms_db_text(stmt, 3, host, sizeof host);
    }
    sqlite3_finalize(stmt);
    ms_room_ctx room;
    if (rc != 1 || ms_room_load(app->db, room_id, &room) != 0)
        return -1;

    char when[96], subject[2 * MS_TEXT_MAX + 128], opens[8];
    ms_local from;
    int64_t valid_from = start - MS_PASS_LEAD_MS;
    ms_booking_format_span(room.zone, start, end, when, sizeof when);
    ms_zone_local(room.zone, valid_from, &from);
    ms_local_format_time(&from, opens, sizeof opens);
    snprintf(subject, sizeof subject, "Invitation: %s at %s, %s", room.room_name,
             room.building_name, when);

    for (int position = 0;; position++) {
        stmt = ms_db_query(app->db,
                           "SELECT name, email FROM reservation_guests"
                           " WHERE reservation_id = ? AND position = ?",
                           "ti", reservation_id, (int64_t)position);
        if (!stmt)
            return -1;
        char name[MS_TEXT_MAX], email[MS_EMAIL_MAX];
        rc = ms_db_step(stmt);
        if (rc == 1) {
            ms_db_text(stmt, 0, name, sizeof name);
            ms_db_text(stmt, 1, email, sizeof email);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        char body[5 * MS_TEXT_MAX + 640], payload[MS_ACCESS_PAYLOAD_MAX];
        ms_credential c;
        memset(&c, 0, sizeof c);
        c.kind = MS_CREDENTIAL_BOOKING_GUEST;
        snprintf(c.building_id, sizeof c.building_id, "%s", room.building_id);
        snprintf(c.guest_email, sizeof c.guest_email, "%s", email);
        snprintf(c.reservation_id, sizeof c.reservation_id, "%s", reservation_id);
        c.valid_from_ms = valid_from;
        c.valid_until_ms = end;
        rc = ms_credential_issue(app->db, app->rng, &c, now) == 0 &&
                     ms_credential_guest_payload(&c, payload) == 0
                 ? 0
                 : -1;
        ms_wipe(c.secret, sizeof c.secret);
        if (rc != 0 || ms_db_run(app->db,
                                 "UPDATE reservation_guests SET credential_id = ?"
                                 " WHERE reservation_id = ? AND position = ?",
                                 "tti", c.id, reservation_id, (int64_t)position) != 0)
            return -1;
        snprintf(body, sizeof body,
                 "Hello %s,\n\n%s invited you to %s at %s, %s, on %s (%s time).\n\n"
                 "Your access pass: %s\nIt opens the doors from %s until the booking ends.\n"
                 "Show the attached QR code (" MS_EMAIL_QR_FILENAME ") at the door on the way\n"
                 "in and on the way out, for one person at a time. The code:\n%s\n",
                 name, host[0] ? host : "A member", room.room_name, room.building_name, room.city,
                 when, ms_zone_name(room.zone), c.id, opens, payload);
        rc = ms_email_send(app->db, email, subject, body, c.id, valid_from, end, payload, now);
        ms_wipe(payload, sizeof payload);
        if (rc != 0)
            return -1;
    }
}

/* ---- create ----------------------------------------------------------------------------- */

/* Whether the user may pay the way asked: 0 yes; 1 refused (why); -1 error. company: theirs. */
static int may_pay(sqlite3 *db, const char *user_id, ms_payment pay, char *company, ms_refusal *why)
{
    company[0] = '\0';
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT (SELECT company_id FROM memberships"
                                     "  WHERE user_id = ?1),"
                                     " (SELECT count(*) FROM user_roles WHERE user_id = ?1"
                                     "  AND role IN ('ondemanduser', 'member'))",
                                     "t", user_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    int64_t roles = 0;
    if (rc == 1) {
        ms_db_text(stmt, 0, company, MS_ID_MAX);
        roles = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    if (pay == MS_PAY_CREDITS && !company[0])
        return ms_refuse(why, "forbidden",
                         "only members of a company with credits can book with credits");
    if (pay == MS_PAY_RAZORPAY && roles == 0)
        return ms_refuse(why, "forbidden",
                         "choose On-Demand (or become a member) to book rooms pay-per-use");
    return 0;
}

/* Whether booking_id is free: 0 yes, 1 refused (already used), -1 error. */
static int booking_id_free(sqlite3 *db, const char *booking_id, ms_refusal *why)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT 1 FROM reservations WHERE id = ?", "t", booking_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "invalid_argument",
                         "booking_id '%s' is already used; each booking needs a new one",
                         booking_id);
    return 0;
}

/*
 * The hold limits of a Razorpay booking (rules/hold_limits.h): an on-demand user's booking is
 * at most MS_ON_DEMAND_HOURS_MAX hours; a member holds at most MS_ROOM_HOLDS_MAX unpaid
 * bookings at once; a hold of this room they let lapse or cancelled unpaid, overlapping this
 * time, keeps it out of their reach for MS_HOLD_COOLDOWN_MIN minutes. 0; 1 refused; -1.
 */
static int check_holds(sqlite3 *db, const char *user_id, const ms_booking_input *in,
                       const char *company, int64_t now, ms_refusal *why)
{
    if (!company[0] && in->hours > MS_ON_DEMAND_HOURS_MAX)
        return ms_refuse(why, MS_CODE_TOO_LONG,
                         "a pay-per-use booking is at most %d hours (the on-demand limit);"
                         " %lld were asked: book the rest separately",
                         MS_ON_DEMAND_HOURS_MAX, (long long)in->hours);
    int64_t end = in->start_ms + in->hours * MS_HOUR_MS;
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT (SELECT count(*) FROM reservations WHERE user_id = ?1"
                    "  AND status = 'pending_payment'),"
                    " (SELECT max(r.cancelled_at_ms) FROM reservations r"
                    "  JOIN razorpay_orders o ON o.reservation_id = r.id"
                    "  WHERE r.user_id = ?1 AND r.room_id = ?2 AND r.status = 'cancelled'"
                    "  AND o.status <> 'paid' AND r.cancelled_at_ms > ?3"
                    "  AND r.start_ms < ?5 AND r.end_ms > ?4)",
                    "ttiii", user_id, in->room_id, now - MS_HOLD_COOLDOWN_MS, in->start_ms, end);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    int64_t held = 0, let_go = 0;
    bool cooling = false;
    if (rc == 1) {
        held = sqlite3_column_int64(stmt, 0);
        cooling = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
        let_go = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    if (held >= MS_ROOM_HOLDS_MAX)
        return ms_refuse(why, MS_CODE_HOLD_LIMIT,
                         "you already hold %lld unpaid room bookings, the most one member may hold"
                         " at once (%d): pay for one or cancel it first",
                         (long long)held, MS_ROOM_HOLDS_MAX);
    if (cooling)
        return ms_refuse(why, MS_CODE_HOLD_COOLDOWN,
                         "you let an unpaid hold of %s at this time go; it can be held again by"
                         " you in %lld minutes (a %d-minute cool-down)",
                         in->room_id, ms_minutes_until(now, let_go + MS_HOLD_COOLDOWN_MS),
                         MS_HOLD_COOLDOWN_MIN);
    return 0;
}

/* The writes of a checked booking. 0, 1 (the exclusion check refused a block), -1. */
static int write_booking(ms_app *app, const char *user_id, const ms_booking_input *in,
                         const ms_room_ctx *room, ms_payment pay, const char *company, int64_t now)
{
    sqlite3 *db = app->db;
    int64_t end = in->start_ms + in->hours * MS_HOUR_MS;
    int64_t credits = pay == MS_PAY_CREDITS ? room->credits_per_hour * in->hours : 0;
    ms_pass_price price = {0};
    if (pay == MS_PAY_RAZORPAY &&
        ms_room_price(db, room->building_id, in->hours, room->price_per_hour_paise, &price) != 0)
        return -1;
    int64_t amount = price.total_minor; /* with the building's tax; 0 for credits */
    char order[MS_RZP_ID_MAX] = "", busy[MS_ID_MAX];
    if (pay == MS_PAY_RAZORPAY && ms_razorpay_id(app->rng, "order_", order) != 0)
        return -1;
    if (ms_db_run(db,
                  "INSERT INTO reservations (id, user_id, room_id, building_id, start_ms, end_ms,"
                  " status, paid_by, credits, amount_paise, order_id, created_at_ms,"
                  " hold_expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?,"
                  " nullif(?, 0))",
                  "ttttiittiitii", in->booking_id, user_id, room->room_id, room->building_id,
                  in->start_ms, end, pay == MS_PAY_CREDITS ? "confirmed" : "pending_payment",
                  pay == MS_PAY_CREDITS ? "credits" : "razorpay", credits, amount, order, now,
                  pay == MS_PAY_CREDITS ? (int64_t)0 : now + MS_HOLD_MS) != 0)
        return -1;
    for (int i = 0; i < in->guest_count; i++)
        if (ms_db_run(db,
                      "INSERT INTO reservation_guests (reservation_id, position, name, email)"
                      " VALUES (?, ?, ?, ?)",
                      "titt", in->booking_id, (int64_t)i, in->guests[i].name,
                      in->guests[i].email) != 0)
            return -1;
    int rc = ms_room_busy_add(db, app->rng, room->room_id, in->booking_id, in->start_ms, end, busy);
    if (rc != 0)
        return rc;
    if (ms_change_upsert(db, MS_KIND_ROOM_BUSY, NULL, busy) != 0)
        return -1;
    if (pay == MS_PAY_CREDITS) {
        rc = ms_credits_apply(db, company, -credits, "booking", in->booking_id, now);
        if (rc != 0)
            return rc < 0 ? -1 : 1; /* checked before: only a bug gets here */
        if (issue_passes(app, in->booking_id, now) != 0 ||
            ms_booking_notify(app, in->booking_id, "booking.confirmed", NULL) != 0)
            return -1;
    } else if (ms_db_run(db,
                         "INSERT INTO razorpay_orders (id, reservation_id, user_id, amount_paise,"
                         " currency, status, created_at_ms) VALUES (?, ?, ?, ?,"
                         " (SELECT currency FROM buildings WHERE id = ?), 'created', ?)",
                         "tttiti", order, in->booking_id, user_id, amount, room->building_id,
                         now) != 0) {
        return -1;
    }
    return ms_change_upsert(db, MS_KIND_RESERVATION, user_id, in->booking_id);
}

int ms_booking_create(ms_app *app, const char *user_id, const ms_booking_input *in, ms_payment pay,
                      ms_refusal *why)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    ms_room_ctx room;
    char company[MS_ID_MAX];
    int rc = booking_id_free(db, in->booking_id, why);
    if (rc != 0)
        return rc;
    rc = in->room_id[0] ? ms_room_load(db, in->room_id, &room) : 1;
    const char *room_shown = in->room_id[0] ? in->room_id : "(an id too long to be one)";
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "not_found", "no room '%.*s'",
                                  (int)ms_utf8_prefix(room_shown, 40), room_shown);
    if (in->guest_count > room.capacity - 1)
        return ms_refuse(why, "invalid_argument",
                         "%s seats %lld: at most %lld guests besides the host", room.room_id,
                         (long long)room.capacity, (long long)(room.capacity - 1));
    rc = may_pay(db, user_id, pay, company, why);
    if (rc != 0)
        return rc;
    /* Holds that lapsed free their blocks before the check. */
    if (ms_holds_lapse_due(app, now) != 0)
        return -1;
    if (pay == MS_PAY_RAZORPAY && (rc = check_holds(db, user_id, in, company, now, why)) != 0)
        return rc;
    rc = ms_booking_check_slot(db, &room, in->start_ms, in->hours, now, why);
    if (rc != 0)
        return rc;
    if (pay == MS_PAY_CREDITS) {
        int64_t balance, cost = room.credits_per_hour * in->hours;
        if (ms_credits_refresh(db, company, now) != 0 ||
            ms_credits_balance(db, company, &balance) != 0)
            return -1;
        if (balance < cost)
            return ms_refuse(why, "insufficient_credits",
                             "%lld credits are needed and %s has %lld left this month",
                             (long long)cost, company, (long long)balance);
    }
    /* All checked: write everything, or (should the exclusion check still refuse) nothing. */
    if (ms_db_exec(db, "SAVEPOINT booking_create") != 0)
        return -1;
    rc = write_booking(app, user_id, in, &room, pay, company, now);
    if (rc != 0) {
        ms_db_exec(db, "ROLLBACK TO booking_create");
        ms_db_exec(db, "RELEASE booking_create");
        if (rc < 0)
            return -1;
        return ms_refuse(why, "slot_taken", "%s is already booked then", room.room_id);
    }
    return ms_db_exec(db, "RELEASE booking_create");
}

/* ---- cancel, pay, lapse ----------------------------------------------------------------- */

/* Mark the reservation cancelled (reason: "member" or "hold_expired"), release its slot,
 * revoke its credentials; log both. */
static int cancel_reservation(sqlite3 *db, const char *id, const char *owner, const char *reason,
                              int64_t now)
{
    char busy[MS_ID_MAX];
    if (ms_db_run(db,
                  "UPDATE reservations SET status = 'cancelled', cancelled_at_ms = ?,"
                  " cancel_reason = ?, hold_expires_at_ms = NULL WHERE id = ?",
                  "itt", now, reason, id) != 0 ||
        ms_room_busy_release(db, id, busy) != 0 || ms_credentials_revoke(db, id, now) != 0)
        return -1;
    if (busy[0] && ms_change_delete(db, MS_KIND_ROOM_BUSY, NULL, busy) != 0)
        return -1;
    return ms_change_upsert(db, MS_KIND_RESERVATION, owner, id);
}

int ms_booking_cancel(ms_app *app, const char *user_id, const char *booking_id, ms_refusal *why)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    if (ms_holds_lapse_due(app, now) != 0)
        return -1;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT r.status, r.paid_by, r.credits, r.start_ms,"
                                     " b.cancel_cutoff_min,"
                                     " (SELECT company_id FROM credit_ledger l"
                                     "  WHERE l.reservation_id = r.id AND l.reason = 'booking')"
                                     " FROM reservations r JOIN buildings b"
                                     " ON b.id = r.building_id WHERE r.id = ? AND r.user_id = ?",
                                     "tt", booking_id, user_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    char status[32] = "", paid_by[16] = "", company[MS_ID_MAX] = "";
    int64_t credits = 0, start = 0, cutoff_min = 0;
    if (rc == 1) {
        ms_db_text(stmt, 0, status, sizeof status);
        ms_db_text(stmt, 1, paid_by, sizeof paid_by);
        credits = sqlite3_column_int64(stmt, 2);
        start = sqlite3_column_int64(stmt, 3);
        cutoff_min = sqlite3_column_int64(stmt, 4);
        ms_db_text(stmt, 5, company, sizeof company);
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return ms_refuse(why, "not_found", "you have no booking '%.*s'",
                         (int)ms_utf8_prefix(booking_id, 40), booking_id);
    if (strcmp(status, "cancelled") == 0)
        return ms_refuse(why, "invalid_argument", "booking '%.*s' is already cancelled",
                         (int)ms_utf8_prefix(booking_id, 40), booking_id);
    if (now >= start)
        return ms_refuse(why, "invalid_argument",
                         "booking '%.*s' has started or is over; it can no longer be cancelled",
                         (int)ms_utf8_prefix(booking_id, 40), booking_id);
    bool confirmed = strcmp(status, "confirmed") == 0;
    if (cancel_reservation(db, booking_id, user_id, "member", now) != 0)
        return -1;
    char then[160] = "You cancelled it.";
    /* Credits come back when cancelled before the cut-off (start - cancel_cutoff_min). */
    if (confirmed && strcmp(paid_by, "credits") == 0 && credits > 0 && company[0]) {
        if (now < start - cutoff_min * MS_MINUTE_MS) {
            if (ms_credits_refresh(db, company, now) != 0 ||
                ms_credits_apply(db, company, credits, "refund", booking_id, now) != 0)
                return -1;
            snprintf(then, sizeof then, "You cancelled it; its %lld credit%s came back.",
                     (long long)credits, credits == 1 ? "" : "s");
        } else {
            snprintf(then, sizeof then,
                     "You cancelled it after the cut-off, %lld minutes before the start, so its"
                     " credits do not come back.",
                     (long long)cutoff_min);
        }
    }
    return ms_booking_notify(app, booking_id, "booking.cancelled", then);
}

int ms_booking_paid(ms_app *app, const char *reservation_id)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    char owner[MS_ID_MAX] = "";
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT user_id FROM reservations WHERE id = ?", "t", reservation_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, owner, sizeof owner);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    if (ms_db_run(db,
                  "UPDATE reservations SET status = 'confirmed', hold_expires_at_ms = NULL"
                  " WHERE id = ?",
                  "t", reservation_id) != 0 ||
        issue_passes(app, reservation_id, now) != 0 ||
        ms_change_upsert(db, MS_KIND_RESERVATION, owner, reservation_id) != 0)
        return -1;
    return ms_booking_notify(app, reservation_id, "booking.confirmed", NULL);
}

int ms_holds_lapse_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id, user_id, hold_expires_at_ms"
                                         " FROM reservations WHERE hold_expires_at_ms IS NOT NULL"
                                         " AND hold_expires_at_ms <= ? ORDER BY id LIMIT 1",
                                         "i", now_ms);
        if (!stmt)
            return -1;
        char id[MS_ID_MAX], owner[MS_ID_MAX];
        int64_t expired_at = now_ms;
        int rc = ms_db_step(stmt);
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            ms_db_text(stmt, 1, owner, sizeof owner);
            expired_at = sqlite3_column_int64(stmt, 2);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        /* Cancelled as of the instant the hold ran out, whenever this request noticed. */
        if (cancel_reservation(app->db, id, owner, "hold_expired", expired_at) != 0 ||
            ms_booking_notify(app, id, "booking.cancelled",
                              "It was not paid within 15 minutes, so the hold lapsed and the"
                              " room is free again.") != 0)
            return -1;
    }
}
