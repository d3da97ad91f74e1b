/* domain/visitors.c - a member's visitors: the entity, invite, cancel, decide, the invitation's
 * credential, email and SMS, arrival, the host's alerts, walk-in timeouts (domain/visitors.h). */
#include "domain/visitors.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/fields.h"
#include "db/db.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/emails.h"
#include "domain/notify.h"
#include "domain/passes.h"
#include "rules/pass_rules.h"
#include "base/text.h"

#define REFUSED 1

/* ---- reading and writing rows ------------------------------------------------------------ */

/* The columns load_row reads, from visitors. */
#define VISITOR_COLUMNS                                                                            \
    "SELECT id, host_user_id, building_id, name, coalesce(email, ''), coalesce(phone, ''), date,"  \
    " coalesce(window_from_min, -1), coalesce(window_to_min, -1), source = 'walk_in', status,"     \
    " coalesce(decline_reason = 'timeout', 0), coalesce(approval_due_ms, 0),"                      \
    " coalesce(credential_id, '') FROM visitors "

/* The first row of stmt (VISITOR_COLUMNS; finalized here, NULL: the query failed) into out.
 * 0, 1 when there is none, -1 on error. */
static int load_row(sqlite3_stmt *stmt, ms_visitor *out)
{
    memset(out, 0, sizeof *out);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        char status[32];
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->host_user_id, sizeof out->host_user_id);
        ms_db_text(stmt, 2, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 3, out->name, sizeof out->name);
        ms_db_text(stmt, 4, out->email, sizeof out->email);
        ms_db_text(stmt, 5, out->phone, sizeof out->phone);
        ms_db_text(stmt, 6, out->date, sizeof out->date);
        out->window_from_min = sqlite3_column_int(stmt, 7);
        out->window_to_min = sqlite3_column_int(stmt, 8);
        out->walk_in = sqlite3_column_int(stmt, 9) != 0;
        ms_db_text(stmt, 10, status, sizeof status);
        if (!ms_visitor_status_parse(status, &out->status))
            rc = -1;
        out->declined_by_timeout = sqlite3_column_int(stmt, 11) != 0;
        out->approval_due_ms = sqlite3_column_int64(stmt, 12);
        ms_db_text(stmt, 13, out->credential_id, sizeof out->credential_id);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int ms_visitor_load(sqlite3 *db, const char *id, ms_visitor *out)
{
    return load_row(ms_db_query(db, VISITOR_COLUMNS "WHERE id = ?", "t", id), out);
}

