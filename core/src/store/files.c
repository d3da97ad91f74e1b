/* store/files.c - private directories (0700) and files (0600) whatever the umask, and removing
 * a damaged store (mc_store_remove). */
#include "store/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "membercore/client.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

const char *const mci_store_siblings[MCI_STORE_SIBLING_COUNT] = {"-wal", "-shm", "-journal"};

char *mci_path_cat(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *out = malloc(n);
    if (out != NULL)
        snprintf(out, n, "%s%s%s", a, b, c);
    return out;
}

static mc_status dir_fail(mc_error *err, const char *doing, const char *what, const char *path)
{
    return mci_error_set(err, MC_ERR_STORAGE, "cannot %s %s %s: %s", doing, what, path,
                         strerror(errno));
}

mc_status mci_private_dir(const char *dir, const char *what, mc_error *err)
{
    char *path = mci_strdup(dir);
    if (path == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_status st = MC_OK;
    /* mkdir -p; a component made here is set to 0700 too, as the umask may have taken bits
     * the owner needs to go on down. */
    for (char *p = path + 1; st == MC_OK; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0700) == 0) {
            if (chmod(path, 0700) != 0)
                st = dir_fail(err, "restrict", what, path);
        } else if (errno != EEXIST) {
            st = dir_fail(err, "create", what, path);
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(path);
    if (st != MC_OK)
        return st;
    struct stat info;
    if (stat(dir, &info) != 0 || !S_ISDIR(info.st_mode))
        return mci_error_set(err, MC_ERR_STORAGE, "%s %s is not a directory", what, dir);
    /* It may have been made before, by a looser umask or an older version. */
    if ((info.st_mode & 07777) != 0700 && chmod(dir, 0700) != 0)
        return dir_fail(err, "restrict", what, dir);
    return MC_OK;
}

int mci_private_open(const char *path, int flags)
{
    int fd = open(path, O_CREAT | flags, 0600);
    if (fd >= 0 && fchmod(fd, 0600) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

bool mci_private_restrict(const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return errno == ENOENT;
    return (info.st_mode & 07777) == 0600 || chmod(path, 0600) == 0;
}

/* Remove a file, a missing one being fine. */
static mc_status remove_file(const char *path, mc_error *err)
{
    if (unlink(path) != 0 && errno != ENOENT)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot remove %s: %s", path, strerror(errno));
    return MC_OK;
}

/* The photo copies' directory and the files in it (the library's own, no subdirectories). */
static mc_status remove_photos(const char *dir, mc_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT
                   ? MC_OK
                   : mci_error_set(err, MC_ERR_STORAGE, "cannot read %s: %s", dir, strerror(errno));
    mc_status st = MC_OK;
    struct dirent *e;
    while (st == MC_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *file = mci_path_cat(dir, "/", e->d_name);
        st = file ? remove_file(file, err) : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        free(file);
    }
    closedir(d);
    if (st == MC_OK && rmdir(dir) != 0 && errno != ENOENT)
        st = mci_error_set(err, MC_ERR_STORAGE, "cannot remove %s: %s", dir, strerror(errno));
    return st;
}

/* The store's file with suffix, removed. */
static mc_status remove_beside(const char *store, const char *suffix, mc_error *err)
{
    char *path = mci_path_cat(store, suffix, "");
    mc_status st =
        path ? remove_file(path, err) : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    free(path);
    return st;
}

mc_status mc_store_remove(const char *data_dir, mc_error *err)
{
    if (data_dir == NULL || data_dir[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "data_dir is NULL or empty");
    char *store = mci_path_cat(data_dir, "/", MCI_STORE_FILE);
    char *photos = store ? mci_path_cat(store, MCI_STORE_PHOTOS_SUFFIX, "") : NULL;
    mc_status st =
        photos ? remove_photos(photos, err) : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    /* The WAL and shared memory go with the store (replayed into a new one, they would be
     * pages of the old); the store itself goes last, so a removal cut short is tried again. */
    for (size_t i = 0; st == MC_OK && i < MCI_STORE_SIBLING_COUNT; i++)
        st = remove_beside(store, mci_store_siblings[i], err);
    if (st == MC_OK)
        st = remove_beside(store, MCI_STORE_CREATING_SUFFIX, err);
    if (st == MC_OK)
        st = remove_beside(store, "", err);
    free(photos);
    free(store);
    return st;
}
