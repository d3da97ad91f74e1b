/*
 * tests/fuzz/fuzz_client.c - a signed-in client over a fresh store in a temporary directory for
 * the core's harnesses, alone or with a loopback answer server (fuzz_client.h); both are
 * stopped and the directory removed when the process exits.
 */
#include "fuzz_client.h"

#include <cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account/account.h"
#include "account/session.h"
#include "answer_server.h"
#include "handle/handle.h"
#include "tempdir.h"

static char *dir;
static answer_server *server;
static mc_client *client;
static int64_t now = FUZZ_NOW_MS;

static int64_t injected_clock(void *context)
{
    return *(int64_t *)context;
}

static void close_at_exit(void)
{
    answer_server_stop(server); /* first: no request is in flight when the client closes */
    server = NULL;
    mc_client_close(client);
    client = NULL;
    tempdir_free(dir);
    dir = NULL;
}

static void die(const char *what, const mc_error *err)
{
    fprintf(stderr, "fuzz_client: %s: %s\n", what, err ? err->message : "");
    abort();
}

mc_client *fuzz_client_open(const char *server_url)
{
    dir = tempdir_new();
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = server_url;
    cfg.clock = injected_clock;
    cfg.clock_context = &now;
    mc_error err = MC_ERROR_INIT;
    if (mc_client_open(&cfg, &client, &err) != MC_OK)
        die("mc_client_open", &err);
    atexit(close_at_exit);
    cJSON *user = cJSON_Parse("{\"id\":\"" FUZZ_USER_ID "\",\"phone\":\"+919800000001\","
                              "\"membership\":{\"building_id\":\"BLR-1\"}}");
    mc_account *account = NULL;
    if (mci_account_from_json(user, &account, &err) != MC_OK)
        die("mci_account_from_json", &err);
    pthread_mutex_lock(&client->lock);
    mc_status st = mci_account_save(client->db, account, now, &err);
    pthread_mutex_unlock(&client->lock);
    if (st != MC_OK)
        die("mci_account_save", &err);
    if (mci_session_save(client, "fuzz-token", &err) != MC_OK)
        die("mci_session_save", &err);
    mc_account_free(account);
    cJSON_Delete(user);
    return client;
}

mc_client *fuzz_client_open_served(answer_server **out)
{
    server = answer_server_start();
    if (server == NULL)
        die("answer_server_start", NULL);
    *out = server;
    return fuzz_client_open(answer_server_url(server));
}

unsigned fuzz_http_status(uint8_t pick)
{
    static const unsigned statuses[] = {200, 200, 200, 201, 400, 401, 403,
                                        404, 409, 410, 413, 429, 500, 503};
    return statuses[pick % (sizeof statuses / sizeof statuses[0])];
}

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        abort();
    if (size)
        memcpy(text, data, size);
    text[size] = '\0';
    return text;
}
