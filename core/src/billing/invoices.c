/*
 * billing/invoices.c - invoices, their Razorpay payment, membership, and the online order
 * calls passes and invoices share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "account/session.h"
#include "billing/billing.h"
#include "billing/states.h"
#include "handle/handle.h"
#include "membercore/billing.h"
#include "membercore/sync.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

void mc_order_free(mc_order *o)
{
    if (o == NULL)
        return;
    free(o->invoice_id);
    free(o->order_id);
    free(o->key_id);
    free(o->currency);
    free(o);
}

/* An authenticated POST; *answer is the caller's. */
static mc_status post(mc_client *c, const char *path, const cJSON *body, cJSON **answer,
                      mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    if (st == MC_OK)
        st = mci_http_call(&c->http, "POST", path, body, token, answer, err);
    memset(token, 0, sizeof token);
    return st;
}

mc_status mci_billing_post_order(mc_client *c, const char *path, const cJSON *body, mc_order **out,
                                 mc_error *err)
{
    cJSON *answer = NULL;
    mc_status st = post(c, path, body, &answer, err);
    const cJSON *order = cJSON_GetObjectItemCaseSensitive(answer, "order");
    const cJSON *invoice = cJSON_GetObjectItemCaseSensitive(answer, "invoice");
    if (st == MC_OK && mci_json_string(order, "id", NULL) == NULL)
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer has no order");
    mc_order *o = NULL;
    if (st == MC_OK && (o = calloc(1, sizeof *o)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK) {
        o->invoice_id =
            mci_strdup(mci_json_string(invoice, "id", mci_json_string(order, "invoice_id", "")));
        o->order_id = mci_strdup(mci_json_string(order, "id", ""));
        o->key_id = mci_strdup(mci_json_string(order, "key_id", ""));
        o->currency = mci_strdup(mci_json_string(order, "currency", "INR"));
        o->amount_paise = mci_json_int(order, "amount_paise", 0);
        o->hold_expires_at_ms = mci_json_int(order, "hold_expires_at_ms", 0);
        if (!o->invoice_id || !o->order_id || !o->key_id || !o->currency)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    cJSON_Delete(answer);
    if (st != MC_OK) {
        mc_order_free(o);
        return st;
    }
    mc_sync_once(c, NULL, NULL); /* the held passes and the draft, into the local store */
    *out = o;
    return MC_OK;
}

/* Ids go into URL paths: the server's are [A-Za-z0-9_-]. */
static bool id_ok(const char *id)
{
    if (id == NULL || id[0] == '\0' || strlen(id) > 64)
        return false;
    for (; *id; id++)
        if (!((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
              (*id >= '0' && *id <= '9') || *id == '_' || *id == '-'))
            return false;
    return true;
}

mc_status mc_invoice_pay(mc_client *c, const char *invoice_id, mc_order **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    if (!id_ok(invoice_id))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "invoice_id must be 1-64 letters, digits, '_' or '-'");
    char path[128];
    snprintf(path, sizeof path, "/v1/invoices/%s/pay", invoice_id);
    cJSON *empty = cJSON_CreateObject();
    if (empty == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_status st = mci_billing_post_order(c, path, empty, out, err);
    cJSON_Delete(empty);
    if (st == MC_OK && (*out)->invoice_id[0] == '\0') { /* the answer may carry only the order */
        char *id = mci_strdup(invoice_id);
        if (id == NULL) {
            mc_order_free(*out);
            *out = NULL;
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        }
        free((*out)->invoice_id);
        (*out)->invoice_id = id;
    }
    return st;
}

mc_status mc_invoice_confirm_payment(mc_client *c, const char *order_id, const char *payment_id,
                                     const char *signature, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    const char *fields[] = {"order_id", "payment_id", "signature"};
    const char *values[] = {order_id, payment_id, signature};
    cJSON *body = cJSON_CreateObject();
    if (body == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    for (int i = 0; i < 3; i++) {
        if (values[i] == NULL || values[i][0] == '\0' || strlen(values[i]) > 200) {
            cJSON_Delete(body);
            return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required (at most 200 bytes)",
                                 fields[i]);
        }
        cJSON_AddStringToObject(body, fields[i], values[i]);
    }
    cJSON *answer = NULL;
    mc_status st = post(c, "/v1/payments/razorpay/confirm", body, &answer, err);
    cJSON_Delete(body);
    if (st == MC_OK && !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(answer, "invoice")))
        st = mci_error_set(err, MC_ERR_INVALID_ARG,
                           "order %s is not an invoice's (a room booking's? use "
                           "mc_booking_confirm_payment)",
                           order_id);
    cJSON_Delete(answer);
    if (st == MC_OK)
        mc_sync_once(c, NULL, NULL); /* passes active, credentials ready */
    return st;
}

mc_status mci_billing_read_kind(mc_client *c, const char *kind, const char *order_sql, void **items,
                                size_t item_size, size_t *count, mci_read_fn read, mc_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT data FROM entity WHERE kind = ?1 %s", order_sql);
    char *user_id = NULL;
    sqlite3_stmt *stmt = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_account_user_id(c->db, &user_id, err);
    if (st == MC_OK && sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "reading billing data");
    if (st == MC_OK)
        sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            char *grown = realloc(*items, ncap * item_size);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            memset(grown + cap * item_size, 0, (ncap - cap) * item_size);
            *items = grown;
            cap = ncap;
        }
        cJSON *data = cJSON_Parse(mci_column_text(stmt, 0));
        bool ok = data != NULL && read(data, (char *)*items + *count * item_size);
        (*count)++;
        cJSON_Delete(data);
        if (!ok)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading billing data");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(c->db, err, "reading billing data");
    sqlite3_finalize(stmt);
    pthread_mutex_unlock(&c->lock);
    free(user_id);
    return st;
}

void mc_invoice_list_free(mc_invoice_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        mc_invoice *inv = &list->items[i];
        free(inv->id);
        free(inv->number);
        for (size_t k = 0; k < inv->line_count; k++)
            free(inv->lines[k].description);
        free(inv->lines);
    }
    free(list->items);
    free(list);
}

