/*
 * cmd_staff.c - staff: what ground staff do with their building's tickets
 * (membercore/staff.h), signed in with a staff account: the queue, one ticket,
 * assign, start, resolve, reopen, comment (public or an internal note), and the
 * colleagues a ticket can go to; and reception (membercore/visitors.h): the day's
 * visitors, a check-in, a walk-in. Every one asks the server (online).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "render/render.h"

#define STAFF_ONLY_HINT                                                                            \
    "These commands are for staff accounts; sign in with one: memberctl login PHONE"
#define STAFF_OFFLINE_HINT "Staff commands need the server; try again when it is reachable."

/* Hints after a refusal, for every staff action on tickets. */
static const out_hint staff_hints[] = {
    {MC_ERR_FORBIDDEN, STAFF_ONLY_HINT},
    {MC_ERR_NOT_FOUND,
     "Your building's tickets are listed by: memberctl staff tickets --status all"},
    {MC_ERR_OFFLINE, STAFF_OFFLINE_HINT},
    {MC_ERR_STATE, "See where it stands with: memberctl staff tickets show TICKET"},
    {MC_OK, NULL}};

static int staff_error(const app *a, mc_status st, const mc_error *err)
{
    return out_core_error_hint(a, st, err, staff_hints);
}

/* ---- the queue and one ticket ----------------------------------------------------------- */

static int tickets_queue(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--status", true, NULL}};
    args p = {.opts = opts, .nopts = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_staff_queue queue = MC_STAFF_QUEUE_ACTIVE;
    mc_error err = MC_ERROR_INIT;
    const char *status = args_value(&p, "--status");
    if (status != NULL && mc_staff_queue_parse(status, &queue, &err) != MC_OK)
        return out_usage(a, self, "%s", err.message);
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_staff_ticket_list *list = NULL;
    mc_status st = mc_staff_tickets_list(client, queue, &list, &err);
    if (st != MC_OK)
        return staff_error(a, st, &err);
    rc = render_staff_queue(a, queue, list);
    mc_staff_ticket_list_free(list);
    return rc;
}

static int tickets_show(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_ticket_get(client, p.pos[0], &t, &err);
    if (st != MC_OK)
        return staff_error(a, st, &err);
    rc = render_staff_ticket(a, t);
    mc_staff_ticket_free(t);
    return rc;
}

/* What a staff action did, for its sentence. */
typedef enum staff_action {
    ACTION_ASSIGN,
    ACTION_START,
    ACTION_RESOLVE,
    ACTION_REOPEN,
    ACTION_REPLY,
    ACTION_NOTE,
} staff_action;

/* The sentence that says what the action did to t, into out. */
static void action_sentence(staff_action action, const mc_staff_ticket *t, char *out, size_t cap)
{
    const char *name = t->ticket.number[0] != '\0' ? t->ticket.number : t->ticket.id;
    switch (action) {
    case ACTION_ASSIGN:
        snprintf(out, cap, "%s is assigned to %s; the member was told.", name,
                 t->ticket.assignee_name);
        break;
    case ACTION_START:
        snprintf(out, cap, "%s is in progress; the member was told.", name);
        break;
    case ACTION_RESOLVE:
        snprintf(out, cap, "%s is resolved (SLA %s); the member was told.", name,
                 mc_sla_state_name(t->ticket.sla));
        break;
    case ACTION_REOPEN:
        snprintf(out, cap, "%s is reopened (%s); the member was told.", name,
                 t->ticket.status == MC_TICKET_ASSIGNED ? "back with its assignee" : "open");
        break;
    case ACTION_REPLY:
        snprintf(out, cap, "Reply added to %s; the member was told.", name);
        break;
    case ACTION_NOTE:
        snprintf(out, cap, "Internal note added to %s (staff only; the member never sees it).",
                 name);
        break;
    }
}

/* The end of every action: its error, or its sentence and the ticket as it now stands
 * (t is freed). */
static int acted(app *a, staff_action action, mc_status st, const mc_error *err, mc_staff_ticket *t)
{
    if (st != MC_OK)
        return staff_error(a, st, err);
    char what[256];
    action_sentence(action, t, what, sizeof what);
    int rc = render_staff_done(a, what, t);
    mc_staff_ticket_free(t);
    return rc;
}

/* ---- assign ----------------------------------------------------------------------------- */

/*
 * The colleague named by `who` (an id, or a name, case-insensitive) into id_out; the
 * exit code after an error, or COMMAND_CONTINUE.
 */
static int colleague_named(app *a, mc_client *client, const char *who, char *id_out, size_t cap)
{
    mc_staff_colleague_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_colleagues_list(client, &list, &err);
    if (st != MC_OK)
        return staff_error(a, st, &err);
    const mc_staff_colleague *found = NULL;
    for (size_t i = 0; i < list->count && found == NULL; i++) {
        if (strcmp(list->items[i].id, who) == 0 || strcasecmp(list->items[i].name, who) == 0)
            found = &list->items[i];
    }
    char names[512] = "";
    size_t used = 0;
    for (size_t i = 0; found == NULL && i < list->count && used < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                                 list->items[i].name);
    if (found != NULL)
        snprintf(id_out, cap, "%s", found->id);
    mc_staff_colleague_list_free(list);
    if (found != NULL)
        return COMMAND_CONTINUE;
    char msg[700];
    snprintf(msg, sizeof msg, "nobody called '%s' works in your building (staff here: %s)", who,
             names[0] ? names : "none");
    return out_error_in(a, "not_a_colleague", MC_ERR_INVALID_ARG, msg, NULL);
}

static int tickets_assign(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--to", true, NULL}};
    args p = {.opts = opts, .nopts = 1, .pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *to = args_value(&p, "--to");
    char assignee[128] = "";
    if (to != NULL && to[0] != '\0' && strcasecmp(to, "me") != 0 &&
        (rc = colleague_named(a, client, to, assignee, sizeof assignee)) != COMMAND_CONTINUE)
        return rc;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_ticket_assign(client, p.pos[0], assignee, &t, &err);
    return acted(a, ACTION_ASSIGN, st, &err, t);
}

/* ---- start, resolve, reopen ----------------------------------------------------------- */

static int tickets_move(app *a, const command *self, int argc, char **argv, mc_ticket_status to)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_ticket_set_status(client, p.pos[0], to, &t, &err);
    return acted(a,
                 to == MC_TICKET_IN_PROGRESS ? ACTION_START
                 : to == MC_TICKET_RESOLVED  ? ACTION_RESOLVE
                                             : ACTION_REOPEN,
                 st, &err, t);
}

/* ---- comment ------------------------------------------------------------------------------ */

static int tickets_comment(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--internal", false, NULL}};
    args p = {.opts = opts, .nopts = 1, .pos_max = 2};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos < 2)
        return out_usage(a, self, p.npos == 0 ? "missing TICKET and TEXT" : "missing TEXT");
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    bool internal = args_value(&p, "--internal") != NULL;
    mc_staff_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_ticket_comment(client, p.pos[0], p.pos[1], internal, &t, &err);
    return acted(a, internal ? ACTION_NOTE : ACTION_REPLY, st, &err, t);
}

