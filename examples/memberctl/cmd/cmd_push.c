/*
 * cmd_push.c - push: register or unregister this device's push token
 * (membercore/device.h). memberctl stands in for the app, which hands the core each token
 * the OS gives it. Saved and queued at once (offline too), sent right away when the
 * server answers. The token is never printed.
 */
#include "memberctl.h"

#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

static int push_register(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--provider", true, NULL}};
    args p = {.opts = opts, .nopts = 1, .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing TOKEN (the push token the OS gave this device)");
    const char *provider_word = args_value(&p, "--provider");
    mc_push_provider provider = MC_PUSH_FCM;
    if (provider_word != NULL && strcmp(provider_word, "apns") == 0)
        provider = MC_PUSH_APNS;
    else if (provider_word != NULL && strcmp(provider_word, "fcm") != 0)
        return out_usage(a, self, "option '--provider': '%s' is not fcm or apns", provider_word);
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    int64_t mark = outbox_mark(client);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_push_token_register(client, provider, p.pos[0], &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    sent_state sent;
    if ((rc = send_since_or_refusal(a, client, "device.push_token", mark, NULL, &sent)) !=
        COMMAND_CONTINUE)
        return rc;
    return render_push_done(a, true, provider, sent);
}

static int push_unregister(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    int64_t mark = outbox_mark(client);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_push_token_unregister(client, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    sent_state sent;
    if ((rc = send_since_or_refusal(a, client, "device.push_token.remove", mark, NULL, &sent)) !=
        COMMAND_CONTINUE)
        return rc;
    return render_push_done(a, false, MC_PUSH_FCM, sent);
}

static int run_push(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return out_usage(a, self, "missing 'register' or 'unregister'");
    if (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)
        return command_help(self);
    if (strcmp(argv[0], "register") == 0)
        return push_register(a, self, argc - 1, argv + 1);
    if (strcmp(argv[0], "unregister") == 0)
        return push_unregister(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (register or unregister)", argv[0]);
}

const command cmd_push = {
    "push",
    "push register TOKEN [--provider fcm|apns]\n"
    "   or: memberctl push unregister",
    "this device's push token: register or unregister (works offline)",
    "Push notifications reach each device with a registered token, for the\n"
    "categories whose push switch is on (memberctl notifications prefs).\n"
    "register TOKEN: this device's token, as the OS gives it to the app\n"
    "(Firebase Cloud Messaging on Android, APNs on iOS); printable ASCII, at\n"
    "most 4096 characters. Registering the same token again sends nothing; a\n"
    "new one replaces the old.\n"
    "  --provider P   fcm (the default) or apns\n"
    "unregister: no more pushes to this device (the other channels go on).\n"
    "Both are saved and queued at once (offline too) and sent right away when\n"
    "the server answers. The token is never printed.\n"
    "\n"
    "JSON: {\"registered\",\"provider\"|null,\"queued\",\n"
    "       \"sent\":\"confirmed\"|\"accepted\"|\"queued\"|\"nothing\"|\"signed_out\"|\"retry\"}\n",
    run_push,
};
