/* domain/notify_views.c - the simulated providers' views for test mode: every delivery of every
 * notification, and the SMS gateway's texts. */
#include "domain/notify_views.h"

#include <stdbool.h>

#include "db/db.h"

/* The current row as an object keyed by column name: integers as numbers, text as strings, NULL
 * as null. NULL when memory runs out. */
static cJSON *row_json(sqlite3_stmt *stmt)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < sqlite3_column_count(stmt); i++) {
        cJSON *item;
        switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL:
            item = cJSON_CreateNull();
            break;
        case SQLITE_INTEGER:
            item = cJSON_CreateNumber((double)sqlite3_column_int64(stmt, i));
            break;
        default:
            item = cJSON_CreateString((const char *)sqlite3_column_text(stmt, i));
            break;
        }
        if (!item || !cJSON_AddItemToObject(o, sqlite3_column_name(stmt, i), item)) {
            cJSON_Delete(item);
            cJSON_Delete(o);
            o = NULL;
        }
    }
    return o;
}

/* Every row of stmt (finalized here) as an array; NULL on error. */
static cJSON *rows_json(sqlite3_stmt *stmt)
{
    cJSON *list = stmt ? cJSON_CreateArray() : NULL;
    int rc = list ? 0 : -1;
    while (rc == 0 && (rc = ms_db_step(stmt)) == 1) {
        cJSON *o = row_json(stmt);
        rc = o && cJSON_AddItemToArray(list, o) ? 0 : -1;
        if (rc < 0)
            cJSON_Delete(o);
    }
    sqlite3_finalize(stmt);
    if (rc < 0) {
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}

cJSON *ms_deliveries_json(sqlite3 *db, const char *user_id, const char *kind, const char *channel)
{
    return rows_json(ms_db_query(db,
                                 "SELECT d.notification_id, n.kind, n.category, d.channel,"
                                 " d.to_addr AS \"to\", d.status, n.title, n.body, n.deep_link,"
                                 " d.created_at_ms, d.sent_at_ms"
                                 " FROM notification_deliveries d JOIN notifications n"
                                 " ON n.id = d.notification_id"
                                 " WHERE (?1 IS NULL OR d.user_id = ?1)"
                                 " AND (?2 IS NULL OR n.kind = ?2)"
                                 " AND (?3 IS NULL OR d.channel = ?3) ORDER BY d.id",
                                 "ttt", user_id, kind, channel));
}

cJSON *ms_sms_json(sqlite3 *db, const char *phone)
{
    return rows_json(ms_db_query(db,
                                 "SELECT phone, body, sent_at_ms FROM sms_outbox"
                                 " WHERE phone = ? ORDER BY id",
                                 "t", phone));
}
