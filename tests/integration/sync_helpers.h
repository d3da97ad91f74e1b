/*
 * tests/integration/sync_helpers.h - what the sync tests share: signing a client in
 * against memberstub, reading the client's SQLite file, and the stub's test endpoints.
 */
#ifndef TESTS_SYNC_HELPERS_H
#define TESTS_SYNC_HELPERS_H

#include <cJSON.h>
#include <membercore/membercore.h>
#include <stdbool.h>
#include <stdint.h>

#include "stub_process.h"

/* Open a client over data_dir talking to url (aborts the test on failure). */
mc_client *helper_open_client(const char *data_dir, const char *url);

/* The same with the client's clock injected: *now_ms is read on every call. */
mc_client *helper_open_client_at(const char *data_dir, const char *url, int64_t *now_ms);

/* Request an OTP for phone, read it from the simulated SMS, verify. */
void helper_sign_in(mc_client *client, const stub_process *stub, const char *phone);

/* Run mc_sync_once until it succeeds with an empty queue (at most tries). */
mc_status helper_sync_until_drained(mc_client *client, int tries);

/* The entities the server says phone may see, as "kind/id" -> canonical data text. */
cJSON *helper_server_view(const stub_process *stub, const char *phone);

/* The client's server-truth table (data_dir/membercore.db), same shape. */
cJSON *helper_local_view(const char *data_dir);

/* true when both views hold the same keys with equal JSON data; prints the first difference. */
bool helper_views_equal(const cJSON *a, const cJSON *b);

/* The install's client id, from the client's store. */
void helper_client_id(const char *data_dir, char out[64]);

/* /v1/test/effects?client_id=...: total effects and the largest count of one key. */
void helper_effects(const stub_process *stub, const char *client_id, int *total, int *max_count,
                    int *keys);

/* /v1/test/faults. rate 0 turns them off. */
void helper_set_faults(const stub_process *stub, double rate, unsigned seed);

/* /v1/test/events: a new event id (malloc'd) in BLR-1 with this capacity. */
char *helper_create_event(const stub_process *stub, const char *title, int capacity);
/* The same at building_id from starts_at_ms to ends_at_ms. */
char *helper_create_event_at(const stub_process *stub, const char *building_id, const char *title,
                             int64_t starts_at_ms, int64_t ends_at_ms, int capacity);

/* SELECT count(*) ... on the client's file. */
int helper_local_count(const char *data_dir, const char *sql);

/*
 * A test's memberstub (test mode, a fresh database) and a temporary folder for its clients'
 * data, the server's clock and the clients' (injected: now) at the same instant.
 */
typedef struct helper_fixture {
    stub_process *stub;
    char *dir;
    int64_t now;
} helper_fixture;

/* Start the stub with its clock at now_ms (its seed dated from it) and make the folder
 * (aborts the test on failure). */
void helper_fixture_start(helper_fixture *f, int64_t now_ms);
/* Remove the folder, stop the stub and require its clean exit (status 0). */
void helper_fixture_stop(helper_fixture *f);
/* Both clocks to now_ms. */
void helper_fixture_set_now(helper_fixture *f, int64_t now_ms);
/* A client over f->dir/name on f's clock, signed in as phone and synced once. */
mc_client *helper_fixture_member(helper_fixture *f, const char *name, const char *phone);

#endif
