/* community/announcements.c - the operator's announcements from the local store (live by the
 * client's clock, pinned first, then newest), and marking one read through the outbox. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "community/announcements.h"
#include "community/reads.h"
#include "handle/handle.h"
#include "membercore/announcements.h"
#include "read/items.h"
#include "read/list.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/strutil.h"

/* The list's one numeric sort key: pinned ones above every unpinned one, each newest first
 * (published_at_ms is far below 2^52). */
#define ORDER_KEY "(a.pinned * 4503599627370496 + a.published_at_ms)"

/* A read of announcement_row `a` the member queued (not refused). */
#define PENDING_READ                                                                               \
    "EXISTS (SELECT 1 FROM outbox o WHERE o.kind = '" MCI_MUTATION_ANNOUNCEMENT_READ "' AND "      \
    "o.entity_id = a.id AND o.user_id = ?4 AND o.state IN (0, 1, 3))"

/* Live at ?5 (the client's now): no expiry, or one still ahead. */
#define LIVE "(a.expires_at_ms = 0 OR a.expires_at_ms > ?5)"

/* A page: ?1 ?2 the cursor (ORDER_KEY, id), ?3 the fetch limit, ?4 the member, ?5 now. */
static const mci_list_query announcements_query = {
    "SELECT " ORDER_KEY ", a.id, a.building_id, a.title, a.body, a.pinned, a.published_at_ms, "
    "a.expires_at_ms, a.read, " PENDING_READ " FROM announcement_row a WHERE " LIVE
    " AND " ORDER_KEY " <= ?1 AND (" ORDER_KEY " < ?1 OR a.id > ?2) "
    "ORDER BY a.pinned DESC, a.published_at_ms DESC, a.id LIMIT ?3",
    "reading announcements", MCI_KEY_INT_DESC};

/* The unread live ones, all of them: ?4 the member, ?5 now. */
static const char unread_sql[] = "SELECT count(*) FROM announcement_row a WHERE a.read = 0 AND "
                                 "" LIVE " AND NOT " PENDING_READ;

/* One announcement's read state: ?1 the id, ?4 the member. */
static const char one_sql[] =
    "SELECT a.read OR " PENDING_READ " FROM announcement_row a WHERE a.id = ?1";

typedef struct list_args {
    const char *user_id;
    int64_t now_ms;
} list_args;

static void bind_member_now(sqlite3_stmt *stmt, void *context)
{
    const list_args *a = context;
    sqlite3_bind_text(stmt, 4, a->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, a->now_ms);
}

static bool read_announcement(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    mc_announcement *a = item;
    a->id = mci_strdup(mci_column_text(row, 1));
    a->building_id = mci_strdup(mci_column_text(row, 2));
    a->title = mci_strdup(mci_column_text(row, 3));
    a->body = mci_strdup(mci_column_text(row, 4));
    a->pinned = sqlite3_column_int(row, 5) != 0;
    a->published_at_ms = sqlite3_column_int64(row, 6);
    a->expires_at_ms = sqlite3_column_int64(row, 7);
    bool server_read = sqlite3_column_int(row, 8) != 0;
    bool pending_read = sqlite3_column_int(row, 9) != 0;
    a->read = server_read || pending_read;
    a->pending = pending_read && !server_read;
    return a->id && a->building_id && a->title && a->body;
}

/* Its instants on its building's wall clock (the member's for an operator-wide one). */
static mc_status localize_announcement(mci_zone_book *book, void *item, mc_error *err)
{
    mc_announcement *a = item;
    mc_status st =
        mci_zone_book_local(book, a->building_id, a->published_at_ms, &a->published_at, err);
    return st == MC_OK
               ? mci_zone_book_local(book, a->building_id, a->expires_at_ms, &a->expires_at, err)
               : st;
}

void mci_announcement_clear(mc_announcement *a)
{
    free(a->id);
    free(a->building_id);
    free(a->title);
    free(a->body);
}

