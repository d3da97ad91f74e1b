/* community/links.c - where a notification's deep link leads, in words. */
#include "community/links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const link_kind_names[] = {"none", "invoice", "event",  "booking", "pass",
                                              "web",  "other",   "ticket", "visitor"};

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
    default:
        snprintf(out, cap, "opens %s", uri);
        break;
    }
}

/* The invoice's or ticket's number, the event's title or the visitor's name, for the item a
 * link names; the id when the item is not on this device (or a ticket has no number yet). */
static const char *const name_sql[] = {
    [MC_LINK_INVOICE] = "SELECT number FROM invoice_row WHERE id = ?1 OR number = ?1 LIMIT 1",
    [MC_LINK_EVENT] = "SELECT title FROM event_row WHERE id = ?1",
    [MC_LINK_TICKET] = "SELECT number FROM ticket_row WHERE id = ?1",
    [MC_LINK_VISITOR] = "SELECT json_extract(data, '$.name') FROM entity WHERE kind = 'visitor' "
                        "AND id = ?1",
};

static mc_status item_name(mci_reader *r, mc_link_kind kind, const char *id, char *out, size_t cap,
                           mc_error *err)
{
    mci_strlcpy(out, id, cap);
    if ((size_t)kind >= MCI_COUNT(name_sql) || name_sql[kind] == NULL)
        return MC_OK;
    sqlite3_stmt *stmt = mci_read_stmt(r, name_sql[kind], "naming a link's item", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && mci_column_text(stmt, 0)[0] != '\0')
        mci_strlcpy(out, mci_column_text(stmt, 0), cap);
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK
                                                 : mci_read_fail(r, "naming a link's item", err);
}

mc_status mci_links_fill(mci_reader *r, mc_notification_list *list, mc_error *err)
{
    for (size_t i = 0; i < list->count; i++) {
        mc_notification *n = &list->items[i];
        char id[128], name[256], words[512];
        n->link_kind = mci_link_parse(n->deep_link, id, sizeof id);
        mc_status st = item_name(r, n->link_kind, id, name, sizeof name, err);
        if (st != MC_OK)
            return st;
        mci_link_words(n->link_kind, name, n->deep_link, words, sizeof words);
        bool named = n->link_kind != MC_LINK_NONE && n->link_kind != MC_LINK_WEB &&
                     n->link_kind != MC_LINK_OTHER;
        n->link_id = mci_strdup(named ? name : "");
        n->link_text = mci_strdup(words);
        if (n->link_id == NULL || n->link_text == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory naming links");
    }
    return MC_OK;
}
