/* handle/guard.c - counting public calls in and out of a client (see guard.h). */
#include "handle/guard.h"

#include <pthread.h>

#include "handle/handle.h"
#include "util/error.h"

/* The innermost call in progress on this thread, of any client. */
static _Thread_local mci_call *innermost;

bool mci_call_enter(mci_call *call, mc_client *client)
{
    call->client = NULL;
    call->outer = NULL;
    if (client == NULL)
        return false;
    pthread_mutex_lock(&client->guard_lock);
    bool open = !client->closing;
    if (open)
        client->in_flight++;
    pthread_mutex_unlock(&client->guard_lock);
    if (!open)
        return false;
    call->client = client;
    call->outer = innermost;
    innermost = call;
    return true;
}

void mci_call_leave(mci_call *call)
{
    mc_client *client = call->client;
    if (client == NULL)
        return;
    innermost = call->outer;
    pthread_mutex_lock(&client->guard_lock);
    if (--client->in_flight == 0 && client->closing)
        pthread_cond_broadcast(&client->guard_changed);
    pthread_mutex_unlock(&client->guard_lock);
}

mc_status mci_call_refused(const mc_client *client, mc_error *err)
{
    if (client == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    return mci_error_set(err, MC_ERR_STATE, "the client is closed");
}

bool mci_call_on_this_thread(const mc_client *client)
{
    for (const mci_call *call = innermost; call != NULL; call = call->outer)
        if (call->client == client)
            return true;
    return false;
}
