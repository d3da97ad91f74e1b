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
 * Send code to phone, asked from client address: it replaces the previous code (attempts reset),
 * the issue is logged for the rate limits (the address only in a table of this connection's
 * memory, ms_otp_requests_open), and the text goes to the SMS outbox: with the code when
 * keep_code (test mode, for GET /v1/test/sms), else with the code masked as "******". Only the
 * keyed hash reaches the OTP tables. 0 / -1.
 */
int ms_otp_issue(sqlite3 *db, const uint8_t key[MS_KEY_LEN], const char *phone, const char *code,
                 const char *address, bool keep_code, int64_t now_ms);

/* Create the connection's in-memory table of recent code requests by client address (TEMP: it
 * never reaches the database file; emptied by a restart). Call once after ms_db_open. 0 / -1. */
int ms_otp_requests_open(sqlite3 *db);
/*
 * The per-address (address non-NULL) or overall (address NULL) count against cap: *cap_reached
 * when cap codes or more went out in the hour before now_ms, *cap_th_ms when the cap-th most
 * recent went out. cap 0: never reached. 0 / -1.
 */
int ms_otp_requests_cap(sqlite3 *db, const char *address, int cap, int64_t now_ms,
                        bool *cap_reached, int64_t *cap_th_ms);
/* Store the wrong-answer count. 0 / -1. */
int ms_otp_set_attempts(sqlite3 *db, const char *phone, int attempts);
/* Mark the phone's code used. 0 / -1. */
int ms_otp_consume(sqlite3 *db, const char *phone, int64_t now_ms);

/* The latest sign-in code SMS sent to phone (notifications texted to it are not): its body
 * (MS_SMS_MAX) and time; *found false if none. 0 / -1. */
int ms_sms_latest(sqlite3 *db, const char *phone, char *body, int64_t *sent_at_ms, bool *found);

#endif
