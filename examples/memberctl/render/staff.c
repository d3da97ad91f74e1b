/*
 * render/staff.c - membercore/staff.h as memberctl shows it to ground staff: the building's
 * queue (most urgent first, with each ticket's SLA due time and badge), one ticket with its
 * reporter, timeline and internal notes, what an action did, and the colleagues; as text or
 * JSON. Times are the building's local time with its zone label, as the core converted them.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* A core name as words: "in_progress" -> "in progress", "at_risk" -> "at risk". */
/* The ticket's name for staff: its number, or its id while it has none. */
static const char *ticket_name(const mc_ticket *t)
{
    return t->number != NULL && t->number[0] != '\0' ? t->number : out_str(t->id);
}

/* ---- JSON ------------------------------------------------------------------------ */

static cJSON *entry_json(const void *item)
{
    const mc_ticket_entry *e = item;
    bool is_status = e->type == MC_TICKET_ENTRY_STATUS;
    cJSON *obj = cJSON_CreateObject(), *photos = NULL;
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(e->id)) != NULL &&
        cJSON_AddStringToObject(obj, "type", mc_ticket_entry_type_name(e->type)) != NULL &&
        json_add_local_time(obj, "at", e->at_ms, &e->at, false) &&
        cJSON_AddStringToObject(obj, "author_role", out_str(e->author_role)) != NULL &&
        cJSON_AddStringToObject(obj, "author_name", out_str(e->author_name)) != NULL &&
        json_add_string_or_null(obj, "from", is_status ? mc_ticket_status_name(e->from) : NULL) &&
        json_add_string_or_null(obj, "to", is_status ? mc_ticket_status_name(e->to) : NULL) &&
        cJSON_AddStringToObject(obj, "text", out_str(e->text)) != NULL &&
        cJSON_AddBoolToObject(obj, "internal", false) != NULL &&
        (photos = cJSON_AddArrayToObject(obj, "photo_ids")) != NULL;
    for (size_t i = 0; ok && i < e->photo_count; i++)
        ok = json_append(photos, cJSON_CreateString(out_str(e->photo_ids[i])));
    return json_finish(obj, ok);
}

static cJSON *note_json(const void *item)
{
    const mc_staff_note *n = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(n->id)) != NULL &&
              json_add_local_time(obj, "at", n->at_ms, &n->at, false) &&
              cJSON_AddStringToObject(obj, "author_name", out_str(n->author_name)) != NULL &&
              cJSON_AddStringToObject(obj, "text", out_str(n->text)) != NULL;
    return json_finish(obj, ok);
}

static cJSON *photo_json(const void *item)
{
    const mc_ticket_photo *p = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(p->id)) != NULL &&
              cJSON_AddStringToObject(obj, "comment_id", out_str(p->comment_id)) != NULL &&
              cJSON_AddStringToObject(obj, "content_type", out_str(p->content_type)) != NULL &&
              cJSON_AddNumberToObject(obj, "bytes", (double)p->bytes) != NULL &&
              cJSON_AddBoolToObject(obj, "uploaded", p->uploaded) != NULL;
    return json_finish(obj, ok);
}

