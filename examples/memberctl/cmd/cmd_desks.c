/*
 * cmd_desks.c - desks (the member's desk days), desks search, desks book, desks pay and
 * desks cancel: hot desks by the day (membercore/desks.h). Search and the list answer
 * from the local store (offline); a plan or credits booking and a cancellation are saved
 * at once, queued and sent right away; a Razorpay booking is online and opens an order
 * that desks pay confirms with checkout's answer. Dates are the building's local ones.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "parse/datetime.h"
#include "render/render.h"

#define MAX_FEATURES 8

#define DESK_SYNC_HINT "Fetch the buildings and their desks with: memberctl sync"
#define DESK_DATE      "YYYY-MM-DD, the building's date"
#define DESK_PAY_WORDS "plan, credits or razorpay"

/* ---- desks search ------------------------------------------------------------------ */

static int desks_search(app *a, const command *self, int argc, char **argv)
{
    const char *features[MAX_FEATURES];
    arg_opt opts[] = {
        {"--date", true, NULL},
        {"--feature", true, NULL, .all = features, .max = MAX_FEATURES},
        {"--area", true, NULL},
        {"--building", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_desk_query q = {
        .building_id = args_value(&p, "--building"),
        .date = args_value(&p, "--date"),
        .area = args_value(&p, "--area"),
        .features = features,
        .feature_count = (size_t)opts[1].count,
    };
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", q.date, DESK_DATE, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    if (q.building_id != NULL && q.building_id[0] == '\0')
        return out_usage(a, self, "option '--building' is empty");
    if (q.area != NULL && q.area[0] == '\0')
        return out_usage(a, self, "option '--area' is empty");

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    char building[128];
    if (q.building_id == NULL) {
        if ((rc = command_own_building(a, self, client, building, sizeof building)) !=
            COMMAND_CONTINUE)
            return rc;
        q.building_id = building;
    }
    mc_desk_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desks_search(client, &q, &s, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, DESK_SYNC_HINT},
            {MC_ERR_INVALID_ARG, "Features: monitor, standing, window, dual_monitor, quiet, "
                                 "phone_booth_nearby."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_desk_search(a, &q, s);
    mc_desk_search_free(s);
    return rc;
}

/* ---- the member's desk days ---------------------------------------------------------- */

/* The member's desk days as this device now has them (free the list), and in *found the
 * one with id (NULL when not there). NULL when the store cannot be read. */
static mc_desk_booking_list *desk_booking_now(mc_client *client, const char *id,
                                              const mc_desk_booking **found)
{
    mc_desk_booking_list *list = NULL;
    *found = NULL;
    if (mc_desk_bookings_list(client, NULL, &list, NULL) != MC_OK)
        return NULL;
    for (size_t i = 0; i < list->count && *found == NULL; i++) {
        if (strcmp(out_str(list->items[i].id), id) == 0)
            *found = &list->items[i];
    }
    return list;
}

static int desks_list(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--all", false, NULL}};
    args p = {.opts = opts, .nopts = 1};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    char today[DATETIME_DATE_MAX] = "";
    bool all = args_value(&p, "--all") != NULL;
    if (!all)
        command_building_today(client, today, sizeof today);
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desk_bookings_list(client, today[0] != '\0' ? today : NULL, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    mc_desk *mine = NULL;
    if (mc_desk_mine(client, &mine, &err) != MC_OK)
        mine = NULL;
    rc = render_desk_bookings(a, list, mine);
    mc_desk_free(mine);
    mc_desk_booking_list_free(list);
    return rc;
}

/* ---- desks book ---------------------------------------------------------------------- */

static bool desk_payment_from_word(const char *word, mc_desk_payment *out)
{
    static const mc_desk_payment all[] = {MC_DESK_PAY_PLAN, MC_DESK_PAY_CREDITS,
                                          MC_DESK_PAY_RAZORPAY};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(word, mc_desk_payment_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    }
    return false;
}

static int desks_book(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--date", true, NULL}, {"--pay", true, NULL}};
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self,
                         "missing DESK (e.g. BLR-1-D07; memberctl desks search lists them)");
    const char *desk_id = p.pos[0], *date = args_value(&p, "--date"),
               *pay_word = args_value(&p, "--pay");
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", date, DESK_DATE, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    mc_desk_payment pay = MC_DESK_PAY_PLAN;
    if (pay_word == NULL)
        return out_usage(a, self, "missing option '--pay' (%s)", DESK_PAY_WORDS);
    if (!desk_payment_from_word(pay_word, &pay))
        return out_usage(a, self, "option '--pay': unknown '%s' (%s)", pay_word, DESK_PAY_WORDS);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    int64_t mark = outbox_mark(client);
    mc_status st = mc_desk_book(client, desk_id, date, pay, &b, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "%s; list the free desks with: memberctl desks search --date %s\n",
                    DESK_SYNC_HINT, date);
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "See the free desks with: memberctl desks search --date %s\n", date);
        else if (st == MC_ERR_INSUFFICIENT_CREDITS)
            fprintf(stderr, "Pay another way with --pay %s.\n", DESK_PAY_WORDS);
        return rc;
    }
    sent_outcome sent = {SENT_CONFIRMED, MC_ERROR_INIT}; /* Razorpay: made online */
    if (pay != MC_DESK_PAY_RAZORPAY) {
        sent = send_since(client, "desk.book", mark);
        if (sent.state == SENT_REFUSED) {
            mc_desk_booking_free(b);
            return out_core_error(a, sent.why.code, &sent.why);
        }
    }
    const mc_desk_booking *now = NULL;
    mc_desk_booking_list *list =
        sent_is_queued(sent.state) ? NULL : desk_booking_now(client, b->id, &now);
    rc = render_desk_booked(a, now != NULL ? now : b, sent.state);
    mc_desk_booking_list_free(list);
    mc_desk_booking_free(b);
    return rc;
}

/* ---- desks pay ----------------------------------------------------------------------- */

static int desks_pay(app *a, const command *self, int argc, char **argv)
{
    checkout_answer ans;
    int rc = command_checkout_answer(a, self, argc, argv,
                                     "DESK_BOOKING_ID (printed by memberctl desks book)", &ans);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desk_confirm_payment(client, ans.id, ans.order_id, ans.payment_id,
                                           ans.signature, &b, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_PAYMENT_FAILED,
             "The desk stays unpaid; its hold lapses 15 minutes after it was booked."},
            {MC_ERR_NOT_FOUND, "Check the desk booking and order printed by memberctl desks book."},
            {MC_ERR_CONFLICT, "Nothing was charged; book again with: memberctl desks book DESK "
                              "--date YYYY-MM-DD --pay razorpay"},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_desk_paid(a, b);
    mc_desk_booking_free(b);
    return rc;
}

/* ---- desks cancel -------------------------------------------------------------------- */

static int desks_cancel(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    mc_client *client = NULL;
    int rc = command_start_with(a, self, &p, argc, argv,
                                "DESK_BOOKING_ID (memberctl desks lists them)", &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *id = p.pos[0];
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    int64_t mark = outbox_mark(client);
    mc_status st = mc_desk_cancel(client, id, &b, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List your desk days with: memberctl desks"}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    sent_outcome sent = send_since(client, "desk.cancel", mark);
    if (sent.state == SENT_REFUSED) {
        mc_desk_booking_free(b);
        return out_core_error(a, sent.why.code, &sent.why);
    }
    const mc_desk_booking *now = NULL;
    mc_desk_booking_list *list =
        sent_is_queued(sent.state) ? NULL : desk_booking_now(client, id, &now);
    rc = render_desk_cancelled(a, id, now != NULL ? now : b, sent.state);
    mc_desk_booking_list_free(list);
    mc_desk_booking_free(b);
    return rc;
}

static int run_desks(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return desks_list(a, self, argc, argv);
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "list") == 0)
        return desks_list(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "search") == 0)
        return desks_search(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "book") == 0)
        return desks_book(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "pay") == 0)
        return desks_pay(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "cancel") == 0)
        return desks_cancel(a, self, argc - 1, argv + 1);
    if (sub[0] == '-')
        return desks_list(a, self, argc, argv);
    return out_usage(a, self, "unknown subcommand '%s' (list, search, book, pay or cancel)", sub);
}