int ms_visitor_json(sqlite3 *db, const char *id, bool with_host, cJSON **out)
{
    *out = NULL;
    sqlite3_stmt *stmt = ms_db_query(
        db,
        "SELECT json_object('id', v.id, 'host_user_id', v.host_user_id,"
        " 'building_id', v.building_id, 'name', v.name, 'email', v.email, 'phone', v.phone,"
        " 'date', v.date, 'window', json(CASE WHEN v.window_from_min IS NULL THEN NULL"
        "  ELSE json_object('from_min', v.window_from_min, 'to_min', v.window_to_min) END),"
        " 'source', v.source, 'status', v.status, 'created_at_ms', v.created_at_ms,"
        " 'updated_at_ms', v.updated_at_ms, 'arrived_at_ms', v.arrived_at_ms,"
        " 'checked_in_by', v.checked_in_by, 'approval_due_ms', v.approval_due_ms,"
        " 'decided_at_ms', v.decided_at_ms, 'decline_reason', v.decline_reason,"
        " 'credential_id', v.credential_id),"
        " json_object('id', u.id, 'name', u.name)"
        " FROM visitors v JOIN users u ON u.id = v.host_user_id WHERE v.id = ?",
        "t", id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        *out = cJSON_Parse((const char *)sqlite3_column_text(stmt, 0));
        cJSON *host = with_host ? cJSON_Parse((const char *)sqlite3_column_text(stmt, 1)) : NULL;
        if (!*out || (with_host && (!host || !cJSON_AddItemToObject(*out, "host", host)))) {
            cJSON_Delete(host);
            cJSON_Delete(*out);
            *out = NULL;
            rc = -1;
        }
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* The caller's visitor named by the payload's visitor_id into v: 0, or 1 refused (why). */
static int own_visitor(sqlite3 *db, const char *user_id, const cJSON *payload, ms_visitor *v,
                       ms_refusal *why)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(payload, "visitor_id");
    if (!cJSON_IsString(id) || !id->valuestring[0])
        return ms_refuse(why, "invalid_argument",
                         "payload field 'visitor_id' is missing or not a string");
    int rc = ms_visitor_load(db, id->valuestring, v);
    if (rc < 0)
        return -1;
    if (rc == 1 || strcmp(v->host_user_id, user_id) != 0)
        return ms_refuse(why, "not_found", "no visitor '%.*s' of yours",
                         (int)ms_utf8_prefix(id->valuestring, 40), id->valuestring);
    return 0;
}

/* ---- alerting the host ------------------------------------------------------------------- */

void ms_visitor_building_words(sqlite3 *db, const char *building_id, char *out, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT name || ' (' || id || ')' FROM buildings"
                                     " WHERE id = ?",
                                     "t", building_id);
    snprintf(out, cap, "%s", building_id);
    if (stmt && ms_db_step(stmt) == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
}

int ms_visitor_tell_host(ms_app *app, const ms_visitor *v, const char *kind, bool urgent,
                         const char *title, const char *body)
{
    char link[64];
    snprintf(link, sizeof link, "membercore://visitors/%s", v->id);
    ms_notice n = {.user_id = v->host_user_id,
                   .building_id = v->building_id,
                   .kind = kind,
                   .category = "bookings",
                   .title = title,
                   .body = body,
                   .deep_link = link,
                   .urgent = urgent};
    return ms_notify_once(app, &n, v->id) < 0 ? -1 : 0;
}

/* ---- moves ------------------------------------------------------------------------------- */

int ms_visitor_apply(ms_app *app, const ms_visitor *v, ms_visitor_move move, bool by_door,
                     int64_t now_ms)
{
    sqlite3 *db = app->db;
    int rc;
    switch (move) {
    case MS_VISIT_CANCEL:
        rc = ms_db_run(db,
                       "UPDATE visitors SET status = 'cancelled', updated_at_ms = ?"
                       " WHERE id = ?",
                       "it", now_ms, v->id);
        break;
    case MS_VISIT_CHECKIN:
    case MS_VISIT_APPROVE:
        rc = ms_db_run(db,
                       "UPDATE visitors SET status = 'arrived', arrived_at_ms = ?1,"
                       " checked_in_by = ?2, updated_at_ms = ?1,"
                       " decided_at_ms = CASE WHEN source = 'walk_in' THEN ?1 END WHERE id = ?3",
                       "itt", now_ms, by_door ? "door" : "reception", v->id);
        break;
    default: {
        /* A timeout is dated when the time ran out, not when the next request came. */
        int64_t at = move == MS_VISIT_TIMEOUT ? v->approval_due_ms : now_ms;
        rc = ms_db_run(db,
                       "UPDATE visitors SET status = 'declined', decided_at_ms = ?1,"
                       " decline_reason = ?2, updated_at_ms = ?1 WHERE id = ?3",
                       "itt", at, move == MS_VISIT_TIMEOUT ? "timeout" : "host", v->id);
        break;
    }
    }
    if (rc != 0 ||
        (move == MS_VISIT_CANCEL && v->credential_id[0] &&
         ms_credential_revoke(db, v->credential_id, now_ms) != 0) ||
        ms_change_upsert(db, MS_KIND_VISITOR, v->host_user_id, v->id) != 0)
        return -1;

    char building[MS_TEXT_MAX], body[2 * MS_TEXT_MAX + 160];
    if (move == MS_VISIT_CHECKIN) {
        ms_visitor_building_words(db, v->building_id, building, sizeof building);
        snprintf(body, sizeof body, "%s is waiting for you at reception in %s.", v->name, building);
        return ms_visitor_tell_host(app, v, "visitor.arrived", true, "Visitor waiting at reception",
                                    body);
    }
    if (move == MS_VISIT_TIMEOUT) {
        ms_visitor_building_words(db, v->building_id, building, sizeof building);
        snprintf(body, sizeof body,
                 "%s asked for you at reception in %s; nobody answered within 15 minutes, so "
                 "the visit was declined.",
                 v->name, building);
        return ms_visitor_tell_host(app, v, "visitor.declined", false, "Walk-in visitor declined",
                                    body);
    }
    return 0;
}

/* Check move on v and apply it, or refuse with the rule's code and words. 0 / 1 / -1. */
static int move_or_refuse(ms_app *app, const ms_visitor *v, ms_visitor_move move, ms_refusal *why)
{
    ms_visitor_verdict verdict = ms_visitor_move_check(v->status, v->declined_by_timeout, move);
    if (!verdict.allowed)
        return ms_refuse(why, verdict.code, "%s", verdict.message);
    return ms_visitor_apply(app, v, move, false, ms_clock_now(&app->clock));
}

int ms_visitor_cancel(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    ms_visitor v;
    int rc = own_visitor(app->db, user_id, payload, &v, why);
    return rc != 0 ? rc : move_or_refuse(app, &v, MS_VISIT_CANCEL, why);
}

int ms_visitor_decide(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    ms_visitor v;
    int rc = own_visitor(app->db, user_id, payload, &v, why);
    if (rc != 0)
        return rc;
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(payload, "decision");
    const char *d = cJSON_IsString(decision) ? decision->valuestring : "";
    bool approve = strcmp(d, "approve") == 0;
    if (!approve && strcmp(d, "decline") != 0)
        return ms_refuse(why, "invalid_argument",
                         "payload field 'decision' must be approve or decline");
    /* Upkeep declines at the start of each request; a decision in the same instant is late. */
    if (v.status == MS_VISITOR_AWAITING_APPROVAL &&
        ms_clock_now(&app->clock) >= v.approval_due_ms) {
        v.status = MS_VISITOR_DECLINED;
        v.declined_by_timeout = true;
    }
    return move_or_refuse(app, &v, approve ? MS_VISIT_APPROVE : MS_VISIT_DECLINE, why);
}

int ms_visitor_door_entered(ms_app *app, const char *visitor_id, int64_t now_ms)
{
    ms_visitor v;
    int rc = ms_visitor_load(app->db, visitor_id, &v);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    if (!ms_visitor_move_check(v.status, v.declined_by_timeout, MS_VISIT_CHECKIN).allowed)
        return 0; /* back in after going out: arrived already */
    return ms_visitor_apply(app, &v, MS_VISIT_CHECKIN, true, now_ms);
}

int ms_visitors_timeout_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        ms_visitor v;
        int rc = load_row(ms_db_query(app->db,
                                      VISITOR_COLUMNS "WHERE status = 'awaiting_approval'"
                                                      " AND approval_due_ms <= ?"
                                                      " ORDER BY approval_due_ms, id LIMIT 1",
                                      "i", now_ms),
                          &v);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        if (ms_visitor_apply(app, &v, MS_VISIT_TIMEOUT, false, now_ms) != 0)
            return -1;
    }
}