/* A staff ticket: the ticket's fields, the staff's, and (details) its timeline, notes, photos. */
static cJSON *staff_ticket_json_of(const mc_staff_ticket *s, bool details)
{
    const mc_ticket *t = &s->ticket;
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(t->id)) != NULL &&
        cJSON_AddStringToObject(obj, "number", out_str(t->number)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(t->building_id)) != NULL &&
        cJSON_AddStringToObject(obj, "category_id", out_str(t->category_id)) != NULL &&
        cJSON_AddStringToObject(obj, "category_path", out_str(t->category_path)) != NULL &&
        cJSON_AddStringToObject(obj, "priority", mc_ticket_priority_name(t->priority)) != NULL &&
        cJSON_AddStringToObject(obj, "description", out_str(t->description)) != NULL &&
        cJSON_AddStringToObject(obj, "location_kind",
                                mc_ticket_location_kind_name(t->location_kind)) != NULL &&
        cJSON_AddStringToObject(obj, "location_name", out_str(t->location_name)) != NULL &&
        cJSON_AddStringToObject(obj, "status", mc_ticket_status_name(t->status)) != NULL &&
        cJSON_AddStringToObject(obj, "reporter_id", out_str(s->reporter_id)) != NULL &&
        cJSON_AddStringToObject(obj, "reporter_name", out_str(s->reporter_name)) != NULL &&
        cJSON_AddStringToObject(obj, "assignee_id", out_str(s->assignee_id)) != NULL &&
        cJSON_AddStringToObject(obj, "assignee_name", out_str(t->assignee_name)) != NULL &&
        json_add_local_time(obj, "created_at", t->created_at_ms, &t->created_at, false) &&
        json_add_local_time(obj, "updated_at", t->updated_at_ms, &t->updated_at, false) &&
        json_add_local_time(obj, "resolved_at", t->resolved_at_ms, &t->resolved_at, true) &&
        json_add_local_time(obj, "response_due", t->response_due_ms, &t->response_due, true) &&
        json_add_local_time(obj, "resolution_due", t->resolution_due_ms, &t->resolution_due,
                            true) &&
        json_add_time(obj, "responded_at", t->responded_at_ms, true) &&
        cJSON_AddStringToObject(obj, "sla", mc_sla_state_name(t->sla)) != NULL;
    if (ok && details) {
        list_view timeline = LIST_VIEW(t->timeline, t->timeline_count);
        list_view notes = LIST_VIEW(s->notes, s->note_count);
        list_view photos = LIST_VIEW(t->photos, t->photo_count);
        ok = list_add_json(obj, "timeline", &timeline, entry_json) &&
             list_add_json(obj, "notes", &notes, note_json) &&
             list_add_json(obj, "photos", &photos, photo_json);
    }
    return json_finish(obj, ok);
}

static cJSON *queue_item_json(const void *item)
{
    return staff_ticket_json_of(item, false);
}

static cJSON *colleague_json(const void *item)
{
    const mc_staff_colleague *c = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(c->id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(c->name)) != NULL;
    return json_finish(obj, ok);
}

/* ---- the queue --------------------------------------------------------------------- */

/* "2027-01-04 10:30 IST (at risk)": the resolution due time and the badge. */
static void due_cell(const void *item, char *out, size_t out_cap)
{
    const mc_ticket *t = &((const mc_staff_ticket *)item)->ticket;
    char due[DATETIME_LOCAL_MAX], badge[24];
    datetime_format_local(&t->resolution_due, false, "-", due, sizeof due);
    words_name(mc_sla_state_name(t->sla), badge, sizeof badge);
    snprintf(out, out_cap, "%s (%s)", due, badge);
}

static void number_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", ticket_name(&((const mc_staff_ticket *)item)->ticket));
}

static void category_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_staff_ticket *)item)->ticket.category_path));
}

static void status_cell(const void *item, char *out, size_t out_cap)
{
    words_name(mc_ticket_status_name(((const mc_staff_ticket *)item)->ticket.status), out, out_cap);
}

typedef struct queue_widths {
    int number, category, due, status;
} queue_widths;

static void queue_row_text(const void *item, const void *context)
{
    const mc_staff_ticket *s = item;
    const queue_widths *w = context;
    char number[64], category[128], due[DATETIME_LOCAL_MAX + 32], status[32];
    number_cell(s, number, sizeof number);
    category_cell(s, category, sizeof category);
    due_cell(s, due, sizeof due);
    status_cell(s, status, sizeof status);
    const char *assignee = out_str(s->ticket.assignee_name);
    printf("  %-*s  %-8s  %-*s  %-*s  %-*s  %s\n", w->number, number,
           mc_ticket_priority_name(s->ticket.priority), w->category, category, w->due, due,
           w->status, status, assignee[0] ? assignee : "-");
}

