/*
 * main.c - memberctl, the membercore CLI harness: global options, the
 * command table and dispatch. Each command lives in a cmd_*.c file and uses
 * only the public headers (membercore/membercore.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "render/output.h"

static const command *const commands[] = {
    &cmd_today,         &cmd_login,    &cmd_verify,
    &cmd_profile,       &cmd_intent,   &cmd_whoami,
    &cmd_logout,        &cmd_sync,     &cmd_status,
    &cmd_outbox,        &cmd_events,   &cmd_rsvp,
    &cmd_notifications, &cmd_read,     &cmd_rooms,
    &cmd_pay_booking,   &cmd_bookings, &cmd_cancel,
    &cmd_credits,       &cmd_passes,   &cmd_pay,
    &cmd_invoices,      &cmd_qr,       &cmd_membership,
    &cmd_buildings,     &cmd_staff,    &cmd_tickets,
    &cmd_visitors,      &cmd_push,     &cmd_desks,
    &cmd_announcements, &cmd_offers,   &cmd_calendar,
    &cmd_store,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    }
    return NULL;
}

static int print_global_help(void)
{
    printf(
        "usage: memberctl [--server URL] [--ca-file FILE] [--pins PINS] [--data-dir DIR] [--json]\n"
        "                 COMMAND [ARGS...]\n"
        "\n"
        "The membercore CLI harness: the member app's flows over the core library.\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        printf("  %-13s %s\n", commands[i]->name, commands[i]->summary);
    printf("  %-13s %s\n", "help", "this help, or 'help COMMAND' for a command's");
    printf("\n"
           "Global options (before COMMAND):\n"
           "  --server URL    the API server; default $MEMBERCTL_SERVER, else\n"
           "                  http://127.0.0.1:8080 (http only to a loopback host;\n"
           "                  anything else https://)\n"
           "  --ca-file FILE  trust the CA certificates in this PEM file instead of\n"
           "                  the system's; default $MEMBERCTL_CA_FILE\n"
           "  --pins PINS     pin the server's key: two or more \"sha256/<base64>\"\n"
           "                  separated by commas; default $MEMBERCTL_PINS\n"
           "  --data-dir DIR  the local store; default $MEMBERCTL_DATA_DIR, else\n"
           "                  $XDG_DATA_HOME/membercore or ~/.local/share/membercore\n"
           "  --json          print exactly one JSON object on stdout; errors as\n"
           "                  {\"error\":{\"code\",\"status\",\"message\",\"retry_after_s\"}}\n"
           "                  (a usage error: {\"error\":{\"code\":\"usage\",\"message\"}})\n"
           "  --version       print the versions and exit\n"
           "  -h, --help      this help\n"
           "\n"
           "Run 'memberctl COMMAND --help' for a command's options.\n"
           "Start with: memberctl login PHONE, then memberctl verify CODE.\n"
           "Then: memberctl sync, today, events, rsvp, notifications, rooms, desks,\n"
           "bookings, credits, buildings, passes, invoices, qr, membership, tickets,\n"
           "visitors, announcements, offers, calendar, push. Reads answer from the\n"
           "local store and writes are queued, so they work offline; memberctl sync\n"
           "sends the queue and fetches what is new when the server is reachable.\n"
           "Buying, paying and redeeming an offer need the server.\n"
           "Exit status: 0 success, 1 usage error, 2 error from the core.\n");
    return MEMBERCTL_EXIT_OK;
}

/* "help" or "help COMMAND". */
static int run_help(app *a, int argc, char **argv)
{
    if (argc == 0)
        return print_global_help();
    const command *cmd = find_command(argv[0]);
    if (cmd == NULL)
        return out_usage(a, NULL, "unknown command '%s'", argv[0]);
    if (argc > 1)
        return out_usage(a, NULL, "unexpected argument '%s'", argv[1]);
    return command_help(cmd);
}

int main(int argc, char **argv)
{
    app a = {0};
    arg_opt opts[] = {
        {"--server", true, NULL},   {"--ca-file", true, NULL}, {"--pins", true, NULL},
        {"--data-dir", true, NULL}, {"--json", false, NULL},   {"--version", false, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .stop_at_word = true};
    bool parsed = args_parse(&p, argc - 1, argv + 1);
    a.json = args_value(&p, "--json") != NULL;
    if (!parsed)
        return out_usage(&a, NULL, "%s", p.msg);
    if (p.help)
        return print_global_help();
    if (args_value(&p, "--version") != NULL) {
        printf("memberctl (membercore %s, store schema %d)\n", mc_version(),
               mc_store_schema_version());
        return MEMBERCTL_EXIT_OK;
    }
    a.server_url = args_value(&p, "--server");
    a.ca_file = args_value(&p, "--ca-file");
    a.pins = args_value(&p, "--pins");
    a.data_dir = args_value(&p, "--data-dir");

    int next = 1 + p.rest; /* index in argv of the command name */
    if (next >= argc)
        return out_usage(&a, NULL, "missing COMMAND");
    const char *name = argv[next];
    int cmd_argc = argc - next - 1;
    char **cmd_argv = argv + next + 1;
    if (strcmp(name, "help") == 0)
        return run_help(&a, cmd_argc, cmd_argv);
    const command *cmd = find_command(name);
    if (cmd == NULL)
        return out_usage(&a, NULL, "unknown command '%s'", name);

    char msg[256];
    if (!app_resolve(&a, msg, sizeof msg)) {
        app_close(&a);
        return out_usage(&a, NULL, "%s", msg);
    }
    int rc = cmd->run(&a, cmd, cmd_argc, cmd_argv);
    app_close(&a);
    if (fflush(stdout) != 0) {
        perror("memberctl: stdout");
        return MEMBERCTL_EXIT_CORE;
    }
    return rc;
}
