/* platform/linux/secure_store_file.c - secure storage as 0600 files in a 0700 directory. */
#include "platform_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct mcp_file_store {
    char *dir;
};

static void set_error(mc_error *err, mc_status code, const char *what, const char *path)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s %s: %s", what, path, strerror(errno));
}

mc_status mcp_file_store_new(const char *dir, mcp_file_store **out, mc_error *err)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        set_error(err, MC_ERR_STORAGE, "cannot create the secure-storage directory", dir);
        return MC_ERR_STORAGE;
    }
    /* An existing directory may have been made with a looser umask; a new one loses to the
     * umask what mkdir asked for. */
    if (chmod(dir, 0700) != 0) {
        set_error(err, MC_ERR_STORAGE, "cannot restrict the secure-storage directory", dir);
        return MC_ERR_STORAGE;
    }
    mcp_file_store *s = calloc(1, sizeof *s);
    if (s != NULL)
        s->dir = strdup(dir);
    if (s == NULL || s->dir == NULL) {
        free(s);
        if (err != NULL) {
            memset(err, 0, sizeof *err);
            err->code = MC_ERR_NO_MEMORY;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return MC_ERR_NO_MEMORY;
    }
    *out = s;
    return MC_OK;
}

void mcp_file_store_free(mcp_file_store *s)
{
    if (s == NULL)
        return;
    free(s->dir);
    free(s);
}

static bool valid_key(const char *key)
{
    if (key == NULL || key[0] == '\0' || strlen(key) > 64)
        return false;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

static bool key_path(const mcp_file_store *s, const char *key, const char *suffix, char *out,
                     size_t cap)
{
    int n = snprintf(out, cap, "%s/%s%s", s->dir, key, suffix);
    return n > 0 && (size_t)n < cap;
}

mc_status mcp_file_store_get(void *context, const char *key, char *value, size_t value_cap)
{
    const mcp_file_store *s = context;
    char path[4096];
    if (!valid_key(key) || value == NULL || value_cap == 0 ||
        !key_path(s, key, "", path, sizeof path))
        return MC_ERR_INVALID_ARG;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? MC_ERR_NOT_FOUND : MC_ERR_STORAGE;
    size_t len = 0;
    while (len < value_cap - 1) {
        ssize_t r = read(fd, value + len, value_cap - 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            close(fd);
            return MC_ERR_STORAGE;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    char extra;
    bool too_long = len == value_cap - 1 && read(fd, &extra, 1) > 0;
    close(fd);
    if (too_long)
        return MC_ERR_INVALID_ARG;
    value[len] = '\0';
    return MC_OK;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

mc_status mcp_file_store_set(void *context, const char *key, const char *value)
{
    const mcp_file_store *s = context;
    char path[4096], tmp[4096];
    if (!valid_key(key) || value == NULL || !key_path(s, key, "", path, sizeof path) ||
        !key_path(s, key, ".tmp", tmp, sizeof tmp))
        return MC_ERR_INVALID_ARG;
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return MC_ERR_STORAGE;
    /* Exactly 0600, whatever the umask. */
    bool ok = fchmod(fd, 0600) == 0 && write_all(fd, value, strlen(value)) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return MC_ERR_STORAGE;
    }
    sync_dir(s->dir);
    return MC_OK;
}

mc_status mcp_file_store_delete(void *context, const char *key)
{
    const mcp_file_store *s = context;
    char path[4096];
    if (!valid_key(key) || !key_path(s, key, "", path, sizeof path))
        return MC_ERR_INVALID_ARG;
    if (unlink(path) != 0 && errno != ENOENT)
        return MC_ERR_STORAGE;
    sync_dir(s->dir);
    return MC_OK;
}
