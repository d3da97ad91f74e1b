/* domain/mutations.c - pushed mutations: stored results (idempotency), the kinds' effects, acks. */
#include "domain/mutations.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/announcements.h"
#include "domain/bookings.h"
#include "domain/changes.h"
#include "domain/desks.h"
#include "db/db.h"
#include "domain/entities.h"
#include "domain/notifications.h"
#include "domain/prefs.h"
#include "domain/rsvps.h"
#include "domain/ticket_filing.h"
#include "domain/visitors.h"
#include "base/text.h"

/* Outcome of applying a kind: */
#define APPLIED  0
#define REJECTED 1
#define FAILED   (-1)

static int reject(ms_mutation_result *out, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int reject(ms_mutation_result *out, const char *code, const char *fmt, ...)
{
    out->applied = false;
    snprintf(out->code, sizeof out->code, "%s", code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    ms_utf8_scrub(out->message);
    va_end(ap);
    return REJECTED;
}

/* A string field of the payload, or NULL after a rejection naming it. */
static const char *payload_string(const cJSON *payload, const char *name, ms_mutation_result *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, name);
    if (!item) {
        reject(out, "invalid_argument", "payload field '%s' is missing", name);
        return NULL;
    }
    if (!cJSON_IsString(item) || !item->valuestring || !item->valuestring[0]) {
        reject(out, "invalid_argument", "payload field '%s' must be a non-empty string", name);
        return NULL;
    }
    return item->valuestring;
}

/* One integer a query answers (0 when no row). */
static int query_int(sqlite3_stmt *stmt, int64_t *out)
{
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    *out = rc == 1 ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* notification.read {notification_id}: only the owner's (anyone else's is not_found). */
static int apply_notification_read(ms_app *app, const char *user_id, const cJSON *payload,
                                   ms_mutation_result *out)
{
    const char *id = payload_string(payload, "notification_id", out);
    if (!id)
        return REJECTED;
    int64_t found = 0, is_read = 0;
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT 1, is_read FROM notifications"
                                     " WHERE id = ? AND user_id = ?",
                                     "tt", id, user_id);
    if (!stmt)
        return FAILED;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        found = 1;
        is_read = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return FAILED;
    if (!found)
        return reject(out, "not_found", "no notification '%.*s'", (int)ms_utf8_prefix(id, 60), id);
    if (is_read)
        return APPLIED;
    if (ms_db_run(app->db, "UPDATE notifications SET is_read = 1 WHERE id = ?", "t", id) != 0 ||
        ms_change_upsert(app->db, MS_KIND_NOTIFICATION, user_id, id) != 0)
        return FAILED;
    return APPLIED;
}

/* device.push_token {provider: fcm | apns, token, client_id}: this install's token. */
static int apply_push_token(ms_app *app, const char *user_id, const cJSON *payload,
                            ms_mutation_result *out)
{
    const char *provider = payload_string(payload, "provider", out);
    const char *token = provider ? payload_string(payload, "token", out) : NULL;
    const char *client_id = token ? payload_string(payload, "client_id", out) : NULL;
    if (!client_id)
        return REJECTED;
    if (strcmp(provider, "fcm") != 0 && strcmp(provider, "apns") != 0)
        return reject(out, "invalid_argument", "payload field 'provider' must be fcm or apns");
    if (strlen(token) > 4096 || strlen(client_id) > 64)
        return reject(out, "invalid_argument", "payload field 'token' or 'client_id' is too long");
    if (ms_db_run(app->db,
                  "INSERT INTO push_tokens (user_id, client_id, provider, token, updated_at_ms)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, client_id) DO UPDATE SET"
                  " provider = excluded.provider, token = excluded.token,"
                  " updated_at_ms = excluded.updated_at_ms",
                  "tttti", user_id, client_id, provider, token, ms_clock_now(&app->clock)) != 0)
        return FAILED;
    return APPLIED;
}

/* device.push_token.remove {client_id}: this install's token goes (none: applied all the same),
 * with its pushes still held by quiet hours. */
static int apply_push_token_remove(ms_app *app, const char *user_id, const cJSON *payload,
                                   ms_mutation_result *out)
{
    const char *client_id = payload_string(payload, "client_id", out);
    if (!client_id)
        return REJECTED;
    if (ms_db_run(app->db,
                  "DELETE FROM notification_deliveries WHERE status = 'held' AND channel = 'push'"
                  " AND user_id = ?1 AND to_addr IN (SELECT token FROM push_tokens"
                  " WHERE user_id = ?1 AND client_id = ?2)",
                  "tt", user_id, client_id) != 0 ||
        ms_db_run(app->db, "DELETE FROM push_tokens WHERE user_id = ? AND client_id = ?", "tt",
                  user_id, client_id) != 0)
        return FAILED;
    return APPLIED;
}

