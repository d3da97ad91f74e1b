/* sync/listeners.c - sync event listeners: registration, immediate calls, a queue for host threads.
 */
#include "sync/listeners.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

typedef struct listener {
    uint64_t token;
    uint32_t types;
    mc_delivery delivery;
    mc_sync_listener_fn fn;
    void *context;
    int running;       /* callbacks of this listener in progress */
    bool free_on_idle; /* removed from its own callback: the last call frees it */
    struct listener *next;
} listener;

/* A queued event owns copies of its strings. */
typedef struct queued {
    uint64_t token;
    mc_sync_event ev;
    struct queued *next;
} queued;

struct mci_listeners {
    pthread_mutex_t lock;
    pthread_cond_t idle; /* signalled when a callback returns */
    listener *head;
    uint64_t next_token;
    queued *queue_head, *queue_tail;
    mc_wakeup_fn wakeup;
    void *wakeup_context;
};

/* The listener whose callback this thread is running, if any: removing it
 * from inside its own callback must not wait for itself. */
static _Thread_local const listener *in_callback;

mci_listeners *mci_listeners_new(void)
{
    mci_listeners *l = calloc(1, sizeof *l);
    if (l == NULL)
        return NULL;
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->idle, NULL);
    l->next_token = 1;
    return l;
}

static void free_queued(queued *q)
{
    free((char *)q->ev.mutation_kind);
    free((char *)q->ev.entity_id);
    free((char *)q->ev.server_code);
    free((char *)q->ev.message);
    free((char *)q->ev.photo_id);
    free((char *)q->ev.ticket_id);
    free(q);
}

void mci_listeners_free(mci_listeners *l)
{
    if (l == NULL)
        return;
    for (listener *it = l->head, *next; it != NULL; it = next) {
        next = it->next;
        free(it);
    }
    for (queued *q = l->queue_head, *next; q != NULL; q = next) {
        next = q->next;
        free_queued(q);
    }
    pthread_cond_destroy(&l->idle);
    pthread_mutex_destroy(&l->lock);
    free(l);
}

static queued *copy_event(uint64_t token, const mc_sync_event *ev)
{
    queued *q = calloc(1, sizeof *q);
    if (q == NULL)
        return NULL;
    q->token = token;
    q->ev = *ev;
    q->ev.mutation_kind = mci_strdup(ev->mutation_kind);
    q->ev.entity_id = mci_strdup(ev->entity_id);
    q->ev.server_code = mci_strdup(ev->server_code);
    q->ev.message = mci_strdup(ev->message);
    q->ev.photo_id = mci_strdup(ev->photo_id);
    q->ev.ticket_id = mci_strdup(ev->ticket_id);
    if (!q->ev.mutation_kind || !q->ev.entity_id || !q->ev.server_code || !q->ev.message ||
        !q->ev.photo_id || !q->ev.ticket_id) {
        free_queued(q);
        return NULL;
    }
    return q;
}

static void call(mci_listeners *l, listener *it, const mc_sync_event *ev)
{
    /* it->running was raised under the lock; it cannot be freed meanwhile */
    const listener *outer = in_callback;
    in_callback = it;
    it->fn(it->context, ev);
    in_callback = outer;
    pthread_mutex_lock(&l->lock);
    it->running--;
    bool release = it->free_on_idle && it->running == 0;
    pthread_cond_broadcast(&l->idle);
    pthread_mutex_unlock(&l->lock);
    if (release)
        free(it);
}

void mci_listeners_emit(mci_listeners *l, const mc_sync_event *in)
{
    mc_sync_event ev = *in;
    /* Strings are never NULL for a listener. */
    ev.mutation_kind = ev.mutation_kind ? ev.mutation_kind : "";
    ev.entity_id = ev.entity_id ? ev.entity_id : "";
    ev.server_code = ev.server_code ? ev.server_code : "";
    ev.message = ev.message ? ev.message : "";
    ev.photo_id = ev.photo_id ? ev.photo_id : "";
    ev.ticket_id = ev.ticket_id ? ev.ticket_id : "";

    size_t n = 0;
    bool queued_any = false;
    pthread_mutex_lock(&l->lock);
    size_t count = 0;
    for (listener *it = l->head; it != NULL; it = it->next)
        count++;
    listener **now = count > 0 ? malloc(count * sizeof *now) : NULL;
    for (listener *it = l->head; it != NULL; it = it->next) {
        if ((it->types & (uint32_t)ev.type) == 0)
            continue;
        if (it->delivery == MC_DELIVER_IMMEDIATE) {
            if (now != NULL) { /* out of memory: immediate listeners miss this event */
                it->running++;
                now[n++] = it;
            }
        } else {
            queued *q = copy_event(it->token, &ev);
            if (q == NULL)
                continue; /* out of memory: this event is lost for this listener */
            if (l->queue_tail)
                l->queue_tail->next = q;
            else
                l->queue_head = q;
            l->queue_tail = q;
            queued_any = true;
        }
    }
    mc_wakeup_fn wakeup = l->wakeup;
    void *wakeup_context = l->wakeup_context;
    pthread_mutex_unlock(&l->lock);

    for (size_t i = 0; i < n; i++)
        call(l, now[i], &ev);
    free(now);
    if (queued_any && wakeup != NULL)
        wakeup(wakeup_context);
}

