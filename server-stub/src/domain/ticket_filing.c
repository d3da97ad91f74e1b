/* domain/ticket_filing.c - the member's ticket mutations: create, comment, resolve, reopen. */
#include "domain/ticket_filing.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "db/db.h"
#include "domain/tickets.h"
#include "rules/sla.h"
#include "base/text.h"

/* A string field, or NULL after refusing (invalid_argument) naming it. */
static const char *string_field(const cJSON *o, const char *name, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsString(item) || !item->valuestring || !item->valuestring[0]) {
        ms_refuse(why, "invalid_argument", "payload field '%s' must be a non-empty string", name);
        return NULL;
    }
    return item->valuestring;
}

/* Whether sql (one text parameter) finds a row: 1 yes, 0 no, -1 error. */
static int exists(sqlite3 *db, const char *sql, const char *value)
{
    sqlite3_stmt *stmt = ms_db_query(db, sql, "t", value);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

/* A text field checked as a description or comment (1..2000 code points once trimmed), copied
 * trimmed into out (cap > 4 x MS_TICKET_TEXT_MAX). 0, or 1 refused. */
static int text_field(const cJSON *o, const char *name, char *out, size_t cap, ms_refusal *why)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsString(item) || !item->valuestring)
        return ms_refuse(why, "invalid_argument", "payload field '%s' must be a string", name);
    size_t start, len;
    switch (ms_ticket_text_check(item->valuestring, MS_TICKET_TEXT_MAX, &start, &len)) {
    case MS_TEXT_OK:
        break;
    case MS_TEXT_EMPTY:
        return ms_refuse(why, "invalid_argument", "the %s is empty: write what is wrong", name);
    case MS_TEXT_TOO_LONG:
        return ms_refuse(why, "description_too_long",
                         "the %s is longer than %d characters: shorten it", name,
                         MS_TICKET_TEXT_MAX);
    case MS_TEXT_NOT_UTF8:
        return ms_refuse(why, "invalid_argument", "the %s is not valid UTF-8 text", name);
    }
    if (len >= cap)
        return ms_refuse(why, "description_too_long", "the %s is too long", name);
    memcpy(out, item->valuestring + start, len);
    out[len] = '\0';
    return 0;
}

/* A declared photo. */
typedef struct declared_photo {
    const char *id, *content_type, *sha256;
    int64_t bytes;
} declared_photo;

/* The payload's photos (absent or null: none) into out[MS_TICKET_PHOTOS_MAX]. 0, 1 refused,
 * -1 error. */
static int photos_field(sqlite3 *db, const cJSON *payload, declared_photo *out, int *n,
                        ms_refusal *why)
{
    *n = 0;
    const cJSON *photos = cJSON_GetObjectItemCaseSensitive(payload, "photos");
    if (!photos || cJSON_IsNull(photos))
        return 0;
    if (!cJSON_IsArray(photos))
        return ms_refuse(why, "invalid_argument", "payload field 'photos' must be an array");
    int count = cJSON_GetArraySize(photos);
    if (count > MS_TICKET_PHOTOS_MAX)
        return ms_refuse(why, "too_many_photos", "%d photos: at most %d can be attached at once",
                         count, MS_TICKET_PHOTOS_MAX);
    const cJSON *p;
    cJSON_ArrayForEach(p, photos)
    {
        declared_photo *d = &out[*n];
        const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(p, "bytes");
        d->id = cJSON_IsObject(p) ? string_field(p, "photo_id", why) : NULL;
        if (!d->id)
            return ms_refuse(why, "invalid_argument", "every photo needs a photo_id");
        if (!ms_ticket_id_valid(d->id, "pho_"))
            return ms_refuse(why, "invalid_argument",
                             "photo_id '%.*s' is not pho_ and 32 lower-case hex digits",
                             (int)ms_utf8_prefix(d->id, 48), d->id);
        for (int i = 0; i < *n; i++)
            if (strcmp(out[i].id, d->id) == 0)
                return ms_refuse(why, "invalid_argument", "photo %s is listed twice", d->id);
        int rc = exists(db, "SELECT 1 FROM ticket_photos WHERE id = ?", d->id);
        if (rc != 0)
            return rc < 0
                       ? -1
                       : ms_refuse(why, "invalid_argument", "photo id %s is already used", d->id);
        d->content_type = string_field(p, "content_type", why);
        if (!d->content_type)
            return 1;
        if (!ms_ticket_photo_type_valid(d->content_type))
            return ms_refuse(why, "invalid_argument",
                             "photo %s is %.*s: only JPEG (image/jpeg) and PNG (image/png) photos"
                             " can be attached",
                             d->id, (int)ms_utf8_prefix(d->content_type, 40), d->content_type);
        if (!cJSON_IsNumber(bytes) || !(bytes->valuedouble >= 1))
            return ms_refuse(why, "invalid_argument",
                             "photo %s: bytes must be a whole number from 1", d->id);
        /* Compared as a double first: a huge number is too large, never cast. */
        if (bytes->valuedouble > (double)MS_TICKET_PHOTO_BYTES_MAX)
            return ms_refuse(why, "photo_too_large",
                             "photo %s is %.1f MiB: a photo can be at most 10 MiB", d->id,
                             bytes->valuedouble / (1024.0 * 1024.0));
        d->bytes = (int64_t)bytes->valuedouble;
        if ((double)d->bytes != bytes->valuedouble)
            return ms_refuse(why, "invalid_argument",
                             "photo %s: bytes must be a whole number from 1", d->id);
        d->sha256 = string_field(p, "sha256", why);
        if (!d->sha256)
            return 1;
        if (!ms_ticket_sha256_valid(d->sha256))
            return ms_refuse(why, "invalid_argument",
                             "photo %s: sha256 must be 64 lower-case hex digits", d->id);
        (*n)++;
    }
    return 0;
}

