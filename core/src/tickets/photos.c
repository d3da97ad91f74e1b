/* tickets/photos.c - photo files checked by content and size, streamed into the library's own
 * copies beside the store (.part, fsync, rename) with their SHA-256. */
#include "tickets/photos.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "membercore/tickets.h"
#include "rules/image.h"
#include "store/files.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

#define CHUNK (1024 * 1024)

mc_status mci_ticket_new_id(mc_client *c, const char *prefix, char out[MCI_TICKET_ID_LEN],
                            mc_error *err)
{
    return mci_client_new_id(c, prefix, out, MCI_TICKET_ID_LEN, err);
}

/* <data dir>/<store file>-photos, created when missing, 0700. */
static mc_status photo_dir(mc_client *c, char **out, mc_error *err)
{
    size_t n = strlen(c->data_dir) + sizeof "/" MCI_STORE_FILE "-photos";
    if ((*out = malloc(n)) == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    snprintf(*out, n, "%s/%s-photos", c->data_dir, MCI_STORE_FILE);
    return mci_private_dir(*out, "the photo directory", err);
}

static mc_status read_fully(int fd, uint8_t *buf, size_t cap, size_t *got, const char *path,
                            mc_error *err)
{
    *got = 0;
    while (*got < cap) {
        ssize_t n = read(fd, buf + *got, cap - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return mci_error_set(err, MC_ERR_INVALID_ARG, "photo %s cannot be read: %s", path,
                                 strerror(errno));
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return MC_OK;
}

static mc_status write_fully(int fd, const uint8_t *buf, size_t len, const char *path,
                             mc_error *err)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return mci_error_set(err, MC_ERR_STORAGE, "cannot keep a copy of the photo (%s): %s",
                                 path, strerror(errno));
        buf += n;
        len -= (size_t)n;
    }
    return MC_OK;
}

/* Stream from `in` (path named in messages) into part, checking and hashing. */
static mc_status stream_copy(int in, int out, const char *path, const char *part, uint8_t *buf,
                             mci_photo_copy *copy, mc_error *err)
{
    mci_sha256 *hash = NULL;
    mc_status st = mci_sha256_new(&hash, err);
    size_t got = 0;
    bool first = true;
    int64_t total = 0;
    while (st == MC_OK) {
        st = read_fully(in, buf, first ? MCI_IMAGE_SNIFF_BYTES : CHUNK, &got, path, err);
        if (st != MC_OK || got == 0)
            break;
        if (first) {
            mci_image_info info = mci_image_sniff(buf, got);
            if (info.type == MCI_IMAGE_NONE) {
                st = mci_error_set(err, MC_ERR_INVALID_ARG,
                                   "photo %s is not a JPEG or PNG image: %s", path, info.why);
                break;
            }
            copy->content_type = mci_image_content_type(info.type);
            first = false;
        }
        total += (int64_t)got;
        if (total > MC_TICKET_PHOTO_MAX_BYTES) {
            st = mci_error_set(err, MC_ERR_INVALID_ARG,
                               "photo %s is over the 10 MiB limit for a photo (%d bytes)", path,
                               MC_TICKET_PHOTO_MAX_BYTES);
            break;
        }
        mci_sha256_update(hash, buf, got);
        st = write_fully(out, buf, got, part, err);
    }
    if (st == MC_OK && total == 0)
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "photo %s is empty, not an image", path);
    if (st == MC_OK && fsync(out) != 0)
        st = mci_error_set(err, MC_ERR_STORAGE, "cannot keep a copy of the photo (%s): %s", part,
                           strerror(errno));
    if (st == MC_OK) {
        uint8_t digest[MCI_SHA256_LEN];
        mci_sha256_finish(hash, digest);
        mci_hex(digest, sizeof digest, copy->sha256_hex);
        copy->bytes = total;
    }
    mci_sha256_free(hash);
    return st;
}

