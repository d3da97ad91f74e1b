/* domain/invoices.c - invoices: who may see and pay one, numbering, payment, falling overdue. */
#include "domain/invoices.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "domain/entities.h"
#include "domain/invoice_notices.h"
#include "domain/notify.h"
#include "domain/desks.h"
#include "domain/passes.h"
#include "domain/money.h"
#include "domain/payments.h"
#include "domain/users.h"
#include "rules/money.h"
#include "rules/pass_rules.h"
#include "rules/zone.h"

int ms_invoice_find(sqlite3 *db, const char *user_id, const char *id_or_number,
                    char invoice_id[MS_ID_MAX], char *status, size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT i.id, i.status FROM invoices i"
                                     " WHERE (i.id = ?1 OR i.number = ?1)"
                                     " AND (i.user_id = ?2 OR i.company_id ="
                                     " (SELECT company_id FROM memberships WHERE user_id = ?2))",
                                     "tt", id_or_number, user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, invoice_id, MS_ID_MAX);
        ms_db_text(stmt, 1, status, cap);
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* The zone of the invoice's building: its own, else its company's (India when neither). */
static int invoice_zone(sqlite3 *db, const char *invoice_id, const ms_zone **out)
{
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT b.timezone FROM invoices i JOIN buildings b ON b.id ="
                    " coalesce(i.building_id, (SELECT c.building_id FROM companies c"
                    " WHERE c.id = i.company_id)) WHERE i.id = ?",
                    "t", invoice_id);
    char zone[64] = "Asia/Kolkata";
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, zone, sizeof zone);
    sqlite3_finalize(stmt);
    *out = ms_zone_find(zone);
    return rc >= 0 && *out ? 0 : -1;
}

int ms_invoice_next_number(sqlite3 *db, const char *invoice_id, int64_t issued_ms,
                           char out[MS_INVOICE_NUMBER_MAX])
{
    const ms_zone *zone;
    if (invoice_zone(db, invoice_id, &zone) != 0)
        return -1;
    ms_local local;
    ms_zone_local(zone, issued_ms, &local);
    int64_t year = local.year, last = 0;
    if (ms_db_run(db,
                  "INSERT INTO invoice_numbers (year, last) VALUES (?, 1)"
                  " ON CONFLICT (year) DO UPDATE SET last = last + 1",
                  "i", year) != 0)
        return -1;
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT last FROM invoice_numbers WHERE year = ?", "i", year);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        last = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    snprintf(out, MS_INVOICE_NUMBER_MAX, "INV-%04" PRId64 "-%04" PRId64, year, last);
    return 0;
}

int ms_invoices_number_unnumbered(sqlite3 *db)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT id, issued_at_ms FROM invoices"
                                         " WHERE number IS NULL AND issued_at_ms IS NOT NULL"
                                         " AND status IN ('issued', 'overdue', 'paid')"
                                         " ORDER BY issued_at_ms, id LIMIT 1",
                                         "");
        char id[MS_ID_MAX], number[MS_INVOICE_NUMBER_MAX];
        int64_t issued = 0;
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            issued = sqlite3_column_int64(stmt, 1);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_invoice_next_number(db, id, issued, number) != 0 ||
            ms_db_run(db, "UPDATE invoices SET number = ? WHERE id = ?", "tt", number, id) != 0)
            return -1;
    }
}

int ms_invoice_pay_order(ms_app *app, const char *user_id, const char *invoice_id,
                         char order_id[MS_RZP_ID_MAX])
{
    sqlite3 *db = app->db;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT o.id FROM razorpay_orders o JOIN invoices i"
                                     " ON i.id = o.invoice_id WHERE o.invoice_id = ?"
                                     " AND o.user_id = ? AND o.status = 'created'"
                                     " AND o.amount_paise = i.total_paise"
                                     " ORDER BY o.created_at_ms DESC, o.id LIMIT 1",
                                     "tt", invoice_id, user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, order_id, MS_RZP_ID_MAX);
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        int64_t total = 0;
        stmt = ms_db_query(db, "SELECT total_paise FROM invoices WHERE id = ?", "t", invoice_id);
        rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1)
            total = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        if (rc != 1 || ms_order_create(app, user_id, NULL, invoice_id, total,
                                       ms_clock_now(&app->clock), order_id) != 0)
            return -1;
    }
    if (ms_db_run(db, "UPDATE invoices SET order_id = ? WHERE id = ? AND order_id IS NOT ?", "ttt",
                  order_id, invoice_id, order_id) != 0)
        return -1;
    /* Log the invoice only when its order changed. */
    return sqlite3_changes(db) > 0 ? ms_change_upsert(db, MS_KIND_INVOICE, NULL, invoice_id) : 0;
}

