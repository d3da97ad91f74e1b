/* auth/validate.c - checks on what a member types into the profile and intent forms. Pure. */
#include "auth/validate.h"

#include <string.h>

#include "rules/currency.h"
#include "rules/email.h"
#include "util/error.h"
#include "util/strutil.h"

/* Non-empty after trimming spaces, valid UTF-8, at most max characters. */
static mc_status check_text(const char *value, const char *field, long max, mc_error *err)
{
    if (value == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required", field);
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s must not be empty", field);
    long n = mci_utf8_length(value);
    if (n < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is not valid UTF-8", field);
    if (n > max)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is longer than %ld characters", field,
                             max);
    return MC_OK;
}

mc_status mci_profile_validate(const mc_profile *profile, mc_error *err)
{
    if (profile == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "profile is NULL");
    mc_status st = check_text(profile->name, "name", 100, err);
    if (st == MC_OK && !mci_email_valid(profile->email))
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "email '%s' is not a valid address",
                           profile->email ? profile->email : "");
    if (st == MC_OK)
        st = check_text(profile->company, "company", 100, err);
    if (st == MC_OK)
        st = check_text(profile->city, "city", 60, err);
    return st;
}

mc_status mci_intent_validate(const mc_intent_details *d, mc_error *err)
{
    if (d == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "details is NULL");
    switch (d->intent) {
    case MC_INTENT_ON_DEMAND:
        return MC_OK;
    case MC_INTENT_PRIVATE_OFFICE:
    case MC_INTENT_VIRTUAL_OFFICE:
        break;
    case MC_INTENT_NONE:
    default:
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "intent must be on_demand, private_office or virtual_office");
    }
    mc_status st = check_text(d->industry, "industry", 100, err);
    if (st == MC_OK && (d->employees < 1 || d->employees > 100000))
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "employees must be 1 to 100000 (got %d)",
                           (int)d->employees);
    if (st == MC_OK)
        st = check_text(d->timeline, "timeline", 100, err);
    if (st == MC_OK && d->budget.minor <= 0)
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "budget must be > 0");
    if (st == MC_OK && !mci_currency_code_valid(d->budget.currency))
        st =
            mci_error_set(err, MC_ERR_INVALID_ARG,
                          "budget.currency must be an ISO 4217 code such as \"INR\" (got \"%.*s\")",
                          (int)mci_utf8_prefix(d->budget.currency, 3), d->budget.currency);
    return st;
}

bool mci_otp_code_valid(const char *code)
{
    if (code == NULL || strlen(code) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}
