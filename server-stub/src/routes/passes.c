/* routes/passes.c - day passes and billing: quote, checkout (seat holds and an order), pay an
 * invoice. */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/entities.h"
#include "api/fields.h"
#include "domain/invoices.h"
#include "domain/passes.h"
#include "domain/payments.h"
#include "routes/routes.h"
#include "base/text.h"

/* 400 for a malformed body, 404 for an unknown building. */
static void reply_refusal(ms_reply *reply, const ms_refusal *why)
{
    ms_reply_error(reply, strcmp(why->code, "not_found") == 0 ? 404 : 400, why->code, "%s",
                   why->message);
}

/* Parse the cart and load its building; false after answering (400, 404 or 500). */
static bool read_cart(ms_app *app, ms_request *req, ms_cart *cart, ms_space *space, ms_reply *reply)
{
    ms_refusal why;
    if (!ms_cart_parse(req->json, cart, &why)) {
        reply_refusal(reply, &why);
        return false;
    }
    int rc = cart->building_id[0] ? ms_space_load(app->db, cart->building_id, space) : 1;
    if (rc < 0) {
        ms_reply_internal(reply);
        return false;
    }
    if (rc > 0) {
        const char *shown = cart->building_id[0] ? cart->building_id : "(an id too long to be one)";
        ms_reply_error(reply, 404, "not_found", "no building '%.*s' selling day passes",
                       (int)ms_utf8_prefix(shown, 40), shown);
        return false;
    }
    return true;
}

/*
 * The cart's rules: true when it breaks none; otherwise false after 422
 * {"code": "cart_invalid", "message", "violations": [{index, rule, message}]}.
 */
static bool cart_valid(ms_app *app, const char *user_id, const ms_cart *cart, const ms_space *space,
                       ms_reply *reply)
{
    cJSON *violations = NULL;
    if (ms_cart_check(app->db, user_id, cart, space, ms_clock_now(&app->clock), &violations) != 0) {
        ms_reply_internal(reply);
        return false;
    }
    int n = cJSON_GetArraySize(violations);
    if (n == 0) {
        cJSON_Delete(violations);
        return true;
    }
    ms_reply_error(reply, 422, "cart_invalid", "%d of the cart's rules %s broken; see violations",
                   n, n == 1 ? "is" : "are");
    if (!reply->body || !cJSON_AddItemToObject(reply->body, "violations", violations)) {
        cJSON_Delete(violations);
        ms_reply_internal(reply);
    }
    return false;
}

/* POST /v1/passes/quote (auth) {building_id, passes: [{date, guest?}]} */
void ms_handle_pass_quote(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_cart cart;
    ms_space space;
    if (!read_cart(app, req, &cart, &space, reply) ||
        !cart_valid(app, req->user_id, &cart, &space, reply))
        return;
    ms_reply_json(reply, 200, ms_cart_quote(&cart, &space));
}

/* {"invoice", "passes", "order"} of a checkout's invoice. NULL on error. */
static cJSON *checkout_answer(ms_app *app, const char *invoice_id)
{
    cJSON *o = cJSON_CreateObject(), *invoice = NULL, *passes = NULL, *order = NULL;
    char order_id[MS_RZP_ID_MAX] = "";
    sqlite3_stmt *stmt =
        ms_db_query(app->db, "SELECT order_id FROM invoices WHERE id = ?", "t", invoice_id);
    if (stmt && ms_db_step(stmt) == 1)
        ms_db_text(stmt, 0, order_id, sizeof order_id);
    sqlite3_finalize(stmt);
    bool ok = o && order_id[0] &&
              ms_entity_data(app->db, MS_KIND_INVOICE, NULL, invoice_id, &invoice) == 0 &&
              cJSON_AddItemToObject(o, "invoice", invoice);
    if (ok)
        invoice = NULL;
    ok = ok && ms_invoice_passes_json(app->db, invoice_id, &passes) == 0 &&
         cJSON_AddItemToObject(o, "passes", passes);
    if (ok)
        passes = NULL;
    ok = ok && (order = ms_order_json(app, order_id)) != NULL &&
         cJSON_AddItemToObject(o, "order", order);
    if (ok)
        order = NULL;
    cJSON_Delete(invoice);
    cJSON_Delete(passes);
    cJSON_Delete(order);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* May user_id buy passes (role ondemanduser or member)? 1 yes, 0 no, -1 error. */
static int may_buy(sqlite3 *db, const char *user_id)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT 1 FROM user_roles WHERE user_id = ?"
                                     " AND role IN ('ondemanduser', 'member')",
                                     "t", user_id);
    int rc = stmt ? ms_db_step(stmt) : -1;
    sqlite3_finalize(stmt);
    return rc;
}

