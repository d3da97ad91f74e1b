/*
 * tests/fuzz/fuzz_client.h - what the core's harnesses share: a client signed in as usr_1 over a
 * fresh store in a temporary directory (removed at exit), with an injected clock, optionally
 * against a loopback answer server; and the input as a NUL-terminated copy.
 */
#ifndef FUZZ_CLIENT_H
#define FUZZ_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "answer_server.h"
#include "membercore/client.h"

/* The user the client is signed in as. */
#define FUZZ_USER_ID "usr_1"
/* The injected clock: 2027-01-04T04:30:00Z. */
#define FUZZ_NOW_MS 1799037000000LL

/* Open the client (server_url may be NULL: no server); aborts on failure. Closed at exit. */
mc_client *fuzz_client_open(const char *server_url);

/* The same against a new loopback answer server (*server: set its answers; stopped at exit). */
mc_client *fuzz_client_open_served(answer_server **server);

/* An HTTP status a server answers with, picked by a byte of the input (mostly 200). */
unsigned fuzz_http_status(uint8_t pick);

/* data[0..size) as a malloc'd NUL-terminated string (a NUL inside ends it early). */
char *fuzz_text(const uint8_t *data, size_t size);

#endif
