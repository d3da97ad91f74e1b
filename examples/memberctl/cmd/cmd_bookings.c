/*
 * cmd_bookings.c - bookings, cancel and credits: the member's room bookings
 * and the company's credits from the local store (works offline), and a
 * cancellation queued for the server (membercore/booking.h).
 */
#include "memberctl.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "render/render.h"

/* ---- bookings ------------------------------------------------------------------ */

static int run_bookings(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;
    mc_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_bookings_list(client, all ? 0 : mc_client_now(client), &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_bookings(a, list, all);
    mc_booking_list_free(list);
    return rc;
}

/* ---- cancel ---------------------------------------------------------------------- */

/* A copy of the member's booking `id` as the local store has it, or NULL. */
mc_booking *find_booking(mc_client *client, const char *id)
{
    mc_booking_list *list = NULL;
    mc_booking *found = NULL;
    if (mc_bookings_list(client, 0, &list, NULL) != MC_OK)
        return NULL;
    for (size_t i = 0; i < list->count && found == NULL; i++) {
        if (strcmp(out_str(list->items[i].id), id) == 0 &&
            (found = malloc(sizeof *found)) != NULL) {
            *found = list->items[i]; /* taken over: the list's slot is emptied */
            memset(&list->items[i], 0, sizeof list->items[i]);
        }
    }
    mc_booking_list_free(list);
    return found;
}

static int run_cancel(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing BOOKING_ID");
    const char *id = p.pos[0];

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    /* Cancelling again while the first cancellation waits changes nothing. */
    bool already = false;
    mc_booking_list *before = NULL;
    if (mc_bookings_list(client, 0, &before, NULL) == MC_OK) {
        for (size_t i = 0; i < before->count; i++) {
            const mc_booking *b = &before->items[i];
            if (strcmp(out_str(b->id), id) == 0)
                already = b->status == MC_BOOKING_CANCELLED && b->pending;
        }
    }
    mc_booking_list_free(before);
    mc_error err = MC_ERROR_INIT;
    mc_booking *booking = NULL; /* as the member now sees it, the cancellation layered on */
    mc_status st = mc_booking_cancel(client, id, &booking, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List them with: memberctl bookings --all"}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    sent_outcome sent = send_now(client, "booking.cancel", id);
    if (sent.state == SENT_REFUSED) {
        mc_booking_free(booking);
        return out_core_error(a, sent.why.code, &sent.why);
    }
    if (!sent_is_queued(sent.state)) { /* as the server has it now */
        mc_booking *now = find_booking(client, id);
        if (now != NULL) {
            mc_booking_free(booking);
            booking = now;
        }
    }
    rc = render_cancel_done(a, id, already, booking, sent.state);
    mc_booking_free(booking);
    return rc;
}

/* ---- credits ---------------------------------------------------------------------- */

static int run_credits(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_credits *credits = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credits_get(client, &credits, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "Credits come with a company plan; memberctl sync fetches it."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_credits(a, credits);
    mc_credits_free(credits);
    return rc;
}

const command cmd_bookings = {
    "bookings",
    "bookings [--all]",
    "list your room bookings (local)",
    "Lists your meeting-room bookings from the local store, soonest first: no\n"
    "network needed (memberctl sync fetches them). For each: id, room and\n"
    "building, start and end (the building's local time and zone label:\n"
    "\"2026-12-07 16:00 to 17:00 IST\"), status (pending, pending_payment,\n"
    "confirmed, cancelled), how it is paid (credits or razorpay) and what it\n"
    "costs, its guests, and (pending) while a change of it waits for the\n"
    "server.\n"
    "  --all   also the bookings that have ended (default: from now on)\n"
    "\n"
    "JSON: {\"bookings\":[{\"id\",\"room_id\",\"building_id\",\"start_ms\",\"start\",\n"
    "       \"start_local\",\"start_zone\",\"end_ms\",\"end\",\"end_local\",\"end_zone\",\n"
    "       \"status\",\"paid_by\",\"credits\",\"amount\":MONEY,\n"
    "       \"guests\":[{\"name\",\"email\",\"credential_id\"}],\"order_id\",\n"
    "       \"razorpay_key_id\",\"pending\"}]}\n"
    "      (MONEY: {\"minor\",\"currency\",\"text\"}, as in memberctl help invoices)\n",
    run_bookings,
};

const command cmd_cancel = {
    "cancel",
    "cancel BOOKING_ID",
    "cancel a room booking (works offline; sent at once when online)",
    "Cancels the booking on this device at once and sends it to the server\n"
    "right away; when the server cannot be reached it stays queued (bookings\n"
    "shows it cancelled, pending) for the next memberctl sync.\n"
    "The server refunds the credits when it is cancelled before the building's\n"
    "cut-off. A booking already cancelled or over exits 2 (invalid_state).\n"
    "Cancelling again while the first cancellation waits changes nothing.\n"
    "\n"
    "JSON: {\"booking_id\",\"queued\",\"already_queued\",\"sent\",\n"
    "       \"booking\":{...as in bookings}|null}\n",
    run_cancel,
};

const command cmd_credits = {
    "credits",
    "credits",
    "show your company's meeting-room credits and ledger (local)",
    "Shows your company's credits from the local store: no network needed\n"
    "(memberctl sync refreshes them). The balance is the server's as last\n"
    "synced minus the credits held by your bookings waiting for the server\n"
    "(the pending debit); then the ledger, newest first: monthly_reset,\n"
    "booking and refund lines with the balance after each.\n"
    "Exits 2 with not_found when you have no company credit plan.\n"
    "\n"
    "JSON: {\"credits\":{\"company_id\",\"company_name\",\"monthly_credits\",\"balance\",\n"
    "       \"pending_debit\",\"ledger\":[{\"id\",\"delta\",\"balance_after\",\"reason\",\n"
    "       \"reservation_id\",\"at_ms\",\"at\",\"at_local\",\"at_zone\"}]}}\n",
    run_credits,
};
