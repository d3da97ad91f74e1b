/*
 * tests/support/stub_process.h - run a real memberstub for a test and talk to it.
 *
 * Each stub runs in a fresh temporary directory (its own database, so its own
 * seed) on a port the kernel picks, bound to 127.0.0.1. The helpers below go
 * through libcurl; the test-mode ones (latest OTP, clock) need
 * stub_start(true).
 */
#ifndef TESTS_STUB_PROCESS_H
#define TESTS_STUB_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct stub_process stub_process;

/*
 * Start $MEMBERSTUB (env var; aborts the test with a clear message if unset)
 * with a fresh temp dir: --db DIR/stub.db --port 0 --port-file DIR/port
 * [--test-mode if test_mode]. Without test mode the server's environment gets
 * MEMBERSTUB_RAZORPAY_KEY_SECRET, MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET and
 * MEMBERSTUB_OTP_PEPPER (fixed test values, not the published ones) unless the
 * test's environment has them. Waits (polling, up to 10 s) for the port file.
 * NULL on failure (message to stderr).
 */
stub_process *stub_start(bool test_mode);

/*
 * stub_start with more arguments (a NULL-terminated list, or NULL), e.g.
 * {"--razorpay-key-secret", "s3cret", NULL}. When log_path is not NULL the
 * server's stderr (its log) goes to that file instead of the test's.
 */
stub_process *stub_start_args(bool test_mode, const char *const *extra_args, const char *log_path);

/* Its temporary directory (its database is DIR/stub.db, for a test to read); valid until
 * stub_stop. */
const char *stub_dir(const stub_process *s);
/*
 * stub_start(true) with the server clock frozen at now_ms from the start (--clock-ms), so the
 * seed of its new database is dated from now_ms (the stub's seed follows its clock at
 * seeding). extra_args and log_path as for stub_start_args.
 */
stub_process *stub_start_at(int64_t now_ms, const char *const *extra_args, const char *log_path);

/* "http://127.0.0.1:PORT"; valid until stub_stop. */
const char *stub_url(const stub_process *s);
int stub_port(const stub_process *s);

/*
 * SIGTERM, waitpid (SIGKILL after 10 s), remove the temp dir; returns the
 * server's exit status (0 = clean; non-zero includes sanitizer reports; 128 +
 * signal number if it was killed), and frees s. NULL -> 0.
 */
int stub_stop(stub_process *s);

/* Test mode: the latest OTP texted to phone (E.164) into code[7]. 0 ok / -1. */
int stub_latest_otp(const stub_process *s, const char *phone, char code[7]);

/* Test mode: set the server clock (ms since the epoch) / move it forward. 0 ok / -1. */
int stub_set_clock(const stub_process *s, int64_t now_ms);
int stub_advance_clock(const stub_process *s, int64_t delta_ms);

/*
 * A request for tests: method, path (with any query string), optional JSON
 * body, optional bearer token. Returns the HTTP status (or -1 on a transport
 * error) and, if body_out is non-NULL, the body (malloc'd, NUL-terminated,
 * caller frees; NULL on a transport error) in *body_out.
 */
int stub_request(const stub_process *s, const char *method, const char *path, const char *json_body,
                 const char *bearer, char **body_out);

/*
 * stub_request that also copies the value of one response header (name
 * case-insensitive, e.g. "Retry-After") into value (cap bytes; "" when the
 * answer has no such header).
 */
int stub_request_header(const stub_process *s, const char *method, const char *path,
                        const char *json_body, const char *bearer, char **body_out,
                        const char *header, char *value, size_t cap);

/*
 * stub_request with extra request headers ("Name: value" strings, NULL-terminated) and no
 * bearer; the body is sent byte for byte (e.g. a webhook call whose signature covers it).
 */
int stub_request_headers(const stub_process *s, const char *method, const char *path,
                         const char *body, const char *const *headers, char **body_out);

/*
 * Test mode: sign phone (E.164) in - request a code, read it from the
 * simulated SMS, verify it - and copy the session token into token (cap >= 64).
 * A phone may be sent a code only every 30 s of server time (advance the clock
 * to sign the same phone in again). 0 ok / -1.
 */
int stub_sign_in(const stub_process *s, const char *phone, char *token, size_t cap);

#endif
