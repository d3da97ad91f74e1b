/*
 * render/visitors.c - membercore/visitors.h as memberctl shows it: a member's visitors
 * (upcoming or all), one visitor, what an invitation, a cancel or a walk-in's answer did;
 * and reception's side: the building's visitors of a day, a check-in, a walk-in. As text
 * or JSON. A visitor's date reads in words ("Mon 7 Dec"), times are the building's local
 * time with its zone label as the core converted them, and states are in words.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* Room for a visitor's when, status or line in words. */
#define VISITOR_WORDS_MAX 256

/* This machine's year: a date of another year is written with its year. */
static int32_t this_year(void)
{
    return datetime_year_of_ms(datetime_clock_ms(CLOCK_REALTIME));
}

/* "10:05 IST": a time on the visitor's own date. */
static void clock_time(const mc_local_time *t, char *out, size_t out_cap)
{
    if (!mc_local_time_is_set(t))
        snprintf(out, out_cap, "?");
    else
        snprintf(out, out_cap, "%02d:%02d %s", (int)t->hour % 100, (int)t->minute % 100, t->label);
}

static bool has_window(const mc_visitor *v)
{
    return v->window_from_min >= 0 && v->window_to_min > v->window_from_min;
}

/* "10:00–12:00 IST", or if_none when no window was given. */
static void window_words(const mc_visitor *v, const char *if_none, char *out, size_t out_cap)
{
    if (!has_window(v)) {
        snprintf(out, out_cap, "%s", if_none);
        return;
    }
    char span[DATETIME_HHMM_SPAN_MAX];
    datetime_format_hhmm_span(v->window_from_min, v->window_to_min, span, sizeof span);
    const char *label = v->window_from.label[0] != '\0' ? v->window_from.label : "local time";
    snprintf(out, out_cap, "%s %s", span, label);
}

void render_visitor_when(const mc_visitor *v, char *out, size_t out_cap)
{
    char day[DATETIME_DAY_WORDS_MAX], window[64];
    datetime_format_day_words(out_str(v->date), this_year(), day, sizeof day);
    window_words(v, "", window, sizeof window);
    snprintf(out, out_cap, "%s%s%s", day, window[0] != '\0' ? ", " : "", window);
}

/* Whose eyes: the host's (member side) or reception's. */
typedef enum seen_by { SEEN_BY_HOST, SEEN_BY_RECEPTION } seen_by;

/* The visitor's state in words: "invited", "arrived 10:05 IST (scanned in at the door)",
 * "a walk-in waiting for your answer until 10:42 IST", "declined: no answer within 15
 * minutes"; " (pending)" after a write of this device the server has not confirmed. */
static void status_words(const mc_visitor *v, seen_by who, char *out, size_t out_cap)
{
    char at[48], state[WORDS_MAX];
    switch (v->status) {
    case MC_VISITOR_ARRIVED:
        clock_time(&v->arrived_at, at, sizeof at);
        snprintf(out, out_cap, "arrived %s (%s)", at,
                 v->checkin == MC_VISITOR_CHECKIN_DOOR ? "scanned in at the door"
                                                       : "checked in at reception");
        break;
    case MC_VISITOR_CANCELLED:
        snprintf(out, out_cap, "cancelled: the code no longer opens the door");
        break;
    case MC_VISITOR_AWAITING_APPROVAL:
        clock_time(&v->approval_due, at, sizeof at);
        snprintf(out, out_cap, "%s until %s",
                 who == SEEN_BY_HOST ? "a walk-in waiting for your answer"
                                     : "waiting for the host's answer",
                 at);
        break;
    case MC_VISITOR_DECLINED:
        snprintf(out, out_cap, "%s",
                 v->declined_by_timeout ? "declined: no answer within 15 minutes"
                 : who == SEEN_BY_HOST  ? "declined by you"
                                        : "declined by the host");
        break;
    default:
        words_name(mc_visitor_status_name(v->status), state, sizeof state);
        snprintf(out, out_cap, "%s", state);
        break;
    }
    if (v->pending) {
        size_t used = strlen(out);
        snprintf(out + used, out_cap - used, " (pending)");
    }
}

