/* domain/notify.c - TEMPORARY stand-in for helper hub's dispatcher: the inbox row with kind and
 * urgent, one push per token; replaced by hub's domain/notify.c when i12-hub is merged. */
#include "domain/notify.h"

#include <stdio.h>

#include "db/db.h"
#include "domain/changes.h"

int ms_notify_send(ms_app *app, const ms_notice *n, char id_out[MS_ID_MAX])
{
    char id[MS_ID_MAX];
    int64_t now = ms_clock_now(&app->clock);
    if (ms_rng_id(app->rng, "ntf_", id, MS_ID_MAX) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO notifications (id, user_id, category, title, body, created_at_ms,"
                  " is_read, deep_link, building_id, kind, urgent) VALUES (?, ?, ?, ?, ?, ?, 0,"
                  " nullif(?, ''), nullif(?, ''), ?, ?)",
                  "tttttittti", id, n->user_id, n->category, n->title, n->body, now,
                  n->deep_link ? n->deep_link : "", n->building_id ? n->building_id : "", n->kind,
                  (int64_t)n->urgent) != 0 ||
        ms_change_upsert(app->db, MS_KIND_NOTIFICATION, n->user_id, id) != 0 ||
        ms_db_run(app->db,
                  "INSERT INTO push_deliveries (user_id, notification_id, provider, token,"
                  " title, body, deep_link, created_at_ms) SELECT user_id, ?2, provider, token,"
                  " ?3, ?4, nullif(?5, ''), ?6 FROM push_tokens WHERE user_id = ?1",
                  "ttttti", n->user_id, id, n->title, n->body, n->deep_link ? n->deep_link : "",
                  now) != 0)
        return -1;
    if (id_out)
        snprintf(id_out, MS_ID_MAX, "%s", id);
    return 0;
}

int ms_notify_once(ms_app *app, const ms_notice *n, const char *entity_id)
{
    if (ms_db_run(app->db,
                  "INSERT INTO notices_sent (kind, entity_id, user_id, sent_at_ms)"
                  " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  "ttti", n->kind, entity_id, n->user_id, ms_clock_now(&app->clock)) != 0)
        return -1;
    if (sqlite3_changes(app->db) == 0)
        return 0;
    return ms_notify_send(app, n, NULL) == 0 ? 1 : -1;
}
