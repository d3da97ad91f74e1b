/*
 * tests/integration/test_transport.c - the HTTP transport (membercore/transport.h): a host
 * transport written here (over libcurl, as a binding would over the platform's networking)
 * runs a member's real journey against memberstub; every transport outcome reaches the member
 * as the contract says; mc_client_open refuses bad transports and releases them once; closing
 * cancels a request blocked in a host transport or in the built-in one; the built-in one keeps
 * its connection across calls (a counting loopback server written here sees one).
 *
 * Nothing sleeps: a blocked request is waited for with condition variables.
 */
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <membercore/membercore.h>

#include "stub_process.h"
#include "sync_helpers.h"
#include "tempdir.h"
#include "upload_helpers.h"

#define MEMBER "+919800000001"

/* ---- A host transport over libcurl (one easy handle per request, as simple as can be) --- */

typedef struct curl_host {
    atomic_int sends, patches, heads, with_auth, releases;
    atomic_llong body_bytes_read; /* read with mc_http_body_read */
} curl_host;

typedef struct curl_call {
    mc_http_response *response;
    mc_status failed;
    mc_error *err;
} curl_call;

static size_t curl_host_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    curl_call *call = userdata;
    mc_status st = mc_http_response_append_body(call->response, ptr, size * nmemb, call->err);
    if (st != MC_OK) {
        call->failed = st;
        return 0;
    }
    return size * nmemb;
}

static size_t curl_host_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    curl_call *call = userdata;
    size_t n = size * nmemb;
    char line[1024];
    if (n >= sizeof line)
        return n;
    memcpy(line, ptr, n);
    line[n] = '\0';
    char *colon = strchr(line, ':');
    if (colon == NULL)
        return n;
    *colon = '\0';
    char *value = colon + 1;
    while (*value == ' ')
        value++;
    value[strcspn(value, "\r\n")] = '\0';
    mc_http_response_add_header(call->response, line, value, NULL);
    return n;
}

static mc_status curl_host_send(void *context, const mc_http_request *request,
                                mc_http_response *response, mc_error *err)
{
    curl_host *h = context;
    atomic_fetch_add(&h->sends, 1);
    ck_assert_uint_ne(request->id, 0);
    CURL *curl = curl_easy_init();
    ck_assert_ptr_nonnull(curl);
    curl_call call = {.response = response, .failed = MC_OK, .err = err};
    struct curl_slist *headers = curl_slist_append(NULL, "Expect:");
    for (size_t i = 0; i < request->header_count; i++) {
        char line[1024];
        snprintf(line, sizeof line, "%s: %s", request->headers[i].name, request->headers[i].value);
        if (strcasecmp(request->headers[i].name, "Authorization") == 0)
            atomic_fetch_add(&h->with_auth, 1);
        headers = curl_slist_append(headers, line);
    }
    char *body = NULL;
    if (request->body_length >= 0) {
        /* The whole body through mc_http_body_read, in pieces (it serves bytes and files). */
        body = malloc((size_t)request->body_length + 1);
        ck_assert_ptr_nonnull(body);
        int64_t at = 0;
        while (at < request->body_length) {
            size_t got = 0;
            mc_status st = mc_http_body_read(request, at, body + at, 65536, &got, err);
            if (st != MC_OK) {
                free(body);
                curl_slist_free_all(headers);
                curl_easy_cleanup(curl);
                return st;
            }
            ck_assert_uint_gt(got, 0);
            at += (int64_t)got;
        }
        atomic_fetch_add(&h->body_bytes_read, at);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_length);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    }
    if (strcmp(request->method, "HEAD") == 0) {
        atomic_fetch_add(&h->heads, 1);
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
    }
    if (strcmp(request->method, "PATCH") == 0)
        atomic_fetch_add(&h->patches, 1);
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)request->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)request->request_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, curl_host_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &call);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, curl_host_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &call);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    free(body);
    if (call.failed != MC_OK)
        return call.failed;
    if (rc == CURLE_COULDNT_CONNECT) {
        snprintf(err->message, sizeof err->message, "test transport: no connection");
        return MC_ERR_OFFLINE;
    }
    if (rc != CURLE_OK) {
        snprintf(err->message, sizeof err->message, "test transport: %s", curl_easy_strerror(rc));
        return MC_ERR_NETWORK;
    }
    return mc_http_response_set_status(response, (int)status, err);
}

static void curl_host_release(void *context)
{
    curl_host *h = context;
    atomic_fetch_add(&h->releases, 1);
}

static mc_transport curl_host_transport(curl_host *h)
{
    return (mc_transport){.context = h, .send = curl_host_send, .release = curl_host_release};
}

/* ---- A canned transport: one answer or one failure, and what it was asked -------------- */

