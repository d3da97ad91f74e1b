/* rules/otp_rules.h - the OTP rules of DOMAIN.md section 1 as pure decisions (no I/O, no clock). */
#ifndef MS_OTP_RULES_H
#define MS_OTP_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A code is valid for 5 minutes: at issued + 5 min it has expired. */
#define MS_OTP_TTL_MS (5 * 60 * 1000)
/* No new code sooner than 30 s after the previous one for the same phone. */
#define MS_OTP_RESEND_MS (30 * 1000)
/* At most 5 codes per phone in any rolling hour. */
#define MS_OTP_MAX_PER_WINDOW 5
#define MS_OTP_WINDOW_MS      (60 * 60 * 1000)
/* Five wrong answers kill a code. */
#define MS_OTP_MAX_ATTEMPTS 5

/* The stored state of a phone's latest code. */
typedef struct ms_otp_state {
    bool present;  /* a code was ever issued to this phone */
    bool consumed; /* it was already used to sign in */
    int64_t issued_at_ms;
    int attempts; /* wrong answers so far */
} ms_otp_state;

typedef struct ms_otp_issue_decision {
    bool allowed;
    /* When refused: seconds (rounded up) until a code may be requested. */
    int32_t retry_after_s;
} ms_otp_issue_decision;

/*
 * May a new code be sent now? issued_at_ms lists when earlier codes were sent
 * to this phone (any order; entries older than the hour are ignored). If both
 * the 30 s cooldown and the hourly cap apply, retry_after_s is the later one.
 */
ms_otp_issue_decision ms_otp_may_issue(const int64_t *issued_at_ms, size_t n, int64_t now_ms);

/* Outside test mode, codes sent per client address and overall in any rolling hour (SMS
 * pumping); memberstub's --otp-max-per-address / --otp-max-overall change them. */
#define MS_OTP_MAX_PER_ADDRESS_DEFAULT 10
#define MS_OTP_MAX_OVERALL_DEFAULT     100
/* The largest value those options take. */
#define MS_OTP_MAX_LIMIT 100000

/*
 * May one more code go out under a cap of codes per rolling hour (per address or overall)?
 * cap_reached: cap codes or more went out inside the hour; cap_th_ms: when the cap-th most recent
 * of them went out (ignored otherwise). Refused until that one leaves the hour.
 */
ms_otp_issue_decision ms_otp_may_issue_capped(bool cap_reached, int64_t cap_th_ms, int64_t now_ms);

/* A wait as a member reads it, for "try again in ...": "30 s" under a minute, else whole
 * minutes rounded up ("53 min" for 3144 s), an hour or more "1 h" / "1 h 5 min". */
void ms_otp_wait_words(int32_t seconds, char *out, size_t cap);

typedef enum ms_otp_outcome {
    MS_OTP_ACCEPTED,  /* right code: consume it and sign in */
    MS_OTP_WRONG,     /* wrong code: store attempts, answer attempts_left */
    MS_OTP_EXPIRED,   /* none outstanding (never sent, consumed) or past 5 min */
    MS_OTP_EXHAUSTED, /* 5 wrong answers killed it */
} ms_otp_outcome;

typedef struct ms_otp_verdict {
    ms_otp_outcome outcome;
    /* MS_OTP_WRONG: the attempts to store and the attempts still allowed. */
    int attempts;
    int attempts_left;
} ms_otp_verdict;

/*
 * Decide a verification. code_matches is the constant-time comparison of the
 * keyed hashes; it only counts once the code is outstanding, alive and fresh.
 * Checks, in order: none outstanding -> expired; dead -> exhausted;
 * now >= issued + 5 min -> expired; then right or wrong.
 */
ms_otp_verdict ms_otp_verify(const ms_otp_state *state, int64_t now_ms, bool code_matches);

#endif