/* POST /v1/passes/checkout (auth) {checkout_id, building_id, passes: [{date, guest?}]} */
void ms_handle_pass_checkout(ms_app *app, ms_request *req, ms_reply *reply)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(req->json, "checkout_id");
    if (!id) {
        ms_reply_invalid(reply, "field 'checkout_id' is missing");
        return;
    }
    if (!cJSON_IsString(id) || !ms_opaque_ok(id->valuestring) ||
        strlen(id->valuestring) >= MS_ID_MAX) {
        ms_reply_invalid(reply,
                         "field 'checkout_id' must be 1 to %d printable ASCII characters without"
                         " spaces",
                         MS_ID_MAX - 1);
        return;
    }
    ms_cart cart;
    ms_space space;
    char invoice_id[MS_ID_MAX];
    if (!read_cart(app, req, &cart, &space, reply))
        return;
    /* Sent again (a retry after a lost answer): the same checkout, as it stands now. */
    int rc = ms_checkout_find(app->db, req->user_id, id->valuestring, invoice_id);
    if (rc == 1) {
        ms_reply_json(reply, 200, checkout_answer(app, invoice_id));
        return;
    }
    if (rc == 0)
        rc = may_buy(app->db, req->user_id);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 0) {
        ms_reply_error(reply, 403, "forbidden",
                       "choose On-Demand (or become a member) to buy day passes");
        return;
    }
    if (!cart_valid(app, req->user_id, &cart, &space, reply))
        return;
    ms_refusal why;
    rc = ms_checkout_holds_check(app->db, req->user_id, &cart, &space, ms_clock_now(&app->clock),
                                 &why);
    if (rc != 0) {
        if (rc < 0)
            ms_reply_internal(reply);
        else
            ms_reply_error(reply, 409, why.code, "%s", why.message);
        return;
    }
    if (ms_checkout_create(app, req->user_id, id->valuestring, &cart, &space, invoice_id) != 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 201, checkout_answer(app, invoice_id));
}

/*
 * POST /v1/invoices/{id}/pay (auth): an order for an issued or overdue invoice, named by its
 * id or by its number ("INV-2026-0011", what the member sees): {"invoice", "order"}.
 */
void ms_handle_invoice_pay(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *asked = req->path_param ? req->path_param : "";
    char invoice_id[MS_ID_MAX], status[16], order_id[MS_RZP_ID_MAX];
    int rc = ms_invoice_find(app->db, req->user_id, asked, invoice_id, status, sizeof status);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 0) {
        if (strncmp(asked, "INV-", 4) == 0)
            ms_reply_error(reply, 404, "not_found",
                           "no invoice of yours is numbered '%.*s' (your invoices list shows"
                           " their numbers)",
                           (int)ms_utf8_prefix(asked, 40), asked);
        else
            ms_reply_error(reply, 404, "not_found", "you have no invoice '%.*s'",
                           (int)ms_utf8_prefix(asked, 40), asked);
        return;
    }
    if (strcmp(status, "issued") != 0 && strcmp(status, "overdue") != 0) {
        ms_reply_error(reply, 409, "not_payable",
                       "the invoice is %s; only an issued or overdue invoice can be paid%s", status,
                       strcmp(status, "draft") == 0  ? " (a checkout's draft has its own order)"
                       : strcmp(status, "void") == 0 ? " (a checkout whose hold lapsed)"
                                                     : "");
        return;
    }
    cJSON *order = NULL, *invoice = NULL, *body = NULL;
    bool ok = ms_invoice_pay_order(app, req->user_id, invoice_id, order_id) == 0 &&
              ms_entity_data(app->db, MS_KIND_INVOICE, NULL, invoice_id, &invoice) == 0 &&
              (order = ms_order_json(app, order_id)) != NULL &&
              (body = cJSON_CreateObject()) != NULL &&
              cJSON_AddItemToObject(body, "invoice", invoice);
    if (ok)
        invoice = NULL;
    ok = ok && cJSON_AddItemToObject(body, "order", order);
    if (ok)
        order = NULL;
    cJSON_Delete(order);
    cJSON_Delete(invoice);
    if (!ok) {
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}
