/* domain/notify.c - the notification dispatcher: every notification the server makes goes through
 * it (docs/notifications-protocol.md, "Delivery"): the inbox row, then push, email and SMS as the
 * member's preferences, quiet hours and the always-reaching kinds say. */
#include "domain/notify.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/text.h"
#include "db/db.h"
#include "domain/changes.h"
#include "domain/emails.h"
#include "domain/prefs.h"
#include "rules/notice_kinds.h"
#include "rules/quiet_hours.h"
#include "rules/zone.h"

/* The schema version that brought kinds and deliveries. */
#define HUB_SCHEMA_VERSION 10
/* Room for an SMS built from a notification's title and body. */
#define SMS_TEXT_MAX 4800

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The database's schema version (PRAGMA user_version), or -1. */
static int schema_version(sqlite3 *db)
{
    sqlite3_stmt *stmt = ms_db_query(db, "PRAGMA user_version", "");
    int rc = stmt ? ms_db_step(stmt) : -1;
    int version = rc == 1 ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return version;
}

/* Who the deliveries go to, and where quiet hours are counted. */
typedef struct recipient {
    char email[256];
    char phone[32];
    int64_t push_tokens;
    const ms_zone *zone; /* NULL: no building, no quiet hours */
} recipient;

/* The recipient of n: profile email, phone, how many push tokens, the quiet-hours zone (the
 * membership's building, else the notice's). 0, 1 when there is no such user, -1. */
static int recipient_load(sqlite3 *db, const ms_notice *n, recipient *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT u.email, u.phone, (SELECT count(*) FROM push_tokens t"
                    " WHERE t.user_id = u.id), (SELECT b.timezone FROM buildings b"
                    " WHERE b.id = coalesce((SELECT m.building_id FROM memberships m"
                    " WHERE m.user_id = u.id), nullif(?2, '')))"
                    " FROM users u WHERE u.id = ?1",
                    "tt", n->user_id, or_empty(n->building_id));
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, out->email, sizeof out->email);
        ms_db_text(stmt, 1, out->phone, sizeof out->phone);
        out->push_tokens = sqlite3_column_int64(stmt, 2);
        char zone[64];
        ms_db_text(stmt, 3, zone, sizeof zone);
        out->zone = zone[0] ? ms_zone_find(zone) : NULL;
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : rc == 0 ? 1 : 0;
}

/* The text an SMS carries for a notification: "Title: body" (cut to fit cap). */
static void sms_text(const char *title, const char *body, char *out, size_t cap)
{
    if (snprintf(out, cap, "%s: %s", title, body) >= (int)cap && cap > 4)
        memcpy(out + ms_utf8_prefix(out, cap - 4), "...", 4); /* cut on a character */
}

/* The SMS gateway: one text to phone. 0 / -1. */
static int sms_send(sqlite3 *db, const char *phone, const char *text, int64_t now_ms)
{
    return ms_db_run(db, "INSERT INTO sms_outbox (phone, body, sent_at_ms) VALUES (?, ?, ?)", "tti",
                     phone, text, now_ms);
}

/* Record a delivery: sent (sent_at_ms now), held (until release_ms) or dead_token. 0 / -1. */
static int record(sqlite3 *db, const char *notification_id, const char *user_id, ms_channel channel,
                  const char *to, const char *provider, const char *status, int64_t release_ms,
                  int64_t now_ms)
{
    int64_t held = strcmp(status, "held") == 0, sent = strcmp(status, "sent") == 0;
    return ms_db_run(db,
                     "INSERT INTO notification_deliveries (notification_id, user_id, channel,"
                     " to_addr, provider, status, release_at_ms, created_at_ms, sent_at_ms)"
                     " VALUES (?, ?, ?, ?, nullif(?, ''), ?, CASE WHEN ? THEN ? END, ?,"
                     " CASE WHEN ? THEN ? END)",
                     "ttttttiiiii", notification_id, user_id, ms_channel_name(channel), to,
                     or_empty(provider), status, held, release_ms, now_ms, sent, now_ms);
}

