/*
 * tests/fuzz/fuzz_stub_request.c - libFuzzer harness: memberstub's requests, in-process. The
 * input reads like an HTTP request:
 *     POST /v1/sync/push?limit=5
 *     Header-Name: value            (any number; Authorization defaults to a seed member's)
 *                                   (a blank line)
 *     {"client_id": ...}            (the body)
 * It is routed by the stub's own table (ms_route_find), its body checked and parsed as
 * http/http.c does for JSON routes, and run by ms_dispatch against a seeded database in a
 * temporary directory: the handlers' field readers and rules see it as they would from the
 * network. The stub runs in test mode so that the /v1/test/ routes (the door's scan of a
 * payload, the room blocks of a date, ...) are fuzzed too, all but moving the server clock
 * (a jump of centuries makes the upkeep's catch-up, not a parser, the thing measured). A 5xx
 * answer is a failure, as is an error reply without a JSON body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api/api.h"
#include "api/fields.h"
#include "base/app.h"
#include "db/db.h"
#include "domain/otp_store.h"
#include "domain/seed.h"
#include "domain/sessions.h"
#include "http/dispatch.h"
#include "routes/routes.h"
#include "tempdir.h"

/* 2027-01-04T04:30:00Z, the stub tests' T0. */
#define NOW_MS       1799037000000LL
#define HEADERS_MAX  8
#define LINE_MAX_LEN 1024

static ms_app app;
static char *dir;
static char bearer[MS_TOKEN_MAX + 16];

typedef struct parsed_request {
    char method[16];
    char path[LINE_MAX_LEN];
    const char *query; /* into path, after the '?' (which became NUL), or NULL */
    char names[HEADERS_MAX][64];
    char values[HEADERS_MAX][LINE_MAX_LEN];
    int nheaders;
} parsed_request;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void close_at_exit(void)
{
    ms_db_close(app.db);
    ms_rng_free(app.rng);
    ms_faults_destroy(&app.faults);
    ms_clock_destroy(&app.clock);
    pthread_mutex_destroy(&app.db_lock);
    tempdir_free(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dir = tempdir_new();
    char *path = tempdir_path(dir, "stub.db");
    pthread_mutex_init(&app.db_lock, NULL);
    ms_clock_init(&app.clock);
    ms_clock_set(&app.clock, NOW_MS);
    ms_faults_init(&app.faults);
    app.test_mode = true;
    app.razorpay_key_id = "rzp_test_fuzz";
    app.razorpay_key_secret = "fuzz_key_secret";
    app.razorpay_webhook_secret = "fuzz_webhook_secret";
    app.rng = ms_rng_new();
    if (app.rng == NULL || ms_rng_bytes(app.rng, app.otp_key, sizeof app.otp_key) != 0 ||
        ms_db_open(path, app.rng, ms_seed_step, NOW_MS, &app.db) != 0 ||
        ms_otp_requests_open(app.db) != 0)
        abort();
    free(path);
    atexit(close_at_exit);
    char token[MS_TOKEN_MAX];
    int64_t expires = 0;
    if (ms_session_issue(app.db, app.rng, "usr_5eed000000000001", NOW_MS, token, &expires) != 0)
        abort();
    snprintf(bearer, sizeof bearer, "Bearer %s", token);
    return 0;
}

/* The line at *at (up to '\n' or end) copied into out (cap); *at moves past it. */
static size_t take_line(const char **at, const char *end, char *out, size_t cap)
{
    const char *p = *at;
    size_t n = 0;
    while (p < end && *p != '\n') {
        if (n + 1 < cap)
            out[n++] = *p;
        p++;
    }
    out[n] = '\0';
    *at = p < end ? p + 1 : p;
    return n;
}

static const char *lookup_header(void *context, const char *name)
{
    const parsed_request *r = context;
    for (int i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->names[i], name) == 0)
            return r->values[i];
    if (strcasecmp(name, "Authorization") == 0)
        return bearer;
    return NULL;
}

