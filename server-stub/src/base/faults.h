/* base/faults.h - the test-mode fault injector for /v1/sync/... and photo uploads: seeded,
 * deterministic, counted. */
#ifndef MS_FAULTS_H
#define MS_FAULTS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* What can go wrong with one request (docs/sync-protocol.md, "Test mode"). */
typedef enum ms_fault {
    MS_FAULT_NONE = -1,
    MS_FAULT_DROP_BEFORE, /* connection closed, nothing run, no answer */
    MS_FAULT_DROP_AFTER,  /* run and committed, connection closed, no answer */
    MS_FAULT_DELAY,       /* wait delay_ms (outside the database lock), then answer */
    MS_FAULT_ERROR_500,   /* nothing run; 500 internal */
    MS_FAULT_ERROR_429,   /* nothing run; 429 rate_limited, Retry-After: 1 */
    MS_FAULT_DUPLICATE,   /* run twice; the second answer is sent */
    MS_FAULT_TRUNCATE,    /* run and committed; the body cut to half (Content-Length matches) */
    MS_FAULT_NUL_ESCAPE,  /* run and committed; \u0000 put into the body's first string value
                           * (drawn only when named in kinds: not one of the defaults) */
    MS_FAULT_COUNT
} ms_fault;

#define MS_FAULT_DELAY_DEFAULT_MS 200
#define MS_FAULT_DELAY_MAX_MS     10000

typedef struct ms_faults {
    pthread_mutex_t lock;
    double rate;      /* 0 = off */
    uint64_t seed;    /* as configured */
    uint64_t state;   /* splitmix64 state, reset to seed by each configuration */
    unsigned kinds;   /* bit (1 << ms_fault) per kind that may be drawn */
    int32_t delay_ms; /* for MS_FAULT_DELAY */
    int64_t requests; /* covered requests seen since the configuration */
    int64_t injected[MS_FAULT_COUNT];
} ms_faults;

/* Off, with every kind but nul_escape allowed once turned on. */
void ms_faults_init(ms_faults *f);
void ms_faults_destroy(ms_faults *f);

/* The kind's name ("drop_before", ...), NULL past the end. */
const char *ms_fault_name(ms_fault kind);
/* The kind named name, or MS_FAULT_NONE. */
ms_fault ms_fault_from_name(const char *name);

/* Set rate (0..1; 0 turns it off), seed, allowed kinds (bit mask) and delay; resets the counts. */
void ms_faults_configure(ms_faults *f, double rate, uint64_t seed, unsigned kinds,
                         int32_t delay_ms);

/*
 * The fault for one request to path: MS_FAULT_NONE unless path is under
 * /v1/sync/ or is a photo upload (/v1/tickets/{t}/photos/{p}/upload) and the
 * seeded generator says so. Two draws per covered request while on, so the sequence of faults
 * depends only on the seed and the order of the requests. *delay_ms is set for MS_FAULT_DELAY.
 */
ms_fault ms_faults_draw(ms_faults *f, const char *path, int32_t *delay_ms);

/* {"rate","seed","delay_ms","kinds":[..],"requests","injected":{kind: n},"total_injected"}. */
cJSON *ms_faults_json(ms_faults *f);

#endif
