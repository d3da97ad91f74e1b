/* client/client.c - mc_client_open/close/free: configuration, the data directory, the store,
 * the sync thread. Above sync: opening starts what closing stops; close waits for the calls
 * in flight (handle/guard.h) and free releases the handle. */
#include "handle/handle.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "account/session.h"
#include "net/url.h"
#include "read/read.h"
#include "store/files.h"
#include "store/migrations.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/strutil.h"

/* The build defines MCI_HAVE_DEFAULT_PLATFORM where it compiles platform/linux
 * (not on Android or iOS, whose bindings inject their hooks). */
#ifdef MCI_HAVE_DEFAULT_PLATFORM
#include "linux/platform_linux.h"
#else
mc_status mc_platform_default_data_dir(char *out, size_t out_cap, mc_error *err)
{
    (void)out;
    (void)out_cap;
    return mci_error_set(err, MC_ERR_STATE,
                         "this OS has no default data directory: pass the app's own");
}
#endif

#ifndef MC_VERSION
#define MC_VERSION "0.0.0"
#endif

#define DEFAULT_CONNECT_TIMEOUT_MS 5000

static void destroy(mc_client *client);
#define DEFAULT_REQUEST_TIMEOUT_MS 15000

const char *mc_version(void)
{
    return MC_VERSION;
}

int mc_store_schema_version(void)
{
    return mci_store_migrations[mci_store_migration_count - 1].version;
}

/* Whether a caller's config of `size` bytes holds `field` (fields are only ever appended). */
#define CONFIG_HAS(size, field)                                                                    \
    ((size) >= offsetof(mc_config, field) + sizeof((mc_config *)0)->field)

void mc_config_init_sized(mc_config *cfg, size_t size)
{
    if (cfg == NULL || !CONFIG_HAS(size, size))
        return;
    /* The caller's struct may be older (smaller) than ours: never write past `size`. */
    size_t n = size < sizeof *cfg ? size : sizeof *cfg;
    memset(cfg, 0, n);
    cfg->size = (uint32_t)size;
    if (CONFIG_HAS(n, connect_timeout_ms))
        cfg->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
    if (CONFIG_HAS(n, request_timeout_ms))
        cfg->request_timeout_ms = DEFAULT_REQUEST_TIMEOUT_MS;
}

/* The caller's config as this library's struct: the fields it has, defaults for the fields
 * added after it was compiled. */
static mc_status read_config(const mc_config *caller, mc_config *cfg, mc_error *err)
{
    if (!CONFIG_HAS(caller->size, data_dir))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.size is %u: initialise the config with mc_config_init()",
                             (unsigned)caller->size);
    mc_config_init_sized(cfg, sizeof *cfg);
    memcpy(cfg, caller, caller->size < sizeof *cfg ? caller->size : sizeof *cfg);
    cfg->size = sizeof *cfg;
    return MC_OK;
}

