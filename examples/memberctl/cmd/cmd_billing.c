/*
 * cmd_billing.c - pay, invoices and membership (membercore/billing.h): a
 * Razorpay order for an issued invoice, the confirmation of a payment with
 * what Razorpay checkout returned (both online), and the billing history
 * and membership from the local store (offline).
 */
#include "memberctl.h"

#include "args.h"
#include "render/render.h"

/* ---- pay ------------------------------------------------------------------------ */

/* pay INVOICE_ID: a Razorpay order for an issued or overdue invoice. */
static int pay_invoice(app *a, mc_client *client, const char *invoice_id)
{
    mc_order *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_pay(client, invoice_id, &o, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List the invoices with: memberctl invoices"},
            {MC_ERR_CONFLICT, "Only an issued or overdue invoice is paid this way (a cart's draft "
                              "is paid with the order passes buy printed)."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    int rc = render_invoice_order(a, invoice_id, o);
    mc_order_free(o);
    return rc;
}

/* pay --order ... --payment ... --signature ...: confirm a payment. */
static int pay_confirm(app *a, mc_client *client, const char *order_id, const char *payment_id,
                       const char *signature)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_confirm_payment(client, order_id, payment_id, signature, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_PAYMENT_FAILED,
             "The invoice stays unpaid; a cart's seats are held 15 minutes from checkout."},
            {MC_ERR_CONFLICT,
             "Nothing was confirmed; buy again with: memberctl passes buy --building B PASS..."},
            {MC_ERR_INVALID_ARG,
             "A meeting-room booking's order is confirmed with: memberctl pay-booking"},
            {MC_ERR_NOT_FOUND, "Check the order id printed by memberctl passes buy or pay."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    return render_payment_confirmed(a, order_id);
}

static int run_pay(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {
        {"--order", true, NULL},
        {"--payment", true, NULL},
        {"--signature", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool confirm = false;
    for (size_t i = 0; i < p.nopts; i++)
        confirm = confirm || opts[i].value != NULL;
    if (p.npos == 1 && confirm)
        return out_usage(a, self,
                         "give INVOICE_ID (to get an order) or --order, --payment and "
                         "--signature (to confirm a payment), not both");
    if (p.npos == 0 && !confirm)
        return out_usage(a, self,
                         "missing INVOICE_ID, or --order, --payment and --signature from "
                         "Razorpay checkout");
    for (size_t i = 0; confirm && i < p.nopts; i++) {
        if (opts[i].value == NULL)
            return out_usage(a, self, "missing option '%s'", opts[i].name);
        if (opts[i].value[0] == '\0')
            return out_usage(a, self, "option '%s' is empty", opts[i].name);
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    if (!confirm)
        return pay_invoice(a, client, p.pos[0]);
    return pay_confirm(a, client, args_value(&p, "--order"), args_value(&p, "--payment"),
                       args_value(&p, "--signature"));
}

/* ---- invoices ------------------------------------------------------------------ */

static int run_invoices(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_invoice_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoices_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_invoices(a, list);
    mc_invoice_list_free(list);
    return rc;
}

/* ---- membership ------------------------------------------------------------------ */

static int run_membership(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_membership *m = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_membership_get(client, &m, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    rc = render_membership(a, m);
    mc_membership_free(m);
    return rc;
}

const command cmd_pay = {
    "pay",
    "pay INVOICE_ID\n"
    "   or: memberctl pay --order ORDER_ID --payment PAY_ID --signature SIG",
    "pay an invoice with Razorpay, or confirm a payment (online)",
    "pay INVOICE_ID: a Razorpay order for an issued or overdue invoice (see\n"
    "memberctl invoices): prints the order to pay with Razorpay checkout and\n"
    "the command that confirms it. A paid, void or draft invoice exits 2\n"
    "(conflict; the message says which).\n"
    "\n"
    "pay --order ... --payment ... --signature ...: confirms the payment of an\n"
    "order (from passes buy or pay INVOICE_ID) with what Razorpay checkout\n"
    "returned. Only the server's check of the signature confirms it; a\n"
    "signature it refuses exits 2 (payment_failed). Confirming twice is\n"
    "harmless. A cart's hold that lapsed (15 minutes) exits 2 (conflict). Then\n"
    "this device is synced: the passes are active with their credentials.\n"
    "  --order ORDER_ID    the order printed by passes buy or pay INVOICE_ID\n"
    "  --payment PAY_ID    checkout's razorpay_payment_id\n"
    "  --signature SIG     checkout's razorpay_signature\n"
    "Both need the server (offline: exit 2). A meeting-room booking's payment\n"
    "is confirmed with memberctl pay-booking instead.\n"
    "\n"
    "JSON: pay INVOICE_ID: {\"order\":{...as in passes buy},\"next\":COMMAND}\n"
    "      confirm: {\"order_id\",\"paid\":true}\n",
    run_pay,
};

const command cmd_invoices = {
    "invoices",
    "invoices",
    "list your invoices and their lines (local)",
    "Lists your billing history from the local store, newest first: no network\n"
    "needed (memberctl sync fetches it). For each invoice: number, status\n"
    "(draft, issued, paid, overdue, void), total in its building's currency,\n"
    "when it was issued, is due and was paid (the building's local time and\n"
    "zone), its lines (quantity, description, unit price, amount), subtotal,\n"
    "discount and the tax it charged (\"GST 18%\", \"VAT 20%\").\n"
    "\n"
    "JSON: {\"invoices\":[{\"id\",\"number\",\"status\",\"lines\":[{\"description\",\n"
    "       \"quantity\",\"unit\":MONEY,\"amount\":MONEY}],\"subtotal\":MONEY,\n"
    "       \"discount\":MONEY,\"tax_rule\":TAX,\"tax\":MONEY,\"total\":MONEY,\n"
    "       \"issued_at_ms\",\"issued_at\",\"issued_at_local\",\"issued_at_zone\",\"due_at_ms\",\n"
    "       \"due_at\",\"due_at_local\",\"due_at_zone\",\"paid_at_ms\",\"paid_at\",\n"
    "       \"paid_at_local\",\"paid_at_zone\"}]} (X_at: ISO-8601 UTC; X_at_local: the\n"
    "       building's local time with its offset, \"2026-12-07T16:00:00+05:30\";\n"
    "       X_at_zone: \"IST\")\n"
    "      (a time not set is null; MONEY is {\"minor\",\"currency\",\"text\"}, e.g.\n"
    "      {\"minor\":3000,\"currency\":\"GBP\",\"text\":\"£30.00\"}; TAX is\n"
    "      {\"name\",\"rate_bp\",\"text\"}, e.g. {\"name\":\"VAT\",\"rate_bp\":2000,\n"
    "      \"text\":\"VAT 20%\"})\n",
    run_invoices,
};

const command cmd_membership = {
    "membership",
    "membership",
    "show your membership: plan, seat, contract (local)",
    "Shows your membership from the local store (memberctl sync refreshes it):\n"
    "status (active, or none for on-demand members), plan, company, building,\n"
    "seat, and the contract's start and end dates.\n"
    "\n"
    "JSON: {\"membership\":{\"status\",\"plan\",\"company_id\",\"building_id\",\"seat\",\n"
    "       \"contract_start\",\"contract_end\"}}\n",
    run_membership,
};
