/*
 * cmd_tickets.c - tickets and its subcommands: facility tickets (membercore/tickets.h).
 * The category tree and the member's tickets answer from the local store (offline);
 * filing, a comment, a resolve and a reopen are saved and queued at once (offline too)
 * and sent right away when the server answers, the photos uploading after the ticket.
 * Times shown are the building's local ones; SLA instants are the server's.
 */
#include "memberctl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "cmd/sync_sink.h"
#include "render/render.h"

/* More --photo options than a ticket takes, so that the core names the rule broken by
 * a sixth photo; beyond this many it is a usage error. */
#define MAX_PHOTO_ARGS 16

#define CATEGORIES_HINT                                                                            \
    "See the categories with: memberctl tickets categories (memberctl sync fetches them)"
#define TICKETS_HINT "See your tickets with: memberctl tickets (memberctl sync fetches them)"

/* ---- tickets categories ----------------------------------------------------------- */

static int tickets_categories(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_ticket_category_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_categories_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_ticket_categories(a, list);
    mc_ticket_category_list_free(list);
    return rc;
}

/* ---- sending a write at once ------------------------------------------------------ */

/*
 * The change just queued (kind, on ticket_id) sent at once by one sync round, the photos'
 * upload lines printed as they go (text only: --json shows each photo's state in the
 * ticket). Then the ticket as this device now has it, rendered for action; a refusal is
 * the error.
 */