/* Whether the simulated push provider reports token dead: 1 yes, 0 no, -1. */
static int token_dead(sqlite3 *db, const char *token)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT 1 FROM push_dead_tokens WHERE token = ?", "t", token);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

/*
 * Push notification_id to one token now: the provider answers "unregistered" for a dead token
 * (dropped: its push_tokens rows go, the delivery is dead_token); otherwise the push gateway gets
 * it (push_deliveries, GET /v1/test/pushes). *dead: whether it was dead. 0 / -1.
 */
static int push_now(sqlite3 *db, const char *notification_id, const char *user_id,
                    const char *provider, const char *token, int64_t now_ms, bool *dead)
{
    int rc = token_dead(db, token);
    if (rc < 0)
        return -1;
    *dead = rc == 1;
    if (*dead)
        return ms_db_run(db, "DELETE FROM push_tokens WHERE user_id = ? AND token = ?", "tt",
                         user_id, token);
    return ms_db_run(db,
                     "INSERT INTO push_deliveries (user_id, notification_id, provider, token,"
                     " title, body, deep_link, created_at_ms) SELECT user_id, id, ?, ?, title,"
                     " body, deep_link, ? FROM notifications WHERE id = ?",
                     "ttit", provider, token, now_ms, notification_id);
}

/* One push per registered token of the user (in client order), held until release_ms when
 * hold. 0 / -1. */
static int deliver_push(sqlite3 *db, const char *id, const char *user_id, bool hold,
                        int64_t release_ms, int64_t now_ms)
{
    char client[128] = "";
    for (;;) {
        /* One token at a time by client id: a dead token's row is deleted while sending. */
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT client_id, provider, token FROM push_tokens"
                                         " WHERE user_id = ? AND client_id > ?"
                                         " ORDER BY client_id LIMIT 1",
                                         "tt", user_id, client);
        if (!stmt)
            return -1;
        char provider[8], token[4200];
        int rc = ms_db_step(stmt);
        if (rc == 1) {
            ms_db_text(stmt, 0, client, sizeof client);
            ms_db_text(stmt, 1, provider, sizeof provider);
            ms_db_text(stmt, 2, token, sizeof token);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        bool dead = false;
        if (hold ? record(db, id, user_id, MS_CHANNEL_PUSH, token, provider, "held", release_ms,
                          now_ms) != 0
                 : push_now(db, id, user_id, provider, token, now_ms, &dead) != 0 ||
                       record(db, id, user_id, MS_CHANNEL_PUSH, token, provider,
                              dead ? "dead_token" : "sent", 0, now_ms) != 0)
            return -1;
    }
}

/* The email (never held): subject the title, the body as it reads in the app. 0 / -1. */
static int deliver_email(sqlite3 *db, const char *id, const ms_notice *n, const char *to,
                         int64_t now_ms)
{
    if (ms_email_send(db, to, n->title, n->body, NULL, 0, 0, NULL, now_ms) != 0)
        return -1;
    return record(db, id, n->user_id, MS_CHANNEL_EMAIL, to, NULL, "sent", 0, now_ms);
}

/* The SMS, held until release_ms when hold. 0 / -1. */
static int deliver_sms(sqlite3 *db, const char *id, const ms_notice *n, const char *phone,
                       bool hold, int64_t release_ms, int64_t now_ms)
{
    if (hold)
        return record(db, id, n->user_id, MS_CHANNEL_SMS, phone, NULL, "held", release_ms, now_ms);
    char text[SMS_TEXT_MAX];
    sms_text(n->title, n->body, text, sizeof text);
    if (sms_send(db, phone, text, now_ms) != 0)
        return -1;
    return record(db, id, n->user_id, MS_CHANNEL_SMS, phone, NULL, "sent", 0, now_ms);
}

/*
 * The channels notification n goes out on: those the preferences turn on for its category that
 * the member can be reached by (a push token, an email, a phone); for a kind that always reaches,
 * when that leaves none: push when the member has a token, else the kind's fallback.
 */
