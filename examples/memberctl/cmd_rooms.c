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
#include "output.h"
#include "values.h"

#define MAX_AMENITIES 16
#define MAX_GUESTS    20 /* booking.h: at most 20 guests */
#define HOUR_MS       3600000LL

#define SYNC_HINT "Fetch the buildings and rooms with: memberctl sync"

/* ---- rooms search ------------------------------------------------------------ */

/* The member's own building (whoami), or a usage error / core error. */
static int default_building(app *a, const command *self, mc_client *client, char *out,
                            size_t out_cap)
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

/* The length of the run of consecutive blocks starting at free[i]. */
static size_t run_length(const mc_room *room, size_t i)
{
    size_t n = 1;
    while (i + n < room->free_count &&
           room->free[i + n].start_ms == room->free[i + n - 1].start_ms + HOUR_MS &&
           room->free[i + n].local_minute == room->free[i + n - 1].local_minute + 60)
        n++;
    return n;
}

/* "free: 08:00-10:00, 12:00-22:00 (12 blocks of 1 h)" or "free: none". */
static void print_free_human(const mc_room *room)
{
    printf("      free: ");
    if (room->free_count == 0) {
        printf("none\n");
        return;
    }
    for (size_t i = 0; i < room->free_count;) {
        size_t n = run_length(room, i);
        char from[8], to[8];
        values_format_hhmm(room->free[i].local_minute, from, sizeof from);
        values_format_hhmm(room->free[i + n - 1].local_minute + 60, to, sizeof to);
        printf("%s%s-%s", i > 0 ? ", " : "", from, to);
        i += n;
    }
    printf(" (%zu block%s of 1 h)\n", room->free_count, room->free_count == 1 ? "" : "s");
}

static void print_room_human(const mc_room *room)
{
    char price[32];
    values_format_rupees(room->price_per_hour_paise, price, sizeof price);
    printf("  %s  %s, %d people, \u20b9%s/h or %d credits/h\n", out_str(room->id),
           out_str(room->name), (int)room->capacity, price, (int)room->credits_per_hour);
    printf("      amenities: ");
    for (size_t i = 0; i < room->amenity_count; i++)
        printf("%s%s", i > 0 ? ", " : "", out_str(room->amenities[i]));
    printf("%s\n", room->amenity_count == 0 ? "none" : "");
    print_free_human(room);
}

