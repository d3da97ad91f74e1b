/*
 * tests/integration/test_sync.c - the offline-first engine against a real memberstub on
 * loopback: first sync, writes offline then confirmed, refusals rolled back, session
 * expiry mid-push, the reset path, convergence across devices and members, and the
 * threads listeners run on.
 */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA        "+919800000001"
#define VIKRAM      "+919800000002"
#define OLIVIA      "+447700900001"
#define DEAD_SERVER "http://127.0.0.1:1"

static stub_process *stub;
static char *dir;

static void setup(void)
{
    stub = stub_start(true);
    ck_assert_msg(stub != NULL, "memberstub did not start");
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    int status = stub_stop(stub);
    ck_assert_msg(status == 0, "memberstub exited with status %d", status);
}

/* A recorder for listener events (any thread). */
typedef struct recorder {
    pthread_mutex_t lock;
    int rejected, expired, progress, data_changed;
    int64_t last_done, last_total;
    mc_status last_code;
    char last_server_code[48];
    char last_entity[64];
    pthread_t last_thread;
} recorder;

static void record(void *context, const mc_sync_event *ev)
{
    recorder *r = context;
    pthread_mutex_lock(&r->lock);
    r->last_thread = pthread_self();
    switch (ev->type) {
    case MC_SYNC_EVENT_MUTATION_REJECTED:
        r->rejected++;
        r->last_code = ev->code;
        snprintf(r->last_server_code, sizeof r->last_server_code, "%s", ev->server_code);
        snprintf(r->last_entity, sizeof r->last_entity, "%s", ev->entity_id);
        break;
    case MC_SYNC_EVENT_SESSION_EXPIRED:
        r->expired++;
        break;
    case MC_SYNC_EVENT_PROGRESS:
        r->progress++;
        r->last_done = ev->done;
        r->last_total = ev->total;
        break;
    case MC_SYNC_EVENT_DATA_CHANGED:
        r->data_changed++;
        break;
    default:
        break;
    }
    pthread_mutex_unlock(&r->lock);
}

static uint64_t listen_all(mc_client *c, recorder *r, mc_delivery delivery)
{
    memset(r, 0, sizeof *r);
    pthread_mutex_init(&r->lock, NULL);
    uint64_t token = 0;
    ck_assert_int_eq(mc_sync_listener_add(c, 0x1F, delivery, record, r, &token, NULL), MC_OK);
    return token;
}

static mc_event *find_event(mc_event_list *list, const char *id)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

static void expect_converged(const char *data_dir, const char *phone)
{
    cJSON *server = helper_server_view(stub, phone);
    cJSON *local = helper_local_view(data_dir);
    ck_assert_msg(cJSON_GetArraySize(server) > 0, "the server shows %s nothing", phone);
    ck_assert_msg(helper_views_equal(server, local), "%s's local data differs from the server's",
                  phone);
    cJSON_Delete(server);
    cJSON_Delete(local);
}

/* The first sync pulls a snapshot with progress, and the local data equals the server's. */
START_TEST(test_first_sync_pulls_snapshot_with_progress)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    recorder r;
    listen_all(c, &r, MC_DELIVER_IMMEDIATE);
    mc_sync_report report;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, &report, &err) == MC_OK, "%s", err.message);
    ck_assert_int_gt(report.pulled, 0);
    ck_assert(report.changed_kinds & MC_KIND_EVENT);
    ck_assert(report.changed_kinds & MC_KIND_NOTIFICATION);
    ck_assert(report.changed_kinds & MC_KIND_BUILDING);
    ck_assert(report.changed_kinds & MC_KIND_ROOM);
    ck_assert_int_ge(r.progress, 1);
    ck_assert_int_eq(r.last_done, report.pulled);
    ck_assert_int_ge(r.data_changed, 1);
    expect_converged(dir, ASHA);

    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    ck_assert_int_gt(events->count, 0);
    mc_event_list_free(events);
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(c, false, &inbox, &err), MC_OK);
    ck_assert_int_gt(inbox->count, 0);
    mc_notification_list_free(inbox);

    mc_sync_status status;
    ck_assert_int_eq(mc_sync_status_get(c, &status, &err), MC_OK);
    ck_assert_int_eq(status.state, MC_SYNC_IDLE);
    ck_assert_int_eq(status.queue_depth, 0);
    ck_assert_int_gt(status.last_sync_ms, 0);
    ck_assert_int_eq(status.last_error, MC_OK);

    /* A second sync with nothing new pulls nothing. */
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    ck_assert_int_eq(report.pulled, 0);
    mc_client_free(c);
}
END_TEST