typedef struct canned {
    mc_status fail;           /* returned as is when not MC_OK */
    const char *fail_message; /* written into err with fail */
    int status;               /* 0: no status set */
    const char *body;
    size_t body_repeat; /* append body this many times (1 when 0) */
    bool ignore_append_errors;
    const char *header_name, *header_value;
    /* What it saw last. */
    char method[16];
    char url[512];
    size_t header_count;
    int64_t body_length;
    atomic_int releases;
} canned;

static mc_status canned_send(void *context, const mc_http_request *request,
                             mc_http_response *response, mc_error *err)
{
    canned *c = context;
    snprintf(c->method, sizeof c->method, "%s", request->method);
    snprintf(c->url, sizeof c->url, "%s", request->url);
    c->header_count = request->header_count;
    c->body_length = request->body_length;
    if (c->fail != MC_OK) {
        if (c->fail_message != NULL)
            snprintf(err->message, sizeof err->message, "%s", c->fail_message);
        return c->fail;
    }
    if (c->status != 0) {
        mc_status st = mc_http_response_set_status(response, c->status, err);
        if (st != MC_OK)
            return st;
    }
    if (c->header_name != NULL)
        ck_assert_int_eq(
            mc_http_response_add_header(response, c->header_name, c->header_value, err), MC_OK);
    size_t times = c->body_repeat ? c->body_repeat : 1;
    for (size_t i = 0; c->body != NULL && i < times; i++) {
        mc_status st = mc_http_response_append_body(response, c->body, strlen(c->body), err);
        if (st != MC_OK && !c->ignore_append_errors)
            return st;
    }
    return MC_OK;
}

static void canned_release(void *context)
{
    canned *c = context;
    atomic_fetch_add(&c->releases, 1);
}

static mc_transport canned_transport(canned *c)
{
    return (mc_transport){.context = c, .send = canned_send, .release = canned_release};
}

/* ---- A transport that blocks until cancelled ------------------------------------------ */

typedef struct blocking {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    uint64_t running_id;   /* the id of the send in progress, 0 when none */
    uint64_t cancelled_id; /* the id cancel() was called with */
    int releases;
} blocking;

static mc_status blocking_send(void *context, const mc_http_request *request,
                               mc_http_response *response, mc_error *err)
{
    (void)response;
    blocking *b = context;
    pthread_mutex_lock(&b->lock);
    b->running_id = request->id;
    pthread_cond_broadcast(&b->changed);
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += 60; /* a transport that is never cancelled gives up, and the test fails */
    int rc = 0;
    while (b->cancelled_id != request->id && rc == 0)
        rc = pthread_cond_timedwait(&b->changed, &b->lock, &limit);
    bool cancelled = b->cancelled_id == request->id;
    b->running_id = 0;
    pthread_mutex_unlock(&b->lock);
    snprintf(err->message, sizeof err->message, cancelled ? "cancelled" : "never cancelled");
    return cancelled ? MC_ERR_CANCELLED : MC_ERR_NETWORK;
}

static void blocking_cancel(void *context, uint64_t id)
{
    blocking *b = context;
    pthread_mutex_lock(&b->lock);
    if (b->running_id == id) {
        b->cancelled_id = id;
        pthread_cond_broadcast(&b->changed);
    }
    pthread_mutex_unlock(&b->lock);
}

static void blocking_release(void *context)
{
    blocking *b = context;
    pthread_mutex_lock(&b->lock);
    b->releases++;
    pthread_mutex_unlock(&b->lock);
}

/* ---- A loopback HTTP/1.1 server that counts connections (for the built-in transport) --- */

typedef enum { SERVE_OK, SERVE_HANG, SERVE_429 } serve_mode;

#define MAX_CONNS 64

typedef struct counting_server {
    int listen_fd;
    int port;
    serve_mode mode;
    pthread_t acceptor;
    pthread_t conns[MAX_CONNS];
    int conn_fds[MAX_CONNS];
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int connections; /* accepted so far */
    int requests;    /* whole requests read so far */
    bool stopping;
} counting_server;

typedef struct conn_arg {
    counting_server *s;
    int fd;
} conn_arg;

/* Read one request (headers and a Content-Length body); false when the peer closed. */
static bool read_request(int fd)
{
    char buf[65536];
    size_t len = 0;
    char *end = NULL;
    while (end == NULL) {
        if (len == sizeof buf - 1)
            return false;
        ssize_t n = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (n <= 0)
            return false;
        len += (size_t)n;
        buf[len] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    size_t have = len - (size_t)(end + 4 - buf);
    long body = 0;
    for (char *line = strstr(buf, "\r\n"); line != NULL && line < end;
         line = strstr(line + 2, "\r\n"))
        if (strncasecmp(line + 2, "Content-Length:", 15) == 0)
            body = strtol(line + 17, NULL, 10);
    while ((long)have < body) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return false;
        have += (size_t)n;
    }
    return true;
}

