/*
 * membercore/sync.h - the offline-first engine: the outbox, sync, status and listeners.
 *
 * Every read answers from the local store. Every write (an RSVP, marking a
 * notification read, ...) lands locally at once, together with an outbox row
 * in the same transaction, and reaches the server through sync:
 *
 *   push: outbox rows are sent in order, each with this install's client id,
 *         its mutation id and an idempotency key, so resending is harmless;
 *   pull: the server's changes since an opaque cursor, one page per
 *         transaction, until the head.
 *
 * An app starts the background thread once signed in and tells it about the
 * network and the app's life cycle:
 *
 *     mc_sync_listener_add(client, MC_SYNC_EVENT_DATA_CHANGED, MC_DELIVER_QUEUED,
 *                          on_change, ui, &token, &err);
 *     mc_sync_start(client, &err);
 *     ... mc_sync_set_reachable(client, false) when the OS says offline,
 *     ... mc_sync_pause(client) when backgrounded, mc_sync_resume() after,
 *     ... mc_sync_trigger(client) for pull-to-refresh.
 *
 * A CLI or a test may instead call mc_sync_once() on its own thread.
 *
 * What happens to each answer (SYNC.md): network errors, timeouts, 5xx and 429
 * keep the rows and retry with exponential backoff and jitter on a timer; 401
 * stops sync, raises MC_SYNC_EVENT_SESSION_EXPIRED and keeps the outbox; a
 * business refusal (event full, not found) marks the row rejected with its
 * reason, drops its pending overlay and raises MC_SYNC_EVENT_MUTATION_REJECTED.
 */
#ifndef MEMBERCORE_SYNC_H
#define MEMBERCORE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of synced data, as bits (for "data changed" events). */
typedef enum mc_kind {
    MC_KIND_PROFILE = 1 << 0,
    MC_KIND_COMPANY = 1 << 1,
    MC_KIND_BUILDING = 1 << 2,
    MC_KIND_ROOM = 1 << 3,
    MC_KIND_RESERVATION = 1 << 4,
    MC_KIND_EVENT = 1 << 5,
    MC_KIND_RSVP = 1 << 6,
    MC_KIND_NOTIFICATION = 1 << 7,
    MC_KIND_ROOM_BUSY = 1 << 8,     /* rooms' taken blocks (no member names) */
    MC_KIND_CREDIT_LEDGER = 1 << 9, /* the company's credit ledger */
    MC_KIND_CREDENTIAL = 1 << 10,   /* the member's door credentials (access.h) */
    MC_KIND_PASS = 1 << 11,         /* day passes the member bought */
    MC_KIND_INVOICE = 1 << 12,
    MC_KIND_MEMBERSHIP = 1 << 13,
    MC_KIND_TICKET_CATEGORY = 1 << 14,    /* the facility-ticket category tree (tickets.h) */
    MC_KIND_TICKET = 1 << 15,             /* the member's facility tickets (tickets.h) */
    MC_KIND_VISITOR = 1 << 16,            /* the member's visitors (visitors.h) */
    MC_KIND_NOTIFICATION_PREFS = 1 << 17, /* channels and quiet hours (notifications.h) */
    MC_KIND_DESK = 1 << 18,               /* hot desks, and the member's own (desks.h) */
    MC_KIND_DESK_BUSY = 1 << 19,          /* desks held on a date (no member names) */
    MC_KIND_DESK_BOOKING = 1 << 20,       /* the member's desk days (desks.h) */
    MC_KIND_ANNOUNCEMENT = 1 << 21,       /* announcements.h */
    MC_KIND_OFFER = 1 << 22,              /* offers.h */
} mc_kind;

/* The wire name of one kind ("event", ...); "unknown" otherwise. Any thread. */
const char *mc_kind_name(mc_kind kind);

typedef enum mc_sync_state {
    MC_SYNC_IDLE = 0,       /* online and up to date, or waiting for the next try */
    MC_SYNC_SYNCING = 1,    /* a push or pull is under way */
    MC_SYNC_OFFLINE = 2,    /* the server could not be reached, or the host said so */
    MC_SYNC_PAUSED = 3,     /* mc_sync_pause() */
    MC_SYNC_SIGNED_OUT = 4, /* no session, or it expired: sign in again */
} mc_sync_state;

/* "idle", "syncing", "offline", "paused", "signed_out"; "unknown" otherwise. Any thread. */
const char *mc_sync_state_name(mc_sync_state state);

/* A snapshot of the engine's state. Plain data, caller-allocated.
 * last_sync_ms, last_error and last_error_message are kept in the store, so a
 * new process sees how the previous one's last round ended; state, running
 * and next_attempt_ms describe this process's engine. */