/* Offline: an RSVP and a mark-read show at once as pending, survive a restart, and
 * are confirmed by the server exactly once when the network returns. */
START_TEST(test_offline_writes_pending_then_confirmed)
{
    char *event_id = helper_create_event(stub, "Diwali Meetup", 50);
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(c, true, &inbox, &err), MC_OK);
    ck_assert_int_gt(inbox->count, 0);
    char *note_id = strdup(inbox->items[0].id);
    int unread_before = inbox->unread_total;
    mc_notification_list_free(inbox);
    mc_client_free(c);

    /* In the basement: the server is unreachable. */
    c = helper_open_client(dir, DEAD_SERVER);
    ck_assert_int_eq(mc_event_rsvp(c, event_id, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(mc_notification_mark_read(c, note_id, &err), MC_OK);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    mc_event *ev = find_event(events, event_id);
    ck_assert_ptr_nonnull(ev);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_GOING);
    ck_assert(ev->pending);
    ck_assert_int_eq(ev->going_count, 1);
    mc_event_list_free(events);
    ck_assert_int_eq(mc_notifications_list(c, false, &inbox, &err), MC_OK);
    ck_assert_int_eq(inbox->unread_total, unread_before - 1);
    mc_notification_list_free(inbox);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_ERR_OFFLINE);
    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.queue_depth, 2);
    ck_assert_int_eq(status.state, MC_SYNC_OFFLINE);
    mc_client_free(c);

    /* Back online after a restart: pushed, confirmed, overlay replaced by truth. */
    c = helper_open_client(dir, stub_url(stub));
    mc_sync_report report;
    ck_assert_msg(mc_sync_once(c, &report, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(report.pushed, 2);
    ck_assert_int_eq(report.rejected, 0);
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    ev = find_event(events, event_id);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_GOING);
    ck_assert(!ev->pending);
    ck_assert_int_eq(ev->going_count, 1);
    mc_event_list_free(events);
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM outbox"), 0);
    char client_id[64];
    helper_client_id(dir, client_id);
    int total, max_count, keys;
    helper_effects(stub, client_id, &total, &max_count, &keys);
    ck_assert_int_eq(total, 2);
    ck_assert_int_eq(max_count, 1);
    expect_converged(dir, ASHA);
    mc_client_free(c);
    free(event_id);
    free(note_id);
}
END_TEST

/* A building-local date two days on (not a Sunday: BLR-1 is closed) into out. */
static void weekday_in_two_days(char out[11])
{
    time_t t = time(NULL) + 2 * 86400 + 19800; /* IST */
    struct tm day;
    gmtime_r(&t, &day);
    if (day.tm_wday == 0) {
        t += 86400;
        gmtime_r(&t, &day);
    }
    strftime(out, 11, "%Y-%m-%d", &day);
}

/* The server refuses a booking queued offline (another member took the block first): the
 * overlay is rolled back, the app is told why, the outbox shows the reason until dismissed. */