static bool read_invoice(const cJSON *d, void *item)
{
    mc_invoice *inv = item;
    inv->id = mci_strdup(mci_json_string(d, "id", ""));
    inv->number = mci_strdup(mci_json_string(d, "number", ""));
    inv->status = mci_invoice_status_parse(mci_json_string(d, "status", ""));
    inv->subtotal_paise = mci_json_int(d, "subtotal_paise", 0);
    inv->discount_paise = mci_json_int(d, "discount_paise", 0);
    inv->gst_paise = mci_json_int(d, "gst_paise", 0);
    inv->total_paise = mci_json_int(d, "total_paise", 0);
    inv->issued_at_ms = mci_json_int(d, "issued_at_ms", 0);
    inv->due_at_ms = mci_json_int(d, "due_at_ms", 0);
    inv->paid_at_ms = mci_json_int(d, "paid_at_ms", 0);
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(d, "lines");
    int n = cJSON_GetArraySize(lines);
    if (n > 0 && (inv->lines = calloc((size_t)n, sizeof *inv->lines)) == NULL)
        return false;
    const cJSON *l = NULL;
    cJSON_ArrayForEach(l, lines)
    {
        mc_invoice_line *line = &inv->lines[inv->line_count++];
        line->description = mci_strdup(mci_json_string(l, "description", ""));
        line->quantity = (int32_t)mci_json_int(l, "quantity", 0);
        line->unit_paise = mci_json_int(l, "unit_paise", 0);
        line->amount_paise = mci_json_int(l, "amount_paise", 0);
        if (line->description == NULL)
            return false;
    }
    return inv->id && inv->number;
}

mc_status mc_invoices_list(mc_client *c, mc_invoice_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_invoice_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_status st = mci_billing_read_kind(
        c, "invoice", "ORDER BY coalesce(json_extract(data, '$.issued_at_ms'), 0) DESC, id DESC",
        (void **)&list->items, sizeof *list->items, &list->count, read_invoice, err);
    if (st != MC_OK) {
        mc_invoice_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

void mc_membership_free(mc_membership *m)
{
    if (m == NULL)
        return;
    char **strings[] = {&m->plan, &m->company_id,     &m->building_id,
                        &m->seat, &m->contract_start, &m->contract_end};
    for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
        free(*strings[k]);
    free(m);
}

static bool read_membership(const cJSON *d, void *item)
{
    mc_membership *m = item;
    m->status = mci_membership_status_parse(mci_json_string(d, "status", "none"));
    m->plan = mci_strdup(mci_json_string(d, "plan", ""));
    m->company_id = mci_strdup(mci_json_string(d, "company_id", ""));
    m->building_id = mci_strdup(mci_json_string(d, "building_id", ""));
    m->seat = mci_strdup(mci_json_string(d, "seat", ""));
    m->contract_start = mci_strdup(mci_json_string(d, "contract_start", ""));
    m->contract_end = mci_strdup(mci_json_string(d, "contract_end", ""));
    return m->plan && m->company_id && m->building_id && m->seat && m->contract_start &&
           m->contract_end;
}

mc_status mc_membership_get(mc_client *c, mc_membership **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mc_membership *items = NULL;
    size_t count = 0;
    mc_status st = mci_billing_read_kind(c, "membership", "ORDER BY id LIMIT 1", (void **)&items,
                                         sizeof *items, &count, read_membership, err);
    if (st == MC_OK && count == 0) {
        /* on-demand members have none */
        items = calloc(1, sizeof *items);
        cJSON *none = cJSON_Parse("{\"status\":\"none\"}");
        st = items && none && read_membership(none, items)
                 ? MC_OK
                 : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        cJSON_Delete(none);
    }
    if (st != MC_OK) {
        if (items != NULL) {
            /* only the first item can be partly read */
            mc_membership_free(items);
        }
        return st;
    }
    *out = items; /* one item: the array is the struct */
    return MC_OK;
}
