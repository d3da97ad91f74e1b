/* net/http.c - JSON over HTTP (and a file range as a PATCH body) as mc_http_requests through the
 * client's one mc_transport; requests in flight and their cancellation; transport and server
 * errors mapped to mc_status. */
#include "net/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/transport.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

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

static mc_status server_error(long status, const char *body, const char *retry_header,
                              mc_error *err)
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
        if (retry <= 0 && retry_header != NULL) {
            /* Retry-After in seconds (the HTTP-date form is not used by the API). */
            char *end = NULL;
            long long header_s = strtoll(retry_header, &end, 10);
            if (end != retry_header && *end == '\0')
                retry = header_s;
        }
        err->retry_after_s = retry > 0 && retry < INT32_MAX ? (int32_t)retry : 0;
        int64_t attempts = mci_json_int(json, "attempts_left", -1);
        err->attempts_left =
            st == MC_ERR_OTP_WRONG && attempts >= 0 && attempts < 100 ? (int32_t)attempts : -1;
    }
    cJSON_Delete(json);
    return st;
}

/* ---- Requests in flight --------------------------------------------------------------- */

void mci_http_init(mci_http *http, const mc_transport *host)
{
    pthread_mutex_init(&http->inflight_lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&http->inflight_done, &attr);
    pthread_condattr_destroy(&attr);
    http->inflight = NULL;
    http->cancelled = false;
    atomic_init(&http->next_id, 1);
    if (host != NULL) {
        http->transport = *host;
        http->host_transport = true;
    }
}

mc_status mci_http_start(mci_http *http, mc_error *err)
{
    if (http->host_transport)
        return MC_OK;
    mc_status st = mci_http_global_init(err);
    if (st == MC_OK)
        st = mci_curl_transport_new(http->pinned_keys, http->ca_file, &http->transport, err);
    return st;
}

void mci_http_cleanup(mci_http *http)
{
    mc_transport t = http->transport;
    memset(&http->transport, 0, sizeof http->transport);
    if (t.release != NULL)
        t.release(t.context);
    pthread_cond_destroy(&http->inflight_done);
    pthread_mutex_destroy(&http->inflight_lock);
}

/* Ask the transport to cancel each request in flight; inflight_lock held. The hook is called
 * under the lock so that no id outlives its request (a send never takes this lock). */
static void cancel_each(mci_http *http)
{
    if (http->transport.cancel == NULL)
        return;
    for (mci_inflight *f = http->inflight; f != NULL; f = f->next)
        http->transport.cancel(http->transport.context, f->id);
}

void mci_http_cancel_all(mci_http *http, bool wait)
{
    pthread_mutex_lock(&http->inflight_lock);
    http->cancelled = true;
    cancel_each(http);
    while (wait && http->inflight != NULL) {
        /* A request counted in just before its send() began: cancel() was a no-op for it, so
         * ask again until it has returned. */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 20 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&http->inflight_done, &http->inflight_lock, &ts);
        cancel_each(http);
    }
    pthread_mutex_unlock(&http->inflight_lock);
}

/* The statuses a transport may return (membercore/transport.h); any other is read as a broken
 * exchange, never as an answer of the server. */
static bool transport_status_ok(mc_status st)
{
    switch (st) {
    case MC_ERR_OFFLINE:
    case MC_ERR_NETWORK:
    case MC_ERR_TLS:
    case MC_ERR_TLS_PIN:
    case MC_ERR_CANCELLED:
    case MC_ERR_NO_MEMORY:
    case MC_ERR_STORAGE:
        return true;
    default:
        return false;
    }
}

/* Send request through the client's transport, counted in flight: MC_OK with an HTTP answer
 * in response (whatever its status), or the transport's error in err. */
