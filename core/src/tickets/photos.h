/*
 * tickets/photos.h - a member's photo files checked and copied into the library's own
 * storage beside the store (`<store path>-photos/`), before the write that declares them.
 *
 * Each file is checked by its content (a JPEG or PNG, rules/image.h) and its size (at most
 * MC_TICKET_PHOTO_MAX_BYTES), streamed in 1 MiB pieces into a `.part` file while its
 * SHA-256 is computed, fsynced and renamed: never held whole in memory. Runs without the
 * client lock (copying 50 MB must not block other writes).
 */
#ifndef MCI_TICKETS_PHOTOS_H
#define MCI_TICKETS_PHOTOS_H

#include <stddef.h>
#include <stdint.h>

#include "handle/handle.h"
#include "membercore/error.h"

/* "pho_" + 32 hex + NUL */
#define MCI_TICKET_ID_LEN 37

typedef struct mci_photo_copy {
    char id[MCI_TICKET_ID_LEN]; /* pho_<32 hex> */
    char *local_path;           /* the copy: <store path>-photos/pho_<hex>.jpg */
    const char *content_type;   /* "image/jpeg", "image/png" (static) */
    int64_t bytes;
    char sha256_hex[65];
} mci_photo_copy;

/* A new id: prefix ("tkt_", "cmt_", "pho_") + 32 lower-case hex of 128 random bits. */
mc_status mci_ticket_new_id(mc_client *c, const char *prefix, char out[MCI_TICKET_ID_LEN],
                            mc_error *err);

/*
 * Check and copy the count files at paths (count <= MC_TICKET_PHOTOS_MAX, checked by the
 * caller) into *out (count items; NULL when count is 0). On any failure no copy is left
 * and the error names the file: MC_ERR_INVALID_ARG (cannot be read, not a JPEG or PNG by
 * its content, empty, over 10 MiB), MC_ERR_STORAGE (cannot write the copy: no space),
 * MC_ERR_NO_MEMORY.
 */
mc_status mci_photos_copy(mc_client *c, const char *const *paths, size_t count,
                          mci_photo_copy **out, mc_error *err);

/* Delete the copies' files (a write that failed after copying). */
void mci_photos_delete(const mci_photo_copy *copies, size_t count);

/* Free the array (not the files). NULL is a no-op. */
void mci_photos_free(mci_photo_copy *copies, size_t count);

#endif
