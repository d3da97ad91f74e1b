/* main.c - memberstub's entry point: arguments, start-up, signals and a clean shutdown. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/app.h"
#include "base/secrets.h"
#include "db/db.h"
#include "domain/otp_store.h"
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
    const char *secrets_file;
    bool secret_on_command_line; /* --razorpay-key-secret or --razorpay-webhook-secret */
    int otp_max_per_address;     /* -1 when not given */
    int otp_max_overall;         /* -1 when not given */
    /* Command line first, then --secrets-file, then (outside test mode) the environment. */
    ms_secrets secrets;
} options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: memberstub --db PATH --port N [--port-file FILE] [--test-mode]\n"
            "                  [--secrets-file FILE] [--otp-max-per-address N]\n"
            "                  [--otp-max-overall N] [--clock-ms MS] [--razorpay-key-id ID]\n"
            "                  [--razorpay-key-secret SECRET]\n"
            "                  [--razorpay-webhook-secret SECRET]\n"
            "       memberstub --list-routes | --help\n"
            "\n"
            "The membercore stub API server (contract: server-stub/openapi.yaml).\n"
            "  --db PATH         SQLite database; created and seeded on first start\n"
            "                    (it and its -wal/-shm files are made mode 0600)\n"
            "  --port N          port on 127.0.0.1 (0 picks a free one)\n"
            "  --port-file FILE  write the port listened on to FILE once serving\n"
            "  --test-mode       also serve /v1/test/... (SMS outbox, clock, sync faults,\n"
            "                    Razorpay checkout and webhook calls, emails, the door)\n"
            "  --clock-ms MS     with --test-mode: the server clock starts frozen at MS\n"
            "                    (ms since the epoch, UTC), so a new database's seed is\n"
            "                    dated from it (POST /v1/test/clock moves it later)\n"
            "  --secrets-file FILE  'name = value' lines: razorpay_key_id,\n"
            "                    razorpay_key_secret, razorpay_webhook_secret, otp_pepper;\n"
            "                    FILE must be yours and mode 0600 (or 0400)\n"
            "  --otp-max-per-address N  sign-in codes sent per client address in any\n"
            "                    hour (default %d; with --test-mode 0: no limit)\n"
            "  --otp-max-overall N  sign-in codes sent in all in any hour (default %d;\n"
            "                    with --test-mode 0: no limit)\n"
            "  --razorpay-key-id ID          the Razorpay key id sent with orders\n"
            "                                (default " MS_RAZORPAY_KEY_ID_DEFAULT ")\n"
            "  --razorpay-key-secret SECRET  with --test-mode: the key secret payments\n"
            "                    are signed with (default: a fixed test secret; never logged)\n"
            "  --razorpay-webhook-secret SECRET  with --test-mode: the secret webhook\n"
            "                    calls are signed with (default: a fixed test secret)\n"
            "Without --test-mode the Razorpay key secret, webhook secret and OTP pepper\n"
            "(at least 32 bytes) come from --secrets-file, else from the environment\n"
            "(MEMBERSTUB_RAZORPAY_KEY_ID, MEMBERSTUB_RAZORPAY_KEY_SECRET,\n"
            "MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET, MEMBERSTUB_OTP_PEPPER), never from the\n"
            "command line, and the published test secrets are refused.\n"
            "  --list-routes     print every route as 'METHOD PATH' and exit\n"
            "SIGTERM or SIGINT stops the server cleanly (exit status 0).\n",
            MS_OTP_MAX_PER_ADDRESS_DEFAULT, MS_OTP_MAX_OVERALL_DEFAULT);
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

/* Refuse (exit status 2) a secret that is missing, published or malformed; the message names the
 * secret, never its value. -1 when it is fine. */
static int check_secret(const char *value, const char *name, const char *published, size_t min)
{
    if (!*value) {
        fprintf(stderr,
                "memberstub: without --test-mode %s must be given in --secrets-file or the"
                " environment\n",
                name);
        return 2;
    }
    if (published && strcmp(value, published) == 0) {
        fprintf(stderr,
                "memberstub: %s is the test secret published in server-stub/README.md: give a"
                " secret of your own outside --test-mode\n",
                name);
        return 2;
    }
    if (strlen(value) < min || !key_ok(value, MS_SECRET_MAX)) {
        fprintf(stderr,
                "memberstub: %s must be %zu to %d bytes without spaces or control characters\n",
                name, min, MS_SECRET_MAX);
        return 2;
    }
    return -1;
}

/* The secrets and limits once the options are read: the secrets file, the environment outside
 * test mode, the test defaults in test mode, the refusals outside it. -1 to go on, else the exit
 * status. */
