/*
 * tests/bench/bench_http.c - small sequential requests through the built-in transport, which
 * keeps its connection (and TLS session) across calls, against a fresh connection per request.
 *
 * Plain: 200 GET /v1/health to a real memberstub on loopback through the client's transport
 * (mci_http_call: the request built, sent, its JSON answer parsed), against the raw limit of a
 * fresh connection per request measured in the same run: a new libcurl handle per request (TCP
 * connect, request, answer, close). In 20 interleaved pairs of 10 requests each (fresh, then
 * reused, ...); the median of the pairs' ratios reused / fresh is printed.
 * TLS (when tests/integration/recording_server.py and the openssl CLI are there): the same
 * over https to that server with a certificate made here, 10 pairs of 10: a fresh connection
 * pays a full handshake each time.
 * Targets: reused / fresh <= 0.8 (plain) and <= 0.5 (TLS); gates (well under the targets: a
 * reused connection must at least not be slower than a fresh one): fails when a median
 * ratio > 1.5.
 */
#define RATIO_CEILING 1.5
#define PER_PAIR      10
#define PLAIN_PAIRS   20
#define TLS_PAIRS     10

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "handle/handle.h"
#include "net/http.h"
#include "stub_process.h"
#include "tempdir.h"

static void die(const char *what)
{
    fprintf(stderr, "bench_http: %s\n", what);
    exit(2);
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr;
    (void)userdata;
    return size * nmemb;
}

/* n GETs of url, each with a new libcurl handle (a new connection); ms taken. */
static double fresh_requests(const char *url, const char *ca_file, int n)
{
    double t0 = bench_now_ms();
    for (int i = 0; i < n; i++) {
        CURL *curl = curl_easy_init();
        if (curl == NULL)
            die("curl_easy_init");
        struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
        curl_easy_setopt(curl, CURLOPT_URL, url);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
        if (ca_file != NULL)
            curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
        CURLcode rc = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        if (rc != CURLE_OK || status != 200)
            die("a fresh request failed");
    }
    return bench_now_ms() - t0;
}

/* n GETs of path through the client's transport; ms taken. */
static double reused_requests(mc_client *c, const char *path, int n)
{
    double t0 = bench_now_ms();
    for (int i = 0; i < n; i++) {
        cJSON *json = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mci_http_call(&c->http, "GET", path, NULL, NULL, &json, &err) != MC_OK)
            bench_die("a request through the transport", &err);
        cJSON_Delete(json);
    }
    return bench_now_ms() - t0;
}

static mc_client *open_client(const char *dir, const char *url, const char *ca_file)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = url;
    cfg.tls_ca_file = ca_file;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_client_open(&cfg, &c, &err) != MC_OK)
        bench_die("open", &err);
    return c;
}

typedef struct result {
    double fresh_ms, reused_ms; /* totals */
    int requests;               /* per side */
    bench_ratio ratio;
} result;

/* pairs interleaved pairs (fresh, then reused) of PER_PAIR requests each. */
static result measure(mc_client *c, const char *base, const char *path, const char *ca_file,
                      int pairs)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", base, path);
    reused_requests(c, path, 2); /* warm: the connection made, as an app's would be */
    fresh_requests(url, ca_file, 2);
    double fresh[PLAIN_PAIRS], reused[PLAIN_PAIRS];
    result r = {.requests = pairs * PER_PAIR};
    for (int p = 0; p < pairs; p++) {
        fresh[p] = fresh_requests(url, ca_file, PER_PAIR);
        reused[p] = reused_requests(c, path, PER_PAIR);
        r.fresh_ms += fresh[p];
        r.reused_ms += reused[p];
    }
    r.ratio = bench_pair_ratio(reused, fresh, pairs);
    return r;
}

static void print(const char *what, const result *r, double target)
{
    char text[160];
    printf("%s: reused connection %.3f ms per request, fresh connection %.3f ms per request "
           "(%d sequential requests each)\n",
           what, r->reused_ms / r->requests, r->fresh_ms / r->requests, r->requests);
    printf("%s: ratio reused / fresh %s (target <= %.2f, fails > %.2f)\n", what,
           bench_ratio_text(&r->ratio, "pairs of 10 requests", text, sizeof text), target,
           RATIO_CEILING);
}

/* The TLS variant's server: recording_server.py over TLS with a certificate made here. */
typedef struct tls_server {
    pid_t pid;
    char url[64];
    char cert[512], key[512], record[512];
} tls_server;

static bool tls_server_start(const char *dir, tls_server *s)
{
    const char *script = getenv("RECORDING_SERVER");
    if (script == NULL || system("command -v openssl >/dev/null 2>&1") != 0)
        return false;
    snprintf(s->cert, sizeof s->cert, "%s/cert.pem", dir);
    snprintf(s->key, sizeof s->key, "%s/cert.key", dir);
    snprintf(s->record, sizeof s->record, "%s/requests.txt", dir);
    char command[2048];
    snprintf(command, sizeof command,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
             "-subj /CN=membercore-bench -addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s "
             "2>/dev/null",
             s->key, s->cert);
    if (system(command) != 0)
        return false;
    int out[2];
    if (pipe(out) != 0)
        return false;
    fflush(NULL);
    s->pid = fork();
    if (s->pid < 0)
        return false;
    if (s->pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execlp("python3", "python3", script, "--record", "/dev/null", "--cert", s->cert, "--key",
               s->key, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    FILE *from = fdopen(out[0], "r");
    int port = 0;
    bool ok = from != NULL && fscanf(from, "PORT %d", &port) == 1;
    if (from != NULL)
        fclose(from);
    snprintf(s->url, sizeof s->url, "https://127.0.0.1:%d", port);
    return ok;
}

static void tls_server_stop(tls_server *s)
{
    kill(s->pid, SIGTERM);
    int status = 0;
    waitpid(s->pid, &status, 0);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    stub_process *stub = stub_start_args(false, NULL, "/dev/null");
    if (stub == NULL)
        die("memberstub did not start");
    char *dir = tempdir_new();
    mc_client *c = open_client(dir, stub_url(stub), NULL);
    result plain = measure(c, stub_url(stub), "/v1/health", NULL, PLAIN_PAIRS);
    mc_client_free(c);
    tempdir_free(dir);
    if (stub_stop(stub) != 0)
        die("memberstub did not stop cleanly");
    print("plain http to memberstub", &plain, 0.8);
    int ok = plain.ratio.median <= RATIO_CEILING;

    char *tls_dir = tempdir_new();
    tls_server server;
    if (tls_server_start(tls_dir, &server)) {
        char *data = tempdir_new();
        c = open_client(data, server.url, server.cert);
        result tls = measure(c, server.url, "/v1/health", server.cert, TLS_PAIRS);
        mc_client_free(c);
        tempdir_free(data);
        tls_server_stop(&server);
        print("https to recording_server.py", &tls, 0.5);
        ok = ok && tls.ratio.median <= RATIO_CEILING;
    } else {
        printf("https: not measured (no openssl CLI or RECORDING_SERVER)\n");
    }
    tempdir_free(tls_dir);
    curl_global_cleanup();
    printf("%s\n", ok ? "bench_http: within targets" : "bench_http: OUTSIDE TARGETS");
    return ok ? 0 : 1;
}