/* key's value in the query "a=1&b=2" (not decoded), in a static buffer, or NULL. */
static const char *lookup_query(void *context, const char *key)
{
    static char value[LINE_MAX_LEN];
    const parsed_request *r = context;
    size_t klen = strlen(key);
    for (const char *p = r->query; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL) {
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            size_t n = strcspn(v, "&");
            if (n >= sizeof value)
                n = sizeof value - 1;
            memcpy(value, v, n);
            value[n] = '\0';
            return value;
        }
    }
    return NULL;
}

static void run(parsed_request *r, const char *body, size_t body_len)
{
    bool path_known = false;
    const ms_route *route = ms_route_find(r->method, r->path, app.test_mode, &path_known);
    if (route == NULL || strcmp(route->path, "/v1/test/clock") == 0)
        return;
    ms_reply reply = {0};
    cJSON *json = NULL;
    if (route->json_body && (json = ms_body_object(&reply, body, body_len)) == NULL) {
        ms_reply_clear(&reply);
        return;
    }
    char param[MS_ROUTE_PARAM_MAX];
    ms_request req = {
        .method = r->method,
        .path = r->path,
        .json = json,
        .authorization = lookup_header(r, "Authorization"),
        .query = lookup_query,
        .header = lookup_header,
        .query_context = r,
        .path_param = ms_route_param(route, r->path, param, sizeof param),
        .body = body_len ? body : NULL,
        .body_len = body_len,
    };
    /* ms_header passes query_context to header too (one MHD connection serves both). */
    ms_dispatch(&app, route, &req, &reply);
    cJSON_Delete(json);
    if (reply.status >= 500 || reply.status < 200 || (reply.status >= 400 && reply.body == NULL)) {
        char *text = reply.body ? cJSON_PrintUnformatted(reply.body) : NULL;
        fprintf(stderr, "fuzz_stub_request: %s %s -> %d %s\n", r->method, r->path, reply.status,
                text ? text : "(no body)");
        free(text);
        abort();
    }
    ms_reply_clear(&reply);
}

/* A fresh session when an input logged the seed member out (or the token went stale). */
static void keep_signed_in(void)
{
    char user[MS_ID_MAX];
    if (ms_session_check(app.db, bearer + 7, ms_clock_now(&app.clock), user) == MS_SESSION_VALID)
        return;
    char token[MS_TOKEN_MAX];
    int64_t expires = 0;
    if (ms_session_issue(app.db, app.rng, "usr_5eed000000000001", ms_clock_now(&app.clock), token,
                         &expires) != 0)
        abort();
    snprintf(bearer, sizeof bearer, "Bearer %s", token);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    keep_signed_in();
    const char *at = (const char *)data, *end = at + size;
    static parsed_request r;
    memset(&r, 0, sizeof r);
    char line[LINE_MAX_LEN];
    take_line(&at, end, line, sizeof line);
    char *space = strchr(line, ' ');
    if (space == NULL || (size_t)(space - line) >= sizeof r.method)
        return 0;
    memcpy(r.method, line, (size_t)(space - line));
    snprintf(r.path, sizeof r.path, "%s", space + 1);
    char *q = strchr(r.path, '?');
    if (q) {
        *q = '\0';
        r.query = q + 1;
    }
    while (at < end && take_line(&at, end, line, sizeof line) > 0 && r.nheaders < HEADERS_MAX) {
        char *colon = strchr(line, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        snprintf(r.names[r.nheaders], sizeof r.names[0], "%s", line);
        snprintf(r.values[r.nheaders], sizeof r.values[0], "%s", colon + 1 + (colon[1] == ' '));
        r.nheaders++;
    }
    size_t body_len = (size_t)(end - at);
    char *body = malloc(body_len + 1);
    if (body == NULL)
        abort();
    memcpy(body, at, body_len);
    body[body_len] = '\0';
    run(&r, body, body_len);
    free(body);
    return 0;
}
