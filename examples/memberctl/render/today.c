/*
 * render/today.c - membercore/today.h as memberctl shows it: the member's day on one
 * screen. Who and where (the building, open now or not, its hours today), the contract
 * and what is left of it, credits and desk days left, today's rooms, desk and passes
 * with whether each door code is ready offline, visitors, open tickets with their SLA,
 * the next 7 days' events, unread notifications per category, invoices to pay,
 * announcements and offers. Every time is the building's local time with its zone
 * label, money through mc_money_format. As text or JSON (each list item in the shape
 * of its own command's JSON).
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* "08:00 IST", or "?" when unset. */
static void clock_time(const mc_local_time *t, char *out, size_t out_cap)
{
    if (!mc_local_time_is_set(t))
        snprintf(out, out_cap, "?");
    else
        snprintf(out, out_cap, "%02d:%02d %s", (int)t->hour % 100, (int)t->minute % 100, t->label);
}

static const char *kind_bit_name(uint32_t kind)
{
    return mc_kind_name((mc_kind)kind);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static cJSON *entry_json(const void *item)
{
    const mc_today_entry *e = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "kind", mc_today_entry_kind_name(e->kind)) != NULL &&
              cJSON_AddStringToObject(obj, "id", out_str(e->id)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(e->title)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(e->building_id)) != NULL &&
              json_add_local_time(obj, "start", e->start_ms, &e->start, false) &&
              json_add_local_time(obj, "end", e->end_ms, &e->end, false) &&
              cJSON_AddStringToObject(obj, "status", out_str(e->status)) != NULL &&
              cJSON_AddBoolToObject(obj, "pending", e->pending) != NULL &&
              cJSON_AddStringToObject(obj, "credential_id", out_str(e->credential_id)) != NULL &&
              cJSON_AddBoolToObject(obj, "door_code_ready", e->door_code_ready) != NULL;
    return json_finish(obj, ok);
}

static cJSON *building_json(const mc_today *t)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(t->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(t->building_name)) != NULL &&
              cJSON_AddStringToObject(obj, "city", out_str(t->building_city)) != NULL &&
              cJSON_AddBoolToObject(obj, "open_today", t->open_today) != NULL &&
              cJSON_AddBoolToObject(obj, "open_now", t->open_now) != NULL &&
              json_add_local_time(obj, "opens_at", t->opens_at.utc_ms, &t->opens_at, true) &&
              json_add_local_time(obj, "closes_at", t->closes_at.utc_ms, &t->closes_at, true);
    return json_finish(obj, ok);
}

static cJSON *membership_json(const mc_today *t)
{
    const mc_membership *m = t->membership;
    if (m == NULL)
        return cJSON_CreateNull();
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL &&
        cJSON_AddStringToObject(obj, "status", mc_membership_status_name(m->status)) != NULL &&
        cJSON_AddStringToObject(obj, "plan", out_str(m->plan)) != NULL &&
        cJSON_AddStringToObject(obj, "company_id", out_str(m->company_id)) != NULL &&
        cJSON_AddStringToObject(obj, "seat", out_str(m->seat)) != NULL &&
        cJSON_AddStringToObject(obj, "contract_end", out_str(m->contract_end)) != NULL &&
        (t->contract_days_left >= 0
             ? cJSON_AddNumberToObject(obj, "days_left", t->contract_days_left) != NULL
             : cJSON_AddNullToObject(obj, "days_left") != NULL);
    return json_finish(obj, ok);
}

static cJSON *unread_json(const mc_today *t)
{
    cJSON *obj = cJSON_CreateObject(), *by = NULL;
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "total", t->unread_total) != NULL &&
              (by = cJSON_AddObjectToObject(obj, "by_category")) != NULL;
    for (int i = 0; ok && i < MC_NOTIFY_CATEGORY_COUNT; i++) {
        mc_notification_category c = render_category_at(i);
        ok = cJSON_AddNumberToObject(by, mc_notification_category_name(c),
                                     t->unread_by_category[c]) != NULL;
    }
    return json_finish(obj, ok);
}

