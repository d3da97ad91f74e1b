/* net/http.c - JSON over HTTP with libcurl (and a file range as a PATCH body); transport and server
 * errors mapped to mc_status. */
#include "net/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/* Answers larger than this are refused rather than buffered without bound. */
#define MAX_RESPONSE_BYTES (16u * 1024u * 1024u)

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_OK;

static void global_init(void)
{
    global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

mc_status mci_http_global_init(mc_error *err)
{
    pthread_once(&global_once, global_init);
    if (global_rc != CURLE_OK)
        return mci_error_set(err, MC_ERR_NETWORK, "cannot initialise libcurl: %s",
                             curl_easy_strerror(global_rc));
    return MC_OK;
}

typedef struct buffer {
    char *data;
    size_t len;
    size_t cap;
    int overflow;
} buffer;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    buffer *b = userdata;
    size_t n = size * nmemb;
    if (b->len + n + 1 > MAX_RESPONSE_BYTES) {
        b->overflow = 1;
        return 0;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL)
            return 0;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

static const struct {
    const char *code;
    mc_status status;
} server_codes[] = {
    {"invalid_json", MC_ERR_INVALID_ARG},
    {"invalid_argument", MC_ERR_INVALID_ARG},
    {"payload_too_large", MC_ERR_INVALID_ARG},
    {"not_found", MC_ERR_NOT_FOUND},
    {"method_not_allowed", MC_ERR_SERVER},
    {"unauthorized", MC_ERR_UNAUTHORIZED},
    {"forbidden", MC_ERR_FORBIDDEN},
    {"conflict", MC_ERR_CONFLICT},
    {"insufficient_credits", MC_ERR_INSUFFICIENT_CREDITS},
    {"slot_taken", MC_ERR_CONFLICT},
    {"outside_hours", MC_ERR_CONFLICT},
    {"closed", MC_ERR_CONFLICT},
    {"past", MC_ERR_CONFLICT},
    {"blackout", MC_ERR_CONFLICT},
    {"too_soon", MC_ERR_CONFLICT},
    {"beyond_window", MC_ERR_CONFLICT},
    {"hold_expired", MC_ERR_CONFLICT},
    {"event_full", MC_ERR_CONFLICT},
    {"cart_invalid", MC_ERR_CONFLICT},
    {"otp_wrong", MC_ERR_OTP_WRONG},
    {"otp_expired", MC_ERR_OTP_EXPIRED},
    {"otp_exhausted", MC_ERR_OTP_EXHAUSTED},
    {"otp_rate_limited", MC_ERR_OTP_RATE_LIMITED},
    {"payment_failed", MC_ERR_PAYMENT_FAILED},
    {"profile_incomplete", MC_ERR_STATE},
    {"unknown_category", MC_ERR_NOT_FOUND},
    {"too_many_photos", MC_ERR_INVALID_ARG},
    {"description_too_long", MC_ERR_INVALID_ARG},
    {"photo_too_large", MC_ERR_INVALID_ARG},
    {"ticket_closed", MC_ERR_STATE},
    {"invalid_transition", MC_ERR_STATE},
    {"reopen_window_passed", MC_ERR_STATE},
    {"invalid_date", MC_ERR_STATE},
    {"wrong_date", MC_ERR_STATE},
    {"approval_expired", MC_ERR_STATE},
    {"desk_taken", MC_ERR_CONFLICT},
    {"already_booked_that_day", MC_ERR_CONFLICT},
    {"after_cutoff", MC_ERR_CONFLICT},
    {"no_desk_days_left", MC_ERR_INSUFFICIENT_CREDITS},
    {"no_plan_desk_days", MC_ERR_FORBIDDEN},
    {"has_dedicated_desk", MC_ERR_FORBIDDEN},
    {"no_company", MC_ERR_FORBIDDEN},
    {"hold_limit", MC_ERR_CONFLICT},
    {"booking_too_long", MC_ERR_CONFLICT},
    {"hold_cooldown", MC_ERR_CONFLICT},
    {"internal", MC_ERR_SERVER},
};

mc_status mci_http_status_for(const char *server_code, long http_status)
{
    if (server_code != NULL) {
        for (size_t i = 0; i < sizeof server_codes / sizeof *server_codes; i++)
            if (strcmp(server_codes[i].code, server_code) == 0)
                return server_codes[i].status;
    }
    switch (http_status) {
    case 400:
    case 413:
    case 422:
        return MC_ERR_INVALID_ARG;
    case 401:
        return MC_ERR_UNAUTHORIZED;
    case 403:
        return MC_ERR_FORBIDDEN;
    case 404:
        return MC_ERR_NOT_FOUND;
    case 409:
        return MC_ERR_CONFLICT;
    case 408:
    case 429:
        return MC_ERR_NETWORK;
    default:
        return MC_ERR_SERVER;
    }
}

static mc_status transport_error(CURL *curl, CURLcode rc, const char *url, mc_error *err)
{
    switch (rc) {
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return mci_error_set(err, MC_ERR_TLS_PIN,
                             "the server's public key (%s) matches none of config.tls_pins: "
                             "nothing was sent",
                             url);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return mci_error_set(err, MC_ERR_TLS,
                             "the TLS connection to %s could not be verified: %s (nothing was "
                             "sent)",
                             url, curl_easy_strerror(rc));
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return mci_error_set(err, MC_ERR_OFFLINE, "server unreachable (%s): %s", url,
                             curl_easy_strerror(rc));
    case CURLE_OPERATION_TIMEDOUT: {
        /* A timeout before the connection was made means we are offline. */
        curl_off_t connected_us = 0;
        curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected_us);
        if (connected_us == 0)
            return mci_error_set(err, MC_ERR_OFFLINE, "server unreachable (%s): connect timed out",
                                 url);
        return mci_error_set(err, MC_ERR_NETWORK, "the server did not answer in time (%s)", url);
    }
    default:
        return mci_error_set(err, MC_ERR_NETWORK, "talking to the server failed (%s): %s", url,
                             curl_easy_strerror(rc));
    }
}

