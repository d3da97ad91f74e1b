/*
 * membercore/client.h - opening the library: configuration and the client handle.
 *
 * Start here. A host (an app, memberctl, a test) fills an mc_config, opens one
 * mc_client over a data directory, uses it from any thread, and frees it:
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
 *     mc_client_free(client);
 *
 * Life cycle. mc_client_close() may be called from any thread at any time,
 * even while other threads are inside calls of the client: from then on every
 * call that starts fails at once with MC_ERR_STATE ("the client is closed"),
 * close waits for the calls already in flight to return, stops sync and
 * closes the store. The handle's memory stays valid until mc_client_free(),
 * so a binding can close at any time and free in its finalizer, when no call
 * can start any more. A host that owns the handle alone just calls
 * mc_client_free() (it closes first).
 *
 * The data directory holds the local SQLite store (membercore.db, WAL mode)
 * and, on Linux, the secure-storage files. The next header to read is
 * membercore/auth.h (signing in).
 */
#ifndef MEMBERCORE_CLIENT_H
#define MEMBERCORE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/error.h"
#include "membercore/platform.h"
#include "membercore/transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The opaque client handle. Thread-safe: calls are serialised where needed, and
 * every call counts itself in and out so that mc_client_close() can wait for
 * the calls in flight. */
typedef struct mc_client mc_client;

/* Milliseconds since the Unix epoch, UTC. */
typedef int64_t (*mc_clock_fn)(void *context);
/* Fill buf with len cryptographically random bytes; MC_OK or an error. */
typedef mc_status (*mc_random_fn)(void *context, uint8_t *buf, size_t len);

/*
 * Everything a host may set. Initialise with mc_config_init() and then set
 * fields: new fields are only ever appended, with defaults that keep old
 * hosts working. Strings are borrowed during mc_client_open (copied).
 *
 * The struct grows (docs/abi.md): mc_config_init() records in `size` how big
 * the caller's struct is, so a newer library never writes or reads past an
 * older caller's struct and gives the fields that caller does not know their
 * defaults.
 */
typedef struct mc_config {
    /* Set by mc_config_init(): sizeof the caller's mc_config. Do not change. */
    uint32_t size;
    /* Required: an existing or creatable directory for the local store. */
    const char *data_dir;
    /* Base URL of the API server, e.g. "https://api.example.com" (a path
     * prefix is kept; no user info, query or fragment). Required for any
     * network call; NULL leaves the client offline-only. Plain http:// only
     * to a loopback host (127.0.0.0/8, [::1], localhost: tests, the demo);
     * every other server over https://, its certificate always verified
     * (system CAs or tls_ca_file). The session token belongs to this URL's
     * origin (scheme, host, port): a client opened on another origin than
     * the one that issued the token never sends it. A call that would carry
     * it fails with MC_ERR_OFFLINE while that server is unreachable (the
     * session kept), and with MC_ERR_UNAUTHORIZED once it answers, which
     * signs the client out; the token is then revoked at its own origin the
     * next time the client is opened there (docs/security.md, Transport). */
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
    /* Certificate pinning (docs/security.md): NULL or count 0 pins nothing. Otherwise each
     * pin is "sha256/" + the base64 of the SHA-256 of a certificate's DER
     * SubjectPublicKeyInfo (44 characters ending in '='), at least two distinct ones (a
     * backup for the next key), and a request goes out only when the server's own
     * certificate (the leaf, after the chain verified) has one of those keys, else
     * MC_ERR_TLS_PIN. A pin never replaces verification. Applies to https:// only. Copied at
     * mc_client_open. */
    const char *const *tls_pins;
    size_t tls_pin_count;
    /* A PEM file of CA certificates to trust instead of the system's (a private CA, a
     * test's own); NULL: the system's. Must be readable at mc_client_open (the path is
     * copied; the file is read at each connection). Verification is never off. */
    const char *tls_ca_file;
    /* The HTTP transport (membercore/transport.h): NULL, the default, uses the built-in
     * libcurl one, which keeps connections and TLS sessions alive across calls. The Android
     * and iOS bindings pass one over the platform's own networking (HttpURLConnection,
     * URLSession). The struct is copied at mc_client_open, which takes ownership of its
     * context (released through its release hook, also when the open fails). With a
     * transport, tls_pins and tls_ca_file must be unset (MC_ERR_INVALID_ARG): the platform
     * verifies and pins. */
    const mc_transport *transport;
} mc_config;

/* Fill cfg with the defaults (all NULL, timeouts 5000/15000 ms) and set
 * cfg->size. A macro, so that `size` is the caller's sizeof; bindings that cannot
 * expand macros call mc_config_init_sized(cfg, sizeof(mc_config)) as compiled
 * against their header. NULL: no-op. Any thread. */
