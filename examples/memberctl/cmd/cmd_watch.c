/*
 * cmd_watch.c - sync --watch: the background sync thread (mc_sync_start) as
 * a person watches it. Prints each event and every change of the status,
 * with the time, until Ctrl-C (SIGINT), SIGTERM or --seconds run out.
 */
#include "memberctl.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/sync_sink.h"
#include "parse/datetime.h"
#include "render/render.h"

/* How often the events queued for this thread are delivered. */
#define WATCH_TICK_MS 200

static volatile sig_atomic_t stop_signal = 0;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* The fields of a status worth a new line when they change (the human line
 * does not show `running`). */
static bool status_differs(const mc_sync_status *x, const mc_sync_status *y, bool with_running)
{
    return x->state != y->state || (with_running && x->running != y->running) ||
           x->queue_depth != y->queue_depth || x->rejected_count != y->rejected_count ||
           x->last_sync_ms != y->last_sync_ms || x->next_attempt_ms != y->next_attempt_ms ||
           x->last_error != y->last_error ||
           strcmp(x->last_error_message, y->last_error_message) != 0;
}

/* Print the status when it differs from *last (or always, when !*printed). */
static void watch_status(const app *a, mc_client *client, mc_sync_status *last, bool *printed)
{
    mc_sync_status now;
    memset(&now, 0, sizeof now);
    if (mc_sync_status_get(client, &now, NULL) != MC_OK)
        return;
    if (*printed && !status_differs(&now, last, a->json))
        return;
    *last = now;
    *printed = true;
    render_watch_status(a, &now);
    fflush(stdout);
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL); /* a signal cuts it short: the loop checks */
}

int sync_watch(app *a, mc_client *client, int32_t seconds)
{
    event_sink sink = {.mode = a->json ? SINK_JSON_LINES : SINK_HUMAN, .timestamps = true};
    pthread_mutex_init(&sink.lock, NULL);
    sync_sink_name_photos(&sink, client);
    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(
        client, MC_SYNC_EVENT_DATA_CHANGED | MC_SYNC_EVENT_STATUS_CHANGED | SYNC_SINK_EVENTS,
        MC_DELIVER_QUEUED, sync_sink_deliver, &sink, &token, &err);
    if (st != MC_OK) {
        sync_sink_free(&sink);
        pthread_mutex_destroy(&sink.lock);
        return out_core_error(a, st, &err);
    }

    /* SIGINT and SIGTERM set a flag. They are blocked while the sync thread
     * is created, so that it inherits the block and they reach this thread. */
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigset_t stop_set, old_set;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGINT);
    sigaddset(&stop_set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_set, &old_set);
    st = mc_sync_start(client, &err);
    pthread_sigmask(SIG_SETMASK, &old_set, NULL);
    if (st != MC_OK) {
        mc_sync_listener_remove(client, token, NULL);
        sync_sink_free(&sink);
        pthread_mutex_destroy(&sink.lock);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        return out_core_error(a, st, &err);
    }

    render_watch_started(a, seconds);
    fflush(stdout);

    mc_sync_status last;
    bool printed = false;
    watch_status(a, client, &last, &printed);
    int64_t deadline =
        datetime_clock_ms(CLOCK_MONOTONIC) + (int64_t)(seconds >= 0 ? seconds : 0) * 1000;
    while (stop_signal == 0) {
        int64_t tick = WATCH_TICK_MS;
        if (seconds >= 0) {
            int64_t left = deadline - datetime_clock_ms(CLOCK_MONOTONIC);
            if (left <= 0)
                break;
            tick = left < tick ? left : tick;
        }
        sleep_ms(tick);
        mc_sync_deliver_queued(client);
        if (sink.status_dirty) {
            sink.status_dirty = false;
            watch_status(a, client, &last, &printed);
        }
    }

    /* Stop (a round in progress finishes first), then show what it did. */
    mc_sync_stop(client);
    mc_sync_deliver_queued(client);
    watch_status(a, client, &last, &printed);
    mc_sync_listener_remove(client, token, NULL);
    sync_sink_free(&sink);
    pthread_mutex_destroy(&sink.lock);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    const char *why = stop_signal == SIGINT    ? "SIGINT"
                      : stop_signal == SIGTERM ? "SIGTERM"
                                               : "time is up";
    render_watch_stopped(a, why);
    if (sink.out_of_memory)
        fprintf(stderr, "memberctl: no_memory: some events could not be shown\n");
    return MEMBERCTL_EXIT_OK;
}
