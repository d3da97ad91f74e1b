/*
 * tests/unit/test_listeners.c - sync listeners are called on the documented thread:
 * immediate ones on the emitting thread, queued ones on the thread that delivers; a
 * removed listener is never called again, even when removed while running elsewhere.
 */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/listeners.h"

typedef struct seen {
    atomic_int calls;
    pthread_t thread;
    char message[64];
    uint32_t kinds;
} seen;

static void record(void *context, const mc_sync_event *ev)
{
    seen *s = context;
    s->thread = pthread_self();
    strncpy(s->message, ev->message, sizeof s->message - 1);
    s->kinds = ev->kinds;
    atomic_fetch_add(&s->calls, 1);
}

static void *emit_from_thread(void *arg)
{
    mci_listeners *l = arg;
    mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED, .kinds = MC_KIND_EVENT};
    mci_listeners_emit(l, &ev);
    return NULL;
}

/* Immediate listeners run on the emitting thread; queued ones wait for deliver(). */
START_TEST(test_immediate_on_emitter_queued_on_deliverer)
{
    mci_listeners *l = mci_listeners_new();
    seen now = {0}, later = {0};
    uint64_t t1, t2;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_listeners_add(l, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_IMMEDIATE, record,
                                       &now, &t1, &err),
                     MC_OK);
    ck_assert_int_eq(mci_listeners_add(l, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_QUEUED, record,
                                       &later, &t2, &err),
                     MC_OK);
    pthread_t emitter;
    pthread_create(&emitter, NULL, emit_from_thread, l);
    pthread_join(emitter, NULL);
    ck_assert_int_eq(atomic_load(&now.calls), 1);
    ck_assert(pthread_equal(now.thread, emitter));
    ck_assert_int_eq(atomic_load(&later.calls), 0);
    ck_assert_int_eq(mci_listeners_deliver(l), 1);
    ck_assert_int_eq(atomic_load(&later.calls), 1);
    ck_assert(pthread_equal(later.thread, pthread_self()));
    ck_assert_uint_eq(later.kinds, MC_KIND_EVENT);
    ck_assert_int_eq(mci_listeners_deliver(l), 0);
    mci_listeners_free(l);
}
END_TEST

/* A listener only hears the types it asked for; strings are never NULL. */
START_TEST(test_types_filter_and_strings_never_null)
{
    mci_listeners *l = mci_listeners_new();
    seen s = {0};
    uint64_t t;
    ck_assert_int_eq(mci_listeners_add(l, MC_SYNC_EVENT_MUTATION_REJECTED, MC_DELIVER_IMMEDIATE,
                                       record, &s, &t, NULL),
                     MC_OK);
    mc_sync_event data = {.type = MC_SYNC_EVENT_DATA_CHANGED};
    mci_listeners_emit(l, &data);
    ck_assert_int_eq(atomic_load(&s.calls), 0);
    mc_sync_event rejected = {.type = MC_SYNC_EVENT_MUTATION_REJECTED};
    mci_listeners_emit(l, &rejected); /* message NULL: listener sees "" */
    ck_assert_int_eq(atomic_load(&s.calls), 1);
    ck_assert_str_eq(s.message, "");
    mci_listeners_free(l);
}
END_TEST

/* Queued events are deep copies: the emitter's strings may die right after emit. */
START_TEST(test_queued_events_own_their_strings)
{
    mci_listeners *l = mci_listeners_new();
    seen s = {0};
    uint64_t t;
    mci_listeners_add(l, MC_SYNC_EVENT_MUTATION_REJECTED, MC_DELIVER_QUEUED, record, &s, &t, NULL);
    char *msg = strdup("event is full");
    mc_sync_event ev = {.type = MC_SYNC_EVENT_MUTATION_REJECTED, .message = msg};
    mci_listeners_emit(l, &ev);
    memset(msg, 'x', strlen(msg));
    free(msg);
    ck_assert_int_eq(mci_listeners_deliver(l), 1);
    ck_assert_str_eq(s.message, "event is full");
    mci_listeners_free(l);
}
END_TEST

static int wakeups;
static void on_wakeup(void *context)
{
    (void)context;
    wakeups++;
}

/* The wake-up hook fires when something is queued, not for immediate listeners. */
START_TEST(test_wakeup_fires_for_queued_events)
{
    mci_listeners *l = mci_listeners_new();
    seen s = {0};
    uint64_t t;
    wakeups = 0;
    mci_listeners_set_wakeup(l, on_wakeup, NULL);
    mci_listeners_add(l, MC_SYNC_EVENT_PROGRESS, MC_DELIVER_IMMEDIATE, record, &s, &t, NULL);
    mc_sync_event ev = {.type = MC_SYNC_EVENT_PROGRESS};
    mci_listeners_emit(l, &ev);
    ck_assert_int_eq(wakeups, 0);
    mci_listeners_add(l, MC_SYNC_EVENT_PROGRESS, MC_DELIVER_QUEUED, record, &s, &t, NULL);
    mci_listeners_emit(l, &ev);
    ck_assert_int_eq(wakeups, 1);
    mci_listeners_free(l);
}
END_TEST

/* A removed listener is not called, and its queued events are dropped. */
START_TEST(test_removed_listener_is_never_called)
{
    mci_listeners *l = mci_listeners_new();
    seen s = {0};
    uint64_t t;
    mc_error err = MC_ERROR_INIT;
    mci_listeners_add(l, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_QUEUED, record, &s, &t, NULL);
    mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED};
    mci_listeners_emit(l, &ev);
    ck_assert_int_eq(mci_listeners_remove(l, t, &err), MC_OK);
    ck_assert_int_eq(mci_listeners_deliver(l), 0);
    ck_assert_int_eq(atomic_load(&s.calls), 0);
    ck_assert_int_eq(mci_listeners_remove(l, t, &err), MC_ERR_NOT_FOUND);
    mci_listeners_free(l);
}
END_TEST

