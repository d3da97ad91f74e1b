/*
 * tests/integration/test_tls.c - the transport as a member's device meets it, through the public
 * C API: a TLS server on 127.0.0.1 (tests/integration/recording_server.py on an ephemeral port,
 * started and stopped by each test) with certificates this test makes with the openssl CLI;
 * a matching pin connects, a wrong pin fails with MC_ERR_TLS_PIN, an untrusted certificate or
 * one for another host with MC_ERR_TLS, and in none of those failures does the server see a
 * request (plain http to a remote host is refused at open: tests/unit/test_transport_rules.c).
 * Then the session token's origin: signed in at a real memberstub, the client pointed
 * at another origin (a server that records every header) never sends the token, not even as a
 * pending revocation, and is signed out once that server answers; an unreachable other origin
 * is only offline.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <membercore/membercore.h>

#include "stub_process.h"
#include "tempdir.h"

#define PHONE "98000 00001"
/* Two well-formed pins of keys that are not the server's. */
#define OTHER_PIN_A "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
#define OTHER_PIN_B "sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg="
/* 2027-01-04T04:30:00Z */
#define T0_MS 1799037000000LL

static char *dir;

typedef struct server {
    pid_t pid;
    int port;
    char url[64];
    char *record;      /* the file of requests it received */
    char *connections; /* a line per connection it accepted */
} server;

static void run(const char *command)
{
    int status = system(command);
    ck_assert_msg(status == 0, "'%s' exited with %d", command, status);
}

/* A self-signed certificate (EC P-256, 2 days) for subject_alt_name, its key beside it:
 * dir/<name>.pem and dir/<name>.key. */
static void make_certificate(const char *name, const char *subject_alt_name)
{
    char command[1024];
    snprintf(command, sizeof command,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-days 2 -subj /CN=membercore-test -addext subjectAltName=%s "
             "-keyout %s/%s.key -out %s/%s.pem 2>/dev/null",
             subject_alt_name, dir, name, dir, name);
    run(command);
}

/* "sha256/" + base64(SHA-256(the certificate's DER SubjectPublicKeyInfo)). */
static void pin_of(const char *name, char pin[64])
{
    char command[1024];
    snprintf(command, sizeof command,
             "openssl x509 -in %s/%s.pem -pubkey -noout | openssl pkey -pubin -outform der | "
             "openssl dgst -sha256 -binary | base64",
             dir, name);
    FILE *p = popen(command, "r");
    ck_assert_ptr_nonnull(p);
    char b64[64] = "";
    ck_assert_ptr_nonnull(fgets(b64, sizeof b64, p));
    ck_assert_int_eq(pclose(p), 0);
    b64[strcspn(b64, "\n")] = '\0';
    ck_assert_uint_eq(strlen(b64), 44);
    memcpy(pin, "sha256/", 7);
    memcpy(pin + 7, b64, 45); /* the 44 characters and their NUL: 52 bytes of the 64 */
}

/* recording_server.py over TLS with dir/<cert_name>.pem, or plain HTTP with cert_name NULL. */
static server start_server(const char *cert_name)
{
    server s = {.record = tempdir_path(dir, cert_name ? "tls-requests.txt" : "http-requests.txt"),
                .connections = tempdir_path(dir, cert_name ? "tls-conns.txt" : "http-conns.txt")};
    char cert[512], key[512];
    int out[2];
    ck_assert_int_eq(pipe(out), 0);
    s.pid = fork();
    ck_assert_int_ge(s.pid, 0);
    if (s.pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        const char *script = getenv("RECORDING_SERVER");
        if (cert_name != NULL) {
            snprintf(cert, sizeof cert, "%s/%s.pem", dir, cert_name);
            snprintf(key, sizeof key, "%s/%s.key", dir, cert_name);
            execlp("python3", "python3", script, "--record", s.record, "--connections",
                   s.connections, "--cert", cert, "--key", key, (char *)NULL);
        } else {
            execlp("python3", "python3", script, "--record", s.record, "--connections",
                   s.connections, (char *)NULL);
        }
        _exit(127);
    }
    close(out[1]);
    FILE *from = fdopen(out[0], "r");
    ck_assert_ptr_nonnull(from);
    ck_assert_msg(fscanf(from, "PORT %d", &s.port) == 1, "the recording server did not start");
    fclose(from);
    snprintf(s.url, sizeof s.url, "%s://127.0.0.1:%d", cert_name ? "https" : "http", s.port);
    return s;
}

static void stop_server(server *s)
{
    kill(s->pid, SIGTERM);
    int status = 0;
    waitpid(s->pid, &status, 0);
    free(s->record);
    free(s->connections);
}

/* How many connections the server accepted so far. */
static int connections(const server *s)
{
    FILE *f = fopen(s->connections, "r");
    int n = 0;
    char line[64];
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        n += strcmp(line, "CONNECTION\n") == 0;
    if (f != NULL)
        fclose(f);
    return n;
}

