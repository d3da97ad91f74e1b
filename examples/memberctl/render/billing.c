/*
 * render/billing.c - membercore/billing.h as memberctl shows it: day passes,
 * a cart's quote and its broken rules, Razorpay orders, invoices and the
 * membership, and what buying and paying did; as text or JSON. Money is an
 * mc_money, shown through mc_money_format (the building's currency); instants are the
 * building's local time with its zone label, as the core converted them; pass
 * dates are the building's local dates.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "parse/values.h"
#include "render/json.h"
#include "render/list.h"

#define PAY_NEXT "memberctl pay --order %s --payment PAY_ID --signature SIG"

void render_money(mc_money money, char *out, size_t out_cap)
{
    mc_money_format(money, out, out_cap);
}

void render_right(const char *text, int width)
{
    int columns = 0;
    for (const char *p = text; *p != '\0'; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
            columns++;
    printf("%*s%s", columns < width ? width - columns : 0, "", text);
}

void render_holder(const char *name, const char *email, char *out, size_t out_cap)
{
    if (out_str(email)[0] == '\0')
        snprintf(out, out_cap, "you");
    else
        snprintf(out, out_cap, "%s <%s>", out_str(name), email);
}

/* ---- Orders -------------------------------------------------------------------- */

static cJSON *order_json(const mc_order *o)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "invoice_id", out_str(o->invoice_id)) != NULL &&
              cJSON_AddStringToObject(obj, "order_id", out_str(o->order_id)) != NULL &&
              cJSON_AddStringToObject(obj, "key_id", out_str(o->key_id)) != NULL &&
              json_add_money(obj, "amount", o->amount) &&
              json_add_local_time(obj, "hold_expires_at", o->hold_expires_at_ms,
                                  &o->hold_expires_at, true);
    return json_finish(obj, ok);
}

/* The order (invoice, order, amount, key id, hold), then how to confirm its payment. */
static void order_text(const mc_order *o, const char *next)
{
    char amount[RENDER_MONEY_MAX];
    render_money(o->amount, amount, sizeof amount);
    printf("  Invoice     %s\n", out_str(o->invoice_id));
    printf("  Order       %s (Razorpay)\n", out_str(o->order_id));
    printf("  Amount      %s (%s)\n", amount, o->amount.currency);
    printf("  Key id      %s\n", out_str(o->key_id));
    if (o->hold_expires_at_ms != 0) {
        char hold[DATETIME_LOCAL_MAX];
        datetime_format_local(&o->hold_expires_at, false, "?", hold, sizeof hold);
        printf("  Held until  %s; unpaid by then, the passes are released\n", hold);
    } /* else nothing is held (an invoice's own order): no line to read */
    printf("Pay it with Razorpay checkout, then confirm with what checkout returns:\n");
    printf("  %s\n", next);
}

/* ---- Passes ------------------------------------------------------------------- */

