/*
 * cmd_visitors.c - visitors and its subcommands: a member's visitors (membercore/visitors.h,
 * member side). The list and one visitor answer from the local store (offline); an
 * invitation, a cancel and a walk-in's answer are saved and queued at once (offline too)
 * and sent right away when the server answers. Reception's side is staff visitors
 * (cmd_staff.c).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

#define VISITOR_ARG "VISITOR_ID (from: memberctl visitors)"
#define VISITORS_HINT                                                                              \
    "See your visitors with: memberctl visitors --all (memberctl sync fetches them)"

/* Hints after a refusal of a visitor's write, by status. */
static const out_hint visitor_hints[] = {
    {MC_ERR_NOT_FOUND, VISITORS_HINT},
    {MC_ERR_STATE, "See where it stands with: memberctl visitors show VISITOR_ID"},
    {MC_OK, NULL}};

/* Hints after a refused invitation. */
static const out_hint invite_hints[] = {
    {MC_ERR_NOT_FOUND, "memberctl buildings lists the buildings (memberctl sync fetches them); "
                       "--building names one."},
    {MC_ERR_STATE, "Pick a day the building is open, from today to 60 days ahead: memberctl "
                   "buildings shows the opening hours."},
    {MC_OK, NULL}};

/* The written visitor sent at once (sent_since after mark), then shown as this device has
 * it; a refusal by the server is the error, with hints. */