static cJSON *slot_json(const mc_slot *slot)
{
    char local[8];
    values_format_hhmm(slot->local_minute, local, sizeof local);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && out_add_time_json(obj, "start", slot->start_ms, false) &&
              cJSON_AddStringToObject(obj, "local_time", local) != NULL &&
              cJSON_AddNumberToObject(obj, "local_minute", slot->local_minute) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *room_json(const mc_room *room)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *amenities = NULL, *free = NULL;
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(room->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(room->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(room->name)) != NULL &&
              cJSON_AddNumberToObject(obj, "capacity", room->capacity) != NULL &&
              (amenities = cJSON_AddArrayToObject(obj, "amenities")) != NULL &&
              cJSON_AddNumberToObject(obj, "price_per_hour_paise",
                                      (double)room->price_per_hour_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "credits_per_hour", room->credits_per_hour) != NULL &&
              (free = cJSON_AddArrayToObject(obj, "free")) != NULL;
    for (size_t i = 0; ok && i < room->amenity_count; i++) {
        cJSON *name = cJSON_CreateString(out_str(room->amenities[i]));
        ok = name != NULL && cJSON_AddItemToArray(amenities, name);
        if (!ok)
            cJSON_Delete(name);
    }
    for (size_t i = 0; ok && i < room->free_count; i++) {
        cJSON *slot = slot_json(&room->free[i]);
        ok = slot != NULL && cJSON_AddItemToArray(free, slot);
        if (!ok)
            cJSON_Delete(slot);
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* A string, or null when s is NULL. */
static bool add_string_or_null(cJSON *obj, const char *name, const char *s)
{
    return (s != NULL ? cJSON_AddStringToObject(obj, name, s) : cJSON_AddNullToObject(obj, name)) !=
           NULL;
}

static cJSON *search_json(const mc_room_query *q, const mc_room_search *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *rooms = NULL;
    bool ok = root != NULL &&
              cJSON_AddStringToObject(root, "building_id", q->building_id) != NULL &&
              cJSON_AddStringToObject(root, "date", q->date) != NULL &&
              add_string_or_null(root, "from", q->from) && add_string_or_null(root, "to", q->to) &&
              cJSON_AddStringToObject(root, "timezone", out_str(s->timezone)) != NULL &&
              (rooms = cJSON_AddArrayToObject(root, "rooms")) != NULL;
    for (size_t i = 0; ok && i < s->count; i++) {
        cJSON *room = room_json(&s->rooms[i]);
        ok = room != NULL && cJSON_AddItemToArray(rooms, room);
        if (!ok)
            cJSON_Delete(room);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_search_human(const mc_room_query *q, const mc_room_search *s)
{
    printf("Rooms in %s on %s", q->building_id, q->date);
    if (q->from != NULL)
        printf(" from %s", q->from);
    if (q->to != NULL)
        printf(" to %s", q->to);
    printf(" (the building's local time, %s):\n", out_str(s->timezone));
    if (s->count == 0) {
        printf("  No room matches");
        if (q->min_capacity > 0)
            printf(" a capacity of %d", (int)q->min_capacity);
        for (size_t i = 0; i < q->amenity_count; i++)
            printf("%s%s", i == 0 ? (q->min_capacity > 0 ? " and " : " ") : ", ", q->amenities[i]);
        printf(".\n");
        return;
    }
    bool any_free = false;
    for (size_t i = 0; i < s->count; i++) {
        print_room_human(&s->rooms[i]);
        any_free = any_free || s->rooms[i].free_count > 0;
    }
    if (any_free)
        printf("Book with: memberctl rooms book ROOM --date %s --start HH:MM [--hours N] "
               "--pay credits|razorpay\n",
               q->date);
}

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
    if (q.date == NULL)
        return out_usage(a, self, "missing option '--date' (YYYY-MM-DD, the building's date)");
    if (!values_parse_date(q.date))
        return out_usage(a, self, "option '--date': '%s' is not a date (YYYY-MM-DD)", q.date);
    if (q.from != NULL && !values_parse_hhmm(q.from, &from))
        return out_usage(a, self, "option '--from': '%s' is not a time (HH:MM)", q.from);
    if (q.to != NULL && !values_parse_hhmm(q.to, &to))
        return out_usage(a, self, "option '--to': '%s' is not a time (HH:MM)", q.to);
    if (from >= to)
        return out_usage(a, self, "option '--from' must be before '--to'");
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
        if ((rc = default_building(a, self, client, building, sizeof building)) != COMMAND_CONTINUE)
            return rc;
        q.building_id = building;
    }
    mc_room_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_rooms_search(client, &q, &s, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "%s\n", SYNC_HINT);
        return rc;
    }
    if (a->json) {
        rc = out_json(a, search_json(&q, s));
    } else {
        print_search_human(&q, s);
        rc = MEMBERCTL_EXIT_OK;
    }
    mc_room_search_free(s);
    return rc;
}

/* ---- rooms book ---------------------------------------------------------------- */

/* The guests as the core wants them; the text lives in texts. */
typedef struct guest_text {
    char name[VALUES_GUEST_NAME_MAX];
    char email[VALUES_GUEST_EMAIL_MAX];
} guest_text;

static cJSON *order_json(const mc_booking *b)
{
    if (b->paid_by != MC_PAY_RAZORPAY || out_str(b->order_id)[0] == '\0')
        return cJSON_CreateNull();
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", b->order_id) != NULL &&
              cJSON_AddNumberToObject(obj, "amount_paise", (double)b->amount_paise) != NULL &&
              cJSON_AddStringToObject(obj, "key_id", out_str(b->razorpay_key_id)) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* The command that confirms the payment of b, into out. */
static void pay_command(const mc_booking *b, char *out, size_t out_cap)
{
    snprintf(out, out_cap,
             "memberctl pay-booking %s --order %s --payment PAY_ID --signature SIGNATURE",
             out_str(b->id), out_str(b->order_id));
}

static int print_booked(app *a, const mc_booking_request *r, const mc_booking *b)
{
    char next[512];
    pay_command(b, next, sizeof next);
    bool razorpay = r->pay == MC_PAY_RAZORPAY;
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && out_add_item(root, "booking", out_booking_json(b)) &&
                  cJSON_AddBoolToObject(root, "queued", !razorpay) != NULL &&
                  out_add_item(root, "order", order_json(b)) &&
                  (razorpay ? cJSON_AddStringToObject(root, "next", next)
                            : cJSON_AddNullToObject(root, "next")) != NULL;
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        return out_json(a, root);
    }
    printf("%s on %s at %s for %d h (the building's time): ", r->room_id, r->date, r->start,
           (int)r->hours);
    if (!razorpay) {
        printf("booked, pending until the server confirms.\n");
        out_booking_human(b);
        printf("Saved on this device and queued (%d credits held meanwhile): memberctl sync "
               "sends it.\n",
               (int)b->credits);
        return MEMBERCTL_EXIT_OK;
    }
    char amount[32];
    values_format_rupees(b->amount_paise, amount, sizeof amount);
    printf("held for 15 minutes, waiting for payment.\n");
    out_booking_human(b);
    printf("Razorpay order %s: \u20b9%s, key id %s\n", out_str(b->order_id), amount,
           out_str(b->razorpay_key_id));
    printf("Pay it with Razorpay checkout, then confirm with what checkout returns:\n");
    printf("  %s\n", next);
    printf("(memberctl bookings shows it after the next memberctl sync.)\n");
    return MEMBERCTL_EXIT_OK;
}

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
    if (r.date == NULL)
        return out_usage(a, self, "missing option '--date' (YYYY-MM-DD, the building's date)");
    if (!values_parse_date(r.date))
        return out_usage(a, self, "option '--date': '%s' is not a date (YYYY-MM-DD)", r.date);
    if (r.start == NULL)
        return out_usage(a, self, "missing option '--start' (HH:MM, on the hour)");
    if (!values_parse_hhmm(r.start, &start_min))
        return out_usage(a, self, "option '--start': '%s' is not a time (HH:MM)", r.start);
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
    rc = print_booked(a, &r, b);
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
        return out_usage(a, self, "missing BOOKING_ID");
    for (size_t i = 0; i < p.nopts; i++) {
        if (opts[i].value == NULL)
            return out_usage(a, self, "missing option '%s'", opts[i].name);
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_booking_confirm_payment(client, p.pos[0], args_value(&p, "--order"),
                                              args_value(&p, "--payment"),
                                              args_value(&p, "--signature"), &b, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_PAYMENT_FAILED)
            fprintf(stderr, "The booking stays unpaid; its hold lapses 15 minutes after it "
                            "was made.\n");
        else if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "Check the booking and order ids printed by memberctl rooms book.\n");
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "Nothing was confirmed; book again with: memberctl rooms book ROOM "
                            "... --pay razorpay\n");
        return rc;
    }
    /* The server knows the booking by its order: say so when they disagree. */
    if (strcmp(out_str(b->id), p.pos[0]) != 0)
        fprintf(stderr,
                "memberctl: note: order %s belongs to booking %s, not %s; that one was "
                "confirmed\n",
                args_value(&p, "--order"), out_str(b->id), p.pos[0]);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        if (root != NULL && !out_add_item(root, "booking", out_booking_json(b))) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_booking_free(b);
        return out_json(a, root);
    }
    printf("Payment confirmed by the server: booking %s is %s.\n", out_str(b->id),
           mc_booking_status_name(b->status));
    out_booking_human(b);
    printf("memberctl sync brings it into memberctl bookings.\n");
    mc_booking_free(b);
    return MEMBERCTL_EXIT_OK;
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
    "each room: id, name, capacity, amenities, price in rupees and credits\n"
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
    "                      once, pending until memberctl sync has the server\n"
    "                      confirm it (the server may still refuse it)\n"
    "  --pay razorpay      online: the server holds the blocks for 15 minutes\n"
    "                      and opens a Razorpay order; pay it with checkout, then\n"
    "                      run memberctl pay-booking with what checkout returns\n"
    "Refused at once (exit 2): conflict (the block is taken, closed, blacked\n"
    "out, too soon or beyond the booking window), insufficient_credits,\n"
    "forbidden (no company credits), and offline for razorpay.\n"
    "\n"
    "JSON: search: {\"building_id\",\"date\",\"from\",\"to\",\"timezone\",\n"
    "       \"rooms\":[{\"id\",\"building_id\",\"name\",\"capacity\",\"amenities\":[..],\n"
    "       \"price_per_hour_paise\",\"credits_per_hour\",\n"
    "       \"free\":[{\"start_ms\",\"start\",\"local_time\",\"local_minute\"}]}]}\n"
    "      book: {\"booking\":{...as in bookings},\"queued\",\n"
    "       \"order\":{\"id\",\"amount_paise\",\"key_id\"}|null,\"next\":COMMAND|null}\n",
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
