/* domain/payments.c - Razorpay orders: create, describe, and settle one paid (confirmation or
 * webhook). */
#include "domain/payments.h"

#include <stdio.h>
#include <string.h>

#include "domain/bookings.h"
#include "db/db.h"
#include "domain/invoices.h"

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
    return ms_db_run(app->db,
                     "INSERT INTO razorpay_orders (id, reservation_id, invoice_id, user_id,"
                     " amount_paise, status, created_at_ms)"
                     " VALUES (?, nullif(?, ''), nullif(?, ''), ?, ?, 'created', ?)",
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

/* The status of what the order pays for (its reservation's or invoice's) into out. 0 / -1. */
static int target_status(sqlite3 *db, const ms_order *order, char *out, size_t cap)
{
    sqlite3_stmt *stmt =
        order->reservation_id[0]
            ? ms_db_query(db, "SELECT status FROM reservations WHERE id = ?", "t",
                          order->reservation_id)
            : ms_db_query(db, "SELECT status FROM invoices WHERE id = ?", "t", order->invoice_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, out, cap);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

int ms_order_settle(ms_app *app, const ms_order *order, const char *payment_id, const char *via,
                    ms_settlement *out)
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    if (order->paid) {
        *out = MS_SETTLED_BEFORE;
        return 0;
    }
    char status[32];
    if (target_status(db, order, status, sizeof status) != 0)
        return -1;
    /* A cancelled (or lapsed) booking, a voided checkout: too late, nothing is confirmed. */
    if (strcmp(status, "cancelled") == 0 || strcmp(status, "void") == 0) {
        *out = MS_SETTLED_LAPSED;
        return 0;
    }
    if (ms_db_run(db,
                  "UPDATE razorpay_orders SET status = 'paid', payment_id = nullif(?, ''),"
                  " paid_via = ?, paid_at_ms = ? WHERE id = ? AND status = 'created'",
                  "ttit", payment_id ? payment_id : "", via, now, order->id) != 0)
        return -1;
    *out = MS_SETTLED_NOW;
    if (order->reservation_id[0])
        return ms_booking_paid(app, order->reservation_id);
    /* An invoice already paid through another order stays paid once (the money is recorded). */
    if (strcmp(status, "paid") == 0)
        return 0;
    return ms_invoice_paid(app, order->invoice_id, order->user_id, now);
}