static int settle_secrets(options *opt)
{
    if (opt->secrets_file) {
        char err[512];
        if (ms_secrets_read_file(opt->secrets_file, &opt->secrets, err, sizeof err) != 0) {
            fprintf(stderr, "memberstub: %s\n", err);
            return 2;
        }
    }
    ms_secrets *s = &opt->secrets;
    if (opt->test_mode) {
        if (!*s->razorpay_key_id)
            snprintf(s->razorpay_key_id, sizeof s->razorpay_key_id, "%s",
                     MS_RAZORPAY_KEY_ID_DEFAULT);
        if (!*s->razorpay_key_secret)
            snprintf(s->razorpay_key_secret, sizeof s->razorpay_key_secret, "%s",
                     MS_RAZORPAY_KEY_SECRET_DEFAULT);
        if (!*s->razorpay_webhook_secret)
            snprintf(s->razorpay_webhook_secret, sizeof s->razorpay_webhook_secret, "%s",
                     MS_RAZORPAY_WEBHOOK_SECRET_DEFAULT);
        if (opt->otp_max_per_address < 0)
            opt->otp_max_per_address = 0;
        if (opt->otp_max_overall < 0)
            opt->otp_max_overall = 0;
        return *s->otp_pepper ? check_secret(s->otp_pepper, "otp_pepper", NULL, 32) : -1;
    }
    if (opt->secret_on_command_line) {
        fprintf(stderr, "memberstub: without --test-mode secrets are not taken from the command"
                        " line (others can read it): use --secrets-file or the environment\n");
        return 2;
    }
    ms_secrets_from_env(s);
    if (!*s->razorpay_key_id)
        snprintf(s->razorpay_key_id, sizeof s->razorpay_key_id, "%s", MS_RAZORPAY_KEY_ID_DEFAULT);
    int status;
    if ((status = check_secret(s->razorpay_key_id, "razorpay_key_id", NULL, 1)) >= 0 ||
        (status = check_secret(s->razorpay_key_secret, "razorpay_key_secret",
                               MS_RAZORPAY_KEY_SECRET_DEFAULT, 1)) >= 0 ||
        (status = check_secret(s->razorpay_webhook_secret, "razorpay_webhook_secret",
                               MS_RAZORPAY_WEBHOOK_SECRET_DEFAULT, 1)) >= 0 ||
        (status = check_secret(s->otp_pepper, "otp_pepper", NULL, 32)) >= 0)
        return status;
    if (opt->otp_max_per_address < 0)
        opt->otp_max_per_address = MS_OTP_MAX_PER_ADDRESS_DEFAULT;
    if (opt->otp_max_overall < 0)
        opt->otp_max_overall = MS_OTP_MAX_OVERALL_DEFAULT;
    return -1;
}

/* The key OTP hashes are keyed with into app->otp_key: the database's own key, mixed with the
 * pepper when there is one (then the database alone cannot check a code). 0 / -1 (logged). */
static int load_otp_key(ms_app *app, const char *pepper)
{
    uint8_t db_key[MS_KEY_LEN];
    if (ms_db_secret(app->db, "otp_key", db_key, sizeof db_key) != 0)
        return -1;
    int rc = 0;
    if (!*pepper) {
        memcpy(app->otp_key, db_key, sizeof db_key);
    } else if (ms_hmac_sha256((const uint8_t *)pepper, strlen(pepper), db_key, sizeof db_key,
                              app->otp_key) != 0) {
        ms_log("cannot derive the OTP key");
        rc = -1;
    }
    ms_wipe(db_key, sizeof db_key);
    return rc;
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
        {"secrets-file", required_argument, NULL, 'S'},
        {"otp-max-per-address", required_argument, NULL, 'A'},
        {"otp-max-overall", required_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(opt, 0, sizeof *opt);
    opt->port = -1;
    opt->otp_max_per_address = -1;
    opt->otp_max_overall = -1;
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
            if (!key_ok(optarg, 64)) {
                fprintf(stderr, "memberstub: --razorpay-key-id must be 1 to 64 bytes without"
                                " spaces or control characters\n");
                return 2;
            }
            snprintf(opt->secrets.razorpay_key_id, sizeof opt->secrets.razorpay_key_id, "%s",
                     optarg);
            break;
        case 's':
            if (!key_ok(optarg, MS_SECRET_MAX)) {
                fprintf(stderr, "memberstub: --razorpay-key-secret must be 1 to 256 bytes"
                                " without spaces or control characters\n");
                return 2;
            }
            snprintf(opt->secrets.razorpay_key_secret, sizeof opt->secrets.razorpay_key_secret,
                     "%s", optarg);
            opt->secret_on_command_line = true;
            break;
        case 'w':
            if (!key_ok(optarg, MS_SECRET_MAX)) {
                fprintf(stderr, "memberstub: --razorpay-webhook-secret must be 1 to 256 bytes"
                                " without spaces or control characters\n");
                return 2;
            }
            snprintf(opt->secrets.razorpay_webhook_secret,
                     sizeof opt->secrets.razorpay_webhook_secret, "%s", optarg);
            opt->secret_on_command_line = true;
            break;
        case 'S':
            opt->secrets_file = optarg;
            break;
        case 'A':
        case 'O': {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || v < 0 || v > MS_OTP_MAX_LIMIT) {
                fprintf(stderr, "memberstub: --%s must be a number from 0 (no limit) to %d\n",
                        c == 'A' ? "otp-max-per-address" : "otp-max-overall", MS_OTP_MAX_LIMIT);
                return 2;
            }
            if (c == 'A')
                opt->otp_max_per_address = (int)v;
            else
                opt->otp_max_overall = (int)v;
            break;
        }
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
    return settle_secrets(opt);
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
    if (status >= 0) {
        ms_secrets_wipe(&opt.secrets);
        return status;
    }
    /* Nothing memberstub writes is for other users (the database files are also chmod-ed). */
    umask(077);

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
    app.razorpay_key_id = opt.secrets.razorpay_key_id;
    app.razorpay_key_secret = opt.secrets.razorpay_key_secret;
    app.razorpay_webhook_secret = opt.secrets.razorpay_webhook_secret;
    app.otp_max_per_address = opt.otp_max_per_address;
    app.otp_max_overall = opt.otp_max_overall;
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
        load_otp_key(&app, opt.secrets.otp_pepper) != 0 || ms_otp_requests_open(app.db) != 0)
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
    ms_wipe(app.otp_key, sizeof app.otp_key);
    ms_secrets_wipe(&opt.secrets);
    ms_rng_free(app.rng);
    ms_faults_destroy(&app.faults);
    ms_clock_destroy(&app.clock);
    pthread_mutex_destroy(&app.db_lock);
    return status;
}
