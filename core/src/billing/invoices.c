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
#include "catalog/zones.h"
#include "handle/handle.h"
#include "read/items.h"
#include "read/list.h"
#include "rules/currency.h"
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
        o->amount = mci_money_of(mci_json_int(order, "amount_paise", 0),
                                 mci_json_string(order, "currency", "INR"));
        o->hold_expires_at_ms = mci_json_int(order, "hold_expires_at_ms", 0);
        /* the hold's building: the order's, else the cart's, else the member's */
        const char *building_id =
            mci_json_string(order, "building_id", mci_json_string(body, "building_id", NULL));
        st = mci_local_time_in(c, building_id, o->hold_expires_at_ms, &o->hold_expires_at, err);
        if (st == MC_OK && (!o->invoice_id || !o->order_id || !o->key_id))
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

static void refund_clear(mc_refund *r)
{
    free(r->id);
    free(r->order_id);
    free(r->reason);
    free(r->status);
}

/* A synced refund object into r; false when out of memory (r then partly filled). */
static bool refund_read(const cJSON *d, mc_refund *r)
{
    r->id = mci_strdup(mci_json_string(d, "id", ""));
    r->order_id = mci_strdup(mci_json_string(d, "order_id", ""));
    r->amount =
        mci_money_of(mci_json_int(d, "amount_paise", 0), mci_json_string(d, "currency", "INR"));
    r->reason = mci_strdup(mci_json_string(d, "reason", ""));
    r->status = mci_strdup(mci_json_string(d, "status", ""));
    r->created_at_ms = mci_json_int(d, "created_at_ms", 0);
    return r->id && r->order_id && r->reason && r->status;
}

void mc_invoice_payment_free(mc_invoice_payment *p)
{
    if (p == NULL)
        return;
    free(p->invoice_id);
    free(p->invoice_number);
    if (p->refund != NULL)
        refund_clear(p->refund);
    free(p->refund);
    free(p);
}

/* The confirmation's answer {"invoice", "refund"?} as an mc_invoice_payment into *out. */
static mc_status payment_of(const cJSON *answer, mc_invoice_payment **out, mc_error *err)
{
    const cJSON *invoice = cJSON_GetObjectItemCaseSensitive(answer, "invoice");
    const cJSON *refund = cJSON_GetObjectItemCaseSensitive(answer, "refund");
    mc_invoice_payment *p = calloc(1, sizeof *p);
    bool ok =
        p != NULL && (p->invoice_id = mci_strdup(mci_json_string(invoice, "id", ""))) != NULL &&
        (p->invoice_number = mci_strdup(mci_json_string(invoice, "number", ""))) != NULL &&
        (!cJSON_IsObject(refund) ||
         ((p->refund = calloc(1, sizeof *p->refund)) != NULL && refund_read(refund, p->refund)));
    if (!ok) {
        mc_invoice_payment_free(p);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    *out = p;
    return MC_OK;
}

mc_status mc_invoice_confirm_payment(mc_client *c, const char *order_id, const char *payment_id,
                                     const char *signature, mc_error *err)
{
    return mc_invoice_payment_confirm(c, order_id, payment_id, signature, NULL, err);
}

mc_status mc_invoice_payment_confirm(mc_client *c, const char *order_id, const char *payment_id,
                                     const char *signature, mc_invoice_payment **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
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
    if (st == MC_OK && out != NULL)
        st = payment_of(answer, out, err);
    cJSON_Delete(answer);
    if (st == MC_OK)
        mc_sync_once(c, NULL, NULL); /* passes active, credentials ready */
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
        for (size_t k = 0; k < inv->refund_count; k++)
            refund_clear(&inv->refunds[k]);
        free(inv->refunds);
    }
    free(list->items);
    free(list->next_cursor);
    free(list);
}

/* Newest first by the instant the list shows for each (issued, else voided, else an open
 * draft's hold end: invoice_row.listed_at_ms) through its index; a page's lines and refunds
 * come after, one query each, no JSON parsed. */
#define INVOICE_SELECT                                                                             \
    "SELECT listed_at_ms, id, number, status, subtotal_paise, discount_paise, gst_paise, "         \
    "total_paise, due_at_ms, paid_at_ms, line_count, building_id, currency, tax_name, "            \
    "tax_rate_bp, voided_at_ms, issued_at_ms FROM invoice_row "
static const mci_list_query invoices_query = {
    INVOICE_SELECT
    "WHERE (listed_at_ms, id) < (?1, ?2) ORDER BY listed_at_ms DESC, id DESC LIMIT ?3",
    "reading invoices", MCI_KEY_INT_DESC};

