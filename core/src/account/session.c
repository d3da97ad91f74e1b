/* account/session.c - the session token kept in the platform's secure storage, and its revocation.
 */
#include "account/session.h"

#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "net/url.h"
#include "store/store.h"
#include "util/error.h"

#define META_SESSION_ORIGIN "session.origin"

/* The configured server's origin into origin; false without a server. */
static bool server_origin(const mc_client *c, char origin[MCI_ORIGIN_MAX])
{
    return c->server_url != NULL && mci_url_origin(c->server_url, origin, NULL) == MC_OK;
}

/* Record (or, with origin NULL, forget) the origin the kept token belongs to. */
static mc_status set_session_origin(mc_client *c, const char *origin, mc_error *err)
{
    pthread_mutex_lock(&c->lock);
    mc_status st = origin ? mci_meta_set(c->db, META_SESSION_ORIGIN, origin, err)
                          : mci_meta_delete(c->db, META_SESSION_ORIGIN, err);
    pthread_mutex_unlock(&c->lock);
    return st;
}

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
    /* The origin first: a crash before the token leaves an origin without a token (harmless),
     * never a token without its origin. */
    char origin[MCI_ORIGIN_MAX];
    if (server_origin(c, origin)) {
        mc_status bound = set_session_origin(c, origin, err);
        if (bound != MC_OK)
            return bound;
    }
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

/* Whether secure storage holds something under key (a token). */
static bool secure_has(mc_client *c, const char *key)
{
    char token[MCI_TOKEN_MAX];
    bool has = c->platform.secure_get(c->secure_context, key, token, sizeof token) == MC_OK &&
               token[0] != '\0';
    memset(token, 0, sizeof token);
    return has;
}

/* Signed out on this device only: the account row and the server's data, then the tokens. */
static mc_status sign_out_locally(mc_client *c, mc_error *err)
{
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_store_begin(c->db, err);
    if (st == MC_OK)
        st = mci_account_delete(c->db, err);
    if (st == MC_OK)
        st = mci_store_forget_server_truth(c->db, err);
    if (st == MC_OK)
        st = mci_meta_delete(c->db, META_SESSION_ORIGIN, err);
    if (st == MC_OK)
        st = mci_store_commit(c->db, err);
    else
        mci_store_rollback(c->db);
    pthread_mutex_unlock(&c->lock);
    if (st == MC_OK)
        st = mci_session_drop(c, err);
    mc_status pending = c->platform.secure_delete(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING);
    if (st == MC_OK && pending != MC_OK && pending != MC_ERR_NOT_FOUND)
        st = mci_error_set(err, MC_ERR_STORAGE,
                           "cannot remove the pending revocation from secure storage (%s)",
                           mc_status_name(pending));
    return st;
}

mc_status mci_session_check_origin(mc_client *c, mc_error *err)
{
    char origin[MCI_ORIGIN_MAX];
    if (!server_origin(c, origin))
        return MC_OK;
    if (!secure_has(c, MC_SECURE_KEY_SESSION) && !secure_has(c, MC_SECURE_KEY_REVOKE_PENDING))
        return MC_OK;
    char *issued_by = NULL;
    mc_status st = mci_meta_get(c->db, META_SESSION_ORIGIN, &issued_by, err);
    if (st == MC_ERR_NOT_FOUND)
        return set_session_origin(c, origin, err); /* kept before origins were recorded */
    if (st != MC_OK)
        return st;
    bool same = strcmp(issued_by, origin) == 0;
    if (!same)
        mci_client_log(c, MC_LOG_INFO,
                       "the session was issued by %s, not %s: signed out on this device", issued_by,
                       origin);
    free(issued_by);
    return same ? MC_OK : sign_out_locally(c, err);
}
