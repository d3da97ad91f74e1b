/*
 * output.h - how memberctl speaks: human text on stdout, or with --json
 * exactly one JSON object on stdout; errors on stderr as
 * "memberctl: <status name>: <message>" plus the exit code they imply.
 * What each public header's values look like is in render/render.h.
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
 * The same, for a command that has a partial result to show next to the
 * error: with --json, "error" is added to root and root is printed (root is
 * always consumed; NULL is fine). Returns MEMBERCTL_EXIT_CORE.
 */
int out_core_error_in(const app *a, mc_status st, const mc_error *err, cJSON *root);

/*
 * An error memberctl itself names (code, e.g. "cart_invalid"), in the same
 * shape as a core error: "memberctl: <code>: <message>" on stderr; with
 * --json, "error":{"code","status":st,"message","retry_after_s":0} added to
 * root (consumed; NULL is fine) and printed. Returns MEMBERCTL_EXIT_CORE.
 */
int out_error_in(const app *a, const char *code, mc_status st, const char *message, cJSON *root);

/*
 * Print obj as one line of JSON on stdout and delete it. A NULL obj means
 * building it ran out of memory: reported as a core no_memory error.
 * Returns MEMBERCTL_EXIT_OK or MEMBERCTL_EXIT_CORE.
 */
int out_json(const app *a, cJSON *obj);

/* s, or "" when s is NULL. */
const char *out_str(const char *s);

/* A hint printed on stderr after a core error of one status. */
typedef struct out_hint {
    mc_status status;
    const char *text; /* NULL ends a list of hints */
} out_hint;

/*
 * out_core_error, then the text of the first of hints (ended by a NULL
 * text; hints may be NULL) whose status is st, on its own line on stderr.
 * Returns MEMBERCTL_EXIT_CORE.
 */
int out_core_error_hint(const app *a, mc_status st, const mc_error *err, const out_hint *hints);

/* An MC_ERR_NO_MEMORY error with message (no core call behind it). */
int out_no_memory(const app *a, const char *message);

#endif /* MEMBERCTL_OUTPUT_H */
