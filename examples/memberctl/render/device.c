/*
 * render/device.c - membercore/device.h as memberctl shows it: what registering or
 * unregistering this device's push token did, as text or JSON. The token is never shown.
 */
#include "render/render.h"

#include <stdio.h>

#include "render/json.h"

int render_push_done(const app *a, bool registered, mc_push_provider provider, sent_state sent)
{
    const char *provider_name = registered ? mc_push_provider_name(provider) : NULL;
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddBoolToObject(root, "registered", registered) != NULL &&
                  json_add_string_or_null(root, "provider", provider_name) &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    if (sent == SENT_NOTHING) {
        printf("%s\n", registered ? "This token is already registered for this device; nothing "
                                    "to send."
                                  : "No push token is registered on this device; nothing to "
                                    "send.");
        return MEMBERCTL_EXIT_OK;
    }
    char what[128];
    if (registered)
        snprintf(what, sizeof what, "Push token (%s) registered for this device", provider_name);
    else
        snprintf(what, sizeof what, "Push token of this device unregistered");
    render_sent(sent, what);
    printf("%s\n", registered ? "Your push notifications reach this device (memberctl "
                                "notifications prefs: which ones)."
                              : "No more push notifications reach this device; email and SMS "
                                "go on as your preferences say.");
    return MEMBERCTL_EXIT_OK;
}