/* ---- the invitation ---------------------------------------------------------------------- */

/* A checked visitor.invite payload. */
typedef struct invitation {
    char id[MS_ID_MAX];
    char building_id[MS_ID_MAX];
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX];
    char phone[MS_PHONE_MAX];
    char date[11];
    int64_t day;
    int64_t from_min, to_min; /* -1 when no window */
} invitation;

/* The payload's string field name into out (cap), trimmed of white space; "" when optional and
 * absent or null. 0, or 1 refused. */
static int payload_text(const cJSON *payload, const char *name, bool optional, char *out,
                        size_t cap, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(payload, name);
    out[0] = '\0';
    if (optional && (!item || cJSON_IsNull(item)))
        return 0;
    if (!cJSON_IsString(item))
        return ms_refuse(why, "invalid_argument", "payload field '%s' is missing or not a string%s",
                         name, optional ? " (or null)" : "");
    const char *s = item->valuestring;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    if (len >= cap)
        return ms_refuse(why, "invalid_argument", "payload field '%s' is too long", name);
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

/* The payload's window: null/absent, or {from_min, to_min} integers 0 <= from < to <= 1440. */
static int payload_window(const cJSON *payload, invitation *in, ms_refusal *why)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(payload, "window");
    in->from_min = in->to_min = -1;
    if (!w || cJSON_IsNull(w))
        return 0;
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(w, "from_min");
    const cJSON *to = cJSON_GetObjectItemCaseSensitive(w, "to_min");
    if (!cJSON_IsNumber(from) || !cJSON_IsNumber(to) ||
        from->valuedouble != (int64_t)from->valuedouble ||
        to->valuedouble != (int64_t)to->valuedouble ||
        !ms_visitor_window_ok((int64_t)from->valuedouble, (int64_t)to->valuedouble))
        return ms_refuse(why, "invalid_argument",
                         "payload field 'window' must be null or {from_min, to_min}, minutes after "
                         "local midnight with 0 <= from_min < to_min <= 1440");
    in->from_min = (int64_t)from->valuedouble;
    in->to_min = (int64_t)to->valuedouble;
    return 0;
}

