/*
 * tests/stub/stub_test_util.h - helpers shared by the stub's HTTP suites (test_stub_http,
 * test_stub_passes, test_stub_rooms, test_stub_sync): the per-test memberstub (started in test mode
 * with its clock at T0, required to exit cleanly), requests that assert their status, typed field
 * access, error checks, sign-in, the test checkout, the test mailbox and view lookups.
 */
#ifndef STUB_TEST_UTIL_H
#define STUB_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "stub_process.h"

/* 2027-01-04T04:30:00Z: Monday 10:00 in Bengaluru, 04:30 in London. */
#define T0 1799037000000LL

/* The memberstub of the running test (set by setup, cleared by teardown). */
extern stub_process *stub;

/* Checked fixture: start a memberstub in test mode with its clock at T0. */
void setup(void);
/* Stop it and require a clean exit (status 0: no sanitizer report, no leak). */
void teardown(void);

/* Send a request, assert the status, return the JSON body (NULL when empty). */
cJSON *call(const char *method, const char *path, const char *body, const char *bearer, int expect);

const cJSON *field(const cJSON *o, const char *key);
const char *str(const cJSON *o, const char *key);
int64_t num(const cJSON *o, const char *key);

/* The field names of o, space separated, into out. */
void keys(const cJSON *o, char *out, size_t cap);

/* Expect an error with this status and code; its body (caller deletes). */
cJSON *error_of(const char *method, const char *path, const char *body, const char *bearer,
                int status, const char *code);
/* Expect an error with this status and code. */
void check_error(const char *method, const char *path, const char *body, const char *bearer,
                 int status, const char *code);

/* error_of whose message also mentions `mentions`; its body (caller deletes). */
cJSON *error_mentioning(const char *method, const char *path, const char *body, const char *bearer,
                        int status, const char *code, const char *mentions);
/* Expect an error with this status and code whose message mentions `mentions`. */
void check_error_mentioning(const char *method, const char *path, const char *body,
                            const char *bearer, int status, const char *code, const char *mentions);
/* A session token for phone (malloc'd). */
char *token_for(const char *phone);
/* A new on-demand user with phone (profile complete, intent on_demand): their token (malloc'd). */
char *sign_up_on_demand(const char *phone);

/* Push one mutation (kind, payload: JSON text) as token from client, numbered n (idempotency key
 * "<client>-<n>"); its result object (caller deletes). */
cJSON *push_mutation(const char *token, const char *client, int n, const char *kind,
                     const char *payload);

/* The test checkout: {payment_id, signature} for order_id. */
cJSON *pay(const char *order_id, bool forge);

/* GET /v1/test/sync/view for phone (E.164) as an object keyed "kind/id" -> data (caller
 * deletes). */
cJSON *sync_view(const char *phone);

/* Whether a view (keyed "kind/id") holds that entity. */
bool has_entity(const cJSON *state, const char *kind, const char *id);

/* The emails sent to `to` (an array; caller deletes). */
cJSON *emails(const char *to);

/* The message of the door's last refusal (scan_way); "" after a granted scan. */
extern char door_message[160];

/* The test door of building, facing way ("in" or "out"), scans payload: "granted" or the
 * reason (a static string, overwritten by the next call; its message in door_message). */
const char *scan_way(const char *building, const char *payload, const char *way);

/* An access email's QR code image (its one attachment, access-qr.png) decoded by zbarimg into
 * text (cap bytes): the payload the door reads. Fails the test when there is none. */
void email_qr_text(const cJSON *mail, char *text, size_t cap);

#endif
