/*
 * tests/integration/test_uploads.c - ticket photos reach a real memberstub: after the ticket,
 * each exactly once (with the fault injector on too), with progress events in order; an
 * upload cut by kill -9 at 70% goes on from where it stopped in a new process; a photo whose
 * bytes do not match its declaration is refused and reported; the photos of a ticket the
 * server refused are never sent; a pause stops the background thread between chunks.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sync_helpers.h"
#include "tempdir.h"
#include "upload_helpers.h"

#define MEMBER "+919800000001"
#define CHUNK  (1024 * 1024)

/* What the listener saw. */
typedef struct seen_event {
    mc_sync_event_type type;
    char photo_id[UPLOAD_ID_MAX], ticket_id[UPLOAD_ID_MAX], server_code[64], message[256];
    int64_t done, total;
} seen_event;

typedef struct recorder {
    seen_event events[512];
    int count;
} recorder;

static void record(void *context, const mc_sync_event *ev)
{
    recorder *r = context;
    if (r->count >= (int)(sizeof r->events / sizeof r->events[0]))
        return;
    seen_event *s = &r->events[r->count++];
    s->type = ev->type;
    snprintf(s->photo_id, sizeof s->photo_id, "%s", ev->photo_id);
    snprintf(s->ticket_id, sizeof s->ticket_id, "%s", ev->ticket_id);
    snprintf(s->server_code, sizeof s->server_code, "%s", ev->server_code);
    snprintf(s->message, sizeof s->message, "%s", ev->message ? ev->message : "");
    s->done = ev->done;
    s->total = ev->total;
}

static void listen(mc_client *client, recorder *into)
{
    uint64_t token;
    memset(into, 0, sizeof *into);
    ck_assert_int_eq(
        mc_sync_listener_add(client, MC_SYNC_EVENT_UPLOAD_PROGRESS | MC_SYNC_EVENT_UPLOAD_FAILED,
                             MC_DELIVER_IMMEDIATE, record, into, &token, NULL),
        MC_OK);
}

/* Each test's world (checked fixture): a memberstub, the member's store in dir signed in and
 * synced once, a folder for the photo files, and the events the client emitted. */
static stub_process *stub;
static char *dir, *files;
static mc_client *c;
static recorder *r;

static void setup(void)
{
    stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    dir = tempdir_new();
    files = tempdir_new();
    c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, MEMBER);
    ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
    r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    listen(c, r);
}

static void teardown(void)
{
    mc_client_free(c);
    c = NULL;
    free(r);
    tempdir_free(files);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);
}

/* A photo file of bytes in dir, its path into path. */
static void make_photo(const char *folder, const char *name, int64_t bytes, uint32_t seed,
                       char path[4096], char sha[65])
{
    snprintf(path, 4096, "%s/%s", folder, name);
    upload_make_jpeg(path, bytes, seed, sha);
}

/* The progress events of photo_id: strictly increasing, the last one done == total == bytes,
 * first_done_min <= the first one; returns how many. */
static int check_progress(const char *photo_id, const char *ticket_id, int64_t bytes,
                          int64_t first_done_min)
{
    int n = 0;
    int64_t last = -1;
    for (int i = 0; i < r->count; i++) {
        const seen_event *e = &r->events[i];
        if (e->type != MC_SYNC_EVENT_UPLOAD_PROGRESS || strcmp(e->photo_id, photo_id) != 0)
            continue;
        ck_assert_str_eq(e->ticket_id, ticket_id);
        ck_assert_int_eq(e->total, bytes);
        if (n == 0)
            ck_assert_int_ge(e->done, first_done_min);
        ck_assert_msg(e->done > last, "progress of %s went from %lld to %lld", photo_id,
                      (long long)last, (long long)e->done);
        last = e->done;
        n++;
    }
    ck_assert_msg(n > 0, "no progress event for %s", photo_id);
    ck_assert_int_eq(last, bytes);
    return n;
}

static bool all_done(const upload_ticket *t)
{
    for (int i = 0; i < t->photo_count; i++) {
        char state[16], local[4096];
        int64_t sent;
        upload_local_row(dir, t->photo_ids[i], state, &sent, local);
        if (strcmp(state, "done") != 0)
            return false;
    }
    return true;
}

