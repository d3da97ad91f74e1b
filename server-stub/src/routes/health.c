/* routes/health.c - GET /v1/health: is the server up, which version, which mode. */
#include "routes/routes.h"

void ms_handle_health(ms_app *app, ms_request *req, ms_reply *reply)
{
    (void)req;
    cJSON *body = cJSON_CreateObject();
    if (body && !(cJSON_AddStringToObject(body, "status", "ok") &&
                  cJSON_AddStringToObject(body, "version", MS_VERSION) &&
                  cJSON_AddBoolToObject(body, "test_mode", app->test_mode))) {
        cJSON_Delete(body);
        body = NULL;
    }
    ms_reply_json(reply, 200, body);
}
