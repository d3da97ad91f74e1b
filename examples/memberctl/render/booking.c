/*
 * render/booking.c - membercore/booking.h as memberctl shows it: rooms and
 * their free blocks, bookings, the company's credits, and what booking,
 * paying and cancelling did; as text or JSON. Money is integer paise, shown
 * as rupees; instants are the building's local time with its zone label, as
 * the core converted them (JSON keeps UTC milliseconds and adds the local
 * ISO-8601 time with its offset); a room's free blocks are the building's
 * local times.
 */
#include "render/render.h"

#include <stdio.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"

#define HOUR_MS 3600000LL

/* ---- A booking ----------------------------------------------------------------- */

/* What a booking costs: "12 credits" or "₹5,000.00", into out. */
static void booking_cost(const mc_booking *b, char *out, size_t out_cap)
{
    if (b->paid_by == MC_PAY_CREDITS)
        snprintf(out, out_cap, "%d credit%s", (int)b->credits, b->credits == 1 ? "" : "s");
    else
        render_money(b->amount, out, out_cap);
}

static cJSON *guest_json(const void *item)
{
    const mc_booking_guest *g = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "name", out_str(g->name)) != NULL &&
              cJSON_AddStringToObject(obj, "email", out_str(g->email)) != NULL &&
              cJSON_AddStringToObject(obj, "credential_id", out_str(g->credential_id)) != NULL;
    return json_finish(obj, ok);
}

static void guest_text(const void *item, const void *context)
{
    const mc_booking_guest *g = item;
    (void)context;
    const char *credential = out_str(g->credential_id);
    printf("      guest: %s <%s>", out_str(g->name), out_str(g->email));
    if (credential[0] != '\0')
        printf(", access credential %s", credential);
    else
        printf(", access credential not issued yet");
    printf("\n");
}

static cJSON *booking_json(const void *item)
{
    const mc_booking *b = item;
    list_view guests = LIST_VIEW(b->guests, b->guest_count);
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(b->id)) != NULL &&
        cJSON_AddStringToObject(obj, "room_id", out_str(b->room_id)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(b->building_id)) != NULL &&
        json_add_local_time(obj, "start", b->start_ms, &b->start, false) &&
        json_add_local_time(obj, "end", b->end_ms, &b->end, false) &&
        cJSON_AddStringToObject(obj, "status", mc_booking_status_name(b->status)) != NULL &&
        cJSON_AddStringToObject(obj, "paid_by", mc_payment_name(b->paid_by)) != NULL &&
        cJSON_AddNumberToObject(obj, "credits", b->credits) != NULL &&
        json_add_money(obj, "amount", b->amount) && cJSON_AddBoolToObject(obj, "paid", b->paid) &&
        list_add_json(obj, "guests", &guests, guest_json) &&
        cJSON_AddStringToObject(obj, "order_id", out_str(b->order_id)) != NULL &&
        cJSON_AddStringToObject(obj, "razorpay_key_id", out_str(b->razorpay_key_id)) != NULL &&
        cJSON_AddBoolToObject(obj, "pending", b->pending) != NULL;
    return json_finish(obj, ok);
}

/*
 * A booking on two lines or three (indented by two spaces):
 *   ID  ROOM (BUILDING)
 *       2026-12-07 16:00 to 17:00 IST, STATUS, paid by credits: 12 credits (pending)
 *       guest: Ravi <ravi@example.in>, access credential ...
 */
static void booking_text(const void *item, const void *context)
{
    const mc_booking *b = item;
    (void)context;
    char span[DATETIME_LOCAL_MAX * 2], cost[48];
    datetime_format_local_span(&b->start, &b->end, span, sizeof span);
    booking_cost(b, cost, sizeof cost);
    const char *building = out_str(b->building_id);
    printf("  %s  %s", out_str(b->id), out_str(b->room_id));
    if (building[0] != '\0')
        printf(" (%s)", building);
    printf("\n");
    if (b->status == MC_BOOKING_EXPIRED)
        printf("      %s, %s: not paid, the 15-minute payment hold lapsed; %s was never\n"
               "      charged\n",
               span, mc_booking_status_name(b->status), cost);
    else if (b->paid_by == MC_PAY_RAZORPAY && b->status == MC_BOOKING_CANCELLED && !b->paid)
        printf("      %s, %s before payment: nothing was charged (Razorpay, %s not paid)%s\n", span,
               mc_booking_status_name(b->status), cost, b->pending ? " (pending)" : "");
    else if (b->paid_by == MC_PAY_RAZORPAY && b->status != MC_BOOKING_CONFIRMED && !b->paid)
        printf("      %s, %s, by razorpay: %s%s\n", span, mc_booking_status_name(b->status), cost,
               b->pending ? " (pending)" : "");
    else
        printf("      %s, %s, paid by %s: %s%s\n", span, mc_booking_status_name(b->status),
               mc_payment_name(b->paid_by), cost, b->pending ? " (pending)" : "");
    if (b->status == MC_BOOKING_PENDING_PAYMENT && out_str(b->order_id)[0] != '\0')
        printf("      waiting for payment of Razorpay order %s\n", b->order_id);
    list_view guests = LIST_VIEW(b->guests, b->guest_count);
    list_text(&guests, guest_text, NULL);
}

