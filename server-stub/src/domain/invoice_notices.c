/* domain/invoice_notices.c - what an invoice tells the members who pay it: issued, due in 3
 * days, overdue (docs/notifications-protocol.md, billing). */
#include "domain/invoice_notices.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/audience.h"
#include "domain/invoices.h"
#include "rules/money.h"

/* Who pays an invoice ?1: its member, or every member of its company (ms_notify_each). */
static const char payers_sql[] =
    "SELECT user_id FROM invoices WHERE id = ?1 AND user_id > ?2"
    " UNION ALL SELECT m.user_id FROM invoices i JOIN memberships m"
    " ON m.company_id = i.company_id WHERE i.id = ?1 AND m.user_id > ?2"
    " ORDER BY 1 LIMIT 1";

int ms_invoice_notify(ms_app *app, const char *invoice_id, const char *kind)
{
    sqlite3 *db = app->db;
    char number[MS_INVOICE_NUMBER_MAX] = "", building[MS_ID_MAX] = "", currency[8] = "",
         what[256] = "";
    int64_t total = 0, due = 0;
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT i.number, i.total_paise, i.due_at_ms,"
                                     " m.building_id, m.currency, (SELECT l.description"
                                     "  FROM invoice_lines l WHERE l.invoice_id = i.id"
                                     "  ORDER BY l.position LIMIT 1)"
                                     " FROM invoices i JOIN invoice_money m"
                                     " ON m.invoice_id = i.id WHERE i.id = ?",
                                     "t", invoice_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, number, sizeof number);
        total = sqlite3_column_int64(stmt, 1);
        due = sqlite3_column_int64(stmt, 2);
        ms_db_text(stmt, 3, building, sizeof building);
        ms_db_text(stmt, 4, currency, sizeof currency);
        ms_db_text(stmt, 5, what, sizeof what);
    }
    sqlite3_finalize(stmt);
    char amount[MS_MONEY_TEXT_MAX], when[MS_WHEN_MAX];
    if (rc != 1 || ms_building_when(db, building, due, when, sizeof when) != 0)
        return -1;
    ms_money_text(total, currency, amount, sizeof amount);
    char title[128], body[512], link[96];
    snprintf(link, sizeof link, "membercore://billing/invoices/%s", invoice_id);
    bool once = true;
    if (strcmp(kind, "invoice.generated") == 0) {
        once = false;
        snprintf(title, sizeof title, "New invoice %s: %s", number, amount);
        snprintf(body, sizeof body, "%s%s%s is due by %s.", what[0] ? what : "",
                 what[0] ? ": " : "", amount, when);
    } else if (strcmp(kind, "invoice.due_soon") == 0) {
        snprintf(title, sizeof title, "Invoice %s is due soon", number);
        snprintf(body, sizeof body, "%s is due by %s. Pay it from Billing to keep it on time.",
                 amount, when);
    } else {
        snprintf(title, sizeof title, "Invoice %s is overdue", number);
        snprintf(body, sizeof body, "%s was due by %s. Please pay it from Billing.", amount, when);
    }
    ms_notice n = {.building_id = building,
                   .kind = kind,
                   .category = "billing",
                   .title = title,
                   .body = body,
                   .deep_link = link};
    return ms_notify_each(app, &n, once ? invoice_id : NULL, payers_sql, invoice_id) < 0 ? -1 : 0;
}

int ms_invoices_due_soon(ms_app *app, int64_t now_ms)
{
    char id[MS_ID_MAX] = "";
    int64_t due = 0;
    for (;;) {
        /* invoices_due (issued, by due instant) bounds it to the next 3 days; the walk goes on
         * from the last one seen, so an invoice nobody could be told about is passed over. */
        sqlite3_stmt *stmt = ms_db_query(app->db,
                                         "SELECT i.id, i.due_at_ms FROM invoices i"
                                         " WHERE i.status = 'issued' AND i.due_at_ms > ?1"
                                         " AND i.due_at_ms <= ?1 + ?2"
                                         " AND (i.due_at_ms, i.id) > (?3, ?4)"
                                         " AND i.issued_at_ms <= i.due_at_ms - ?2"
                                         " AND NOT EXISTS (SELECT 1 FROM notices_sent s"
                                         "  WHERE s.kind = 'invoice.due_soon'"
                                         "  AND s.entity_id = i.id)"
                                         " ORDER BY i.due_at_ms, i.id LIMIT 1",
                                         "iiit", now_ms, MS_INVOICE_DUE_SOON_MS, due, id);
        int rc = stmt ? ms_db_step(stmt) : -1;
        if (rc == 1) {
            ms_db_text(stmt, 0, id, sizeof id);
            due = sqlite3_column_int64(stmt, 1);
        }
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_invoice_notify(app, id, "invoice.due_soon") != 0)
            return -1;
    }
}