static cJSON *pass_json(const void *item)
{
    const mc_pass *p = item;
    const char *name = out_str(p->holder_name);
    const char *email = out_str(p->holder_email);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(p->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(p->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "date", out_str(p->date)) != NULL &&
              cJSON_AddBoolToObject(obj, "self", name[0] == '\0' && email[0] == '\0') != NULL &&
              cJSON_AddStringToObject(obj, "holder_name", name) != NULL &&
              cJSON_AddStringToObject(obj, "holder_email", email) != NULL &&
              cJSON_AddStringToObject(obj, "status", mc_pass_status_name(p->status)) != NULL &&
              cJSON_AddStringToObject(obj, "invoice_id", out_str(p->invoice_id)) != NULL &&
              cJSON_AddStringToObject(obj, "credential_id", out_str(p->credential_id)) != NULL;
    return json_finish(obj, ok);
}

/* A pass on one line: "  ID  DATE  BUILDING  STATUS  HOLDER, credential ...". */
static void pass_text(const void *item, const void *context)
{
    const mc_pass *p = item;
    (void)context;
    const char *name = out_str(p->holder_name);
    const char *email = out_str(p->holder_email);
    char holder[VALUES_GUEST_NAME_MAX + VALUES_GUEST_EMAIL_MAX + 8];
    if (name[0] == '\0' && email[0] == '\0')
        snprintf(holder, sizeof holder, "you");
    else
        snprintf(holder, sizeof holder, "%s <%s>", name, email);
    const char *credential = out_str(p->credential_id);
    printf("  %s  %s  %s  %-8s  %s", out_str(p->id), out_str(p->date), out_str(p->building_id),
           mc_pass_status_name(p->status), holder);
    if (credential[0] != '\0')
        printf(", credential %s%s", credential, email[0] != '\0' ? " (emailed to them)" : "");
    printf("\n");
}

int render_passes(const app *a, const mc_pass_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("passes", &v, pass_json));
    if (list->count == 0) {
        printf("No day passes on this device (memberctl sync fetches them; buy with: memberctl "
               "passes buy --building B PASS...).\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu day pass%s (dates are the building's local dates):\n", list->count,
           list->count == 1 ? "" : "es");
    bool active = false, held = false;
    for (size_t i = 0; i < list->count; i++) {
        active = active || out_str(list->items[i].credential_id)[0] != '\0';
        held = held || list->items[i].status == MC_PASS_HELD;
    }
    list_text(&v, pass_text, NULL);
    if (held)
        printf("A held pass is waiting for payment (memberctl invoices; memberctl pay "
               "INVOICE_ID).\n");
    if (active)
        printf("Show one at the door with: memberctl qr PASS_ID\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- A cart's quote ----------------------------------------------------------- */

static cJSON *cart_item_json(const mc_pass_item *item, size_t index)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "pass", (double)(index + 1)) != NULL &&
              cJSON_AddStringToObject(obj, "date", item->date) != NULL;
    if (ok && item->guest_email == NULL) {
        ok = cJSON_AddNullToObject(obj, "guest") != NULL;
    } else if (ok) {
        cJSON *guest = cJSON_AddObjectToObject(obj, "guest");
        ok = guest != NULL &&
             cJSON_AddStringToObject(guest, "name", out_str(item->guest_name)) != NULL &&
             cJSON_AddStringToObject(guest, "email", item->guest_email) != NULL;
    }
    return json_finish(obj, ok);
}

/* The cart's passes, numbered from 1 (an item does not know its place). */
static cJSON *cart_items_json(const mc_cart *cart)
{
    cJSON *array = cJSON_CreateArray();
    bool ok = array != NULL;
    for (size_t i = 0; ok && i < cart->count; i++)
        ok = json_append(array, cart_item_json(&cart->items[i], i));
    return json_finish(array, ok);
}

/* The message of a violation without the core's "pass N: " lead, which the
 * output already shows. */
static const char *violation_text(const mc_violation *v)
{
    const char *message = out_str(v->message);
    char lead[32];
    int n = snprintf(lead, sizeof lead, "pass %d: ", (int)v->index + 1);
    if (n > 0 && strncmp(message, lead, (size_t)n) == 0)
        return message + n;
    return message;
}

static cJSON *violation_json(const void *item)
{
    const mc_violation *v = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "index", v->index) != NULL &&
              cJSON_AddNumberToObject(obj, "pass", v->index + 1) != NULL &&
              cJSON_AddStringToObject(obj, "rule", out_str(v->rule)) != NULL &&
              cJSON_AddStringToObject(obj, "message", out_str(v->message)) != NULL;
    return json_finish(obj, ok);
}

static void violation_row_text(const void *item, const void *context)
{
    const mc_violation *v = item;
    (void)context;
    printf("  pass %d  %-13s %s\n", (int)v->index + 1, out_str(v->rule), violation_text(v));
}

