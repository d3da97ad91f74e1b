/* domain/changes.c - the change log: appended with every write to a synced entity; epoch;
 * compaction. */
#include "domain/changes.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "base/log.h"

/* The scope of a change to (kind, owner/id): who may see it. 0 / -1. */
static int scope_of(sqlite3 *db, ms_kind kind, const char *owner, const char *id, char *out,
                    size_t cap)
{
    switch (ms_kind_visibility(kind)) {
    case MS_VISIBLE_TO_ALL:
        /* A dedicated desk is its member's alone (owner: that member). */
        if (kind == MS_KIND_DESK && owner && owner[0])
            snprintf(out, cap, "u:%s", owner);
        else
            snprintf(out, cap, "*");
        return 0;
    case MS_VISIBLE_TO_COMPANY:
        /* A company is its own scope; a ledger line is in its company's (owner). */
        snprintf(out, cap, "c:%s", kind == MS_KIND_COMPANY ? id : owner);
        return 0;
    case MS_VISIBLE_TO_USER:
        snprintf(out, cap, "u:%s",
                 kind == MS_KIND_PROFILE || kind == MS_KIND_MEMBERSHIP ? id : owner);
        return 0;
    case MS_VISIBLE_TO_BILLED:
        break;
    }
    /* An invoice billed to a company is its members'; one billed to a user, that user's. */
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT CASE WHEN company_id IS NOT NULL"
                                     " THEN 'c:' || company_id ELSE 'u:' || user_id END"
                                     " FROM invoices WHERE id = ?",
                                     "t", id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    else if (rc == 0)
        ms_log("change log: no invoice '%s' to scope", id);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

int ms_change_upsert(sqlite3 *db, ms_kind kind, const char *owner, const char *id)
{
    cJSON *data = NULL;
    int rc = ms_entity_data(db, kind, owner, id, &data);
    if (rc != 0) {
        if (rc == 1)
            ms_log("change log: no %s '%s' to log", ms_kind_name(kind), id);
        return -1;
    }
    char *text = cJSON_PrintUnformatted(data);
    cJSON_Delete(data);
    if (!text)
        return -1;
    char scope[2 * MS_ID_MAX];
    if (scope_of(db, kind, owner, id, scope, sizeof scope) != 0) {
        free(text);
        return -1;
    }
    rc = ms_db_run(db,
                   "INSERT INTO changes (scope, kind, entity_id, op, data)"
                   " VALUES (?, ?, ?, 'upsert', ?)",
                   "tttt", scope, ms_kind_name(kind), id, text);
    free(text);
    return rc;
}

int ms_change_delete(sqlite3 *db, ms_kind kind, const char *owner, const char *id)
{
    char scope[2 * MS_ID_MAX];
    if (scope_of(db, kind, owner, id, scope, sizeof scope) != 0)
        return -1;
    return ms_db_run(db,
                     "INSERT INTO changes (scope, kind, entity_id, op, data)"
                     " VALUES (?, ?, ?, 'delete', NULL)",
                     "ttt", scope, ms_kind_name(kind), id);
}

int ms_changes_head(sqlite3 *db, int64_t *out)
{
    /* AUTOINCREMENT keeps the highest sequence ever given here, even after compaction. */
    sqlite3_stmt *stmt = ms_db_query(
        db, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'changes'", "");
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

int ms_changes_state(sqlite3 *db, char epoch[MS_EPOCH_MAX], int64_t *min_seq)
{
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT epoch, min_seq FROM sync_state WHERE id = 1", "");
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, epoch, MS_EPOCH_MAX);
        *min_seq = sqlite3_column_int64(stmt, 1);
    } else if (rc == 0) {
        ms_log("database: sync_state is missing");
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

int ms_changes_compact(sqlite3 *db, int64_t *deleted)
{
    int64_t head;
    if (ms_changes_head(db, &head) != 0 || ms_db_run(db, "DELETE FROM changes", "") != 0)
        return -1;
    *deleted = sqlite3_changes(db);
    /*
     * Every cursor issued so far names a position <= head: refuse them all.
     * The head moves to head + 1 so that cursors issued from now on name a
     * position the server still serves (nothing is lost between them).
     */
    if (ms_db_run(db,
                  "INSERT INTO sqlite_sequence (name, seq) SELECT 'changes', 0"
                  " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'changes')",
                  "") != 0 ||
        ms_db_run(db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'changes'", "i", head + 1) !=
            0 ||
        ms_db_run(db, "UPDATE sync_state SET min_seq = ? WHERE id = 1", "i", head + 1) != 0)
        return -1;
    return 0;
}

int ms_changes_new_epoch(sqlite3 *db, ms_rng *rng, char epoch[MS_EPOCH_MAX])
{
    if (ms_rng_id(rng, "ep_", epoch, MS_EPOCH_MAX) != 0)
        return -1;
    return ms_db_run(db, "UPDATE sync_state SET epoch = ? WHERE id = 1", "t", epoch);
}
