/*
 * cmd_account.c - whoami: the signed-in account from the local store
 * (works offline), or fresh from the server with --refresh.
 */
#include "memberctl.h"

#include "args.h"
#include "render/render.h"

static int run_whoami(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--refresh", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool refresh = args_value(&p, "--refresh") != NULL;
    mc_account *acc = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st =
        refresh ? mc_account_refresh(client, &acc, &err) : mc_account_get(client, &acc, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    rc = render_account(a, acc, NULL);
    mc_account_free(acc);
    return rc;
}

const command cmd_whoami = {
    "whoami",
    "whoami [--refresh]",
    "show who is signed in (local; --refresh asks the server)",
    "Shows the signed-in account from the local store: no network needed.\n"
    "  --refresh   fetch the account from the server first and store it\n"
    "Exits 2 with \"unauthorized\" when nobody is signed in.\n"
    "\n"
    "JSON: {\"account\":{\"user_id\",\"phone\",\"name\",\"email\",\"company\",\"city\",\n"
    "       \"roles\":[names],\"profile_complete\",\"intent\",\n"
    "       \"lead\":{\"id\",\"status\",\"industry\",\"employees\",\"timeline\","
    "\"budget\":{\"minor\",\"currency\",\"text\"}}|null,\n"
    "       \"membership\":{\"company_id\",\"building_id\",\"seat\"}|null}}\n",
    run_whoami,
};
