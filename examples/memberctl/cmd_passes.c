/*
 * cmd_passes.c - passes, passes quote and passes buy: open-space day passes
 * (membercore/billing.h). The quote is local (the synced prices and the rules
 * the device knows); buying is online: the server re-checks the cart, holds
 * the seats for 15 minutes and opens a Razorpay order that 'memberctl pay'
 * confirms. The list answers from the local store. Dates typed and shown here
 * are the building's local ones.
 */
#include "memberctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "values.h"

#define MAX_PASSES 50 /* billing.h: a cart holds 1..50 passes */

#define PASS_SHAPE "DATE (YYYY-MM-DD, for you) or \"DATE:Name <email>\" (a guest)"

/* ---- the cart, as typed ------------------------------------------------------ */

typedef struct pass_text {
    char date[VALUES_DATE_MAX];
    char name[VALUES_GUEST_NAME_MAX];
    char email[VALUES_GUEST_EMAIL_MAX];
} pass_text;

/* The cart and the text its items point into. */
typedef struct cart_words {
    pass_text texts[MAX_PASSES];
    mc_pass_item items[MAX_PASSES];
    mc_cart cart;
} cart_words;

/*
 * Parse "--building B PASS..." into *out (allocated; free() it). Returns
 * COMMAND_CONTINUE, or the exit code of --help or a usage error.
 */
static int parse_cart(app *a, const command *self, int argc, char **argv, cart_words **out)
{
    *out = NULL;
    arg_opt opts[] = {{"--building", true, NULL}};
    args p = {.opts = opts, .nopts = 1, .pos_max = ARGS_POS_MAX};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *building = args_value(&p, "--building");
    if (building == NULL)
        return out_usage(a, self, "missing option '--building' (e.g. BLR-1)");
    if (building[0] == '\0')
        return out_usage(a, self, "option '--building' is empty");
    if (p.npos == 0)
        return out_usage(a, self, "missing PASS: each is %s", PASS_SHAPE);
    if (p.npos > MAX_PASSES)
        return out_usage(a, self, "%d passes: a cart holds 1 to %d", p.npos, MAX_PASSES);

    cart_words *w = calloc(1, sizeof *w);
    if (w == NULL) {
        mc_error err = {.code = MC_ERR_NO_MEMORY, .attempts_left = -1, .message = "out of memory"};
        return out_core_error(a, MC_ERR_NO_MEMORY, &err);
    }
    for (int i = 0; i < p.npos; i++) {
        pass_text *t = &w->texts[i];
        if (!values_parse_pass(p.pos[i], t->date, sizeof t->date, t->name, sizeof t->name, t->email,
                               sizeof t->email)) {
            free(w);
            return out_usage(a, self,
                             "pass %d: '%s' is not a pass: each is %s, e.g. 2027-03-01 or "
                             "\"2027-03-01:Ravi Kumar <ravi@example.in>\"",
                             i + 1, p.pos[i], PASS_SHAPE);
        }
        bool guest = t->email[0] != '\0';
        w->items[i] = (mc_pass_item){t->date, guest ? t->name : NULL, guest ? t->email : NULL};
    }
    w->cart = (mc_cart){building, w->items, (size_t)p.npos};
    *out = w;
    return COMMAND_CONTINUE;
}