static int declare_photos(sqlite3 *db, const char *ticket_id, const char *comment_id,
                          const declared_photo *photos, int n)
{
    for (int i = 0; i < n; i++)
        if (ms_db_run(db,
                      "INSERT INTO ticket_photos (id, ticket_id, comment_id, content_type, bytes,"
                      " sha256) VALUES (?, ?, ?, ?, ?, ?)",
                      "ttttit", photos[i].id, ticket_id, comment_id, photos[i].content_type,
                      photos[i].bytes, photos[i].sha256) != 0)
            return -1;
    return 0;
}

/* The filing's location. */
typedef struct location {
    const char *kind; /* NULL: none */
    const char *room_id;
    const char *name;
} location;

static int location_field(sqlite3 *db, const cJSON *payload, const char *building_id, location *out,
                          ms_refusal *why)
{
    memset(out, 0, sizeof *out);
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(payload, "location");
    if (!loc || cJSON_IsNull(loc))
        return 0;
    if (!cJSON_IsObject(loc))
        return ms_refuse(why, "invalid_argument",
                         "payload field 'location' must be an object or null");
    out->kind = string_field(loc, "kind", why);
    if (!out->kind)
        return 1;
    if (strcmp(out->kind, "room") == 0) {
        out->room_id = string_field(loc, "id", why);
        if (!out->room_id)
            return 1;
        sqlite3_stmt *stmt =
            ms_db_query(db, "SELECT name FROM rooms WHERE id = ? AND building_id = ?", "tt",
                        out->room_id, building_id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        sqlite3_finalize(stmt);
        if (rc != 1)
            return rc < 0 ? -1
                          : ms_refuse(why, "not_found", "%s has no room %.*s", building_id,
                                      (int)ms_utf8_prefix(out->room_id, 40), out->room_id);
        out->name = "";
        return 0;
    }
    if (strcmp(out->kind, "cabin") != 0 && strcmp(out->kind, "desk") != 0)
        return ms_refuse(why, "invalid_argument", "location kind must be room, cabin or desk");
    out->name = string_field(loc, "name", why);
    if (!out->name)
        return 1;
    size_t start, len;
    if (ms_ticket_text_check(out->name, MS_TICKET_PLACE_MAX, &start, &len) != MS_TEXT_OK ||
        start != 0 || out->name[len] != '\0')
        return ms_refuse(why, "invalid_argument",
                         "the %s's name must be 1 to %d characters, without spaces around it",
                         out->kind, MS_TICKET_PLACE_MAX);
    return 0;
}

/* The building's zone and opening hours. 0, 1 no such building, -1 error. */
static int building_hours(sqlite3 *db, const char *building_id, const ms_zone **zone,
                          ms_open_hours *hours)
{
    memset(hours, 0, sizeof *hours);
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT timezone FROM buildings WHERE id = ?", "t", building_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    char name[64] = "";
    if (rc == 1)
        ms_db_text(stmt, 0, name, sizeof name);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return rc < 0 ? -1 : 1;
    *zone = ms_zone_find(name);
    if (!*zone) {
        ms_log("tickets: no rule for the time zone '%s'", name);
        return -1;
    }
    return ms_building_hours(db, building_id, hours);
}

/* A leaf category's team and targets. 0, 1 not a leaf (or none), -1 error. */
static int leaf_category(sqlite3 *db, const char *id, char *team, size_t cap, int64_t *response,
                         int64_t *resolution)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT team, response_min, resolution_min"
                                     " FROM ticket_categories WHERE id = ?"
                                     " AND parent_id IS NOT NULL",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, team, cap);
        *response = sqlite3_column_int64(stmt, 1);
        *resolution = sqlite3_column_int64(stmt, 2);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

