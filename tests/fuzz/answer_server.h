/*
 * tests/fuzz/answer_server.h - a one-answer HTTP server on 127.0.0.1 (libmicrohttpd, an
 * ephemeral port): every request gets the status and body last set, so a harness or a test
 * can hand the core's transport any answer it likes, byte for byte.
 */
#ifndef ANSWER_SERVER_H
#define ANSWER_SERVER_H

#include <stddef.h>
#include <stdint.h>

typedef struct answer_server answer_server;

/* Start listening on 127.0.0.1 (a free port). NULL on failure. */
answer_server *answer_server_start(void);
/* The base URL to give mc_config.server_url ("http://127.0.0.1:<port>", static per server). */
const char *answer_server_url(const answer_server *server);
/* Answer every later request with status and the len bytes of body (copied). */
void answer_server_set(answer_server *server, unsigned status, const void *body, size_t len);
/* How many requests were answered so far. */
uint64_t answer_server_requests(const answer_server *server);
/* Stop and free (NULL is accepted). */
void answer_server_stop(answer_server *server);

#endif
