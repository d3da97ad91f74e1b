/* community/notifications.c - the notifications inbox from the local store; mark-read through the
 * outbox. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "handle/handle.h"
#include "membercore/community.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/strutil.h"

static const char *const category_names[MC_NOTIFY_CATEGORY_COUNT] = {
    "other", "billing", "support", "bookings", "events", "announcements"};

const char *mc_notification_category_name(mc_notification_category category)
{
    if ((unsigned)category < MC_NOTIFY_CATEGORY_COUNT)
        return category_names[category];
    return "other";
}

static mc_notification_category category_from_name(const char *name)
{
    for (int i = 1; i < MC_NOTIFY_CATEGORY_COUNT; i++)
        if (strcmp(category_names[i], name) == 0)
            return (mc_notification_category)i;
    return MC_NOTIFY_OTHER;
}

/* Server truth plus whether a mark-read is pending (not rejected). */
#define NOTIFICATION_SELECT                                                                        \
    "SELECT n.id, json_extract(n.data, '$.category'), json_extract(n.data, '$.title'), "           \
    "json_extract(n.data, '$.body'), json_extract(n.data, '$.deep_link'), "                        \
    "json_extract(n.data, '$.created_at_ms'), json_extract(n.data, '$.read'), "                    \
    "EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'notification.read' AND "                       \
    "o.entity_id = n.id AND o.user_id = ?1 AND o.state IN (0, 1, 3)) "                             \
    "FROM entity n WHERE n.kind = 'notification' "

void mc_notification_list_free(mc_notification_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        mc_notification *n = &list->items[i];
        free(n->id);
        free(n->title);
        free(n->body);
        free(n->deep_link);
    }
    free(list->items);
    free(list);
}

static mc_status read_rows(sqlite3_stmt *stmt, bool unread_only, mc_notification_list *list,
                           mc_error *err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        bool server_read = sqlite3_column_int(stmt, 6) != 0;
        bool pending_read = sqlite3_column_int(stmt, 7) != 0;
        bool read = server_read || pending_read;
        mc_notification_category category = category_from_name(mci_column_text(stmt, 1));
        if (!read) {
            list->unread_total++;
            list->unread_by_category[category]++;
        } else if (unread_only) {
            continue;
        }
        if (list->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            mc_notification *grown = realloc(list->items, ncap * sizeof *grown);
            if (grown == NULL)
                return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading notifications");
            list->items = grown;
            cap = ncap;
        }
        mc_notification *n = &list->items[list->count++];
        n->id = mci_strdup(mci_column_text(stmt, 0));
        n->category = category;
        n->title = mci_strdup(mci_column_text(stmt, 2));
        n->body = mci_strdup(mci_column_text(stmt, 3));
        n->deep_link = mci_strdup(mci_column_text(stmt, 4));
        n->created_at_ms = sqlite3_column_int64(stmt, 5);
        n->read = read;
        n->pending = pending_read && !server_read;
        if (!n->id || !n->title || !n->body || !n->deep_link)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading notifications");
    }
    return rc == SQLITE_DONE ? MC_OK : MC_ERR_STORAGE;
}

mc_status mc_notifications_list(mc_client *c, bool unread_only, mc_notification_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_notification_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    char *user_id = NULL;
    sqlite3_stmt *stmt = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_account_user_id(c->db, &user_id, err);
    if (st == MC_OK &&
        sqlite3_prepare_v2(c->db,
                           NOTIFICATION_SELECT
                           "ORDER BY json_extract(n.data, '$.created_at_ms') DESC, n.id",
                           -1, &stmt, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "reading notifications");
    if (st == MC_OK) {
        sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
        st = read_rows(stmt, unread_only, list, err);
        if (st == MC_ERR_STORAGE)
            mci_store_fail(c->db, err, "reading notifications");
    }
    sqlite3_finalize(stmt);
    pthread_mutex_unlock(&c->lock);
    free(user_id);
    if (st != MC_OK) {
        mc_notification_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

/* Check the notification and queue the mark-read (an mci_write_fn). */
static mc_status queue_read(mc_client *c, const char *user_id, void *arg, bool *queued,
                            mc_error *err)
{
    const char *id = arg;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db, NOTIFICATION_SELECT "AND n.id = ?2", -1, &stmt, NULL) !=
        SQLITE_OK)
        return mci_store_fail(c->db, err, "reading the notification");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    bool already_read =
        rc == SQLITE_ROW && (sqlite3_column_int(stmt, 6) != 0 || sqlite3_column_int(stmt, 7) != 0);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no notification '%s'", id);
    if (rc != SQLITE_ROW)
        return mci_store_fail(c->db, err, "reading the notification");
    if (already_read)
        return MC_OK;
    cJSON *payload = cJSON_CreateObject();
    mc_status st = MC_OK;
    if (payload == NULL || !cJSON_AddStringToObject(payload, "notification_id", id))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_NOTIFICATION_READ, id, payload, NULL, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_notification_mark_read(mc_client *c, const char *notification_id, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (notification_id == NULL || notification_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "notification_id is required");
    return mci_sync_write(c, queue_read, (void *)notification_id, MC_KIND_NOTIFICATION, err);
}
