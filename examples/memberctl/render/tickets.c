/*
 * render/tickets.c - membercore/tickets.h as memberctl shows it: the category tree with
 * its SLA targets, the member's tickets, one ticket with its timeline and photos, what
 * filing, a comment, a resolve or a reopen did, and a photo's upload as a sync event
 * names it; as text or JSON. Times are the building's local time with its zone label,
 * as the core converted them; SLA instants are the server's.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* How a ticket is named before the server numbered it. */
#define PENDING_LABEL "T-\xE2\x80\xA6 pending"
/* A description in a list: one line of at most this many characters. */
#define LIST_DESCRIPTION_CHARS 72

/* "T-1001", or "T-… pending" while the ticket is only on this device. */
static const char *ticket_label(const mc_ticket *t)
{
    return t->number != NULL && t->number[0] != '\0' ? t->number : PENDING_LABEL;
}

/* A core name in words into a static-sized buffer: "in progress", "on track". */
typedef struct words_buf {
    char text[WORDS_MAX];
} words_buf;

static words_buf in_words(const char *name)
{
    words_buf w;
    words_name(name, w.text, sizeof w.text);
    return w;
}

/* 1-based position of photo id among the ticket's photos, or 0. */
static size_t photo_number(const mc_ticket *t, const char *id)
{
    for (size_t i = 0; i < t->photo_count; i++) {
        if (strcmp(out_str(t->photos[i].id), out_str(id)) == 0)
            return i + 1;
    }
    return 0;
}

/* ---- Categories ----------------------------------------------------------------- */

static cJSON *category_json(const void *item)
{
    const mc_ticket_category *c = item;
    cJSON *obj = cJSON_CreateObject();
    bool top = !c->leaf;
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(c->id)) != NULL &&
              json_add_string_or_null(obj, "parent_id", top ? NULL : out_str(c->parent_id)) &&
              cJSON_AddStringToObject(obj, "name", out_str(c->name)) != NULL &&
              cJSON_AddStringToObject(obj, "path", out_str(c->path)) != NULL &&
              cJSON_AddBoolToObject(obj, "leaf", c->leaf) != NULL &&
              json_add_string_or_null(obj, "team", top ? NULL : out_str(c->team));
    if (ok && top) {
        ok = cJSON_AddNullToObject(obj, "sla") != NULL;
    } else if (ok) {
        cJSON *sla = cJSON_AddObjectToObject(obj, "sla");
        ok = sla != NULL && cJSON_AddNumberToObject(sla, "response_min", c->response_min) &&
             cJSON_AddNumberToObject(sla, "resolution_min", c->resolution_min);
    }
    return json_finish(obj, ok);
}

static void leaf_name_cell(const void *item, char *out, size_t out_cap)
{
    const mc_ticket_category *c = item;
    snprintf(out, out_cap, "%s", c->leaf ? out_str(c->name) : "");
}

static void leaf_team_cell(const void *item, char *out, size_t out_cap)
{
    const mc_ticket_category *c = item;
    snprintf(out, out_cap, "%s", c->leaf ? out_str(c->team) : "");
}

typedef struct category_columns {
    int name, team;
} category_columns;

/*
 * Cleaning
 *   Washroom       Housekeeping  first response within 15 minutes, resolved within 1 hour
 */
static void category_text(const void *item, const void *context)
{
    const mc_ticket_category *c = item;
    const category_columns *w = context;
    if (!c->leaf) {
        printf("%s\n", out_str(c->name));
        return;
    }
    char response[WORDS_MAX], resolution[WORDS_MAX];
    words_minutes(c->response_min, response, sizeof response);
    words_minutes(c->resolution_min, resolution, sizeof resolution);
    printf("  %-*s  %-*s  first response within %s, resolved within %s\n", w->name,
           out_str(c->name), w->team, out_str(c->team), response, resolution);
}