/* The result of a domain operation (0, 1 refused with why, -1) as a kind's outcome. */
static int domain_outcome(int rc, const ms_refusal *why, ms_mutation_result *out)
{
    if (rc < 0)
        return FAILED;
    if (rc == 0)
        return APPLIED;
    return reject(out, why->code, "%s", why->message);
}

/* booking.create {booking_id, room_id, start_ms, hours, guests: [{name, email}], pay: credits} */
static int apply_booking_create(ms_app *app, const char *user_id, const cJSON *payload,
                                ms_mutation_result *out)
{
    ms_booking_input in;
    ms_refusal why;
    if (!ms_booking_parse(payload, MS_PAY_CREDITS, &in, &why))
        return domain_outcome(1, &why, out);
    return domain_outcome(ms_booking_create(app, user_id, &in, MS_PAY_CREDITS, &why), &why, out);
}

/* booking.cancel {booking_id} */
static int apply_booking_cancel(ms_app *app, const char *user_id, const cJSON *payload,
                                ms_mutation_result *out)
{
    const char *id = payload_string(payload, "booking_id", out);
    if (!id)
        return REJECTED;
    ms_refusal why;
    return domain_outcome(ms_booking_cancel(app, user_id, id, &why), &why, out);
}

/* ticket.resolve {ticket_id} */
static int apply_ticket_resolve(ms_app *app, const char *user_id, const cJSON *payload,
                                ms_mutation_result *out)
{
    ms_refusal why;
    return domain_outcome(ms_ticket_member_move(app, user_id, payload, MS_MOVE_RESOLVE, &why), &why,
                          out);
}

/* ticket.reopen {ticket_id} */
static int apply_ticket_reopen(ms_app *app, const char *user_id, const cJSON *payload,
                               ms_mutation_result *out)
{
    ms_refusal why;
    return domain_outcome(ms_ticket_member_move(app, user_id, payload, MS_MOVE_REOPEN, &why), &why,
                          out);
}

/* A kind is applied by its own function (apply), or is a domain operation on the payload
 * (0 applied, 1 refused with why, -1 failed) whose outcome domain_outcome makes. */
typedef int (*domain_op)(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

static const struct {
    const char *kind;
    int (*apply)(ms_app *app, const char *user_id, const cJSON *payload, ms_mutation_result *out);
    domain_op domain;
} kinds[] = {
    /* rsvp.set {event_id, status: going | not_going} (a full event: waitlisted) */
    {"rsvp.set", NULL, ms_rsvp_set},
    {"notification.read", apply_notification_read, NULL},
    {"device.push_token", apply_push_token, NULL},
    {"booking.create", apply_booking_create, NULL},
    {"booking.cancel", apply_booking_cancel, NULL},
    /* ticket.create {ticket_id, building_id, category_id, priority, description, location,
     * photos} */
    {"ticket.create", NULL, ms_ticket_file},
    /* ticket.comment {ticket_id, comment_id, text, photos} */
    {"ticket.comment", NULL, ms_ticket_comment},
    {"ticket.resolve", apply_ticket_resolve, NULL},
    {"ticket.reopen", apply_ticket_reopen, NULL},
    /* visitor.invite {visitor_id, building_id, name, email, phone, date, window} */
    {"visitor.invite", NULL, ms_visitor_invite},
    /* visitor.cancel {visitor_id} */
    {"visitor.cancel", NULL, ms_visitor_cancel},
    /* visitor.decide {visitor_id, decision: approve | decline} */
    {"visitor.decide", NULL, ms_visitor_decide},
    /* notification.read_all {category, up_to_ms} */
    {"notification.read_all", NULL, ms_notifications_read_all},
    /* notification_prefs.set {category, channel, enabled} */
    {"notification_prefs.set", NULL, ms_prefs_set},
    /* notification_prefs.quiet_hours {enabled, from_min, to_min} */
    {"notification_prefs.quiet_hours", NULL, ms_prefs_quiet_hours},
    {"device.push_token.remove", apply_push_token_remove, NULL},
    /* desk.book {booking_id, desk_id, date, pay: plan | credits} */
    {"desk.book", NULL, ms_desk_book_op},
    /* desk.cancel {booking_id} */
    {"desk.cancel", NULL, ms_desk_cancel_op},
    /* announcement.read {announcement_id} */
    {"announcement.read", NULL, ms_announcement_read},
};

/* Apply m's kind: APPLIED, REJECTED (out filled) or FAILED. */
static int apply(ms_app *app, const char *user_id, const ms_mutation *m, const char *kind,
                 ms_mutation_result *out)
{
    if (!kind)
        return reject(out, "invalid_argument", "field 'kind' must be a string");
    const cJSON *payload = cJSON_GetObjectItemCaseSensitive(m->json, "payload");
    if (!cJSON_IsObject(payload))
        return reject(out, "invalid_argument", "field 'payload' must be an object");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].kind, kind) == 0) {
            if (kinds[i].apply)
                return kinds[i].apply(app, user_id, payload, out);
            ms_refusal why;
            return domain_outcome(kinds[i].domain(app, user_id, payload, &why), &why, out);
        }
    return reject(out, "invalid_argument", "unknown mutation kind '%.*s'",
                  (int)ms_utf8_prefix(kind, 40), kind);
}