START_TEST(test_rejected_booking_rolls_back_and_tells_why)
{
    char date[11];
    weekday_in_two_days(date);
    mc_booking_request req = {"BLR-1-BOARD", date, "15:00", 1, NULL, 0, MC_PAY_CREDITS};
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    /* Asha books while offline; meanwhile Vikram takes the block */
    mc_booking *mine = NULL;
    ck_assert_msg(mc_booking_create(c, &req, &mine, &err) == MC_OK, "%s", err.message);
    char *sub = tempdir_path(dir, "vikram");
    mc_client *o = helper_open_client(sub, stub_url(stub));
    helper_sign_in(o, stub, VIKRAM);
    ck_assert_int_eq(mc_sync_once(o, NULL, &err), MC_OK);
    ck_assert_msg(mc_booking_create(o, &req, NULL, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(helper_sync_until_drained(o, 5), MC_OK);
    mc_client_free(o);
    free(sub);
    recorder r;
    listen_all(c, &r, MC_DELIVER_IMMEDIATE);
    mc_sync_report report;
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    ck_assert_int_eq(report.rejected, 1);
    ck_assert_int_eq(r.rejected, 1);
    ck_assert_int_eq(r.last_code, MC_ERR_CONFLICT);
    ck_assert_str_eq(r.last_server_code, "slot_taken");
    ck_assert_str_eq(r.last_entity, mine->id);
    ck_assert(pthread_equal(r.last_thread, pthread_self())); /* mc_sync_once's caller */

    mc_booking_list *bookings = NULL;
    ck_assert_int_eq(mc_bookings_list(c, 0, &bookings, &err), MC_OK);
    for (size_t i = 0; i < bookings->count; i++)
        ck_assert_str_ne(bookings->items[i].id, mine->id);
    mc_booking_list_free(bookings);

    mc_mutation_list *outbox = NULL;
    ck_assert_int_eq(mc_outbox_list(c, &outbox, &err), MC_OK);
    ck_assert_int_eq(outbox->count, 1);
    ck_assert_int_eq(outbox->items[0].state, MC_MUTATION_REJECTED);
    ck_assert_str_eq(outbox->items[0].error_server_code, "slot_taken");
    int64_t id = outbox->items[0].mutation_id;
    mc_mutation_list_free(outbox);
    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.rejected_count, 1);
    ck_assert_int_eq(status.queue_depth, 0);
    ck_assert_int_eq(mc_outbox_dismiss(c, id, &err), MC_OK);
    ck_assert_int_eq(mc_outbox_dismiss(c, id, &err), MC_ERR_NOT_FOUND);
    expect_converged(dir, ASHA);
    mc_booking_free(mine);
    mc_client_free(c);
}
END_TEST

/* An RSVP queued while the event still had room, which others fill meanwhile, is not refused:
 * the server puts the member first in line, and the device shows it after the sync. Going
 * again then queues nothing more. */
START_TEST(test_rsvp_to_an_event_filled_meanwhile_waits_in_line)
{
    char *event_id = helper_create_event(stub, "Founders Breakfast", 2);
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(c, event_id, MC_RSVP_GOING, &err), MC_OK);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    ck_assert_int_eq(find_event(events, event_id)->my_rsvp, MC_RSVP_GOING); /* room here */
    mc_event_list_free(events);
    const char *others[] = {VIKRAM, OLIVIA};
    for (int i = 0; i < 2; i++) {
        char *sub = tempdir_path(dir, i == 0 ? "vikram" : "olivia");
        mc_client *o = helper_open_client(sub, stub_url(stub));
        helper_sign_in(o, stub, others[i]);
        ck_assert_int_eq(mc_sync_once(o, NULL, &err), MC_OK);
        ck_assert_int_eq(mc_event_rsvp(o, event_id, MC_RSVP_GOING, &err), MC_OK);
        ck_assert_int_eq(mc_sync_once(o, NULL, &err), MC_OK);
        mc_client_free(o);
        free(sub);
    }
    mc_sync_report report;
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    ck_assert_int_eq(report.rejected, 0);
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    mc_event *ev = find_event(events, event_id);
    ck_assert_int_eq(ev->my_rsvp, MC_RSVP_WAITLISTED);
    ck_assert(!ev->pending);
    ck_assert_int_eq(ev->going_count, 2);
    ck_assert_int_eq(ev->waitlist_count, 1);
    ck_assert_int_eq(ev->waitlist_position, 1);
    mc_event_list_free(events);
    ck_assert_int_eq(mc_event_rsvp(c, event_id, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM outbox"), 0);
    expect_converged(dir, ASHA);
    mc_client_free(c);
    free(event_id);
}
END_TEST

/* The session expires with writes queued: sync stops, says so, keeps the outbox;
 * after signing in again the writes go through. */
START_TEST(test_session_expiry_mid_push_keeps_outbox)
{
    char *event_id = helper_create_event(stub, "Networking Hour", 40);
    /* the client's clock moves with the server's (an announcement expires meanwhile) */
    int64_t now = (int64_t)time(NULL) * 1000;
    mc_client *c = helper_open_client_at(dir, stub_url(stub), &now);
    helper_sign_in(c, stub, VIKRAM);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(c, event_id, MC_RSVP_GOING, &err), MC_OK);
    stub_advance_clock(stub, 31LL * 24 * 3600 * 1000);
    now += 31LL * 24 * 3600 * 1000;
    recorder r;
    listen_all(c, &r, MC_DELIVER_IMMEDIATE);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(r.expired, 1);
    ck_assert(!mc_auth_is_signed_in(c));
    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.state, MC_SYNC_SIGNED_OUT);
    ck_assert_int_eq(status.queue_depth, 1);
    helper_sign_in(c, stub, VIKRAM);
    mc_sync_report report;
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    ck_assert_int_eq(report.pushed, 1);
    expect_converged(dir, VIKRAM);
    mc_client_free(c);
    free(event_id);
}
END_TEST