int ms_invoice_paid(ms_app *app, const char *invoice_id, const char *payer_id, int64_t now_ms)
{
    sqlite3 *db = app->db;
    char number[MS_INVOICE_NUMBER_MAX] = "";
    int64_t total = 0;
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT number, total_paise FROM invoices WHERE id = ?", "t", invoice_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, number, sizeof number);
        total = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != 1 || (!number[0] && ms_invoice_next_number(db, invoice_id, now_ms, number) != 0))
        return -1;
    if (ms_db_run(db,
                  "UPDATE invoices SET status = 'paid', number = ?, paid_at_ms = ?,"
                  " issued_at_ms = coalesce(issued_at_ms, ?), due_at_ms = coalesce(due_at_ms, ?),"
                  " hold_expires_at_ms = NULL WHERE id = ?",
                  "tiiit", number, now_ms, now_ms, now_ms, invoice_id) != 0 ||
        ms_passes_activate(app, invoice_id, now_ms) != 0 ||
        ms_desk_invoice_paid(app, invoice_id, now_ms) != 0 ||
        ms_change_upsert(db, MS_KIND_INVOICE, NULL, invoice_id) != 0)
        return -1;
    char amount[MS_MONEY_TEXT_MAX], body[160], link[96];
    ms_money_rule money;
    if (ms_invoice_money(db, invoice_id, &money) != 0)
        return -1;
    ms_money_text(total, money.currency, amount, sizeof amount);
    snprintf(body, sizeof body, "We received %s for invoice %s.", amount, number);
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", invoice_id);
    char building[MS_ID_MAX] = "";
    sqlite3_stmt *where = ms_db_query(
        db, "SELECT building_id FROM invoice_money WHERE invoice_id = ?", "t", invoice_id);
    if (where && ms_db_step(where) == 1)
        ms_db_text(where, 0, building, sizeof building);
    sqlite3_finalize(where);
    ms_notice n = {.user_id = payer_id,
                   .building_id = building,
                   .kind = "payment.confirmed",
                   .category = "billing",
                   .title = "Payment confirmed",
                   .body = body,
                   .deep_link = link};
    return ms_notify_send(app, &n, NULL);
}

int ms_invoice_refund(ms_app *app, const ms_order *order, int64_t now_ms, char refund_id[MS_ID_MAX])
{
    sqlite3 *db = app->db;
    char number[MS_INVOICE_NUMBER_MAX] = "", building[MS_ID_MAX] = "", currency[8] = "";
    sqlite3_stmt *stmt =
        ms_db_query(db,
                    "SELECT i.number, m.building_id, o.currency FROM invoices i"
                    " JOIN invoice_money m ON m.invoice_id = i.id, razorpay_orders o"
                    " WHERE i.id = ? AND o.id = ?",
                    "tt", order->invoice_id, order->id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, number, sizeof number);
        ms_db_text(stmt, 1, building, sizeof building);
        ms_db_text(stmt, 2, currency, sizeof currency);
    }
    sqlite3_finalize(stmt);
    if (rc != 1 || ms_rng_id(app->rng, "ref_", refund_id, MS_ID_MAX) != 0 ||
        ms_db_run(db,
                  "INSERT INTO refunds (id, invoice_id, order_id, user_id, amount_paise, currency,"
                  " reason, status, created_at_ms) SELECT ?, ?, id, user_id, amount_paise,"
                  " currency, 'already_paid', 'pending', ? FROM razorpay_orders WHERE id = ?",
                  "ttit", refund_id, order->invoice_id, now_ms, order->id) != 0 ||
        sqlite3_changes(db) != 1 ||
        ms_change_upsert(db, MS_KIND_INVOICE, NULL, order->invoice_id) != 0)
        return -1;
    char amount[MS_MONEY_TEXT_MAX], body[256], link[96];
    ms_money_text(order->amount_paise, currency, amount, sizeof amount);
    snprintf(body, sizeof body,
             "Invoice %s was already paid, so your payment of %s will be refunded to you"
             " (refund %s).",
             number, amount, refund_id);
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", order->invoice_id);
    ms_notice n = {.user_id = order->user_id,
                   .building_id = building,
                   .kind = "payment.refunded",
                   .category = "billing",
                   .title = "Payment to be refunded",
                   .body = body,
                   .deep_link = link};
    return ms_notify_send(app, &n, NULL);
}