static cJSON *credits_json(const mc_today *t)
{
    if (!t->has_credits)
        return cJSON_CreateNull();
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "left", t->credits_left) != NULL &&
              cJSON_AddNumberToObject(obj, "monthly", t->credits_monthly) != NULL;
    return json_finish(obj, ok);
}

static cJSON *desk_days_json(const mc_today *t)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "left", t->desk_days_left) != NULL &&
              cJSON_AddNumberToObject(obj, "allowance", t->desk_days_allowance) != NULL;
    return json_finish(obj, ok);
}

/* A list the core may leave NULL (nothing of that kind) as a JSON array. */
#define TODAY_LIST(list)                                                                           \
    LIST_VIEW((list) != NULL ? (list)->items : NULL, (list) != NULL ? (list)->count : 0)

static cJSON *today_json(const mc_today *t)
{
    list_view entries = LIST_VIEW(t->entries, t->entry_count);
    list_view visitors = TODAY_LIST(t->visitors), tickets = TODAY_LIST(t->open_tickets),
              events = TODAY_LIST(t->events), invoices = TODAY_LIST(t->invoices_due),
              announcements = TODAY_LIST(t->announcements);
    cJSON *root = cJSON_CreateObject(), *member = NULL;
    bool ok = root != NULL && cJSON_AddStringToObject(root, "date", out_str(t->date)) != NULL &&
              json_add_local_time(root, "now", t->now.utc_ms, &t->now, false) &&
              (member = cJSON_AddObjectToObject(root, "member")) != NULL &&
              cJSON_AddStringToObject(member, "name", out_str(t->member_name)) != NULL &&
              cJSON_AddStringToObject(member, "company_name", out_str(t->company_name)) != NULL &&
              json_add_item(root, "building", building_json(t)) &&
              json_add_item(root, "membership", membership_json(t)) &&
              json_add_item(root, "credits", credits_json(t)) &&
              json_add_item(root, "desk_days", desk_days_json(t)) &&
              list_add_json(root, "entries", &entries, entry_json) &&
              list_add_json(root, "visitors", &visitors, render_visitor_json) &&
              list_add_json(root, "open_tickets", &tickets, render_ticket_item_json) &&
              list_add_json(root, "events", &events, render_event_json) &&
              json_add_item(root, "unread", unread_json(t)) &&
              list_add_json(root, "invoices_due", &invoices, render_invoice_json) &&
              list_add_json(root, "announcements", &announcements, render_announcement_json) &&
              cJSON_AddNumberToObject(root, "offers_available", t->offers_available) != NULL &&
              json_add_item(root, "depends_on", json_bit_names(t->depends_on, kind_bit_name));
    return json_finish(root, ok);
}

/* ---- Text -------------------------------------------------------------------------------- */

/* "  10:00 to 12:00 IST  Boardroom (room, confirmed): door code ready offline" */
static void entry_text(const void *item, const void *context)
{
    const mc_today_entry *e = item;
    (void)context;
    char when[160];
    if (e->kind == MC_TODAY_ROOM) {
        char from[64], to[64];
        clock_time(&e->start, from, sizeof from);
        clock_time(&e->end, to, sizeof to);
        /* "10:00 to 12:00 IST" when both share the label */
        if (strcmp(e->start.label, e->end.label) == 0)
            snprintf(when, sizeof when, "%02d:%02d to %s", (int)e->start.hour % 100,
                     (int)e->start.minute % 100, to);
        else
            snprintf(when, sizeof when, "%s to %s", from, to);
    } else {
        snprintf(when, sizeof when, "all day");
    }
    char status[WORDS_MAX];
    words_name(out_str(e->status), status, sizeof status);
    const char *credential = out_str(e->credential_id);
    printf("  %-20s %s, %s (%s%s%s)", when, out_str(e->title), out_str(e->building_id),
           mc_today_entry_kind_name(e->kind), status[0] != '\0' ? ", " : "", status);
    if (e->pending)
        printf(" (pending)");
    if (credential[0] == '\0')
        printf(": no door code yet\n");
    else if (e->door_code_ready)
        printf(": door code ready offline (memberctl qr %s)\n", credential);
    else
        printf(": door code not on this device yet (memberctl sync)\n");
}

