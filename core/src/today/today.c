/*
 * today/today.c - mc_today_get: the member's day from the local store in one read
 * transaction, each part read by its own module's reader (booking, billing, access, desks,
 * visitors, tickets, community) on that one snapshot, in the member's building's local time;
 * mc_today_free, mc_today_affected and the entry kinds' names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "billing/billing.h"
#include "booking/bookings.h"
#include "catalog/building.h"
#include "community/reads.h"
#include "desks/site.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/auth.h"
#include "membercore/sync.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "tickets/parse.h"
#include "tickets/tickets.h"
#include "today/entries.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"
#include "visitors/visitor.h"

/* Events read per page while looking for the 7th day's end (a busy building's week). */
#define EVENT_PAGE 64

/* The sync kinds Today is read from: all but rooms' and desks' busy times, the room catalogue
 * and notification preferences. */
#define TODAY_KINDS                                                                                \
    (MC_KIND_PROFILE | MC_KIND_COMPANY | MC_KIND_BUILDING | MC_KIND_RESERVATION | MC_KIND_ROOM |   \
     MC_KIND_EVENT | MC_KIND_RSVP | MC_KIND_NOTIFICATION | MC_KIND_CREDIT_LEDGER |                 \
     MC_KIND_CREDENTIAL | MC_KIND_PASS | MC_KIND_INVOICE | MC_KIND_MEMBERSHIP |                    \
     MC_KIND_TICKET_CATEGORY | MC_KIND_TICKET | MC_KIND_VISITOR | MC_KIND_DESK |                   \
     MC_KIND_DESK_BOOKING | MC_KIND_ANNOUNCEMENT | MC_KIND_OFFER)

const char *mc_today_entry_kind_name(mc_today_entry_kind kind)
{
    static const char *const names[] = {"unknown", "room", "desk", "pass"};
    return mci_name_of(names, MCI_COUNT(names), (int)kind);
}

bool mc_today_affected(const mc_today *today, uint32_t changed_kinds)
{
    return today == NULL || (today->depends_on & changed_kinds) != 0;
}

void mc_today_free(mc_today *t)
{
    if (t == NULL)
        return;
    char **strings[] = {&t->date,        &t->member_name,   &t->company_name,
                        &t->building_id, &t->building_name, &t->building_city};
    for (size_t i = 0; i < MCI_COUNT(strings); i++)
        free(*strings[i]);
    mc_membership_free(t->membership);
    for (size_t i = 0; i < t->entry_count; i++)
        mci_today_entry_clear(&t->entries[i]);
    free(t->entries);
    mc_visitor_list_free(t->visitors);
    mc_ticket_list_free(t->open_tickets);
    mc_event_list_free(t->events);
    mc_invoice_list_free(t->invoices_due);
    mc_announcement_list_free(t->announcements);
    free(t);
}

static mc_status no_memory(mc_error *err)
{
    return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading today");
}

/* ---- who and where -------------------------------------------------------------------- */

/* The building's hours today and whether it is open at now (closed all day by a blackout
 * covering the moment). */
static void read_hours(const mci_building *b, const mci_today_day *day, mc_today *t)
{
    mci_hours h = b->hours[mci_weekday(day->day)];
    t->open_today = h.open_min < h.close_min;
    if (!t->open_today)
        return;
    int64_t local_midnight = day->day * MCI_MS_PER_DAY;
    int64_t stamps[2] = {0, 0};
    int64_t opens =
        mci_zone_local_to_utc(&b->zone, local_midnight + h.open_min * MCI_MS_PER_MIN, stamps) > 0
            ? stamps[0]
            : day->start_ms + h.open_min * MCI_MS_PER_MIN;
    int64_t closes =
        mci_zone_local_to_utc(&b->zone, local_midnight + h.close_min * MCI_MS_PER_MIN, stamps) > 0
            ? stamps[0]
            : day->start_ms + h.close_min * MCI_MS_PER_MIN;
    mci_local_time_fill(&b->zone, opens, &t->opens_at);
    mci_local_time_fill(&b->zone, closes, &t->closes_at);
    bool blacked_out = false;
    for (size_t i = 0; i < b->blackout_count; i++)
        blacked_out = blacked_out || (b->blackouts[i].start_ms <= day->now_ms &&
                                      day->now_ms < b->blackouts[i].end_ms);
    t->open_now = opens <= day->now_ms && day->now_ms < closes && !blacked_out;
}

