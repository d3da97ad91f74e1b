/*
 * tests/bench/bench_uploads.c - ticket photos uploaded to a real memberstub on loopback.
 *
 * Memory: a fresh process (forked before anything big is made) signs a member in, files a
 * ticket offline with 5 photos of 8 MiB each and syncs it to the end; its peak RSS
 * (getrusage ru_maxrss, the whole process: library, libcurl, SQLite) against the 32 MiB
 * target. Photos are streamed from disk 1 MiB a request, so the peak does not grow with
 * them; one that read a photo whole would pass 8 MiB per photo held.
 * Throughput: bytes per second the sync round's uploads reach (GET where to go on from, then
 * 1 MiB PATCHes read from the file, each confirmed offset recorded in the store) against the
 * raw limit measured in the same run: one plain libcurl PATCH of the same file's bytes (read
 * from it by libcurl's read callback) to the same route of the same server. Measured in
 * interleaved pairs (raw, then the API, ...), one 8 MiB photo each side per pair.
 * Targets: peak RSS < 32 MiB, ratio >= 0.5; gates: peak RSS <= 1.0 of 32 MiB, ratio >= 0.25,
 * and the peak's growth while filing and syncing under half of one photo (0.5 of 8 MiB): a
 * process that held any photo whole grows by at least one photo, whatever the 32 MiB says.
 */
#define RSS_LIMIT_MIB      32.0
#define UPLOAD_RATIO_FLOOR 0.25 /* the target is 0.50 */
#define GROWTH_PER_PHOTO_CEILING                                                                   \
    0.5 /* RSS growth / one photo's bytes: streaming keeps it small                                \
         */
#define PHOTO_BYTES (8 * 1024 * 1024)
#define PHOTOS      5
#define PAIRS       6

#include <check.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "stub_process.h"
#include "sync_helpers.h"
#include "tempdir.h"
#include "upload_helpers.h"

static void die(const char *what)
{
    fprintf(stderr, "bench_uploads: %s\n", what);
    exit(2);
}

/* Peak RSS so far, KiB. */
static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* The child of the memory measurement: sign phone in over dir, file the photos, sync until
 * every upload is done; its peak RSS in KiB before filing and at the end on fd. */
static void memory_child(const stub_process *stub, const char *dir, const char *phone,
                         const char *const *paths, int fd)
{
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, phone);
    if (mc_sync_once(c, NULL, NULL) != MC_OK)
        die("first sync failed");
    long kib[2] = {max_rss_kib(), 0};
    upload_ticket t;
    upload_file_ticket(c, dir, paths, PHOTOS, &t);
    if (helper_sync_until_drained(c, 3) != MC_OK)
        die("the sync with the photos failed");
    for (int i = 0; i < PHOTOS; i++) {
        upload_stats stats;
        if (!upload_server_stats(stub, t.photo_ids[i], &stats) || !stats.complete)
            die("a photo did not reach the server");
    }
    mc_client_free(c);
    kib[1] = max_rss_kib();
    if (write(fd, kib, sizeof kib) != (ssize_t)sizeof kib)
        _exit(2);
    _exit(0);
}

/* The peak RSS (MiB) of a fresh process that files and uploads the photos, and (*before_mib)
 * its peak before filing. */
static double measure_memory(const stub_process *stub, const char *dir, const char *const *paths,
                             double *before_mib)
{
    int fds[2];
    if (pipe(fds) != 0)
        die("pipe");
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        close(fds[0]);
        memory_child(stub, dir, "+919800000002", paths, fds[1]);
    }
    close(fds[1]);
    long kib[2] = {0, 0};
    ssize_t n = read(fds[0], kib, sizeof kib);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (n != (ssize_t)sizeof kib || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("the memory child failed");
    *before_mib = (double)kib[0] / 1024.0;
    return (double)kib[1] / 1024.0;
}

static size_t read_file(char *into, size_t size, size_t nitems, void *userdata)
{
    return fread(into, size, nitems, (FILE *)userdata);
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr;
    (void)userdata;
    return size * nmemb;
}

/* One plain libcurl PATCH of the whole file to path; seconds taken. */
static double raw_patch(const stub_process *stub, const char *path, const char *token,
                        const char *file)
{
    FILE *f = fopen(file, "rb");
    CURL *curl = curl_easy_init();
    if (!f || !curl)
        die("raw: cannot start");
    char url[400], auth[300];
    snprintf(url, sizeof url, "%s%s", stub_url(stub), path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    struct curl_slist *headers = NULL;
    headers = curl_slist_append(headers, auth);
    headers = curl_slist_append(headers, "Upload-Offset: 0");
    headers = curl_slist_append(headers, "Content-Type: application/offset+octet-stream");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_file);
    curl_easy_setopt(curl, CURLOPT_READDATA, f);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)PHOTO_BYTES);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PATCH");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    double t0 = bench_now_ms();
    CURLcode rc = curl_easy_perform(curl);
    double seconds = (bench_now_ms() - t0) / 1e3;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    fclose(f);
    if (rc != CURLE_OK || status != 200)
        die("raw: the PATCH failed");
    return seconds;
}

