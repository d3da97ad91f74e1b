/* util/error.c - status names and mc_error helpers. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/names.h"
#include "util/strutil.h"

static const char *const rule_names[] = {
    "none",         "closed",        "outside_hours", "blackout",     "past",
    "too_soon",     "beyond_window", "taken",         "no_room",      "already_booked",
    "after_cutoff", "hold_limit",    "too_long",      "hold_cooldown"};

const char *mc_rule_name(mc_rule rule)
{
    return mci_name_of(rule_names, MCI_COUNT(rule_names), (int)rule);
}

mc_rule mci_rule_of_server_code(const char *code)
{
    if (code != NULL && (strcmp(code, "slot_taken") == 0 || strcmp(code, "desk_taken") == 0))
        return MC_RULE_TAKEN;
    if (code != NULL && strcmp(code, "already_booked_that_day") == 0)
        return MC_RULE_ALREADY_BOOKED;
    if (code != NULL && strcmp(code, "booking_too_long") == 0)
        return MC_RULE_TOO_LONG;
    int rule = mci_value_of(rule_names, MCI_COUNT(rule_names), code, MC_RULE_NONE);
    return rule == MC_RULE_NO_ROOM ? MC_RULE_NONE : (mc_rule)rule;
}

const char *mc_status_name(mc_status status)
{
    switch (status) {
    case MC_OK:
        return "ok";
    case MC_ERR_INVALID_ARG:
        return "invalid_argument";
    case MC_ERR_NOT_FOUND:
        return "not_found";
    case MC_ERR_CONFLICT:
        return "conflict";
    case MC_ERR_INSUFFICIENT_CREDITS:
        return "insufficient_credits";
    case MC_ERR_OFFLINE:
        return "offline";
    case MC_ERR_NETWORK:
        return "network";
    case MC_ERR_UNAUTHORIZED:
        return "unauthorized";
    case MC_ERR_OTP_WRONG:
        return "otp_wrong";
    case MC_ERR_OTP_EXPIRED:
        return "otp_expired";
    case MC_ERR_OTP_EXHAUSTED:
        return "otp_exhausted";
    case MC_ERR_OTP_RATE_LIMITED:
        return "otp_rate_limited";
    case MC_ERR_PAYMENT_FAILED:
        return "payment_failed";
    case MC_ERR_STORAGE:
        return "storage";
    case MC_ERR_NO_MEMORY:
        return "no_memory";
    case MC_ERR_STATE:
        return "invalid_state";
    case MC_ERR_SERVER:
        return "server";
    case MC_ERR_FORBIDDEN:
        return "forbidden";
    case MC_ERR_TLS:
        return "tls";
    case MC_ERR_TLS_PIN:
        return "tls_pin";
    case MC_ERR_STORE_DAMAGED:
        return "store_damaged";
    case MC_ERR_CANCELLED:
        return "cancelled";
    }
    return "unknown";
}

mc_status mci_error_set(mc_error *err, mc_status code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    err->http_status = 0;
    err->retry_after_s = 0;
    err->attempts_left = -1;
    err->rule = MC_RULE_NONE;
    err->server_code[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    mci_utf8_scrub(err->message); /* a message cut short, or quoting bad input, stays UTF-8 */
    return code;
}

mc_status mci_refuse(mc_error *err, mc_rule rule, const char *fmt, ...)
{
    if (err == NULL)
        return MC_ERR_CONFLICT;
    mci_error_set(err, MC_ERR_CONFLICT, "%s", "");
    err->rule = rule;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    mci_utf8_scrub(err->message); /* a message cut short, or quoting bad input, stays UTF-8 */
    return MC_ERR_CONFLICT;
}
