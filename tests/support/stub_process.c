/* tests/support/stub_process.c - run a real memberstub for a test and talk to it. */
#include "stub_process.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "tempdir.h"

#define START_TIMEOUT_MS 10000
#define STOP_TIMEOUT_MS  10000
#define POLL_MS          10

struct stub_process {
    pid_t pid;
    char *dir;
    int port;
    char url[64];
};

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The port in path, or 0 while the file is absent or incomplete. */
static int read_port(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int port = 0;
    if (fscanf(f, "%d", &port) != 1)
        port = 0;
    fclose(f);
    return port > 0 && port < 65536 ? port : 0;
}

/* Exit status as a shell reports it: the code, or 128 + the signal. */
static int exit_status(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    return -1;
}

stub_process *stub_start(bool test_mode)
{
    return stub_start_args(test_mode, NULL, NULL);
}

stub_process *stub_start_at(int64_t now_ms, const char *const *extra_args, const char *log_path)
{
    char clock[32];
    snprintf(clock, sizeof clock, "%" PRId64, now_ms);
    const char *args[64] = {"--clock-ms", clock};
    int n = 2;
    for (int i = 0; extra_args && extra_args[i] && n < 63; i++)
        args[n++] = extra_args[i];
    args[n] = NULL;
    return stub_start_args(true, args, log_path);
}

stub_process *stub_start_args(bool test_mode, const char *const *extra_args, const char *log_path)
{
    const char *exe = getenv("MEMBERSTUB");
    if (!exe || !exe[0]) {
        fprintf(stderr, "stub_start: MEMBERSTUB is not set; point it at the memberstub binary "
                        "(meson test sets it)\n");
        abort();
    }
    pthread_once(&curl_once, curl_init_once);

    stub_process *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "stub_start: out of memory\n");
        return NULL;
    }
    s->dir = tempdir_new();
    char *db = tempdir_path(s->dir, "stub.db");
    char *port_file = tempdir_path(s->dir, "port");

    fflush(NULL);
    pid_t parent = getpid();
    s->pid = fork();
    if (s->pid == 0) {
#ifdef __linux__
        /* If the test dies without stub_stop (a failed assertion), the stub goes too. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
#endif
        if (log_path && !freopen(log_path, "w", stderr))
            _exit(127);
        if (!test_mode) {
            /* Outside test mode memberstub needs secrets of its own (not the published test
             * ones): these, unless the test's environment or a --secrets-file gives others. */
            setenv("MEMBERSTUB_RAZORPAY_KEY_SECRET", "stub_process_key_secret", 0);
            setenv("MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET", "stub_process_webhook_secret", 0);
            setenv("MEMBERSTUB_OTP_PEPPER", "stub_process_otp_pepper_0123456789abcdef", 0);
        }
        const char *argv[64] = {exe, "--db", db, "--port", "0", "--port-file", port_file};
        int argc = 7;
        if (test_mode)
            argv[argc++] = "--test-mode";
        for (int i = 0; extra_args && extra_args[i] && argc < 63; i++)
            argv[argc++] = extra_args[i];
        argv[argc] = NULL;
        execv(exe, (char *const *)argv);
        fprintf(stderr, "stub_start: cannot run %s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    free(db);
    if (s->pid < 0) {
        fprintf(stderr, "stub_start: fork: %s\n", strerror(errno));
        free(port_file);
        tempdir_free(s->dir);
        free(s);
        return NULL;
    }

    for (int waited = 0; waited < START_TIMEOUT_MS; waited += POLL_MS) {
        s->port = read_port(port_file);
        if (s->port)
            break;
        int wstatus;
        if (waitpid(s->pid, &wstatus, WNOHANG) == s->pid) {
            fprintf(stderr, "stub_start: memberstub exited with status %d before listening\n",
                    exit_status(wstatus));
            s->pid = -1;
            break;
        }
        sleep_ms(POLL_MS);
    }
    free(port_file);
    if (!s->port) {
        if (s->pid > 0)
            fprintf(stderr, "stub_start: memberstub wrote no port file within %d s\n",
                    START_TIMEOUT_MS / 1000);
        stub_stop(s);
        return NULL;
    }
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", s->port);
    return s;
}

const char *stub_dir(const stub_process *s)
{
    return s->dir;
}

const char *stub_url(const stub_process *s)
{
    return s->url;
}

int stub_port(const stub_process *s)
{
    return s->port;
}

int stub_stop(stub_process *s)
{
    if (!s)
        return 0;
    int status = 0;
    if (s->pid > 0) {
        int wstatus = 0;
        pid_t done = 0;
        kill(s->pid, SIGTERM);
        for (int waited = 0; waited < STOP_TIMEOUT_MS; waited += POLL_MS) {
            done = waitpid(s->pid, &wstatus, WNOHANG);
            if (done != 0)
                break;
            sleep_ms(POLL_MS);
        }
        if (done == 0) {
            fprintf(stderr, "stub_stop: memberstub ignored SIGTERM for %d s; killing it\n",
                    STOP_TIMEOUT_MS / 1000);
            kill(s->pid, SIGKILL);
            done = waitpid(s->pid, &wstatus, 0);
        }
        status = done == s->pid ? exit_status(wstatus) : -1;
    }
    tempdir_free(s->dir);
    free(s);
    return status;
}

typedef struct buffer {
    char *data;
    size_t len;
} buffer;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    buffer *b = userdata;
    size_t n = size * nmemb;
    char *grown = realloc(b->data, b->len + n + 1);
    if (!grown)
        return 0;
    memcpy(grown + b->len, ptr, n);
    b->len += n;
    grown[b->len] = '\0';
    b->data = grown;
    return n;
}

