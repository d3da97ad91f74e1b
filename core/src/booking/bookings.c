/*
 * booking/bookings.c - creating, paying, cancelling and listing the member's room bookings.
 *
 * Credit bookings and cancellations are local writes through the outbox (they work
 * offline; the server confirms or refuses on sync). Razorpay bookings are online: the
 * server holds the slot and opens an order; only its signature check confirms payment.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "account/account.h"
#include "account/session.h"
#include "rules/email.h"
#include "booking/bookings.h"
#include "catalog/building.h"
#include "booking/rooms.h"
#include "catalog/zones.h"
#include "handle/handle.h"
#include "membercore/booking.h"
#include "read/items.h"
#include "read/list.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/json.h"
#include "util/names.h"
#include "util/strutil.h"

#define MAX_HOURS  24
#define MAX_GUESTS 20
/* The hours of one pay-per-use (Razorpay) booking by an on-demand user (no company): the
 * server's limit (docs/rooms-protocol.md, "Hold limits"), checked here first. */
#define ON_DEMAND_HOURS_MAX 4

static const char *const status_names[] = {"pending",   "pending_payment", "confirmed",
                                           "cancelled", "unknown",         "expired"};

const char *mc_booking_status_name(mc_booking_status status)
{
    return mci_name_of(status_names, MCI_COUNT(status_names), (int)status);
}

const char *mc_payment_name(mc_payment pay)
{
    static const char *const names[] = {"unknown", "credits", "razorpay"};
    return mci_name_of(names, MCI_COUNT(names), (int)pay);
}

static mc_booking_status status_from_name(const char *name)
{
    return (mc_booking_status)mci_value_of(status_names, MCI_COUNT(status_names), name,
                                           MC_BOOKING_UNKNOWN);
}

static void booking_clear(mc_booking *b)
{
    free(b->id);
    free(b->room_id);
    free(b->building_id);
    free(b->order_id);
    free(b->razorpay_key_id);
    for (size_t i = 0; i < b->guest_count; i++) {
        free(b->guests[i].name);
        free(b->guests[i].email);
        free(b->guests[i].credential_id);
    }
    free(b->guests);
}

void mc_booking_free(mc_booking *b)
{
    if (b == NULL)
        return;
    booking_clear(b);
    free(b);
}

void mc_booking_list_free(mc_booking_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        booking_clear(&list->items[i]);
    free(list->items);
    free(list->next_cursor);
    free(list);
}