/*
 * MC_OK when the server's answer (len bytes at data) is valid UTF-8 with no escape \u0000 in its
 * strings (cJSON would cut such a string short at the NUL); otherwise MC_ERR_SERVER naming what
 * was wrong, and the answer is not to be used: nothing of it is stored.
 */
static mc_status check_answer_text(const char *data, size_t len, long status, mc_error *err)
{
    if (mci_utf8_prefix(data, len) != len)
        return mci_error_set(err, MC_ERR_SERVER,
                             "the server's answer is not valid UTF-8 (HTTP %ld): refused", status);
    char field[64];
    if (mci_json_nul_escape(data, len, field, sizeof field))
        return mci_error_set(err, MC_ERR_SERVER,
                             "the server's answer has \\u0000 (a NUL character) in %s%s%s (HTTP "
                             "%ld): refused, nothing kept",
                             field[0] ? "field '" : "a string", field, field[0] ? "'" : "", status);
    return MC_OK;
}

static mc_status server_error(long status, const char *body, mc_error *err)
{
    /* A refusal whose text is not clean UTF-8 is read as one without a body. */
    bool clean = body != NULL && check_answer_text(body, strlen(body), status, NULL) == MC_OK;
    cJSON *json = clean ? cJSON_Parse(body) : NULL;
    const char *code = mci_json_string(json, "code", NULL);
    const char *message = mci_json_string(json, "message", NULL);
    mc_status st = mci_http_status_for(code, status);
    if (message != NULL)
        mci_error_set(err, st, "%s", message);
    else
        mci_error_set(err, st, "the server answered HTTP %ld", status);
    if (err != NULL) {
        err->http_status = (int32_t)status;
        if (code != NULL)
            mci_strlcpy(err->server_code, code, sizeof err->server_code);
        err->rule = st == MC_ERR_CONFLICT ? mci_rule_of_server_code(code) : MC_RULE_NONE;
        int64_t retry = mci_json_int(json, "retry_after_s", 0);
        err->retry_after_s = retry > 0 && retry < INT32_MAX ? (int32_t)retry : 0;
        int64_t attempts = mci_json_int(json, "attempts_left", -1);
        err->attempts_left =
            st == MC_ERR_OTP_WRONG && attempts >= 0 && attempts < 100 ? (int32_t)attempts : -1;
    }
    cJSON_Delete(json);
    return st;
}

mc_status mci_http_call(const mci_http *http, const char *method, const char *path,
                        const cJSON *body, const char *bearer, cJSON **json_out, mc_error *err)
{
    return mci_http_call_query(http, method, path, NULL, 0, body, bearer, json_out, err);
}

