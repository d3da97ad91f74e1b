/*
 * today/entries.c - today's room bookings, desk day and day passes as Today's entries: each
 * read by its own module's reader on Today's read transaction, kept when it falls on the
 * member's building-local day, with whether its door code is on this device.
 */
#include "today/entries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/credentials.h"
#include "billing/billing.h"
#include "booking/bookings.h"
#include "catalog/building.h"
#include "desks/booking.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

/* Room bookings read per page while looking for the day's end (a busy member's day). */
#define ROOM_PAGE 32
/* Desk bookings or passes read per page from today on (a day has one or a few). */
#define DAY_PAGE 4

bool mci_today_grow(void **items, size_t count, size_t *cap, size_t size)
{
    if (count < *cap)
        return true;
    size_t more = *cap ? *cap * 2 : 8;
    void *grown = realloc(*items, more * size);
    if (grown == NULL)
        return false;
    *items = grown;
    *cap = more;
    return true;
}

mc_status mci_today_next_page(const char *cursor, int32_t limit, bool numeric_key, mci_page *out,
                              mc_error *err)
{
    mc_page want = {limit, cursor};
    return mci_page_start(&want, numeric_key, out, err);
}

void mci_today_entry_clear(mc_today_entry *e)
{
    free(e->id);
    free(e->title);
    free(e->building_id);
    free(e->status);
    free(e->credential_id);
}

/* A new entry at the end of *list, zeroed; NULL when out of memory. */
static mc_today_entry *add_entry(mci_today_entries *list)
{
    if (!mci_today_grow((void **)&list->items, list->count, &list->cap, sizeof *list->items))
        return NULL;
    mc_today_entry *e = &list->items[list->count++];
    memset(e, 0, sizeof *e);
    return e;
}

/* The entry's strings; MC_ERR_NO_MEMORY when one could not be copied. */
static mc_status fill_strings(mc_today_entry *e, const char *id, const char *title,
                              const char *building_id, const char *status,
                              const char *credential_id, mc_error *err)
{
    e->id = mci_strdup(id);
    e->title = mci_strdup(title);
    e->building_id = mci_strdup(building_id);
    e->status = mci_strdup(status);
    e->credential_id = mci_strdup(credential_id);
    return e->id && e->title && e->building_id && e->status && e->credential_id
               ? MC_OK
               : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
}

