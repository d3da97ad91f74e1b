/* domain/payments.c - Razorpay orders: create, load and describe one (settling: settlement.c). */
#include "domain/payments.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"

int ms_order_load(sqlite3 *db, const char *order_id, ms_order *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, user_id, reservation_id, invoice_id,"
                                     " amount_paise, status FROM razorpay_orders WHERE id = ?",
                                     "t", order_id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        char status[16];
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->user_id, sizeof out->user_id);
        ms_db_text(stmt, 2, out->reservation_id, sizeof out->reservation_id);
        ms_db_text(stmt, 3, out->invoice_id, sizeof out->invoice_id);
        out->amount_paise = sqlite3_column_int64(stmt, 4);
        ms_db_text(stmt, 5, status, sizeof status);
        out->paid = strcmp(status, "paid") == 0;
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int ms_order_create(ms_app *app, const char *user_id, const char *reservation_id,
                    const char *invoice_id, int64_t amount_paise, int64_t now_ms,
                    char order_id[MS_RZP_ID_MAX])
{
    if (ms_razorpay_id(app->rng, "order_", order_id) != 0)
        return -1;
    /* In the currency of what it pays for: the reservation's building, the invoice's. */
    return ms_db_run(app->db,
                     "INSERT INTO razorpay_orders (id, reservation_id, invoice_id, user_id,"
                     " amount_paise, currency, status, created_at_ms)"
                     " VALUES (?1, nullif(?2, ''), nullif(?3, ''), ?4, ?5, coalesce("
                     " (SELECT b.currency FROM reservations r JOIN buildings b"
                     "  ON b.id = r.building_id WHERE r.id = ?2),"
                     " (SELECT currency FROM invoice_money WHERE invoice_id = ?3), 'INR'),"
                     " 'created', ?6)",
                     "ttttii", order_id, reservation_id ? reservation_id : "",
                     invoice_id ? invoice_id : "", user_id, amount_paise, now_ms);
}

cJSON *ms_order_json(ms_app *app, const char *order_id)
{
    sqlite3_stmt *stmt = ms_db_query(app->db,
                                     "SELECT o.id, o.amount_paise, o.currency,"
                                     " coalesce(r.hold_expires_at_ms, i.hold_expires_at_ms)"
                                     " FROM razorpay_orders o"
                                     " LEFT JOIN reservations r ON r.id = o.reservation_id"
                                     " LEFT JOIN invoices i ON i.id = o.invoice_id"
                                     " WHERE o.id = ?",
                                     "t", order_id);
    if (!stmt)
        return NULL;
    cJSON *o = NULL;
    if (ms_db_step(stmt) == 1) {
        o = cJSON_CreateObject();
        bool ok =
            o && cJSON_AddStringToObject(o, "id", (const char *)sqlite3_column_text(stmt, 0)) &&
            cJSON_AddNumberToObject(o, "amount_paise", (double)sqlite3_column_int64(stmt, 1)) &&
            cJSON_AddStringToObject(o, "currency", (const char *)sqlite3_column_text(stmt, 2)) &&
            cJSON_AddStringToObject(o, "key_id", app->razorpay_key_id) &&
            (sqlite3_column_type(stmt, 3) == SQLITE_NULL
                 ? cJSON_AddNullToObject(o, "hold_expires_at_ms") != NULL
                 : cJSON_AddNumberToObject(o, "hold_expires_at_ms",
                                           (double)sqlite3_column_int64(stmt, 3)) != NULL);
        if (!ok) {
            cJSON_Delete(o);
            o = NULL;
        }
    }
    sqlite3_finalize(stmt);
    return o;
}
