/* community/device.c - registering and unregistering this device's push token through the
 * outbox. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "handle/handle.h"
#include "membercore/device.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"

#define META_PUSH_TOKEN "device.push_token"
#define MAX_TOKEN       4096

const char *mc_push_provider_name(mc_push_provider provider)
{
    switch (provider) {
    case MC_PUSH_FCM:
        return "fcm";
    case MC_PUSH_APNS:
        return "apns";
    }
    return "unknown";
}

static bool printable_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7E)
            return false;
    return true;
}

typedef struct token_args {
    mc_push_provider provider;
    const char *token;
} token_args;

/* Queue the registration unless this exact token is already registered (an mci_write_fn). */
static mc_status queue_token(mc_client *c, const char *user_id, void *arg, bool *queued,
                             mc_error *err)
{
    mc_push_provider provider = ((token_args *)arg)->provider;
    const char *token = ((token_args *)arg)->token;
    /* The last registration: "<user> <provider> <token>" (tokens have no spaces). */
    size_t n = strlen(user_id) + strlen(token) + 16;
    char *fact = malloc(n);
    if (fact == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    snprintf(fact, n, "%s %s %s", user_id, mc_push_provider_name(provider), token);
    char *previous = NULL;
    mc_status st = mci_meta_get(c->db, META_PUSH_TOKEN, &previous, NULL);
    bool same = st == MC_OK && strcmp(previous, fact) == 0;
    free(previous);
    st = MC_OK;
    if (!same) {
        cJSON *payload = cJSON_CreateObject();
        if (payload == NULL ||
            !cJSON_AddStringToObject(payload, "provider", mc_push_provider_name(provider)) ||
            !cJSON_AddStringToObject(payload, "token", token) ||
            !cJSON_AddStringToObject(payload, "client_id", c->client_id))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        if (st == MC_OK)
            st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_PUSH_TOKEN, c->client_id, payload,
                                    NULL, err);
        if (st == MC_OK)
            st = mci_meta_set(c->db, META_PUSH_TOKEN, fact, err);
        cJSON_Delete(payload);
        *queued = st == MC_OK;
    }
    free(fact);
    return st;
}

mc_status mc_push_token_register(mc_client *c, mc_push_provider provider, const char *token,
                                 mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (provider != MC_PUSH_FCM && provider != MC_PUSH_APNS)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "provider must be MC_PUSH_FCM or MC_PUSH_APNS");
    if (token == NULL || token[0] == '\0' || strlen(token) > MAX_TOKEN || !printable_ascii(token))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "token must be 1 to %d printable ASCII characters", MAX_TOKEN);
    token_args args = {provider, token};
    return mci_sync_write(c, queue_token, &args, 0, err);
}

/* Queue the removal when this install registered a token for the member (an mci_write_fn). */
static mc_status queue_token_removal(mc_client *c, const char *user_id, void *arg, bool *queued,
                                     mc_error *err)
{
    (void)arg;
    char *previous = NULL;
    mc_status st = mci_meta_get(c->db, META_PUSH_TOKEN, &previous, err);
    size_t n = strlen(user_id);
    bool theirs = st == MC_OK && strncmp(previous, user_id, n) == 0 && previous[n] == ' ';
    free(previous);
    if (st == MC_ERR_NOT_FOUND || (st == MC_OK && !theirs))
        return MC_OK;
    if (st != MC_OK)
        return st;
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || !cJSON_AddStringToObject(payload, "client_id", c->client_id))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_PUSH_TOKEN_REMOVE, c->client_id, payload,
                                NULL, err);
    if (st == MC_OK)
        st = mci_meta_delete(c->db, META_PUSH_TOKEN, err);
    cJSON_Delete(payload);
    *queued = st == MC_OK;
    return st;
}

mc_status mc_push_token_unregister(mc_client *c, mc_error *err)
{
    MCI_ENTER(c, err);
    return mci_sync_write(c, queue_token_removal, NULL, 0, err);
}
