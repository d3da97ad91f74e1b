/* domain/offers.c - partner offers and perks (docs/today-desks-community.md "Offers"): validity,
 * building scope, shared codes and single-use code pools handed out one per member. */
#include "domain/offers.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/audience.h"
#include "domain/changes.h"
#include "domain/entities.h"
#include "rules/pass_rules.h"
#include "rules/zone.h"
#include "base/text.h"

/* The users offer ?1 is in scope for, after ?2, one at a time. */
static const char scope_users_sql[] = "SELECT id FROM users WHERE id > ?2"
                                      " AND " MS_OFFER_FOR("?1", "users.id") " ORDER BY id LIMIT 1";

/* Change-log offer id to every user in its scope: an upsert, or a delete when gone. 0 / -1. */
static int log_to_scope(sqlite3 *db, const char *id, bool gone)
{
    char user[MS_ID_MAX] = "";
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db, scope_users_sql, "tt", id, user);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, user, sizeof user);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if ((gone ? ms_change_delete(db, MS_KIND_OFFER, user, id)
                  : ms_change_upsert(db, MS_KIND_OFFER, user, id)) != 0)
            return -1;
    }
}

int ms_offers_retire_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id FROM offers WHERE retired = 0"
                                         " AND valid_until < date(? / 1000 - 86400, 'unixepoch')"
                                         " ORDER BY valid_until LIMIT 1",
                                         "i", now_ms);
        char id[MS_ID_MAX];
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, id, sizeof id);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (log_to_scope(app->db, id, true) != 0 ||
            ms_db_run(app->db, "UPDATE offers SET retired = 1 WHERE id = ?", "t", id) != 0)
            return -1;
    }
}

/* Whether the n strings of list hold one twice. */
static bool has_repeat(const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(list[i], list[j]) == 0)
                return true;
    return false;
}

/* in's dates, codes and buildings: 0 fine; 1 refused with why; -1. */
static int check_input(sqlite3 *db, const ms_offer_input *in, ms_refusal *why)
{
    int64_t from, until;
    if (!ms_parse_date(in->valid_from, &from))
        return ms_refuse(why, "invalid_argument", "field 'valid_from' must be a date YYYY-MM-DD");
    if (!ms_parse_date(in->valid_until, &until))
        return ms_refuse(why, "invalid_argument", "field 'valid_until' must be a date YYYY-MM-DD");
    if (until < from)
        return ms_refuse(why, "invalid_argument", "field 'valid_until' is before 'valid_from'");
    if (in->single_use) {
        if (in->code_count == 0)
            return ms_refuse(why, "invalid_argument",
                             "field 'codes' must hold at least one code for a single_use offer");
        for (size_t i = 0; i < in->code_count; i++)
            if (!ms_offer_code_ok(in->codes[i]))
                return ms_refuse(why, "invalid_argument",
                                 "field 'codes' item %zu must be 1 to %d letters, digits, '-' or"
                                 " '_'",
                                 i, MS_OFFER_CODE_MAX);
        if (has_repeat(in->codes, in->code_count))
            return ms_refuse(why, "invalid_argument", "field 'codes' holds a code twice");
    } else if (!in->shared_code || !ms_offer_code_ok(in->shared_code)) {
        return ms_refuse(why, "invalid_argument",
                         "field 'shared_code' must be 1 to %d letters, digits, '-' or '_'",
                         MS_OFFER_CODE_MAX);
    }
    if (has_repeat(in->building_ids, in->building_count))
        return ms_refuse(why, "invalid_argument", "field 'building_ids' holds a building twice");
    for (size_t i = 0; i < in->building_count; i++) {
        sqlite3_stmt *stmt =
            ms_db_query(db, "SELECT 1 FROM buildings WHERE id = ?", "t", in->building_ids[i]);
        int rc = stmt ? ms_db_step(stmt) : -1;
        sqlite3_finalize(stmt);
        if (rc < 0)
            return -1;
        if (rc == 0)
            return ms_refuse(why, "not_found", "no building '%.*s'",
                             (int)ms_utf8_prefix(in->building_ids[i], 40), in->building_ids[i]);
    }
    return 0;
}

int ms_offer_create(ms_app *app, const ms_offer_input *in, char id_out[MS_ID_MAX], ms_refusal *why)
{
    int rc = check_input(app->db, in, why);
    if (rc != 0)
        return rc;
    if (ms_rng_id(app->rng, "ofr_", id_out, MS_ID_MAX) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO offers (id, partner, title, description, terms, valid_from,"
                  " valid_until, code_kind, shared_code, created_at_ms)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "ttttttttti", id_out, in->partner, in->title, in->description, in->terms,
                  in->valid_from, in->valid_until, in->single_use ? "single_use" : "shared",
                  in->single_use ? NULL : in->shared_code, ms_clock_now(&app->clock)) != 0)
        return -1;
    for (size_t i = 0; i < in->building_count; i++)
        if (ms_db_run(app->db, "INSERT INTO offer_buildings (offer_id, building_id) VALUES (?, ?)",
                      "tt", id_out, in->building_ids[i]) != 0)
            return -1;
    for (size_t i = 0; in->single_use && i < in->code_count; i++)
        if (ms_db_run(app->db, "INSERT INTO offer_codes (offer_id, code) VALUES (?, ?)", "tt",
                      id_out, in->codes[i]) != 0)
            return -1;
    return log_to_scope(app->db, id_out, false);
}

