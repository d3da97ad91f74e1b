/*
 * tests/bench/bench_util.h - what the benchmarks share: a monotonic clock in milliseconds,
 * a comparator for sorting timings, and a feeder that builds a store through the pull path
 * (pages of 1,000 changes applied with mci_pull_apply, as sync applies them).
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <cJSON.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC. */
double bench_now_ms(void);

/* qsort comparator for doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

/* Pull pages being built for one store. Set db (and lock, if a client's writer lock must be
 * held while a page applies; NULL otherwise) and now_ms; the rest starts zeroed. */
typedef struct bench_feeder {
    sqlite3 *db;
    pthread_mutex_t *lock;
    int64_t now_ms;
    cJSON *page, *changes;
    int count, page_no;
    double apply_ms_max; /* the longest one page took to apply (lock held) */
} bench_feeder;

/* Add one upsert; a full page (1,000 changes) is applied at once. Exits on failure. */
void bench_feed(bench_feeder *f, const char *kind, const char *id, const char *data_json);

/* Apply the page being built, if any. Exits on failure. */
void bench_feed_flush(bench_feeder *f);

#endif