/* {"booking":{...}}, printed. */
static int booking_answer(const app *a, const mc_booking *b)
{
    cJSON *root = cJSON_CreateObject();
    return out_json(
        a, json_finish(root, root != NULL && json_add_item(root, "booking", booking_json(b))));
}

/* ---- bookings, cancel ----------------------------------------------------------- */

int render_bookings(const app *a, const mc_booking_list *list, bool all)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("bookings", &v, booking_json));
    const char *which = all ? "" : "current and upcoming ";
    if (list->count == 0) {
        printf("No %sbookings on this device (memberctl sync fetches them; book with: "
               "memberctl rooms book).\n",
               which);
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu %sbooking%s (in each building's local time):\n", list->count, which,
           list->count == 1 ? "" : "s");
    bool pending = false, cancellable = false;
    for (size_t i = 0; i < list->count; i++) {
        pending = pending || list->items[i].pending;
        cancellable = cancellable || (list->items[i].status != MC_BOOKING_CANCELLED &&
                                      list->items[i].status != MC_BOOKING_EXPIRED);
    }
    list_text(&v, booking_text, NULL);
    if (pending)
        printf("(pending): waiting for the server; memberctl sync sends it.\n");
    if (cancellable)
        printf("Cancel one with: memberctl cancel BOOKING_ID\n");
    return MEMBERCTL_EXIT_OK;
}

int render_cancel_done(const app *a, const char *booking_id, bool already,
                       const mc_booking *booking, sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "booking_id", booking_id) != NULL &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddBoolToObject(root, "already_queued", already) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
                  (booking != NULL ? json_add_item(root, "booking", booking_json(booking))
                                   : cJSON_AddNullToObject(root, "booking") != NULL);
        return out_json(a, json_finish(root, ok));
    }
    char what[128];
    snprintf(what, sizeof what, "%s of %s",
             already ? "The cancellation queued before" : "Cancellation", booking_id);
    render_sent(sent, what);
    if (booking != NULL)
        booking_text(booking, NULL);
    printf("Credits are refunded by the server when it is cancelled before the building's "
           "cut-off.\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- credits --------------------------------------------------------------------- */

static cJSON *ledger_line_json(const void *item)
{
    const mc_credit_line *line = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(line->id)) != NULL &&
        cJSON_AddNumberToObject(obj, "delta", line->delta) != NULL &&
        cJSON_AddNumberToObject(obj, "balance_after", line->balance_after) != NULL &&
        cJSON_AddStringToObject(obj, "reason", out_str(line->reason)) != NULL &&
        cJSON_AddStringToObject(obj, "reservation_id", out_str(line->reservation_id)) != NULL &&
        json_add_local_time(obj, "at", line->at_ms, &line->at, false);
    return json_finish(obj, ok);
}

static void ledger_line_text(const void *item, const void *context)
{
    const mc_credit_line *line = item;
    (void)context;
    char at[DATETIME_LOCAL_MAX];
    datetime_format_local(&line->at, false, "?", at, sizeof at);
    const char *reservation = out_str(line->reservation_id);
    printf("  %s  %+5d  balance %4d  %s", at, (int)line->delta, (int)line->balance_after,
           out_str(line->reason));
    if (reservation[0] != '\0')
        printf(" for %s", reservation);
    printf("\n");
}

static cJSON *credits_json(const mc_credits *c)
{
    list_view ledger = LIST_VIEW(c->ledger, c->ledger_count);
    cJSON *root = cJSON_CreateObject();
    cJSON *obj = root != NULL ? cJSON_AddObjectToObject(root, "credits") : NULL;
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "company_id", out_str(c->company_id)) != NULL &&
              cJSON_AddStringToObject(obj, "company_name", out_str(c->company_name)) != NULL &&
              cJSON_AddNumberToObject(obj, "monthly_credits", c->monthly_credits) != NULL &&
              cJSON_AddNumberToObject(obj, "balance", c->balance) != NULL &&
              cJSON_AddNumberToObject(obj, "pending_debit", c->pending_debit) != NULL &&
              list_add_json(obj, "ledger", &ledger, ledger_line_json);
    return json_finish(root, ok);
}

