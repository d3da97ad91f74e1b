/*
 * desks/bookings.c - booking, paying for and cancelling a desk day.
 *
 * Plan and credits bookings and every cancellation are local writes through the outbox
 * (offline; the server confirms or refuses on sync, and a refusal rolls the booking back).
 * Razorpay bookings are online: the server holds the desk and opens an order; only its
 * signature check confirms the payment. Every local check runs first, for instant words.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/session.h"
#include "desks/booking.h"
#include "desks/rules.h"
#include "desks/site.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/sync.h"
#include "net/http.h"
#include "rules/localtime.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/* What a local write changes on screen: the booking, the desk's day, and what is left to pay
 * with (the company's credits, the membership's desk days, less what is queued). */
#define DESK_KINDS (MC_KIND_DESK_BOOKING | MC_KIND_DESK_BUSY | MC_KIND_COMPANY | MC_KIND_MEMBERSHIP)

static bool id_ok(const char *id)
{
    size_t n = id != NULL ? strlen(id) : 0;
    if (n == 0 || n >= MC_DESK_BOOKING_ID_CAP)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

/* ---- booking ------------------------------------------------------------------------------ */

typedef struct book_args {
    const char *desk_id;
    const char *date;
    int64_t day;
    mc_desk_payment pay;
    char booking_id[MCI_UUID_STR_LEN];
    cJSON *payload; /* out: what was queued / is to be sent */
} book_args;

static const char desk_sql[] =
    "SELECT id, building_id, name, area, features, kind, mine FROM desk_row WHERE id = ?1";

static mc_status load_desk(mci_reader *w, const char *desk_id, mc_desk *out, mc_error *err)
{
    const char *doing = "reading the desk";
    sqlite3_stmt *stmt = mci_read_stmt(w, desk_sql, doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, desk_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    mc_status st = MC_OK;
    if (rc == SQLITE_ROW && !mci_desk_of_row(stmt, 0, out))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
    else if (rc == SQLITE_DONE)
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "no desk '%.*s' (sync to fetch desks)",
                           (int)mci_utf8_prefix(desk_id, 64), desk_id);
    else if (rc != SQLITE_ROW)
        st = mci_read_fail(w, doing, err);
    sqlite3_reset(stmt);
    return st;
}

static const char held_sql[] =
    "SELECT 1 FROM desk_busy_row WHERE building_id = ?1 AND date = ?2 AND desk_id = ?3";

/* The member's booking that holds a desk on date, into desk (cap bytes; "" when none). */
static mc_status own_booking_on(mci_reader *w, const char *date, char *desk, size_t cap,
                                mc_error *err)
{
    desk[0] = '\0';
    mc_desk_booking_list list = {0};
    mci_page all;
    mci_page_all(&all);
    mc_status st = mci_desk_bookings_read(w, date, &all, &list, err);
    for (size_t i = 0; st == MC_OK && i < list.count && desk[0] == '\0'; i++)
        if (strcmp(list.items[i].date, date) == 0 && mci_desk_booking_holds(list.items[i].status))
            mci_strlcpy(desk, list.items[i].desk_id, cap);
    for (size_t i = 0; i < list.count; i++)
        mci_desk_booking_clear(&list.items[i]);
    free(list.items);
    free(list.next_cursor);
    return st;
}

/* The checks of how the member pays. */
static mc_status check_means(const book_args *a, const mci_desk_means *m, const mci_desk_site *site,
                             mc_error *err)
{
    if (a->pay == MC_DESK_PAY_PLAN && m->allowance <= 0)
        return mci_error_set(err, MC_ERR_FORBIDDEN,
                             "your plan has no desk days (no_plan_desk_days): pay with credits or "
                             "by card");
    if (a->pay == MC_DESK_PAY_PLAN && m->desk_days_left < 1)
        return mci_error_set(err, MC_ERR_INSUFFICIENT_CREDITS,
                             "no desk days left this month (your plan has %d): pay with credits "
                             "or by card",
                             (int)m->allowance);
    if (a->pay == MC_DESK_PAY_CREDITS && (m->company_id[0] == '\0' || m->credits_left < 0))
        return mci_error_set(err, MC_ERR_FORBIDDEN,
                             "paying with credits needs a company credit plan (no_company; sync "
                             "first if you have one): pay with your plan's desk days or by card");
    if (a->pay == MC_DESK_PAY_CREDITS && m->credits_left < site->day_credits)
        return mci_error_set(err, MC_ERR_INSUFFICIENT_CREDITS,
                             "a desk day at %s needs %d credits; %lld are left this month",
                             site->building->id, (int)site->day_credits,
                             (long long)m->credits_left);
    return MC_OK;
}

/* Every local check of a booking of desk d, in the server's order: the holder (no desk of
 * their own, one desk a day, the desk free that day), then the date, then the payment. */
static mc_status check_booking(mc_client *c, mci_reader *w, const book_args *a, const mc_desk *d,
                               const mci_desk_site *site, mc_error *err)
{
    mci_desk_means means;
    char month[8];
    snprintf(month, sizeof month, "%.7s", a->date);
    mc_status st = mci_desk_means_load(w->db, w->stmts, w->user_id, month, &means, err);
    if (st != MC_OK)
        return st;
    if (d->kind == MC_DESK_DEDICATED && !d->mine) /* as the server: not there for others */
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no desk '%.*s' (sync to fetch desks)",
                             (int)mci_utf8_prefix(d->id, 64), d->id);
    if (means.dedicated_desk[0] != '\0')
        return mci_error_set(err, MC_ERR_FORBIDDEN,
                             "you have your own desk, %s (has_dedicated_desk): hot desks are for "
                             "members without one",
                             means.dedicated_desk);
    char label[MC_ZONE_LABEL_MAX], words[MC_ERROR_MESSAGE_MAX], own[128];
    mci_desk_day_facts facts;
    mci_desk_site_day(site, a->date, a->day, mci_client_now(c), label, sizeof label, &facts);
    if ((st = own_booking_on(w, a->date, own, sizeof own, err)) != MC_OK)
        return st;
    mc_rule rule = own[0] != '\0' ? MC_RULE_ALREADY_BOOKED : MC_RULE_NONE;
    if (rule == MC_RULE_NONE) {
        sqlite3_stmt *stmt = mci_read_stmt(w, held_sql, "reading held desks", err);
        if (stmt == NULL)
            return MC_ERR_STORAGE;
        sqlite3_bind_text(stmt, 1, d->building_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, a->date, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, d->id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            rule = MC_RULE_TAKEN;
        sqlite3_reset(stmt);
    }
    if (rule == MC_RULE_NONE)
        rule = mci_desk_day_rule(&facts);
    if (rule != MC_RULE_NONE) {
        mci_desk_rule_words(rule, &facts, rule == MC_RULE_ALREADY_BOOKED ? own : d->id, words,
                            sizeof words);
        return mci_refuse(err, rule, "%s", words);
    }
    return a->pay == MC_DESK_PAY_RAZORPAY ? MC_OK : check_means(a, &means, site, err);
}

/* The typed row of a queued desk.book (deleted with its outbox row: ON DELETE CASCADE). */
static mc_status record_pending(mc_client *c, int64_t mutation_id, const char *user_id,
                                const book_args *a, const mc_desk *d, int32_t credits,
                                mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        c->stmts, "INSERT INTO pending_desk_booking (mutation_id, booking_id, user_id, desk_id, "
                  "building_id, date, paid_by, credits, desk_days, created_at_ms) VALUES (?1, ?2, "
                  "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "recording the pending desk booking");
    sqlite3_bind_int64(stmt, 1, mutation_id);
    sqlite3_bind_text(stmt, 2, a->booking_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, d->building_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, a->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 7, mc_desk_payment_name(a->pay), -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 8, credits);
    sqlite3_bind_int(stmt, 9, a->pay == MC_DESK_PAY_PLAN ? 1 : 0);
    sqlite3_bind_int64(stmt, 10, mci_client_now(c));
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(c->db, err, "recording the pending desk booking");
    sqlite3_reset(stmt);
    return st;
}

/* The checks; plan and credits also queue (an mci_write_fn). */
static mc_status book_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                              mc_error *err)
{
    book_args *a = arg;
    mci_reader w = {c->db, c->stmts, (char *)user_id}; /* under the client lock */
    mc_desk d;
    memset(&d, 0, sizeof d);
    mci_desk_site site = {0};
    mc_status st = load_desk(&w, a->desk_id, &d, err);
    if (st == MC_OK)
        st = mci_desk_site_load(c->db, c->stmts, d.building_id, &site, err);
    if (st == MC_OK)
        st = check_booking(c, &w, a, &d, &site, err);
    if (st == MC_OK) {
        uint8_t raw[16];
        st = mci_client_random(c, raw, sizeof raw, err);
        mci_uuid_format(raw, a->booking_id);
    }
    if (st == MC_OK && ((a->payload = cJSON_CreateObject()) == NULL ||
                        !cJSON_AddStringToObject(a->payload, "booking_id", a->booking_id) ||
                        !cJSON_AddStringToObject(a->payload, "desk_id", d.id) ||
                        !cJSON_AddStringToObject(a->payload, "date", a->date)))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK && a->pay != MC_DESK_PAY_RAZORPAY) {
        int32_t credits = a->pay == MC_DESK_PAY_CREDITS ? site.day_credits : 0;
        int64_t mutation_id = 0;
        if (!cJSON_AddStringToObject(a->payload, "pay", mc_desk_payment_name(a->pay)))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        if (st == MC_OK)
            st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_DESK_BOOK, a->booking_id, a->payload,
                                    &mutation_id, err);
        if (st == MC_OK)
            st = record_pending(c, mutation_id, user_id, a, &d, credits, err);
        *queued = st == MC_OK;
    }
    mci_desk_clear(&d);
    mci_desk_site_free(&site);
    return st;
}

