/* account/session.c - the session token kept in the platform's secure storage, and its revocation.
 */
#include "account/session.h"

#include <string.h>

#include "util/error.h"

mc_status mci_session_token(mc_client *c, char token[MCI_TOKEN_MAX], mc_error *err)
{
    mc_status st =
        c->platform.secure_get(c->secure_context, MC_SECURE_KEY_SESSION, token, MCI_TOKEN_MAX);
    if (st == MC_OK && token[0] != '\0')
        return MC_OK;
    if (st == MC_OK || st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    return mci_error_set(err, MC_ERR_STORAGE, "cannot read the session from secure storage (%s)",
                         mc_status_name(st));
}

bool mci_session_signed_in(mc_client *c)
{
    char token[MCI_TOKEN_MAX];
    bool signed_in = mci_session_token(c, token, NULL) == MC_OK;
    memset(token, 0, sizeof token);
    return signed_in;
}

mc_status mci_session_save(mc_client *c, const char *token, mc_error *err)
{
    if (strlen(token) >= MCI_TOKEN_MAX)
        return mci_error_set(err, MC_ERR_SERVER, "the server issued an over-long session token");
    mc_status st = c->platform.secure_set(c->secure_context, MC_SECURE_KEY_SESSION, token);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot keep the session in secure storage (%s)",
                             mc_status_name(st));
    return MC_OK;
}

mc_status mci_session_drop(mc_client *c, mc_error *err)
{
    mc_status st = c->platform.secure_delete(c->secure_context, MC_SECURE_KEY_SESSION);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE,
                             "cannot remove the session from secure storage (%s)",
                             mc_status_name(st));
    return MC_OK;
}

mc_status mci_session_defer_revoke(mc_client *c, const char *token, mc_error *err)
{
    mc_status st = c->platform.secure_set(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING, token);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot keep the revocation (%s)",
                             mc_status_name(st));
    return MC_OK;
}

void mci_session_flush_revoke(mc_client *c)
{
    char token[MCI_TOKEN_MAX];
    if (c->platform.secure_get(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING, token,
                               sizeof token) != MC_OK)
        return;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mci_http_call(&c->http, "POST", "/v1/auth/logout", NULL, token, NULL, &err);
    /* Revoked now, or already dead (401): either way there is nothing left to do. */
    if (st == MC_OK || st == MC_ERR_UNAUTHORIZED)
        c->platform.secure_delete(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING);
    else
        mci_client_log(c, MC_LOG_INFO, "deferred logout still pending: %s", mc_status_name(st));
    memset(token, 0, sizeof token);
}