/* The payable ones (issued or overdue: a few among a year's) in the same order. No index has
 * the status: one pass over the table in storage order (each row read once, no index
 * lookups) and the few found sorted beat walking the list's index; their lines and refunds
 * are looked up by id, in the list's order (?5: the page's ids as a JSON array). */
#define PAYABLE "i.status IN ('issued', 'overdue')"
static const mci_list_query due_query = {
    "SELECT * FROM (" INVOICE_SELECT "i NOT INDEXED WHERE " PAYABLE
    ") WHERE (listed_at_ms, id) < (?1, ?2) ORDER BY listed_at_ms DESC, id DESC LIMIT ?3",
    "reading invoices to pay", MCI_KEY_INT_DESC};

/* The lines of the invoices from (?1, ?2) down to (?3, ?4), grouped by invoice in the
 * list's order: one range of invoice_row's index joined to each invoice's lines by key.
 * Each line goes to its position (ordering by it too would cost a sort per page). */
static const char page_lines_sql[] =
    "SELECT l.invoice_id, l.position, l.description, l.quantity, l.unit_paise, l.amount_paise, "
    "i.currency FROM invoice_row i JOIN invoice_line_row l ON l.invoice_id = i.id "
    "WHERE (i.listed_at_ms, i.id) <= (?1, ?2) AND (i.listed_at_ms, i.id) >= (?3, ?4) "
    "ORDER BY i.listed_at_ms DESC, i.id DESC";

/* The refunds of the same range, grouped by invoice in the list's order, each in its
 * invoice's order. */
static const char page_refunds_sql[] =
    "SELECT r.invoice_id, r.id, r.order_id, r.amount_paise, r.currency, r.reason, r.status, "
    "r.created_at_ms FROM invoice_row i JOIN invoice_refund_row r ON r.invoice_id = i.id "
    "WHERE (i.listed_at_ms, i.id) <= (?1, ?2) AND (i.listed_at_ms, i.id) >= (?3, ?4) "
    "ORDER BY i.listed_at_ms DESC, i.id DESC, r.position";

/* The lines and refunds of the invoices whose ids ?5 lists (a JSON array in the list's order),
 * each looked up by key, in that order. */
static const char due_lines_sql[] =
    "SELECT l.invoice_id, l.position, l.description, l.quantity, l.unit_paise, l.amount_paise, "
    "i.currency FROM json_each(?5) j JOIN invoice_row i ON i.id = j.value "
    "JOIN invoice_line_row l ON l.invoice_id = i.id ORDER BY j.key";
static const char due_refunds_sql[] =
    "SELECT r.invoice_id, r.id, r.order_id, r.amount_paise, r.currency, r.reason, r.status, "
    "r.created_at_ms FROM json_each(?5) j JOIN invoice_refund_row r ON r.invoice_id = j.value "
    "ORDER BY j.key, r.position";

/* An invoice's instants in its building's local time (the member's when it names none). */
static bool localize_invoice(mci_zone_book *book, const char *building_id, mc_invoice *inv)
{
    return mci_zone_book_local(book, building_id, inv->issued_at_ms, &inv->issued_at, NULL) ==
               MC_OK &&
           mci_zone_book_local(book, building_id, inv->due_at_ms, &inv->due_at, NULL) == MC_OK &&
           mci_zone_book_local(book, building_id, inv->paid_at_ms, &inv->paid_at, NULL) == MC_OK &&
           mci_zone_book_local(book, building_id, inv->voided_at_ms, &inv->voided_at, NULL) ==
               MC_OK;
}

/* A page being read: its zone book, and the list keys of its first and last invoices (the
 * range its lines and refunds are read from). */
typedef struct invoice_page {
    mci_zone_book *book;
    int64_t first_listed_at_ms, last_listed_at_ms;
    bool any;
    const char *lines_sql, *refunds_sql; /* the page's children */
    char *ids_json; /* the page's ids as a JSON array, for due_lines_sql's ?5 (else NULL) */
} invoice_page;

/* An invoice without its lines (room for line_count of them, filled by read_page_lines);
 * context: the invoice_page. */
