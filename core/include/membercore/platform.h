/*
 * membercore/platform.h - the small interface each operating system fills in.
 *
 * The core never talks to a keychain, a keystore or a log system itself. It
 * calls these hooks, which the host supplies through mc_config.platform:
 *   - Android: the JNI binding implements them over the Android Keystore;
 *   - iOS: the Swift binding implements them over the Keychain;
 *   - Linux (memberctl, tests): platform/linux provides the defaults, used
 *     whenever a hook is left NULL.
 *
 * Hooks may be called from any thread that calls into the core (the caller's
 * thread or the sync thread); an implementation must be thread-safe. On
 * Linux NULL secure-storage hooks mean the default file store; elsewhere they
 * are required (mc_client_open fails with MC_ERR_INVALID_ARG without them).
 */
#ifndef MEMBERCORE_PLATFORM_H
#define MEMBERCORE_PLATFORM_H

#include <stddef.h>

#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_log_level {
    MC_LOG_DEBUG = 0,
    MC_LOG_INFO = 1,
    MC_LOG_WARN = 2,
    MC_LOG_ERROR = 3,
} mc_log_level;

/* Keys the core stores in secure storage (values are ASCII, < 256 bytes). */
#define MC_SECURE_KEY_SESSION        "session_token"
#define MC_SECURE_KEY_REVOKE_PENDING "revoke_pending"

typedef struct mc_platform {
    /* Passed back as the first argument of every hook. */
    void *context;
    /*
     * Copy the value stored under `key` into value (capacity value_cap, NUL
     * terminated). Return MC_OK, MC_ERR_NOT_FOUND when there is none, or
     * MC_ERR_STORAGE on failure (MC_ERR_INVALID_ARG if it does not fit).
     */
    mc_status (*secure_get)(void *context, const char *key, char *value, size_t value_cap);
    /* Store value under key, replacing any previous one, durably. */
    mc_status (*secure_set)(void *context, const char *key, const char *value);
    /* Remove key; removing a missing key is MC_OK. */
    mc_status (*secure_delete)(void *context, const char *key);
    /*
     * Receive one log line. The core never passes secrets, tokens or OTPs.
     * NULL: lines at MC_LOG_WARN and above go to stderr on Linux.
     */
    void (*log)(void *context, mc_log_level level, const char *message);
} mc_platform;

/*
 * The default data directory on this OS, into out (capacity out_cap):
 * Linux: $XDG_DATA_HOME/membercore, else $HOME/.local/share/membercore.
 * Android and iOS have no such default a library can know: their bindings
 * pass the app's own files / Application Support directory, and here the
 * call returns MC_ERR_STATE. Errors: MC_ERR_INVALID_ARG (out, or too small),
 * MC_ERR_NOT_FOUND (neither variable is set). Any thread.
 */
mc_status mc_platform_default_data_dir(char *out, size_t out_cap, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_PLATFORM_H */