/* Fill b from a reservation object (the server's, or a pending payload). */
static mc_status booking_from_json(const cJSON *r, mc_booking *b, mc_error *err)
{
    memset(b, 0, sizeof *b);
    const char *id = mci_json_string(r, "id", mci_json_string(r, "booking_id", ""));
    b->id = mci_strdup(id);
    b->room_id = mci_strdup(mci_json_string(r, "room_id", ""));
    b->building_id = mci_strdup(mci_json_string(r, "building_id", ""));
    b->order_id = mci_strdup(mci_json_string(r, "order_id", ""));
    b->razorpay_key_id = mci_strdup(mci_json_string(r, "key_id", ""));
    b->start_ms = mci_json_int(r, "start_ms", 0);
    b->end_ms = mci_json_int(r, "end_ms", b->start_ms + 3600000 * mci_json_int(r, "hours", 1));
    b->status = status_from_name(mci_json_string(r, "status", "pending"));
    b->paid_by =
        strcmp(mci_json_string(r, "paid_by", mci_json_string(r, "pay", "credits")), "razorpay") == 0
            ? MC_PAY_RAZORPAY
            : MC_PAY_CREDITS;
    b->credits = (int32_t)mci_json_int(r, "credits", 0);
    b->amount = mci_money_of(mci_json_int(r, "amount_paise", 0),
                             mci_json_string(r, "currency", MCI_BUILDING_DEFAULT_CURRENCY));
    b->paid = b->paid_by == MC_PAY_RAZORPAY && mci_json_int(r, "paid_at_ms", 0) > 0;
    const cJSON *guests = cJSON_GetObjectItemCaseSensitive(r, "guests");
    int n = cJSON_GetArraySize(guests);
    if (n > 0 && (b->guests = calloc((size_t)n, sizeof *b->guests)) == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    const cJSON *g = NULL;
    cJSON_ArrayForEach(g, guests)
    {
        mc_booking_guest *bg = &b->guests[b->guest_count++];
        bg->name = mci_strdup(mci_json_string(g, "name", ""));
        bg->email = mci_strdup(mci_json_string(g, "email", ""));
        bg->credential_id = mci_strdup(mci_json_string(g, "credential_id", ""));
        if (!bg->name || !bg->email || !bg->credential_id)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (!b->id || !b->room_id || !b->building_id || !b->order_id || !b->razorpay_key_id)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    return MC_OK;
}

static mc_status validate_request(const mc_booking_request *r, int32_t *start_min, mc_error *err)
{
    int64_t day;
    if (r == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "request is NULL");
    if (r->room_id == NULL || r->room_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "room_id is required");
    if (!mci_parse_date(r->date, &day))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date must be a real YYYY-MM-DD date");
    if (!mci_parse_hhmm(r->start, start_min) || *start_min % 60 != 0 || *start_min >= 1440)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "start must be HH:00 (blocks start on the hour)");
    if (r->hours < 1 || r->hours > MAX_HOURS)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "hours must be 1 to %d (got %d)", MAX_HOURS,
                             (int)r->hours);
    if (r->pay != MC_PAY_CREDITS && r->pay != MC_PAY_RAZORPAY)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "pay must be MC_PAY_CREDITS or MC_PAY_RAZORPAY");
    if (r->guest_count > MAX_GUESTS || (r->guest_count > 0 && r->guests == NULL))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "guests: at most %d, and not NULL",
                             MAX_GUESTS);
    for (size_t i = 0; i < r->guest_count; i++) {
        const mc_guest *g = &r->guests[i];
        long len = g->name ? mci_utf8_length(g->name) : -1;
        if (len < 1 || len > 100)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "guest %zu: name must be 1-100 characters", i + 1);
        if (!mci_email_valid(g->email))
            return mci_error_set(err, MC_ERR_INVALID_ARG, "guest %zu: email '%s' is not valid",
                                 i + 1, g->email ? g->email : "");
        for (size_t k = 0; k < i; k++)
            if (strcasecmp(r->guests[k].email, g->email) == 0)
                return mci_error_set(err, MC_ERR_INVALID_ARG,
                                     "guest %zu: email repeats guest %zu's", i + 1, k + 1);
    }
    return MC_OK;
}

/* What the room costs, where it is. */
typedef struct room_facts {
    char building_id[64];
    int32_t capacity;
    int32_t credits_per_hour;
    int64_t price_per_hour_paise;
} room_facts;

static mc_status load_room(sqlite3 *db, const char *room_id, room_facts *f, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT json_extract(data, '$.building_id'), json_extract(data, "
                           "'$.credits_per_hour'), json_extract(data, '$.price_per_hour_paise'), "
                           "json_extract(data, '$.capacity') FROM entity WHERE kind = 'room' AND "
                           "id = ?1",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the room");
    sqlite3_bind_text(stmt, 1, room_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    if (rc == SQLITE_ROW) {
        mci_strlcpy(f->building_id, mci_column_text(stmt, 0), sizeof f->building_id);
        f->credits_per_hour = sqlite3_column_int(stmt, 1);
        f->price_per_hour_paise = sqlite3_column_int64(stmt, 2);
        f->capacity = sqlite3_column_int(stmt, 3);
    } else {
        st = rc == SQLITE_DONE ? mci_error_set(err, MC_ERR_NOT_FOUND,
                                               "no room '%s' (sync to fetch rooms)", room_id)
                               : mci_store_fail(db, err, "reading the room");
    }
    sqlite3_finalize(stmt);
    return st;
}

/*
 * MC_ERR_CONFLICT for the request, naming the rule that refuses its first block that is not
 * free (the one at local minute `minute`), as a search of that one hour tells it. Lock held.
 */
static mc_status refuse_block(mc_client *c, const char *user_id, const mc_booking_request *r,
                              const room_facts *room, int32_t minute, mc_error *err)
{
    char from[16], to[16];
    snprintf(from, sizeof from, "%02d:00", (int)(minute / 60));
    snprintf(to, sizeof to, "%02d:00", (int)(minute / 60 + 1));
    mc_room_query q = {room->building_id, r->date, from, to, 0, NULL, 0};
    mc_room_search *s = NULL;
    mc_status st = mci_rooms_availability(c->db, c->stmts, user_id, &q, mci_client_now(c), &s, err);
    if (st != MC_OK)
        return st;
    mc_rule rule = MC_RULE_TAKEN;
    const char *why = "";
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->rooms[i].id, r->room_id) == 0 && s->rooms[i].why_none != MC_RULE_NONE) {
            rule = s->rooms[i].why_none;
            why = s->rooms[i].why_none_message;
        }
    st = mci_refuse(err, rule, "%s on %s at %s for %d h: %s", r->room_id, r->date, r->start,
                    (int)r->hours, why[0] ? why : "not free (search to see the free blocks)");
    mc_room_search_free(s);
    return st;
}

