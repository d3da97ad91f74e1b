/*
 * app.c - the run context: where the server and the local store are (option,
 * then environment, then default) and the client opened over them.
 */
#include "memberctl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_SERVER_URL "http://127.0.0.1:8080"

static const char *env_nonempty(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? v : NULL;
}

static char *join_path(const char *base, const char *suffix)
{
    size_t len = strlen(base) + strlen(suffix) + 1;
    char *path = malloc(len);
    if (path != NULL)
        snprintf(path, len, "%s%s", base, suffix);
    return path;
}

bool app_resolve(app *a, char *msg, size_t msg_cap)
{
    if (a->server_url == NULL)
        a->server_url = env_nonempty("MEMBERCTL_SERVER");
    if (a->server_url == NULL)
        a->server_url = DEFAULT_SERVER_URL;
    if (a->ca_file == NULL)
        a->ca_file = env_nonempty("MEMBERCTL_CA_FILE");
    if (a->pins == NULL)
        a->pins = env_nonempty("MEMBERCTL_PINS");

    if (a->data_dir == NULL)
        a->data_dir = env_nonempty("MEMBERCTL_DATA_DIR");
    if (a->data_dir != NULL)
        return true;

    /* XDG base directories: $XDG_DATA_HOME, else ~/.local/share. */
    const char *xdg = env_nonempty("XDG_DATA_HOME");
    const char *home = env_nonempty("HOME");
    if (xdg != NULL)
        a->data_dir_owned = join_path(xdg, "/membercore");
    else if (home != NULL)
        a->data_dir_owned = join_path(home, "/.local/share/membercore");
    else {
        snprintf(msg, msg_cap,
                 "no data directory: HOME is not set; use --data-dir or MEMBERCTL_DATA_DIR");
        return false;
    }
    if (a->data_dir_owned == NULL) {
        snprintf(msg, msg_cap, "out of memory");
        return false;
    }
    a->data_dir = a->data_dir_owned;
    return true;
}

/*
 * Create the parents of path (mode 0700), like "mkdir -p $(dirname path)".
 * The core creates the data directory itself but not ~/.local/share on a
 * fresh account. Failures are left for mc_client_open to report.
 */
static void make_parents(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return;
    for (char *p = copy + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            break;
        *p = '/';
    }
    free(copy);
}

mc_status app_client(app *a, mc_client **out, mc_error *err)
{
    if (a->client == NULL) {
        make_parents(a->data_dir);
        mc_config cfg;
        mc_config_init(&cfg);
        cfg.data_dir = a->data_dir;
        cfg.server_url = a->server_url;
        cfg.tls_ca_file = a->ca_file;
        /* "A,B,C" -> {"A", "B", "C"}: the core checks each pin's form */
        char *pins = a->pins ? strdup(a->pins) : NULL;
        const char *pin_list[16];
        size_t npins = 0;
        for (char *save = NULL, *pin = pins ? strtok_r(pins, ",", &save) : NULL;
             pin != NULL && npins < sizeof pin_list / sizeof *pin_list;
             pin = strtok_r(NULL, ",", &save))
            pin_list[npins++] = pin;
        if (a->pins != NULL && npins == 0)
            pin_list[npins++] = a->pins; /* "" or ",": refused by the core, never "no pins" */
        cfg.tls_pins = npins ? pin_list : NULL;
        cfg.tls_pin_count = npins;
        mc_status st = mc_client_open(&cfg, &a->client, err);
        free(pins);
        if (st != MC_OK) {
            a->client = NULL;
            return st;
        }
    }
    *out = a->client;
    return MC_OK;
}

void app_close(app *a)
{
    mc_client_free(a->client);
    a->client = NULL;
    free(a->data_dir_owned);
    a->data_dir_owned = NULL;
    a->data_dir = NULL;
}