/* One file into copy (its id already made): checked first by size, then by content. */
static mc_status copy_one(const char *dir, const char *path, uint8_t *buf, mci_photo_copy *copy,
                          mc_error *err)
{
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "photo %s cannot be read: %s", path,
                             strerror(errno));
    struct stat info;
    mc_status st = MC_OK;
    if (fstat(in, &info) != 0 || !S_ISREG(info.st_mode))
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "photo %s is not a file", path);
    else if (info.st_size > MC_TICKET_PHOTO_MAX_BYTES)
        st = mci_error_set(err, MC_ERR_INVALID_ARG,
                           "photo %s is %.1f MiB, over the 10 MiB limit for a photo", path,
                           (double)info.st_size / 1048576.0);
    size_t n = strlen(dir) + strlen(copy->id) + sizeof "/.jpg.part";
    char *part = st == MC_OK ? malloc(n) : NULL;
    if (part != NULL && (copy->local_path = malloc(n)) == NULL) {
        free(part);
        part = NULL;
    }
    if (st == MC_OK && part == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    int out = -1;
    if (part != NULL) {
        snprintf(part, n, "%s/%s.part", dir, copy->id);
        out = mci_private_open(part, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (out < 0)
            st = mci_error_set(err, MC_ERR_STORAGE, "cannot keep a copy of the photo (%s): %s",
                               part, strerror(errno));
    }
    if (st == MC_OK)
        st = stream_copy(in, out, path, part, buf, copy, err);
    if (out >= 0)
        close(out);
    close(in);
    if (st == MC_OK) {
        snprintf(copy->local_path, n, "%s/%s%s", dir, copy->id,
                 strcmp(copy->content_type, "image/png") == 0 ? ".png" : ".jpg");
        if (rename(part, copy->local_path) != 0)
            st = mci_error_set(err, MC_ERR_STORAGE, "cannot keep a copy of the photo (%s): %s",
                               copy->local_path, strerror(errno));
    }
    if (st != MC_OK && part != NULL)
        unlink(part);
    if (st != MC_OK) {
        free(copy->local_path);
        copy->local_path = NULL;
    }
    free(part);
    return st;
}

/* The directory's entries (the renames) made durable. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

mc_status mci_photos_copy(mc_client *c, const char *const *paths, size_t count,
                          mci_photo_copy **out, mc_error *err)
{
    *out = NULL;
    if (count == 0)
        return MC_OK;
    mci_photo_copy *copies = calloc(count, sizeof *copies);
    uint8_t *buf = malloc(MCI_IMAGE_SNIFF_BYTES > CHUNK ? MCI_IMAGE_SNIFF_BYTES : CHUNK);
    char *dir = NULL;
    mc_status st = copies && buf ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = photo_dir(c, &dir, err);
    size_t done = 0;
    for (; st == MC_OK && done < count; done++) {
        if (paths[done] == NULL || paths[done][0] == '\0') {
            st = mci_error_set(err, MC_ERR_INVALID_ARG, "photo %zu has no path", done + 1);
            break;
        }
        st = mci_ticket_new_id(c, "pho_", copies[done].id, err);
        if (st == MC_OK)
            st = copy_one(dir, paths[done], buf, &copies[done], err);
    }
    if (st == MC_OK)
        sync_dir(dir);
    free(dir);
    free(buf);
    if (st != MC_OK) {
        mci_photos_delete(copies, count);
        mci_photos_free(copies, count);
        return st;
    }
    *out = copies;
    return MC_OK;
}

void mci_photos_delete(const mci_photo_copy *copies, size_t count)
{
    for (size_t i = 0; copies != NULL && i < count; i++)
        if (copies[i].local_path != NULL)
            unlink(copies[i].local_path);
}

void mci_photos_free(mci_photo_copy *copies, size_t count)
{
    for (size_t i = 0; copies != NULL && i < count; i++)
        free(copies[i].local_path);
    free(copies);
}
