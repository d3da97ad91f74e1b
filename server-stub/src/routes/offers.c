/* routes/offers.c - redeeming a partner offer (docs/today-desks-community.md "Offers"): the
 * member's code, allocated by the server. */
#include <string.h>

#include "domain/entities.h"
#include "domain/offers.h"
#include "routes/routes.h"

/* POST /v1/offers/{id}/redeem (auth): 200 {offer, code}; 404 not_found; 409 offer_exhausted,
 * offer_expired, offer_not_started. */
void ms_handle_offer_redeem(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *id = req->path_param ? req->path_param : "";
    char code[MS_OFFER_CODE_MAX + 1];
    ms_refusal why;
    int rc = ms_offer_redeem(app, req->user_id, id, code, &why);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 1) {
        ms_reply_error(reply, strcmp(why.code, "not_found") == 0 ? 404 : 409, why.code, "%s",
                       why.message);
        return;
    }
    cJSON *out = cJSON_CreateObject(), *offer = NULL;
    bool ok = out && ms_entity_data(app->db, MS_KIND_OFFER, req->user_id, id, &offer) == 0 &&
              cJSON_AddItemToObject(out, "offer", offer);
    if (ok)
        offer = NULL;
    ok = ok && cJSON_AddStringToObject(out, "code", code);
    cJSON_Delete(offer);
    if (!ok) {
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}