int render_ticket_categories(const app *a, const mc_ticket_category_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("categories", &v, category_json));
    if (list->count == 0) {
        printf("No ticket categories on this device yet; fetch them with: memberctl sync\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("Ticket categories: each leaf, its team and its SLA at normal priority\n"
           "(counted in the building's opening hours; urgent takes a quarter of the time,\n"
           "high half, low twice):\n");
    category_columns w = {list_column_width(&v, NULL, leaf_name_cell),
                          list_column_width(&v, NULL, leaf_team_cell)};
    list_text(&v, category_text, &w);
    printf("File a ticket with: memberctl tickets new --category \"Cleaning/Washroom\" "
           "--priority normal --description TEXT\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- A ticket as JSON ----------------------------------------------------------- */

static bool add_location_json(cJSON *obj, const mc_ticket *t)
{
    if (t->location_kind == MC_TICKET_LOCATION_NONE)
        return cJSON_AddNullToObject(obj, "location") != NULL;
    cJSON *loc = cJSON_AddObjectToObject(obj, "location");
    bool room = t->location_kind == MC_TICKET_LOCATION_ROOM;
    return loc != NULL &&
           cJSON_AddStringToObject(loc, "kind", mc_ticket_location_kind_name(t->location_kind)) !=
               NULL &&
           json_add_string_or_null(loc, "id", room ? out_str(t->location_id) : NULL) &&
           cJSON_AddStringToObject(loc, "name", out_str(t->location_name)) != NULL;
}

static bool add_sla_json(cJSON *obj, const mc_ticket *t)
{
    cJSON *sla = cJSON_AddObjectToObject(obj, "sla");
    return sla != NULL &&
           cJSON_AddStringToObject(sla, "state", mc_sla_state_name(t->sla)) != NULL &&
           json_add_local_time(sla, "response_due", t->response_due_ms, &t->response_due, true) &&
           json_add_local_time(sla, "resolution_due", t->resolution_due_ms, &t->resolution_due,
                               true) &&
           json_add_time(sla, "at_risk_from", t->at_risk_from_ms, true) &&
           json_add_time(sla, "responded_at", t->responded_at_ms, true);
}

static cJSON *entry_json(const void *item)
{
    const mc_ticket_entry *e = item;
    bool status = e->type == MC_TICKET_ENTRY_STATUS;
    cJSON *obj = cJSON_CreateObject(), *author = NULL, *photos = NULL;
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(e->id)) != NULL &&
        cJSON_AddStringToObject(obj, "type", mc_ticket_entry_type_name(e->type)) != NULL &&
        json_add_local_time(obj, "at", e->at_ms, &e->at, false) &&
        (author = cJSON_AddObjectToObject(obj, "author")) != NULL &&
        cJSON_AddStringToObject(author, "role", out_str(e->author_role)) != NULL &&
        cJSON_AddStringToObject(author, "name", out_str(e->author_name)) != NULL &&
        json_add_string_or_null(obj, "from", status ? mc_ticket_status_name(e->from) : NULL) &&
        json_add_string_or_null(obj, "to", status ? mc_ticket_status_name(e->to) : NULL) &&
        cJSON_AddStringToObject(obj, "text", out_str(e->text)) != NULL &&
        (photos = cJSON_AddArrayToObject(obj, "photo_ids")) != NULL;
    for (size_t i = 0; ok && i < e->photo_count; i++)
        ok = json_append(photos, cJSON_CreateString(out_str(e->photo_ids[i])));
    ok = ok && cJSON_AddBoolToObject(obj, "pending", e->pending) != NULL;
    return json_finish(obj, ok);
}

/* "uploaded", "failed" (the server refused it for good) or "waiting". */
static const char *photo_state_name(const mc_ticket_photo *p)
{
    return p->uploaded ? "uploaded" : p->failed ? "failed" : "waiting";
}

static cJSON *photo_json(const void *item)
{
    const mc_ticket_photo *p = item;
    const char *failure = out_str(p->failure);
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(p->id)) != NULL &&
        json_add_string_or_null(obj, "comment_id",
                                out_str(p->comment_id)[0] != '\0' ? p->comment_id : NULL) &&
        cJSON_AddStringToObject(obj, "content_type", out_str(p->content_type)) != NULL &&
        cJSON_AddNumberToObject(obj, "bytes", (double)p->bytes) != NULL &&
        cJSON_AddStringToObject(obj, "state", photo_state_name(p)) != NULL &&
        json_add_string_or_null(obj, "failure", p->failed ? failure : NULL) &&
        cJSON_AddBoolToObject(obj, "uploaded", p->uploaded) != NULL &&
        cJSON_AddNumberToObject(obj, "sent_bytes", (double)p->sent_bytes) != NULL &&
        cJSON_AddNumberToObject(obj, "percent",
                                p->uploaded ? 100 : words_percent(p->sent_bytes, p->bytes)) != NULL;
    return json_finish(obj, ok);
}