/* "Ravi Kumar <ravi@example.com>, +919812345678" (the phone when there is one). */
static void who_words(const mc_visitor *v, char *out, size_t out_cap)
{
    const char *email = out_str(v->email), *phone = out_str(v->phone);
    snprintf(out, out_cap, "%s%s%s%s%s%s", out_str(v->name), email[0] ? " <" : "", email,
             email[0] ? ">" : "", phone[0] ? ", " : "", phone);
}

/* ---- JSON ----------------------------------------------------------------------------- */

static bool add_window_json(cJSON *obj, const mc_visitor *v)
{
    if (!has_window(v))
        return cJSON_AddNullToObject(obj, "window") != NULL;
    char from[DATETIME_HHMM_MAX], to[DATETIME_HHMM_MAX];
    datetime_format_hhmm(v->window_from_min, from, sizeof from);
    datetime_format_hhmm(v->window_to_min, to, sizeof to);
    cJSON *w = cJSON_AddObjectToObject(obj, "window");
    return w != NULL && cJSON_AddStringToObject(w, "from", from) != NULL &&
           cJSON_AddStringToObject(w, "to", to) != NULL &&
           cJSON_AddNumberToObject(w, "from_min", v->window_from_min) != NULL &&
           cJSON_AddNumberToObject(w, "to_min", v->window_to_min) != NULL &&
           cJSON_AddStringToObject(w, "zone", v->window_from.label) != NULL;
}

static const char *checkin_name(mc_visitor_checkin checkin)
{
    return checkin == MC_VISITOR_CHECKIN_DOOR        ? "door"
           : checkin == MC_VISITOR_CHECKIN_RECEPTION ? "reception"
                                                     : NULL;
}

cJSON *render_visitor_json(const void *item)
{
    const mc_visitor *v = item;
    const char *phone = out_str(v->phone), *host_name = out_str(v->host_name);
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(v->id)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(v->building_id)) != NULL &&
        cJSON_AddStringToObject(obj, "name", out_str(v->name)) != NULL &&
        cJSON_AddStringToObject(obj, "email", out_str(v->email)) != NULL &&
        json_add_string_or_null(obj, "phone", phone[0] ? phone : NULL) &&
        cJSON_AddStringToObject(obj, "date", out_str(v->date)) != NULL && add_window_json(obj, v) &&
        cJSON_AddStringToObject(obj, "status", mc_visitor_status_name(v->status)) != NULL &&
        cJSON_AddBoolToObject(obj, "walk_in", v->walk_in) != NULL &&
        json_add_string_or_null(obj, "checked_in_by", checkin_name(v->checkin)) &&
        json_add_local_time(obj, "arrived_at", v->arrived_at_ms, &v->arrived_at, true) &&
        json_add_local_time(obj, "approval_due", v->approval_due_ms, &v->approval_due, true) &&
        cJSON_AddBoolToObject(obj, "declined_by_timeout", v->declined_by_timeout) != NULL &&
        json_add_time(obj, "created_at", v->created_at_ms, true) &&
        cJSON_AddStringToObject(obj, "host_id", out_str(v->host_id)) != NULL &&
        json_add_string_or_null(obj, "host_name", host_name[0] ? host_name : NULL) &&
        cJSON_AddBoolToObject(obj, "pending", v->pending) != NULL;
    return json_finish(obj, ok);
}

/* ---- The member's visitors -------------------------------------------------------------- */

/*
 * vis_…  Ravi Kumar <ravi@example.com>, +919812345678
 *     BLR-1, Mon 7 Dec, 10:00–12:00 IST: invited
 */
static void visitor_text(const void *item, const void *context)
{
    const mc_visitor *v = item;
    seen_by who = *(const seen_by *)context;
    char person[VISITOR_WORDS_MAX], when[VISITOR_WORDS_MAX], status[VISITOR_WORDS_MAX];
    who_words(v, person, sizeof person);
    render_visitor_when(v, when, sizeof when);
    status_words(v, who, status, sizeof status);
    printf("%s  %s\n", out_str(v->id), person);
    printf("    %s, %s%s: %s\n", out_str(v->building_id), when, v->walk_in ? " (walk-in)" : "",
           status);
}

