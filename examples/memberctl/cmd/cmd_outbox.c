/*
 * cmd_outbox.c - outbox: the changes made on this device that the server has
 * not confirmed yet, and the ones it refused (with why); "outbox dismiss ID"
 * forgets a refused one once it has been seen. Local only (membercore/sync.h).
 */
#include "memberctl.h"

#include <string.h>

#include "args.h"
#include "parse/values.h"
#include "render/render.h"

static int outbox_list(app *a, mc_client *client)
{
    mc_mutation_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_outbox_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    int rc = render_outbox(a, list);
    mc_mutation_list_free(list);
    return rc;
}

static int outbox_dismiss(app *a, mc_client *client, int64_t id)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_outbox_dismiss(client, id, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List the outbox with: memberctl outbox"},
            {MC_ERR_STATE, "Only a rejected change can be dismissed; see: memberctl outbox"},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    return render_dismissed(a, id);
}

static int run_outbox(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 2};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    int64_t id = 0;
    if (p.npos > 0) {
        if (strcmp(p.pos[0], "dismiss") != 0)
            return out_usage(a, self, "unknown subcommand '%s' (only 'dismiss')", p.pos[0]);
        if (p.npos < 2)
            return out_usage(a, self, "missing MUTATION_ID");
        if (!values_parse_id(p.pos[1], &id))
            return out_usage(a, self, "MUTATION_ID '%s' is not a mutation id (e.g. 7)", p.pos[1]);
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    return p.npos == 0 ? outbox_list(a, client) : outbox_dismiss(a, client, id);
}

const command cmd_outbox = {
    "outbox",
    "outbox [dismiss MUTATION_ID]",
    "list changes not yet confirmed and rejected ones (local)",
    "Lists, oldest first, the changes made on this device that the server has\n"
    "not confirmed yet (pending, in_flight, acknowledged) and the ones it\n"
    "refused (rejected, with the server's reason). No network needed.\n"
    "  dismiss MUTATION_ID   forget a rejected change once its reason is seen\n"
    "\n"
    "JSON: {\"outbox\":[{\"mutation_id\",\"kind\",\"entity_id\",\"state\",\"attempts\",\n"
    "       \"created_at_ms\",\"created_at\",\"next_attempt_ms\",\"next_attempt\",\"payload\",\n"
    "       \"error\":{\"code\",\"status\",\"server_code\",\"message\"}|null}]}\n"
    "      dismiss: {\"dismissed\":MUTATION_ID}\n",
    run_outbox,
};