/* The server's desk booking as handed out when this device has not synced it yet. */
static mc_status from_answer(const cJSON *b, const cJSON *order, mc_desk_booking **out,
                             mc_error *err)
{
    mc_desk_booking *x = calloc(1, sizeof *x);
    if (x == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    x->id = mci_strdup(mci_json_string(b, "id", ""));
    x->desk_id = mci_strdup(mci_json_string(b, "desk_id", ""));
    x->desk_name = mci_strdup("");
    x->area = mci_strdup("");
    x->building_id = mci_strdup(mci_json_string(b, "building_id", ""));
    x->date = mci_strdup(mci_json_string(b, "date", ""));
    x->status = strcmp(mci_json_string(b, "status", ""), "confirmed") == 0
                    ? MC_DESK_BOOKING_CONFIRMED
                    : MC_DESK_BOOKING_PENDING_PAYMENT;
    x->paid_by = MC_DESK_PAY_RAZORPAY;
    x->amount =
        mci_money_of(mci_json_int(order, "amount_paise", mci_json_int(b, "amount_paise", 0)),
                     mci_json_string(order, "currency", mci_json_string(b, "currency", "INR")));
    x->order_id = mci_strdup(mci_json_string(order, "id", mci_json_string(b, "order_id", "")));
    x->razorpay_key_id =
        mci_strdup(mci_json_string(order, "key_id", mci_json_string(b, "key_id", "")));
    x->credential_id = mci_strdup(mci_json_string(b, "credential_id", ""));
    if (!x->id || !x->desk_id || !x->desk_name || !x->area || !x->building_id || !x->date ||
        !x->order_id || !x->razorpay_key_id || !x->credential_id) {
        mc_desk_booking_free(x);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    *out = x;
    return MC_OK;
}

/* POST an online desk call, sync, and hand out the booking as the store now shows it (as
 * the answer gave it when the sync could not bring it). */
static mc_status online(mc_client *c, const char *path, const cJSON *body, const char *booking_id,
                        mc_desk_booking **out, mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    cJSON *answer = NULL;
    if (st == MC_OK)
        st = mci_http_call(&c->http, "POST", path, body, token, &answer, err);
    memset(token, 0, sizeof token);
    const cJSON *booking = cJSON_GetObjectItemCaseSensitive(answer, "desk_booking");
    if (st == MC_OK && !cJSON_IsObject(booking))
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer has no desk_booking");
    const char *answered = mci_json_string(booking, "id", "");
    if (st == MC_OK && strcmp(answered, booking_id) != 0)
        st = mci_error_set(err, MC_ERR_SERVER, "the server answered for desk booking '%.*s'",
                           (int)mci_utf8_prefix(answered, 64), answered);
    if (st == MC_OK) {
        /* Online anyway: bring the hold (or the confirmation, its credential) here now, so
         * search and the list agree with the server at once; the next sync catches up
         * otherwise. */
        mc_sync_once(c, NULL, NULL);
        mc_error quiet = MC_ERROR_INIT;
        mc_desk_booking *here = NULL;
        if (out != NULL && mci_desk_booking_get(c, booking_id, &here, &quiet) == MC_OK) {
            const cJSON *order = cJSON_GetObjectItemCaseSensitive(answer, "order");
            if (cJSON_IsObject(order) &&
                (here->order_id[0] == '\0' || here->razorpay_key_id[0] == '\0')) {
                free(here->order_id);
                free(here->razorpay_key_id);
                here->order_id = mci_strdup(mci_json_string(order, "id", ""));
                here->razorpay_key_id = mci_strdup(mci_json_string(order, "key_id", ""));
            }
            *out = here;
        } else if (out != NULL) {
            st = from_answer(booking, cJSON_GetObjectItemCaseSensitive(answer, "order"), out, err);
        }
    }
    cJSON_Delete(answer);
    return st;
}

mc_status mc_desk_book(mc_client *c, const char *desk_id, const char *date, mc_desk_payment pay,
                       mc_desk_booking **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    book_args a = {.desk_id = desk_id, .date = date, .pay = pay};
    if (desk_id == NULL || desk_id[0] == '\0' || strlen(desk_id) > 64)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "desk_id is required (at most 64 bytes)");
    if (date == NULL || !mci_parse_date(date, &a.day))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date must be a real YYYY-MM-DD date");
    if (pay != MC_DESK_PAY_PLAN && pay != MC_DESK_PAY_CREDITS && pay != MC_DESK_PAY_RAZORPAY)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "pay must be MC_DESK_PAY_PLAN, MC_DESK_PAY_CREDITS or "
                             "MC_DESK_PAY_RAZORPAY");
    mc_status st = mci_sync_write(c, book_locally, &a, DESK_KINDS, err);
    if (st == MC_OK && pay != MC_DESK_PAY_RAZORPAY && out != NULL)
        st = mci_desk_booking_get(c, a.booking_id, out, err);
    else if (st == MC_OK && pay == MC_DESK_PAY_RAZORPAY)
        st = online(c, "/v1/desk_bookings", a.payload, a.booking_id, out, err);
    cJSON_Delete(a.payload);
    return st;
}

