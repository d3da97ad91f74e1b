/*
 * tests/integration/sync_crash_child.c - the process test_sync_crash kills with SIGKILL.
 *
 * Usage: sync_crash_child DATA_DIR SERVER_URL EVENT_ID...
 * Forever: flip the RSVP of a random event (one mutation each), write "W\n" to stdout
 * once mc_event_rsvp has returned MC_OK (the write is committed), and sync now and then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <membercore/membercore.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s DATA_DIR SERVER_URL EVENT_ID...\n", argv[0]);
        return 1;
    }
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = argv[1];
    cfg.server_url = argv[2];
    cfg.request_timeout_ms = 5000;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_client_open(&cfg, &c, &err) != MC_OK) {
        fprintf(stderr, "open: %s\n", err.message);
        return 1;
    }
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    int nevents = argc - 3;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (unsigned i = 0;; i++) {
        const char *event_id = argv[3 + rand() % nevents];
        mc_event_list *events = NULL;
        mc_rsvp next = MC_RSVP_GOING;
        if (mc_events_list(c, 0, &events, &err) == MC_OK) {
            for (size_t k = 0; k < events->count; k++)
                if (strcmp(events->items[k].id, event_id) == 0 &&
                    events->items[k].my_rsvp == MC_RSVP_GOING)
                    next = MC_RSVP_NOT_GOING;
            mc_event_list_free(events);
        }
        if (mc_event_rsvp(c, event_id, next, &err) == MC_OK)
            fputs("W\n", stdout);
        else
            fprintf(stderr, "rsvp: %s\n", err.message);
        if (i % 3 == 0)
            mc_sync_once(c, NULL, &err);
    }
}