const command cmd_desks = {
    "desks",
    "desks [list] [--all]\n"
    "   or: memberctl desks search --date YYYY-MM-DD [--feature F]... [--area A]\n"
    "                    [--building B]\n"
    "   or: memberctl desks book DESK --date YYYY-MM-DD --pay plan|credits|razorpay\n"
    "   or: memberctl desks pay DESK_BOOKING_ID --order ORDER_ID --payment PAY_ID\n"
    "                    --signature SIG\n"
    "   or: memberctl desks cancel DESK_BOOKING_ID",
    "hot desks by the day: your desk days (local); find, book, pay, cancel",
    "Hot desks are booked by the day. Dates are the building's local ones,\n"
    "whatever this machine's time zone is. Check in at the door (memberctl qr\n"
    "shows the desk's door code) by the building's cut-off (11:00 local): a\n"
    "desk not checked in by then is released for others, and the desk day is\n"
    "not given back. A member with a dedicated desk sees it here and cannot\n"
    "book a hot desk.\n"
    "\n"
    "list (the default): your desk days from today (--all: every one) from the\n"
    "local store, and your dedicated desk: desk, building, date, status, how it\n"
    "was paid, the check-in cut-off with the zone label, the door code.\n"
    "\n"
    "search: the free hot desks of a date, from the local store (no network\n"
    "needed; memberctl sync refreshes it), with how you may pay that day.\n"
    "  --date YYYY-MM-DD   the day (required)\n"
    "  --feature F         desks with F (repeat for more): monitor, standing,\n"
    "                      window, dual_monitor, quiet, phone_booth_nearby\n"
    "  --area A            one area, e.g. \"Quiet zone\" (any case)\n"
    "  --building B        e.g. BLR-1; default: your own building\n"
    "\n"
    "book: book DESK for --date.\n"
    "  --pay plan          one of your plan's desk days this month\n"
    "  --pay credits       your company's credits (the building's price a day)\n"
    "                      Both work offline: saved at once and sent to the\n"
    "                      server right away (confirmed, or refused saying why);\n"
    "                      offline it stays pending until memberctl sync.\n"
    "  --pay razorpay      online: the server holds the desk 15 minutes and\n"
    "                      opens a Razorpay order (the day's price plus tax);\n"
    "                      pay it with checkout, then run memberctl desks pay\n"
    "Refused at once (exit 2), the message naming the rule (--json's error has\n"
    "it as \"rule\"): conflict (taken: someone holds the desk that day;\n"
    "already_booked: you have a desk that day; closed, blackout, past,\n"
    "beyond_window; after_cutoff: today's cut-off has passed; hold_limit: 3\n"
    "unpaid desk days already; hold_cooldown: that desk and date let go under\n"
    "30 minutes ago),\n"
    "insufficient_credits (no credits or no desk days left), forbidden (a\n"
    "dedicated desk, a plan without desk days, credits without a company),\n"
    "and offline for razorpay.\n"
    "\n"
    "pay: confirms a Razorpay desk booking with what checkout returned; only\n"
    "the server's signature check confirms it (payment_failed otherwise);\n"
    "twice is harmless; a lapsed hold exits 2 (conflict). Online.\n"
    "  --order ORDER_ID    the order printed by desks book (required)\n"
    "  --payment PAY_ID    checkout's razorpay_payment_id (required)\n"
    "  --signature SIG     checkout's razorpay_signature (required)\n"
    "\n"
    "cancel: cancels a desk day, saved at once and sent right away (offline:\n"
    "queued). Before the date's cut-off the desk day or credits come back (a\n"
    "card payment is refunded); at or after it: exit 2 (state).\n"
    "\n"
    "JSON: list: {\"desk_bookings\":[DESK_BOOKING],\"mine\":DESK|null}\n"
    "      search: {\"building_id\",\"date\",\"area\",\"desks\":[DESK],\"taken_count\",\n"
    "       \"checkin_by_ms\",\"checkin_by\",\"checkin_by_local\",\"checkin_by_zone\",\n"
    "       \"pay\":{\"desk_days_left\",\"credits_left\":N|null,\"day_credits\",\n"
    "       \"day_price\":MONEY},\"why_none\":{\"rule\",\"message\"}|null}\n"
    "      book: {\"desk_booking\":DESK_BOOKING,\"queued\",\"sent\",\n"
    "       \"order\":{\"id\",\"amount\":MONEY,\"key_id\"}|null,\"next\":COMMAND|null}\n"
    "      pay: {\"desk_booking\":DESK_BOOKING}\n"
    "      cancel: {\"desk_booking_id\",\"queued\",\"sent\",\"desk_booking\":DESK_BOOKING|null}\n"
    "      DESK: {\"id\",\"building_id\",\"name\",\"area\",\"features\":[..],\n"
    "       \"kind\":\"hot\"|\"dedicated\",\"mine\"}\n"
    "      DESK_BOOKING: {\"id\",\"desk_id\",\"desk_name\",\"area\",\"building_id\",\"date\",\n"
    "       \"checkin_by\"(_ms,_local,_zone),\"status\",\"paid_by\",\"desk_days\",\"credits\",\n"
    "       \"amount\":MONEY,\"order_id\",\"razorpay_key_id\",\"hold_expires_at\"(...),\n"
    "       \"credential_id\",\"door_code_ready\",\"checked_in\",\"checked_in_at\"(...),\n"
    "       \"released_at\"(...),\"pending\"}\n"
    "      (MONEY as in memberctl help invoices)\n",
    run_desks,
};
