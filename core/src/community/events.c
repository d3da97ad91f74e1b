/* community/events.c - community events from the local store, and RSVPs through the outbox. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "catalog/zones.h"
#include "handle/handle.h"
#include "community/overlay.h"
#include "community/reads.h"
#include "membercore/community.h"
#include "read/items.h"
#include "read/list.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/strutil.h"

/* Server truth for events, the member's server RSVP, and their latest pending RSVP
 * (pending, in flight, or accepted but not yet pulled: rejected ones drop out), then the
 * waitlist's length and the member's place in it. */
#define EVENT_SELECT                                                                               \
    "SELECT e.id, json_extract(e.data, '$.building_id'), json_extract(e.data, '$.title'), "        \
    "json_extract(e.data, '$.description'), json_extract(e.data, '$.starts_at_ms'), "              \
    "json_extract(e.data, '$.ends_at_ms'), json_extract(e.data, '$.capacity'), "                   \
    "json_extract(e.data, '$.going_count'), "                                                      \
    "(SELECT json_extract(r.data, '$.status') FROM entity r WHERE r.kind = 'rsvp' AND "            \
    "r.id = e.id), "                                                                               \
    "(SELECT json_extract(o.payload, '$.status') FROM outbox o WHERE o.kind = 'rsvp.set' AND "     \
    "o.entity_id = e.id AND o.user_id = ?1 AND o.state IN (0, 1, 3) "                              \
    "ORDER BY o.mutation_id DESC LIMIT 1), json_extract(e.data, '$.waitlist_count'), "             \
    "(SELECT json_extract(p.data, '$.waitlist_position') FROM entity p WHERE p.kind = 'rsvp' AND " \
    "p.id = e.id) FROM entity e WHERE e.kind = 'event' "

/* Read the event row at stmt into ev (strings malloc'd), EVENT_SELECT's columns from
 * column base on. */
static bool read_event_at(sqlite3_stmt *stmt, int base, mc_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->id = mci_strdup(mci_column_text(stmt, base));
    ev->building_id = mci_strdup(mci_column_text(stmt, base + 1));
    ev->title = mci_strdup(mci_column_text(stmt, base + 2));
    ev->description = mci_strdup(mci_column_text(stmt, base + 3));
    ev->starts_at_ms = sqlite3_column_int64(stmt, base + 4);
    ev->ends_at_ms = sqlite3_column_int64(stmt, base + 5);
    ev->capacity = sqlite3_column_int(stmt, base + 6);
    bool has_pending = sqlite3_column_type(stmt, base + 9) != SQLITE_NULL;
    mci_rsvp_truth server = {
        mci_rsvp_from_name(mci_column_text(stmt, base + 8)), sqlite3_column_int(stmt, base + 7),
        ev->capacity, sqlite3_column_int(stmt, base + 10), sqlite3_column_int(stmt, base + 11)};
    mci_rsvp_view view =
        mci_rsvp_overlay(&server, has_pending, mci_rsvp_from_name(mci_column_text(stmt, base + 9)));
    ev->going_count = view.going_count;
    ev->my_rsvp = view.status;
    ev->pending = view.pending;
    ev->waitlist_count = view.waitlist_count;
    ev->waitlist_position = view.waitlist_position;
    return ev->id && ev->building_id && ev->title && ev->description;
}

/* An event's start and end in its building's local time (an mci_localize_fn). */
static mc_status localize_event(mci_zone_book *book, void *item, mc_error *err)
{
    mc_event *ev = item;
    mc_status st =
        mci_zone_book_local(book, ev->building_id, ev->starts_at_ms, &ev->starts_at, err);
    return st == MC_OK
               ? mci_zone_book_local(book, ev->building_id, ev->ends_at_ms, &ev->ends_at, err)
               : st;
}

/* A page's row (an mci_row_fn): the event from column 2 on. */
static bool read_event_row(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    return read_event_at(row, 2, item);
}

void mci_event_clear(mc_event *ev)
{
    free(ev->id);
    free(ev->building_id);
    free(ev->title);
    free(ev->description);
}

