/* domain/visitors_reception.c - the front desk's side of visitors: the building, its day, finding
 * a visitor by id, code or payload, check-in, walk-ins (domain/visitors_reception.h). */
#include "domain/visitors_reception.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/changes.h"
#include "domain/credentials.h"
#include "domain/passes.h"
#include "rules/access_codes.h"
#include "rules/pass_rules.h"

int ms_reception_building(sqlite3 *db, const char *staff_id, char out[MS_ID_MAX])
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT s.building_id FROM staff_buildings s"
                                     " JOIN user_roles r ON r.user_id = s.user_id"
                                     " AND r.role = 'staff' WHERE s.user_id = ?"
                                     " ORDER BY s.building_id LIMIT 1",
                                     "t", staff_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, out, MS_ID_MAX);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* The building's zone. NULL on error. */
static const ms_zone *zone_of(sqlite3 *db, const char *building_id)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT timezone FROM buildings WHERE id = ?", "t", building_id);
    char name[64] = "";
    if (stmt && ms_db_step(stmt) == 1)
        ms_db_text(stmt, 0, name, sizeof name);
    sqlite3_finalize(stmt);
    return ms_zone_find(name);
}

int ms_reception_today(sqlite3 *db, const char *building_id, int64_t now_ms, char out[11])
{
    const ms_zone *zone = zone_of(db, building_id);
    if (!zone)
        return -1;
    ms_local local;
    ms_zone_local(zone, now_ms, &local);
    char text[32];
    snprintf(text, sizeof text, "%04d-%02d-%02d", local.year, local.month, local.day_of_month);
    snprintf(out, 11, "%.10s", text);
    return 0;
}

int ms_reception_list_json(sqlite3 *db, const char *building_id, const char *date, cJSON **out)
{
    *out = cJSON_CreateArray();
    sqlite3_stmt *stmt = *out ? ms_db_query(db,
                                            "SELECT id FROM visitors WHERE building_id = ?"
                                            " AND date = ? ORDER BY window_from_min IS NULL,"
                                            " window_from_min, name, id",
                                            "tt", building_id, date)
                              : NULL;
    int rc = stmt ? 0 : -1, step = 0;
    while (rc == 0 && (step = ms_db_step(stmt)) == 1) {
        cJSON *item = NULL;
        rc = ms_visitor_json(db, (const char *)sqlite3_column_text(stmt, 0), true, &item) == 0 &&
                     cJSON_AddItemToArray(*out, item)
                 ? 0
                 : -1;
        if (rc != 0)
            cJSON_Delete(item);
    }
    sqlite3_finalize(stmt);
    if (rc != 0 || step < 0) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* The visitor whose door code at building_id has these 8 digits into v. 0 / 1 none / -1. */
static int find_by_code(sqlite3 *db, const char *building_id, const char *digits, ms_visitor *v)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, credential_id FROM visitors"
                                     " WHERE building_id = ? AND credential_id IS NOT NULL"
                                     " ORDER BY date DESC, id",
                                     "t", building_id);
    int rc = stmt ? 1 : -1, step = 0;
    ms_access_parsed typed = {.guest = true, .step = -1};
    memcpy(typed.code, digits, MS_ACCESS_CODE_DIGITS + 1);
    while (rc == 1 && (step = ms_db_step(stmt)) == 1) {
        ms_credential c;
        ms_db_text(stmt, 1, typed.credential_id, sizeof typed.credential_id);
        if (ms_credential_load(db, typed.credential_id, &c) != 0)
            rc = -1;
        else if (ms_access_verify(c.secret, sizeof c.secret, &typed))
            rc = ms_visitor_load(db, (const char *)sqlite3_column_text(stmt, 0), v);
        ms_wipe(c.secret, sizeof c.secret);
    }
    if (step < 0)
        rc = -1;
    sqlite3_finalize(stmt);
    ms_wipe(&typed, sizeof typed);
    return rc;
}

