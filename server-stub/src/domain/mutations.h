/* domain/mutations.h - pushed mutations: stored results (idempotency), the kinds' effects, acks. */
#ifndef MS_MUTATIONS_H
#define MS_MUTATIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "base/app.h"

/* At most this many mutations in one push. */
#define MS_PUSH_MAX 100

/* One mutation of a push envelope (already checked: id > 0, key well-formed). */
typedef struct ms_mutation {
    int64_t mutation_id;
    const char *idempotency_key;
    /* The mutation object as sent: "kind" and "payload" are checked per mutation. */
    const cJSON *json;
} ms_mutation;

typedef struct ms_mutation_result {
    bool applied;
    /* The stored result of an earlier processing (a retry or duplicate): no effect now. */
    bool replayed;
    /* For a rejection: not_found, event_full, invalid_argument, forbidden, and the booking
     * refusals (slot_taken, insufficient_credits, outside_hours, blackout, too_soon,
     * beyond_window), the ticket refusals (unknown_category, too_many_photos,
     * description_too_long, photo_too_large, ticket_closed, invalid_transition,
     * reopen_window_passed), the visitor refusals (invalid_date, approval_expired). */
    char code[32];
    char message[256];
} ms_mutation_result;

/*
 * Process one mutation by user from client, inside the caller's write
 * transaction (which should hold nothing else): a repeated idempotency key,
 * or a repeated (client, mutation id), answers the stored result with no
 * effect; otherwise the mutation is applied or refused and, in the same
 * transaction, its effects, their change-log rows, an effect_log row (when
 * applied) and its result (with the change-log head as commit_seq) are
 * written. 0, or -1 on an internal error (the caller rolls back).
 */
int ms_mutation_process(ms_app *app, const char *user_id, const char *client_id,
                        const ms_mutation *m, ms_mutation_result *out);

/* The highest mutation id processed for (user, client), 0 if none. 0 / -1. */
int ms_mutation_last(sqlite3 *db, const char *user_id, const char *client_id, int64_t *out);

/*
 * The highest mutation id of (user, client) whose transaction committed at or
 * before change-log position seq (so all its effects are in the data up to
 * seq), 0 if none. 0 / -1.
 */
int ms_mutation_acked(sqlite3 *db, const char *user_id, const char *client_id, int64_t seq,
                      int64_t *out);

#endif
