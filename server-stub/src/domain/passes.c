/* domain/passes.c - day passes: the cart and its rules, quotes, checkout with seat holds,
 * activation. */
#include "domain/passes.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "domain/credentials.h"
#include "db/db.h"
#include "domain/emails.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "base/log.h"
#include "domain/payments.h"
#include "base/text.h"
#include "rules/hold_limits.h"

/* ---- the request ------------------------------------------------------------------------ */

static bool invalid(ms_refusal *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

/* Move a fields.c 400 from reply into why (prefixed); false. */
static bool from_reply(ms_reply *reply, const char *prefix, ms_refusal *why)
{
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(reply->body, "message");
    invalid(why, "%s%s", prefix,
            cJSON_IsString(message) ? message->valuestring : "malformed request");
    ms_reply_clear(reply);
    return false;
}

static bool parse_item(const cJSON *p, int i, ms_cart_item *item, ms_refusal *why)
{
    if (!cJSON_IsObject(p))
        return invalid(why, "passes[%d] must be an object", i);
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(p, "date");
    if (!date)
        return invalid(why, "passes[%d]: field 'date' is missing", i);
    if (!cJSON_IsString(date) || !ms_parse_date(date->valuestring, &item->day))
        return invalid(why, "passes[%d]: field 'date' must be a date as YYYY-MM-DD", i);
    snprintf(item->date, sizeof item->date, "%s", date->valuestring);
    const cJSON *guest = cJSON_GetObjectItemCaseSensitive(p, "guest");
    if (!guest || cJSON_IsNull(guest))
        return true;
    if (!cJSON_IsObject(guest))
        return invalid(why, "passes[%d]: field 'guest' must be an object {name, email} or null", i);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "passes[%d].guest: ", i);
    ms_reply reply = {0};
    if (!ms_field_text(&reply, guest, "name", 100, item->name, sizeof item->name) ||
        !ms_field_email(&reply, guest, "email", item->email, sizeof item->email))
        return from_reply(&reply, prefix, why);
    item->guest = true;
    return true;
}

bool ms_cart_parse(const cJSON *obj, ms_cart *cart, ms_refusal *why)
{
    memset(cart, 0, sizeof *cart);
    const cJSON *building = cJSON_GetObjectItemCaseSensitive(obj, "building_id");
    if (!building)
        return invalid(why, "field 'building_id' is missing");
    if (!cJSON_IsString(building) || !building->valuestring[0])
        return invalid(why, "field 'building_id' must be a non-empty string");
    /* Longer than any id: no such building (answered once the body is otherwise fine). */
    snprintf(cart->building_id, sizeof cart->building_id, "%s",
             strlen(building->valuestring) < MS_ID_MAX ? building->valuestring : "");
    const cJSON *passes = cJSON_GetObjectItemCaseSensitive(obj, "passes");
    if (!passes)
        return invalid(why, "field 'passes' is missing");
    if (!cJSON_IsArray(passes) || cJSON_GetArraySize(passes) < 1 ||
        cJSON_GetArraySize(passes) > MS_CART_MAX)
        return invalid(why, "field 'passes' must be an array of 1 to %d passes", MS_CART_MAX);
    const cJSON *p;
    cJSON_ArrayForEach(p, passes)
    {
        if (!parse_item(p, cart->count, &cart->items[cart->count], why))
            return false;
        cart->count++;
    }
    return true;
}

/* ---- the building ----------------------------------------------------------------------- */