/* base_url + path + "?" + name=escaped(value)&..., malloc'd; NULL without memory. */
static char *build_url(CURL *curl, const char *base, const char *path, const char *const *params,
                       size_t nparams)
{
    size_t len = strlen(base) + strlen(path) + 2;
    char **escaped = nparams ? calloc(nparams, sizeof *escaped) : NULL;
    char *url = NULL;
    bool ok = nparams == 0 || escaped != NULL;
    for (size_t i = 0; ok && i < nparams; i++) {
        escaped[i] = curl_easy_escape(curl, params[2 * i + 1], 0);
        ok = escaped[i] != NULL;
        if (ok)
            len += strlen(params[2 * i]) + strlen(escaped[i]) + 2;
    }
    if (ok)
        url = malloc(len);
    if (url != NULL) {
        size_t used = (size_t)snprintf(url, len, "%s%s", base, path);
        for (size_t i = 0; i < nparams; i++)
            used += (size_t)snprintf(url + used, len - used, "%c%s=%s", i == 0 ? '?' : '&',
                                     params[2 * i], escaped[i]);
    }
    for (size_t i = 0; escaped != NULL && i < nparams; i++)
        curl_free(escaped[i]);
    free(escaped);
    return url;
}

/* Where a request's body comes from: a JSON text, a byte range of a file, or nothing. */
typedef struct request_body {
    const char *json; /* NUL-terminated, or NULL */
    int fd;           /* with length > 0: read [offset, offset + length) */
    int64_t offset;
    int64_t length;
    int64_t sent; /* bytes handed to libcurl so far */
    bool read_failed;
} request_body;

/* libcurl asks for the next piece of a file body: pread straight into its buffer, so no
 * more than libcurl's own upload buffer is ever in memory. */
static size_t on_read(char *into, size_t size, size_t nitems, void *userdata)
{
    request_body *rb = userdata;
    size_t want = size * nitems;
    int64_t left = rb->length - rb->sent;
    if (left <= 0)
        return 0;
    if ((int64_t)want > left)
        want = (size_t)left;
    ssize_t n;
    do
        n = pread(rb->fd, into, want, (off_t)(rb->offset + rb->sent));
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        rb->read_failed = true; /* the file shrank or cannot be read */
        return CURL_READFUNC_ABORT;
    }
    rb->sent += n;
    return (size_t)n;
}

/* The URL and how to connect: timeouts, protocols, TLS verification (never off, whatever
 * libcurl's defaults: docs/security.md, Transport), the CA file and the pins. A libcurl that
 * cannot pin or take a CA file fails closed (MC_ERR_TLS): nothing goes out. */
static mc_status connection_options(CURL *curl, const mci_http *http, const char *url,
                                    mc_error *err)
{
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, http->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if ((http->ca_file != NULL &&
         curl_easy_setopt(curl, CURLOPT_CAINFO, http->ca_file) != CURLE_OK) ||
        (http->pinned_keys != NULL &&
         curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, http->pinned_keys) != CURLE_OK))
        return mci_error_set(err, MC_ERR_TLS,
                             "this libcurl cannot apply config.tls_pins or tls_ca_file: nothing "
                             "was sent");
    return MC_OK;
}

/* A call that would carry a token issued by another origin: connect (and, for https, verify)
 * without sending a byte of a request. Unreachable: the transport's error, as for any call;
 * reachable: MC_ERR_UNAUTHORIZED (401), the token not this server's. */
static mc_status refuse_foreign_bearer(const mci_http *http, mc_error *err)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    mc_status st = connection_options(curl, http, http->base_url, err);
    if (st == MC_OK) {
        curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, http->request_timeout_ms);
        CURLcode rc = curl_easy_perform(curl);
        if (rc != CURLE_OK) {
            st = transport_error(curl, rc, http->base_url, err);
        } else {
            st = mci_error_set(err, MC_ERR_UNAUTHORIZED,
                               "the session was issued by %s, not by this server: sign in again",
                               http->bearer_issuer);
            if (err != NULL)
                err->http_status = 401;
        }
    }
    curl_easy_cleanup(curl);
    return st;
}

/* Run method on base_url + path (+ query) with body and extra headers (NULL-terminated
 * list, may be NULL); MC_OK for a 2xx with *json_out as for mci_http_call. */