static cJSON *ticket_json(const mc_ticket *t)
{
    cJSON *obj = cJSON_CreateObject();
    const char *number = out_str(t->number);
    const char *assignee = out_str(t->assignee_name);
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(t->id)) != NULL &&
        json_add_string_or_null(obj, "number", number[0] != '\0' ? number : NULL) &&
        cJSON_AddStringToObject(obj, "building_id", out_str(t->building_id)) != NULL &&
        cJSON_AddStringToObject(obj, "category_id", out_str(t->category_id)) != NULL &&
        cJSON_AddStringToObject(obj, "category_path", out_str(t->category_path)) != NULL &&
        cJSON_AddStringToObject(obj, "priority", mc_ticket_priority_name(t->priority)) != NULL &&
        cJSON_AddStringToObject(obj, "description", out_str(t->description)) != NULL &&
        add_location_json(obj, t) &&
        cJSON_AddStringToObject(obj, "status", mc_ticket_status_name(t->status)) != NULL &&
        json_add_string_or_null(obj, "assignee_name", assignee[0] != '\0' ? assignee : NULL) &&
        json_add_local_time(obj, "created_at", t->created_at_ms, &t->created_at, true) &&
        json_add_local_time(obj, "updated_at", t->updated_at_ms, &t->updated_at, true) &&
        json_add_local_time(obj, "resolved_at", t->resolved_at_ms, &t->resolved_at, true) &&
        json_add_local_time(obj, "closed_at", t->closed_at_ms, &t->closed_at, true) &&
        json_add_local_time(obj, "reopen_until", t->reopen_until_ms, &t->reopen_until, true) &&
        add_sla_json(obj, t) &&
        cJSON_AddNumberToObject(obj, "photos_waiting", t->photos_waiting) != NULL &&
        cJSON_AddNumberToObject(obj, "photos_failed", t->photos_failed) != NULL &&
        cJSON_AddBoolToObject(obj, "pending", t->pending) != NULL;
    if (ok && t->timeline != NULL) {
        list_view entries = LIST_VIEW(t->timeline, t->timeline_count);
        ok = list_add_json(obj, "timeline", &entries, entry_json);
    }
    if (ok && t->photos != NULL) {
        list_view photos = LIST_VIEW(t->photos, t->photo_count);
        ok = list_add_json(obj, "photos", &photos, photo_json);
    }
    return json_finish(obj, ok);
}

cJSON *render_ticket_item_json(const void *item)
{
    return ticket_json(item);
}

/* ---- A ticket as text ----------------------------------------------------------- */

/* "BLR-1", "BLR-1, Boardroom (room BLR-1-BOARD)", "BLR-1, Cabin 1019", "BLR-1, desk D4":
 * the kind is said unless the name already starts with it. */