/* The photo is on the server, whole, once: complete, the same sha256 read back (by the
 * building's staff), one timeline entry; the local copy is gone. */
static void check_delivered(const upload_ticket *t, int i, int64_t bytes, const char *sha,
                            const char *staff_token)
{
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t->photo_ids[i], &stats));
    ck_assert(stats.complete);
    ck_assert_int_eq(stats.received, bytes);
    char server_sha[65];
    ck_assert(upload_server_photo_sha256(stub, staff_token, t->id, t->photo_ids[i], server_sha));
    ck_assert_str_eq(server_sha, sha);
    char state[16], local[4096];
    int64_t sent;
    upload_local_row(dir, t->photo_ids[i], state, &sent, local);
    ck_assert_str_eq(state, "done");
    ck_assert_int_eq(sent, bytes);
    struct stat info;
    ck_assert_msg(stat(local, &info) != 0, "the local copy %s is still there", local);

    char sql[300];
    sqlite3 *db = upload_open_db(stub_dir(stub), "stub.db");
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM ticket_entries WHERE type = 'photo' AND photo_id = '%s'",
             t->photo_ids[i]);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(stmt, 0), 1);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

START_TEST(test_photos_upload_once_with_progress_in_order)
{

    int64_t sizes[2] = {2 * CHUNK + 12345, 300000};
    char paths[2][4096], shas[2][65];
    for (int i = 0; i < 2; i++)
        make_photo(files, i ? "b.jpg" : "a.jpg", sizes[i], 10 + (uint32_t)i, paths[i], shas[i]);
    const char *list[2] = {paths[0], paths[1]};
    upload_ticket t;
    upload_file_ticket(c, dir, list, 2, &t);
    upload_stats declared;
    ck_assert(!upload_server_stats(stub, t.photo_ids[0], &declared)); /* filed offline: not there */
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);

    char staff[128];
    ck_assert_int_eq(stub_sign_in(stub, "+919800000010", staff, sizeof staff), 0);
    for (int i = 0; i < 2; i++) {
        int events = check_progress(t.photo_ids[i], t.id, sizes[i], 1);
        int chunks = (int)((sizes[i] + CHUNK - 1) / CHUNK);
        ck_assert_int_eq(events, chunks); /* one per confirmed 1 MiB chunk */
        upload_stats stats;
        ck_assert(upload_server_stats(stub, t.photo_ids[i], &stats));
        ck_assert_int_eq(stats.requests, chunks);
        ck_assert_int_eq(stats.bytes_received_total, sizes[i]);
        check_delivered(&t, i, sizes[i], shas[i], staff);
    }
    /* In the order they were given: every event of the first before the second's. */
    ck_assert_str_eq(r->events[0].photo_id, t.photo_ids[0]);
    ck_assert_str_eq(r->events[r->count - 1].photo_id, t.photo_ids[1]);

    /* Another member cannot read it, nor ask for its upload. */
    char other[128];
    ck_assert_int_eq(stub_sign_in(stub, "+919800000002", other, sizeof other), 0);
    char sha[65], path[300];
    ck_assert(!upload_server_photo_sha256(stub, other, t.id, t.photo_ids[0], sha));
    snprintf(path, sizeof path, "/v1/tickets/%s/photos/%s/upload", t.id, t.photo_ids[0]);
    ck_assert_int_eq(stub_request(stub, "GET", path, NULL, other, NULL), 404);

    /* Nothing is sent again. */
    int before = r->count;
    ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
    ck_assert_int_eq(r->count, before);
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert_int_eq(stats.requests, 3);
}
END_TEST

