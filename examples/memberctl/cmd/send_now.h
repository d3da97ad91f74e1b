/*
 * send_now.h - after a local write (an RSVP, a read, a credit booking, a
 * cancellation): one sync round at once, as an app's sync thread would do,
 * and what became of the change: confirmed by the server, accepted and
 * waiting for its confirmation, refused (why), or kept in the outbox because
 * the server could not be reached. So memberctl says "queued" only when the
 * change was not sent.
 */
#ifndef MEMBERCTL_SEND_NOW_H
#define MEMBERCTL_SEND_NOW_H

#include "memberctl.h"
#include "render/render.h"

typedef struct sent_outcome {
    sent_state state;
    mc_error why; /* SENT_REFUSED: the refusal; not sent: why */
} sent_outcome;

/* Sync once and find the outbox row of this change (its kind, "rsvp.set", and entity). */
sent_outcome send_now(mc_client *client, const char *kind, const char *entity_id);

/*
 * For a write whose outbox row memberctl cannot name beforehand (a visitor's invitation,
 * a preference, mark all read, a push token): outbox_mark before the write (the newest
 * row's id; 0 when none or unknown), then send_since after it: the rows of kind queued
 * since the mark are sent by one sync round and what became of them is answered
 * (refused when any was refused). SENT_NOTHING when the write queued no row (it changed
 * nothing).
 */
int64_t outbox_mark(mc_client *client);
sent_outcome send_since(mc_client *client, const char *kind, int64_t mark);

/* send_since, then a refusal printed as the error (with the first of hints, may be NULL,
 * whose status is the refusal's): COMMAND_CONTINUE with *state set, or the exit code. */
int send_since_or_refusal(app *a, mc_client *client, const char *kind, int64_t mark,
                          const out_hint *hints, sent_state *state);

/* A copy of the member's booking `id` from the local store (mc_booking_free it), or NULL
 * (cmd_bookings.c). */
mc_booking *find_booking(mc_client *client, const char *id);

#endif /* MEMBERCTL_SEND_NOW_H */
