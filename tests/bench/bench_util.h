/*
 * tests/bench/bench_util.h - what the benchmarks share: a monotonic clock in milliseconds,
 * sorting timings and their percentiles, ratios from interleaved pairs, and a feeder that builds a
 * store through the pull path (pages of 1,000 changes applied with mci_pull_apply, as sync applies
 * them), and a signed-in client over a fresh store.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <cJSON.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include <membercore/membercore.h>

/* Print what failed (and err's message) and exit(1). */
void bench_die(const char *what, const mc_error *err);

/* A client over dir whose clock always reads now_ms, with the wire user object user_json
 * signed in (saved as the account, a session token stored) and nothing synced. Exits on
 * failure. */
mc_client *bench_open_member(const char *dir, const int64_t *now_ms, const char *user_json);

/* Step stmt to its end reading every column's bytes (their count returned, so nothing is
 * optimised away), then reset it: a raw read's cost. */
long bench_drain(sqlite3_stmt *stmt);

/* Milliseconds on CLOCK_MONOTONIC. */
double bench_now_ms(void);

/* qsort comparator for doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

/* The p-quantile (0..1, nearest rank) of v[0..n-1] (n > 0); sorts v. */
double bench_percentile(double *v, int n, double p);

/*
 * A ratio measured from interleaved pairs (raw, then the API, then raw, ...): pair i's
 * ratio is num[i] / den[i]; the gate reads their median, which whatever else the shared
 * machine does at one moment moves little (both halves of a pair ran side by side), and
 * the spread shows how much the pairs varied.
 */
typedef struct bench_ratio {
    double median;
    double low, high; /* the 10th and the 90th percentile of the pairs' ratios */
    int pairs;
} bench_ratio;

/* The ratios num[i] / den[i] of n > 0 pairs (den[i] > 0). */
bench_ratio bench_pair_ratio(const double *num, const double *den, int n);

/* "0.58 (median of 30 interleaved <pairs>; middle 80% 0.52-0.63)" into out, pairs naming what
 * a pair is (e.g. "pairs of 10 pages"). */
const char *bench_ratio_text(const bench_ratio *r, const char *pairs, char *out, size_t cap);

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