int render_credits(const app *a, const mc_credits *c)
{
    if (a->json)
        return out_json(a, credits_json(c));
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
        return MEMBERCTL_EXIT_OK;
    }
    printf("Ledger, newest first:\n");
    list_view ledger = LIST_VIEW(c->ledger, c->ledger_count);
    list_text(&ledger, ledger_line_text, NULL);
    return MEMBERCTL_EXIT_OK;
}

/* ---- rooms search -------------------------------------------------------------- */

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

/* "free: 08:00-10:00, 12:00-22:00 (12 blocks of 1 h)", or "free: none (why)". */
static void free_blocks_text(const mc_room *room)
{
    printf("      free: ");
    if (room->free_count == 0) {
        const char *why = out_str(room->why_none_message);
        printf(why[0] != '\0' ? "none: %s\n" : "none%s\n", why);
        return;
    }
    for (size_t i = 0; i < room->free_count;) {
        size_t n = run_length(room, i);
        char from[DATETIME_HHMM_MAX], to[DATETIME_HHMM_MAX];
        datetime_format_hhmm(room->free[i].local_minute, from, sizeof from);
        datetime_format_hhmm(room->free[i + n - 1].local_minute + 60, to, sizeof to);
        printf("%s%s-%s", i > 0 ? ", " : "", from, to);
        i += n;
    }
    printf(" (%zu block%s of 1 h)\n", room->free_count, room->free_count == 1 ? "" : "s");
}

static void room_text(const void *item, const void *context)
{
    const mc_room *room = item;
    (void)context;
    char price[RENDER_MONEY_MAX];
    render_money(room->price_per_hour, price, sizeof price);
    printf("  %s  %s, %d people, %s/h or %d credits/h\n", out_str(room->id), out_str(room->name),
           (int)room->capacity, price, (int)room->credits_per_hour);
    printf("      amenities: ");
    for (size_t i = 0; i < room->amenity_count; i++)
        printf("%s%s", i > 0 ? ", " : "", out_str(room->amenities[i]));
    printf("%s\n", room->amenity_count == 0 ? "none" : "");
    free_blocks_text(room);
}

static cJSON *slot_json(const void *item)
{
    const mc_slot *slot = item;
    char local[DATETIME_HHMM_MAX];
    datetime_format_hhmm(slot->local_minute, local, sizeof local);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              json_add_local_time(obj, "start", slot->start_ms, &slot->start, false) &&
              cJSON_AddStringToObject(obj, "local_time", local) != NULL &&
              cJSON_AddNumberToObject(obj, "local_minute", slot->local_minute) != NULL;
    return json_finish(obj, ok);
}

static cJSON *amenity_json(const void *item)
{
    return cJSON_CreateString(out_str(*(const char *const *)item));
}

/* "why_none": {"rule", "message"} when nothing is free, else null. */
static bool json_add_why(cJSON *obj, mc_rule rule, const char *message)
{
    if (rule == MC_RULE_NONE)
        return cJSON_AddNullToObject(obj, "why_none") != NULL;
    cJSON *why = cJSON_AddObjectToObject(obj, "why_none");
    return why != NULL && cJSON_AddStringToObject(why, "rule", mc_rule_name(rule)) != NULL &&
           cJSON_AddStringToObject(why, "message", out_str(message)) != NULL;
}

