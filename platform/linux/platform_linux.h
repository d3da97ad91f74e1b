/*
 * platform/linux/platform_linux.h - the Linux defaults behind membercore/platform.h.
 *
 * Used by memberctl and the tests, and by the core whenever a host leaves
 * the platform hooks NULL. Secure storage here is a directory of files of
 * mode 0600 (directory 0700): on a desktop that is what ssh and gpg do; on a
 * phone the bindings inject the Keystore / Keychain instead.
 */
#ifndef MCP_PLATFORM_LINUX_H
#define MCP_PLATFORM_LINUX_H

#include <stddef.h>

#include "membercore/platform.h"

typedef struct mcp_file_store mcp_file_store;

/* A store of one file per key under dir (created 0700 if missing). */
mc_status mcp_file_store_new(const char *dir, mcp_file_store **out, mc_error *err);
void mcp_file_store_free(mcp_file_store *store);

/* The mc_platform hooks; context is an mcp_file_store. Keys are [a-z0-9_]+.
 * set writes a temporary file, fsyncs it and renames it over the old one. */
mc_status mcp_file_store_get(void *context, const char *key, char *value, size_t value_cap);
mc_status mcp_file_store_set(void *context, const char *key, const char *value);
mc_status mcp_file_store_delete(void *context, const char *key);

/* Log hook: warnings and errors to stderr, the rest dropped unless the
 * environment variable MEMBERCORE_LOG=debug asks for them. */
void mcp_log_stderr(void *context, mc_log_level level, const char *message);

#endif
