/* community/links.c - where a notification's deep link leads, in words. */
#include "community/links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "rules/zone.h"
#include "store/store.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const link_kind_names[] = {"none",    "invoice", "event",        "booking",
                                              "pass",    "web",     "other",        "ticket",
                                              "visitor", "desk",    "announcement", "offer"};

const char *mc_link_kind_name(mc_link_kind kind)
{
    return mci_name_of(link_kind_names, MCI_COUNT(link_kind_names), (int)kind);
}

void mci_link_words(mc_link_kind kind, const char *name, const char *uri, char *out, size_t cap)
{
    switch (kind) {
    case MC_LINK_NONE:
        snprintf(out, cap, "%s", "");
        break;
    case MC_LINK_INVOICE:
        snprintf(out, cap, "opens invoice %s", name);
        break;
    case MC_LINK_EVENT:
        snprintf(out, cap, "opens event %s", name);
        break;
    case MC_LINK_BOOKING:
        snprintf(out, cap, "opens booking %s", name);
        break;
    case MC_LINK_PASS:
        snprintf(out, cap, "opens day pass %s", name);
        break;
    case MC_LINK_TICKET:
        snprintf(out, cap, "opens ticket %s", name);
        break;
    case MC_LINK_VISITOR:
        snprintf(out, cap, "opens visitor %s", name);
        break;
    case MC_LINK_DESK:
        snprintf(out, cap, "opens desk %s", name);
        break;
    case MC_LINK_ANNOUNCEMENT:
        snprintf(out, cap, "opens announcement %s", name);
        break;
    case MC_LINK_OFFER:
        snprintf(out, cap, "opens offer %s", name);
        break;
    default:
        snprintf(out, cap, "opens %s", uri);
        break;
    }
}

/* The invoice's or ticket's number, the event's or announcement's title, the visitor's name or
 * the offer's partner and title ("Blue Tokai: 20% off coffee"), for the item a link names (bookings
 * and day passes are named by booking_name and pass_name). */
static const char *const name_sql[] = {
    [MC_LINK_INVOICE] = "SELECT number FROM invoice_row WHERE id = ?1 OR number = ?1 LIMIT 1",
    [MC_LINK_EVENT] = "SELECT title FROM event_row WHERE id = ?1",
    [MC_LINK_TICKET] = "SELECT number FROM ticket_row WHERE id = ?1",
    [MC_LINK_VISITOR] = "SELECT json_extract(data, '$.name') FROM entity WHERE kind = 'visitor' "
                        "AND id = ?1",
    [MC_LINK_ANNOUNCEMENT] = "SELECT title FROM announcement_row WHERE id = ?1",
    [MC_LINK_OFFER] = "SELECT CASE WHEN instr(json_extract(data, '$.title'), "
                      "json_extract(data, '$.partner')) = 1 THEN json_extract(data, '$.title') "
                      "ELSE json_extract(data, '$.partner') || ': ' || json_extract(data, "
                      "'$.title') END FROM entity WHERE kind = 'offer' AND id = ?1",
};

/* A booking as its room and start in the building's time: "Boardroom, Mon 7 Dec 16:00 IST"
 * (the room's id when the room is not on this device). */
static const char booking_sql[] =
    "SELECT coalesce(r.name, b.room_id), b.building_id, b.start_ms FROM booking_row b"
    " LEFT JOIN room_index r ON r.id = b.room_id WHERE b.id = ?1";

/* A desk booking as its desk and day: "D07 on Tue 8 Dec" (the desk's id when the desk is not
 * on this device). */
static const char desk_sql[] = "SELECT b.date, coalesce(d.name, b.desk_id) FROM desk_booking_row b"
                               " LEFT JOIN desk_row d ON d.id = b.desk_id WHERE b.id = ?1";

