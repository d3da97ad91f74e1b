/* api/phone.c - phone numbers from requests, normalised to E.164 by the core's mc_phone_normalize.
 */
#include "api/phone.h"

#include <stdio.h>

#include <membercore/membercore.h>

_Static_assert(MS_PHONE_MAX == MC_PHONE_MAX, "the stub and the core agree on E.164 buffers");

bool ms_phone_normalize(ms_reply *reply, const char *typed, char *out)
{
    mc_error err = MC_ERROR_INIT;
    if (mc_phone_normalize(typed, out, MS_PHONE_MAX, &err) == MC_OK)
        return true;
    if (err.message[0])
        ms_reply_invalid(reply, "%s", err.message);
    else
        ms_reply_invalid(reply, "phone is not a valid phone number");
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
