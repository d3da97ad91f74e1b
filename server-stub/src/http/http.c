/* http/http.c - the libmicrohttpd glue: listen on 127.0.0.1, read bodies, route, send JSON replies
 * (or a route's raw bytes). */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "http/dispatch.h"
#include "api/fields.h"
#include "base/log.h"
#include "routes/routes.h"

struct ms_http {
    struct MHD_Daemon *daemon;
    uint16_t port;
};

/* What one request accumulates while its body arrives. */
typedef struct body_buffer {
    char *data; /* NUL-terminated */
    size_t len;
    size_t cap; /* allocated for data */
    size_t max; /* the route's limit (ms_route.body_max, or MS_HTTP_BODY_MAX) */
    bool too_large;
} body_buffer;

static void append_body(body_buffer *b, const char *data, size_t len)
{
    if (b->too_large)
        return;
    if (len > b->max - b->len) {
        /* Keep reading (and dropping) the rest so the 413 reaches the client. */
        b->too_large = true;
        free(b->data);
        b->data = NULL;
        b->len = 0;
        return;
    }
    char *grown = b->data;
    if (b->len + len + 1 > b->cap) {
        /* Doubling: a 16 MiB upload arrives in many small pieces. */
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        if (cap > b->max + 1)
            cap = b->max + 1;
        grown = realloc(b->data, cap);
        if (grown)
            b->cap = cap;
    }
    if (!grown) {
        b->too_large = true; /* treated like an over-long body: refused, nothing kept */
        free(b->data);
        b->data = NULL;
        b->len = 0;
        return;
    }
    memcpy(grown + b->len, data, len);
    b->len += len;
    grown[b->len] = '\0';
    b->data = grown;
}

static const char *lookup_query(void *context, const char *key)
{
    return MHD_lookup_connection_value(context, MHD_GET_ARGUMENT_KIND, key);
}

static const char *lookup_header(void *context, const char *name)
{
    return MHD_lookup_connection_value(context, MHD_HEADER_KIND, name);
}

/* Parse the body as the JSON object a route wants; NULL after a 400 invalid_json. */
static cJSON *parse_object(const body_buffer *b, ms_reply *reply)
{
    if (b->len == 0) {
        ms_reply_error(reply, 400, "invalid_json", "the body is empty; a JSON object is expected");
        return NULL;
    }
    if (!ms_utf8_valid(b->data, b->len)) {
        ms_reply_error(reply, 400, "invalid_json", "the body is not valid UTF-8");
        return NULL;
    }
    cJSON *json = cJSON_ParseWithOpts(b->data, NULL, true);
    if (!json) {
        ms_reply_error(reply, 400, "invalid_json", "the body is not valid JSON");
        return NULL;
    }
    if (!cJSON_IsObject(json)) {
        cJSON_Delete(json);
        ms_reply_error(reply, 400, "invalid_json", "the body must be a JSON object");
        return NULL;
    }
    if (!ms_body_nul_free(reply, b->data, b->len)) {
        cJSON_Delete(json);
        return NULL;
    }
    return json;
}

/* The peer's IP address as text into out ("" when unknown). */
static void client_address(struct MHD_Connection *conn, char *out, size_t cap)
{
    out[0] = '\0';
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)cap);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)cap);
}

/* Route and run one complete request; the Allow header for a 405 goes into allow. */
static void handle(ms_app *app, struct MHD_Connection *conn, const char *path, const char *method,
                   const body_buffer *b, ms_reply *reply, char *allow, size_t allow_cap)
{
    if (b->too_large) {
        ms_reply_error(reply, 413, "payload_too_large", "the body is larger than %zu KiB",
                       b->max / 1024);
        return;
    }
    bool path_known;
    const ms_route *route = ms_route_find(method, path, app->test_mode, &path_known);
    if (!route) {
        if (path_known) {
            ms_route_methods(path, app->test_mode, allow, allow_cap);
            ms_reply_error(reply, 405, "method_not_allowed", "%s is not allowed on %s (only %s)",
                           method, path, allow);
        } else {
            ms_reply_error(reply, 404, "not_found", "no route %s %s", method, path);
        }
        return;
    }
    cJSON *json = NULL;
    if (route->json_body && !(json = parse_object(b, reply)))
        return;
    char param[MS_ROUTE_PARAM_MAX];
    ms_request req = {
        .method = method,
        .path = path,
        .json = json,
        .authorization =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
        .query = lookup_query,
        .header = lookup_header,
        .query_context = conn,
        .path_param = ms_route_param(route, path, param, sizeof param),
        .body = b->data,
        .body_len = b->len,
    };
    client_address(conn, req.client_address, sizeof req.client_address);
    ms_dispatch(app, route, &req, reply);
    cJSON_Delete(json);
}

static bool add_header(struct MHD_Response *resp, const char *name, const char *value)
{
    return MHD_add_response_header(resp, name, value) == MHD_YES;
}

/* text with \u0000 put at the start of its first string value (text freed; NULL without
 * memory); text itself when it has no string value. */
static char *with_nul_escape(char *text)
{
    static const char escape[] = "\\u0000";
    char *value = strstr(text, "\":\"");
    if (!value)
        return text;
    size_t len = strlen(text), at = (size_t)(value - text) + 3;
    char *out = malloc(len + sizeof escape);
    if (out) {
        memcpy(out, text, at);
        memcpy(out + at, escape, sizeof escape - 1);
        memcpy(out + at + sizeof escape - 1, text + at, len - at + 1);
    }
    free(text);
    return out;
}

/* Send reply; the fault injector's truncate cuts the body to half its length, nul_escape puts
 * \u0000 into its first string value. */
