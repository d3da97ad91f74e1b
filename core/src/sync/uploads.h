/*
 * sync/uploads.h - the photo upload queue: ticket photos whose bytes go to the server after
 * the mutation that declares them was applied, in 1 MiB chunks streamed from the library's
 * own copy of the file, resumable across a kill (docs/tickets-protocol.md, "Photo upload").
 *
 * The rows live in the store's `upload` table (migration 8). A feature queues one inside the
 * transaction that queues its declaring mutation (mci_upload_enqueue); the sync round sends
 * them after the push and before the pull (mci_uploads_run).
 */
#ifndef MCI_SYNC_UPLOADS_H
#define MCI_SYNC_UPLOADS_H

#include <stdint.h>

#include "handle/handle.h"
#include "membercore/sync.h"

/* The bytes one PATCH carries (the last chunk of a photo may be shorter). */
#define MCI_UPLOAD_CHUNK_BYTES (1024 * 1024)

/* One photo to send. Every string is borrowed for the call. */
typedef struct mci_upload_item {
    const char *id, *entity_id; /* the photo id (pho_...), its ticket id (tkt_...) */
    int64_t mutation_id;        /* the outbox row that declares the photo */
    const char *remote_path;    /* "/v1/tickets/<ticket>/photos/<photo>/upload" */
    const char *local_path;     /* the library's own copy of the file (deleted once sent) */
    const char *content_type;   /* "image/jpeg" or "image/png" */
    int64_t bytes;              /* the file's size */
    const char *sha256_hex;     /* 64 lower-case hex digits of the whole file */
} mci_upload_item;

/*
 * Inside the caller's transaction (lock held): queue one upload, state 'waiting'.
 * Errors: MC_ERR_INVALID_ARG (a NULL or empty field, bytes < 1, sha256 not 64 hex digits),
 * MC_ERR_STORAGE (the insert failed, e.g. the photo id already queued).
 */
mc_status mci_upload_enqueue(mc_client *client, const mci_upload_item *item, mc_error *err);

/*
 * One sync round's uploads (the round lock held, the client lock NOT held): for every
 * waiting upload whose declaring mutation was applied (acknowledged, or gone from the
 * outbox), ask the server where to go on from and send the rest in chunks, recording
 * each confirmed offset; emits MC_SYNC_EVENT_UPLOAD_PROGRESS / UPLOAD_FAILED. An upload
 * whose mutation was rejected, or that the server refuses for good (404, 422
 * photo_corrupt, 400), becomes 'failed'. MC_OK when nothing is left to send now; a
 * transport, 5xx, 429 or 401 error stops the run and is returned (the round backs off
 * like a push). A close or a pause ends the run between chunks (MC_OK; the rest waits for
 * a later round). report (may be NULL) is not changed: the pull that follows brings the
 * ticket the server updated.
 */
mc_status mci_uploads_run(mc_client *client, const char *token, mc_sync_report *report,
                          mc_error *err);

#endif
