/*
 * community/prefs.c - the member's notification preferences: the synced `notification_prefs`
 * entity (or the server's defaults before it is synced) with this device's queued changes on
 * top, and setting a channel or quiet hours through the outbox.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "community/channels.h"
#include "handle/handle.h"
#include "membercore/notifications.h"
#include "read/read.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/json.h"

/* docs/notifications-protocol.md: what the server creates on first read. */
static const bool default_on[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT] = {
    [MC_NOTIFY_BILLING] = {true, true, false},        [MC_NOTIFY_SUPPORT] = {true, true, false},
    [MC_NOTIFY_BOOKINGS] = {true, false, false},      [MC_NOTIFY_EVENTS] = {true, false, false},
    [MC_NOTIFY_ANNOUNCEMENTS] = {true, false, false},
};
#define DEFAULT_QUIET_FROM 1320 /* 22:00 */
#define DEFAULT_QUIET_TO   420  /* 07:00 */

static void set_defaults(mc_notification_prefs *p)
{
    memset(p, 0, sizeof *p);
    memcpy(p->on, default_on, sizeof p->on);
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        p->always[c] = mci_notification_always((mc_notification_category)c);
    p->quiet_enabled = true;
    p->quiet_from_min = DEFAULT_QUIET_FROM;
    p->quiet_to_min = DEFAULT_QUIET_TO;
    strcpy(p->quiet_zone_label, "UTC");
}

static bool valid_minute(double m)
{
    return m >= 0 && m <= 1439 && m == (double)(int32_t)m;
}

/* Quiet hours from {"enabled", "from_min", "to_min"}; a part missing or out of range leaves
 * the value as it was. */
static void apply_quiet(mc_notification_prefs *p, const cJSON *q)
{
    const cJSON *enabled = cJSON_GetObjectItemCaseSensitive(q, "enabled");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(q, "from_min");
    const cJSON *to = cJSON_GetObjectItemCaseSensitive(q, "to_min");
    if (cJSON_IsBool(enabled))
        p->quiet_enabled = cJSON_IsTrue(enabled);
    if (cJSON_IsNumber(from) && cJSON_IsNumber(to) && valid_minute(from->valuedouble) &&
        valid_minute(to->valuedouble) && from->valuedouble != to->valuedouble) {
        p->quiet_from_min = (int32_t)from->valuedouble;
        p->quiet_to_min = (int32_t)to->valuedouble;
    }
}

/* The server's preferences over the defaults; unknown categories or channels are ignored. */
static void apply_server(mc_notification_prefs *p, const cJSON *data)
{
    const cJSON *channels = cJSON_GetObjectItemCaseSensitive(data, "channels");
    for (int c = 1; c < MC_NOTIFY_CATEGORY_COUNT; c++) {
        const cJSON *row = cJSON_GetObjectItemCaseSensitive(
            channels, mc_notification_category_name((mc_notification_category)c));
        for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++) {
            const cJSON *cell = cJSON_GetObjectItemCaseSensitive(row, mc_channel_name(ch));
            if (cJSON_IsBool(cell))
                p->on[c][ch] = cJSON_IsTrue(cell);
        }
    }
    const cJSON *quiet = cJSON_GetObjectItemCaseSensitive(data, "quiet_hours");
    if (cJSON_IsObject(quiet))
        apply_quiet(p, quiet);
    p->synced = true;
}

/* One queued change over the view: a cell (notification_prefs.set) or quiet hours. */
static void apply_queued(mc_notification_prefs *p, const char *kind, const cJSON *payload)
{
    if (strcmp(kind, MCI_MUTATION_NOTIFICATION_PREFS_SET) == 0) {
        mc_notification_category category;
        mc_channel channel;
        const cJSON *enabled = cJSON_GetObjectItemCaseSensitive(payload, "enabled");
        if (mc_notification_category_parse(mci_json_string(payload, "category", NULL), &category,
                                           NULL) != MC_OK ||
            mc_channel_parse(mci_json_string(payload, "channel", NULL), &channel, NULL) != MC_OK ||
            !cJSON_IsBool(enabled))
            return;
        p->on[category][channel] = cJSON_IsTrue(enabled);
        p->pending[category][channel] = true;
    } else {
        apply_quiet(p, payload);
        p->quiet_pending = true;
    }
}

/* The view on db (a reader's or the writer's connection): synced truth, then this device's
 * queued changes that the server has not refused, oldest first. */
