/*
 * render/desks.c - membercore/desks.h as memberctl shows it: the free hot desks of a day
 * with how the member may pay, the member's desk days (and dedicated desk), and what
 * booking, paying and cancelling did; as text or JSON. A desk day's date reads in words
 * ("Mon 7 Dec"), its check-in cut-off in the building's local time with the zone label
 * as the core converted it, money through mc_money_format.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"

/* Room for a desk day's line in words. */
#define DESK_WORDS_MAX 256

/* A desk's kind as its JSON value (the core names no desk kinds). */
static const char *desk_kind_name(mc_desk_kind kind)
{
    return kind == MC_DESK_DEDICATED ? "dedicated" : "hot";
}

/* This machine's year: a date of another year is written with its year. */
static int32_t this_year(void)
{
    return datetime_year_of_ms(datetime_clock_ms(CLOCK_REALTIME));
}

/* "11:00 IST": a time on the desk day's own date. */
static void clock_time(const mc_local_time *t, char *out, size_t out_cap)
{
    if (!mc_local_time_is_set(t))
        snprintf(out, out_cap, "the building's cut-off");
    else
        snprintf(out, out_cap, "%02d:%02d %s", (int)t->hour % 100, (int)t->minute % 100, t->label);
}

/* "monitor, window", or "no listed features". */
static void features_words(const mc_desk *d, char *out, size_t out_cap)
{
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < d->feature_count && used < out_cap; i++) {
        int n = snprintf(out + used, out_cap - used, "%s%s", i > 0 ? ", " : "",
                         out_str(d->features[i]));
        used += n > 0 ? (size_t)n : 0;
    }
    if (d->feature_count == 0)
        snprintf(out, out_cap, "no listed features");
}

/* ---- A desk --------------------------------------------------------------------------- */

static cJSON *feature_json(const void *item)
{
    return cJSON_CreateString(out_str(*(const char *const *)item));
}

cJSON *render_desk_json(const void *item)
{
    const mc_desk *d = item;
    list_view features = LIST_VIEW(d->features, d->feature_count);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(d->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(d->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(d->name)) != NULL &&
              cJSON_AddStringToObject(obj, "area", out_str(d->area)) != NULL &&
              list_add_json(obj, "features", &features, feature_json) &&
              cJSON_AddStringToObject(obj, "kind", desk_kind_name(d->kind)) != NULL &&
              cJSON_AddBoolToObject(obj, "mine", d->mine) != NULL;
    return json_finish(obj, ok);
}

/* "  BLR-1-D07  D07, Window bay: monitor, window" */
static void desk_text(const void *item, const void *context)
{
    const mc_desk *d = item;
    int id_width = context != NULL ? *(const int *)context : 0;
    char features[DESK_WORDS_MAX];
    features_words(d, features, sizeof features);
    const char *area = out_str(d->area);
    printf("  %-*s  %s%s%s: %s\n", id_width, out_str(d->id), out_str(d->name),
           area[0] != '\0' ? ", " : "", area, features);
}

static void desk_id_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_desk *)item)->id));
}

/* ---- desks search ----------------------------------------------------------------------- */

/* "why_none": {"rule", "message"} when no desk is free, else null. */
static bool json_add_why_none(cJSON *obj, mc_rule rule, const char *message)
{
    if (rule == MC_RULE_NONE)
        return cJSON_AddNullToObject(obj, "why_none") != NULL;
    cJSON *why = cJSON_AddObjectToObject(obj, "why_none");
    return why != NULL && cJSON_AddStringToObject(why, "rule", mc_rule_name(rule)) != NULL &&
           cJSON_AddStringToObject(why, "message", out_str(message)) != NULL;
}

static cJSON *search_json(const mc_desk_query *q, const mc_desk_search *s)
{
    list_view desks = LIST_VIEW(s->desks, s->count);
    cJSON *root = cJSON_CreateObject(), *pay = NULL;
    bool ok = root != NULL &&
              cJSON_AddStringToObject(root, "building_id", out_str(q->building_id)) != NULL &&
              cJSON_AddStringToObject(root, "date", out_str(q->date)) != NULL &&
              json_add_string_or_null(root, "area", q->area) &&
              list_add_json(root, "desks", &desks, render_desk_json) &&
              cJSON_AddNumberToObject(root, "taken_count", (double)s->taken_count) != NULL &&
              json_add_local_time(root, "checkin_by", s->checkin_by.utc_ms, &s->checkin_by, true) &&
              (pay = cJSON_AddObjectToObject(root, "pay")) != NULL &&
              cJSON_AddNumberToObject(pay, "desk_days_left", s->desk_days_left) != NULL &&
              (s->credits_left >= 0
                   ? cJSON_AddNumberToObject(pay, "credits_left", s->credits_left) != NULL
                   : cJSON_AddNullToObject(pay, "credits_left") != NULL) &&
              cJSON_AddNumberToObject(pay, "day_credits", s->day_credits) != NULL &&
              json_add_money(pay, "day_price", s->day_price) &&
              json_add_why_none(root, s->why_none, s->why_none_message);
    return json_finish(root, ok);
}

