/* api/api.h - what a route handler sees: the request, the reply it fills, and reply helpers. */
#ifndef MS_API_H
#define MS_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "base/app.h"
#include "base/ids.h"

/* One request, already routed and (for JSON routes) parsed. Borrowed by handlers. */
typedef struct ms_request {
    const char *method;
    const char *path;
    /* The parsed JSON object of the body for routes that take one, else NULL. */
    const cJSON *json;
    /* The Authorization header as sent, or NULL. */
    const char *authorization;
    /* The bearer token, set by the auth check for routes that need auth, else NULL. */
    const char *token;
    /* The value of a route's "{id}" segment (decoded), else NULL. */
    const char *path_param;
    /* The raw body as received (NUL-terminated; NULL when empty) and its length. */
    const char *body;
    size_t body_len;
    /* Request header lookup (name case-insensitive), NULL when absent. */
    const char *(*header)(void *header_context, const char *name);
    /* The signed-in user for routes that need auth, else "". */
    char user_id[MS_ID_MAX];
    /* Query parameter lookup (decoded), NULL when absent. */
    const char *(*query)(void *query_context, const char *key);
    void *query_context;
    /* The client's IP address as text ("127.0.0.1", "::1"; "" when unknown). Proxies' headers
     * such as X-Forwarded-For are not trusted. */
    char client_address[MS_ADDRESS_MAX];
} ms_request;

/* What a handler answers. Fill it with the helpers below. */
typedef struct ms_reply {
    int status;
    /* Owned; NULL means no body (e.g. 204). */
    cJSON *body;
    /* > 0 adds a Retry-After header. */
    int32_t retry_after_s;
    /*
     * Keep the request's database writes even though status >= 400 (e.g. the
     * attempt counted by a wrong OTP). Otherwise any 4xx/5xx rolls back, so a
     * request that fails half-way leaves nothing half-written.
     */
    bool keep_writes;
    /* Bytes that are not JSON (a photo), sent when body is NULL: owned (malloc'd), with
     * their Content-Type (a static string). Set with ms_reply_bytes. */
    void *raw;
    size_t raw_len;
    const char *raw_type;
} ms_reply;

typedef void (*ms_handler)(ms_app *app, ms_request *req, ms_reply *reply);

/* A query parameter of req, or NULL. */
const char *ms_query(const ms_request *req, const char *key);
/* A request header of req (name case-insensitive), or NULL. */
const char *ms_header(const ms_request *req, const char *name);

/* Answer status with body (owned; NULL is an allocation failure -> 500). */
void ms_reply_json(ms_reply *reply, int status, cJSON *body);
/* Answer 200 with raw (malloc'd, owned from here on; NULL -> 500) of content_type (static). */
void ms_reply_bytes(ms_reply *reply, void *raw, size_t len, const char *content_type);
/* Answer 204 with no body. */
void ms_reply_empty(ms_reply *reply);
/* Answer {"code": code, "message": <printf>}; replaces anything set before. */
void ms_reply_error(ms_reply *reply, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* 400 invalid_argument with a message naming what was wrong. */
void ms_reply_invalid(ms_reply *reply, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 500 internal (the cause is logged, never sent). */
void ms_reply_internal(ms_reply *reply);
/* Release what the reply owns. */
void ms_reply_clear(ms_reply *reply);
/*
 * Add name: value to obj as an integer literal ("1477748751966480", never cJSON's
 * "1.47774875196648e+15", which strict readers refuse as an integer). NULL on allocation failure.
 */
cJSON *ms_json_add_int(cJSON *obj, const char *name, int64_t value);

#endif