/* ---- colleagues ------------------------------------------------------------------------- */

static int staff_colleagues(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_staff_colleague_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_staff_colleagues_list(client, &list, &err);
    if (st != MC_OK)
        return staff_error(a, st, &err);
    rc = render_staff_colleagues(a, list);
    mc_staff_colleague_list_free(list);
    return rc;
}

/* ---- reception: visitors --------------------------------------------------------------- */

/* Hints after a refusal of a reception action. */
static const out_hint reception_hints[] = {
    {MC_ERR_FORBIDDEN, STAFF_ONLY_HINT},
    {MC_ERR_NOT_FOUND, "The day's visitors are listed by: memberctl staff visitors [--date D]"},
    {MC_ERR_OFFLINE, STAFF_OFFLINE_HINT},
    {MC_ERR_STATE, "See the day's visitors with: memberctl staff visitors [--date D]"},
    {MC_OK, NULL}};

static int visitors_day(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--date", true, NULL}};
    args p = {.opts = opts, .nopts = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *date = args_value(&p, "--date");
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", date, NULL, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_reception_visitors(client, date, &list, &err);
    if (st != MC_OK)
        return out_core_error_hint(a, st, &err, reception_hints);
    rc = render_reception_visitors(a, date, list);
    mc_visitor_list_free(list);
    return rc;
}

static int visitors_checkin(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv,
                                "VISITOR (their id, the 8-digit code from their SMS, or their QR "
                                "payload)",
                                &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_reception_checkin(client, p.pos[0], &v, &err);
    if (st != MC_OK)
        return out_core_error_hint(a, st, &err, reception_hints);
    char what[512];
    snprintf(what, sizeof what,
             "%s is checked in; %s was told \"Visitor waiting at reception\" on the channels "
             "they chose.",
             out_str(v->name), out_str(v->host_name)[0] ? v->host_name : "the host");
    rc = render_reception_done(a, what, v);
    mc_visitor_free(v);
    return rc;
}

static int visitors_walk_in(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--host", true, NULL},
                      {"--name", true, NULL},
                      {"--email", true, NULL},
                      {"--phone", true, NULL}};
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_walk_in w = {.host_phone = args_value(&p, "--host"),
                    .name = args_value(&p, "--name"),
                    .email = args_value(&p, "--email"),
                    .phone = args_value(&p, "--phone")};
    if (w.host_phone == NULL)
        return out_usage(a, self,
                         "missing option '--host' (the phone number of the member "
                         "they ask for)");
    if (w.name == NULL)
        return out_usage(a, self, "missing option '--name' (the visitor's name)");
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_reception_walk_in(client, &w, &v, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "No member has that phone number; ask the visitor for their "
                               "host's number."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, st == MC_ERR_NOT_FOUND ? hints : reception_hints);
    }
    /* Today at the building: the time and its zone are enough. */
    char what[512], due[DATETIME_LOCAL_MAX];
    snprintf(due, sizeof due, "%02d:%02d %s", (int)v->approval_due.hour % 100,
             (int)v->approval_due.minute % 100, v->approval_due.label);
    snprintf(what, sizeof what,
             "Walk-in %s registered for %s, who is asked to approve or decline; with no answer "
             "by %s it is declined.",
             out_str(v->name), out_str(v->host_name)[0] ? v->host_name : "the host", due);
    rc = render_reception_done(a, what, v);
    mc_visitor_free(v);
    return rc;
}

