/* tests/bench/bench_util.c - the benchmarks' clock, timing comparator and pull-page feeder. */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sync/pull.h"

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
