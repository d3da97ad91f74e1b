/* routes/staff.c - the ground staff's ticket routes (docs/tickets-protocol.md, "Staff routes"):
 * their building's queue in SLA order, one ticket, the colleagues, assign, move (start, resolve,
 * reopen) and comment (public or internal). Staff only (403 otherwise); a ticket of another
 * building is not found (404), so an id cannot be probed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ticket_staff.h"
#include "domain/tickets.h"
#include "routes/routes.h"
#include "rules/ticket_rules.h"
#include "base/text.h"

/* Whether the caller is staff; false after answering 403 (or 500). */
static bool staff_only(ms_app *app, const ms_request *req, ms_reply *reply)
{
    int rc = ms_staff_is_staff(app->db, req->user_id);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 0)
        ms_reply_error(reply, 403, "forbidden",
                       "staff only: these routes are for the operator's ground staff");
    return rc == 1;
}

/* The caller's ticket named by the path ({id}: its id or number) into id; false after
 * answering (403, 404 or 500). */
static bool staff_ticket(ms_app *app, const ms_request *req, ms_reply *reply, char id[MS_ID_MAX])
{
    if (!staff_only(app, req, reply))
        return false;
    const char *asked = req->path_param ? req->path_param : "";
    int rc = ms_staff_ticket_find(app->db, req->user_id, asked, id);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, 404, "not_found", "no ticket '%.*s' in your building",
                       (int)ms_utf8_prefix(asked, 40), asked);
    return rc == 0;
}