/* The building-local today (days since 1970-01-01) that decides offer_id's validity for
 * user_id (ms_offer_redeem). 0 / -1. */
static int today_for(sqlite3 *db, const char *user_id, const char *offer_id, int64_t now_ms,
                     int64_t *today)
{
    char building[MS_ID_MAX] = "";
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT coalesce((SELECT building_id FROM memberships"
                                     " WHERE user_id = ?1), (SELECT min(building_id)"
                                     " FROM offer_buildings WHERE offer_id = ?2), '')",
                                     "tt", user_id, offer_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, building, sizeof building);
    sqlite3_finalize(stmt);
    const ms_zone *zone;
    if (rc != 1 || ms_building_zone(db, building, &zone) != 0)
        return -1;
    ms_local local;
    ms_zone_local(zone, now_ms, &local);
    *today = local.day;
    return 0;
}

/* The code user_id redeemed offer_id with into code_out: 1, 0 when none yet, -1. */
static int redeemed_code(sqlite3 *db, const char *user_id, const char *offer_id,
                         char code_out[MS_OFFER_CODE_MAX + 1])
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT code FROM offer_redemptions"
                                     " WHERE offer_id = ? AND user_id = ?",
                                     "tt", offer_id, user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, code_out, MS_OFFER_CODE_MAX + 1);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_offer_redeem(ms_app *app, const char *user_id, const char *offer_id,
                    char code_out[MS_OFFER_CODE_MAX + 1], ms_refusal *why)
{
    sqlite3 *db = app->db;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT code_kind = 'single_use', valid_from, valid_until,"
                                     " coalesce(shared_code, '') FROM offers o WHERE id = ?1"
                                     " AND " MS_OFFER_FOR("o.id", "?2"),
                                     "tt", offer_id, user_id);
    char from_text[16] = "", until_text[16] = "";
    int rc = stmt ? ms_db_step(stmt) : -1;
    bool single_use = false;
    if (rc == 1) {
        single_use = sqlite3_column_int(stmt, 0) != 0;
        ms_db_text(stmt, 1, from_text, sizeof from_text);
        ms_db_text(stmt, 2, until_text, sizeof until_text);
        ms_db_text(stmt, 3, code_out, MS_OFFER_CODE_MAX + 1);
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return ms_refuse(why, "not_found", "no offer '%.*s'", (int)ms_utf8_prefix(offer_id, 60),
                         offer_id);
    /* Asked again: the member's own code, whatever happened since. */
    rc = redeemed_code(db, user_id, offer_id, code_out);
    if (rc != 0)
        return rc < 0 ? -1 : 0;

    int64_t now = ms_clock_now(&app->clock), today, from, until;
    if (today_for(db, user_id, offer_id, now, &today) != 0 || !ms_parse_date(from_text, &from) ||
        !ms_parse_date(until_text, &until))
        return -1;
    switch (ms_offer_validity_on(today, from, until)) {
    case MS_OFFER_NOT_STARTED:
        return ms_refuse(why, "offer_not_started", "this offer starts on %s", from_text);
    case MS_OFFER_EXPIRED:
        return ms_refuse(why, "offer_expired", "this offer ended on %s", until_text);
    case MS_OFFER_VALID:
        break;
    }
    if (single_use) {
        /* The first free code of the pool, taken in this one statement (the lock serialises
         * redemptions; the unique (offer_id, user_id) refuses a second code to one member). */
        if (ms_db_run(db,
                      "UPDATE offer_codes SET user_id = ?1, redeemed_at_ms = ?2"
                      " WHERE offer_id = ?3 AND code = (SELECT code FROM offer_codes"
                      " WHERE offer_id = ?3 AND user_id IS NULL ORDER BY code LIMIT 1)",
                      "tit", user_id, now, offer_id) != 0)
            return -1;
        if (sqlite3_changes(db) == 0)
            return ms_refuse(why, "offer_exhausted", "every code of this offer has been taken");
        stmt = ms_db_query(db, "SELECT code FROM offer_codes WHERE offer_id = ? AND user_id = ?",
                           "tt", offer_id, user_id);
        rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            ms_db_text(stmt, 0, code_out, MS_OFFER_CODE_MAX + 1);
        sqlite3_finalize(stmt);
        if (rc != 1)
            return -1;
    }
    if (ms_db_run(db,
                  "INSERT INTO offer_redemptions (offer_id, user_id, code, redeemed_at_ms)"
                  " VALUES (?, ?, ?, ?)",
                  "ttti", offer_id, user_id, code_out, now) != 0)
        return -1;
    /* A single-use offer's `remaining` moved for everyone in scope. */
    if (single_use)
        return log_to_scope(db, offer_id, false);
    return ms_change_upsert(db, MS_KIND_OFFER, user_id, offer_id);
}
