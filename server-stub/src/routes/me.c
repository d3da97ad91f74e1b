/* routes/me.c - the signed-in user: read the account, complete the profile, state an intent. */
#include <string.h>

#include "db/db.h"
#include "domain/changes.h"
#include "api/fields.h"
#include "routes/routes.h"
#include "domain/user_json.h"

/* Answer 200 {"user": ...} for user_id. */
static void reply_user(ms_app *app, const char *user_id, ms_reply *reply)
{
    cJSON *body = cJSON_CreateObject();
    if (!body || ms_user_json_add(app->db, user_id, body) != 0) {
        cJSON_Delete(body);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, body);
}

/* GET /v1/me (auth) */
void ms_handle_me(ms_app *app, ms_request *req, ms_reply *reply)
{
    reply_user(app, req->user_id, reply);
}

/* PUT /v1/me/profile (auth) {"name", "email", "company", "city"} */
void ms_handle_profile(ms_app *app, ms_request *req, ms_reply *reply)
{
    char name[MS_TEXT_MAX], email[MS_EMAIL_MAX], company[MS_TEXT_MAX], city[MS_TEXT_MAX];
    if (!ms_field_text(reply, req->json, "name", 100, name, sizeof name) ||
        !ms_field_email(reply, req->json, "email", email, sizeof email) ||
        !ms_field_text(reply, req->json, "company", 100, company, sizeof company) ||
        !ms_field_text(reply, req->json, "city", 60, city, sizeof city))
        return;
    int64_t now = ms_clock_now(&app->clock);
    ms_user before;
    if (ms_user_load(app->db, req->user_id, &before) != 0 ||
        ms_user_save_profile(app->db, req->user_id, name, email, company, city, now) != 0)
        goto fail;
    /* The first completion by someone who is not a member makes them a CRM lead. */
    bool first_completion = !before.profile_complete && !before.lead.present;
    if (first_completion && !(before.roles & MS_ROLE_MEMBER) &&
        (ms_lead_create(app->db, app->rng, req->user_id, now) != 0 ||
         ms_user_add_role(app->db, req->user_id, MS_ROLE_LEAD) != 0))
        goto fail;
    if (ms_change_upsert(app->db, MS_KIND_PROFILE, req->user_id, req->user_id) != 0)
        goto fail;
    reply_user(app, req->user_id, reply);
    return;
fail:
    ms_reply_internal(reply);
}

/* PUT /v1/me/intent (auth) {"intent", and for offices "industry", "employees", "timeline",
 * "budget_paise", "budget_currency"? (ISO 4217, "INR" when absent)} */
void ms_handle_intent(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *intent;
    char industry[MS_TEXT_MAX] = "", timeline[MS_TEXT_MAX] = "";
    int64_t employees = 0, budget = 0;
    char currency[4] = "INR";
    if (!ms_field_string(reply, req->json, "intent", &intent))
        return;
    bool on_demand = strcmp(intent, "on_demand") == 0;
    if (!on_demand) {
        if (strcmp(intent, "private_office") != 0 && strcmp(intent, "virtual_office") != 0) {
            ms_reply_invalid(reply, "field 'intent' must be one of on_demand, private_office,"
                                    " virtual_office");
            return;
        }
        if (!ms_field_text(reply, req->json, "industry", 100, industry, sizeof industry) ||
            !ms_field_int(reply, req->json, "employees", 1, 100000, &employees) ||
            !ms_field_text(reply, req->json, "timeline", 100, timeline, sizeof timeline) ||
            !ms_field_int(reply, req->json, "budget_paise", 1, MS_JSON_INT_MAX, &budget))
            return;
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(req->json, "budget_currency");
        if (code != NULL) {
            const char *c = cJSON_GetStringValue(code);
            if (!c || strlen(c) != 3 || strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
                ms_reply_invalid(reply, "field 'budget_currency' must be an ISO 4217 code such as"
                                        " \"INR\" or \"GBP\"");
                return;
            }
            memcpy(currency, c, sizeof currency);
        }
    }

    ms_user user;
    if (ms_user_load(app->db, req->user_id, &user) != 0)
        goto fail;
    if (!user.profile_complete) {
        ms_reply_error(reply, 409, "profile_incomplete",
                       "complete the profile first (name, email, company and city), then state "
                       "an intent");
        return;
    }
    if (!user.lead.present) {
        /* Members and staff were never leads: they have nothing to state. */
        ms_reply_error(reply, 403, "forbidden",
                       "only leads state an intent; this account already has %s",
                       (user.roles & MS_ROLE_MEMBER) ? "a membership" : "a staff role");
        return;
    }
    int64_t now = ms_clock_now(&app->clock);
    /* On-demand keeps the office details stated before (ms_lead_set_intent): a member who
     * starts on demand may still want the office, and the sales team keeps the notes. */
    if (ms_lead_set_intent(app->db, req->user_id, intent, industry, employees, timeline, budget,
                           now) != 0 ||
        (!on_demand && ms_db_run(app->db, "UPDATE leads SET budget_currency = ? WHERE user_id = ?",
                                 "tt", currency, req->user_id) != 0) ||
        (on_demand && ms_user_add_role(app->db, req->user_id, MS_ROLE_ONDEMAND) != 0) ||
        ms_change_upsert(app->db, MS_KIND_PROFILE, req->user_id, req->user_id) != 0)
        goto fail;
    reply_user(app, req->user_id, reply);
    return;
fail:
    ms_reply_internal(reply);
}