static void *serve_connection(void *arg)
{
    conn_arg *a = arg;
    counting_server *s = a->s;
    int fd = a->fd;
    free(a);
    while (read_request(fd)) {
        pthread_mutex_lock(&s->lock);
        s->requests++;
        pthread_cond_broadcast(&s->changed);
        pthread_mutex_unlock(&s->lock);
        const char *answer =
            s->mode == SERVE_429
                ? "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 9\r\nContent-Length: 0\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  "2\r\n\r\n{}";
        if (s->mode == SERVE_HANG)
            continue; /* never answers: the next read sees the client go */
        if (send(fd, answer, strlen(answer), MSG_NOSIGNAL) < 0)
            break;
    }
    return NULL;
}

static void *accept_loop(void *arg)
{
    counting_server *s = arg;
    for (;;) {
        int fd = accept(s->listen_fd, NULL, NULL);
        pthread_mutex_lock(&s->lock);
        if (fd < 0 || s->stopping || s->connections == MAX_CONNS) {
            pthread_mutex_unlock(&s->lock);
            if (fd >= 0)
                close(fd);
            break;
        }
        int i = s->connections++;
        s->conn_fds[i] = fd;
        conn_arg *a = malloc(sizeof *a);
        ck_assert_ptr_nonnull(a);
        *a = (conn_arg){s, fd};
        ck_assert_int_eq(pthread_create(&s->conns[i], NULL, serve_connection, a), 0);
        pthread_cond_broadcast(&s->changed);
        pthread_mutex_unlock(&s->lock);
    }
    return NULL;
}

static counting_server *server_start(serve_mode mode)
{
    counting_server *s = calloc(1, sizeof *s);
    ck_assert_ptr_nonnull(s);
    s->mode = mode;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    s->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(s->listen_fd, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(s->listen_fd, (struct sockaddr *)&addr, sizeof addr), 0);
    ck_assert_int_eq(listen(s->listen_fd, 16), 0);
    socklen_t alen = sizeof addr;
    ck_assert_int_eq(getsockname(s->listen_fd, (struct sockaddr *)&addr, &alen), 0);
    s->port = ntohs(addr.sin_port);
    ck_assert_int_eq(pthread_create(&s->acceptor, NULL, accept_loop, s), 0);
    return s;
}

