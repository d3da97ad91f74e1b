/* tests/common/tempdir.c - fresh temporary directories for tests, removed with their contents. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "tempdir.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *tempdir_new(void)
{
    const char *base = getenv("TMPDIR");
    char *path = malloc(4096);
    if (path == NULL)
        abort();
    snprintf(path, 4096, "%s/membercore-test-XXXXXX", base && base[0] ? base : "/tmp");
    if (mkdtemp(path) == NULL) {
        perror("mkdtemp");
        abort();
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void tempdir_free(char *dir)
{
    if (dir == NULL)
        return;
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *tempdir_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p == NULL)
        abort();
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}
