/* routes/test/causes.c - test-mode routes standing in for the operator's back office: issue an
 * invoice, change an event (each notifies as its cause, docs/notifications-protocol.md); the
 * announcements' route is routes/test/community.c.
 */
#include "api/fields.h"
#include "db/db.h"
#include "domain/event_notices.h"
#include "domain/invoices.h"
#include "routes/routes.h"
#include "base/text.h"

/* POST /v1/test/invoices {user_id | company_id, amount_paise, description, due_in_days} */
void ms_handle_test_invoice_issue(ms_app *app, ms_request *req, ms_reply *reply)
{
    const cJSON *user = cJSON_GetObjectItemCaseSensitive(req->json, "user_id");
    const cJSON *company = cJSON_GetObjectItemCaseSensitive(req->json, "company_id");
    if ((user != NULL) == (company != NULL)) {
        ms_reply_invalid(reply, user ? "give either 'user_id' or 'company_id', not both"
                                     : "field 'user_id' or 'company_id' is missing");
        return;
    }
    ms_invoice_order in = {0};
    char description[4 * 200 + 1];
    if (!ms_field_string(reply, req->json, user ? "user_id" : "company_id",
                         user ? &in.user_id : &in.company_id) ||
        !ms_field_int(reply, req->json, "amount_paise", 1, 100000000000LL, &in.amount_paise) ||
        !ms_field_text(reply, req->json, "description", 200, description, sizeof description) ||
        !ms_field_int(reply, req->json, "due_in_days", 1, 365, &in.due_in_days))
        return;
    in.description = description;
    char id[MS_ID_MAX];
    int rc = ms_invoice_issue(app, &in, id);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, 404, "not_found", "no %s '%.*s'", user ? "user" : "company",
                       (int)ms_utf8_prefix(user ? in.user_id : in.company_id, 40),
                       user ? in.user_id : in.company_id);
    else
        ms_test_reply_entity(app, "invoice", MS_KIND_INVOICE, NULL, id, reply);
}

/* An optional instant field: true with *has set when present; false after a 400. */
static bool optional_instant(ms_reply *reply, const cJSON *json, const char *name, bool *has,
                             int64_t *out)
{
    *has = cJSON_GetObjectItemCaseSensitive(json, name) != NULL;
    return !*has || ms_field_int(reply, json, name, 0, MS_CLOCK_MAX_MS, out);
}

/* POST /v1/test/events/{id} {starts_at_ms?, ends_at_ms?, title?, description?} (at least one) */
void ms_handle_test_event_change(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *id = req->path_param ? req->path_param : "";
    ms_event_patch patch = {0};
    char title[4 * 100 + 1], description[4 * 500 + 1];
    bool has_title = cJSON_GetObjectItemCaseSensitive(req->json, "title") != NULL;
    bool has_description = cJSON_GetObjectItemCaseSensitive(req->json, "description") != NULL;
    if (!optional_instant(reply, req->json, "starts_at_ms", &patch.has_starts,
                          &patch.starts_at_ms) ||
        !optional_instant(reply, req->json, "ends_at_ms", &patch.has_ends, &patch.ends_at_ms) ||
        (has_title && !ms_field_text(reply, req->json, "title", 100, title, sizeof title)) ||
        (has_description && !ms_test_optional_text(reply, req->json, "description", 500,
                                                   description, sizeof description)))
        return;
    if (!patch.has_starts && !patch.has_ends && !has_title && !has_description) {
        ms_reply_invalid(reply, "give at least one of 'starts_at_ms', 'ends_at_ms', 'title',"
                                " 'description'");
        return;
    }
    patch.title = has_title ? title : NULL;
    patch.description = has_description ? description : NULL;
    int rc = ms_event_change(app, id, &patch);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, 404, "not_found", "no event '%.*s'", (int)ms_utf8_prefix(id, 40), id);
    else if (rc == 2)
        ms_reply_invalid(reply, "the event would end before it starts: 'ends_at_ms' must be after"
                                " 'starts_at_ms'");
    else
        ms_test_reply_entity(app, "event", MS_KIND_EVENT, NULL, id, reply);
}