static int outcome = 2;

/* Run as a Check test (no fork): the shared test helpers assert through Check. */
START_TEST(bench)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    stub_process *stub = stub_start_args(true, NULL, "/dev/null");
    if (!stub)
        die("memberstub did not start");
    char *files = tempdir_new();
    char paths[PHOTOS][4096], shas[PHOTOS][65];
    const char *list[PHOTOS];
    for (int i = 0; i < PHOTOS; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/photo%d.jpg", files, i);
        upload_make_jpeg(paths[i], PHOTO_BYTES, 100 + (uint32_t)i, shas[i]);
        list[i] = paths[i];
    }

    /* Memory, in a process of its own. */
    char *memory_dir = tempdir_new();
    double t0 = bench_now_ms();
    double before_mib = 0;
    double rss_mib = measure_memory(stub, memory_dir, list, &before_mib);
    double memory_s = (bench_now_ms() - t0) / 1e3;
    tempdir_free(memory_dir);

    /* Throughput, in pairs: raw (its own session), then the library. */
    char raw_token[128];
    if (stub_sign_in(stub, "+919800000001", raw_token, sizeof raw_token) != 0 ||
        stub_advance_clock(stub, 31000) != 0)
        die("raw sign-in failed");
    char *dir = tempdir_new();
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, "+919800000001");
    if (mc_sync_once(c, NULL, NULL) != MC_OK)
        die("first sync failed");
    double raw_rate[PAIRS], api_rate[PAIRS], raw_s = 0, api_s = 0;
    for (int p = 0; p < PAIRS; p++) {
        const char *file = paths[p % PHOTOS];
        upload_ticket raw;
        upload_declare_raw(stub, raw_token, file, &raw);
        char raw_path[200];
        snprintf(raw_path, sizeof raw_path, "/v1/tickets/%s/photos/%s/upload", raw.id,
                 raw.photo_ids[0]);
        double s = raw_patch(stub, raw_path, raw_token, file);
        raw_s += s;
        raw_rate[p] = PHOTO_BYTES / s;

        upload_ticket t;
        const char *one[1] = {file};
        upload_file_ticket(c, dir, one, 1, &t);
        double a0 = bench_now_ms();
        if (mc_sync_once(c, NULL, NULL) != MC_OK)
            die("sync failed");
        s = (bench_now_ms() - a0) / 1e3;
        api_s += s;
        api_rate[p] = PHOTO_BYTES / s;
        upload_stats stats;
        if (!upload_server_stats(stub, t.photo_ids[0], &stats) || !stats.complete)
            die("the photo did not reach the server");
    }
    mc_client_free(c);
    tempdir_free(dir);
    tempdir_free(files);
    if (stub_stop(stub) != 0)
        die("memberstub did not stop cleanly");
    curl_global_cleanup();

    bench_ratio ratio = bench_pair_ratio(api_rate, raw_rate, PAIRS);
    double total_mib = PAIRS * (double)PHOTO_BYTES / 1048576.0;
    char ratio_text[160];
    printf("file + sync of %d photos of %d MiB: %.2f s in a fresh process\n", PHOTOS,
           PHOTO_BYTES / 1048576, memory_s);
    printf("peak RSS of that process: %.1f MiB (%.1f MiB before filing; target < %.0f MiB), "
           "ratio to target %.2f (fails > 1.00)\n",
           rss_mib, before_mib, RSS_LIMIT_MIB, rss_mib / RSS_LIMIT_MIB);
    double growth = (rss_mib - before_mib) / (PHOTO_BYTES / 1048576.0);
    printf("peak RSS growth while filing and syncing: %.1f MiB, ratio to one photo %.2f "
           "(fails >= %.2f: photos must be streamed, never held whole)\n",
           rss_mib - before_mib, growth, GROWTH_PER_PHOTO_CEILING);
    printf("upload through sync: %.1f MiB in %.3f s = %.1f MiB per second (1 MiB PATCHes)\n",
           total_mib, api_s, total_mib / api_s);
    printf("raw libcurl PATCH: %.1f MiB in %.3f s = %.1f MiB per second (one request per photo)\n",
           total_mib, raw_s, total_mib / raw_s);
    printf("ratio to raw: %s (target >= 0.50, fails < %.2f)\n",
           bench_ratio_text(&ratio, "pairs of one 8 MiB photo", ratio_text, sizeof ratio_text),
           UPLOAD_RATIO_FLOOR);
    int ok = rss_mib / RSS_LIMIT_MIB <= 1.0 && growth < GROWTH_PER_PHOTO_CEILING &&
             ratio.median >= UPLOAD_RATIO_FLOOR;
    printf("%s\n", ok ? "bench_uploads: within targets" : "bench_uploads: OUTSIDE TARGETS");
    outcome = ok ? 0 : 1;
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bench_uploads");
    TCase *tc = tcase_create("bench");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, bench);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 2 : outcome;
}