/* The server can no longer serve the cursor: wipe, re-pull, keep the outbox. */
START_TEST(test_reset_repulls_snapshot_and_keeps_outbox)
{
    char *event_id = helper_create_event(stub, "Demo Day", 100);
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(c, event_id, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/sync/epoch", "{}", NULL, NULL), 200);
    char *later = helper_create_event(stub, "After the reset", 10);
    recorder r;
    listen_all(c, &r, MC_DELIVER_IMMEDIATE);
    mc_sync_report report;
    ck_assert_msg(mc_sync_once(c, &report, &err) == MC_OK, "%s", err.message);
    ck_assert(report.reset);
    ck_assert_int_eq(report.pushed, 1);
    ck_assert_int_ge(r.progress, 1);
    expect_converged(dir, ASHA);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_OK);
    ck_assert_ptr_nonnull(find_event(events, later));
    ck_assert_int_eq(find_event(events, event_id)->my_rsvp, MC_RSVP_GOING);
    mc_event_list_free(events);

    /* Compaction too. */
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/sync/compact", "{}", NULL, NULL), 200);
    free(helper_create_event(stub, "After compaction", 10));
    ck_assert_int_eq(mc_sync_once(c, &report, &err), MC_OK);
    expect_converged(dir, ASHA);
    mc_client_free(c);
    free(event_id);
    free(later);
}
END_TEST

/* Two devices of one member, and two members, converge on the same server state. */
START_TEST(test_two_devices_and_two_members_converge)
{
    char *event_id = helper_create_event(stub, "Yoga at noon", 30);
    char *phone_dir = tempdir_path(dir, "asha-phone");
    char *tablet_dir = tempdir_path(dir, "asha-tablet");
    char *vikram_dir = tempdir_path(dir, "vikram");
    mc_client *phone = helper_open_client(phone_dir, stub_url(stub));
    mc_client *tablet = helper_open_client(tablet_dir, stub_url(stub));
    mc_client *vikram = helper_open_client(vikram_dir, stub_url(stub));
    helper_sign_in(phone, stub, ASHA);
    stub_advance_clock(stub, 31 * 1000);
    helper_sign_in(tablet, stub, ASHA);
    helper_sign_in(vikram, stub, VIKRAM);
    mc_error err = MC_ERROR_INIT;
    mc_client *all[] = {phone, tablet, vikram};
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(mc_sync_once(all[i], NULL, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(phone, event_id, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(vikram, event_id, MC_RSVP_GOING, &err), MC_OK);
    ck_assert_int_eq(mc_event_rsvp(tablet, event_id, MC_RSVP_NOT_GOING, &err), MC_OK);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 3; i++)
            ck_assert_int_eq(mc_sync_once(all[i], NULL, &err), MC_OK);
    expect_converged(phone_dir, ASHA);
    expect_converged(tablet_dir, ASHA);
    expect_converged(vikram_dir, VIKRAM);
    /* The tablet's later "not going" wins for Asha; Vikram is going. */
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(phone, 0, &events, &err), MC_OK);
    ck_assert_int_eq(find_event(events, event_id)->my_rsvp, MC_RSVP_NOT_GOING);
    ck_assert_int_eq(find_event(events, event_id)->going_count, 1);
    mc_event_list_free(events);
    /* Members never see each other's inbox. */
    cJSON *asha = helper_local_view(phone_dir);
    cJSON *vik = helper_local_view(vikram_dir);
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, asha)
    {
        if (strncmp(item->string, "notification/", 13) == 0)
            ck_assert_msg(cJSON_GetObjectItemCaseSensitive(vik, item->string) == NULL,
                          "Vikram sees Asha's %s", item->string);
    }
    cJSON_Delete(asha);
    cJSON_Delete(vik);
    for (int i = 0; i < 3; i++)
        mc_client_free(all[i]);
    free(phone_dir);
    free(tablet_dir);
    free(vikram_dir);
    free(event_id);
}
END_TEST

