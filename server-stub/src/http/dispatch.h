/* http/dispatch.h - runs one routed request: the lock, the transaction, the auth check, the
 * handler. */
#ifndef MS_DISPATCH_H
#define MS_DISPATCH_H

#include "api/api.h"
#include "routes/routes.h"

/*
 * Run route's handler for req under the database lock, inside one
 * transaction, after the time-driven upkeep (upkeep.h) and checking the
 * bearer token if the route needs auth.
 * The transaction commits when the reply is a success (or asks to keep its
 * writes) and rolls back otherwise, so no request leaves a half-written row.
 * This is the one place every handler is called from.
 */
void ms_dispatch(ms_app *app, const ms_route *route, ms_request *req, ms_reply *reply);

#endif
