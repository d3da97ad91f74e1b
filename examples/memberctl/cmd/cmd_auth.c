/*
 * cmd_auth.c - the sign-in commands: login, verify, profile, intent, logout
 * (DOMAIN.md section 1), each a thin walk over membercore/auth.h: parse the
 * words, call the core, hand the answer to render/auth.c.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "parse/values.h"
#include "render/render.h"

static int run_login(app *a, const command *self, int argc, char **argv)
{
    /* Up to four words, so that an unquoted "+91 98765 43210" still works. */
    args p = {.pos_max = ARGS_POS_MAX};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing PHONE");

    char phone[64] = "";
    for (int i = 0; i < p.npos; i++) {
        size_t used = strlen(phone);
        int n = snprintf(phone + used, sizeof phone - used, "%s%s", i > 0 ? " " : "", p.pos[i]);
        if (n < 0 || (size_t)n >= sizeof phone - used)
            return out_usage(a, self, "PHONE is too long");
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_otp_request req;
    memset(&req, 0, sizeof req);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_request_otp(client, phone, &req, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    return render_otp_sent(a, &req);
}

static int run_verify(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self, "missing CODE");

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    bool new_user = false;
    mc_account *acc = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_verify_otp(client, p.pos[0], &new_user, &acc, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {
            {MC_ERR_STATE, "Request a code first: memberctl login PHONE"}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_verified(a, acc, new_user);
    mc_account_free(acc);
    return rc;
}

static int run_profile(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {
        {"--name", true, NULL},
        {"--email", true, NULL},
        {"--company", true, NULL},
        {"--city", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    for (size_t i = 0; i < p.nopts; i++) {
        if (opts[i].value == NULL)
            return out_usage(a, self, "missing option '%s'", opts[i].name);
    }
    mc_profile profile = {
        .name = args_value(&p, "--name"),
        .email = args_value(&p, "--email"),
        .company = args_value(&p, "--company"),
        .city = args_value(&p, "--city"),
    };

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_account *acc = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_complete_profile(client, &profile, &acc, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    rc = render_profile_saved(a, acc);
    mc_account_free(acc);
    return rc;
}

/* "on-demand" (or "on_demand") -> MC_INTENT_ON_DEMAND, ...; NONE if unknown. */
static mc_intent intent_from_word(const char *word)
{
    static const struct {
        const char *dashed;
        mc_intent intent;
    } table[] = {
        {"on-demand", MC_INTENT_ON_DEMAND},
        {"private-office", MC_INTENT_PRIVATE_OFFICE},
        {"virtual-office", MC_INTENT_VIRTUAL_OFFICE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(word, table[i].dashed) == 0 ||
            strcmp(word, mc_intent_name(table[i].intent)) == 0)
            return table[i].intent;
    }
    return MC_INTENT_NONE;
}

static int run_intent(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {
        {"--industry", true, NULL},
        {"--employees", true, NULL},
        {"--timeline", true, NULL},
        {"--budget", true, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self,
                         "missing the intent (on-demand, private-office or "
                         "virtual-office)");

    mc_intent_details details = {.intent = intent_from_word(p.pos[0])};
    if (details.intent == MC_INTENT_NONE)
        return out_usage(
            a, self, "unknown intent '%s' (on-demand, private-office or virtual-office)", p.pos[0]);
    for (size_t i = 0; i < p.nopts; i++) {
        if (details.intent == MC_INTENT_ON_DEMAND && opts[i].value != NULL)
            return out_usage(a, self, "option '%s' is only for private-office and virtual-office",
                             opts[i].name);
        if (details.intent != MC_INTENT_ON_DEMAND && opts[i].value == NULL)
            return out_usage(a, self, "missing option '%s' for %s", opts[i].name, p.pos[0]);
    }
    if (details.intent != MC_INTENT_ON_DEMAND) {
        const char *employees = args_value(&p, "--employees");
        const char *budget = args_value(&p, "--budget");
        if (!values_parse_count(employees, &details.employees))
            return out_usage(a, self, "option '--employees': '%s' is not a whole number",
                             employees);
        if (!values_parse_budget(budget, &details.budget))
            return out_usage(a, self,
                             "option '--budget': '%s' is not an amount per month with an "
                             "optional ISO 4217 currency (e.g. 50000, 50000.50 or \"2000 GBP\"; "
                             "INR when none)",
                             budget);
        details.industry = args_value(&p, "--industry");
        details.timeline = args_value(&p, "--timeline");
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_account *acc = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_set_intent(client, &details, &acc, &err);
    if (st != MC_OK) {
        static const out_hint hints[] = {{MC_ERR_STATE, RENDER_PROFILE_HINT}, {MC_OK, NULL}};
        return out_core_error_hint(a, st, &err, hints);
    }
    rc = render_intent_recorded(a, acc);
    mc_account_free(acc);
    return rc;
}

static int run_logout(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_auth_logout(client, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    return render_signed_out(a);
}

const command cmd_login = {
    "login",
    "login PHONE",
    "text a 6-digit sign-in code to PHONE",
    "Asks the server to text a 6-digit code to PHONE and remembers the number\n"
    "for 'memberctl verify'. PHONE may be typed as people do: 98765 43210,\n"
    "+91 98765 43210, 09876543210, +44 7700 900001 (quotes optional).\n"
    "Says whether the number already has an account. A code expires after\n"
    "5 minutes; a new one may be requested after 30 s (5 per hour).\n"
    "\n"
    "JSON: {\"phone\",\"registered\",\"expires_in_s\",\"resend_after_s\"}\n",
    run_login,
};

const command cmd_verify = {
    "verify",
    "verify CODE",
    "sign in with the 6-digit code from the SMS",
    "Checks CODE against the code texted by 'memberctl login' (the number is\n"
    "remembered, even across runs) and signs in. A new number gets an account\n"
    "at once and is asked to complete its profile next. Five wrong codes kill\n"
    "the code: request a new one with 'memberctl login'.\n"
    "\n"
    "JSON: {\"new_user\":bool,\"account\":{...}}\n",
    run_verify,
};

const command cmd_profile = {
    "profile",
    "profile --name NAME --email EMAIL --company COMPANY --city CITY",
    "complete (or update) your profile; creates your lead",
    "Saves the signed-in user's name, email, company and city (all required).\n"
    "The first completion creates a CRM lead with status \"new\".\n"
    "\n"
    "JSON: {\"account\":{...}}\n",
    run_profile,
};

const command cmd_intent = {
    "intent",
    "intent on-demand\n"
    "   or: memberctl intent private-office|virtual-office --industry I --employees N\n"
    "                 --timeline T --budget \"AMOUNT [CURRENCY]\"",
    "say what you need: on-demand, private or virtual office",
    "on-demand       grants the ondemanduser role at once (day passes, rooms).\n"
    "private-office  records what the sales team needs on your lead:\n"
    "virtual-office    --industry I    e.g. \"Fintech\"\n"
    "                  --employees N   a whole number, e.g. 12\n"
    "                  --timeline T    e.g. \"within 3 months\"\n"
    "                  --budget AMOUNT [CURRENCY] per month, e.g. 50000 (rupees),\n"
    "                                  50000.50 or \"2000 GBP\"\n"
    "Needs a completed profile.\n"
    "\n"
    "JSON: {\"account\":{...}}\n",
    run_intent,
};

const command cmd_logout = {
    "logout",
    "logout",
    "sign out and remove this device's account data",
    "Signs out at once, even offline: the session and the local account data\n"
    "are removed, and the server is told to revoke the session (now, or before\n"
    "the next request if it cannot be reached).\n"
    "\n"
    "JSON: {\"signed_out\":true}\n",
    run_logout,
};
