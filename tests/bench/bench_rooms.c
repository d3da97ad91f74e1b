/*
 * tests/bench/bench_rooms.c - searching one building-day of 500 rooms with 20,000
 * reservations in the booking window.
 *
 * Figure: p50 and p99 over 1,000 searches through the core's availability search
 * (store reads + the sort-and-sweep engine), against the raw limit measured in the
 * same run on the same data: the straightforward approach, one indexed SQL overlap
 * query per room per block. The ratio comes from 40 interleaved pairs of about equal
 * length: the straightforward search for a date, then 25 of ours from that date on (their
 * mean), and so on; the gate reads the median of the pairs' ratios. (Halves of about equal
 * length: on a machine with more runnable threads than cores, a long step is preempted more
 * often than a short one, which would skew a pair of one long and one short step.) Targets: >= 20x
 * faster than that, p99 < 2 ms. Only the ratio gates, at 10x (a busy machine slows both halves of a
 * pair alike; losing the sweep engine costs more than half); the p50, the p99 and its target are a
 * report, never a gate.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "bench_util.h"
#include "booking/rooms.h"
#include "sync/pull.h"
#include "rules/zone.h"
#include "store/store.h"
#include "tempdir.h"

#define ROOMS             500
#define RESERVATIONS      20000
#define WINDOW_DAYS       30
#define SEARCHES          1000
#define BASELINE_SEARCHES 40

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, msg);
        exit(1);
    }
}

/* Apply changes through the pull applier, as a sync would (pages of 1,000). */
static void populate(sqlite3 *db, int64_t day0)
{
    bench_feeder f = {.db = db};
    char data[1024], id[64];
    snprintf(data, sizeof data,
             "{\"id\":\"BENCH-1\",\"name\":\"Bench Tower\",\"zone\":{\"name\":\"Asia/Kolkata\","
             "\"transitions\":[{\"at_ms\":0,\"offset_min\":330}]},\"hours\":[{\"weekday\":1,"
             "\"open_min\":480,\"close_min\":1320},{\"weekday\":2,\"open_min\":480,\"close_min\":"
             "1320},{\"weekday\":3,\"open_min\":480,\"close_min\":1320},{\"weekday\":4,"
             "\"open_min\":480,\"close_min\":1320},{\"weekday\":5,\"open_min\":480,\"close_min\":"
             "1320},{\"weekday\":6,\"open_min\":480,\"close_min\":1320},{\"weekday\":7,"
             "\"open_min\":480,\"close_min\":1320}],\"booking_window_days\":%d,"
             "\"min_notice_min\":15,\"cancel_cutoff_min\":120,\"blackouts\":[]}",
             WINDOW_DAYS);
    bench_feed(&f, "building", "BENCH-1", data);
    static const char *amenities[] = {"[\"whiteboard\"]", "[\"whiteboard\",\"projector\"]",
                                      "[\"projector\",\"video_conferencing\",\"coffee\"]",
                                      "[\"coffee\"]"};
    for (int r = 0; r < ROOMS; r++) {
        snprintf(id, sizeof id, "R-%03d", r);
        snprintf(data, sizeof data,
                 "{\"id\":\"%s\",\"building_id\":\"BENCH-1\",\"name\":\"Room %d\",\"capacity\":%d,"
                 "\"amenities\":%s,\"price_per_hour_paise\":%d,\"credits_per_hour\":%d,"
                 "\"blackouts\":[]}",
                 id, r, 2 + r % 12, amenities[r % 4], 50000 + r * 10, 1 + r % 4);
        bench_feed(&f, "room", id, data);
    }
    srand(42);
    for (int i = 0; i < RESERVATIONS; i++) {
        int room = rand() % ROOMS, day = rand() % WINDOW_DAYS, hour = 8 + rand() % 13,
            hours = 1 + rand() % 2;
        int64_t start = (day0 + day) * MCI_MS_PER_DAY + (int64_t)hour * 3600000 - 330 * 60000LL;
        snprintf(id, sizeof id, "busy-%05d", i);
        snprintf(data, sizeof data,
                 "{\"id\":\"%s\",\"room_id\":\"R-%03d\",\"start_ms\":%lld,\"end_ms\":%lld}", id,
                 room, (long long)start, (long long)(start + hours * 3600000LL));
        bench_feed(&f, "room_busy", id, data);
    }
    bench_feed_flush(&f);
    /* the straightforward approach gets its natural index too */
    exec(db, "CREATE INDEX bench_busy_by_room ON busy_slot (room_id, start_ms); ANALYZE;");
}

/* One search the straightforward way: per room, per block, an overlap query. */
static int baseline_search(sqlite3 *db, sqlite3_stmt *rooms, sqlite3_stmt *overlap, int64_t day)
{
    int free_blocks = 0;
    while (sqlite3_step(rooms) == SQLITE_ROW) {
        for (int hour = 8; hour < 22; hour++) {
            int64_t start = day * MCI_MS_PER_DAY + (int64_t)hour * 3600000 - 330 * 60000LL;
            sqlite3_bind_text(overlap, 1, (const char *)sqlite3_column_text(rooms, 0), -1,
                              SQLITE_STATIC);
            sqlite3_bind_int64(overlap, 2, start + 3600000);
            sqlite3_bind_int64(overlap, 3, start);
            sqlite3_step(overlap);
            free_blocks += sqlite3_column_int(overlap, 0) == 0;
            sqlite3_reset(overlap);
        }
    }
    sqlite3_reset(rooms);
    (void)db;
    return free_blocks;
}

