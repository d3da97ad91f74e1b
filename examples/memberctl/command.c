/*
 * command.c - the steps every memberctl command starts with: parse its
 * words, answer --help, report usage errors, open the client.
 */
#include "memberctl.h"

#include <stdio.h>

#include "args.h"
#include "parse/datetime.h"
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

int command_own_building(app *a, const command *self, mc_client *client, char *out, size_t out_cap)
{
    mc_account *acc = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_account_get(client, &acc, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    snprintf(out, out_cap, "%s", out_str(acc->building_id));
    mc_account_free(acc);
    if (out[0] == '\0')
        return out_usage(a, self, "you have no building of your own: name one with --building B");
    return COMMAND_CONTINUE;
}

void command_building_today(mc_client *client, char *out, size_t out_cap)
{
    mc_local_time now;
    out[0] = '\0';
    if (mc_local_time_in_building(client, NULL, datetime_clock_ms(CLOCK_REALTIME), &now, NULL) ==
            MC_OK &&
        mc_local_time_is_set(&now))
        snprintf(out, out_cap, "%04d-%02d-%02d", (int)now.year % 10000, (int)now.month % 100,
                 (int)now.day % 100);
}

int command_checkout_answer(app *a, const command *self, int argc, char **argv, const char *first,
                            checkout_answer *out)
{
    arg_opt opts[] = {
        {"--order", true, NULL},
        {"--payment", true, NULL},
        {"--signature", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing %s", first);
    for (size_t i = 0; i < p.nopts; i++) {
        if (opts[i].value == NULL)
            return out_usage(a, self, "missing option '%s'", opts[i].name);
    }
    *out = (checkout_answer){p.pos[0], opts[0].value, opts[1].value, opts[2].value};
    return COMMAND_CONTINUE;
}
