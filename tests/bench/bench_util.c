/* tests/bench/bench_util.c - the benchmarks' clock, percentiles, pair ratios and pull-page feeder.
 */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "account/account.h"
#include "account/session.h"
#include "handle/handle.h"
#include "sync/pull.h"

void bench_die(const char *what, const mc_error *err)
{
    fprintf(stderr, "%s: %s\n", what, err ? err->message : "failed");
    exit(1);
}

static int64_t fixed_clock(void *context)
{
    return *(const int64_t *)context;
}

mc_client *bench_open_member(const char *dir, const int64_t *now_ms, const char *user_json)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.clock = fixed_clock;
    cfg.clock_context = (void *)now_ms;
    mc_client *c = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_client_open(&cfg, &c, &err) != MC_OK)
        bench_die("open", &err);
    cJSON *user = cJSON_Parse(user_json);
    mc_account *account = NULL;
    if (mci_account_from_json(user, &account, &err) != MC_OK)
        bench_die("account", &err);
    pthread_mutex_lock(&c->lock);
    mc_status st = mci_account_save(c->db, account, *now_ms, &err);
    pthread_mutex_unlock(&c->lock);
    if (st != MC_OK || mci_session_save(c, "bench-token", &err) != MC_OK)
        bench_die("sign in", &err);
    mc_account_free(account);
    cJSON_Delete(user);
    return c;
}

long bench_drain(sqlite3_stmt *stmt)
{
    long bytes = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count(stmt); i++)
            bytes += sqlite3_column_bytes(stmt, i);
    sqlite3_reset(stmt);
    return bytes;
}

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_percentile(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

bench_ratio bench_pair_ratio(const double *num, const double *den, int n)
{
    double *ratios = malloc(sizeof *ratios * (size_t)n);
    if (ratios == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    for (int i = 0; i < n; i++)
        ratios[i] = num[i] / den[i];
    bench_ratio r = {.pairs = n};
    r.median = bench_percentile(ratios, n, 0.50);
    r.low = bench_percentile(ratios, n, 0.10);
    r.high = bench_percentile(ratios, n, 0.90);
    free(ratios);
    return r;
}

const char *bench_ratio_text(const bench_ratio *r, const char *pairs, char *out, size_t cap)
{
    snprintf(out, cap, "%.2f (median of %d interleaved %s; middle 80%% %.2f-%.2f)", r->median,
             r->pairs, pairs, r->low, r->high);
    return out;
}

void bench_feed_flush(bench_feeder *f)
{
    if (f->page == NULL)
        return;
    char cursor[32];
    snprintf(cursor, sizeof cursor, "c%d", ++f->page_no);
    cJSON_AddStringToObject(f->page, "cursor", cursor);
    mci_page_result r;
    mc_error err = MC_ERROR_INIT;
    double t0 = bench_now_ms();
    if (f->lock != NULL)
        pthread_mutex_lock(f->lock);
    mc_status st = mci_pull_apply(f->db, f->page, "usr_1", f->now_ms, &r, &err);
    if (f->lock != NULL)
        pthread_mutex_unlock(f->lock);
    double took = bench_now_ms() - t0;
    if (took > f->apply_ms_max)
        f->apply_ms_max = took;
    if (st != MC_OK) {
        fprintf(stderr, "apply: %s\n", err.message);
        exit(1);
    }
    cJSON_Delete(f->page);
    f->page = NULL;
    f->count = 0;
}

void bench_feed(bench_feeder *f, const char *kind, const char *id, const char *data_json)
{
    if (f->page == NULL) {
        f->page = cJSON_CreateObject();
        f->changes = cJSON_AddArrayToObject(f->page, "changes");
    }
    cJSON *ch = cJSON_CreateObject();
    cJSON_AddStringToObject(ch, "kind", kind);
    cJSON_AddStringToObject(ch, "id", id);
    cJSON_AddStringToObject(ch, "op", "upsert");
    cJSON_AddStringToObject(ch, "data_json", data_json);
    cJSON_AddItemToArray(f->changes, ch);
    if (++f->count == 1000)
        bench_feed_flush(f);
}
