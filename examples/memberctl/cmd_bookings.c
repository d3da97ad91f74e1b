/*
 * cmd_bookings.c - bookings, cancel and credits: the member's room bookings
 * and the company's credits from the local store (works offline), and a
 * cancellation queued for the server (membercore/booking.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "values.h"

/* ---- bookings ------------------------------------------------------------------ */

static cJSON *bookings_json(const mc_booking_list *list)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "bookings") : NULL;
    bool ok = array != NULL;
    for (size_t i = 0; ok && i < list->count; i++) {
        cJSON *b = out_booking_json(&list->items[i]);
        ok = b != NULL && cJSON_AddItemToArray(array, b);
        if (!ok)
            cJSON_Delete(b);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_bookings_human(const mc_booking_list *list, bool all)
{
    const char *which = all ? "" : "current and upcoming ";
    if (list->count == 0) {
        printf("No %sbookings on this device (memberctl sync fetches them; book with: "
               "memberctl rooms book).\n",
               which);
        return;
    }
    printf("%zu %sbooking%s (times in UTC; bookings carry no building time zone yet):\n",
           list->count, which, list->count == 1 ? "" : "s");
    bool pending = false, cancellable = false;
    for (size_t i = 0; i < list->count; i++) {
        const mc_booking *b = &list->items[i];
        out_booking_human(b);
        pending = pending || b->pending;
        cancellable = cancellable || b->status != MC_BOOKING_CANCELLED;
    }
    if (pending)
        printf("(pending): waiting for the server; memberctl sync sends it.\n");
    if (cancellable)
        printf("Cancel one with: memberctl cancel BOOKING_ID\n");
}

static int run_bookings(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool all = args_value(&p, "--all") != NULL;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_bookings_list(client, all ? 0 : mc_client_now(client), &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        rc = out_json(a, bookings_json(list));
    } else {
        print_bookings_human(list, all);
        rc = MEMBERCTL_EXIT_OK;
    }
    mc_booking_list_free(list);
    return rc;
}

/* ---- cancel ---------------------------------------------------------------------- */

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
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "List them with: memberctl bookings --all\n");
        return rc;
    }
    bool queued = booking == NULL || booking->pending;

    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "booking_id", id) != NULL &&
                  cJSON_AddBoolToObject(root, "queued", queued) != NULL &&
                  cJSON_AddBoolToObject(root, "already_queued", already) != NULL &&
                  (booking != NULL ? out_add_item(root, "booking", out_booking_json(booking))
                                   : cJSON_AddNullToObject(root, "booking") != NULL);
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_booking_free(booking);
        return out_json(a, root);
    }
    if (already)
        printf("The cancellation of %s was already queued: memberctl sync sends it.\n", id);
    else
        printf("Cancellation of %s saved on this device and queued: memberctl sync sends it.\n",
               id);
    if (booking != NULL)
        out_booking_human(booking);
    printf("Credits are refunded by the server when it is cancelled before the building's "
           "cut-off.\n");
    mc_booking_free(booking);
    return MEMBERCTL_EXIT_OK;
}

/* ---- credits ---------------------------------------------------------------------- */