static mc_status exchange(const mci_http *chttp, mc_http_request *request,
                          mc_http_response *response, mc_error *err)
{
    mci_http *http = (mci_http *)chttp; /* the in-flight list is the mutable part */
    mci_inflight self = {.id = atomic_fetch_add(&http->next_id, 1)};
    request->id = self.id;
    pthread_mutex_lock(&http->inflight_lock);
    bool cancelled = http->cancelled;
    if (!cancelled) {
        self.next = http->inflight;
        http->inflight = &self;
    }
    pthread_mutex_unlock(&http->inflight_lock);
    if (cancelled)
        return mci_error_set(err, MC_ERR_CANCELLED, "the client is closing: nothing was sent");

    mc_error said = MC_ERROR_INIT;
    mc_status st = http->transport.send(http->transport.context, request, response, &said);

    pthread_mutex_lock(&http->inflight_lock);
    for (mci_inflight **p = &http->inflight; *p != NULL; p = &(*p)->next)
        if (*p == &self) {
            *p = self.next;
            break;
        }
    cancelled = http->cancelled;
    pthread_cond_broadcast(&http->inflight_done);
    pthread_mutex_unlock(&http->inflight_lock);

    const mci_request_private *priv = request->core_private;
    if (priv != NULL && priv->read_failed)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot read the file being sent: %s",
                             priv->read_errno ? strerror(priv->read_errno)
                                              : "it is shorter than expected");
    if (st == MC_OK && response->too_large) /* a transport that read on past the refusal */
        return mci_error_set(err, MC_ERR_NETWORK,
                             "the server's answer is too large (over %u bytes)",
                             MCI_MAX_RESPONSE_BYTES);
    if (st == MC_OK) {
        if (response->status != 0 || (priv != NULL && priv->connect_only))
            return MC_OK;
        return mci_error_set(err, MC_ERR_NETWORK, "the transport gave no HTTP status for %s %s",
                             request->method, http->base_url);
    }
    if (cancelled)
        st = MC_ERR_CANCELLED;
    else if (!transport_status_ok(st))
        st = MC_ERR_NETWORK;
    if (said.message[0] != '\0')
        return mci_error_set(err, st, "%s", said.message);
    return mci_error_set(err, st, "talking to the server failed (%s): %s", http->base_url,
                         mc_status_name(st));
}

/* ---- Building requests, reading answers ------------------------------------------------ */

/* base_url + path + "?" + name=escaped(value)&..., malloc'd; NULL without memory. Values are
 * percent-encoded but for the unreserved characters (RFC 3986). */
static char *build_url(const char *base, const char *path, const char *const *params,
                       size_t nparams)
{
    size_t len = strlen(base) + strlen(path) + 1;
    for (size_t i = 0; i < nparams; i++)
        len += strlen(params[2 * i]) + 3 * strlen(params[2 * i + 1]) + 2;
    char *url = malloc(len);
    if (url == NULL)
        return NULL;
    size_t used = (size_t)snprintf(url, len, "%s%s", base, path);
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < nparams; i++) {
        used +=
            (size_t)snprintf(url + used, len - used, "%c%s=", i == 0 ? '?' : '&', params[2 * i]);
        for (const unsigned char *v = (const unsigned char *)params[2 * i + 1]; *v; v++) {
            if ((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
                *v == '-' || *v == '.' || *v == '_' || *v == '~') {
                url[used++] = (char)*v;
            } else {
                url[used++] = '%';
                url[used++] = hex[*v >> 4];
                url[used++] = hex[*v & 15];
            }
        }
        url[used] = '\0';
    }
    return url;
}

/* A call that would carry a token issued by another origin: no request with it goes out.
 * The built-in transport connects (and, for https, verifies) without sending a byte; a host
 * transport sends a HEAD of the origin's root with no header. Unreachable: the transport's
 * error, as for any call; reachable: MC_ERR_UNAUTHORIZED (401), the token not this server's. */
