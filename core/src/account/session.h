/*
 * account/session.h - the session token in the platform's secure storage.
 *
 * The token never touches SQLite or a log. A logout that cannot reach the
 * server leaves the token under MC_SECURE_KEY_REVOKE_PENDING, and the next
 * sign-in revokes it first.
 *
 * A token belongs to the server origin that issued it (scheme://host:port,
 * kept in meta as "session.origin"), and a pending revocation goes only to
 * its own origin ("session.revoke_origin"). A client opened on another
 * origin never sends the token (net/http.h, bearer_elsewhere): a call that
 * would carry it fails as offline while that server is unreachable, and with
 * MC_ERR_UNAUTHORIZED once it is reachable, which drops the session like any
 * dead one; the token then waits as a revocation for its issuer.
 */
#ifndef MCI_ACCOUNT_SESSION_H
#define MCI_ACCOUNT_SESSION_H

#include "handle/handle.h"

/* Room for a token (the stub issues 47 characters). */
#define MCI_TOKEN_MAX 256

/* The current token into token; MC_ERR_UNAUTHORIZED when nobody is signed in. */
mc_status mci_session_token(mc_client *client, char token[MCI_TOKEN_MAX], mc_error *err);

/* Whether a session token is kept (mc_auth_is_signed_in without the call guard). */
bool mci_session_signed_in(mc_client *client);

/* Keep token as the current session, bound to the client's server origin. */
mc_status mci_session_save(mc_client *client, const char *token, mc_error *err);

/* Drop the current token (the account row is the caller's business); another origin's token
 * is kept as the pending revocation of its issuer. */
mc_status mci_session_drop(mc_client *client, mc_error *err);

/* Remember token for revocation by this client's origin when it is reachable again. */
mc_status mci_session_defer_revoke(mc_client *client, const char *token, mc_error *err);

/* If a revocation is pending for this client's origin, send it; keep it if the server is
 * unreachable or the revocation belongs to another origin. */
void mci_session_flush_revoke(mc_client *client);

/*
 * At open: when the session token was issued by another origin than the configured
 * server's, mark it so (c->http.bearer_elsewhere) and log it; nothing is sent. A token kept
 * before origins were recorded is bound to the configured origin. No server configured, or
 * nobody signed in: nothing to check. Errors: MC_ERR_STORAGE.
 */
mc_status mci_session_check_origin(mc_client *client, mc_error *err);

#endif
