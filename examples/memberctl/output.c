/*
 * output.c - memberctl's output: human text or one JSON object on stdout,
 * errors and hints on stderr. Nothing here ever prints a code or a token:
 * the core does not hand out tokens, and OTP codes are only ever input.
 */
#include "output.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "values.h"

#define GLOBAL_SYNOPSIS "[--server URL] [--data-dir DIR] [--json] COMMAND [ARGS...]"

/*
 * Add {"code","status","message","retry_after_s","attempts_left"} as "error"
 * to root (status < 0: no status and no retry; attempts_left < 0: none).
 */
static bool add_error_json(cJSON *root, const char *code, int status, const char *message,
                           int retry_after_s, int attempts_left)
{
    cJSON *error = cJSON_AddObjectToObject(root, "error");
    return error != NULL && cJSON_AddStringToObject(error, "code", code) != NULL &&
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
                             int retry_after_s, int attempts_left)
{
    if (root == NULL)
        root = cJSON_CreateObject();
    bool ok =
        root != NULL && add_error_json(root, code, status, message, retry_after_s, attempts_left);
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
        print_error_json(NULL, "usage", -1, msg, 0, -1);
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

    if (st == MC_ERR_OTP_RATE_LIMITED && retry > 0)
        fprintf(stderr, "memberctl: %s: %s (retry in %d s)\n", name, message, retry);
    else
        fprintf(stderr, "memberctl: %s: %s\n", name, message);
    const char *hint = hint_for(st);
    if (hint != NULL)
        fprintf(stderr, "%s\n", hint);

    if (a != NULL && a->json)
        print_error_json(root, name, (int)st, message, retry, attempts_left);
    else
        cJSON_Delete(root);
    return MEMBERCTL_EXIT_CORE;
}

int out_error_in(const app *a, const char *code, mc_status st, const char *message, cJSON *root)
{
    fflush(stdout); /* after what was printed before it, even through a pipe */
    fprintf(stderr, "memberctl: %s: %s\n", code, message);
    if (a != NULL && a->json)
        print_error_json(root, code, (int)st, message, 0, -1);
    else
        cJSON_Delete(root);
    return MEMBERCTL_EXIT_CORE;
}

int out_json(const app *a, cJSON *obj)
{
    char *text = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
    cJSON_Delete(obj);
    if (text == NULL) {
        mc_error err = {.code = MC_ERR_NO_MEMORY,
                        .attempts_left = -1,
                        .message = "out of memory building the JSON output"};
        return out_core_error(a, MC_ERR_NO_MEMORY, &err);
    }
    printf("%s\n", text);
    cJSON_free(text);
    return MEMBERCTL_EXIT_OK;
}

void out_roles(uint32_t roles, char *out, size_t out_cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t role = (uint32_t)1 << bit;
        if ((roles & role) == 0)
            continue;
        int n = snprintf(out + used, out_cap - used, "%s%s", used > 0 ? ", " : "",
                         mc_role_name((mc_role)role));
        if (n < 0 || (size_t)n >= out_cap - used)
            break;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(out, out_cap, "none");
}

static bool has_lead(const mc_account *acc)
{
    return acc->lead_id[0] != '\0' || acc->industry[0] != '\0';
}

static bool has_membership(const mc_account *acc)
{
    return acc->company_id[0] != '\0' || acc->building_id[0] != '\0' || acc->seat[0] != '\0';
}

static bool add_lead_json(cJSON *root, const mc_account *acc)
{
    if (!has_lead(acc))
        return cJSON_AddNullToObject(root, "lead") != NULL;
    cJSON *lead = cJSON_AddObjectToObject(root, "lead");
    return lead != NULL && cJSON_AddStringToObject(lead, "id", acc->lead_id) != NULL &&
           cJSON_AddStringToObject(lead, "status", acc->lead_status) != NULL &&
           cJSON_AddStringToObject(lead, "industry", acc->industry) != NULL &&
           cJSON_AddNumberToObject(lead, "employees", acc->employees) != NULL &&
           cJSON_AddStringToObject(lead, "timeline", acc->timeline) != NULL &&
           cJSON_AddNumberToObject(lead, "budget_paise", (double)acc->budget_paise) != NULL;
}

static bool add_membership_json(cJSON *root, const mc_account *acc)
{
    if (!has_membership(acc))
        return cJSON_AddNullToObject(root, "membership") != NULL;
    cJSON *m = cJSON_AddObjectToObject(root, "membership");
    return m != NULL && cJSON_AddStringToObject(m, "company_id", acc->company_id) != NULL &&
           cJSON_AddStringToObject(m, "building_id", acc->building_id) != NULL &&
           cJSON_AddStringToObject(m, "seat", acc->seat) != NULL;
}

static bool add_roles_json(cJSON *root, uint32_t roles)
{
    cJSON *array = cJSON_AddArrayToObject(root, "roles");
    if (array == NULL)
        return false;
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t role = (uint32_t)1 << bit;
        if ((roles & role) == 0)
            continue;
        cJSON *name = cJSON_CreateString(mc_role_name((mc_role)role));
        if (name == NULL || !cJSON_AddItemToArray(array, name)) {
            cJSON_Delete(name);
            return false;
        }
    }
    return true;
}

