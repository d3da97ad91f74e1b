/* net/transport.c - the functions a transport calls during send(): reading the request's body
 * (bytes in memory or a file's range) and writing the answer (status, headers, body). */
#include "net/transport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/error.h"
#include "util/strutil.h"

mc_status mc_http_body_read(const mc_http_request *request, int64_t offset, void *buf, size_t cap,
                            size_t *got, mc_error *err)
{
    if (got != NULL)
        *got = 0;
    if (request == NULL || got == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "request or got is NULL");
    if (request->body_length < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the request has no body");
    if (offset < 0 || offset > request->body_length)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "offset %lld is outside the body (%lld bytes)", (long long)offset,
                             (long long)request->body_length);
    if (buf == NULL && cap > 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "buf is NULL");
    int64_t left = request->body_length - offset;
    size_t want = (int64_t)cap < left ? cap : (size_t)left;
    if (want == 0)
        return MC_OK;
    if (request->body != NULL) {
        memcpy(buf, request->body + offset, want);
        *got = want;
        return MC_OK;
    }
    mci_request_private *priv = request->core_private;
    if (priv == NULL || priv->fd < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the request's body is not readable");
    ssize_t n;
    do
        n = pread(priv->fd, buf, want, (off_t)(priv->file_offset + offset));
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        /* The file shrank or cannot be read: the call fails with MC_ERR_STORAGE whatever the
         * transport makes of it. */
        priv->read_errno = n < 0 ? errno : 0;
        priv->read_failed = true;
        return mci_error_set(err, MC_ERR_STORAGE, "cannot read the file being sent: %s",
                             n < 0 ? strerror(errno) : "it is shorter than expected");
    }
    *got = (size_t)n;
    return MC_OK;
}

mc_status mc_http_response_set_status(mc_http_response *response, int status, mc_error *err)
{
    if (response == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "response is NULL");
    if (status < 100 || status > 599)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "HTTP status %d is out of range", status);
    response->status = status;
    return MC_OK;
}

static const char *const header_names[MCI_HDR_COUNT] = {"Content-Type", "Retry-After",
                                                        "Upload-Offset"};

mc_status mc_http_response_add_header(mc_http_response *response, const char *name,
                                      const char *value, mc_error *err)
{
    if (response == NULL || name == NULL || value == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "response, name or value is NULL");
    for (int i = 0; i < MCI_HDR_COUNT; i++) {
        if (strcasecmp(name, header_names[i]) != 0)
            continue;
        size_t n = strlen(value);
        if (n > MCI_MAX_HEADER_VALUE)
            return mci_error_set(err, MC_ERR_NETWORK,
                                 "the server's %s header is too long (%zu bytes)", name, n);
        char *copy = mci_strdup(value);
        if (copy == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading the answer");
        free(response->headers[i]);
        response->headers[i] = copy;
        return MC_OK;
    }
    return MC_OK; /* a header the core does not read: dropped, whatever its size */
}

mc_status mc_http_response_append_body(mc_http_response *response, const void *data, size_t length,
                                       mc_error *err)
{
    if (response == NULL || (data == NULL && length > 0))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "response or data is NULL");
    if (length > MCI_MAX_RESPONSE_BYTES - 1 ||
        response->len + length + 1 > MCI_MAX_RESPONSE_BYTES) {
        response->too_large = true;
        return mci_error_set(err, MC_ERR_NETWORK,
                             "the server's answer is too large (over %u bytes)",
                             MCI_MAX_RESPONSE_BYTES);
    }
    if (response->len + length + 1 > response->cap) {
        size_t cap = response->cap ? response->cap : 4096;
        while (cap < response->len + length + 1)
            cap *= 2;
        char *grown = realloc(response->body, cap);
        if (grown == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading the answer");
        response->body = grown;
        response->cap = cap;
    }
    if (length > 0)
        memcpy(response->body + response->len, data, length);
    response->len += length;
    response->body[response->len] = '\0';
    return MC_OK;
}

void mci_http_response_clear(mc_http_response *response)
{
    for (int i = 0; i < MCI_HDR_COUNT; i++) {
        free(response->headers[i]);
        response->headers[i] = NULL;
    }
    free(response->body);
    memset(response, 0, sizeof *response);
}

const char *mci_http_response_header(const mc_http_response *response, int header)
{
    return header >= 0 && header < MCI_HDR_COUNT ? response->headers[header] : NULL;
}