static void choose_channels(const ms_prefs *prefs, int category, const ms_notice *n,
                            const recipient *to, bool use[MS_CHANNEL_COUNT])
{
    bool reachable[MS_CHANNEL_COUNT] = {to->push_tokens > 0, to->email[0] != '\0',
                                        to->phone[0] != '\0'};
    bool any = false;
    for (int ch = 0; ch < MS_CHANNEL_COUNT; ch++) {
        use[ch] = prefs->on[category][ch] && reachable[ch];
        any = any || use[ch];
    }
    if (any || !ms_kind_always_reaches(n->kind))
        return;
    ms_channel fallback =
        reachable[MS_CHANNEL_PUSH] ? MS_CHANNEL_PUSH : ms_kind_fallback_channel(n->kind);
    use[fallback] = reachable[fallback];
}

/* Every delivery of notification id (just inserted) for n at now_ms. 0 / -1. */
static int deliver(sqlite3 *db, const char *id, const ms_notice *n, int category, int64_t now_ms)
{
    ms_prefs prefs;
    recipient to;
    int rc = ms_prefs_load(db, n->user_id, &prefs);
    if (rc == 0)
        rc = recipient_load(db, n, &to);
    if (rc != 0)
        return rc < 0 ? -1 : 0; /* no such user: the inbox row alone (the foreign key refuses) */
    bool use[MS_CHANNEL_COUNT];
    choose_channels(&prefs, category, n, &to, use);
    int64_t release_ms = 0;
    bool hold = !n->urgent && prefs.quiet_enabled && to.zone &&
                ms_quiet_hold_until(to.zone, prefs.quiet, now_ms, &release_ms);
    if (use[MS_CHANNEL_PUSH] && deliver_push(db, id, n->user_id, hold, release_ms, now_ms) != 0)
        return -1;
    if (use[MS_CHANNEL_EMAIL] && deliver_email(db, id, n, to.email, now_ms) != 0)
        return -1;
    if (use[MS_CHANNEL_SMS] && deliver_sms(db, id, n, to.phone, hold, release_ms, now_ms) != 0)
        return -1;
    return 0;
}

int ms_notify_send_at(sqlite3 *db, ms_rng *rng, const ms_notice *n, int64_t now_ms,
                      char id_out[MS_ID_MAX])
{
    int category = ms_category_index(n->category);
    if (category < 0) {
        ms_log("notify: category '%s' is not one the server sends", or_empty(n->category));
        return -1;
    }
    char id[MS_ID_MAX];
    int version = schema_version(db);
    if (version < 0 || ms_rng_id(rng, "ntf_", id, sizeof id) != 0)
        return -1;
    bool hub = version >= HUB_SCHEMA_VERSION;
    if (ms_db_run(db,
                  hub ? "INSERT INTO notifications (id, user_id, category, title, body,"
                        " created_at_ms, is_read, deep_link, building_id, kind, urgent)"
                        " VALUES (?, ?, ?, ?, ?, ?, 0, nullif(?, ''), nullif(?, ''), ?, ?)"
                      : "INSERT INTO notifications (id, user_id, category, title, body,"
                        " created_at_ms, is_read, deep_link, building_id)"
                        " VALUES (?, ?, ?, ?, ?, ?, 0, nullif(?, ''), nullif(?, ''))",
                  hub ? "tttttittti" : "tttttitt", id, n->user_id, n->category, n->title, n->body,
                  now_ms, or_empty(n->deep_link), or_empty(n->building_id), or_empty(n->kind),
                  (int64_t)n->urgent) != 0 ||
        (hub && (ms_change_upsert(db, MS_KIND_NOTIFICATION, n->user_id, id) != 0 ||
                 deliver(db, id, n, category, now_ms) != 0)))
        return -1;
    if (id_out)
        snprintf(id_out, MS_ID_MAX, "%s", id);
    return 0;
}

int ms_notify_send(ms_app *app, const ms_notice *n, char id_out[MS_ID_MAX])
{
    return ms_notify_send_at(app->db, app->rng, n, ms_clock_now(&app->clock), id_out);
}

