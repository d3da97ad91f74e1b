/*
 * sync/engine.c - sync rounds (push everything, then pull to the head), the background
 * thread that schedules them, and the status the app shows.
 *
 * Locks, outermost first: `round` (one round at a time), then the client's
 * `lock` (the store), or the engine's `lock` (its fields). Listeners are
 * never called with the engine's or the client's lock held.
 */
#include "sync/engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account/account.h"
#include "account/session.h"
#include "sync/after_round.h"
#include "store/store.h"
#include "sync/backoff.h"
#include "sync/kinds.h"
#include "sync/listeners.h"
#include "sync/outbox.h"
#include "sync/pull.h"
#include "sync/push.h"
#include "sync/uploads.h"
#include "util/error.h"
#include "util/strutil.h"

/* While idle and online, look for server changes this often. */
#define IDLE_POLL_MS 60000

struct mci_sync {
    pthread_mutex_t round;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* on CLOCK_MONOTONIC */
    pthread_t thread;
    bool started, stop, triggered, paused, reachable;
    int failures;
    /* The pull page size, shrunk by timeouts (used under `round`). */
    mci_page_size page_size;
    int64_t next_attempt_mono; /* 0: nothing scheduled */
    mc_sync_state state;
    mci_listeners *listeners;
};

/* The client whose background sync thread this thread is, if any. */
static _Thread_local const mc_client *sync_thread_of;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *mc_sync_state_name(mc_sync_state state)
{
    static const char *const names[] = {"idle", "syncing", "offline", "paused", "signed_out"};
    return (unsigned)state < sizeof names / sizeof *names ? names[state] : "unknown";
}

mc_status mci_sync_new(mci_sync **out, mc_error *err)
{
    mci_sync *s = calloc(1, sizeof *s);
    if (s == NULL || (s->listeners = mci_listeners_new()) == NULL) {
        free(s);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory creating the sync engine");
    }
    pthread_mutex_init(&s->round, NULL);
    pthread_mutex_init(&s->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&s->wake, &attr);
    pthread_condattr_destroy(&attr);
    s->reachable = true;
    s->state = MC_SYNC_IDLE;
    mci_page_size_init(&s->page_size);
    *out = s;
    return MC_OK;
}

void mci_sync_free(mc_client *c, mci_sync *s)
{
    if (s == NULL)
        return;
    mci_sync_stop_thread(c);
    mci_listeners_free(s->listeners);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->round);
    free(s);
}

void mci_sync_emit(mc_client *c, const mc_sync_event *ev)
{
    mci_listeners_emit(c->sync->listeners, ev);
}

static void set_state(mc_client *c, mc_sync_state state)
{
    mci_sync *s = c->sync;
    pthread_mutex_lock(&s->lock);
    bool changed = s->state != state;
    s->state = state;
    pthread_mutex_unlock(&s->lock);
    if (changed) {
        mc_sync_event ev = {.type = MC_SYNC_EVENT_STATUS_CHANGED};
        mci_sync_emit(c, &ev);
    }
}

mc_status mci_sync_write(mc_client *c, mci_write_fn write, void *arg, uint32_t kinds, mc_error *err)
{
    char *user_id = NULL;
    bool queued = false;
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_session_signed_in(c)
                       ? mci_account_user_id(c->db, &user_id, err)
                       : mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    if (st == MC_OK)
        st = mci_store_begin(c->db, err);
    if (st == MC_OK) {
        st = write(c, user_id, arg, &queued, err);
        if (st == MC_OK)
            st = mci_store_commit(c->db, err);
        else
            mci_store_rollback(c->db);
    }
    pthread_mutex_unlock(&c->lock);
    free(user_id);
    if (st != MC_OK || !queued)
        return st;
    if (kinds != 0) {
        mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED, .kinds = kinds};
        mci_sync_emit(c, &ev);
    }
    mci_sync_trigger(c);
    return MC_OK;
}

/* Push everything, send the photos whose mutations were applied, then pull to the head.
 * err is never NULL here. */
static mc_status round_body(mc_client *c, mc_sync_report *report, mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    char *user_id = NULL;
    if (st == MC_OK) {
        pthread_mutex_lock(&c->lock);
        st = mci_account_user_id(c->db, &user_id, err);
        pthread_mutex_unlock(&c->lock);
    }
    int sent = 1;
    while (st == MC_OK && sent > 0)
        st = mci_push_batch(c, token, user_id, report, &sent, err);
    if (st == MC_OK)
        st = mci_uploads_run(c, token, report, err);
    bool has_more = st == MC_OK;
    mci_snapshot_progress progress = {false, 0, -1};
    while (st == MC_OK && has_more)
        st = mci_pull_next(c, token, user_id, &c->sync->page_size, report, &has_more, &progress,
                           err);
    if (st == MC_OK)
        mci_sync_after_round(c, report);
    if (st == MC_ERR_UNAUTHORIZED && err->http_status == 401) {
        mc_error ignored = MC_ERROR_INIT;
        mci_session_drop(c, &ignored);
        mc_sync_event ev = {.type = MC_SYNC_EVENT_SESSION_EXPIRED,
                            .code = MC_ERR_UNAUTHORIZED,
                            .message = "the session expired: sign in again"};
        mci_sync_emit(c, &ev);
    }
    memset(token, 0, sizeof token);
    free(user_id);
    return st;
}

