/*
 * net/transport.h - the core's side of membercore/transport.h: the request's private part (where
 * its body comes from), the answer a transport writes (mc_http_response), and the built-in
 * libcurl transport (net/curl_transport.c).
 */
#ifndef MCI_NET_TRANSPORT_H
#define MCI_NET_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/transport.h"

/* What mc_http_request.core_private points to. */
typedef struct mci_request_private {
    int fd; /* with body == NULL: the body is [file_offset, +body_length) of fd */
    int64_t file_offset;
    bool connect_only; /* built-in only: connect (and verify TLS), send nothing */
    bool read_failed;  /* mc_http_body_read could not read the file */
    int read_errno;
} mci_request_private;

/* The headers of an answer the core reads; others are dropped. */
enum { MCI_HDR_CONTENT_TYPE, MCI_HDR_RETRY_AFTER, MCI_HDR_UPLOAD_OFFSET, MCI_HDR_COUNT };

/* Answers larger than this are refused rather than buffered without bound. */
#define MCI_MAX_RESPONSE_BYTES (16u * 1024u * 1024u)
/* A header value longer than this is refused. */
#define MCI_MAX_HEADER_VALUE 8192u

struct mc_http_response {
    int status; /* 0 until set */
    char *headers[MCI_HDR_COUNT];
    char *body; /* NUL-terminated after len bytes (when not NULL) */
    size_t len;
    size_t cap;
    bool too_large;
};

/* Free what response holds (the struct itself is the caller's). */
void mci_http_response_clear(mc_http_response *response);
/* The value of header (MCI_HDR_*), or NULL. */
const char *mci_http_response_header(const mc_http_response *response, int header);

/*
 * The built-in transport over libcurl: TLS verified against ca_file (NULL: the system's) with
 * pinned_keys (libcurl's "sha256//A;sha256//B", or NULL); a few easy handles kept with their
 * connections, TLS sessions and DNS shared between them. Its release hook frees it.
 * MC_ERR_NO_MEMORY, MC_ERR_NETWORK (libcurl cannot start).
 */
mc_status mci_curl_transport_new(const char *pinned_keys, const char *ca_file, mc_transport *out,
                                 mc_error *err);

#endif