static cJSON *quote_json(const mc_cart *cart, const mc_quote *q)
{
    list_view violations = LIST_VIEW(q->violations, q->violation_count);
    cJSON *root = cJSON_CreateObject();
    cJSON *obj = root != NULL ? cJSON_AddObjectToObject(root, "quote") : NULL;
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "building_id", cart->building_id) != NULL &&
              json_add_item(obj, "passes", cart_items_json(cart)) &&
              json_add_money(obj, "unit", q->unit) &&
              cJSON_AddNumberToObject(obj, "tier_passes", q->tier_passes) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_pct", q->discount_pct) != NULL &&
              json_add_money(obj, "subtotal", q->subtotal) &&
              json_add_money(obj, "discount", q->discount) &&
              json_add_tax(obj, "tax_rule", q->tax_rule) && json_add_money(obj, "tax", q->tax) &&
              json_add_money(obj, "total", q->total) &&
              list_add_json(obj, "violations", &violations, violation_json);
    return json_finish(root, ok);
}

/* A label and a right-aligned amount (12 columns), then note. */
static void money_line_text(const char *label, mc_money money, const char *note)
{
    char amount[RENDER_MONEY_MAX];
    render_money(money, amount, sizeof amount);
    printf("  %-10s ", label);
    render_right(amount, 12);
    printf("%s\n", note);
}

static void quote_text(const mc_cart *cart, const mc_quote *q)
{
    printf("Quote for %zu day pass%s at %s (the building's local dates):\n", cart->count,
           cart->count == 1 ? "" : "es", cart->building_id);
    for (size_t i = 0; i < cart->count; i++) {
        char holder[VALUES_GUEST_NAME_MAX + VALUES_GUEST_EMAIL_MAX + 8];
        render_holder(cart->items[i].guest_name, cart->items[i].guest_email, holder, sizeof holder);
        printf("  %2zu. %s  %s\n", i + 1, cart->items[i].date, holder);
    }
    char tier[32], discount[64], unit[RENDER_MONEY_MAX], note[80], tax[RENDER_MONEY_MAX];
    snprintf(tier, sizeof tier, "%d pass%s", (int)q->tier_passes, q->tier_passes == 1 ? "" : "es");
    if (q->discount_pct > 0)
        snprintf(discount, sizeof discount, " (bundle of %d or more: %d%% off)",
                 (int)q->tier_passes, (int)q->discount_pct);
    else
        snprintf(discount, sizeof discount, " (no bundle discount)");
    render_money(q->unit, unit, sizeof unit);
    snprintf(note, sizeof note, "  (%zu x %s)", cart->count, unit);
    mc_tax_format(q->tax_rule, tax, sizeof tax);
    mc_money less = q->discount;
    less.minor = -less.minor;
    money_line_text("Unit price", q->unit, " per pass");
    printf("  %-10s %12s%s\n", "Tier", q->tier_passes > 0 ? tier : "none", discount);
    money_line_text("Subtotal", q->subtotal, note);
    money_line_text("Discount", less, "");
    money_line_text(tax, q->tax, "  (on the subtotal less the discount)");
    money_line_text("Total", q->total, "");
    if (q->violation_count == 0) {
        printf("The server checks capacity at checkout. Buy with:\n");
        printf("  memberctl passes buy --building %s PASS... (the same passes)\n",
               cart->building_id);
        return;
    }
    printf("%zu rule%s broken (the server would refuse this cart):\n", q->violation_count,
           q->violation_count == 1 ? "" : "s");
    list_view violations = LIST_VIEW(q->violations, q->violation_count);
    list_text(&violations, violation_row_text, NULL);
}

/* How many passes of a cart of count break at least one rule. */
static size_t passes_broken(const mc_quote *q, size_t count)
{
    size_t broken = 0;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < q->violation_count; k++) {
            if (q->violations[k].index == (int32_t)i) {
                broken++;
                break;
            }
        }
    }
    return broken;
}

int render_quote(const app *a, const mc_cart *cart, const mc_quote *q)
{
    if (q->violation_count == 0) {
        if (a->json)
            return out_json(a, quote_json(cart, q));
        quote_text(cart, q);
        return MEMBERCTL_EXIT_OK;
    }
    char msg[128];
    size_t broken = passes_broken(q, cart->count);
    if (cart->count == 1)
        snprintf(msg, sizeof msg, "the pass breaks a rule");
    else
        snprintf(msg, sizeof msg, "%zu of the %zu passes break%s a rule", broken, cart->count,
                 broken == 1 ? "s" : "");
    if (!a->json)
        quote_text(cart, q);
    return out_error_in(a, "cart_invalid", MC_ERR_CONFLICT, msg,
                        a->json ? quote_json(cart, q) : NULL);
}