static bool read_invoice(sqlite3_stmt *row, void *item, void *context)
{
    mc_invoice *inv = item;
    invoice_page *page = context;
    page->last_listed_at_ms = sqlite3_column_int64(row, 0);
    if (!page->any)
        page->first_listed_at_ms = page->last_listed_at_ms;
    page->any = true;
    inv->issued_at_ms = sqlite3_column_int64(row, 16);
    inv->id = mci_strdup(mci_column_text(row, 1));
    inv->number = mci_strdup(mci_column_text(row, 2));
    inv->status = mci_invoice_status_parse(mci_column_text(row, 3));
    const char *currency = mci_column_text(row, 12);
    inv->subtotal = mci_money_of(sqlite3_column_int64(row, 4), currency);
    inv->discount = mci_money_of(sqlite3_column_int64(row, 5), currency);
    inv->tax_rule = mci_tax_of(mci_column_text(row, 13), (int32_t)sqlite3_column_int64(row, 14));
    inv->tax = mci_money_of(sqlite3_column_int64(row, 6), currency);
    inv->total = mci_money_of(sqlite3_column_int64(row, 7), currency);
    inv->due_at_ms = sqlite3_column_int64(row, 8);
    inv->paid_at_ms = sqlite3_column_int64(row, 9);
    sqlite3_int64 lines = sqlite3_column_int64(row, 10);
    if (lines > 0 && (inv->lines = calloc((size_t)lines, sizeof *inv->lines)) != NULL)
        inv->line_count = (size_t)lines;
    inv->voided_at_ms = sqlite3_column_int64(row, 15);
    return inv->id && inv->number && (lines <= 0 || inv->lines != NULL) &&
           localize_invoice(page->book, mci_column_text(row, 11), inv);
}

/* Whether every line of the list's invoices was read. */
static bool lines_complete(const mc_invoice_list *list)
{
    for (size_t k = 0; k < list->count; k++)
        for (size_t i = 0; i < list->items[k].line_count; i++)
            if (list->items[k].lines[i].description == NULL)
                return false;
    return true;
}

/* Reads a child row (columns: its invoice's id, then its own) into inv. */
typedef mc_status (*child_reader)(sqlite3_stmt *row, mc_invoice *inv, const char *doing,
                                  mc_error *err);

/* The line at row (position, description, quantity, unit, amount, currency) into its place. */
static mc_status read_line_row(sqlite3_stmt *row, mc_invoice *inv, const char *doing, mc_error *err)
{
    sqlite3_int64 position = sqlite3_column_int64(row, 1);
    if (position < 0 || (size_t)position >= inv->line_count ||
        inv->lines[position].description != NULL)
        return mci_error_set(err, MC_ERR_STORAGE, "%s: line %lld of invoice %s is out of place",
                             doing, (long long)position, inv->id);
    mc_invoice_line *line = &inv->lines[position];
    line->description = mci_strdup(mci_column_text(row, 2));
    line->quantity = (int32_t)sqlite3_column_int64(row, 3);
    line->unit = mci_money_of(sqlite3_column_int64(row, 4), mci_column_text(row, 6));
    line->amount = mci_money_of(sqlite3_column_int64(row, 5), mci_column_text(row, 6));
    return line->description != NULL
               ? MC_OK
               : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
}

/* The refund at row (id, order id, amount, currency, reason, status, created) appended to
 * inv's (rare: most invoices have none). */
