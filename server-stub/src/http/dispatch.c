/* http/dispatch.c - runs one routed request: the lock, the transaction, the auth check, the
 * handler. */
#include "http/dispatch.h"

#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "domain/sessions.h"
#include "domain/upkeep.h"

/* The token of an "Authorization: Bearer <token>" header, or NULL. */
static const char *bearer_token(const char *header)
{
    if (!header || strncasecmp(header, "Bearer ", 7) != 0)
        return NULL;
    const char *token = header + 7;
    while (*token == ' ')
        token++;
    if (!*token || strchr(token, ' '))
        return NULL;
    return token;
}

/* true when req carries a live session (req->user_id set); else a 401 in reply. */
static bool authenticate(ms_app *app, ms_request *req, ms_reply *reply)
{
    if (!req->authorization) {
        ms_reply_error(reply, 401, "unauthorized", "missing 'Authorization: Bearer <token>'");
        return false;
    }
    req->token = bearer_token(req->authorization);
    if (!req->token) {
        ms_reply_error(reply, 401, "unauthorized",
                       "the Authorization header must be 'Bearer <token>'");
        return false;
    }
    switch (ms_session_check(app->db, req->token, ms_clock_now(&app->clock), req->user_id)) {
    case MS_SESSION_VALID:
        return true;
    case MS_SESSION_EXPIRED:
        ms_reply_error(reply, 401, "unauthorized", "the session has expired; sign in again");
        return false;
    case MS_SESSION_REVOKED:
        ms_reply_error(reply, 401, "unauthorized", "the session was logged out; sign in again");
        return false;
    case MS_SESSION_UNKNOWN:
        ms_reply_error(reply, 401, "unauthorized", "unknown session token; sign in again");
        return false;
    case MS_SESSION_ERROR:
        break;
    }
    ms_reply_internal(reply);
    return false;
}

void ms_dispatch(ms_app *app, const ms_route *route, ms_request *req, ms_reply *reply)
{
    bool writes = strcmp(route->method, "GET") != 0;
    pthread_mutex_lock(&app->db_lock);
    if (ms_db_begin(app->db, writes) != 0) {
        ms_reply_internal(reply);
    } else if (ms_upkeep(app) != 0) {
        ms_reply_internal(reply);
        ms_db_rollback(app->db);
    } else {
        if (!route->needs_auth || authenticate(app, req, reply))
            route->handler(app, req, reply);
        if (reply->status == 0)
            ms_reply_internal(reply); /* a handler that answered nothing is a bug */
        if (reply->status < 400 || reply->keep_writes) {
            if (ms_db_commit(app->db) != 0) {
                ms_db_rollback(app->db);
                ms_reply_internal(reply);
            }
        } else {
            ms_db_rollback(app->db);
        }
    }
    pthread_mutex_unlock(&app->db_lock);
}
