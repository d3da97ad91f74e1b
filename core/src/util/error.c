/* util/error.c - status names and mc_error helpers. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>

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
    err->server_code[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}