/* The member's day in their building's zone (UTC when it is not on this device yet). */
static void set_day(const mci_building *b, mci_today_day *day)
{
    day->zone = b != NULL ? &b->zone : NULL;
    int32_t offset = b != NULL ? mci_zone_offset_at(&b->zone, day->now_ms) : 0;
    int64_t local = day->now_ms + (int64_t)offset * MCI_MS_PER_MIN;
    day->day = local / MCI_MS_PER_DAY - (local % MCI_MS_PER_DAY < 0);
    int y, m, d;
    mci_civil_from_days(day->day, &y, &m, &d);
    snprintf(day->date, sizeof day->date, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    int64_t stamps[2] = {0, 0};
    day->start_ms =
        b != NULL && mci_zone_local_to_utc(&b->zone, day->day * MCI_MS_PER_DAY, stamps) > 0
            ? stamps[0]
            : day->day * MCI_MS_PER_DAY - (int64_t)offset * MCI_MS_PER_MIN;
    int64_t next = (day->day + 1) * MCI_MS_PER_DAY;
    day->end_ms = b != NULL && mci_zone_local_to_utc(&b->zone, next, stamps) > 0
                      ? stamps[0]
                      : day->start_ms + MCI_MS_PER_DAY;
}

/* Name, company, building (with its hours) and the membership with its days left. */
static mc_status read_who(mci_reader *r, const mc_account *a, mci_building **building,
                          mci_today_day *day, mc_today *t, mc_error *err)
{
    mc_status st = mci_membership_read(r, &t->membership, err);
    if (st != MC_OK)
        return st;
    if (t->membership->status == MC_MEMBERSHIP_NONE) {
        mc_membership_free(t->membership); /* an on-demand user */
        t->membership = NULL;
    }
    const char *building_id = a->building_id[0] != '\0' ? a->building_id
                              : t->membership != NULL   ? t->membership->building_id
                                                        : "";
    if (building_id[0] != '\0' &&
        (st = mci_building_load(r->db, building_id, building, err)) != MC_OK) {
        if (st != MC_ERR_NOT_FOUND && st != MC_ERR_SERVER)
            return st;
        *building = NULL; /* not synced yet: UTC, its id for a name */
    }
    const mci_building *b = *building;
    t->member_name = mci_strdup(a->name);
    t->building_id = mci_strdup(building_id);
    t->building_name = mci_strdup(b != NULL ? b->name : building_id);
    t->building_city = mci_strdup(b != NULL ? b->city : "");
    day->building_id = t->building_id != NULL ? t->building_id : "";
    set_day(b, day);
    t->date = mci_strdup(day->date);
    mci_local_time_fill(day->zone, day->now_ms, &t->now);
    if (b != NULL)
        read_hours(b, day, t);
    int64_t end_day = 0;
    t->contract_days_left = -1;
    if (t->membership != NULL && mci_parse_date(t->membership->contract_end, &end_day))
        t->contract_days_left = end_day > day->day ? (int32_t)(end_day - day->day) : 0;
    return t->member_name && t->building_id && t->building_name && t->building_city && t->date
               ? MC_OK
               : no_memory(err);
}

/* The company's name and credits, and this month's desk days. */
static mc_status read_means(mci_reader *r, const mc_account *a, const mci_today_day *day,
                            mc_today *t, mc_error *err)
{
    mc_credits credits = {0};
    mc_status st = MC_OK;
    if (a->company_id[0] != '\0') {
        st = mci_credits_read_company(r, a->company_id, &credits, err);
        if (st == MC_OK) {
            t->has_credits = true;
            t->credits_left = credits.balance;
            t->credits_monthly = credits.monthly_credits;
        } else if (st == MC_ERR_NOT_FOUND) {
            st = MC_OK; /* the company is not synced yet */
        }
    }
    t->company_name = mci_strdup(credits.company_name != NULL ? credits.company_name : a->company);
    free(credits.company_id);
    free(credits.company_name);
    if (st == MC_OK && t->company_name == NULL)
        st = no_memory(err);
    char month[8];
    memcpy(month, day->date, 7);
    month[7] = '\0';
    mci_desk_means means;
    if (st == MC_OK &&
        mci_desk_means_load(r->db, r->stmts, r->user_id, month, &means, err) == MC_OK) {
        t->desk_days_allowance = means.allowance;
        t->desk_days_left = means.allowance > 0 ? means.desk_days_left : 0;
    }
    return st;
}

/* ---- the lists ------------------------------------------------------------------------ */

/* Visitors of today's date (expected, awaiting approval or arrived). */
static mc_status read_visitors(mci_reader *r, const mci_today_day *day, mc_today *t, mc_error *err)
{
    if ((t->visitors = calloc(1, sizeof *t->visitors)) == NULL)
        return no_memory(err);
    mc_visitor_list *v = t->visitors;
    mc_status st = mci_visitors_read(r, day->now_ms, true, v, err);
    size_t kept = 0;
    for (size_t i = 0; i < v->count; i++) {
        if (st == MC_OK && strcmp(v->items[i].date, day->date) == 0)
            v->items[kept++] = v->items[i];
        else
            mci_visitor_clear(&v->items[i]);
    }
    v->count = kept;
    return st;
}

/* The SLA's clock first: the soonest resolution due, then the newest without one. */
static int by_sla_due(const void *a, const void *b)
{
    const mc_ticket *x = a, *y = b;
    int64_t dx = x->resolution_due_ms > 0 ? x->resolution_due_ms : INT64_MAX;
    int64_t dy = y->resolution_due_ms > 0 ? y->resolution_due_ms : INT64_MAX;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    if (x->created_at_ms != y->created_at_ms)
        return x->created_at_ms > y->created_at_ms ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Tickets not resolved or closed (queued moves applied), SLA due first. */
static mc_status read_tickets(mci_reader *r, const mci_today_day *day, mc_today *t, mc_error *err)
{
    if ((t->open_tickets = calloc(1, sizeof *t->open_tickets)) == NULL)
        return no_memory(err);
    mc_ticket_list *l = t->open_tickets;
    mci_page all;
    mci_page_all(&all);
    mc_status st = mci_tickets_read(r, day->now_ms, true, &all, l, err);
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        mc_ticket_status s = l->items[i].status;
        if (st == MC_OK && s != MC_TICKET_RESOLVED && s != MC_TICKET_CLOSED)
            l->items[kept++] = l->items[i];
        else
            mci_ticket_clear(&l->items[i]);
    }
    l->count = kept;
    if (kept > 1)
        qsort(l->items, kept, sizeof *l->items, by_sla_due);
    return st;
}

/* Events ending after now and starting within MC_TODAY_EVENT_DAYS days, page by page; then
 * the member's building's first, each group soonest first. */
static mc_status read_events(mci_reader *r, const mci_today_day *day, mc_today *t, mc_error *err)
{
    if ((t->events = calloc(1, sizeof *t->events)) == NULL)
        return no_memory(err);
    mc_event_list *out = t->events;
    int64_t until = day->now_ms + (int64_t)MC_TODAY_EVENT_DAYS * MCI_MS_PER_DAY;
    size_t cap = 0;
    char *cursor = NULL;
    mc_status st = MC_OK;
    bool done = false;
    while (st == MC_OK && !done) {
        mc_event_list got = {0};
        mci_page page = {0};
        st = mci_today_next_page(cursor, EVENT_PAGE, true, &page, err);
        if (st == MC_OK)
            st = mci_events_read(r, day->now_ms, &page, &got, err);
        mci_page_done(&page);
        free(cursor);
        cursor = got.next_cursor;
        for (size_t i = 0; i < got.count; i++) {
            bool keep = st == MC_OK && got.items[i].starts_at_ms < until;
            done = done || !keep;
            if (keep && !mci_today_grow((void **)&out->items, out->count, &cap, sizeof *out->items))
                st = no_memory(err), keep = false;
            if (keep)
                out->items[out->count++] = got.items[i];
            else
                mci_event_clear(&got.items[i]);
        }
        free(got.items);
        done = done || cursor == NULL;
    }
    free(cursor);
    /* stable: the member's building's events first */
    mc_event *sorted = st == MC_OK && out->count > 1 ? malloc(out->count * sizeof *sorted) : NULL;
    if (sorted != NULL) {
        size_t n = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < out->count; i++)
                if ((strcmp(out->items[i].building_id, day->building_id) == 0) == (pass == 0))
                    sorted[n++] = out->items[i];
        free(out->items);
        out->items = sorted;
    } else if (st == MC_OK && out->count > 1) {
        st = no_memory(err);
    }
    return st;
}