/* Read and check the shape of a visitor.invite payload. 0, or 1 refused (invalid_argument). */
static int parse_invitation(const cJSON *payload, invitation *in, ms_refusal *why)
{
    memset(in, 0, sizeof *in);
    char phone[64], name[4 * MS_VISITOR_NAME_MAX + 64];
    if (payload_text(payload, "visitor_id", false, in->id, sizeof in->id, why) ||
        payload_text(payload, "building_id", false, in->building_id, sizeof in->building_id, why) ||
        payload_text(payload, "name", false, name, sizeof name, why) ||
        payload_text(payload, "email", false, in->email, sizeof in->email, why) ||
        payload_text(payload, "phone", true, phone, sizeof phone, why) ||
        payload_text(payload, "date", false, in->date, sizeof in->date, why) ||
        payload_window(payload, in, why))
        return REFUSED;
    if (!ms_visitor_id_ok(in->id))
        return ms_refuse(why, "invalid_argument",
                         "payload field 'visitor_id' must be \"vis_\" and 32 lower-case hex "
                         "characters");
    size_t start, len;
    const char *problem = ms_visitor_name_problem(name, &start, &len);
    if (problem)
        return ms_refuse(why, "invalid_argument", "the visitor's name %s", problem);
    memcpy(in->name, name + start, len);
    in->name[len] = '\0';
    problem = ms_email_problem(in->email);
    if (problem)
        return ms_refuse(why, "invalid_argument", "the visitor's email %s", problem);
    char phone_why[96];
    if (phone[0] && !ms_phone_e164(phone, in->phone, phone_why, sizeof phone_why))
        return ms_refuse(why, "invalid_argument", "the visitor's phone: %s", phone_why);
    if (!ms_parse_date(in->date, &in->day))
        return ms_refuse(why, "invalid_argument",
                         "payload field 'date' must be a real date written YYYY-MM-DD");
    return 0;
}

/* The building's rule against in's date at now: 0, or 1 refused (invalid_date, in words). */
static int check_date(const ms_space *space, const invitation *in, int64_t now_ms, ms_refusal *why)
{
    ms_local today, day;
    ms_zone_local(space->zone, now_ms, &today);
    ms_zone_local(space->zone, ms_zone_day_start(space->zone, in->day), &day);
    char words[32], today_words[32];
    ms_local_format_date(&day, words, sizeof words);
    ms_local_format_date(&today, today_words, sizeof today_words);
    switch (ms_visitor_date_check(in->day, today.day, &space->hours)) {
    case MS_VISIT_DATE_OK:
        return 0;
    case MS_VISIT_DATE_PAST:
        return ms_refuse(why, "invalid_date", "%s is in the past at %s (today there is %s)", words,
                         space->building_id, today_words);
    case MS_VISIT_DATE_TOO_FAR:
        return ms_refuse(why, "invalid_date",
                         "%s is more than %d days ahead: visitors are invited at most %d days "
                         "ahead",
                         words, MS_VISITOR_DAYS_AHEAD_MAX, MS_VISITOR_DAYS_AHEAD_MAX);
    case MS_VISIT_DATE_CLOSED:
        break;
    }
    return ms_refuse(why, "invalid_date", "%s is closed on %s", space->building_id, words);
}

/* The simulated SMS gateway: the text goes to the outbox GET /v1/test/sms reads. 0 / -1. */
static int send_sms(sqlite3 *db, const char *phone, const char *body, int64_t now_ms)
{
    return ms_db_run(db, "INSERT INTO sms_outbox (phone, body, sent_at_ms) VALUES (?, ?, ?)", "tti",
                     phone, body, now_ms);
}

/* Issue in's credential (valid over its local date at its building) into c. 0 / -1. */
static int issue_code(ms_app *app, const invitation *in, const ms_space *space, int64_t now_ms,
                      ms_credential *c)
{
    memset(c, 0, sizeof *c);
    c->kind = MS_CREDENTIAL_VISITOR;
    snprintf(c->building_id, sizeof c->building_id, "%s", in->building_id);
    snprintf(c->guest_email, sizeof c->guest_email, "%s", in->email);
    snprintf(c->visitor_id, sizeof c->visitor_id, "%s", in->id);
    c->valid_from_ms = ms_zone_day_start(space->zone, in->day);
    c->valid_until_ms = ms_zone_day_start(space->zone, in->day + 1);
    return ms_credential_issue(app->db, app->rng, c, now_ms);
}