/* "  Neha Sharma, Mon 7 Dec, 10:00–12:00 IST: invited" */
static void visitor_line(const void *item, const void *context)
{
    const mc_visitor *v = item;
    (void)context;
    char when[256], status[WORDS_MAX];
    render_visitor_when(v, when, sizeof when);
    words_name(mc_visitor_status_name(v->status), status, sizeof status);
    printf("  %s, %s: %s%s\n", out_str(v->name), when, status, v->pending ? " (pending)" : "");
}

/* "  T-1001  Cleaning/Washroom: in progress; SLA at risk, resolution due 2026-12-07 14:00 IST" */
static void ticket_line(const void *item, const void *context)
{
    const mc_ticket *k = item;
    (void)context;
    char status[WORDS_MAX], sla[WORDS_MAX], due[DATETIME_LOCAL_MAX];
    words_name(mc_ticket_status_name(k->status), status, sizeof status);
    words_name(mc_sla_state_name(k->sla), sla, sizeof sla);
    datetime_format_local(&k->resolution_due, false, "not yet known", due, sizeof due);
    const char *number = out_str(k->number);
    printf("  %s  %s: %s%s; SLA %s, resolution due %s\n",
           number[0] != '\0' ? number : "T-… pending", out_str(k->category_path), status,
           k->pending ? " (pending)" : "", sla, due);
}

/* "  EVT-1  Networking Hour, BLR-1, 2026-12-09 18:00 to 20:00 IST: going" */
static void event_line(const void *item, const void *context)
{
    const mc_event *e = item;
    (void)context;
    char span[DATETIME_LOCAL_MAX * 2], rsvp[64];
    datetime_format_local_span(&e->starts_at, &e->ends_at, span, sizeof span);
    if (e->my_rsvp == MC_RSVP_WAITLISTED && e->waitlist_position > 0)
        snprintf(rsvp, sizeof rsvp, "waitlisted, number %d in line", (int)e->waitlist_position);
    else if (e->my_rsvp == MC_RSVP_NONE)
        snprintf(rsvp, sizeof rsvp, "no RSVP");
    else
        words_name(mc_rsvp_name(e->my_rsvp), rsvp, sizeof rsvp);
    printf("  %s  %s, %s, %s: %s%s\n", out_str(e->id), out_str(e->title), out_str(e->building_id),
           span, rsvp, e->pending ? " (pending)" : "");
}

/* "  INV-2026-0003  ₹4,248.00, overdue, due 2026-12-10 (end of day) IST" */
static void invoice_line(const void *item, const void *context)
{
    const mc_invoice *inv = item;
    (void)context;
    char total[RENDER_MONEY_MAX], due[DATETIME_LOCAL_MAX];
    render_money(inv->total, total, sizeof total);
    datetime_format_local_deadline(&inv->due_at, "none", due, sizeof due);
    const char *number = out_str(inv->number);
    printf("  %s  %s, %s, due %s\n", number[0] != '\0' ? number : out_str(inv->id), total,
           mc_invoice_status_name(inv->status), due);
}

/* "  [pinned] Water shut-off on Saturday (unread)" */
static void announcement_line(const void *item, const void *context)
{
    const mc_announcement *n = item;
    (void)context;
    printf("  %s  %s%s (%s%s)\n", out_str(n->id), n->pinned ? "[pinned] " : "", out_str(n->title),
           n->read ? "read" : "unread", n->pending ? ", pending" : "");
}

/* A section: its heading, then its items, or the line for none. */
static void section(const char *heading, const list_view *v, list_item_text_fn line,
                    const char *if_none)
{
    if (v->count == 0) {
        if (if_none != NULL)
            printf("%s: %s\n", heading, if_none);
        return;
    }
    printf("%s:\n", heading);
    list_text(v, line, NULL);
}

