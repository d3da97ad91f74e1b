/*
 * tests/fuzz/fuzz_push_answer.c - libFuzzer harness: the server's answer to a push. The client
 * holds five queued mutations; each input is sent back by a loopback HTTP server as the answer
 * to POST /v1/sync/push (its first byte picks the HTTP status, the rest is the body) and the
 * engine records the verdicts (mci_push_batch). Then every row is made pending again.
 */
#include <cJSON.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_client.h"
#include "handle/handle.h"
#include "store/store.h"
#include "sync/outbox.h"
#include "sync/push.h"

static mc_client *client;
static answer_server *server;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    client = fuzz_client_open_served(&server);
    mc_error err = MC_ERROR_INIT;
    pthread_mutex_lock(&client->lock);
    if (mci_store_begin(client->db, &err) != MC_OK)
        abort();
    for (int i = 1; i <= 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "ntf_%d", i);
        cJSON *payload = cJSON_CreateObject();
        cJSON_AddStringToObject(payload, "id", id);
        if (mci_outbox_enqueue(client, FUZZ_USER_ID, "notification.read", id, payload, NULL,
                               &err) != MC_OK) {
            fprintf(stderr, "enqueue: %s\n", err.message);
            abort();
        }
        cJSON_Delete(payload);
    }
    if (mci_store_commit(client->db, &err) != MC_OK)
        abort();
    pthread_mutex_unlock(&client->lock);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    answer_server_set(server, fuzz_http_status(data[0]), data + 1, size - 1);
    mc_sync_report report = {0};
    mc_error err = MC_ERROR_INIT;
    int sent = 0;
    mci_push_batch(client, "fuzz-token", FUZZ_USER_ID, &report, &sent, &err);
    pthread_mutex_lock(&client->lock);
    sqlite3_exec(client->db, "UPDATE outbox SET state = 0", NULL, NULL, NULL);
    pthread_mutex_unlock(&client->lock);
    return 0;
}