static mc_status read_refund_row(sqlite3_stmt *row, mc_invoice *inv, const char *doing,
                                 mc_error *err)
{
    mc_refund *grown = realloc(inv->refunds, (inv->refund_count + 1) * sizeof *grown);
    if (grown == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
    inv->refunds = grown;
    mc_refund *f = &grown[inv->refund_count++];
    memset(f, 0, sizeof *f);
    f->id = mci_strdup(mci_column_text(row, 1));
    f->order_id = mci_strdup(mci_column_text(row, 2));
    f->amount = mci_money_of(sqlite3_column_int64(row, 3), mci_column_text(row, 4));
    f->reason = mci_strdup(mci_column_text(row, 5));
    f->status = mci_strdup(mci_column_text(row, 6));
    f->created_at_ms = sqlite3_column_int64(row, 7);
    return f->id && f->order_id && f->reason && f->status
               ? MC_OK
               : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory %s", doing);
}

/* The child rows sql reads (page_lines_sql, page_refunds_sql: the page's key range, grouped
 * by invoice in the list's order), each read into its invoice, walked beside the list. */
static mc_status read_page_children(mci_reader *r, mc_invoice_list *list, const invoice_page *page,
                                    const char *sql, const char *doing, child_reader read,
                                    mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(r, sql, doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_int64(stmt, 1, page->first_listed_at_ms);
    sqlite3_bind_text(stmt, 2, list->items[0].id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, page->last_listed_at_ms);
    sqlite3_bind_text(stmt, 4, list->items[list->count - 1].id, -1, SQLITE_STATIC);
    if (page->ids_json != NULL)
        sqlite3_bind_text(stmt, 5, page->ids_json, -1, SQLITE_STATIC);
    size_t k = 0;
    mc_status st = MC_OK;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *invoice_id = mci_column_text(stmt, 0);
        while (k < list->count && strcmp(list->items[k].id, invoice_id) != 0)
            k++;
        st = k < list->count
                 ? read(stmt, &list->items[k], doing, err)
                 : mci_error_set(err, MC_ERR_STORAGE, "%s: a row of invoice %s is out of place",
                                 doing, invoice_id);
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, doing, err);
    sqlite3_reset(stmt);
    return st;
}

/* The list's ids as a JSON array (malloc'd), NULL when out of memory. */
static char *ids_json(const mc_invoice_list *list)
{
    cJSON *ids = cJSON_CreateArray();
    for (size_t i = 0; ids != NULL && i < list->count; i++)
        if (!cJSON_AddItemToArray(ids, cJSON_CreateString(list->items[i].id))) {
            cJSON_Delete(ids);
            ids = NULL;
        }
    char *text = ids != NULL ? cJSON_PrintUnformatted(ids) : NULL;
    cJSON_Delete(ids);
    return text;
}

/* A page of q (invoices_query or due_query) into list, with its lines and refunds. */
static mc_status read_invoices(mci_reader *r, const mci_list_query *q, const mci_page *page,
                               mc_invoice_list *list, mc_error *err)
{
    bool due = q == &due_query;
    invoice_page range = {.lines_sql = due ? due_lines_sql : page_lines_sql,
                          .refunds_sql = due ? due_refunds_sql : page_refunds_sql};
    mc_status st = mci_zone_book_new(r->db, r->stmts, &range.book, err);
    if (st == MC_OK)
        st = mci_read_rows(r, q, page, NULL, read_invoice, &range, (void **)&list->items,
                           sizeof *list->items, &list->count, &list->next_cursor, err);
    if (st == MC_OK && due && list->count > 0 && (range.ids_json = ids_json(list)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading invoices to pay");
    if (st == MC_OK && list->count > 0)
        st = read_page_children(r, list, &range, range.lines_sql, "reading invoice lines",
                                read_line_row, err);
    if (st == MC_OK && list->count > 0 && !lines_complete(list))
        st = mci_error_set(err, MC_ERR_STORAGE,
                           "reading invoice lines: an invoice's lines are "
                           "missing");
    if (st == MC_OK && list->count > 0)
        st = read_page_children(r, list, &range, range.refunds_sql, "reading invoice refunds",
                                read_refund_row, err);
    mci_zone_book_free(range.book);
    free(range.ids_json);
    return st;
}

mc_status mci_invoices_due_read(mci_reader *r, mc_invoice_list *list, mc_error *err)
{
    mci_page all;
    mci_page_all(&all);
    return read_invoices(r, &due_query, &all, list, err);
}

static mc_status list_invoices(mc_client *c, const void *args, const mci_page *page, void **out,
                               mc_error *err)
{
    (void)args;
    mc_invoice_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = read_invoices(r, &invoices_query, page, list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_invoice_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

mc_status mc_invoices_page(mc_client *c, const mc_page *page, mc_invoice_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, page, true, list_invoices, NULL, (void **)out, err);
}

mc_status mc_invoices_list(mc_client *c, mc_invoice_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_list(c, MCI_LIST_ALL, true, list_invoices, NULL, (void **)out, err);
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

static const mci_list_query membership_query = {
    "SELECT id, id, data FROM entity WHERE kind = 'membership' AND id > ?2 ORDER BY id LIMIT ?3",
    "reading the membership", MCI_KEY_TEXT_ASC};

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

mc_status mci_membership_read(mci_reader *r, mc_membership **out, mc_error *err)
{
    *out = NULL;
    mc_membership *items = NULL;
    size_t count = 0;
    mci_page one;
    mci_page_all(&one);
    one.limit = 1;
    char *more = NULL;
    mc_status st = mci_read_items(r, &membership_query, &one, (void **)&items, sizeof *items,
                                  &count, &more, read_membership, err);
    free(more);
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

mc_status mc_membership_get(mc_client *c, mc_membership **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_membership_read(r, out, err);
    mci_read_end(c->readers, r);
    return st;
}