/* Wait until the server has read n requests in all. */
static void server_wait_requests(counting_server *s, int n)
{
    pthread_mutex_lock(&s->lock);
    while (s->requests < n)
        pthread_cond_wait(&s->changed, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

static void server_stop(counting_server *s)
{
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_mutex_unlock(&s->lock);
    shutdown(s->listen_fd, SHUT_RDWR);
    pthread_join(s->acceptor, NULL);
    close(s->listen_fd);
    for (int i = 0; i < s->connections; i++) {
        shutdown(s->conn_fds[i], SHUT_RDWR);
        pthread_join(s->conns[i], NULL);
        close(s->conn_fds[i]);
    }
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static mc_status open_with(const char *data_dir, const char *url, const mc_transport *t,
                           mc_client **out, mc_error *err)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = data_dir;
    cfg.server_url = url;
    cfg.connect_timeout_ms = 2000;
    cfg.request_timeout_ms = 5000;
    cfg.transport = t;
    return mc_client_open(&cfg, out, err);
}

static mc_client *must_open(const char *data_dir, const char *url, const mc_transport *t)
{
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(open_with(data_dir, url, t, &c, &err) == MC_OK, "open: %s", err.message);
    return c;
}

static char *url_of(int port)
{
    char *url = malloc(64);
    ck_assert_ptr_nonnull(url);
    snprintf(url, 64, "http://127.0.0.1:%d", port);
    return url;
}

/* A ticket with one photo filed and synced through c: the photo is on the server, whole. */
static void file_and_upload(mc_client *c, const char *data_dir, const stub_process *stub,
                            const char *files, int64_t bytes)
{
    char path[4096], sha[65];
    snprintf(path, sizeof path, "%s/p.jpg", files);
    upload_make_jpeg(path, bytes, 7, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket(c, data_dir, list, 1, &t);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert(stats.complete);
    ck_assert_int_eq(stats.received, bytes);
    char staff[128], server_sha[65];
    ck_assert_int_eq(stub_sign_in(stub, "+919800000010", staff, sizeof staff), 0);
    ck_assert(upload_server_photo_sha256(stub, staff, t.id, t.photo_ids[0], server_sha));
    ck_assert_str_eq(server_sha, sha);
}

/* ---- Tests -------------------------------------------------------------------------------- */

/* A member's journey through a host transport: sign-in, a sync, a photo upload of 2.5 MiB
 * (three PATCHes, their bytes read with mc_http_body_read), the same store as the server's
 * view, and the same as through the built-in transport. */
START_TEST(test_a_members_journey_through_a_host_transport)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *dir = tempdir_new(), *files = tempdir_new(), *dir2 = tempdir_new();
    curl_host h = {0};
    mc_transport t = curl_host_transport(&h);
    mc_client *c = must_open(dir, stub_url(stub), &t);
    helper_sign_in(c, stub, MEMBER);
    ck_assert_int_eq(helper_sync_until_drained(c, 3), MC_OK);
    int64_t bytes = 2 * 1024 * 1024 + 512 * 1024;
    file_and_upload(c, dir, stub, files, bytes);
    ck_assert_int_eq(atomic_load(&h.patches), 3);
    ck_assert_int_ge(atomic_load(&h.body_bytes_read), bytes);
    ck_assert_int_gt(atomic_load(&h.with_auth), 0);
    ck_assert_int_eq(atomic_load(&h.heads), 0);

    /* Both transports see the same world. */
    mc_client *c2 = helper_open_client(dir2, stub_url(stub));
    ck_assert_int_eq(stub_advance_clock(stub, 31000), 0); /* a code every 30 s per phone */
    helper_sign_in(c2, stub, MEMBER);
    ck_assert_int_eq(helper_sync_until_drained(c2, 3), MC_OK);
    ck_assert_int_eq(helper_sync_until_drained(c, 3), MC_OK);
    cJSON *server = helper_server_view(stub, MEMBER);
    cJSON *local = helper_local_view(dir);
    cJSON *local2 = helper_local_view(dir2);
    ck_assert(helper_views_equal(server, local));
    ck_assert(helper_views_equal(local, local2));
    cJSON_Delete(server);
    cJSON_Delete(local);
    cJSON_Delete(local2);

    int sends = atomic_load(&h.sends);
    ck_assert_int_ge(sends, 8);
    mc_client_close(c);
    ck_assert_int_eq(atomic_load(&h.releases), 0); /* released at free, after the last send */
    mc_client_free(c);
    ck_assert_int_eq(atomic_load(&h.releases), 1);
    mc_client_free(c2);
    tempdir_free(dir2);
    tempdir_free(files);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

/* The server's refusals through a host transport read as through the built-in one: a wrong
 * code (the stub's 4xx), a 5xx body, a Retry-After header without a body's retry_after_s. */
START_TEST(test_refusals_read_as_before)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *dir = tempdir_new();
    curl_host h = {0};
    mc_transport t = curl_host_transport(&h);
    mc_client *c = must_open(dir, stub_url(stub), &t);
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(c, MEMBER, &req, &err), MC_OK);
    char code[7], wrong[7];
    ck_assert_int_eq(stub_latest_otp(stub, req.phone, code), 0);
    memcpy(wrong, code, 7);
    wrong[5] = wrong[5] == '9' ? '0' : (char)(wrong[5] + 1);
    ck_assert_int_eq(mc_auth_verify_otp(c, wrong, NULL, NULL, &err), MC_ERR_OTP_WRONG);
    ck_assert_str_eq(err.server_code, "otp_wrong");
    ck_assert_int_ge(err.attempts_left, 0);
    ck_assert_int_ge(err.http_status, 400);
    mc_client_free(c);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);

    struct {
        int status;
        const char *body, *header;
        mc_status want;
        int retry;
        const char *message;
    } cases[] = {
        {503, "{\"code\":\"internal\",\"message\":\"down for a moment\"}", NULL, MC_ERR_SERVER, 0,
         "down for a moment"},
        {500, "<html>oops</html>", NULL, MC_ERR_SERVER, 0, "HTTP 500"},
        {429, NULL, "7", MC_ERR_NETWORK, 7, "HTTP 429"},
        {429, "{\"code\":\"otp_rate_limited\",\"message\":\"slow\",\"retry_after_s\":30}", "7",
         MC_ERR_OTP_RATE_LIMITED, 30, "try again"},
        {404, "", NULL, MC_ERR_NOT_FOUND, 0, "HTTP 404"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *d = tempdir_new();
        canned k = {.status = cases[i].status,
                    .body = cases[i].body,
                    .header_name = cases[i].header ? "retry-after" : NULL,
                    .header_value = cases[i].header};
        mc_transport kt = canned_transport(&k);
        mc_client *kc = must_open(d, "http://127.0.0.1:9", &kt);
        mc_error e = MC_ERROR_INIT;
        ck_assert_int_eq(mc_auth_request_otp(kc, MEMBER, &req, &e), cases[i].want);
        ck_assert_int_eq(e.http_status, cases[i].status);
        ck_assert_int_eq(e.retry_after_s, cases[i].retry);
        ck_assert_msg(strstr(e.message, cases[i].message) != NULL, "case %zu: %s", i, e.message);
        ck_assert_str_eq(k.method, "POST");
        ck_assert_str_eq(k.url, "http://127.0.0.1:9/v1/auth/otp/request");
        ck_assert_int_gt(k.body_length, 0);
        mc_client_free(kc);
        ck_assert_int_eq(atomic_load(&k.releases), 1);
        tempdir_free(d);
    }
}
END_TEST

/* What a transport says reaches the member: each failure as its status (with the transport's
 * words), a status outside the contract as a broken exchange, no answer at all as one, an
 * answer over 16 MiB refused. The sync shows offline for MC_ERR_OFFLINE. */
START_TEST(test_every_transport_outcome_reaches_the_member)
{
    struct {
        mc_status fail;
        int status;
        mc_status want;
        const char *message;
    } cases[] = {
        {MC_ERR_OFFLINE, 0, MC_ERR_OFFLINE, "the words of the transport"},
        {MC_ERR_NETWORK, 0, MC_ERR_NETWORK, "the words of the transport"},
        {MC_ERR_TLS, 0, MC_ERR_TLS, "the words of the transport"},
        {MC_ERR_TLS_PIN, 0, MC_ERR_TLS_PIN, "the words of the transport"},
        {MC_ERR_CANCELLED, 0, MC_ERR_CANCELLED, "the words of the transport"},
        {MC_ERR_NO_MEMORY, 0, MC_ERR_NO_MEMORY, "the words of the transport"},
        /* Not a transport's status: never mistaken for the server's answer. */
        {MC_ERR_NOT_FOUND, 0, MC_ERR_NETWORK, "the words of the transport"},
        {MC_ERR_INVALID_ARG, 0, MC_ERR_NETWORK, "the words of the transport"},
        {MC_ERR_UNAUTHORIZED, 0, MC_ERR_NETWORK, "the words of the transport"},
        /* MC_OK without an HTTP status. */
        {MC_OK, 0, MC_ERR_NETWORK, "no HTTP status"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *d = tempdir_new();
        canned k = {.fail = cases[i].fail,
                    .fail_message = "the words of the transport",
                    .status = cases[i].status};
        mc_transport kt = canned_transport(&k);
        mc_client *kc = must_open(d, "http://127.0.0.1:9", &kt);
        mc_otp_request req;
        mc_error e = MC_ERROR_INIT;
        ck_assert_int_eq(mc_auth_request_otp(kc, MEMBER, &req, &e), cases[i].want);
        ck_assert_int_eq(e.code, cases[i].want);
        ck_assert_int_eq(e.http_status, 0);
        ck_assert_msg(strstr(e.message, cases[i].message) != NULL, "case %zu: %s", i, e.message);
        mc_client_free(kc);
        ck_assert_int_eq(atomic_load(&k.releases), 1);
        tempdir_free(d);
    }

    /* A failure without words still says something. */
    char *d = tempdir_new();
    canned k = {.fail = MC_ERR_OFFLINE};
    mc_transport kt = canned_transport(&k);
    mc_client *kc = must_open(d, "http://127.0.0.1:9", &kt);
    mc_otp_request req;
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(kc, MEMBER, &req, &e), MC_ERR_OFFLINE);
    ck_assert_str_ne(e.message, "");

    /* Too large: 17 MiB of answer. */
    static char mib[1024 * 1024 + 1];
    memset(mib, ' ', sizeof mib - 1);
    k = (canned){.status = 200, .body = mib, .body_repeat = 17};
    ck_assert_int_eq(mc_auth_request_otp(kc, MEMBER, &req, &e), MC_ERR_NETWORK);
    ck_assert_msg(strstr(e.message, "too large") != NULL, "%s", e.message);
    /* A transport that goes on as if nothing was refused: refused all the same. */
    k = (canned){.status = 200, .body = mib, .body_repeat = 17, .ignore_append_errors = true};
    ck_assert_int_eq(mc_auth_request_otp(kc, MEMBER, &req, &e), MC_ERR_NETWORK);
    ck_assert_msg(strstr(e.message, "too large") != NULL, "%s", e.message);
    mc_client_free(kc);
    tempdir_free(d);
}
END_TEST

/* A session token issued by another origin is never sent: with a host transport, the core asks
 * only a HEAD of the origin's root, with no header, and a reachable server means "sign in
 * again" (401); an unreachable one is the transport's error. */
START_TEST(test_a_foreign_token_is_probed_with_a_bare_head)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *dir = tempdir_new();
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, MEMBER);
    mc_client_free(c);

    char other[64];
    snprintf(other, sizeof other, "http://localhost:%d/api", stub_port(stub));
    canned k = {.status = 404, .body = "{}"};
    mc_transport kt = canned_transport(&k);
    c = must_open(dir, other, &kt);
    mc_error e = MC_ERROR_INIT;
    k.fail = MC_ERR_OFFLINE; /* unreachable: the transport's error */
    ck_assert_int_eq(mc_sync_once(c, NULL, &e), MC_ERR_OFFLINE);
    ck_assert_str_eq(k.method, "HEAD");
    k.fail = MC_OK;
    ck_assert_int_eq(mc_sync_once(c, NULL, &e), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(e.http_status, 401);
    ck_assert_str_eq(k.method, "HEAD");
    char root[80];
    snprintf(root, sizeof root, "http://localhost:%d/", stub_port(stub));
    ck_assert_str_eq(k.url, root);
    ck_assert_int_eq(k.header_count, 0);
    ck_assert_int_eq(k.body_length, -1);
    mc_client_free(c);
    ck_assert_int_eq(atomic_load(&k.releases), 1);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

/* mc_client_open refuses a transport without send, or with tls_pins / tls_ca_file (the
 * platform verifies), and releases the transport exactly once whether it opens or not. */
START_TEST(test_open_refuses_bad_transports_and_releases_them)
{
    char *dir = tempdir_new();
    canned k = {0};
    mc_transport t = canned_transport(&k);
    mc_client *c = NULL;
    mc_error e = MC_ERROR_INIT;

    mc_transport no_send = t;
    no_send.send = NULL;
    ck_assert_int_eq(open_with(dir, "http://127.0.0.1:9", &no_send, &c, &e), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(e.message, "transport.send") != NULL, "%s", e.message);
    ck_assert_int_eq(atomic_load(&k.releases), 1);

    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = "https://api.example.com";
    cfg.transport = &t;
    cfg.tls_ca_file = "/etc/hostname";
    ck_assert_int_eq(mc_client_open(&cfg, &c, &e), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(e.message, "tls_ca_file") != NULL, "%s", e.message);
    ck_assert_int_eq(atomic_load(&k.releases), 2);

    const char *pins[2] = {"sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                           "sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB="};
    cfg.tls_ca_file = NULL;
    cfg.tls_pins = pins;
    cfg.tls_pin_count = 2;
    ck_assert_int_eq(mc_client_open(&cfg, &c, &e), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(e.message, "tls_pins") != NULL, "%s", e.message);
    ck_assert_int_eq(atomic_load(&k.releases), 3);

    /* Refused for another reason: released all the same. */
    cfg.tls_pins = NULL;
    cfg.tls_pin_count = 0;
    cfg.server_url = "http://api.example.com"; /* plain http off loopback */
    ck_assert_int_eq(mc_client_open(&cfg, &c, &e), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(atomic_load(&k.releases), 4);
    cfg.server_url = "https://api.example.com";
    ck_assert_int_eq(mc_client_open(&cfg, NULL, &e), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(atomic_load(&k.releases), 5);

    /* Opened: released once, at free. */
    ck_assert_int_eq(mc_client_open(&cfg, &c, &e), MC_OK);
    ck_assert_int_eq(atomic_load(&k.releases), 5);
    mc_client_close(c);
    ck_assert_int_eq(atomic_load(&k.releases), 5);
    mc_client_free(c);
    ck_assert_int_eq(atomic_load(&k.releases), 6);

    /* A transport without release is fine too. */
    t.release = NULL;
    ck_assert_int_eq(mc_client_open(&cfg, &c, &e), MC_OK);
    mc_client_free(c);
    ck_assert_int_eq(atomic_load(&k.releases), 6);
    tempdir_free(dir);
}
END_TEST

typedef struct call_result {
    mc_client *client;
    mc_status st;
    mc_error err;
} call_result;

static void *request_code_thread(void *arg)
{
    call_result *r = arg;
    mc_otp_request req;
    r->err = (mc_error)MC_ERROR_INIT;
    r->st = mc_auth_request_otp(r->client, MEMBER, &req, &r->err);
    return NULL;
}

/* Close while a request is blocked in the host's transport: close cancels it by its id, the
 * call fails with MC_ERR_CANCELLED, and nothing of it was kept (a later open has no pending
 * code). */
START_TEST(test_close_cancels_a_request_blocked_in_the_host_transport)
{
    char *dir = tempdir_new();
    blocking b = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};
    mc_transport t = {.context = &b,
                      .send = blocking_send,
                      .cancel = blocking_cancel,
                      .release = blocking_release};
    call_result r = {.client = must_open(dir, "http://127.0.0.1:9", &t)};
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, request_code_thread, &r), 0);
    pthread_mutex_lock(&b.lock);
    while (b.running_id == 0)
        pthread_cond_wait(&b.changed, &b.lock);
    uint64_t id = b.running_id;
    pthread_mutex_unlock(&b.lock);

    mc_client_close(r.client);
    pthread_join(th, NULL);
    ck_assert_int_eq(b.cancelled_id, id);
    ck_assert_int_eq(r.st, MC_ERR_CANCELLED);
    ck_assert_str_eq(mc_status_name(r.st), "cancelled");
    ck_assert_int_eq(b.releases, 0);

    /* After close: refused at once, nothing sent. */
    mc_otp_request req;
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(r.client, MEMBER, &req, &e), MC_ERR_STATE);
    mc_client_free(r.client);
    ck_assert_int_eq(b.releases, 1);
    tempdir_free(dir);
}
END_TEST

