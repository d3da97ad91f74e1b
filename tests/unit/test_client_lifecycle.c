/*
 * tests/unit/test_client_lifecycle.c - the handle guards itself: mc_client_close waits for the
 * calls in flight, refuses the ones that start afterwards with MC_ERR_STATE, may be called
 * twice, from inside a listener (on the caller's thread or the sync thread) without
 * deadlocking, and mc_client_free releases the handle afterwards.
 */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <membercore/membercore.h>

#include "handle/handle.h"
#include "sync/engine.h"
#include "tempdir.h"

static char *dir;

static void setup(void)
{
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    dir = NULL;
}

/* A clock that, once armed, holds its caller until released: a slow call in flight. */
typedef struct gate {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool armed, entered, released, close_returned;
} gate;

static gate the_gate = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false, false, false};

static void gate_set(bool *flag)
{
    pthread_mutex_lock(&the_gate.lock);
    *flag = true;
    pthread_cond_broadcast(&the_gate.changed);
    pthread_mutex_unlock(&the_gate.lock);
}

static void gate_wait(const bool *flag)
{
    pthread_mutex_lock(&the_gate.lock);
    while (!*flag)
        pthread_cond_wait(&the_gate.changed, &the_gate.lock);
    pthread_mutex_unlock(&the_gate.lock);
}

static int64_t slow_clock(void *context)
{
    (void)context;
    pthread_mutex_lock(&the_gate.lock);
    bool armed = the_gate.armed;
    pthread_mutex_unlock(&the_gate.lock);
    if (armed) {
        gate_set(&the_gate.entered);
        gate_wait(&the_gate.released);
    }
    return 1700000000000;
}

static mc_client *open_client(bool slow)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    if (slow)
        cfg.clock = slow_clock;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "open: %s", err.message);
    return client;
}

static void *call_now(void *arg)
{
    static int64_t now;
    now = mc_client_now(arg);
    return &now;
}

static void *call_close(void *arg)
{
    mc_client_close(arg);
    gate_set(&the_gate.close_returned);
    return NULL;
}

/* Whether close_returned became true within ms milliseconds. */
static bool close_returned_within(int ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += (long)ms * 1000000L;
    deadline.tv_sec += deadline.tv_nsec / 1000000000L;
    deadline.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&the_gate.lock);
    int rc = 0;
    while (!the_gate.close_returned && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&the_gate.changed, &the_gate.lock, &deadline);
    bool returned = the_gate.close_returned;
    pthread_mutex_unlock(&the_gate.lock);
    return returned;
}

static void expect_closed_error(mc_client *client)
{
    mc_sync_status status;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_status_get(client, &status, &err), MC_ERR_STATE);
    ck_assert_str_eq(err.message, "the client is closed");
    mc_event_list *events = (mc_event_list *)0x1;
    ck_assert_int_eq(mc_events_list(client, 0, &events, &err), MC_ERR_STATE);
    ck_assert_str_eq(err.message, "the client is closed");
    ck_assert(mc_client_is_closed(client));
    ck_assert(!mc_auth_is_signed_in(client));
    ck_assert_int_eq(mc_client_now(client), 0);
    ck_assert_int_eq(mc_sync_deliver_queued(client), 0);
    mc_sync_trigger(client); /* a no-op */
}

/* Close waits for a call in flight on another thread; calls that start meanwhile are refused. */
START_TEST(test_close_waits_for_call_in_flight)
{
    mc_client *client = open_client(true);
    the_gate =
        (gate){PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, true, false, false, false};
    pthread_t caller, closer;
    pthread_create(&caller, NULL, call_now, client);
    gate_wait(&the_gate.entered); /* the caller is inside mc_client_now, in the clock */

    pthread_create(&closer, NULL, call_close, client);
    while (!mc_client_is_closed(client))
        sched_yield();
    expect_closed_error(client);
    ck_assert_msg(!close_returned_within(100), "close returned while a call was in flight");

    gate_set(&the_gate.released);
    void *now = NULL;
    pthread_join(caller, &now);
    ck_assert_int_eq(*(int64_t *)now, 1700000000000); /* the call in flight completed */
    pthread_join(closer, NULL);
    ck_assert(the_gate.close_returned);
    mc_client_free(client);
}
END_TEST

/* After close every call fails with MC_ERR_STATE; closing again is harmless; free releases. */
START_TEST(test_call_after_close_is_a_state_error)
{
    mc_client *client = open_client(false);
    ck_assert(!mc_client_is_closed(client));
    mc_client_close(client);
    expect_closed_error(client);
    mc_client_close(client);
    mc_client_close(client);
    expect_closed_error(client);
    mc_client_free(client);
    ck_assert(mc_client_is_closed(NULL));
}
END_TEST

typedef struct listener_probe {
    mc_client *client;
    int calls;
    mc_status after_close; /* what a call made right after close got */
} listener_probe;

static void close_from_listener(void *context, const mc_sync_event *event)
{
    (void)event;
    listener_probe *p = context;
    if (p->calls++ > 0)
        return;
    mc_client_close(p->client); /* must not wait for this very thread */
    mc_sync_status status;
    p->after_close = mc_sync_status_get(p->client, &status, NULL);
}

/* A QUEUED listener, run inside mc_sync_deliver_queued, closes the client: no deadlock, the
 * client refuses calls at once, and free (from outside) finishes the close. */
START_TEST(test_close_from_queued_listener)
{
    mc_client *client = open_client(false);
    listener_probe probe = {.client = client};
    uint64_t token = 0;
    ck_assert_int_eq(mc_sync_listener_add(client, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_QUEUED,
                                          close_from_listener, &probe, &token, NULL),
                     MC_OK);
    mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED, .kinds = MC_KIND_EVENT};
    mci_sync_emit(client, &ev);
    ck_assert_int_eq(mc_sync_deliver_queued(client), 1);
    ck_assert_int_eq(probe.calls, 1);
    ck_assert_int_eq(probe.after_close, MC_ERR_STATE);
    expect_closed_error(client);
    mc_client_free(client);
}
END_TEST

/* An IMMEDIATE listener on the background sync thread closes the client: the thread is asked
 * to stop (not joined from itself), and free joins it. */
START_TEST(test_close_from_sync_thread_listener)
{
    mc_client *client = open_client(false);
    listener_probe probe = {.client = client};
    uint64_t token = 0;
    ck_assert_int_eq(mc_sync_listener_add(client, MC_SYNC_EVENT_STATUS_CHANGED,
                                          MC_DELIVER_IMMEDIATE, close_from_listener, &probe, &token,
                                          NULL),
                     MC_OK);
    ck_assert_int_eq(mc_sync_start(client, NULL), MC_OK); /* signed out: state changes */
    while (!mc_client_is_closed(client))
        sched_yield();
    mc_client_free(client);           /* joins the sync thread, closes the store */
    ck_assert_int_ge(probe.calls, 1); /* the round may raise more status events as it ends */
    ck_assert_int_eq(probe.after_close, MC_ERR_STATE);
}
END_TEST

/* Free without close, and free of NULL. */
START_TEST(test_free_closes_first)
{
    mc_client *client = open_client(false);
    ck_assert_int_eq(mc_sync_start(client, NULL), MC_OK);
    mc_client_free(client);
    mc_client_free(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("client_lifecycle");
    TCase *tc = tcase_create("close");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_close_waits_for_call_in_flight);
    tcase_add_test(tc, test_call_after_close_is_a_state_error);
    tcase_add_test(tc, test_close_from_queued_listener);
    tcase_add_test(tc, test_close_from_sync_thread_listener);
    tcase_add_test(tc, test_free_closes_first);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