typedef struct mc_sync_status {
    mc_sync_state state;
    bool running;            /* the background thread is started */
    int32_t queue_depth;     /* mutations not yet accepted by the server */
    int32_t rejected_count;  /* rejected mutations kept for the UI to show */
    int64_t last_sync_ms;    /* end of the last complete sync, 0 = never */
    int64_t next_attempt_ms; /* when the background thread tries next, 0 = no retry due */
    mc_status last_error;    /* of the last attempt, MC_OK if it succeeded */
    char last_error_message[MC_ERROR_MESSAGE_MAX];
} mc_sync_status;

/* Fill *out. Local only; any thread. Errors: MC_ERR_INVALID_ARG, MC_ERR_STORAGE. */
mc_status mc_sync_status_get(mc_client *client, mc_sync_status *out, mc_error *err);

/* What one mc_sync_once did. */
typedef struct mc_sync_report {
    int32_t pushed;         /* mutations the server accepted */
    int32_t rejected;       /* mutations the server refused */
    int32_t pulled;         /* changes applied (upserts and tombstones) */
    uint32_t changed_kinds; /* MC_KIND_* bits of what changed locally */
    bool reset;             /* the server asked for a fresh snapshot */
} mc_sync_report;

/*
 * Push every pending mutation, then pull to the server's head, on the
 * caller's thread (blocking). Only one sync runs at a time per client: this
 * waits for the background thread's current round, if any.
 * report may be NULL; it is filled on failure too, with what was done
 * before the error (kept: a round never undoes what succeeded). Errors: MC_ERR_UNAUTHORIZED (not
 * signed in, or the session expired), MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER,
 * MC_ERR_STORAGE. Whatever succeeded before an error is kept.
 */
mc_status mc_sync_once(mc_client *client, mc_sync_report *report, mc_error *err);

/*
 * Start the background sync thread. It syncs at once, after every local
 * write, on mc_sync_trigger(), when the network comes back, every 60 s while
 * idle, and on its backoff timer after a failure. Starting twice is MC_OK.
 * Errors: MC_ERR_NO_MEMORY (no thread).
 */
mc_status mc_sync_start(mc_client *client, mc_error *err);

/* Stop the thread and wait for it (a round in progress finishes first).
 * mc_client_close() does this too. No-op when not started. */
void mc_sync_stop(mc_client *client);

/* Sync as soon as possible ("pull to refresh", "network is back"). Any thread. */
void mc_sync_trigger(mc_client *client);

/* The app went to the background / came back: no network use while paused. Any thread. */
void mc_sync_pause(mc_client *client);
void mc_sync_resume(mc_client *client);

/* The OS's reachability hint. false: stop trying (state OFFLINE) until true,
 * which triggers a sync at once. The default is reachable. Any thread. */
void mc_sync_set_reachable(mc_client *client, bool reachable);

/* ---- Listeners ---------------------------------------------------------- */

typedef enum mc_sync_event_type {
    MC_SYNC_EVENT_DATA_CHANGED = 1 << 0,      /* local data changed: re-read */
    MC_SYNC_EVENT_MUTATION_REJECTED = 1 << 1, /* the server refused a write */
    MC_SYNC_EVENT_SESSION_EXPIRED = 1 << 2,   /* sign in again; the outbox is kept */
    MC_SYNC_EVENT_PROGRESS = 1 << 3,          /* a snapshot is being pulled */
    MC_SYNC_EVENT_STATUS_CHANGED = 1 << 4,    /* mc_sync_status_get has news */
    MC_SYNC_EVENT_UPLOAD_PROGRESS = 1 << 5,   /* a ticket photo's bytes went up (tickets.h) */
    MC_SYNC_EVENT_UPLOAD_FAILED = 1 << 6,     /* the server refused a photo's bytes */
} mc_sync_event_type;

/* One type's name: "data_changed", "mutation_rejected", "session_expired", "progress",
 * "status_changed", "upload_progress", "upload_failed"; "unknown" for anything else (a mask of
 * several included). Static string; pure, any thread. */
const char *mc_sync_event_type_name(mc_sync_event_type type);

/*
 * One event. Strings are valid only during the callback (copy what you keep);
 * fields that do not apply to the type are 0 / "".
 */
typedef struct mc_sync_event {
    mc_sync_event_type type;
    uint32_t kinds;            /* DATA_CHANGED: MC_KIND_* bits */
    int64_t mutation_id;       /* MUTATION_REJECTED */
    const char *mutation_kind; /* MUTATION_REJECTED: "rsvp.set", ... */
    const char *entity_id;     /* MUTATION_REJECTED: the event / notification id */
    mc_status code;            /* MUTATION_REJECTED, SESSION_EXPIRED, UPLOAD_FAILED */
    const char *server_code;   /* MUTATION_REJECTED: "event_full", ...; UPLOAD_FAILED */
    const char *message;       /* MUTATION_REJECTED, SESSION_EXPIRED, UPLOAD_FAILED */
    int64_t done;              /* PROGRESS: changes applied in this snapshot; UPLOAD_PROGRESS */
    int64_t total;             /* PROGRESS: expected in all, or -1 if unknown; UPLOAD_PROGRESS */
    mc_rule rule;              /* MUTATION_REJECTED: the booking rule that refused it
                                  (membercore/error.h), or MC_RULE_NONE */
    /* UPLOAD_PROGRESS, UPLOAD_FAILED: the photo and its ticket. UPLOAD_PROGRESS also fills
     * done (bytes the server has confirmed) and total (the photo's bytes): done == total
     * is the last event of that photo. UPLOAD_FAILED fills code, server_code
     * ("photo_corrupt", "not_found", the refused ticket's code such as "unknown_category",
     * or "local_copy_lost") and message; the photo is not sent again. */
    const char *photo_id;
    const char *ticket_id;
} mc_sync_event;