/* Everything the server received so far ("" for nothing), malloc'd. */
static char *received(const server *s)
{
    char *text = calloc(1, 1 << 16);
    FILE *f = fopen(s->record, "r");
    if (f != NULL) {
        size_t n = fread(text, 1, (1 << 16) - 1, f);
        text[n] = '\0';
        fclose(f);
    }
    return text;
}

static mc_client *open_client(const char *url, const char *const *pins, size_t npins,
                              const char *ca_file)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = url;
    /* Loopback, but the handshake counts in the connect time: under qemu (scripts/test-cross.sh)
     * on a loaded machine it passed 2 s, and a timeout reads as offline, not as a TLS error. */
    cfg.connect_timeout_ms = 10000;
    cfg.request_timeout_ms = 20000;
    cfg.tls_pins = pins;
    cfg.tls_pin_count = npins;
    cfg.tls_ca_file = ca_file;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &c, &err) == MC_OK, "open: %s", err.message);
    return c;
}

/* An OTP request (no token involved) through a client with these TLS settings. */
static mc_status request_otp(const char *url, const char *const *pins, size_t npins,
                             const char *ca_file, mc_error *err)
{
    mc_client *c = open_client(url, pins, npins, ca_file);
    mc_otp_request req;
    mc_status st = mc_auth_request_otp(c, PHONE, &req, err);
    mc_client_free(c);
    return st;
}

static void setup(void)
{
    dir = tempdir_new();
    make_certificate("server", "IP:127.0.0.1");
}

static void teardown(void)
{
    tempdir_free(dir);
    dir = NULL;
}

/* Trusted through tls_ca_file, its key among the pins (as the backup pin): it connects. */
START_TEST(test_matching_pin_connects)
{
    server s = start_server("server");
    char pin[64], *ca = tempdir_path(dir, "server.pem");
    pin_of("server", pin);
    const char *pins[] = {OTHER_PIN_A, pin};
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(request_otp(s.url, pins, 2, ca, &err) == MC_OK, "%s", err.message);
    char *seen = received(&s);
    ck_assert_msg(strstr(seen, "POST /v1/auth/otp/request\n") != NULL, "%s", seen);
    /* without pins the trusted server connects too */
    ck_assert_msg(request_otp(s.url, NULL, 0, ca, &err) == MC_OK, "%s", err.message);
    free(seen);
    free(ca);
    stop_server(&s);
}
END_TEST

/* The built-in transport keeps its TLS connection: ten calls of one client, one connection
 * (one handshake). */
START_TEST(test_calls_share_one_tls_connection)
{
    server s = start_server("server");
    char pin[64], *ca = tempdir_path(dir, "server.pem");
    pin_of("server", pin);
    const char *pins[] = {OTHER_PIN_A, pin};
    mc_client *c = open_client(s.url, pins, 2, ca);
    for (int i = 0; i < 10; i++) {
        mc_otp_request req;
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_auth_request_otp(c, PHONE, &req, &err) == MC_OK, "%s", err.message);
    }
    mc_client_free(c);
    ck_assert_int_eq(connections(&s), 1);
    free(ca);
    stop_server(&s);
}
END_TEST

/* Trusted, but its key is not pinned: MC_ERR_TLS_PIN, and the server got no request. */
START_TEST(test_wrong_pin_fails_with_its_own_code)
{
    server s = start_server("server");
    char *ca = tempdir_path(dir, "server.pem");
    const char *pins[] = {OTHER_PIN_A, OTHER_PIN_B};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(request_otp(s.url, pins, 2, ca, &err), MC_ERR_TLS_PIN);
    ck_assert_msg(strstr(err.message, "matches none of config.tls_pins") != NULL, "%s",
                  err.message);
    char *seen = received(&s);
    ck_assert_str_eq(seen, "");
    free(seen);
    free(ca);
    stop_server(&s);
}
END_TEST

/* Not trusted (the system's CAs, or another CA file), or trusted but for another host:
 * MC_ERR_TLS, even when the key is pinned (a pin never replaces verification). */
START_TEST(test_untrusted_certificate_fails)
{
    server s = start_server("server");
    char pin[64];
    pin_of("server", pin);
    const char *pins[] = {OTHER_PIN_A, pin};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(request_otp(s.url, NULL, 0, NULL, &err), MC_ERR_TLS);
    ck_assert_msg(strstr(err.message, "could not be verified") != NULL, "%s", err.message);
    ck_assert_int_eq(request_otp(s.url, pins, 2, NULL, &err), MC_ERR_TLS);

    make_certificate("other", "IP:127.0.0.1");
    char *other_ca = tempdir_path(dir, "other.pem");
    ck_assert_int_eq(request_otp(s.url, pins, 2, other_ca, &err), MC_ERR_TLS);
    char *seen = received(&s);
    ck_assert_str_eq(seen, "");
    free(seen);
    free(other_ca);
    stop_server(&s);

    /* a trusted certificate that names another host */
    make_certificate("elsewhere", "DNS:api.example.com");
    server elsewhere = start_server("elsewhere");
    char *elsewhere_ca = tempdir_path(dir, "elsewhere.pem");
    ck_assert_int_eq(request_otp(elsewhere.url, NULL, 0, elsewhere_ca, &err), MC_ERR_TLS);
    seen = received(&elsewhere);
    ck_assert_str_eq(seen, "");
    free(seen);
    free(elsewhere_ca);
    stop_server(&elsewhere);
}
END_TEST

