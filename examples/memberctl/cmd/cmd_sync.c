/*
 * cmd_sync.c - sync and status: the offline-first engine (membercore/sync.h)
 * as a person drives it. "sync" runs one round on this thread; "sync --watch"
 * (cmd_watch.c) runs the background thread and prints what it does until
 * Ctrl-C.
 */
#include "memberctl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd/sync_sink.h"
#include "parse/values.h"
#include "render/render.h"

/* ---- sync ------------------------------------------------------------------ */

static int sync_once(app *a, mc_client *client)
{
    event_sink sink = {.mode = a->json ? SINK_JSON_ARRAY : SINK_HUMAN};
    pthread_mutex_init(&sink.lock, NULL);
    if (a->json)
        sink.events = cJSON_CreateArray();
    sync_sink_name_photos(&sink, client);

    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_listener_add(client, SYNC_SINK_EVENTS, MC_DELIVER_IMMEDIATE,
                                        sync_sink_deliver, &sink, &token, &err);
    if (st != MC_OK) {
        sync_sink_free(&sink);
        cJSON_Delete(sink.events);
        pthread_mutex_destroy(&sink.lock);
        return out_core_error(a, st, &err);
    }

    mc_sync_report report;
    memset(&report, 0, sizeof report);
    mc_error sync_err = MC_ERROR_INIT;
    mc_status sync_st = mc_sync_once(client, &report, &sync_err);
    mc_sync_listener_remove(client, token, NULL);
    sync_sink_free(&sink);
    pthread_mutex_destroy(&sink.lock);

    /* What is left afterwards: the rejected mutations and the queue. Signed
     * out, there is no outbox to show: the sync error says why. */
    mc_mutation_list *outbox = NULL;
    err = (mc_error)MC_ERROR_INIT;
    st = mc_outbox_list(client, &outbox, &err);
    if (st != MC_OK && sync_st == MC_OK) {
        cJSON_Delete(sink.events);
        return out_core_error(a, st, &err);
    }
    mc_sync_status status;
    memset(&status, 0, sizeof status);
    bool have_status = mc_sync_status_get(client, &status, NULL) == MC_OK;

    render_sync_round round = {
        .report = &report,
        .events = sink.events,
        .events_out_of_memory = sink.out_of_memory,
        .outbox = outbox,
        .status = have_status ? &status : NULL,
        .sync_status = sync_st,
        .sync_error = &sync_err,
    };
    int rc = render_sync_round_result(a, &round);
    mc_mutation_list_free(outbox);
    return rc;
}

static int run_sync(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--watch", false, NULL}, {"--seconds", true, NULL}};
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    bool watch = args_value(&p, "--watch") != NULL;
    const char *seconds_text = args_value(&p, "--seconds");
    int32_t seconds = -1;
    if (seconds_text != NULL && !watch)
        return out_usage(a, self, "option '--seconds' is only for --watch");
    if (seconds_text != NULL && !values_parse_count(seconds_text, &seconds))
        return out_usage(a, self, "option '--seconds': '%s' is not a whole number of seconds",
                         seconds_text);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    return watch ? sync_watch(a, client, seconds) : sync_once(a, client);
}

/* ---- status ------------------------------------------------------------------ */

static int run_status(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    mc_client *client = NULL;
    int rc = command_start(a, self, &p, argc, argv, &client);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_sync_status status;
    memset(&status, 0, sizeof status);
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_sync_status_get(client, &status, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    /* Signed out there is no outbox to look at: no queue error then. */
    mc_mutation_list *outbox = NULL;
    if (status.queue_depth > 0)
        mc_outbox_list(client, &outbox, NULL);
    rc = render_sync_status(a, &status, outbox);
    mc_mutation_list_free(outbox);
    return rc;
}

const command cmd_sync = {
    "sync",
    "sync [--watch [--seconds N]]",
    "send queued changes and fetch the server's (--watch: keep syncing)",
    "Sends the changes queued on this device (RSVPs, notifications read, room\n"
    "bookings paid with credits, cancellations) in order, then fetches\n"
    "everything new from the server, and says what changed. Refusals (e.g. an\n"
    "event already full, a room block taken) are shown as they happen\n"
    "and listed after, until dismissed with 'memberctl outbox dismiss ID'.\n"
    "Offline, exits 2 and keeps every change queued for the next sync.\n"
    "  --watch       run the background sync and print its events and status\n"
    "                changes until Ctrl-C (SIGINT) or SIGTERM; exits 0\n"
    "  --seconds N   with --watch: stop after N seconds\n"
    "\n"
    "JSON: {\"report\":{\"pushed\",\"rejected\",\"pulled\",\"changed_kinds\":[names],"
    "\"reset\"},\n"
    "       \"events\":[{\"event\",...}],\"rejected_mutations\":[{...}],\"status\":{...}}\n"
    "      plus \"error\":{...} when the sync failed (exit 2).\n"
    "      --watch: one object per line: {\"event\":\"started\"|\"status\"|\"data_changed\"|\n"
    "      \"mutation_rejected\"|\"session_expired\"|\"progress\"|\"stopped\",\"at\",...}\n",
    run_sync,
};

const command cmd_status = {
    "status",
    "status",
    "show the sync state: queue, rejections, last sync (local)",
    "Shows the sync engine's state: no network needed. State is idle,\n"
    "syncing, offline, paused or signed_out; then how many changes wait for\n"
    "the server, how many it refused, when the last complete sync ended (UTC),\n"
    "when the next attempt is due and the last error. The queue, refusals and\n"
    "last sync are stored; state, next attempt and last error belong to the\n"
    "engine of this run (see them live with memberctl sync --watch). So the\n"
    "queue error, stored with the oldest change that failed to send, is shown\n"
    "too.\n"
    "\n"
    "JSON: {\"status\":{\"state\",\"running\",\"queue_depth\",\"rejected_count\",\n"
    "       \"last_sync_ms\",\"last_sync\",\"next_attempt_ms\",\"next_attempt\",\n"
    "       \"last_error\":{\"code\",\"status\",\"message\"}|null},\n"
    "       \"queue_error\":{\"mutation_id\",\"code\",\"status\",\"server_code\",\n"
    "       \"message\"}|null}\n",
    run_status,
};