int ms_space_load(sqlite3 *db, const char *building_id, ms_space *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT b.id, b.name, b.city, b.timezone,"
                                     " b.booking_window_days, o.day_pass_price_paise, o.capacity"
                                     " FROM buildings b JOIN open_space o ON o.building_id = b.id"
                                     " WHERE b.id = ?",
                                     "t", building_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    char zone[64] = "";
    if (rc == 1) {
        ms_db_text(stmt, 0, out->building_id, sizeof out->building_id);
        ms_db_text(stmt, 1, out->name, sizeof out->name);
        ms_db_text(stmt, 2, out->city, sizeof out->city);
        ms_db_text(stmt, 3, zone, sizeof zone);
        out->window_days = sqlite3_column_int64(stmt, 4);
        out->price_minor = sqlite3_column_int64(stmt, 5);
        out->capacity = sqlite3_column_int64(stmt, 6);
    }
    sqlite3_finalize(stmt);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    if (ms_building_money(db, building_id, &out->money) != 0)
        return -1;
    out->zone = ms_zone_find(zone);
    if (!out->zone) {
        ms_log("passes: no rule for the time zone '%s'", zone);
        return -1;
    }
    if (ms_building_hours(db, building_id, &out->hours) != 0)
        return -1;
    stmt = ms_db_query(db,
                       "SELECT passes, discount_percent FROM pass_bundle_tiers"
                       " WHERE building_id = ? ORDER BY passes",
                       "t", building_id);
    if (!stmt)
        return -1;
    while ((rc = ms_db_step(stmt)) == 1 && out->tier_count < MS_TIERS_MAX) {
        out->tiers[out->tier_count].passes = sqlite3_column_int64(stmt, 0);
        out->tiers[out->tier_count].discount_pct = sqlite3_column_int64(stmt, 1);
        out->tier_count++;
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* "Tue 5 Jan 2027" of local date `day`. */
static void format_day(const ms_zone *zone, int64_t day, char *out, size_t cap)
{
    ms_local local;
    ms_zone_local(zone, ms_zone_day_start(zone, day), &local);
    ms_local_format_date(&local, out, cap);
}

/* ---- the rules -------------------------------------------------------------------------- */

/* Who holds a pass: the lower-cased email of the guest, or of the buyer for "self". */
static void person_of(const ms_cart_item *item, const char *buyer_email, const char *user_id,
                      char *out, size_t cap)
{
    if (item->guest || buyer_email[0])
        snprintf(out, cap, "%s", item->guest ? item->email : buyer_email);
    else
        snprintf(out, cap, "user:%s",
                 user_id); /* a buyer without an email (not seen in practice) */
    for (char *p = out; *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

static int buyer_email(sqlite3 *db, const char *user_id, char *out, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT email FROM users WHERE id = ?", "t", user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    out[0] = '\0';
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* One integer the query answers (no row: 0). 0 / -1. */
static int query_int(sqlite3_stmt *stmt, int64_t *out)
{
    *out = 0;
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

/* Add {index, rule, message} to list. */
static bool add_violation(cJSON *list, int index, const char *rule, const char *message)
{
    cJSON *v = cJSON_CreateObject();
    bool ok = v && cJSON_AddNumberToObject(v, "index", index) &&
              cJSON_AddStringToObject(v, "rule", rule) &&
              cJSON_AddStringToObject(v, "message", message) && cJSON_AddItemToArray(list, v);
    if (!ok)
        cJSON_Delete(v);
    return ok;
}

/* What the checks found about one pass, for the messages. */
typedef struct pass_facts {
    char blackout[MS_TEXT_MAX];
    bool self;
} pass_facts;

static void rule_message(ms_pass_rule rule, const ms_cart_item *item, const ms_space *space,
                         int64_t today, const pass_facts *facts, char *out, size_t cap)
{
    char day[32];
    format_day(space->zone, item->day, day, sizeof day);
    switch (rule) {
    case MS_PASS_PAST_DATE: {
        char now[32];
        format_day(space->zone, today, now, sizeof now);
        snprintf(out, cap, "%s is in the past in %s (today there is %s)", item->date,
                 space->building_id, now);
        break;
    }
    case MS_PASS_BEYOND_WINDOW:
        snprintf(out, cap, "%s sells passes at most %lld days ahead; %s is too far",
                 space->building_id, (long long)space->window_days, item->date);
        break;
    case MS_PASS_BLACKOUT:
        snprintf(out, cap, "%s is unavailable on %s (%s)", space->building_id, day,
                 facts->blackout);
        break;
    case MS_PASS_CLOSED: {
        static const char *const weekdays[] = {"",          "Mondays", "Tuesdays",  "Wednesdays",
                                               "Thursdays", "Fridays", "Saturdays", "Sundays"};
        snprintf(out, cap, "%s is closed on %s (%s)", space->building_id,
                 weekdays[ms_weekday_of_days(item->day)], day);
        break;
    }
    case MS_PASS_CAPACITY:
        snprintf(out, cap, "%s has no open-space seat left on %s (%lld seats)", space->building_id,
                 day, (long long)space->capacity);
        break;
    case MS_PASS_DUPLICATE:
        if (facts->self)
            snprintf(out, cap, "you already have a pass for %s on %s", space->building_id, day);
        else
            snprintf(out, cap, "%s already has a pass for %s on %s", item->email,
                     space->building_id, day);
        break;
    }
}

int ms_cart_check(sqlite3 *db, const char *user_id, const ms_cart *cart, const ms_space *space,
                  int64_t now_ms, cJSON **violations)
{
    *violations = cJSON_CreateArray();
    char email[MS_EMAIL_MAX], people[MS_CART_MAX][MS_EMAIL_MAX + MS_ID_MAX];
    bool takes_seat[MS_CART_MAX];
    if (!*violations || buyer_email(db, user_id, email, sizeof email) != 0)
        goto fail;
    ms_local local;
    ms_zone_local(space->zone, now_ms, &local);
    int64_t today = local.day;
    for (int i = 0; i < cart->count; i++) {
        const ms_cart_item *item = &cart->items[i];
        pass_facts facts;
        memset(&facts, 0, sizeof facts);
        facts.self = !item->guest;
        unsigned broken = ms_pass_date_rules(item->day, today, space->window_days, &space->hours);

        sqlite3_stmt *stmt =
            ms_db_query(db,
                        "SELECT reason FROM building_blackouts WHERE building_id = ?"
                        " AND start_ms < ? AND end_ms > ? ORDER BY start_ms LIMIT 1",
                        "tii", space->building_id, ms_zone_day_start(space->zone, item->day + 1),
                        ms_zone_day_start(space->zone, item->day));
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            broken |= MS_PASS_BLACKOUT;
            ms_db_text(stmt, 0, facts.blackout, sizeof facts.blackout);
        }
        sqlite3_finalize(stmt);
        if (rc < 0)
            goto fail;

        int64_t taken, same_person;
        person_of(item, email, user_id, people[i], sizeof people[i]);
        if (query_int(ms_db_query(db,
                                  "SELECT count(*) FROM passes WHERE building_id = ? AND date = ?"
                                  " AND status IN ('held', 'active')",
                                  "tt", space->building_id, item->date),
                      &taken) != 0 ||
            query_int(ms_db_query(db,
                                  "SELECT count(*) FROM passes WHERE building_id = ? AND date = ?"
                                  " AND person = ? AND status IN ('held', 'active')",
                                  "ttt", space->building_id, item->date, people[i]),
                      &same_person) != 0)
            goto fail;
        for (int j = 0; j < i; j++) {
            if (cart->items[j].day != item->day)
                continue;
            if (takes_seat[j])
                taken++;
            if (strcmp(people[j], people[i]) == 0)
                same_person++;
        }
        if (taken >= space->capacity)
            broken |= MS_PASS_CAPACITY;
        if (same_person > 0)
            broken |= MS_PASS_DUPLICATE;
        takes_seat[i] = broken == 0;

        for (int r = 0; r < MS_PASS_RULE_COUNT; r++) {
            ms_pass_rule bit;
            const char *name = ms_pass_rule_at(r, &bit);
            if (!(broken & bit))
                continue;
            char message[512];
            rule_message(bit, item, space, today, &facts, message, sizeof message);
            if (!add_violation(*violations, i, name, message))
                goto fail;
        }
    }
    return 0;
fail:
    cJSON_Delete(*violations);
    *violations = NULL;
    return -1;
}

/* ---- the price -------------------------------------------------------------------------- */

typedef struct cart_line {
    int64_t day;
    int64_t quantity;
} cart_line;

/* One line per date of the cart, in date order; how many. */
static size_t cart_lines(const ms_cart *cart, cart_line lines[MS_CART_MAX])
{
    size_t n = 0;
    for (int i = 0; i < cart->count; i++) {
        size_t k = 0;
        while (k < n && lines[k].day != cart->items[i].day)
            k++;
        if (k == n)
            lines[n++] = (cart_line){cart->items[i].day, 0};
        lines[k].quantity++;
    }
    for (size_t a = 1; a < n; a++) /* insertion sort by date */
        for (size_t b = a; b > 0 && lines[b - 1].day > lines[b].day; b--) {
            cart_line t = lines[b];
            lines[b] = lines[b - 1];
            lines[b - 1] = t;
        }
    return n;
}

static void line_description(const ms_space *space, int64_t day, char *out, size_t cap)
{
    char date[32];
    format_day(space->zone, day, date, sizeof date);
    snprintf(out, cap, "Day pass, %s (%s), %s", space->name, space->building_id, date);
}

cJSON *ms_cart_quote(const ms_cart *cart, const ms_space *space)
{
    cart_line lines[MS_CART_MAX];
    size_t n = cart_lines(cart, lines);
    ms_pass_price price = ms_pass_price_of(cart->count, space->price_minor, space->tiers,
                                           space->tier_count, space->money.tax_rate_bp);
    cJSON *o = cJSON_CreateObject();
    cJSON *list = o ? cJSON_AddArrayToObject(o, "lines") : NULL;
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        char description[2 * MS_TEXT_MAX];
        line_description(space, lines[i].day, description, sizeof description);
        cJSON *line = cJSON_CreateObject();
        ok = line && cJSON_AddItemToArray(list, line);
        if (!ok) {
            cJSON_Delete(line);
            break;
        }
        ok = cJSON_AddStringToObject(line, "description", description) &&
             cJSON_AddNumberToObject(line, "quantity", (double)lines[i].quantity) &&
             cJSON_AddNumberToObject(line, "unit_paise", (double)space->price_minor) &&
             cJSON_AddNumberToObject(line, "amount_paise",
                                     (double)(lines[i].quantity * space->price_minor));
    }
    cJSON *tax = NULL;
    ok = ok && cJSON_AddNumberToObject(o, "subtotal_paise", (double)price.subtotal_minor) &&
         cJSON_AddNumberToObject(o, "discount_paise", (double)price.discount_minor) &&
         cJSON_AddNumberToObject(o, "gst_paise", (double)price.tax_minor) &&
         cJSON_AddNumberToObject(o, "total_paise", (double)price.total_minor) &&
         cJSON_AddStringToObject(o, "currency", space->money.currency) &&
         (tax = cJSON_AddObjectToObject(o, "tax")) != NULL &&
         cJSON_AddStringToObject(tax, "name", space->money.tax_name) &&
         cJSON_AddNumberToObject(tax, "rate_bp", (double)space->money.tax_rate_bp);
    if (ok && price.tier_passes == 0) {
        ok = cJSON_AddNullToObject(o, "tier") != NULL;
    } else if (ok) {
        cJSON *tier = cJSON_AddObjectToObject(o, "tier");
        ok = tier && cJSON_AddNumberToObject(tier, "passes", (double)price.tier_passes) &&
             cJSON_AddNumberToObject(tier, "discount_pct", (double)price.discount_pct);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* ---- checkout --------------------------------------------------------------------------- */

int ms_checkout_find(sqlite3 *db, const char *user_id, const char *checkout_id, char *invoice_id)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT id FROM invoices WHERE user_id = ? AND checkout_id = ?", "tt",
                    user_id, checkout_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, invoice_id, MS_ID_MAX);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_checkout_holds_check(sqlite3 *db, const char *user_id, const ms_cart *cart,
                            const ms_space *space, int64_t now_ms, ms_refusal *why)
{
    int64_t held;
    if (query_int(ms_db_query(db,
                              "SELECT count(*) FROM passes WHERE user_id = ? AND status = 'held'",
                              "t", user_id),
                  &held) != 0)
        return -1;
    if (held + cart->count > MS_PASS_HOLDS_MAX)
        return ms_refuse(why, MS_CODE_HOLD_LIMIT,
                         "one member may hold at most %d unpaid day passes at once; you hold %lld"
                         " and the cart adds %d: pay for a checkout first or buy fewer",
                         MS_PASS_HOLDS_MAX, (long long)held, cart->count);
    for (int i = 0; i < cart->count; i++) {
        int64_t let_go;
        sqlite3_stmt *stmt = ms_db_query(
            db,
            "SELECT max(p.released_at_ms) FROM passes p JOIN invoices i ON i.id = p.invoice_id"
            " WHERE p.user_id = ? AND p.building_id = ? AND p.date = ? AND p.status = 'released'"
            " AND i.status = 'void' AND p.released_at_ms > ?",
            "ttti", user_id, space->building_id, cart->items[i].date, now_ms - MS_HOLD_COOLDOWN_MS);
        int rc = stmt ? ms_db_step(stmt) : -1;
        bool cooling = rc == 1 && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
        let_go = rc == 1 ? sqlite3_column_int64(stmt, 0) : 0;
        sqlite3_finalize(stmt);
        if (rc < 0)
            return -1;
        if (cooling)
            return ms_refuse(why, MS_CODE_HOLD_COOLDOWN,
                             "your unpaid passes for %s at %s lapsed; you can hold passes for that"
                             " day again in %lld minutes (a %d-minute cool-down)",
                             cart->items[i].date, space->building_id,
                             ms_minutes_until(now_ms, let_go + MS_HOLD_COOLDOWN_MS),
                             MS_HOLD_COOLDOWN_MIN);
    }
    return 0;
}

int ms_checkout_create(ms_app *app, const char *user_id, const char *checkout_id,
                       const ms_cart *cart, const ms_space *space, char *invoice_id)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    char email[MS_EMAIL_MAX], order[MS_RZP_ID_MAX];
    cart_line lines[MS_CART_MAX];
    size_t n = cart_lines(cart, lines);
    ms_pass_price price = ms_pass_price_of(cart->count, space->price_minor, space->tiers,
                                           space->tier_count, space->money.tax_rate_bp);
    if (buyer_email(db, user_id, email, sizeof email) != 0 ||
        ms_rng_id(app->rng, "inv_", invoice_id, MS_ID_MAX) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoices (id, user_id, status, subtotal_paise, discount_paise,"
                  " gst_paise, total_paise, checkout_id, building_id, created_at_ms,"
                  " hold_expires_at_ms) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)",
                  "ttiiiittii", invoice_id, user_id, price.subtotal_minor, price.discount_minor,
                  price.tax_minor, price.total_minor, checkout_id, space->building_id, now,
                  now + MS_CHECKOUT_HOLD_MS) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char description[2 * MS_TEXT_MAX];
        line_description(space, lines[i].day, description, sizeof description);
        if (ms_db_run(db,
                      "INSERT INTO invoice_lines (invoice_id, position, description, quantity,"
                      " unit_paise, amount_paise) VALUES (?, ?, ?, ?, ?, ?)",
                      "titiii", invoice_id, (int64_t)i, description, lines[i].quantity,
                      space->price_minor, lines[i].quantity * space->price_minor) != 0)
            return -1;
    }
    for (int i = 0; i < cart->count; i++) {
        const ms_cart_item *item = &cart->items[i];
        char id[MS_ID_MAX], person[MS_EMAIL_MAX + MS_ID_MAX];
        person_of(item, email, user_id, person, sizeof person);
        if (ms_rng_id(app->rng, "pas_", id, sizeof id) != 0 ||
            ms_db_run(db,
                      "INSERT INTO passes (id, user_id, building_id, date, position, guest_name,"
                      " guest_email, person, status, invoice_id, created_at_ms)"
                      " VALUES (?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, 'held', ?, ?)",
                      "ttttitttti", id, user_id, space->building_id, item->date, (int64_t)i,
                      item->guest ? item->name : "", item->guest ? item->email : "", person,
                      invoice_id, now) != 0 ||
            ms_change_upsert(db, MS_KIND_PASS, user_id, id) != 0)
            return -1;
    }
    if (ms_order_create(app, user_id, NULL, invoice_id, price.total_minor, now, order) != 0 ||
        ms_db_run(db, "UPDATE invoices SET order_id = ? WHERE id = ?", "tt", order, invoice_id) !=
            0)
        return -1;
    return ms_change_upsert(db, MS_KIND_INVOICE, NULL, invoice_id);
}

int ms_invoice_passes_json(sqlite3 *db, const char *invoice_id, cJSON **out)
{
    *out = cJSON_CreateArray();
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, user_id FROM passes WHERE invoice_id = ?"
                                     " ORDER BY position",
                                     "t", invoice_id);
    bool ok = *out && stmt;
    int rc = 0;
    while (ok && (rc = ms_db_step(stmt)) == 1) {
        char id[MS_ID_MAX], owner[MS_ID_MAX];
        ms_db_text(stmt, 0, id, sizeof id);
        ms_db_text(stmt, 1, owner, sizeof owner);
        cJSON *data = NULL;
        ok = ms_entity_data(db, MS_KIND_PASS, owner, id, &data) == 0 &&
             cJSON_AddItemToArray(*out, data);
        if (!ok)
            cJSON_Delete(data);
    }
    sqlite3_finalize(stmt);
    if (!ok || rc < 0) {
        cJSON_Delete(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* ---- activation and lapse --------------------------------------------------------------- */

/* Email a guest their pass: the static payload, as text and as a QR image, good all day. */
static int email_guest(sqlite3 *db, const ms_space *space, const ms_credential *c,
                       const char *date_text, const char *name, const char *buyer, int64_t now)
{
    char payload[MS_ACCESS_PAYLOAD_MAX], subject[2 * MS_TEXT_MAX], body[6 * MS_TEXT_MAX];
    if (ms_credential_guest_payload(c, payload) != 0)
        return -1;
    snprintf(subject, sizeof subject, "Your day pass: %s, %s", space->name, date_text);
    snprintf(body, sizeof body,
             "Hello %s,\n\n%s bought you a day pass to %s (%s), %s, for %s.\n\n"
             "Show the attached QR code (" MS_EMAIL_QR_FILENAME ") at the door on the way in\n"
             "and on the way out; it is good all day, for one person at a time. The code:\n%s\n\n"
             "Pass %s, valid all day on %s (%s time).\n",
             name, buyer[0] ? buyer : "A member", space->name, space->building_id, space->city,
             date_text, payload, c->id, date_text, ms_zone_name(space->zone));
    int rc = ms_email_send(db, c->guest_email, subject, body, c->id, c->valid_from_ms,
                           c->valid_until_ms, payload, now);
    ms_wipe(payload, sizeof payload);
    return rc;
}

int ms_passes_activate(ms_app *app, const char *invoice_id, int64_t now_ms)
{
    sqlite3 *db = app->db;
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT p.id, p.user_id, p.building_id, p.date,"
                                         " p.guest_name, p.guest_email, u.name FROM passes p"
                                         " JOIN users u ON u.id = p.user_id"
                                         " WHERE p.invoice_id = ? AND p.status = 'held'"
                                         " ORDER BY p.position LIMIT 1",
                                         "t", invoice_id);
        if (!stmt)
            return -1;
        char id[MS_ID_MAX], buyer[MS_ID_MAX], building[MS_ID_MAX], date[16], name[MS_TEXT_MAX],
            buyer_name[MS_TEXT_MAX];
        ms_credential c;
        memset(&c, 0, sizeof c);
        int rc = ms_db_step(stmt);
        bool guest = false;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            ms_db_text(stmt, 1, buyer, sizeof buyer);
            ms_db_text(stmt, 2, building, sizeof building);
            ms_db_text(stmt, 3, date, sizeof date);
            ms_db_text(stmt, 4, name, sizeof name);
            guest = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
            ms_db_text(stmt, 5, c.guest_email, sizeof c.guest_email);
            ms_db_text(stmt, 6, buyer_name, sizeof buyer_name);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        ms_space space;
        int64_t day;
        if (ms_space_load(db, building, &space) != 0 || !ms_parse_date(date, &day))
            return -1;
        c.kind = MS_CREDENTIAL_PASS;
        snprintf(c.building_id, sizeof c.building_id, "%s", building);
        snprintf(c.pass_id, sizeof c.pass_id, "%s", id);
        if (!guest)
            snprintf(c.holder_user_id, sizeof c.holder_user_id, "%s", buyer);
        /* Valid the whole building-local day of the pass. */
        c.valid_from_ms = ms_zone_day_start(space.zone, day);
        c.valid_until_ms = ms_zone_day_start(space.zone, day + 1);
        char date_text[32];
        format_day(space.zone, day, date_text, sizeof date_text);
        rc = ms_credential_issue(db, app->rng, &c, now_ms);
        if (rc == 0)
            rc =
                ms_db_run(db, "UPDATE passes SET status = 'active', credential_id = ? WHERE id = ?",
                          "tt", c.id, id);
        if (rc == 0)
            rc = guest ? email_guest(db, &space, &c, date_text, name, buyer_name, now_ms)
                       : ms_change_upsert(db, MS_KIND_CREDENTIAL, buyer, c.id);
        ms_wipe(c.secret, sizeof c.secret);
        if (rc != 0 || ms_change_upsert(db, MS_KIND_PASS, buyer, id) != 0)
            return -1;
    }
}

int ms_checkouts_lapse_due(ms_app *app, int64_t now_ms)
{
    sqlite3 *db = app->db;
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT id, user_id, hold_expires_at_ms FROM invoices"
                                         " WHERE hold_expires_at_ms IS NOT NULL"
                                         " AND hold_expires_at_ms <= ? ORDER BY id LIMIT 1",
                                         "i", now_ms);
        if (!stmt)
            return -1;
        char id[MS_ID_MAX], owner[MS_ID_MAX];
        int64_t at = now_ms;
        int rc = ms_db_step(stmt);
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            ms_db_text(stmt, 1, owner, sizeof owner);
            at = sqlite3_column_int64(stmt, 2);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        /* Void and released as of the instant the hold ran out, whenever a request noticed. */
        if (ms_db_run(db,
                      "UPDATE invoices SET status = 'void', voided_at_ms = ?,"
                      " void_reason = 'hold_expired', hold_expires_at_ms = NULL WHERE id = ?",
                      "it", at, id) != 0 ||
            ms_db_run(db,
                      "UPDATE passes SET status = 'released', released_at_ms = ?"
                      " WHERE invoice_id = ? AND status = 'held'",
                      "it", at, id) != 0)
            return -1;
        stmt = ms_db_query(db, "SELECT id FROM passes WHERE invoice_id = ? ORDER BY position", "t",
                           id);
        if (!stmt)
            return -1;
        while ((rc = ms_db_step(stmt)) == 1) {
            char pass[MS_ID_MAX];
            ms_db_text(stmt, 0, pass, sizeof pass);
            if (ms_change_upsert(db, MS_KIND_PASS, owner, pass) != 0) {
                rc = -1;
                break;
            }
        }
        sqlite3_finalize(stmt);
        if (rc != 0 || ms_change_upsert(db, MS_KIND_INVOICE, NULL, id) != 0)
            return -1;
    }
}