static int send_and_show(app *a, mc_client *client, const char *action, const char *kind,
                         int64_t mark, const char *visitor_id, const out_hint *hints)
{
    sent_state sent;
    int rc = send_since_or_refusal(a, client, kind, mark, hints, &sent);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitor_get(client, visitor_id, &v, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_visitor_written(a, action, v, sent);
    mc_visitor_free(v);
    return rc;
}

/* ---- visitors invite -------------------------------------------------------------------- */

/* --from and --to into *from / *to (both -1 when neither is given). */
static int parse_window(app *a, const command *self, const args *p, int32_t *from, int32_t *to)
{
    const char *from_text = args_value(p, "--from"), *to_text = args_value(p, "--to");
    *from = *to = -1;
    if (from_text == NULL && to_text == NULL)
        return COMMAND_CONTINUE;
    if (from_text == NULL || to_text == NULL)
        return out_usage(a, self,
                         "give both '--from' and '--to' (the expected arrival, HH:MM in the "
                         "building's local time), or neither");
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_hhmm("--from", from_text, "HH:MM", from, msg, sizeof msg) ||
        !datetime_arg_hhmm("--to", to_text, "HH:MM", to, msg, sizeof msg) ||
        !datetime_arg_range("--from", *from, "--to", *to, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    return COMMAND_CONTINUE;
}

static int visitors_invite(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {
        {"--name", true, NULL},     {"--email", true, NULL}, {"--phone", true, NULL},
        {"--building", true, NULL}, {"--date", true, NULL},  {"--from", true, NULL},
        {"--to", true, NULL},       {"--again", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *again = args_value(&p, "--again"), *date = args_value(&p, "--date");
    mc_visitor_invitation inv = {
        .name = args_value(&p, "--name"),
        .email = args_value(&p, "--email"),
        .phone = args_value(&p, "--phone"),
        .building_id = args_value(&p, "--building"),
        .date = date,
    };
    if (again != NULL) {
        static const char *const copied[] = {"--name", "--email", "--phone", "--building"};
        for (size_t i = 0; i < sizeof copied / sizeof *copied; i++) {
            if (args_value(&p, copied[i]) != NULL)
                return out_usage(a, self,
                                 "option '%s' with '--again': the earlier visitor's name, "
                                 "email, phone and building are copied",
                                 copied[i]);
        }
    } else if (inv.name == NULL) {
        return out_usage(a, self, "missing option '--name' (the visitor's name)");
    } else if (inv.email == NULL) {
        return out_usage(a, self,
                         "missing option '--email' (the visitor's email: their QR code is sent "
                         "there)");
    }
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", date,
                           "YYYY-MM-DD, the day of the visit in the building's "
                           "local time",
                           msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    if ((rc = parse_window(a, self, &p, &inv.window_from_min, &inv.window_to_min)) !=
        COMMAND_CONTINUE)
        return rc;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    int64_t mark = outbox_mark(client);
    char id[MC_VISITOR_ID_CAP];
    mc_error err = MC_ERROR_INIT;
    mc_status st = again != NULL ? mc_visitor_invite_again(client, again, date, inv.window_from_min,
                                                           inv.window_to_min, id, sizeof id, &err)
                                 : mc_visitor_invite(client, &inv, id, sizeof id, &err);
    if (st != MC_OK)
        return out_core_error_hint(
            a, st, &err, again != NULL && st == MC_ERR_NOT_FOUND ? visitor_hints : invite_hints);
    return send_and_show(a, client, "invite", "visitor.invite", mark, id, invite_hints);
}

/* ---- visitors (list) and visitors show -------------------------------------------------- */

static int visitors_list(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitors_list(client, !all, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_visitors(a, list, all);
    mc_visitor_list_free(list);
    return rc;
}

static int visitors_show(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, VISITOR_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_visitor_get(client, p.pos[0], &v, &err);
    if (st != MC_OK)
        return out_core_error_hint(a, st, &err, visitor_hints);
    rc = render_visitor(a, v);
    mc_visitor_free(v);
    return rc;
}

/* ---- visitors cancel, approve, decline ---------------------------------------------------- */

typedef enum visitor_move { MOVE_CANCEL, MOVE_APPROVE, MOVE_DECLINE } visitor_move;

static int visitors_move(app *a, const command *self, int argc, char **argv, visitor_move move)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, VISITOR_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *id = p.pos[0];
    int64_t mark = outbox_mark(client);
    mc_error err = MC_ERROR_INIT;
    mc_status st = move == MOVE_CANCEL ? mc_visitor_cancel(client, id, &err)
                                       : mc_visitor_decide(client, id, move == MOVE_APPROVE, &err);
    if (st != MC_OK)
        return out_core_error_hint(a, st, &err, visitor_hints);
    static const char *const actions[] = {"cancel", "approve", "decline"};
    return send_and_show(a, client, actions[move],
                         move == MOVE_CANCEL ? "visitor.cancel" : "visitor.decide", mark, id,
                         visitor_hints);
}

static int run_visitors(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0 || argv[0][0] == '-') {
        if (argc > 0 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0))
            return command_help(self);
        return visitors_list(a, self, argc, argv);
    }
    const char *sub = argv[0];
    int n = argc - 1;
    char **rest = argv + 1;
    if (strcmp(sub, "list") == 0)
        return visitors_list(a, self, n, rest);
    if (strcmp(sub, "invite") == 0)
        return visitors_invite(a, self, n, rest);
    if (strcmp(sub, "show") == 0)
        return visitors_show(a, self, n, rest);
    if (strcmp(sub, "cancel") == 0)
        return visitors_move(a, self, n, rest, MOVE_CANCEL);
    if (strcmp(sub, "approve") == 0)
        return visitors_move(a, self, n, rest, MOVE_APPROVE);
    if (strcmp(sub, "decline") == 0)
        return visitors_move(a, self, n, rest, MOVE_DECLINE);
    return out_usage(
        a, self, "unknown subcommand '%s' (list, invite, show, cancel, approve or decline)", sub);
}

const command cmd_visitors = {
    "visitors",
    "visitors [list] [--all]\n"
    "   or: memberctl visitors invite --name N --email E [--phone P] [--building B]\n"
    "                    --date YYYY-MM-DD [--from HH:MM --to HH:MM]\n"
    "   or: memberctl visitors invite --again VISITOR_ID --date YYYY-MM-DD\n"
    "                    [--from HH:MM --to HH:MM]\n"
    "   or: memberctl visitors show VISITOR_ID\n"
    "   or: memberctl visitors cancel VISITOR_ID\n"
    "   or: memberctl visitors approve|decline VISITOR_ID",
    "your visitors: invite one (works offline), cancel, answer a walk-in",
    "Your visitors. Reads answer from the local store; writes are saved and\n"
    "queued at once (offline too) and sent right away when the server answers,\n"
    "saying so; otherwise memberctl sync sends them later. Dates read in words\n"
    "(Mon 7 Dec) and times are the building's local time with its zone label.\n"
    "\n"
    "list (the default): the upcoming ones (today or later: invited, waiting for\n"
    "your answer, or arrived today), soonest first: id, name, email and phone,\n"
    "building, date and expected window, status (invited, arrived at the door or\n"
    "at reception, cancelled, a walk-in waiting for your answer, declined), and\n"
    "(pending) for a write of this device the server has not confirmed yet.\n"
    "  --all   every visitor, newest date first\n"
    "\n"
    "invite: the server emails the visitor their QR code (and, with --phone,\n"
    "texts the entry code); it opens the building's door on that date only.\n"
    "When they arrive (the code scanned at the door, or reception checks them\n"
    "in) you get \"Visitor waiting at reception\".\n"
    "  --name N           the visitor's name, 1 to 100 characters (required)\n"
    "  --email E          where their QR code goes (required)\n"
    "  --phone P          a mobile number for the SMS with the entry code\n"
    "  --building B       default: your own building\n"
    "  --date YYYY-MM-DD  the day, in the building's local time: from today up\n"
    "                     to 60 days ahead, a day the building is open (required)\n"
    "  --from HH:MM --to HH:MM  when you expect them (both, or neither)\n"
    "  --again VISITOR_ID the same person as an earlier visitor (name, email,\n"
    "                     phone and building copied), for --date\n"
    "show: one visitor.\n"
    "cancel: an invitation not yet used; the code stops opening the door.\n"
    "approve, decline: a walk-in reception registered for you; with no answer\n"
    "in 15 minutes it is declined.\n"
    "Refused at once (exit 2): a bad name, email or phone, a date in the past,\n"
    "too far ahead or a closed day (named: \"BLR-1 is closed on Sunday 6 Dec\"),\n"
    "an unknown building or visitor, a cancel or an answer the visitor's status\n"
    "does not allow; the message names the rule. A late answer to a walk-in is\n"
    "refused by the server (approval_expired).\n"
    "\n"
    "JSON: list: {\"visitors\":[VISITOR]}; show: {\"visitor\":VISITOR}\n"
    "      invite, cancel, approve, decline: {\"action\":\"invite\"|\"cancel\"|\n"
    "       \"approve\"|\"decline\",\"visitor\":VISITOR,\"queued\",\n"
    "       \"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\"signed_out\"|\"retry\"}\n"
    "      VISITOR: {\"id\",\"building_id\",\"name\",\"email\",\"phone\"|null,\"date\",\n"
    "       \"window\":{\"from\",\"to\",\"from_min\",\"to_min\",\"zone\"}|null,\"status\":\n"
    "       \"invited\"|\"arrived\"|\"cancelled\"|\"awaiting_approval\"|\"declined\",\n"
    "       \"walk_in\",\"checked_in_by\":\"door\"|\"reception\"|null,\"arrived_at\"...,\n"
    "       \"approval_due\"... (each _ms, UTC, _local, _zone; null when unset),\n"
    "       \"declined_by_timeout\",\"created_at_ms\",\"created_at\",\"host_id\",\n"
    "       \"host_name\"|null,\"pending\"}\n",
    run_visitors,
};