/* Answer 200 {name: item} when built is 0 (item owned); otherwise 500. */
static void reply_with(ms_reply *reply, int built, const char *name, cJSON *item)
{
    cJSON *body = built == 0 ? cJSON_CreateObject() : NULL;
    if (!body || !cJSON_AddItemToObject(body, name, item)) {
        cJSON_Delete(item);
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}

/* Answer 200 {"ticket": the staff's view of id}. */
static void reply_ticket(ms_app *app, const char *id, ms_reply *reply)
{
    cJSON *ticket = NULL;
    int built = ms_ticket_json(app->db, id, true, &ticket);
    reply_with(reply, built, "ticket", ticket);
}

/* GET /v1/staff/tickets?status=active|open|assigned|in_progress|resolved|closed|all (auth) */
void ms_handle_staff_tickets(ms_app *app, ms_request *req, ms_reply *reply)
{
    if (!staff_only(app, req, reply))
        return;
    const char *queue = ms_query(req, "status");
    if (queue == NULL || queue[0] == '\0')
        queue = "active";
    if (!ms_staff_queue_valid(queue)) {
        ms_reply_invalid(reply,
                         "status '%.*s' is not a queue: active, open, assigned, in_progress, "
                         "resolved, closed or all",
                         (int)ms_utf8_prefix(queue, 40), queue);
        return;
    }
    cJSON *tickets = NULL;
    int built = ms_staff_queue_json(app->db, req->user_id, queue, &tickets);
    reply_with(reply, built, "tickets", tickets);
}

/* GET /v1/staff/tickets/{id} (auth): by id or number. */
void ms_handle_staff_ticket(ms_app *app, ms_request *req, ms_reply *reply)
{
    char id[MS_ID_MAX];
    if (staff_ticket(app, req, reply, id))
        reply_ticket(app, id, reply);
}

/* GET /v1/staff/colleagues (auth) */
void ms_handle_staff_colleagues(ms_app *app, ms_request *req, ms_reply *reply)
{
    if (!staff_only(app, req, reply))
        return;
    cJSON *staff = NULL;
    int built = ms_staff_colleagues_json(app->db, req->user_id, &staff);
    reply_with(reply, built, "staff", staff);
}

/* Make move on id as the caller (assignee_id for an assignment); answer the ticket, or 409
 * with the rule's code and words. */
static void move(ms_app *app, ms_request *req, const char *id, ms_ticket_move how,
                 const char *assignee_id, ms_reply *reply)
{
    ms_ticket_author author = {.role = MS_ACTOR_STAFF, .user_id = req->user_id};
    ms_ticket_verdict verdict;
    int rc = ms_ticket_move_apply(app, id, how, &author, assignee_id, ms_clock_now(&app->clock),
                                  &verdict);
    if (rc != 0)
        ms_reply_internal(reply); /* 1: found a moment ago, in this transaction */
    else if (!verdict.allowed)
        ms_reply_error(reply, 409, verdict.code, "%s", verdict.message);
    else
        reply_ticket(app, id, reply);
}

/* POST /v1/staff/tickets/{id}/assign (auth) {assignee_id?}: absent or null, the caller. */
void ms_handle_staff_assign(ms_app *app, ms_request *req, ms_reply *reply)
{
    char id[MS_ID_MAX];
    if (!staff_ticket(app, req, reply, id))
        return;
    const cJSON *who = cJSON_GetObjectItemCaseSensitive(req->json, "assignee_id");
    if (who != NULL && !cJSON_IsNull(who) && !cJSON_IsString(who)) {
        ms_reply_invalid(reply, "field 'assignee_id' must be a staff user's id, or null (you)");
        return;
    }
    const char *assignee = cJSON_IsString(who) ? who->valuestring : req->user_id;
    ms_ticket ticket;
    int works = ms_ticket_load(app->db, id, &ticket) == 0
                    ? ms_staff_works_in(app->db, assignee, ticket.building_id)
                    : -1;
    if (works < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (works == 0) {
        ms_reply_error(reply, 422, "not_a_colleague",
                       "'%.*s' is not staff of %s: a ticket goes to one of the building's staff "
                       "(the colleagues list shows them)",
                       (int)ms_utf8_prefix(assignee, 40), assignee, ticket.building_id);
        return;
    }
    move(app, req, id, MS_MOVE_ASSIGN, assignee, reply);
}

/* POST /v1/staff/tickets/{id}/status (auth) {status: "in_progress"|"resolved"|"open"} */
void ms_handle_staff_status(ms_app *app, ms_request *req, ms_reply *reply)
{
    char id[MS_ID_MAX];
    if (!staff_ticket(app, req, reply, id))
        return;
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(req->json, "status");
    const char *to = cJSON_IsString(status) ? status->valuestring : "";
    ms_ticket_move how;
    if (strcmp(to, "in_progress") == 0)
        how = MS_MOVE_START;
    else if (strcmp(to, "resolved") == 0)
        how = MS_MOVE_RESOLVE;
    else if (strcmp(to, "open") == 0)
        how = MS_MOVE_REOPEN;
    else {
        ms_reply_invalid(reply,
                         "field 'status' must be in_progress (start), resolved or open (reopen)%s",
                         strcmp(to, "assigned") == 0 ? "; assign the ticket instead" : "");
        return;
    }
    move(app, req, id, how, NULL, reply);
}

/* POST /v1/staff/tickets/{id}/comments (auth) {text, internal?} */
void ms_handle_staff_comment(ms_app *app, ms_request *req, ms_reply *reply)
{
    char id[MS_ID_MAX];
    if (!staff_ticket(app, req, reply, id))
        return;
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(req->json, "text");
    const cJSON *internal = cJSON_GetObjectItemCaseSensitive(req->json, "internal");
    if (internal != NULL && !cJSON_IsBool(internal) && !cJSON_IsNull(internal)) {
        ms_reply_invalid(reply, "field 'internal' must be true (a note only staff read) or false");
        return;
    }
    size_t start = 0, len = 0;
    ms_ticket_text_verdict v =
        cJSON_IsString(text)
            ? ms_ticket_text_check(text->valuestring, MS_TICKET_TEXT_MAX, &start, &len)
            : MS_TEXT_EMPTY;
    if (v != MS_TEXT_OK) {
        if (v == MS_TEXT_TOO_LONG)
            ms_reply_error(reply, 400, "description_too_long", "field 'text' is over %d characters",
                           MS_TICKET_TEXT_MAX);
        else
            ms_reply_invalid(reply, "field 'text' %s",
                             v == MS_TEXT_NOT_UTF8 ? "is not valid UTF-8"
                                                   : "is missing or empty (1 to 2000 characters)");
        return;
    }
    char *trimmed = malloc(len + 1);
    if (trimmed == NULL) {
        ms_reply_internal(reply);
        return;
    }
    memcpy(trimmed, text->valuestring + start, len);
    trimmed[len] = '\0';
    int rc = ms_staff_comment(app, id, req->user_id, trimmed, cJSON_IsTrue(internal),
                              ms_clock_now(&app->clock));
    free(trimmed);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, 409, "ticket_closed",
                       "the ticket is closed: it takes no more comments (closed is final)");
    else
        reply_ticket(app, id, reply);
}