static mc_status run_round(mc_client *c, mc_sync_report *report, mc_error *err)
{
    mci_sync *s = c->sync;
    mc_sync_report local = {0};
    pthread_mutex_lock(&s->round);
    set_state(c, MC_SYNC_SYNCING);
    mc_status st = round_body(c, &local, err);
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)(st == MC_OK ? mci_client_now(c) : st));
    pthread_mutex_lock(&c->lock);
    /* Best effort: the round's outcome for status in a later process. A round cut short by
     * mc_client_close (MC_ERR_CANCELLED) did not end: the last one's outcome stays. */
    if (st != MC_ERR_CANCELLED && mci_store_begin(c->db, NULL) == MC_OK) {
        if (st == MC_OK) {
            mci_meta_set(c->db, MCI_META_LAST_SYNC, text, NULL);
            mci_meta_delete(c->db, MCI_META_LAST_ERROR, NULL);
            mci_meta_delete(c->db, MCI_META_LAST_MESSAGE, NULL);
        } else {
            mci_meta_set(c->db, MCI_META_LAST_ERROR, text, NULL);
            mci_meta_set(c->db, MCI_META_LAST_MESSAGE, err->message, NULL);
        }
        mci_store_commit(c->db, NULL);
    }
    pthread_mutex_unlock(&c->lock);
    set_state(c, st == MC_OK                 ? MC_SYNC_IDLE
                 : st == MC_ERR_OFFLINE      ? MC_SYNC_OFFLINE
                 : st == MC_ERR_UNAUTHORIZED ? MC_SYNC_SIGNED_OUT
                                             : MC_SYNC_IDLE);
    pthread_mutex_unlock(&s->round);
    if (local.changed_kinds != 0) {
        mc_sync_event ev = {.type = MC_SYNC_EVENT_DATA_CHANGED, .kinds = local.changed_kinds};
        mci_sync_emit(c, &ev);
    }
    if (report != NULL)
        *report = local;
    return st;
}

mc_status mc_sync_once(mc_client *c, mc_sync_report *report, mc_error *err)
{
    MCI_ENTER(c, err);
    mc_error local = MC_ERROR_INIT;
    mc_status st = run_round(c, report, &local);
    if (st != MC_OK && err != NULL)
        *err = local;
    return st;
}

/* ---- The background thread ---------------------------------------------------- */

static void wait_until(mci_sync *s, int64_t deadline_mono)
{
    struct timespec ts = {.tv_sec = (time_t)(deadline_mono / 1000),
                          .tv_nsec = (long)(deadline_mono % 1000) * 1000000L};
    pthread_cond_timedwait(&s->wake, &s->lock, &ts);
}