static void where_text(const mc_today *t)
{
    char day[DATETIME_DAY_WORDS_MAX], now[64];
    datetime_format_day_words(out_str(t->date), 0, day, sizeof day);
    clock_time(&t->now, now, sizeof now);
    const char *company = out_str(t->company_name);
    printf("Today, %s %d, %s: %s%s%s\n", day, (int)t->now.year, now, out_str(t->member_name),
           company[0] != '\0' ? ", " : "", company);
    if (out_str(t->building_id)[0] == '\0') {
        printf("No building of your own on this device yet (memberctl sync fetches it).\n");
        return;
    }
    printf("%s (%s, %s): ", out_str(t->building_id), out_str(t->building_name),
           out_str(t->building_city));
    char opens[64], closes[64];
    clock_time(&t->opens_at, opens, sizeof opens);
    clock_time(&t->closes_at, closes, sizeof closes);
    if (!t->open_today)
        printf("closed today\n");
    else
        printf("%s, hours today %.5s to %s\n", t->open_now ? "open now" : "closed now", opens,
               closes);
}

static void contract_text(const mc_today *t)
{
    const mc_membership *m = t->membership;
    if (m == NULL) {
        printf("No membership: you book on demand (day passes, rooms and desks by card).\n");
    } else {
        char plan[WORDS_MAX];
        words_name(out_str(m->plan), plan, sizeof plan);
        const char *seat = out_str(m->seat), *end = out_str(m->contract_end);
        printf("Membership: %s plan (%s)%s%s", plan, mc_membership_status_name(m->status),
               seat[0] != '\0' ? ", " : "", seat);
        if (end[0] != '\0' && t->contract_days_left >= 0)
            printf("; contract ends %s (%d day%s left)", end, (int)t->contract_days_left,
                   t->contract_days_left == 1 ? "" : "s");
        printf("\n");
    }
    if (t->has_credits)
        printf("Credits: %d of %d left this month.", (int)t->credits_left, (int)t->credits_monthly);
    if (t->desk_days_allowance > 0)
        printf("%sDesk days: %d of %d left this month.", t->has_credits ? " " : "",
               (int)t->desk_days_left, (int)t->desk_days_allowance);
    if (t->has_credits || t->desk_days_allowance > 0)
        printf("\n");
}

static void unread_text(const mc_today *t)
{
    printf("Notifications: %d unread", (int)t->unread_total);
    if (t->unread_total > 0) {
        printf(" (");
        bool first = true;
        for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++) {
            mc_notification_category c = render_category_at(i);
            if (t->unread_by_category[c] == 0)
                continue;
            printf("%s%s %d", first ? "" : ", ", mc_notification_category_name(c),
                   (int)t->unread_by_category[c]);
            first = false;
        }
        printf("): memberctl notifications");
    }
    printf("\n");
}

int render_today(const app *a, const mc_today *t)
{
    if (a->json)
        return out_json(a, today_json(t));
    where_text(t);
    contract_text(t);
    printf("\n");
    list_view entries = LIST_VIEW(t->entries, t->entry_count);
    list_view visitors = TODAY_LIST(t->visitors), tickets = TODAY_LIST(t->open_tickets),
              events = TODAY_LIST(t->events), invoices = TODAY_LIST(t->invoices_due),
              announcements = TODAY_LIST(t->announcements);
    section("Your day", &entries, entry_text,
            "nothing booked (memberctl rooms search, desks search, passes quote)");
    section("Visitors today", &visitors, visitor_line, NULL);
    section("Open tickets", &tickets, ticket_line, NULL);
    section("Events in the next 7 days", &events, event_line, "none");
    unread_text(t);
    section("Invoices to pay", &invoices, invoice_line, NULL);
    section("Announcements (pinned or unread)", &announcements, announcement_line, NULL);
    if (t->offers_available > 0)
        printf("Offers: %d for you (memberctl offers)\n", (int)t->offers_available);
    return MEMBERCTL_EXIT_OK;
}