static enum MHD_Result send_reply(struct MHD_Connection *conn, const ms_reply *reply,
                                  const char *allow, ms_fault fault)
{
    bool truncate = fault == MS_FAULT_TRUNCATE;
    static const char fallback[] = "{\"code\":\"internal\",\"message\":\"out of memory\"}";
    unsigned status = (unsigned)reply->status;
    char *text = reply->body ? cJSON_PrintUnformatted(reply->body) : NULL;
    if (text && fault == MS_FAULT_NUL_ESCAPE)
        text = with_nul_escape(text);
    struct MHD_Response *resp;
    const char *content_type = "application/json";
    if (reply->raw && !text) {
        /* Bytes that are not JSON (a photo): sent as they are, with their own type. */
        size_t len = truncate ? reply->raw_len / 2 : reply->raw_len;
        resp = MHD_create_response_from_buffer(len, reply->raw, MHD_RESPMEM_MUST_COPY);
        content_type = reply->raw_type;
    } else if (text) {
        size_t len = strlen(text);
        /* Content-Length is the cut length: the client reads a complete, unparseable body. */
        if (truncate)
            len /= 2;
        resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(text);
    } else if (reply->body || status >= 400) {
        status = reply->body ? 500 : status;
        resp = MHD_create_response_from_buffer(sizeof fallback - 1, (void *)fallback,
                                               MHD_RESPMEM_PERSISTENT);
    } else {
        resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    char retry[16];
    snprintf(retry, sizeof retry, "%d", (int)reply->retry_after_s);
    bool ok = add_header(resp, "Cache-Control", "no-store") &&
              (status == 204 || add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type)) &&
              (reply->retry_after_s <= 0 || add_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, retry)) &&
              (status != 405 || add_header(resp, MHD_HTTP_HEADER_ALLOW, allow)) &&
              (status != 401 || add_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer"));
    enum MHD_Result r = ok ? MHD_queue_response(conn, status, resp) : MHD_NO;
    MHD_destroy_response(resp);
    return r;
}

static void sleep_ms(int32_t ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/*
 * Answer one complete request, through the fault injector: in test mode a
 * share of /v1/sync/ requests is dropped, delayed, failed, run twice or cut
 * short (docs/sync-protocol.md). MHD_NO closes the connection with no answer.
 */
static enum MHD_Result answer(ms_app *app, struct MHD_Connection *conn, const char *url,
                              const char *method, const body_buffer *b)
{
    int32_t delay_ms = 0;
    ms_fault fault = app->test_mode ? ms_faults_draw(&app->faults, url, &delay_ms) : MS_FAULT_NONE;
    if (fault != MS_FAULT_NONE)
        ms_log("fault %s on %s %s", ms_fault_name(fault), method, url);
    ms_reply reply = {0};
    char allow[64] = "";
    switch (fault) {
    case MS_FAULT_DROP_BEFORE:
        return MHD_NO;
    case MS_FAULT_ERROR_500:
        ms_reply_internal(&reply);
        break;
    case MS_FAULT_ERROR_429:
        ms_reply_error(&reply, 429, "rate_limited", "too many requests; try again in 1 s");
        if (reply.body)
            cJSON_AddNumberToObject(reply.body, "retry_after_s", 1);
        reply.retry_after_s = 1;
        break;
    case MS_FAULT_DELAY:
        sleep_ms(delay_ms); /* no lock is held here: other requests go on meanwhile */
        handle(app, conn, url, method, b, &reply, allow, sizeof allow);
        break;
    case MS_FAULT_DUPLICATE:
        handle(app, conn, url, method, b, &reply, allow, sizeof allow);
        ms_log("%s %s -> %d (first of a duplicate)", method, url, reply.status);
        ms_reply_clear(&reply);
        memset(&reply, 0, sizeof reply);
        handle(app, conn, url, method, b, &reply, allow, sizeof allow);
        break;
    default:
        handle(app, conn, url, method, b, &reply, allow, sizeof allow);
        break;
    }
    ms_log("%s %s -> %d", method, url, reply.status);
    enum MHD_Result r =
        fault == MS_FAULT_DROP_AFTER ? MHD_NO : send_reply(conn, &reply, allow, fault);
    ms_reply_clear(&reply);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    ms_app *app = cls;
    body_buffer *b = *con_cls;
    if (!b) {
        /* First call: only the headers have arrived. */
        b = calloc(1, sizeof *b);
        if (!b)
            return MHD_NO;
        bool path_known;
        const ms_route *route = ms_route_find(method, url, app->test_mode, &path_known);
        b->max = route && route->body_max ? route->body_max : MS_HTTP_BODY_MAX;
        *con_cls = b;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        append_body(b, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return answer(app, conn, url, method, b);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)conn;
    (void)why;
    body_buffer *b = *con_cls;
    if (b) {
        free(b->data);
        free(b);
        *con_cls = NULL;
    }
}

ms_http *ms_http_start(ms_app *app, uint16_t port)
{
    ms_http *http = calloc(1, sizeof *http);
    if (!http)
        return NULL;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never reachable from elsewhere */
    http->daemon = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG, port,
        NULL, NULL, on_request, app, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)MS_HTTP_CONNECTIONS_MAX,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)30, MHD_OPTION_END);
    if (!http->daemon) {
        ms_log("cannot listen on 127.0.0.1:%u", (unsigned)port);
        free(http);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(http->daemon, MHD_DAEMON_INFO_BIND_PORT);
    http->port = info ? info->port : port;
    return http;
}

uint16_t ms_http_port(const ms_http *http)
{
    return http->port;
}

void ms_http_stop(ms_http *http)
{
    if (!http)
        return;
    MHD_stop_daemon(http->daemon);
    free(http);
}