#define mc_config_init(cfg) mc_config_init_sized((cfg), sizeof *(cfg))
void mc_config_init_sized(mc_config *cfg, size_t size);

/*
 * Open a client over cfg->data_dir, creating the directory (and any missing
 * parents, mode 0700) and the store if needed and migrating an older store forward (never deleting
 * data). The data directory is set to 0700 even when it existed before, and every file the
 * library writes in it (the store, its -wal/-shm/-journal, the default secure storage under
 * data_dir/secure, photo copies) is 0600, whatever the process umask. On success *out is the
 * caller's; release it with mc_client_free(). Errors:
 * MC_ERR_INVALID_ARG (cfg, out, cfg->size (not initialised by mc_config_init), data_dir,
 * timeouts, server_url (the message names the broken rule, e.g. "plain http:// is only for a
 * loopback server"), tls_pins (fewer than 2, malformed or repeated), tls_ca_file (unreadable)),
 * MC_ERR_STORAGE (directory or database unusable, or a store written by a newer version of this
 * library), MC_ERR_NO_MEMORY, MC_ERR_STORE_DAMAGED: the store file is empty (zero bytes), not a
 * file, not an SQLite database or corrupt. Nothing of it is used and the session token is dropped
 * from secure storage (so the member is signed out); every open fails the same way until the app
 * removes the store with mc_store_remove() and opens again, which starts an empty store that the
 * member signs in to and syncs from the server (writes not yet sent are lost with the store). Any
 * thread.
 *
 * Every call that talks to the server may also fail with MC_ERR_TLS (certificate not
 * verified) or MC_ERR_TLS_PIN (not a pinned key); nothing of the request was sent then.
 */
mc_status mc_client_open(const mc_config *cfg, mc_client **out, mc_error *err);

/*
 * Remove the local store in data_dir (the directory given as mc_config.data_dir): membercore.db
 * with its -wal, -shm and -journal files, a store half made by an interrupted first open, and
 * the copies of ticket photos not yet uploaded. The directory itself and the secure storage
 * under it stay. What the store held that the server has (the account, bookings, door codes)
 * comes back with the next sign-in and sync; local writes not yet sent are lost.
 * For a store mc_client_open() reports MC_ERR_STORE_DAMAGED, or for a reset. No client may be
 * open over data_dir (in this process or another) while it runs: the call cannot check that.
 * MC_OK also when there was nothing to remove. Errors: MC_ERR_INVALID_ARG (data_dir NULL or
 * ""), MC_ERR_STORAGE naming the file that could not be removed (what was removed before it
 * stays removed; calling again finishes), MC_ERR_NO_MEMORY. Any thread.
 */
mc_status mc_store_remove(const char *data_dir, mc_error *err);

/*
 * Close the client: calls that start from now on fail at once with MC_ERR_STATE
 * ("the client is closed"); close cancels the network requests in flight (their
 * calls fail with MC_ERR_CANCELLED; the transport's cancel hook), waits for the calls in
 * flight on other threads to return, stops the sync
 * thread (a round in progress finishes first; listeners that call into the
 * client meanwhile get MC_ERR_STATE) and closes the store. The handle itself
 * stays valid (every call on it fails) until mc_client_free(). Any thread, any
 * number of times; NULL is a no-op. A second close while one is under way on
 * another thread waits for it.
 *
 * Called from inside a call of this client on the same thread (a listener
 * run by mc_sync_deliver_queued() or by a local write) or from the sync thread
 * (an IMMEDIATE listener), close cannot wait for itself: it refuses new calls,
 * asks the sync thread to stop and returns; the store is closed by the next
 * mc_client_close() or mc_client_free() made outside any call of the client.
 */
void mc_client_close(mc_client *client);

/* True once mc_client_close() (or mc_client_free()) has begun; true for NULL.
 * Any thread. */
bool mc_client_is_closed(mc_client *client);

/*
 * Close the client (as mc_client_close(), waiting for calls in flight) and
 * free the handle. NULL is a no-op. Call it once, when no call of this client
 * can start any more (a binding's finalizer or deinit), from any thread but not
 * from inside a call or listener of this same client (it would have to free
 * the memory under that call: it logs an error and leaks the handle instead).
 */
void mc_client_free(mc_client *client);

/* Now, in ms since the epoch, by the client's clock (mc_config.clock, or the
 * system's): what "now" means for the core's reads, e.g. mc_events_list.
 * Any thread; 0 for a NULL client. */
int64_t mc_client_now(mc_client *client);

/* The library version, "MAJOR.MINOR.PATCH". Static string; any thread. */
const char *mc_version(void);

/* The schema version of the local store this library writes. Any thread. */
int mc_store_schema_version(void);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_CLIENT_H */