/* "you" or "Name <email>" for a pass of the cart, into out. */
static void item_holder(const mc_pass_item *item, char *out, size_t out_cap)
{
    if (item->guest_email == NULL)
        snprintf(out, out_cap, "you");
    else
        snprintf(out, out_cap, "%s <%s>", out_str(item->guest_name), item->guest_email);
}

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
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *cart_items_json(const mc_cart *cart)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && i < cart->count; i++) {
        cJSON *obj = cart_item_json(&cart->items[i], i);
        if (obj == NULL || !cJSON_AddItemToArray(array, obj)) {
            cJSON_Delete(obj);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

/* ---- passes quote ------------------------------------------------------------ */

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

static cJSON *violations_json(const mc_quote *q)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && i < q->violation_count; i++) {
        const mc_violation *v = &q->violations[i];
        cJSON *obj = cJSON_CreateObject();
        bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "index", v->index) != NULL &&
                  cJSON_AddNumberToObject(obj, "pass", v->index + 1) != NULL &&
                  cJSON_AddStringToObject(obj, "rule", out_str(v->rule)) != NULL &&
                  cJSON_AddStringToObject(obj, "message", out_str(v->message)) != NULL &&
                  cJSON_AddItemToArray(array, obj);
        if (!ok) {
            cJSON_Delete(obj);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

static cJSON *quote_json(const mc_cart *cart, const mc_quote *q)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *obj = root != NULL ? cJSON_AddObjectToObject(root, "quote") : NULL;
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "building_id", cart->building_id) != NULL &&
              out_add_item(obj, "passes", cart_items_json(cart)) &&
              cJSON_AddNumberToObject(obj, "unit_paise", (double)q->unit_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "tier_passes", q->tier_passes) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_pct", q->discount_pct) != NULL &&
              cJSON_AddNumberToObject(obj, "subtotal_paise", (double)q->subtotal_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_paise", (double)q->discount_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "gst_paise", (double)q->gst_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "total_paise", (double)q->total_paise) != NULL &&
              out_add_item(obj, "violations", violations_json(q));
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* A label and a right-aligned amount (12 columns: the rupee sign is 3 bytes
 * and one column), then note. */
static void print_money_line(const char *label, int64_t paise, const char *note)
{
    char amount[OUT_RUPEES_MAX];
    out_rupees(paise, amount, sizeof amount);
    printf("  %-10s %14s%s\n", label, amount, note);
}

static void print_quote_human(const mc_cart *cart, const mc_quote *q)
{
    printf("Quote for %zu day pass%s at %s (the building's local dates):\n", cart->count,
           cart->count == 1 ? "" : "es", cart->building_id);
    for (size_t i = 0; i < cart->count; i++) {
        char holder[VALUES_GUEST_NAME_MAX + VALUES_GUEST_EMAIL_MAX + 8];
        item_holder(&cart->items[i], holder, sizeof holder);
        printf("  %2zu. %s  %s\n", i + 1, cart->items[i].date, holder);
    }
    char tier[32], discount[64], unit[OUT_RUPEES_MAX], note[64];
    snprintf(tier, sizeof tier, "%d pass%s", (int)q->tier_passes, q->tier_passes == 1 ? "" : "es");
    if (q->discount_pct > 0)
        snprintf(discount, sizeof discount, " (bundle of %d or more: %d%% off)",
                 (int)q->tier_passes, (int)q->discount_pct);
    else
        snprintf(discount, sizeof discount, " (no bundle discount)");
    out_rupees(q->unit_paise, unit, sizeof unit);
    snprintf(note, sizeof note, "  (%zu x %s)", cart->count, unit);
    print_money_line("Unit price", q->unit_paise, " per pass");
    printf("  %-10s %12s%s\n", "Tier", q->tier_passes > 0 ? tier : "none", discount);
    print_money_line("Subtotal", q->subtotal_paise, note);
    print_money_line("Discount", -q->discount_paise, "");
    print_money_line("GST 18%", q->gst_paise, "  (on the subtotal less the discount)");
    print_money_line("Total", q->total_paise, "");
    if (q->violation_count == 0) {
        printf("The server checks capacity at checkout. Buy with:\n");
        printf("  memberctl passes buy --building %s PASS... (the same passes)\n",
               cart->building_id);
        return;
    }
    printf("%zu rule%s broken (the server would refuse this cart):\n", q->violation_count,
           q->violation_count == 1 ? "" : "s");
    for (size_t i = 0; i < q->violation_count; i++) {
        const mc_violation *v = &q->violations[i];
        printf("  pass %d  %-13s %s\n", (int)v->index + 1, out_str(v->rule), violation_text(v));
    }
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

static int passes_quote(app *a, const command *self, int argc, char **argv)
{
    cart_words *w = NULL;
    int rc = parse_cart(a, self, argc, argv, &w);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    mc_quote *q = NULL;
    mc_error err = MC_ERROR_INIT;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE) {
        free(w);
        return rc;
    }
    mc_status st = mc_passes_quote(client, &w->cart, &q, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "memberctl sync fetches the buildings and their day-pass prices.\n");
        free(w);
        return rc;
    }
    if (q->violation_count == 0) {
        if (a->json) {
            rc = out_json(a, quote_json(&w->cart, q));
        } else {
            print_quote_human(&w->cart, q);
            rc = MEMBERCTL_EXIT_OK;
        }
    } else {
        char msg[128];
        size_t broken = passes_broken(q, w->cart.count);
        if (w->cart.count == 1)
            snprintf(msg, sizeof msg, "the pass breaks a rule");
        else
            snprintf(msg, sizeof msg, "%zu of the %zu passes break%s a rule", broken, w->cart.count,
                     broken == 1 ? "s" : "");
        if (!a->json)
            print_quote_human(&w->cart, q);
        rc = out_error_in(a, "cart_invalid", MC_ERR_CONFLICT, msg,
                          a->json ? quote_json(&w->cart, q) : NULL);
    }
    mc_quote_free(q);
    free(w);
    return rc;
}

/* ---- passes buy -------------------------------------------------------------- */

/* The passes of invoice_id in list, as a JSON array. */
static cJSON *invoice_passes_json(const mc_pass_list *list, const char *invoice_id)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && list != NULL && i < list->count; i++) {
        if (strcmp(out_str(list->items[i].invoice_id), invoice_id) != 0)
            continue;
        cJSON *obj = out_pass_json(&list->items[i]);
        if (obj == NULL || !cJSON_AddItemToArray(array, obj)) {
            cJSON_Delete(obj);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

static int print_bought(app *a, const mc_cart *cart, const mc_order *o, const mc_pass_list *list)
{
    char next[256];
    out_pay_next(o, next, sizeof next);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && out_add_item(root, "order", out_order_json(o)) &&
                  out_add_item(root, "passes", invoice_passes_json(list, out_str(o->invoice_id))) &&
                  cJSON_AddStringToObject(root, "next", next) != NULL;
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        return out_json(a, root);
    }
    printf("%zu day pass%s at %s: held for 15 minutes, waiting for payment.\n", cart->count,
           cart->count == 1 ? "" : "es", cart->building_id);
    bool any = false;
    for (size_t i = 0; list != NULL && i < list->count; i++) {
        if (strcmp(out_str(list->items[i].invoice_id), out_str(o->invoice_id)) == 0) {
            out_pass_human(&list->items[i]);
            any = true;
        }
    }
    if (!any)
        printf("  (memberctl sync brings the held passes into memberctl passes)\n");
    out_order_human(o);
    return MEMBERCTL_EXIT_OK;
}

static int passes_buy(app *a, const command *self, int argc, char **argv)
{
    cart_words *w = NULL;
    int rc = parse_cart(a, self, argc, argv, &w);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE) {
        free(w);
        return rc;
    }
    mc_order *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_passes_checkout(client, &w->cart, &o, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_CONFLICT)
            fprintf(stderr,
                    "Nothing was bought. See what this device knows with: memberctl passes "
                    "quote --building %s PASS...\n",
                    w->cart.building_id);
        free(w);
        return rc;
    }
    /* The checkout synced the held passes into the local store. */
    mc_pass_list *list = NULL;
    if (mc_passes_list(client, &list, NULL) != MC_OK)
        list = NULL;
    rc = print_bought(a, &w->cart, o, list);
    mc_pass_list_free(list);
    mc_order_free(o);
    free(w);
    return rc;
}

