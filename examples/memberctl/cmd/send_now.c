/* send_now.c - a change sent at once after its local write, and what became of it. */
#include "cmd/send_now.h"

#include <stdio.h>
#include <string.h>

sent_outcome send_now(mc_client *client, const char *kind, const char *entity_id)
{
    sent_outcome o = {SENT_QUEUED, MC_ERROR_INIT};
    mc_status st = mc_sync_once(client, NULL, &o.why);
    if (st != MC_OK) { /* kept in the outbox; o.why says why */
        o.state = st == MC_ERR_OFFLINE        ? SENT_QUEUED
                  : st == MC_ERR_UNAUTHORIZED ? SENT_SIGNED_OUT
                                              : SENT_RETRY;
        return o;
    }
    o.state = SENT_CONFIRMED;
    mc_mutation_list *outbox = NULL;
    if (mc_outbox_list(client, &outbox, NULL) != MC_OK)
        return o;
    for (size_t i = 0; i < outbox->count; i++) {
        const mc_mutation *m = &outbox->items[i];
        if (strcmp(m->kind, kind) != 0 || strcmp(m->entity_id, entity_id) != 0)
            continue;
        if (m->state == MC_MUTATION_REJECTED) {
            o.state = SENT_REFUSED;
            o.why.code = m->error_code;
            o.why.rule = m->error_rule;
            snprintf(o.why.server_code, sizeof o.why.server_code, "%s", m->error_server_code);
            snprintf(o.why.message, sizeof o.why.message, "the server refused it: %s",
                     m->error_message);
        } else {
            o.state = m->state == MC_MUTATION_ACKNOWLEDGED ? SENT_ACCEPTED : SENT_QUEUED;
        }
    }
    mc_mutation_list_free(outbox);
    return o;
}
