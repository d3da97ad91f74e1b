/*
 * bindings/jni/src/natives_billing.c - day passes, invoices and membership
 * (membercore/billing.h): the cart's quote and checkout, invoice payment, and the local lists.
 *
 * Its classes and natives are the tables of mcj_billing_area (glue.h). A cart comes down as three
 * parallel String arrays (dates, guest names, guest emails; null name and email for the
 * buyer's own pass); a quote's violations and an invoice's lines go up as parallel arrays that
 * the Java constructors assemble.
 */
#include <stddef.h>
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass quote, order, pass, invoice, membership, refund, payment;
    jmethodID quote_init, order_init, pass_init, invoice_init, membership_init, refund_init,
        payment_init;
} bl;

static const mcj_class_spec classes[] = {
    {"org/membercore/Quote", "<init>",
     "(" MCJ_MONEY MCJ_MONEY MCJ_MONEY MCJ_TAX MCJ_MONEY MCJ_MONEY "II[I[" S "[" S ")V", &bl.quote,
     &bl.quote_init},
    {"org/membercore/Order", "<init>", "(" S S S MCJ_MONEY "J" PKG "BuildingTime;)V", &bl.order,
     &bl.order_init},
    {"org/membercore/Pass", "<init>", "(I" S S S S S S S ")V", &bl.pass, &bl.pass_init},
    {"org/membercore/Invoice", "<init>",
     "(" S S "I[" S "[I[" MCJ_MONEY "[" MCJ_MONEY MCJ_MONEY MCJ_MONEY MCJ_TAX MCJ_MONEY MCJ_MONEY
     "J" PKG "BuildingTime;J" PKG "BuildingTime;J" PKG "BuildingTime;J" PKG "BuildingTime;[" PKG
     "Refund;)V",
     &bl.invoice, &bl.invoice_init},
    {"org/membercore/Refund", "<init>", "(" S S MCJ_MONEY S S "J)V", &bl.refund, &bl.refund_init},
    {"org/membercore/InvoicePayment", "<init>", "(" S S PKG "Refund;)V", &bl.payment,
     &bl.payment_init},
    {"org/membercore/Membership", "<init>", "(I" S S S S S S ")V", &bl.membership,
     &bl.membership_init},
};

/* ---- Java -> C: the cart --------------------------------------------------------------- */

/* What a cart borrows: free with cart_free whatever cart_in returned. */
typedef struct cart_args {
    char *building_id;
    char **dates, **names, **emails;
    size_t n_dates, n_names, n_emails;
    mc_pass_item *items;
} cart_args;

static void cart_free(cart_args *a)
{
    free(a->building_id);
    mcj_free_strings(a->dates, a->n_dates);
    mcj_free_strings(a->names, a->n_names);
    mcj_free_strings(a->emails, a->n_emails);
    free(a->items);
}

/*
 * The Java cart -> *cart, borrowing from *a. Argument errors name the core's fields
 * (items[2].guest_email); the core checks the values themselves (an empty cart included).
 * False with an exception pending.
 */
static bool cart_in(JNIEnv *env, jstring building_id, jobjectArray dates, jobjectArray names,
                    jobjectArray emails, cart_args *a, mc_cart *cart)
{
    if (!mcj_arg(env, building_id, "building_id", &a->building_id) ||
        !mcj_arg_strings(env, dates, "items", ".date", &a->dates, &a->n_dates) ||
        !mcj_arg_strings(env, names, "items", ".guest_name", &a->names, &a->n_names) ||
        !mcj_arg_strings(env, emails, "items", ".guest_email", &a->emails, &a->n_emails))
        return false;
    if (a->n_names != a->n_dates || a->n_emails != a->n_dates) {
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "items: one date, name and email per pass");
        return false;
    }
    if (a->n_dates > 0 && (a->items = calloc(a->n_dates, sizeof *a->items)) == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return false;
    }
    for (size_t i = 0; i < a->n_dates; i++) {
        a->items[i].date = a->dates[i];
        a->items[i].guest_name = a->names[i];
        a->items[i].guest_email = a->emails[i];
    }
    cart->building_id = a->building_id;
    cart->items = a->items;
    cart->count = a->n_dates;
    return true;
}

/* ---- C -> Java ------------------------------------------------------------------------- */

/* A price as quotes and invoices give it, as Java objects: subtotal, discount, tax rule, tax,
 * total (local references of the caller's frame). False with an exception pending. */