/* The same for the sync thread's round: close cancels its request and stops the thread. */
START_TEST(test_close_cancels_the_sync_threads_request)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *dir = tempdir_new();
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, MEMBER);
    mc_client_free(c);

    blocking b = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};
    mc_transport t = {.context = &b,
                      .send = blocking_send,
                      .cancel = blocking_cancel,
                      .release = blocking_release};
    c = must_open(dir, stub_url(stub), &t);
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_start(c, &e), MC_OK);
    pthread_mutex_lock(&b.lock);
    while (b.running_id == 0)
        pthread_cond_wait(&b.changed, &b.lock);
    uint64_t id = b.running_id;
    pthread_mutex_unlock(&b.lock);
    mc_client_close(c); /* returns once the round is cancelled and the thread stopped */
    ck_assert_int_eq(b.cancelled_id, id);
    ck_assert_int_eq(b.running_id, 0);
    mc_client_free(c);
    ck_assert_int_eq(b.releases, 1);
    /* The round did not end: a later process sees no failed sync. */
    c = helper_open_client(dir, stub_url(stub));
    mc_sync_status status;
    ck_assert_int_eq(mc_sync_status_get(c, &status, &e), MC_OK);
    ck_assert_msg(status.last_error == MC_OK, "%s", status.last_error_message);
    mc_client_free(c);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

