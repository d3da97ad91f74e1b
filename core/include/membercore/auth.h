/*
 * membercore/auth.h - signing in with an SMS OTP, the profile, the intent, the account.
 *
 * The journey (DOMAIN.md section 1), in call order:
 *
 *   1. mc_phone_normalize()      - what the member typed -> E.164 (optional:
 *                                  mc_auth_request_otp normalises too)
 *   2. mc_auth_request_otp()     - the server texts a 6-digit code; the answer
 *                                  says whether the number is registered
 *   3. mc_auth_verify_otp()      - the code -> a session; a new number gets an
 *                                  account at once
 *   4. mc_auth_complete_profile()- new users: name, email, company, city
 *                                  (creates a CRM lead with status "new")
 *   5. mc_auth_set_intent()      - on-demand (grants the ondemanduser role now),
 *                                  or private / virtual office with details
 *   6. mc_account_get()          - who is signed in, from the local store
 *      mc_auth_logout()          - revoke the session and forget local data
 *
 * Steps 2-5 need the server: offline they fail with MC_ERR_OFFLINE and change
 * nothing. The phone of step 2 is remembered in the local store, so step 3
 * works after the app was killed while the member read the SMS. The session
 * token is kept in the platform's secure storage and survives restarts; it
 * belongs to the server origin that issued it (mc_config.server_url): opened
 * on another origin, the client never sends it there, and is signed out as
 * soon as that server answers (MC_ERR_UNAUTHORIZED).
 */
#ifndef MEMBERCORE_AUTH_H
#define MEMBERCORE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/money.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes needed for an E.164 number: '+', at most 15 digits, NUL. */
#define MC_PHONE_MAX 17

/*
 * Normalise a phone number as a person types it to E.164 ("+919876543210").
 * Spaces, dashes, dots and parentheses are ignored; a bare 10-digit Indian
 * mobile (first digit 6-9), optionally with a leading 0, becomes +91...;
 * "00" before a country code counts as "+". Anything else must already be
 * valid E.164 (country code not starting with 0, 8 to 15 digits). The
 * numbering plans of the operator's countries are checked in full, and the
 * sign-in code goes by SMS, so where a plan tells mobiles apart only mobiles
 * pass: +91 India, 10 digits, mobiles starting 6-9; +44 UK, the national
 * number's length and prefix, mobiles 71-75, 77-79 and 7624 (a trunk 0
 * typed after +44, "+44 (0)7700 ...", is dropped); +1 NANP, NPA-NXX-XXXX
 * with area code and exchange starting 2-9 and neither an N11 code. The
 * fictional ranges (UK 07700 900xxx, NANP 555-01xx) are well-formed and
 * pass. Other countries: E.164's shape only.
 * out receives the result (out_cap >= MC_PHONE_MAX).
 * Errors: MC_ERR_INVALID_ARG with a message naming the problem ("phone is
 * empty", "phone contains 'x'", "phone is a UK landline ...", ...). Pure,
 * thread-safe, no I/O.
 */
mc_status mc_phone_normalize(const char *input, char *out, size_t out_cap, mc_error *err);

/* What mc_auth_request_otp learnt. Plain data, caller-allocated. */
typedef struct mc_otp_request {
    /* The E.164 number the code was sent to. */
    char phone[MC_PHONE_MAX];
    /* true when the number already has an account (sign-in, not sign-up). */
    bool registered;
    /* Seconds until the code expires, and until a new one may be requested. */
    int32_t expires_in_s;
    int32_t resend_after_s;
} mc_otp_request;

/*
 * Ask the server to text a 6-digit code to `phone` (normalised first) and
 * remember the phone locally for mc_auth_verify_otp. Requesting again
 * replaces the previous code.
 * Errors: MC_ERR_INVALID_ARG (phone), MC_ERR_OTP_RATE_LIMITED (30 s between
 * codes, 5 codes per hour; err->retry_after_s says when), MC_ERR_OFFLINE,
 * MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE. Blocks on the network: call
 * from a background thread in an app.
 */
mc_status mc_auth_request_otp(mc_client *client, const char *phone, mc_otp_request *out,
                              mc_error *err);

/*
 * The phone of the OTP request in progress, into out (out_cap >=
 * MC_PHONE_MAX). MC_ERR_NOT_FOUND when no sign-in is in progress. Local only.
 * Any thread.
 */
mc_status mc_auth_pending_phone(mc_client *client, char *out, size_t out_cap, mc_error *err);

/* Roles, as bits of mc_account.roles. */
typedef enum mc_role {
    MC_ROLE_LEAD = 1 << 0,
    MC_ROLE_ONDEMAND = 1 << 1,
    MC_ROLE_MEMBER = 1 << 2,
    MC_ROLE_STAFF = 1 << 3,
} mc_role;

/* What the member said they need. */
typedef enum mc_intent {
    MC_INTENT_NONE = 0,
    MC_INTENT_ON_DEMAND = 1,
    MC_INTENT_PRIVATE_OFFICE = 2,
    MC_INTENT_VIRTUAL_OFFICE = 3,
} mc_intent;