cJSON *out_account_json(const mc_account *acc)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL && cJSON_AddStringToObject(root, "user_id", acc->user_id) != NULL &&
              cJSON_AddStringToObject(root, "phone", acc->phone) != NULL &&
              cJSON_AddStringToObject(root, "name", acc->name) != NULL &&
              cJSON_AddStringToObject(root, "email", acc->email) != NULL &&
              cJSON_AddStringToObject(root, "company", acc->company) != NULL &&
              cJSON_AddStringToObject(root, "city", acc->city) != NULL &&
              add_roles_json(root, acc->roles) &&
              cJSON_AddBoolToObject(root, "profile_complete", acc->profile_complete) != NULL &&
              cJSON_AddStringToObject(root, "intent", mc_intent_name(acc->intent)) != NULL &&
              add_lead_json(root, acc) && add_membership_json(root, acc);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static void print_field(const char *label, const char *value)
{
    if (value[0] != '\0')
        printf("  %-9s %s\n", label, value);
}

void out_account_human(const mc_account *acc)
{
    if (acc->name[0] != '\0')
        printf("Signed in as %s (%s)\n", acc->name, acc->phone);
    else
        printf("Signed in as %s\n", acc->phone);
    print_field("Email:", acc->email);
    print_field("Company:", acc->company);
    print_field("City:", acc->city);

    char roles[128];
    out_roles(acc->roles, roles, sizeof roles);
    print_field("Roles:", roles);
    if (acc->intent != MC_INTENT_NONE)
        print_field("Intent:", mc_intent_name(acc->intent));
    if (acc->lead_id[0] != '\0')
        printf("  %-9s %s (status %s)\n", "Lead:", acc->lead_id,
               acc->lead_status[0] != '\0' ? acc->lead_status : "unknown");
    if (acc->industry[0] != '\0') {
        char budget[32];
        values_format_rupees(acc->budget_paise, budget, sizeof budget);
        printf("  %-9s %s, %d employees, timeline \"%s\", budget Rs %s per month\n",
               "Needs:", acc->industry, (int)acc->employees, acc->timeline, budget);
    }
    if (has_membership(acc)) {
        printf("  %-9s %s", "Member:", acc->seat[0] != '\0' ? acc->seat : "no seat assigned");
        if (acc->building_id[0] != '\0')
            printf(", building %s", acc->building_id);
        if (acc->company_id[0] != '\0')
            printf(", company %s", acc->company_id);
        printf("\n");
    }
    if (!acc->profile_complete)
        printf("  Profile not complete.\n");
}