static mc_status refuse_foreign_bearer(const mci_http *http, mc_error *err)
{
    size_t n = strlen(http->base_url) + 2;
    char *url = malloc(n);
    if (url == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    char origin[MCI_ORIGIN_MAX];
    if (mci_url_origin(http->base_url, origin, NULL) == MC_OK && strlen(origin) + 2 <= n)
        snprintf(url, n, "%s/", origin);
    else
        snprintf(url, n, "%s/", http->base_url);
    mci_request_private priv = {.fd = -1, .connect_only = !http->host_transport};
    mc_http_request request = {.method = "HEAD",
                               .url = url,
                               .body_length = -1,
                               .connect_timeout_ms = (int32_t)http->connect_timeout_ms,
                               .request_timeout_ms = (int32_t)http->request_timeout_ms,
                               .core_private = &priv};
    mc_http_response response = {0};
    mc_status st = exchange(http, &request, &response, err);
    mci_http_response_clear(&response);
    free(url);
    if (st != MC_OK)
        return st;
    st = mci_error_set(err, MC_ERR_UNAUTHORIZED,
                       "the session was issued by %s, not by this server: sign in again",
                       http->bearer_issuer);
    if (err != NULL)
        err->http_status = 401;
    return st;
}

/* Read an HTTP answer: MC_OK for a 2xx with *json_out as for mci_http_call. */
static mc_status read_answer(const mc_http_response *response, cJSON **json_out, mc_error *err)
{
    long status = response->status;
    if (status < 200 || status >= 300)
        return server_error(status, response->body,
                            mci_http_response_header(response, MCI_HDR_RETRY_AFTER), err);
    if (response->len == 0)
        return MC_OK;
    cJSON *json = cJSON_ParseWithLength(response->body, response->len);
    if (json == NULL)
        return mci_error_set(err, MC_ERR_NETWORK,
                             "the server's answer was cut short or is not JSON (HTTP %ld)", status);
    mc_status st = check_answer_text(response->body, response->len, status, err);
    if (st != MC_OK) {
        cJSON_Delete(json);
        return st;
    }
    if (json_out != NULL)
        *json_out = json;
    else
        cJSON_Delete(json);
    return MC_OK;
}

/* Run method on base_url + path (+ query) with the request's body (set by the caller: bytes,
 * a file range through priv, or none) and content_type / upload_offset headers (NULL: none). */
static mc_status perform(const mci_http *http, const char *method, const char *path,
                         const char *const *params, size_t nparams, mc_http_request *request,
                         mci_request_private *priv, const char *content_type,
                         const char *upload_offset, const char *bearer, cJSON **json_out,
                         mc_error *err)
{
    if (json_out != NULL)
        *json_out = NULL;
    if (http->base_url == NULL || http->base_url[0] == '\0')
        return mci_error_set(err, MC_ERR_OFFLINE, "no server is configured (mc_config.server_url)");
    if (http->transport.send == NULL)
        return mci_error_set(err, MC_ERR_STATE, "the client has no transport");
    if (bearer != NULL && atomic_load(&http->bearer_elsewhere))
        return refuse_foreign_bearer(http, err);

    char *url = build_url(http->base_url, path, params, nparams);
    if (url == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    mc_http_header headers[4];
    size_t nheaders = 0;
    headers[nheaders++] = (mc_http_header){"Accept", "application/json"};
    if (content_type != NULL)
        headers[nheaders++] = (mc_http_header){"Content-Type", content_type};
    if (upload_offset != NULL)
        headers[nheaders++] = (mc_http_header){"Upload-Offset", upload_offset};
    char auth[512];
    if (bearer != NULL) {
        snprintf(auth, sizeof auth, "Bearer %s", bearer);
        headers[nheaders++] = (mc_http_header){"Authorization", auth};
    }
    request->method = method;
    request->url = url;
    request->headers = headers;
    request->header_count = nheaders;
    request->connect_timeout_ms = (int32_t)http->connect_timeout_ms;
    request->core_private = priv;

    mc_http_response response = {0};
    mc_status st = exchange(http, request, &response, err);
    if (st == MC_OK)
        st = read_answer(&response, json_out, err);
    mci_http_response_clear(&response);
    memset(auth, 0, sizeof auth);
    free(url);
    return st;
}

mc_status mci_http_call(const mci_http *http, const char *method, const char *path,
                        const cJSON *body, const char *bearer, cJSON **json_out, mc_error *err)
{
    return mci_http_call_query(http, method, path, NULL, 0, body, bearer, json_out, err);
}

mc_status mci_http_call_query(const mci_http *http, const char *method, const char *path,
                              const char *const *params, size_t nparams, const cJSON *body,
                              const char *bearer, cJSON **json_out, mc_error *err)
{
    char *json = NULL;
    if (body != NULL && (json = cJSON_PrintUnformatted(body)) == NULL) {
        if (json_out != NULL)
            *json_out = NULL;
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    }
    mci_request_private priv = {.fd = -1};
    mc_http_request request = {.request_timeout_ms = (int32_t)http->request_timeout_ms};
    if (json != NULL) {
        request.body = (const uint8_t *)json;
        request.body_length = (int64_t)strlen(json);
    } else if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
        request.body_length = -1;
    } else {
        request.body = (const uint8_t *)""; /* an empty body, as a POST without one */
        request.body_length = 0;
    }
    mc_status st = perform(http, method, path, params, nparams, &request, &priv,
                           json != NULL ? "application/json" : NULL, NULL, bearer, json_out, err);
    cJSON_free(json);
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
    char offset_header[32];
    snprintf(offset_header, sizeof offset_header, "%lld", (long long)offset);
    mci_request_private priv = {.fd = fd, .file_offset = offset};
    /* No total time limit: a chunk's time grows with the link's slowness. */
    mc_http_request request = {.body = NULL,
                               .body_length = length,
                               .request_timeout_ms = 0,
                               .stall_timeout_ms = (int32_t)http->request_timeout_ms};
    return perform(http, "PATCH", path, NULL, 0, &request, &priv, "application/offset+octet-stream",
                   offset_header, bearer, json_out, err);
}