/* A day pass as its day and building: "Tue 8 Dec at Koramangala". */
static const char pass_sql[] =
    "SELECT p.date, coalesce(json_extract(e.data, '$.name'), p.building_id) FROM pass_row p"
    " LEFT JOIN entity e ON e.kind = 'building' AND e.id = p.building_id WHERE p.id = ?1";

static const char *const weekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const months[] = {"",    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* stmt's row (from booking_sql, pass_sql or desk_sql) in words into out. */
static mc_status row_words(mc_link_kind kind, sqlite3_stmt *stmt, mci_zone_book *book, char *out,
                           size_t cap, mc_error *err)
{
    if (kind == MC_LINK_BOOKING) {
        mc_local_time at;
        mc_status st = mci_zone_book_local(book, mci_column_text(stmt, 1),
                                           sqlite3_column_int64(stmt, 2), &at, err);
        if (st != MC_OK)
            return st;
        if (at.weekday < 1 || at.weekday > 7 || at.month < 1 || at.month > 12)
            return MC_OK; /* no start known: the id stays */
        snprintf(out, cap, "%s, %s %d %s %02d:%02d %s", mci_column_text(stmt, 0),
                 weekdays[at.weekday], at.day, months[at.month], at.hour, at.minute, at.label);
        return MC_OK;
    }
    int64_t day = 0;
    if (!mci_parse_date(mci_column_text(stmt, 0), &day))
        return MC_OK;
    int y, m, d;
    mci_civil_from_days(day, &y, &m, &d);
    if (kind == MC_LINK_DESK)
        snprintf(out, cap, "%s on %s %d %s", mci_column_text(stmt, 1), weekdays[mci_weekday(day)],
                 d, months[m]);
    else
        snprintf(out, cap, "for %s %d %s at %s", weekdays[mci_weekday(day)], d, months[m],
                 mci_column_text(stmt, 1));
    return MC_OK;
}

/* The words naming the item a link names into out; the id when the item is not on this
 * device (or a ticket has no number yet). */
static mc_status item_name(mci_reader *r, mci_zone_book *book, mc_link_kind kind, const char *id,
                           char *out, size_t cap, mc_error *err)
{
    mci_strlcpy(out, id, cap);
    const char *sql = kind == MC_LINK_BOOKING              ? booking_sql
                      : kind == MC_LINK_PASS               ? pass_sql
                      : kind == MC_LINK_DESK               ? desk_sql
                      : (size_t)kind < MCI_COUNT(name_sql) ? name_sql[kind]
                                                           : NULL;
    if (sql == NULL)
        return MC_OK;
    sqlite3_stmt *stmt = mci_read_stmt(r, sql, "naming a link's item", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    if (rc == SQLITE_ROW &&
        (kind == MC_LINK_BOOKING || kind == MC_LINK_PASS || kind == MC_LINK_DESK))
        st = row_words(kind, stmt, book, out, cap, err);
    else if (rc == SQLITE_ROW && mci_column_text(stmt, 0)[0] != '\0')
        mci_strlcpy(out, mci_column_text(stmt, 0), cap);
    sqlite3_reset(stmt);
    if (st != MC_OK)
        return st;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK
                                                 : mci_read_fail(r, "naming a link's item", err);
}

mc_status mci_links_fill(mci_reader *r, mci_zone_book *book, mc_notification_list *list,
                         mc_error *err)
{
    for (size_t i = 0; i < list->count; i++) {
        mc_notification *n = &list->items[i];
        char id[128], name[256], words[512];
        n->link_kind = mci_link_parse(n->deep_link, id, sizeof id);
        mc_status st = item_name(r, book, n->link_kind, id, name, sizeof name, err);
        if (st != MC_OK)
            return st;
        mci_link_words(n->link_kind, name, n->deep_link, words, sizeof words);
        n->link_id = mci_strdup(id);
        n->link_text = mci_strdup(words);
        if (n->link_id == NULL || n->link_text == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory naming links");
    }
    return MC_OK;
}