/* ---- Buying and paying -------------------------------------------------------- */

static bool of_invoice(const void *item, const void *context)
{
    return strcmp(out_str(((const mc_pass *)item)->invoice_id), (const char *)context) == 0;
}

int render_bought(const app *a, const mc_cart *cart, const mc_order *o, const mc_pass_list *list)
{
    char next[256];
    snprintf(next, sizeof next, PAY_NEXT, out_str(o->order_id));
    /* The passes the order holds (the checkout synced them; list may be NULL). */
    list_view held = {NULL, 0, sizeof(mc_pass), of_invoice, out_str(o->invoice_id)};
    if (list != NULL) {
        held.items = list->items;
        held.count = list->count;
    }
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "order", order_json(o)) &&
                  list_add_json(root, "passes", &held, pass_json) &&
                  cJSON_AddStringToObject(root, "next", next) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    printf("%zu day pass%s at %s: held for 15 minutes, waiting for payment.\n", cart->count,
           cart->count == 1 ? "" : "es", cart->building_id);
    if (list_text(&held, pass_text, NULL) == 0)
        printf("  (memberctl sync brings the held passes into memberctl passes)\n");
    order_text(o, next);
    return MEMBERCTL_EXIT_OK;
}

int render_invoice_order(const app *a, const char *invoice_id, const mc_order *o)
{
    char next[256];
    snprintf(next, sizeof next, PAY_NEXT, out_str(o->order_id));
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "order", order_json(o)) &&
                  cJSON_AddStringToObject(root, "next", next) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    printf("Invoice %s: a Razorpay order to pay it.\n", invoice_id);
    order_text(o, next);
    return MEMBERCTL_EXIT_OK;
}

static cJSON *refund_json(const void *item)
{
    const mc_refund *r = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(r->id)) != NULL &&
              cJSON_AddStringToObject(obj, "order_id", out_str(r->order_id)) != NULL &&
              json_add_money(obj, "amount", r->amount) &&
              cJSON_AddStringToObject(obj, "reason", out_str(r->reason)) != NULL &&
              cJSON_AddStringToObject(obj, "status", out_str(r->status)) != NULL &&
              json_add_time(obj, "created_at", r->created_at_ms, true);
    return json_finish(obj, ok);
}

/* "      refund ref_x: ₹944.00 back to the payer of order order_y (pending); ...". */
static void refund_text(const void *item, const void *context)
{
    const mc_refund *r = item;
    (void)context;
    char amount[RENDER_MONEY_MAX];
    render_money(r->amount, amount, sizeof amount);
    printf("      refund %s: %s back to the payer of order %s (%s): it was paid already\n",
           out_str(r->id), amount, out_str(r->order_id), out_str(r->status));
}

