/*
 * handle/guard.h - the handle guards itself: every public call that takes an mc_client
 * counts itself in and out, so mc_client_close can wait for the calls in flight and refuse
 * the ones that start afterwards.
 *
 * One line at the top of each public function does it:
 *
 *     mc_status mc_events_list(mc_client *c, ..., mc_error *err)
 *     {
 *         MCI_ENTER(c, err);          // MC_ERR_INVALID_ARG for NULL, MC_ERR_STATE once closed
 *         ...                         // every return leaves the call (a cleanup attribute)
 *     }
 *
 * (MCI_ENTER_OR(c, value) for a function that returns something other than mc_status.)
 * The scope is a node of a per-thread list, so close can tell whether the calling thread is
 * itself inside a call of the client (a listener callback): it must not wait for itself then.
 * Internal code never calls a public mc_* function that takes a client: it calls the mci_*
 * function behind it, so teardown (which runs after closing began) is never refused.
 */
#ifndef MCI_CLIENT_GUARD_H
#define MCI_CLIENT_GUARD_H

#include <stdbool.h>

#include "membercore/client.h"

typedef struct mci_call {
    mc_client *client; /* NULL when the call was refused */
    struct mci_call *outer;
} mci_call;

/* Count a call of client in on this thread; false (nothing counted) for a NULL or closing
 * client. */
bool mci_call_enter(mci_call *call, mc_client *client);
/* Count it out (a no-op for a refused call). Used as the scope's cleanup. */
void mci_call_leave(mci_call *call);
/* The error of a refused call: MC_ERR_INVALID_ARG "client is NULL" or MC_ERR_STATE
 * "the client is closed". */
mc_status mci_call_refused(const mc_client *client, mc_error *err);
/* Whether this thread is inside a call of client right now. */
bool mci_call_on_this_thread(const mc_client *client);

#define MCI_CALL_SCOPE_ mci_call mci_call_scope_ __attribute__((cleanup(mci_call_leave)))

#define MCI_ENTER(client, err)                                                                     \
    MCI_CALL_SCOPE_;                                                                               \
    if (!mci_call_enter(&mci_call_scope_, (client)))                                               \
    return mci_call_refused((client), (err))

#define MCI_ENTER_OR(client, value)                                                                \
    MCI_CALL_SCOPE_;                                                                               \
    if (!mci_call_enter(&mci_call_scope_, (client)))                                               \
    return value

#endif
