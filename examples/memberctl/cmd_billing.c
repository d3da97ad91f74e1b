/*
 * cmd_billing.c - pay, invoices and membership (membercore/billing.h): a
 * Razorpay order for an issued invoice, the confirmation of a payment with
 * what Razorpay checkout returned (both online), and the billing history
 * and membership from the local store (offline).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "values.h"

/* ---- pay ------------------------------------------------------------------------ */

/* pay INVOICE_ID: a Razorpay order for an issued or overdue invoice. */
static int pay_invoice(app *a, mc_client *client, const char *invoice_id)
{
    mc_order *o = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_pay(client, invoice_id, &o, &err);
    if (st != MC_OK) {
        int rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "List the invoices with: memberctl invoices\n");
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "Only an issued or overdue invoice is paid this way (a cart's draft "
                            "is paid with the order passes buy printed).\n");
        return rc;
    }
    char next[256];
    out_pay_next(o, next, sizeof next);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && out_add_item(root, "order", out_order_json(o)) &&
                  cJSON_AddStringToObject(root, "next", next) != NULL;
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_order_free(o);
        return out_json(a, root);
    }
    printf("Invoice %s: a Razorpay order to pay it.\n", invoice_id);
    out_order_human(o);
    mc_order_free(o);
    return MEMBERCTL_EXIT_OK;
}

/* pay --order ... --payment ... --signature ...: confirm a payment. */
static int pay_confirm(app *a, mc_client *client, const char *order_id, const char *payment_id,
                       const char *signature)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoice_confirm_payment(client, order_id, payment_id, signature, &err);
    if (st != MC_OK) {
        int rc = out_core_error(a, st, &err);
        if (st == MC_ERR_PAYMENT_FAILED)
            fprintf(stderr, "The invoice stays unpaid; a cart's seats are held 15 minutes from "
                            "checkout.\n");
        else if (st == MC_ERR_CONFLICT)
            fprintf(stderr, "Nothing was confirmed; buy again with: memberctl passes buy "
                            "--building B PASS...\n");
        else if (st == MC_ERR_INVALID_ARG)
            fprintf(stderr, "A meeting-room booking's order is confirmed with: memberctl "
                            "pay-booking\n");
        else if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "Check the order id printed by memberctl passes buy or pay.\n");
        return rc;
    }
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "order_id", order_id) != NULL &&
                  cJSON_AddBoolToObject(root, "paid", true) != NULL;
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        return out_json(a, root);
    }
    printf("Payment confirmed by the server: order %s is paid, and this device is synced.\n",
           order_id);
    printf("memberctl passes shows the passes (active, with their access credentials);\n"
           "memberctl invoices the paid invoice; memberctl qr PASS_ID the door code.\n");
    return MEMBERCTL_EXIT_OK;
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

