/* rules/otp_rules.c - the OTP rules of DOMAIN.md section 1 as pure decisions (no I/O, no clock). */
#include "rules/otp_rules.h"

#include <stdio.h>

static int32_t ceil_seconds(int64_t ms)
{
    if (ms <= 0)
        return 0;
    int64_t s = (ms + 999) / 1000;
    return s > INT32_MAX ? INT32_MAX : (int32_t)s;
}

ms_otp_issue_decision ms_otp_may_issue_capped(bool cap_reached, int64_t cap_th_ms, int64_t now_ms)
{
    ms_otp_issue_decision d = {.allowed = true, .retry_after_s = 0};
    if (cap_reached && cap_th_ms > now_ms - MS_OTP_WINDOW_MS) {
        d.allowed = false;
        d.retry_after_s = ceil_seconds(cap_th_ms + MS_OTP_WINDOW_MS - now_ms);
        if (d.retry_after_s < 1)
            d.retry_after_s = 1;
    }
    return d;
}

ms_otp_issue_decision ms_otp_may_issue(const int64_t *issued_at_ms, size_t n, int64_t now_ms)
{
    /* The most recent codes still inside the window, newest first. */
    int64_t newest[MS_OTP_MAX_PER_WINDOW];
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t t = issued_at_ms[i];
        if (t <= now_ms - MS_OTP_WINDOW_MS)
            continue; /* left the window */
        size_t pos = kept < MS_OTP_MAX_PER_WINDOW ? kept : MS_OTP_MAX_PER_WINDOW;
        while (pos > 0 && newest[pos - 1] < t) {
            if (pos < MS_OTP_MAX_PER_WINDOW)
                newest[pos] = newest[pos - 1];
            pos--;
        }
        if (pos < MS_OTP_MAX_PER_WINDOW) {
            newest[pos] = t;
            if (kept < MS_OTP_MAX_PER_WINDOW)
                kept++;
        }
    }

    int64_t wait_ms = 0;
    if (kept > 0) {
        int64_t cooldown = newest[0] + MS_OTP_RESEND_MS - now_ms;
        if (cooldown > wait_ms)
            wait_ms = cooldown;
    }
    if (kept == MS_OTP_MAX_PER_WINDOW) {
        /* A slot frees up when the oldest of the last five leaves the window. */
        int64_t cap = newest[MS_OTP_MAX_PER_WINDOW - 1] + MS_OTP_WINDOW_MS - now_ms;
        if (cap > wait_ms)
            wait_ms = cap;
    }
    ms_otp_issue_decision d = {wait_ms <= 0, ceil_seconds(wait_ms)};
    return d;
}

ms_otp_verdict ms_otp_verify(const ms_otp_state *state, int64_t now_ms, bool code_matches)
{
    ms_otp_verdict v = {MS_OTP_EXPIRED, 0, 0};
    if (!state->present || state->consumed)
        return v;
    v.attempts = state->attempts;
    if (state->attempts >= MS_OTP_MAX_ATTEMPTS) {
        v.outcome = MS_OTP_EXHAUSTED;
        return v;
    }
    if (now_ms >= state->issued_at_ms + MS_OTP_TTL_MS)
        return v;
    if (code_matches) {
        v.outcome = MS_OTP_ACCEPTED;
        return v;
    }
    v.outcome = MS_OTP_WRONG;
    v.attempts = state->attempts + 1;
    v.attempts_left = MS_OTP_MAX_ATTEMPTS - v.attempts;
    return v;
}

void ms_otp_wait_words(int32_t seconds, char *out, size_t cap)
{
    if (seconds < 60) {
        snprintf(out, cap, "%d s", seconds > 0 ? (int)seconds : 0);
        return;
    }
    int minutes = (int)((seconds + 59) / 60);
    if (minutes < 60)
        snprintf(out, cap, "%d min", minutes);
    else if (minutes % 60 == 0)
        snprintf(out, cap, "%d h", minutes / 60);
    else
        snprintf(out, cap, "%d h %d min", minutes / 60, minutes % 60);
}