int ms_refund_of_order(sqlite3 *db, const char *order_id, cJSON **out)
{
    *out = NULL;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, invoice_id, order_id, amount_paise, currency,"
                                     " reason, status, created_at_ms FROM refunds"
                                     " WHERE order_id = ?",
                                     "t", order_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        cJSON *o = cJSON_CreateObject();
        bool ok = o != NULL;
        for (int i = 0; ok && i < sqlite3_column_count(stmt); i++)
            ok = sqlite3_column_type(stmt, i) == SQLITE_INTEGER
                     ? cJSON_AddNumberToObject(o, sqlite3_column_name(stmt, i),
                                               (double)sqlite3_column_int64(stmt, i)) != NULL
                     : cJSON_AddStringToObject(o, sqlite3_column_name(stmt, i),
                                               (const char *)sqlite3_column_text(stmt, i)) != NULL;
        if (ok)
            *out = o;
        else
            cJSON_Delete(o);
        rc = ok ? 1 : -1;
    }
    sqlite3_finalize(stmt);
    return rc;
}

int ms_invoices_overdue_due(ms_app *app, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT id FROM invoices WHERE status = 'issued'"
                                         " AND due_at_ms <= ? ORDER BY id LIMIT 1",
                                         "i", now_ms);
        if (!stmt)
            return -1;
        char id[MS_ID_MAX];
        int rc = ms_db_step(stmt);
        if (rc == 1)
            ms_db_text(stmt, 0, id, sizeof id);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_db_run(app->db, "UPDATE invoices SET status = 'overdue' WHERE id = ?", "t", id) !=
                0 ||
            ms_change_upsert(app->db, MS_KIND_INVOICE, NULL, id) != 0 ||
            ms_invoice_notify(app, id, "invoice.overdue") != 0)
            return -1;
    }
}

int ms_invoice_issue(ms_app *app, const ms_invoice_order *in, char id[MS_ID_MAX])
{
    sqlite3 *db = app->db;
    int64_t now = ms_clock_now(&app->clock);
    /* The payer's building: the member's membership's, or the company's. */
    char building[MS_ID_MAX] = "";
    sqlite3_stmt *stmt =
        in->company_id
            ? ms_db_query(db, "SELECT building_id FROM companies WHERE id = ?", "t", in->company_id)
            : ms_db_query(db,
                          "SELECT coalesce((SELECT building_id FROM memberships"
                          " WHERE user_id = u.id), '') FROM users u WHERE u.id = ?",
                          "t", in->user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, building, sizeof building);
    sqlite3_finalize(stmt);
    if (rc != 1)
        return rc < 0 ? -1 : 1;
    ms_money_rule money = {.currency = "INR", .tax_name = "GST", .tax_rate_bp = 1800};
    if (building[0] && ms_building_money(db, building, &money) < 0)
        return -1;
    int64_t tax = ms_tax_of(in->amount_paise, money.tax_rate_bp);
    char number[MS_INVOICE_NUMBER_MAX];
    if (ms_rng_id(app->rng, "inv_", id, MS_ID_MAX) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoices (id, user_id, company_id, status, subtotal_paise,"
                  " discount_paise, gst_paise, total_paise, building_id, created_at_ms,"
                  " issued_at_ms, due_at_ms) VALUES (?, nullif(?, ''), nullif(?, ''), 'issued',"
                  " ?, 0, ?, ?, nullif(?, ''), ?, ?, ?)",
                  "tttiiitiii", id, in->user_id ? in->user_id : "",
                  in->company_id ? in->company_id : "", in->amount_paise, tax,
                  in->amount_paise + tax, building, now, now,
                  now + in->due_in_days * 24 * 60 * 60 * 1000LL) != 0 ||
        ms_db_run(db,
                  "INSERT INTO invoice_lines (invoice_id, position, description, quantity,"
                  " unit_paise, amount_paise) VALUES (?, 0, ?, 1, ?, ?)",
                  "ttii", id, in->description, in->amount_paise, in->amount_paise) != 0 ||
        ms_invoice_next_number(db, id, now, number) != 0 ||
        ms_db_run(db, "UPDATE invoices SET number = ? WHERE id = ?", "tt", number, id) != 0 ||
        ms_change_upsert(db, MS_KIND_INVOICE, NULL, id) != 0)
        return -1;
    return ms_invoice_notify(app, id, "invoice.generated");
}
