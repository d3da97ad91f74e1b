/* domain/settlement.c - settling a paid Razorpay order: its booking or invoice is paid. */
#include "domain/settlement.h"

#include <string.h>

#include "db/db.h"
#include "domain/bookings.h"
#include "domain/invoices.h"
#include "domain/room_invoices.h"

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
        return ms_booking_paid(app, order->reservation_id) == 0 &&
                       ms_room_invoice_paid(app, order->reservation_id, NULL, now) == 0
                   ? 0
                   : -1;
    /* An invoice already paid through another order stays paid once; this money goes back. */
    if (strcmp(status, "paid") == 0) {
        char refund[MS_ID_MAX];
        *out = MS_SETTLED_REFUND;
        return ms_invoice_refund(app, order, now, refund);
    }
    return ms_invoice_paid(app, order->invoice_id, order->user_id, now);
}