/* The built-in transport: a server that never answers, a request timeout of 15 s, and close
 * returns at once with the call cancelled (the call's MC_ERR_CANCELLED is what shows it did not
 * run to its time limit: a timeout is MC_ERR_NETWORK). */
START_TEST(test_close_cancels_a_request_of_the_built_in_transport)
{
    counting_server *s = server_start(SERVE_HANG);
    char *url = url_of(s->port), *dir = tempdir_new();
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = url;
    cfg.request_timeout_ms = 15000;
    call_result r = {0};
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(&cfg, &r.client, &e), MC_OK);
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, request_code_thread, &r), 0);
    server_wait_requests(s, 1); /* the request is on the wire, its answer never comes */
    mc_client_close(r.client);
    pthread_join(th, NULL);
    ck_assert_msg(r.st == MC_ERR_CANCELLED, "%s: %s", mc_status_name(r.st), r.err.message);
    mc_client_free(r.client);
    server_stop(s);
    free(url);
    tempdir_free(dir);
}
END_TEST

/* The built-in transport keeps its connection: 20 calls in a row, one TCP connection. A
 * Retry-After header is read from its answers too. */
START_TEST(test_the_built_in_transport_reuses_its_connection)
{
    counting_server *s = server_start(SERVE_OK);
    char *url = url_of(s->port), *dir = tempdir_new();
    mc_client *c = must_open(dir, url, NULL);
    for (int i = 0; i < 20; i++) {
        mc_otp_request req;
        mc_error e = MC_ERROR_INIT;
        ck_assert_msg(mc_auth_request_otp(c, MEMBER, &req, &e) == MC_OK, "%s", e.message);
    }
    pthread_mutex_lock(&s->lock);
    int connections = s->connections, requests = s->requests;
    pthread_mutex_unlock(&s->lock);
    ck_assert_int_eq(requests, 20);
    ck_assert_int_eq(connections, 1);
    mc_client_free(c);
    server_stop(s);
    free(url);

    s = server_start(SERVE_429);
    url = url_of(s->port);
    c = must_open(dir, url, NULL);
    mc_otp_request req;
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(c, MEMBER, &req, &e), MC_ERR_NETWORK);
    ck_assert_int_eq(e.http_status, 429);
    ck_assert_int_eq(e.retry_after_s, 9);
    mc_client_free(c);
    server_stop(s);
    free(url);
    tempdir_free(dir);
}
END_TEST

