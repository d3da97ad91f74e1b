/* account/session.c - the session token kept in the platform's secure storage, bound to the server
 * origin that issued it, and its revocation (sent only to that origin). */
#include "account/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "net/url.h"
#include "store/store.h"
#include "util/error.h"

/* meta keys: the origin that issued the session token, and the one a pending revocation
 * goes to. */
#define META_SESSION_ORIGIN "session.origin"
#define META_REVOKE_ORIGIN  "session.revoke_origin"

/* The configured server's origin into origin; false without a server. */
static bool server_origin(const mc_client *c, char origin[MCI_ORIGIN_MAX])
{
    return c->server_url != NULL && mci_url_origin(c->server_url, origin, NULL) == MC_OK;
}

/* meta[key] = origin, or removed when origin is NULL. */
static mc_status set_origin(mc_client *c, const char *key, const char *origin, mc_error *err)
{
    pthread_mutex_lock(&c->lock);
    mc_status st =
        origin ? mci_meta_set(c->db, key, origin, err) : mci_meta_delete(c->db, key, err);
    pthread_mutex_unlock(&c->lock);
    return st;
}

/* Whether meta[key] names origin; a missing key (kept before origins were recorded) counts
 * as the configured server's. */
static bool bound_to(mc_client *c, const char *key, const char *origin)
{
    char *recorded = NULL;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_meta_get(c->db, key, &recorded, NULL);
    pthread_mutex_unlock(&c->lock);
    bool same = st == MC_ERR_NOT_FOUND || (st == MC_OK && strcmp(recorded, origin) == 0);
    free(recorded);
    return same;
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
        mc_status bound = set_origin(c, META_SESSION_ORIGIN, origin, err);
        if (bound != MC_OK)
            return bound;
    }
    mc_status st = c->platform.secure_set(c->secure_context, MC_SECURE_KEY_SESSION, token);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot keep the session in secure storage (%s)",
                             mc_status_name(st));
    atomic_store(&c->http.bearer_elsewhere, false); /* this origin's token now */
    return MC_OK;
}

/* Keep token for revocation by origin (NULL: not recorded). */
static mc_status defer_revoke_to(mc_client *c, const char *token, const char *origin,
                                 mc_error *err);

mc_status mci_session_drop(mc_client *c, mc_error *err)
{
    if (atomic_load(&c->http.bearer_elsewhere)) {
        /* Another origin's token: it leaves the session, kept for revocation by its issuer. */
        char token[MCI_TOKEN_MAX];
        mc_status kept = MC_OK;
        if (mci_session_token(c, token, NULL) == MC_OK)
            kept = defer_revoke_to(c, token, c->http.bearer_issuer, err);
        memset(token, 0, sizeof token);
        if (kept != MC_OK)
            return kept;
    }
    mc_status st = c->platform.secure_delete(c->secure_context, MC_SECURE_KEY_SESSION);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE,
                             "cannot remove the session from secure storage (%s)",
                             mc_status_name(st));
    return MC_OK;
}

/* Keep token for revocation by origin (NULL: not recorded). */
static mc_status defer_revoke_to(mc_client *c, const char *token, const char *origin, mc_error *err)
{
    mc_status st = set_origin(c, META_REVOKE_ORIGIN, origin, err);
    if (st != MC_OK)
        return st;
    st = c->platform.secure_set(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING, token);
    if (st != MC_OK)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot keep the revocation (%s)",
                             mc_status_name(st));
    return MC_OK;
}

mc_status mci_session_defer_revoke(mc_client *c, const char *token, mc_error *err)
{
    /* The token's issuer: another origin's (found at open), else this client's. */
    if (atomic_load(&c->http.bearer_elsewhere))
        return defer_revoke_to(c, token, c->http.bearer_issuer, err);
    char origin[MCI_ORIGIN_MAX];
    return defer_revoke_to(c, token, server_origin(c, origin) ? origin : NULL, err);
}

void mci_session_flush_revoke(mc_client *c)
{
    char origin[MCI_ORIGIN_MAX];
    char token[MCI_TOKEN_MAX];
    if (!server_origin(c, origin) ||
        c->platform.secure_get(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING, token,
                               sizeof token) != MC_OK)
        return;
    /* Kept for the server that issued it; and while another server's session is kept here,
     * no token goes out (net/http.h): it waits for a sign-in on this origin. */
    if (!bound_to(c, META_REVOKE_ORIGIN, origin) || atomic_load(&c->http.bearer_elsewhere)) {
        mci_client_log(c, MC_LOG_INFO,
                       "deferred logout still pending: kept for the server that issued it");
        memset(token, 0, sizeof token);
        return;
    }
    mc_error err = MC_ERROR_INIT;
    mc_status st = mci_http_call(&c->http, "POST", "/v1/auth/logout", NULL, token, NULL, &err);
    /* Revoked now, or already dead (401): either way there is nothing left to do. */
    if (st == MC_OK || st == MC_ERR_UNAUTHORIZED) {
        c->platform.secure_delete(c->secure_context, MC_SECURE_KEY_REVOKE_PENDING);
        set_origin(c, META_REVOKE_ORIGIN, NULL, NULL);
    } else {
        mci_client_log(c, MC_LOG_INFO, "deferred logout still pending: %s", mc_status_name(st));
    }
    memset(token, 0, sizeof token);
}

mc_status mci_session_check_origin(mc_client *c, mc_error *err)
{
    char origin[MCI_ORIGIN_MAX];
    if (!server_origin(c, origin) || !mci_session_signed_in(c))
        return MC_OK; /* a pending revocation waits for its own origin */
    char *issuer = NULL;
    mc_status st = mci_meta_get(c->db, META_SESSION_ORIGIN, &issuer, err);
    if (st == MC_ERR_NOT_FOUND) {
        st = set_origin(c, META_SESSION_ORIGIN, origin, err); /* kept before origins were */
    } else if (st == MC_OK && strcmp(issuer, origin) != 0) {
        mci_client_log(c, MC_LOG_INFO,
                       "the session was issued by %s, not %s: it will not be sent here", issuer,
                       origin);
        snprintf(c->http.bearer_issuer, sizeof c->http.bearer_issuer, "%s", issuer);
        atomic_store(&c->http.bearer_elsewhere, true);
    }
    free(issuer);
    return st;
}
