/*
 * output.c - memberctl's output: human text or one JSON object on stdout,
 * errors and hints on stderr. Nothing here ever prints a code or a token:
 * the core does not hand out tokens, and OTP codes are only ever input.
 */
#include "render/output.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define GLOBAL_SYNOPSIS "[--server URL] [--data-dir DIR] [--json] COMMAND [ARGS...]"

/*
 * Add {"code","status","message","retry_after_s","attempts_left","rule"} as "error"
 * to root (status < 0: no status and no retry; attempts_left < 0: none; rule: the
 * name of the rule that refused, mc_rule_name, or none when MC_RULE_NONE).
 */
static bool add_error_json(cJSON *root, const char *code, int status, const char *message,
                           int retry_after_s, int attempts_left, mc_rule rule)
{
    cJSON *error = cJSON_AddObjectToObject(root, "error");
    return error != NULL && cJSON_AddStringToObject(error, "code", code) != NULL &&
           (rule == MC_RULE_NONE ||
            cJSON_AddStringToObject(error, "rule", mc_rule_name(rule)) != NULL) &&
           (status < 0 || cJSON_AddNumberToObject(error, "status", status) != NULL) &&
           cJSON_AddStringToObject(error, "message", message) != NULL &&
           (status < 0 || cJSON_AddNumberToObject(error, "retry_after_s", retry_after_s) != NULL) &&
           (attempts_left < 0 ||
            cJSON_AddNumberToObject(error, "attempts_left", attempts_left) != NULL);
}

/*
 * Print root (a new object when NULL) with the error added, as one line on
 * stdout, and delete it; falls back to a fixed object without memory.
 */
static void print_error_json(cJSON *root, const char *code, int status, const char *message,
                             int retry_after_s, int attempts_left, mc_rule rule)
{
    if (root == NULL)
        root = cJSON_CreateObject();
    bool ok = root != NULL &&
              add_error_json(root, code, status, message, retry_after_s, attempts_left, rule);
    char *text = ok ? cJSON_PrintUnformatted(root) : NULL;
    if (text != NULL)
        printf("%s\n", text);
    else
        printf("{\"error\":{\"code\":\"no_memory\",\"status\":%d,\"message\":\"out of memory\","
               "\"retry_after_s\":0}}\n",
               (int)MC_ERR_NO_MEMORY);
    cJSON_free(text);
    cJSON_Delete(root);
}

int out_usage(const app *a, const command *cmd, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    if (cmd != NULL) {
        fprintf(stderr, "memberctl %s: %s\n", cmd->name, msg);
        fprintf(stderr, "usage: memberctl %s\n", cmd->synopsis);
        fprintf(stderr, "Run 'memberctl %s --help' for more.\n", cmd->name);
    } else {
        fprintf(stderr, "memberctl: %s\n", msg);
        fprintf(stderr, "usage: memberctl %s\n", GLOBAL_SYNOPSIS);
        fprintf(stderr, "Run 'memberctl --help' for the commands.\n");
    }
    if (a != NULL && a->json)
        print_error_json(NULL, "usage", -1, msg, 0, -1, MC_RULE_NONE);
    return MEMBERCTL_EXIT_USAGE;
}

/* What a person can do next about an error, or NULL. */
static const char *hint_for(mc_status st)
{
    switch (st) {
    case MC_ERR_UNAUTHORIZED:
        return "Sign in with: memberctl login PHONE";
    case MC_ERR_OTP_EXPIRED:
    case MC_ERR_OTP_EXHAUSTED:
        return "Request a new code with: memberctl login PHONE";
    case MC_ERR_OFFLINE:
        return "Is the server running? Set it with --server URL or MEMBERCTL_SERVER.";
    case MC_ERR_NETWORK:
        return "The exchange with the server failed; it is safe to try again.";
    case MC_ERR_TLS:
        return "Nothing was sent. Check the server address; a server with a private CA needs "
               "--ca-file PEM (or MEMBERCTL_CA_FILE).";
    case MC_ERR_TLS_PIN:
        return "Nothing was sent: the server's key is not one of --pins (MEMBERCTL_PINS). Either "
               "it changed its key or it is not your server.";
    case MC_ERR_STORE_DAMAGED:
        return "You are signed out. Remove the damaged store with: memberctl store remove, then "
               "sign in again.";
    default:
        return NULL;
    }
}

int out_core_error(const app *a, mc_status st, const mc_error *err)
{
    return out_core_error_in(a, st, err, NULL);
}

int out_core_error_in(const app *a, mc_status st, const mc_error *err, cJSON *root)
{
    const char *name = mc_status_name(st);
    const char *message = err != NULL && err->message[0] != '\0' ? err->message : name;
    int retry = err != NULL ? (int)err->retry_after_s : 0;
    int attempts_left = err != NULL && st == MC_ERR_OTP_WRONG ? (int)err->attempts_left : -1;

    fprintf(stderr, "memberctl: %s: %s\n", name, message);
    const char *hint = hint_for(st);
    if (hint != NULL)
        fprintf(stderr, "%s\n", hint);

    if (a != NULL && a->json)
        print_error_json(root, name, (int)st, message, retry, attempts_left,
                         err != NULL ? err->rule : MC_RULE_NONE);
    else
        cJSON_Delete(root);
    return MEMBERCTL_EXIT_CORE;
}

int out_error_in(const app *a, const char *code, mc_status st, const char *message, cJSON *root)
{
    fflush(stdout); /* after what was printed before it, even through a pipe */
    fprintf(stderr, "memberctl: %s: %s\n", code, message);
    if (a != NULL && a->json)
        print_error_json(root, code, (int)st, message, 0, -1, MC_RULE_NONE);
    else
        cJSON_Delete(root);
    return MEMBERCTL_EXIT_CORE;
}

int out_json(const app *a, cJSON *obj)
{
    char *text = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
    cJSON_Delete(obj);
    if (text == NULL)
        return out_no_memory(a, "out of memory building the JSON output");
    printf("%s\n", text);
    cJSON_free(text);
    return MEMBERCTL_EXIT_OK;
}

const char *out_str(const char *s)
{
    return s != NULL ? s : "";
}

int out_core_error_hint(const app *a, mc_status st, const mc_error *err, const out_hint *hints)
{
    int rc = out_core_error(a, st, err);
    for (const out_hint *h = hints; h != NULL && h->text != NULL; h++) {
        if (h->status == st) {
            fprintf(stderr, "%s\n", h->text);
            break;
        }
    }
    return rc;
}

int out_no_memory(const app *a, const char *message)
{
    mc_error err = {.code = MC_ERR_NO_MEMORY, .attempts_left = -1};
    snprintf(err.message, sizeof err.message, "%s", message);
    return out_core_error(a, MC_ERR_NO_MEMORY, &err);
}
