/* cmd/cmd_store.c - memberctl store remove: the local store removed (mc_store_remove), for a
 * store the core reports damaged or a fresh start; opens no client. */
#include <stdio.h>
#include <string.h>

#include <membercore/membercore.h>

#include "args.h"
#include "memberctl.h"
#include "render/json.h"
#include "render/output.h"

static int run_store(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing the action: remove");
    if (strcmp(p.pos[0], "remove") != 0)
        return out_usage(a, self, "unknown action '%s': the only one is remove", p.pos[0]);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_store_remove(a->data_dir, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        return out_json(a, json_finish(root, root != NULL && cJSON_AddBoolToObject(
                                                                 root, "store_removed", true)));
    }
    printf("Removed the local store in %s.\n", a->data_dir);
    printf("Sign in again with: memberctl login PHONE (then memberctl sync brings back what the "
           "server has).\n");
    return MEMBERCTL_EXIT_OK;
}

const command cmd_store = {
    "store",
    "store remove",
    "remove this device's local store (a damaged one, or to start afresh)",
    "Removes the local store in the data directory (the database, its -wal/-shm\n"
    "files and photo copies not yet uploaded). The directory and the secure\n"
    "storage stay. Use it when a command says the store is damaged: that store\n"
    "is never opened and its session was already dropped. What the server has\n"
    "(your account, bookings, door codes) comes back after you sign in and sync;\n"
    "changes not yet sent are lost. No other memberctl may run on this data\n"
    "directory meanwhile.\n"
    "\n"
    "JSON: {\"store_removed\":true}\n",
    run_store,
};