static mc_status perform(const mci_http *http, const char *method, const char *path,
                         const char *const *params, size_t nparams, request_body *body,
                         const char *const *extra_headers, const char *bearer, cJSON **json_out,
                         mc_error *err)
{
    if (json_out != NULL)
        *json_out = NULL;
    if (http->base_url == NULL || http->base_url[0] == '\0')
        return mci_error_set(err, MC_ERR_OFFLINE, "no server is configured (mc_config.server_url)");
    mc_status st = mci_http_global_init(err);
    if (st != MC_OK)
        return st;
    if (bearer != NULL && atomic_load(&http->bearer_elsewhere))
        return refuse_foreign_bearer(http, err);

    CURL *curl = curl_easy_init();
    char *url = curl ? build_url(curl, http->base_url, path, params, nparams) : NULL;
    struct curl_slist *headers = NULL;
    buffer response = {0};
    if (url == NULL || curl == NULL) {
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
        goto done;
    }

    headers = curl_slist_append(headers, "Accept: application/json");
    if (body->json != NULL)
        headers = curl_slist_append(headers, "Content-Type: application/json");
    for (size_t i = 0; extra_headers != NULL && extra_headers[i] != NULL; i++)
        headers = curl_slist_append(headers, extra_headers[i]);
    char auth[512];
    if (bearer != NULL) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", bearer);
        headers = curl_slist_append(headers, auth);
    }
    /* No "Expect: 100-continue" round trip for bodies over 1 KiB. */
    headers = curl_slist_append(headers, "Expect:");

    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, http->request_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
    st = connection_options(curl, http, url, err);
    if (st != MC_OK)
        goto done;
    if (body->json != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->json);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body->json));
    } else if (body->length > 0) {
        /* A chunk's time grows with the link's slowness: instead of a total time, give up
         * only when under 1 KiB/s for the request timeout (a slow link still gets through). */
        long stall_s = http->request_timeout_ms >= 1000 ? http->request_timeout_ms / 1000 : 1;
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 0L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, stall_s);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, body);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)body->length);
    } else if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
    }
    /* After the body options: CURLOPT_UPLOAD would otherwise make it a PUT. */
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);

    CURLcode rc = curl_easy_perform(curl);
    if (body->read_failed) {
        st = mci_error_set(err, MC_ERR_STORAGE, "cannot read the file being sent: %s",
                           errno ? strerror(errno) : "it is shorter than expected");
        goto done;
    }
    if (response.overflow) {
        st = mci_error_set(err, MC_ERR_SERVER, "the server's answer is larger than %u bytes",
                           MAX_RESPONSE_BYTES);
        goto done;
    }
    if (rc != CURLE_OK) {
        st = transport_error(curl, rc, http->base_url, err);
        goto done;
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {
        st = server_error(status, response.data, err);
        goto done;
    }
    if (response.len > 0) {
        cJSON *json = cJSON_ParseWithLength(response.data, response.len);
        if (json == NULL) {
            st = mci_error_set(err, MC_ERR_NETWORK,
                               "the server's answer was cut short or is not JSON (HTTP %ld)",
                               status);
            goto done;
        }
        st = check_answer_text(response.data, response.len, status, err);
        if (st != MC_OK) {
            cJSON_Delete(json);
            goto done;
        }
        if (json_out != NULL)
            *json_out = json;
        else
            cJSON_Delete(json);
    }
    st = MC_OK;
done:
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    free(response.data);
    free(url);
    return st;
}

mc_status mci_http_call_query(const mci_http *http, const char *method, const char *path,
                              const char *const *params, size_t nparams, const cJSON *body,
                              const char *bearer, cJSON **json_out, mc_error *err)
{
    request_body rb = {.fd = -1};
    if (body != NULL && (rb.json = cJSON_PrintUnformatted(body)) == NULL) {
        if (json_out != NULL)
            *json_out = NULL;
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    }
    mc_status st = perform(http, method, path, params, nparams, &rb, NULL, bearer, json_out, err);
    cJSON_free((char *)rb.json);
    return st;
}

mc_status mci_http_patch_file(const mci_http *http, const char *path, const char *bearer, int fd,
                              int64_t offset, int64_t length, cJSON **json_out, mc_error *err)
{
    if (fd < 0 || offset < 0 || length <= 0) {
        if (json_out != NULL)
            *json_out = NULL;
        return mci_error_set(err, MC_ERR_INVALID_ARG, "nothing to send (fd %d, %lld bytes)", fd,
                             (long long)length);
    }
    char offset_header[64];
    snprintf(offset_header, sizeof offset_header, "Upload-Offset: %lld", (long long)offset);
    const char *const headers[] = {offset_header, "Content-Type: application/offset+octet-stream",
                                   NULL};
    request_body rb = {.fd = fd, .offset = offset, .length = length};
    errno = 0;
    return perform(http, "PATCH", path, NULL, 0, &rb, headers, bearer, json_out, err);
}
