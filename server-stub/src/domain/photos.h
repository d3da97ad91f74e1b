/* domain/photos.h - ticket photos' bytes: the resumable upload (chunks kept as they come),
 * the completion check (sha256 and image type), the photo's timeline entry, reading it back. */
#ifndef MS_PHOTOS_H
#define MS_PHOTOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/crypto.h"
#include "base/ids.h"

/* The largest PATCH body the upload takes (docs/tickets-protocol.md: up to 16 MiB). */
#define MS_UPLOAD_BODY_MAX ((size_t)16 * 1024 * 1024)

/* One declared photo and its ticket's owner and building. */
typedef struct ms_photo {
    char id[MS_ID_MAX];
    char ticket_id[MS_ID_MAX];
    char user_id[MS_ID_MAX];     /* the ticket's member */
    char building_id[MS_ID_MAX]; /* the ticket's building */
    char content_type[16];       /* "image/jpeg" or "image/png" */
    char sha256[65];
    int64_t bytes, received;
    bool complete;
} ms_photo;

/* Load photo_id of ticket_id: 1 found, 0 no such photo on that ticket, -1 error. */
int ms_photo_load(sqlite3 *db, const char *ticket_id, const char *photo_id, ms_photo *out);

/* Whether user_id is staff of building_id: 1 yes, 0 no, -1 error. */
int ms_photo_staff_of(sqlite3 *db, const char *user_id, const char *building_id);

/* What one PATCH did. */
typedef enum ms_patch_outcome {
    MS_PATCH_KEPT,     /* the bytes were kept; more are expected */
    MS_PATCH_COMPLETE, /* complete (now, or it already was: nothing kept) */
    MS_PATCH_MISMATCH, /* offset != received: nothing kept */
    MS_PATCH_TOO_LONG, /* offset + len > bytes: nothing kept */
    MS_PATCH_CORRUPT,  /* the last bytes arrived but the whole fails the checks: received = 0 */
    MS_PATCH_ERROR,    /* the database failed (logged) */
} ms_patch_outcome;

/*
 * One PATCH of len bytes at offset onto photo p (loaded; updated in place), in the caller's
 * transaction. Every call counts one request and len bytes (bytes_received_total). The call
 * that completes the photo checks the sha256 and that the bytes are a JPEG or PNG of the
 * declared type; a success sets complete and uploaded_at_ms and appends the photo's timeline
 * entry (author: the ticket's member) and change-logs the ticket. *why: a message for
 * MS_PATCH_CORRUPT.
 */
ms_patch_outcome ms_photo_patch(sqlite3 *db, ms_rng *rng, ms_photo *p, int64_t offset,
                                const void *data, size_t len, int64_t now_ms, char *why,
                                size_t why_cap);

/* The whole photo's bytes (malloc'd, p->bytes long) into *out; 0 / -1. */
int ms_photo_bytes(sqlite3 *db, const ms_photo *p, uint8_t **out);

/* {photo_id, bytes, received, complete}; NULL without memory. */
cJSON *ms_photo_state_json(const ms_photo *p);

/* {photo_id, ticket_id, bytes, received, complete, bytes_received_total, requests} of
 * photo_id (any ticket): 1 found, 0 none, -1 error. */
int ms_photo_stats_json(sqlite3 *db, const char *photo_id, cJSON **out);

#endif