static void *many_calls_thread(void *arg)
{
    call_result *r = arg;
    for (int i = 0; i < 10 && r->st == MC_OK; i++) {
        mc_otp_request req;
        r->st = mc_auth_request_otp(r->client, MEMBER, &req, &r->err);
    }
    return NULL;
}

/* Threads at once on the built-in transport: every call answered, a handful of connections
 * (one per handle in use at once), not one per call. */
START_TEST(test_the_built_in_transport_serves_threads_at_once)
{
    counting_server *s = server_start(SERVE_OK);
    char *url = url_of(s->port), *dir = tempdir_new();
    mc_client *c = must_open(dir, url, NULL);
    pthread_t th[4];
    call_result r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (call_result){.client = c, .st = MC_OK};
        ck_assert_int_eq(pthread_create(&th[i], NULL, many_calls_thread, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ck_assert_msg(r[i].st == MC_OK, "%s", r[i].err.message);
    }
    pthread_mutex_lock(&s->lock);
    int connections = s->connections, requests = s->requests;
    pthread_mutex_unlock(&s->lock);
    ck_assert_int_eq(requests, 40);
    ck_assert_int_le(connections, 8);
    mc_client_free(c);
    server_stop(s);
    free(url);
    tempdir_free(dir);
}
END_TEST

/* ---- The functions a transport calls, at their edges ------------------------------------ */

static mc_status probing_send(void *context, const mc_http_request *request,
                              mc_http_response *response, mc_error *err)
{
    int *checks = context;
    char buf[64];
    size_t got = 99;
    mc_error e = MC_ERROR_INIT;
    ck_assert_str_eq(request->method, "POST");
    ck_assert_int_gt(request->body_length, 10);
    ck_assert_int_gt(request->request_timeout_ms, 0);
    ck_assert_int_gt(request->connect_timeout_ms, 0);
    /* Any offset, again and again; 0 bytes only at the end. */
    ck_assert_int_eq(mc_http_body_read(request, 1, buf, 4, &got, &e), MC_OK);
    ck_assert_uint_eq(got, 4);
    ck_assert_int_eq(memcmp(buf, request->body + 1, 4), 0);
    ck_assert_int_eq(mc_http_body_read(request, 0, buf, 1, &got, &e), MC_OK);
    ck_assert_int_eq(buf[0], '{');
    ck_assert_int_eq(mc_http_body_read(request, request->body_length, buf, sizeof buf, &got, &e),
                     MC_OK);
    ck_assert_uint_eq(got, 0);
    ck_assert_int_eq(mc_http_body_read(request, request->body_length + 1, buf, 1, &got, &e),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_http_body_read(request, -1, buf, 1, &got, &e), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_http_body_read(request, 0, NULL, 1, &got, &e), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_http_body_read(request, 0, NULL, 0, &got, &e), MC_OK);
    mc_http_request no_body = *request;
    no_body.body_length = -1;
    ck_assert_int_eq(mc_http_body_read(&no_body, 0, buf, 1, &got, &e), MC_ERR_INVALID_ARG);
    /* The answer's edges. */
    ck_assert_int_eq(mc_http_response_set_status(response, 99, &e), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_http_response_set_status(response, 600, &e), MC_ERR_INVALID_ARG);
    static char huge[9000];
    memset(huge, 'a', sizeof huge - 1);
    ck_assert_int_eq(mc_http_response_add_header(response, "RETRY-AFTER", huge, &e),
                     MC_ERR_NETWORK);
    ck_assert_int_eq(mc_http_response_add_header(response, "X-Big-Cookie", huge, &e), MC_OK);
    ck_assert_int_eq(mc_http_response_add_header(response, "retry-after", "3", &e), MC_OK);
    ck_assert_int_eq(mc_http_response_set_status(response, 503, &e), MC_OK);
    ck_assert_int_eq(mc_http_response_append_body(response, NULL, 0, &e), MC_OK);
    ck_assert_int_eq(mc_http_response_append_body(response, NULL, 1, &e), MC_ERR_INVALID_ARG);
    (*checks)++;
    (void)err;
    return MC_OK;
}

START_TEST(test_the_functions_a_transport_calls)
{
    char *d = tempdir_new();
    int checks = 0;
    mc_transport t = {.context = &checks, .send = probing_send};
    mc_client *c = must_open(d, "http://127.0.0.1:9", &t);
    mc_otp_request req;
    mc_error e = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_request_otp(c, MEMBER, &req, &e), MC_ERR_SERVER);
    ck_assert_int_eq(e.http_status, 503);
    ck_assert_int_eq(e.retry_after_s, 3);
    ck_assert_int_eq(checks, 1);
    mc_client_free(c);
    tempdir_free(d);
}
END_TEST

static Suite *transport_suite(void)
{
    Suite *s = suite_create("transport");
    TCase *tc = tcase_create("transport");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_a_members_journey_through_a_host_transport);
    tcase_add_test(tc, test_refusals_read_as_before);
    tcase_add_test(tc, test_every_transport_outcome_reaches_the_member);
    tcase_add_test(tc, test_a_foreign_token_is_probed_with_a_bare_head);
    tcase_add_test(tc, test_open_refuses_bad_transports_and_releases_them);
    tcase_add_test(tc, test_close_cancels_a_request_blocked_in_the_host_transport);
    tcase_add_test(tc, test_close_cancels_the_sync_threads_request);
    tcase_add_test(tc, test_close_cancels_a_request_of_the_built_in_transport);
    tcase_add_test(tc, test_the_built_in_transport_reuses_its_connection);
    tcase_add_test(tc, test_the_built_in_transport_serves_threads_at_once);
    tcase_add_test(tc, test_the_functions_a_transport_calls);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(transport_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed == 0 ? 0 : 1;
}