/* How the member may pay that day, in one line. */
static void pay_ways_text(const mc_desk_search *s)
{
    char price[RENDER_MONEY_MAX];
    render_money(s->day_price, price, sizeof price);
    printf("Pay with: ");
    if (s->desk_days_left > 0)
        printf("plan (%d desk day%s left this month), ", (int)s->desk_days_left,
               s->desk_days_left == 1 ? "" : "s");
    if (s->credits_left >= 0)
        printf("credits (%d a day; %d left), ", (int)s->day_credits, (int)s->credits_left);
    printf("or razorpay (%s by card, tax included).\n", price);
}

int render_desk_search(const app *a, const mc_desk_query *q, const mc_desk_search *s)
{
    if (a->json)
        return out_json(a, search_json(q, s));
    char day[DATETIME_DAY_WORDS_MAX], by[64];
    datetime_format_day_words(out_str(q->date), this_year(), day, sizeof day);
    clock_time(&s->checkin_by, by, sizeof by);
    printf("Hot desks free at %s on %s (%s)", out_str(q->building_id), day, out_str(q->date));
    if (q->area != NULL)
        printf(" in %s", q->area);
    for (size_t i = 0; i < q->feature_count; i++)
        printf("%s%s", i == 0 ? " with " : " and ", q->features[i]);
    printf(":\n");
    if (s->count == 0) {
        const char *why = out_str(s->why_none_message);
        printf("  none: %s\n", why[0] != '\0' ? why : "no desk matches");
        if (s->taken_count > 0)
            printf("%zu matching desk%s already taken that day.\n", s->taken_count,
                   s->taken_count == 1 ? " is" : "s are");
        return MEMBERCTL_EXIT_OK;
    }
    list_view desks = LIST_VIEW(s->desks, s->count);
    int id_width = list_column_width(&desks, NULL, desk_id_cell);
    list_text(&desks, desk_text, &id_width);
    printf("%zu free, %zu taken. Check in at the door by %s, or the desk is released.\n", s->count,
           s->taken_count, by);
    pay_ways_text(s);
    printf("Book with: memberctl desks book DESK --date %s --pay plan|credits|razorpay\n",
           out_str(q->date));
    return MEMBERCTL_EXIT_OK;
}

/* ---- A desk booking ------------------------------------------------------------------- */

cJSON *render_desk_booking_json(const void *item)
{
    const mc_desk_booking *b = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(b->id)) != NULL &&
        cJSON_AddStringToObject(obj, "desk_id", out_str(b->desk_id)) != NULL &&
        cJSON_AddStringToObject(obj, "desk_name", out_str(b->desk_name)) != NULL &&
        cJSON_AddStringToObject(obj, "area", out_str(b->area)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(b->building_id)) != NULL &&
        cJSON_AddStringToObject(obj, "date", out_str(b->date)) != NULL &&
        json_add_local_time(obj, "checkin_by", b->checkin_by.utc_ms, &b->checkin_by, true) &&
        cJSON_AddStringToObject(obj, "status", mc_desk_booking_status_name(b->status)) != NULL &&
        cJSON_AddStringToObject(obj, "paid_by", mc_desk_payment_name(b->paid_by)) != NULL &&
        cJSON_AddNumberToObject(obj, "desk_days", b->desk_days) != NULL &&
        cJSON_AddNumberToObject(obj, "credits", b->credits) != NULL &&
        json_add_money(obj, "amount", b->amount) &&
        cJSON_AddStringToObject(obj, "order_id", out_str(b->order_id)) != NULL &&
        cJSON_AddStringToObject(obj, "razorpay_key_id", out_str(b->razorpay_key_id)) != NULL &&
        json_add_local_time(obj, "hold_expires_at", b->hold_expires_at.utc_ms, &b->hold_expires_at,
                            true) &&
        cJSON_AddStringToObject(obj, "credential_id", out_str(b->credential_id)) != NULL &&
        cJSON_AddBoolToObject(obj, "door_code_ready", b->door_code_ready) != NULL &&
        cJSON_AddBoolToObject(obj, "checked_in", b->checked_in) != NULL &&
        json_add_local_time(obj, "checked_in_at", b->checked_in_at.utc_ms, &b->checked_in_at,
                            true) &&
        json_add_local_time(obj, "released_at", b->released_at.utc_ms, &b->released_at, true) &&
        cJSON_AddBoolToObject(obj, "pending", b->pending) != NULL;
    return json_finish(obj, ok);
}

