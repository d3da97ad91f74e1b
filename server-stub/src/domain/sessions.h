/* domain/sessions.h - session tokens: issue, check and revoke; only their SHA-256 is stored. */
#ifndef MS_SESSIONS_H
#define MS_SESSIONS_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"

/* "mcs_" + 43 base64url characters (32 random bytes) + NUL, with room to spare. */
#define MS_TOKEN_MAX 64
/* A session lasts 30 days from issue, by the server clock. */
#define MS_SESSION_TTL_MS (30LL * 24 * 60 * 60 * 1000)

typedef enum ms_session_status {
    MS_SESSION_VALID,
    MS_SESSION_UNKNOWN,
    MS_SESSION_EXPIRED,
    MS_SESSION_REVOKED,
    MS_SESSION_ERROR,
} ms_session_status;

/* A new session for user_id: the token (shown once, never stored) and its expiry. 0 / -1. */
int ms_session_issue(sqlite3 *db, ms_rng *rng, const char *user_id, int64_t now_ms,
                     char token[MS_TOKEN_MAX], int64_t *expires_at_ms);
/* Who holds token now; user_id (MS_ID_MAX) is filled when MS_SESSION_VALID. */
ms_session_status ms_session_check(sqlite3 *db, const char *token, int64_t now_ms, char *user_id);
/* Revoke token (no-op when already revoked). 0 / -1. */
int ms_session_revoke(sqlite3 *db, const char *token, int64_t now_ms);

#endif
