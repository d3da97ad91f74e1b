/* credentials.h - access credentials: who may enter, when, and the random secret a reader checks.
 */
#ifndef MS_CREDENTIALS_H
#define MS_CREDENTIALS_H

#include <stdint.h>

#include <sqlite3.h>

#include "crypto.h"

/* A credential's secret: 32 random bytes as unpadded base64url (43 characters) + NUL. */
#define MS_CREDENTIAL_SECRET_MAX 48

/*
 * Issue a credential for email (a guest of reservation_id) valid over
 * [valid_from_ms, valid_until_ms): id "crd_" + 16 hex into id (MS_ID_MAX),
 * with a fresh random secret. 0 / -1.
 */
int ms_credential_issue(sqlite3 *db, ms_rng *rng, const char *reservation_id, const char *email,
                        int64_t valid_from_ms, int64_t valid_until_ms, int64_t now_ms, char *id);

/* Revoke every live credential of reservation_id. 0 / -1. */
int ms_credentials_revoke(sqlite3 *db, const char *reservation_id, int64_t now_ms);

#endif