/* What it cost: "1 desk day", "4 credits", "₹708.00". */
static void desk_cost(const mc_desk_booking *b, char *out, size_t out_cap)
{
    if (b->paid_by == MC_DESK_PAY_PLAN)
        snprintf(out, out_cap, "%d desk day%s", (int)b->desk_days, b->desk_days == 1 ? "" : "s");
    else if (b->paid_by == MC_DESK_PAY_CREDITS)
        snprintf(out, out_cap, "%d credit%s", (int)b->credits, b->credits == 1 ? "" : "s");
    else
        render_money(b->amount, out, out_cap);
}

/* The booking's state in words, with what follows from it. */
static void desk_state_words(const mc_desk_booking *b, char *out, size_t out_cap)
{
    char by[64], at[64], cost[RENDER_MONEY_MAX + 16];
    clock_time(&b->checkin_by, by, sizeof by);
    desk_cost(b, cost, sizeof cost);
    switch (b->status) {
    case MC_DESK_BOOKING_CONFIRMED:
        if (b->checked_in) {
            clock_time(&b->checked_in_at, at, sizeof at);
            snprintf(out, out_cap, "confirmed, checked in at %s; paid by %s: %s", at,
                     mc_desk_payment_name(b->paid_by), cost);
        } else {
            snprintf(out, out_cap, "confirmed, paid by %s: %s; check in at the door by %s",
                     mc_desk_payment_name(b->paid_by), cost, by);
        }
        break;
    case MC_DESK_BOOKING_PENDING:
        snprintf(out, out_cap, "pending until the server confirms, paid by %s: %s; check in by %s",
                 mc_desk_payment_name(b->paid_by), cost, by);
        break;
    case MC_DESK_BOOKING_PENDING_PAYMENT:
        clock_time(&b->hold_expires_at, at, sizeof at);
        snprintf(out, out_cap, "held until %s, waiting for payment of %s (Razorpay order %s)", at,
                 cost, out_str(b->order_id));
        break;
    case MC_DESK_BOOKING_RELEASED:
        snprintf(out, out_cap,
                 "released: not checked in by %s, the desk went to others (the %s is not given "
                 "back)",
                 by, cost);
        break;
    case MC_DESK_BOOKING_EXPIRED:
        snprintf(out, out_cap, "expired: the 15-minute payment hold lapsed; %s was never charged",
                 cost);
        break;
    default:
        snprintf(out, out_cap, "%s, paid by %s: %s", mc_desk_booking_status_name(b->status),
                 mc_desk_payment_name(b->paid_by), cost);
        break;
    }
    if (b->pending && b->status != MC_DESK_BOOKING_PENDING) {
        size_t used = strlen(out);
        snprintf(out + used, out_cap - used, " (pending)");
    }
}

/*
 *   dsk_…  BLR-1-D07 (D07, Window bay), BLR-1, Mon 7 Dec
 *       confirmed, paid by plan: 1 desk day; check in at the door by 11:00 IST
 *       door code ready offline (memberctl qr CREDENTIAL)
 */
static void desk_booking_text(const void *item, const void *context)
{
    const mc_desk_booking *b = item;
    (void)context;
    char day[DATETIME_DAY_WORDS_MAX], state[DESK_WORDS_MAX * 2];
    datetime_format_day_words(out_str(b->date), this_year(), day, sizeof day);
    desk_state_words(b, state, sizeof state);
    const char *name = out_str(b->desk_name), *area = out_str(b->area);
    printf("  %s  %s", out_str(b->id), out_str(b->desk_id));
    if (name[0] != '\0')
        printf(" (%s%s%s)", name, area[0] != '\0' ? ", " : "", area);
    printf(", %s, %s\n", out_str(b->building_id), day);
    printf("      %s\n", state);
    if (b->status == MC_DESK_BOOKING_CONFIRMED && out_str(b->credential_id)[0] != '\0')
        printf("      door code %s (memberctl qr %s)\n",
               b->door_code_ready ? "ready offline" : "not on this device yet: memberctl sync",
               b->credential_id);
}

/* ---- desks (list) --------------------------------------------------------------------- */