void mc_announcement_list_free(mc_announcement_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        mci_announcement_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

static mc_status count_unread(mci_reader *r, const list_args *args, size_t *out, mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(r, unread_sql, "counting unread announcements", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    bind_member_now(stmt, (void *)args);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(stmt, 0);
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW ? MC_OK : mci_read_fail(r, "counting unread announcements", err);
}

mc_status mci_announcements_read(mci_reader *r, int64_t now_ms, const mci_page *page,
                                 mc_announcement_list *list, mc_error *err)
{
    list_args args = {r->user_id, now_ms};
    mc_status st = mci_read_rows(r, &announcements_query, page, bind_member_now, read_announcement,
                                 &args, (void **)&list->items, sizeof *list->items, &list->count,
                                 &list->next_cursor, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                localize_announcement, err);
    if (st == MC_OK)
        st = count_unread(r, &args, &list->unread_count, err);
    return st;
}

static mc_status list_announcements(mc_client *c, const void *unused, const mci_page *page,
                                    void **out, mc_error *err)
{
    (void)unused;
    mc_announcement_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_announcements_read(r, mci_client_now(c), page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_announcement_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_announcements_page(mc_client *c, const mc_page *page, mc_announcement_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_announcements, NULL, (void **)out, err);
}

mc_status mc_announcements_list(mc_client *c, mc_announcement_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_announcements, NULL, (void **)out, err);
}

/* Check the announcement and queue its read (an mci_write_fn). */
static mc_status queue_read(mc_client *c, const char *user_id, void *arg, bool *queued,
                            mc_error *err)
{
    const char *id = arg;
    sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, one_sql);
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "reading the announcement");
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, user_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    bool already_read = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) != 0;
    sqlite3_reset(stmt);
    if (rc == SQLITE_DONE)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no announcement '%s' (sync to see new ones)",
                             id);
    if (rc != SQLITE_ROW)
        return mci_store_fail(c->db, err, "reading the announcement");
    if (already_read)
        return MC_OK;
    mc_status st = MC_OK;
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || !cJSON_AddStringToObject(payload, "announcement_id", id))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_ANNOUNCEMENT_READ, id, payload, NULL, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_announcement_mark_read(mc_client *c, const char *announcement_id, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (announcement_id == NULL || announcement_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "announcement_id is required");
    return mci_sync_write(c, queue_read, (void *)announcement_id, MC_KIND_ANNOUNCEMENT, err);
}

typedef struct prune_args {
    int64_t now_ms;
    int64_t pruned;
} prune_args;

/* Delete the expired ones (an mci_write_fn that queues nothing). */
static mc_status prune(mc_client *c, const char *user_id, void *arg, bool *queued, mc_error *err)
{
    (void)user_id;
    (void)queued;
    prune_args *a = arg;
    static const char *const sql[] = {
        "DELETE FROM announcement_row WHERE expires_at_ms > 0 AND expires_at_ms <= ?1",
        "DELETE FROM entity WHERE kind = 'announcement' AND "
        "coalesce(json_extract(data, '$.expires_at_ms'), 0) > 0 AND "
        "json_extract(data, '$.expires_at_ms') <= ?1"};
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, sql[i]);
        if (stmt == NULL)
            return mci_store_fail(c->db, err, "pruning expired announcements");
        sqlite3_bind_int64(stmt, 1, a->now_ms);
        int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE)
            return mci_store_fail(c->db, err, "pruning expired announcements");
        if (i == 1)
            a->pruned = sqlite3_changes(c->db);
    }
    return MC_OK;
}

mc_status mci_announcements_prune(mc_client *c, int64_t *pruned, mc_error *err)
{
    prune_args args = {mci_client_now(c), 0};
    mc_status st = mci_sync_write(c, prune, &args, 0, err);
    if (pruned != NULL)
        *pruned = st == MC_OK ? args.pruned : 0;
    return st;
}
