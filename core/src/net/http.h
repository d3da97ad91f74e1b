/*
 * net/http.h - JSON over HTTP with libcurl, and the mapping of every outcome to an mc_status.
 *
 * The transport used by auth now and by the sync engine later. "Could not
 * reach the server at all" (MC_ERR_OFFLINE) is kept apart from "reached it,
 * but the exchange broke" (MC_ERR_NETWORK) and from an error the server
 * returned (its code mapped to a status, its message kept). TLS: the peer and
 * its host name are always verified (against ca_file or the system's CAs);
 * a failed verification is MC_ERR_TLS, a key outside pinned_keys
 * MC_ERR_TLS_PIN, and in both cases nothing of the request was sent.
 */
#ifndef MCI_NET_HTTP_H
#define MCI_NET_HTTP_H

#include <cJSON.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "net/url.h"

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
} mci_http;

/* Once per process, before any call (thread-safe). */
mc_status mci_http_global_init(mc_error *err);

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
 * read from the file piece by piece as libcurl sends them (never the whole range in
 * memory). No total time limit: it gives up when under 1 KiB/s for request_timeout_ms (a
 * slow link still gets a chunk through). Answers as mci_http_call; MC_ERR_STORAGE when the
 * file cannot be read.
 */
mc_status mci_http_patch_file(const mci_http *http, const char *path, const char *bearer, int fd,
                              int64_t offset, int64_t length, cJSON **json_out, mc_error *err);

/* The status for a server error code ("otp_wrong" -> MC_ERR_OTP_WRONG), or
 * one derived from the HTTP status when the code is unknown. Pure. */
mc_status mci_http_status_for(const char *server_code, long http_status);

#endif
