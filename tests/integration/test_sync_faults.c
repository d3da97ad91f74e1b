/*
 * tests/integration/test_sync_faults.c - exactly-once under a 30% fault rate: several
 * clients, thousands of mutations, requests dropped before and after their effect,
 * delayed, failed with 500 and 429, duplicated and truncated. When the faults stop and
 * the queues drain, every mutation's effect is on the server exactly once and every
 * client's server-truth tables equal the server's view for its member.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define CLIENTS              3
#define EVENTS               10
#define MUTATIONS_PER_CLIENT 700

static const char *phones[CLIENTS] = {"+919800000001", "+919800000002", "+447700900001"};

typedef struct worker {
    const stub_process *stub;
    char *dir;
    char *events[EVENTS];
    int enqueued;
    int sync_errors;
    mc_status final;
} worker;

/* Flip RSVPs on the events (every call is a real change, so every call is one
 * mutation), syncing every 25 writes whatever the faults do. */
static void *run_worker(void *arg)
{
    worker *w = arg;
    mc_client *c = helper_open_client(w->dir, stub_url(w->stub));
    mc_rsvp state[EVENTS] = {0};
    for (int i = 0; i < MUTATIONS_PER_CLIENT; i++) {
        int e = i % EVENTS;
        state[e] = state[e] == MC_RSVP_GOING ? MC_RSVP_NOT_GOING : MC_RSVP_GOING;
        mc_error err = MC_ERROR_INIT;
        if (mc_event_rsvp(c, w->events[e], state[e], &err) == MC_OK)
            w->enqueued++;
        else
            fprintf(stderr, "rsvp failed: %s\n", err.message);
        if (i % 25 == 24 && mc_sync_once(c, NULL, &err) != MC_OK)
            w->sync_errors++;
    }
    mc_client_free(c);
    return NULL;
}

START_TEST(test_exactly_once_and_convergence_under_faults)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *root = tempdir_new();
    worker workers[CLIENTS];
    char *events[EVENTS];
    for (int e = 0; e < EVENTS; e++) {
        char title[32];
        snprintf(title, sizeof title, "Fault drill %d", e);
        events[e] = helper_create_event(stub, title, 1000);
    }
    for (int i = 0; i < CLIENTS; i++) {
        char name[16];
        snprintf(name, sizeof name, "client%d", i);
        workers[i] = (worker){.stub = stub, .dir = tempdir_path(root, name)};
        memcpy(workers[i].events, events, sizeof events);
        mc_client *c = helper_open_client(workers[i].dir, stub_url(stub));
        helper_sign_in(c, stub, phones[i]);
        ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
        mc_client_free(c);
    }

    helper_set_faults(stub, 0.3, 42);
    pthread_t threads[CLIENTS];
    for (int i = 0; i < CLIENTS; i++)
        pthread_create(&threads[i], NULL, run_worker, &workers[i]);
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(threads[i], NULL);
    char *faults = NULL;
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/test/faults", NULL, NULL, &faults), 200);
    fprintf(stderr, "faults injected: %s\n", faults);
    free(faults);

    /* Keep syncing through the faults for a while, then stop them and drain. */
    for (int i = 0; i < CLIENTS; i++) {
        mc_client *c = helper_open_client(workers[i].dir, stub_url(stub));
        helper_sync_until_drained(c, 20);
        mc_client_free(c);
    }
    helper_set_faults(stub, 0, 0);
    int total_sync_errors = 0;
    for (int i = 0; i < CLIENTS; i++) {
        mc_client *c = helper_open_client(workers[i].dir, stub_url(stub));
        ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
        mc_sync_status status;
        mc_sync_status_get(c, &status, NULL);
        ck_assert_int_eq(status.queue_depth, 0);
        ck_assert_int_eq(status.rejected_count, 0);
        mc_client_free(c);
        total_sync_errors += workers[i].sync_errors;

        ck_assert_int_eq(workers[i].enqueued, MUTATIONS_PER_CLIENT);
        char client_id[64];
        helper_client_id(workers[i].dir, client_id);
        int total, max_count, keys;
        helper_effects(stub, client_id, &total, &max_count, &keys);
        ck_assert_msg(keys == MUTATIONS_PER_CLIENT, "client %d: %d of %d mutations applied", i,
                      keys, MUTATIONS_PER_CLIENT);
        ck_assert_msg(max_count == 1, "client %d: a mutation was applied %d times", i, max_count);
        ck_assert_int_eq(total, MUTATIONS_PER_CLIENT);

        cJSON *server = helper_server_view(stub, phones[i]);
        cJSON *local = helper_local_view(workers[i].dir);
        ck_assert_msg(helper_views_equal(server, local), "client %d did not converge", i);
        cJSON_Delete(server);
        cJSON_Delete(local);
    }
    fprintf(stderr, "%d mutations from %d clients, %d sync rounds failed under faults\n",
            CLIENTS * MUTATIONS_PER_CLIENT, CLIENTS, total_sync_errors);
    ck_assert_msg(total_sync_errors > 0, "the faults never bit: the test proves nothing");

    for (int i = 0; i < CLIENTS; i++)
        free(workers[i].dir);
    for (int e = 0; e < EVENTS; e++)
        free(events[e]);
    tempdir_free(root);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync_faults");
    TCase *tc = tcase_create("exactly_once");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_exactly_once_and_convergence_under_faults);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