/*
 * The request's blocks must all be free for this member now: found in the
 * day's availability, consecutive. *start_ms gets the first block's instant.
 * MC_ERR_CONFLICT otherwise, saying why. Lock held.
 */
static mc_status check_free(mc_client *c, const char *user_id, const mc_booking_request *r,
                            const room_facts *room, int32_t start_min, int64_t *start_ms,
                            mc_error *err)
{
    int32_t end_min = start_min + 60 * r->hours;
    if (end_min > 1440)
        return mci_error_set(err, MC_ERR_CONFLICT,
                             "the booking must end by midnight: book the next day separately");
    char to[16];
    snprintf(to, sizeof to, "%02d:00", (int)(end_min / 60));
    mc_room_query q = {room->building_id, r->date, r->start, to, 0, NULL, 0};
    mc_room_search *s = NULL;
    mc_status st = mci_rooms_availability(c->db, c->stmts, user_id, &q, mci_client_now(c), &s, err);
    if (st != MC_OK)
        return st;
    const mc_room *found = NULL;
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->rooms[i].id, r->room_id) == 0)
            found = &s->rooms[i];
    int32_t ok = 0;
    for (size_t i = 0; found != NULL && i < found->free_count; i++) {
        const mc_slot *slot = &found->free[i];
        if (slot->local_minute == start_min + 60 * ok &&
            (ok == 0 || slot->start_ms == *start_ms + 3600000LL * ok)) {
            if (ok == 0)
                *start_ms = slot->start_ms;
            ok++;
        }
    }
    mc_room_search_free(s);
    if (ok < r->hours)
        return refuse_block(c, user_id, r, room, start_min + 60 * ok, err);
    return MC_OK;
}

int32_t mci_booking_pending_debit(mci_stmt_cache *stmts, const char *user_id)
{
    /* queued desk days paid with credits come off the same balance (desks/, read by SQL) */
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        stmts, "SELECT (SELECT coalesce(sum(p.credits), 0) FROM pending_booking p CROSS JOIN "
               "outbox o ON o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND o.state IN "
               "(0, 1, 3)) + (SELECT coalesce(sum(p.credits), 0) FROM pending_desk_booking p "
               "CROSS JOIN outbox o ON o.mutation_id = p.mutation_id WHERE p.user_id = ?1 AND "
               "o.state IN (0, 1, 3))");
    int32_t total = 0;
    if (stmt != NULL) {
        sqlite3_bind_text(stmt, 1, user_id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            total = sqlite3_column_int(stmt, 0);
        sqlite3_reset(stmt);
    }
    return total;
}