static int staff_visitors(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0 || argv[0][0] == '-')
        return visitors_day(a, self, argc, argv);
    const char *sub = argv[0];
    if (strcmp(sub, "list") == 0)
        return visitors_day(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "checkin") == 0)
        return visitors_checkin(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "walk-in") == 0)
        return visitors_walk_in(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand 'visitors %s' (list, checkin or walk-in)", sub);
}

/* ---- dispatch -------------------------------------------------------------------------- */

static int staff_tickets(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0 || argv[0][0] == '-')
        return tickets_queue(a, self, argc, argv);
    const char *sub = argv[0];
    int n = argc - 1;
    char **rest = argv + 1;
    if (strcmp(sub, "list") == 0)
        return tickets_queue(a, self, n, rest);
    if (strcmp(sub, "show") == 0)
        return tickets_show(a, self, n, rest);
    if (strcmp(sub, "assign") == 0)
        return tickets_assign(a, self, n, rest);
    if (strcmp(sub, "start") == 0)
        return tickets_move(a, self, n, rest, MC_TICKET_IN_PROGRESS);
    if (strcmp(sub, "resolve") == 0)
        return tickets_move(a, self, n, rest, MC_TICKET_RESOLVED);
    if (strcmp(sub, "reopen") == 0)
        return tickets_move(a, self, n, rest, MC_TICKET_OPEN);
    if (strcmp(sub, "comment") == 0)
        return tickets_comment(a, self, n, rest);
    return out_usage(a, self,
                     "unknown subcommand 'tickets %s' (list, show, assign, start, resolve, "
                     "reopen or comment)",
                     sub);
}

static int run_staff(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return out_usage(a, self, "missing 'tickets', 'visitors' or 'colleagues'");
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "tickets") == 0)
        return staff_tickets(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "visitors") == 0)
        return staff_visitors(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "colleagues") == 0)
        return staff_colleagues(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (tickets, visitors or colleagues)", sub);
}

