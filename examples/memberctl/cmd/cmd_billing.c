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

/* pay INVOICE: a Razorpay order for an issued or overdue invoice, by its number or id. */
static int pay_invoice(app *a, mc_client *client, const char *invoice_id)
{
    mc_order *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_pay(client, invoice_id, &o, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_NOT_FOUND, "List the invoices and their numbers with: memberctl invoices"},
            {MC_ERR_CONFLICT, "Only an issued or overdue invoice is paid this way (a cart's draft "
                              "is paid with the order passes buy printed)."},
            {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    /* The member named it as they see it (its number, or its id). */
    int rc = render_invoice_order(a, invoice_id, o);
    mc_order_free(o);
    return rc;
}

/* pay --order ... --payment ... --signature ...: confirm a payment. */
static int pay_confirm(app *a, mc_client *client, const char *order_id, const char *payment_id,
                       const char *signature)
{
    mc_error err = MC_ERROR_INIT;
    mc_invoice_payment *paid = NULL;
    mc_status st = mc_invoice_payment_confirm(client, order_id, payment_id, signature, &paid, &err);
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
    int rc = render_payment_confirmed(a, order_id, paid);
    mc_invoice_payment_free(paid);
    return rc;
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
    "pay INVOICE\n"
    "   or: memberctl pay --order ORDER_ID --payment PAY_ID --signature SIG",
    "pay an invoice with Razorpay, or confirm a payment (online)",
    "pay INVOICE: a Razorpay order for an issued or overdue invoice, named by\n"
    "the number memberctl invoices shows (INV-2026-0001) or by its id: prints\n"
    "the order to pay with Razorpay checkout and the command that confirms it.\n"
    "An unknown number exits 2 (not found). A paid, void, expired or draft\n"
    "invoice exits 2 (conflict; the message says which).\n"
    "\n"
    "pay --order ... --payment ... --signature ...: confirms the payment of an\n"
    "order (from passes buy or pay INVOICE_ID) with what Razorpay checkout\n"
    "returned. Only the server's check of the signature confirms it; a\n"
    "signature it refuses exits 2 (payment_failed). Confirming twice is\n"
    "harmless. A cart's hold that lapsed (15 minutes) exits 2 (conflict). Then\n"
    "this device is synced: the passes are active with their credentials. An\n"
    "invoice someone else paid first (a colleague, the company's invoice) is not\n"
    "charged twice: it says the invoice was already paid and that your payment\n"
    "will be refunded (exit 0; the refund is listed on the invoice).\n"
    "  --order ORDER_ID    the order printed by passes buy or pay INVOICE_ID\n"
    "  --payment PAY_ID    checkout's razorpay_payment_id\n"
    "  --signature SIG     checkout's razorpay_signature\n"
    "Both need the server (offline: exit 2). A meeting-room booking's payment\n"
    "is confirmed with memberctl pay-booking instead.\n"
    "\n"
    "JSON: pay INVOICE: {\"order\":{...as in passes buy},\"next\":COMMAND}\n"
    "      confirm: {\"order_id\",\"paid\":true,\"invoice_id\",\"invoice_number\",\n"
    "      \"refund\":null or {\"id\",\"order_id\",\"amount\":MONEY,\n"
    "      \"reason\",\"status\",\"created_at_ms\",\"created_at\"}}\n",
    run_pay,
};

const command cmd_invoices = {
    "invoices",
    "invoices",
    "list your invoices and their lines (local)",
    "Lists your billing history from the local store, newest first: no network\n"
    "needed (memberctl sync fetches it). For each invoice: number, status\n"
    "(draft, issued, paid, overdue, void, expired), total in its building's\n"
    "currency, when it was issued, is due and was paid (the building's local time\n"
    "and zone), its lines (quantity, description, unit price, amount), subtotal,\n"
    "discount and the tax it charged (\"GST 18%\", \"VAT 20%\"), and any refund of\n"
    "a payment made after it was paid. A checkout whose 15-minute hold lapsed\n"
    "unpaid is no invoice to pay: it shows as an expired checkout, with when the\n"
    "hold lapsed.\n"
    "\n"
    "JSON: {\"invoices\":[{\"id\",\"number\",\"status\",\"lines\":[{\"description\",\n"
    "       \"quantity\",\"unit\":MONEY,\"amount\":MONEY}],\"subtotal\":MONEY,\n"
    "       \"discount\":MONEY,\"tax_rule\":TAX,\"tax\":MONEY,\"total\":MONEY,\n"
    "       \"issued_at_ms\",\"issued_at\",\"issued_at_local\",\"issued_at_zone\",\n"
    "       \"due_at_ms\",\"due_at\",\"due_at_local\",\"due_at_zone\",\"paid_at_ms\",\n"
    "       \"paid_at\",\"paid_at_local\",\"paid_at_zone\",\"voided_at_ms\",\"voided_at\",\n"
    "       \"voided_at_local\",\"voided_at_zone\",\"refunds\":[{...as in pay}]}]}\n"
    "      (X_at: ISO-8601 UTC; X_at_local: the building's local time with its\n"
    "      offset, \"2026-12-07T16:00:00+05:30\"; X_at_zone: \"IST\"; a time not set\n"
    "      is null; MONEY is {\"minor\",\"currency\",\"text\"}, e.g.\n"
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
