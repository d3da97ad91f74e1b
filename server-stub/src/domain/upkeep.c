/* domain/upkeep.c - time-driven changes, applied lazily at the start of every request. */
#include "domain/upkeep.h"

#include "domain/announcements.h"
#include "domain/booking_notices.h"
#include "domain/bookings.h"
#include "domain/changes.h"
#include "domain/credits.h"
#include "domain/desks.h"
#include "db/db.h"
#include "domain/event_notices.h"
#include "domain/invoice_notices.h"
#include "domain/invoices.h"
#include "domain/notify.h"
#include "domain/offers.h"
#include "domain/passes.h"
#include "domain/tickets.h"
#include "domain/visitors.h"
#include "rules/zone.h"

/* Move every building's zone_year to year, logging each building that moves. */
static int refresh_zones(sqlite3 *db, int year)
{
    for (;;) {
        sqlite3_stmt *stmt = ms_db_query(db,
                                         "SELECT id FROM buildings WHERE zone_year <> ?"
                                         " ORDER BY id LIMIT 1",
                                         "i", (int64_t)year);
        if (!stmt)
            return -1;
        char id[MS_ID_MAX];
        int rc = ms_db_step(stmt);
        if (rc == 1)
            ms_db_text(stmt, 0, id, sizeof id);
        sqlite3_finalize(stmt);
        if (rc <= 0)
            return rc;
        if (ms_db_run(db, "UPDATE buildings SET zone_year = ? WHERE id = ?", "it", (int64_t)year,
                      id) != 0 ||
            ms_change_upsert(db, MS_KIND_BUILDING, NULL, id) != 0)
            return -1;
    }
}

int ms_upkeep(ms_app *app)
{
    int64_t now = ms_clock_now(&app->clock);
    if (ms_holds_lapse_due(app, now) != 0 || ms_checkouts_lapse_due(app, now) != 0 ||
        ms_invoices_overdue_due(app, now) != 0 || ms_credits_refresh_all(app->db, now) != 0 ||
        refresh_zones(app->db, ms_utc_year(now)) != 0 || ms_tickets_close_due(app, now) != 0 ||
        ms_notify_release_due(app->db, now) != 0 || ms_visitors_timeout_due(app, now) != 0)
        return -1;
    /* Desk holds lapse (before the checkouts' lapse voids their invoices); unchecked desks are
     * released at their cut-off, each member told once. */
    if (ms_desk_holds_lapse_due(app, now) != 0 || ms_desks_release_due(app, now) != 0)
        return -1;
    /* Announcements past their expiry and offers over everywhere leave their members' logs. */
    if (ms_announcements_retire_due(app, now) != 0 || ms_offers_retire_due(app, now) != 0)
        return -1;
    /* Reminders and due notices, each once (notices_sent). */
    if (ms_invoices_due_soon(app, now) != 0 || ms_bookings_remind_due(app, now) != 0 ||
        ms_events_remind_due(app, now) != 0)
        return -1;
    return 0;
}
