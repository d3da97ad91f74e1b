/* platform/linux/data_dir.c - where membercore keeps its data on Linux by default (XDG). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform_linux.h"

static mc_status fail(mc_error *err, mc_status code, const char *message)
{
    if (err != NULL) {
        memset(err, 0, sizeof *err);
        err->code = code;
        err->attempts_left = -1;
        snprintf(err->message, sizeof err->message, "%s", message);
    }
    return code;
}

mc_status mc_platform_default_data_dir(char *out, size_t out_cap, mc_error *err)
{
    if (out == NULL || out_cap == 0)
        return fail(err, MC_ERR_INVALID_ARG, "out is NULL or empty");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg != NULL && xdg[0] == '/')
        n = snprintf(out, out_cap, "%s/membercore", xdg);
    else if (home != NULL && home[0] != '\0')
        n = snprintf(out, out_cap, "%s/.local/share/membercore", home);
    else
        return fail(err, MC_ERR_NOT_FOUND, "neither XDG_DATA_HOME nor HOME is set");
    if (n < 0 || (size_t)n >= out_cap)
        return fail(err, MC_ERR_INVALID_ARG, "out is too small for the data directory path");
    return MC_OK;
}