/*
 * The signed-in account. Returned by the calls below; the caller owns it and
 * releases it with mc_account_free(). Every string is UTF-8 and never NULL
 * ("" when unknown).
 */
typedef struct mc_account {
    char *user_id;
    char *phone; /* E.164 */
    char *name;
    char *email;
    char *company;
    char *city;
    uint32_t roles; /* MC_ROLE_* bits */
    bool profile_complete;
    /* The CRM lead created by completing the profile ("" / 0 when none). */
    char *lead_id;
    char *lead_status; /* "new", ... */
    mc_intent intent;
    char *industry;
    int32_t employees;
    char *timeline;
    mc_money budget; /* per month, in the currency the member gave it in */
    /* Members: their company, building and seat ("Cabin 1019"). */
    char *company_id;
    char *building_id;
    char *seat;
} mc_account;

/* Free an account and its strings. NULL is accepted. Any thread. */
void mc_account_free(mc_account *account);

/*
 * Check `code` (exactly 6 digits) against the pending request. On success the
 * session token goes to secure storage, the account to the local store, and
 * *out (may be NULL if not wanted) receives the account; *new_user (may be
 * NULL) is true when this number had no account before.
 * Errors: MC_ERR_INVALID_ARG (code format), MC_ERR_STATE (no OTP requested),
 * MC_ERR_OTP_WRONG, MC_ERR_OTP_EXPIRED, MC_ERR_OTP_EXHAUSTED, MC_ERR_OFFLINE,
 * MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE. Blocks on the network.
 * Any thread.
 */
mc_status mc_auth_verify_otp(mc_client *client, const char *code, bool *new_user, mc_account **out,
                             mc_error *err);

/* The profile a new user completes. All four required; borrowed. */
typedef struct mc_profile {
    const char *name;    /* 1-100 characters */
    const char *email;   /* a valid address */
    const char *company; /* 1-100 characters */
    const char *city;    /* 1-60 characters */
} mc_profile;

/*
 * Complete (or update) the signed-in user's profile. The first completion
 * creates the CRM lead (status "new") and the lead role.
 * Errors: MC_ERR_INVALID_ARG (names the field), MC_ERR_UNAUTHORIZED,
 * MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_auth_complete_profile(mc_client *client, const mc_profile *profile, mc_account **out,
                                   mc_error *err);

/* The intent and, for offices, what the sales team needs. Borrowed. */
typedef struct mc_intent_details {
    mc_intent intent;
    /* Required for private and virtual office; ignored for on-demand. */
    const char *industry; /* 1-100 characters */
    int32_t employees;    /* 1-100000 */
    const char *timeline; /* 1-100 characters, e.g. "within 3 months" */
    mc_money budget;      /* monthly budget: minor > 0, currency an ISO 4217 code ("INR") */
} mc_intent_details;

/*
 * Record the signed-in user's intent. MC_INTENT_ON_DEMAND grants the
 * ondemanduser role at once; offices record their details on the lead.
 * Changing to on-demand keeps the office details stated before (industry,
 * employees, timeline, budget stay on the lead and in the account: a member
 * who starts on demand may still want the office, and the sales team keeps
 * its notes); a later office intent replaces them.
 * Errors: MC_ERR_INVALID_ARG (names the field), MC_ERR_STATE (profile not
 * complete yet), MC_ERR_UNAUTHORIZED, MC_ERR_OFFLINE, MC_ERR_NETWORK,
 * MC_ERR_SERVER, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_auth_set_intent(mc_client *client, const mc_intent_details *details, mc_account **out,
                             mc_error *err);

/* true when a session token is held (it may still have expired server-side). Any thread. */
bool mc_auth_is_signed_in(mc_client *client);

/*
 * The signed-in account from the local store: no network, works offline.
 * Errors: MC_ERR_UNAUTHORIZED (nobody signed in), MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_account_get(mc_client *client, mc_account **out, mc_error *err);

/*
 * Fetch the account from the server and update the local store.
 * Errors: MC_ERR_UNAUTHORIZED (session expired: the local session is
 * dropped), MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_account_refresh(mc_client *client, mc_account **out, mc_error *err);

/*
 * Sign out: the local session, the account and every synced copy of the
 * member's data are removed at once, whether or not the server is reachable.
 * If it is not, the revocation is kept and sent before the next request.
 * Writes not yet synced stay in the outbox and are sent when the same member
 * signs in again (never under another member's session).
 * Errors: MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_auth_logout(mc_client *client, mc_error *err);

/* Stable names: "lead", "ondemanduser", "member", "staff"; and
 * "none", "on_demand", "private_office", "virtual_office". A value that is
 * not one of these (or a role with several bits) gives "unknown". Never NULL;
 * static strings; any thread. */
const char *mc_role_name(mc_role role);
const char *mc_intent_name(mc_intent intent);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_AUTH_H */