/* The background thread syncs on its own; immediate listeners run on it, queued ones
 * on the thread that delivers them. */
typedef struct waiter {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int calls;
    pthread_t thread;
} waiter;

static void on_data(void *context, const mc_sync_event *ev)
{
    (void)ev;
    waiter *w = context;
    pthread_mutex_lock(&w->lock);
    w->calls++;
    w->thread = pthread_self();
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

static void wakeup(void *context)
{
    atomic_int *flag = context;
    atomic_store(flag, 1);
}

START_TEST(test_background_thread_and_listener_threads)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    waiter w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    recorder queued;
    uint64_t t1, t2;
    atomic_int woke = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_listener_add(c, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_IMMEDIATE,
                                          on_data, &w, &t1, &err),
                     MC_OK);
    t2 = listen_all(c, &queued, MC_DELIVER_QUEUED);
    mc_sync_set_wakeup(c, wakeup, &woke);
    ck_assert_int_eq(mc_sync_start(c, &err), MC_OK);
    ck_assert_int_eq(mc_sync_start(c, &err), MC_OK); /* twice is fine */

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 20;
    pthread_mutex_lock(&w.lock);
    while (w.calls == 0 && pthread_cond_timedwait(&w.cond, &w.lock, &deadline) == 0)
        ;
    int calls = w.calls;
    pthread_t thread = w.thread;
    pthread_mutex_unlock(&w.lock);
    ck_assert_msg(calls > 0, "the sync thread never reported data");
    ck_assert(!pthread_equal(thread, pthread_self()));

    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert(status.running);

    ck_assert(atomic_load(&woke));
    ck_assert_int_gt(mc_sync_deliver_queued(c), 0);
    ck_assert(pthread_equal(queued.last_thread, pthread_self()));

    mc_sync_pause(c);
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.state, MC_SYNC_PAUSED);
    mc_sync_resume(c);
    mc_sync_set_reachable(c, false);
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.state, MC_SYNC_OFFLINE);
    mc_sync_set_reachable(c, true);

    ck_assert_int_eq(mc_sync_listener_remove(c, t1, &err), MC_OK);
    ck_assert_int_eq(mc_sync_listener_remove(c, t2, &err), MC_OK);
    ck_assert_int_eq(mc_sync_listener_remove(c, t2, &err), MC_ERR_NOT_FOUND);
    mc_sync_stop(c);
    mc_sync_status_get(c, &status, NULL);
    ck_assert(!status.running);
    mc_client_free(c); /* also fine with the thread started and not stopped */
}
END_TEST

/* Closing a client with its sync thread running stops the thread cleanly. */
START_TEST(test_close_with_thread_running)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    ck_assert_int_eq(mc_sync_start(c, NULL), MC_OK);
    mc_sync_trigger(c);
    mc_client_free(c);
}
END_TEST