int main(void)
{
    char *dir = tempdir_new();
    char *path = tempdir_path(dir, "rooms.db");
    sqlite3 *db = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mci_store_open(path, &db, &err) != MC_OK) {
        fprintf(stderr, "open: %s\n", err.message);
        return 1;
    }
    int64_t day0 = mci_days_from_civil(2027, 1, 4);
    populate(db, day0);
    int64_t now = day0 * MCI_MS_PER_DAY; /* the window's first morning */

    mci_stmt_cache *stmts = mci_stmt_cache_new(db);
    sqlite3_stmt *rooms = NULL, *overlap = NULL;
    sqlite3_prepare_v2(db, "SELECT id FROM room_index WHERE building_id = 'BENCH-1' ORDER BY id",
                       -1, &rooms, NULL);
    sqlite3_prepare_v2(db,
                       "SELECT EXISTS (SELECT 1 FROM busy_slot WHERE room_id = ?1 AND start_ms < "
                       "?2 AND end_ms > ?3 AND start_ms > ?3 - 86400000)",
                       -1, &overlap, NULL);
    /* Interleaved pairs (a straightforward search for a date, then 25 of ours from that
     * date on) so that whatever else this shared machine does weighs on both halves of a
     * pair alike. */
    static double ours[SEARCHES];
    static double base[BASELINE_SEARCHES], paired[BASELINE_SEARCHES];
    long total_free = 0, base_free = 0;
    for (int i = 0; i < SEARCHES; i++) {
        int y, m, d;
        mci_civil_from_days(day0 + 1 + i % (WINDOW_DAYS - 1), &y, &m, &d);
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
        mc_room_query q = {"BENCH-1", date, NULL, NULL, 0, NULL, 0};
        mc_room_search *s = NULL;
        bool pair = i % (SEARCHES / BASELINE_SEARCHES) == 0;
        int k = i / (SEARCHES / BASELINE_SEARCHES);
        double t0;
        if (pair) {
            t0 = bench_now_ms();
            base_free += baseline_search(db, rooms, overlap, day0 + 1 + i % (WINDOW_DAYS - 1));
            base[k] = bench_now_ms() - t0;
        }
        t0 = bench_now_ms();
        if (mci_rooms_availability(db, stmts, "usr_1", &q, now, &s, &err) != MC_OK) {
            fprintf(stderr, "search: %s\n", err.message);
            return 1;
        }
        ours[i] = bench_now_ms() - t0;
        for (size_t r = 0; r < s->count; r++)
            total_free += (long)s->rooms[r].free_count;
        if (s->count != ROOMS) {
            fprintf(stderr, "expected %d rooms, got %zu\n", ROOMS, s->count);
            return 1;
        }
        mc_room_search_free(s);
    }
    sqlite3_finalize(rooms);
    sqlite3_finalize(overlap);
    mci_stmt_cache_free(stmts);
    mci_store_close(db);
    tempdir_free(dir);
    free(path);

    const int per_pair = SEARCHES / BASELINE_SEARCHES;
    for (int k = 0; k < BASELINE_SEARCHES; k++) {
        paired[k] = 0;
        for (int j = 0; j < per_pair; j++)
            paired[k] += ours[k * per_pair + j] / per_pair;
    }
    bench_ratio ratio = bench_pair_ratio(base, paired, BASELINE_SEARCHES);
    double p50 = bench_percentile(ours, SEARCHES, 0.50),
           p99 = bench_percentile(ours, SEARCHES, 0.99);
    double base_p50 = bench_percentile(base, BASELINE_SEARCHES, 0.50);
    char ratio_text[128];
    printf("rooms search (%d rooms, %d reservations): p50 %.3f ms, p99 %.3f ms over %d searches "
           "(%ld free blocks seen)\n",
           ROOMS, RESERVATIONS, p50, p99, SEARCHES, total_free);
    printf("per-block SQL overlap query: p50 %.3f ms over %d searches (%ld free blocks seen)\n",
           base_p50, BASELINE_SEARCHES, base_free / BASELINE_SEARCHES);
    printf("ratio to the per-block query: %s times faster (target >= 20x, fails < 10x)\n",
           bench_ratio_text(&ratio, "pairs of searches", ratio_text, sizeof ratio_text));
    printf("p99 %.3f ms (target < 2 ms, reported, never a gate), ratio to target %.2f\n", p99,
           p99 / 2.0);
    int ok = ratio.median >= 10.0;
    printf("%s\n", ok ? "bench_rooms: within targets" : "bench_rooms: OUTSIDE TARGETS");
    return ok ? 0 : 1;
}
