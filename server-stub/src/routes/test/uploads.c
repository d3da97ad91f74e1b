/* routes/test/uploads.c - test-mode view of a photo upload: what the server kept and how many
 * bytes and requests it took. */
#include "domain/photos.h"
#include "routes/routes.h"
#include "base/text.h"

/* GET /v1/test/uploads?photo_id= -> {photo_id, ticket_id, bytes, received, complete,
 * bytes_received_total, requests, uploaded_at_ms}. */
void ms_handle_test_uploads(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *photo_id = ms_query(req, "photo_id");
    if (!photo_id || !*photo_id) {
        ms_reply_invalid(reply, "query parameter 'photo_id' is required");
        return;
    }
    cJSON *stats = NULL;
    int rc = ms_photo_stats_json(app->db, photo_id, &stats);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 0)
        ms_reply_error(reply, 404, "not_found", "no photo '%.*s'",
                       (int)ms_utf8_prefix(photo_id, 40), photo_id);
    else
        ms_reply_json(reply, 200, stats);
}
