/*
 * tickets/staff.c - membercore/staff.h: the ground staff's ticket queue, online calls to the
 * staff routes (docs/tickets-protocol.md, "Staff routes") and their answers as mc_staff_ticket.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "desk/staff_call.h"
#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/staff.h"
#include "membercore/sync.h"
#include "net/http.h"
#include "read/read.h"
#include "tickets/parse.h"
#include "util/error.h"
#include "util/json.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const queue_names[] = {
    "active", "open", "assigned", "in_progress", "resolved", "closed", "all",
};

const char *mc_staff_queue_name(mc_staff_queue queue)
{
    return mci_name_of(queue_names, MCI_COUNT(queue_names), (int)queue);
}

mc_status mc_staff_queue_parse(const char *name, mc_staff_queue *out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    if (name == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the queue's name is NULL");
    char word[16];
    size_t n = strlen(name);
    if (n < sizeof word) {
        for (size_t i = 0; i <= n; i++)
            word[i] = name[i] == '-' ? '_' : name[i];
        for (size_t i = 0; i < MCI_COUNT(queue_names); i++) {
            if (strcasecmp(word, queue_names[i]) == 0) {
                *out = (mc_staff_queue)i;
                return MC_OK;
            }
        }
    }
    return mci_error_set(err, MC_ERR_INVALID_ARG,
                         "no ticket queue '%.*s' (active, open, assigned, in_progress, resolved, "
                         "closed or all)",
                         (int)mci_utf8_prefix(name, 40), name);
}

/* ---- freeing ------------------------------------------------------------------------- */

static void staff_ticket_clear(mc_staff_ticket *t)
{
    mci_ticket_clear(&t->ticket);
    free(t->reporter_id);
    free(t->reporter_name);
    free(t->assignee_id);
    for (size_t i = 0; i < t->note_count; i++) {
        free(t->notes[i].id);
        free(t->notes[i].author_name);
        free(t->notes[i].text);
    }
    free(t->notes);
    memset(t, 0, sizeof *t);
}

void mc_staff_ticket_free(mc_staff_ticket *ticket)
{
    if (ticket == NULL)
        return;
    staff_ticket_clear(ticket);
    free(ticket);
}

void mc_staff_ticket_list_free(mc_staff_ticket_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        staff_ticket_clear(&list->items[i]);
    free(list->items);
    free(list);
}

void mc_staff_colleague_list_free(mc_staff_colleague_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].id);
        free(list->items[i].name);
    }
    free(list->items);
    free(list);
}

/* ---- the staff routes ------------------------------------------------------------------ */

/* One authenticated call to a staff route; *answer (the caller deletes) on MC_OK. A refusal
 * comes back with the server's words, its code mapped by net/ (invalid_transition,
 * ticket_closed, reopen_window_passed: MC_ERR_STATE; not_a_colleague, a 422:
 * MC_ERR_INVALID_ARG; forbidden; not_found). A desk that never synced the ticket categories
 * (and with them the buildings) has no names or zones to show a ticket with: one sync
 * fetches them. */
static mc_status staff_call(mc_client *c, const char *method, const char *path,
                            const char *const *params, size_t nparams, const cJSON *body,
                            cJSON **answer, mc_error *err)
{
    return mci_staff_call(c, method, path, params, nparams, body,
                          "SELECT 1 FROM ticket_category_row LIMIT 1", answer, err);
}

/* Ids and numbers go into URL paths: the server's are [A-Za-z0-9_-]. */
static mc_status ticket_path(const char *id_or_number, const char *action, char *out, size_t cap,
                             mc_error *err)
{
    size_t n = id_or_number ? strlen(id_or_number) : 0;
    bool ok = n > 0 && n <= 64;
    for (size_t i = 0; ok && i < n; i++) {
        char ch = id_or_number[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_' || ch == '-';
    }
    if (!ok)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "a ticket is named by its number (T-1001) or its id (tkt_...): "
                             "1-64 letters, digits, '_' or '-'");
    snprintf(out, cap, "/v1/staff/tickets/%s%s%s", id_or_number, action ? "/" : "",
             action ? action : "");
    return MC_OK;
}

/* An internal note of the wire's timeline (type "note", internal true). */
static bool is_note(const cJSON *entry)
{
    return strcmp(mci_json_string(entry, "type", ""), "note") == 0 ||
           mci_json_bool(entry, "internal", false);
}