static cJSON *invoice_line_json(const mc_invoice_line *line)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "description", out_str(line->description)) != NULL &&
              cJSON_AddNumberToObject(obj, "quantity", line->quantity) != NULL &&
              cJSON_AddNumberToObject(obj, "unit_paise", (double)line->unit_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "amount_paise", (double)line->amount_paise) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *invoice_json(const mc_invoice *inv)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *lines = NULL;
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(inv->id)) != NULL &&
              cJSON_AddStringToObject(obj, "number", out_str(inv->number)) != NULL &&
              cJSON_AddStringToObject(obj, "status", mc_invoice_status_name(inv->status)) != NULL &&
              (lines = cJSON_AddArrayToObject(obj, "lines")) != NULL &&
              cJSON_AddNumberToObject(obj, "subtotal_paise", (double)inv->subtotal_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_paise", (double)inv->discount_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "gst_paise", (double)inv->gst_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "total_paise", (double)inv->total_paise) != NULL &&
              out_add_time_json(obj, "issued_at", inv->issued_at_ms, true) &&
              out_add_time_json(obj, "due_at", inv->due_at_ms, true) &&
              out_add_time_json(obj, "paid_at", inv->paid_at_ms, true);
    for (size_t i = 0; ok && i < inv->line_count; i++) {
        cJSON *line = invoice_line_json(&inv->lines[i]);
        ok = line != NULL && cJSON_AddItemToArray(lines, line);
        if (!ok)
            cJSON_Delete(line);
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static void print_invoice_human(const mc_invoice *inv)
{
    char total[OUT_RUPEES_MAX], issued[VALUES_TIME_MAX], due[VALUES_TIME_MAX],
        paid[VALUES_TIME_MAX];
    out_rupees(inv->total_paise, total, sizeof total);
    out_time(inv->issued_at_ms, "not yet", issued, sizeof issued);
    out_time(inv->due_at_ms, "none", due, sizeof due);
    const char *number = out_str(inv->number);
    printf("  %s  %-7s  %s  (id %s)\n", number[0] != '\0' ? number : "(no number yet)",
           mc_invoice_status_name(inv->status), total, out_str(inv->id));
    printf("      issued %s, due %s, ", issued, due);
    if (inv->paid_at_ms != 0) {
        values_format_time(inv->paid_at_ms, paid, sizeof paid);
        printf("paid %s\n", paid);
    } else {
        printf("not paid\n");
    }
    for (size_t i = 0; i < inv->line_count; i++) {
        const mc_invoice_line *line = &inv->lines[i];
        char unit[OUT_RUPEES_MAX], amount[OUT_RUPEES_MAX];
        out_rupees(line->unit_paise, unit, sizeof unit);
        out_rupees(line->amount_paise, amount, sizeof amount);
        printf("      %d x %s at %s = %s\n", (int)line->quantity, out_str(line->description), unit,
               amount);
    }
    char subtotal[OUT_RUPEES_MAX], discount[OUT_RUPEES_MAX], gst[OUT_RUPEES_MAX];
    out_rupees(inv->subtotal_paise, subtotal, sizeof subtotal);
    out_rupees(-inv->discount_paise, discount, sizeof discount);
    out_rupees(inv->gst_paise, gst, sizeof gst);
    printf("      subtotal %s, discount %s, GST %s, total %s\n", subtotal, discount, gst, total);
}

static int run_invoices(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_invoice_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_invoices_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "invoices") : NULL;
        bool ok = array != NULL;
        for (size_t i = 0; ok && i < list->count; i++) {
            cJSON *obj = invoice_json(&list->items[i]);
            ok = obj != NULL && cJSON_AddItemToArray(array, obj);
            if (!ok)
                cJSON_Delete(obj);
        }
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_invoice_list_free(list);
        return out_json(a, root);
    }
    if (list->count == 0) {
        printf("No invoices on this device (memberctl sync fetches them).\n");
        mc_invoice_list_free(list);
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu invoice%s, newest first (times in UTC):\n", list->count,
           list->count == 1 ? "" : "s");
    bool payable = false;
    for (size_t i = 0; i < list->count; i++) {
        const mc_invoice *inv = &list->items[i];
        print_invoice_human(inv);
        payable = payable || inv->status == MC_INVOICE_ISSUED || inv->status == MC_INVOICE_OVERDUE;
    }
    if (payable)
        printf("Pay an issued or overdue invoice with: memberctl pay INVOICE_ID\n");
    mc_invoice_list_free(list);
    return MEMBERCTL_EXIT_OK;
}

/* ---- membership ------------------------------------------------------------------ */

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
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_field(const char *label, const char *value)
{
    if (value[0] != '\0')
        printf("  %-9s %s\n", label, value);
}

static void print_membership_human(const mc_membership *m)
{
    if (m->status == MC_MEMBERSHIP_NONE) {
        printf("No membership on this device: you use day passes and rooms on demand\n"
               "(memberctl passes quote; memberctl sync fetches a new membership).\n");
        return;
    }
    printf("Membership: %s\n", mc_membership_status_name(m->status));
    print_field("Plan:", out_str(m->plan));
    print_field("Company:", out_str(m->company_id));
    print_field("Building:", out_str(m->building_id));
    print_field("Seat:", out_str(m->seat));
    const char *start = out_str(m->contract_start), *end = out_str(m->contract_end);
    if (start[0] != '\0' || end[0] != '\0')
        printf("  %-9s %s to %s\n", "Contract:", start[0] != '\0' ? start : "?",
               end[0] != '\0' ? end : "open-ended");
}

static int run_membership(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_membership *m = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_membership_get(client, &m, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        rc = out_json(a, membership_json(m));
    } else {
        print_membership_human(m);
        rc = MEMBERCTL_EXIT_OK;
    }
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
    "(draft, issued, paid, overdue, void), total in rupees, when it was\n"
    "issued, is due and was paid (ISO-8601 UTC), its lines (quantity,\n"
    "description, unit price, amount), subtotal, discount and GST.\n"
    "\n"
    "JSON: {\"invoices\":[{\"id\",\"number\",\"status\",\"lines\":[{\"description\",\n"
    "       \"quantity\",\"unit_paise\",\"amount_paise\"}],\"subtotal_paise\",\n"
    "       \"discount_paise\",\"gst_paise\",\"total_paise\",\"issued_at_ms\",\n"
    "       \"issued_at\",\"due_at_ms\",\"due_at\",\"paid_at_ms\",\"paid_at\"}]}\n"
    "      (a time not set is null)\n",
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