int render_visitors(const app *a, const mc_visitor_list *list, bool all)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("visitors", &v, render_visitor_json));
    if (list->count == 0) {
        printf("No %svisitors on this device%s.\n", all ? "" : "upcoming ",
               all ? " yet (memberctl sync fetches them)"
                   : " (memberctl visitors --all: every one)");
        printf("Invite one with: memberctl visitors invite --name N --email E --date YYYY-MM-DD\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu %svisitor%s (in each building's local time):\n", list->count,
           all ? "" : "upcoming ", list->count == 1 ? "" : "s");
    seen_by who = SEEN_BY_HOST;
    list_text(&v, visitor_text, &who);
    bool waiting = false;
    for (size_t i = 0; i < list->count; i++)
        waiting = waiting || list->items[i].status == MC_VISITOR_AWAITING_APPROVAL;
    if (waiting)
        printf("Answer a walk-in with: memberctl visitors approve ID (or decline ID)\n");
    printf("Cancel an invitation with: memberctl visitors cancel ID; invite the same person "
           "again with: memberctl visitors invite --again ID --date YYYY-MM-DD\n");
    return MEMBERCTL_EXIT_OK;
}

int render_visitor(const app *a, const mc_visitor *v)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "visitor", render_visitor_json(v));
        return out_json(a, json_finish(root, ok));
    }
    char when[VISITOR_WORDS_MAX], status[VISITOR_WORDS_MAX], window[64],
        day[DATETIME_DAY_WORDS_MAX];
    datetime_format_day_words(out_str(v->date), this_year(), day, sizeof day);
    window_words(v, "any time that day", window, sizeof window);
    snprintf(when, sizeof when, "%s, %s", day, window);
    status_words(v, SEEN_BY_HOST, status, sizeof status);
    printf("Visitor %s: %s%s\n", out_str(v->id), out_str(v->name),
           v->walk_in ? " (a walk-in registered by reception)" : "");
    render_field_text("Email", out_str(v->email));
    render_field_text("Phone", out_str(v->phone));
    render_field_text("Building", out_str(v->building_id));
    render_field_text("When", when);
    render_field_text("Status", status);
    if (v->status == MC_VISITOR_INVITED && !v->pending)
        printf("Their QR code opens the door at %s on %s only.\n", out_str(v->building_id), day);
    else if (v->status == MC_VISITOR_INVITED)
        printf("The server emails their QR code once it has the invitation (memberctl sync).\n");
    if (v->status == MC_VISITOR_AWAITING_APPROVAL)
        printf("Answer with: memberctl visitors approve %s (or decline %s)\n", out_str(v->id),
               out_str(v->id));
    return MEMBERCTL_EXIT_OK;
}

/* What the write did, in one sentence before render_sent's words. */
static void written_what(const char *action, const mc_visitor *v, char *out, size_t out_cap)
{
    char when[VISITOR_WORDS_MAX];
    render_visitor_when(v, when, sizeof when);
    if (strcmp(action, "invite") == 0)
        snprintf(out, out_cap, "Invited %s to %s on %s", out_str(v->name), out_str(v->building_id),
                 when);
    else if (strcmp(action, "cancel") == 0)
        snprintf(out, out_cap, "Cancelled the invitation of %s to %s on %s", out_str(v->name),
                 out_str(v->building_id), when);
    else
        snprintf(out, out_cap, "%s %s, waiting at %s reception",
                 strcmp(action, "approve") == 0 ? "Approved" : "Declined", out_str(v->name),
                 out_str(v->building_id));
}

/* What follows once the server has it (sent) or will (queued). */
static void written_next(const char *action, const mc_visitor *v, bool sent)
{
    const char *phone = out_str(v->phone);
    if (strcmp(action, "invite") == 0) {
        printf("%s their QR code to %s%s%s.\n",
               sent ? "The server emailed" : "Once the server has the invitation, it emails",
               out_str(v->email),
               phone[0] == '\0' ? ""
               : sent           ? " and texted the entry code to "
                                : " and texts the entry code to ",
               phone);
    } else if (strcmp(action, "cancel") == 0) {
        printf("%s\n", sent ? "Their code no longer opens the door."
                            : "Their code stops opening the door once the server has it.");
    } else if (strcmp(action, "approve") == 0) {
        printf("%s\n", sent ? "Reception lets them in."
                            : "Reception lets them in once the "
                              "server has your answer.");
    } else {
        printf("%s\n", sent ? "Reception tells them."
                            : "Reception tells them once the server "
                              "has your answer.");
    }
}

