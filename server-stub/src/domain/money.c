/* domain/money.c - a building's and an invoice's currency and tax rule, from the database. */
#include "domain/money.h"

#include <string.h>

#include "db/db.h"

static int load(sqlite3_stmt *stmt, ms_money_rule *out)
{
    memset(out, 0, sizeof *out);
    int rc = stmt ? ms_db_step(stmt) : -1;
    if (rc == 1) {
        ms_db_text(stmt, 0, out->currency, sizeof out->currency);
        ms_db_text(stmt, 1, out->tax_name, sizeof out->tax_name);
        out->tax_rate_bp = sqlite3_column_int64(stmt, 2);
    }
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int ms_building_money(sqlite3 *db, const char *building_id, ms_money_rule *out)
{
    return load(ms_db_query(db,
                            "SELECT currency, tax_name, tax_rate_bp FROM buildings WHERE id = ?",
                            "t", building_id),
                out);
}

int ms_invoice_money(sqlite3 *db, const char *invoice_id, ms_money_rule *out)
{
    return load(ms_db_query(db,
                            "SELECT currency, tax_name, tax_rate_bp FROM invoice_money"
                            " WHERE invoice_id = ?",
                            "t", invoice_id),
                out);
}