static cJSON *room_json(const void *item)
{
    const mc_room *room = item;
    list_view amenities = LIST_VIEW(room->amenities, room->amenity_count);
    list_view free = LIST_VIEW(room->free, room->free_count);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(room->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(room->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(room->name)) != NULL &&
              cJSON_AddNumberToObject(obj, "capacity", room->capacity) != NULL &&
              list_add_json(obj, "amenities", &amenities, amenity_json) &&
              json_add_money(obj, "price_per_hour", room->price_per_hour) &&
              cJSON_AddNumberToObject(obj, "credits_per_hour", room->credits_per_hour) != NULL &&
              list_add_json(obj, "free", &free, slot_json) &&
              json_add_why(obj, room->why_none, room->why_none_message);
    return json_finish(obj, ok);
}

static cJSON *search_json(const mc_room_query *q, const mc_room_search *s)
{
    list_view rooms = LIST_VIEW(s->rooms, s->count);
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL &&
              cJSON_AddStringToObject(root, "building_id", q->building_id) != NULL &&
              cJSON_AddStringToObject(root, "date", q->date) != NULL &&
              json_add_string_or_null(root, "from", q->from) &&
              json_add_string_or_null(root, "to", q->to) &&
              cJSON_AddStringToObject(root, "timezone", out_str(s->timezone)) != NULL &&
              list_add_json(root, "rooms", &rooms, room_json) &&
              json_add_why(root, s->why_none, s->why_none_message);
    return json_finish(root, ok);
}

int render_room_search(const app *a, const mc_room_query *q, const mc_room_search *s)
{
    if (a->json)
        return out_json(a, search_json(q, s));
    printf("Rooms in %s on %s", q->building_id, q->date);
    if (q->from != NULL)
        printf(" from %s", q->from);
    if (q->to != NULL)
        printf(" to %s", q->to);
    printf(" (the building's local time, %s):\n", out_str(s->timezone));
    if (s->count == 0) { /* why_none is MC_RULE_NO_ROOM: say which filters */
        printf("  No room matches");
        if (q->min_capacity > 0)
            printf(" a capacity of %d", (int)q->min_capacity);
        for (size_t i = 0; i < q->amenity_count; i++)
            printf("%s%s", i == 0 ? (q->min_capacity > 0 ? " and " : " ") : ", ", q->amenities[i]);
        printf(".\n");
        return MEMBERCTL_EXIT_OK;
    }
    bool any_free = false;
    for (size_t i = 0; i < s->count; i++)
        any_free = any_free || s->rooms[i].free_count > 0;
    list_view rooms = LIST_VIEW(s->rooms, s->count);
    list_text(&rooms, room_text, NULL);
    if (any_free)
        printf("Book with: memberctl rooms book ROOM --date %s --start HH:MM [--hours N] "
               "--pay credits|razorpay\n",
               q->date);
    else
        printf("No free block: %s.\n", out_str(s->why_none_message));
    return MEMBERCTL_EXIT_OK;
}

/* ---- rooms book, pay-booking ----------------------------------------------------- */

cJSON *render_checkout_order_json(const char *order_id, mc_money amount, const char *key_id)
{
    if (out_str(order_id)[0] == '\0')
        return cJSON_CreateNull();
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", order_id) != NULL &&
              json_add_money(obj, "amount", amount) &&
              cJSON_AddStringToObject(obj, "key_id", out_str(key_id)) != NULL;
    return json_finish(obj, ok);
}

void render_checkout_order_text(const char *order_id, mc_money amount, const char *key_id,
                                const char *next)
{
    char text[RENDER_MONEY_MAX];
    render_money(amount, text, sizeof text);
    printf("Razorpay order %s: %s, key id %s\n", out_str(order_id), text, out_str(key_id));
    printf("Pay it with Razorpay checkout, then confirm with what checkout returns:\n");
    printf("  %s\n", next);
}

static cJSON *booking_order_json(const mc_booking *b)
{
    if (b->paid_by != MC_PAY_RAZORPAY)
        return cJSON_CreateNull();
    return render_checkout_order_json(b->order_id, b->amount, b->razorpay_key_id);
}

int render_booked(const app *a, const mc_booking_request *r, const mc_booking *b, sent_state sent)
{
    char next[512];
    snprintf(next, sizeof next,
             "memberctl pay-booking %s --order %s --payment PAY_ID --signature SIGNATURE",
             out_str(b->id), out_str(b->order_id));
    bool razorpay = r->pay == MC_PAY_RAZORPAY;
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok =
            root != NULL && json_add_item(root, "booking", booking_json(b)) &&
            cJSON_AddBoolToObject(root, "queued", !razorpay && sent_is_queued(sent)) != NULL &&
            cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
            json_add_item(root, "order", booking_order_json(b)) &&
            json_add_string_or_null(root, "next", razorpay ? next : NULL);
        return out_json(a, json_finish(root, ok));
    }
    printf("%s on %s at %s for %d h (the building's time): ", r->room_id, r->date, r->start,
           (int)r->hours);
    if (!razorpay) {
        printf("%s.\n", sent == SENT_CONFIRMED  ? "booked, confirmed by the server"
                        : sent == SENT_ACCEPTED ? "booked, accepted by the server"
                                                : "booked, pending until the server confirms");
        booking_text(b, NULL);
        if (sent == SENT_QUEUED)
            printf("Saved on this device and queued (%d credits held meanwhile): memberctl sync "
                   "sends it.\n",
                   (int)b->credits);
        else
            render_sent(sent, "The booking");
        return MEMBERCTL_EXIT_OK;
    }
    printf("held for 15 minutes, waiting for payment.\n");
    booking_text(b, NULL);
    render_checkout_order_text(b->order_id, b->amount, b->razorpay_key_id, next);
    printf("(memberctl bookings shows it after the next memberctl sync.)\n");
    return MEMBERCTL_EXIT_OK;
}

int render_booking_paid(const app *a, const mc_booking *b)
{
    if (a->json)
        return booking_answer(a, b);
    printf("Payment confirmed by the server: booking %s is %s.\n", out_str(b->id),
           mc_booking_status_name(b->status));
    booking_text(b, NULL);
    printf("memberctl sync brings it into memberctl bookings.\n");
    return MEMBERCTL_EXIT_OK;
}
