/*
 * handle/handle.h - the inside of mc_client, shared by the core's modules.
 *
 * Locking: `lock` guards `db` (the one writer connection) and every
 * multi-statement use of it; reads borrow their own connections from
 * `readers` and take no lock. Network calls are made without holding it,
 * so a slow server never blocks a UI read.
 * `guard_lock` guards the life-cycle fields (handle/guard.h): it is never held while
 * calling out, and never taken while waiting for another lock.
 */
#ifndef MCI_HANDLE_H
#define MCI_HANDLE_H

#include <pthread.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdint.h>

#include "handle/guard.h"
#include "crypto/crypto.h"
#include "membercore/client.h"
#include "net/http.h"

struct mcp_file_store;
struct mci_sync;

struct mc_client {
    pthread_mutex_t guard_lock;
    pthread_cond_t guard_changed; /* in_flight fell to 0 while closing, or teardown ended */
    int in_flight;                /* public calls in progress, on any thread */
    bool closing;                 /* mc_client_close began: new calls are refused */
    bool tearing_down;            /* a thread is stopping sync and closing the store */
    bool torn_down;               /* sync stopped, store closed: only the memory is left */
    pthread_mutex_t lock;
    sqlite3 *db;
    char *data_dir;
    char *server_url;
    char *tls_pins;    /* config.tls_pins in libcurl's form (net/url.h), or NULL */
    char *tls_ca_file; /* config.tls_ca_file, or NULL */
    mci_http http;
    mc_clock_fn clock;
    void *clock_context;
    mc_random_fn random;
    void *random_context;
    mci_drbg *drbg;                   /* the default random source, if used */
    mc_platform platform;             /* every hook set (defaults filled in) */
    void *secure_context;             /* for the secure_* hooks: the host's, or our file store */
    void *log_context;                /* for the log hook: the host's, or NULL */
    struct mcp_file_store *files;     /* the default secure storage, if used */
    char client_id[MCI_UUID_STR_LEN]; /* this install's id, kept in meta */
    struct mci_sync *sync;            /* the sync engine and its listeners */
    struct mci_stmt_cache *stmts;     /* statements of hot reads, on db */
    struct mci_read_pool *readers;    /* read-only connections for reads (read/read.h) */
};

/* Now, in ms since the epoch, from the configured clock. */
int64_t mci_client_now(const mc_client *client);

/* len random bytes from the configured source. */
mc_status mci_client_random(mc_client *client, uint8_t *buf, size_t len, mc_error *err);

/* A new id for something made on this device: prefix ("tkt_", "vis_") + 32 lower-case hex
 * of 128 random bits into out (cap >= strlen(prefix) + 33). Errors: the random source's. */
mc_status mci_client_new_id(mc_client *client, const char *prefix, char *out, size_t cap,
                            mc_error *err);

/* A log line through the platform hook (never pass secrets). */
void mci_client_log(mc_client *client, mc_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