/* Slow listener: removal from another thread waits until its running callback returns. */
static atomic_int slow_started, slow_finished;
static void slow(void *context, const mc_sync_event *ev)
{
    (void)context;
    (void)ev;
    atomic_store(&slow_started, 1);
    usleep(200 * 1000);
    atomic_store(&slow_finished, 1);
}

START_TEST(test_remove_waits_for_running_callback)
{
    mci_listeners *l = mci_listeners_new();
    uint64_t t;
    atomic_store(&slow_started, 0);
    atomic_store(&slow_finished, 0);
    mci_listeners_add(l, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_IMMEDIATE, slow, NULL, &t, NULL);
    pthread_t emitter;
    pthread_create(&emitter, NULL, emit_from_thread, l);
    while (!atomic_load(&slow_started))
        usleep(1000);
    ck_assert_int_eq(mci_listeners_remove(l, t, NULL), MC_OK);
    ck_assert_int_eq(atomic_load(&slow_finished), 1);
    pthread_join(emitter, NULL);
    mci_listeners_free(l);
}
END_TEST

/* A listener may remove itself from its own callback without deadlock. */
typedef struct self_remover {
    mci_listeners *l;
    uint64_t token;
    int calls;
} self_remover;

static void remove_self(void *context, const mc_sync_event *ev)
{
    (void)ev;
    self_remover *r = context;
    r->calls++;
    ck_assert_int_eq(mci_listeners_remove(r->l, r->token, NULL), MC_OK);
}

START_TEST(test_listener_can_remove_itself)
{
    self_remover r = {mci_listeners_new(), 0, 0};
    mci_listeners_add(r.l, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_IMMEDIATE, remove_self, &r,
                      &r.token, NULL);
    mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED};
    mci_listeners_emit(r.l, &ev);
    mci_listeners_emit(r.l, &ev);
    ck_assert_int_eq(r.calls, 1);
    mci_listeners_free(r.l);
}
END_TEST

/* Bad registrations are refused with the argument named. */
START_TEST(test_bad_registration_is_named)
{
    mci_listeners *l = mci_listeners_new();
    seen s = {0};
    uint64_t t;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_listeners_add(l, 0, MC_DELIVER_QUEUED, record, &s, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "types"));
    ck_assert_int_eq(mci_listeners_add(l, 1u << 20, MC_DELIVER_QUEUED, record, &s, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mci_listeners_add(l, 1, MC_DELIVER_QUEUED, NULL, &s, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "fn"));
    ck_assert_int_eq(mci_listeners_add(l, 1, (mc_delivery)7, record, &s, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mci_listeners_add(l, 1, MC_DELIVER_QUEUED, record, &s, NULL, &err),
                     MC_ERR_INVALID_ARG);
    mci_listeners_free(l);
}
END_TEST

/* A queued upload event keeps its photo and ticket ids (copied) and its byte counts. */
typedef struct upload_seen {
    char photo_id[48], ticket_id[48];
    int64_t done, total;
    mc_sync_event_type type;
} upload_seen;

static void record_upload(void *context, const mc_sync_event *ev)
{
    upload_seen *s = context;
    snprintf(s->photo_id, sizeof s->photo_id, "%s", ev->photo_id);
    snprintf(s->ticket_id, sizeof s->ticket_id, "%s", ev->ticket_id);
    s->done = ev->done;
    s->total = ev->total;
    s->type = ev->type;
}

START_TEST(test_queued_upload_events_keep_their_ids)
{
    mci_listeners *l = mci_listeners_new();
    upload_seen s = {0};
    uint64_t t;
    ck_assert_int_eq(mci_listeners_add(l, MC_SYNC_EVENT_UPLOAD_PROGRESS, MC_DELIVER_QUEUED,
                                       record_upload, &s, &t, NULL),
                     MC_OK);
    char photo[] = "pho_1", ticket[] = "tkt_1";
    mc_sync_event ev = {.type = MC_SYNC_EVENT_UPLOAD_PROGRESS,
                        .photo_id = photo,
                        .ticket_id = ticket,
                        .done = 1048576,
                        .total = 3000000};
    mci_listeners_emit(l, &ev);
    photo[4] = ticket[4] = 'X'; /* the emitter's strings are gone by delivery time */
    ck_assert_int_eq(mci_listeners_deliver(l), 1);
    ck_assert_str_eq(s.photo_id, "pho_1");
    ck_assert_str_eq(s.ticket_id, "tkt_1");
    ck_assert_int_eq(s.done, 1048576);
    ck_assert_int_eq(s.total, 3000000);
    ck_assert_int_eq(s.type, MC_SYNC_EVENT_UPLOAD_PROGRESS);
    mci_listeners_free(l);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("listeners");
    TCase *tc = tcase_create("threads");
    tcase_add_test(tc, test_immediate_on_emitter_queued_on_deliverer);
    tcase_add_test(tc, test_types_filter_and_strings_never_null);
    tcase_add_test(tc, test_queued_events_own_their_strings);
    tcase_add_test(tc, test_wakeup_fires_for_queued_events);
    tcase_add_test(tc, test_removed_listener_is_never_called);
    tcase_add_test(tc, test_remove_waits_for_running_callback);
    tcase_add_test(tc, test_listener_can_remove_itself);
    tcase_add_test(tc, test_bad_registration_is_named);
    tcase_add_test(tc, test_queued_upload_events_keep_their_ids);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
