/* net/curl_transport.c - the built-in mc_transport over libcurl: TLS verified (CA file, pins),
 * connections kept per easy handle in a small pool, TLS sessions and DNS shared between them,
 * cancellation that wakes a blocked transfer at once. */
#include "net/transport.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/error.h"
#include "util/strutil.h"

/* Idle handles kept (each with its connection): enough for the sync thread and a few app
 * threads at once. */
#define POOL_MAX 4

/* One easy handle driven by its own multi handle: the multi keeps the handle's connections
 * between requests and can be woken from another thread (cancel). */
typedef struct slot {
    CURLM *multi;
    CURL *easy;
    struct slot *next;
} slot;

/* A request being sent, findable by id for cancel(). */
typedef struct running {
    uint64_t id;
    slot *slot;
    atomic_bool cancelled;
    struct running *next;
} running;

typedef struct curl_transport {
    char *pinned_keys;
    char *ca_file;
    CURLSH *share;
    pthread_mutex_t share_locks[CURL_LOCK_DATA_LAST];
    pthread_mutex_t lock; /* idle, nidle, running */
    slot *idle;
    int nidle;
    running *running;
} curl_transport;

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *userptr)
{
    (void)handle;
    (void)access;
    curl_transport *t = userptr;
    pthread_mutex_lock(&t->share_locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *userptr)
{
    (void)handle;
    curl_transport *t = userptr;
    pthread_mutex_unlock(&t->share_locks[data]);
}

static void slot_free(slot *s)
{
    if (s == NULL)
        return;
    if (s->easy != NULL)
        curl_easy_cleanup(s->easy);
    if (s->multi != NULL)
        curl_multi_cleanup(s->multi);
    free(s);
}

/* An idle slot (with its live connection), or a new one; NULL without memory. fresh: a new
 * one that will not be pooled (the connect-only probe). */
static slot *slot_take(curl_transport *t, bool fresh)
{
    slot *s = NULL;
    if (!fresh) {
        pthread_mutex_lock(&t->lock);
        s = t->idle;
        if (s != NULL) {
            t->idle = s->next;
            t->nidle--;
        }
        pthread_mutex_unlock(&t->lock);
        if (s != NULL)
            return s;
    }
    s = calloc(1, sizeof *s);
    if (s == NULL || (s->multi = curl_multi_init()) == NULL ||
        (s->easy = curl_easy_init()) == NULL) {
        slot_free(s);
        return NULL;
    }
    return s;
}

static void slot_give_back(curl_transport *t, slot *s, bool keep)
{
    pthread_mutex_lock(&t->lock);
    if (keep && t->nidle < POOL_MAX) {
        s->next = t->idle;
        t->idle = s;
        t->nidle++;
        s = NULL;
    }
    pthread_mutex_unlock(&t->lock);
    slot_free(s);
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

/* What the callbacks of one transfer share. */
typedef struct transfer {
    const mc_http_request *request;
    mc_http_response *response;
    running *run;
    int64_t sent;     /* body bytes handed to libcurl */
    mc_status failed; /* a callback's error (body too large, file unreadable), or MC_OK */
    mc_error failure;
} transfer;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    transfer *x = userdata;
    size_t n = size * nmemb;
    mc_status st = mc_http_response_append_body(x->response, ptr, n, &x->failure);
    if (st != MC_OK) {
        x->failed = st;
        return 0;
    }
    return n;
}

/* "Name: value\r\n" lines of the answer; a status line starts the headers of a new answer
 * (after a 100 Continue). */
static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    transfer *x = userdata;
    size_t n = size * nmemb;
    if (n >= 5 && strncmp(ptr, "HTTP/", 5) == 0) {
        for (int i = 0; i < MCI_HDR_COUNT; i++) {
            free(x->response->headers[i]);
            x->response->headers[i] = NULL;
        }
        return n;
    }
    const char *colon = memchr(ptr, ':', n);
    if (colon == NULL || colon == ptr || colon - ptr >= 64)
        return n;
    char name[64];
    memcpy(name, ptr, (size_t)(colon - ptr));
    name[colon - ptr] = '\0';
    const char *v = colon + 1, *end = ptr + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t vlen = (size_t)(end - v);
    char *value = malloc(vlen + 1);
    if (value == NULL) {
        x->failed =
            mci_error_set(&x->failure, MC_ERR_NO_MEMORY, "out of memory reading the answer");
        return 0;
    }
    memcpy(value, v, vlen);
    value[vlen] = '\0';
    mc_status st = mc_http_response_add_header(x->response, name, value, &x->failure);
    free(value);
    if (st != MC_OK) {
        x->failed = st;
        return 0;
    }
    return n;
}

