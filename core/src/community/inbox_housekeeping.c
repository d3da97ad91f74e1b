/*
 * community/inbox_housekeeping.c - marking the whole inbox (or a category) read through one
 * outbox row, and pruning old read notifications from this device.
 */
#include "community/inbox_housekeeping.h"

#include <cJSON.h>

#include "community/channels.h"
#include "community/inbox_pending.h"
#include "membercore/notifications.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"

#define DAY_MS 86400000LL

/* The newest notification on this device, of every category (?1 NULL) or of ?1: the index
 * by creation, newest first, up to the first of the category. */
static const char newest_sql[] = "SELECT created_at_ms FROM notification_row WHERE ?1 IS NULL OR "
                                 "category = ?1 ORDER BY created_at_ms DESC, id LIMIT 1";
/* How many of them the member sees unread now (?1 as above; ?4 to ?12 as inbox_pending.h). */
static const char unread_in_scope_sql[] =
    "SELECT count(*) FROM notification_row n WHERE n.read = 0 AND (?1 IS NULL OR n.category = "
    "?1) AND NOT " MCI_PENDING_READ " AND NOT " MCI_COVERED;

typedef struct read_all_args {
    const char *category; /* NULL: every category */
    int32_t marked;
} read_all_args;

/* One int64 from a cached statement over ?1 = scope (and the covers); *found whether a row
 * came. */
static mc_status scalar(mc_client *c, const char *sql, const char *user_id, const char *scope,
                        const mci_read_covers *covers, int64_t *out, bool *found, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, sql);
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "reading the inbox");
    if (scope != NULL)
        sqlite3_bind_text(stmt, 1, scope, -1, SQLITE_STATIC);
    mci_read_covers_bind(stmt, user_id, covers);
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
    *out = *found ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK
                                                 : mci_store_fail(c->db, err, "reading the inbox");
}

/* Count what is unread in scope and, if any, queue one mark of all up to the newest one on
 * this device (an mci_write_fn). */
static mc_status queue_read_all(mc_client *c, const char *user_id, void *arg, bool *queued,
                                mc_error *err)
{
    read_all_args *a = arg;
    mci_read_covers covers;
    int64_t unread = 0, newest = 0;
    bool found = false;
    mc_status st = mci_read_covers_load(c->db, c->stmts, user_id, &covers, err);
    if (st == MC_OK)
        st = scalar(c, unread_in_scope_sql, user_id, a->category, &covers, &unread, &found, err);
    if (st != MC_OK || unread == 0)
        return st;
    st = scalar(c, newest_sql, user_id, a->category, &covers, &newest, &found, err);
    if (st != MC_OK || !found)
        return st;
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL ||
        (a->category != NULL ? !cJSON_AddStringToObject(payload, "category", a->category)
                             : !cJSON_AddNullToObject(payload, "category")) ||
        !cJSON_AddNumberToObject(payload, "up_to_ms", (double)newest))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_NOTIFICATION_READ_ALL,
                                a->category != NULL ? a->category : "", payload, NULL, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    if (st == MC_OK)
        a->marked = (int32_t)unread;
    return st;
}

mc_status mc_notifications_mark_all_read(mc_client *c, bool all_categories,
                                         mc_notification_category category, int32_t *marked,
                                         mc_error *err)
{
    MCI_ENTER(c, err);
    if (marked != NULL)
        *marked = 0;
    if (!all_categories && !mci_category_valid((int)category))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "category must be billing, support, bookings, events or "
                             "announcements");
    read_all_args args = {all_categories ? NULL : mc_notification_category_name(category), 0};
    mc_status st = mci_sync_write(c, queue_read_all, &args, MC_KIND_NOTIFICATION, err);
    if (st == MC_OK && marked != NULL)
        *marked = args.marked;
    return st;
}

/* Read ones (by the server) made before ?1, with no read of theirs queued. */
#define PRUNABLE                                                                                   \
    "SELECT n.id FROM notification_row n WHERE n.read = 1 AND n.created_at_ms < ?1 AND "           \
    "NOT " MCI_PENDING_READ " AND NOT " MCI_COVERED
static const char prune_entities_sql[] =
    "DELETE FROM entity WHERE kind = 'notification' AND id IN (" PRUNABLE ")";
static const char prune_rows_sql[] = "DELETE FROM notification_row WHERE id IN (" PRUNABLE ")";

static mc_status run_prune(mc_client *c, const char *sql, const char *user_id,
                           const mci_read_covers *covers, int64_t before_ms, int64_t *deleted,
                           mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, sql);
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "pruning old notifications");
    sqlite3_bind_int64(stmt, 1, before_ms);
    mci_read_covers_bind(stmt, user_id, covers);
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return mci_store_fail(c->db, err, "pruning old notifications");
    *deleted = sqlite3_changes(c->db);
    return MC_OK;
}

typedef struct prune_args {
    int64_t before_ms;
    int64_t pruned;
} prune_args;

/* Delete the prunable ones from the synced truth, then from the inbox (an mci_write_fn that
 * queues nothing). */
static mc_status prune(mc_client *c, const char *user_id, void *arg, bool *queued, mc_error *err)
{
    prune_args *a = arg;
    mci_read_covers covers;
    int64_t entities = 0;
    *queued = false;
    mc_status st = mci_read_covers_load(c->db, c->stmts, user_id, &covers, err);
    if (st == MC_OK)
        st = run_prune(c, prune_entities_sql, user_id, &covers, a->before_ms, &entities, err);
    if (st == MC_OK)
        st = run_prune(c, prune_rows_sql, user_id, &covers, a->before_ms, &a->pruned, err);
    return st;
}

mc_status mci_notifications_prune(mc_client *c, int32_t older_than_days, int64_t *pruned,
                                  mc_error *err)
{
    if (pruned != NULL)
        *pruned = 0;
    if (older_than_days < 1)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "older_than_days must be at least 1 (was %d)",
                             (int)older_than_days);
    prune_args args = {mci_client_now(c) - (int64_t)older_than_days * DAY_MS, 0};
    mc_status st = mci_sync_write(c, prune, &args, 0, err);
    if (st == MC_OK && pruned != NULL)
        *pruned = args.pruned;
    return st;
}

mc_status mc_notifications_prune(mc_client *c, int32_t older_than_days, int64_t *pruned,
                                 mc_error *err)
{
    MCI_ENTER(c, err);
    int64_t count = 0;
    mc_status st = mci_notifications_prune(c, older_than_days, &count, err);
    if (pruned != NULL)
        *pruned = count;
    if (st == MC_OK && count > 0) {
        mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED, .kinds = MC_KIND_NOTIFICATION};
        mci_sync_emit(c, &ev);
    }
    return st;
}
