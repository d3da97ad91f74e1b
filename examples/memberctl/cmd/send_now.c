/* send_now.c - a change sent at once after its local write, and what became of it. */
#include "cmd/send_now.h"

#include <stdio.h>
#include <string.h>

/* What became of a change still in the outbox after the round: refused (why), accepted,
 * or still queued. */
static void outcome_of(const mc_mutation *m, sent_outcome *o)
{
    if (m->state == MC_MUTATION_REJECTED) {
        o->state = SENT_REFUSED;
        o->why.code = m->error_code;
        o->why.rule = m->error_rule;
        snprintf(o->why.server_code, sizeof o->why.server_code, "%s", m->error_server_code);
        snprintf(o->why.message, sizeof o->why.message, "the server refused it: %s",
                 m->error_message);
    } else {
        o->state = m->state == MC_MUTATION_ACKNOWLEDGED ? SENT_ACCEPTED : SENT_QUEUED;
    }
}

/* One sync round; false with o set (kept in the outbox, and why) when it did not run. */
static bool sync_round(mc_client *client, sent_outcome *o)
{
    mc_status st = mc_sync_once(client, NULL, &o->why);
    if (st == MC_OK)
        return true;
    o->state = st == MC_ERR_OFFLINE        ? SENT_QUEUED
               : st == MC_ERR_UNAUTHORIZED ? SENT_SIGNED_OUT
                                           : SENT_RETRY;
    return false;
}

sent_outcome send_now(mc_client *client, const char *kind, const char *entity_id)
{
    sent_outcome o = {SENT_QUEUED, MC_ERROR_INIT};
    if (!sync_round(client, &o))
        return o;
    o.state = SENT_CONFIRMED;
    mc_mutation_list *outbox = NULL;
    if (mc_outbox_list(client, &outbox, NULL) != MC_OK)
        return o;
    for (size_t i = 0; i < outbox->count; i++) {
        const mc_mutation *m = &outbox->items[i];
        if (strcmp(m->kind, kind) == 0 && strcmp(m->entity_id, entity_id) == 0)
            outcome_of(m, &o);
    }
    mc_mutation_list_free(outbox);
    return o;
}

int64_t outbox_mark(mc_client *client)
{
    int64_t newest = 0;
    mc_mutation_list *outbox = NULL;
    if (mc_outbox_list(client, &outbox, NULL) != MC_OK)
        return 0;
    for (size_t i = 0; i < outbox->count; i++) {
        if (outbox->items[i].mutation_id > newest)
            newest = outbox->items[i].mutation_id;
    }
    mc_mutation_list_free(outbox);
    return newest;
}

/* How many rows of kind newer than mark the outbox holds (at most cap of their ids into
 * ids), or -1 when the outbox cannot be read. */
static int rows_since(mc_client *client, const char *kind, int64_t mark, int64_t *ids, int cap)
{
    mc_mutation_list *outbox = NULL;
    if (mc_outbox_list(client, &outbox, NULL) != MC_OK)
        return -1;
    int n = 0;
    for (size_t i = 0; i < outbox->count && n < cap; i++) {
        if (outbox->items[i].mutation_id > mark && strcmp(outbox->items[i].kind, kind) == 0)
            ids[n++] = outbox->items[i].mutation_id;
    }
    mc_mutation_list_free(outbox);
    return n;
}

sent_outcome send_since(mc_client *client, const char *kind, int64_t mark)
{
    sent_outcome o = {SENT_NOTHING, MC_ERROR_INIT};
    int64_t ids[16];
    int n = rows_since(client, kind, mark, ids, (int)(sizeof ids / sizeof *ids));
    if (n == 0)
        return o;
    o.state = SENT_QUEUED;
    if (!sync_round(client, &o))
        return o;
    o.state = SENT_CONFIRMED;
    mc_mutation_list *outbox = NULL;
    if (n < 0 || mc_outbox_list(client, &outbox, NULL) != MC_OK)
        return o;
    for (size_t i = 0; i < outbox->count && o.state != SENT_REFUSED; i++) {
        const mc_mutation *m = &outbox->items[i];
        bool ours = false;
        for (int k = 0; k < n && !ours; k++)
            ours = m->mutation_id == ids[k];
        if (ours)
            outcome_of(m, &o);
    }
    mc_mutation_list_free(outbox);
    return o;
}

int send_since_or_refusal(app *a, mc_client *client, const char *kind, int64_t mark,
                          const out_hint *hints, sent_state *state)
{
    sent_outcome sent = send_since(client, kind, mark);
    *state = sent.state;
    if (sent.state == SENT_REFUSED)
        return out_core_error_hint(a, sent.why.code, &sent.why, hints);
    return COMMAND_CONTINUE;
}