typedef struct price_objects {
    jobject subtotal, discount, tax_rule, tax, total;
} price_objects;

static bool new_price(JNIEnv *env, mc_money subtotal, mc_money discount, mc_tax tax_rule,
                      mc_money tax, mc_money total, price_objects *out)
{
    out->subtotal = mcj_money(env, subtotal);
    out->discount = out->subtotal ? mcj_money(env, discount) : NULL;
    out->tax_rule = out->discount ? mcj_tax(env, tax_rule) : NULL;
    out->tax = out->tax_rule ? mcj_money(env, tax) : NULL;
    out->total = out->tax ? mcj_money(env, total) : NULL;
    return out->total != NULL;
}

static jobject new_quote(JNIEnv *env, const mc_quote *q)
{
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject obj = NULL;
    size_t v = sizeof *q->violations;
    size_t n = q->violation_count;
    jintArray index = mcj_int_field_array(env, q->violations, v, offsetof(mc_violation, index), n);
    jobjectArray rule =
        index ? mcj_string_field_array(env, q->violations, v, offsetof(mc_violation, rule), n)
              : NULL;
    jobjectArray message =
        rule ? mcj_string_field_array(env, q->violations, v, offsetof(mc_violation, message), n)
             : NULL;
    jobject unit = message ? mcj_money(env, q->unit) : NULL;
    price_objects p;
    if (unit != NULL && new_price(env, q->subtotal, q->discount, q->tax_rule, q->tax, q->total, &p))
        obj = (*env)->NewObject(env, bl.quote, bl.quote_init, unit, p.subtotal, p.discount,
                                p.tax_rule, p.tax, p.total, (jint)q->tier_passes,
                                (jint)q->discount_pct, index, rule, message);
    return (*env)->PopLocalFrame(env, obj);
}

/* invoice_id_asked: the id to show when the core leaves invoice_id "" (pay_invoice), or NULL. */
static jobject new_order(JNIEnv *env, const mc_order *o, const char *invoice_id_asked)
{
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL, hold = NULL;
    bool unnamed = o->invoice_id == NULL || o->invoice_id[0] == '\0';
    jstring invoice_id =
        mcj_str(env, unnamed && invoice_id_asked != NULL ? invoice_id_asked : o->invoice_id);
    jstring order_id = invoice_id ? mcj_str(env, o->order_id) : NULL;
    jstring key_id = order_id ? mcj_str(env, o->key_id) : NULL;
    jobject amount = key_id ? mcj_money(env, o->amount) : NULL;
    if (amount != NULL && mcj_building_time(env, &o->hold_expires_at, &hold))
        obj = (*env)->NewObject(env, bl.order, bl.order_init, invoice_id, order_id, key_id, amount,
                                (jlong)o->hold_expires_at_ms, hold);
    return (*env)->PopLocalFrame(env, obj);
}

/* Each list element in its own local frame, so a long list never piles up references. */

