/* api/phone.c - phone numbers from requests, normalised to E.164 by the stub's own rule. */
#include "api/phone.h"

#include <stdio.h>

#include "rules/phone.h"

bool ms_phone_normalize(ms_reply *reply, const char *typed, char *out)
{
    char why[256];
    if (ms_phone_e164(typed, out, why, sizeof why))
        return true;
    ms_reply_invalid(reply, "%s", why);
    return false;
}

bool ms_phone_from_query(ms_reply *reply, const char *name, const char *raw, char *out)
{
    if (!raw) {
        ms_reply_invalid(reply, "query parameter '%s' is missing", name);
        return false;
    }
    char typed[64];
    snprintf(typed, sizeof typed, "%s", raw);
    if (typed[0] == ' ')
        typed[0] = '+';
    return ms_phone_normalize(reply, typed, out);
}