mc_status mci_listeners_add(mci_listeners *l, uint32_t types, mc_delivery delivery,
                            mc_sync_listener_fn fn, void *context, uint64_t *token, mc_error *err)
{
    const uint32_t all = MC_SYNC_EVENT_DATA_CHANGED | MC_SYNC_EVENT_MUTATION_REJECTED |
                         MC_SYNC_EVENT_SESSION_EXPIRED | MC_SYNC_EVENT_PROGRESS |
                         MC_SYNC_EVENT_STATUS_CHANGED | MC_SYNC_EVENT_UPLOAD_PROGRESS |
                         MC_SYNC_EVENT_UPLOAD_FAILED;
    if (fn == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "fn is NULL");
    if (token == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "token is NULL");
    if (types == 0 || (types & ~all) != 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "types must be a non-empty mask of MC_SYNC_EVENT_* (got 0x%x)", types);
    if (delivery != MC_DELIVER_IMMEDIATE && delivery != MC_DELIVER_QUEUED)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "delivery must be IMMEDIATE or QUEUED");
    listener *it = calloc(1, sizeof *it);
    if (it == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory adding a listener");
    it->types = types;
    it->delivery = delivery;
    it->fn = fn;
    it->context = context;
    pthread_mutex_lock(&l->lock);
    it->token = l->next_token++;
    /* append: listeners are called in the order they were added */
    listener **tail = &l->head;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = it;
    *token = it->token;
    pthread_mutex_unlock(&l->lock);
    return MC_OK;
}

mc_status mci_listeners_remove(mci_listeners *l, uint64_t token, mc_error *err)
{
    pthread_mutex_lock(&l->lock);
    listener **link = &l->head;
    while (*link != NULL && (*link)->token != token)
        link = &(*link)->next;
    listener *it = *link;
    if (it == NULL) {
        pthread_mutex_unlock(&l->lock);
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no listener with token %llu",
                             (unsigned long long)token);
    }
    *link = it->next;
    /* Drop its queued events. */
    queued **q = &l->queue_head;
    l->queue_tail = NULL;
    while (*q != NULL) {
        if ((*q)->token == token) {
            queued *dead = *q;
            *q = dead->next;
            free_queued(dead);
        } else {
            l->queue_tail = *q;
            q = &(*q)->next;
        }
    }
    if (in_callback == it) {
        /* Removed from its own callback: do not wait for ourselves; the last
         * callback of it to return frees it. */
        it->free_on_idle = true;
        pthread_mutex_unlock(&l->lock);
        return MC_OK;
    }
    while (it->running > 0)
        pthread_cond_wait(&l->idle, &l->lock);
    pthread_mutex_unlock(&l->lock);
    free(it);
    return MC_OK;
}

int32_t mci_listeners_deliver(mci_listeners *l)
{
    int32_t calls = 0;
    for (;;) {
        pthread_mutex_lock(&l->lock);
        queued *q = l->queue_head;
        if (q == NULL) {
            pthread_mutex_unlock(&l->lock);
            return calls;
        }
        l->queue_head = q->next;
        if (l->queue_head == NULL)
            l->queue_tail = NULL;
        listener *it = l->head;
        while (it != NULL && it->token != q->token)
            it = it->next;
        if (it != NULL)
            it->running++;
        pthread_mutex_unlock(&l->lock);
        if (it != NULL) {
            call(l, it, &q->ev);
            calls++;
        }
        free_queued(q);
    }
}

void mci_listeners_set_wakeup(mci_listeners *l, mc_wakeup_fn fn, void *context)
{
    pthread_mutex_lock(&l->lock);
    l->wakeup = fn;
    l->wakeup_context = context;
    pthread_mutex_unlock(&l->lock);
}

const char *mc_sync_event_type_name(mc_sync_event_type type)
{
    /* One bit each: the name of the lowest bit set, as listeners receive one type per event. */
    static const char *const names[] = {"data_changed", "mutation_rejected", "session_expired",
                                        "progress",     "status_changed",    "upload_progress",
                                        "upload_failed"};
    for (int bit = 0; bit < (int)MCI_COUNT(names); bit++)
        if ((unsigned)type == 1u << bit)
            return names[bit];
    return "unknown";
}
