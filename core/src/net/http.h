/*
 * net/http.h - JSON over HTTP through one mc_transport (membercore/transport.h: the host's, or
 * the built-in libcurl one), and the mapping of every outcome to an mc_status.
 *
 * "Could not reach the server at all" (MC_ERR_OFFLINE) is kept apart from "reached it, but
 * the exchange broke" (MC_ERR_NETWORK) and from an error the server returned (its code mapped
 * to a status, its message kept). TLS (built-in transport): the peer and its host name are
 * always verified (against ca_file or the system's CAs); a failed verification is MC_ERR_TLS,
 * a key outside pinned_keys MC_ERR_TLS_PIN, and in both cases nothing of the request was
 * sent. Every request has an id; mci_http_cancel_all (mc_client_close) cancels those in
 * flight (MC_ERR_CANCELLED) and refuses new ones.
 */
#ifndef MCI_NET_HTTP_H
#define MCI_NET_HTTP_H

#include <cJSON.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "membercore/transport.h"
#include "net/url.h"

/* A request in flight (a node of mci_http.inflight, on the sending thread's stack). */
typedef struct mci_inflight {
    uint64_t id;
    struct mci_inflight *next;
} mci_inflight;

typedef struct mci_http {
    const char *base_url; /* no trailing slash; NULL = no server configured */
    long connect_timeout_ms;
    long request_timeout_ms;
    const char *pinned_keys; /* CURLOPT_PINNEDPUBLICKEY ("sha256//A;sha256//B"), or NULL */
    const char *ca_file;     /* CURLOPT_CAINFO, or NULL for the system's CAs */
    /* Set when the kept session token was issued by bearer_issuer, another origin than
     * base_url's (account/session.h): a call with a bearer then sends nothing. It connects
     * (no request) to tell an unreachable server (its transport error, as for any call) from
     * a reachable one (MC_ERR_UNAUTHORIZED, http_status 401: the session is not this
     * server's). Cleared by a sign-in on this origin. */
    atomic_bool bearer_elsewhere;
    char bearer_issuer[MCI_ORIGIN_MAX];
    /* The transport every request goes through (the host's, or the built-in one), owned:
     * released once by mci_http_cleanup. */
    mc_transport transport;
    bool host_transport;
    /* Requests in flight, for cancellation; the calls take a const mci_http but count
     * themselves in and out here. */
    pthread_mutex_t inflight_lock;
    pthread_cond_t inflight_done;
    mci_inflight *inflight;
    bool cancelled; /* mci_http_cancel_all ran: every request fails with MC_ERR_CANCELLED */
    atomic_uint_fast64_t next_id;
} mci_http;

/* Once per process, before any call (thread-safe). */
mc_status mci_http_global_init(mc_error *err);

/* Set up http's locks and take host (may be NULL: the built-in transport, made by
 * mci_http_start). Cannot fail; mci_http_cleanup undoes it. */
void mci_http_init(mci_http *http, const mc_transport *host);

/* Make the built-in transport when no host transport was given, with pinned_keys and
 * ca_file as set in http. MC_ERR_NO_MEMORY, MC_ERR_NETWORK. */
mc_status mci_http_start(mci_http *http, mc_error *err);

/* Cancel every request in flight (the transport's cancel hook) and make every later one fail
 * at once with MC_ERR_CANCELLED. wait: until the requests in flight have returned (asking
 * again while they run, in case one had not reached the transport yet). */
void mci_http_cancel_all(mci_http *http, bool wait);

/* Release the transport (its release hook, once) and the locks. After the last call. */
void mci_http_cleanup(mci_http *http);

/*
 * method ("GET", "POST", "PUT", "DELETE") on base_url + path, with body (may
 * be NULL) as JSON and bearer (may be NULL) as the Authorization token.
 * MC_OK for a 2xx answer: *json_out (may be NULL) gets the parsed body, or
 * NULL when the body is empty; the caller deletes it. Otherwise err says why.
 */
mc_status mci_http_call(const mci_http *http, const char *method, const char *path,
                        const cJSON *body, const char *bearer, cJSON **json_out, mc_error *err);

/* The same with query parameters: params holds nparams (name, value) pairs,
 * each value URL-encoded here. */
mc_status mci_http_call_query(const mci_http *http, const char *method, const char *path,
                              const char *const *params, size_t nparams, const cJSON *body,
                              const char *bearer, cJSON **json_out, mc_error *err);

/*
 * PATCH base_url + path with the bytes [offset, offset + length) of the open file fd as
 * the body ("Content-Type: application/offset+octet-stream", "Upload-Offset: <offset>"),
 * read from the file piece by piece as the transport sends them (mc_http_body_read: never the
 * whole range in memory). No total time limit: a stall limit of request_timeout_ms (the
 * built-in transport gives up when under 1 KiB/s for that long: a slow link still gets a
 * chunk through). Answers as mci_http_call; MC_ERR_STORAGE when the
 * file cannot be read.
 */
mc_status mci_http_patch_file(const mci_http *http, const char *path, const char *bearer, int fd,
                              int64_t offset, int64_t length, cJSON **json_out, mc_error *err);

/* The status for a server error code ("otp_wrong" -> MC_ERR_OTP_WRONG), or
 * one derived from the HTTP status when the code is unknown. Pure. */
mc_status mci_http_status_for(const char *server_code, long http_status);

#endif