/* The stored result of a row (status, code, message at columns col..col+2). */
static void stored_result(sqlite3_stmt *stmt, int col, ms_mutation_result *out)
{
    char status[16];
    ms_db_text(stmt, col, status, sizeof status);
    out->applied = strcmp(status, "applied") == 0;
    out->replayed = true;
    ms_db_text(stmt, col + 1, out->code, sizeof out->code);
    ms_db_text(stmt, col + 2, out->message, sizeof out->message);
}

/* A stored result for m: 1 found (out filled), 0 none, -1 error. */
static int find_stored(sqlite3 *db, const char *user_id, const char *client_id,
                       const ms_mutation *m, ms_mutation_result *out)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT user_id, status, code, message FROM mutations"
                                     " WHERE idempotency_key = ?",
                                     "t", m->idempotency_key);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        char owner[MS_ID_MAX];
        ms_db_text(stmt, 0, owner, sizeof owner);
        if (strcmp(owner, user_id) == 0)
            stored_result(stmt, 1, out);
        else
            reject(out, "invalid_argument",
                   "idempotency_key is already used by another account; use a new one");
    }
    sqlite3_finalize(stmt);
    if (rc != 0)
        return rc;
    /* The same (client, mutation id) under another key is the same mutation: a client bug,
     * but never applied twice. */
    stmt = ms_db_query(db,
                       "SELECT status, code, message FROM mutations"
                       " WHERE user_id = ? AND client_id = ? AND mutation_id = ?",
                       "tti", user_id, client_id, m->mutation_id);
    if (!stmt)
        return -1;
    rc = ms_db_step(stmt);
    if (rc == 1)
        stored_result(stmt, 0, out);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_mutation_process(ms_app *app, const char *user_id, const char *client_id,
                        const ms_mutation *m, ms_mutation_result *out)
{
    memset(out, 0, sizeof *out);
    int rc = find_stored(app->db, user_id, client_id, m, out);
    if (rc != 0)
        return rc < 0 ? -1 : 0;

    const cJSON *kind_item = cJSON_GetObjectItemCaseSensitive(m->json, "kind");
    const char *kind = cJSON_IsString(kind_item) ? kind_item->valuestring : NULL;
    int64_t last;
    if (ms_mutation_last(app->db, user_id, client_id, &last) != 0)
        return -1;
    if (m->mutation_id <= last)
        rc = reject(out, "invalid_argument",
                    "mutation_id %lld is not above the last one processed for this client (%lld)",
                    (long long)m->mutation_id, (long long)last);
    else
        rc = apply(app, user_id, m, kind, out);
    if (rc == FAILED)
        return -1;
    out->applied = rc == APPLIED;

    int64_t now = ms_clock_now(&app->clock), head;
    if (out->applied &&
        ms_db_run(app->db,
                  "INSERT INTO effect_log (user_id, client_id, mutation_id, idempotency_key, kind,"
                  " applied_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                  "ttitti", user_id, client_id, m->mutation_id, m->idempotency_key, kind, now) != 0)
        return -1;
    if (ms_changes_head(app->db, &head) != 0)
        return -1;
    return ms_db_run(app->db,
                     "INSERT INTO mutations (idempotency_key, user_id, client_id, mutation_id,"
                     " kind, status, code, message, commit_seq, processed_at_ms)"
                     " VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?)",
                     "tttittttii", m->idempotency_key, user_id, client_id, m->mutation_id,
                     kind ? kind : "", out->applied ? "applied" : "rejected", out->code,
                     out->message, head, now);
}

int ms_mutation_last(sqlite3 *db, const char *user_id, const char *client_id, int64_t *out)
{
    return query_int(ms_db_query(db,
                                 "SELECT coalesce(max(mutation_id), 0) FROM mutations"
                                 " WHERE user_id = ? AND client_id = ?",
                                 "tt", user_id, client_id),
                     out);
}

int ms_mutation_acked(sqlite3 *db, const char *user_id, const char *client_id, int64_t seq,
                      int64_t *out)
{
    return query_int(ms_db_query(db,
                                 "SELECT coalesce(max(mutation_id), 0) FROM mutations"
                                 " WHERE user_id = ? AND client_id = ? AND commit_seq <= ?",
                                 "tti", user_id, client_id, seq),
                     out);
}