/* Not signed in: sync says so without calling the server. */
START_TEST(test_sync_signed_out_is_unauthorized)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_ERR_UNAUTHORIZED);
    mc_event_list *events = NULL;
    ck_assert_int_eq(mc_events_list(c, 0, &events, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_event_rsvp(c, "EVT", MC_RSVP_GOING, &err), MC_ERR_UNAUTHORIZED);
    ck_assert_int_eq(mc_event_rsvp(c, "EVT", MC_RSVP_NONE, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_event_rsvp(c, NULL, MC_RSVP_GOING, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_notification_mark_read(c, "", &err), MC_ERR_INVALID_ARG);
    mc_sync_status status;
    ck_assert_int_eq(mc_sync_status_get(c, &status, &err), MC_OK);
    ck_assert_int_eq(status.state, MC_SYNC_SIGNED_OUT);
    mc_client_free(c);
}
END_TEST

/* Logging out forgets the member's synced data; the next member starts clean. */
START_TEST(test_logout_forgets_synced_data)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_gt(helper_local_count(dir, "SELECT count(*) FROM entity"), 0);
    ck_assert_int_eq(mc_auth_logout(c, &err), MC_OK);
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM entity"), 0);
    helper_sign_in(c, stub, VIKRAM);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    expect_converged(dir, VIKRAM);
    mc_client_free(c);
}
END_TEST

/* A push token is queued like any write, reaches the server on sync, and is not
 * queued again when unchanged; bad tokens are refused locally. */
START_TEST(test_push_token_registers_through_sync)
{
    mc_client *c = helper_open_client(dir, DEAD_SERVER);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_FCM, "fcm-token-1", &err),
                     MC_ERR_UNAUTHORIZED);
    mc_client_free(c);
    c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, ASHA);
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_FCM, "fcm-token-1", &err), MC_OK);
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_FCM, "fcm-token-1", &err), MC_OK);
    mc_sync_status status;
    mc_sync_status_get(c, &status, NULL);
    ck_assert_int_eq(status.queue_depth, 1);
    ck_assert_int_eq(mc_push_token_register(c, (mc_push_provider)9, "x", &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "provider"));
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_APNS, "has space", &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_APNS, "", &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    char *body = NULL;
    ck_assert_int_eq(
        stub_request(stub, "GET", "/v1/test/push_tokens?phone=%2B919800000001", NULL, NULL, &body),
        200);
    ck_assert_msg(strstr(body, "\"fcm-token-1\"") != NULL, "tokens: %s", body);
    free(body);
    /* The OS rotates the token: the new one replaces it. */
    ck_assert_int_eq(mc_push_token_register(c, MC_PUSH_FCM, "fcm-token-2", &err), MC_OK);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_OK);
    ck_assert_int_eq(
        stub_request(stub, "GET", "/v1/test/push_tokens?phone=%2B919800000001", NULL, NULL, &body),
        200);
    ck_assert_ptr_null(strstr(body, "fcm-token-1"));
    ck_assert_ptr_nonnull(strstr(body, "fcm-token-2"));
    free(body);
    ck_assert_str_eq(mc_push_provider_name(MC_PUSH_APNS), "apns");
    mc_client_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync");
    TCase *tc = tcase_create("engine");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_first_sync_pulls_snapshot_with_progress);
    tcase_add_test(tc, test_offline_writes_pending_then_confirmed);
    tcase_add_test(tc, test_rejected_booking_rolls_back_and_tells_why);
    tcase_add_test(tc, test_rsvp_to_an_event_filled_meanwhile_waits_in_line);
    tcase_add_test(tc, test_session_expiry_mid_push_keeps_outbox);
    tcase_add_test(tc, test_reset_repulls_snapshot_and_keeps_outbox);
    tcase_add_test(tc, test_two_devices_and_two_members_converge);
    tcase_add_test(tc, test_background_thread_and_listener_threads);
    tcase_add_test(tc, test_close_with_thread_running);
    tcase_add_test(tc, test_sync_signed_out_is_unauthorized);
    tcase_add_test(tc, test_logout_forgets_synced_data);
    tcase_add_test(tc, test_push_token_registers_through_sync);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