START_TEST(test_photos_arrive_exactly_once_under_faults)
{

    enum { PHOTOS = 3 };
    int64_t bytes = 3 * CHUNK + 777;
    char paths[PHOTOS][4096], shas[PHOTOS][65];
    const char *list[PHOTOS];
    for (int i = 0; i < PHOTOS; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%d.jpg", i);
        make_photo(files, name, bytes, 40 + (uint32_t)i, paths[i], shas[i]);
        list[i] = paths[i];
    }
    upload_ticket t;
    upload_file_ticket(c, dir, list, PHOTOS, &t);

    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults",
                                  "{\"rate\":0.35,\"seed\":11,\"delay_ms\":20}", NULL, NULL),
                     200);
    int rounds = 0;
    while (!all_done(&t) && rounds < 80) {
        mc_sync_once(c, NULL, NULL);
        rounds++;
    }
    char *faults = NULL;
    ck_assert_int_eq(stub_request(stub, "GET", "/v1/test/faults", NULL, NULL, &faults), 200);
    cJSON *fj = cJSON_Parse(faults);
    int injected = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(fj, "total_injected"));
    fprintf(stderr, "uploads under faults: %d rounds, %d faults injected\n", rounds, injected);
    cJSON_Delete(fj);
    free(faults);
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults", "{\"rate\":0}", NULL, NULL),
                     200);
    ck_assert_msg(all_done(&t), "uploads not done after %d rounds", rounds);
    ck_assert_int_gt(injected, 0);

    char staff[128];
    ck_assert_int_eq(stub_sign_in(stub, "+919800000010", staff, sizeof staff), 0);
    for (int i = 0; i < PHOTOS; i++) {
        check_progress(t.photo_ids[i], t.id, bytes, 1);
        check_delivered(&t, i, bytes, shas[i], staff);
    }
    for (int i = 0; i < r->count; i++)
        ck_assert_int_eq(r->events[i].type, MC_SYNC_EVENT_UPLOAD_PROGRESS);
}
END_TEST

START_TEST(test_upload_cut_by_kill_9_resumes_where_it_stopped)
{
    const char *child = getenv("UPLOAD_CRASH_CHILD");
    ck_assert_msg(child != NULL, "UPLOAD_CRASH_CHILD is not set");
    int64_t bytes = 8 * CHUNK;
    char path[4096], sha[65];
    make_photo(files, "big.jpg", bytes, 99, path, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket(c, dir, list, 1, &t);
    mc_client_free(c);
    c = NULL;

    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execl(child, child, dir, stub_url(stub), (char *)NULL);
        _exit(127);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the child was not killed (status %d)", status);

    upload_stats cut;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &cut));
    ck_assert(!cut.complete);
    ck_assert_int_gt(cut.received * 10, bytes * 7);
    ck_assert_int_lt(cut.received, bytes);
    char state[16], local[4096];
    int64_t sent;
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    ck_assert_str_eq(state, "waiting");
    ck_assert_int_eq(sent, cut.received); /* recorded before the kill */

    c = helper_open_client(dir, stub_url(stub));
    listen(c, r);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    /* The new process started at the server's received, not at 0. */
    check_progress(t.photo_ids[0], t.id, bytes, cut.received + 1);
    upload_stats done;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &done));
    fprintf(stderr, "kill -9 at %lld of %lld bytes; %lld bytes sent in all\n",
            (long long)cut.received, (long long)bytes, (long long)done.bytes_received_total);
    ck_assert(done.complete);
    ck_assert_int_lt(done.bytes_received_total * 2, bytes * 3); /* < 1.5 x: no restart */
    char staff[128];
    ck_assert_int_eq(stub_sign_in(stub, "+919800000010", staff, sizeof staff), 0);
    check_delivered(&t, 0, bytes, sha, staff);
}
END_TEST

/* What the member reads: the ticket's one photo failed with the reason the failure event
 * gave, nothing waiting to upload, in the ticket and in the list. */
static void check_photo_shows_failed(const upload_ticket *t, const seen_event *failure)
{
    mc_ticket *ticket = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_get(c, t->id, &ticket, &err) == MC_OK, "get: %s", err.message);
    ck_assert_uint_eq(ticket->photo_count, 1);
    const mc_ticket_photo *p = &ticket->photos[0];
    ck_assert_str_eq(p->id, t->photo_ids[0]);
    ck_assert(p->failed);
    ck_assert(!p->uploaded);
    ck_assert_str_ne(failure->message, "");
    ck_assert_str_eq(p->failure, failure->message);
    ck_assert_str_eq(p->local_path, ""); /* the copy is gone */
    ck_assert_int_eq(ticket->photos_waiting, 0);
    ck_assert_int_eq(ticket->photos_failed, 1);
    mc_ticket_free(ticket);

    mc_ticket_list *list = NULL;
    ck_assert_int_eq(mc_tickets_page(c, NULL, &list, NULL), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_int_eq(list->items[0].photos_waiting, 0);
    ck_assert_int_eq(list->items[0].photos_failed, 1);
    mc_ticket_list_free(list);
}

