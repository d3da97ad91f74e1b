/*
 * cmd_offers.c - offers and offers redeem: partner offers and perks valid today in the
 * member's building, from the local store (works offline, codes already given
 * included), and redeeming one online: the server hands out the code
 * (membercore/offers.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "render/render.h"

static int offers_list(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_offer_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_offers_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_offers(a, list);
    mc_offer_list_free(list);
    return rc;
}

static int offers_redeem(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv, "OFFER_ID (memberctl offers lists them)",
                                &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_offer *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_offer_redeem(client, p.pos[0], &o, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List the offers for your building with: memberctl offers"},
            {MC_ERR_CONFLICT, "No code was given to you."},
            {MC_ERR_OFFLINE, "Codes are handed out by the server: redeem when online. Codes "
                             "you already have show offline in memberctl offers."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_offer_redeemed(a, o);
    mc_offer_free(o);
    return rc;
}

static int run_offers(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return offers_list(a, self, argc, argv);
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "list") == 0)
        return offers_list(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "redeem") == 0)
        return offers_redeem(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (list or redeem)", sub);
}

const command cmd_offers = {
    "offers",
    "offers [list]\n"
    "   or: memberctl offers redeem OFFER_ID",
    "partner offers and perks (local); redeem one for its code (online)",
    "list (the default): the offers valid today for your building, from the\n"
    "local store (memberctl sync fetches new ones), those not yet redeemed\n"
    "first. For each: id, partner, title, description, terms, the buildings it\n"
    "is for, its dates (the building's, inclusive), whether it has one code\n"
    "for everyone or one per member (and how many are left), and your code\n"
    "once you have it (shown offline too).\n"
    "\n"
    "redeem: asks the server for your code (online; offline exits 2). A\n"
    "shared offer gives everyone the same code; a single-use one gives you one\n"
    "code of its pool, and asking again shows the same code, never a second.\n"
    "Refused (exit 2), naming the rule: conflict (offer_exhausted: no codes\n"
    "left; offer_expired or offer_not_started: outside its dates), not_found\n"
    "(no such offer, or not for your building).\n"
    "\n"
    "JSON: list: {\"offers\":[OFFER]}\n"
    "      redeem: {\"offer\":OFFER,\"code\"}\n"
    "      OFFER: {\"id\",\"partner\",\"title\",\"description\",\"terms\",\n"
    "       \"building_ids\":[..] (empty: every building),\"valid_from\",\"valid_until\",\n"
    "       \"code_kind\":\"shared\"|\"single_use\",\"remaining\":N|null (shared: null),\n"
    "       \"redeemed\",\"code\":CODE|null,\"redeemed_at\"(_ms,_local,_zone: null until)}\n",
    run_offers,
};
