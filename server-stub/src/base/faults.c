/* base/faults.c - the test-mode fault injector for /v1/sync/... and photo uploads: seeded,
 * deterministic, counted. */
#include "base/faults.h"

#include <string.h>

static const char *const names[MS_FAULT_COUNT] = {
    "drop_before", "drop_after", "delay",    "error_500",
    "error_429",   "duplicate",  "truncate", "nul_escape",
};

#define ALL_KINDS ((1u << MS_FAULT_COUNT) - 1)
/* The kinds drawn when none are named: every one before nul_escape. */
#define DEFAULT_KINDS ((1u << MS_FAULT_NUL_ESCAPE) - 1)

const char *ms_fault_name(ms_fault kind)
{
    return kind >= 0 && kind < MS_FAULT_COUNT ? names[kind] : NULL;
}

ms_fault ms_fault_from_name(const char *name)
{
    for (int i = 0; i < MS_FAULT_COUNT; i++)
        if (strcmp(names[i], name) == 0)
            return (ms_fault)i;
    return MS_FAULT_NONE;
}

void ms_faults_init(ms_faults *f)
{
    memset(f, 0, sizeof *f);
    pthread_mutex_init(&f->lock, NULL);
    f->kinds = DEFAULT_KINDS;
    f->delay_ms = MS_FAULT_DELAY_DEFAULT_MS;
}

void ms_faults_destroy(ms_faults *f)
{
    pthread_mutex_destroy(&f->lock);
}

void ms_faults_configure(ms_faults *f, double rate, uint64_t seed, unsigned kinds, int32_t delay_ms)
{
    pthread_mutex_lock(&f->lock);
    f->rate = rate;
    f->seed = seed;
    f->state = seed;
    f->kinds = kinds & ALL_KINDS ? kinds & ALL_KINDS : DEFAULT_KINDS;
    f->delay_ms = delay_ms;
    f->requests = 0;
    memset(f->injected, 0, sizeof f->injected);
    pthread_mutex_unlock(&f->lock);
}

/* splitmix64 (Steele, Lea, Flood): small, fast, and the same everywhere for a seed. */
static uint64_t next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The paths the injector covers: /v1/sync/... and the photo upload's
 * /v1/tickets/{ticket}/photos/{photo}/upload (docs/tickets-protocol.md). */
static bool covered(const char *path)
{
    static const char upload_suffix[] = "/upload";
    size_t len = strlen(path), suffix = sizeof upload_suffix - 1;
    return strncmp(path, "/v1/sync/", 9) == 0 ||
           (strncmp(path, "/v1/tickets/", 12) == 0 && strstr(path, "/photos/") != NULL &&
            len > suffix && strcmp(path + len - suffix, upload_suffix) == 0);
}

ms_fault ms_faults_draw(ms_faults *f, const char *path, int32_t *delay_ms)
{
    if (!covered(path))
        return MS_FAULT_NONE;
    ms_fault fault = MS_FAULT_NONE;
    pthread_mutex_lock(&f->lock);
    f->requests++;
    if (f->rate > 0) {
        /* Always two draws, so one request's outcome never shifts the next one's. */
        double u = (double)(next(&f->state) >> 11) * 0x1.0p-53;
        uint64_t pick = next(&f->state);
        if (u < f->rate) {
            unsigned allowed = 0;
            for (int i = 0; i < MS_FAULT_COUNT; i++)
                allowed += (f->kinds >> i) & 1u;
            unsigned nth = (unsigned)(pick % allowed);
            for (int i = 0; i < MS_FAULT_COUNT; i++) {
                if (!((f->kinds >> i) & 1u))
                    continue;
                if (nth-- == 0) {
                    fault = (ms_fault)i;
                    break;
                }
            }
            f->injected[fault]++;
            *delay_ms = f->delay_ms;
        }
    }
    pthread_mutex_unlock(&f->lock);
    return fault;
}

cJSON *ms_faults_json(ms_faults *f)
{
    pthread_mutex_lock(&f->lock);
    cJSON *o = cJSON_CreateObject();
    cJSON *kinds = o ? cJSON_AddArrayToObject(o, "kinds") : NULL;
    cJSON *injected = NULL;
    bool ok = kinds && cJSON_AddNumberToObject(o, "rate", f->rate) &&
              cJSON_AddNumberToObject(o, "seed", (double)f->seed) &&
              cJSON_AddNumberToObject(o, "delay_ms", f->delay_ms) &&
              cJSON_AddNumberToObject(o, "requests", (double)f->requests) &&
              (injected = cJSON_AddObjectToObject(o, "injected")) != NULL;
    int64_t total = 0;
    for (int i = 0; ok && i < MS_FAULT_COUNT; i++) {
        total += f->injected[i];
        ok = cJSON_AddNumberToObject(injected, names[i], (double)f->injected[i]) != NULL;
        if (ok && ((f->kinds >> i) & 1u)) {
            cJSON *name = cJSON_CreateString(names[i]);
            ok = name && cJSON_AddItemToArray(kinds, name);
            if (!ok)
                cJSON_Delete(name);
        }
    }
    ok = ok && cJSON_AddNumberToObject(o, "total_injected", (double)total);
    pthread_mutex_unlock(&f->lock);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