static void where_text(const mc_ticket *t, char *out, size_t out_cap)
{
    const char *kind = mc_ticket_location_kind_name(t->location_kind);
    const char *name = out_str(t->location_name);
    if (t->location_kind == MC_TICKET_LOCATION_NONE)
        snprintf(out, out_cap, "%s", out_str(t->building_id));
    else if (t->location_kind == MC_TICKET_LOCATION_ROOM)
        snprintf(out, out_cap, "%s, %s (room %s)", out_str(t->building_id),
                 name[0] != '\0' ? name : out_str(t->location_id), out_str(t->location_id));
    else if (strncasecmp(name, kind, strlen(kind)) == 0)
        snprintf(out, out_cap, "%s, %s", out_str(t->building_id), name);
    else
        snprintf(out, out_cap, "%s, %s %s", out_str(t->building_id), kind, name);
}

/* "in progress, assigned to Kiran Das" / "resolved, handled by Kiran Das" / "open, waiting
 * for staff" / "resolved". */
static void status_text(const mc_ticket *t, char *out, size_t out_cap)
{
    words_buf status = in_words(mc_ticket_status_name(t->status));
    const char *assignee = out_str(t->assignee_name);
    bool done = t->status == MC_TICKET_RESOLVED || t->status == MC_TICKET_CLOSED;
    if (assignee[0] != '\0')
        snprintf(out, out_cap, "%s, %s %s", status.text, done ? "handled by" : "assigned to",
                 assignee);
    else if (t->status == MC_TICKET_OPEN && out_str(t->number)[0] != '\0')
        snprintf(out, out_cap, "%s, waiting for staff", status.text);
    else
        snprintf(out, out_cap, "%s", status.text);
}

/* "SLA on track: resolution due 2026-12-04 10:15 IST" / "SLA set by the server ...". */
static void sla_text(const mc_ticket *t, char *out, size_t out_cap)
{
    if (t->sla == MC_SLA_NONE || t->resolution_due_ms == 0) {
        snprintf(out, out_cap, "SLA set by the server once it has the ticket");
        return;
    }
    char due[DATETIME_LOCAL_MAX];
    datetime_format_local(&t->resolution_due, false, "?", due, sizeof due);
    snprintf(out, out_cap, "SLA %s: resolution due %s", in_words(mc_sla_state_name(t->sla)).text,
             due);
}

/* " (not on the server yet)", " (a change waiting to be sent)" or "". */
static const char *pending_words(const mc_ticket *t)
{
    if (!t->pending)
        return "";
    return out_str(t->number)[0] == '\0' ? " (not on the server yet)"
                                         : " (a change waiting to be sent)";
}

/* "; 1 photo waiting to upload; 1 photo not uploaded (the server refused it: see tickets
 * show)", or "" when every photo is uploaded. */
static void waiting_text(const mc_ticket *t, char *out, size_t out_cap)
{
    int32_t waiting = t->photos_waiting, failed = t->photos_failed;
    char waiting_part[64] = "", failed_part[128] = "";
    if (waiting > 0)
        snprintf(waiting_part, sizeof waiting_part, "; %d photo%s waiting to upload", (int)waiting,
                 waiting == 1 ? "" : "s");
    if (failed > 0)
        snprintf(failed_part, sizeof failed_part,
                 "; %d photo%s not uploaded (the server refused %s: see tickets show)", (int)failed,
                 failed == 1 ? "" : "s", failed == 1 ? "it" : "them");
    snprintf(out, out_cap, "%s%s", waiting_part, failed_part);
}

/*
 * T-1001  Cleaning/Washroom, high priority: in progress, assigned to Kiran Das
 *     Tap leaking in the 2nd floor washroom
 *     BLR-1, room Boardroom; SLA on track: resolution due 2026-12-04 10:15 IST
 */
static void ticket_row_text(const void *item, const void *context)
{
    const mc_ticket *t = item;
    (void)context;
    char status[256], where[256], sla[160], waiting[224], description[512];
    status_text(t, status, sizeof status);
    where_text(t, where, sizeof where);
    sla_text(t, sla, sizeof sla);
    waiting_text(t, waiting, sizeof waiting);
    words_clip(t->description, LIST_DESCRIPTION_CHARS, description, sizeof description);
    printf("%s  %s, %s priority: %s%s\n", ticket_label(t), out_str(t->category_path),
           mc_ticket_priority_name(t->priority), status, pending_words(t));
    printf("    %s\n", description);
    printf("    %s; %s%s\n", where, sla, waiting);
}