/* The room's name ("" when the room is not on this device). */
static void room_name(mci_reader *r, const char *room_id, char *out, size_t cap)
{
    out[0] = '\0';
    sqlite3_stmt *stmt =
        mci_read_stmt(r, "SELECT name FROM room_index WHERE id = ?1", "reading a room", NULL);
    if (stmt == NULL)
        return;
    sqlite3_bind_text(stmt, 1, room_id, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        mci_strlcpy(out, mci_column_text(stmt, 0), cap);
    sqlite3_reset(stmt);
}

/* A room booking that holds its room today: not cancelled, not lapsed unpaid. */
static bool room_counts(const mc_booking *b, const mci_today_day *day)
{
    return b->start_ms < day->end_ms && b->end_ms > day->start_ms &&
           b->status != MC_BOOKING_CANCELLED && b->status != MC_BOOKING_EXPIRED;
}

static mc_status add_room(mci_reader *r, const mc_booking *b, mci_today_entries *list,
                          mc_error *err)
{
    mc_today_entry *e = add_entry(list);
    if (e == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
    char name[128];
    room_name(r, b->room_id, name, sizeof name);
    mc_status st = fill_strings(e, b->id, name[0] ? name : b->room_id, b->building_id,
                                mc_booking_status_name(b->status), "", err);
    e->kind = MC_TODAY_ROOM;
    e->start_ms = b->start_ms;
    e->end_ms = b->end_ms;
    e->start = b->start;
    e->end = b->end;
    e->pending = b->pending;
    e->door_code_ready = false; /* members enter with their membership; guests' codes are theirs */
    return st;
}

/* Today's room bookings, page by page from the day's start until one starts after its end. */
static mc_status read_rooms(mci_reader *r, const mci_today_day *day, mci_today_entries *list,
                            mc_error *err)
{
    char *cursor = NULL;
    mc_status st = MC_OK;
    bool done = false;
    while (st == MC_OK && !done) {
        mci_page page = {0};
        mc_booking_list *got = calloc(1, sizeof *got);
        if (got == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
        st = mci_today_next_page(cursor, ROOM_PAGE, true, &page, err);
        if (st == MC_OK)
            st = mci_bookings_read(r, day->start_ms, &page, got, err);
        mci_page_done(&page);
        free(cursor);
        cursor = got->next_cursor;
        got->next_cursor = NULL;
        for (size_t i = 0; st == MC_OK && i < got->count; i++) {
            if (got->items[i].start_ms >= day->end_ms)
                done = true;
            else if (room_counts(&got->items[i], day))
                st = add_room(r, &got->items[i], list, err);
        }
        done = done || cursor == NULL;
        mc_booking_list_free(got);
    }
    free(cursor);
    return st;
}

/* The building-local day's bounds of building_id (the member's day when it is the same
 * building or not on this device). */
static void day_of(mci_reader *r, const mci_today_day *day, const char *building_id,
                   int64_t *start_ms, int64_t *end_ms)
{
    *start_ms = day->start_ms;
    *end_ms = day->end_ms;
    if (building_id[0] == '\0' || strcmp(building_id, day->building_id) == 0)
        return;
    mci_building *b = NULL;
    if (mci_building_load(r->db, building_id, &b, NULL) == MC_OK) {
        int32_t offset = mci_zone_offset_at(&b->zone, day->start_ms) * MCI_MS_PER_MIN;
        *start_ms = day->day * MCI_MS_PER_DAY - offset;
        *end_ms = *start_ms + MCI_MS_PER_DAY;
    }
    mci_building_free(b);
}

static mc_status add_day_entry(mci_reader *r, const mci_today_day *day, mc_today_entry_kind kind,
                               const char *id, const char *title, const char *building_id,
                               const char *status, const char *credential_id, bool pending,
                               bool ready, mci_today_entries *list, mc_error *err)
{
    mc_today_entry *e = add_entry(list);
    if (e == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
    mc_status st = fill_strings(e, id, title, building_id, status, credential_id, err);
    e->kind = kind;
    day_of(r, day, building_id, &e->start_ms, &e->end_ms);
    mci_local_time_fill(day->zone, e->start_ms, &e->start);
    mci_local_time_fill(day->zone, e->end_ms, &e->end);
    e->pending = pending;
    e->door_code_ready = ready;
    return st;
}

/* A desk booking on Today: today's, not cancelled or lapsed. */
static mc_status add_desk(mci_reader *r, const mci_today_day *day, const mc_desk_booking *b,
                          mci_today_entries *list, mc_error *err)
{
    if (b->status == MC_DESK_BOOKING_CANCELLED || b->status == MC_DESK_BOOKING_EXPIRED)
        return MC_OK;
    char title[192];
    const char *name = b->desk_name[0] ? b->desk_name : b->desk_id;
    if (b->area[0] != '\0')
        snprintf(title, sizeof title, "Desk %s, %s", name, b->area);
    else
        snprintf(title, sizeof title, "Desk %s", name);
    return add_day_entry(r, day, MC_TODAY_DESK, b->id, title, b->building_id,
                         mc_desk_booking_status_name(b->status), b->credential_id, b->pending,
                         b->door_code_ready, list, err);
}

/* Today's desk booking: the desks module's list from today on, a few at a time (one a day
 * holds a desk; cancelled ones may stay beside it) until a later date shows. */
static mc_status read_desk(mci_reader *r, const mci_today_day *day, mci_today_entries *list,
                           mc_error *err)
{
    char *cursor = NULL;
    mc_status st = MC_OK;
    bool done = false;
    while (st == MC_OK && !done) {
        mc_desk_booking_list *got = calloc(1, sizeof *got);
        if (got == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
        mci_page page = {0};
        st = mci_today_next_page(cursor, DAY_PAGE, false, &page, err);
        if (st == MC_OK)
            st = mci_desk_bookings_read(r, day->date, &page, got, err);
        mci_page_done(&page);
        free(cursor);
        cursor = got->next_cursor;
        got->next_cursor = NULL;
        for (size_t i = 0; st == MC_OK && i < got->count; i++) {
            if (strcmp(got->items[i].date, day->date) != 0)
                done = true;
            else
                st = add_desk(r, day, &got->items[i], list, err);
        }
        done = done || cursor == NULL;
        mc_desk_booking_list_free(got);
    }
    free(cursor);
    return st;
}

/* A pass on Today: today's, not released. */
static mc_status add_pass(mci_reader *r, const mci_today_day *day, const mc_pass *p,
                          mci_today_entries *list, mc_error *err)
{
    if (p->status == MC_PASS_RELEASED)
        return MC_OK;
    char title[160];
    if (p->holder_name[0] != '\0')
        snprintf(title, sizeof title, "Day pass, %s", p->holder_name);
    else
        snprintf(title, sizeof title, "Day pass");
    return add_day_entry(r, day, MC_TODAY_PASS, p->id, title, p->building_id,
                         mc_pass_status_name(p->status), p->credential_id, false,
                         mci_credential_ready(r, p->credential_id), list, err);
}

/* Today's passes: the passes' list from today's date on, a few at a time, until a later
 * date shows. */
static mc_status read_passes(mci_reader *r, const mci_today_day *day, mci_today_entries *list,
                             mc_error *err)
{
    char *cursor = NULL;
    mc_status st = MC_OK;
    bool done = false;
    while (st == MC_OK && !done) {
        mc_pass_list *got = calloc(1, sizeof *got);
        if (got == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
        mci_page page = {0};
        if (cursor != NULL) {
            st = mci_today_next_page(cursor, DAY_PAGE, false, &page, err);
        } else { /* (date, id) > (today, ""): today on */
            mci_page_all(&page);
            page.limit = DAY_PAGE;
            page.key_text = day->date;
            page.id = "";
        }
        if (st == MC_OK)
            st = mci_passes_read(r, &page, got, err);
        mci_page_done(&page);
        free(cursor);
        cursor = got->next_cursor;
        got->next_cursor = NULL;
        for (size_t i = 0; st == MC_OK && i < got->count; i++) {
            if (strcmp(got->items[i].date, day->date) != 0)
                done = true;
            else
                st = add_pass(r, day, &got->items[i], list, err);
        }
        done = done || cursor == NULL;
        mc_pass_list_free(got);
    }
    free(cursor);
    return st;
}

static int by_start(const void *a, const void *b)
{
    const mc_today_entry *x = a, *y = b;
    if (x->start_ms != y->start_ms)
        return x->start_ms < y->start_ms ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return strcmp(x->id, y->id);
}

mc_status mci_today_entries_read(mci_reader *r, const mci_today_day *day, mci_today_entries *list,
                                 mc_error *err)
{
    mc_status st = read_rooms(r, day, list, err);
    if (st == MC_OK)
        st = read_desk(r, day, list, err);
    if (st == MC_OK)
        st = read_passes(r, day, list, err);
    if (st == MC_OK && list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, by_start);
    return st;
}
