/*
 * command.c - the steps every memberctl command starts with: parse its
 * words, answer --help, report usage errors, open the client.
 */
#include "memberctl.h"

#include <stdio.h>

#include "args.h"
#include "render/output.h"

int command_help(const command *self)
{
    printf("usage: memberctl %s\n\n%s", self->synopsis, self->help);
    return MEMBERCTL_EXIT_OK;
}

int command_parse(app *a, const command *self, args *p, int argc, char **argv)
{
    if (!args_parse(p, argc, argv))
        return out_usage(a, self, "%s", p->msg);
    if (p->help)
        return command_help(self);
    return COMMAND_CONTINUE;
}

int command_client(app *a, mc_client **out)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = app_client(a, out, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    return COMMAND_CONTINUE;
}

int command_start(app *a, const command *self, args *p, int argc, char **argv, mc_client **out)
{
    int rc = command_parse(a, self, p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    return command_client(a, out);
}

int command_start_with(app *a, const command *self, args *p, int argc, char **argv,
                       const char *first, mc_client **out)
{
    int rc = command_parse(a, self, p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p->npos == 0)
        return out_usage(a, self, "missing %s", first);
    return command_client(a, out);
}