int render_tickets(const app *a, const mc_ticket_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json) {
        cJSON *root = list_json_object("tickets", &v, render_ticket_item_json);
        bool ok = root != NULL && cJSON_AddBoolToObject(root, "more", list->next_cursor != NULL);
        return out_json(a, json_finish(root, ok));
    }
    if (list->count == 0) {
        printf("No tickets on this device. File one with: memberctl tickets new --category "
               "PATH --description TEXT\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu ticket%s, active first (times in each building's local time):\n", list->count,
           list->count == 1 ? "" : "s");
    list_text(&v, ticket_row_text, NULL);
    if (list->next_cursor != NULL)
        printf("(more tickets are on this device than are listed here)\n");
    printf("See one with: memberctl tickets show T-NUMBER (or its id)\n");
    return MEMBERCTL_EXIT_OK;
}

/* "  Label:        value". */
static void field_text(const char *label, const char *value)
{
    printf("  %-14s %s\n", label, value);
}

/* A photo's state: "uploaded", "not uploaded: <why>", "waiting to upload (42%)",
 * "waiting to upload". */
static void photo_state_text(const mc_ticket_photo *p, char *out, size_t out_cap)
{
    int percent = words_percent(p->sent_bytes, p->bytes);
    if (p->uploaded)
        snprintf(out, out_cap, "uploaded");
    else if (p->failed)
        snprintf(out, out_cap, "not uploaded: %s", out_str(p->failure));
    else if (percent > 0)
        snprintf(out, out_cap, "waiting to upload (%d%%)", percent);
    else
        snprintf(out, out_cap, "waiting to upload");
}

/* "  2. image/jpeg, 8.0 MB, with a comment: waiting to upload (42%)"; context: the ticket. */
static void photo_text(const void *item, const void *context)
{
    const mc_ticket_photo *p = item;
    const mc_ticket *t = context;
    char size[WORDS_MAX], state[320];
    words_bytes(p->bytes, size, sizeof size);
    photo_state_text(p, state, sizeof state);
    printf("  %zu. %s, %s%s: %s\n", photo_number(t, p->id), out_str(p->content_type), size,
           out_str(p->comment_id)[0] != '\0' ? ", with a comment" : "", state);
}

/* "photos 1 and 2" / "photo 3" / "" into out. */
static void entry_photos_text(const mc_ticket *t, const mc_ticket_entry *e, char *out,
                              size_t out_cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < e->photo_count && used < out_cap; i++) {
        const char *sep = i == 0                    ? (e->photo_count == 1 ? "photo " : "photos ")
                          : i + 1 == e->photo_count ? " and "
                                                    : ", ";
        int n =
            snprintf(out + used, out_cap - used, "%s%zu", sep, photo_number(t, e->photo_ids[i]));
        used += n > 0 ? (size_t)n : 0;
    }
}

/* A status entry's words: the server's or the core's ("Work started", "Resolved"); an
 * assignment names who has it ("Assigned to Kiran Das": the server sends the name). */
static void status_change_text(const mc_ticket_entry *e, char *out, size_t out_cap)
{
    const char *text = out_str(e->text);
    if (text[0] == '\0')
        snprintf(out, out_cap, "Status changed");
    else if (e->to == MC_TICKET_ASSIGNED && strncmp(text, "Assigned", 8) != 0 &&
             strncmp(text, "Reopened", 8) != 0)
        snprintf(out, out_cap, "Assigned to %s", text);
    else
        snprintf(out, out_cap, "%s", text);
}

/*
 * 2026-12-04 09:12 IST  You filed it (photo 1)
 * 2026-12-04 09:20 IST  Kiran Das: Assigned to Kiran Das (open → assigned)
 * 2026-12-04 09:25 IST  Kiran Das: "On my way" (photo 2)
 * 2026-12-04 09:13 IST  photo 1 reached the server
 */
