/* community/inbox_pending.c - the queued marks of all read, loaded for a read and bound into
 * its statements (community/inbox_pending.h). */
#include "community/inbox_pending.h"

#include <string.h>

#include "store/store.h"
#include "sync/kinds.h"
#include "util/error.h"

/* Per mark of all (entity_id "": every category; else the category's name), the newest. */
static const char covers_sql[] =
    "SELECT entity_id, max(json_extract(payload, '$.up_to_ms')) FROM outbox WHERE kind = "
    "'" MCI_MUTATION_NOTIFICATION_READ_ALL "' AND user_id = ?1 AND state IN (0, 1, 3) "
    "GROUP BY entity_id";

mc_status mci_read_covers_load(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                               mci_read_covers *out, mc_error *err)
{
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT; c++)
        out->upto[c] = MCI_COVER_NONE;
    out->all = out->max = MCI_COVER_NONE;
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, covers_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading queued marks of all read");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (sqlite3_column_type(stmt, 1) != SQLITE_INTEGER)
            continue;
        const char *scope = mci_column_text(stmt, 0);
        int64_t upto = sqlite3_column_int64(stmt, 1);
        if (scope[0] == '\0' && upto > out->all)
            out->all = upto;
        for (int c = 1; c < MC_NOTIFY_CATEGORY_COUNT; c++)
            if (strcmp(scope, mc_notification_category_name((mc_notification_category)c)) == 0 &&
                upto > out->upto[c])
                out->upto[c] = upto;
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return mci_store_fail(db, err, "reading queued marks of all read");
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT; c++) {
        if (out->all > out->upto[c])
            out->upto[c] = out->all;
        if (out->upto[c] > out->max)
            out->max = out->upto[c];
    }
    return MC_OK;
}

void mci_read_covers_bind(sqlite3_stmt *stmt, const char *user_id, const mci_read_covers *covers)
{
    int count = sqlite3_bind_parameter_count(stmt);
    if (count >= 4)
        sqlite3_bind_text(stmt, 4, user_id, -1, SQLITE_STATIC);
    for (int c = 0; c < MC_NOTIFY_CATEGORY_COUNT && 5 + c <= count; c++)
        sqlite3_bind_int64(stmt, 5 + c, covers->upto[c]);
    if (count >= 11)
        sqlite3_bind_int64(stmt, 11, covers->all);
    if (count >= 12)
        sqlite3_bind_int64(stmt, 12, covers->max);
}