static cJSON *ledger_line_json(const mc_credit_line *line)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(line->id)) != NULL &&
        cJSON_AddNumberToObject(obj, "delta", line->delta) != NULL &&
        cJSON_AddNumberToObject(obj, "balance_after", line->balance_after) != NULL &&
        cJSON_AddStringToObject(obj, "reason", out_str(line->reason)) != NULL &&
        cJSON_AddStringToObject(obj, "reservation_id", out_str(line->reservation_id)) != NULL &&
        out_add_time_json(obj, "at", line->at_ms, false);
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *credits_json(const mc_credits *c)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *obj = root != NULL ? cJSON_AddObjectToObject(root, "credits") : NULL;
    cJSON *ledger = NULL;
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "company_id", out_str(c->company_id)) != NULL &&
              cJSON_AddStringToObject(obj, "company_name", out_str(c->company_name)) != NULL &&
              cJSON_AddNumberToObject(obj, "monthly_credits", c->monthly_credits) != NULL &&
              cJSON_AddNumberToObject(obj, "balance", c->balance) != NULL &&
              cJSON_AddNumberToObject(obj, "pending_debit", c->pending_debit) != NULL &&
              (ledger = cJSON_AddArrayToObject(obj, "ledger")) != NULL;
    for (size_t i = 0; ok && i < c->ledger_count; i++) {
        cJSON *line = ledger_line_json(&c->ledger[i]);
        ok = line != NULL && cJSON_AddItemToArray(ledger, line);
        if (!ok)
            cJSON_Delete(line);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_credits_human(const mc_credits *c)
{
    printf("%s (%s): %d of %d monthly credits left\n", out_str(c->company_name),
           out_str(c->company_id), (int)c->balance, (int)c->monthly_credits);
    if (c->pending_debit > 0)
        printf("  %d credit%s held by bookings waiting for the server (memberctl sync sends "
               "them); counted above.\n",
               (int)c->pending_debit, c->pending_debit == 1 ? "" : "s");
    else
        printf("  No credits held by bookings waiting for the server.\n");
    if (c->ledger_count == 0) {
        printf("No ledger lines on this device yet.\n");
        return;
    }
    printf("Ledger, newest first (UTC):\n");
    for (size_t i = 0; i < c->ledger_count; i++) {
        const mc_credit_line *line = &c->ledger[i];
        char at[VALUES_TIME_MAX];
        values_format_time(line->at_ms, at, sizeof at);
        const char *reservation = out_str(line->reservation_id);
        printf("  %s  %+5d  balance %4d  %s", at, (int)line->delta, (int)line->balance_after,
               out_str(line->reason));
        if (reservation[0] != '\0')
            printf(" for %s", reservation);
        printf("\n");
    }
}

static int run_credits(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_credits *credits = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credits_get(client, &credits, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "Credits come with a company plan; memberctl sync fetches it.\n");
        return rc;
    }
    if (a->json) {
        rc = out_json(a, credits_json(credits));
    } else {
        print_credits_human(credits);
        rc = MEMBERCTL_EXIT_OK;
    }
    mc_credits_free(credits);
    return rc;
}

const command cmd_bookings = {
    "bookings",
    "bookings [--all]",
    "list your room bookings (local)",
    "Lists your meeting-room bookings from the local store, soonest first: no\n"
    "network needed (memberctl sync fetches them). For each: id, room and\n"
    "building, start and end (ISO-8601 UTC: a booking carries no building\n"
    "time zone yet), status (pending, pending_payment, confirmed, cancelled),\n"
    "how it is paid (credits or razorpay) and what it costs, its guests, and\n"
    "(pending) while a change of it waits for the server.\n"
    "  --all   also the bookings that have ended (default: from now on)\n"
    "\n"
    "JSON: {\"bookings\":[{\"id\",\"room_id\",\"building_id\",\"start_ms\",\"start\",\n"
    "       \"end_ms\",\"end\",\"status\",\"paid_by\",\"credits\",\"amount_paise\",\n"
    "       \"guests\":[{\"name\",\"email\",\"credential_id\"}],\"order_id\",\n"
    "       \"razorpay_key_id\",\"pending\"}]}\n",
    run_bookings,
};

const command cmd_cancel = {
    "cancel",
    "cancel BOOKING_ID",
    "cancel a room booking (works offline; queued for the server)",
    "Cancels the booking on this device at once (bookings shows it cancelled,\n"
    "pending) and queues it for the server (sent on the next memberctl sync).\n"
    "The server refunds the credits when it is cancelled before the building's\n"
    "cut-off. A booking already cancelled or over exits 2 (invalid_state).\n"
    "Cancelling again while the first cancellation waits changes nothing.\n"
    "\n"
    "JSON: {\"booking_id\",\"queued\",\"already_queued\",\n"
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
    "       \"reservation_id\",\"at_ms\",\"at\"}]}}\n",
    run_credits,
};
