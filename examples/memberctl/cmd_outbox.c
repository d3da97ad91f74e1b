/*
 * cmd_outbox.c - outbox: the changes made on this device that the server has
 * not confirmed yet, and the ones it refused (with why); "outbox dismiss ID"
 * forgets a refused one once it has been seen. Local only (membercore/sync.h).
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "values.h"

/* Column widths: at least the heading's, at most what the longest value needs. */
typedef struct columns {
    int id, kind, entity;
} columns;

static int widest(int width, const char *text)
{
    int len = (int)strlen(text);
    return len > width ? len : width;
}

static columns measure(const mc_mutation_list *list)
{
    columns w = {(int)strlen("ID"), (int)strlen("KIND"), (int)strlen("ENTITY")};
    for (size_t i = 0; i < list->count; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)list->items[i].mutation_id);
        w.id = widest(w.id, id);
        w.kind = widest(w.kind, out_str(list->items[i].kind));
        w.entity = widest(w.entity, out_str(list->items[i].entity_id));
    }
    return w;
}

/* "  7  rsvp.set  EVT-9  rejected   1 attempt   event_full: ..." */
static void print_mutation_human(const mc_mutation *m, const columns *w)
{
    char attempts[32];
    snprintf(attempts, sizeof attempts, "%d attempt%s", (int)m->attempts,
             m->attempts == 1 ? "" : "s");
    printf("  %-*lld  %-*s  %-*s  %-12s  %-10s", w->id, (long long)m->mutation_id, w->kind,
           out_str(m->kind), w->entity, out_str(m->entity_id), out_mutation_state_name(m->state),
           attempts);
    if (m->error_code != MC_OK) {
        char reason[2 * MC_ERROR_MESSAGE_MAX];
        out_mutation_reason(m, reason, sizeof reason);
        printf("  %s%s", m->state == MC_MUTATION_REJECTED ? "" : "last error ", reason);
    }
    printf("\n");
}

static int outbox_list(app *a, mc_client *client)
{
    mc_mutation_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_outbox_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);

    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "outbox") : NULL;
        bool ok = root != NULL && array != NULL;
        for (size_t i = 0; ok && i < list->count; i++) {
            cJSON *m = out_mutation_json(&list->items[i]);
            ok = m != NULL && cJSON_AddItemToArray(array, m);
            if (!ok)
                cJSON_Delete(m);
        }
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
        mc_mutation_list_free(list);
        return out_json(a, root);
    }

    size_t rejected = 0;
    for (size_t i = 0; i < list->count; i++)
        rejected += list->items[i].state == MC_MUTATION_REJECTED;
    size_t waiting = list->count - rejected;
    if (list->count == 0) {
        printf("The outbox is empty: every change made here is confirmed by the server.\n");
    } else {
        printf("%zu %s waiting for the server, %zu rejected:\n", waiting,
               waiting == 1 ? "change" : "changes", rejected);
        columns w = measure(list);
        printf("  %-*s  %-*s  %-*s  %-12s  %-10s  %s\n", w.id, "ID", w.kind, "KIND", w.entity,
               "ENTITY", "STATE", "ATTEMPTS", "ERROR");
        for (size_t i = 0; i < list->count; i++)
            print_mutation_human(&list->items[i], &w);
    }
    if (waiting > 0)
        printf("Send them with: memberctl sync\n");
    if (rejected > 0)
        printf("Dismiss a rejected one once seen: memberctl outbox dismiss ID\n");
    mc_mutation_list_free(list);
    return MEMBERCTL_EXIT_OK;
}

static int outbox_dismiss(app *a, const command *self, mc_client *client, int64_t id)
{
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_outbox_dismiss(client, id, &err);
    if (st != MC_OK) {
        int rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "List the outbox with: memberctl outbox\n");
        else if (st == MC_ERR_STATE)
            fprintf(stderr, "Only a rejected change can be dismissed; see: memberctl %s\n",
                    self->name);
        return rc;
    }
    if (!a->json) {
        printf("Dismissed rejected change %lld.\n", (long long)id);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    if (root != NULL && cJSON_AddNumberToObject(root, "dismissed", (double)id) == NULL) {
        cJSON_Delete(root);
        root = NULL;
    }
    return out_json(a, root);
}

static int run_outbox(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 2};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    int64_t id = 0;
    if (p.npos > 0) {
        if (strcmp(p.pos[0], "dismiss") != 0)
            return out_usage(a, self, "unknown subcommand '%s' (only 'dismiss')", p.pos[0]);
        if (p.npos < 2)
            return out_usage(a, self, "missing MUTATION_ID");
        if (!values_parse_id(p.pos[1], &id))
            return out_usage(a, self, "MUTATION_ID '%s' is not a mutation id (e.g. 7)", p.pos[1]);
    }

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    return p.npos == 0 ? outbox_list(a, client) : outbox_dismiss(a, self, client, id);
}

const command cmd_outbox = {
    "outbox",
    "outbox [dismiss MUTATION_ID]",
    "list changes not yet confirmed and rejected ones (local)",
    "Lists, oldest first, the changes made on this device that the server has\n"
    "not confirmed yet (pending, in_flight, acknowledged) and the ones it\n"
    "refused (rejected, with the server's reason). No network needed.\n"
    "  dismiss MUTATION_ID   forget a rejected change once its reason is seen\n"
    "\n"
    "JSON: {\"outbox\":[{\"mutation_id\",\"kind\",\"entity_id\",\"state\",\"attempts\",\n"
    "       \"created_at_ms\",\"created_at\",\"next_attempt_ms\",\"next_attempt\",\"payload\",\n"
    "       \"error\":{\"code\",\"status\",\"server_code\",\"message\"}|null}]}\n"
    "      dismiss: {\"dismissed\":MUTATION_ID}\n",
    run_outbox,
};