static mc_status check_credits(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                               int32_t cost, mc_error *err)
{
    mc_account *account = NULL;
    mc_status st = mci_account_load(db, &account, err);
    if (st != MC_OK)
        return st == MC_ERR_NOT_FOUND
                   ? mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in")
                   : st;
    sqlite3_stmt *stmt = NULL;
    int64_t balance = -1;
    if (account->company_id[0] != '\0' &&
        sqlite3_prepare_v2(db,
                           "SELECT json_extract(data, '$.credit_balance') FROM entity WHERE "
                           "kind = 'company' AND id = ?1",
                           -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, account->company_id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            balance = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    if (balance < 0)
        st = mci_error_set(err, MC_ERR_FORBIDDEN,
                           "paying with credits needs a company credit plan (sync first if you "
                           "have one); pay with Razorpay instead");
    else if (balance - mci_booking_pending_debit(stmts, user_id) < cost)
        st = mci_error_set(err, MC_ERR_INSUFFICIENT_CREDITS,
                           "this booking needs %d credits; %lld are left this month", (int)cost,
                           (long long)(balance - mci_booking_pending_debit(stmts, user_id)));
    mc_account_free(account);
    return st;
}

static cJSON *guests_json(const mc_booking_request *r)
{
    cJSON *guests = cJSON_CreateArray();
    for (size_t i = 0; guests != NULL && i < r->guest_count; i++) {
        cJSON *g = cJSON_CreateObject();
        if (g == NULL || !cJSON_AddItemToArray(guests, g) ||
            !cJSON_AddStringToObject(g, "name", r->guests[i].name) ||
            !cJSON_AddStringToObject(g, "email", r->guests[i].email)) {
            cJSON_Delete(guests);
            return NULL;
        }
    }
    return guests;
}

/* The request as the wire wants it (booking_id, room_id, start_ms, hours, guests). */
static cJSON *request_json(const char *booking_id, const mc_booking_request *r, int64_t start_ms)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *guests = guests_json(r);
    if (body == NULL || guests == NULL ||
        !cJSON_AddStringToObject(body, "booking_id", booking_id) ||
        !cJSON_AddStringToObject(body, "room_id", r->room_id) ||
        !cJSON_AddNumberToObject(body, "start_ms", (double)start_ms) ||
        !cJSON_AddNumberToObject(body, "hours", r->hours)) {
        cJSON_Delete(body);
        cJSON_Delete(guests);
        return NULL;
    }
    cJSON_AddItemToObject(body, "guests", guests);
    return body;
}

typedef struct create_args {
    const mc_booking_request *request;
    int32_t start_min;
    char booking_id[MCI_UUID_STR_LEN];
    int64_t start_ms;
    room_facts room;
    cJSON *payload; /* out: what was queued / is to be sent */
} create_args;

/* The checks of both payment kinds; credits also queue (an mci_write_fn). */
/* The typed row of a queued credit booking (same transaction as its outbox row, and
 * deleted with it: ON DELETE CASCADE), which lists and the pending debit read. */
static mc_status record_pending(mc_client *c, int64_t mutation_id, const char *booking_id,
                                const char *user_id, int64_t start_ms, int64_t end_ms,
                                int32_t credits, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        c->stmts, "INSERT INTO pending_booking (mutation_id, booking_id, user_id, start_ms, "
                  "end_ms, credits) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "recording the pending booking");
    sqlite3_bind_int64(stmt, 1, mutation_id);
    sqlite3_bind_text(stmt, 2, booking_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, start_ms);
    sqlite3_bind_int64(stmt, 5, end_ms);
    sqlite3_bind_int(stmt, 6, credits);
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(c->db, err, "recording the pending booking");
    sqlite3_reset(stmt);
    return st;
}

/* An on-demand user (no company in the account) paying per use books at most
 * ON_DEMAND_HOURS_MAX hours: MC_ERR_CONFLICT with MC_RULE_TOO_LONG otherwise. */
static mc_status check_on_demand_hours(sqlite3 *db, const mc_booking_request *r, mc_error *err)
{
    if (r->pay != MC_PAY_RAZORPAY || r->hours <= ON_DEMAND_HOURS_MAX)
        return MC_OK;
    mc_account *account = NULL;
    mc_status st = mci_account_load(db, &account, err);
    if (st != MC_OK)
        return st == MC_ERR_NOT_FOUND
                   ? mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in")
                   : st;
    bool on_demand = account->company_id[0] == '\0';
    mc_account_free(account);
    if (!on_demand)
        return MC_OK;
    return mci_refuse(err, MC_RULE_TOO_LONG,
                      "a pay-per-use booking is at most %d hours (the on-demand limit); %d were "
                      "asked: book the rest separately",
                      ON_DEMAND_HOURS_MAX, (int)r->hours);
}

static mc_status create_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                                mc_error *err)
{
    create_args *a = arg;
    const mc_booking_request *r = a->request;
    mc_status st = load_room(c->db, r->room_id, &a->room, err);
    if (st == MC_OK && a->room.capacity > 0 && (int32_t)r->guest_count > a->room.capacity - 1)
        st = mci_error_set(err, MC_ERR_INVALID_ARG,
                           "guests: %s seats %d, so at most %d guests besides you", r->room_id,
                           (int)a->room.capacity, (int)a->room.capacity - 1);
    if (st == MC_OK)
        st = check_on_demand_hours(c->db, r, err);
    if (st == MC_OK)
        st = check_free(c, user_id, r, &a->room, a->start_min, &a->start_ms, err);
    int32_t cost = a->room.credits_per_hour * r->hours;
    if (st == MC_OK && r->pay == MC_PAY_CREDITS)
        st = check_credits(c->db, c->stmts, user_id, cost, err);
    if (st == MC_OK) {
        uint8_t raw[16];
        st = mci_client_random(c, raw, sizeof raw, err);
        mci_uuid_format(raw, a->booking_id);
    }
    if (st == MC_OK && (a->payload = request_json(a->booking_id, r, a->start_ms)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        cJSON_AddStringToObject(a->payload, "building_id", a->room.building_id);
    if (st == MC_OK && r->pay == MC_PAY_CREDITS) {
        cJSON_AddStringToObject(a->payload, "pay", "credits");
        cJSON_AddNumberToObject(a->payload, "credits", cost);
        int64_t mutation_id = 0;
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_BOOKING_CREATE, a->booking_id, a->payload,
                                &mutation_id, err);
        if (st == MC_OK)
            st = record_pending(c, mutation_id, a->booking_id, user_id, a->start_ms,
                                a->start_ms + 3600000LL * r->hours, cost, err);
        *queued = st == MC_OK;
    }
    return st;
}

/* A booking's start and end in its building's local time (an mci_localize_fn). */
static mc_status localize(mci_zone_book *book, void *item, mc_error *err)
{
    mc_booking *b = item;
    mc_status st = mci_zone_book_local(book, b->building_id, b->start_ms, &b->start, err);
    return st == MC_OK ? mci_zone_book_local(book, b->building_id, b->end_ms, &b->end, err) : st;
}

/* A booking for the caller from a reservation object. */
static mc_status hand_out(mc_client *c, const cJSON *reservation, const cJSON *order, bool pending,
                          mc_booking **out, mc_error *err)
{
    if (out == NULL)
        return MC_OK;
    mc_booking *b = calloc(1, sizeof *b);
    if (b == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_status st = booking_from_json(reservation, b, err);
    if (st == MC_OK && order != NULL) {
        free(b->order_id);
        free(b->razorpay_key_id);
        b->order_id = mci_strdup(mci_json_string(order, "id", ""));
        b->razorpay_key_id = mci_strdup(mci_json_string(order, "key_id", ""));
        b->amount = mci_money_of(mci_json_int(order, "amount_paise", b->amount.minor),
                                 mci_json_string(order, "currency", b->amount.currency));
        if (!b->order_id || !b->razorpay_key_id)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    b->pending = pending;
    if (st == MC_OK)
        st = mci_local_time_in(c, b->building_id, b->start_ms, &b->start, err);
    if (st == MC_OK)
        st = mci_local_time_in(c, b->building_id, b->end_ms, &b->end, err);
    if (st != MC_OK) {
        mc_booking_free(b);
        return st;
    }
    *out = b;
    return MC_OK;
}

/* POST an online booking call and hand out the reservation it answers with. */
static mc_status online(mc_client *c, const char *path, const cJSON *body, mc_booking **out,
                        mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    cJSON *answer = NULL;
    if (st == MC_OK)
        st = mci_http_call(&c->http, "POST", path, body, token, &answer, err);
    memset(token, 0, sizeof token);
    const cJSON *reservation = cJSON_GetObjectItemCaseSensitive(answer, "reservation");
    if (st == MC_OK && !cJSON_IsObject(reservation))
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer has no reservation");
    if (st == MC_OK)
        st = hand_out(c, reservation, cJSON_GetObjectItemCaseSensitive(answer, "order"), false, out,
                      err);
    cJSON_Delete(answer);
    if (st == MC_OK) {
        /* Online anyway: bring the hold and the reservation into the local store
         * now, so search and the list agree with the server at once. A failure
         * here changes nothing about the booking; the next sync catches up. */
        mc_sync_once(c, NULL, NULL);
    }
    return st;
}

mc_status mc_booking_create(mc_client *c, const mc_booking_request *request, mc_booking **out,
                            mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    create_args a = {.request = request};
    mc_status st = validate_request(request, &a.start_min, err);
    if (st != MC_OK)
        return st;
    st = mci_sync_write(c, create_locally, &a, MC_KIND_RESERVATION | MC_KIND_ROOM_BUSY, err);
    if (st == MC_OK && request->pay == MC_PAY_CREDITS) {
        st = hand_out(c, a.payload, NULL, true, out, err);
    } else if (st == MC_OK) {
        st = online(c, "/v1/bookings", a.payload, out, err);
    }
    cJSON_Delete(a.payload);
    return st;
}

mc_status mc_booking_confirm_payment(mc_client *c, const char *booking_id, const char *order_id,
                                     const char *payment_id, const char *signature,
                                     mc_booking **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    const char *fields[] = {"booking_id", "order_id", "payment_id", "signature"};
    const char *values[] = {booking_id, order_id, payment_id, signature};
    for (int i = 0; i < 4; i++)
        if (values[i] == NULL || values[i][0] == '\0' || strlen(values[i]) > 200)
            return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required (at most 200 bytes)",
                                 fields[i]);
    cJSON *body = cJSON_CreateObject();
    for (int i = 0; body != NULL && i < 4; i++)
        if (!cJSON_AddStringToObject(body, fields[i], values[i])) {
            cJSON_Delete(body);
            body = NULL;
        }
    if (body == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_booking *confirmed = NULL;
    mc_status st = online(c, "/v1/payments/razorpay/confirm", body, &confirmed, err);
    cJSON_Delete(body);
    if (st == MC_OK && strcmp(confirmed->id, booking_id) != 0)
        st = mci_error_set(err, MC_ERR_INVALID_ARG,
                           "order %s belongs to booking %s, not %s (its payment is confirmed)",
                           order_id, confirmed->id, booking_id);
    if (st == MC_OK && out != NULL)
        *out = confirmed;
    else
        mc_booking_free(confirmed);
    return st;
}

/* ---- Listing ------------------------------------------------------------------- */

/* The member's bookings ending after ?5, soonest first: server truth paged through
 * booking_row's index, and credit bookings queued here not yet in it (pending_booking);
 * ?1 ?2 the cursor (start_ms, id), ?3 the fetch limit, ?4 the member. Columns: 2 a pending
 * creation's payload (NULL for server truth), 3 whether it is a pending creation, 4 whether
 * a cancellation is waiting, 5 and on BOOKING_COLUMNS (NULL for a pending creation). A
 * booking ending after ?5 starts after ?5 less the longest booking's length
 * (booking_row_by_length finds it), so the first page seeks there on the start index. */
#define BOOKING_COLUMNS                                                                            \
    "b.room_id, b.building_id, b.end_ms, b.status, b.paid_by, b.credits, b.amount_paise, "         \
    "b.order_id, b.key_id, b.guest_count, b.currency, b.paid_at_ms"
static const mci_list_query bookings_query = {
    "SELECT * FROM (SELECT b.start_ms, b.id, NULL, 0, EXISTS (SELECT 1 FROM outbox o WHERE "
    "o.kind = 'booking.cancel' AND o.entity_id = b.id AND o.user_id = ?4 AND "
    "o.state IN (0, 1, 3)), " BOOKING_COLUMNS " FROM booking_row b "
    "WHERE b.end_ms > ?5 AND (b.start_ms, b.id) > (max(?1, coalesce(?5 - (SELECT "
    "max(end_ms - start_ms) FROM booking_row), ?1)), ?2) "
    "ORDER BY b.start_ms, b.id LIMIT ?3) "
    "UNION ALL SELECT p.start_ms, p.booking_id, o.payload, 1, EXISTS (SELECT 1 FROM outbox x "
    "WHERE x.kind = 'booking.cancel' AND x.entity_id = p.booking_id AND x.user_id = ?4 AND "
    "x.state IN (0, 1, 3)), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL "
    "FROM pending_booking p CROSS JOIN outbox o ON "
    "o.mutation_id = p.mutation_id WHERE p.user_id = ?4 AND o.state IN (0, 1, 3) AND "
    "NOT EXISTS (SELECT 1 FROM booking_row b WHERE b.id = p.booking_id) AND p.end_ms > ?5 "
    "AND (p.start_ms, p.booking_id) > (?1, ?2) ORDER BY 1, 2 LIMIT ?3",
    "reading bookings", MCI_KEY_INT_ASC};

/* The guests of the server bookings from (?1, ?2) to (?3, ?4) ending after ?5, grouped by
 * booking in the list's order: one range of booking_row's index joined to each booking's
 * guests by key. Each guest goes to its position (ordering by it would cost a sort). */
static const char page_guests_sql[] =
    "SELECT g.booking_id, g.position, g.name, g.email, g.credential_id "
    "FROM booking_row b JOIN booking_guest_row g ON g.booking_id = b.id "
    "WHERE (b.start_ms, b.id) >= (?1, ?2) AND (b.start_ms, b.id) <= (?3, ?4) AND b.end_ms > ?5 "
    "ORDER BY b.start_ms, b.id";

typedef struct bookings_args {
    const char *user_id;
    int64_t from_ms;
} bookings_args;

static void bind_bookings(sqlite3_stmt *stmt, void *context)
{
    const bookings_args *a = context;
    sqlite3_bind_text(stmt, 4, a->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, a->from_ms);
}

/* A server booking from its typed row (columns 0, 1 and 5 on), without its guests (room
 * for guest_count of them, filled by read_page_guests). */
static bool booking_from_row(sqlite3_stmt *row, mc_booking *b)
{
    memset(b, 0, sizeof *b);
    b->start_ms = sqlite3_column_int64(row, 0);
    b->id = mci_strdup(mci_column_text(row, 1));
    b->room_id = mci_strdup(mci_column_text(row, 5));
    b->building_id = mci_strdup(mci_column_text(row, 6));
    b->end_ms = sqlite3_column_int64(row, 7);
    b->status = status_from_name(mci_column_text(row, 8));
    b->paid_by =
        strcmp(mci_column_text(row, 9), "razorpay") == 0 ? MC_PAY_RAZORPAY : MC_PAY_CREDITS;
    b->credits = (int32_t)sqlite3_column_int64(row, 10);
    b->amount = mci_money_of(sqlite3_column_int64(row, 11), mci_column_text(row, 15));
    /* the reservation's paid_at_ms (0: never paid) */
    b->paid = b->paid_by == MC_PAY_RAZORPAY && sqlite3_column_int64(row, 16) > 0;
    b->order_id = mci_strdup(mci_column_text(row, 12));
    b->razorpay_key_id = mci_strdup(mci_column_text(row, 13));
    sqlite3_int64 guests = sqlite3_column_int64(row, 14);
    if (guests > 0 && (b->guests = calloc((size_t)guests, sizeof *b->guests)) != NULL)
        b->guest_count = (size_t)guests;
    return b->id && b->room_id && b->building_id && b->order_id && b->razorpay_key_id &&
           (guests <= 0 || b->guests != NULL);
}

/* A page's row (an mci_row_fn), with a pending cancellation layered on. */
static bool read_booking_row(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    mc_booking *b = item;
    bool ok;
    if (sqlite3_column_type(row, 2) == SQLITE_NULL)
        ok = booking_from_row(row, b);
    else {
        cJSON *json = cJSON_Parse(mci_column_text(row, 2));
        ok = booking_from_json(json, b, NULL) == MC_OK;
        cJSON_Delete(json);
    }
    b->pending = sqlite3_column_int(row, 3) != 0;
    if (sqlite3_column_int(row, 4) != 0) { /* a cancellation is waiting */
        b->status = MC_BOOKING_CANCELLED;
        b->pending = true;
    }
    return ok;
}

/* Whether every guest of the list's bookings was read. */
static bool guests_complete(const mc_booking_list *list)
{
    for (size_t k = 0; k < list->count; k++)
        for (size_t i = 0; i < list->items[k].guest_count; i++)
            if (list->items[k].guests[i].name == NULL)
                return false;
    return true;
}

/* Fill the guest at row into its place; false when out of memory. */
static bool read_guest(sqlite3_stmt *row, mc_booking_guest *guest)
{
    guest->name = mci_strdup(mci_column_text(row, 2));
    guest->email = mci_strdup(mci_column_text(row, 3));
    guest->credential_id = mci_strdup(mci_column_text(row, 4));
    return guest->name && guest->email && guest->credential_id;
}

/* The guests of the list's server bookings, walked beside them (both in the list's order;
 * a pending creation's guests came with its payload and are never in booking_guest_row). */
static mc_status read_page_guests(mci_reader *r, int64_t from_ms, mc_booking_list *list,
                                  mc_error *err)
{
    if (list->count == 0)
        return MC_OK;
    const char *doing = "reading booking guests";
    sqlite3_stmt *stmt = mci_read_stmt(r, page_guests_sql, doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    const mc_booking *first = &list->items[0], *last = &list->items[list->count - 1];
    sqlite3_bind_int64(stmt, 1, first->start_ms);
    sqlite3_bind_text(stmt, 2, first->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, last->start_ms);
    sqlite3_bind_text(stmt, 4, last->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, from_ms);
    size_t k = 0;
    mc_status st = MC_OK;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *booking_id = mci_column_text(stmt, 0);
        while (k < list->count && strcmp(list->items[k].id, booking_id) != 0)
            k++;
        sqlite3_int64 position = sqlite3_column_int64(stmt, 1);
        mc_booking *b = k < list->count ? &list->items[k] : NULL;
        if (b == NULL || position < 0 || (size_t)position >= b->guest_count ||
            b->guests[position].name != NULL)
            st = mci_error_set(err, MC_ERR_STORAGE, "%s: guest %lld of booking %s is out of place",
                               doing, (long long)position, booking_id);
        else if (!read_guest(stmt, &b->guests[position]))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, doing, err);
    sqlite3_reset(stmt);
    if (st == MC_OK && !guests_complete(list))
        st = mci_error_set(err, MC_ERR_STORAGE, "%s: a booking's guests are missing", doing);
    return st;
}

/* A page of reader's member's bookings into list (a reader's connection, or the writer's
 * under the client lock wrapped as one): one indexed query, then one for the page's guests. */
mc_status mci_bookings_read(mci_reader *r, int64_t from_ms, const mci_page *page,
                            mc_booking_list *list, mc_error *err)
{
    bookings_args args = {r->user_id, from_ms};
    mc_status st = mci_read_rows(r, &bookings_query, page, bind_bookings, read_booking_row, &args,
                                 (void **)&list->items, sizeof *list->items, &list->count,
                                 &list->next_cursor, err);
    if (st == MC_OK)
        st = read_page_guests(r, from_ms, list, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                localize, err);
    return st;
}

/* args: the int64_t from_ms. */
static mc_status list_bookings(mc_client *c, const void *args, const mci_page *page, void **out,
                               mc_error *err)
{
    int64_t from_ms = *(const int64_t *)args;
    mc_booking_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_bookings_read(r, from_ms, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_booking_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_bookings_page(mc_client *c, int64_t from_ms, const mc_page *page,
                           mc_booking_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_bookings, &from_ms, (void **)out, err);
}

mc_status mc_bookings_list(mc_client *c, int64_t from_ms, mc_booking_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_bookings, &from_ms, (void **)out, err);
}

/* ---- Cancelling ----------------------------------------------------------------- */

typedef struct cancel_args {
    const char *booking_id;
    mc_booking *cancelled; /* the booking as now shown, when the caller wants it */
    bool want_booking;
} cancel_args;

static mc_status queue_cancel(mc_client *c, const char *user_id, void *arg, bool *queued,
                              mc_error *err)
{
    cancel_args *args = arg;
    const char *booking_id = args->booking_id;
    mc_booking_list list = {0};
    mci_page all;
    mci_page_all(&all);
    mci_reader writer = {c->db, c->stmts, (char *)user_id}; /* under the client lock */
    mc_status st = mci_bookings_read(&writer, 0, &all, &list, err);
    mc_booking *found = NULL;
    for (size_t i = 0; st == MC_OK && i < list.count; i++)
        if (strcmp(list.items[i].id, booking_id) == 0)
            found = &list.items[i];
    if (st == MC_OK && found == NULL)
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "no booking '%s'", booking_id);
    else if (st == MC_OK && found->status == MC_BOOKING_CANCELLED)
        st = found->pending ? MC_OK /* already being cancelled */
                            : mci_error_set(err, MC_ERR_STATE, "booking '%s' is already cancelled",
                                            booking_id);
    else if (st == MC_OK && found->status == MC_BOOKING_EXPIRED)
        st = mci_error_set(
            err, MC_ERR_STATE,
            "booking '%s' expired unpaid (its payment hold lapsed): nothing to cancel", booking_id);
    else if (st == MC_OK && found->end_ms <= mci_client_now(c))
        st = mci_error_set(err, MC_ERR_STATE, "booking '%s' is over", booking_id);
    else if (st == MC_OK) {
        cJSON *payload = cJSON_CreateObject();
        if (payload == NULL || !cJSON_AddStringToObject(payload, "booking_id", booking_id))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        if (st == MC_OK)
            st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_BOOKING_CANCEL, booking_id, payload,
                                    NULL, err);
        cJSON_Delete(payload);
        *queued = st == MC_OK;
    }
    if (st == MC_OK && args->want_booking) { /* hand the row over, shown as cancelled */
        if ((args->cancelled = malloc(sizeof *args->cancelled)) == NULL)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        else {
            *args->cancelled = *found;
            args->cancelled->status = MC_BOOKING_CANCELLED;
            args->cancelled->pending = true;
            memset(found, 0, sizeof *found);
        }
    }
    for (size_t i = 0; i < list.count; i++)
        booking_clear(&list.items[i]);
    free(list.items);
    return st;
}

mc_status mc_booking_cancel(mc_client *c, const char *booking_id, mc_booking **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (booking_id == NULL || booking_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "booking_id is required");
    cancel_args args = {.booking_id = booking_id, .want_booking = out != NULL};
    mc_status st =
        mci_sync_write(c, queue_cancel, &args, MC_KIND_RESERVATION | MC_KIND_ROOM_BUSY, err);
    if (st == MC_OK && out != NULL)
        *out = args.cancelled;
    else
        mc_booking_free(args.cancelled);
    return st;
}