static mc_status load_prefs(sqlite3 *db, const char *user_id, mc_notification_prefs *p,
                            mc_error *err)
{
    set_defaults(p);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT data FROM entity WHERE kind = 'notification_prefs' AND id = ?1",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading notification preferences");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        cJSON *data = cJSON_Parse(mci_column_text(stmt, 0));
        if (data != NULL)
            apply_server(p, data);
        cJSON_Delete(data);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return mci_store_fail(db, err, "reading notification preferences");
    if (sqlite3_prepare_v2(db,
                           "SELECT kind, payload FROM outbox WHERE kind IN (?2, ?3) AND "
                           "user_id = ?1 AND state IN (0, 1, 3) ORDER BY mutation_id",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading queued preference changes");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, MCI_MUTATION_NOTIFICATION_PREFS_SET, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, MCI_MUTATION_NOTIFICATION_PREFS_QUIET, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cJSON *payload = cJSON_Parse(mci_column_text(stmt, 1));
        if (payload != NULL)
            apply_queued(p, mci_column_text(stmt, 0), payload);
        cJSON_Delete(payload);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? MC_OK : mci_store_fail(db, err, "reading queued preference changes");
}

mc_status mc_notification_prefs_get(mc_client *c, mc_notification_prefs *out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client and out are required");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = load_prefs(r->db, r->user_id, out, err);
    /* The zone of the member's own building, where quiet hours are kept. */
    mci_zone_book *book = NULL;
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &book, err);
    mc_local_time now;
    if (st == MC_OK)
        st = mci_zone_book_local(book, "", mci_client_now(c), &now, err);
    if (st == MC_OK && now.label[0] != '\0')
        memcpy(out->quiet_zone_label, now.label, sizeof out->quiet_zone_label);
    mci_zone_book_free(book);
    mci_read_end(c->readers, r);
    return st;
}

typedef struct cell_change {
    mc_notification_category category;
    mc_channel channel;
    bool on;
} cell_change;

/* Queue the cell's change unless the member already sees that value (an mci_write_fn). */
static mc_status queue_cell(mc_client *c, const char *user_id, void *arg, bool *queued,
                            mc_error *err)
{
    const cell_change *change = arg;
    mc_notification_prefs now;
    mc_status st = load_prefs(c->db, user_id, &now, err);
    if (st != MC_OK || now.on[change->category][change->channel] == change->on)
        return st;
    const char *category = mc_notification_category_name(change->category);
    const char *channel = mc_channel_name(change->channel);
    char cell[48];
    snprintf(cell, sizeof cell, "%s.%s", category, channel);
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || !cJSON_AddStringToObject(payload, "category", category) ||
        !cJSON_AddStringToObject(payload, "channel", channel) ||
        !cJSON_AddBoolToObject(payload, "enabled", change->on))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_NOTIFICATION_PREFS_SET, cell, payload,
                                NULL, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_notification_pref_set(mc_client *c, mc_notification_category category,
                                   mc_channel channel, bool on, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (!mci_category_valid((int)category))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "category must be billing, support, bookings, events or "
                             "announcements (nothing is sent in other)");
    if (!mci_channel_valid((int)channel))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "channel must be push, email or sms");
    cell_change change = {category, channel, on};
    return mci_sync_write(c, queue_cell, &change, MC_KIND_NOTIFICATION_PREFS, err);
}

typedef struct quiet_change {
    bool enabled;
    int32_t from_min, to_min;
} quiet_change;

/* Queue quiet hours unless they are what the member already sees (an mci_write_fn). */
static mc_status queue_quiet(mc_client *c, const char *user_id, void *arg, bool *queued,
                             mc_error *err)
{
    const quiet_change *q = arg;
    mc_notification_prefs now;
    mc_status st = load_prefs(c->db, user_id, &now, err);
    if (st != MC_OK || (now.quiet_enabled == q->enabled && now.quiet_from_min == q->from_min &&
                        now.quiet_to_min == q->to_min))
        return st;
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || !cJSON_AddBoolToObject(payload, "enabled", q->enabled) ||
        !cJSON_AddNumberToObject(payload, "from_min", q->from_min) ||
        !cJSON_AddNumberToObject(payload, "to_min", q->to_min))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_NOTIFICATION_PREFS_QUIET, "quiet_hours",
                                payload, NULL, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_notification_quiet_hours_set(mc_client *c, bool enabled, int32_t from_min,
                                          int32_t to_min, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (from_min < 0 || from_min > 1439 || to_min < 0 || to_min > 1439)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "quiet hours are minutes after local midnight, 0 to 1439 "
                             "(from %d, to %d)",
                             (int)from_min, (int)to_min);
    if (from_min == to_min)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "quiet hours must start and end at different times (both %02d:%02d)",
                             (int)from_min / 60, (int)from_min % 60);
    quiet_change q = {enabled, from_min, to_min};
    return mci_sync_write(c, queue_quiet, &q, MC_KIND_NOTIFICATION_PREFS, err);
}