static jobject new_pass(JNIEnv *env, const void *item)
{
    const mc_pass *p = item;
    const char *fields[] = {p->id,           p->building_id, p->date,         p->holder_name,
                            p->holder_email, p->invoice_id,  p->credential_id};
    enum { N = sizeof fields / sizeof fields[0] };
    if ((*env)->PushLocalFrame(env, N + 1) != 0)
        return NULL;
    jstring s[N];
    for (size_t i = 0; i < N; i++)
        if ((s[i] = mcj_str(env, fields[i])) == NULL)
            return (*env)->PopLocalFrame(env, NULL);
    jobject obj = (*env)->NewObject(env, bl.pass, bl.pass_init, (jint)p->status, s[0], s[1], s[2],
                                    s[3], s[4], s[5], s[6]);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_refund(JNIEnv *env, const void *item)
{
    const mc_refund *r = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jobject obj = NULL;
    jstring id = mcj_str(env, r->id);
    jstring order_id = id ? mcj_str(env, r->order_id) : NULL;
    jobject amount = order_id ? mcj_money(env, r->amount) : NULL;
    jstring reason = amount ? mcj_str(env, r->reason) : NULL;
    jstring status = reason ? mcj_str(env, r->status) : NULL;
    if (status != NULL)
        obj = (*env)->NewObject(env, bl.refund, bl.refund_init, id, order_id, amount, reason,
                                status, (jlong)r->created_at_ms);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_invoice(JNIEnv *env, const void *item)
{
    const mc_invoice *inv = item;
    if ((*env)->PushLocalFrame(env, 22) != 0)
        return NULL;
    jobject obj = NULL, issued = NULL, due = NULL, paid = NULL, voided = NULL;
    size_t l = sizeof *inv->lines;
    size_t n = inv->line_count;
    jstring id = mcj_str(env, inv->id);
    jstring number = id ? mcj_str(env, inv->number) : NULL;
    jobjectArray descriptions =
        number
            ? mcj_string_field_array(env, inv->lines, l, offsetof(mc_invoice_line, description), n)
            : NULL;
    jintArray quantities =
        descriptions
            ? mcj_int_field_array(env, inv->lines, l, offsetof(mc_invoice_line, quantity), n)
            : NULL;
    jobjectArray units =
        quantities ? mcj_money_field_array(env, inv->lines, l, offsetof(mc_invoice_line, unit), n)
                   : NULL;
    jobjectArray amounts =
        units ? mcj_money_field_array(env, inv->lines, l, offsetof(mc_invoice_line, amount), n)
              : NULL;
    price_objects p;
    if (amounts != NULL &&
        new_price(env, inv->subtotal, inv->discount, inv->tax_rule, inv->tax, inv->total, &p) &&
        mcj_building_time(env, &inv->issued_at, &issued) &&
        mcj_building_time(env, &inv->due_at, &due) &&
        mcj_building_time(env, &inv->paid_at, &paid) &&
        mcj_building_time(env, &inv->voided_at, &voided)) {
        jobjectArray refunds = mcj_build_array(env, bl.refund, inv->refunds, sizeof *inv->refunds,
                                               inv->refund_count, new_refund);
        if (refunds != NULL)
            obj = (*env)->NewObject(
                env, bl.invoice, bl.invoice_init, id, number, (jint)inv->status, descriptions,
                quantities, units, amounts, p.subtotal, p.discount, p.tax_rule, p.tax, p.total,
                (jlong)inv->issued_at_ms, issued, (jlong)inv->due_at_ms, due,
                (jlong)inv->paid_at_ms, paid, (jlong)inv->voided_at_ms, voided, refunds);
    }
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_membership(JNIEnv *env, const mc_membership *m)
{
    const char *fields[] = {m->plan, m->company_id,     m->building_id,
                            m->seat, m->contract_start, m->contract_end};
    enum { N = sizeof fields / sizeof fields[0] };
    if ((*env)->PushLocalFrame(env, N + 1) != 0)
        return NULL;
    jstring s[N];
    for (size_t i = 0; i < N; i++)
        if ((s[i] = mcj_str(env, fields[i])) == NULL)
            return (*env)->PopLocalFrame(env, NULL);
    jobject obj = (*env)->NewObject(env, bl.membership, bl.membership_init, (jint)m->status, s[0],
                                    s[1], s[2], s[3], s[4], s[5]);
    return (*env)->PopLocalFrame(env, obj);
}

jobjectArray mcj_invoice_array(JNIEnv *env, const mc_invoice_list *list)
{
    return mcj_build_array(env, bl.invoice, list ? list->items : NULL, sizeof *list->items,
                           list ? list->count : 0, new_invoice);
}

jobject mcj_membership(JNIEnv *env, const mc_membership *m)
{
    return new_membership(env, m);
}

/* Return an order the core handed over (or throw err), freeing it either way. */
static jobject order_result(JNIEnv *env, mc_status st, mc_order *order, const char *invoice_id,
                            const mc_error *err)
{
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, err);
    else
        obj = new_order(env, order, invoice_id);
    mc_order_free(order);
    return obj;
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobject quote_passes(JNIEnv *env, jclass cls, jlong h, jstring building_id,
                            jobjectArray dates, jobjectArray names, jobjectArray emails)
{
    (void)cls;
    cart_args a = {0};
    mc_cart cart;
    jobject obj = NULL;
    if (cart_in(env, building_id, dates, names, emails, &a, &cart)) {
        mc_quote *q = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mc_passes_quote(mcj_handle(h)->client, &cart, &q, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else
            obj = new_quote(env, q);
        mc_quote_free(q);
    }
    cart_free(&a);
    return obj;
}

static jobject checkout_passes(JNIEnv *env, jclass cls, jlong h, jstring building_id,
                               jobjectArray dates, jobjectArray names, jobjectArray emails)
{
    (void)cls;
    cart_args a = {0};
    mc_cart cart;
    jobject obj = NULL;
    if (cart_in(env, building_id, dates, names, emails, &a, &cart)) {
        mc_order *order = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_passes_checkout(mcj_handle(h)->client, &cart, &order, &err);
        obj = order_result(env, st, order, NULL, &err);
    }
    cart_free(&a);
    return obj;
}

static jobject pay_invoice(JNIEnv *env, jclass cls, jlong h, jstring invoice_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, invoice_id, "invoice_id", &id))
        return NULL;
    mc_order *order = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_pay(mcj_handle(h)->client, id, &order, &err);
    /* The server's answer to /v1/invoices/{id}/pay need not repeat the invoice's id (memberstub's
     * does not), and the core then leaves mc_order.invoice_id "": it is the one asked about. */
    jobject obj = order_result(env, st, order, id, &err);
    free(id);
    return obj;
}

/* What the confirmation did, as an org.membercore.InvoicePayment; NULL with an exception
 * pending. */
static jobject new_payment(JNIEnv *env, const mc_invoice_payment *p)
{
    if ((*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jobject obj = NULL, refund = NULL;
    jstring invoice_id = mcj_str(env, p->invoice_id);
    jstring number = invoice_id ? mcj_str(env, p->invoice_number) : NULL;
    bool ok = number != NULL && (p->refund == NULL || (refund = new_refund(env, p->refund)));
    if (ok)
        obj = (*env)->NewObject(env, bl.payment, bl.payment_init, invoice_id, number, refund);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject confirm_invoice_payment(JNIEnv *env, jclass cls, jlong h, jstring order_id,
                                       jstring payment_id, jstring signature)
{
    (void)cls;
    char *o = NULL, *p = NULL, *s = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, order_id, "order_id", &o) && mcj_arg(env, payment_id, "payment_id", &p) &&
        mcj_arg(env, signature, "signature", &s)) {
        mc_error err = MC_ERROR_INIT;
        mc_invoice_payment *paid = NULL;
        if (mc_invoice_payment_confirm(mcj_handle(h)->client, o, p, s, &paid, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else
            obj = new_payment(env, paid);
        mc_invoice_payment_free(paid);
    }
    free(o);
    free(p);
    free(s);
    return obj;
}

static jobjectArray passes(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_pass_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_passes_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_pass_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array =
        mcj_build_array(env, bl.pass, list->items, sizeof *list->items, list->count, new_pass);
    mc_pass_list_free(list);
    return array;
}

static jobjectArray invoices(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_invoice_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_invoices_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_invoice_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, bl.invoice, list->items, sizeof *list->items,
                                         list->count, new_invoice);
    mc_invoice_list_free(list);
    return array;
}

static jobject passes_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_pass_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_passes_page(mcj_handle(h)->client, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, bl.pass, list->items, sizeof *list->items, list->count,
                               new_pass, list->next_cursor);
    mc_pass_list_free(list);
    return result;
}

static jobject invoices_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_invoice_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoices_page(mcj_handle(h)->client, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, bl.invoice, list->items, sizeof *list->items, list->count,
                               new_invoice, list->next_cursor);
    mc_invoice_list_free(list);
    return result;
}

static jobject membership(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_membership *m = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_membership_get(mcj_handle(h)->client, &m, &err) != MC_OK) {
        mc_membership_free(m);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobject obj = new_membership(env, m);
    mc_membership_free(m);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"quotePasses", "(J" S "[" S "[" S "[" S ")" PKG "Quote;", (void *)quote_passes},
    {"checkoutPasses", "(J" S "[" S "[" S "[" S ")" PKG "Order;", (void *)checkout_passes},
    {"payInvoice", "(J" S ")" PKG "Order;", (void *)pay_invoice},
    {"confirmInvoicePayment", "(J" S S S ")" PKG "InvoicePayment;",
     (void *)confirm_invoice_payment},
    {"passes", "(J)[" PKG "Pass;", (void *)passes},
    {"passesPage", "(JI" S ")" PKG "ListPage;", (void *)passes_page},
    {"invoices", "(J)[" PKG "Invoice;", (void *)invoices},
    {"invoicesPage", "(JI" S ")" PKG "ListPage;", (void *)invoices_page},
    {"membership", "(J)" PKG "Membership;", (void *)membership},
};

const mcj_area mcj_billing_area = MCJ_AREA("billing", classes, natives);