const command cmd_staff = {
    "staff",
    "staff tickets [--status active|open|assigned|in_progress|resolved|closed|all]\n"
    "   or: memberctl staff tickets show TICKET\n"
    "   or: memberctl staff tickets assign TICKET [--to NAME]\n"
    "   or: memberctl staff tickets start|resolve|reopen TICKET\n"
    "   or: memberctl staff tickets comment TICKET TEXT [--internal]\n"
    "   or: memberctl staff visitors [--date YYYY-MM-DD]\n"
    "   or: memberctl staff visitors checkin VISITOR\n"
    "   or: memberctl staff visitors walk-in --host PHONE --name N [--email E]\n"
    "                    [--phone P]\n"
    "   or: memberctl staff colleagues",
    "ground staff: your building's tickets, and its visitors at reception (online)",
    "For staff accounts (Kiran Das at BLR-1, Tom Reed at LON-1 in the seed): the\n"
    "facility tickets of your building. Every command asks the server (offline:\n"
    "exit 2); a member's account gets forbidden (exit 2). TICKET is the number\n"
    "the queue shows (T-1001) or the ticket's id; a ticket of another building is\n"
    "not found.\n"
    "\n"
    "tickets (or tickets list): the queue, most urgent first: number, priority,\n"
    "category, the SLA's resolution due time in the building's local time with\n"
    "its zone and the badge (on track, at risk, breached; met once resolved),\n"
    "status and who has it. The SLA counts the building's opening hours.\n"
    "  --status Q   active (the default: open, assigned, in progress), open,\n"
    "               assigned, in_progress, resolved, closed or all\n"
    "tickets show TICKET: the ticket, who filed it, where, both SLA due times,\n"
    "its timeline with the internal notes (marked; the member never sees them)\n"
    "and the next step.\n"
    "tickets assign TICKET [--to NAME]: to you, or to a colleague by name or\n"
    "id (memberctl staff colleagues lists them). An open ticket becomes\n"
    "assigned; the member is told who is on it.\n"
    "tickets start TICKET: assigned -> in progress.\n"
    "tickets resolve TICKET: assigned or in progress -> resolved; the SLA is\n"
    "met or breached from then on.\n"
    "tickets reopen TICKET: resolved -> assigned (or open when nobody has it).\n"
    "A move the ticket's status does not allow exits 2 (state) naming it, e.g.\n"
    "\"a ticket that is open cannot be started: assign it first\".\n"
    "tickets comment TICKET TEXT [--internal]: a reply the member sees (and is\n"
    "told of), or with --internal a note only staff see. 1 to 2000 characters;\n"
    "a closed ticket takes no comment (exit 2, state).\n"
    "colleagues: the staff of your building.\n"
    "\n"
    "Reception:\n"
    "visitors [--date YYYY-MM-DD]: your building's visitors of the day (default:\n"
    "today there), by expected window then name: the window in the building's\n"
    "local time with its zone, name, host, status in words, id.\n"
    "visitors checkin VISITOR: by their id, the 8-digit code from their SMS\n"
    "(spaces allowed) or their QR payload: arrived; the host is told \"Visitor\n"
    "waiting at reception\" on the channels they chose (it always reaches them).\n"
    "Refused (exit 2): none at your building (not_found); cancelled, declined,\n"
    "waiting for the host's answer, already arrived, or invited for another day\n"
    "(state; the message says which).\n"
    "visitors walk-in --host PHONE --name N [--email E] [--phone P]: someone\n"
    "without an invitation asks for a member (by the member's phone number): the\n"
    "host is asked to approve or decline; with no answer in 15 minutes it is\n"
    "declined. No member with that number: not_found (exit 2).\n"
    "\n"
    "JSON: tickets: {\"tickets\":[TICKET]} (no timeline, notes or photos)\n"
    "      show: {\"ticket\":TICKET}; assign, start, resolve, reopen, comment:\n"
    "      {\"done\":SENTENCE,\"ticket\":TICKET}\n"
    "      TICKET: {\"id\",\"number\",\"building_id\",\"category_id\",\"category_path\",\n"
    "       \"priority\",\"description\",\"location_kind\",\"location_name\",\"status\",\n"
    "       \"reporter_id\",\"reporter_name\",\"assignee_id\",\"assignee_name\",\n"
    "       \"created_at\"...,\"updated_at\"...,\"resolved_at\"...,\"response_due\"...,\n"
    "       \"resolution_due\"...,\"responded_at_ms\",\"responded_at\",\"sla\",\n"
    "       \"timeline\":[{\"id\",\"type\",\"at\"...,\"author_role\",\"author_name\",\n"
    "       \"from\",\"to\",\"text\",\"internal\":false,\"photo_ids\"}],\n"
    "       \"notes\":[{\"id\",\"at\"...,\"author_name\",\"text\"}],\n"
    "       \"photos\":[{\"id\",\"comment_id\",\"content_type\",\"bytes\",\"uploaded\"}]}\n"
    "      (X_at...: X_at_ms, X_at (UTC), X_at_local, X_at_zone as in memberctl help\n"
    "      invoices)\n"
    "      colleagues: {\"staff\":[{\"id\",\"name\"}]}\n"
    "      visitors: {\"visitors\":[VISITOR]}; checkin, walk-in: {\"done\":SENTENCE,\n"
    "       \"visitor\":VISITOR} (VISITOR as in memberctl help visitors, host_name set)\n",
    run_staff,
};
