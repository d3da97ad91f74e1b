/* main.c - memberstub's entry point: arguments, start-up, signals and a clean shutdown. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/app.h"
#include "db/db.h"
#include "domain/seed.h"
#include "http/http.h"
#include "base/log.h"
#include "routes/routes.h"

typedef struct options {
    const char *db_path;
    long port; /* -1 when not given */
    const char *port_file;
    bool test_mode;
    bool clock_set;
    int64_t clock_ms; /* --clock-ms */
    bool list_routes;
    const char *razorpay_key_id;
    const char *razorpay_key_secret;
    const char *razorpay_webhook_secret;
} options;

static void usage(FILE *out)
{
    fprintf(out, "usage: memberstub --db PATH --port N [--port-file FILE] [--test-mode]\n"
                 "                  [--clock-ms MS] [--razorpay-key-id ID]\n"
                 "                  [--razorpay-key-secret SECRET]\n"
                 "                  [--razorpay-webhook-secret SECRET]\n"
                 "       memberstub --list-routes | --help\n"
                 "\n"
                 "The membercore stub API server (contract: server-stub/openapi.yaml).\n"
                 "  --db PATH         SQLite database; created and seeded on first start\n"
                 "  --port N          port on 127.0.0.1 (0 picks a free one)\n"
                 "  --port-file FILE  write the port listened on to FILE once serving\n"
                 "  --test-mode       also serve /v1/test/... (SMS outbox, clock, sync faults,\n"
                 "                    Razorpay checkout and webhook calls, emails, the door)\n"
                 "  --clock-ms MS     with --test-mode: the server clock starts frozen at MS\n"
                 "                    (ms since the epoch, UTC), so a new database's seed is\n"
                 "                    dated from it (POST /v1/test/clock moves it later)\n"
                 "  --razorpay-key-id ID          the Razorpay key id sent with orders\n"
                 "                                (default " MS_RAZORPAY_KEY_ID_DEFAULT ")\n"
                 "  --razorpay-key-secret SECRET  the key secret payments are signed with\n"
                 "                                (default: a fixed test secret; never logged)\n"
                 "  --razorpay-webhook-secret SECRET  the secret webhook calls are signed with\n"
                 "                                (default: a fixed test secret; never logged)\n"
                 "  --list-routes     print every route as 'METHOD PATH' and exit\n"
                 "SIGTERM or SIGINT stops the server cleanly (exit status 0).\n");
}

/* A key id or secret: 1 to max bytes, no spaces or control characters. */
static bool key_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] == 0x7F)
            return false;
    return n > 0 && n <= max;
}

/* -1 to go on serving, otherwise the exit status. */
static int parse_args(int argc, char **argv, options *opt)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"port", required_argument, NULL, 'p'},
        {"port-file", required_argument, NULL, 'f'},
        {"test-mode", no_argument, NULL, 't'},
        {"clock-ms", required_argument, NULL, 'c'},
        {"list-routes", no_argument, NULL, 'l'},
        {"razorpay-key-id", required_argument, NULL, 'k'},
        {"razorpay-key-secret", required_argument, NULL, 's'},
        {"razorpay-webhook-secret", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(opt, 0, sizeof *opt);
    opt->port = -1;
    opt->razorpay_key_id = MS_RAZORPAY_KEY_ID_DEFAULT;
    opt->razorpay_key_secret = MS_RAZORPAY_KEY_SECRET_DEFAULT;
    opt->razorpay_webhook_secret = MS_RAZORPAY_WEBHOOK_SECRET_DEFAULT;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            opt->db_path = optarg;
            break;
        case 'p': {
            char *end;
            errno = 0;
            opt->port = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || opt->port < 0 || opt->port > 65535) {
                fprintf(stderr, "memberstub: --port must be a number from 0 to 65535\n");
                return 2;
            }
            break;
        }
        case 'f':
            opt->port_file = optarg;
            break;
        case 't':
            opt->test_mode = true;
            break;
        case 'c': {
            char *end;
            errno = 0;
            long long v = strtoll(optarg, &end, 10);
            if (errno || end == optarg || *end || v < 0 || v > MS_CLOCK_MAX_MS) {
                fprintf(stderr,
                        "memberstub: --clock-ms must be a number of milliseconds from 0"
                        " to %lld\n",
                        (long long)MS_CLOCK_MAX_MS);
                return 2;
            }
            opt->clock_set = true;
            opt->clock_ms = v;
            break;
        }
        case 'l':
            opt->list_routes = true;
            break;
        case 'k':
            opt->razorpay_key_id = optarg;
            if (!key_ok(optarg, 64)) {
                fprintf(stderr, "memberstub: --razorpay-key-id must be 1 to 64 bytes without"
                                " spaces or control characters\n");
                return 2;
            }
            break;
        case 's':
            opt->razorpay_key_secret = optarg;
            if (!key_ok(optarg, 256)) {
                fprintf(stderr, "memberstub: --razorpay-key-secret must be 1 to 256 bytes"
                                " without spaces or control characters\n");
                return 2;
            }
            break;
        case 'w':
            opt->razorpay_webhook_secret = optarg;
            if (!key_ok(optarg, 256)) {
                fprintf(stderr, "memberstub: --razorpay-webhook-secret must be 1 to 256 bytes"
                                " without spaces or control characters\n");
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "memberstub: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (opt->list_routes) {
        ms_routes_print(stdout);
        return 0;
    }
    if (opt->clock_set && !opt->test_mode) {
        fprintf(stderr, "memberstub: --clock-ms needs --test-mode\n");
        return 2;
    }
    if (!opt->db_path || opt->port < 0) {
        fprintf(stderr, "memberstub: --db and --port are required\n");
        usage(stderr);
        return 2;
    }
    return -1;
}