void mc_event_list_free(mc_event_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        mci_event_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

/* A page of events ending after ?5, soonest first, from the typed tables: ?1 ?2 the
 * cursor (starts_at_ms, id), ?3 the fetch limit, ?4 the member. Columns 2 and on are
 * EVENT_SELECT's. An event ending after ?5 starts after ?5 less the longest event's
 * length (event_row_by_length finds it), so the first page seeks there on the start
 * index instead of stepping over the past. */
static const mci_list_query events_query = {
    "SELECT e.starts_at_ms, e.id, e.id, e.building_id, e.title, e.description, e.starts_at_ms, "
    "e.ends_at_ms, e.capacity, e.going_count, r.status, "
    "(SELECT json_extract(o.payload, '$.status') FROM outbox o WHERE o.kind = 'rsvp.set' AND "
    "o.entity_id = e.id AND o.user_id = ?4 AND o.state IN (0, 1, 3) "
    "ORDER BY o.mutation_id DESC LIMIT 1), e.waitlist_count, r.waitlist_position "
    "FROM event_row e LEFT JOIN rsvp_row r ON r.event_id = e.id "
    "WHERE e.ends_at_ms > ?5 AND (e.starts_at_ms, e.id) > "
    "(max(?1, coalesce(?5 - (SELECT "
    "max(ends_at_ms - starts_at_ms) FROM event_row), ?1)), ?2) "
    "ORDER BY e.starts_at_ms, e.id LIMIT ?3",
    "reading events", MCI_KEY_INT_ASC};

typedef struct events_args {
    const char *user_id;
    int64_t from_ms;
} events_args;

static void bind_events(sqlite3_stmt *stmt, void *context)
{
    const events_args *a = context;
    sqlite3_bind_text(stmt, 4, a->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, a->from_ms);
}

mc_status mci_events_read(mci_reader *r, int64_t from_ms, const mci_page *page, mc_event_list *list,
                          mc_error *err)
{
    events_args bound = {r->user_id, from_ms};
    mc_status st = mci_read_rows(r, &events_query, page, bind_events, read_event_row, &bound,
                                 (void **)&list->items, sizeof *list->items, &list->count,
                                 &list->next_cursor, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                localize_event, err);
    return st;
}

/* args: the int64_t from_ms. */
static mc_status list_events(mc_client *c, const void *args, const mci_page *page, void **out,
                             mc_error *err)
{
    int64_t from_ms = *(const int64_t *)args;
    if (from_ms < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "from_ms must be >= 0");
    mc_event_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_events_read(r, from_ms, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_event_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_events_page(mc_client *c, int64_t from_ms, const mc_page *page, mc_event_list **out,
                         mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_events, &from_ms, (void **)out, err);
}

mc_status mc_events_list(mc_client *c, int64_t from_ms, mc_event_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_events, &from_ms, (void **)out, err);
}

typedef struct rsvp_args {
    const char *event_id;
    mc_rsvp rsvp;
} rsvp_args;

/* Check the event and queue the RSVP (an mci_write_fn). */
static mc_status queue_rsvp(mc_client *c, const char *user_id, void *arg, bool *queued,
                            mc_error *err)
{
    const char *event_id = ((rsvp_args *)arg)->event_id;
    mc_rsvp rsvp = ((rsvp_args *)arg)->rsvp;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db, EVENT_SELECT "AND e.id = ?2", -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(c->db, err, "reading the event");
    sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, event_id, -1, SQLITE_STATIC);
    mc_event ev;
    mc_status st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "no event '%s' (sync to see new events)",
                           event_id);
    else if (rc != SQLITE_ROW)
        st = mci_store_fail(c->db, err, "reading the event");
    else if (!read_event_at(stmt, 0, &ev))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading events");
    else
        st = MC_OK;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        return st;
    /* Already going or in line, asking to go again, or not going again: nothing to queue.
     * A GOING on an event that looks full is queued too: it shows WAITLISTED (the overlay). */
    bool unchanged = rsvp == MC_RSVP_GOING
                         ? ev.my_rsvp == MC_RSVP_GOING || ev.my_rsvp == MC_RSVP_WAITLISTED
                         : ev.my_rsvp == rsvp;
    if (st == MC_OK && !unchanged) {
        cJSON *payload = cJSON_CreateObject();
        if (payload == NULL || !cJSON_AddStringToObject(payload, "event_id", event_id) ||
            !cJSON_AddStringToObject(payload, "status", mc_rsvp_name(rsvp)))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        if (st == MC_OK)
            st =
                mci_outbox_enqueue(c, user_id, MCI_MUTATION_RSVP_SET, event_id, payload, NULL, err);
        cJSON_Delete(payload);
        *queued = st == MC_OK;
    }
    mci_event_clear(&ev);
    return st;
}

mc_status mc_event_rsvp(mc_client *c, const char *event_id, mc_rsvp rsvp, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (event_id == NULL || event_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "event_id is required");
    if (rsvp != MC_RSVP_GOING && rsvp != MC_RSVP_NOT_GOING)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "rsvp must be GOING or NOT_GOING");
    rsvp_args args = {event_id, rsvp};
    return mci_sync_write(c, queue_rsvp, &args, MC_KIND_EVENT | MC_KIND_RSVP, err);
}