START_TEST(test_corrupt_photo_is_refused_and_reported)
{
    int64_t bytes = CHUNK + 5000;
    char path[4096], sha[65];
    make_photo(files, "x.jpg", bytes, 7, path, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket(c, dir, list, 1, &t);
    /* The library's copy changes after filing (same size, other bytes). */
    char state[16], local[4096];
    int64_t sent;
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    char other_sha[65];
    upload_make_jpeg(local, bytes, 8, other_sha);

    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
    const seen_event *last = &r->events[r->count - 1];
    ck_assert_int_eq(last->type, MC_SYNC_EVENT_UPLOAD_FAILED);
    ck_assert_str_eq(last->photo_id, t.photo_ids[0]);
    ck_assert_str_eq(last->ticket_id, t.id);
    ck_assert_str_eq(last->server_code, "photo_corrupt");
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    ck_assert_str_eq(state, "failed");
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert(!stats.complete);
    ck_assert_int_eq(stats.received, 0);
    /* Not sent again. */
    int requests = (int)stats.requests;
    ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert_int_eq(stats.requests, requests);
    check_photo_shows_failed(&t, last);
}
END_TEST

START_TEST(test_photos_of_a_refused_ticket_fail_unsent)
{
    char path[4096], sha[65];
    make_photo(files, "y.jpg", 200000, 3, path, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket_in(dir, "cleaning.nowhere", list, 1, &t);

    ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
    ck_assert_int_eq(r->count, 1);
    ck_assert_int_eq(r->events[0].type, MC_SYNC_EVENT_UPLOAD_FAILED);
    ck_assert_str_eq(r->events[0].photo_id, t.photo_ids[0]);
    ck_assert_str_eq(r->events[0].server_code, "unknown_category");
    char state[16], local[4096];
    int64_t sent;
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    ck_assert_str_eq(state, "failed");
    ck_assert_int_eq(sent, 0);
    upload_stats stats;
    ck_assert(!upload_server_stats(stub, t.photo_ids[0], &stats)); /* never declared there */
    /* The refused filing is not among the member's tickets (MC_SYNC_EVENT_MUTATION_REJECTED
     * told them why), so its photo reads nowhere as waiting to upload. */
    mc_ticket *ticket = NULL;
    ck_assert_int_eq(mc_ticket_get(c, t.id, &ticket, NULL), MC_ERR_NOT_FOUND);
    mc_ticket_list *tickets = NULL;
    ck_assert_int_eq(mc_tickets_page(c, NULL, &tickets, NULL), MC_OK);
    ck_assert_uint_eq(tickets->count, 0);
    mc_ticket_list_free(tickets);
}
END_TEST

/* The background thread's round, watched: progress pauses sync at its first chunk. */
typedef struct watch {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    mc_client *client;
    int progress;
    bool finished; /* the photo's last progress event (done == total) */
    bool pause_at_first;
} watch;

static void on_watched(void *context, const mc_sync_event *ev)
{
    watch *w = context;
    pthread_mutex_lock(&w->lock);
    if (ev->type == MC_SYNC_EVENT_UPLOAD_PROGRESS) {
        w->progress++;
        w->finished = ev->done == ev->total;
        if (w->progress == 1 && w->pause_at_first)
            mc_sync_pause(w->client);
    }
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
}

/* Wait (at most 60 s) until the background thread is not syncing and, with want_finished,
 * the photo's last event came. */
static void wait_round(watch *w, bool want_finished)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 60;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        mc_sync_status status;
        ck_assert_int_eq(mc_sync_status_get(w->client, &status, NULL), MC_OK);
        bool idle = status.state != MC_SYNC_SYNCING && w->progress > 0;
        if (idle && (!want_finished || w->finished))
            break;
        ck_assert_msg(pthread_cond_timedwait(&w->changed, &w->lock, &deadline) == 0,
                      "the background round did not end in 60 s");
    }
    pthread_mutex_unlock(&w->lock);
}

/* Watch the client's background round and start it: it pauses at its first chunk when
 * w->pause_at_first; returns once that round is over, with the listener's token. */