/* A response header to capture: name (case-insensitive) and where its value goes. */
typedef struct header_capture {
    const char *name;
    char *value;
    size_t cap;
} header_capture;

static size_t on_header(char *line, size_t size, size_t nitems, void *userdata)
{
    header_capture *h = userdata;
    size_t len = size * nitems, want = strlen(h->name);
    if (len > want && strncasecmp(line, h->name, want) == 0 && line[want] == ':') {
        const char *v = line + want + 1;
        while (v < line + len && *v == ' ')
            v++;
        size_t vlen = (size_t)(line + len - v);
        while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n'))
            vlen--;
        snprintf(h->value, h->cap, "%.*s", (int)vlen, v);
    }
    return len;
}

static int request(const stub_process *s, const char *method, const char *path,
                   const char *json_body, const char *bearer, const char *const *extra_headers,
                   char **body_out, header_capture *capture)
{
    if (body_out)
        *body_out = NULL;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    size_t url_len = strlen(s->url) + strlen(path) + 1;
    char *url = malloc(url_len);
    char *auth = NULL;
    struct curl_slist *headers = NULL;
    buffer answer = {NULL, 0};
    int status = -1;
    if (!url)
        goto out;
    snprintf(url, url_len, "%s%s", s->url, path);

    /* No "Expect: 100-continue" round trip for large bodies. */
    headers = curl_slist_append(headers, "Expect:");
    if (json_body)
        headers = curl_slist_append(headers, "Content-Type: application/json");
    if (bearer) {
        size_t n = strlen(bearer) + 32;
        auth = malloc(n);
        if (!auth)
            goto out;
        snprintf(auth, n, "Authorization: Bearer %s", bearer);
        headers = curl_slist_append(headers, auth);
    }
    for (size_t i = 0; extra_headers && extra_headers[i]; i++)
        headers = curl_slist_append(headers, extra_headers[i]);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (json_body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(json_body));
    } else if (strcmp(method, "GET") != 0) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    if (capture) {
        capture->value[0] = '\0';
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, capture);
    }
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK) {
        fprintf(stderr, "stub_request: %s %s: %s\n", method, path, curl_easy_strerror(rc));
        goto out;
    }
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    status = (int)code;
    if (body_out) {
        *body_out = answer.data ? answer.data : calloc(1, 1);
        answer.data = NULL;
    }
out:
    free(answer.data);
    curl_slist_free_all(headers);
    free(auth);
    free(url);
    curl_easy_cleanup(curl);
    return status;
}

int stub_request(const stub_process *s, const char *method, const char *path, const char *json_body,
                 const char *bearer, char **body_out)
{
    return request(s, method, path, json_body, bearer, NULL, body_out, NULL);
}

int stub_request_headers(const stub_process *s, const char *method, const char *path,
                         const char *body, const char *const *headers, char **body_out)
{
    return request(s, method, path, body, NULL, headers, body_out, NULL);
}

int stub_request_header(const stub_process *s, const char *method, const char *path,
                        const char *json_body, const char *bearer, char **body_out,
                        const char *header, char *value, size_t cap)
{
    header_capture capture = {header, value, cap};
    return request(s, method, path, json_body, bearer, NULL, body_out, &capture);
}

/* POST /v1/test/clock with body; 0 when the server answered 200. */
static int post_clock(const stub_process *s, const char *field, int64_t value)
{
    char body[96];
    snprintf(body, sizeof body, "{\"%s\": %" PRId64 "}", field, value);
    return stub_request(s, "POST", "/v1/test/clock", body, NULL, NULL) == 200 ? 0 : -1;
}

int stub_set_clock(const stub_process *s, int64_t now_ms)
{
    return post_clock(s, "now_ms", now_ms);
}

int stub_advance_clock(const stub_process *s, int64_t delta_ms)
{
    return post_clock(s, "advance_ms", delta_ms);
}

int stub_latest_otp(const stub_process *s, const char *phone, char code[7])
{
    /* Percent-encode everything but digits (the '+' above all). */
    char path[128];
    size_t used = (size_t)snprintf(path, sizeof path, "/v1/test/sms/latest?phone=");
    for (const char *p = phone; *p && used + 4 < sizeof path; p++) {
        if (*p >= '0' && *p <= '9')
            path[used++] = *p;
        else
            used += (size_t)snprintf(path + used, sizeof path - used, "%%%02X", (unsigned char)*p);
    }
    path[used] = '\0';

    char *body = NULL;
    int rc = -1;
    if (stub_request(s, "GET", path, NULL, NULL, &body) == 200) {
        cJSON *json = cJSON_Parse(body);
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(json, "code");
        if (cJSON_IsString(c) && strlen(c->valuestring) == 6) {
            memcpy(code, c->valuestring, 7);
            rc = 0;
        }
        cJSON_Delete(json);
    }
    free(body);
    return rc;
}

int stub_sign_in(const stub_process *s, const char *phone, char *token, size_t cap)
{
    char body[128], code[7];
    snprintf(body, sizeof body, "{\"phone\": \"%s\"}", phone);
    if (stub_request(s, "POST", "/v1/auth/otp/request", body, NULL, NULL) != 200 ||
        stub_latest_otp(s, phone, code) != 0)
        return -1;
    snprintf(body, sizeof body, "{\"phone\": \"%s\", \"code\": \"%s\"}", phone, code);
    char *answer = NULL;
    int rc = -1;
    if (stub_request(s, "POST", "/v1/auth/otp/verify", body, NULL, &answer) == 200) {
        cJSON *json = cJSON_Parse(answer);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(json, "token");
        if (cJSON_IsString(t) && strlen(t->valuestring) < cap) {
            memcpy(token, t->valuestring, strlen(t->valuestring) + 1);
            rc = 0;
        }
        cJSON_Delete(json);
    }
    free(answer);
    return rc;
}
