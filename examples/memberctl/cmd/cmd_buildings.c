/*
 * cmd_buildings.c - buildings (membercore/catalog.h): the operator's
 * buildings from the local store (offline): where they are, when they open
 * (in their own time zone), how far ahead they take bookings and their
 * open-space day-pass pricing.
 */
#include "memberctl.h"

#include "args.h"
#include "render/render.h"

/* ---- buildings ----------------------------------------------------------------------- */

static int run_buildings(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_building_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_buildings_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_buildings(a, list);
    mc_building_list_free(list);
    return rc;
}

const command cmd_buildings = {
    "buildings",
    "buildings",
    "list the buildings: hours, day-pass prices (local)",
    "Lists the operator's buildings from the local store, by id: no network\n"
    "needed (memberctl sync fetches them). For each building: id, name, city,\n"
    "time zone, opening hours per weekday (Mon..Sun, in the building's local\n"
    "time: HH:MM-HH:MM, \"open 24 hours\" or \"closed\"), how many days ahead it\n"
    "takes bookings, its currency and tax (\"GBP, prices before VAT 20%\"), the\n"
    "open-space day-pass price and capacity, and the bundle tiers (\"5+\n"
    "passes: 10% off\").\n"
    "\n"
    "JSON: {\"buildings\":[{\"id\",\"name\",\"city\",\"timezone\",\"hours\":[{\"weekday\",\n"
    "       \"open_minute\",\"close_minute\"}],\"booking_window_days\",\n"
    "       \"currency\",\"tax\":TAX,\"day_pass_price\":MONEY,\"open_space_capacity\",\n"
    "       \"tiers\":[{\"passes\",\"discount_pct\"}]}]}\n"
    "      (weekday 1 = Monday .. 7 = Sunday, a day not listed is closed; minutes\n"
    "      are building-local, 0..1440; a day-pass price of 0: no day passes;\n"
    "      MONEY and TAX as in memberctl help invoices)\n",
    run_buildings,
};
