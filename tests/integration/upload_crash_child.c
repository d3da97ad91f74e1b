/*
 * tests/integration/upload_crash_child.c - the process test_uploads kills: it syncs the store
 * in DATA_DIR against SERVER_URL and SIGKILLs itself as soon as a photo's upload progress
 * passes 70% (the chunk that got there is confirmed and recorded; the rest is not sent).
 *
 * Usage: upload_crash_child DATA_DIR SERVER_URL. Exits 3 if the sync ends without the kill.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <membercore/membercore.h>

static void on_progress(void *context, const mc_sync_event *ev)
{
    (void)context;
    if (ev->type == MC_SYNC_EVENT_UPLOAD_PROGRESS && ev->done * 10 > ev->total * 7)
        kill(getpid(), SIGKILL);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DATA_DIR SERVER_URL\n", argv[0]);
        return 1;
    }
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = argv[1];
    cfg.server_url = argv[2];
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    uint64_t token;
    if (mc_client_open(&cfg, &c, &err) != MC_OK ||
        mc_sync_listener_add(c, MC_SYNC_EVENT_UPLOAD_PROGRESS, MC_DELIVER_IMMEDIATE, on_progress,
                             NULL, &token, &err) != MC_OK) {
        fprintf(stderr, "open: %s\n", err.message);
        return 1;
    }
    mc_status st = mc_sync_once(c, NULL, &err);
    fprintf(stderr, "the sync ended without the kill: %s\n", st == MC_OK ? "ok" : err.message);
    mc_client_free(c);
    return 3;
}