/* ---- passes (list) ----------------------------------------------------------- */

static int passes_list(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_pass_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_passes_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "passes") : NULL;
        bool ok = array != NULL;
        for (size_t i = 0; ok && i < list->count; i++) {
            cJSON *obj = out_pass_json(&list->items[i]);
            ok = obj != NULL && cJSON_AddItemToArray(array, obj);
            if (!ok)
                cJSON_Delete(obj);
        }
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_pass_list_free(list);
        return out_json(a, root);
    }
    if (list->count == 0) {
        printf("No day passes on this device (memberctl sync fetches them; buy with: memberctl "
               "passes buy --building B PASS...).\n");
        mc_pass_list_free(list);
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu day pass%s (dates are the building's local dates):\n", list->count,
           list->count == 1 ? "" : "es");
    bool active = false, held = false;
    for (size_t i = 0; i < list->count; i++) {
        const mc_pass *pass = &list->items[i];
        out_pass_human(pass);
        active = active || out_str(pass->credential_id)[0] != '\0';
        held = held || pass->status == MC_PASS_HELD;
    }
    if (held)
        printf("A held pass is waiting for payment (memberctl invoices; memberctl pay "
               "INVOICE_ID).\n");
    if (active)
        printf("Show one at the door with: memberctl qr PASS_ID\n");
    mc_pass_list_free(list);
    return MEMBERCTL_EXIT_OK;
}