int ms_notify_once(ms_app *app, const ms_notice *n, const char *entity_id)
{
    int64_t now = ms_clock_now(&app->clock);
    if (ms_db_run(app->db,
                  "INSERT INTO notices_sent (kind, entity_id, user_id, sent_at_ms)"
                  " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  "ttti", or_empty(n->kind), entity_id, n->user_id, now) != 0)
        return -1;
    if (sqlite3_changes(app->db) == 0)
        return 0;
    return ms_notify_send_at(app->db, app->rng, n, now, NULL) == 0 ? 1 : -1;
}

/*
 * Whether a held delivery is still wanted when its window ends: not when the member has read the
 * notification in the app meanwhile, nor when they switched that channel off for its category
 * (a kind that always reaches goes as it was chosen). 1 wanted, 0 not, -1.
 */
static int still_wanted(sqlite3 *db, const char *user_id, const char *channel, const char *category,
                        const char *kind, bool read)
{
    if (read)
        return 0;
    if (ms_kind_always_reaches(kind))
        return 1;
    ms_prefs prefs;
    int rc = ms_prefs_load(db, user_id, &prefs);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    int cat = ms_category_index(category), ch = ms_channel_index(channel);
    return cat >= 0 && ch >= 0 && prefs.on[cat][ch] ? 1 : 0;
}

/* Send held delivery `delivery` now (its window ended), or drop it when it is no longer wanted
 * (still_wanted). 0 / -1. */
static int release(sqlite3 *db, int64_t delivery, int64_t now_ms)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT d.notification_id, d.user_id, d.channel, d.to_addr,"
                                     " coalesce(d.provider, ''), n.title, n.body, n.category,"
                                     " coalesce(n.kind, ''), n.is_read"
                                     " FROM notification_deliveries d JOIN notifications n"
                                     " ON n.id = d.notification_id WHERE d.id = ?",
                                     "i", delivery);
    if (!stmt)
        return -1;
    char id[MS_ID_MAX], user[MS_ID_MAX], channel[8], to[4200], provider[8], title[512];
    char body[4096], category[32], kind[64];
    bool read = false;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, id, sizeof id);
        ms_db_text(stmt, 1, user, sizeof user);
        ms_db_text(stmt, 2, channel, sizeof channel);
        ms_db_text(stmt, 3, to, sizeof to);
        ms_db_text(stmt, 4, provider, sizeof provider);
        ms_db_text(stmt, 5, title, sizeof title);
        ms_db_text(stmt, 6, body, sizeof body);
        ms_db_text(stmt, 7, category, sizeof category);
        ms_db_text(stmt, 8, kind, sizeof kind);
        read = sqlite3_column_int(stmt, 9) != 0;
    }
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    int wanted = still_wanted(db, user, channel, category, kind, read);
    if (wanted < 0)
        return -1;
    if (wanted == 0)
        return ms_db_run(db, "DELETE FROM notification_deliveries WHERE id = ?", "i", delivery);
    bool dead = false;
    if (strcmp(channel, "push") == 0) {
        if (push_now(db, id, user, provider, to, now_ms, &dead) != 0)
            return -1;
    } else {
        char text[SMS_TEXT_MAX];
        sms_text(title, body, text, sizeof text);
        if (sms_send(db, to, text, now_ms) != 0)
            return -1;
    }
    return ms_db_run(db,
                     "UPDATE notification_deliveries SET status = ?, release_at_ms = NULL,"
                     " sent_at_ms = CASE WHEN ? THEN NULL ELSE ? END WHERE id = ?",
                     "tiii", dead ? "dead_token" : "sent", (int64_t)dead, now_ms, delivery);
}

int ms_notify_release_due(sqlite3 *db, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT id FROM notification_deliveries"
                                         " WHERE status = 'held' AND release_at_ms <= ?"
                                         " ORDER BY release_at_ms, id LIMIT 1",
                                         "i", now_ms);
        if (!stmt)
            return -1;
        int rc = ms_db_step(stmt);
        int64_t delivery = rc == 1 ? sqlite3_column_int64(stmt, 0) : 0;
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (release(db, delivery, now_ms) != 0)
            return -1;
    }
}