static int send_and_show(app *a, mc_client *client, const char *action, const char *kind,
                         const char *ticket_id)
{
    event_sink sink = {.mode = SINK_HUMAN};
    uint64_t token = 0;
    bool listening = false;
    if (!a->json) {
        pthread_mutex_init(&sink.lock, NULL);
        sync_sink_name_photos(&sink, client);
        listening = mc_sync_listener_add(
                        client, MC_SYNC_EVENT_UPLOAD_PROGRESS | MC_SYNC_EVENT_UPLOAD_FAILED,
                        MC_DELIVER_IMMEDIATE, sync_sink_deliver, &sink, &token, NULL) == MC_OK;
    }
    sent_outcome sent = send_now(client, kind, ticket_id);
    if (!a->json) {
        if (listening)
            mc_sync_listener_remove(client, token, NULL);
        sync_sink_free(&sink);
        pthread_mutex_destroy(&sink.lock);
    }
    if (sent.state == SENT_REFUSED)
        return out_core_error(a, sent.why.code, &sent.why);

    mc_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_get(client, ticket_id, &t, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    int rc = render_ticket_written(a, action, t, sent.state);
    mc_ticket_free(t);
    return rc;
}

/* The ticket named by the member (an id or "T-1001") from the store into *out
 * (mc_ticket_free it); COMMAND_CONTINUE, or the exit code of the error printed. */
static int load_ticket(app *a, mc_client *client, const char *ref, mc_ticket **out)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_get(client, ref, out, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {{MC_ERR_NOT_FOUND, TICKETS_HINT}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    return COMMAND_CONTINUE;
}

/* The same, keeping only its id. */
static int find_ticket(app *a, mc_client *client, const char *ref, char *id, size_t id_cap)
{
    mc_ticket *t = NULL;
    int rc = load_ticket(a, client, ref, &t);
    if (rc == COMMAND_CONTINUE)
        snprintf(id, id_cap, "%s", out_str(t->id));
    mc_ticket_free(t);
    return rc;
}

/* ---- tickets new ---------------------------------------------------------------- */

/* Where the ticket is, from at most one of --room, --cabin, --desk, into d. */
static int parse_location(app *a, const command *self, const args *p, mc_ticket_draft *d)
{
    static const struct {
        const char *option;
        mc_ticket_location_kind kind;
    } places[] = {{"--room", MC_TICKET_LOCATION_ROOM},
                  {"--cabin", MC_TICKET_LOCATION_CABIN},
                  {"--desk", MC_TICKET_LOCATION_DESK}};
    const char *given = NULL;
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        const char *value = args_value(p, places[i].option);
        if (value == NULL)
            continue;
        if (given != NULL)
            return out_usage(a, self,
                             "options '%s' and '%s' both say where: give one of --room, "
                             "--cabin or --desk",
                             given, places[i].option);
        if (value[0] == '\0')
            return out_usage(a, self, "option '%s' is empty", places[i].option);
        given = places[i].option;
        d->location_kind = places[i].kind;
        if (places[i].kind == MC_TICKET_LOCATION_ROOM)
            d->location_id = value;
        else
            d->location_name = value;
    }
    return COMMAND_CONTINUE;
}

static int tickets_new(app *a, const command *self, int argc, char **argv)
{
    const char *photos[MAX_PHOTO_ARGS];
    arg_opt opts[] = {
        {"--category", true, NULL},
        {"--priority", true, NULL},
        {"--description", true, NULL},
        {"--building", true, NULL},
        {"--room", true, NULL},
        {"--cabin", true, NULL},
        {"--desk", true, NULL},
        {"--photo", true, NULL, .all = photos, .max = MAX_PHOTO_ARGS},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *category = args_value(&p, "--category");
    const char *priority = args_value(&p, "--priority");
    const char *building = args_value(&p, "--building");
    mc_ticket_draft d = {
        .priority = MC_TICKET_PRIORITY_NORMAL,
        .description = args_value(&p, "--description"),
        .building_id = building,
        .photo_paths = opts[7].count > 0 ? photos : NULL,
        .photo_count = (size_t)opts[7].count,
    };
    if (category == NULL)
        return out_usage(a, self,
                         "missing option '--category' (e.g. \"Cleaning/Washroom\"; "
                         "memberctl tickets categories lists them)");
    if (d.description == NULL)
        return out_usage(a, self,
                         "missing option '--description' (what is wrong, 1 to %d "
                         "characters)",
                         MC_TICKET_TEXT_MAX_CHARS);
    if (building != NULL && building[0] == '\0')
        return out_usage(a, self, "option '--building' is empty");
    mc_error err = MC_ERROR_INIT;
    if (priority != NULL && mc_ticket_priority_parse(priority, &d.priority, &err) != MC_OK)
        return out_usage(a, self, "option '--priority': %s", err.message);
    if ((rc = parse_location(a, self, &p, &d)) != COMMAND_CONTINUE)
        return rc;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_ticket_category_list *leaf = NULL;
    mc_status st = mc_ticket_category_find(client, category, &leaf, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {{MC_ERR_NOT_FOUND, CATEGORIES_HINT}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    d.category_id = leaf->items[0].id;
    char id[64];
    st = mc_ticket_file(client, &d, id, sizeof id, &err);
    mc_ticket_category_list_free(leaf);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "memberctl sync fetches the buildings, rooms and categories."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    return send_and_show(a, client, "file", "ticket.create", id);
}

/* ---- tickets (list) and tickets show ------------------------------------------- */

static int tickets_list(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_page page = {.limit = MC_PAGE_MAX_LIMIT, .cursor = NULL};
    mc_ticket_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_tickets_page(client, &page, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_tickets(a, list);
    mc_ticket_list_free(list);
    return rc;
}

static int tickets_show(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    mc_ticket *t = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc == COMMAND_CONTINUE && (rc = load_ticket(a, client, p.pos[0], &t)) == COMMAND_CONTINUE)
        rc = render_ticket(a, t);
    mc_ticket_free(t);
    return rc;
}

/* ---- tickets comment, resolve, reopen ------------------------------------------- */

static int tickets_comment(app *a, const command *self, int argc, char **argv)
{
    const char *photos[MAX_PHOTO_ARGS];
    arg_opt opts[] = {{"--photo", true, NULL, .all = photos, .max = MAX_PHOTO_ARGS}};
    args p = {.opts = opts, .nopts = 1, .pos_max = 2};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 1)
        return out_usage(a, self, "missing TEXT (the comment, 1 to %d characters)",
                         MC_TICKET_TEXT_MAX_CHARS);
    char id[64];
    if ((rc = find_ticket(a, client, p.pos[0], id, sizeof id)) != COMMAND_CONTINUE)
        return rc;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_ticket_comment(client, id, p.pos[1], opts[0].count > 0 ? photos : NULL,
                                     (size_t)opts[0].count, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    return send_and_show(a, client, "comment", "ticket.comment", id);
}

/* tickets resolve TICKET / tickets reopen TICKET. */
static int tickets_move(app *a, const command *self, int argc, char **argv, bool resolve)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, TICKET_ARG, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    char id[64];
    if ((rc = find_ticket(a, client, p.pos[0], id, sizeof id)) != COMMAND_CONTINUE)
        return rc;
    mc_error err = MC_ERROR_INIT;
    mc_status st =
        resolve ? mc_ticket_resolve(client, id, &err) : mc_ticket_reopen(client, id, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    return send_and_show(a, client, resolve ? "resolve" : "reopen",
                         resolve ? "ticket.resolve" : "ticket.reopen", id);
}

static int run_tickets(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return tickets_list(a, self, argc, argv);
    const char *sub = argv[0];
    int n = argc - 1;
    char **rest = argv + 1;
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "list") == 0)
        return tickets_list(a, self, n, rest);
    if (strcmp(sub, "categories") == 0)
        return tickets_categories(a, self, n, rest);
    if (strcmp(sub, "new") == 0)
        return tickets_new(a, self, n, rest);
    if (strcmp(sub, "show") == 0)
        return tickets_show(a, self, n, rest);
    if (strcmp(sub, "comment") == 0)
        return tickets_comment(a, self, n, rest);
    if (strcmp(sub, "resolve") == 0)
        return tickets_move(a, self, n, rest, true);
    if (strcmp(sub, "reopen") == 0)
        return tickets_move(a, self, n, rest, false);
    if (sub[0] == '-')
        return tickets_list(a, self, argc, argv);
    return out_usage(a, self,
                     "unknown subcommand '%s' (list, categories, new, show, comment, resolve or "
                     "reopen)",
                     sub);
}

const command cmd_tickets = {
    "tickets",
    "tickets [list]\n"
    "   or: memberctl tickets categories\n"
    "   or: memberctl tickets new --category PATH --description TEXT [--priority P]\n"
    "                    [--building B] [--room ID | --cabin NAME | --desk NAME]\n"
    "                    [--photo FILE]...\n"
    "   or: memberctl tickets show TICKET\n"
    "   or: memberctl tickets comment TICKET TEXT [--photo FILE]...\n"
    "   or: memberctl tickets resolve TICKET\n"
    "   or: memberctl tickets reopen TICKET",
    "facility tickets: categories, file one (works offline), follow, comment, resolve",
    "Facility support: something broken, dirty or missing in your building. A\n"
    "TICKET is its number (T-1001) or its id. Reads answer from the local store;\n"
    "writes are saved and queued at once (offline too) and sent right away when\n"
    "the server answers, saying so; otherwise memberctl sync sends them later.\n"
    "Times are the building's local time with its zone label.\n"
    "\n"
    "list (the default): your tickets, active ones first (open, assigned, in\n"
    "progress), then resolved, then closed; newest first within each: number\n"
    "(\"T-... pending\" until the server has it), category, priority, status and\n"
    "assignee, the description, where, the SLA badge and the resolution due\n"
    "time, and photos still waiting to upload.\n"
    "\n"
    "categories: the two-level tree: each top level, then its leaves with the\n"
    "team they route to and the SLA at normal priority (first response,\n"
    "resolution), counted in the building's opening hours.\n"
    "\n"
    "new: file a ticket under a leaf of the tree.\n"
    "  --category PATH     e.g. \"Cleaning/Washroom\" or cleaning.washroom (required)\n"
    "  --description TEXT  what is wrong, 1 to 2000 characters (required)\n"
    "  --priority P        low, normal (default), high or urgent: scales the SLA\n"
    "  --building B        default: your own building\n"
    "  --room ID           a meeting room of the building (e.g. BLR-1-BOARD), or\n"
    "  --cabin NAME        a cabin by name (e.g. \"Cabin 1019\"), or\n"
    "  --desk NAME         a desk by name\n"
    "  --photo FILE        a JPEG or PNG (by its content, not its name), at most\n"
    "                      10 MB; up to 5. Kept on this device until uploaded,\n"
    "                      after the ticket reaches the server, resuming where it\n"
    "                      stopped.\n"
    "\n"
    "show: one ticket: status and assignee, where, when filed, the SLA (on\n"
    "track, at risk, breached, met) with its due times, the description, the\n"
    "photos (uploaded, or waiting to upload with the share sent) and the\n"
    "timeline of status changes, comments and photos.\n"
    "\n"
    "comment: add TEXT (1 to 2000 characters) and up to 5 photos (--photo FILE,\n"
    "as for new). A closed ticket takes no comment.\n"
    "resolve: mark it fixed from your side (open, assigned or in progress).\n"
    "reopen: a resolved ticket, within 7 days of its resolution; after that it\n"
    "is closed for good.\n"
    "Refused at once (exit 2): an unknown category, an empty or too long text,\n"
    "a sixth photo, a file that is not a JPEG or PNG or is over 10 MB, a\n"
    "comment on a closed ticket, a move the ticket's status does not allow; the\n"
    "message names the rule. Refused by the server later: memberctl outbox.\n"
    "\n"
    "JSON: list: {\"tickets\":[TICKET],\"more\"}\n"
    "      categories: {\"categories\":[{\"id\",\"parent_id\",\"name\",\"path\",\"leaf\",\n"
    "       \"team\",\"sla\":{\"response_min\",\"resolution_min\"}|null}]}\n"
    "      show: {\"ticket\":TICKET with \"timeline\" and \"photos\"}\n"
    "      new, comment, resolve, reopen: {\"action\":\"file\"|\"comment\"|\"resolve\"|\n"
    "       \"reopen\",\"ticket\":TICKET with \"timeline\" and \"photos\",\"queued\",\n"
    "       \"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\"signed_out\"|\"retry\"}\n"
    "      TICKET: {\"id\",\"number\"|null,\"building_id\",\"category_id\",\n"
    "       \"category_path\",\"priority\",\"description\",\n"
    "       \"location\":{\"kind\",\"id\",\"name\"}|null,\"status\",\"assignee_name\",\n"
    "       \"created_at\",\"updated_at\",\"resolved_at\",\"closed_at\",\"reopen_until\"\n"
    "       (each with _ms, _local, _zone; null when unset),\"sla\":{\"state\",\n"
    "       \"response_due\",\"resolution_due\" (with _ms, _local, _zone),\n"
    "       \"at_risk_from\",\"responded_at\" (with _ms)},\"photos_waiting\",\"pending\",\n"
    "       \"timeline\":[{\"id\",\"type\",\"at\" (with _ms, _local, _zone),\n"
    "       \"author\":{\"role\",\"name\"},\"from\",\"to\",\"text\",\"photo_ids\",\"pending\"}],\n"
    "       \"photos\":[{\"id\",\"comment_id\",\"content_type\",\"bytes\",\"uploaded\",\n"
    "       \"sent_bytes\",\"percent\"}]}\n",
    run_tickets,
};
