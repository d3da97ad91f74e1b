/*
 * membercore/device.h - this device in the operator's eyes: its push token.
 *
 * The OS hands the app a push token (Firebase Cloud Messaging on Android,
 * APNs on iOS) and may rotate it at any time; the app passes each one here.
 * Registration is a write like any other: recorded locally at once, queued in
 * the outbox and sent by sync, so it survives being offline and restarts.
 */
#ifndef MEMBERCORE_DEVICE_H
#define MEMBERCORE_DEVICE_H

#include "membercore/client.h"
#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_push_provider {
    MC_PUSH_FCM = 1,
    MC_PUSH_APNS = 2,
} mc_push_provider;

/*
 * Register this install's push token for the signed-in member (the server
 * then sends their push notifications to this device). Registering the same
 * token again queues nothing. The token is never logged.
 * Errors: MC_ERR_INVALID_ARG (provider; token empty, over 4096 bytes or not
 * printable ASCII), MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Never blocks on the
 * network.
 * Any thread.
 */
mc_status mc_push_token_register(mc_client *client, mc_push_provider provider, const char *token,
                                 mc_error *err);

/*
 * Unregister this install's push token (sign-out of push on this device; the
 * server sends it no more pushes). Recorded locally at once and queued; with no
 * token registered it queues nothing. Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Never blocks on the network. Any thread.
 */
mc_status mc_push_token_unregister(mc_client *client, mc_error *err);

/* "fcm", "apns"; "unknown" otherwise. Any thread. */
const char *mc_push_provider_name(mc_push_provider provider);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_DEVICE_H */
