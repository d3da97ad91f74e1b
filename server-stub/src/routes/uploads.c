/* routes/uploads.c - a ticket photo's resumable upload (GET and PATCH .../upload) and its
 * bytes read back (GET .../photos/{photo}): docs/tickets-protocol.md, "Photo upload". */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "domain/photos.h"
#include "routes/routes.h"

/* The ticket and photo ids of /v1/tickets/{ticket}/photos/{photo}[/upload]. */
static bool path_ids(const ms_request *req, char ticket_id[MS_ID_MAX], char photo_id[MS_ID_MAX])
{
    return ms_route_segment(req->path, 2, ticket_id, MS_ID_MAX) &&
           ms_route_segment(req->path, 4, photo_id, MS_ID_MAX);
}

/*
 * The photo of the path if the caller may reach it: its ticket's member, or (staff_may)
 * staff of its building. false after answering: 404 for anyone else, as for no such photo
 * (an id cannot be probed), or 500.
 */
static bool reachable_photo(ms_app *app, ms_request *req, bool staff_may, ms_photo *p,
                            ms_reply *reply)
{
    char ticket_id[MS_ID_MAX], photo_id[MS_ID_MAX];
    int rc =
        path_ids(req, ticket_id, photo_id) ? ms_photo_load(app->db, ticket_id, photo_id, p) : 0;
    if (rc == 1 && strcmp(p->user_id, req->user_id) != 0)
        rc = staff_may ? ms_photo_staff_of(app->db, req->user_id, p->building_id) : 0;
    if (rc < 0) {
        ms_reply_internal(reply);
        return false;
    }
    if (rc == 0) {
        ms_reply_error(reply, 404, "not_found", "no such photo on one of your tickets");
        return false;
    }
    return true;
}

/* GET /v1/tickets/{ticket}/photos/{photo}/upload -> {photo_id, bytes, received, complete}. */
void ms_handle_photo_upload_get(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_photo p;
    if (reachable_photo(app, req, false, &p, reply))
        ms_reply_json(reply, 200, ms_photo_state_json(&p));
}

/* The Upload-Offset header as a byte offset; false when absent or not a number. */
static bool upload_offset(const ms_request *req, int64_t *out)
{
    const char *text = ms_header(req, "Upload-Offset");
    if (!text || *text < '0' || *text > '9')
        return false;
    errno = 0;
    char *end;
    long long value = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *out = value;
    return true;
}

/* PATCH /v1/tickets/{ticket}/photos/{photo}/upload: Upload-Offset and the bytes from there. */
void ms_handle_photo_upload_patch(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_photo p;
    if (!reachable_photo(app, req, false, &p, reply))
        return;
    const char *type = ms_header(req, "Content-Type");
    if (!type || strcmp(type, "application/offset+octet-stream") != 0) {
        ms_reply_invalid(reply, "the body's Content-Type must be application/offset+octet-stream");
        return;
    }
    int64_t offset;
    if (!upload_offset(req, &offset)) {
        ms_reply_invalid(reply, "header 'Upload-Offset' must be the byte offset of the body");
        return;
    }
    char why[160];
    /* The request's counts (and a reset) stay whatever the answer: keep_writes. */
    reply->keep_writes = true;
    switch (ms_photo_patch(app->db, app->rng, &p, offset, req->body, req->body_len,
                           ms_clock_now(&app->clock), why, sizeof why)) {
    case MS_PATCH_KEPT:
    case MS_PATCH_COMPLETE:
        ms_reply_json(reply, 200, ms_photo_state_json(&p));
        break;
    case MS_PATCH_MISMATCH:
        ms_reply_error(reply, 409, "offset_mismatch",
                       "the upload is at byte %" PRId64 ", not %" PRId64 "; go on from there",
                       p.received, offset);
        if (reply->body)
            cJSON_AddNumberToObject(reply->body, "received", (double)p.received);
        break;
    case MS_PATCH_TOO_LONG:
        ms_reply_invalid(reply, "%zu bytes at offset %" PRId64 " run past the photo's %" PRId64,
                         req->body_len, offset, p.bytes);
        break;
    case MS_PATCH_CORRUPT:
        ms_reply_error(reply, 422, "photo_corrupt", "%s", why);
        break;
    case MS_PATCH_ERROR:
        reply->keep_writes = false;
        ms_reply_internal(reply);
        break;
    }
}

/* GET /v1/tickets/{ticket}/photos/{photo}: the image, for its member and its building's staff. */
void ms_handle_photo_get(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_photo p;
    if (!reachable_photo(app, req, true, &p, reply))
        return;
    if (!p.complete) {
        ms_reply_error(reply, 404, "not_found", "the photo has not been uploaded yet");
        return;
    }
    uint8_t *bytes = NULL;
    if (ms_photo_bytes(app->db, &p, &bytes) != 0) {
        ms_reply_internal(reply);
        return;
    }
    ms_reply_bytes(reply, bytes, (size_t)p.bytes,
                   strcmp(p.content_type, "image/png") == 0 ? "image/png" : "image/jpeg");
}