/* Signed in at a real memberstub; returns the stub (still running). */
static stub_process *signed_in_at_stub(void)
{
    stub_process *stub = stub_start_at(T0_MS, NULL, NULL);
    ck_assert_ptr_nonnull(stub);
    mc_client *c = open_client(stub_url(stub), NULL, 0, NULL);
    mc_otp_request req;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_request_otp(c, PHONE, &req, &err) == MC_OK, "%s", err.message);
    char code[7];
    ck_assert_int_eq(stub_latest_otp(stub, req.phone, code), 0);
    mc_account *account = NULL;
    ck_assert_msg(mc_auth_verify_otp(c, code, NULL, &account, &err) == MC_OK, "%s", err.message);
    mc_account_free(account);
    ck_assert(mc_auth_is_signed_in(c));
    mc_client_free(c);
    return stub;
}

/* The client, now pointed at `other`, sends no token there, whatever it is asked to do: the
 * first call that would carry it finds the server reachable and signs the client out. */
static void expect_no_token_sent(const server *other)
{
    mc_client *c = open_client(other->url, NULL, 0, NULL);
    mc_error err = MC_ERROR_INIT;
    mc_account *account = NULL;
    ck_assert_int_eq(mc_account_refresh(c, &account, &err), MC_ERR_UNAUTHORIZED);
    ck_assert(!mc_auth_is_signed_in(c));
    mc_otp_request req;
    ck_assert_msg(mc_auth_request_otp(c, PHONE, &req, &err) == MC_OK, "%s", err.message);
    mc_sync_report report;
    mc_sync_once(c, &report, &err);
    mc_auth_logout(c, &err);
    mc_client_free(c);

    char *seen = received(other);
    ck_assert_msg(strstr(seen, "POST /v1/auth/otp/request\n") != NULL, "%s", seen);
    ck_assert_msg(strstr(seen, "Authorization") == NULL, "the token went to %s:\n%s", other->url,
                  seen);
    ck_assert_msg(strstr(seen, "Bearer") == NULL, "%s", seen);
    free(seen);
}

START_TEST(test_token_never_sent_to_another_origin)
{
    stub_process *stub = signed_in_at_stub();
    /* the same origin, written differently, keeps the session */
    char same[96];
    snprintf(same, sizeof same, "%s/", stub_url(stub));
    mc_client *c = open_client(same, NULL, 0, NULL);
    ck_assert(mc_auth_is_signed_in(c));
    mc_client_free(c);

    /* another origin that cannot be reached: offline, the session kept (nothing was sent) */
    c = open_client("http://127.0.0.1:1", NULL, 0, NULL);
    mc_error err = MC_ERROR_INIT;
    mc_account *account = NULL;
    ck_assert_int_eq(mc_account_refresh(c, &account, &err), MC_ERR_OFFLINE);
    ck_assert(mc_auth_is_signed_in(c));
    mc_client_free(c);
    c = open_client(stub_url(stub), NULL, 0, NULL);
    ck_assert_msg(mc_account_refresh(c, &account, &err) == MC_OK, "%s", err.message);
    mc_account_free(account);
    mc_client_free(c);

    server other = start_server(NULL);
    expect_no_token_sent(&other);
    stop_server(&other);

    /* back at the stub: signed out, and the token is revoked there with the next request */
    c = open_client(stub_url(stub), NULL, 0, NULL);
    ck_assert(!mc_auth_is_signed_in(c));
    mc_client_free(c);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

/* A logout that could not reach the issuing server leaves a revocation pending: it is not
 * sent to another origin either. */
START_TEST(test_pending_revocation_never_sent_to_another_origin)
{
    stub_process *stub = signed_in_at_stub();
    char url[96];
    snprintf(url, sizeof url, "%s", stub_url(stub));
    ck_assert_int_eq(stub_stop(stub), 0);
    mc_client *c = open_client(url, NULL, 0, NULL);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_auth_logout(c, &err), MC_OK); /* the server is down: revocation kept */
    mc_client_free(c);

    server other = start_server(NULL);
    expect_no_token_sent(&other);
    stop_server(&other);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tls");
    TCase *tc = tcase_create("transport");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_matching_pin_connects);
    tcase_add_test(tc, test_calls_share_one_tls_connection);
    tcase_add_test(tc, test_wrong_pin_fails_with_its_own_code);
    tcase_add_test(tc, test_untrusted_certificate_fails);
    tcase_add_test(tc, test_token_never_sent_to_another_origin);
    tcase_add_test(tc, test_pending_revocation_never_sent_to_another_origin);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