int render_desk_bookings(const app *a, const mc_desk_booking_list *list, const mc_desk *mine)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json) {
        cJSON *root = list_json_object("desk_bookings", &v, render_desk_booking_json);
        bool ok =
            root != NULL && (mine != NULL ? json_add_item(root, "mine", render_desk_json(mine))
                                          : cJSON_AddNullToObject(root, "mine") != NULL);
        return out_json(a, json_finish(root, ok));
    }
    if (mine != NULL) {
        printf("Your dedicated desk:\n");
        desk_text(mine, NULL);
    }
    if (list->count == 0) {
        printf("No desk days from today on this device (memberctl sync fetches them).\n");
        if (mine == NULL)
            printf("Find a hot desk with: memberctl desks search --date YYYY-MM-DD\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu desk day%s (check-in times in each building's local time):\n", list->count,
           list->count == 1 ? "" : "s");
    list_text(&v, desk_booking_text, NULL);
    bool pending = false, cancellable = false;
    for (size_t i = 0; i < list->count; i++) {
        pending = pending || list->items[i].pending;
        cancellable = cancellable || list->items[i].status == MC_DESK_BOOKING_CONFIRMED ||
                      list->items[i].status == MC_DESK_BOOKING_PENDING ||
                      list->items[i].status == MC_DESK_BOOKING_PENDING_PAYMENT;
    }
    if (pending)
        printf("(pending): waiting for the server; memberctl sync sends it.\n");
    if (cancellable)
        printf("Cancel one before its cut-off with: memberctl desks cancel ID\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- desks book, desks pay, desks cancel ---------------------------------------------- */

static cJSON *desk_order_json(const mc_desk_booking *b)
{
    if (b->paid_by != MC_DESK_PAY_RAZORPAY)
        return cJSON_CreateNull();
    return render_checkout_order_json(b->order_id, b->amount, b->razorpay_key_id);
}

int render_desk_booked(const app *a, const mc_desk_booking *b, sent_state sent)
{
    bool razorpay = b->paid_by == MC_DESK_PAY_RAZORPAY;
    char next[512];
    snprintf(next, sizeof next,
             "memberctl desks pay %s --order %s --payment PAY_ID --signature SIGNATURE",
             out_str(b->id), out_str(b->order_id));
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok =
            root != NULL && json_add_item(root, "desk_booking", render_desk_booking_json(b)) &&
            cJSON_AddBoolToObject(root, "queued", !razorpay && sent_is_queued(sent)) != NULL &&
            cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
            json_add_item(root, "order", desk_order_json(b)) &&
            json_add_string_or_null(root, "next", razorpay ? next : NULL);
        return out_json(a, json_finish(root, ok));
    }
    char day[DATETIME_DAY_WORDS_MAX];
    datetime_format_day_words(out_str(b->date), this_year(), day, sizeof day);
    printf("Desk %s at %s on %s: ", out_str(b->desk_id), out_str(b->building_id), day);
    if (!razorpay) {
        printf("%s.\n", sent == SENT_CONFIRMED  ? "booked, confirmed by the server"
                        : sent == SENT_ACCEPTED ? "booked, accepted by the server"
                                                : "booked, pending until the server confirms");
        desk_booking_text(b, NULL);
        if (sent_is_queued(sent))
            printf("Saved on this device and queued (the %s held meanwhile): memberctl sync "
                   "sends it.\n",
                   b->paid_by == MC_DESK_PAY_PLAN ? "desk day" : "credits");
        else
            render_sent(sent, "The desk booking");
        return MEMBERCTL_EXIT_OK;
    }
    printf("held for 15 minutes, waiting for payment.\n");
    desk_booking_text(b, NULL);
    render_checkout_order_text(b->order_id, b->amount, b->razorpay_key_id, next);
    return MEMBERCTL_EXIT_OK;
}

int render_desk_paid(const app *a, const mc_desk_booking *b)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        return out_json(
            a, json_finish(root, root != NULL && json_add_item(root, "desk_booking",
                                                               render_desk_booking_json(b))));
    }
    printf("Payment confirmed by the server: desk booking %s is %s.\n", out_str(b->id),
           mc_desk_booking_status_name(b->status));
    desk_booking_text(b, NULL);
    return MEMBERCTL_EXIT_OK;
}

int render_desk_cancelled(const app *a, const char *booking_id, const mc_desk_booking *b,
                          sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL &&
                  cJSON_AddStringToObject(root, "desk_booking_id", booking_id) != NULL &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
                  (b != NULL ? json_add_item(root, "desk_booking", render_desk_booking_json(b))
                             : cJSON_AddNullToObject(root, "desk_booking") != NULL);
        return out_json(a, json_finish(root, ok));
    }
    char what[128];
    snprintf(what, sizeof what, "Cancellation of desk booking %s", booking_id);
    render_sent(sent, what);
    if (b != NULL) {
        desk_booking_text(b, NULL);
        if (b->paid_by == MC_DESK_PAY_PLAN)
            printf("The desk day comes back to this month's allowance.\n");
        else if (b->paid_by == MC_DESK_PAY_CREDITS)
            printf("The credits come back to your company's balance.\n");
        else
            printf("A card payment is refunded by the server.\n");
    }
    return MEMBERCTL_EXIT_OK;
}