static void entry_text(const void *item, const void *context)
{
    const mc_ticket_entry *e = item;
    const mc_ticket *t = context;
    char at[DATETIME_LOCAL_MAX], list[128], photos[136], change[256];
    datetime_format_local(&e->at, false, "?", at, sizeof at);
    entry_photos_text(t, e, list, sizeof list);
    snprintf(photos, sizeof photos, "%s%s%s", list[0] != '\0' ? " (" : "", list,
             list[0] != '\0' ? ")" : "");
    const char *who = out_str(e->author_name)[0] != '\0' ? e->author_name : "System";
    const char *text = out_str(e->text);
    const char *pending = e->pending ? " (not sent yet)" : "";
    printf("  %s  ", at);
    switch (e->type) {
    case MC_TICKET_ENTRY_CREATED:
        printf("%s filed it%s%s\n", who, photos, pending);
        break;
    case MC_TICKET_ENTRY_STATUS:
        status_change_text(e, change, sizeof change);
        printf("%s: %s (%s \xE2\x86\x92 %s)%s\n", who, change,
               in_words(mc_ticket_status_name(e->from)).text,
               in_words(mc_ticket_status_name(e->to)).text, pending);
        break;
    case MC_TICKET_ENTRY_COMMENT:
        printf("%s: \"%s\"%s%s\n", who, text, photos, pending);
        break;
    case MC_TICKET_ENTRY_PHOTO:
        printf("%s reached the server\n", list[0] != '\0' ? list : "a photo");
        break;
    default:
        printf("%s: %s%s\n", who, text, pending);
        break;
    }
}

/* The ticket's fields and photos, and its timeline when with_timeline. */
static void ticket_detail_text(const mc_ticket *t, bool with_timeline)
{
    char status[256], where[256], sla[160], at[DATETIME_LOCAL_MAX];
    status_text(t, status, sizeof status);
    where_text(t, where, sizeof where);
    sla_text(t, sla, sizeof sla);
    printf("%s  %s, %s priority%s\n", ticket_label(t), out_str(t->category_path),
           mc_ticket_priority_name(t->priority), pending_words(t));
    field_text("Status:", status);
    field_text("Where:", where);
    datetime_format_local(&t->created_at, false, "?", at, sizeof at);
    field_text("Filed:", at);
    field_text("SLA:", sla + 4); /* past "SLA " */
    if (t->response_due_ms != 0) {
        char line[160];
        datetime_format_local(&t->response_due, false, "?", at, sizeof at);
        snprintf(line, sizeof line, "%s%s", at,
                 t->responded_at_ms != 0 ? " (staff have responded)" : "");
        field_text("Response due:", line);
    }
    if (t->resolved_at_ms != 0) {
        datetime_format_local(&t->resolved_at, false, "?", at, sizeof at);
        field_text("Resolved:", at);
    }
    if (t->closed_at_ms != 0) {
        datetime_format_local(&t->closed_at, false, "?", at, sizeof at);
        field_text("Closed:", at);
    }
    if (t->status == MC_TICKET_RESOLVED && t->reopen_until_ms != 0) {
        datetime_format_local(&t->reopen_until, false, "?", at, sizeof at);
        field_text("Reopen until:", at);
    }
    field_text("Description:", out_str(t->description));
    if (t->photo_count > 0) {
        printf("Photos:\n");
        list_view photos = LIST_VIEW(t->photos, t->photo_count);
        list_text(&photos, photo_text, t);
    }
    if (with_timeline && t->timeline_count > 0) {
        printf("Timeline (%s's local time):\n", out_str(t->building_id));
        list_view entries = LIST_VIEW(t->timeline, t->timeline_count);
        list_text(&entries, entry_text, t);
    }
}