/* The visitor's email (the QR code attached) and, with a phone, the SMS. 0 / -1. */
static int send_invitation(ms_app *app, const invitation *in, const ms_space *space,
                           const char *host, const ms_credential *c, int64_t now_ms)
{
    char payload[MS_ACCESS_PAYLOAD_MAX];
    ms_access_parsed parsed;
    if (ms_credential_guest_payload(c, payload) != 0 || !ms_access_parse(payload, &parsed))
        return -1;
    ms_local day;
    ms_zone_local(space->zone, c->valid_from_ms, &day);
    ms_zone_transition zone;
    if (ms_zone_transitions(space->zone, c->valid_from_ms, c->valid_from_ms + 1, &zone, 1) != 1)
        return -1;
    char date[32], day_words[32], window[96] = "", code[MS_VISITOR_CODE_WORDS_MAX];
    ms_local_format_date(&day, date, sizeof date);
    ms_visitor_day_words(&day, day_words, sizeof day_words);
    ms_visitor_code_words(parsed.code, code);
    if (in->from_min >= 0) {
        char times[32];
        ms_visitor_window_words((int)in->from_min, (int)in->to_min, times, sizeof times);
        snprintf(window, sizeof window, ", expected %s %s", times, zone.abbrev);
    }
    char subject[2 * MS_TEXT_MAX + 64], body[5 * MS_TEXT_MAX + 640];
    snprintf(subject, sizeof subject, "%s invited you to %s on %s", host, space->name, date);
    snprintf(body, sizeof body,
             "Hello %s,\n\n%s invited you to %s (%s), %s, on %s%s.\n\n"
             "Your entry code: %s\nShow the attached QR code (" MS_EMAIL_QR_FILENAME
             ") at the door, or give reception the entry code. It works at %s on that date "
             "only.\nThe code:\n%s\n",
             in->name, host, space->name, space->building_id, space->city, date, window, code,
             space->name, payload);
    int rc = ms_email_send(app->db, in->email, subject, body, c->id, c->valid_from_ms,
                           c->valid_until_ms, payload, now_ms);
    if (rc == 0 && in->phone[0]) {
        char sms[2 * MS_TEXT_MAX + 200];
        ms_visitor_sms_text(host, space->name, day_words, (int)in->from_min, (int)in->to_min,
                            zone.abbrev, parsed.code, sms, sizeof sms);
        rc = send_sms(app->db, in->phone, sms, now_ms);
    }
    ms_wipe(payload, sizeof payload);
    ms_wipe(&parsed, sizeof parsed);
    return rc;
}

int ms_visitor_invite(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    invitation in;
    if (parse_invitation(payload, &in, why) != 0)
        return REFUSED;
    sqlite3_stmt *stmt = ms_db_query(app->db, "SELECT 1 FROM visitors WHERE id = ?", "t", in.id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "invalid_argument",
                         "visitor id '%s' is already used: a new invitation needs a new id", in.id);
    ms_space space;
    rc = ms_space_load(app->db, in.building_id, &space);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return ms_refuse(why, "not_found", "no building '%.*s'",
                         (int)ms_utf8_prefix(in.building_id, 40), in.building_id);
    int64_t now = ms_clock_now(&app->clock);
    if (check_date(&space, &in, now, why) != 0)
        return REFUSED;
    ms_user host;
    if (ms_user_load(app->db, user_id, &host) != 0)
        return -1;

    ms_credential c;
    if (ms_db_run(app->db,
                  "INSERT INTO visitors (id, host_user_id, building_id, name, email, phone, date,"
                  " window_from_min, window_to_min, source, status, created_at_ms, updated_at_ms)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, ''), ?7, nullif(?8, -1),"
                  " nullif(?9, -1), 'invitation', 'invited', ?10, ?10)",
                  "tttttttiii", in.id, user_id, in.building_id, in.name, in.email, in.phone,
                  in.date, in.from_min, in.to_min, now) != 0 ||
        issue_code(app, &in, &space, now, &c) != 0) {
        ms_wipe(c.secret, sizeof c.secret);
        return -1;
    }
    rc = ms_db_run(app->db, "UPDATE visitors SET credential_id = ? WHERE id = ?", "tt", c.id,
                   in.id) == 0 &&
                 send_invitation(app, &in, &space, host.name[0] ? host.name : "A member", &c,
                                 now) == 0 &&
                 ms_change_upsert(app->db, MS_KIND_VISITOR, user_id, in.id) == 0
             ? 0
             : -1;
    ms_wipe(c.secret, sizeof c.secret);
    return rc;
}
