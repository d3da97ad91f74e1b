/* http/http.h - the libmicrohttpd glue: listen on 127.0.0.1, read bodies, route, send JSON replies.
 */
#ifndef MS_HTTP_H
#define MS_HTTP_H

#include <stdint.h>

#include "base/app.h"

/* Request bodies larger than this are refused with 413 payload_too_large, unless the route
 * sets its own limit (ms_route.body_max: the photo upload's PATCH takes 16 MiB). */
#define MS_HTTP_BODY_MAX (64 * 1024)
/*
 * Each connection is served by its own thread (the database itself is used by
 * one at a time), so a request held up on purpose (the "delay" fault) never
 * holds up another connection. At most this many connections at once.
 */
#define MS_HTTP_CONNECTIONS_MAX 256

typedef struct ms_http ms_http;

/* Listen on 127.0.0.1:port (0 picks a free port) and serve app. NULL on failure (logged). */
ms_http *ms_http_start(ms_app *app, uint16_t port);
/* The port actually listened on. */
uint16_t ms_http_port(const ms_http *http);
/* Stop serving (in-flight requests finish first) and free. NULL is accepted. */
void ms_http_stop(ms_http *http);

#endif
