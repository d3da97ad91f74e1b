/*
 * membercore/transport.h - the HTTP transport a host may carry instead of the built-in one.
 *
 * Every request the core makes (sign-in, sync, bookings, payments, photo uploads) goes through
 * one mc_transport: "request in, response out", blocking, with timeouts and cancellation. On
 * Android and iOS the binding supplies one over the phone's own networking
 * (java.net.HttpURLConnection, URLSession), so that the app's proxy, Network Security Config
 * or App Transport Security, user certificates, pinning and connection pool apply, as Mozilla's
 * application-services does with its viaduct layer. When mc_config.transport is NULL the
 * built-in libcurl transport is used (Linux, memberctl, the tests): it verifies TLS as
 * mc_config says (tls_pins, tls_ca_file) and keeps connections and TLS sessions alive across
 * calls of one client.
 *
 * What stays the core's job whatever the transport: which URLs may be used (https://, or
 * http:// to a loopback host only; the url given is already checked), what is sent (JSON
 * bodies, the bearer token only to the origin that issued it), reading the answer (status,
 * JSON, the server's error code) and what a failure means to the member. What becomes the
 * host transport's job: DNS, proxies, TLS verification and pinning (mc_config.tls_pins and
 * tls_ca_file apply to the built-in transport only: with a host transport, mc_client_open
 * refuses them with MC_ERR_INVALID_ARG, as the platform's own configuration pins), redirects
 * (none should be followed: the API never redirects), cookies (none should be kept).
 *
 * Threads: send() is called on the thread of the call that needs the network (an app thread
 * or the sync thread), several at once from different threads. cancel() is called from
 * another thread (mc_client_close) while a send() with that request id is blocked; it must
 * make that send() return MC_ERR_CANCELLED soon. Both must be thread-safe.
 */
#ifndef MEMBERCORE_TRANSPORT_H
#define MEMBERCORE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One request header. Names are ASCII, as sent ("Content-Type"); values are ASCII. The
 * Authorization header carries a secret: a transport never logs its value. */
typedef struct mc_http_header {
    const char *name;
    const char *value;
} mc_http_header;

/*
 * One request, valid only during the send() it is passed to (copy what must outlive it).
 */
typedef struct mc_http_request {
    /* Unique per client, never 0: what cancel() names. */
    uint64_t id;
    /* "GET", "HEAD", "POST", "PUT", "PATCH" or "DELETE". */
    const char *method;
    /* Absolute URL, already checked by the core (https://, or http:// to loopback). */
    const char *url;
    /* The headers to send, in order (Content-Type, Authorization, Upload-Offset, ...). A
     * transport adds none that change the meaning (it may add Host, Content-Length,
     * User-Agent, Accept-Encoding as its platform does). */
    const mc_http_header *headers;
    size_t header_count;
    /* The body: body_length bytes, or -1 for a request without one. When body is not NULL
     * it holds all body_length bytes; when it is NULL and body_length >= 0 (a photo upload
     * streamed from a file) the transport reads them with mc_http_body_read(). A transport
     * may always use mc_http_body_read(), which serves both. */
    const uint8_t *body;
    int64_t body_length;
    /* Time limits, in milliseconds, > 0 unless said otherwise:
     * connect_timeout_ms: to have a connection (TCP and TLS) to send on;
     * request_timeout_ms: the whole exchange, from the start to the last byte of the
     *   answer; 0 means no total limit (uploads), and then
     * stall_timeout_ms: give up when no byte has moved either way for this long; 0 means
     *   no stall limit (the total limit applies).
     * A limit that passes is MC_ERR_OFFLINE before the connection is made and
     * MC_ERR_NETWORK after. */
    int32_t connect_timeout_ms;
    int32_t request_timeout_ms;
    int32_t stall_timeout_ms;
    /* Private to the core: a transport never reads or changes it. */
    void *core_private;
} mc_http_request;

/* Where a transport writes the answer: owned by the core, valid during send(). */
typedef struct mc_http_response mc_http_response;

/*
 * Copy up to cap bytes of the request's body, from offset (0 <= offset <= body_length), into
 * buf; *got (not NULL) receives how many (0 only at the end). Repeatable: a transport that
 * retries or rewinds reads again from any offset. Errors: MC_ERR_INVALID_ARG (no body,
 * offset out of range, NULL buf with cap > 0), MC_ERR_STORAGE (the file could not be read).
 * During send(), on the thread running it or any other.
 */
mc_status mc_http_body_read(const mc_http_request *request, int64_t offset, void *buf, size_t cap,
                            size_t *got, mc_error *err);

/* The answer's HTTP status code (100..599), once, before any body. MC_ERR_INVALID_ARG out of
 * range. During send(). */
mc_status mc_http_response_set_status(mc_http_response *response, int status, mc_error *err);

/* One header of the answer (the core reads Content-Type, Retry-After and Upload-Offset;
 * a transport may pass all or only those). Names compare case-insensitively. Values over
 * 8 KiB are refused (MC_ERR_NETWORK). During send(). */
mc_status mc_http_response_add_header(mc_http_response *response, const char *name,
                                      const char *value, mc_error *err);

/* Append length bytes of the answer's body, as they arrive. The core refuses an answer over
 * 16 MiB with MC_ERR_NETWORK ("the server's answer is too large"): the transport then stops
 * reading and returns that status. MC_ERR_NO_MEMORY. During send(). */
mc_status mc_http_response_append_body(mc_http_response *response, const void *data, size_t length,
                                       mc_error *err);

typedef struct mc_transport {
    /* Passed back as the first argument of every hook. */
    void *context;
    /*
     * Perform the request and write the answer into response. Return MC_OK when an HTTP
     * answer arrived, whatever its status code (4xx and 5xx included: the core reads them);
     * otherwise, with err's message saying what happened (no secrets):
     *   MC_ERR_OFFLINE   no connection was made (DNS, refused, unreachable, no network,
     *                    connect timeout): nothing was sent;
     *   MC_ERR_NETWORK   connected, but the exchange broke (reset, timeout, truncated);
     *   MC_ERR_TLS       the server's certificate was not trusted (or the handshake failed);
     *   MC_ERR_TLS_PIN   it was trusted, but not a key the platform pins;
     *   MC_ERR_CANCELLED cancel() was called for this request;
     *   or the status a response function returned.
     * Required.
     */
    mc_status (*send)(void *context, const mc_http_request *request, mc_http_response *response,
                      mc_error *err);
    /* Make the send() of request_id return MC_ERR_CANCELLED soon; a no-op when it is not
     * running (finished, or not started yet). NULL: requests run to their time limits. */
    void (*cancel)(void *context, uint64_t request_id);
    /* Called once, when the client no longer needs context: from mc_client_free() after the
     * last send() has returned, or before mc_client_open() returns an error (the client owns
     * the context from mc_client_open on, whether it succeeds or not). NULL: nothing to
     * release. */
    void (*release)(void *context);
} mc_transport;

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_TRANSPORT_H */
