/*
 * membercore/client.h - opening the library: configuration and the client handle.
 *
 * Start here. A host (an app, memberctl, a test) fills an mc_config, opens one
 * mc_client over a data directory, uses it from any thread, and closes it:
 *
 *     mc_config cfg;
 *     mc_config_init(&cfg);
 *     cfg.data_dir = "/data/user/0/com.example/files/membercore";
 *     cfg.server_url = "https://api.example.com";
 *     mc_client *client = NULL;
 *     mc_error err = MC_ERROR_INIT;
 *     if (mc_client_open(&cfg, &client, &err) != MC_OK)
 *         show(err.message);
 *     ...
 *     mc_client_close(client);
 *
 * The data directory holds the local SQLite store (membercore.db, WAL mode)
 * and, on Linux, the secure-storage files. The next header to read is
 * membercore/auth.h (signing in).
 */
#ifndef MEMBERCORE_CLIENT_H
#define MEMBERCORE_CLIENT_H

#include <stdint.h>

#include "membercore/error.h"
#include "membercore/platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The opaque client handle. Thread-safe: calls are serialised where needed. */
typedef struct mc_client mc_client;

/* Milliseconds since the Unix epoch, UTC. */
typedef int64_t (*mc_clock_fn)(void *context);
/* Fill buf with len cryptographically random bytes; MC_OK or an error. */
typedef mc_status (*mc_random_fn)(void *context, uint8_t *buf, size_t len);

/*
 * Everything a host may set. Initialise with mc_config_init() and then set
 * fields: new fields are only ever appended, with defaults that keep old
 * hosts working. Strings are borrowed during mc_client_open (copied).
 */
typedef struct mc_config {
    /* Required: an existing or creatable directory for the local store. */
    const char *data_dir;
    /* Base URL of the API server, e.g. "http://127.0.0.1:8080". Required for
     * any network call; NULL leaves the client offline-only. */
    const char *server_url;
    /* Connect timeout and total timeout per HTTP request (default 5000 and
     * 15000 ms). Must be > 0. */
    int32_t connect_timeout_ms;
    int32_t request_timeout_ms;
    /* Clock; NULL uses the system's real-time clock. Tests inject one. It is
     * called with core locks held: it must not call back into the client. */
    mc_clock_fn clock;
    void *clock_context;
    /* Random source; NULL uses mbedTLS CTR-DRBG seeded from the OS. */
    mc_random_fn random;
    void *random_context;
    /* Secure storage and logging; NULL hooks use the Linux defaults
     * (files of mode 0600 under data_dir/secure, stderr). */
    mc_platform platform;
} mc_config;

/* Fill cfg with the defaults (all NULL, timeouts 5000/15000 ms). */
void mc_config_init(mc_config *cfg);

/*
 * Open a client over cfg->data_dir, creating the directory (and any missing
 * parents, mode 0700) and the store if needed and migrating an older store forward (never deleting
 * data). On success *out is the caller's; release it with mc_client_close(). Errors:
 * MC_ERR_INVALID_ARG (cfg, out, data_dir, timeouts, server_url), MC_ERR_STORAGE (directory or
 * database unusable, or a store written by a newer version of this library), MC_ERR_NO_MEMORY. Any
 * thread.
 */
mc_status mc_client_open(const mc_config *cfg, mc_client **out, mc_error *err);

/* Close the client and free everything it holds. NULL is accepted. Call it
 * once, after every other call on this client has returned. */
void mc_client_close(mc_client *client);

/* Now, in ms since the epoch, by the client's clock (mc_config.clock, or the
 * system's): what "now" means for the core's reads, e.g. mc_events_list.
 * Any thread; 0 for a NULL client. */
int64_t mc_client_now(mc_client *client);

/* The library version, "MAJOR.MINOR.PATCH". Static string; any thread. */
const char *mc_version(void);

/* The schema version of the local store this library writes. */
int mc_store_schema_version(void);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_CLIENT_H */
