/*
 * output.h - how memberctl speaks: human text on stdout, or with --json
 * exactly one JSON object on stdout; errors on stderr as
 * "memberctl: <status name>: <message>" plus the exit code they imply.
 */
#ifndef MEMBERCTL_OUTPUT_H
#define MEMBERCTL_OUTPUT_H

#include <cjson/cJSON.h>

#include "memberctl.h"

/*
 * A usage error: the message, the command's synopsis and where to find help
 * on stderr (with --json also {"error":{"code":"usage",...}} on stdout).
 * cmd is NULL for global options. Returns MEMBERCTL_EXIT_USAGE.
 */
int out_usage(const app *a, const command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * An error from the core (status st, details in err, which may be NULL): the
 * message and a hint on stderr; with --json the error object on stdout.
 * Returns MEMBERCTL_EXIT_CORE.
 */
int out_core_error(const app *a, mc_status st, const mc_error *err);

/*
 * Print obj as one line of JSON on stdout and delete it. A NULL obj means
 * building it ran out of memory: reported as a core no_memory error.
 * Returns MEMBERCTL_EXIT_OK or MEMBERCTL_EXIT_CORE.
 */
int out_json(const app *a, cJSON *obj);

/*
 * The account as JSON: its fields, "roles" as an array of names, "intent" by
 * name, "lead" and "membership" objects (null when there is none). NULL when
 * out of memory.
 */
cJSON *out_account_json(const mc_account *account);

/*
 * Print an account: for a person (out_account_human), or with --json as
 * {"account":{...}} plus "new_user" when new_user is not NULL.
 * Returns MEMBERCTL_EXIT_OK or MEMBERCTL_EXIT_CORE (out of memory).
 */
int out_account(const app *a, const mc_account *account, const bool *new_user);

/* The account for a person: who, contact, roles, intent, lead, membership. */
void out_account_human(const mc_account *account);

/* "lead, ondemanduser", or "none", into out. */
void out_roles(uint32_t roles, char *out, size_t out_cap);

#endif /* MEMBERCTL_OUTPUT_H */