mc_status mc_desk_confirm_payment(mc_client *c, const char *booking_id, const char *order_id,
                                  const char *payment_id, const char *signature,
                                  mc_desk_booking **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (!id_ok(booking_id))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "booking_id is required (A-Z a-z 0-9 _ -, under %d bytes)",
                             MC_DESK_BOOKING_ID_CAP);
    const char *fields[] = {"order_id", "payment_id", "signature"};
    const char *values[] = {order_id, payment_id, signature};
    cJSON *body = cJSON_CreateObject();
    for (int i = 0; i < 3; i++) {
        if (values[i] == NULL || values[i][0] == '\0' || strlen(values[i]) > 200) {
            cJSON_Delete(body);
            return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required (at most 200 bytes)",
                                 fields[i]);
        }
        if (body != NULL && !cJSON_AddStringToObject(body, fields[i], values[i])) {
            cJSON_Delete(body);
            body = NULL;
        }
    }
    if (body == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    char path[96];
    snprintf(path, sizeof path, "/v1/desk_bookings/%s/payment", booking_id);
    mc_status st = online(c, path, body, booking_id, out, err);
    cJSON_Delete(body);
    return st;
}

/* ---- cancelling --------------------------------------------------------------------------- */

typedef struct cancel_args {
    const char *booking_id;
} cancel_args;

