/* domain/invoices.c - invoices: who may see and pay one, numbering, payment, falling overdue. */
#include "domain/invoices.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/changes.h"
#include "db/db.h"
#include "domain/entities.h"
#include "domain/notifications.h"
#include "domain/passes.h"
#include "domain/money.h"
#include "domain/payments.h"
#include "domain/users.h"
#include "rules/money.h"
#include "rules/zone.h"

int ms_invoice_visible(sqlite3 *db, const char *user_id, const char *invoice_id, char *status,
                       size_t cap)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT i.status FROM invoices i WHERE i.id = ?1"
                                     " AND (i.user_id = ?2 OR i.company_id ="
                                     " (SELECT company_id FROM memberships WHERE user_id = ?2))",
                                     "tt", invoice_id, user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1)
        ms_db_text(stmt, 0, status, cap);
    sqlite3_finalize(stmt);
    return rc;
}

int ms_invoice_next_number(sqlite3 *db, int64_t now_ms, char out[MS_INVOICE_NUMBER_MAX])
{
    ms_local local;
    ms_zone_local(ms_zone_find("Asia/Kolkata"), now_ms, &local);
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
    if (rc != 1 || (!number[0] && ms_invoice_next_number(db, now_ms, number) != 0))
        return -1;
    if (ms_db_run(db,
                  "UPDATE invoices SET status = 'paid', number = ?, paid_at_ms = ?,"
                  " issued_at_ms = coalesce(issued_at_ms, ?), due_at_ms = coalesce(due_at_ms, ?),"
                  " hold_expires_at_ms = NULL WHERE id = ?",
                  "tiiit", number, now_ms, now_ms, now_ms, invoice_id) != 0 ||
        ms_passes_activate(app, invoice_id, now_ms) != 0 ||
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
    return ms_notify_in(db, app->rng, payer_id, building, "billing", "Payment confirmed", body,
                        link, now_ms);
}

int ms_invoices_overdue_due(sqlite3 *db, int64_t now_ms)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
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
        if (ms_db_run(db, "UPDATE invoices SET status = 'overdue' WHERE id = ?", "t", id) != 0 ||
            ms_change_upsert(db, MS_KIND_INVOICE, NULL, id) != 0)
            return -1;
    }
}
