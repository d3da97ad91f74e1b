/*
 * render/auth.c - membercore/auth.h as memberctl shows it: the account (who,
 * contact, roles, intent, lead, membership), the code sent, and what each
 * sign-in step did; as text or as one JSON object.
 */
#include "render/render.h"

#include <stdio.h>

#include "parse/values.h"
#include "render/json.h"

#define INTENT_HINT                                                                                \
    "Next: memberctl intent on-demand\n"                                                           \
    "   or: memberctl intent private-office|virtual-office --industry I --employees N "            \
    "--timeline T --budget \"AMOUNT [CURRENCY]\""

static const char *role_name(uint32_t role)
{
    return mc_role_name((mc_role)role);
}

static bool has_lead(const mc_account *acc)
{
    return acc->lead_id[0] != '\0' || acc->industry[0] != '\0';
}

static bool has_membership(const mc_account *acc)
{
    return acc->company_id[0] != '\0' || acc->building_id[0] != '\0' || acc->seat[0] != '\0';
}

static bool add_lead_json(cJSON *root, const mc_account *acc)
{
    if (!has_lead(acc))
        return cJSON_AddNullToObject(root, "lead") != NULL;
    cJSON *lead = cJSON_AddObjectToObject(root, "lead");
    return lead != NULL && cJSON_AddStringToObject(lead, "id", acc->lead_id) != NULL &&
           cJSON_AddStringToObject(lead, "status", acc->lead_status) != NULL &&
           cJSON_AddStringToObject(lead, "industry", acc->industry) != NULL &&
           cJSON_AddNumberToObject(lead, "employees", acc->employees) != NULL &&
           cJSON_AddStringToObject(lead, "timeline", acc->timeline) != NULL &&
           json_add_money(lead, "budget", acc->budget);
}

static bool add_membership_json(cJSON *root, const mc_account *acc)
{
    if (!has_membership(acc))
        return cJSON_AddNullToObject(root, "membership") != NULL;
    cJSON *m = cJSON_AddObjectToObject(root, "membership");
    return m != NULL && cJSON_AddStringToObject(m, "company_id", acc->company_id) != NULL &&
           cJSON_AddStringToObject(m, "building_id", acc->building_id) != NULL &&
           cJSON_AddStringToObject(m, "seat", acc->seat) != NULL;
}

cJSON *render_account_json(const mc_account *acc)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL && cJSON_AddStringToObject(root, "user_id", acc->user_id) != NULL &&
              cJSON_AddStringToObject(root, "phone", acc->phone) != NULL &&
              cJSON_AddStringToObject(root, "name", acc->name) != NULL &&
              cJSON_AddStringToObject(root, "email", acc->email) != NULL &&
              cJSON_AddStringToObject(root, "company", acc->company) != NULL &&
              cJSON_AddStringToObject(root, "city", acc->city) != NULL &&
              json_add_item(root, "roles", json_bit_names(acc->roles, role_name)) &&
              cJSON_AddBoolToObject(root, "profile_complete", acc->profile_complete) != NULL &&
              cJSON_AddStringToObject(root, "intent", mc_intent_name(acc->intent)) != NULL &&
              add_lead_json(root, acc) && add_membership_json(root, acc);
    return json_finish(root, ok);
}

void render_field_text(const char *label, const char *value)
{
    if (value[0] != '\0')
        printf("  %-9s %s\n", label, value);
}

static void account_text(const mc_account *acc)
{
    if (acc->name[0] != '\0')
        printf("Signed in as %s (%s)\n", acc->name, acc->phone);
    else
        printf("Signed in as %s\n", acc->phone);
    render_field_text("Email:", acc->email);
    render_field_text("Company:", acc->company);
    render_field_text("City:", acc->city);

    char roles[128];
    text_bit_names(acc->roles, role_name, "none", roles, sizeof roles);
    render_field_text("Roles:", roles);
    if (acc->intent != MC_INTENT_NONE)
        render_field_text("Intent:", mc_intent_name(acc->intent));
    if (acc->lead_id[0] != '\0')
        printf("  %-9s %s (status %s)\n", "Lead:", acc->lead_id,
               acc->lead_status[0] != '\0' ? acc->lead_status : "unknown");
    if (acc->industry[0] != '\0') {
        char budget[RENDER_MONEY_MAX];
        render_money(acc->budget, budget, sizeof budget);
        printf("  %-9s %s, %d employees, timeline \"%s\", budget %s per month%s\n",
               "Needs:", acc->industry, (int)acc->employees, acc->timeline, budget,
               acc->intent == MC_INTENT_ON_DEMAND ? " (kept from the office intent)" : "");
    }
    if (has_membership(acc)) {
        printf("  %-9s %s", "Member:", acc->seat[0] != '\0' ? acc->seat : "no seat assigned");
        if (acc->building_id[0] != '\0')
            printf(", building %s", acc->building_id);
        if (acc->company_id[0] != '\0')
            printf(", company %s", acc->company_id);
        printf("\n");
    }
    if (!acc->profile_complete)
        printf("  Profile not complete.\n");
}

int render_account(const app *a, const mc_account *acc, const bool *new_user)
{
    if (!a->json) {
        account_text(acc);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL &&
              (new_user == NULL || cJSON_AddBoolToObject(root, "new_user", *new_user) != NULL) &&
              json_add_item(root, "account", render_account_json(acc));
    return out_json(a, json_finish(root, ok));
}

int render_otp_sent(const app *a, const mc_otp_request *req)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "phone", req->phone) != NULL &&
                  cJSON_AddBoolToObject(root, "registered", req->registered) != NULL &&
                  cJSON_AddNumberToObject(root, "expires_in_s", req->expires_in_s) != NULL &&
                  cJSON_AddNumberToObject(root, "resend_after_s", req->resend_after_s) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    char expires[32], resend[32];
    mc_duration_format(req->expires_in_s, expires, sizeof expires);
    mc_duration_format(req->resend_after_s, resend, sizeof resend);
    printf("Phone: %s\n", req->phone);
    printf("%s\n", req->registered ? "Welcome back" : "New number: you will create an account");
    printf("Code sent; expires in %s; resend in %s\n", expires, resend);
    printf("Next: memberctl verify CODE\n");
    return MEMBERCTL_EXIT_OK;
}

int render_verified(const app *a, const mc_account *acc, bool new_user)
{
    if (!a->json)
        printf("Verified %s: %s\n", acc->phone, new_user ? "new account created" : "welcome back");
    int rc = render_account(a, acc, &new_user);
    if (!a->json && !acc->profile_complete)
        printf("%s\n", RENDER_PROFILE_HINT);
    return rc;
}

int render_profile_saved(const app *a, const mc_account *acc)
{
    if (!a->json)
        printf("Profile saved.\n");
    int rc = render_account(a, acc, NULL);
    if (!a->json && acc->intent == MC_INTENT_NONE)
        printf("%s\n", INTENT_HINT);
    return rc;
}

int render_intent_recorded(const app *a, const mc_account *acc)
{
    if (!a->json)
        printf("Intent recorded: %s\n", mc_intent_name(acc->intent));
    return render_account(a, acc, NULL);
}

int render_signed_out(const app *a)
{
    if (!a->json) {
        printf("Signed out; this device's session and account data are removed.\n");
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    return out_json(
        a, json_finish(root, root != NULL && cJSON_AddBoolToObject(root, "signed_out", true)));
}