int render_visitor_written(const app *a, const char *action, const mc_visitor *v, sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "action", action) != NULL &&
                  json_add_item(root, "visitor", render_visitor_json(v)) &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    char what[VISITOR_WORDS_MAX * 2];
    written_what(action, v, what, sizeof what);
    render_sent(sent, what);
    written_next(action, v, sent == SENT_CONFIRMED || sent == SENT_ACCEPTED);
    seen_by who = SEEN_BY_HOST;
    visitor_text(v, &who);
    return MEMBERCTL_EXIT_OK;
}

/* ---- Reception ---------------------------------------------------------------------------- */

/* The window with a plain hyphen: as many characters as bytes, for the column's width. */
static void window_cell(const void *item, char *out, size_t out_cap)
{
    const mc_visitor *v = item;
    if (!has_window(v)) {
        snprintf(out, out_cap, "any time");
        return;
    }
    char from[DATETIME_HHMM_MAX], to[DATETIME_HHMM_MAX];
    datetime_format_hhmm(v->window_from_min, from, sizeof from);
    datetime_format_hhmm(v->window_to_min, to, sizeof to);
    snprintf(out, out_cap, "%s-%s %s", from, to, v->window_from.label);
}

static void name_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_visitor *)item)->name));
}

static void host_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "host %s", out_str(((const mc_visitor *)item)->host_name));
}

typedef struct reception_columns {
    int window, name, host;
} reception_columns;

/*   10:00–12:00 IST  Ravi Kumar  host Asha Rao  invited  vis_… */
static void reception_row_text(const void *item, const void *context)
{
    const mc_visitor *v = item;
    const reception_columns *w = context;
    char plain[64], window[64], host[VISITOR_WORDS_MAX], status[VISITOR_WORDS_MAX];
    window_cell(v, plain, sizeof plain);
    window_words(v, "any time", window, sizeof window);
    host_cell(v, host, sizeof host);
    status_words(v, SEEN_BY_RECEPTION, status, sizeof status);
    /* The window shown with its en dash, padded by the plain form's characters. */
    printf("  %s%*s  %-*s  %-*s  %s%s  %s\n", window, w->window - (int)strlen(plain), "", w->name,
           out_str(v->name), w->host, host, v->walk_in ? "walk-in, " : "", status, out_str(v->id));
}

int render_reception_visitors(const app *a, const char *date, const mc_visitor_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("visitors", &v, render_visitor_json));
    char day[DATETIME_DAY_WORDS_MAX] = "today";
    if (date != NULL)
        datetime_format_day_words(date, this_year(), day, sizeof day);
    else if (list->count > 0)
        datetime_format_day_words(out_str(list->items[0].date), this_year(), day, sizeof day);
    if (list->count == 0) {
        printf("No visitors expected %s%s.\n", date != NULL ? "on " : "", day);
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu visitor%s at %s on %s (the building's local time):\n", list->count,
           list->count == 1 ? "" : "s", out_str(list->items[0].building_id), day);
    reception_columns w = {list_column_width(&v, NULL, window_cell),
                           list_column_width(&v, NULL, name_cell),
                           list_column_width(&v, NULL, host_cell)};
    list_text(&v, reception_row_text, &w);
    printf("Check one in with: memberctl staff visitors checkin ID (or the code from their "
           "SMS or QR)\n");
    return MEMBERCTL_EXIT_OK;
}

int render_reception_done(const app *a, const char *what, const mc_visitor *v)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "done", what) != NULL &&
                  json_add_item(root, "visitor", render_visitor_json(v));
        return out_json(a, json_finish(root, ok));
    }
    printf("%s\n", what);
    seen_by who = SEEN_BY_RECEPTION;
    visitor_text(v, &who);
    return MEMBERCTL_EXIT_OK;
}
