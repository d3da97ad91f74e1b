/*
 * billing/passes.c - day passes: quoting a cart locally (prices and the rules the device
 * can know), checking out online (draft invoice + Razorpay order), and listing passes.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "account/account.h"
#include "account/session.h"
#include "rules/email.h"
#include "billing/billing.h"
#include "billing/states.h"
#include "catalog/building.h"
#include "handle/handle.h"
#include "rules/pricing.h"
#include "read/items.h"
#include "read/list.h"
#include "membercore/billing.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

#define MAX_PASSES 50

void mc_quote_free(mc_quote *q)
{
    if (q == NULL)
        return;
    for (size_t i = 0; i < q->violation_count; i++) {
        free(q->violations[i].rule);
        free(q->violations[i].message);
    }
    free(q->violations);
    free(q);
}

/* Shape of the cart: everything a person typed, checked before any rule. */
static mc_status validate_cart(const mc_cart *cart, int64_t *days, mc_error *err)
{
    if (cart == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "cart is NULL");
    if (cart->building_id == NULL || cart->building_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "building_id is required");
    if (cart->count < 1 || cart->count > MAX_PASSES || cart->items == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a cart holds 1 to %d passes", MAX_PASSES);
    for (size_t i = 0; i < cart->count; i++) {
        const mc_pass_item *p = &cart->items[i];
        if (!mci_parse_date(p->date, &days[i]))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "items[%zu].date must be a real YYYY-MM-DD date", i);
        bool named = p->guest_name != NULL && p->guest_name[0] != '\0';
        bool mailed = p->guest_email != NULL && p->guest_email[0] != '\0';
        if (named != mailed)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "items[%zu]: a guest needs both a name and an email", i);
        long len = named ? mci_utf8_length(p->guest_name) : 0;
        if (named && (len < 1 || len > 100))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "items[%zu].guest_name must be 1-100 characters", i);
        if (mailed && !mci_email_valid(p->guest_email))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "items[%zu].guest_email '%s' is not valid", i, p->guest_email);
    }
    return MC_OK;
}