/* What the member can do next with this ticket. */
static void next_steps_text(const mc_ticket *t)
{
    const char *ref = out_str(t->number)[0] != '\0' ? t->number : out_str(t->id);
    switch (t->status) {
    case MC_TICKET_OPEN:
    case MC_TICKET_ASSIGNED:
    case MC_TICKET_IN_PROGRESS:
        printf("Add to it: memberctl tickets comment %s TEXT [--photo FILE]; fixed? memberctl "
               "tickets resolve %s\n",
               ref, ref);
        break;
    case MC_TICKET_RESOLVED:
        printf("Not fixed after all? memberctl tickets reopen %s (until the date above)\n", ref);
        break;
    case MC_TICKET_CLOSED:
        printf("Closed: a new problem needs a new ticket (memberctl tickets new).\n");
        break;
    }
}

int render_ticket(const app *a, const mc_ticket *t)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        return out_json(
            a, json_finish(root, root != NULL && json_add_item(root, "ticket", ticket_json(t))));
    }
    ticket_detail_text(t, true);
    next_steps_text(t);
    return MEMBERCTL_EXIT_OK;
}

/* ---- What a write did ----------------------------------------------------------- */

int render_ticket_written(const app *a, const char *action, const mc_ticket *t, sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "action", action) != NULL &&
                  json_add_item(root, "ticket", ticket_json(t)) &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    char what[160];
    const char *label = ticket_label(t);
    if (strcmp(action, "file") == 0)
        snprintf(what, sizeof what, "%s", label);
    else if (strcmp(action, "comment") == 0)
        snprintf(what, sizeof what, "Your comment on %s", label);
    else
        snprintf(what, sizeof what, "%s %s", label,
                 strcmp(action, "resolve") == 0 ? "resolved" : "reopened");
    if (sent == SENT_QUEUED)
        printf("%s: queued, will be sent when online (memberctl sync sends it)%s.\n", what,
               t->photos_waiting > 1    ? "; the photos upload after it"
               : t->photos_waiting == 1 ? "; the photo uploads after it"
                                        : "");
    else
        render_sent(sent, what);
    ticket_detail_text(t, false);
    return MEMBERCTL_EXIT_OK;
}

/* ---- A photo's upload, as a sync event ----------------------------------------- */

const render_photo_name *render_photo_name_find(const render_photo_names *names,
                                                const char *photo_id)
{
    for (size_t i = 0; names != NULL && i < names->count; i++) {
        if (strcmp(names->items[i].photo_id, out_str(photo_id)) == 0)
            return &names->items[i];
    }
    return NULL;
}

void render_photo_name_of(const mc_ticket *t, size_t index, render_photo_name *out)
{
    snprintf(out->photo_id, sizeof out->photo_id, "%s", out_str(t->photos[index].id));
    if (out_str(t->number)[0] != '\0')
        snprintf(out->ticket, sizeof out->ticket, "%s", t->number);
    else
        snprintf(out->ticket, sizeof out->ticket, "your %s ticket", out_str(t->category_path));
    out->number = (int)index + 1;
    out->count = (int)t->photo_count;
}

void render_upload_event_text(const mc_sync_event *ev, const render_photo_names *names)
{
    const render_photo_name *name = render_photo_name_find(names, ev->photo_id);
    char photo[256];
    if (name != NULL)
        snprintf(photo, sizeof photo, "photo %d of %s", name->number, name->ticket);
    else
        snprintf(photo, sizeof photo, "photo %s of ticket %s", out_str(ev->photo_id),
                 out_str(ev->ticket_id));
    if (ev->type == MC_SYNC_EVENT_UPLOAD_FAILED) {
        printf("%s not uploaded: %s\n", photo, out_str(ev->message));
        return;
    }
    char done[WORDS_MAX], total[WORDS_MAX];
    words_bytes(ev->done, done, sizeof done);
    words_bytes(ev->total, total, sizeof total);
    if (ev->done >= ev->total)
        printf("%s: uploaded (%s)\n", photo, total);
    else
        printf("%s: %s of %s sent\n", photo, done, total);
}
