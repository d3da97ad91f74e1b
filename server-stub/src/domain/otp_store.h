/* domain/otp_store.h - OTP rows in the database (keyed hashes only) and the simulated SMS outbox.
 */
#ifndef MS_OTP_STORE_H
#define MS_OTP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"
#include "rules/otp_rules.h"

/* Room for an SMS body. */
#define MS_SMS_MAX 161

/* The keyed hash a code is stored and compared as: HMAC-SHA256(key, phone "|" code). 0 / -1. */
int ms_otp_hash(const uint8_t key[MS_KEY_LEN], const char *phone, const char *code,
                uint8_t out[MS_SHA256_LEN]);

/* The phone's latest code: its state and stored hash. 0 / -1. */
int ms_otp_load(sqlite3 *db, const char *phone, ms_otp_state *state, uint8_t hash[MS_SHA256_LEN]);
/* When the phone's recent codes were sent (newest first, at most cap, inside the hour). 0 / -1. */
int ms_otp_recent_issues(sqlite3 *db, const char *phone, int64_t now_ms, int64_t *out, size_t cap,
                         size_t *n);
/*
 * Send code to phone: it replaces the previous code (attempts reset), the
 * issue is logged for the rate limits, and the text goes to the SMS outbox.
 * Only the keyed hash reaches the OTP tables. 0 / -1.
 */
int ms_otp_issue(sqlite3 *db, const uint8_t key[MS_KEY_LEN], const char *phone, const char *code,
                 int64_t now_ms);
/* Store the wrong-answer count. 0 / -1. */
int ms_otp_set_attempts(sqlite3 *db, const char *phone, int attempts);
/* Mark the phone's code used. 0 / -1. */
int ms_otp_consume(sqlite3 *db, const char *phone, int64_t now_ms);

/* The latest sign-in code SMS sent to phone (notifications texted to it are not): its body
 * (MS_SMS_MAX) and time; *found false if none. 0 / -1. */
int ms_sms_latest(sqlite3 *db, const char *phone, char *body, int64_t *sent_at_ms, bool *found);

#endif