/* The visitor whose QR payload (the static guest form) this is, at building_id, into v. */
static int find_by_payload(sqlite3 *db, const char *building_id, const char *payload, ms_visitor *v)
{
    ms_access_parsed p;
    ms_credential c;
    if (!ms_access_parse(payload, &p) || !p.guest)
        return 1;
    int rc = ms_credential_load(db, p.credential_id, &c);
    if (rc == 0)
        rc = c.kind == MS_CREDENTIAL_VISITOR && strcmp(c.building_id, building_id) == 0 &&
                     ms_access_verify(c.secret, sizeof c.secret, &p)
                 ? ms_visitor_load(db, c.visitor_id, v)
                 : 1;
    ms_wipe(c.secret, sizeof c.secret);
    ms_wipe(&p, sizeof p);
    return rc;
}

int ms_reception_find(sqlite3 *db, const char *building_id, const char *what, ms_visitor *v)
{
    char digits[MS_ACCESS_CODE_DIGITS + 1];
    int rc;
    if (strncmp(what, "vis_", 4) == 0)
        rc = ms_visitor_load(db, what, v);
    else if (ms_visitor_code_read(what, digits))
        rc = find_by_code(db, building_id, digits, v);
    else
        rc = find_by_payload(db, building_id, what, v);
    if (rc == 0 && strcmp(v->building_id, building_id) != 0)
        rc = 1; /* another building's visitor is none of this desk's */
    return rc;
}

int ms_reception_checkin(ms_app *app, const ms_visitor *v, ms_refusal *why)
{
    ms_visitor_verdict verdict =
        ms_visitor_move_check(v->status, v->declined_by_timeout, MS_VISIT_CHECKIN);
    if (!verdict.allowed)
        return ms_refuse(why, verdict.code, "%s", verdict.message);
    int64_t now = ms_clock_now(&app->clock), day;
    char today[11];
    if (ms_reception_today(app->db, v->building_id, now, today) != 0)
        return -1;
    if (strcmp(today, v->date) != 0) {
        const ms_zone *zone = zone_of(app->db, v->building_id);
        ms_local local;
        char words[32];
        if (!zone || !ms_parse_date(v->date, &day))
            return -1;
        ms_zone_local(zone, ms_zone_day_start(zone, day), &local);
        ms_local_format_date(&local, words, sizeof words);
        return ms_refuse(why, "wrong_date", "%s is invited for %s, not today", v->name, words);
    }
    return ms_visitor_apply(app, v, MS_VISIT_CHECKIN, false, now);
}

int ms_reception_walk_in(ms_app *app, const char *building_id, const ms_walk_in *w,
                         char id_out[MS_ID_MAX])
{
    uint8_t bytes[16];
    char today[11];
    int64_t now = ms_clock_now(&app->clock);
    if (ms_rng_bytes(app->rng, bytes, sizeof bytes) != 0 ||
        ms_reception_today(app->db, building_id, now, today) != 0)
        return -1;
    memcpy(id_out, "vis_", 4);
    for (size_t i = 0; i < sizeof bytes; i++)
        snprintf(id_out + 4 + 2 * i, 3, "%02x", bytes[i]);
    ms_visitor v;
    if (ms_db_run(app->db,
                  "INSERT INTO visitors (id, host_user_id, building_id, name, email, phone, date,"
                  " source, status, created_at_ms, updated_at_ms, approval_due_ms)"
                  " VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''), ?7, 'walk_in',"
                  " 'awaiting_approval', ?8, ?8, ?9)",
                  "tttttttii", id_out, w->host_user_id, building_id, w->name, w->email, w->phone,
                  today, now, now + MS_VISITOR_APPROVAL_MS) != 0 ||
        ms_change_upsert(app->db, MS_KIND_VISITOR, w->host_user_id, id_out) != 0 ||
        ms_visitor_load(app->db, id_out, &v) != 0)
        return -1;
    char building[MS_TEXT_MAX], body[2 * MS_TEXT_MAX + 160];
    ms_visitor_building_words(app->db, building_id, building, sizeof building);
    snprintf(body, sizeof body,
             "%s is at reception in %s asking for you. Approve or decline within 15 minutes, or "
             "the visit is declined.",
             w->name, building);
    return ms_visitor_tell_host(app, &v, "visitor.walk_in", true, "Visitor at reception: approve?",
                                body);
}