static int by_due(const void *a, const void *b)
{
    const mc_invoice *x = a, *y = b;
    if (x->due_at_ms != y->due_at_ms)
        return x->due_at_ms < y->due_at_ms ? -1 : 1;
    return strcmp(x->id, y->id);
}

static mc_status read_invoices(mci_reader *r, mc_today *t, mc_error *err)
{
    if ((t->invoices_due = calloc(1, sizeof *t->invoices_due)) == NULL)
        return no_memory(err);
    mc_status st = mci_invoices_due_read(r, t->invoices_due, err);
    if (st == MC_OK && t->invoices_due->count > 1)
        qsort(t->invoices_due->items, t->invoices_due->count, sizeof *t->invoices_due->items,
              by_due);
    return st;
}

/* Live announcements that are pinned or unread; the offers not yet redeemed. */
static mc_status read_community(mci_reader *r, const mci_today_day *day, mc_today *t, mc_error *err)
{
    if ((t->announcements = calloc(1, sizeof *t->announcements)) == NULL)
        return no_memory(err);
    mc_announcement_list *a = t->announcements;
    mci_page all;
    mci_page_all(&all);
    mc_status st = mci_announcements_read(r, day->now_ms, &all, a, err);
    size_t kept = 0;
    for (size_t i = 0; i < a->count; i++) {
        if (st == MC_OK && (a->items[i].pinned || !a->items[i].read))
            a->items[kept++] = a->items[i];
        else
            mci_announcement_clear(&a->items[i]);
    }
    a->count = kept;
    mc_offer_list *offers = st == MC_OK ? calloc(1, sizeof *offers) : NULL;
    if (st == MC_OK && offers == NULL)
        st = no_memory(err);
    if (st == MC_OK)
        st = mci_offers_read(r, day->now_ms, offers, err);
    for (size_t i = 0; st == MC_OK && i < offers->count; i++)
        t->offers_available += !offers->items[i].redeemed;
    mc_offer_list_free(offers);
    return st;
}