/* Write port to path atomically (a temporary file renamed over it). 0 / -1. */
static int write_port_file(const char *path, unsigned port)
{
    size_t len = strlen(path) + 32;
    char *tmp = malloc(len);
    if (!tmp)
        return -1;
    snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int rc = -1;
    if (f) {
        bool written = fprintf(f, "%u\n", port) > 0;
        if (fclose(f) == 0 && written && rename(tmp, path) == 0)
            rc = 0;
        else
            remove(tmp);
    }
    if (rc != 0)
        ms_log("cannot write the port file %s: %s", path, strerror(errno));
    free(tmp);
    return rc;
}

int main(int argc, char **argv)
{
    options opt;
    int status = parse_args(argc, argv, &opt);
    if (status >= 0)
        return status;

    /* Block the stop signals in every thread (MHD's inherit this mask); main waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    ms_app app;
    memset(&app, 0, sizeof app);
    app.test_mode = opt.test_mode;
    app.razorpay_key_id = opt.razorpay_key_id;
    app.razorpay_key_secret = opt.razorpay_key_secret;
    app.razorpay_webhook_secret = opt.razorpay_webhook_secret;
    pthread_mutex_init(&app.db_lock, NULL);
    ms_clock_init(&app.clock);
    if (opt.clock_set)
        ms_clock_set(&app.clock, opt.clock_ms);
    ms_faults_init(&app.faults);
    ms_http *http = NULL;
    status = 1;

    app.rng = ms_rng_new();
    if (!app.rng) {
        ms_log("cannot seed the random generator");
        goto out;
    }
    if (ms_db_open(opt.db_path, app.rng, ms_seed_step, ms_clock_now(&app.clock), &app.db) != 0 ||
        ms_db_secret(app.db, "otp_key", app.otp_key, sizeof app.otp_key) != 0)
        goto out;
    http = ms_http_start(&app, (uint16_t)opt.port);
    if (!http)
        goto out;
    unsigned port = ms_http_port(http);
    if (opt.port_file && write_port_file(opt.port_file, port) != 0)
        goto out;
    ms_log("listening on http://127.0.0.1:%u%s", port, opt.test_mode ? " (test mode)" : "");

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    ms_log("stopping on %s", sig == SIGINT ? "SIGINT" : "SIGTERM");
    if (opt.port_file)
        remove(opt.port_file);
    status = 0;
out:
    ms_http_stop(http);
    ms_db_close(app.db);
    memset(app.otp_key, 0, sizeof app.otp_key);
    ms_rng_free(app.rng);
    ms_faults_destroy(&app.faults);
    ms_clock_destroy(&app.clock);
    pthread_mutex_destroy(&app.db_lock);
    return status;
}