int render_payment_confirmed(const app *a, const char *order_id, const mc_invoice_payment *p)
{
    const mc_refund *refund = p != NULL ? p->refund : NULL;
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok =
            root != NULL && cJSON_AddStringToObject(root, "order_id", order_id) != NULL &&
            cJSON_AddBoolToObject(root, "paid", true) != NULL &&
            cJSON_AddStringToObject(root, "invoice_id", p ? out_str(p->invoice_id) : "") &&
            cJSON_AddStringToObject(root, "invoice_number", p ? out_str(p->invoice_number) : "") &&
            (refund != NULL ? json_add_item(root, "refund", refund_json(refund))
                            : cJSON_AddNullToObject(root, "refund") != NULL);
        return out_json(a, json_finish(root, ok));
    }
    if (refund != NULL) {
        char amount[RENDER_MONEY_MAX];
        render_money(refund->amount, amount, sizeof amount);
        printf("Invoice %s was already paid; your payment of %s will be refunded (refund %s,\n"
               "%s). Nothing else changed; memberctl notifications has the notice and\n"
               "memberctl invoices shows the refund on the invoice.\n",
               out_str(p->invoice_number), amount, out_str(refund->id), out_str(refund->status));
        return MEMBERCTL_EXIT_OK;
    }
    printf("Payment confirmed by the server: order %s is paid, and this device is synced.\n",
           order_id);
    printf("memberctl passes shows the passes (active, with their access credentials);\n"
           "memberctl invoices the paid invoice; memberctl qr PASS_ID the door code.\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- Invoices ------------------------------------------------------------------ */

static bool invoice_is_payable(const mc_invoice *inv)
{
    return inv->status == MC_INVOICE_ISSUED || inv->status == MC_INVOICE_OVERDUE;
}

static cJSON *invoice_line_json(const void *item)
{
    const mc_invoice_line *line = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "description", out_str(line->description)) != NULL &&
              cJSON_AddNumberToObject(obj, "quantity", line->quantity) != NULL &&
              json_add_money(obj, "unit", line->unit) &&
              json_add_money(obj, "amount", line->amount);
    return json_finish(obj, ok);
}

static void invoice_line_text(const void *item, const void *context)
{
    const mc_invoice_line *line = item;
    (void)context;
    char unit[RENDER_MONEY_MAX], amount[RENDER_MONEY_MAX];
    render_money(line->unit, unit, sizeof unit);
    render_money(line->amount, amount, sizeof amount);
    printf("      %d x %s at %s = %s\n", (int)line->quantity, out_str(line->description), unit,
           amount);
}

cJSON *render_invoice_json(const void *item)
{
    const mc_invoice *inv = item;
    list_view lines = LIST_VIEW(inv->lines, inv->line_count);
    list_view refunds = LIST_VIEW(inv->refunds, inv->refund_count);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(inv->id)) != NULL &&
              cJSON_AddStringToObject(obj, "number", out_str(inv->number)) != NULL &&
              cJSON_AddStringToObject(obj, "status", mc_invoice_status_name(inv->status)) != NULL &&
              list_add_json(obj, "lines", &lines, invoice_line_json) &&
              json_add_money(obj, "subtotal", inv->subtotal) &&
              json_add_money(obj, "discount", inv->discount) &&
              json_add_tax(obj, "tax_rule", inv->tax_rule) &&
              json_add_money(obj, "tax", inv->tax) && json_add_money(obj, "total", inv->total) &&
              json_add_local_time(obj, "issued_at", inv->issued_at_ms, &inv->issued_at, true) &&
              json_add_local_time(obj, "due_at", inv->due_at_ms, &inv->due_at, true) &&
              json_add_local_time(obj, "paid_at", inv->paid_at_ms, &inv->paid_at, true) &&
              json_add_local_time(obj, "voided_at", inv->voided_at_ms, &inv->voided_at, true) &&
              list_add_json(obj, "refunds", &refunds, refund_json);
    return json_finish(obj, ok);
}