/* The ticket's number: the building's next in its series (T-1001, ...). 0 / -1. */
static int next_number(sqlite3 *db, const char *building_id, char *out, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "INSERT INTO ticket_numbers (building_id, last)"
                                     " VALUES (?, 1001) ON CONFLICT (building_id)"
                                     " DO UPDATE SET last = last + 1 RETURNING last",
                                     "t", building_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        snprintf(out, cap, "T-%lld", (long long)sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

/* Every check of a ticket.create payload, in the protocol's order. */
typedef struct filing {
    const char *ticket_id, *building_id, *category_id;
    ms_ticket_priority priority;
    char description[4 * MS_TICKET_TEXT_MAX + 1];
    location where;
    declared_photo photos[MS_TICKET_PHOTOS_MAX];
    int nphotos;
    char team[MS_NAME_MAX];
    int64_t response_min, resolution_min;
    const ms_zone *zone;
    ms_open_hours hours;
} filing;

static int check_filing(sqlite3 *db, const cJSON *payload, filing *f, ms_refusal *why)
{
    f->ticket_id = string_field(payload, "ticket_id", why);
    if (!f->ticket_id)
        return 1;
    if (!ms_ticket_id_valid(f->ticket_id, "tkt_"))
        return ms_refuse(why, "invalid_argument",
                         "ticket_id '%.*s' is not tkt_ and 32 lower-case hex digits",
                         (int)ms_utf8_prefix(f->ticket_id, 48), f->ticket_id);
    int rc = exists(db, "SELECT 1 FROM tickets WHERE id = ?", f->ticket_id);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "invalid_argument", "ticket id %s is already used",
                                  f->ticket_id);
    f->building_id = string_field(payload, "building_id", why);
    if (!f->building_id)
        return 1;
    rc = building_hours(db, f->building_id, &f->zone, &f->hours);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "not_found", "there is no building %.*s",
                                  (int)ms_utf8_prefix(f->building_id, 40), f->building_id);
    f->category_id = string_field(payload, "category_id", why);
    if (!f->category_id)
        return 1;
    rc = leaf_category(db, f->category_id, f->team, sizeof f->team, &f->response_min,
                       &f->resolution_min);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "unknown_category",
                                  "there is no category %.*s to file under: pick one of the"
                                  " synced categories, such as Cleaning / Washroom",
                                  (int)ms_utf8_prefix(f->category_id, 60), f->category_id);
    const char *priority = string_field(payload, "priority", why);
    if (!priority)
        return 1;
    if (!ms_ticket_priority_parse(priority, &f->priority))
        return ms_refuse(why, "invalid_argument", "priority must be low, normal, high or urgent");
    rc = text_field(payload, "description", f->description, sizeof f->description, why);
    if (rc == 0)
        rc = location_field(db, payload, f->building_id, &f->where, why);
    if (rc == 0)
        rc = photos_field(db, payload, f->photos, &f->nphotos, why);
    return rc;
}