int render_staff_queue(const app *a, mc_staff_queue queue, const mc_staff_ticket_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("tickets", &v, queue_item_json));
    char which[24];
    words_name(mc_staff_queue_name(queue), which, sizeof which);
    const char *qualifier = queue == MC_STAFF_QUEUE_ALL ? "" : which;
    if (list->count == 0) {
        printf("No %s%stickets in your building's queue.\n", qualifier, qualifier[0] ? " " : "");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu %s%sticket%s at %s, most urgent first (due: the SLA's resolution time, in the "
           "building's local time):\n",
           list->count, qualifier, qualifier[0] ? " " : "", list->count == 1 ? "" : "s",
           out_str(list->items[0].ticket.building_id));
    queue_widths w = {
        .number = list_column_width(&v, "TICKET", number_cell),
        .category = list_column_width(&v, "CATEGORY", category_cell),
        .due = list_column_width(&v, "DUE", due_cell),
        .status = list_column_width(&v, "STATUS", status_cell),
    };
    printf("  %-*s  %-8s  %-*s  %-*s  %-*s  %s\n", w.number, "TICKET", "PRIORITY", w.category,
           "CATEGORY", w.due, "DUE", w.status, "STATUS", "ASSIGNEE");
    list_text(&v, queue_row_text, &w);
    printf("Open one with: memberctl staff tickets show TICKET\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- one ticket -------------------------------------------------------------------- */

/* One line of the timeline: "  2027-01-04 10:05 IST  Kiran Das: open → assigned". */
static void entry_text(const mc_ticket_entry *e)
{
    char at[DATETIME_LOCAL_MAX];
    datetime_format_local(&e->at, false, "?", at, sizeof at);
    const char *who = out_str(e->author_name);
    if (who[0] == '\0')
        who = out_str(e->author_role);
    switch (e->type) {
    case MC_TICKET_ENTRY_CREATED:
        printf("  %s  %s filed it%s%s\n", at, who, e->text && e->text[0] ? ": " : "",
               out_str(e->text));
        break;
    case MC_TICKET_ENTRY_STATUS: {
        char from[24], to[24];
        words_name(mc_ticket_status_name(e->from), from, sizeof from);
        words_name(mc_ticket_status_name(e->to), to, sizeof to);
        const char *words = out_str(e->text);
        printf("  %s  %s: %s -> %s%s%s%s\n", at, who, from, to, words[0] ? " (" : "", words,
               words[0] ? ")" : "");
        break;
    }
    case MC_TICKET_ENTRY_COMMENT:
        printf("  %s  %s replied: %s%s\n", at, who, out_str(e->text),
               e->photo_count ? " (with photos)" : "");
        break;
    case MC_TICKET_ENTRY_PHOTO:
        printf("  %s  a photo arrived\n", at);
        break;
    }
}

static void note_text(const mc_staff_note *n)
{
    char at[DATETIME_LOCAL_MAX];
    datetime_format_local(&n->at, false, "?", at, sizeof at);
    printf("  %s  [internal note] %s: %s\n", at, out_str(n->author_name), out_str(n->text));
}

/* The timeline and the internal notes together, oldest first. */
static void timeline_text(const mc_staff_ticket *s)
{
    const mc_ticket *t = &s->ticket;
    size_t i = 0, j = 0;
    while (i < t->timeline_count || j < s->note_count) {
        bool note_next = j < s->note_count &&
                         (i == t->timeline_count || s->notes[j].at_ms < t->timeline[i].at_ms);
        if (note_next)
            note_text(&s->notes[j++]);
        else
            entry_text(&t->timeline[i++]);
    }
}

/* The next step staff usually take from this status. */
static void next_text(const mc_ticket *t)
{
    const char *name = ticket_name(t);
    switch (t->status) {
    case MC_TICKET_OPEN:
        printf("Next: memberctl staff tickets assign %s [--to NAME]\n", name);
        break;
    case MC_TICKET_ASSIGNED:
        printf("Next: memberctl staff tickets start %s\n", name);
        break;
    case MC_TICKET_IN_PROGRESS:
        printf("Next: memberctl staff tickets resolve %s\n", name);
        break;
    case MC_TICKET_RESOLVED:
        printf("Reopen it if the fix did not hold: memberctl staff tickets reopen %s\n", name);
        break;
    case MC_TICKET_CLOSED:
        break;
    }
}

static void staff_ticket_text(const mc_staff_ticket *s)
{
    const mc_ticket *t = &s->ticket;
    char status[32], priority[16], line[512], when[DATETIME_LOCAL_MAX], due[DATETIME_LOCAL_MAX],
        badge[24];
    words_name(mc_ticket_status_name(t->status), status, sizeof status);
    snprintf(priority, sizeof priority, "%s", mc_ticket_priority_name(t->priority));
    printf("%s  %s  (%s priority)\n", ticket_name(t), out_str(t->category_path), priority);
    const char *assignee = out_str(t->assignee_name);
    snprintf(line, sizeof line, "%s%s%s", status, assignee[0] ? ", with " : ", nobody assigned",
             assignee);
    render_field_text("Status:", line);
    datetime_format_local(&t->created_at, false, "?", when, sizeof when);
    snprintf(line, sizeof line, "%s, %s", out_str(s->reporter_name), when);
    render_field_text("Filed by:", line);
    snprintf(line, sizeof line, "%s%s%s", out_str(t->building_id),
             t->location_name && t->location_name[0] ? ", " : "", out_str(t->location_name));
    render_field_text("Where:", line);
    render_field_text("Problem:", out_str(t->description));
    datetime_format_local(&t->response_due, false, "-", due, sizeof due);
    snprintf(line, sizeof line, "%s%s", due,
             t->responded_at_ms ? " (responded)" : " (no response yet)");
    render_field_text("Respond:", line);
    datetime_format_local(&t->resolution_due, false, "-", due, sizeof due);
    words_name(mc_sla_state_name(t->sla), badge, sizeof badge);
    snprintf(line, sizeof line, "%s, %s", due, badge);
    render_field_text("Resolve:", line);
    if (t->photo_count > 0) {
        if (t->photos_waiting > 0)
            snprintf(line, sizeof line, "%zu (%d still uploading)", t->photo_count,
                     (int)t->photos_waiting);
        else
            snprintf(line, sizeof line, "%zu", t->photo_count);
        render_field_text("Photos:", line);
    }
    printf("Timeline (internal notes are never shown to the member):\n");
    timeline_text(s);
}

int render_staff_ticket(const app *a, const mc_staff_ticket *ticket)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "ticket", staff_ticket_json_of(ticket, true));
        return out_json(a, json_finish(root, ok));
    }
    staff_ticket_text(ticket);
    next_text(&ticket->ticket);
    return MEMBERCTL_EXIT_OK;
}

int render_staff_done(const app *a, const char *what, const mc_staff_ticket *ticket)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "done", what) != NULL &&
                  json_add_item(root, "ticket", staff_ticket_json_of(ticket, true));
        return out_json(a, json_finish(root, ok));
    }
    printf("%s\n\n", what);
    staff_ticket_text(ticket);
    next_text(&ticket->ticket);
    return MEMBERCTL_EXIT_OK;
}

/* ---- colleagues -------------------------------------------------------------------- */

static void colleague_id_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_staff_colleague *)item)->id));
}

static void colleague_text(const void *item, const void *context)
{
    const mc_staff_colleague *c = item;
    printf("  %-*s  %s\n", *(const int *)context, out_str(c->id), out_str(c->name));
}

int render_staff_colleagues(const app *a, const mc_staff_colleague_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("staff", &v, colleague_json));
    printf("%zu staff in your building:\n", list->count);
    int width = list_column_width(&v, NULL, colleague_id_cell);
    list_text(&v, colleague_text, &width);
    printf("Assign a ticket with: memberctl staff tickets assign TICKET --to NAME\n");
    return MEMBERCTL_EXIT_OK;
}