static void invoice_text(const void *item, const void *context)
{
    const mc_invoice *inv = item;
    (void)context;
    char total[RENDER_MONEY_MAX], issued[DATETIME_LOCAL_MAX], due[DATETIME_LOCAL_MAX],
        paid[DATETIME_LOCAL_MAX];
    render_money(inv->total, total, sizeof total);
    datetime_format_local(&inv->issued_at, false, "not yet", issued, sizeof issued);
    datetime_format_local_deadline(&inv->due_at, "none", due, sizeof due);
    datetime_format_local(&inv->paid_at, false, "", paid, sizeof paid);
    const char *number = out_str(inv->number);
    list_view lines = LIST_VIEW(inv->lines, inv->line_count);
    if (inv->status == MC_INVOICE_EXPIRED) {
        /* Never an invoice to pay: a checkout whose hold lapsed. */
        char lapsed[DATETIME_LOCAL_MAX];
        datetime_format_local(&inv->voided_at, false, "?", lapsed, sizeof lapsed);
        printf("  (no number)    %-7s  %s  (id %s)\n", mc_invoice_status_name(inv->status), total,
               out_str(inv->id));
        printf("      checkout expired, the hold lapsed at %s unpaid: nothing is owed and its\n"
               "      passes were released\n",
               lapsed);
        list_text(&lines, invoice_line_text, NULL);
        return;
    }
    printf("  %s  %-7s  %s  (id %s)\n", number[0] != '\0' ? number : "(no number yet)",
           mc_invoice_status_name(inv->status), total, out_str(inv->id));
    printf("      issued %s, due %s, %s%s\n", issued, due, paid[0] != '\0' ? "paid " : "not paid",
           paid);
    list_text(&lines, invoice_line_text, NULL);
    char subtotal[RENDER_MONEY_MAX], discount[RENDER_MONEY_MAX], tax[RENDER_MONEY_MAX],
        rule[RENDER_MONEY_MAX];
    mc_money less = inv->discount;
    less.minor = -less.minor;
    render_money(inv->subtotal, subtotal, sizeof subtotal);
    render_money(less, discount, sizeof discount);
    render_money(inv->tax, tax, sizeof tax);
    mc_tax_format(inv->tax_rule, rule, sizeof rule);
    printf("      subtotal %s, discount %s, %s %s, total %s\n", subtotal, discount, rule, tax,
           total);
    list_view refunds = LIST_VIEW(inv->refunds, inv->refund_count);
    list_text(&refunds, refund_text, NULL);
}

int render_invoices(const app *a, const mc_invoice_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("invoices", &v, render_invoice_json));
    if (list->count == 0) {
        printf("No invoices on this device (memberctl sync fetches them).\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu invoice%s, newest first:\n", list->count, list->count == 1 ? "" : "s");
    bool payable = false;
    for (size_t i = 0; i < list->count; i++)
        payable = payable || invoice_is_payable(&list->items[i]);
    list_text(&v, invoice_text, NULL);
    if (payable)
        printf("Pay an issued or overdue invoice by its number with: memberctl pay INV-...\n");
    return MEMBERCTL_EXIT_OK;
}

/* ---- Membership ---------------------------------------------------------------- */

static cJSON *membership_json(const mc_membership *m)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *obj = root != NULL ? cJSON_AddObjectToObject(root, "membership") : NULL;
    bool ok =
        obj != NULL &&
        cJSON_AddStringToObject(obj, "status", mc_membership_status_name(m->status)) != NULL &&
        cJSON_AddStringToObject(obj, "plan", out_str(m->plan)) != NULL &&
        cJSON_AddStringToObject(obj, "company_id", out_str(m->company_id)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(m->building_id)) != NULL &&
        cJSON_AddStringToObject(obj, "seat", out_str(m->seat)) != NULL &&
        cJSON_AddStringToObject(obj, "contract_start", out_str(m->contract_start)) != NULL &&
        cJSON_AddStringToObject(obj, "contract_end", out_str(m->contract_end)) != NULL;
    return json_finish(root, ok);
}

int render_membership(const app *a, const mc_membership *m)
{
    if (a->json)
        return out_json(a, membership_json(m));
    if (m->status == MC_MEMBERSHIP_NONE) {
        printf("No membership on this device: you use day passes and rooms on demand\n"
               "(memberctl passes quote; memberctl sync fetches a new membership).\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("Membership: %s\n", mc_membership_status_name(m->status));
    render_field_text("Plan:", out_str(m->plan));
    render_field_text("Company:", out_str(m->company_id));
    render_field_text("Building:", out_str(m->building_id));
    render_field_text("Seat:", out_str(m->seat));
    const char *start = out_str(m->contract_start), *end = out_str(m->contract_end);
    if (start[0] != '\0' || end[0] != '\0')
        printf("  %-9s %s to %s\n", "Contract:", start[0] != '\0' ? start : "?",
               end[0] != '\0' ? end : "open-ended");
    return MEMBERCTL_EXIT_OK;
}