typedef void (*mc_sync_listener_fn)(void *context, const mc_sync_event *event);

/* On which thread a listener is called. */
typedef enum mc_delivery {
    /* At once, on the thread that caused the event: the background sync
     * thread, the caller of mc_sync_once, or the caller of a local write.
     * Keep it short and do not call mc_sync_stop from it (mc_client_close is
     * fine: it does not wait for the thread it is called on). */
    MC_DELIVER_IMMEDIATE = 0,
    /* Queued; delivered on whichever thread calls mc_sync_deliver_queued()
     * (an app's main thread). The wake-up hook says when there is work. */
    MC_DELIVER_QUEUED = 1,
} mc_delivery;

/*
 * Call fn(context, event) for every event whose type is in `types` (a mask of
 * MC_SYNC_EVENT_*). *token identifies the registration for removal.
 * Errors: MC_ERR_INVALID_ARG (fn, token, types, delivery), MC_ERR_NO_MEMORY.
 * Any thread.
 */
mc_status mc_sync_listener_add(mc_client *client, uint32_t types, mc_delivery delivery,
                               mc_sync_listener_fn fn, void *context, uint64_t *token,
                               mc_error *err);

/*
 * Remove a listener. After this returns, fn is never called again for it
 * (queued events for it are dropped), unless it is running right now on
 * another thread. Errors: MC_ERR_NOT_FOUND (unknown token).
 */
mc_status mc_sync_listener_remove(mc_client *client, uint64_t token, mc_error *err);

/* Deliver the queued events to MC_DELIVER_QUEUED listeners on this thread.
 * Returns how many callbacks were made. */
int32_t mc_sync_deliver_queued(mc_client *client);

/* Called (on any thread, possibly with core locks held: only post a message
 * to your own thread from it) when an event was queued. NULL removes it. A
 * hook being replaced may still run once, concurrently, right after this
 * returns: keep its context alive until the client is closed (mc_client_close
 * returned outside any callback of the client, or mc_client_free). Any thread. */
typedef void (*mc_wakeup_fn)(void *context);
void mc_sync_set_wakeup(mc_client *client, mc_wakeup_fn fn, void *context);

/* ---- The outbox, for the UI ------------------------------------------------ */

typedef enum mc_mutation_state {
    MC_MUTATION_PENDING = 0,      /* waiting to be sent */
    MC_MUTATION_IN_FLIGHT = 1,    /* sent, no answer yet */
    MC_MUTATION_REJECTED = 2,     /* refused by the server; see error_* */
    MC_MUTATION_ACKNOWLEDGED = 3, /* accepted; disappears when the pull confirms it */
} mc_mutation_state;

/* "pending", "in_flight", "rejected", "acknowledged"; "unknown" otherwise. Any thread. */
const char *mc_mutation_state_name(mc_mutation_state state);

typedef struct mc_mutation {
    int64_t mutation_id;
    char *kind;      /* "rsvp.set", "notification.read" */
    char *entity_id; /* what it is about */
    char *payload;   /* the JSON sent */
    mc_mutation_state state;
    int32_t attempts;
    int64_t created_at_ms;
    int64_t next_attempt_ms;
    mc_status error_code; /* REJECTED: why; else the last transient error or MC_OK */
    char *error_server_code;
    mc_rule error_rule; /* REJECTED: the booking rule that refused it (membercore/error.h) */
    char *error_message;
} mc_mutation;

typedef struct mc_mutation_list {
    mc_mutation *items;
    size_t count;
} mc_mutation_list;

/* The signed-in member's mutations not yet confirmed, and the rejected ones,
 * oldest first. Local only. Free with mc_mutation_list_free().
 * Errors: MC_ERR_UNAUTHORIZED (nobody signed in), MC_ERR_STORAGE. Any thread. */
mc_status mc_outbox_list(mc_client *client, mc_mutation_list **out, mc_error *err);
/* Free an mc_mutation_list and everything it holds. NULL is a no-op. Any thread. */
void mc_mutation_list_free(mc_mutation_list *list);

/* Forget a rejected mutation once the member has seen why.
 * Errors: MC_ERR_NOT_FOUND, MC_ERR_STATE (it is not rejected), MC_ERR_STORAGE. Any thread. */
mc_status mc_outbox_dismiss(mc_client *client, int64_t mutation_id, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_SYNC_H */
