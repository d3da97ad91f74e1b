/* community/notifications.c - the notifications inbox from the local store; mark-read through the
 * outbox. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "catalog/zones.h"
#include "community/inbox_pending.h"
#include "community/links.h"
#include "community/reads.h"
#include "handle/handle.h"
#include "read/items.h"
#include "read/list.h"
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

/* One notification: whether the server has it read, and whether a read of it is queued (its
 * own or a mark of all). ?1 the id, ?4 to ?12 as community/inbox_pending.h. */
static const char one_read_sql[] =
    "SELECT n.read, (" MCI_PENDING_READ " OR " MCI_COVERED ") FROM notification_row n "
    "WHERE n.id = ?1";

/* A page of the inbox, newest first, from the typed table: ?1 ?2 the cursor
 * (created_at_ms, id), ?3 the fetch limit, ?4 to ?12 the member and the queued marks of all
 * (community/inbox_pending.h). Whether a read is pending (not refused) comes from the
 * outbox's index and the bound marks, for the page's rows only. */
#define PAGE_SELECT                                                                                \
    "SELECT n.created_at_ms, n.id, n.category, n.title, n.body, n.deep_link, n.read, "             \
    "(" MCI_PENDING_READ " OR " MCI_COVERED "), n.building_id, n.kind, n.urgent "                  \
    "FROM notification_row n WHERE n.created_at_ms <= ?1 AND (n.created_at_ms < ?1 OR n.id > ?2) "
static const mci_list_query inbox_query = {PAGE_SELECT
                                           "ORDER BY n.created_at_ms DESC, n.id LIMIT ?3",
                                           "reading notifications", MCI_KEY_INT_DESC};
/* Unread ones: none at or before a mark of all (?11), the range the partial index reads. */
static const mci_list_query unread_query = {
    PAGE_SELECT "AND n.read = 0 AND n.created_at_ms > ?11 AND NOT " MCI_PENDING_READ
                " AND NOT " MCI_COVERED " ORDER BY n.created_at_ms DESC, n.id LIMIT ?3",
    "reading notifications", MCI_KEY_INT_DESC};
/* Unread counts per category: those a queued mark covers count the unread rows above the
 * oldest mark that are neither covered nor marked one by one (the newest few, on the partial
 * index of unread rows); the others the partial index's count minus those marked one by
 * one. No statement reads a table row per unread notification (the planner, left alone,
 * would rather walk the category index for the GROUP BY: hence INDEXED BY). */
static const char unread_sql[] =
    "SELECT category, count(*) FROM notification_row WHERE read = 0 GROUP BY category";
static const char pending_read_sql[] =
    "SELECT n.category, count(DISTINCT n.id) FROM outbox o JOIN notification_row n ON "
    "n.id = o.entity_id WHERE o.kind = 'notification.read' AND o.user_id = ?4 AND "
    "o.state IN (0, 1, 3) AND n.read = 0 GROUP BY n.category";
static const char above_marks_sql[] =
    "SELECT n.category, count(*) FROM notification_row n INDEXED BY notification_row_unread "
    "WHERE n.read = 0 AND n.created_at_ms > ?12 AND NOT " MCI_PENDING_READ " AND NOT " MCI_COVERED
    " GROUP BY n.category";

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
        free(n->link_id);
        free(n->link_text);
        free(n->kind);
    }
    free(list->items);
    free(list->next_cursor);
    free(list);
}

