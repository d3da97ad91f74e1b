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
#include "parse/datetime.h"
#include "parse/values.h"
#include "render/render.h"

#define MAX_PASSES 50 /* billing.h: a cart holds 1..50 passes */

#define PASS_SHAPE "DATE (YYYY-MM-DD, for you) or \"DATE:Name <email>\" (a guest)"

/* ---- the cart, as typed ------------------------------------------------------ */

typedef struct pass_text {
    char date[DATETIME_DATE_MAX];
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
    if (w == NULL)
        return out_no_memory(a, "out of memory");
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

/* ---- passes quote ------------------------------------------------------------ */

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
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "memberctl sync fetches the buildings and their day-pass prices."},
            {MC_OK, NULL}};
        free(w);
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_quote(a, &w->cart, q);
    mc_quote_free(q);
    free(w);
    return rc;
}

/* ---- passes buy -------------------------------------------------------------- */

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
    rc = render_bought(a, &w->cart, o, list);
    mc_pass_list_free(list);
    mc_order_free(o);
    free(w);
    return rc;
}

/* ---- passes (list) ----------------------------------------------------------- */

static int passes_list(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_pass_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_passes_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_passes(a, list);
    mc_pass_list_free(list);
    return rc;
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
    "passes, 15% from 10: the building's tiers). Everything is in the\n"
    "building's currency, taxed by its rule (GST 18% in India, VAT 20% in the\n"
    "UK) on the subtotal less the discount, rounded to the minor unit.\n"
    "\n"
    "list (the default): your passes from the local store, by date: id, date,\n"
    "building, status (held, active, released), holder, and the access\n"
    "credential once paid (memberctl qr shows its door code).\n"
    "\n"
    "quote: prices the cart from the local store (no network needed; memberctl\n"
    "sync refreshes the prices): unit price, bundle tier, subtotal, discount,\n"
    "tax, total; then each rule a pass breaks (past_date, beyond_window,\n"
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
    "A broken rule or a full day exits 2 (conflict); so do 20 unpaid passes\n"
    "held at once (rule hold_limit) and a date whose held passes lapsed under\n"
    "30 minutes ago (rule hold_cooldown); offline exits 2.\n"
    "  --building B   e.g. BLR-1 (required)\n"
    "\n"
    "JSON: list: {\"passes\":[{\"id\",\"building_id\",\"date\",\"self\",\"holder_name\",\n"
    "       \"holder_email\",\"status\",\"invoice_id\",\"credential_id\"}]}\n"
    "      quote: {\"quote\":{\"building_id\",\"passes\":[{\"pass\",\"date\",\n"
    "       \"guest\":{\"name\",\"email\"}|null}],\"unit\":MONEY,\"tier_passes\",\n"
    "       \"discount_pct\",\"subtotal\":MONEY,\"discount\":MONEY,\"tax_rule\":TAX,\n"
    "       \"tax\":MONEY,\"total\":MONEY,\n"
    "       \"violations\":[{\"index\",\"pass\",\"rule\",\"message\"}]}}\n"
    "       plus \"error\":{\"code\":\"cart_invalid\",...} when a rule is broken\n"
    "      buy: {\"order\":{\"invoice_id\",\"order_id\",\"key_id\",\"amount\":MONEY,\n"
    "       \"hold_expires_at_ms\",\"hold_expires_at\",\n"
    "       \"hold_expires_at_local\",\"hold_expires_at_zone\"},\n"
    "       \"passes\":[...as in list],\"next\":COMMAND}\n"
    "      (MONEY and TAX as in memberctl help invoices)\n",
    run_passes,
};