/* ---- the call ------------------------------------------------------------------------- */

static mc_status read_today(mci_reader *r, int64_t now_ms, mc_today *t, mc_error *err)
{
    mc_account *account = NULL;
    mc_status st = mci_account_load(r->db, &account, err);
    if (st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    if (st != MC_OK)
        return st;
    mci_building *building = NULL;
    mci_today_day day = {.now_ms = now_ms};
    st = read_who(r, account, &building, &day, t, err);
    if (st == MC_OK)
        st = read_means(r, account, &day, t, err);
    mci_today_entries entries = {NULL, 0, 0};
    if (st == MC_OK)
        st = mci_today_entries_read(r, &day, &entries, err);
    t->entries = entries.items;
    t->entry_count = entries.count;
    if (st == MC_OK)
        st = read_visitors(r, &day, t, err);
    if (st == MC_OK)
        st = read_tickets(r, &day, t, err);
    if (st == MC_OK)
        st = read_events(r, &day, t, err);
    if (st == MC_OK)
        st = mci_notifications_unread(r, &t->unread_total, t->unread_by_category, err);
    if (st == MC_OK)
        st = read_invoices(r, t, err);
    if (st == MC_OK)
        st = read_community(r, &day, t, err);
    t->depends_on = TODAY_KINDS;
    mci_building_free(building);
    mc_account_free(account);
    return st;
}

mc_status mc_today_get(mc_client *c, mc_today **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_today *t = calloc(1, sizeof *t);
    if (t == NULL)
        return no_memory(err);
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = read_today(r, mci_client_now(c), t, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_today_free(t);
        return st;
    }
    *out = t;
    return MC_OK;
}