/* The internal notes of a staff ticket's timeline (entries of type "note") into t. */
static mc_status notes_from_json(mc_client *c, const cJSON *timeline, mc_staff_ticket *t,
                                 mc_error *err)
{
    size_t count = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, timeline)
    {
        if (is_note(entry))
            count++;
    }
    if (count == 0)
        return MC_OK;
    t->notes = calloc(count, sizeof *t->notes);
    if (t->notes == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    cJSON_ArrayForEach(entry, timeline)
    {
        if (!is_note(entry))
            continue;
        mc_staff_note *note = &t->notes[t->note_count++];
        const cJSON *author = cJSON_GetObjectItemCaseSensitive(entry, "author");
        note->id = mci_strdup(mci_json_string(entry, "id", ""));
        note->author_name = mci_strdup(mci_json_string(author, "name", ""));
        note->text = mci_strdup(mci_json_string(entry, "text", ""));
        note->at_ms = mci_json_int(entry, "at_ms", 0);
        if (!note->id || !note->author_name || !note->text)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        mc_status st = mci_local_time_in(c, t->ticket.building_id, note->at_ms, &note->at, err);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

/* Drop a parsed ticket's timeline and photos (the queue carries neither). */
static void drop_details(mc_ticket *t)
{
    for (size_t i = 0; i < t->timeline_count; i++)
        mci_ticket_entry_clear(&t->timeline[i]);
    for (size_t i = 0; i < t->photo_count; i++)
        mci_ticket_photo_clear(&t->photos[i]);
    free(t->timeline);
    free(t->photos);
    t->timeline = NULL;
    t->photos = NULL;
    t->timeline_count = t->photo_count = 0;
}

/*
 * A staff ticket (the wire object) into *t: the ticket parsed as the member's are but with
 * every author named (tickets/parse.h leaves the internal notes out), then the reporter, the
 * assignee and the notes. with_details false leaves timeline, photos and notes out (the
 * queue). On failure *t is cleared.
 */
static mc_status staff_ticket_from_json(mc_client *c, const cJSON *wire, bool with_details,
                                        mc_staff_ticket *t, mc_error *err)
{
    memset(t, 0, sizeof *t);
    if (!cJSON_IsObject(wire))
        return mci_error_set(err, MC_ERR_SERVER, "the server's answer has no ticket");
    mc_status st = mci_ticket_from_json_in(c, wire, false, &t->ticket, err);
    if (st == MC_OK && !with_details)
        drop_details(&t->ticket);
    if (st == MC_OK) {
        const cJSON *reporter = cJSON_GetObjectItemCaseSensitive(wire, "reporter");
        t->reporter_id = mci_strdup(mci_json_string(reporter, "id", ""));
        t->reporter_name = mci_strdup(mci_json_string(reporter, "name", ""));
        t->assignee_id = mci_strdup(mci_json_string(wire, "assignee_id", ""));
        if (!t->reporter_id || !t->reporter_name || !t->assignee_id)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && with_details)
        st = notes_from_json(c, cJSON_GetObjectItemCaseSensitive(wire, "timeline"), t, err);
    if (st != MC_OK)
        staff_ticket_clear(t);
    return st;
}

/* The {ticket} answer of a staff route into *out (when out is not NULL). */
static mc_status hand_out_ticket(mc_client *c, const cJSON *answer, mc_staff_ticket **out,
                                 mc_error *err)
{
    if (out == NULL)
        return MC_OK;
    mc_staff_ticket *t = calloc(1, sizeof *t);
    if (t == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_status st =
        staff_ticket_from_json(c, cJSON_GetObjectItemCaseSensitive(answer, "ticket"), true, t, err);
    if (st != MC_OK) {
        free(t);
        return st;
    }
    *out = t;
    return MC_OK;
}

/* POST body to the ticket's action route; the ticket as now held into *out. */
static mc_status act(mc_client *c, const char *id_or_number, const char *action, const cJSON *body,
                     mc_staff_ticket **out, mc_error *err)
{
    char path[128];
    mc_status st = ticket_path(id_or_number, action, path, sizeof path, err);
    cJSON *answer = NULL;
    if (st == MC_OK)
        st = staff_call(c, "POST", path, NULL, 0, body, &answer, err);
    if (st == MC_OK)
        st = hand_out_ticket(c, answer, out, err);
    cJSON_Delete(answer);
    return st;
}

/* ---- the public calls ------------------------------------------------------------------ */

mc_status mc_staff_tickets_list(mc_client *c, mc_staff_queue queue, mc_staff_ticket_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((int)queue < 0 || (size_t)queue >= MCI_COUNT(queue_names))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "no ticket queue %d", (int)queue);
    const char *params[] = {"status", mc_staff_queue_name(queue)};
    cJSON *answer = NULL;
    mc_status st = staff_call(c, "GET", "/v1/staff/tickets", params, 1, NULL, &answer, err);
    const cJSON *tickets = cJSON_GetObjectItemCaseSensitive(answer, "tickets");
    if (st == MC_OK && !cJSON_IsArray(tickets))
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer has no tickets");
    mc_staff_ticket_list *list = NULL;
    if (st == MC_OK && (list = calloc(1, sizeof *list)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    size_t n = st == MC_OK ? (size_t)cJSON_GetArraySize(tickets) : 0;
    if (n > 0 && (list->items = calloc(n, sizeof *list->items)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *wire, *each = st == MC_OK ? tickets : NULL;
    cJSON_ArrayForEach(wire, each)
    {
        st = staff_ticket_from_json(c, wire, false, &list->items[list->count], err);
        if (st != MC_OK)
            break;
        list->count++;
    }
    cJSON_Delete(answer);
    if (st != MC_OK) {
        mc_staff_ticket_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_staff_ticket_get(mc_client *c, const char *id_or_number, mc_staff_ticket **out,
                              mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    char path[128];
    mc_status st = ticket_path(id_or_number, NULL, path, sizeof path, err);
    cJSON *answer = NULL;
    if (st == MC_OK)
        st = staff_call(c, "GET", path, NULL, 0, NULL, &answer, err);
    if (st == MC_OK)
        st = hand_out_ticket(c, answer, out, err);
    cJSON_Delete(answer);
    return st;
}

mc_status mc_staff_colleagues_list(mc_client *c, mc_staff_colleague_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    cJSON *answer = NULL;
    mc_status st = staff_call(c, "GET", "/v1/staff/colleagues", NULL, 0, NULL, &answer, err);
    const cJSON *staff = cJSON_GetObjectItemCaseSensitive(answer, "staff");
    if (st == MC_OK && !cJSON_IsArray(staff))
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer has no staff");
    mc_staff_colleague_list *list = NULL;
    if (st == MC_OK && (list = calloc(1, sizeof *list)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    size_t n = st == MC_OK ? (size_t)cJSON_GetArraySize(staff) : 0;
    if (n > 0 && (list->items = calloc(n, sizeof *list->items)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *wire, *each = st == MC_OK ? staff : NULL;
    cJSON_ArrayForEach(wire, each)
    {
        mc_staff_colleague *one = &list->items[list->count++];
        one->id = mci_strdup(mci_json_string(wire, "id", ""));
        one->name = mci_strdup(mci_json_string(wire, "name", ""));
        if (!one->id || !one->name) {
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
            break;
        }
    }
    cJSON_Delete(answer);
    if (st != MC_OK) {
        mc_staff_colleague_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_staff_ticket_assign(mc_client *c, const char *id_or_number, const char *assignee_id,
                                 mc_staff_ticket **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    cJSON *body = cJSON_CreateObject();
    bool ok =
        body != NULL && (assignee_id == NULL || assignee_id[0] == '\0'
                             ? cJSON_AddNullToObject(body, "assignee_id") != NULL
                             : cJSON_AddStringToObject(body, "assignee_id", assignee_id) != NULL);
    mc_status st = ok ? act(c, id_or_number, "assign", body, out, err)
                      : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    cJSON_Delete(body);
    return st;
}

mc_status mc_staff_ticket_set_status(mc_client *c, const char *id_or_number,
                                     mc_ticket_status status, mc_staff_ticket **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (status != MC_TICKET_IN_PROGRESS && status != MC_TICKET_RESOLVED && status != MC_TICKET_OPEN)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "staff start (in_progress), resolve or reopen (open) a ticket; '%s' "
                             "is not a move made here%s",
                             mc_ticket_status_name(status),
                             status == MC_TICKET_ASSIGNED ? ": assign it instead" : "");
    cJSON *body = cJSON_CreateObject();
    mc_status st =
        body != NULL && cJSON_AddStringToObject(body, "status", mc_ticket_status_name(status))
            ? act(c, id_or_number, "status", body, out, err)
            : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    cJSON_Delete(body);
    return st;
}

/* Whether s holds nothing but spaces, tabs and line breaks. */
static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

mc_status mc_staff_ticket_comment(mc_client *c, const char *id_or_number, const char *text,
                                  bool internal, mc_staff_ticket **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (text == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "text is NULL");
    long chars = mci_utf8_length(text);
    if (chars < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the comment is not valid UTF-8");
    if (blank(text))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the comment is empty");
    if (chars > MC_TICKET_TEXT_MAX_CHARS)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "the comment is %ld characters; at most %d are allowed", chars,
                             MC_TICKET_TEXT_MAX_CHARS);
    cJSON *body = cJSON_CreateObject();
    bool ok = body != NULL && cJSON_AddStringToObject(body, "text", text) != NULL &&
              cJSON_AddBoolToObject(body, "internal", internal) != NULL;
    mc_status st = ok ? act(c, id_or_number, "comments", body, out, err)
                      : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    cJSON_Delete(body);
    return st;
}