static void *thread_main(void *arg)
{
    mc_client *c = arg;
    mci_sync *s = c->sync;
    sync_thread_of = c;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        int64_t now = mono_ms();
        bool due = s->triggered || (s->next_attempt_mono != 0 && now >= s->next_attempt_mono);
        if (s->paused || !s->reachable || !due) {
            if (!s->paused && s->reachable && s->next_attempt_mono != 0)
                wait_until(s, s->next_attempt_mono);
            else
                pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        s->triggered = false;
        pthread_mutex_unlock(&s->lock);

        mc_error err = MC_ERROR_INIT;
        mc_status st = run_round(c, NULL, &err);
        uint32_t jitter = 0;
        if (st != MC_OK)
            mci_client_random(c, (uint8_t *)&jitter, sizeof jitter, NULL);

        pthread_mutex_lock(&s->lock);
        now = mono_ms();
        if (st == MC_OK) {
            s->failures = 0;
            s->next_attempt_mono = now + IDLE_POLL_MS;
        } else if (st == MC_ERR_UNAUTHORIZED) {
            s->failures = 0;
            s->next_attempt_mono = 0; /* until a trigger (a new sign-in) */
        } else {
            /* Offline, network, 5xx, 429, storage: keep everything, retry later. */
            s->failures = s->failures < 30 ? s->failures + 1 : 30;
            s->next_attempt_mono = now + mci_backoff_ms(s->failures, jitter);
        }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

mc_status mc_sync_start(mc_client *c, mc_error *err)
{
    MCI_ENTER(c, err);
    mci_sync *s = c->sync;
    pthread_mutex_lock(&s->lock);
    mc_status st = MC_OK;
    if (!s->started) {
        s->stop = false;
        s->triggered = true;
        if (pthread_create(&s->thread, NULL, thread_main, c) != 0)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "cannot start the sync thread: %s",
                               strerror(errno));
        else
            s->started = true;
    }
    pthread_mutex_unlock(&s->lock);
    return st;
}

bool mci_sync_on_own_thread(const mc_client *c)
{
    return sync_thread_of == c;
}

void mci_sync_request_stop(mc_client *c)
{
    mci_sync *s = c->sync;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

void mc_sync_stop(mc_client *c)
{
    MCI_ENTER_OR(c, );
    mci_sync_stop_thread(c);
}

void mci_sync_stop_thread(mc_client *c)
{
    mci_sync *s = c->sync;
    pthread_mutex_lock(&s->lock);
    bool started = s->started;
    s->stop = true;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
    if (started) {
        pthread_join(s->thread, NULL);
        pthread_mutex_lock(&s->lock);
        s->started = false;
        s->next_attempt_mono = 0;
        pthread_mutex_unlock(&s->lock);
    }
}

/* Set a flag under the engine lock and wake the thread. */
static void poke(mc_client *c, bool *flag, bool value)
{
    mci_sync *s = c->sync;
    pthread_mutex_lock(&s->lock);
    *flag = value;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

bool mci_sync_should_yield(mc_client *c)
{
    mci_sync *s = c->sync;
    if (!mci_sync_on_own_thread(c))
        return false; /* an mc_sync_once the app asked for runs to its end */
    pthread_mutex_lock(&s->lock);
    bool yield = s->stop || s->paused;
    pthread_mutex_unlock(&s->lock);
    return yield;
}

void mci_sync_trigger(mc_client *c)
{
    poke(c, &c->sync->triggered, true);
}

void mc_sync_trigger(mc_client *c)
{
    MCI_ENTER_OR(c, );
    mci_sync_trigger(c);
}

void mc_sync_pause(mc_client *c)
{
    MCI_ENTER_OR(c, );
    poke(c, &c->sync->paused, true);
}

void mc_sync_resume(mc_client *c)
{
    MCI_ENTER_OR(c, );
    poke(c, &c->sync->paused, false);
    mci_sync_trigger(c);
}

void mc_sync_set_reachable(mc_client *c, bool reachable)
{
    MCI_ENTER_OR(c, );
    poke(c, &c->sync->reachable, reachable);
    if (reachable)
        mci_sync_trigger(c);
}

mc_status mc_sync_status_get(mc_client *c, mc_sync_status *out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    memset(out, 0, sizeof *out);
    mci_sync *s = c->sync;
    int64_t wait_ms = 0;
    pthread_mutex_lock(&s->lock);
    out->state = s->paused ? MC_SYNC_PAUSED : !s->reachable ? MC_SYNC_OFFLINE : s->state;
    out->running = s->started;
    if (s->started && s->next_attempt_mono != 0)
        wait_ms = s->next_attempt_mono - mono_ms();
    pthread_mutex_unlock(&s->lock);
    if (s->started && wait_ms != 0)
        out->next_attempt_ms = mci_client_now(c) + (wait_ms > 0 ? wait_ms : 0);
    if (!mci_session_signed_in(c))
        out->state = MC_SYNC_SIGNED_OUT;

    pthread_mutex_lock(&c->lock);
    mc_status st = mci_outbox_counts(c->db, &out->queue_depth, &out->rejected_count, err);
    char *value = NULL;
    if (st == MC_OK && mci_meta_get(c->db, MCI_META_LAST_SYNC, &value, NULL) == MC_OK) {
        out->last_sync_ms = strtoll(value, NULL, 10);
        free(value);
    }
    if (st == MC_OK && mci_meta_get(c->db, MCI_META_LAST_ERROR, &value, NULL) == MC_OK) {
        out->last_error = (mc_status)strtol(value, NULL, 10);
        free(value);
    }
    if (st == MC_OK && mci_meta_get(c->db, MCI_META_LAST_MESSAGE, &value, NULL) == MC_OK) {
        mci_strlcpy(out->last_error_message, value, sizeof out->last_error_message);
        free(value);
    }
    pthread_mutex_unlock(&c->lock);
    return st;
}

/* ---- Listeners (public) ------------------------------------------------------ */

mc_status mc_sync_listener_add(mc_client *c, uint32_t types, mc_delivery delivery,
                               mc_sync_listener_fn fn, void *context, uint64_t *token,
                               mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_listeners_add(c->sync->listeners, types, delivery, fn, context, token, err);
}

mc_status mc_sync_listener_remove(mc_client *c, uint64_t token, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_listeners_remove(c->sync->listeners, token, err);
}

int32_t mc_sync_deliver_queued(mc_client *c)
{
    MCI_ENTER_OR(c, 0);
    return mci_listeners_deliver(c->sync->listeners);
}

void mc_sync_set_wakeup(mc_client *c, mc_wakeup_fn fn, void *context)
{
    MCI_ENTER_OR(c, );
    mci_listeners_set_wakeup(c->sync->listeners, fn, context);
}