/* libcurl asks for the next piece of a streamed body: read straight into its buffer. */
static size_t on_read(char *into, size_t size, size_t nitems, void *userdata)
{
    transfer *x = userdata;
    size_t got = 0;
    mc_status st = mc_http_body_read(x->request, x->sent, into, size * nitems, &got, &x->failure);
    if (st != MC_OK) {
        x->failed = st;
        return CURL_READFUNC_ABORT;
    }
    x->sent += (int64_t)got;
    return got;
}

/* libcurl rewinds a body it must send again. */
static int on_seek(void *userdata, curl_off_t offset, int origin)
{
    transfer *x = userdata;
    if (origin != SEEK_SET || offset < 0 || offset > x->request->body_length)
        return CURL_SEEKFUNC_CANTSEEK;
    x->sent = offset;
    return CURL_SEEKFUNC_OK;
}

static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    transfer *x = userdata;
    return atomic_load(&x->run->cancelled) ? 1 : 0;
}

/* The request's options on a reset easy handle: connection, TLS (never unverified, whatever
 * libcurl's defaults: docs/security.md, Transport), headers, body, time limits. */
static mc_status set_options(curl_transport *t, CURL *curl, transfer *x,
                             struct curl_slist **headers, mc_error *err)
{
    const mc_http_request *r = x->request;
    curl_easy_setopt(curl, CURLOPT_SHARE, t->share);
    curl_easy_setopt(curl, CURLOPT_URL, r->url);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)r->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if ((t->ca_file != NULL && curl_easy_setopt(curl, CURLOPT_CAINFO, t->ca_file) != CURLE_OK) ||
        (t->pinned_keys != NULL &&
         curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, t->pinned_keys) != CURLE_OK))
        return mci_error_set(err, MC_ERR_TLS,
                             "this libcurl cannot apply config.tls_pins or tls_ca_file: nothing "
                             "was sent");
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, x);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)r->request_timeout_ms);
    const mci_request_private *priv = r->core_private;
    if (priv != NULL && priv->connect_only) {
        curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
        return MC_OK;
    }

    for (size_t i = 0; i < r->header_count; i++) {
        char line[1024];
        int n = snprintf(line, sizeof line, "%s: %s", r->headers[i].name, r->headers[i].value);
        struct curl_slist *more =
            n > 0 && (size_t)n < sizeof line ? curl_slist_append(*headers, line) : NULL;
        if (more == NULL)
            return mci_error_set(
                err, n > 0 && (size_t)n >= sizeof line ? MC_ERR_INVALID_ARG : MC_ERR_NO_MEMORY,
                "cannot prepare the request's %s header", r->headers[i].name);
        *headers = more;
    }
    /* No "Expect: 100-continue" round trip for bodies over 1 KiB. */
    struct curl_slist *more = curl_slist_append(*headers, "Expect:");
    if (more == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    *headers = more;
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, *headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, x);

    if (r->body_length >= 0 && r->body != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_length);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, (const char *)r->body);
    } else if (r->body_length >= 0) {
        if (r->request_timeout_ms == 0 && r->stall_timeout_ms > 0) {
            /* A stall limit instead of a total: give up only when under 1 KiB/s for that
             * long (a slow link still gets a chunk through). */
            long stall_s = r->stall_timeout_ms >= 1000 ? r->stall_timeout_ms / 1000 : 1;
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, stall_s);
        }
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, x);
        curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, on_seek);
        curl_easy_setopt(curl, CURLOPT_SEEKDATA, x);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)r->body_length);
    } else if (strcmp(r->method, "HEAD") == 0) {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (strcmp(r->method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    /* After the body options: CURLOPT_UPLOAD would otherwise make it a PUT. */
    if (strcmp(r->method, "HEAD") != 0)
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, r->method);
    return MC_OK;
}

/* Run the transfer on s until done or cancelled: its CURLcode. */
static CURLcode drive(slot *s, running *run)
{
    CURLcode rc = CURLE_OK;
    if (curl_multi_add_handle(s->multi, s->easy) != CURLM_OK)
        return CURLE_OUT_OF_MEMORY;
    for (;;) {
        int still = 0;
        CURLMcode mc = curl_multi_perform(s->multi, &still);
        if (mc != CURLM_OK) {
            rc = CURLE_OUT_OF_MEMORY;
            break;
        }
        if (!still) {
            int left = 0;
            CURLMsg *msg = curl_multi_info_read(s->multi, &left);
            rc = msg != NULL && msg->msg == CURLMSG_DONE ? msg->data.result : CURLE_RECV_ERROR;
            break;
        }
        if (atomic_load(&run->cancelled)) {
            rc = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        /* Waits for the sockets, libcurl's own timers (capped at 1 s) or a wakeup (cancel). */
        if (curl_multi_poll(s->multi, NULL, 0, 1000, NULL) != CURLM_OK) {
            rc = CURLE_RECV_ERROR;
            break;
        }
    }
    curl_multi_remove_handle(s->multi, s->easy);
    return rc;
}

static mc_status curl_send(void *context, const mc_http_request *request,
                           mc_http_response *response, mc_error *err)
{
    curl_transport *t = context;
    const mci_request_private *priv = request->core_private;
    bool connect_only = priv != NULL && priv->connect_only;
    slot *s = slot_take(t, connect_only);
    running *run = calloc(1, sizeof *run);
    if (s == NULL || run == NULL) {
        slot_free(s);
        free(run);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory preparing a request");
    }
    run->id = request->id;
    run->slot = s;
    atomic_init(&run->cancelled, false);
    pthread_mutex_lock(&t->lock);
    run->next = t->running;
    t->running = run;
    pthread_mutex_unlock(&t->lock);

    transfer x = {.request = request,
                  .response = response,
                  .run = run,
                  .failed = MC_OK,
                  .failure = MC_ERROR_INIT};
    struct curl_slist *headers = NULL;
    curl_easy_reset(s->easy);
    mc_status st = set_options(t, s->easy, &x, &headers, err);
    CURLcode rc = CURLE_OK;
    if (st == MC_OK)
        rc = drive(s, run);
    bool cancelled = atomic_load(&run->cancelled);

    pthread_mutex_lock(&t->lock);
    for (running **p = &t->running; *p != NULL; p = &(*p)->next)
        if (*p == run) {
            *p = run->next;
            break;
        }
    pthread_mutex_unlock(&t->lock);

    if (st != MC_OK) {
        /* options refused: nothing was sent */
    } else if (cancelled) {
        st = mci_error_set(err, MC_ERR_CANCELLED, "the request to %s was cancelled", request->url);
    } else if (x.failed != MC_OK) {
        st = x.failed;
        if (err != NULL)
            *err = x.failure;
    } else if (rc != CURLE_OK) {
        st = transport_error(s->easy, rc, request->url, err);
    } else if (!connect_only) {
        long status = 0;
        curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &status);
        st = mc_http_response_set_status(response, (int)status, err);
        if (st != MC_OK)
            st = mci_error_set(err, MC_ERR_NETWORK, "the server's answer has no HTTP status (%s)",
                               request->url);
    }
    curl_slist_free_all(headers);
    /* A cancelled or broken transfer's connection went with it; a good one stays for the next
     * request. */
    slot_give_back(t, s, !connect_only && st == MC_OK);
    free(run);
    return st;
}

static void curl_cancel(void *context, uint64_t request_id)
{
    curl_transport *t = context;
    pthread_mutex_lock(&t->lock);
    for (running *r = t->running; r != NULL; r = r->next)
        if (r->id == request_id) {
            atomic_store(&r->cancelled, true);
            curl_multi_wakeup(r->slot->multi);
        }
    pthread_mutex_unlock(&t->lock);
}

static void curl_release(void *context)
{
    curl_transport *t = context;
    if (t == NULL)
        return;
    while (t->idle != NULL) {
        slot *s = t->idle;
        t->idle = s->next;
        slot_free(s);
    }
    if (t->share != NULL)
        curl_share_cleanup(t->share);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_destroy(&t->share_locks[i]);
    pthread_mutex_destroy(&t->lock);
    free(t->pinned_keys);
    free(t->ca_file);
    free(t);
}

mc_status mci_curl_transport_new(const char *pinned_keys, const char *ca_file, mc_transport *out,
                                 mc_error *err)
{
    memset(out, 0, sizeof *out);
    curl_transport *t = calloc(1, sizeof *t);
    if (t == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client");
    pthread_mutex_init(&t->lock, NULL);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_init(&t->share_locks[i], NULL);
    bool ok = (pinned_keys == NULL || (t->pinned_keys = mci_strdup(pinned_keys)) != NULL) &&
              (ca_file == NULL || (t->ca_file = mci_strdup(ca_file)) != NULL) &&
              (t->share = curl_share_init()) != NULL;
    if (ok)
        ok = curl_share_setopt(t->share, CURLSHOPT_LOCKFUNC, share_lock) == CURLSHE_OK &&
             curl_share_setopt(t->share, CURLSHOPT_UNLOCKFUNC, share_unlock) == CURLSHE_OK &&
             curl_share_setopt(t->share, CURLSHOPT_USERDATA, t) == CURLSHE_OK &&
             curl_share_setopt(t->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) == CURLSHE_OK &&
             curl_share_setopt(t->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) == CURLSHE_OK;
    if (!ok) {
        curl_release(t);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "cannot set up libcurl for the client");
    }
    out->context = t;
    out->send = curl_send;
    out->cancel = curl_cancel;
    out->release = curl_release;
    return MC_OK;
}