static bool add_violation(mc_quote *q, size_t index, const char *rule, const char *message)
{
    mc_violation *grown = realloc(q->violations, (q->violation_count + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    q->violations = grown;
    mc_violation *v = &q->violations[q->violation_count++];
    v->index = (int32_t)index;
    v->rule = mci_strdup(rule);
    v->message = mci_strdup(message);
    return v->rule != NULL && v->message != NULL;
}

/* Does a building blackout cover any of local day `day`? */
static bool blacked_out(const mci_building *b, int64_t day)
{
    int64_t start[2], end[2];
    int ns = mci_zone_local_to_utc(&b->zone, day * MCI_MS_PER_DAY, start);
    int ne = mci_zone_local_to_utc(&b->zone, (day + 1) * MCI_MS_PER_DAY, end);
    int64_t from = ns ? start[0] : day * MCI_MS_PER_DAY;
    int64_t to = ne ? end[0] : (day + 1) * MCI_MS_PER_DAY;
    for (size_t i = 0; i < b->blackout_count; i++)
        if (b->blackouts[i].start_ms < to && b->blackouts[i].end_ms > from)
            return true;
    return false;
}

/* The rules the device can check (capacity is the server's). */
static bool check_rules(const mci_building *b, const mc_cart *cart, const int64_t *days,
                        int64_t today, mc_quote *q)
{
    bool ok = true;
    for (size_t i = 0; ok && i < cart->count; i++) {
        char msg[160];
        const mc_pass_item *p = &cart->items[i];
        const char *who = p->guest_email && p->guest_email[0] ? p->guest_email : "you";
        if (days[i] < today) {
            snprintf(msg, sizeof msg, "pass %zu: %s is in the past", i + 1, p->date);
            ok = add_violation(q, i, "past_date", msg);
        } else if (days[i] > today + b->booking_window_days) {
            snprintf(msg, sizeof msg, "pass %zu: %s is more than %d days ahead", i + 1, p->date,
                     (int)b->booking_window_days);
            ok = add_violation(q, i, "beyond_window", msg);
        } else if (b->hours[mci_weekday(days[i])].open_min ==
                   b->hours[mci_weekday(days[i])].close_min) {
            snprintf(msg, sizeof msg, "pass %zu: %s is closed on %s", i + 1, b->id, p->date);
            ok = add_violation(q, i, "closed", msg);
        } else if (blacked_out(b, days[i])) {
            snprintf(msg, sizeof msg, "pass %zu: %s is blacked out on %s", i + 1, b->id, p->date);
            ok = add_violation(q, i, "blackout", msg);
        }
        for (size_t k = 0; ok && k < i; k++) {
            const char *other = cart->items[k].guest_email && cart->items[k].guest_email[0]
                                    ? cart->items[k].guest_email
                                    : "you";
            if (days[k] == days[i] && strcasecmp(other, who) == 0) {
                snprintf(msg, sizeof msg, "pass %zu: %s already %s pass %zu on %s", i + 1, who,
                         strcmp(who, "you") == 0 ? "have" : "has", k + 1, p->date);
                ok = add_violation(q, i, "duplicate", msg);
            }
        }
    }
    return ok;
}

mc_status mc_passes_quote(mc_client *c, const mc_cart *cart, mc_quote **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    int64_t days[MAX_PASSES];
    mc_status st = validate_cart(cart, days, err);
    if (st != MC_OK)
        return st;
    mc_quote *q = calloc(1, sizeof *q);
    if (q == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_building *b = NULL;
    mci_reader *r = NULL;
    st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_building_load(r->db, cart->building_id, &b, err);
    mci_read_end(c->readers, r);
    if (st == MC_OK && b->day_pass_price.minor <= 0)
        st = mci_error_set(err, MC_ERR_NOT_FOUND, "%s sells no day passes", cart->building_id);
    if (st == MC_OK) {
        mci_price p = mci_price_passes((int32_t)cart->count, b->day_pass_price.minor, b->tiers,
                                       b->tier_count, b->tax.rate_bp);
        q->unit = b->day_pass_price;
        q->subtotal = mci_money_of(p.subtotal_minor, b->currency);
        q->discount = mci_money_of(p.discount_minor, b->currency);
        q->tax_rule = b->tax;
        q->tax = mci_money_of(p.tax_minor, b->currency);
        q->total = mci_money_of(p.total_minor, b->currency);
        q->tier_passes = p.tier_passes;
        q->discount_pct = p.discount_pct;
        if (!check_rules(b, cart, days, mci_building_local_day(b, mci_client_now(c)), q))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    mci_building_free(b);
    if (st != MC_OK) {
        mc_quote_free(q);
        return st;
    }
    *out = q;
    return MC_OK;
}

/* The cart as the wire wants it. */
static cJSON *cart_json(const mc_cart *cart, const char *checkout_id)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *passes = body ? cJSON_AddArrayToObject(body, "passes") : NULL;
    bool ok = passes != NULL && cJSON_AddStringToObject(body, "building_id", cart->building_id) &&
              cJSON_AddStringToObject(body, "checkout_id", checkout_id);
    for (size_t i = 0; ok && i < cart->count; i++) {
        const mc_pass_item *p = &cart->items[i];
        cJSON *item = cJSON_CreateObject();
        ok = item != NULL && cJSON_AddItemToArray(passes, item) &&
             cJSON_AddStringToObject(item, "date", p->date);
        if (ok && p->guest_email != NULL && p->guest_email[0] != '\0') {
            cJSON *guest = cJSON_AddObjectToObject(item, "guest");
            ok = guest != NULL && cJSON_AddStringToObject(guest, "name", p->guest_name) &&
                 cJSON_AddStringToObject(guest, "email", p->guest_email);
        }
    }
    if (!ok) {
        cJSON_Delete(body);
        return NULL;
    }
    return body;
}

mc_status mc_passes_checkout(mc_client *c, const mc_cart *cart, mc_order **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    int64_t days[MAX_PASSES];
    mc_status st = validate_cart(cart, days, err);
    if (st != MC_OK)
        return st;
    uint8_t raw[16];
    char checkout_id[MCI_UUID_STR_LEN];
    st = mci_client_random(c, raw, sizeof raw, err);
    if (st != MC_OK)
        return st;
    mci_uuid_format(raw, checkout_id);
    cJSON *body = cart_json(cart, checkout_id);
    if (body == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    st = mci_billing_post_order(c, "/v1/passes/checkout", body, out, err);
    cJSON_Delete(body);
    return st;
}

void mc_pass_list_free(mc_pass_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        mc_pass *p = &list->items[i];
        char **strings[] = {&p->id,           &p->building_id, &p->date,         &p->holder_name,
                            &p->holder_email, &p->invoice_id,  &p->credential_id};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            free(*strings[k]);
    }
    free(list->items);
    free(list->next_cursor);
    free(list);
}

/* By date through pass_row's index. */
static const mci_list_query passes_query = {
    "SELECT date, id, building_id, holder_name, holder_email, status, invoice_id, credential_id "
    "FROM pass_row WHERE (date, id) > (?1, ?2) ORDER BY date, id LIMIT ?3",
    "reading passes", MCI_KEY_TEXT_ASC};

static bool read_pass(sqlite3_stmt *row, void *item, void *context)
{
    (void)context;
    mc_pass *p = item;
    char **fields[] = {&p->date,         &p->id,         &p->building_id,  &p->holder_name,
                       &p->holder_email, &p->invoice_id, &p->credential_id};
    int columns[] = {0, 1, 2, 3, 4, 6, 7};
    bool ok = true;
    for (int i = 0; i < 7; i++)
        ok = (*fields[i] = mci_strdup(mci_column_text(row, columns[i]))) != NULL && ok;
    p->status = mci_pass_status_parse(mci_column_text(row, 5));
    return ok;
}

mc_status mci_passes_read(mci_reader *r, const mci_page *page, mc_pass_list *list, mc_error *err)
{
    return mci_read_rows(r, &passes_query, page, NULL, read_pass, NULL, (void **)&list->items,
                         sizeof *list->items, &list->count, &list->next_cursor, err);
}

static mc_status list_passes(mc_client *c, const void *args, const mci_page *page, void **out,
                             mc_error *err)
{
    (void)args;
    mc_pass_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_passes_read(r, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_pass_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_passes_page(mc_client *c, const mc_page *page, mc_pass_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, false, list_passes, NULL, (void **)out, err);
}

mc_status mc_passes_list(mc_client *c, mc_pass_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, false, list_passes, NULL, (void **)out, err);
}