int out_account(const app *a, const mc_account *acc, const bool *new_user)
{
    if (!a->json) {
        out_account_human(acc);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON *account = out_account_json(acc);
    bool ok = root != NULL && account != NULL &&
              (new_user == NULL || cJSON_AddBoolToObject(root, "new_user", *new_user) != NULL) &&
              cJSON_AddItemToObject(root, "account", account);
    if (!ok) {
        cJSON_Delete(account); /* not attached when adding it failed */
        cJSON_Delete(root);
        root = NULL;
    }
    return out_json(a, root);
}

const char *out_sync_state_name(mc_sync_state state)
{
    switch (state) {
    case MC_SYNC_IDLE:
        return "idle";
    case MC_SYNC_SYNCING:
        return "syncing";
    case MC_SYNC_OFFLINE:
        return "offline";
    case MC_SYNC_PAUSED:
        return "paused";
    case MC_SYNC_SIGNED_OUT:
        return "signed_out";
    }
    return "unknown";
}

const char *out_mutation_state_name(mc_mutation_state state)
{
    switch (state) {
    case MC_MUTATION_PENDING:
        return "pending";
    case MC_MUTATION_IN_FLIGHT:
        return "in_flight";
    case MC_MUTATION_REJECTED:
        return "rejected";
    case MC_MUTATION_ACKNOWLEDGED:
        return "acknowledged";
    }
    return "unknown";
}

bool out_add_item(cJSON *root, const char *name, cJSON *item)
{
    if (item != NULL && cJSON_AddItemToObject(root, name, item))
        return true;
    cJSON_Delete(item);
    return false;
}

cJSON *out_sync_status_json(const mc_sync_status *s)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "state", out_sync_state_name(s->state)) != NULL &&
              cJSON_AddBoolToObject(obj, "running", s->running) != NULL &&
              cJSON_AddNumberToObject(obj, "queue_depth", s->queue_depth) != NULL &&
              cJSON_AddNumberToObject(obj, "rejected_count", s->rejected_count) != NULL &&
              out_add_time_json(obj, "last_sync", s->last_sync_ms, true) &&
              out_add_time_json(obj, "next_attempt", s->next_attempt_ms, true);
    if (ok && s->last_error == MC_OK) {
        ok = cJSON_AddNullToObject(obj, "last_error") != NULL;
    } else if (ok) {
        cJSON *error = cJSON_AddObjectToObject(obj, "last_error");
        ok = error != NULL &&
             cJSON_AddStringToObject(error, "code", mc_status_name(s->last_error)) != NULL &&
             cJSON_AddNumberToObject(error, "status", (int)s->last_error) != NULL &&
             cJSON_AddStringToObject(error, "message", s->last_error_message) != NULL;
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

void out_sync_last_error(const mc_sync_status *s, char *out, size_t out_cap)
{
    if (s->last_error == MC_OK)
        snprintf(out, out_cap, "none");
    else if (s->last_error_message[0] != '\0')
        snprintf(out, out_cap, "%s: %s", mc_status_name(s->last_error), s->last_error_message);
    else
        snprintf(out, out_cap, "%s", mc_status_name(s->last_error));
}

const char *out_str(const char *s)
{
    return s != NULL ? s : "";
}

void out_time(int64_t ms, const char *if_zero, char *out, size_t out_cap)
{
    if (ms == 0)
        snprintf(out, out_cap, "%s", if_zero);
    else
        values_format_time(ms, out, out_cap);
}

void out_kinds(uint32_t kinds, char *out, size_t out_cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t kind = (uint32_t)1 << bit;
        if ((kinds & kind) == 0)
            continue;
        int n = snprintf(out + used, out_cap - used, "%s%s", used > 0 ? ", " : "",
                         mc_kind_name((mc_kind)kind));
        if (n < 0 || (size_t)n >= out_cap - used)
            break;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(out, out_cap, "nothing");
}

cJSON *out_kinds_json(uint32_t kinds)
{
    cJSON *array = cJSON_CreateArray();
    for (unsigned bit = 0; array != NULL && bit < 32; bit++) {
        uint32_t kind = (uint32_t)1 << bit;
        if ((kinds & kind) == 0)
            continue;
        cJSON *name = cJSON_CreateString(mc_kind_name((mc_kind)kind));
        if (name == NULL || !cJSON_AddItemToArray(array, name)) {
            cJSON_Delete(name);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

bool out_add_time_json(cJSON *obj, const char *key, int64_t ms, bool zero_is_null)
{
    char ms_key[64];
    snprintf(ms_key, sizeof ms_key, "%s_ms", key);
    if (ms == 0 && zero_is_null)
        return cJSON_AddNullToObject(obj, ms_key) != NULL &&
               cJSON_AddNullToObject(obj, key) != NULL;
    char text[VALUES_TIME_MAX];
    values_format_time(ms, text, sizeof text);
    return cJSON_AddNumberToObject(obj, ms_key, (double)ms) != NULL &&
           cJSON_AddStringToObject(obj, key, text) != NULL;
}

void out_mutation_reason(const mc_mutation *m, char *out, size_t out_cap)
{
    const char *code = m->error_server_code != NULL && m->error_server_code[0] != '\0'
                           ? m->error_server_code
                           : mc_status_name(m->error_code);
    const char *message = out_str(m->error_message);
    if (message[0] != '\0')
        snprintf(out, out_cap, "%s: %s", code, message);
    else
        snprintf(out, out_cap, "%s", code);
}

/* "payload": the JSON the mutation carries, parsed (as text if it is not JSON). */
static bool add_payload_json(cJSON *obj, const char *payload)
{
    if (payload == NULL)
        return cJSON_AddNullToObject(obj, "payload") != NULL;
    cJSON *parsed = cJSON_Parse(payload);
    if (parsed == NULL)
        return cJSON_AddStringToObject(obj, "payload", payload) != NULL;
    if (!cJSON_AddItemToObject(obj, "payload", parsed)) {
        cJSON_Delete(parsed);
        return false;
    }
    return true;
}

static bool add_mutation_error_json(cJSON *obj, const mc_mutation *m)
{
    if (m->error_code == MC_OK)
        return cJSON_AddNullToObject(obj, "error") != NULL;
    cJSON *error = cJSON_AddObjectToObject(obj, "error");
    return error != NULL &&
           cJSON_AddStringToObject(error, "code", mc_status_name(m->error_code)) != NULL &&
           cJSON_AddNumberToObject(error, "status", (int)m->error_code) != NULL &&
           cJSON_AddStringToObject(error, "server_code", out_str(m->error_server_code)) != NULL &&
           cJSON_AddStringToObject(error, "message", out_str(m->error_message)) != NULL;
}

cJSON *out_mutation_json(const mc_mutation *m)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddNumberToObject(obj, "mutation_id", (double)m->mutation_id) != NULL &&
              cJSON_AddStringToObject(obj, "kind", out_str(m->kind)) != NULL &&
              cJSON_AddStringToObject(obj, "entity_id", out_str(m->entity_id)) != NULL &&
              cJSON_AddStringToObject(obj, "state", out_mutation_state_name(m->state)) != NULL &&
              cJSON_AddNumberToObject(obj, "attempts", m->attempts) != NULL &&
              out_add_time_json(obj, "created_at", m->created_at_ms, true) &&
              out_add_time_json(obj, "next_attempt", m->next_attempt_ms, true) &&
              add_payload_json(obj, m->payload) && add_mutation_error_json(obj, m);
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}