static int run_passes(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return passes_list(a, self, argc, argv);
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "list") == 0)
        return passes_list(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "quote") == 0)
        return passes_quote(a, self, argc - 1, argv + 1);
    if (strcmp(sub, "buy") == 0)
        return passes_buy(a, self, argc - 1, argv + 1);
    if (sub[0] == '-')
        return passes_list(a, self, argc, argv);
    return out_usage(a, self, "unknown subcommand '%s' (list, quote or buy)", sub);
}

const command cmd_passes = {
    "passes",
    "passes [list]\n"
    "   or: memberctl passes quote --building B PASS...\n"
    "   or: memberctl passes buy --building B PASS...",
    "list your day passes (local); price a cart of them; buy them",
    "Open-space day passes. Dates are the building's local ones, whatever this\n"
    "machine's time zone is. Each PASS is one person on one date:\n"
    "  DATE                    for you, e.g. 2027-03-01\n"
    "  \"DATE:Name <email>\"     for a guest, e.g. \"2027-03-01:Ravi <ravi@example.in>\"\n"
    "A cart holds 1 to 50 passes; bundles are cheaper (e.g. 10% off from 5\n"
    "passes, 15% from 10: the building's tiers). GST is 18% of the subtotal\n"
    "less the discount, rounded to the paisa. Amounts are exact rupees.\n"
    "\n"
    "list (the default): your passes from the local store, by date: id, date,\n"
    "building, status (held, active, released), holder, and the access\n"
    "credential once paid (memberctl qr shows its door code).\n"
    "\n"
    "quote: prices the cart from the local store (no network needed; memberctl\n"
    "sync refreshes the prices): unit price, bundle tier, subtotal, discount,\n"
    "GST, total; then each rule a pass breaks (past_date, beyond_window,\n"
    "blackout, closed, duplicate: one pass per person per date). A cart that\n"
    "breaks a rule exits 2 with cart_invalid, after the quote and the\n"
    "violations; a clean cart exits 0. Capacity is only known to the server.\n"
    "  --building B   e.g. BLR-1 (required)\n"
    "\n"
    "buy: online checkout. The server re-checks the cart (capacity too),\n"
    "creates a draft invoice and a Razorpay order, and holds the seats for 15\n"
    "minutes. Prints the invoice, the order, the amount, the key id, the hold's\n"
    "expiry and the next step: pay with Razorpay checkout, then run\n"
    "  memberctl pay --order ORDER --payment PAY_ID --signature SIG\n"
    "A broken rule or a full day exits 2 (conflict); offline exits 2.\n"
    "  --building B   e.g. BLR-1 (required)\n"
    "\n"
    "JSON: list: {\"passes\":[{\"id\",\"building_id\",\"date\",\"self\",\"holder_name\",\n"
    "       \"holder_email\",\"status\",\"invoice_id\",\"credential_id\"}]}\n"
    "      quote: {\"quote\":{\"building_id\",\"passes\":[{\"pass\",\"date\",\n"
    "       \"guest\":{\"name\",\"email\"}|null}],\"unit_paise\",\"tier_passes\",\n"
    "       \"discount_pct\",\"subtotal_paise\",\"discount_paise\",\"gst_paise\",\n"
    "       \"total_paise\",\"violations\":[{\"index\",\"pass\",\"rule\",\"message\"}]}}\n"
    "       plus \"error\":{\"code\":\"cart_invalid\",...} when a rule is broken\n"
    "      buy: {\"order\":{\"invoice_id\",\"order_id\",\"key_id\",\"amount_paise\",\n"
    "       \"currency\",\"hold_expires_at_ms\",\"hold_expires_at\"},\n"
    "       \"passes\":[...as in list],\"next\":COMMAND}\n",
    run_passes,
};