/* The state a booking must be in to be cancelled now, else MC_ERR_STATE saying why. */
static mc_status check_cancel(mc_client *c, mci_reader *w, const mc_desk_booking *b, bool *already,
                              mc_error *err)
{
    *already = false;
    if (b->status == MC_DESK_BOOKING_CANCELLED && b->pending) {
        *already = true; /* already being cancelled */
        return MC_OK;
    }
    if (b->status == MC_DESK_BOOKING_CANCELLED)
        return mci_error_set(err, MC_ERR_STATE, "desk booking '%s' is already cancelled", b->id);
    if (b->status == MC_DESK_BOOKING_EXPIRED)
        return mci_error_set(err, MC_ERR_STATE,
                             "desk booking '%s' expired unpaid (its payment hold lapsed): nothing "
                             "to cancel",
                             b->id);
    if (b->status == MC_DESK_BOOKING_RELEASED)
        return mci_error_set(err, MC_ERR_STATE,
                             "desk booking '%s' was released (not checked in by the cut-off): "
                             "nothing to cancel",
                             b->id);
    if (!mci_desk_booking_holds(b->status))
        return mci_error_set(err, MC_ERR_STATE, "desk booking '%s' cannot be cancelled (%s)", b->id,
                             mc_desk_booking_status_name(b->status));
    mci_desk_site site = {0};
    int64_t day = 0;
    mc_error ignored = MC_ERROR_INIT;
    if (!mci_parse_date(b->date, &day) ||
        mci_desk_site_load(w->db, w->stmts, b->building_id, &site, &ignored) != MC_OK) {
        mci_desk_site_free(&site);
        return MC_OK; /* the building is not here: the server decides */
    }
    mc_status st = MC_OK;
    if (mci_client_now(c) >= mci_desk_site_cutoff_ms(&site, day)) {
        st = mci_error_set(err, MC_ERR_STATE,
                           "too late to cancel %s on %s: the cut-off was %02d:%02d %s "
                           "(after_cutoff)",
                           b->desk_name[0] ? b->desk_name : b->desk_id, b->date,
                           (int)b->checkin_by.hour, (int)b->checkin_by.minute, b->checkin_by.label);
        if (err != NULL)
            err->rule = MC_RULE_AFTER_CUTOFF;
    }
    mci_desk_site_free(&site);
    return st;
}

static mc_status cancel_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                                mc_error *err)
{
    cancel_args *a = arg;
    mci_reader w = {c->db, c->stmts, (char *)user_id}; /* under the client lock */
    mc_desk_booking b;
    mc_status st = mci_desk_booking_find(&w, a->booking_id, &b, err);
    if (st != MC_OK)
        return st;
    bool already = false;
    st = check_cancel(c, &w, &b, &already, err);
    mci_desk_booking_clear(&b);
    if (st != MC_OK || already)
        return st;
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || !cJSON_AddStringToObject(payload, "booking_id", a->booking_id))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_DESK_CANCEL, a->booking_id, payload, NULL,
                                err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_desk_cancel(mc_client *c, const char *booking_id, mc_desk_booking **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (!id_ok(booking_id))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "booking_id is required (A-Z a-z 0-9 _ -, under %d bytes)",
                             MC_DESK_BOOKING_ID_CAP);
    cancel_args a = {booking_id};
    mc_status st = mci_sync_write(c, cancel_locally, &a, DESK_KINDS, err);
    if (st == MC_OK && out != NULL)
        st = mci_desk_booking_get(c, booking_id, out, err);
    return st;
}