int ms_ticket_file(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    filing f;
    memset(&f, 0, sizeof f);
    int rc = check_filing(app->db, payload, &f, why);
    if (rc != 0)
        return rc;
    int64_t now = ms_clock_now(&app->clock);
    ms_sla_due due =
        ms_sla_due_of(f.zone, &f.hours, now, f.response_min, f.resolution_min, f.priority);
    char number[MS_TICKET_NUMBER_MAX];
    if (next_number(app->db, f.building_id, number, sizeof number) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO tickets (id, number, user_id, building_id, category_id, priority,"
                  " description, location_kind, location_id, location_name, status,"
                  " created_at_ms, updated_at_ms, response_due_ms, resolution_due_ms,"
                  " at_risk_from_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)",
                  "ttttttttttiiiii", f.ticket_id, number, user_id, f.building_id, f.category_id,
                  ms_ticket_priority_name(f.priority), f.description, f.where.kind, f.where.room_id,
                  f.where.kind ? f.where.name : NULL, now, now, due.response_due_ms,
                  due.resolution_due_ms, due.at_risk_from_ms) != 0 ||
        declare_photos(app->db, f.ticket_id, NULL, f.photos, f.nphotos) != 0)
        return -1;
    ms_ticket_entry created = {.ticket_id = f.ticket_id,
                               .type = "created",
                               .author = {MS_ACTOR_MEMBER, user_id, NULL},
                               .at_ms = now};
    ms_ticket t;
    if (ms_ticket_entry_add(app->db, app->rng, &created) != 0 ||
        ms_ticket_changed(app->db, f.ticket_id, now, false) != 0 ||
        ms_ticket_load(app->db, f.ticket_id, &t) != 0)
        return -1;
    char when[64], body[256];
    ms_zone_words(f.zone, due.response_due_ms, when, sizeof when);
    snprintf(body, sizeof body, "%s will respond by %s.", f.team, when);
    return ms_ticket_notify(app, &t, "ticket.created", "received", body) == 0 ? 0 : -1;
}

/* The caller's own ticket named by the payload's ticket_id: 0 loaded, 1 refused, -1 error. */
static int own_ticket(sqlite3 *db, const char *user_id, const cJSON *payload, ms_ticket *t,
                      ms_refusal *why)
{
    const char *id = string_field(payload, "ticket_id", why);
    if (!id)
        return 1;
    int rc = ms_ticket_load(db, id, t);
    if (rc < 0)
        return -1;
    /* Someone else's ticket is as absent as one that does not exist: ids cannot be probed. */
    if (rc == 1 || strcmp(t->user_id, user_id) != 0)
        return ms_refuse(why, "not_found", "you have no ticket %.*s", (int)ms_utf8_prefix(id, 48),
                         id);
    return 0;
}

int ms_ticket_comment(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why)
{
    ms_ticket t;
    int rc = own_ticket(app->db, user_id, payload, &t, why);
    if (rc != 0)
        return rc;
    if (t.status == MS_TICKET_CLOSED)
        return ms_refuse(why, "ticket_closed",
                         "%s is closed: a closed ticket takes no comments; file a new one",
                         t.number);
    const char *comment_id = string_field(payload, "comment_id", why);
    if (!comment_id)
        return 1;
    if (!ms_ticket_id_valid(comment_id, "cmt_"))
        return ms_refuse(why, "invalid_argument",
                         "comment_id '%.*s' is not cmt_ and 32 lower-case hex digits",
                         (int)ms_utf8_prefix(comment_id, 48), comment_id);
    rc = exists(app->db, "SELECT 1 FROM ticket_entries WHERE id = ?", comment_id);
    if (rc != 0)
        return rc < 0 ? -1
                      : ms_refuse(why, "invalid_argument", "comment id %s is already used",
                                  comment_id);
    char text[4 * MS_TICKET_TEXT_MAX + 1];
    declared_photo photos[MS_TICKET_PHOTOS_MAX];
    int nphotos;
    rc = text_field(payload, "text", text, sizeof text, why);
    if (rc == 0)
        rc = photos_field(app->db, payload, photos, &nphotos, why);
    if (rc != 0)
        return rc;
    int64_t now = ms_clock_now(&app->clock);
    ms_ticket_entry comment = {.ticket_id = t.id,
                               .id = comment_id,
                               .type = "comment",
                               .author = {MS_ACTOR_MEMBER, user_id, NULL},
                               .text = text,
                               .at_ms = now};
    if (ms_ticket_entry_add(app->db, app->rng, &comment) != 0 ||
        declare_photos(app->db, t.id, comment_id, photos, nphotos) != 0 ||
        ms_ticket_changed(app->db, t.id, now, false) != 0)
        return -1;
    return 0;
}

int ms_ticket_member_move(ms_app *app, const char *user_id, const cJSON *payload,
                          ms_ticket_move move, ms_refusal *why)
{
    ms_ticket t;
    int rc = own_ticket(app->db, user_id, payload, &t, why);
    if (rc != 0)
        return rc;
    ms_ticket_author me = {MS_ACTOR_MEMBER, user_id, NULL};
    ms_ticket_verdict verdict;
    rc = ms_ticket_move_apply(app, t.id, move, &me, NULL, ms_clock_now(&app->clock), &verdict);
    if (rc != 0)
        return -1;
    if (!verdict.allowed)
        return ms_refuse(why, verdict.code, "%s: %s", t.number, verdict.message);
    return 0;
}