static uint64_t watch_start(watch *w)
{
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->changed, NULL);
    uint64_t token;
    ck_assert_int_eq(mc_sync_listener_add(
                         w->client, MC_SYNC_EVENT_UPLOAD_PROGRESS | MC_SYNC_EVENT_STATUS_CHANGED,
                         MC_DELIVER_IMMEDIATE, on_watched, w, &token, NULL),
                     MC_OK);
    ck_assert_int_eq(mc_sync_start(w->client, NULL), MC_OK);
    wait_round(w, false);
    return token;
}

/* Stop the thread and the watching. */
static void watch_end(watch *w, uint64_t token)
{
    mc_sync_stop(w->client);
    ck_assert_int_eq(mc_sync_listener_remove(w->client, token, NULL), MC_OK);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
}

START_TEST(test_pause_stops_an_upload_between_chunks)
{
    int64_t bytes = 4 * CHUNK;
    char path[4096], sha[65];
    make_photo(files, "p.jpg", bytes, 21, path, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket(c, dir, list, 1, &t);

    watch w = {.client = c, .pause_at_first = true};
    uint64_t token = watch_start(&w);
    /* Paused after the first chunk: no other chunk went. */
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert_int_eq(stats.received, CHUNK);
    ck_assert_int_eq(stats.requests, 1);
    pthread_mutex_lock(&w.lock);
    ck_assert_int_eq(w.progress, 1);
    w.pause_at_first = false;
    pthread_mutex_unlock(&w.lock);

    mc_sync_resume(c); /* goes on from the server's received */
    wait_round(&w, true);
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert(stats.complete);
    ck_assert_int_eq(stats.bytes_received_total, bytes);
    watch_end(&w, token);
}
END_TEST

/* Asha's photo, cut after one chunk, waits for Asha: Vikram signing in on the same device
 * neither sends it (the server would refuse it as not his) nor fails it; Asha's next
 * session finishes it from where it stopped. */
START_TEST(test_a_members_photo_waits_for_their_own_session)
{
    int64_t bytes = 3 * CHUNK;
    char path[4096], sha[65];
    make_photo(files, "own.jpg", bytes, 31, path, sha);
    const char *list[1] = {path};
    upload_ticket t;
    upload_file_ticket(c, dir, list, 1, &t);

    watch w = {.client = c, .pause_at_first = true};
    uint64_t token = watch_start(&w);
    watch_end(&w, token);
    mc_sync_resume(c);
    upload_stats stats;
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert_int_eq(stats.received, CHUNK);
    int64_t requests = stats.requests;

    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_auth_logout(c, &err) == MC_OK, "logout: %s", err.message);
    helper_sign_in(c, stub, "+919800000002");
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "Vikram's sync: %s", err.message);
    char state[16], local[4096];
    int64_t sent;
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    ck_assert_str_eq(state, "waiting");
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert_int_eq(stats.requests, requests);

    ck_assert_msg(mc_auth_logout(c, &err) == MC_OK, "logout: %s", err.message);
    /* Past the 30 s between two codes to one phone. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    ck_assert_int_eq(stub_set_clock(stub, (int64_t)now.tv_sec * 1000 + 120000), 0);
    helper_sign_in(c, stub, MEMBER);
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "Asha's sync: %s", err.message);
    upload_local_row(dir, t.photo_ids[0], state, &sent, local);
    ck_assert_str_eq(state, "done");
    ck_assert(upload_server_stats(stub, t.photo_ids[0], &stats));
    ck_assert(stats.complete);
    ck_assert_int_eq(stats.bytes_received_total, bytes);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("uploads");
    TCase *tc = tcase_create("uploads");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_photos_upload_once_with_progress_in_order);
    tcase_add_test(tc, test_photos_arrive_exactly_once_under_faults);
    tcase_add_test(tc, test_upload_cut_by_kill_9_resumes_where_it_stopped);
    tcase_add_test(tc, test_corrupt_photo_is_refused_and_reported);
    tcase_add_test(tc, test_photos_of_a_refused_ticket_fail_unsent);
    tcase_add_test(tc, test_pause_stops_an_upload_between_chunks);
    tcase_add_test(tc, test_a_members_photo_waits_for_their_own_session);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
