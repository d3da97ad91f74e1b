/*
 * cmd_rooms.c - rooms search, rooms book and pay-booking: meeting rooms
 * (membercore/booking.h). Search answers from the local store (offline);
 * a credit booking is queued for the server; a Razorpay booking is online
 * and opens an order that pay-booking confirms with checkout's answer.
 * Dates and times typed and shown here are the building's local ones.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/send_now.h"
#include "parse/datetime.h"
#include "parse/values.h"
#include "render/render.h"

#define MAX_AMENITIES 16
#define MAX_GUESTS    20 /* booking.h: at most 20 guests */

#define SYNC_HINT   "Fetch the buildings and rooms with: memberctl sync"
#define DATE_WANTED "YYYY-MM-DD, the building's date"

/* ---- rooms search ------------------------------------------------------------ */

static int rooms_search(app *a, const command *self, int argc, char **argv)
{
    const char *amenities[MAX_AMENITIES];
    arg_opt opts[] = {
        {"--date", true, NULL},
        {"--from", true, NULL},
        {"--to", true, NULL},
        {"--building", true, NULL},
        {"--capacity", true, NULL},
        {"--amenity", true, NULL, .all = amenities, .max = MAX_AMENITIES},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_room_query q = {
        .building_id = args_value(&p, "--building"),
        .date = args_value(&p, "--date"),
        .from = args_value(&p, "--from"),
        .to = args_value(&p, "--to"),
        .amenities = amenities,
        .amenity_count = (size_t)opts[5].count,
    };
    const char *capacity = args_value(&p, "--capacity");
    int32_t from = 0, to = 1440;
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", q.date, DATE_WANTED, msg, sizeof msg) ||
        !datetime_arg_hhmm("--from", q.from, NULL, &from, msg, sizeof msg) ||
        !datetime_arg_hhmm("--to", q.to, NULL, &to, msg, sizeof msg) ||
        !datetime_arg_range("--from", from, "--to", to, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    if (capacity != NULL && !values_parse_count(capacity, &q.min_capacity))
        return out_usage(a, self, "option '--capacity': '%s' is not a whole number of people",
                         capacity);
    if (q.building_id != NULL && q.building_id[0] == '\0')
        return out_usage(a, self, "option '--building' is empty");

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
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_rooms_search(client, &q, &s, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {{MC_ERR_NOT_FOUND, SYNC_HINT}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_room_search(a, &q, s);
    mc_room_search_free(s);
    return rc;
}

/* ---- rooms book ---------------------------------------------------------------- */

/* The guests as the core wants them; the text lives in texts. */
typedef struct guest_text {
    char name[VALUES_GUEST_NAME_MAX];
    char email[VALUES_GUEST_EMAIL_MAX];
} guest_text;

static int rooms_book(app *a, const command *self, int argc, char **argv)
{
    const char *guest_args[MAX_GUESTS];
    arg_opt opts[] = {
        {"--date", true, NULL},  {"--start", true, NULL},
        {"--hours", true, NULL}, {"--guest", true, NULL, .all = guest_args, .max = MAX_GUESTS},
        {"--pay", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self,
                         "missing ROOM (e.g. BLR-1-BOARD; memberctl rooms search lists "
                         "them)");
    mc_booking_request r = {
        .room_id = p.pos[0],
        .date = args_value(&p, "--date"),
        .start = args_value(&p, "--start"),
        .hours = 1,
    };
    const char *hours = args_value(&p, "--hours");
    const char *pay = args_value(&p, "--pay");
    int32_t start_min = 0;
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--date", r.date, DATE_WANTED, msg, sizeof msg) ||
        !datetime_arg_hhmm("--start", r.start, "HH:MM, on the hour", &start_min, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    if (hours != NULL && !values_parse_count(hours, &r.hours))
        return out_usage(a, self, "option '--hours': '%s' is not a whole number of hours", hours);
    if (pay == NULL)
        return out_usage(a, self, "missing option '--pay' (credits or razorpay)");
    if (strcmp(pay, "credits") == 0)
        r.pay = MC_PAY_CREDITS;
    else if (strcmp(pay, "razorpay") == 0)
        r.pay = MC_PAY_RAZORPAY;
    else
        return out_usage(a, self, "option '--pay': unknown '%s' (credits or razorpay)", pay);

    guest_text texts[MAX_GUESTS];
    mc_guest guests[MAX_GUESTS];
    int nguests = opts[3].count;
    for (int i = 0; i < nguests; i++) {
        if (!values_parse_guest(guest_args[i], texts[i].name, sizeof texts[i].name, texts[i].email,
                                sizeof texts[i].email))
            return out_usage(a, self,
                             "option '--guest': '%s' is not \"Name <email>\" "
                             "(e.g. --guest \"Ravi Kumar <ravi@example.in>\")",
                             guest_args[i]);
        guests[i] = (mc_guest){texts[i].name, texts[i].email};
    }
    r.guests = nguests > 0 ? guests : NULL;
    r.guest_count = (size_t)nguests;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_booking_create(client, &r, &b, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "%s; list the rooms with: memberctl rooms search --date %s\n",
                    SYNC_HINT, r.date);
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "See the free blocks with: memberctl rooms search --date %s\n", r.date);
        else if (st == MC_ERR_INSUFFICIENT_CREDITS)
            fprintf(stderr, "See the balance with: memberctl credits; or pay with --pay "
                            "razorpay\n");
        return rc;
    }
    sent_outcome sent = {SENT_CONFIRMED, MC_ERROR_INIT}; /* Razorpay: made online */
    if (r.pay == MC_PAY_CREDITS) {
        sent = send_now(client, "booking.create", b->id);
        if (sent.state == SENT_REFUSED) {
            mc_booking_free(b);
            return out_core_error(a, sent.why.code, &sent.why);
        }
        mc_booking *now = sent_is_queued(sent.state) ? NULL : find_booking(client, b->id);
        if (now != NULL) {
            mc_booking_free(b);
            b = now;
        }
    }
    rc = render_booked(a, &r, b, sent.state);
    mc_booking_free(b);
    return rc;
}

static int run_rooms(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return out_usage(a, self, "missing the subcommand (search or book)");
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "search") == 0)
        return rooms_search(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "book") == 0)
        return rooms_book(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (search or book)", sub);
}

/* ---- pay-booking ---------------------------------------------------------------- */

static int run_pay_booking(app *a, const command *self, int argc, char **argv)
{
    checkout_answer ans;
    int rc = command_checkout_answer(a, self, argc, argv, "BOOKING_ID", &ans);
    if (rc != COMMAND_CONTINUE)
        return rc;

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_booking_confirm_payment(client, ans.id, ans.order_id, ans.payment_id,
                                              ans.signature, &b, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_PAYMENT_FAILED,
             "The booking stays unpaid; its hold lapses 15 minutes after it was made."},
            {MC_ERR_NOT_FOUND, "Check the booking and order ids printed by memberctl rooms book."},
            {MC_ERR_CONFLICT, "Nothing was confirmed; book again with: memberctl rooms book ROOM "
                              "... --pay razorpay"},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    /* The server knows the booking by its order: say so when they disagree. */
    if (strcmp(out_str(b->id), ans.id) != 0)
        fprintf(stderr,
                "memberctl: note: order %s belongs to booking %s, not %s; that one was "
                "confirmed\n",
                ans.order_id, out_str(b->id), ans.id);
    rc = render_booking_paid(a, b);
    mc_booking_free(b);
    return rc;
}

const command cmd_rooms = {
    "rooms",
    "rooms search --date YYYY-MM-DD [--from HH:MM] [--to HH:MM] [--building B]\n"
    "                    [--capacity N] [--amenity A]...\n"
    "   or: memberctl rooms book ROOM --date YYYY-MM-DD --start HH:MM [--hours N]\n"
    "                    [--guest \"Name <email>\"]... --pay credits|razorpay",
    "find free meeting-room blocks (local); book one",
    "Dates and times are the building's local ones, whatever this machine's\n"
    "time zone is. Rooms are booked in blocks of 1 hour, on the hour.\n"
    "\n"
    "search: the rooms of a building with their free blocks on a date, from\n"
    "the local store (no network needed; memberctl sync refreshes it). For\n"
    "each room: id, name, capacity, amenities, price (the building's currency)\n"
    "and credits\n"
    "per hour, and the free blocks (the heading names the building's zone).\n"
    "  --date YYYY-MM-DD   the day (required)\n"
    "  --from HH:MM        only blocks from then (default: opening)\n"
    "  --to HH:MM          only blocks until then (default: closing)\n"
    "  --building B        e.g. BLR-1; default: your own building\n"
    "  --capacity N        rooms for at least N people\n"
    "  --amenity A         rooms with A, e.g. projector (repeat for more)\n"
    "\n"
    "book: book ROOM for --hours consecutive blocks from --start.\n"
    "  --date YYYY-MM-DD   the day (required)\n"
    "  --start HH:MM       the first block, on the hour (required)\n"
    "  --hours N           1 to 12 blocks (default 1)\n"
    "  --guest \"Name <email>\"  a guest, emailed an access QR (repeat, up to 20)\n"
    "  --pay credits       from your company's credits: works offline; saved at\n"
    "                      once and sent to the server right away (confirmed,\n"
    "                      or refused saying why); offline it stays pending\n"
    "                      until memberctl sync has the server confirm it\n"
    "  --pay razorpay      online: the server holds the blocks for 15 minutes\n"
    "                      and opens a Razorpay order; pay it with checkout, then\n"
    "                      run memberctl pay-booking with what checkout returns\n"
    "Refused at once (exit 2): conflict (the block is taken, closed, blacked\n"
    "out, past, too soon or beyond the booking window; too_long: over 4 hours\n"
    "paid per use by an on-demand user; hold_limit: 3 unpaid holds already;\n"
    "hold_cooldown: a hold of that time you let go under 30 minutes ago: the\n"
    "message names the rule, --json's error has it as \"rule\"),\n"
    "insufficient_credits,\n"
    "forbidden (no company credits), and offline for razorpay.\n"
    "\n"
    "JSON: search: {\"building_id\",\"date\",\"from\",\"to\",\"timezone\",\n"
    "       \"rooms\":[{\"id\",\"building_id\",\"name\",\"capacity\",\"amenities\":[..],\n"
    "       \"price_per_hour\":MONEY,\"credits_per_hour\",\n"
    "       \"free\":[{\"start_ms\",\"start\",\"start_local\",\"start_zone\",\"local_time\",\n"
    "       \"local_minute\"}],\"why_none\":{\"rule\",\"message\"}|null}],\n"
    "       \"why_none\":{\"rule\",\"message\"}|null}\n"
    "      book: {\"booking\":{...as in bookings},\"queued\",\"sent\",\n"
    "       \"order\":{\"id\",\"amount\":MONEY,\"key_id\"}|null,\"next\":COMMAND|null}\n"
    "      (MONEY as in memberctl help invoices)\n",
    run_rooms,
};

const command cmd_pay_booking = {
    "pay-booking",
    "pay-booking BOOKING_ID --order ORDER_ID --payment PAY_ID --signature SIG",
    "confirm a Razorpay payment for a booking (online)",
    "Confirms the payment of a booking made with 'memberctl rooms book ...\n"
    "--pay razorpay', with what Razorpay checkout returned for its order: the\n"
    "payment id and the signature. Only the server's check of the signature\n"
    "confirms it; a signature it refuses exits 2 (payment_failed). Confirming\n"
    "twice is harmless. Needs the server (offline: exit 2). A hold that lapsed\n"
    "(15 minutes) or a cancelled booking exits 2 (conflict).\n"
    "  --order ORDER_ID    the order printed by rooms book (required)\n"
    "  --payment PAY_ID    checkout's razorpay_payment_id (required)\n"
    "  --signature SIG     checkout's razorpay_signature (required)\n"
    "\n"
    "JSON: {\"booking\":{...as in bookings}}\n",
    run_pay_booking,
};
