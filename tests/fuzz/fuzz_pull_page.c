/*
 * tests/fuzz/fuzz_pull_page.c - libFuzzer harness: one pull page as the server would send it
 * (the input is its JSON text) parsed and applied by the sync engine (mci_pull_apply) to a
 * signed-in client's real store in a temporary directory. A malformed page must be refused
 * with MC_ERR_SERVER and leave nothing half-applied; nothing may crash, leak or hit UB.
 */
#include <cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_client.h"
#include "handle/handle.h"
#include "sync/pull.h"

static mc_client *client;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    client = fuzz_client_open(NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *page = cJSON_ParseWithLength((const char *)data, size);
    if (page == NULL)
        return 0;
    mci_page_result result;
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_pull_apply(client->db, page, FUZZ_USER_ID, FUZZ_NOW_MS, &result, &err);
    pthread_mutex_unlock(&client->lock);
    if (st != MC_OK && st != MC_ERR_SERVER) { /* applied, or refused as the server's fault */
        fprintf(stderr, "fuzz_pull_page: status %s: %s\n", mc_status_name(st), err.message);
        abort();
    }
    cJSON_Delete(page);
    return 0;
}
