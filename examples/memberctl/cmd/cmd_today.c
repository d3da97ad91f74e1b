/*
 * cmd_today.c - today: the member's day on one screen, from the local store alone
 * (works offline; one read of the core, membercore/today.h). memberctl sync brings
 * what is new.
 */
#include "memberctl.h"

#include "args.h"
#include "render/render.h"

static int run_today(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_today *today = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_today_get(client, &today, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_UNAUTHORIZED, "Sign in with: memberctl login PHONE"}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_today(a, today);
    mc_today_free(today);
    return rc;
}

const command cmd_today = {
    "today",
    "today",
    "your day on one screen: bookings, desk, passes, visitors, events, ... (local)",
    "Your day from the local store (no network needed; memberctl sync brings\n"
    "what is new), every time in your building's local time with its zone:\n"
    "  who and where: your building, whether it is open now and its hours today;\n"
    "  your contract (plan, seat, end date and days left), credits and desk\n"
    "  days left this month (an on-demand user has neither);\n"
    "  today's room bookings, desk and day passes, each with whether its door\n"
    "  code is ready offline (memberctl qr shows it);\n"
    "  visitors expected today; open tickets with their SLA; events of the next\n"
    "  7 days (your building's first) with your RSVP; unread notifications per\n"
    "  category; invoices to pay; pinned or unread announcements; offers for you.\n"
    "\n"
    "JSON: {\"date\",\"now\"(_ms,_local,_zone),\"member\":{\"name\",\"company_name\"},\n"
    "       \"building\":{\"id\",\"name\",\"city\",\"open_today\",\"open_now\",\n"
    "       \"opens_at\"(...),\"closes_at\"(...)},\n"
    "       \"membership\":{\"status\",\"plan\",\"company_id\",\"seat\",\"contract_end\",\n"
    "       \"days_left\"}|null,\"credits\":{\"left\",\"monthly\"}|null,\n"
    "       \"desk_days\":{\"left\",\"allowance\"},\n"
    "       \"entries\":[{\"kind\":\"room\"|\"desk\"|\"pass\",\"id\",\"title\",\"building_id\",\n"
    "       \"start\"(...),\"end\"(...),\"status\",\"pending\",\"credential_id\",\n"
    "       \"door_code_ready\"}],\"visitors\":[...as in visitors],\n"
    "       \"open_tickets\":[...as in tickets],\"events\":[...as in events],\n"
    "       \"unread\":{\"total\",\"by_category\":{CATEGORY:N}},\n"
    "       \"invoices_due\":[...as in invoices],\n"
    "       \"announcements\":[...as in announcements],\"offers_available\",\n"
    "       \"depends_on\":[sync kinds]}\n",
    run_today,
};