/* The counts a statement gives per category into counts. */
static mc_status count_by_category(mci_reader *r, const char *sql, const mci_read_covers *covers,
                                   int32_t counts[MC_NOTIFY_CATEGORY_COUNT], mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(r, sql, "counting unread notifications", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    mci_read_covers_bind(stmt, r->user_id, covers);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        counts[category_from_name(mci_column_text(stmt, 0))] += sqlite3_column_int(stmt, 1);
    return rc == SQLITE_DONE ? MC_OK : mci_read_fail(r, "counting unread notifications", err);
}

/* The unread counts as the member sees them (community/inbox_pending.h) into list. */
static mc_status count_unread(mci_reader *r, const mci_read_covers *covers, int32_t *total,
                              int32_t by_category[MC_NOTIFY_CATEGORY_COUNT], mc_error *err)
{
    int32_t unread[MC_NOTIFY_CATEGORY_COUNT] = {0}, marked[MC_NOTIFY_CATEGORY_COUNT] = {0},
            above[MC_NOTIFY_CATEGORY_COUNT] = {0};
    mc_status st = count_by_category(r, unread_sql, covers, unread, err);
    if (st == MC_OK)
        st = count_by_category(r, pending_read_sql, covers, marked, err);
    if (st == MC_OK && covers->oldest != MCI_COVER_NONE)
        st = count_by_category(r, above_marks_sql, covers, above, err);
    for (int c = 0; st == MC_OK && c < MC_NOTIFY_CATEGORY_COUNT; c++) {
        int32_t n = covers->upto[c] != MCI_COVER_NONE ? above[c] : unread[c] - marked[c];
        by_category[c] = n;
        *total += n;
    }
    return st;
}

mc_status mci_notifications_unread(mci_reader *r, int32_t *total,
                                   int32_t by_category[MC_NOTIFY_CATEGORY_COUNT], mc_error *err)
{
    mci_read_covers covers;
    mc_status st = mci_read_covers_load(r->db, r->stmts, r->user_id, &covers, err);
    return st == MC_OK ? count_unread(r, &covers, total, by_category, err) : st;
}

/* The page's member, queued marks of all and zone book, for binding and for each row. */
typedef struct inbox_args {
    const char *user_id;
    mci_read_covers covers;
    mci_zone_book *book;
} inbox_args;

/* A row of the inbox, with when it arrived in its building's local time (the member's when
 * it names none). */
static bool read_notification(sqlite3_stmt *row, void *item, void *context)
{
    const inbox_args *a = context;
    mc_notification *n = item;
    bool server_read = sqlite3_column_int(row, 6) != 0;
    bool pending_read = sqlite3_column_int(row, 7) != 0;
    n->created_at_ms = sqlite3_column_int64(row, 0);
    n->id = mci_strdup(mci_column_text(row, 1));
    n->category = category_from_name(mci_column_text(row, 2));
    n->title = mci_strdup(mci_column_text(row, 3));
    n->body = mci_strdup(mci_column_text(row, 4));
    n->deep_link = mci_strdup(mci_column_text(row, 5));
    n->read = server_read || pending_read;
    n->pending = pending_read && !server_read;
    n->kind = mci_strdup(mci_column_text(row, 9));
    n->urgent = sqlite3_column_int(row, 10) != 0;
    return n->id && n->title && n->body && n->deep_link && n->kind &&
           mci_zone_book_local(a->book, mci_column_text(row, 8), n->created_at_ms, &n->created_at,
                               NULL) == MC_OK;
}

static void bind_member(sqlite3_stmt *stmt, void *context)
{
    const inbox_args *a = context;
    mci_read_covers_bind(stmt, a->user_id, &a->covers);
}

/* args: the bool unread_only. */
static mc_status list_notifications(mc_client *c, const void *args, const mci_page *page,
                                    void **out, mc_error *err)
{
    bool unread_only = *(const bool *)args;
    mc_notification_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    inbox_args page_args = {r != NULL ? r->user_id : NULL, {{0}, 0, 0}, NULL};
    if (st == MC_OK)
        st = mci_read_covers_load(r->db, r->stmts, r->user_id, &page_args.covers, err);
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &page_args.book, err);
    if (st == MC_OK)
        st = mci_read_rows(r, unread_only ? &unread_query : &inbox_query, page, bind_member,
                           read_notification, &page_args, (void **)&list->items,
                           sizeof *list->items, &list->count, &list->next_cursor, err);
    if (st == MC_OK)
        st = mci_links_fill(r, page_args.book, list, err);
    mci_zone_book_free(page_args.book);
    if (st == MC_OK)
        st = count_unread(r, &page_args.covers, &list->unread_total, list->unread_by_category, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_notification_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_notifications_page(mc_client *c, bool unread_only, const mc_page *page,
                                mc_notification_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_notifications, &unread_only, (void **)out, err);
}

mc_status mc_notifications_list(mc_client *c, bool unread_only, mc_notification_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_notifications, &unread_only, (void **)out, err);
}

/* Check the notification and queue the mark-read (an mci_write_fn). */
static mc_status queue_read(mc_client *c, const char *user_id, void *arg, bool *queued,
                            mc_error *err)
{
    const char *id = arg;
    mci_read_covers covers;
    mc_status st = mci_read_covers_load(c->db, c->stmts, user_id, &covers, err);
    if (st != MC_OK)
        return st;
    sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, one_read_sql);
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "reading the notification");
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    mci_read_covers_bind(stmt, user_id, &covers);
    int rc = sqlite3_step(stmt);
    bool already_read =
        rc == SQLITE_ROW && (sqlite3_column_int(stmt, 0) != 0 || sqlite3_column_int(stmt, 1) != 0);
    sqlite3_reset(stmt);
    if (rc == SQLITE_DONE)
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no notification '%s'", id);
    if (rc != SQLITE_ROW)
        return mci_store_fail(c->db, err, "reading the notification");
    if (already_read)
        return MC_OK;
    cJSON *payload = cJSON_CreateObject();
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