static int64_t system_clock(void *context)
{
    (void)context;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static mc_status validate_config(const mc_config *cfg, mc_error *err)
{
    if (cfg->data_dir == NULL || cfg->data_dir[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "config.data_dir is required");
    if (cfg->connect_timeout_ms <= 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.connect_timeout_ms must be > 0 (got %d)",
                             (int)cfg->connect_timeout_ms);
    if (cfg->request_timeout_ms <= 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.request_timeout_ms must be > 0 (got %d)",
                             (int)cfg->request_timeout_ms);
    char origin[MCI_ORIGIN_MAX];
    if (cfg->server_url != NULL && mci_url_origin(cfg->server_url, origin, err) != MC_OK)
        return MC_ERR_INVALID_ARG;
    if (cfg->transport != NULL && cfg->transport->send == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.transport.send is required (the transport was released)");
    if (cfg->transport != NULL &&
        (cfg->tls_pins != NULL || cfg->tls_pin_count != 0 || cfg->tls_ca_file != NULL))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.tls_pins and tls_ca_file apply to the built-in transport "
                             "only: with config.transport the platform verifies and pins (the "
                             "transport was released)");
    if (cfg->tls_ca_file != NULL && access(cfg->tls_ca_file, R_OK) != 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "config.tls_ca_file %s cannot be read: %s",
                             cfg->tls_ca_file, strerror(errno));
    const mc_platform *p = &cfg->platform;
    int hooks = (p->secure_get != NULL) + (p->secure_set != NULL) + (p->secure_delete != NULL);
    if (hooks != 0 && hooks != 3)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.platform: set all three secure_get/secure_set/"
                             "secure_delete hooks, or none");
#ifndef MCI_HAVE_DEFAULT_PLATFORM
    if (hooks == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.platform secure-storage hooks are required on this OS");
#endif
    return MC_OK;
}

static mc_status setup_platform(mc_client *c, const mc_config *cfg, mc_error *err)
{
    /* The host's context goes to the host's hooks only: with the default
     * storage and a host logger, each gets its own. */
    c->platform = cfg->platform;
    c->secure_context = cfg->platform.context;
    c->log_context = cfg->platform.context;
#ifdef MCI_HAVE_DEFAULT_PLATFORM
    if (c->platform.secure_get == NULL) {
        size_t n = strlen(c->data_dir) + sizeof "/secure";
        char *dir = malloc(n);
        if (dir == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        snprintf(dir, n, "%s/secure", c->data_dir);
        mc_status st = mcp_file_store_new(dir, &c->files, err);
        free(dir);
        if (st != MC_OK)
            return st;
        c->secure_context = c->files;
        c->platform.secure_get = mcp_file_store_get;
        c->platform.secure_set = mcp_file_store_set;
        c->platform.secure_delete = mcp_file_store_delete;
    }
    if (c->platform.log == NULL) {
        c->platform.log = mcp_log_stderr;
        c->log_context = NULL;
    }
#endif
    return MC_OK;
}

/* This install's client id: generated once, kept in meta forever. */
static mc_status load_client_id(mc_client *c, mc_error *err)
{
    char *value = NULL;
    mc_status st = mci_meta_get(c->db, "client_id", &value, err);
    if (st == MC_OK) {
        mci_strlcpy(c->client_id, value, sizeof c->client_id);
        free(value);
        return MC_OK;
    }
    if (st != MC_ERR_NOT_FOUND)
        return st;
    uint8_t raw[16];
    st = mci_client_random(c, raw, sizeof raw, err);
    if (st != MC_OK)
        return st;
    mci_uuid_format(raw, c->client_id);
    return mci_meta_set(c->db, "client_id", c->client_id, err);
}

/* A damaged store took the session's state with it: its token is dropped, so nothing signs in
 * with it (docs/security.md). Each open of the damaged store tries again. */
static void drop_session_of_damaged_store(mc_client *c)
{
    mc_error dropped = MC_ERROR_INIT;
    if (mci_session_drop(c, &dropped) != MC_OK)
        mci_client_log(c, MC_LOG_ERROR, "the store is damaged and %s", dropped.message);
}

/* The host's transport context is the client's from mc_client_open on: released once, here
 * when the open fails before the client holds it. */
static mc_status release_transport(const mc_config *cfg, mc_status st)
{
    if (cfg != NULL && cfg->transport != NULL && cfg->transport->release != NULL)
        cfg->transport->release(cfg->transport->context);
    return st;
}

mc_status mc_client_open(const mc_config *caller_cfg, mc_client **out, mc_error *err)
{
    if (caller_cfg == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "cfg is NULL");
    mc_config full;
    const mc_config *cfg = &full;
    mc_status st = read_config(caller_cfg, &full, err);
    if (st != MC_OK)
        return st; /* a config too old to hold a transport */
    if (out == NULL)
        return release_transport(cfg, mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL"));
    *out = NULL;
    st = validate_config(cfg, err);
    if (st != MC_OK)
        return release_transport(cfg, st);

    mc_client *c = calloc(1, sizeof *c);
    if (c == NULL)
        return release_transport(
            cfg, mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client"));
    mci_http_init(&c->http, cfg->transport); /* the client owns the transport from here */
    pthread_mutex_init(&c->guard_lock, NULL);
    pthread_cond_init(&c->guard_changed, NULL);
    pthread_mutex_init(&c->lock, NULL);
    c->data_dir = mci_strdup(cfg->data_dir);
    if (cfg->server_url != NULL) {
        c->server_url = mci_strdup(cfg->server_url);
        /* Keep the base without a trailing slash; paths start with '/'. */
        size_t n = c->server_url ? strlen(c->server_url) : 0;
        while (n > 0 && c->server_url[n - 1] == '/')
            c->server_url[--n] = '\0';
    }
    if (c->data_dir == NULL || (cfg->server_url != NULL && c->server_url == NULL)) {
        destroy(c);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client");
    }
    st = mci_tls_pins_join(cfg->tls_pins, cfg->tls_pin_count, &c->tls_pins, err);
    if (st == MC_OK && cfg->tls_ca_file != NULL &&
        (c->tls_ca_file = mci_strdup(cfg->tls_ca_file)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client");
    if (st != MC_OK) {
        destroy(c);
        return st;
    }
    c->http.base_url = c->server_url;
    c->http.pinned_keys = c->tls_pins;
    c->http.ca_file = c->tls_ca_file;
    c->http.connect_timeout_ms = cfg->connect_timeout_ms;
    c->http.request_timeout_ms = cfg->request_timeout_ms;
    c->clock = cfg->clock ? cfg->clock : system_clock;
    c->clock_context = cfg->clock_context;
    if (cfg->random != NULL) {
        c->random = cfg->random;
        c->random_context = cfg->random_context;
    } else {
        st = mci_drbg_new(&c->drbg, err);
        if (st != MC_OK) {
            destroy(c);
            return st;
        }
        c->random = mci_drbg_random;
        c->random_context = c->drbg;
    }

    st = mci_private_dir(c->data_dir, "the data directory", err);
    if (st == MC_OK)
        st = setup_platform(c, cfg, err);
    if (st == MC_OK)
        st = mci_http_global_init(err);
    if (st == MC_OK)
        st = mci_http_start(&c->http, err);
    if (st == MC_OK) {
        size_t n = strlen(c->data_dir) + sizeof "/" MCI_STORE_FILE;
        char *path = malloc(n);
        if (path == NULL) {
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
        } else {
            snprintf(path, n, "%s/%s", c->data_dir, MCI_STORE_FILE);
            st = mci_store_open(path, &c->db, err);
            if (st == MC_ERR_STORE_DAMAGED)
                drop_session_of_damaged_store(c);
            if (st == MC_OK && (c->readers = mci_read_pool_new(path)) == NULL)
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client");
            free(path);
        }
    }
    if (st == MC_OK)
        st = load_client_id(c, err);
    if (st == MC_OK)
        st = mci_session_check_origin(c, err);
    if (st == MC_OK)
        st = mci_outbox_recover(c->db, err);
    if (st == MC_OK)
        st = mci_sync_new(&c->sync, err);
    if (st == MC_OK && (c->stmts = mci_stmt_cache_new(c->db)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory opening the client");
    if (st != MC_OK) {
        destroy(c);
        return st;
    }
    *out = c;
    return MC_OK;
}

/* Stop sync and close the store: what a close does once no call is in flight. */
static void tear_down(mc_client *client)
{
    mci_sync_free(client, client->sync); /* stops the thread before the store goes */
    client->sync = NULL;
    mci_stmt_cache_free(client->stmts);
    client->stmts = NULL;
    mci_read_pool_free(client->readers);
    client->readers = NULL;
    mci_store_close(client->db);
    client->db = NULL;
#ifdef MCI_HAVE_DEFAULT_PLATFORM
    mcp_file_store_free(client->files);
    client->files = NULL;
#endif
    mci_drbg_free(client->drbg);
    client->drbg = NULL;
}

/* Free the memory of a torn-down (or never opened) client. */
static void release(mc_client *client)
{
    pthread_mutex_destroy(&client->lock);
    pthread_cond_destroy(&client->guard_changed);
    pthread_mutex_destroy(&client->guard_lock);
    mci_http_cleanup(&client->http); /* the transport's release hook, after its last send */
    free(client->data_dir);
    free(client->server_url);
    free(client->tls_pins);
    free(client->tls_ca_file);
    free(client);
}

static void destroy(mc_client *client)
{
    tear_down(client);
    release(client);
}

void mc_client_close(mc_client *client)
{
    if (client == NULL)
        return;
    /* Inside a call of this client on this thread (a listener run by mc_sync_deliver_queued or
     * by a local write), or on its sync thread (an IMMEDIATE listener): waiting would wait for
     * this very thread. Refuse new calls, ask the sync thread to stop, and leave the rest to
     * the next close or mc_client_free made from outside. */
    bool inside = mci_call_on_this_thread(client) || mci_sync_on_own_thread(client);
    pthread_mutex_lock(&client->guard_lock);
    client->closing = true;
    bool torn = client->torn_down;
    pthread_mutex_unlock(&client->guard_lock);
    /* The requests in flight (the app's calls, the sync round) fail now with
     * MC_ERR_CANCELLED instead of running to their time limits. */
    if (!torn)
        mci_http_cancel_all(&client->http, !inside);
    pthread_mutex_lock(&client->guard_lock);
    if (inside) {
        bool torn_down = client->torn_down || client->tearing_down;
        pthread_mutex_unlock(&client->guard_lock);
        if (!torn_down)
            mci_sync_request_stop(client);
        return;
    }
    while (client->in_flight > 0 || client->tearing_down)
        pthread_cond_wait(&client->guard_changed, &client->guard_lock);
    if (client->torn_down) {
        pthread_mutex_unlock(&client->guard_lock);
        return;
    }
    client->tearing_down = true;
    pthread_mutex_unlock(&client->guard_lock);

    tear_down(client);

    pthread_mutex_lock(&client->guard_lock);
    client->tearing_down = false;
    client->torn_down = true;
    pthread_cond_broadcast(&client->guard_changed);
    pthread_mutex_unlock(&client->guard_lock);
}

bool mc_client_is_closed(mc_client *client)
{
    if (client == NULL)
        return true;
    pthread_mutex_lock(&client->guard_lock);
    bool closing = client->closing;
    pthread_mutex_unlock(&client->guard_lock);
    return closing;
}

void mc_client_free(mc_client *client)
{
    if (client == NULL)
        return;
    mc_client_close(client);
    pthread_mutex_lock(&client->guard_lock);
    bool torn_down = client->torn_down;
    pthread_mutex_unlock(&client->guard_lock);
    if (!torn_down) {
        /* Called from inside a call or listener of this client: freeing now would pull the
         * memory from under that call. Leaking is the lesser harm. */
        mci_client_log(client, MC_LOG_ERROR,
                       "mc_client_free called from inside a call or listener of the same "
                       "client: not freed (free it from another thread)");
        return;
    }
    release(client);
}
