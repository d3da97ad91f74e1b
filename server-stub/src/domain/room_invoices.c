/* domain/room_invoices.c - the invoice of a meeting room paid with Razorpay: lines, tax, paid. */
#include "domain/room_invoices.h"

#include <stdio.h>

#include "db/db.h"
#include "base/log.h"
#include "domain/bookings.h"
#include "domain/invoices.h"
#include "domain/money.h"

ms_pass_price ms_room_price_of(int64_t hours, int64_t price_per_hour, int64_t tax_rate_bp)
{
    return ms_pass_price_of(hours, price_per_hour, NULL, 0, tax_rate_bp);
}

int ms_room_price(sqlite3 *db, const char *building_id, int64_t hours, int64_t price_per_hour,
                  ms_pass_price *out)
{
    ms_money_rule rule;
    if (ms_building_money(db, building_id, &rule) != 0)
        return -1;
    *out = ms_room_price_of(hours, price_per_hour, rule.tax_rate_bp);
    return 0;
}

int ms_room_invoice_paid(ms_app *app, const char *reservation_id, const char *invoice_id_or_null,
                         int64_t now_ms)
{
    sqlite3 *db = app->db;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT r.user_id, r.room_id, r.start_ms, r.end_ms,"
                                     " r.order_id, o.amount_paise FROM reservations r"
                                     " JOIN razorpay_orders o ON o.id = r.order_id"
                                     " WHERE r.id = ?",
                                     "t", reservation_id);
    char user[MS_ID_MAX] = "", room_id[MS_ID_MAX] = "", order[MS_RZP_ID_MAX] = "";
    int64_t start = 0, end = 0, paid = 0;
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, user, sizeof user);
        ms_db_text(stmt, 1, room_id, sizeof room_id);
        start = sqlite3_column_int64(stmt, 2);
        end = sqlite3_column_int64(stmt, 3);
        ms_db_text(stmt, 4, order, sizeof order);
        paid = sqlite3_column_int64(stmt, 5);
    }
    sqlite3_finalize(stmt);
    ms_room_ctx room;
    if (rc != 1 || ms_room_load(db, room_id, &room) != 0)
        return -1;
    int64_t hours = (end - start) / MS_HOUR_MS;
    ms_pass_price price;
    if (ms_room_price(db, room.building_id, hours, room.price_per_hour_paise, &price) != 0)
        return -1;
    if (price.total_minor != paid) {
        /* The room's price changed since the booking: the invoice bills what was taken. */
        ms_log("room invoice: %s paid %lld, its price now totals %lld", reservation_id,
               (long long)paid, (long long)price.total_minor);
        return -1;
    }
    char invoice_id[MS_ID_MAX], when[96], description[3 * MS_TEXT_MAX];
    ms_booking_format_span(room.zone, start, end, when, sizeof when);
    snprintf(description, sizeof description, "%s (%s), %s, %s %s", room.room_name, room.room_id,
             room.building_name, when, ms_zone_name(room.zone));
    if (invoice_id_or_null)
        snprintf(invoice_id, sizeof invoice_id, "%s", invoice_id_or_null);
    else if (ms_rng_id(app->rng, "inv_", invoice_id, sizeof invoice_id) != 0)
        return -1;
    if (ms_db_run(db,
                  "INSERT INTO invoices (id, user_id, status, subtotal_paise, discount_paise,"
                  " gst_paise, total_paise, order_id, building_id, reservation_id, created_at_ms,"
                  " issued_at_ms, due_at_ms) VALUES (?, ?, 'issued', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "ttiiitttiii", invoice_id, user, price.subtotal_minor, price.tax_minor,
                  price.total_minor, order, room.building_id, reservation_id, now_ms, now_ms,
                  now_ms) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoice_lines (invoice_id, position, description, quantity,"
                  " unit_paise, amount_paise) VALUES (?, 0, ?, ?, ?, ?)",
                  "ttiii", invoice_id, description, hours, room.price_per_hour_paise,
                  price.subtotal_minor) != 0)
        return -1;
    return ms_invoice_paid(app, invoice_id, user, now_ms);
}
